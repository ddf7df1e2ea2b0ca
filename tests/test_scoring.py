"""Scores from hand-built findings and the committed rubric: deductions, caps, vetoes, 未能检测,
indicators that do not apply, rounding; the rubric loader's veto check; and the unit veto as the
score sheet and the dashboard show it (a small real snapshot, audited and rendered)."""
from __future__ import annotations

import csv
from dataclasses import replace

import pytest

from checks.engine import audit_run
from checks.registry import all_rules
from checks.scoring import score_unit
from reports.render import render_reports
from site_profiles import ProfileError, load_unit_types
from site_profiles.rubric import RUBRIC_PATH, audit_spec, load_rubric
from tests.minisnap import PORTAL, Mini

RULES = all_rules()
# The committed rubric's indicators and full points (site_profiles/rubric.yaml), written out by hand
COUNTY_POINTS = {"2.(2)": 4, "2.(4)": 4, "2.(9)": 4, "3.(1)": 4, "3.(2)": 6, "3.(3)": 10, "3.(4)": 4,
                 "3.(5)": 8, "4.(1)": 10, "4.(2)": 10, "4.(3)": 10, "4.(4)": 6, "公众参与": 6}
COUNTY_FULL = 86
# a 事业单位 has no 条例 duties: 公开指南 (GUIDE-*), 年度报告 (REPORT-*), 依申请公开 (APPLY-001)
INSTITUTION_LEFT_OUT = {"2.(2)", "2.(9)", "3.(4)"}
INSTITUTION_FULL = 74
UNIT_VETO_AVAIL = {"rules": ["AVAIL-001"], "indicators": ["4.(1)"], "note": "单项否决：该单位总分计0分（规则 AVAIL-001）"}


def spec_of(unit_type: str = "county", **rubric_changes):
    """The unit type's spec on the committed rubric, with some rubric fields replaced."""
    rubric = replace(load_rubric(known_rules=RULES), **rubric_changes)
    return audit_spec(load_unit_types()[unit_type], rubric, known_rules=RULES)


def with_indicator(spec, ind_id: str, **changes):
    inds = dict(spec.rubric.indicators)
    inds[ind_id] = replace(inds[ind_id], **changes)
    return replace(spec, rubric=replace(spec.rubric, indicators=inds))


def finding(rule: str, severity: str | None = None, **kw) -> dict:
    return {"rule": rule, "indicator": RULES[rule].indicator, "severity": severity or RULES[rule].severity,
            "gap": 0, "evidence": {}, **kw}


def gap(rule: str, reason: str = "第2页未能读取") -> dict:
    # as checks/audit.py records a coverage gap: advisory, flagged, with its reason
    return finding(rule, "advisory", gap=1, evidence={"reason": reason})


def score(findings, spec=None, unreadable=None) -> dict[str, dict]:
    return {s["indicator"]: s for s in score_unit("u", findings, spec or spec_of(), RULES, unreadable=unreadable)}


def totals(scores: dict) -> tuple[float, float]:
    return sum(s["score"] for s in scores.values()), sum(s["max"] for s in scores.values())


# ---- the committed rubric, as scored ------------------------------------------------------------

def test_no_findings_full_marks_on_every_indicator():
    s = score([])
    assert {k: v["max"] for k, v in s.items()} == COUNTY_POINTS
    assert all(v["score"] == v["max"] and v["points"] == 0 and v["status"] == "checked" for v in s.values())
    assert totals(s) == (COUNTY_FULL, COUNTY_FULL)


@pytest.mark.parametrize("severity, points", [("major", 2), ("minor", 1), ("advisory", 0)])
def test_deduction_per_severity(severity, points):
    s = score([finding("META-001", severity)])          # 3.(2): 6 points
    assert (s["3.(2)"]["points"], s["3.(2)"]["score"], s["3.(2)"]["veto"]) == (points, 6 - points, 0)
    assert totals(s) == (COUNTY_FULL - points, COUNTY_FULL)


def test_deductions_add_up_across_rules_of_an_indicator_only():
    s = score([finding("META-001"), finding("META-003"), finding("META-003"), finding("INTERP-002")])
    assert s["3.(2)"]["points"] == 5 and s["3.(2)"]["score"] == 1     # minor 1 + major 2 × 2
    assert s["3.(2)"]["detail"]["rules"]["META-003"] == {"count": 2, "deducted": 4, "severity": {"major": 2}}
    assert s["2.(4)"]["points"] == 1                                    # INTERP-002 is minor
    assert totals(s) == (COUNTY_FULL - 6, COUNTY_FULL)


@pytest.mark.parametrize("minors, points", [(2, 2), (3, 3), (4, 3)])   # below, at, above the cap
def test_cap_limits_what_an_indicator_loses(minors, points):
    spec = with_indicator(spec_of(), "3.(2)", cap=3)
    s = score([finding("META-001")] * minors, spec)
    assert (s["3.(2)"]["points"], s["3.(2)"]["score"]) == (points, 6 - points)
    assert s["3.(2)"]["detail"]["raw_deduction"] == minors and s["3.(2)"]["detail"]["cap"] == 3


@pytest.mark.parametrize("majors, points", [(4, 8), (5, 10), (6, 10)])  # default cap: the indicator's points
def test_without_cap_an_indicator_never_goes_below_zero(majors, points):
    s = score([finding("CAT-001")] * majors)            # 4.(2): 10 points
    assert (s["4.(2)"]["points"], s["4.(2)"]["score"]) == (points, 10 - points)


@pytest.mark.parametrize("cap, points", [(5, 5), (6, 6), (7, 6)])      # a cap above the points is the points
def test_cap_never_exceeds_the_points(cap, points):
    spec = with_indicator(spec_of(), "3.(2)", cap=cap)
    s = score([finding("META-003")] * 5, spec)         # raw 10
    assert (s["3.(2)"]["points"], s["3.(2)"]["score"]) == (points, 6 - points)


@pytest.mark.parametrize("deduct, n, points, got", [
    (0.333, 1, 0.33, 5.67),     # two decimals kept
    (0.1, 3, 0.3, 5.7),         # 0.1 × 3 is 0.30000000000000004 in floats
    (0.335, 2, 0.67, 5.33),
])
def test_points_and_score_rounded_to_two_decimals(deduct, n, points, got):
    base = load_rubric(known_rules=RULES)
    s = score([finding("META-001")] * n, spec_of(deduct={**base.deduct, "minor": deduct}))
    assert (s["3.(2)"]["points"], s["3.(2)"]["score"]) == (points, got)


# ---- vetoes -------------------------------------------------------------------------------------

def test_veto_zero_zeroes_only_its_indicator():
    s = score([finding("AVAIL-001"), finding("META-001")])
    assert (s["4.(1)"]["points"], s["4.(1)"]["score"], s["4.(1)"]["veto"]) == (10, 0, 1)
    assert s["3.(2)"]["score"] == 5 and s["3.(2)"]["veto"] == 0          # the others as if no veto
    assert all(v["score"] == v["max"] for k, v in s.items() if k not in ("4.(1)", "3.(2)"))
    assert totals(s) == (COUNTY_FULL - 10 - 1, COUNTY_FULL)
    assert not any("unit_veto" in v["detail"] for v in s.values())


def test_veto_is_the_findings_severity_not_the_rules():
    s = score([finding("META-003", "veto")])            # a major rule's finding raised to veto
    assert (s["3.(2)"]["score"], s["3.(2)"]["veto"]) == (0, 1)
    s = score([finding("AVAIL-001", "major")])           # a veto rule's finding lowered to major
    assert (s["4.(1)"]["score"], s["4.(1)"]["veto"]) == (8, 0)


def test_veto_unit_zeroes_every_indicator_and_says_why():
    s = score([finding("AVAIL-001"), finding("META-001")], spec_of(veto="unit"))
    assert set(s) == set(COUNTY_POINTS)
    assert all((v["score"], v["points"], v["max"]) == (0, COUNTY_POINTS[k], COUNTY_POINTS[k]) for k, v in s.items())
    assert totals(s) == (0, COUNTY_FULL)
    assert all(v["detail"]["unit_veto"] == UNIT_VETO_AVAIL for v in s.values())
    assert [k for k, v in s.items() if v["veto"]] == ["4.(1)"]           # the indicator that carried it


def test_veto_unit_names_every_vetoing_rule():
    s = score([finding("MEDIA-003"), finding("FRESH-001"), finding("FRESH-001")], spec_of(veto="unit"))
    assert s["2.(2)"]["detail"]["unit_veto"] == {
        "rules": ["FRESH-001", "MEDIA-003"], "indicators": ["3.(3)", "4.(4)"],
        "note": "单项否决：该单位总分计0分（规则 FRESH-001、MEDIA-003）"}
    assert totals(s) == (0, COUNTY_FULL)


def test_veto_unit_without_a_veto_finding_scores_as_usual():
    s = score([finding("META-003"), gap("CONS-001")], spec_of(veto="unit"))
    assert s["3.(2)"]["score"] == 4 and s["4.(3)"]["status"] == "unchecked"
    assert totals(s) == (COUNTY_FULL - 2 - 10, COUNTY_FULL)
    assert not any("unit_veto" in v["detail"] for v in s.values())


@pytest.mark.parametrize("unchecked", ["zero", "exclude"])
def test_veto_unit_wins_over_unchecked(unchecked):
    s = score([finding("AVAIL-001"), gap("CONS-001")], spec_of(veto="unit", unchecked=unchecked))
    # 4.(3) could not be checked: it still counts, in full, in the maximum, and earns 0
    assert (s["4.(3)"]["status"], s["4.(3)"]["score"], s["4.(3)"]["max"]) == ("unchecked", 0, 10)
    assert totals(s) == (0, COUNTY_FULL)


def test_veto_unit_for_an_institution_keeps_its_own_indicators():
    s = score([finding("AVAIL-001")], spec_of("institution", veto="unit"))
    assert set(s) == set(COUNTY_POINTS) - INSTITUTION_LEFT_OUT
    assert totals(s) == (0, INSTITUTION_FULL)


# ---- 未能检测 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("effect, points, got, top", [("zero", 10, 0, 10), ("exclude", 0, 0, 0)])
def test_unchecked_zero_or_exclude(effect, points, got, top):
    s = score([gap("CONS-001"), finding("SRCH-001")], spec_of(unchecked=effect))
    ind = s["4.(3)"]
    assert (ind["status"], ind["points"], ind["score"], ind["max"]) == ("unchecked", points, got, top)
    assert ind["detail"]["unchecked"] == {"CONS-001": ["第2页未能读取"]}
    assert totals(s) == (COUNTY_FULL - 10, COUNTY_FULL - 10 + top)


def test_a_gap_never_deducts_and_a_veto_is_checked():
    s = score([gap("AVAIL-001"), finding("AVAIL-001")])   # the veto is evidence enough: checked, 0
    assert (s["4.(1)"]["status"], s["4.(1)"]["score"], s["4.(1)"]["veto"]) == ("checked", 0, 1)
    s = score([gap("META-001")] * 3, spec_of(unchecked="exclude"))
    assert s["3.(2)"]["detail"]["rules"] == {} and s["3.(2)"]["max"] == 0


def test_unreadable_site_leaves_only_indicators_with_findings_checked():
    s = score([finding("META-001")], unreadable="首页未能读取")
    assert (s["3.(2)"]["status"], s["3.(2)"]["score"]) == ("checked", 5)
    others = [v for k, v in s.items() if k != "3.(2)"]
    assert all(v["status"] == "unchecked" and v["score"] == 0 for v in others)
    assert s["2.(9)"]["detail"]["unchecked"] == {"REPORT-001": ["首页未能读取"], "REPORT-002": ["首页未能读取"]}
    assert totals(s) == (5, COUNTY_FULL)


# ---- indicators that do not apply -------------------------------------------------------------

def test_indicator_with_only_administrative_rules_left_out_for_an_institution():
    s = score([], spec_of("institution"))
    assert set(s) == set(COUNTY_POINTS) - INSTITUTION_LEFT_OUT
    assert totals(s) == (INSTITUTION_FULL, INSTITUTION_FULL)
    # 4.(2) stays (CAT-001, CAT-002 apply); its administrative CAT-003 is not asked of the site
    s = score([], spec_of("institution"), unreadable="首页未能读取")
    assert set(s["4.(2)"]["detail"]["unchecked"]) == {"CAT-001", "CAT-002"}


# ---- the rubric loader --------------------------------------------------------------------------

def _rubric_with(tmp_path, old: str, new: str):
    text = RUBRIC_PATH.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "rubric.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, text.splitlines().index(old.rstrip("\n")) + 1      # the changed line


@pytest.mark.parametrize("old, new, field, words", [
    ("veto: zero\n", "veto: total\n", "veto", "应为 zero 或 unit"),
    ("veto: zero\n", "veto: [zero]\n", "veto", "应为文本"),
    ("unchecked: zero\n", "unchecked: skip\n", "unchecked", "应为 zero 或 exclude"),
])
def test_rubric_rejects_a_bad_effect_naming_file_line_field(tmp_path, old, new, field, words):
    path, line = _rubric_with(tmp_path, old, new)
    with pytest.raises(ProfileError) as info:
        load_rubric(path, known_rules=RULES)
    err = info.value
    assert (err.file, err.line, err.field) == (path.resolve(), line, field), str(err)
    assert words in str(err) and f"rubric.yaml:{line}: 字段 {field}：" in str(err)


@pytest.mark.parametrize("old, new, veto", [("veto: zero\n", "veto: unit\n", "unit"), ("veto: zero\n", "", "zero")])
def test_rubric_veto_unit_loads_and_zero_is_the_default(tmp_path, old, new, veto):
    path, _ = _rubric_with(tmp_path, old, new)
    assert load_rubric(path, known_rules=RULES).veto == veto


# ---- the unit veto in the reports: a real snapshot, audited and rendered ----------------------

def avail_veto_run(tmp_path, rubric_path=RUBRIC_PATH):
    """A unit whose portal failed 2 of 3 visits (AVAIL-001, its only veto), audited and rendered."""
    m = Mini(tmp_path)
    for n in range(2):
        m.add("probes", url=PORTAL, kind="portal", at=f"t{n}", status=503, ok=0)
    m.add("listings", url="http://portal.example.gov.cn/a.html", title="要闻", date="2019-09-25",
          source="home", source_url=PORTAL)                 # the home is fresh: no FRESH-001 veto
    m.snap.close()
    result = audit_run(tmp_path / "run", rubric_path=rubric_path)
    assert {f["rule"] for f in result.findings if f["severity"] == "veto"} == {"AVAIL-001"}
    render_reports(tmp_path / "run", screenshots=False)
    return tmp_path / "run"


def test_reports_show_the_unit_veto(tmp_path):
    run = avail_veto_run(tmp_path, _rubric_with(tmp_path, "veto: zero\n", "veto: unit\n")[0])
    note = UNIT_VETO_AVAIL["note"]
    sheet = list(csv.reader((run / "reports" / "评分表.csv").open(encoding="utf-8-sig")))
    header, rows = sheet[0], sheet[1:]
    col = {h: i for i, h in enumerate(header)}
    (total,) = [r for r in rows if r[col["指标"]] == "合计"]
    assert total[col["指标名称"]] == note and total[col["单项否决"]] == "是"
    assert (float(total[col["得分"]]), float(total[col["满分"]])) == (0, COUNTY_FULL)
    indicators = [r for r in rows if r[col["指标"]] != "合计"]
    assert {r[col["指标"]]: (float(r[col["得分"]]), r[col["单项否决"]]) for r in indicators} == {
        k: (0, "是" if k == "4.(1)" else "单位否决") for k in COUNTY_POINTS}
    html = (run / "reports" / "index.html").read_text(encoding="utf-8")
    assert f"</span> {note}</td>" in html                  # next to the unit's 否决 badge
    assert f'<td class="num veto" title="{note}">0/6' in html  # its indicators: 0, and why
    scores = list(csv.DictReader((run / "scores.csv").open(encoding="utf-8-sig")))
    assert len(scores) == len(COUNTY_POINTS) and all(r["unit_veto"] == note for r in scores)
    (rectify,) = (run / "reports" / "units").glob("*.html")      # the unit's 整改清单 says it too
    assert f"<strong>{note}</strong>" in rectify.read_text(encoding="utf-8")


def test_reports_without_unit_veto_say_nothing_of_it(tmp_path):
    run = avail_veto_run(tmp_path)                      # the committed rubric: veto: zero
    sheet = (run / "reports" / "评分表.csv").read_text(encoding="utf-8-sig")
    html = (run / "reports" / "index.html").read_text(encoding="utf-8")
    assert "单位否决" not in sheet and "该单位总分计0分（规则" not in sheet + html
    (rectify,) = (run / "reports" / "units").glob("*.html")
    assert "<strong>存在单项否决问题</strong>" in rectify.read_text(encoding="utf-8")
    assert "单项否决处理：zero" in html
    scores = list(csv.DictReader((run / "scores.csv").open(encoding="utf-8-sig")))
    assert not any(r["unit_veto"] for r in scores)
    by_indicator = {r["indicator"]: float(r["score"]) for r in scores}
    assert by_indicator["4.(1)"] == 0 and by_indicator["2.(4)"] == 4    # only the vetoed indicator is 0
