"""Exact finding rows of the timeliness rules (FRESH-001, FRESH-004, FRESH-005) on hand-made
snapshots (tests/minisnap.py). Working days counted by hand as in test_thresholds.py."""
from __future__ import annotations

from datetime import date

import pytest

from checks.findings import fingerprint
from tests.minisnap import DISCLOSURE, PORTAL, Mini
from tests.test_mut_rules_b import rows


def test_late_disclosure_row_names_the_2007_regulation(tmp_path):
    mini = Mini(tmp_path, as_of=date(2019, 12, 31))
    mini.column("信息公开年报", fixed="annual")
    mini.item(created="2019-01-02", published="2019-09-02", column_path="信息公开年报")        # annual report column
    mini.item(created="2019-01-02", published="2019-09-02", report_year=2018)                  # an annual report
    mini.item(created="2019-09-02", published="2019-09-02")                                    # same day
    mini.item(created=None, published="2019-09-02")
    fid = mini.fetch("http://xxgk.example.gov.cn/art/99.html", 200)
    it = mini.item(created="2019-09-02", published="2019-10-08", fetch_id=fid)                 # 21 working days
    assert rows(mini, "FRESH-004") == [
        {"rule": "FRESH-004", "said": f"“{it['title']}”生成日期2019-09-02，发布日期2019-10-08，相隔21个工作日"
                                      "（适用《政府信息公开条例》（2019年修订）第二十六条）", "url": it["url"],
         "column_path": it["column_path"], "index_no": it["index_no"], "severity": "major",
         "evidence": {"fetch_ids": [fid]}, "gap": 0}]


def test_late_disclosure_before_2019_05_15(tmp_path):
    # 2018-01-02 → 2018-03-01: about 40 working days, published under the 2007 text
    mini = Mini(tmp_path, as_of=date(2019, 12, 31))
    it = mini.item(created="2018-01-02", published="2018-03-01")
    (got,) = rows(mini, "FRESH-004")
    assert got["url"] == it["url"]
    assert got["said"].endswith("（适用《政府信息公开条例》（2007年）第十八条）")


def test_published_after_as_of_is_not_judged_late(tmp_path):
    mini = Mini(tmp_path)
    mini.item(created="2019-01-02", published="2019-10-08")
    assert rows(mini, "FRESH-004") == []


def test_bad_date_rows(tmp_path):
    mini = Mini(tmp_path)
    fid = mini.fetch("http://xxgk.example.gov.cn/art/77.html", 200)
    mini.item(published="2019-09-03", published_text="2019-09-03")                     # fine
    future = mini.item(published="2019-10-01", published_text="2019-10-01", fetch_id=fid)
    garbled = mini.item(published=None, published_text="  2019年13月45日 ")
    undated = mini.item(published=None, published_text=None, created=None)
    mini.item(published=None, published_text=None, created="2019-09-02")               # the 生成日期 will do
    got = sorted(rows(mini, "FRESH-005"), key=lambda r: r["url"])
    common = {"rule": "FRESH-005", "gap": 0}
    assert got == sorted([
        {**common, "said": f"“{future['title']}”发布日期为2019-10-01，晚于检查日2019-09-30", "url": future["url"],
         "column_path": future["column_path"], "index_no": future["index_no"], "severity": "major",
         "evidence": {"fetch_ids": [fid]}},
        {**common, "said": f"“{garbled['title']}”的发布日期“2019年13月45日”无法识别为有效日期", "url": garbled["url"],
         "column_path": garbled["column_path"], "index_no": garbled["index_no"], "severity": "minor",
         "evidence": {"excerpt": "2019年13月45日"}},
        {**common, "said": f"“{undated['title']}”没有发布日期", "url": undated["url"],
         "column_path": undated["column_path"], "index_no": undated["index_no"], "severity": "minor", "evidence": {}},
    ], key=lambda r: r["url"])


def test_homepage_messages(tmp_path):
    stale = Mini(tmp_path / "a")
    stale.add("listings", url="http://portal.example.gov.cn/art/1.html", title="青岚区召开安全生产工作会议",
              source="home", source_url=PORTAL, date="2019-09-10")
    assert [(r["said"], r["url"], r["severity"]) for r in rows(stale, "FRESH-001")] == [
        ("门户网站首页14天内无更新：首页最新信息日期为2019-09-10，距检查日20天", PORTAL, "veto")]
    undated = Mini(tmp_path / "b")
    undated.add("listings", url="http://portal.example.gov.cn/art/1.html", title="青岚区召开安全生产工作会议",
                source="home", source_url=PORTAL, date=None, date_text=None)
    undated.add("links", from_url=PORTAL, to_url="http://portal.example.gov.cn/art/2.html",
                anchor="青岚区召开防汛抗旱工作会议", kind="internal")
    undated.add("links", from_url=PORTAL, to_url="http://portal.example.gov.cn/art/3.html", anchor="七个字的标题啊",
                kind="internal")                                    # 7 characters: a menu, not a title
    undated.add("links", from_url=PORTAL, to_url="http://portal.example.gov.cn/art/4.html", anchor="青岚区召开防汛会",
                kind="internal")                                    # 8 characters: a title
    assert [r["said"] for r in rows(undated, "FRESH-001")] == ["门户网站首页14天内无更新：首页列出的3条信息均未显示日期"]
    empty = Mini(tmp_path / "c")
    assert [r["said"] for r in rows(empty, "FRESH-001")] == ["门户网站首页14天内无更新：首页及其栏目没有列出任何信息"]


def test_stale_column_rows_major_then_veto(tmp_path):
    mini = Mini(tmp_path)
    news = mini.column("法定主动公开内容 > 工作动态", item_count=2, newest_date="2019-09-15")        # 15 days
    notice = mini.column("法定主动公开内容 > 通知公告", item_count=2, newest_date="2019-03-30")      # 184 days
    mini.column("法定主动公开内容 > 空栏目", item_count=0, newest_date=None)                       # nothing to date
    assert sorted((r["url"], r["said"], r["column_path"], r["severity"]) for r in rows(mini, "FRESH-002")) == sorted([
        (news["url"], "栏目“法定主动公开内容 > 工作动态”（动态要闻类，时限14天）最新信息为2019-09-15，已15天未更新",
         news["path"], "major"),
        (notice["url"], "栏目“法定主动公开内容 > 通知公告”（通知公告、政策文件类，时限183天）最新信息为2019-03-30，已184天未更新",
         notice["path"], "major")])
    for i in range(3):
        mini.column(f"法定主动公开内容 > 工作动态{i}", item_count=2, newest_date="2019-09-15")
    got = {r["column_path"]: (r["said"], r["severity"]) for r in rows(mini, "FRESH-002")}
    assert got[notice["path"]] == (
        ("栏目“法定主动公开内容 > 通知公告”（通知公告、政策文件类，时限183天）最新信息为2019-03-30，已184天未更新"
         "；本单位共5个栏目超期（其中动态、通知政策类5个），达到单项否决标准"), "veto")


def test_blank_column_rows_major_then_veto(tmp_path):
    mini = Mini(tmp_path)
    static = mini.column("法定主动公开内容 > 机构职能", item_count=0)
    mini.add("pages", url=static["url"], kind="page", site="disclosure", text="当前位置：机构职能 暂无信息")
    unseen = mini.column("法定主动公开内容 > 财政预算", complete=False, reason="第1页未能读取", item_count=0)
    blank = mini.column("法定主动公开内容 > 财政资金", item_count=0)
    got = sorted((r["url"], r["said"], r["severity"], r["gap"]) for r in rows(mini, "FRESH-003"))
    assert got == sorted([
        (static["url"], "栏目“法定主动公开内容 > 机构职能”没有任何信息", "major", 0),
        (blank["url"], "栏目“法定主动公开内容 > 财政资金”没有任何信息", "major", 0),
        (unseen["url"], "抓取不完整，需人工核查：栏目“法定主动公开内容 > 财政预算”列表（第1页未能读取），无法判定是否存在“栏目无内容”问题",
         "advisory", 1)])
    for i in range(3):
        mini.column(f"法定主动公开内容 > 财政资金{i}", item_count=0)
    got = {r["column_path"]: (r["said"], r["severity"]) for r in rows(mini, "FRESH-003")}
    assert got[blank["path"]] == ("栏目“法定主动公开内容 > 财政资金”没有任何信息；本单位共5个空栏目，达到单项否决标准", "veto")


# ---- the unread portal home, fixed and one-page columns, the limits' edges -----------------------

def test_an_unread_portal_home_is_a_gap(tmp_path):
    mini = Mini(tmp_path)
    mini.snap.flush()
    mini.snap.db.execute("DELETE FROM fetches WHERE url = ?", (PORTAL,))
    mini.fetch(PORTAL, 503)
    out = mini.audit("FRESH-001")
    assert rows(mini, "FRESH-001") == [
        {"rule": "FRESH-001", "said": "抓取不完整，需人工核查：门户网站首页（首页未能读取），无法判定是否存在“首页长期未更新”问题",
         "url": PORTAL, "column_path": None, "index_no": None, "severity": "advisory",
         "evidence": {"place": "门户网站首页", "reason": "首页未能读取"}, "gap": 1}]
    assert out[0]["fingerprint"] == fingerprint("FRESH-001", "u", PORTAL, None, None, "gap:home")


def test_no_portal_no_homepage_finding(tmp_path):
    mini = Mini(tmp_path)
    mini.snap.upsert_unit({"id": "u", "portal": None})
    assert rows(mini, "FRESH-001") == []


def test_the_disclosure_home_blocks_are_not_the_portal_home(tmp_path):
    mini = Mini(tmp_path)
    mini.add("listings", url="http://portal.example.gov.cn/art/1.html", title="青岚区召开安全生产工作会议",
             source="home", source_url=PORTAL, date="2019-09-10")
    mini.add("listings", url="http://xxgk.example.gov.cn/art/2.html", title="青岚区召开防汛抗旱工作会议",
             source="home", source_url=DISCLOSURE, date="2019-09-29")      # fresh, but not on the portal
    assert [r["said"] for r in rows(mini, "FRESH-001")] == [
        "门户网站首页14天内无更新：首页最新信息日期为2019-09-10，距检查日20天"]


@pytest.mark.parametrize("fixed, path", [("guide", "法定主动公开内容 > 公开目录"), ("apply", "法定主动公开内容 > 公开目录")])
def test_guide_and_apply_columns_are_never_blank_columns(tmp_path, fixed, path):
    mini = Mini(tmp_path)
    col = mini.column(path, item_count=0, fixed=fixed)
    mini.add("pages", url=col["url"], kind="page", site="disclosure", text="暂无信息")
    assert rows(mini, "FRESH-003") == []


def test_a_one_page_column_does_not_stop_the_search_for_blank_ones(tmp_path):
    mini = Mini(tmp_path)
    static = mini.column("法定主动公开内容 > 机构职能", item_count=0)
    mini.add("pages", url=static["url"], kind="page", site="disclosure", text="青岚区人民政府负责……")
    blank = mini.column("法定主动公开内容 > 财政资金", item_count=0)
    assert [(r["said"], r["url"], r["column_path"]) for r in rows(mini, "FRESH-003")] == [
        ("栏目“法定主动公开内容 > 财政资金”没有任何信息", blank["url"], blank["path"])]


@pytest.mark.parametrize("text, blank", [
    ("当前位置：机构职能 暂无信息", True),
    ("当前位置：机构职能 没有相关内容", True),
    ("当前位置：机构职能 无相关信息", True),
    ("当前位置：机构职能 本栏目正在建设", True),
    ("当前位置：机构职能 栏目建设中", True),
    ("当前位置：机构职能 青岚区人民政府负责……", False),
])
def test_words_that_say_a_one_page_column_is_empty(tmp_path, text, blank):
    mini = Mini(tmp_path)
    col = mini.column("法定主动公开内容 > 机构职能", item_count=0)
    mini.add("pages", url=col["url"], kind="page", site="disclosure", text=text)
    assert [r["column_path"] for r in rows(mini, "FRESH-003")] == ([col["path"]] if blank else [])


def test_a_blank_column_not_seen_whole_is_a_gap_row(tmp_path):
    mini = Mini(tmp_path)
    col = mini.column("法定主动公开内容 > 财政预算", complete=False, reason="第1页未能读取", item_count=0)
    out = mini.audit("FRESH-003")
    assert rows(mini, "FRESH-003") == [
        {"rule": "FRESH-003", "said": "抓取不完整，需人工核查：栏目“法定主动公开内容 > 财政预算”列表（第1页未能读取），"
                                      "无法判定是否存在“栏目无内容”问题",
         "url": col["url"], "column_path": col["path"], "index_no": None, "severity": "advisory",
         "evidence": {"place": "栏目“法定主动公开内容 > 财政预算”列表", "reason": "第1页未能读取"}, "gap": 1}]
    assert out[0]["fingerprint"] == fingerprint("FRESH-003", "u", col["url"], col["path"], None, "gap:")


def test_a_known_creation_day_without_a_publication_day_is_not_judged_late(tmp_path):
    mini = Mini(tmp_path, as_of=date(2019, 12, 31))
    mini.item(created="2019-01-02", published=None)
    late = mini.item(created="2019-09-02", published="2019-10-08")            # 21 working days
    assert [r["url"] for r in rows(mini, "FRESH-004")] == [late["url"]]


def test_published_on_the_as_of_day_is_judged(tmp_path):
    mini = Mini(tmp_path, as_of=date(2019, 10, 8))
    late = mini.item(created="2019-09-02", published="2019-10-08")            # 21 working days
    assert [r["url"] for r in rows(mini, "FRESH-004")] == [late["url"]]


def test_an_item_published_in_time_does_not_stop_the_check(tmp_path):
    mini = Mini(tmp_path, as_of=date(2019, 12, 31))
    mini.item(created="2019-09-02", published="2019-09-05")                   # 3 days: the cheap skip
    late = mini.item(created="2019-09-02", published="2019-10-08")
    assert [r["url"] for r in rows(mini, "FRESH-004")] == [late["url"]]


@pytest.mark.parametrize("created, published, law", [
    # 2019-04-12 → 2019-05-15: 22 working days (清明 04-05, 劳动节 05-01..04, 04-28 and 05-05 worked)
    ("2019-04-12", "2019-05-15", "《政府信息公开条例》（2019年修订）第二十六条"),
    ("2019-04-11", "2019-05-14", "《政府信息公开条例》（2007年）第十八条"),
])
def test_the_2019_regulation_applies_from_2019_05_15(tmp_path, created, published, law):
    mini = Mini(tmp_path)
    mini.item(created=created, published=published)
    (got,) = rows(mini, "FRESH-004")
    assert got["said"].endswith(f"（适用{law}）")


def test_a_navigation_only_home_is_judged_by_the_portal_columns(tmp_path):
    mini = Mini(tmp_path)
    mini.add("listings", url="http://portal.example.gov.cn/art/1.html", title="青岚区召开安全生产工作会议",
             source="portal", source_url="http://portal.example.gov.cn/col/1.html", date="2019-09-01")
    mini.add("listings", url="http://xxgk.example.gov.cn/art/2.html", title="关于第2项工作的通知",
             source="list", source_url="http://xxgk.example.gov.cn/col/2.html", date="2019-09-29")   # not the portal
    assert [(r["said"], r["url"], r["severity"]) for r in rows(mini, "FRESH-001")] == [
        ("门户网站首页14天内无更新：首页最新信息日期为2019-09-01，距检查日29天", PORTAL, "veto")]


def test_home_entries_without_dates_and_no_other_title_links(tmp_path):
    mini = Mini(tmp_path)
    mini.add("listings", url="http://portal.example.gov.cn/art/1.html", title="青岚区召开安全生产工作会议",
             source="home", source_url=PORTAL, date=None, date_text=None)
    assert [r["said"] for r in rows(mini, "FRESH-001")] == ["门户网站首页14天内无更新：首页列出的1条信息均未显示日期"]


def test_an_undated_column_is_a_gap_row_and_the_next_column_is_still_judged(tmp_path):
    mini = Mini(tmp_path)
    undated = mini.column("法定主动公开内容 > 工作动态", item_count=2, newest_date=None)
    stale = mini.column("法定主动公开内容 > 通知公告", item_count=2, newest_date="2019-03-30")
    out = mini.audit("FRESH-002")
    assert rows(mini, "FRESH-002") == [
        {"rule": "FRESH-002", "said": "栏目“法定主动公开内容 > 通知公告”（通知公告、政策文件类，时限183天）最新信息为2019-03-30，"
                                      "已184天未更新", "url": stale["url"], "column_path": stale["path"], "index_no": None,
         "severity": "major", "evidence": {}, "gap": 0},
        {"rule": "FRESH-002", "said": "抓取不完整，需人工核查：栏目“法定主动公开内容 > 工作动态”列表（列表和信息页都没有可读的日期，"
                                      "无法判断是否按期更新），无法判定是否存在“栏目未按期更新”问题",
         "url": undated["url"], "column_path": undated["path"], "index_no": None, "severity": "advisory",
         "evidence": {"place": "栏目“法定主动公开内容 > 工作动态”列表",
                      "reason": "列表和信息页都没有可读的日期，无法判断是否按期更新"}, "gap": 1}]
    assert out[1]["fingerprint"] == fingerprint("FRESH-002", "u", undated["url"], undated["path"], None, "gap:undated")


def test_a_stale_column_not_seen_whole_is_a_gap_row(tmp_path):
    mini = Mini(tmp_path)
    col = mini.column("法定主动公开内容 > 通知公告", complete=False, reason="第3页未能读取", item_count=2,
                      newest_date="2019-03-30")
    later = mini.column("法定主动公开内容 > 政策文件", item_count=2, newest_date="2019-03-30")   # seen whole
    got = rows(mini, "FRESH-002")
    assert [(r["column_path"], r["gap"]) for r in got] == [(later["path"], 0), (col["path"], 1)]
    assert got[1:] == [
        {"rule": "FRESH-002", "said": "抓取不完整，需人工核查：栏目“法定主动公开内容 > 通知公告”列表（第3页未能读取），"
                                      "无法判定是否存在“栏目未按期更新”问题", "url": col["url"], "column_path": col["path"],
         "index_no": None, "severity": "advisory",
         "evidence": {"place": "栏目“法定主动公开内容 > 通知公告”列表", "reason": "第3页未能读取"}, "gap": 1}]


def test_a_column_is_dated_by_the_newest_of_its_list_entries_not_the_last(tmp_path):
    mini = Mini(tmp_path)
    path = "法定主动公开内容 > 工作动态"
    col = mini.column(path, item_count=2, newest_date=None)
    for n, day in ((1, "2019-09-20"), (2, "2019-08-01")):
        mini.add("listings", url=f"http://xxgk.example.gov.cn/art/{n}.html", title=f"关于第{n}项工作的通知", date=day,
                 source="list", source_url=col["url"], column_path=path)
    assert rows(mini, "FRESH-002") == []


def test_a_column_is_dated_by_the_newest_of_its_items_not_the_last(tmp_path):
    mini = Mini(tmp_path)
    path = "法定主动公开内容 > 工作动态"
    mini.column(path, item_count=2, newest_date=None)
    mini.item(column_path=path, published="2019-09-20")
    mini.item(column_path=path, published="2019-08-01")
    assert rows(mini, "FRESH-002") == []


def test_only_the_columns_own_list_dates_it(tmp_path):
    mini = Mini(tmp_path)
    path = "法定主动公开内容 > 工作动态"
    col = mini.column(path, item_count=2, newest_date="2019-08-01")
    mini.add("listings", url="http://xxgk.example.gov.cn/art/1.html", title="关于第1项工作的通知", date="2019-09-29",
             source="view", view="主题分类/教育", source_url="http://xxgk.example.gov.cn/view/1.html", column_path=path)
    assert [(r["column_path"], r["said"]) for r in rows(mini, "FRESH-002")] == [
        (col["path"], "栏目“法定主动公开内容 > 工作动态”（动态要闻类，时限14天）最新信息为2019-08-01，已60天未更新")]
