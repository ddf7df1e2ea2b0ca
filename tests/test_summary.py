"""What `zwgk check` prints: one row per unit with its findings per severity, gaps and score."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.console import Console

from checks.engine import AuditResult
from checks.summary import print_summary


def finding(unit, severity, gap=0):
    return {"unit": unit, "severity": severity, "gap": gap, "rule": "X-001"}


def score(unit, indicator, got, full, veto=0, status="checked", unit_veto=None):
    return {"unit": unit, "indicator": indicator, "score": got, "max": full, "veto": veto, "status": status,
            "detail": {"unit_veto": unit_veto} if unit_veto else {}}


def printed(findings, scores) -> list[str]:
    console = Console(record=True, width=200)
    print_summary(AuditResult(Path("/tmp/run"), date(2019, 9, 30), findings, scores, {}, []), console)
    return console.export_text().splitlines()


def row_of(lines, unit) -> list[str]:
    (line,) = [ln for ln in lines if f" {unit} " in ln]
    return [c.strip() for c in line.strip("│ ").split("│")]


def test_counts_per_severity_gaps_and_score_per_unit():
    lines = printed(
        [finding("a", "veto"), finding("a", "major"), finding("a", "major"), finding("a", "minor"),
         finding("a", "advisory", gap=1), finding("b", "advisory")],
        [score("a", "4.(1)", 0, 10, veto=1), score("a", "4.(2)", 7.5, 10),
         score("b", "4.(1)", 10, 10), score("b", "4.(2)", 0, 10, status="unchecked")])
    # 单位 | 单项否决 | 严重 | 一般 | 提示 | 需人工核查 | 得分
    assert row_of(lines, "a") == ["a", "1", "2", "1", "0", "1", "7.5/20（否决）"]
    assert row_of(lines, "b") == ["b", "0", "0", "0", "1", "0", "10/20（1项未能检测）"]
    assert any("共 5 个问题，1 处抓取不完整需人工核查" in ln for ln in lines)


def test_a_unit_veto_is_named_as_such():
    veto = {"rules": ["AVAIL-001"], "note": "单项否决：该单位总分计0分（规则 AVAIL-001）"}
    lines = printed([finding("a", "veto")],
                    [score("a", "4.(1)", 0, 10, veto=1, unit_veto=veto), score("a", "4.(2)", 0, 10, unit_veto=veto)])
    assert row_of(lines, "a")[-1] == "0/20（单位否决）"
