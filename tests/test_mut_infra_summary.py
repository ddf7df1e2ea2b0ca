"""What `zwgk check` and `zwgk eval` print, rendered in process: titles, headers, alignment, every
count and the closing totals (tests/test_summary.py covers the basic per-unit row)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from checks.engine import AuditResult
from checks.evaluate import RuleScore
from checks.summary import print_evaluation, print_summary


def finding(unit, severity, gap=0):
    return {"unit": unit, "severity": severity, "gap": gap, "rule": "X-001"}


def score(unit, got, full, veto=0, status="checked", unit_veto=False):
    return {"unit": unit, "indicator": "4.(1)", "score": got, "max": full, "veto": veto, "status": status,
            "detail": {"unit_veto": {"rules": ["AVAIL-001"]}} if unit_veto else {}}


def check_output(findings, scores, run_dir="/tmp/run") -> list[str]:
    console = Console(record=True, width=400)
    print_summary(AuditResult(Path(run_dir), date(2019, 9, 30), findings, scores, {}, []), console)
    return console.export_text().splitlines()


def eval_output(scores) -> list[str]:
    console = Console(record=True, width=400)
    print_evaluation(scores, console)
    return console.export_text().splitlines()


def raw_cells(line: str) -> list[str]:
    """The cells of a table line as drawn, padding kept."""
    sep = "┃" if "┃" in line else "│"
    return line.split(sep)[1:-1]


def table_rows(lines) -> list[list[str]]:
    return [[c.strip() for c in raw_cells(ln)] for ln in lines if ln.startswith(("┃", "│"))]


def alignment(cell: str) -> str:
    """'right' when the text sits against the right border, 'left' against the left one."""
    if cell.startswith("  ") and cell.endswith(" ") and not cell.endswith("  "):
        return "right"
    if cell.startswith(" ") and not cell.startswith("  ") and cell.endswith("  "):
        return "left"
    return "?"


# ---- zwgk check -------------------------------------------------------------------------------

def test_check_table_title_headers_and_alignment():
    lines = check_output([finding("a", "minor")], [score("a", 1, 2)])
    assert lines[0].strip() == "检查结果（基准日 2019-09-30）"
    header, row = table_rows(lines)
    assert header == ["单位", "单项否决", "严重", "一般", "提示", "需人工核查", "得分"]
    assert row == ["a", "0", "0", "1", "0", "0", "1/2"]
    (row_line,) = [ln for ln in lines if ln.startswith("│")]
    assert [alignment(c) for c in raw_cells(row_line)] == ["left"] + ["right"] * 6


def test_check_rows_sorted_by_unit_and_only_units_with_scores():
    lines = check_output([finding("zz", "veto"), finding("orphan", "major"), finding("aa", "advisory")],
                         [score("zz", 0, 5, veto=1), score("aa", 4, 5), score("mm", 5, 5)])
    rows = table_rows(lines)[1:]
    assert [r[0] for r in rows] == ["aa", "mm", "zz"]
    assert rows[0] == ["aa", "0", "0", "0", "1", "0", "4/5"]
    assert rows[1] == ["mm", "0", "0", "0", "0", "0", "5/5"]
    assert rows[2] == ["zz", "1", "0", "0", "0", "0", "0/5（否决）"]


@pytest.mark.parametrize("scores, shown", [
    ([score("a", 2.5, 5), score("a", 1, 5)], "3.5/10"),
    ([score("a", 0, 5, veto=1), score("a", 5, 5)], "5/10（否决）"),
    ([score("a", 0, 5, veto=1, unit_veto=True), score("a", 0, 5, unit_veto=True)], "0/10（单位否决）"),
    ([score("a", 0, 5), score("a", 0, 5, unit_veto=True)], "0/10（单位否决）"),
    ([score("a", 0, 5, status="unchecked"), score("a", 5, 5, status="unchecked"), score("a", 5, 5)],
     "10/15（2项未能检测）"),
    ([score("a", 0, 5, veto=1), score("a", 0, 5, status="unchecked")], "0/10（否决）（1项未能检测）"),
])
def test_check_score_cell_names_vetoes_and_unchecked_indicators(scores, shown):
    assert table_rows(check_output([], scores))[1][-1] == shown


def test_check_unit_names_are_shown_literally_not_as_markup():
    lines = check_output([finding("a[bold]b[/bold]", "minor")], [score("a[bold]b[/bold]", 1, 1)])
    assert table_rows(lines)[1][:4] == ["a[bold]b[/bold]", "0", "0", "1"]


def test_check_totals_leave_gaps_out_of_the_problems_and_name_the_files():
    lines = check_output([finding("a", "minor"), finding("a", "major"), finding("a", "advisory", gap=1),
                          finding("a", "advisory", gap=1), finding("a", "advisory", gap=1)],
                         [score("a", 1, 1)], run_dir="/tmp/r1")
    assert table_rows(lines)[1] == ["a", "0", "1", "1", "0", "3", "1/1"]
    assert lines[-1] == ("共 2 个问题，3 处抓取不完整需人工核查；已写入 /tmp/r1/findings.csv、/tmp/r1/findings.jsonl、"
                         "/tmp/r1/scores.csv")


def test_check_prints_to_the_terminal_without_a_console(capsys):
    print_summary(AuditResult(Path("/tmp/r2"), date(2019, 9, 30), [finding("a", "minor")], [score("a", 1, 1)], {}, []))
    out = capsys.readouterr().out
    assert "检查结果（基准日 2019-09-30）" in out and "共 1 个问题，0 处抓取不完整需人工核查" in out


# ---- zwgk eval --------------------------------------------------------------------------------

def test_eval_table_title_headers_alignment_and_rates():
    lines = eval_output({"X": RuleScore("X", expected=3, found=1, findings=2, correct=1, decoys=2, decoys_flagged=1,
                                        gaps=4)})
    assert lines[0].strip() == "检查结果与标准答案比对"
    header, row = table_rows(lines)
    assert header == ["规则", "应查出", "查出", "问题数", "查准率", "查全率", "误报干扰项", "需人工核查"]
    assert row == ["X", "3", "1", "2", "50%", "33%", "1/2", "4"]
    (row_line,) = [ln for ln in lines if ln.startswith("│")]
    assert [alignment(c) for c in raw_cells(row_line)] == ["left"] + ["right"] * 7


def test_eval_rates_without_findings_or_defects_are_dashes():
    rows = table_rows(eval_output({"A": RuleScore("A"), "B": RuleScore("B", expected=3, found=2, findings=3,
                                                                      correct=3)}))[1:]
    assert rows == [["A", "0", "0", "0", "—", "—", "0/0", "0"], ["B", "3", "2", "3", "100%", "67%", "0/0", "0"]]


def test_eval_lists_missed_false_and_flagged_decoys_then_totals():
    a = RuleScore("A-001", expected=2, found=1, findings=3, correct=1, decoys=1, decoys_flagged=1, gaps=2,
                  missed=[{"unit": "u[x]", "note": "缺发布机构", "url": "http://h/1"}, {"unit": "v", "note": None}],
                  false=[{"unit": "u", "message": "甲" * 119 + "乙丙"}, {"unit": "w[y]", "message": "[b]短[/b]"}],
                  flagged_decoys=[{"unit": "u", "note": "干扰项"}, {"unit": "v[z]"}])
    b = RuleScore("B-002", expected=5, found=4, findings=6, correct=4, decoys=3, decoys_flagged=2, gaps=1)
    lines = eval_output({"A-001": a, "B-002": b})
    after = lines[lines.index(next(ln for ln in lines if ln.startswith("└"))) + 1:]
    assert after == [
        "漏报 A-001 u[x]：缺发布机构（http://h/1）",
        "漏报 A-001 v：（）",
        "误报 A-001 u：" + "甲" * 119 + "乙",      # the message cut at 120 characters
        "误报 A-001 w[y]：[b]短[/b]",
        "误报干扰项 A-001 u：干扰项",
        "误报干扰项 A-001 v[z]：",
        "合计：查全率 5/7，查准率 5/9，误报干扰项 3 个，抓取不完整需人工核查 3 处（不计入查准率、查全率）"]


def test_eval_prints_to_the_terminal_without_a_console(capsys):
    print_evaluation({"X": RuleScore("X", expected=1)})
    out = capsys.readouterr().out
    assert "检查结果与标准答案比对" in out and "合计：查全率 0/1，查准率 0/0" in out


def check_output_of(result) -> list[str]:
    console = Console(record=True, width=400)
    print_summary(result, console)
    return console.export_text().splitlines()


def after_table(lines) -> list[str]:
    return lines[lines.index(next(ln for ln in lines if ln.startswith("└"))) + 1:]


@pytest.mark.parametrize("profiles, basis", [
    ("frozen", "检查依据：抓取时冻结的配置（/tmp/r3/profiles）"),
    ("package", "检查依据：程序自带的单位类型和评分细则（该运行未冻结配置）"),
    ("/srv/zwgk/profiles/2025.yaml", "检查依据：当前配置 /srv/zwgk/profiles/2025.yaml（不是抓取时冻结的副本）"),
])
def test_check_names_the_profiles_the_run_was_audited_against(profiles, basis):
    result = AuditResult(Path("/tmp/r3"), date(2019, 9, 30), [finding("a", "minor")], [score("a", 1, 1)], {}, [],
                         "complete", profiles)
    assert after_table(check_output_of(result)) == [
        basis, "共 1 个问题，0 处抓取不完整需人工核查；已写入 /tmp/r3/findings.csv、/tmp/r3/findings.jsonl、/tmp/r3/scores.csv"]


def test_check_of_a_complete_run_by_default_audited_against_the_package():
    result = AuditResult(Path("/tmp/r4"), date(2019, 9, 30), [], [score("a", 1, 1)], {}, [])
    assert after_table(check_output_of(result))[:-1] == ["检查依据：程序自带的单位类型和评分细则（该运行未冻结配置）"]


@pytest.mark.parametrize("status", ["running", "failed"])
def test_check_of_an_unfinished_crawl_warns_that_findings_are_partial(status):
    result = AuditResult(Path("/tmp/r5"), date(2019, 9, 30), [], [score("a", 1, 1)], {}, [], status, "frozen")
    assert after_table(check_output_of(result))[:-1] == [
        "检查依据：抓取时冻结的配置（/tmp/r5/profiles）",
        f"注意：本次抓取未完成（状态 {status}），以下结果只反映已抓取的部分，每条问题均标注“部分抓取”"]
