"""`zwgk profiles import | template | check` (site_profiles/importer.py, site_profiles/probe.py).

Real workbooks built here with openpyxl, laid out as offices lay them out: a title row above the
header, Chinese sheet names, header cells merged over two rows, a type merged down several units.
The CLI runs as a real subprocess; `check` probes a real HTTP server on loopback.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from openpyxl import Workbook, load_workbook
from rapidfuzz import fuzz

from site_profiles import load_unit, load_unit_types
from site_profiles.importer import (
    HEADER_MIN_SCORE,
    MARKER,
    TYPE_MIN_SCORE,
    header_column,
    import_units,
    unit_type_for,
)
from site_profiles.probe import probe_url

ROOT = Path(__file__).resolve().parents[1]
SHEET = "单位名单（2026年）"
HEADER = ["序号", "单位全称", "单位类型", "统一社会信用代码", "网站地址（门户）", "信息公开网", "手机版",
          "政务微博", "公开电话", "备注"]


def zwgk(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "zwgk.cli", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def workbook(path: Path, rows: list[list], header=HEADER, title: str | None = "云溪市政务公开监测单位名单",
             sheet: str = SHEET) -> Path:
    """One sheet: an optional merged title row, the header, then `rows`."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


GOOD = [
    [1, "云溪市青岚区人民政府", "县区政府", "11330100003240560X", "https://127.0.0.1/qinglan/",
     "https://127.0.0.1/qinglan/gk/", "http://127.0.0.1/m/", "青岚区发布 http://127.0.0.1/u/qlwb", "0571-88001234", "区政府"],
    [2, "青岚区桃源镇人民政府", "乡镇", "003240712", None, "http://127.0.0.1/gk/taoyuan/", None, None, None, None],
    [3, "云溪市统计局", "市级部门", "00305147-0", "http://127.0.0.1/tongji/", "http://127.0.0.1/tongji/gk/",
     None, None, None, None],
]


def test_a_good_workbook_becomes_one_loadable_file_per_unit(tmp_path):
    xlsx = workbook(tmp_path / "units.xlsx", GOOD)
    out = tmp_path / "units"
    proc = zwgk("profiles", "import", xlsx, "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert "已写入 3 个单位配置文件" in proc.stdout
    files = {p.name for p in out.glob("*.yaml")}
    assert files == {"yunxishiqinglanqurenminzhengfu.yaml", "qinglanqutaoyuanzhenrenminzhengfu.yaml",
                     "yunxishitongjiju.yaml"}
    assert not [p for p in out.iterdir() if p.name.startswith(".")]     # no staging folder left
    county = load_unit(out / "yunxishiqinglanqurenminzhengfu.yaml")
    assert (county.id, county.name, county.type) == ("yunxishiqinglanqurenminzhengfu", "云溪市青岚区人民政府", "county")
    assert county.org_code == "11330100003240560X"
    assert (county.portal, county.disclosure) == ("https://127.0.0.1/qinglan/", "https://127.0.0.1/qinglan/gk/")
    assert [(m.platform, m.name, m.url) for m in county.media] == [("weibo", "青岚区发布", "http://127.0.0.1/u/qlwb")]
    town = load_unit(out / "qinglanqutaoyuanzhenrenminzhengfu.yaml")
    assert (town.type, town.org_code, town.portal) == ("town", "003240712", None)
    dept = load_unit(out / "yunxishitongjiju.yaml")
    assert (dept.type, dept.org_code) == ("dept", "003051470")     # XXXXXXXX-X as printed on certificates
    # 手机版 becomes the unit's mobile site, 公开电话 its own published numbers (never PRIV-002)
    text = (out / "yunxishiqinglanqurenminzhengfu.yaml").read_text(encoding="utf-8")
    assert text.startswith(MARKER) and SHEET in text
    assert [(s.role, s.url) for s in county.sites] == [("portal", "https://127.0.0.1/qinglan/"),
                                                       ("disclosure", "https://127.0.0.1/qinglan/gk/"),
                                                       ("mobile", "http://127.0.0.1/m/")]
    assert county.published_contacts == ["057188001234"]
    assert "- {role: mobile, url: 'http://127.0.0.1/m/'}" in text or "- {role: mobile, url: http://127.0.0.1/m/}" in text
    assert "序号、备注" in proc.stderr      # ignored columns are named


def test_merged_header_cells_and_a_type_merged_down_several_units(tmp_path):
    """"网站地址" merged over "门户 | 信息公开", other headers merged over both rows, and 乡镇 merged
    down two units: the URLs must not swap and both towns get the type."""
    wb = Workbook()
    ws = wb.active
    ws.title = "乡镇街道"
    ws.append(["单位名称", "类型", "组织机构代码", "网站地址", None])
    ws.append([None, None, None, "门户", "信息公开"])
    for col in "ABC":
        ws.merge_cells(f"{col}1:{col}2")
    ws.merge_cells("D1:E1")
    ws.append(["青岚区桃源镇人民政府", "乡镇", "003240712", "http://127.0.0.1/p/ty/", "http://127.0.0.1/d/ty/"])
    ws.append(["青岚区石门镇人民政府", None, "003240720", "http://127.0.0.1/p/sm/", "http://127.0.0.1/d/sm/"])
    ws.merge_cells("B3:B4")
    ws.append([])    # a blank row between groups
    ws.append(["青岚区东城街道办事处", "街道", "003240839", "东城街道门户", "http://127.0.0.1/d/dc/"])
    ws["D6"].hyperlink = "http://127.0.0.1/p/dc/"     # the text is a label, the link is the URL
    wb.save(tmp_path / "merged.xlsx")
    result = import_units(tmp_path / "merged.xlsx", tmp_path / "out")
    assert result.problems == []
    units = {u.name: u for u in (load_unit(p) for p in result.written)}
    assert units["青岚区桃源镇人民政府"].portal == "http://127.0.0.1/p/ty/"
    assert units["青岚区桃源镇人民政府"].disclosure == "http://127.0.0.1/d/ty/"
    assert units["青岚区石门镇人民政府"].type == "town"
    assert units["青岚区东城街道办事处"].type == "street"
    assert units["青岚区东城街道办事处"].portal == "http://127.0.0.1/p/dc/"


def test_the_credit_code_wins_over_the_old_code_and_either_will_do(tmp_path):
    header = ["单位名称", "单位类型", "组织机构代码", "统一社会信用代码", "信息公开网"]
    rows = [["云溪市统计局", "市级部门", "003051470", "11330100003051470X", "http://127.0.0.1/a/"],
            ["云溪市档案局", "市级部门", "003051391", None, "http://127.0.0.1/b/"]]
    result = import_units(workbook(tmp_path / "u.xlsx", rows, header=header, title=None), tmp_path / "out")
    assert result.problems == []
    assert {load_unit(p).name: load_unit(p).org_code for p in result.written} == {
        "云溪市统计局": "11330100003051470X", "云溪市档案局": "003051391"}


def test_a_unit_the_loader_refuses_after_writing_stops_the_whole_import(tmp_path, monkeypatch):
    """The staged files are read back with load_unit; one refused, none is moved into place."""
    from site_profiles import importer
    real = importer.load_unit

    def refuse_the_archive(path, unit_types=None):
        unit = real(path, unit_types)
        if unit.name == "云溪市档案局":
            from site_profiles import ProfileError
            raise ProfileError(path, 3, "name", "测试：加载器拒绝")
        return unit
    monkeypatch.setattr(importer, "load_unit", refuse_the_archive)
    rows = [[None, "云溪市统计局", "市级部门", "003051470", None, "http://127.0.0.1/a/"],
            [None, "云溪市档案局", "市级部门", "003051391", None, "http://127.0.0.1/b/"]]
    out = tmp_path / "out"
    result = import_units(workbook(tmp_path / "u.xlsx", rows, header=HEADER[:6]), out)
    assert [(p.row, p.message) for p in result.problems] == [(4, "测试：加载器拒绝")]
    assert result.written == [] and list(out.iterdir()) == []


def test_a_group_heading_tells_which_site_a_url_column_is(tmp_path):
    """"网址" alone would be the portal; under "政府信息公开" it is the disclosure site."""
    wb = Workbook()
    ws = wb.active
    ws.title = "部门"
    ws.append(["单位名称", "单位类型", "组织机构代码", "政府信息公开", None])
    ws.append([None, None, None, "网址", "联系电话"])
    for col in "ABC":
        ws.merge_cells(f"{col}1:{col}2")
    ws.merge_cells("D1:E1")
    ws.append(["云溪市统计局", "市级部门", "003051470", "http://127.0.0.1/tj/gk/", "0571-88001234"])
    wb.save(tmp_path / "group.xlsx")
    result = import_units(tmp_path / "group.xlsx", tmp_path / "out")
    assert result.problems == []
    (unit,) = [load_unit(p) for p in result.written]
    assert (unit.portal, unit.disclosure) == (None, "http://127.0.0.1/tj/gk/")
    assert unit.published_contacts == ["057188001234"]


def test_every_bad_row_is_reported_and_nothing_is_written(tmp_path):
    rows = GOOD + [
        [4, "云溪市档案局", "市级部门", "003051391", "www.dangan.gov.cn", "http://127.0.0.1/da/gk/"] + [None] * 4,
        [5, "云溪市审计局", "市级部门", "12345", None, "http://127.0.0.1/sj/gk/"] + [None] * 4,
        [6, "云溪市气象局", "学校", "003051400", None, "http://127.0.0.1/qx/gk/"] + [None] * 4,
        [7, None, "乡镇", "003240999", None, "http://127.0.0.1/x/gk/"] + [None] * 4,
        [8, "云溪市统计局", "市级部门", "003051480", None, "http://127.0.0.1/tj2/gk/"] + [None] * 4,
        [9, "云溪市水利局", "市级部门", 3051500, None, "http://127.0.0.1/sl/gk/"] + [None] * 4,
        [10, "云溪市民政局", "市级部门", "003051510", None, None, None, "http://127.0.0.1/u/mz"] + [None] * 2,
    ]
    xlsx = workbook(tmp_path / "units.xlsx", rows)
    out = tmp_path / "units"
    out.mkdir()
    earlier = out / "yunxishiqinglanqurenminzhengfu.yaml"      # from an earlier import: must stay as it is
    earlier.write_text(f"{MARKER}：old.xlsx\nid: old\n", encoding="utf-8")
    proc = zwgk("profiles", "import", xlsx, "--out", out)
    assert proc.returncode == 2
    err = proc.stderr
    assert "Traceback" not in err
    # data rows start at spreadsheet row 3 (title row, header row): row n of the list is row n + 2
    expected = [
        (6, "E 列（门户网站）", "“www.dangan.gov.cn”不是有效的网址"),
        (7, "D 列（统一社会信用代码）", "“12345”不是有效的组织机构代码"),
        (8, "C 列（单位类型）", "未知的单位类型“学校”"),
        (9, "B 列（单位名称）", "缺少单位名称"),
        (10, "B 列（单位名称）", f"与工作表“{SHEET}”第 5 行重复：云溪市统计局"),
        (11, "D 列（统一社会信用代码）", "前导 0 已丢失"),
        (12, "F 列（信息公开网）", "缺少信息公开网址"),
        (12, "H 列（政务微博）", "缺少账号名称"),
    ]
    for row, column, what in expected:
        line = next((ln for ln in err.splitlines() if f"工作表“{SHEET}” 第 {row} 行 {column}：" in ln), None)
        assert line is not None and what in line, (row, column, err)
    assert f"共 {len(expected)} 处问题，未写入任何文件" in err
    assert sorted(p.name for p in out.iterdir()) == [earlier.name]
    assert earlier.read_text(encoding="utf-8") == f"{MARKER}：old.xlsx\nid: old\n"


def test_a_duplicate_code_across_sheets_names_both(tmp_path):
    wb = Workbook()
    info = wb.active
    info.title = "填写说明"
    info.append(["本表由办公室维护"])
    a = wb.create_sheet("区县")
    a.append(["单位名称", "单位类型", "组织机构代码", "信息公开网"])
    a.append(["云溪市青岚区人民政府", "县区政府", "003240560", "http://127.0.0.1/a/"])
    b = wb.create_sheet("市直部门")
    b.append(["单位名称", "单位类型", "组织机构代码", "信息公开网"])
    b.append(["云溪市统计局", "市级部门", "003240560", "http://127.0.0.1/b/"])
    wb.save(tmp_path / "two.xlsx")
    result = import_units(tmp_path / "two.xlsx", tmp_path / "out")
    assert [str(p) for p in result.problems] == [
        "工作表“市直部门” 第 2 行 C 列（组织机构代码）：与工作表“区县”第 2 行重复：003240560"]
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.yaml"))
    assert any("填写说明" in note and "跳过" in note for note in result.notes)


def test_homophones_get_suffixes_in_sheet_order_and_ids_are_stable(tmp_path):
    """李庄镇 and 理庄镇 read alike in pinyin: the second in sheet order gets -2, every time. A
    hand-written unit already holding an id keeps it; the import moves aside."""
    rows = [[None, "李庄镇人民政府", "乡镇", "003240712", None, "http://127.0.0.1/a/"],
            [None, "理庄镇人民政府", "乡镇", "003240720", None, "http://127.0.0.1/b/"]]
    xlsx = workbook(tmp_path / "u.xlsx", rows, header=HEADER[:6])
    out = tmp_path / "out"
    for _ in range(2):     # the second import replaces the first one's files with the same ids
        result = import_units(xlsx, out)
        assert result.problems == []
        ids = {load_unit(p).name: load_unit(p).id for p in out.glob("*.yaml")}
        assert ids == {"李庄镇人民政府": "lizhuangzhenrenminzhengfu", "理庄镇人民政府": "lizhuangzhenrenminzhengfu-2"}

    hand = tmp_path / "hand"
    hand.mkdir()
    (hand / "mine.yaml").write_text("id: lizhuangzhenrenminzhengfu\nname: 手写\ntype: town\norg_code: '003240799'\n"
                                    "disclosure: http://127.0.0.1/c/\n", encoding="utf-8")
    result = import_units(xlsx, hand)
    assert result.problems == []
    assert sorted(load_unit(p).id for p in result.written) == ["lizhuangzhenrenminzhengfu-2",
                                                               "lizhuangzhenrenminzhengfu-3"]
    assert (hand / "mine.yaml").read_text(encoding="utf-8").startswith("id: lizhuangzhenrenminzhengfu\n")


def test_a_row_for_a_unit_written_by_hand_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "qinglan.yaml").write_text("id: qinglan\nname: 青岚区\ntype: county\norg_code: '003240712'\n"
                                      "disclosure: http://127.0.0.1/c/\n", encoding="utf-8")
    xlsx = workbook(tmp_path / "u.xlsx", [GOOD[1]])
    result = import_units(xlsx, out)
    assert len(result.problems) == 1 and "qinglan.yaml" in result.problems[0].message
    assert sorted(p.name for p in out.iterdir()) == ["qinglan.yaml"]


@pytest.mark.parametrize("header, key", [
    ("单位名字", "name"),          # ratio 75 against 单位名称: at the limit, accepted
    ("本单位名称简写", None),       # 72.7: just below
    ("单位名称简写", "name"),       # 80: just above
    ("网站地址（门户）", "portal"),
    ("网站地址(信息公开)", "disclosure"),
    ("组织机构代码/统一社会信用代码", "org_code"),
    ("统一社会信用代码", "uscc"),
    ("序号", None),
    ("单位名称/类型", None),      # as close to 单位名称 as to 单位类型: not guessed
])
def test_header_names_are_matched_fuzzily(header, key):
    if header in ("单位名字", "本单位名称简写", "单位名称简写"):   # the table is set where it means to be
        score = fuzz.ratio(header, "单位名称")
        assert (score >= HEADER_MIN_SCORE) == (key is not None) and abs(score - HEADER_MIN_SCORE) <= 5
    column = header_column(header)
    assert (column.key if column else None) == key


def test_the_header_need_not_be_near_the_top_of_a_busy_sheet(tmp_path):
    """Notes above the header name a column or two (e.g. "单位名称" in a sentence cell): the row
    naming the most columns is the header."""
    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["说明：单位名称须与公章一致"])
    ws.append(["单位名称", "单位类型", "联系电话", "填表人"])   # a sign-off block: 3 columns, not the most
    ws.append(["市统计局", "市级部门", "88001234", "张三"])
    ws.append([])
    ws.append(["单位名称", "单位类型", "组织机构代码", "信息公开网"])
    ws.append(["云溪市统计局", "市级部门", "003051470", "http://127.0.0.1/tj/"])
    wb.save(tmp_path / "busy.xlsx")
    result = import_units(tmp_path / "busy.xlsx", tmp_path / "out")
    assert result.problems == []
    assert [load_unit(p).name for p in result.written] == ["云溪市统计局"]


@pytest.mark.parametrize("text, type_id", [
    ("乡镇", "town"), ("镇人民政府", "town"), ("街道办事处", "street"), ("市级部门", "dept"),
    ("重点领域部门", "key_dept"), ("县区政府", "county"), ("管委会", "zone"), ("事业单位", "institution"),
    ("key_dept", "key_dept"), ("学校", None), ("政府", None),
])
def test_unit_types_from_chinese_names(text, type_id):
    found, why = unit_type_for(text, load_unit_types())
    assert found == type_id
    assert (why is None) == (type_id is not None)
    if text == "政府":     # as close to 县区政府 as to 乡镇: not guessed
        assert "不明确" in why


COMMUNITY = "社区居民委员会服务站"      # 10 characters: each one changed moves the ratio by 10


@pytest.mark.parametrize("text, accepted", [
    ("社区居民委员会甲乙丙", True),        # 7 of 10 in common: ratio 70, at the limit
    ("社区居民委员会服甲乙丙丁戊", False),  # 8 in common, 13 long: 69.6, just below
    ("社区居民委员会服乙丙", True),        # 80: above
])
def test_the_type_threshold_with_a_programs_own_types(tmp_path, text, accepted):
    types = tmp_path / "types"
    types.mkdir()
    (types / "community.yaml").write_text(f"id: community\nname: {COMMUNITY}\n", encoding="utf-8")
    score = fuzz.ratio(text, COMMUNITY)
    assert (score >= TYPE_MIN_SCORE) == accepted and abs(score - TYPE_MIN_SCORE) < 11
    found, _ = unit_type_for(text, load_unit_types(types))
    assert found == ("community" if accepted else None)


def test_import_with_a_program_uses_its_unit_types(tmp_path):
    (tmp_path / "types").mkdir()
    (tmp_path / "types" / "community.yaml").write_text(f"id: community\nname: {COMMUNITY}\n", encoding="utf-8")
    program = tmp_path / "p.yaml"
    program.write_text("id: p\nname: 社区方案\nunits: units/\nunit_types: types/\n", encoding="utf-8")
    rows = [[None, "东城社区居委会", COMMUNITY, "003240839", None, "http://127.0.0.1/dc/"],
            [None, "云溪市统计局", "市级部门", "003051470", None, "http://127.0.0.1/tj/"]]
    xlsx = workbook(tmp_path / "u.xlsx", rows, header=HEADER[:6])
    proc = zwgk("profiles", "import", xlsx, "--out", tmp_path / "units", "--program", program)
    assert proc.returncode == 2
    assert "未知的单位类型“市级部门”" in proc.stderr and COMMUNITY in proc.stderr   # the package's types are not offered
    xlsx = workbook(tmp_path / "u.xlsx", rows[:1], header=HEADER[:6])
    proc = zwgk("profiles", "import", xlsx, "--out", tmp_path / "units", "--program", program)
    assert proc.returncode == 0, proc.stderr
    assert zwgk("profiles", "check", program, "--no-probe").returncode == 0
    proc = zwgk("profiles", "template", "--out", tmp_path / "t.xlsx", "--program", program)
    assert proc.returncode == 0, proc.stderr
    assert [row for row in load_workbook(tmp_path / "t.xlsx")["单位类型"].iter_rows(min_row=2, values_only=True)] == [
        (COMMUNITY, "community")]


def test_the_template_has_instructions_a_type_drop_down_and_imports_once_filled(tmp_path):
    path = tmp_path / "模板.xlsx"
    proc = zwgk("profiles", "template", "--out", path)
    assert proc.returncode == 0, proc.stderr
    empty = zwgk("profiles", "import", path, "--out", tmp_path / "units")
    assert empty.returncode == 2 and "模板.xlsx 中没有任何单位" in empty.stderr
    assert not (tmp_path / "units").exists()
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "填写说明" and "单位名单" in wb.sheetnames
    ws = wb["单位名单"]
    header = [c.value for c in ws[1]]
    assert header[:2] == ["单位名称", "单位类型"] and "信息公开网" in header
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and "B2" in dv.sqref
    sheet, cells = dv.formula1.split("!")
    listed = [c.value for (c,) in wb[sheet.strip("'")][cells.replace("$", "")]]
    names = {yaml.safe_load(p.read_text(encoding="utf-8"))["name"]
             for p in (ROOT / "site_profiles" / "unit_types").glob("*.yaml")}
    assert set(listed) == names and len(listed) == len(names)
    # filled in as an office would: the code typed into the text-formatted column keeps its zeros
    code = header.index("组织机构代码") + 1
    assert ws.cell(2, code).number_format == "@"
    ws.cell(2, 1, "青岚区桃源镇人民政府")
    ws.cell(2, 2, "乡镇")
    ws.cell(2, code, "003240712")
    ws.cell(2, header.index("信息公开网") + 1, "http://127.0.0.1/ty/")
    wb.save(path)
    proc = zwgk("profiles", "import", path, "--out", tmp_path / "units")
    assert proc.returncode == 0, proc.stderr
    (unit,) = [load_unit(p) for p in (tmp_path / "units").glob("*.yaml")]
    assert (unit.type, unit.org_code) == ("town", "003240712")


def test_media_cells_hold_one_account_per_line(tmp_path):
    header = ["单位名称", "单位类型", "组织机构代码", "信息公开网", "政务微博", "政务微信"]
    rows = [["云溪市青岚区人民政府", "县区政府", "003240560", "http://127.0.0.1/gk/",
             "青岚区发布 http://127.0.0.1/u/1\n青岚应急：http://127.0.0.1/u/2", "青岚政务 http://127.0.0.1/mp/1"]]
    result = import_units(workbook(tmp_path / "u.xlsx", rows, header=header, title=None), tmp_path / "out")
    assert result.problems == []
    (unit,) = [load_unit(p) for p in result.written]
    assert [(m.platform, m.name, m.url) for m in unit.media] == [
        ("weibo", "青岚区发布", "http://127.0.0.1/u/1"), ("weibo", "青岚应急", "http://127.0.0.1/u/2"),
        ("wechat", "青岚政务", "http://127.0.0.1/mp/1")]


def test_a_unit_dropped_from_the_sheet_is_named_but_its_file_kept(tmp_path):
    out = tmp_path / "out"
    rows = [[None, "云溪市统计局", "市级部门", "003051470", None, "http://127.0.0.1/a/"],
            [None, "云溪市档案局", "市级部门", "003051391", None, "http://127.0.0.1/b/"]]
    assert import_units(workbook(tmp_path / "u.xlsx", rows, header=HEADER[:6]), out).problems == []
    result = import_units(workbook(tmp_path / "u.xlsx", rows[:1], header=HEADER[:6]), out)
    assert result.problems == [] and [p.name for p in result.written] == ["yunxishitongjiju.yaml"]
    assert [n for n in result.notes if "yunxishidanganju.yaml（云溪市档案局）" in n and "未删除" in n]
    assert (out / "yunxishidanganju.yaml").exists()


def test_a_header_without_a_required_column_is_refused(tmp_path):
    xlsx = workbook(tmp_path / "u.xlsx", [["云溪市统计局", "市级部门", "003051470", "http://127.0.0.1/tj/"]],
                    header=["单位名称", "单位类型", "组织机构代码", "门户网站"], sheet="市直")
    proc = zwgk("profiles", "import", xlsx, "--out", tmp_path / "out")
    assert proc.returncode == 2
    assert "工作表“市直” 第 2 行：表头中找不到“信息公开网”列" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_a_file_that_is_not_a_workbook_is_told_in_chinese(tmp_path):
    bad = tmp_path / "units.xlsx"
    bad.write_text("单位名称,单位类型\n", encoding="gbk")
    proc = zwgk("profiles", "import", bad, "--out", tmp_path / "out")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("units.xlsx 无法作为 Excel 工作簿（.xlsx）读取")
    assert not (tmp_path / "out").exists()


# ---- zwgk profiles check ---------------------------------------------------------------------

class _Site(BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def do_GET(self):
        _Site.seen.append(self.path)
        if self.path.startswith("/ok"):
            self.send_response(200)
        elif self.path.startswith("/moved"):
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.2:9/elsewhere")
        elif self.path.startswith("/slow"):
            time.sleep(1.5)
            self.send_response(200)
        elif self.path.startswith("/inside"):
            self.send_response(301)
            self.send_header("Location", "/ok/new")
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    _Site.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def program_with(tmp_path: Path, units: dict[str, tuple[str | None, str]]) -> Path:
    (tmp_path / "units").mkdir()
    for i, (uid, (portal, disclosure)) in enumerate(units.items()):
        text = f"id: {uid}\nname: 单位{uid}\ntype: dept\norg_code: '00305147{i}'\ndisclosure: {disclosure}\n"
        if portal:
            text += f"portal: {portal}\n"
        (tmp_path / "units" / f"{uid}.yaml").write_text(text, encoding="utf-8")
    program = tmp_path / "p.yaml"
    program.write_text("id: p\nname: 探测方案\nunits: units/\n", encoding="utf-8")
    return program


def test_check_all_good_exits_0_and_fetches_each_url_once(tmp_path, site):
    program = program_with(tmp_path, {"a": (f"{site}/ok/a", f"{site}/ok/gk"), "b": (None, f"{site}/ok/gk"),
                                      "c": (None, f"{site}/inside")})
    proc = zwgk("profiles", "check", program)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "全部 4 个网址均可访问" in proc.stdout
    # each URL once, the shared one too; a redirect inside the unit's hosts is reported, not followed
    assert sorted(_Site.seen) == ["/inside", "/ok/a", "/ok/gk"]
    assert f"{site}/ok/new" in proc.stdout


def test_check_site_problems_exit_1_with_the_reason_per_site(tmp_path, site):
    dead = f"http://127.0.0.1:{closed_port()}/"
    program = program_with(tmp_path, {"a": (f"{site}/ok/a", f"{site}/missing"),
                                      "b": (f"{site}/moved", f"{site}/ok/b"), "c": (None, dead)})
    proc = zwgk("profiles", "check", program)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "3 个网址无法正常访问" in proc.stderr
    rows = {line.split("│")[3].strip(): line for line in proc.stdout.splitlines() if line.count("│") > 5}
    assert "HTTP 状态 404" in rows[f"{site}/missing"]
    assert "跳转到 127.0.0.2" in rows[f"{site}/moved"] and "http://127.0.0.2:9/elsewhere" in rows[f"{site}/moved"]
    assert "连接被拒绝" in rows[dead]
    assert "正常" in rows[f"{site}/ok/a"] and "正常" in rows[f"{site}/ok/b"]
    assert "/elsewhere" not in _Site.seen    # only the profiles' URLs are touched


def test_a_site_slower_than_the_timeout_is_reported_as_such(tmp_path, site):
    program = program_with(tmp_path, {"a": (f"{site}/ok/a", f"{site}/slow")})
    proc = zwgk("profiles", "check", program, "--timeout", "0.5")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    (row,) = [line for line in proc.stdout.splitlines() if f"{site}/slow" in line]
    assert "请求失败（超时）" in row


def test_check_a_bad_program_exits_2_before_probing(tmp_path, site):
    program = program_with(tmp_path, {"a": (None, "ftp://127.0.0.1/")})
    proc = zwgk("profiles", "check", program)
    assert proc.returncode == 2 and "配置错误" in proc.stderr and "disclosure" in proc.stderr
    assert _Site.seen == []


def test_a_name_that_does_not_resolve_is_a_dns_failure():
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    result = probe_url("http://unit.example.invalid/", timeout=1, resolve=no_such_host)
    assert result.dns is None and not result.connected and "域名解析失败" in result.problem


def self_signed(tmp_path: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by itself: what a site with a home-made certificate serves."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_a_home_made_certificate_is_a_problem_and_a_trusted_one_is_not(tmp_path, monkeypatch):
    import ssl
    cert, key = self_signed(tmp_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        result = probe_url(f"https://127.0.0.1:{port}/ok", timeout=3)
        assert result.connected and result.status is None
        assert "HTTPS 证书或握手错误" in result.problem
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))     # the same certificate, trusted
        result = probe_url(f"https://127.0.0.1:{port}/ok", timeout=3)
        assert (result.status, result.problem) == (200, None)
    finally:
        server.shutdown()
        server.server_close()


def test_published_numbers_one_per_line_or_separated_and_a_bad_one_refused(tmp_path):
    header = ["单位名称", "单位类型", "组织机构代码", "信息公开网", "公开电话"]
    good = [["云溪市青岚区人民政府", "县区政府", "003240560", "http://127.0.0.1/gk/", "0564-3377000、13805641234\n12345"]]
    result = import_units(workbook(tmp_path / "u.xlsx", good, header=header, title=None), tmp_path / "out")
    assert result.problems == []
    (unit,) = [load_unit(p) for p in result.written]
    assert unit.published_contacts == ["05643377000", "13805641234", "12345"]
    bad = [["云溪市青岚区人民政府", "县区政府", "003240560", "http://127.0.0.1/gk/", "0564-3377000；办公室"]]
    result = import_units(workbook(tmp_path / "b.xlsx", bad, header=header, title=None), tmp_path / "out2")
    assert result.written == [] and len(result.problems) == 1
    assert "E 列（公开电话）" in str(result.problems[0]) and "“办公室”不是电话号码" in str(result.problems[0])


def test_check_probes_every_site_of_a_unit(tmp_path, site):
    program = program_with(tmp_path, {"a": (f"{site}/ok/a", f"{site}/ok/gk")})
    unit = tmp_path / "units" / "a.yaml"
    unit.write_text(unit.read_text(encoding="utf-8") + f"sites:\n  - {{role: mobile, url: '{site}/missing'}}\n",
                    encoding="utf-8")
    proc = zwgk("profiles", "check", program)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert sorted(_Site.seen) == ["/missing", "/ok/a", "/ok/gk"]
    assert "手机版网站" in proc.stdout
