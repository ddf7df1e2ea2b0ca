"""Exact finding rows of the annual report, guide and on-request rules (REPORT-001…002,
GUIDE-001…003, APPLY-001), on hand-made snapshots (tests/minisnap.py)."""
from __future__ import annotations

from datetime import date

import pytest

from tests.minisnap import DISCLOSURE, PORTAL, Mini
from tests.test_mut_rules_b import rows
from tests.test_mut_rules_b_participation import requirement, row

GUIDE = ("当前位置：首页 > 信息公开指南 一、信息分类与编排体系。获取方式：网站查询。受理机构名称：某办公室；办公地址：某路1号；"
         "办公时间：周一至周五；联系电话：0564-1234567；传真：0564-1234568；互联网联系方式：http://x.gov.cn。")


def unreadable(mini: Mini):
    """The disclosure site's home page was never read (the portal still was)."""
    mini.snap.flush()
    mini.snap.db.execute("DELETE FROM pages WHERE url = ?", (DISCLOSURE,))
    mini.snap.db.execute("DELETE FROM fetches WHERE url = ?", (DISCLOSURE,))
    mini.fetch(DISCLOSURE, 503)


def cut_short(mini: Mini):
    """The unit's crawl ran out of time."""
    unit = dict(next(mini.snap.rows("units")))
    mini.snap.upsert_unit({**unit, "status": "timeout"})


def site_gap(code: str, title: str) -> dict:
    return {"rule": code, "said": f"抓取不完整，需人工核查：政府信息公开网（首页未能读取，网站内容无法检查），无法判定是否存在“{title}”问题",
            "url": DISCLOSURE, "column_path": None, "index_no": None, "severity": "advisory",
            "evidence": {"place": "政府信息公开网", "reason": "首页未能读取，网站内容无法检查"}, "gap": 1}


@pytest.mark.parametrize("code, title", [("REPORT-001", "未按时发布年度报告"), ("GUIDE-001", "缺少信息公开指南"),
                                         ("APPLY-001", "无依申请公开渠道")])
def test_an_unread_site_is_a_gap(tmp_path, code, title):
    mini = Mini(tmp_path)
    unreadable(mini)
    assert rows(mini, code) == [site_gap(code, title)]


# ---- REPORT-001 ---------------------------------------------------------------------------------------

def test_missing_report_row_with_its_column(tmp_path):
    mini = Mini(tmp_path)
    col = mini.column("信息公开年报", fixed="annual")
    mini.item(title="2017年年度报告", report_year=2017, published="2018-03-01", column_path="信息公开年报")
    assert rows(mini, "REPORT-001") == [
        {"rule": "REPORT-001", "said": "截至2019-09-30未找到2018年度政府信息公开工作年度报告（应于2019-03-31前公布）",
         "url": col["url"], "column_path": "信息公开年报", "index_no": None, "severity": "major", "evidence": {},
         "gap": 0}]
    assert requirement(mini, "REPORT-001") == ("行政机关应在每年3月31日前（县级以上政府部门自2019年度报告起为1月31日前）"
                                               "公布上一年度政府信息公开工作年度报告")


def test_missing_report_row_without_a_column(tmp_path):
    mini = Mini(tmp_path, unit_type="dept", as_of=date(2020, 2, 1))
    assert rows(mini, "REPORT-001") == [
        {"rule": "REPORT-001", "said": "截至2020-02-01未找到2019年度政府信息公开工作年度报告（应于2020-01-31前公布）",
         "url": DISCLOSURE, "column_path": "信息公开年报", "index_no": None, "severity": "major", "evidence": {},
         "gap": 0}]


def test_missing_report_while_its_column_was_not_seen_whole(tmp_path):
    mini = Mini(tmp_path)
    col = mini.column("信息公开年报", complete=False, reason="第2页未能读取", fixed="annual")
    assert rows(mini, "REPORT-001") == [
        {"rule": "REPORT-001", "said": "抓取不完整，需人工核查：2018年度报告（信息公开年报）（第2页未能读取），无法判定是否存在“未按时发布年度报告”问题",
         "url": col["url"], "column_path": "信息公开年报", "index_no": None, "severity": "advisory",
         "evidence": {"place": "2018年度报告（信息公开年报）", "reason": "第2页未能读取"}, "gap": 1}]


def test_missing_report_while_the_crawl_was_cut_short(tmp_path):
    mini = Mini(tmp_path)
    cut_short(mini)
    got = rows(mini, "REPORT-001")
    assert [(r["said"], r["url"], r["column_path"], r["gap"]) for r in got] == [
        ("抓取不完整，需人工核查：2018年度报告（信息公开年报）（本单位抓取时间预算用尽，抓取提前结束），无法判定是否存在“未按时发布年度报告”问题",
         DISCLOSURE, "信息公开年报", 1)]


# ---- REPORT-002 ---------------------------------------------------------------------------------------

def test_late_report_rows_use_the_first_item_of_a_year(tmp_path):
    mini = Mini(tmp_path)
    late = mini.item(title="2017年年度报告", report_year=2017, published="2018-04-02", column_path="信息公开年报",
                     index_no="003240560/201804-00001")
    mini.item(title="2017年年度报告（转载）", report_year=2017, published="2018-03-01")
    mini.item(title="2018年年度报告", report_year=2018, published=None)
    assert rows(mini, "REPORT-002") == [
        row("REPORT-002", "2017年度报告“2017年年度报告”于2018-04-02发布，晚于2018-03-31", late, "minor")]
    assert requirement(mini, "REPORT-002") == "年度报告应在法定期限内公布"


# ---- GUIDE-001 ----------------------------------------------------------------------------------------

def test_missing_guide_row(tmp_path):
    mini = Mini(tmp_path)
    assert rows(mini, "GUIDE-001") == [
        {"rule": "GUIDE-001", "said": "未找到政府信息公开指南", "url": DISCLOSURE, "column_path": "信息公开指南",
         "index_no": None, "severity": "major", "evidence": {}, "gap": 0}]
    assert requirement(mini, "GUIDE-001") == "行政机关应编制并公布政府信息公开指南"


def test_missing_guide_while_the_crawl_was_cut_short(tmp_path):
    mini = Mini(tmp_path)
    cut_short(mini)
    assert rows(mini, "GUIDE-001") == [
        {"rule": "GUIDE-001", "said": "抓取不完整，需人工核查：信息公开指南（本单位抓取时间预算用尽，抓取提前结束），无法判定是否存在“缺少信息公开指南”问题",
         "url": DISCLOSURE, "column_path": "信息公开指南", "index_no": None, "severity": "advisory",
         "evidence": {"place": "信息公开指南", "reason": "本单位抓取时间预算用尽，抓取提前结束"}, "gap": 1}]


def test_a_guide_column_is_found(tmp_path):
    mini = Mini(tmp_path)
    mini.column("其他栏目", fixed=None)
    mini.column("信息公开指南", fixed="guide")
    assert rows(mini, "GUIDE-001") == []


# ---- GUIDE-002 ----------------------------------------------------------------------------------------

def test_incomplete_guide_row_lists_every_lacking_topic(tmp_path):
    mini = Mini(tmp_path)
    col = mini.column("信息公开指南", fixed="guide")
    mini.add("pages", url=col["url"], kind="page", site="disclosure", text="办公时间 传真 当前位置：首页 > 指南 获取 地址")
    assert rows(mini, "GUIDE-002") == [
        {"rule": "GUIDE-002", "said": "信息公开指南缺少信息分类、编排体系、机构名称、办公时间、联系电话、传真、互联网联系方式",
         "url": col["url"], "column_path": "信息公开指南", "index_no": None, "severity": "minor", "evidence": {},
         "gap": 0}]
    assert requirement(mini, "GUIDE-002") == ("指南应包括信息分类、编排体系、获取方式，以及工作机构名称、办公地址、办公时间、联系电话、传真、"
                                              "互联网联系方式（2019年5月15日前为电子邮箱）")


def test_guide_items_bodies_are_the_guide(tmp_path):
    mini = Mini(tmp_path)
    col = mini.column("信息公开指南", fixed="guide")
    mini.add("pages", url=col["url"], kind="page", site="disclosure", text="当前位置：信息公开指南")
    mini.item(column_path="信息公开指南", body=None)
    mini.item(column_path="信息公开指南", body=GUIDE[:60])
    mini.item(column_path="信息公开指南", body=GUIDE[60:])
    mini.item(column_path="其他", body="")
    assert rows(mini, "GUIDE-002") == []


def test_a_guide_page_without_a_breadcrumb_is_read_whole(tmp_path):
    mini = Mini(tmp_path)
    col = mini.column("信息公开指南", fixed="guide")
    mini.add("pages", url=col["url"], kind="page", site="disclosure", text=GUIDE.replace("当前位置：", ""))
    assert rows(mini, "GUIDE-002") == []


def test_no_guide_column_no_incomplete_guide(tmp_path):
    mini = Mini(tmp_path)
    assert rows(mini, "GUIDE-002") == []
    assert rows(mini, "GUIDE-003") == []


# ---- GUIDE-003 ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("before, after, excerpt", [
    ("甲" * 70, "乙" * 30, "甲" * 60 + "15个工作日" + "乙" * 20),
    ("甲" * 10, "乙" * 5, "甲" * 10 + "15 个工作日" + "乙" * 5),
])
def test_outdated_guide_row_and_its_excerpt(tmp_path, before, after, excerpt):
    mini = Mini(tmp_path)
    col = mini.column("信息公开指南", fixed="guide")
    limit = "15个工作日" if len(before) == 70 else "15 个工作日"
    mini.item(column_path="信息公开指南", body=before + limit + after)
    assert rows(mini, "GUIDE-003") == [
        {"rule": "GUIDE-003", "said": "信息公开指南仍写明“15个工作日”内答复", "url": col["url"], "column_path": "信息公开指南",
         "index_no": None, "severity": "minor", "evidence": {"excerpt": excerpt}, "gap": 0}]
    assert requirement(mini, "GUIDE-003") == "2019年5月15日起依申请公开的答复期限为20个工作日，指南应相应修改"


# ---- APPLY-001 ----------------------------------------------------------------------------------------

def test_missing_apply_column_row(tmp_path):
    mini = Mini(tmp_path)
    assert rows(mini, "APPLY-001") == [
        {"rule": "APPLY-001", "said": "未找到依申请公开栏目或申请渠道", "url": DISCLOSURE, "column_path": "依申请公开",
         "index_no": None, "severity": "major", "evidence": {}, "gap": 0}]
    assert requirement(mini, "APPLY-001") == "应提供依申请公开的办理指南、申请表或在线申请渠道"


def test_missing_apply_column_while_the_crawl_was_cut_short(tmp_path):
    mini = Mini(tmp_path)
    cut_short(mini)
    assert rows(mini, "APPLY-001") == [
        {"rule": "APPLY-001", "said": "抓取不完整，需人工核查：依申请公开（本单位抓取时间预算用尽，抓取提前结束），无法判定是否存在“无依申请公开渠道”问题",
         "url": DISCLOSURE, "column_path": "依申请公开", "index_no": None, "severity": "advisory",
         "evidence": {"place": "依申请公开", "reason": "本单位抓取时间预算用尽，抓取提前结束"}, "gap": 1}]


def test_apply_column_without_a_way_to_apply(tmp_path):
    mini = Mini(tmp_path)
    mini.column("信息公开指南", fixed="guide")
    col = mini.column("依申请公开", fixed="apply")
    text = "当前位置：依申请公开 " + "栏目正在建设中。" * 30
    mini.add("pages", url=col["url"], kind="page", site="disclosure", text=text)
    assert rows(mini, "APPLY-001") == [
        {"rule": "APPLY-001", "said": "依申请公开栏目没有申请指南、申请表或在线申请", "url": col["url"],
         "column_path": "依申请公开", "index_no": None, "severity": "major", "evidence": {"excerpt": text[2:202]},
         "gap": 0}]


def test_apply_column_with_an_application_form(tmp_path):
    mini = Mini(tmp_path)
    col = mini.column("依申请公开", fixed="apply")
    mini.add("pages", url=col["url"], kind="page", site="disclosure", text="当前位置：依申请公开 下载申请表")
    assert rows(mini, "APPLY-001") == []


def test_a_guide_page_is_read_from_its_first_breadcrumb(tmp_path):
    mini = Mini(tmp_path)
    col = mini.column("信息公开指南", fixed="guide")
    mini.add("pages", url=col["url"], kind="page", site="disclosure", text=GUIDE + " 您所在位置：页尾")
    assert rows(mini, "GUIDE-002") == []


def test_guide_bodies_are_joined_by_a_line_break(tmp_path):
    mini = Mini(tmp_path)
    col = mini.column("信息公开指南", fixed="guide")
    mini.item(column_path="信息公开指南", body="第一篇")
    mini.item(column_path="信息公开指南", body="15个工作日内答复")
    (got,) = rows(mini, "GUIDE-003")
    assert (got["url"], got["evidence"]) == (col["url"], {"excerpt": "第一篇 15个工作日内答复"})


@pytest.mark.parametrize("code, anchor, place, column_path", [
    ("APPLY-001", "依申请公开", "依申请公开", "依申请公开"),
    ("GUIDE-001", "政府信息公开指南", "信息公开指南", "信息公开指南"),
    ("REPORT-001", "政府信息公开年报", "2018年度报告（信息公开年报）", "信息公开年报"),
])
def test_an_unread_link_naming_the_column_is_a_gap(tmp_path, code, anchor, place, column_path):
    mini = Mini(tmp_path)
    mini.add("links", from_url=DISCLOSURE, to_url="http://xxgk.example.gov.cn/news.html", anchor="新闻中心",
             kind="internal")
    mini.add("links", from_url=DISCLOSURE, to_url="http://xxgk.example.gov.cn/x.html", anchor=anchor, kind="internal")
    why = f"页面上有名为“{anchor}”的链接，但其页面未抓取（http://xxgk.example.gov.cn/x.html）"
    got = rows(mini, code)
    assert [(r["said"], r["url"], r["column_path"], r["gap"]) for r in got] == [
        (f"抓取不完整，需人工核查：{place}（{why}），无法判定是否存在“{RULE_TITLES[code]}”问题", DISCLOSURE, column_path, 1)]


@pytest.mark.parametrize("code", ["APPLY-001", "GUIDE-001", "REPORT-001"])
def test_an_unread_link_naming_another_page_proves_nothing_missing(tmp_path, code):
    mini = Mini(tmp_path)
    mini.add("links", from_url=DISCLOSURE, to_url="http://xxgk.example.gov.cn/news.html", anchor="新闻中心",
             kind="internal")
    assert [r["gap"] for r in rows(mini, code)] == [0]


RULE_TITLES = {"APPLY-001": "无依申请公开渠道", "GUIDE-001": "缺少信息公开指南", "REPORT-001": "未按时发布年度报告"}


def test_missing_report_row_names_its_own_column(tmp_path):
    mini = Mini(tmp_path)
    col = mini.column("法定主动公开内容 > 年度报告", fixed="annual")
    (got,) = rows(mini, "REPORT-001")
    assert (got["url"], got["column_path"], got["gap"]) == (col["url"], "法定主动公开内容 > 年度报告", 0)


def test_missing_reports_of_two_years_are_two_problems(tmp_path):
    # a run finding 2018's report missing and a later one finding 2019's: fingerprints must differ
    prints = []
    for as_of, complete in ((date(2019, 9, 30), True), (date(2020, 9, 30), True),
                            (date(2019, 9, 30), False), (date(2020, 9, 30), False)):
        mini = Mini(tmp_path / f"{as_of}{complete}", as_of=as_of)
        mini.column("信息公开年报", complete=complete, fixed="annual")
        (got,) = mini.audit("REPORT-001")
        prints.append(got["fingerprint"])
    assert prints[0] != prints[1] and prints[2] != prints[3]


def test_missing_report_gap_names_the_annual_column_by_its_path(tmp_path):
    mini = Mini(tmp_path)
    path = "政府信息公开 > 政府信息公开年报"
    col = mini.column(path, complete=False, reason="第2页未能读取", fixed="annual")
    assert rows(mini, "REPORT-001") == [
        {"rule": "REPORT-001", "said": f"抓取不完整，需人工核查：2018年度报告（{path}）（第2页未能读取），无法判定是否存在“未按时发布年度报告”问题",
         "url": col["url"], "column_path": path, "index_no": None, "severity": "advisory",
         "evidence": {"place": f"2018年度报告（{path}）", "reason": "第2页未能读取"}, "gap": 1}]
