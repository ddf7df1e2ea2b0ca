"""The evaluators' score sheets (issue 13 §2): export, fill in, import, and the two rates of 三(四)1.

Runs are hand-made snapshots with hand-chosen machine scores (no crawl); workbooks are filled here with
openpyxl, finding rows by 指标编号 and columns by their header, as an evaluator's spreadsheet would.
Every expected rate is computed by hand in the test from the numbers written here.

Town indicators (site_profiles/indicators.yaml, defaults): 30, of which 12 machine-scored (rubric
2.(2) 4, 2.(9) 4, 3.(1) 4, 3.(2) 6, 3.(3) 10, 3.(4) 4, 3.(5) 8, 4.(1) 10, 4.(2) 10, 4.(3) 10, 4.(4) 6,
and 个性.乡镇.(3) from rubric 2.(4) 4 — 80 points) and 18 evaluator-scored at 3 points (54 points).
Key area: 3.(2)-2 (evaluator, 3) and 个性.乡镇.(3) (machine, 4).
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from checks.composite import percent, run_rates, unit_rates
from crawler import snapshot as snapshot_module
from crawler.snapshot import Snapshot
from reports.evaluator_import import import_scores
from reports.evaluator_sheets import export
from site_profiles import PACKAGE_DIR, UNIT_TYPES_DIR
from site_profiles.indicators import load_indicators

ROOT = Path(__file__).resolve().parent.parent

# rubric indicator → (score, max) for town-a: machine total 73 of 80; 2.(4) (个性.乡镇.(3), key area) 2.5/4
TOWN_A_MACHINE = {"2.(2)": (4, 4), "2.(9)": (3, 4), "3.(1)": (4, 4), "3.(2)": (6, 6), "3.(3)": (8, 10),
                  "3.(4)": (4, 4), "3.(5)": (8, 8), "4.(1)": (10, 10), "4.(2)": (7.5, 10), "4.(3)": (10, 10),
                  "4.(4)": (6, 6), "2.(4)": (2.5, 4), "公众参与": (0, 6)}   # 公众参与 counts in no town indicator
TOWN_EVALUATOR = ["1.(1)", "1.(2)", "1.(3)", "1.(4)", "2.(1)", "2.(3)", "2.(4)", "2.(5)", "2.(6)", "2.(7)",
                  "2.(8)", "2.(10)", "2.(11)", "2.(12)", "3.(2)-2", "个性.乡镇.(1)", "个性.乡镇.(2)", "个性.乡镇.(4)"]


def score_row(unit, indicator, score, top, veto=0, status="checked", unit_veto=None):
    detail = {"name": indicator, "clause": "", "rules": {}, **({"unit_veto": unit_veto} if unit_veto else {})}
    return {"unit": unit, "indicator": indicator, "points": top - score, "score": score, "max": top,
            "veto": veto, "detail": detail, "status": status}


def make_run(tmp_path, run_id="r1") -> Path:
    """Three towns: town-a scored plainly; town-b with a vetoed indicator (3.(3)) and one the rubric
    excluded as 未能检测 (4.(4): max 0); town-c under `veto: unit`."""
    run = tmp_path / run_id
    snap = Snapshot.create(run, run_id, "test", "2019-09-30")
    snap.set_run(status="complete")
    for uid, name in (("town-a", "青岚镇人民政府"), ("town-b", "白沙镇人民政府"), ("town-c", "石门镇人民政府")):
        snap.upsert_unit({"id": uid, "name": name, "type": "town", "status": "ok"})
    for ind, (score, top) in TOWN_A_MACHINE.items():
        snap.add("scores", score_row("town-a", ind, score, top))
    for ind, (score, top) in TOWN_A_MACHINE.items():
        if ind == "3.(3)":
            snap.add("scores", score_row("town-b", ind, 0, 10, veto=1))
        elif ind == "4.(4)":
            snap.add("scores", score_row("town-b", ind, 0, 0, status="unchecked"))
        else:
            snap.add("scores", score_row("town-b", ind, top, top))
    note = {"rules": ["AVAIL-001"], "indicators": ["4.(1)"], "note": "单项否决：该单位总分计0分（规则 AVAIL-001）"}
    for ind, (_, top) in TOWN_A_MACHINE.items():
        snap.add("scores", score_row("town-c", ind, 0, top, veto=int(ind == "4.(1)"), unit_veto=note))
    snap.close()
    return run


def columns(ws) -> dict[str, int]:
    """Header → column number, read from the sheet (row 2) as an evaluator sees it."""
    return {c.value: c.column for c in ws[2] if c.value}


def row_of(ws, code) -> int:
    col = columns(ws)["指标编号"]
    return next(r for r in range(3, ws.max_row + 1) if ws.cell(r, col).value == code)


def fill(path: Path, scores: dict, notes: dict | None = None, out: Path | None = None) -> Path:
    wb = load_workbook(path)
    ws = wb["评分表"]
    cols = columns(ws)
    for code, value in scores.items():
        ws.cell(row_of(ws, code), cols["得分"]).value = value     # None empties the cell
    for code, value in (notes or {}).items():
        ws.cell(row_of(ws, code), cols["依据/备注"]).value = value
    out = out or path
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def stored(run: Path) -> dict[tuple[str, str], tuple]:
    conn = sqlite3.connect(run / "snapshot.db")
    try:
        return {(u, i): (s, m, n) for u, i, s, m, n in
                conn.execute("select unit, indicator, score, max, note from evaluator_scores")}
    finally:
        conn.close()


@pytest.fixture
def run(tmp_path):
    return make_run(tmp_path)


@pytest.fixture
def sheets(run, tmp_path):
    """Exported workbooks copied to a folder the evaluators fill."""
    export(run)
    filled = tmp_path / "filled"
    shutil.copytree(run / "reports" / "evaluator", filled)
    return filled


def all_threes(**changes) -> dict:
    return {code: changes.get(code, 3) for code in TOWN_EVALUATOR}


# ---- export -------------------------------------------------------------------------------------

def test_export_lists_every_indicator_with_machine_scores_locked_and_evaluator_cells_validated(run):
    paths = export(run)
    assert sorted(p.name for p in paths) == ["town-a.xlsx", "town-b.xlsx", "town-c.xlsx"]
    wb = load_workbook(run / "reports" / "evaluator" / "town-a.xlsx")
    ws = wb["评分表"]
    cols = columns(ws)
    assert list(cols) == ["序号", "指标编号", "条款", "指标内容", "重点领域", "分值", "评分方式", "得分", "依据/备注", "证据"]
    codes = [ws.cell(r, cols["指标编号"]).value for r in range(3, ws.max_row + 1)]
    assert codes == [i.code for i in load_indicators()["town"]] and len(codes) == 30
    # a machine row: the stored score, grey and locked, its evidence the unit's 整改清单
    r = row_of(ws, "个性.乡镇.(3)")
    assert ws.cell(r, cols["得分"]).value == 2.5 and ws.cell(r, cols["分值"]).value == 4
    assert ws.cell(r, cols["评分方式"]).value == "机器评分" and ws.cell(r, cols["重点领域"]).value == "是"
    assert ws.cell(r, cols["条款"]).value == "二(二)4.(3)"
    for name in ("得分", "依据/备注"):
        assert ws.cell(r, cols[name]).protection.locked
        assert ws.cell(r, cols[name]).fill.fgColor.rgb.endswith("D9D9D9")
    assert ws.cell(r, cols["证据"]).hyperlink.target == "../units/town-a.html"
    # an evaluator row: empty, unlocked, validated 0 … points
    r = row_of(ws, "1.(1)")
    assert ws.cell(r, cols["得分"]).value is None and ws.cell(r, cols["评分方式"]).value == "评估人员评分"
    assert not ws.cell(r, cols["得分"]).protection.locked and not ws.cell(r, cols["依据/备注"]).protection.locked
    assert ws.protection.sheet
    [dv] = ws.data_validations.dataValidation
    assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("decimal", "between", "0", "3")
    validated = {c for rng in dv.sqref.ranges for c in [rng.coord]}
    evaluator_cells = {ws.cell(row_of(ws, code), cols["得分"]).coordinate for code in TOWN_EVALUATOR}
    assert validated == evaluator_cells
    # the run and unit it belongs to, hidden, and an instructions sheet
    meta = wb["元数据"]
    assert meta.sheet_state == "veryHidden"
    assert [(meta.cell(i, 1).value, meta.cell(i, 2).value) for i in (2, 3)] == [("运行", "r1"), ("单位", "town-a")]
    assert "留空表示尚未评分" in "".join(c.value for c in wb["填写说明"]["A"])
    assert wb.properties.identifier == "zwgk-scoresheet/1 run=r1 unit=town-a"


def test_export_notes_vetoes_and_unchecked_on_machine_rows(run):
    export(run)
    ws = load_workbook(run / "reports" / "evaluator" / "town-b.xlsx")["评分表"]
    cols = columns(ws)
    assert ws.cell(row_of(ws, "3.(3)"), cols["证据"]).value == "整改清单（单项否决，计0分）"
    assert ws.cell(row_of(ws, "4.(4)"), cols["证据"]).value == "整改清单（未能检测，按评分细则计分）"
    assert ws.cell(row_of(ws, "4.(4)"), cols["分值"]).value == 0      # excluded by the rubric: out of the maximum
    ws = load_workbook(run / "reports" / "evaluator" / "town-c.xlsx")["评分表"]
    assert "单位总分计0分" in ws.cell(row_of(ws, "2.(2)"), columns(ws)["证据"]).value


def test_export_uses_the_indicator_system_frozen_with_the_run(run, tmp_path):
    frozen = run / "profiles"
    shutil.copytree(UNIT_TYPES_DIR, frozen / "unit_types")
    shutil.copyfile(PACKAGE_DIR / "rubric.yaml", frozen / "rubric.yaml")
    text = (PACKAGE_DIR / "indicators.yaml").read_text(encoding="utf-8")
    marker = 'code: "1.(1)"\n        clause: 二(一)1.(1)'
    start = text.index(marker)
    end = text.index("points: 3", start)
    (frozen / "indicators.yaml").write_text(text[:end] + "points: 5" + text[end + len("points: 3"):],
                                            encoding="utf-8")
    export(run, tmp_path / "out")
    ws = load_workbook(tmp_path / "out" / "town-a.xlsx")["评分表"]
    r = row_of(ws, "1.(1)")
    assert ws.cell(r, columns(ws)["分值"]).value == 5
    assert sorted(dv.formula2 for dv in ws.data_validations.dataValidation) == ["3", "5"]
    # --out elsewhere: the evidence link still reaches the run's 整改清单
    link = ws.cell(row_of(ws, "2.(2)"), columns(ws)["证据"]).hyperlink.target
    assert (tmp_path / "out" / link).resolve() == (run / "reports" / "units" / "town-a.html").resolve()


# ---- import and the rates -----------------------------------------------------------------------

def test_import_stores_scores_and_rates_follow_by_hand(run, sheets):
    fill(sheets / "town-a.xlsx", all_threes(**{"1.(1)": 2.5, "3.(2)-2": "1.5"}), notes={"1.(1)": "领导组未调整"})
    fill(sheets / "town-b.xlsx", {"1.(1)": 3}, notes={"1.(2)": "资料待补，暂不评分"})
    result = import_scores(run, sheets)
    assert result.problems == [] and result.units == {"town-a": 18, "town-b": 1, "town-c": 0}
    got = stored(run)
    assert got[("town-a", "1.(1)")] == (2.5, 3.0, "领导组未调整")
    assert got[("town-a", "3.(2)-2")] == (1.5, 3.0, None)
    assert len([k for k in got if k[0] == "town-a"]) == 18 and ("town-b", "1.(3)") not in got
    assert got[("town-b", "1.(2)")] == (None, 3.0, "资料待补，暂不评分")   # a note kept, the score still blank
    rates = run_rates(run)
    # town-a: machine 73/80 (公众参与 left out), evaluator 16×3 + 2.5 + 1.5 = 52 of 54
    assert rates["town-a"].overall == Fraction(73 + 52, 80 + 54)
    assert rates["town-a"].key_area == Fraction(Fraction(5, 2) + Fraction(3, 2), 4 + 3)
    assert rates["town-a"].missing == ()
    # town-b: 17 evaluator indicators still blank (1.(2) with its note among them), 3.(2)-2 too
    assert rates["town-b"].overall is None and len(rates["town-b"].missing) == 17
    assert "1.(2)" in rates["town-b"].missing
    assert rates["town-b"].key_area is None and rates["town-b"].key_missing == ("3.(2)-2",)
    # town-c: under `veto: unit` the 综合得分率 is 0 whatever is unscored
    assert rates["town-c"].overall == 0 and rates["town-c"].unit_veto.startswith("单项否决")
    assert rates["town-c"].key_area is None


def test_a_score_written_as_a_decimal_counts_as_that_decimal(run, sheets):
    # 2.3 is stored as a binary float; the rate must use 23/10: town-a (73 + 17×3 + 2.3) / (80 + 54)
    fill(sheets / "town-a.xlsx", all_threes(**{"1.(1)": 2.3}))
    assert import_scores(run, sheets).problems == []
    assert run_rates(run)["town-a"].overall == Fraction(1263, 1340)


def test_rates_use_the_runs_frozen_rubric_unit_types_and_indicators_together(run, sheets):
    # the run was audited with copies in which the rubric indicator 公众参与 is called 公众意见 (rubric, the
    # types' overrides and the indicator system all say so): the rates load from those copies, not the package's
    fill(sheets / "town-a.xlsx", all_threes())
    assert import_scores(run, sheets).problems == []
    frozen = run / "profiles"
    shutil.copytree(ROOT / "site_profiles" / "unit_types", frozen / "unit_types")

    def renamed(name: str, old: str, new: str) -> None:
        text = (ROOT / "site_profiles" / name).read_text(encoding="utf-8")
        assert old in text
        (frozen / name).write_text(text.replace(old, new), encoding="utf-8")
    renamed("rubric.yaml", "  公众参与: {name", "  公众意见: {name")
    renamed("indicators.yaml", 'rubric: "公众参与"', 'rubric: "公众意见"')
    for utype in ("county", "zone", "dept", "key_dept"):
        renamed(f"unit_types/{utype}.yaml", "  公众参与: {clause", "  公众意见: {clause")
    r = run_rates(run)["town-a"]
    # town-a: machine 73/80 + evaluator 18×3 = 54/54; key area: machine 2.5/4 + evaluator 3.(2)-2 3/3 = 5.5/7
    assert (r.overall, r.key_area) == (Fraction(127, 134), Fraction(11, 14))


def test_rates_list_every_unit_in_unit_id_order(run):
    # a 县区政府 stored after the towns comes first: the rates read the same whatever the storage order
    db = sqlite3.connect(run / "snapshot.db")
    db.execute("insert into units (id, name, type, status) values ('ql', '青岚区人民政府', 'county', 'ok')")
    db.commit()
    db.close()
    rates = run_rates(run)
    assert list(rates) == ["ql", "town-a", "town-b", "town-c"]
    assert [r.unit for r in rates.values()] == ["ql", "town-a", "town-b", "town-c"]
    assert rates["ql"].overall is None and rates["ql"].key_area is None      # nothing scored yet


def test_vetoed_and_excluded_machine_indicators_follow_the_rubric_as_stored(run, sheets):
    fill(sheets / "town-b.xlsx", all_threes())
    assert import_scores(run, sheets).problems == []
    r = run_rates(run)["town-b"]
    # machine: full marks except 3.(3) vetoed (0 of 10) and 4.(4) excluded (0 of 0): 80 − 10 − 6 = 64 of 74
    assert r.overall == Fraction(64 + 54, 74 + 54)
    assert r.key_area == Fraction(4 + 3, 4 + 3)


def test_a_later_import_replaces_the_units_earlier_scores(run, sheets, tmp_path):
    fill(sheets / "town-a.xlsx", all_threes())
    fill(sheets / "town-b.xlsx", {"1.(1)": 3, "1.(2)": 2})
    assert import_scores(run, sheets).problems == []
    second = tmp_path / "second"
    fill(run / "reports" / "evaluator" / "town-b.xlsx", {"1.(1)": 1}, out=second / "town-b.xlsx")
    assert import_scores(run, second).problems == []
    got = stored(run)
    assert got[("town-b", "1.(1)")][0] == 1.0 and ("town-b", "1.(2)") not in got   # replaced, not added to
    assert got[("town-a", "1.(1)")][0] == 3.0                                        # other units kept


@pytest.mark.parametrize("value, ok", [
    (0, True), (3, True), ("3", True), (2.99, True), (0.01, True),
    (-0.01, False), (3.01, False), (-1, False), (4, False),
])
def test_score_range_is_zero_to_the_indicators_points(run, sheets, value, ok):
    fill(sheets / "town-a.xlsx", {"1.(1)": value})
    result = import_scores(run, sheets)
    if ok:
        assert result.problems == [] and stored(run)[("town-a", "1.(1)")][0] == float(value)
    else:
        [p] = result.problems
        assert (p.file, p.sheet, p.column) == ("town-a.xlsx", "评分表", 8) and "超出范围：应在 0 到 3 之间" in p.message
        assert stored(run) == {}


def _edit(path: Path, sheet: str, cell: str, value) -> None:
    wb = load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


def _bad_score(value):
    return lambda folder: fill(folder / "town-a.xlsx", {"1.(2)": value})


def _unknown_code(folder):
    ws_row = row_of(load_workbook(folder / "town-a.xlsx")["评分表"], "1.(3)")
    _edit(folder / "town-a.xlsx", "评分表", f"B{ws_row}", "9.(9)")


def _repeated_code(folder):
    ws_row = row_of(load_workbook(folder / "town-a.xlsx")["评分表"], "1.(3)")
    _edit(folder / "town-a.xlsx", "评分表", f"B{ws_row}", "1.(2)")


def _machine_cell(folder):
    fill(folder / "town-a.xlsx", {"4.(2)": 10})


def _machine_note(folder):
    fill(folder / "town-a.xlsx", {}, notes={"4.(2)": "应为满分"})


def _other_run(folder):
    _edit(folder / "town-a.xlsx", "元数据", "B2", "r0")


def _other_unit(folder):
    _edit(folder / "town-a.xlsx", "元数据", "B3", "town-z")


def _moved_column(folder):
    _edit(folder / "town-a.xlsx", "评分表", "H2", "评分")


def _copied(folder):
    shutil.copyfile(folder / "town-a.xlsx", folder / "town-a-副本.xlsx")


def _foreign(folder):
    wb = Workbook()
    wb.active["A1"] = "得分"
    wb.save(folder / "别的表.xlsx")


def _corrupt(folder):
    (folder / "坏.xlsx").write_bytes(b"PK\x03\x04 not a workbook")


def _score_without_code(folder):
    ws_row = row_of(load_workbook(folder / "town-a.xlsx")["评分表"], "1.(3)")
    fill(folder / "town-a.xlsx", {"1.(3)": 2})
    _edit(folder / "town-a.xlsx", "评分表", f"B{ws_row}", None)


# (change, file, sheet, row (a number, or the row the exported sheet gives that indicator), column, words)
BAD = [
    (_bad_score("abc"), "town-a.xlsx", "评分表", "1.(2)", 8, "不是数字：“abc”"),
    (_bad_score("=1+2"), "town-a.xlsx", "评分表", "1.(2)", 8, "应填数字，不能填公式"),
    (_bad_score("nan"), "town-a.xlsx", "评分表", "1.(2)", 8, "不是数字"),
    (_bad_score(True), "town-a.xlsx", "评分表", "1.(2)", 8, "不是数字"),
    (_bad_score(3.5), "town-a.xlsx", "评分表", "1.(2)", 8, "得分 3.5 超出范围：应在 0 到 3 之间"),
    (_unknown_code, "town-a.xlsx", "评分表", "1.(3)", 2, "未知的指标编号“9.(9)”：单位类型 town 没有此指标"),
    (_repeated_code, "town-a.xlsx", "评分表", "1.(3)", 2, "指标 1.(2) 重复（第 4 行已有）"),
    (_machine_cell, "town-a.xlsx", "评分表", "4.(2)", 8, "机器评分的单元格被修改：应为 7.5（本运行记录的机器得分），实际为“10”"),
    (_machine_note, "town-a.xlsx", "评分表", "4.(2)", 9, "机器评分的指标不填依据/备注"),
    (_other_run, "town-a.xlsx", "元数据", 2, 2, "此工作簿属于运行 r0，不是本运行 r1"),
    (_other_unit, "town-a.xlsx", "元数据", 3, 2, "单位 town-z 不在本运行中"),
    (_moved_column, "town-a.xlsx", "评分表", 2, 8, "表头应为“得分”，实际为“评分”"),
    (_copied, "town-a.xlsx", "元数据", 3, 2, "单位 town-a 的评分表重复：另见文件 town-a-副本.xlsx"),
    (_foreign, "别的表.xlsx", None, None, None, "不是 zwgk scoresheet export 导出的评分表"),
    (_corrupt, "坏.xlsx", None, None, None, "无法读取（不是完好的 .xlsx 文件"),
    (_score_without_code, "town-a.xlsx", "评分表", "1.(3)", 2, "缺少指标编号"),
]


@pytest.mark.parametrize("change, file, sheet, row, column, words", BAD)
def test_every_bad_workbook_is_named_and_nothing_is_stored(run, sheets, change, file, sheet, row, column, words):
    # good scores elsewhere in the same import, and an earlier import that must survive untouched
    fill(sheets / "town-b.xlsx", {"1.(1)": 2})
    assert import_scores(run, sheets).problems == []
    before = stored(run)
    fill(sheets / "town-b.xlsx", {"1.(1)": 1})
    fill(sheets / "town-a.xlsx", {"1.(1)": 3})
    if isinstance(row, str):
        row = row_of(load_workbook(sheets / "town-a.xlsx")["评分表"], row)
    change(sheets)
    result = import_scores(run, sheets)
    [p] = result.problems
    assert (p.file, p.sheet, p.row, p.column) == (file, sheet, row, column)
    assert words in p.message
    assert stored(run) == before
    if sheet == "评分表" and column:
        assert f"{'ABCDEFGHIJ'[column - 1]} 列" in str(p) and f"第 {row} 行" in str(p)


def test_a_folder_without_workbooks_is_a_problem(run, tmp_path):
    (tmp_path / "empty").mkdir()
    [p] = import_scores(run, tmp_path / "empty").problems
    assert "文件夹中没有 .xlsx 评分表" in p.message


def test_problems_in_several_workbooks_are_all_listed(run, sheets):
    fill(sheets / "town-a.xlsx", {"1.(1)": 9, "1.(2)": "x"})
    fill(sheets / "town-b.xlsx", {"1.(1)": -1})
    problems = import_scores(run, sheets).problems
    assert [(p.file, p.message.split("：")[0]) for p in problems] == [
        ("town-a.xlsx", "得分 9 超出范围"), ("town-a.xlsx", "不是数字"), ("town-b.xlsx", "得分 -1 超出范围")]
    assert stored(run) == {}


# ---- the rates, pure -----------------------------------------------------------------------------

def test_rates_are_none_while_an_indicator_is_unscored_including_the_machines():
    town = load_indicators()["town"]
    machine = {ind: {"score": s, "max": m, "veto": 0, "detail": {}} for ind, (s, m) in TOWN_A_MACHINE.items()}
    full = {code: 3 for code in TOWN_EVALUATOR}
    assert unit_rates("t", town, machine, full).overall == Fraction(73 + 54, 134)
    no_key_machine = {k: v for k, v in machine.items() if k != "2.(4)"}
    r = unit_rates("t", town, no_key_machine, full)
    assert (r.overall, r.key_area, r.missing, r.key_missing) == (None, None, ("个性.乡镇.(3)",), ("个性.乡镇.(3)",))
    r = unit_rates("t", town, machine, {**full, "1.(1)": None})
    assert (r.overall, r.key_area, r.missing) == (None, Fraction(11, 2 * 7), ("1.(1)",))   # (2.5 + 3) / 7


def test_a_vetoed_machine_indicator_counts_zero_whatever_its_stored_score():
    town = load_indicators()["town"]
    machine = {ind: {"score": m, "max": m, "veto": int(ind == "2.(4)"), "detail": {}}
               for ind, (_, m) in TOWN_A_MACHINE.items()}
    r = unit_rates("t", town, machine, {code: 3 for code in TOWN_EVALUATOR})
    assert r.overall == Fraction(134 - 4, 134) and r.key_area == Fraction(3, 7)


@pytest.mark.parametrize("rate, shown", [(Fraction(4, 5), "80.00%"), (Fraction(79999, 100000), "79.99%"),
                                         (Fraction(1), "100.00%"), (Fraction(0), "0.00%")])
def test_percent_never_rounds_up_to_a_threshold(rate, shown):
    assert percent(rate) == shown


# ---- snapshots made before the table ---------------------------------------------------------------

def test_a_version_2_snapshot_gains_the_table_and_a_version_3_one_gets_it_on_import(run, sheets):
    db = sqlite3.connect(run / "snapshot.db")
    db.execute("drop table evaluator_scores")
    db.execute("update run set schema_version = 2")
    db.commit()
    db.close()
    Snapshot.open(run).close()
    db = sqlite3.connect(run / "snapshot.db")
    assert [r[1] for r in db.execute("pragma table_info(evaluator_scores)")] == list(
        snapshot_module.TABLES["evaluator_scores"].columns)
    db.execute("drop table evaluator_scores")      # a schema-3 run made before the table existed
    db.commit()
    db.close()
    assert run_rates(run)["town-a"].overall is None
    fill(sheets / "town-a.xlsx", {"1.(1)": 2})
    assert import_scores(run, sheets).problems == []
    assert stored(run)[("town-a", "1.(1)")][0] == 2.0


# ---- the dashboard ---------------------------------------------------------------------------------

def test_dashboard_shows_the_rates_or_what_is_missing(run, sheets):
    from reports import dashboard
    from reports.common import RunReport
    snap = Snapshot.open(run)
    snap.upsert_unit({"id": "town-a", "name": "<b>青岚镇</b>"})
    snap.close()
    fill(sheets / "town-a.xlsx", all_threes(**{"1.(1)": 2.5, "3.(2)-2": 1.5}))
    assert import_scores(run, sheets).problems == []
    html = dashboard.write(RunReport.load(run), run / "reports" / "index.html").read_text(encoding="utf-8")
    # town-a: 125/134 = 93.28…%, 4/7 = 57.14…%; town-b: 18 unscored, 1 of the key area; town-c: unit veto
    assert '<td class="num">93.28%</td><td class="num">57.14%</td>' in html
    assert '<td class="num">待评（缺 18 项）</td><td class="num">待评（缺 1 项）</td>' in html
    assert '<td class="num">0.00%</td><td class="num">待评（缺 1 项）</td>' in html
    assert "&lt;b&gt;青岚镇&lt;/b&gt;" in html and "<b>青岚镇" not in html


# ---- the command line ------------------------------------------------------------------------------

def zwgk(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "zwgk.cli", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_cli_export_import_and_a_bad_import(run, tmp_path):
    done = zwgk("scoresheet", "export", run, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "已导出 3 份评分表" in done.stdout and (tmp_path / "out" / "town-a.xlsx").is_file()
    fill(tmp_path / "out" / "town-a.xlsx", all_threes(**{"1.(1)": 2.5, "3.(2)-2": 1.5}))
    fill(tmp_path / "out" / "town-b.xlsx", {"1.(1)": 7})
    done = zwgk("scoresheet", "import", run, tmp_path / "out")
    assert done.returncode == 2
    assert "文件 town-b.xlsx 工作表“评分表” 第 3 行 H 列（得分）：得分 7 超出范围：应在 0 到 3 之间" in done.stderr
    assert "未导入任何评分" in done.stderr and stored(run) == {}
    fill(tmp_path / "out" / "town-b.xlsx", {"1.(1)": None})
    done = zwgk("scoresheet", "import", run, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "town-a：综合得分率 93.28%；重点领域信息公开得分率 57.14%" in done.stdout
    assert "town-b：综合得分率 待评（缺 18 项）" in done.stdout
    assert stored(run)[("town-a", "1.(1)")][0] == 2.5


def test_cli_refuses_a_run_never_checked_and_a_missing_run(tmp_path):
    snap = Snapshot.create(tmp_path / "bare", "bare", "test", "2019-09-30")
    snap.upsert_unit({"id": "town-a", "name": "青岚镇", "type": "town", "status": "ok"})
    snap.close()
    done = zwgk("scoresheet", "export", tmp_path / "bare")
    assert done.returncode == 2 and "尚未检查评分" in done.stderr
    done = zwgk("scoresheet", "import", tmp_path / "nothing", tmp_path)
    assert done.returncode == 2 and "不是运行目录" in done.stderr


# ---- a real audit: the machine's scores as `zwgk check` stored them ------------------------------------

@pytest.mark.parametrize("veto", ["zero", "unit"])
def test_a_real_audit_feeds_the_sheet_and_the_rates(tmp_path, veto):
    """A county whose portal failed 2 of 3 visits (AVAIL-001, a veto on 4.(1)), audited by the real
    engine and rendered: its sheet shows the stored scores and links the 整改清单 that exists."""
    from tests.test_scoring import _rubric_with, avail_veto_run
    rubric = _rubric_with(tmp_path, "veto: zero\n", f"veto: {veto}\n")[0]
    run = avail_veto_run(tmp_path, rubric)
    conn = sqlite3.connect(run / "snapshot.db")
    machine = {i: (s, m) for i, s, m in conn.execute("select indicator, score, max from scores where unit = 'u'")}
    conn.close()
    assert machine["4.(1)"][0] == 0 and sum(m for _, m in machine.values()) == 86   # the county's 13 rubric indicators
    export(run)
    ws = load_workbook(run / "reports" / "evaluator" / "u.xlsx")["评分表"]
    cols = columns(ws)
    county = load_indicators()["county"]
    for ind in county:
        if ind.scored_by == "machine":
            r = row_of(ws, ind.code)
            assert ws.cell(r, cols["得分"]).value == machine[ind.rubric][0], ind.code
            link = ws.cell(r, cols["证据"]).hyperlink.target
            assert (run / "reports" / "evaluator" / link).resolve() == run / "reports" / "units" / "u.html"
            assert (run / "reports" / "units" / "u.html").is_file()
    evaluator = [ind.code for ind in county if ind.scored_by == "evaluator"]
    assert len(evaluator) == 23                      # 23 × 3 = 69 points; 155 in all with the machine's 86
    fill(run / "reports" / "evaluator" / "u.xlsx", {code: 3 for code in evaluator})
    assert import_scores(run, run / "reports" / "evaluator").problems == []
    r = run_rates(run)["u"]
    expected = Fraction(sum(Fraction(str(s)) for s, _ in machine.values()) + 69, 155)
    assert r.overall == (0 if veto == "unit" else expected) and r.missing == ()
    # key area of a county: 3.(2)-2 and 个性.县区政府.(10), both the evaluators'
    assert r.key_area == 1
