"""The basic catalog rules (CAT-001…004) and their matching: exact messages, places and evidence."""
from __future__ import annotations

from typing import NamedTuple

import pytest

from checks.findings import fingerprint
from checks.rules.catalog import fixed_kind, match_catalog, same_column
from tests.minisnap import DISCLOSURE, Mini
from tests.test_mut_rules_a import rows, said, unreachable

BOX = "法定主动公开内容"


class Req(NamedTuple):
    names: tuple
    parent: tuple
    path: str


# ---- same_column ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("found, names, threshold, same", [
    ("（政策 文件）", ("政策文件",), 100, True),           # equal after dropping spaces and brackets
    ("行政许司", ("行政许可",), 75, True),                  # ratio 75: at the threshold
    ("行政许司", ("行政许可",), 75.01, False),              # just above it
    ("部门三公费公开", ("三公费",), 100, True),             # a name of 3 characters inside a longer one
    ("精准扶贫工作", ("扶贫",), 100, False),                 # 2 characters are too short to count inside
    ("领导简介", ("领导信息", "领导简介"), 100, True),       # the alias after the official name
    ("领导简介", ("领导信息", "机构设置"), 100, False),
])
def test_same_column(found, names, threshold, same):
    assert same_column(found, names, threshold) is same


# ---- match_catalog -----------------------------------------------------------------------------------

def col(path, url=None):
    return {"path": path, "url": url, "parent": None}


def test_a_column_seen_only_in_a_path_exists():
    cols = [col(BOX), col(f"{BOX} > 行政执法 > 行政许可 > 许可公示", "u1")]
    reqs = [Req(("行政执法",), (), "行政执法"), Req(("行政许可",), ("行政执法",), "行政执法 > 行政许可")]
    got = [(r.path, c and (c["path"], c["url"]), ok) for r, c, ok in match_catalog(reqs, cols, 85)]
    assert got == [("行政执法", (f"{BOX} > 行政执法", None), True),
                   ("行政执法 > 行政许可", (f"{BOX} > 行政执法 > 行政许可", None), True)]


def test_placement_picks_the_first_well_placed_candidate():
    req = Req(("部门预决算",), ("财政资金",), "财政资金 > 部门预决算")
    wrong = col("人事信息 > 部门预决算", "wrong")
    right = col("财政资金 > 部门预决算", "right")
    shallow = col("部门预决算", "shallow")
    assert [(c["url"], ok) for _, c, ok in match_catalog([req], [wrong, right], 85)] == [("right", True)]
    assert [(c["url"], ok) for _, c, ok in match_catalog([req], [wrong, shallow], 85)] == [("shallow", True)]
    assert [(c["url"], ok) for _, c, ok in match_catalog([req], [wrong, col("其他 > 部门预决算", "w2")], 85)] \
        == [("wrong", False)]


def test_a_top_column_takes_the_first_candidate_and_a_missing_one_none():
    reqs = [Req(("扶贫",), (), "扶贫"), Req(("工作动态",), (), "工作动态")]
    cols = [col("扶贫", "a"), col("专题 > 扶贫", "b")]
    got = [(r.path, c and c["url"], ok) for r, c, ok in match_catalog(reqs, cols, 85)]
    assert got == [("扶贫", "a", True), ("工作动态", None, False)]


# ---- CAT-001 / CAT-002 ---------------------------------------------------------------------------------

@pytest.fixture
def dept(tmp_path):
    return Mini(tmp_path, unit_type="dept")


def catalog_rows(mini, code):
    return {r["column_path"]: r for r in rows(mini, code)}


def test_missing_column_messages(dept):
    got = catalog_rows(dept, "CAT-001")
    assert said(got["扶贫"]) == "未找到必备栏目“扶贫”"
    assert said(got["财政资金"]) == "未找到必备栏目“财政资金”（含子栏目部门预决算、三公经费），别名财政信息也未找到"
    assert got["扶贫"]["url"] == DISCLOSURE and not got["扶贫"]["gap"] and got["扶贫"]["severity"] == "major"
    assert "财政资金 > 三公经费" not in got         # reported with its parent
    assert got["扶贫"]["fingerprint"] == fingerprint("CAT-001", "u", DISCLOSURE, "扶贫", None, "扶贫")


def test_a_missing_child_under_a_present_parent(dept):
    dept.column(f"{BOX} > 行政执法 > 行政许可")
    got = catalog_rows(dept, "CAT-001")
    assert said(got["行政执法 > 听证公告"]) == "未找到必备栏目“行政执法 > 听证公告”"
    assert "行政执法" not in got and "行政执法 > 行政许可" not in got


def test_an_unread_link_naming_the_column_is_a_gap(dept):
    dept.add("links", from_url=DISCLOSURE, to_url="http://xxgk.example.gov.cn/fp.html", anchor="扶 贫",
             kind="internal")
    dept.add("links", from_url=DISCLOSURE, to_url="http://xxgk.example.gov.cn/x.html", anchor=None,
             kind="internal")
    got = catalog_rows(dept, "CAT-001")
    g = got["扶贫"]
    assert g["gap"] and g["url"] == DISCLOSURE and g["evidence"]["place"] == "栏目“扶贫”"
    assert g["evidence"]["reason"] == "页面上有名为“扶 贫”的链接，但其页面未抓取（http://xxgk.example.gov.cn/fp.html）"
    assert not got["工作动态"]["gap"]
    assert g["fingerprint"] == fingerprint("CAT-001", "u", DISCLOSURE, "扶贫", None, "gap:扶贫")


def test_a_cut_crawl_proves_no_column_missing(dept):
    dept.snap.upsert_unit({"id": "u", "status": "budget"})
    got = catalog_rows(dept, "CAT-001")
    assert all(r["gap"] for r in got.values())
    assert got["扶贫"]["evidence"]["reason"] == "本单位抓取页数预算用尽，抓取提前结束"


def test_catalog_rules_on_an_unreachable_site(dept):
    unreachable(dept)
    (g,) = rows(dept, "CAT-001")
    assert g["gap"] and g["url"] == DISCLOSURE
    assert (g["evidence"]["place"], g["evidence"]["reason"]) == ("政府信息公开网", "首页未能读取，网站内容无法检查")
    dept.column(f"{BOX} > 人事信息 > 部门预决算")               # misplaced, but the site was not read
    assert rows(dept, "CAT-002") == []
    (g,) = rows(dept, "CAT-003")
    assert g["gap"] and g["evidence"]["place"] == "政府信息公开网"


def test_misplaced_column_message(dept):
    dept.column(f"{BOX} > 人事信息 > 部门预决算", url="http://xxgk.example.gov.cn/bmyjs.html")
    (f,) = rows(dept, "CAT-002")
    assert said(f) == f"栏目“{BOX} > 人事信息 > 部门预决算”应位于“财政资金/财政信息”之下"
    assert (f["url"], f["column_path"], f["severity"]) == ("http://xxgk.example.gov.cn/bmyjs.html",
                                                           f"{BOX} > 人事信息 > 部门预决算", "minor")


# ---- CAT-003 ---------------------------------------------------------------------------------------------

def test_missing_fixed_entries_messages_and_gaps(mini_county):
    mini_county.column("信息公开指南", fixed="guide")
    mini_county.add("links", from_url=DISCLOSURE, to_url="http://xxgk.example.gov.cn/nb.html", anchor="政府信息公开年报",
                    kind="internal")
    got = catalog_rows(mini_county, "CAT-003")
    assert set(got) == {"信息公开制度", "信息公开年报", "依申请公开"}
    assert said(got["信息公开制度"]) == "未找到固定栏目“信息公开制度”" and got["信息公开制度"]["url"] == DISCLOSURE
    # each fixed entry is its own problem: the kind tells them apart
    assert got["信息公开制度"]["fingerprint"] == fingerprint("CAT-003", "u", DISCLOSURE, "信息公开制度", None, "system")
    assert got["信息公开年报"]["fingerprint"] == fingerprint("CAT-003", "u", DISCLOSURE, "信息公开年报", None,
                                                        "gap:annual")
    assert not got["依申请公开"]["gap"]
    g = got["信息公开年报"]
    assert g["gap"] and g["url"] == DISCLOSURE and g["evidence"]["place"] == "固定栏目“信息公开年报”"
    assert g["evidence"]["reason"] == "页面上有名为“政府信息公开年报”的链接，但其页面未抓取（http://xxgk.example.gov.cn/nb.html）"


@pytest.fixture
def mini_county(tmp_path):
    return Mini(tmp_path)


@pytest.mark.parametrize("text, kind", [("本机关2019年度报告", "annual"), ("政府信息公开指南", "guide"),
                                        ("公开制度", "system"), ("依申请公开", "apply"), ("", None), (None, None),
                                        ("工作动态", None)])
def test_fixed_kind(text, kind):
    assert fixed_kind(text) == kind


# ---- CAT-004 ---------------------------------------------------------------------------------------------

def test_incomplete_entries_message_and_examples(mini_county):
    items = [mini_county.item(summary="") for _ in range(6)] + [mini_county.item(created=" ") for _ in range(2)]
    summary, created = rows(mini_county, "CAT-004")
    assert said(summary) == f"6/8条目录信息缺少内容概述（如“{items[0]['title']}”）"
    assert summary["url"] == DISCLOSURE and summary["evidence"]["examples"] == [i["url"] for i in items[:5]]
    assert said(created) == f"2/8条目录信息缺少生成日期（如“{items[6]['title']}”）"


def test_all_entries_lacking_a_field(mini_county):
    a = mini_county.item(index_no="")
    (f,) = rows(mini_county, "CAT-004")
    assert said(f) == f"全部目录信息缺少索引号（如“{a['title']}”）"


def test_no_items_no_incomplete_entries(mini_county):
    assert rows(mini_county, "CAT-004") == []


def test_the_right_parent_may_sit_anywhere_above_a_deeper_column():
    req = Req(("部门预决算",), ("财政资金",), "财政资金 > 部门预决算")
    cols = [col("专题 > 财政资金 > 部门预决算", "deep")]
    assert [(c["url"], ok) for _, c, ok in match_catalog([req], cols, 85)] == [("deep", True)]


def test_every_alias_is_named_in_the_message(dept):
    dept.column(f"{BOX} > 机构职能 > 机构设置")
    got = catalog_rows(dept, "CAT-001")
    assert said(got["机构职能 > 领导信息"]) == "未找到必备栏目“机构职能 > 领导信息”，别名领导简介、领导分工、领导之窗也未找到"
