"""Scores as recorded and exported (checks/scoring.py): what each indicator's detail keeps (the
rubric's deductions, the thresholds applied after the unit type's overrides, why it is 未能检测),
how gaps and prices missing from a rubric count, and scores.csv as a spreadsheet opens it."""
from __future__ import annotations

import csv
import json
import shutil
from dataclasses import replace

import pytest

from checks.registry import all_rules
from checks.scoring import SCORE_FIELDS, export_scores, score_unit
from site_profiles import UNIT_TYPES_DIR, load_unit_types
from site_profiles.rubric import audit_spec, load_rubric

RULES = all_rules()


def spec_of(unit_types=None, **rubric_changes):
    rubric = replace(load_rubric(known_rules=RULES), **rubric_changes)
    types = load_unit_types(unit_types) if unit_types else load_unit_types()
    return audit_spec(types["county"], rubric, known_rules=RULES)


def finding(rule: str, severity: str | None = None, **kw) -> dict:
    return {"rule": rule, "indicator": RULES[rule].indicator, "severity": severity or RULES[rule].severity,
            "gap": 0, "evidence": {}, **kw}


def score(findings, spec=None, unreadable=None) -> dict[str, dict]:
    return {s["indicator"]: s for s in score_unit("u", findings, spec or spec_of(), RULES, unreadable=unreadable)}


# ---- the detail of each indicator ---------------------------------------------------------------

def test_detail_keeps_the_rubrics_deductions_and_the_thresholds_applied():
    s = score([finding("FRESH-001")])["3.(3)"]
    assert s["detail"]["deduct"] == {"veto": 0, "major": 2, "minor": 1, "advisory": 0}
    assert s["detail"]["veto_effect"] == "zero"
    assert s["detail"]["thresholds"] == {"FRESH-001": {"days": 14}, "FRESH-002": {"veto_urgent": 5, "veto_any": 10},
                                         "FRESH-003": {"veto_count": 5}, "FRESH-004": {"workdays": 20}}
    assert "unchecked" not in s["detail"] and "unchecked_effect" not in s["detail"]   # it was checked


def test_thresholds_are_the_unit_types_overrides(tmp_path):
    folder = tmp_path / "unit_types"
    shutil.copytree(UNIT_TYPES_DIR, folder)
    with (folder / "county.yaml").open("a", encoding="utf-8") as fh:
        fh.write("\nrules:\n  FRESH-001: {days: 7}\n")
    s = score([], spec_of(folder))["3.(3)"]
    assert s["detail"]["thresholds"]["FRESH-001"] == {"days": 7}
    assert s["detail"]["thresholds"]["FRESH-004"] == {"workdays": 20}


@pytest.mark.parametrize("effect", ["zero", "exclude"])
def test_detail_of_an_unchecked_indicator_says_why_and_how_it_counts(effect):
    gap = finding("CONS-001", "advisory", gap=1, evidence={"reason": "第2页未能读取"})
    s = score([gap], spec_of(unchecked=effect))["4.(3)"]
    assert s["detail"]["unchecked"] == {"CONS-001": ["第2页未能读取"]}
    assert s["detail"]["unchecked_effect"] == effect


def test_a_gap_without_a_reason_is_unchecked_with_an_empty_reason():
    s = score([finding("CONS-001", "advisory", gap=1, evidence=None)])["4.(3)"]
    assert (s["status"], s["detail"]["unchecked"]) == ("unchecked", {"CONS-001": [""]})


def test_a_gap_never_vetoes_whatever_its_severity():
    # the gap flag, not the severity, makes a gap: flagged, it only says the place was not seen
    gap = finding("AVAIL-001", "veto", gap=1, evidence={"reason": "首页未能读取"})
    s = score([gap], spec_of(veto="unit"))
    assert not any("unit_veto" in v["detail"] for v in s.values())
    assert (s["4.(1)"]["status"], s["4.(1)"]["veto"]) == ("unchecked", 0)
    assert s["3.(2)"]["score"] == s["3.(2)"]["max"] == 6


@pytest.mark.parametrize("priced, points", [({"major": 2, "minor": 1}, 2), ({"major": 2}, 0)])
def test_a_severity_the_rubric_does_not_price_deducts_nothing(priced, points):
    # rubric.yaml's loader prices every severity; a rubric built in code may leave one out
    s = score([finding("META-001"), finding("META-001")], spec_of(deduct=priced))["3.(2)"]
    assert (s["points"], s["score"]) == (points, 6 - points)
    assert s["detail"]["rules"]["META-001"]["deducted"] == points


# ---- scores.csv ---------------------------------------------------------------------------------

def exported(tmp_path, scores):
    path = export_scores(scores, tmp_path)
    assert path == tmp_path / "scores.csv"
    raw = path.read_bytes()
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    return raw, {r["indicator"]: r for r in rows}


def test_scores_csv_opens_in_a_spreadsheet(tmp_path):
    gap = finding("CONS-001", "advisory", gap=1, evidence={"reason": "第2页未能读取"})
    scores = score_unit("u", [finding("META-001"), finding("META-003"), finding("META-003"), gap],
                        spec_of(), RULES)
    raw, rows = exported(tmp_path, scores)
    assert raw.startswith(b"\xef\xbb\xbf")               # the BOM: Excel reads it as UTF-8
    assert raw.split(b"\r\n")[0].decode("utf-8-sig") == ",".join(SCORE_FIELDS)
    meta = rows["3.(2)"]
    assert (meta["name"], meta["max"], meta["points"], meta["score"], meta["rate"]) == \
        ("常态化信息基本要素符合要求", "6", "5.0", "1.0", "16.67%")
    assert (meta["status"], meta["findings"], meta["veto"], meta["unit_veto"]) == ("已检测", "3", "0", "")
    assert json.loads(meta["deductions"]) == {"META-001": 1, "META-003": 4}
    assert json.loads(meta["unchecked"]) == {}
    cons = rows["4.(3)"]
    assert (cons["status"], cons["rate"], cons["score"]) == ("未能检测", "0.00%", "0")
    assert json.loads(cons["unchecked"]) == {"CONS-001": ["第2页未能读取"]}
    assert '"第2页未能读取"' in raw.decode("utf-8-sig")    # Chinese as written, not \u escapes
    interp = rows["2.(4)"]
    assert json.loads(interp["thresholds"]) == {"INTERP-001": {"columns": ["规范性文件"]}, "INTERP-002": {"workdays": 3}}
    assert '"规范性文件"' in interp["thresholds"]
    assert interp["rate"] == "100.00%"


def test_scores_csv_rate_is_empty_for_an_indicator_out_of_the_maximum(tmp_path):
    gap = finding("CONS-001", "advisory", gap=1, evidence={"reason": "第2页未能读取"})
    _, rows = exported(tmp_path, score_unit("u", [gap], spec_of(unchecked="exclude"), RULES))
    assert (rows["4.(3)"]["max"], rows["4.(3)"]["rate"], rows["4.(3)"]["status"]) == ("0", "", "未能检测")


def test_scores_csv_names_the_unit_veto(tmp_path):
    _, rows = exported(tmp_path, score_unit("u", [finding("AVAIL-001")], spec_of(veto="unit"), RULES))
    assert {r["unit_veto"] for r in rows.values()} == {"单项否决：该单位总分计0分（规则 AVAIL-001）"}


def test_scores_csv_reads_a_score_without_status_as_checked(tmp_path):
    # scores stored before 未能检测 existed carry no status
    scores = score_unit("u", [], spec_of(), RULES)
    for s in scores:
        del s["status"]
    scores[0]["status"] = None
    _, rows = exported(tmp_path, scores)
    assert {r["status"] for r in rows.values()} == {"已检测"}
