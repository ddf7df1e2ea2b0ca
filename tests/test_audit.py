"""The audit stage end to end: `zwgk check` and `zwgk eval` on the crawled demo world, and the
outputs (findings.csv/jsonl, scores) on hand-made snapshots."""
from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from datetime import date

import pytest

from checks.engine import audit_run
from checks.evaluate import evaluate, evaluate_run, matches
from checks.findings import fingerprint
from checks.registry import all_rules
from site_profiles import ProfileError, load_unit_types
from site_profiles.rubric import audit_spec, load_rubric
from tests.minisnap import PORTAL, Mini


def zwgk(*args) -> subprocess.CompletedProcess:
    # wide lines: rich would otherwise wrap a total across lines at its 80-column default
    return subprocess.run([sys.executable, "-m", "zwgk.cli", *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COLUMNS": "300"})


# Registered rules the demo world seeds no defect for (none: RULES.md asks for every code twice)
NOT_SEEDED: set[str] = set()


@pytest.mark.browser
def test_demo_world_every_seeded_defect_found_and_no_decoy_flagged(crawled, tmp_path):
    world, _, run_dir, _ = crawled
    proc = zwgk("check", str(run_dir))
    assert proc.returncode == 0, proc.stderr[-2000:]          # 1 when a rule crashed
    assert "检查出错" not in proc.stderr, proc.stderr[-2000:]
    assert "findings.csv" in proc.stdout
    truth_path = tmp_path / "truth.json"
    truth_path.write_text(json.dumps(world.truth, ensure_ascii=False), encoding="utf-8")
    seeded = [e for e in world.truth if not e.get("decoy")]
    assert all(e.get("severity") for e in seeded)             # so every match below includes the severity
    scores = evaluate_run(run_dir, truth_path)
    missed = [e for s in scores.values() for e in s.missed]
    decoys = [e for s in scores.values() for e in s.flagged_decoys]
    false = [(f["rule"], f["unit"], f["message"][:100]) for s in scores.values() for f in s.false]
    mismatched = [(f["rule"], f["unit"], f["severity"], e["severity"], e["note"])
                  for s in scores.values() for f, e in s.mismatched]
    assert not missed, missed
    assert not decoys, decoys
    assert false == []
    assert mismatched == []
    # every seeded defect found with its severity, and every finding is one of them
    assert sum(s.found for s in scores.values()) == len(seeded)
    findings = sum(s.findings for s in scores.values())
    assert sum(s.correct for s in scores.values()) == findings
    # every registered rule fired in this very run (read from its findings, not from evaluate's keys)
    db = sqlite3.connect(run_dir / "snapshot.db")
    fired = {r for (r,) in db.execute("select distinct rule from findings where gap = 0")}
    assert fired == set(all_rules()) - NOT_SEEDED, (set(all_rules()) - NOT_SEEDED) ^ fired
    # every list of every reachable unit was seen whole: the only coverage gaps are the down unit's
    from demo_sites.world import DOWN_UNITS
    down = set(DOWN_UNITS)
    gap_units = {u for (u,) in db.execute("select unit from coverage_gaps")}
    incomplete = db.execute("select unit, kind, key, reason from lists where complete = 0").fetchall()
    unchecked = {u for (u,) in db.execute("select unit from scores where status = 'unchecked'")}
    db.close()
    assert incomplete == [] and gap_units == down and unchecked == down, (incomplete, gap_units, unchecked)
    gaps = sum(s.gaps for s in scores.values())
    # the CLI's evaluation says the same
    out = zwgk("eval", str(run_dir), "--truth", str(truth_path))
    assert out.returncode == 0, out.stderr[-2000:]
    assert f"查全率 {len(seeded)}/{len(seeded)}，查准率 {findings}/{findings}，误报干扰项 0 个" in out.stdout, out.stdout
    assert "严重程度不符 0 处" in out.stdout, out.stdout
    # files in the run folder
    rows = list(csv.DictReader((run_dir / "findings.csv").open(encoding="utf-8-sig")))
    assert len(rows) == findings + gaps
    assert sum("抓取不完整，需人工核查" in r["message"] for r in rows) == gaps
    assert {"rule", "unit", "severity", "indicator", "url", "column", "index_no", "message", "fingerprint"} <= set(rows[0])
    lines = (run_dir / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == findings + gaps and json.loads(lines[0])["rule"]
    scores_csv = list(csv.DictReader((run_dir / "scores.csv").open(encoding="utf-8-sig")))
    assert {r["unit"] for r in scores_csv} == {u.id for u in world.units}
    assert any(r["veto"] == "1" for r in scores_csv) and all(r["thresholds"] for r in scores_csv)
    # checking again replaces, never adds
    again = zwgk("check", str(run_dir))
    assert again.returncode == 0
    assert len(list(csv.DictReader((run_dir / "findings.csv").open(encoding="utf-8-sig")))) == findings + gaps


def test_check_replaces_findings_and_writes_outputs(tmp_path):
    m = Mini(tmp_path)
    m.item(publisher="", column_path="=cmd|' /C calc'!A0")       # crawled text that looks like a formula
    m.snap.close()
    first = audit_run(tmp_path / "run")
    second = audit_run(tmp_path / "run")
    assert first.errors == [] and second.errors == []   # a crashing rule would read as "clean"
    assert [f["fingerprint"] for f in first.findings] == [f["fingerprint"] for f in second.findings]
    rows = list(csv.DictReader((tmp_path / "run" / "findings.csv").open(encoding="utf-8-sig")))
    meta = [r for r in rows if r["rule"] == "META-001"]
    assert meta and meta[0]["column"] == "'=cmd|' /C calc'!A0"     # never a formula in a spreadsheet
    db = sqlite3.connect(tmp_path / "run" / "snapshot.db")
    assert db.execute("select count(*) from findings").fetchone()[0] == len(first.findings)
    assert db.execute("select count(distinct indicator) from scores where unit='u'").fetchone()[0] >= 12


def test_columns_record_the_required_column_they_matched(tmp_path):
    m = Mini(tmp_path)
    m.column("法定主动公开内容 > 机构概况 > 领导简介")
    m.column("法定主动公开内容 > 杂项")
    m.snap.close()
    assert audit_run(tmp_path / "run").errors == []
    db = sqlite3.connect(tmp_path / "run" / "snapshot.db")
    matched = dict(db.execute("select path, matched from columns"))
    assert matched == {"法定主动公开内容 > 机构概况 > 领导简介": "机构职能 > 领导信息", "法定主动公开内容 > 杂项": None}


def test_scores_deduct_cap_and_veto(tmp_path):
    m = Mini(tmp_path)
    for n in range(7):
        m.item(publisher="")                         # 7 minor META-001 findings → 7 points, capped at 6
    m.add("listings", url="http://portal.example.gov.cn/a.html", title="要闻", date="2019-01-01",
          source="home", source_url=PORTAL)           # FRESH-001: veto
    m.snap.close()
    result = audit_run(tmp_path / "run")
    assert result.errors == []
    by = {s["indicator"]: s for s in result.scores}
    assert by["3.(2)"]["points"] == 6 and by["3.(2)"]["score"] == 0 and by["3.(2)"]["detail"]["raw_deduction"] == 7
    assert by["3.(3)"]["veto"] == 1 and by["3.(3)"]["score"] == 0
    assert by["4.(4)"]["score"] == by["4.(4)"]["max"]


def test_no_report_indicators_for_institutions(tmp_path):
    m = Mini(tmp_path, unit_type="institution")
    m.snap.close()
    result = audit_run(tmp_path / "run")
    assert result.errors == []
    indicators = {s["indicator"] for s in result.scores}
    assert "2.(9)" not in indicators and "4.(1)" in indicators


def test_fingerprints_are_stable_across_ports_and_query_order():
    a = fingerprint("LINK-001", "u", "http://127.0.0.3:8800/x?b=2&a=1", None, None)
    b = fingerprint("LINK-001", "u", "http://127.0.0.3:9900/x?a=1&b=2#top", None, None)
    assert a == b != fingerprint("LINK-001", "v", "http://127.0.0.3:8800/x?b=2&a=1", None, None)


def test_eval_matching_uses_the_most_specific_place():
    entry = {"rule": "META-001", "unit": "u", "url": "http://h/1.html", "column": "A > B", "index_no": "X/201901-00001"}
    assert matches({"rule": "META-001", "unit": "u", "url": "http://h/2.html", "column_path": "A > B",
                    "index_no": "X/201901-00001"}, entry)
    assert not matches({"rule": "META-001", "unit": "u", "url": "http://h/1.html", "column_path": "A > B",
                        "index_no": "X/201901-00002"}, entry)
    assert matches({"rule": "CAT-001", "unit": "u", "url": "http://h/", "column_path": "行政执法 > 听证公告",
                    "index_no": None}, {"rule": "CAT-001", "unit": "u", "url": "http://h/", "column": "听证公告"})
    decoy = dict(entry, decoy=True, index_no="X/201901-00009")
    scores = evaluate([{"rule": "META-001", "unit": "u", "url": None, "column_path": None,
                        "index_no": "X/201901-00009"}], [entry, decoy])
    s = scores["META-001"]
    assert (s.expected, s.found, s.findings, s.correct, s.decoys_flagged) == (1, 0, 1, 0, 1)


SEEDED = {"rule": "FRESH-005", "unit": "u", "url": "http://h/1.html", "column": "A", "index_no": "X/201901-00001",
          "note": "发布日期晚于检查日"}


def claim(severity: str, url: str = "http://h/1.html") -> dict:
    return {"rule": "FRESH-005", "unit": "u", "url": url, "column_path": "A", "index_no": "X/201901-00001",
            "severity": severity, "message": "发布日期晚于检查日"}


@pytest.mark.parametrize("found, seeded, agrees", [
    ("major", "major", True),
    ("minor", "major", False),       # the default severity where the seeded one was raised
    ("veto", "major", False),
    ("advisory", "minor", False),
    ("veto", None, True),            # a truth entry without a severity takes any
])
def test_eval_severity_mismatch_is_not_a_true_positive(found, seeded, agrees):
    entry = dict(SEEDED, **({"severity": seeded} if seeded else {}))
    finding = claim(found)
    s = evaluate([finding], [entry])["FRESH-005"]
    if agrees:
        assert (s.findings, s.correct, s.found, s.precision, s.recall, s.mismatched) == (1, 1, 1, 1, 1, [])
    else:
        assert (s.findings, s.correct, s.found, s.precision, s.recall) == (1, 0, 0, 0, 0)
        assert s.mismatched == [(finding, entry)]
    assert s.missed == [] and s.false == []          # a mismatch is listed once: as a mismatch


def test_eval_one_defect_found_twice_with_two_severities():
    entry = dict(SEEDED, severity="major")
    right, wrong = claim("major"), claim("minor", url="http://h/1.html?print=1")
    s = evaluate([wrong, right], [entry])["FRESH-005"]
    assert (s.findings, s.correct, s.found, s.precision, s.recall) == (2, 1, 1, 0.5, 1)
    assert s.mismatched == [(wrong, entry)] and s.missed == [] and s.false == []


def test_eval_cli_prints_severity_mismatches(tmp_path):
    m = Mini(tmp_path)
    future = m.item(published="2019-11-30")          # FRESH-005: a future date is major
    bare = m.item(publisher="")                      # META-001: minor
    m.snap.close()
    assert audit_run(tmp_path / "run").errors == []
    truth = [dict(SEEDED, url=future["url"], index_no=future["index_no"], column=None, severity="minor"),
             {"rule": "META-001", "unit": "u", "url": bare["url"], "column": None, "index_no": bare["index_no"],
              "note": "缺少发布机构", "severity": "minor"}]
    path = tmp_path / "truth.json"
    path.write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    proc = zwgk("eval", str(tmp_path / "run"), "--truth", str(path))
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.startswith("严重程度不符")]
    assert lines == [f"严重程度不符 FRESH-005 u：应为“一般”，实为“严重”：发布日期晚于检查日（{future['url']}）",
                     "严重程度不符 1 处（位置对而严重程度不对：不算查出，计入查准率的分母）"]
    assert "漏报 FRESH-005" not in proc.stdout and "误报 FRESH-005" not in proc.stdout
    rows = {cells[0]: cells[1:] for cells in (
        [c.strip() for c in line.strip("│┃ ").split("│")] for line in proc.stdout.splitlines() if "│" in line)}
    # 应查出, 查出, 问题数, 查准率, 查全率: the mismatch counts in neither rate, the agreeing META-001 in both
    assert rows["FRESH-005"][:5] == ["1", "0", "1", "0%", "0%"]
    assert rows["META-001"][:5] == ["1", "1", "1", "100%", "100%"]


def test_bad_rubric_names_file_line_and_field(tmp_path):
    path = tmp_path / "rubric.yaml"
    text = (load_rubric().source.read_text(encoding="utf-8")
            .replace("rules: [APPLY-001]", "rules: [APLY-001]"))
    path.write_text(text, encoding="utf-8")
    from checks.registry import all_rules
    with pytest.raises(ProfileError) as err:
        load_rubric(path, known_rules=all_rules())
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "APLY-001" in t)
    assert err.value.line == line and "APLY-001" in str(err.value) and "3.(4)" in err.value.field


def test_unit_type_rubric_overrides_and_bad_catalog(tmp_path):
    rubric = load_rubric()
    county = audit_spec(load_unit_types()["county"], rubric)
    assert county.rubric.indicators["公众参与"].clause == "二(二)1.(6)"
    assert any(c.path == "重点领域信息公开 > 扶贫" for c in county.catalog)
    folder = tmp_path / "types"
    folder.mkdir()
    (folder / "t.yaml").write_text("id: t\nname: 测试\ncatalog:\n  - 政策文件\n  - {a: 1, b: 2}\n", encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        audit_spec(load_unit_types(folder)["t"], rubric)
    assert err.value.line == 5 and err.value.field == "catalog[1]"


def test_check_cli_errors(tmp_path):
    proc = zwgk("check", str(tmp_path))
    assert proc.returncode == 2 and "snapshot.db" in proc.stderr
    m = Mini(tmp_path)
    m.snap.close()
    proc = zwgk("eval", str(tmp_path / "run"), "--truth", str(tmp_path / "missing.json"))
    assert proc.returncode == 2 and "标准答案" in proc.stderr


def test_as_of_override(tmp_path):
    m = Mini(tmp_path)
    m.add("listings", url="http://portal.example.gov.cn/a.html", title="要闻", date="2019-09-20",
          source="home", source_url=PORTAL)
    m.snap.close()
    result = audit_run(tmp_path / "run")
    assert result.errors == []
    assert not [f for f in result.findings if f["rule"] == "FRESH-001"]
    later = audit_run(tmp_path / "run", as_of=date(2019, 10, 20))
    assert later.errors == []
    assert [f for f in later.findings if f["rule"] == "FRESH-001"]
