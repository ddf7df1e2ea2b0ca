"""crawler/completeness.py: what a list page announces, and when a list counts as seen whole."""
from __future__ import annotations

import lxml.html
import pytest

from crawler import extract
from crawler.completeness import first_page_no, is_list_page, judge, pager_facts

URL = "http://xxgk.example.gov.cn/col/zcwj/index.html"


def facts(html: str, url: str = URL) -> dict:
    tree = lxml.html.fromstring(html)
    return pager_facts(tree, url, extract.visible_text(tree), extract.pagination(tree, url))


@pytest.mark.parametrize("text, pages", [
    ("共5页 当前第1页", 5), ("共 12 页", 12), ("第1/7页", 7), ("1/3页 首页 上一页 下一页 尾页", 3),
    ("页次：1/4 每页20条", 4), ("没有分页", None),
])
def test_announced_page_counts(text, pages):
    assert facts(f"<html><body><div>{text}</div></body></html>")["announced_pages"] == pages


@pytest.mark.parametrize("text, items", [
    ("共47条记录 当前第1/4页", 47), ("总共 120 条 每页15条 首页 下一页", 120), ("共有9篇 第1页", 9),
    ("本办法共30条措施，自发布之日起施行。", None),        # prose, not a pager
])
def test_announced_item_totals_only_beside_a_pager(text, items):
    assert facts(f"<html><body><p>{text}</p></body></html>")["announced_items"] == items


def test_script_totals_and_page_counts():
    got = facts("""<html><body><ul><li><a href="/a/1.html">一</a></li></ul><div id="pager"></div>
        <script>var totalRecord = 53; var pageSize = 15; createPageHTML(4, 0, "index", "html");</script>
        </body></html>""")
    assert (got["announced_items"], got["announced_pages"]) == (53, 4)
    assert not got["unresolved"]     # createPageHTML was expanded into URLs


def test_the_last_page_link_announces_how_far_the_list_goes():
    got = facts("""<html><body><div class="p"><a href="?pageNo=2">下一页</a> <a href="?pageNo=9">尾页</a></div>
        </body></html>""", "http://xxgk.example.gov.cn/list.jsp")
    assert got["announced_pages"] == 9 and got["page_no"] == 1


def test_a_live_next_control_that_yields_no_url_is_unresolved():
    # a query-string list whose pager names no page parameter: no URL can be made of 下一页
    script_link = facts('<html><body><a href="javascript:void(0)" onclick="go(2)">下一页</a></body></html>',
                        "http://xxgk.example.gov.cn/list.jsp?catId=3")
    assert script_link["unresolved"]
    last_page = facts('<html><body><span>下一页</span> <a href="index_1.html">上一页</a></body></html>')
    assert not last_page["unresolved"]


def test_list_pages_and_articles_with_related_links():
    listing = lxml.html.fromstring("""<html><body><ul>
        <li><a href="/a/1.html">关于做好防汛工作的通知</a><span>2019-09-01</span></li>
        <li><a href="/a/2.html">关于开展安全生产检查的通知</a><span>2019-08-01</span></li></ul></body></html>""")
    assert is_list_page(listing, extract.listings(listing, URL))
    article = lxml.html.fromstring("""<html><body><h1>关于做好防汛工作的通知</h1><div>"""
                                   + "各乡镇人民政府，县直各单位：现将有关事项通知如下。" * 10 + """</div>
        <ul><li><a href="/a/2.html">关于开展安全生产检查的通知</a><span>2019-08-01</span></li>
        <li><a href="/a/3.html">关于做好汛期值班工作的通知</a><span>2019-07-01</span></li></ul></body></html>""")
    assert not is_list_page(article, extract.listings(article, URL))


def test_first_page_numbers():
    assert first_page_no("http://x/col/1234.html") == 1          # a list's own numbered URL
    assert first_page_no("http://x/col/index_2.html") == 3       # TRS: index_N is page N+1
    assert first_page_no("http://x/list.jsp?catId=3&pageIndex=4") == 4


def row(page_no=1, ok=1, via="static", **kw):
    base = {"url": f"{URL}?p={page_no}", "page_no": page_no, "ok": ok, "via": via, "status": 200 if ok else 500,
            "error": None, "announced_pages": None, "announced_items": None, "unresolved": 0, "needs_render": 0}
    return {**base, **kw}


def test_a_list_with_every_announced_page_read_is_complete():
    got = judge("view", "主题分类/综合政务", [row(1, announced_pages=3), row(2), row(3)], items_seen=45)
    assert got["complete"] == 1 and got["reason"] is None and got["fetched_pages"] == 3
    assert got["view"] == "主题分类/综合政务" and got["column_path"] is None


def test_a_failed_page_makes_a_list_incomplete_unless_another_try_read_it():
    got = judge("column", "政策文件", [row(1, announced_pages=2), row(2, ok=0)], items_seen=15)
    assert got["complete"] == 0 and got["failed_pages"] == 1 and "HTTP 500" in got["reason"]
    again = judge("column", "政策文件", [row(1, announced_pages=2), row(2, ok=0), row(2)], items_seen=30)
    assert again["complete"] == 1


@pytest.mark.parametrize("fetched, complete", [(3, 0), (4, 1), (5, 1)])
def test_announced_pages_at_and_around_the_count(fetched, complete):
    rows = [row(1, announced_pages=4)] + [row(n) for n in range(2, fetched + 1)]
    assert judge("column", "c", rows, items_seen=60)["complete"] == complete


@pytest.mark.parametrize("seen, complete", [(46, 0), (47, 1), (48, 1)])
def test_announced_items_at_and_around_the_total(seen, complete):
    got = judge("column", "c", [row(1, announced_items=47, announced_pages=1)], items_seen=seen)
    assert got["complete"] == complete
    if not complete:
        assert "共47条" in got["reason"] and "46条" in got["reason"]


def test_a_page_drawn_by_script_counts_only_once_rendered():
    needs = [row(1, needs_render=1)]
    assert judge("column", "c", needs, 0)["complete"] == 0
    assert judge("column", "c", needs + [row(1, via="browser")], 12)["complete"] == 1
    failed = judge("column", "c", needs + [row(1, via="browser", ok=0, error="TimeoutError")], 0)
    assert failed["complete"] == 0 and "渲染失败" in failed["reason"]


def test_an_unexpandable_pager_is_incomplete():
    got = judge("column", "c", [row(1, unresolved=1)], items_seen=20)
    assert got["complete"] == 0 and "翻页" in got["reason"]
    assert judge("column", "c", [row(1)], items_seen=20)["complete"] == 1   # one page, no pager: the last page


def test_a_lost_render_does_not_matter_when_the_lists_api_was_read_page_by_page():
    shell = row(1, needs_render=1)                                   # the HTML shell: its list comes by script
    lost = row(1, via="browser", ok=0, error="页面脚本获取的数据超时未能读取")
    api = [row(1, announced_pages=3, announced_items=31), row(2), row(3)]   # the JSON API, read without a browser
    assert judge("view", "v", [shell, lost], 0)["complete"] == 0
    assert judge("view", "v", [shell, lost, *api], 31)["complete"] == 1
