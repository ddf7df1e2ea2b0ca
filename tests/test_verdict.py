"""From a scored run with its evaluators' sheets to the notice's awards (checks/verdict.py, `zwgk awards`):
the cohort read from the run's units and profiles, the two 得分率, and the decisions, worked out by hand."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from checks.awards import decide
from checks.verdict import cohort, run_awards
from reports.evaluator_import import import_scores
from reports.evaluator_sheets import export
from tests.test_scoresheets import all_threes, fill, make_run

ROOT = Path(__file__).resolve().parent.parent


def with_county(run: Path, towns_county: str | None = "ql") -> Path:
    """The three towns of make_run in 区 ql, whose 县区政府 is a unit of the run (not yet scored)."""
    db = sqlite3.connect(run / "snapshot.db")
    db.execute("insert into units (id, name, type, status, profile) values ('ql', '青岚区人民政府', 'county', 'ok', ?)",
               [json.dumps({"county_kind": "区"})])
    if towns_county:
        db.execute("update units set profile = ? where type = 'town'", [json.dumps({"county": towns_county})])
    db.commit()
    db.close()
    return run


@pytest.fixture
def scored(tmp_path):
    run = with_county(make_run(tmp_path))
    export(run)
    folder = run / "reports" / "evaluator"
    for town in ("town-a", "town-b", "town-c"):
        fill(folder / f"{town}.xlsx", all_threes())
    assert import_scores(run, folder).problems == []
    return run


def test_the_cohort_comes_from_the_runs_units_and_rates(scored):
    units = {u.id: u for u in cohort(scored)}
    assert set(units) == {"ql", "town-a", "town-b", "town-c"}
    assert (units["ql"].category, units["ql"].county_kind, units["ql"].overall_rate) == ("county_gov", "区", None)
    a = units["town-a"]
    assert (a.category, a.county, a.county_kind) == ("town", "ql", "区")
    # town-a: machine 73/80, evaluator 18×3 = 54/54; key area 2.(4) 2.5/4 + 3.(2)-2 3/3
    assert a.overall_rate * 134 == 127 and a.key_rate * 7 == 5.5


def test_the_cohort_reads_each_category_in_unit_id_order_and_skips_unranked_types(tmp_path):
    run = with_county(make_run(tmp_path))
    db = sqlite3.connect(run / "snapshot.db")
    for uid, name, type_, profile in (
            ("aaa-portal", "市政府门户网站", "portal", None),           # a type the notice does not rank
            ("st", "东城街道办事处", "street", {"county": "ql"}),
            ("kd", "市教育局", "key_dept", None),
            ("hosp", "市人民医院", "institution", {"county": "ql", "county_kind": "区"})):
        db.execute("insert into units (id, name, type, status, profile) values (?, ?, ?, 'ok', ?)",
                   [uid, name, type_, json.dumps(profile) if profile else None])
    db.commit()
    db.close()
    units = cohort(run)
    # stored in another order (towns first, ql and these last): listed by unit id, the portal left out
    assert [u.id for u in units] == ["hosp", "kd", "ql", "st", "town-a", "town-b", "town-c"]
    by_id = {u.id: u for u in units}
    # a 街道 names its 县区 and takes the 县区's kind, like a 乡镇
    assert (by_id["st"].category, by_id["st"].county, by_id["st"].county_kind) == ("street", "ql", "区")
    assert (by_id["kd"].category, by_id["kd"].key_field) == ("city_dept", True)
    # a 事业单位 located in a 区 is still a city-level unit: no 县区 for the awards
    assert (by_id["hosp"].category, by_id["hosp"].county, by_id["hosp"].county_kind) == ("institution", None, None)
    assert by_id["town-a"].key_field is False


def test_award_categories_given_in_the_runs_frozen_unit_types_win(tmp_path):
    # the run was audited with its own copy of the unit types: there, every 'dept' bears 重点领域
    # (award_category + key_field), and 'institution' restates its category without key_field
    run = with_county(make_run(tmp_path))
    frozen = run / "profiles"
    shutil.copytree(ROOT / "site_profiles" / "unit_types", frozen / "unit_types")
    shutil.copyfile(ROOT / "site_profiles" / "rubric.yaml", frozen / "rubric.yaml")
    for name, extra in (("dept", "award_category: city_dept\nkey_field: true\n"),
                        ("institution", "award_category: institution\n")):
        path = frozen / "unit_types" / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
    db = sqlite3.connect(run / "snapshot.db")
    db.execute("insert into units (id, name, type, status) values ('tj', '市统计局', 'dept', 'ok')")
    db.execute("insert into units (id, name, type, status) values ('hosp', '市人民医院', 'institution', 'ok')")
    db.commit()
    db.close()
    by_id = {u.id: u for u in cohort(run)}
    assert (by_id["tj"].category, by_id["tj"].key_field) == ("city_dept", True)    # the package alone says False
    assert (by_id["hosp"].category, by_id["hosp"].key_field) == ("institution", False)
    # the other types keep the package's categories
    assert (by_id["ql"].category, by_id["town-a"].category) == ("county_gov", "town")
    decision = decide(by_id.values()).of("tj")
    assert decision.pool == "市级部门(承担重点领域)"


def test_a_unit_the_runs_indicator_system_cannot_rate_is_not_evaluated(tmp_path):
    # the run's frozen profiles know no 'institution' type (unit types and indicator system without it),
    # yet the snapshot holds such a unit: it has no rates, so it is 资料不全, and the others are still decided
    run = with_county(make_run(tmp_path))
    frozen = run / "profiles"
    shutil.copytree(ROOT / "site_profiles" / "unit_types", frozen / "unit_types")
    (frozen / "unit_types" / "institution.yaml").unlink()
    shutil.copyfile(ROOT / "site_profiles" / "rubric.yaml", frozen / "rubric.yaml")
    doc = yaml.safe_load((ROOT / "site_profiles" / "indicators.yaml").read_text(encoding="utf-8"))
    for part in doc["parts"]:
        part["types"] = [t for t in part["types"] if t != "institution"]
        for ind in part["indicators"]:
            if "types" in ind:
                ind["types"] = [t for t in ind["types"] if t != "institution"]
        part["indicators"] = [ind for ind in part["indicators"] if ind.get("types", True)]
    doc["parts"] = [part for part in doc["parts"] if part["types"]]
    (frozen / "indicators.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    db = sqlite3.connect(run / "snapshot.db")
    db.execute("insert into units (id, name, type, status) values ('hosp', '市人民医院', 'institution', 'ok')")
    db.commit()
    db.close()
    hosp = next(u for u in cohort(run) if u.id == "hosp")
    assert (hosp.category, hosp.overall_rate, hosp.key_rate) == ("institution", None, None)
    assert run_awards(run).of("hosp").reason == "资料不全未评:综合得分率、重点领域信息公开得分率未完成"


def test_the_awards_take_ranking_year_and_city(scored):
    result = run_awards(scored, ranking=("key_rate",), year=2018, city="某市")
    assert result.ranking == ("key_rate", "id")
    assert result.of("town-b").title == "某市2018年度政务公开示范点建设先进单位"


def test_the_awards_follow_the_notice_by_hand(scored):
    result = run_awards(scored)
    # town-a: 综合 127/134 = 94.8% but 重点领域 5.5/7 = 78.57%: not named
    # town-b: 3.(3) vetoed, 4.(4) excluded: 综合 (64+54)/(74+54) = 92.2%, 重点领域 7/7: named, the 区's one place
    # town-c: `veto: unit` makes 综合 0; 重点领域 (0 + 3)/7 = 42.86%
    # the 区's 县区政府 ql has no rates yet: not evaluated
    assert result.named_ids() == ["town-b"]
    b = result.of("town-b")
    assert (b.title, b.pool, b.rank, str(b.points), b.credited_to) == (
        "六安市2017年度政务公开示范点建设先进单位", "区乡镇", 1, "2.5", "ql")
    assert "重点领域信息公开得分率78.57%低于80%" in result.of("town-a").reason
    assert "综合得分率0.00%低于80%" in result.of("town-c").reason
    assert result.of("ql").reason.startswith("资料不全未评")


def zwgk(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zwgk.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_zwgk_awards_writes_both_workbooks(scored):
    proc = zwgk("awards", scored)
    assert proc.returncode == 0, proc.stderr
    assert "建议表彰 1 个单位" in proc.stdout and "白沙镇人民政府" in proc.stdout
    names = load_workbook(scored / "reports" / "awards" / "表彰建议名单.xlsx").worksheets[0]
    rows = {r[2]: r for r in names.iter_rows(min_row=2, values_only=True) if r[2]}
    assert rows["白沙镇人民政府"][7] == "是" and rows["青岚镇人民政府"][7] == "否"
    assert (scored / "reports" / "awards" / "年度考核加分表.xlsx").is_file()


def test_a_town_without_its_county_is_refused_saying_so(tmp_path):
    run = with_county(make_run(tmp_path), towns_county=None)
    proc = zwgk("awards", run)
    assert proc.returncode == 2 and "单位配置不全，无法评定" in proc.stderr and "county" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_unknown_ranking_key_is_refused(scored):
    proc = zwgk("awards", scored, "--ranking", "overall_rate,score")
    assert proc.returncode == 2 and "score" in proc.stderr


def test_the_dashboard_has_the_awards_section(scored):
    from reports.common import RunReport
    from reports.dashboard import write
    html = write(RunReport.load(scored), scored / "reports" / "index.html").read_text(encoding="utf-8")
    section = html.split("示范点表彰建议（通知三(四)）")[1].split("<h2>")[0]
    assert "<td>白沙镇人民政府</td><td>是</td><td>区乡镇</td>" in section
    assert "重点领域信息公开得分率78.57%低于80%" in section
    assert "另有 1 个单位得分率尚未完成" in section      # ql


def test_before_any_sheet_the_dashboard_says_the_awards_wait(tmp_path):
    from reports.common import RunReport
    from reports.dashboard import write
    run = with_county(make_run(tmp_path))
    html = write(RunReport.load(run), run / "reports" / "index.html").read_text(encoding="utf-8")
    assert "各单位得分率尚未完成（评估人员评分表导入后评定" in html


def test_the_dashboard_says_when_profiles_lack_a_towns_county(tmp_path):
    from reports.common import RunReport
    from reports.dashboard import write
    run = with_county(make_run(tmp_path), towns_county=None)
    export(run)
    fill(run / "reports" / "evaluator" / "town-b.xlsx", all_threes())
    assert import_scores(run, run / "reports" / "evaluator").problems == []
    html = write(RunReport.load(run), run / "reports" / "index.html").read_text(encoding="utf-8")
    assert "单位配置不全，无法评定：ValueError: town-a: 乡镇须注明所属县区(county)" in html
