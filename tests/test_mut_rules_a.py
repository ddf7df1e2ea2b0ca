"""Exact findings of the search, consistency, sync and identity rules (SRCH, CONS, SYNC, IDENT) on
hand-made snapshots: the message units read, the place (url, column, index number) and the evidence."""
from __future__ import annotations

import pytest

from checks.findings import fingerprint
from tests.minisnap import DISCLOSURE, PORTAL, Mini

SEARCH = "http://xxgk.example.gov.cn/search?q="


@pytest.fixture
def mini(tmp_path):
    return Mini(tmp_path)


def rows(mini: Mini, code: str) -> list[dict]:
    """Every row of `code`; the audit must record no rule error."""
    errors: list[str] = []
    out = mini.audit(code, errors=errors)
    assert errors == [], errors
    return out


def said(row: dict) -> str:
    """A finding's own message, without the requirement appended to every message."""
    return row["message"].split("。要求：")[0]


def keyed(row: dict, detail: str) -> bool:
    """Is the row's fingerprint (the same problem next quarter) keyed by its place and `detail`?"""
    return row["fingerprint"] == fingerprint(row["rule"], "u", row["url"], row["column_path"], row["index_no"], detail)


def unreachable(mini: Mini) -> Mini:
    """The disclosure site's home was never read."""
    mini.snap.flush()
    mini.snap.db.execute("delete from pages where site = 'disclosure'")
    mini.snap.db.execute("delete from fetches")
    mini.snap.db.commit()
    return mini


def probe(mini: Mini, item: dict | None, status=200, results=(), found=0, by="title", query=None, error=None,
          url=None):
    item_url = item["url"] if item else "http://xxgk.example.gov.cn/art/gone.html"
    search_url = url or SEARCH + (query or (item or {}).get("title", "x"))
    mini.add("search_probes", item_url=item_url, by=by, query=query or (item or {}).get("title", "x"),
             status=status, results=None if results is None else list(results), found=found, error=error, search_url=search_url)
    return search_url


# ---- IDENT-001 ----------------------------------------------------------------------------------------

def test_identity_reads_the_configured_home_not_the_first_portal_page(mini):
    mini.add("pages", url=PORTAL + "other.html", kind="home", site="portal", text="网站标识码 ICP备1号 公网安备2号")
    mini.add("pages", url=PORTAL, kind="home", site="portal", text="主办：某某", footer=None)
    (f,) = rows(mini, "IDENT-001")
    assert said(f) == "门户网站首页页脚缺少网站标识码、ICP备案编号、公安机关备案号"
    assert f["url"] == PORTAL and f["severity"] == "advisory"


def test_identity_falls_back_to_the_first_portal_page(mini):
    mini.add("pages", url=PORTAL + "a.html", kind="home", site="portal", text="皖ICP备1号", footer={"x": None})
    mini.add("pages", url=PORTAL + "b.html", kind="home", site="portal", text="")
    (f,) = rows(mini, "IDENT-001")
    assert said(f) == "门户网站首页页脚缺少网站标识码、公安机关备案号"
    assert f["url"] == PORTAL


def test_identity_counts_footer_values_as_text_and_extracted_codes(mini):
    mini.add("pages", url=PORTAL, kind="home", site="portal", text="主办：某某",
             footer={"note": "标识码 3415 公安备案 123", "police": None, "icp": "皖ICP备1号"})
    assert rows(mini, "IDENT-001") == []


@pytest.mark.parametrize("filler, lacking", [
    (2996, "网站标识码、ICP备案编号"),                    # the mark ends the last 3000 characters
    (2997, "网站标识码、ICP备案编号、公安机关备案号"),     # its first character falls outside them
])
def test_identity_only_reads_the_last_3000_characters(mini, filler, lacking):
    mini.add("pages", url=PORTAL, kind="home", site="portal", text="网站标识码 ICP备1号" + "正" * 3000 + "公网安备" + "正" * filler)
    (f,) = rows(mini, "IDENT-001")
    assert said(f) == f"门户网站首页页脚缺少{lacking}"


def test_identity_without_a_portal_page_or_portal_says_nothing(tmp_path):
    assert rows(Mini(tmp_path / "a"), "IDENT-001") == []
    m = Mini(tmp_path / "b")
    m.snap.upsert_unit({"id": "u", "portal": None})
    m.add("pages", url=PORTAL, kind="home", site="portal", text="")
    assert rows(m, "IDENT-001") == []


# ---- SRCH-001 -----------------------------------------------------------------------------------------

def test_no_search_entry_at_all(mini):
    (f,) = rows(mini, "SRCH-001")
    assert said(f) == "政府信息公开网未提供站内检索（首页未找到检索入口）"
    assert f["url"] == DISCLOSURE and not f["gap"] and f["severity"] == "major"


def test_unreachable_site_has_no_search_finding(mini):
    assert rows(unreachable(mini), "SRCH-001") == []


def test_the_last_search_entry_decides(mini):
    mini.fetch(SEARCH + "a", 500, purpose="search_entry")
    last = mini.fetch(SEARCH + "b", 404, purpose="search_entry")
    probe(mini, None, status=500)
    (f,) = rows(mini, "SRCH-001")
    assert said(f) == "站内检索返回HTTP 404（测试1次均失败）"
    assert f["url"] == SEARCH + "b" and f["evidence"]["fetch_ids"] == [last]


@pytest.mark.parametrize("status, fails", [(399, False), (400, True), (401, True), (None, True)])
def test_search_works_below_http_400(mini, status, fails):
    mini.fetch(SEARCH, 200, purpose="search_entry")
    probe(mini, None, status=status)
    found = [f for f in rows(mini, "SRCH-001") if not f["gap"]]
    assert len(found) == int(fails)


def test_failing_probes_without_an_entry_report_the_first_status(mini):
    probe(mini, None, status=503, query="甲")
    probe(mini, None, status=500, query="乙")
    (f,) = rows(mini, "SRCH-001")
    assert said(f) == "站内检索返回HTTP 503（测试2次均失败）"
    assert f["url"] == DISCLOSURE and "fetch_ids" not in f["evidence"]


def test_a_probe_the_site_refused_to_connect_is_a_finding(mini):
    url = probe(mini, None, status=None)
    mini.fetch(url, None, failure="site", error="ConnectionRefused")
    (f,) = rows(mini, "SRCH-001")
    assert said(f) == "站内检索无法连接（测试1次均失败）" and not f["gap"]


def test_a_probe_our_crawler_dropped_is_a_gap(mini):
    url = probe(mini, None, status=None)
    mini.fetch(url, None, failure="crawler", error="Timeout")
    (g,) = rows(mini, "SRCH-001")
    assert g["gap"] and g["url"] == DISCLOSURE and g["severity"] == "advisory"
    assert g["evidence"]["reason"] == "检索请求未能发出或被抓取程序中断，网站未作应答"
    assert g["evidence"]["place"] == "站内检索" and keyed(g, "gap:entry")


def test_an_entry_never_answered_is_a_gap_at_the_entry(mini):
    mini.fetch(SEARCH, None, purpose="search_entry", failure="crawler")
    probe(mini, None, status=None)
    (g,) = rows(mini, "SRCH-001")
    assert g["gap"] and g["url"] == SEARCH


def test_an_entry_refused_by_the_site_without_probes(mini):
    fid = mini.fetch(SEARCH, None, purpose="search_entry", failure="site")
    (f,) = rows(mini, "SRCH-001")
    assert said(f) == "站内检索无法连接（测试0次均失败）"
    assert f["url"] == SEARCH and f["evidence"]["fetch_ids"] == [fid] and not f["gap"]


# ---- SRCH-002 -----------------------------------------------------------------------------------------

def test_not_found_message_place_and_evidence(mini):
    a = mini.item(index_no="ORG/2019-1")
    u1 = probe(mini, a, query="甲", by="title")
    u2 = probe(mini, a, query="青政〔2019〕1号", by="doc_no")
    (f,) = rows(mini, "SRCH-002")
    assert said(f) == f"按标题“甲”、文号“青政〔2019〕1号”检索均查不到“{a['title']}”（本单位抽查1条信息）"
    assert (f["url"], f["column_path"], f["index_no"]) == (a["url"], a["column_path"], "ORG/2019-1")
    assert f["evidence"]["search_urls"] == [u1, u2]


def test_not_found_skips_unknown_found_and_misleading_items_and_goes_on(mini):
    a, b, c, other = mini.item(), mini.item(), mini.item(), mini.item()
    probe(mini, None)                                          # an item not in the snapshot
    probe(mini, a, found=1, results=[{"title": a["title"], "url": a["url"]}])
    probe(mini, b, results=[{"title": b["title"], "url": other["url"]}])   # SRCH-003's
    probe(mini, c)
    (f,) = rows(mini, "SRCH-002")
    assert f["url"] == c["url"] and "本单位抽查4条信息" in said(f)


def test_not_found_needs_a_working_search(mini):
    a = mini.item()
    probe(mini, a, status=500)
    assert rows(mini, "SRCH-002") == []


@pytest.mark.parametrize("status, error, answered", [(200, None, True), (399, None, True), (400, None, False),
                                                     (200, "ParseError", False), (None, None, False)])
def test_absence_needs_an_answered_search(mini, status, error, answered):
    works, a = mini.item(), mini.item()
    probe(mini, works, found=1)
    probe(mini, a, status=status, error=error)
    got = rows(mini, "SRCH-002")
    if answered:
        assert [(f["url"], f["gap"]) for f in got] == [(a["url"], False)]
    else:
        (g,) = got
        assert g["gap"] and g["url"] == DISCLOSURE
        assert g["evidence"]["reason"] == "1条抽查信息的检索请求未得到网站应答"
        assert g["evidence"]["items"] == [a["url"]] and keyed(g, "gap:unanswered")


def test_unanswered_searches_list_at_most_twenty_items(mini):
    works = mini.item()
    probe(mini, works, found=1)
    items = [mini.item() for _ in range(21)]
    for it in items:
        probe(mini, it, error="Timeout")
    (g,) = rows(mini, "SRCH-002")
    assert g["evidence"]["reason"] == "21条抽查信息的检索请求未得到网站应答"
    assert g["evidence"]["items"] == [i["url"] for i in items[:20]]


# ---- SRCH-003 -----------------------------------------------------------------------------------------

def test_misleading_result_message_and_one_finding_per_item(mini):
    gone = {"title": "无关", "url": "x"}
    probe(mini, None, results=[gone])
    a = mini.item(index_no="ORG/9")
    other = "http://xxgk.example.gov.cn/art/elsewhere.html"
    u = probe(mini, a, query="甲", results=[{"title": "无关", "url": "y"}, {"title": a["title"], "url": other}])
    probe(mini, a, query="乙", results=[{"title": a["title"], "url": other}])
    (f,) = rows(mini, "SRCH-003")
    assert said(f) == f"检索“甲”的结果中，标题为“{a['title']}”的条目链接到{other}，而该信息位于{a['url']}"
    assert (f["url"], f["column_path"], f["index_no"]) == (a["url"], a["column_path"], "ORG/9")
    assert f["evidence"]["search_url"] == u


def test_a_result_leading_to_an_item_of_the_same_title_is_not_misleading(mini):
    a = mini.item(title="关于某事的通知")
    twin = mini.item(title="关于某事的通知")
    probe(mini, a, results=[{"title": a["title"], "url": a["url"]}, {"title": a["title"], "url": twin["url"]}],
          found=1)
    probe(mini, twin, results=None, found=0)
    assert rows(mini, "SRCH-003") == []


# ---- CONS-001 -----------------------------------------------------------------------------------------

def view(mini, item, label="主题分类/综合政务", source="view"):
    mini.add("listings", url=item["url"], title=item["title"], source=source, view=label)


def test_missing_from_view_message_and_place(mini):
    a = mini.item(topic=" 综合政务 ", index_no="ORG/1")
    b = mini.item(topic="综合政务")
    view(mini, b, "按主题分类 /综合政务")
    mini.seen("view", "按主题分类 /综合政务")
    (f,) = rows(mini, "CONS-001")
    assert said(f) == f"“{a['title']}”标注主题分类为“综合政务”，但该分类下查不到此信息"
    assert (f["url"], f["column_path"], f["index_no"]) == (a["url"], a["column_path"], "ORG/1")
    assert f["evidence"]["view"] == "主题分类/综合政务" and keyed(f, "主题分类")


def test_missing_from_views_goes_through_every_field_and_item(mini):
    fixed = mini.item(topic="综合政务", column_path="信息公开指南")
    mini.column("信息公开指南", fixed="guide")
    blank = mini.item(topic="", genre="通知")                    # no topic: its genre still counts
    other = mini.item(topic="其他", genre="通知")                 # a topic with no view: skipped
    listed = mini.item(topic="综合政务", genre="通知")
    view(mini, listed)
    view(mini, listed, "体裁分类/通知")
    mini.add("listings", url=blank["url"], title="x", source="list", view="体裁分类/通知")   # not a view listing
    mini.add("listings", url=blank["url"], title="x", source="view", view=None)
    mini.seen("view", "主题分类/综合政务")
    mini.seen("view", "体裁分类/通知")
    got = rows(mini, "CONS-001")
    assert [(f["url"], f["evidence"]["view"]) for f in got] == [(blank["url"], "体裁分类/通知"),
                                                              (other["url"], "体裁分类/通知")]
    assert fixed["url"] not in [f["url"] for f in got]


def test_no_view_listings_no_finding(mini):
    mini.item(topic="综合政务")
    mini.add("listings", url="x", title="x", source="list", view=None)
    assert rows(mini, "CONS-001") == []


def test_a_view_not_seen_whole_is_a_gap(mini):
    a, b, c = mini.item(topic="综合政务"), mini.item(topic="综合政务"), mini.item(topic="综合政务")
    view(mini, a, "主题分类/综合政务")
    view(mini, a, "按主题分类/综合政务")
    mini.seen("view", "主题分类/综合政务")
    mini.seen("view", "按主题分类/综合政务", complete=False, reason="第3页未能读取", first_url="http://v/1")
    (g,) = rows(mini, "CONS-001")
    assert g["gap"] and g["url"] == "http://v/1"
    assert g["evidence"]["place"] == "分类视图“按主题分类/综合政务”"
    assert g["evidence"]["reason"] == "第3页未能读取；其中2条按元数据应列入的信息是否列入无法确认"
    assert g["evidence"]["items"] == [b["url"], c["url"]] and g["evidence"]["view"] == "按主题分类/综合政务"
    assert keyed(g, "gap:按主题分类/综合政务")


def test_a_view_never_recorded_is_a_gap_without_url(mini):
    a, b = mini.item(topic="综合政务"), mini.item(topic="综合政务")
    view(mini, a)
    (g,) = rows(mini, "CONS-001")
    assert g["gap"] and g["url"] is None
    assert g["evidence"]["reason"].endswith("；其中1条按元数据应列入的信息是否列入无法确认")


# ---- CONS-002 -----------------------------------------------------------------------------------------

def listing(mini, item, source="list", **kw):
    row = {"url": item["url"], "title": item["title"], "source": source, "source_url": "http://l/1", **kw}
    mini.add("listings", **row)


def test_inconsistent_title_message_place_and_evidence(mini):
    fid = mini.fetch("http://xxgk.example.gov.cn/art/1.html", 200)
    a = mini.item(fetch_id=fid, index_no="ORG/1")
    listing(mini, a, title="别的标题", title_attr=None)
    listing(mini, a, date="2019-01-01")                        # one finding per item: the first difference
    (f,) = rows(mini, "CONS-002")
    assert said(f) == f"“{a['title']}”在栏目列表（http://l/1）中标题为“别的标题”，详情页为“{a['title']}”"
    assert (f["url"], f["column_path"], f["index_no"]) == (a["url"], a["column_path"], "ORG/1")
    assert f["evidence"]["fetch_ids"] == [fid] and f["evidence"]["shown_at"] == "http://l/1"


def test_the_title_attribute_wins_over_the_shown_title(mini):
    a = mini.item()
    listing(mini, a, title="别的标题", title_attr=a["title"])
    assert rows(mini, "CONS-002") == []


def test_inconsistent_date_and_index_number_in_a_view(mini):
    a, b = mini.item(), mini.item(index_no="ORG/2")
    listing(mini, a, source="view", view="主题分类/综合政务", date="2019-09-04")
    listing(mini, b, source="home", date="2019-09-03", index_no="ORG/3")
    got = rows(mini, "CONS-002")
    assert [said(f) for f in got] == [
        f"“{a['title']}”在分类视图“主题分类/综合政务”（http://l/1）中日期为2019-09-04，详情页为2019-09-03",
        f"“{b['title']}”在首页（http://l/1）中索引号为ORG/3，详情页为ORG/2"]


@pytest.mark.parametrize("day, index_no", [("昨天", None), ("2019-09-03", "ORG / 2"), (None, None),
                                           ("2019-09-03", "")])
def test_unreadable_dates_and_same_index_numbers_agree(mini, day, index_no):
    a = mini.item(index_no="ORG/2")
    listing(mini, a, date=day, index_no=index_no)
    assert rows(mini, "CONS-002") == []


def test_search_results_are_compared_but_misleading_ones_left_to_srch003(mini):
    a, b = mini.item(), mini.item()
    u = probe(mini, a, results=[{"title": a["title"], "url": b["url"], "date": None},
                                {"title": "另一个标题", "url": a["url"], "date": None}])
    (f,) = rows(mini, "CONS-002")
    assert f["url"] == a["url"]
    assert said(f) == f"“{a['title']}”在检索结果（{u}）中标题为“另一个标题”，详情页为“{a['title']}”"


def test_results_of_an_unknown_probed_item_are_still_compared(mini):
    a = mini.item()
    probe(mini, None, results=[{"title": "x", "url": a["url"], "date": None}])
    assert [f["url"] for f in rows(mini, "CONS-002")] == [a["url"]]


# ---- SYNC-001 -----------------------------------------------------------------------------------------

POLICY = "法定主动公开内容 > 政策文件"


def test_unsynced_policy_message_and_place(mini):
    mini.item(column_path="法定主动公开内容 > 通知公告")        # not watched: skipped, not the end
    a = mini.item(column_path=POLICY, index_no="ORG/1")
    mini.add("listings", url=PORTAL + "1.html", title="别的", source="portal", source_url=PORTAL)
    mini.seen("portal", "政策文件")
    (f,) = rows(mini, "SYNC-001")
    assert said(f) == f"“{a['title']}”只在政府信息公开网发布，门户网站未同步"
    assert (f["url"], f["column_path"], f["index_no"]) == (a["url"], POLICY, "ORG/1")


def test_portal_home_blocks_count_as_the_portal(mini):
    a = mini.item(column_path=POLICY)
    b = mini.item(column_path=POLICY, title="关于乙的通知")
    mini.add("listings", url=PORTAL + "1.html", title="x", title_attr=a["title"], source="home",
             source_url=PORTAL)
    assert [f["url"] for f in rows(mini, "SYNC-001")] == [b["url"]]


def test_no_portal_listing_or_unreachable_portal_says_nothing(tmp_path):
    m = Mini(tmp_path / "a")
    m.item(column_path=POLICY)
    assert rows(m, "SYNC-001") == []
    m2 = Mini(tmp_path / "b")
    m2.item(column_path=POLICY)
    m2.add("listings", url=PORTAL + "1.html", title="x", source="portal", source_url=PORTAL)
    m2.snap.flush()
    m2.snap.db.execute("delete from fetches where url = ?", (PORTAL,))
    m2.snap.db.commit()
    assert rows(m2, "SYNC-001") == []


def test_portal_lists_not_seen_whole_are_a_gap(mini):
    mini.item(column_path="法定主动公开内容 > 通知公告")
    mini.item(column_path=POLICY)
    mini.item(column_path=POLICY + " > 规范性文件")
    mini.add("listings", url=PORTAL + "1.html", title="x", source="portal", source_url=PORTAL)
    mini.seen("portal", "政策文件", complete=False, reason="第2页未能读取")
    mini.seen("portal", "政策法规", complete=False, reason="第5页未能读取")
    mini.seen("portal", "要闻")
    (g,) = rows(mini, "SYNC-001")
    assert g["gap"] and g["url"] == PORTAL
    assert g["evidence"]["place"] == "门户网站栏目“政策文件”等2个栏目"
    assert g["evidence"]["reason"] == "第2页未能读取；2条政策文件是否同步无法确认"
    assert g["evidence"]["lists"] == ["政策文件", "政策法规"] and keyed(g, "gap:portal")


def test_one_portal_list_not_seen_whole_and_no_policy_items(tmp_path):
    m = Mini(tmp_path / "a")
    m.item(column_path=POLICY)
    m.add("listings", url=PORTAL + "1.html", title="x", source="portal", source_url=PORTAL)
    m.seen("portal", "政策文件", complete=False)
    (g,) = rows(m, "SYNC-001")
    assert g["evidence"]["place"] == "门户网站栏目“政策文件”"
    m2 = Mini(tmp_path / "b")
    m2.item(column_path="法定主动公开内容 > 通知公告")
    m2.add("listings", url=PORTAL + "1.html", title="x", source="portal", source_url=PORTAL)
    m2.seen("portal", "政策文件", complete=False)
    assert rows(m2, "SYNC-001") == []


def test_a_view_value_may_itself_contain_a_slash(mini):
    """主题分类/城乡建设/住房: the dimension ends at the first slash; the rest is the value."""
    listed, missing = mini.item(topic="城乡建设/住房"), mini.item(topic="城乡建设/住房")
    view(mini, listed, "主题分类/城乡建设/住房")
    mini.seen("view", "主题分类/城乡建设/住房")
    assert [(f["url"], f["evidence"]["view"]) for f in rows(mini, "CONS-001")] == [(missing["url"], "主题分类/城乡建设/住房")]


def test_a_view_gap_names_the_first_incomplete_label_and_at_most_twenty_items(mini):
    listed = mini.item(topic="综合政务")
    items = [mini.item(topic="综合政务") for _ in range(21)]
    view(mini, listed, "主题分类/综合政务")
    view(mini, listed, "按主题分类/综合政务")
    mini.seen("view", "主题分类/综合政务", complete=False, reason="第2页未能读取")
    mini.seen("view", "按主题分类/综合政务", complete=False, reason="第3页未能读取")
    (g,) = rows(mini, "CONS-001")
    assert g["evidence"]["place"] == "分类视图“主题分类/综合政务”"
    assert g["evidence"]["reason"] == "第2页未能读取；其中21条按元数据应列入的信息是否列入无法确认"
    assert g["evidence"]["items"] == [i["url"] for i in items[:20]]


def test_an_item_without_a_readable_date_has_no_date_mismatch(mini):
    a = mini.item(published=None)
    listing(mini, a, date="2019-09-04")
    assert rows(mini, "CONS-002") == []


def test_a_portal_gap_lists_at_most_ten_lists(mini):
    mini.item(column_path=POLICY)
    mini.add("listings", url=PORTAL + "1.html", title="x", source="portal", source_url=PORTAL)
    keys = [f"栏目{n:02d}" for n in range(11)]
    for k in keys:
        mini.seen("portal", k, complete=False)
    (g,) = rows(mini, "SYNC-001")
    assert g["evidence"]["lists"] == keys[:10]
    assert g["evidence"]["place"] == "门户网站栏目“栏目00”等11个栏目"


def test_every_misled_item_is_reported(mini):
    a, b = mini.item(), mini.item()
    elsewhere = "http://xxgk.example.gov.cn/art/elsewhere.html"
    probe(mini, a, results=[{"title": a["title"], "url": elsewhere}])
    probe(mini, b, results=[{"title": b["title"], "url": elsewhere}])
    assert [f["url"] for f in rows(mini, "SRCH-003")] == [a["url"], b["url"]]


def test_identity_reads_marks_split_across_footer_cells_and_the_page_text(tmp_path):
    cells = Mini(tmp_path / "a")       # "ICP" and "备" in two cells: read as one line
    cells.add("pages", url=PORTAL, kind="home", site="portal", text="网站标识码1 公网安备2号",
              footer={"a": "皖ICP", "b": "备123号"})
    assert rows(cells, "IDENT-001") == []
    joined = Mini(tmp_path / "b")      # the footer's last cell, then the page text
    joined.add("pages", url=PORTAL, kind="home", site="portal", text="备123号 网站标识码1 公网安备2号",
               footer={"a": "皖ICP"})
    assert rows(joined, "IDENT-001") == []


def test_identity_reads_only_home_pages(mini):
    mini.add("pages", url=PORTAL + "index.html", kind="home", site="portal", text="主办：某某")
    mini.add("pages", url=PORTAL, kind="other", site="portal", text="网站标识码1 ICP备1号 公网安备2号")
    (f,) = rows(mini, "IDENT-001")
    assert said(f) == "门户网站首页页脚缺少网站标识码、ICP备案编号、公安机关备案号"


def test_identity_values_read_without_their_labels_count(mini):
    """The extractor read each value (alt text, a meta tag): no label needed in the text."""
    mini.add("pages", url=PORTAL, kind="home", site="portal", text="主办：某某",
             footer={"site_code": "3415230001", "icp": "皖B2-20090001", "police": "34152302000123号"})
    assert rows(mini, "IDENT-001") == []
