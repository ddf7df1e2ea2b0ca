"""The audit engine (checks/engine.py): which rules run on a unit, what a failing rule leaves, the
order and uniqueness of findings, and what `audit_run` stores and exports."""
from __future__ import annotations

import csv
import hashlib
import dataclasses
import json
import logging
import shutil
import sqlite3
from datetime import date

import pytest

import checks.registry as registry
from checks.audit import UnitData
from checks.engine import audit_run, audit_unit
from checks.registry import Rule
from crawler.snapshot import Snapshot
from site_profiles import UNIT_TYPES_DIR, ProfileError
from site_profiles.rubric import RUBRIC_PATH, load_rubric
from tests.minisnap import DISCLOSURE, PORTAL, Mini, _spec


def unit_data(m: Mini, spec=None) -> UnitData:
    m.snap.flush()
    return UnitData(m.snap, next(m.snap.rows("units")), spec or _spec(m.type), m.as_of)


def make_rule(code, check, severity="minor", indicator="9.(9)", administrative_only=False, **params):
    return Rule(code, f"{code}的问题", severity, indicator, "P2015 测试", "应当如此", params, administrative_only, check)


def yields(*places):
    """A check yielding one finding per (message, kwargs) place."""
    def check(audit):
        for message, kw in places:
            yield audit.finding(message, **kw)
    return check


# ---- audit_unit -------------------------------------------------------------------------------

@pytest.mark.parametrize("unit_type, runs", [("county", True), ("institution", False)])
def test_administrative_only_rules_skip_institutions(tmp_path, unit_type, runs):
    m = Mini(tmp_path, unit_type=unit_type)
    rules = {"T-001": make_rule("T-001", yields(("条例职责", {})), administrative_only=True),
             "T-002": make_rule("T-002", yields(("人人都有", {})))}
    rows = audit_unit(unit_data(m), rules, [])
    assert [r["rule"] for r in rows] == (["T-001", "T-002"] if runs else ["T-002"])


def broken(audit):
    yield audit.finding("先找到一个")
    raise RuntimeError("规则出错")


def test_a_failing_rule_is_recorded_and_logged_and_the_others_still_report(tmp_path, caplog):
    m = Mini(tmp_path)
    rules = {"T-001": make_rule("T-001", broken), "T-002": make_rule("T-002", yields(("照常", {})))}
    errors = ["earlier"]
    with caplog.at_level(logging.ERROR, logger="checks.engine"):
        rows = audit_unit(unit_data(m), rules, errors)
    assert errors == ["earlier", "u T-001: RuntimeError: 规则出错"]
    assert [r["rule"] for r in rows] == ["T-002"]        # a half-run rule yields nothing
    (record,) = caplog.records
    assert record.getMessage() == "T-001 on u failed" and record.exc_info[0] is RuntimeError   # with its traceback


def test_a_failing_rule_raises_when_no_errors_are_collected(tmp_path):
    m = Mini(tmp_path)
    with pytest.raises(RuntimeError, match="规则出错"):
        audit_unit(unit_data(m), {"T-001": make_rule("T-001", broken)})


def test_indicator_is_the_rubric_one_else_the_rule_default(tmp_path):
    m = Mini(tmp_path)
    # META-001 is scored under 3.(2) in the rubric, whatever the rule's own default says
    rules = {"META-001": make_rule("META-001", yields(("甲", {})), indicator="9.(9)"),
             "T-001": make_rule("T-001", yields(("乙", {})), indicator="8.(8)")}
    assert {r["rule"]: r["indicator"] for r in audit_unit(unit_data(m), rules, [])} == \
        {"META-001": "3.(2)", "T-001": "8.(8)"}


def test_a_rule_sees_its_parameters_after_the_unit_type_overrides(tmp_path):
    m = Mini(tmp_path)
    seen = {}

    def check(audit):
        seen[audit.rule.code] = dict(audit.params)
        return ()
    spec = dataclasses.replace(_spec("county"), rule_params={"T-001": {"days": 30}})
    rules = {"T-001": make_rule("T-001", check, days=20, cap=5), "T-002": make_rule("T-002", check, days=20)}
    assert audit_unit(unit_data(m, spec), rules, []) == []
    assert seen == {"T-001": {"days": 30, "cap": 5}, "T-002": {"days": 20}}


def test_findings_come_veto_first_then_by_rule_url_and_index_no_once_per_fingerprint(tmp_path):
    m = Mini(tmp_path)
    rules = {
        "A-001": make_rule("A-001", yields(("a3", {"url": "http://h/3"}), ("a1", {"url": "http://h/1"}),
                                           ("a-none", {}), ("a1-again", {"url": "http://h/1"}),
                                           ("a1-x2", {"url": "http://h/1", "index_no": "X/2"}),
                                           ("a1-x1", {"url": "http://h/1", "index_no": "X/1"}),
                                           ("a-upper", {"url": "HTTP://H/0"}))),
        "B-001": make_rule("B-001", yields(("b-veto", {"url": "http://h/9", "severity": "veto"}),
                                           ("b-advisory", {"url": "http://h/0", "severity": "advisory"})),
                           severity="major"),
        "C-001": make_rule("C-001", yields(("c-major", {"url": "http://h/0", "severity": "major"}),
                                           ("c-minor", {}))),
    }
    rows = audit_unit(unit_data(m), rules, [])
    assert [r["message"].split("。")[0] for r in rows] == [
        "b-veto", "c-major", "a-none", "a-upper", "a1", "a1-x1", "a1-x2", "a3", "c-minor", "b-advisory"]
    assert len({r["fingerprint"] for r in rows}) == len(rows)


def test_the_same_problem_reached_twice_is_reported_once_as_first_found(tmp_path):
    m = Mini(tmp_path)
    rules = {"T-001": make_rule("T-001", yields(("第一次", {"url": "http://h/1"}), ("另一处", {"url": "http://h/2"}),
                                                ("第二次", {"url": "http://h/1", "severity": "major"})))}
    rows = audit_unit(unit_data(m), rules, [])
    assert [(r["url"], r["severity"], r["message"].split("。")[0]) for r in rows] == [
        ("http://h/1", "minor", "第一次"), ("http://h/2", "minor", "另一处")]


# ---- audit_run --------------------------------------------------------------------------------

def mini_with_gap(tmp_path) -> Mini:
    """A unit with one minor finding (META-001) and one coverage gap (FRESH-002: a stale list not
    seen whole)."""
    m = Mini(tmp_path)
    m.item(publisher="")
    m.column("法定主动公开内容 > 工作动态", item_count=5, newest_date="2019-08-01", complete=False)
    return m


def stored(run, table, columns):
    db = sqlite3.connect(run / "snapshot.db")
    try:
        return db.execute(f"select {columns} from {table} order by 1, 2").fetchall()
    finally:
        db.close()


def test_audit_run_stores_findings_gaps_and_scores_and_exports_them(tmp_path):
    m = mini_with_gap(tmp_path)
    m.add("coverage_gaps", rule="OLD-001", place="旧的", reason="上次的", fingerprint="old")
    m.snap.close()
    run = tmp_path / "run"
    result = audit_run(run)
    assert result.errors == [] and result.run_dir == run and result.as_of == date(2019, 9, 30)
    assert list(result.specs) == ["county"]
    (gap,) = [f for f in result.findings if f["gap"]]
    assert gap["rule"] == "FRESH-002"
    assert stored(run, "coverage_gaps", "unit, rule, indicator, place, url, column_path, reason, fingerprint") == [
        ("u", "FRESH-002", gap["indicator"], gap["evidence"]["place"], gap["url"], gap["column_path"],
         gap["evidence"]["reason"], gap["fingerprint"])]
    assert gap["evidence"]["place"] and gap["evidence"]["reason"] and gap["column_path"] == "法定主动公开内容 > 工作动态"
    (evidence,) = stored(run, "coverage_gaps", "evidence, 1")
    assert json.loads(evidence[0]) == gap["evidence"]
    keys = "rule, unit, severity, indicator, url, column_path, index_no, message, fingerprint, gap"
    assert sorted(stored(run, "findings", keys), key=repr) == \
        sorted((tuple(f[k.strip()] for k in keys.split(",")) for f in result.findings), key=repr)
    assert {(r, s) for r, s in stored(run, "findings", "rule, severity")} >= {("META-001", "minor"),
                                                                               ("FRESH-002", "advisory")}
    assert stored(run, "scores", "unit, indicator, score, max") == sorted(
        (s["unit"], s["indicator"], s["score"], s["max"]) for s in result.scores)
    rows = list(csv.DictReader((run / "findings.csv").open(encoding="utf-8-sig")))
    assert sorted(r["fingerprint"] for r in rows) == sorted(f["fingerprint"] for f in result.findings)
    scores_csv = list(csv.DictReader((run / "scores.csv").open(encoding="utf-8-sig")))
    assert len(scores_csv) == len(result.scores) > 0


def test_audit_run_again_replaces_rather_than_adds(tmp_path):
    m = mini_with_gap(tmp_path)
    m.snap.close()
    first = audit_run(tmp_path / "run")
    second = audit_run(tmp_path / "run")
    assert len(stored(tmp_path / "run", "findings", "id, 1")) == len(first.findings) == len(second.findings)
    assert len(stored(tmp_path / "run", "coverage_gaps", "id, 1")) == 1
    assert len(stored(tmp_path / "run", "scores", "unit, indicator")) == len(second.scores)


def test_a_unit_of_an_unknown_type_is_an_error_and_the_others_are_audited(tmp_path):
    m = Mini(tmp_path)
    m.item(publisher="")
    m.snap.upsert_unit({"id": "a-odd", "name": "甲", "type": "nosuch", "org_code": "1", "portal": "http://a/",
                        "disclosure": "http://a/x", "hosts": [], "status": "ok"})
    m.snap.upsert_unit({"id": "z-odd", "name": "乙", "type": "other", "org_code": "2", "portal": "http://z/",
                        "disclosure": "http://z/x", "hosts": [], "status": "ok"})
    m.snap.close()
    result = audit_run(tmp_path / "run")
    assert result.errors == ["a-odd: 未知的单位类型 nosuch", "z-odd: 未知的单位类型 other"]
    assert {f["unit"] for f in result.findings} == {"u"} and {s["unit"] for s in result.scores} == {"u"}


def test_units_of_one_type_share_its_spec_and_are_audited_in_id_order(tmp_path):
    m = Mini(tmp_path)
    for uid in ("b", "a"):
        m.snap.upsert_unit({"id": uid, "name": uid, "type": "institution", "org_code": "1",
                            "portal": f"http://{uid}/", "disclosure": f"http://{uid}/x", "hosts": [], "status": "ok"})
    m.snap.close()
    result = audit_run(tmp_path / "run")
    assert result.errors == []
    assert sorted(result.specs) == ["county", "institution"]
    assert result.specs["institution"].type.id == "institution"
    units = [s["unit"] for s in result.scores]
    assert units == sorted(units) and set(units) == {"a", "b", "u"}


def test_a_unit_no_site_of_which_was_read_is_scored_unchecked(tmp_path):
    snap = Snapshot.create(tmp_path / "run", "t", "test", "2019-09-30")
    snap.upsert_unit({"id": "down", "name": "甲", "type": "county", "org_code": "1", "portal": "http://a/",
                      "disclosure": "http://a/x", "hosts": [], "status": "down"})
    snap.close()
    result = audit_run(tmp_path / "run")
    by = {s["indicator"]: s for s in result.scores}
    # 3.(2): no rule of it recorded a gap; the unit's sites being unreadable is why it is unchecked
    assert by["3.(2)"]["status"] == "unchecked"
    assert by["3.(2)"]["detail"]["unchecked"]["META-001"] == ["网站无法访问，内容未能抓取"]


def test_a_stale_match_is_cleared_and_each_column_records_its_own(tmp_path):
    m = Mini(tmp_path)
    m.column("法定主动公开内容 > 机构概况 > 领导简介", matched="旧的匹配")
    m.column("法定主动公开内容 > 杂项", matched="旧的匹配")
    m.snap.upsert_unit({"id": "v", "name": "乙", "type": "county", "org_code": "1", "portal": "http://v/",
                        "disclosure": "http://v/x", "hosts": [], "status": "ok"})
    m.add("columns", unit="v", path="法定主动公开内容 > 杂项", name="杂项", parent="法定主动公开内容", depth=2,
          matched="别的单位的")
    m.snap.close()
    assert audit_run(tmp_path / "run").errors == []
    assert stored(tmp_path / "run", "columns", "unit, path, matched") == [
        ("u", "法定主动公开内容 > 机构概况 > 领导简介", "机构职能 > 领导信息"), ("u", "法定主动公开内容 > 杂项", None),
        ("v", "法定主动公开内容 > 杂项", None)]


# ---- audit_run: profiles, broken rules, shared run data ----------------------------------------

def test_audit_run_refuses_a_rubric_naming_an_unknown_rule(tmp_path):
    Mini(tmp_path).snap.close()
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(load_rubric().source.read_text(encoding="utf-8").replace("rules: [APPLY-001]", "rules: [APLY-001]"),
                      encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        audit_run(tmp_path / "run", rubric_path=rubric)
    assert "APLY-001" in str(err.value) and err.value.file == rubric


def unit_types_with(tmp_path, extra: str):
    """The built-in unit types, the county one with `extra` YAML appended."""
    folder = tmp_path / "types"
    shutil.copytree(UNIT_TYPES_DIR, folder)
    county = folder / "county.yaml"
    county.write_text(county.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return folder


def test_audit_run_applies_the_unit_type_rule_parameters_from_the_folder_given(tmp_path):
    m = Mini(tmp_path)
    m.add("listings", url="http://portal.example.gov.cn/a.html", title="要闻", date="2019-09-20",
          source="home", source_url=PORTAL)       # 10 days old: fresh for the default 14 days …
    m.snap.close()
    assert not [f for f in audit_run(tmp_path / "run").findings if f["rule"] == "FRESH-001"]
    folder = unit_types_with(tmp_path, "\nrules:\n  FRESH-001: {days: 5}\n")   # … stale for 5
    result = audit_run(tmp_path / "run", unit_types_dir=folder)
    assert result.errors == [] and [f["rule"] for f in result.findings if f["rule"] == "FRESH-001"] == ["FRESH-001"]


def test_audit_run_refuses_unit_type_parameters_of_an_unknown_rule(tmp_path):
    Mini(tmp_path).snap.close()
    folder = unit_types_with(tmp_path, "\nrules:\n  NOPE-001: {days: 5}\n")
    with pytest.raises(ProfileError) as err:
        audit_run(tmp_path / "run", unit_types_dir=folder)
    assert "未知的规则编号 NOPE-001" in str(err.value) and err.value.file == (folder / "county.yaml").resolve()


def raises(audit):
    raise KeyError("缺少字段")


def test_audit_run_records_a_broken_rule_and_keeps_every_other_finding(tmp_path, monkeypatch):
    monkeypatch.setitem(registry.RULES, "META-002", dataclasses.replace(registry.RULES["META-002"], check=raises))
    m = Mini(tmp_path)
    m.item(publisher="")
    m.snap.close()
    result = audit_run(tmp_path / "run")
    assert result.errors == ["u META-002: KeyError: '缺少字段'"]
    assert "META-001" in {f["rule"] for f in result.findings}


def reasonless_gap(audit):
    yield audit.gap("某栏目", "")


def test_a_gap_without_a_reason_is_stored_with_an_empty_one(tmp_path, monkeypatch):
    monkeypatch.setitem(registry.RULES, "META-002",
                        dataclasses.replace(registry.RULES["META-002"], check=reasonless_gap))
    Mini(tmp_path).snap.close()
    assert audit_run(tmp_path / "run").errors == []
    assert stored(tmp_path / "run", "coverage_gaps", "rule, place, reason") == [("META-002", "某栏目", "")]


def test_links_are_judged_by_the_run_wide_fetch_outcomes(tmp_path):
    m = Mini(tmp_path)
    dead = "http://xxgk.example.gov.cn/gone.html"
    m.add("links", from_url=DISCLOSURE, to_url=dead, anchor="已删除的页面", kind="internal")
    m.fetch(dead, 404)
    m.snap.close()
    result = audit_run(tmp_path / "run")
    assert result.errors == []
    assert [f["url"] for f in result.findings if f["rule"] == "LINK-001"] == [dead]


def test_every_units_findings_are_kept_stored_and_exported(tmp_path):
    m = Mini(tmp_path)
    m.item(publisher="")
    m.snap.upsert_unit({"id": "v", "name": "乙", "type": "county", "org_code": "1", "portal": "http://v/",
                        "disclosure": "http://v/x", "hosts": [], "status": "ok"})
    m.snap.close()
    result = audit_run(tmp_path / "run")
    assert {f["unit"] for f in result.findings} == {"u", "v"}
    assert [f["unit"] for f in result.findings] == sorted(f["unit"] for f in result.findings)   # units in id order
    assert len(stored(tmp_path / "run", "findings", "id, 1")) == len(result.findings)
    rows = list(csv.DictReader((tmp_path / "run" / "findings.csv").open(encoding="utf-8-sig")))
    assert {r["unit"] for r in rows} == {"u", "v"}


def test_every_finding_of_an_unfinished_crawl_is_marked_partial_in_message_and_evidence(tmp_path):
    """`zwgk check --partial`: the same findings as over a finished crawl, each message prefixed
    〔部分抓取〕 and each evidence keeping what it held plus the run's status."""
    runs = {}
    for status in ("complete", "failed"):
        m = mini_with_gap(tmp_path / status)
        m.snap.set_run(status=status)
        m.snap.close()
        runs[status] = audit_run(tmp_path / status / "run")
    complete, partial = runs["complete"].findings, runs["failed"].findings
    assert runs["failed"].crawl_status == "failed" and len(partial) == len(complete) >= 2
    assert any(f["evidence"] for f in complete)   # so the kept evidence is seen
    for whole, part in zip(complete, partial):
        assert part["message"] == "〔部分抓取〕" + whole["message"]
        assert part["evidence"] == {**(whole["evidence"] or {}), "partial_crawl": "failed"}
        assert {k: v for k, v in part.items() if k not in ("message", "evidence")} == \
            {k: v for k, v in whole.items() if k not in ("message", "evidence")}
    meta = stored(tmp_path / "failed" / "run", "findings", "rule, message")
    assert meta and all(message.startswith("〔部分抓取〕") for _, message in meta)


def test_audit_run_records_each_unit_type_file_and_the_rubric_by_sha256(tmp_path):
    """The run table says what the findings were judged against; the county file edited here has its
    own digest, the others the package's."""
    Mini(tmp_path).snap.close()
    folder = unit_types_with(tmp_path, "\n# 本季度修订\n")
    audit_run(tmp_path / "run", unit_types_dir=folder)
    (basis,) = stored(tmp_path / "run", "run", "audited_with, 1")
    digest = {p.stem: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.yaml")}
    assert digest["county"] != hashlib.sha256((UNIT_TYPES_DIR / "county.yaml").read_bytes()).hexdigest()
    assert json.loads(basis[0]) == {
        "source": "given",
        "unit_types": {stem: {"file": f"{stem}.yaml", "sha256": sha} for stem, sha in digest.items()},
        "rubric": {"file": "rubric.yaml", "sha256": hashlib.sha256(RUBRIC_PATH.read_bytes()).hexdigest()}}


def frozen_with(run, extra: str) -> None:
    """The run's own copies of the unit types (county with `extra` appended) and of the rubric."""
    shutil.copytree(UNIT_TYPES_DIR, run / "profiles" / "unit_types")
    county = run / "profiles" / "unit_types" / "county.yaml"
    county.write_text(county.read_text(encoding="utf-8") + extra, encoding="utf-8")
    shutil.copyfile(RUBRIC_PATH, run / "profiles" / "rubric.yaml")


def fresh_001(result) -> list[str]:
    return [f["rule"] for f in result.findings if f["rule"] == "FRESH-001"]


def test_audit_run_uses_the_profiles_frozen_with_the_run_unless_given_others(tmp_path):
    m = Mini(tmp_path)
    m.add("listings", url="http://portal.example.gov.cn/a.html", title="要闻", date="2019-09-20",
          source="home", source_url=PORTAL)       # 10 days old: stale only for the frozen 5 days
    m.snap.close()
    run = tmp_path / "run"
    frozen_with(run, "\nrules:\n  FRESH-001: {days: 5}\n")
    frozen = audit_run(run)
    assert frozen.profiles == "frozen" and fresh_001(frozen) == ["FRESH-001"]
    (basis,) = stored(run, "run", "audited_with, 1")
    assert json.loads(basis[0])["unit_types"]["county"]["sha256"] == \
        hashlib.sha256((run / "profiles" / "unit_types" / "county.yaml").read_bytes()).hexdigest()
    # `zwgk check --profiles`: today's files, named by the program they came from
    today = audit_run(run, unit_types_dir=UNIT_TYPES_DIR, rubric_path=RUBRIC_PATH, profiles_source="/srv/p.yaml")
    assert today.profiles == "/srv/p.yaml" and fresh_001(today) == []
    # only a rubric given: the unit types are the package's, not the frozen ones
    rubric_only = audit_run(run, rubric_path=RUBRIC_PATH)
    assert rubric_only.profiles == "given" and fresh_001(rubric_only) == []


def test_audit_run_of_a_run_without_frozen_profiles_uses_the_packages(tmp_path):
    Mini(tmp_path).snap.close()
    (tmp_path / "run" / "profiles" / "unit_types").mkdir(parents=True)   # a freeze cut short: no rubric
    result = audit_run(tmp_path / "run")
    assert result.profiles == "package" and result.errors == []
    (basis,) = stored(tmp_path / "run", "run", "audited_with, 1")
    assert json.loads(basis[0])["source"] == "package" and "county" in json.loads(basis[0])["unit_types"]
