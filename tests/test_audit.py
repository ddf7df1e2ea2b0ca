"""The audit stage end to end: `zwgk check` and `zwgk eval` on the crawled demo world, and the
outputs (findings.csv/jsonl, scores) on hand-made snapshots."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date

import pytest

from checks.engine import audit_run
from checks.evaluate import evaluate, evaluate_run, matches
from checks.findings import fingerprint
from site_profiles import ProfileError, load_unit_types
from site_profiles.rubric import audit_spec, load_rubric
from tests.minisnap import PORTAL, Mini


def zwgk(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zwgk.cli", *args], capture_output=True, text=True, timeout=600)


@pytest.mark.browser
def test_demo_world_every_seeded_defect_found_and_no_decoy_flagged(crawled, tmp_path):
    world, _, run_dir, _ = crawled
    proc = zwgk("check", str(run_dir))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "findings.csv" in proc.stdout
    truth_path = tmp_path / "truth.json"
    truth_path.write_text(json.dumps(world.truth, ensure_ascii=False), encoding="utf-8")
    scores = evaluate_run(run_dir, truth_path)
    missed = [e for s in scores.values() for e in s.missed]
    decoys = [e for s in scores.values() for e in s.flagged_decoys]
    false = [(f["rule"], f["unit"], f["message"][:100]) for s in scores.values() for f in s.false]
    assert not missed, missed
    assert not decoys, decoys
    findings = sum(s.findings for s in scores.values())
    assert false == []
    assert set(scores) >= {e["rule"] for e in world.truth}       # all 43 codes seeded and checked
    # every list of every reachable unit was seen whole: the only coverage gaps are the down unit's
    from demo_sites.world import DOWN_UNITS
    down = set(DOWN_UNITS)
    import sqlite3
    db = sqlite3.connect(run_dir / "snapshot.db")
    gap_units = {u for (u,) in db.execute("select unit from coverage_gaps")}
    incomplete = db.execute("select unit, kind, key, reason from lists where complete = 0").fetchall()
    unchecked = {u for (u,) in db.execute("select unit from scores where status = 'unchecked'")}
    db.close()
    assert incomplete == [] and gap_units == down and unchecked == down, (incomplete, gap_units, unchecked)
    gaps = sum(s.gaps for s in scores.values())
    # the CLI's evaluation says the same
    out = zwgk("eval", str(run_dir), "--truth", str(truth_path))
    assert out.returncode == 0 and "查全率" in out.stdout
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
    assert [f["fingerprint"] for f in first.findings] == [f["fingerprint"] for f in second.findings]
    rows = list(csv.DictReader((tmp_path / "run" / "findings.csv").open(encoding="utf-8-sig")))
    meta = [r for r in rows if r["rule"] == "META-001"]
    assert meta and meta[0]["column"] == "'=cmd|' /C calc'!A0"     # never a formula in a spreadsheet
    import sqlite3
    db = sqlite3.connect(tmp_path / "run" / "snapshot.db")
    assert db.execute("select count(*) from findings").fetchone()[0] == len(first.findings)
    assert db.execute("select count(distinct indicator) from scores where unit='u'").fetchone()[0] >= 12


def test_columns_record_the_required_column_they_matched(tmp_path):
    m = Mini(tmp_path)
    m.column("法定主动公开内容 > 机构概况 > 领导简介")
    m.column("法定主动公开内容 > 杂项")
    m.snap.close()
    audit_run(tmp_path / "run")
    import sqlite3
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
    by = {s["indicator"]: s for s in result.scores}
    assert by["3.(2)"]["points"] == 6 and by["3.(2)"]["score"] == 0 and by["3.(2)"]["detail"]["raw_deduction"] == 7
    assert by["3.(3)"]["veto"] == 1 and by["3.(3)"]["score"] == 0
    assert by["4.(4)"]["score"] == by["4.(4)"]["max"]


def test_no_report_indicators_for_institutions(tmp_path):
    m = Mini(tmp_path, unit_type="institution")
    m.snap.close()
    indicators = {s["indicator"] for s in audit_run(tmp_path / "run").scores}
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
    assert not [f for f in audit_run(tmp_path / "run").findings if f["rule"] == "FRESH-001"]
    later = audit_run(tmp_path / "run", as_of=date(2019, 10, 20))
    assert [f for f in later.findings if f["rule"] == "FRESH-001"]
