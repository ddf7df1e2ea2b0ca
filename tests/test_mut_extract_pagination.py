"""Mutation tests for crawler.extract.pagination: the other pages of a list, from real CMS pagers.

Pagers as the zoo families draw them: TRS createPageHTML / drawPageNav scripts with .shtml pages,
下一页/尾页 link bars, "共N页" text in Lonsun fragments, kaipu laypage options objects with URLs
built by concatenation, javascript:goPage(n) links, data-* pager elements and ASP.NET postbacks.
Every test asserts the exact page URLs (and their order) or the exact form submissions.
"""
from __future__ import annotations

import pytest

from crawler import extract as ex

A = "http://a.gov.cn"


def pages(html, url):
    return ex.pagination(html, url)


# ----------------------------------------------------------------------------------- TRS scripts

_TRS_NAV = """<div class="pagebar" id="pagebar"></div>
<script language="JavaScript">
var nPageCount = {count};
var nCurrIndex = {current};
var sPageName = "index";
var sPageExt = "shtml";
function drawPageNav(nCurr, nCount, sName, sExt) {{
  var s = "";
  if (nCount <= 1) return;
  s += "共" + nCount + "页 ";
  document.getElementById("pagebar").innerHTML = s;
}}
drawPageNav(nCurrIndex, nPageCount, sPageName, sPageExt);
</script>"""


def test_trs_draw_page_nav_with_variables_at_the_column_folder():
    # the folder URL has no file name: the pages are the script's .shtml files, not index_N.html
    html = _TRS_NAV.format(count=4, current=0)
    assert pages(html, f"{A}/col/tzgg/") == [f"{A}/col/tzgg/index_{i}.shtml" for i in (1, 2, 3)]


def test_trs_create_page_html_with_a_count_variable_of_another_script():
    html = ('<script>var nCount = 3</script><div id="pager"></div>'
            '<script>createPageHTML(nCount, 0, "index", "shtml");</script>')
    assert pages(html, f"{A}/col/tzgg/") == [f"{A}/col/tzgg/index_1.shtml", f"{A}/col/tzgg/index_2.shtml"]
    # the TRS template keeps the count in the calling script
    same = '<script>var countPage = 3//共多少页\ncreatePageHTML(countPage, 0, "index", "shtml");</script>'
    assert pages(same, f"{A}/col/tzgg/") == [f"{A}/col/tzgg/index_1.shtml", f"{A}/col/tzgg/index_2.shtml"]


def test_trs_create_page_html_on_a_later_page_beside_a_static_link():
    html = ('<div class="pg"><a href="index_1.shtml">上一页</a></div>'
            '<script>createPageHTML(4, 2, "index", "shtml");</script>')
    assert pages(html, f"{A}/col/tzgg/index_2.shtml") == [
        f"{A}/col/tzgg/index.shtml", f"{A}/col/tzgg/index_1.shtml", f"{A}/col/tzgg/index_3.shtml"]


def test_more_than_ten_pages_are_in_page_order():
    html = '<script>createPageHTML(12, 0, "index", "html");</script>'
    assert pages(html, f"{A}/c/index.html") == [f"{A}/c/index_{i}.html" for i in range(1, 12)]


# ----------------------------------------------------------------------------------- link pagers

def test_trs_link_bar_on_a_later_page_numbers_index_as_page_one():
    html = """<div class="pg"><a href="index_1.html">上一页</a> <a href="index_3.html">下一页</a>
      <a href="index_5.html">尾页</a></div>"""
    assert pages(html, f"{A}/col/tzgg/index_2.html") == [
        f"{A}/col/tzgg/index.html", f"{A}/col/tzgg/index_1.html", f"{A}/col/tzgg/index_3.html",
        f"{A}/col/tzgg/index_4.html", f"{A}/col/tzgg/index_5.html"]


def test_plain_numbered_files_from_the_last_page_link():
    html = """<table><tr><td><font size="2">共40条 共5页 第3页 <a href="list_2.htm">上一页</a>
      <a href="list_4.htm">下一页</a> <a href="list_5.htm">尾页</a></font></td></tr></table>"""
    assert pages(html, f"{A}/tzgg/list_3.htm") == [f"{A}/tzgg/list_{i}.htm" for i in (1, 2, 4, 5)]


def test_query_string_last_page_from_a_later_page():
    html = """<div class="pagination">共50条 每页10条 页次：3/5 <a href="?catId=5&amp;pageIndex=2">上一页</a>
      <a href="?catId=5&amp;pageIndex=4">下一页</a> <a href="?catId=5&amp;pageIndex=5">尾页</a></div>"""
    assert pages(html, f"{A}/public/column?catId=5&pageIndex=3") == [
        f"{A}/public/column?catId=5&pageIndex={i}" for i in (1, 2, 4, 5)]


def test_folder_index_link_is_the_current_page_and_a_shapeless_home_link_comes_last():
    # 首页 links the column folder: the same page as index.html, named once, after the numbered ones
    html = """<div class="pg"><a href="./">首页</a> <a href="index_1.html">上一页</a>
      <a href="index_3.html">下一页</a> <a href="index_4.html">尾页</a></div>"""
    assert pages(html, f"{A}/col/tzgg/index_2.html") == [
        f"{A}/col/tzgg/index.html", f"{A}/col/tzgg/index_1.html", f"{A}/col/tzgg/index_3.html",
        f"{A}/col/tzgg/index_4.html"]
    on_folder = """<div class="pg"><a href="index.html">首页</a> <a href="index_1.html">下一页</a>
      <a href="index_2.html">尾页</a></div>"""
    assert pages(on_folder, f"{A}/col/tzgg/") == [f"{A}/col/tzgg/index_1.html", f"{A}/col/tzgg/index_2.html"]


def test_number_pager_that_states_its_page_count():
    # no 下一页 link: the numbers are a pager because their box says 共3页
    html = """<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul>
      <div class="page">共3页 <span>1</span> <a href="list.jsp?cat=3&amp;page=2">2</a>
      <a href="list.jsp?cat=3&amp;page=3">3</a></div>"""
    assert pages(html, f"{A}/gk/list.jsp?cat=3") == [f"{A}/gk/list.jsp?cat=3&page=2", f"{A}/gk/list.jsp?cat=3&page=3"]


def test_pager_links_wrapped_one_by_one_in_spans():
    html = """<div class="pg"><span>1</span><span><a href="list.jsp?cat=3&amp;page=2">2</a></span>
      <span><a href="list.jsp?cat=3&amp;page=3">3</a></span>
      <span><a href="list.jsp?cat=3&amp;page=2">下一页</a></span></div>"""
    assert pages(html, f"{A}/gk/list.jsp?cat=3") == [f"{A}/gk/list.jsp?cat=3&page=2", f"{A}/gk/list.jsp?cat=3&page=3"]


def test_a_two_link_pager_box_does_not_reach_the_site_menu():
    html = """<body><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul>
      <div class="pg"><span><a href="list.jsp?cat=3&amp;page=2">2</a></span>
      <span><a href="list.jsp?cat=3&amp;page=2">下一页</a></span></div></body>"""
    assert pages(html, f"{A}/gk/list.jsp?cat=3") == [f"{A}/gk/list.jsp?cat=3&page=2"]


def test_first_previous_next_links_without_numbers():
    html = """<div class="pg"><a href="?cat=3&amp;page=1">首页</a> <a href="?cat=3&amp;page=2">上一页</a>
      <a href="?cat=3&amp;page=4">下一页</a> <a href="/rss/cat3.xml">订阅本栏目</a></div>"""
    assert pages(html, f"{A}/gk/list.jsp?cat=3&page=3") == [
        f"{A}/gk/list.jsp?cat=3&page=1", f"{A}/gk/list.jsp?cat=3&page=2", f"{A}/gk/list.jsp?cat=3&page=4"]


# ----------------------------------------------------------------------------------- page counts and URL shapes

@pytest.mark.parametrize("url, expected", [
    (f"{A}/col/tzgg/", [f"{A}/col/tzgg/index_1.html", f"{A}/col/tzgg/index_2.html"]),
    (A, [f"{A}/index_1.html", f"{A}/index_2.html"]),
    (f"{A}/c/list_1.html", [f"{A}/c/list_2.html", f"{A}/c/list_3.html"]),
    (f"{A}/c/list.jsp?cat=3", [f"{A}/c/list.jsp?cat=3&page=2", f"{A}/c/list.jsp?cat=3&page=3"]),
])
def test_page_count_variable_applied_to_the_list_url_shape(url, expected):
    assert pages("<script>var totalPage = 3;</script>", url) == expected


def test_single_page_column_with_a_page_url_template():
    html = "<script>var totalPage = 1; var tpl = 'index_{page}.html';</script>"
    assert pages(html, f"{A}/c/index.html") == []


def test_count_variable_with_the_url_built_from_a_prefix_in_another_script():
    html = """<script>var listUrl = '/xxgk/list.jsp?organId=7&catId=21';</script>
      <script>var pageCount = 3; function go(n) { location.href = listUrl + '&pageIndex=' + n; }</script>"""
    assert pages(html, f"{A}/xxgk/list.jsp?catId=21&organId=7") == [
        f"{A}/xxgk/list.jsp?organId=7&catId=21&pageIndex={i}" for i in (1, 2, 3)]


@pytest.mark.parametrize("url, expected", [
    (f"{A}/xxgk/list.jsp?organId=7&catId=21&pageIndex=2#top",
     [f"{A}/xxgk/list.jsp?organId=7&catId=21&pageIndex={i}" for i in (1, 3)]),
    (f"{A}/xxgk/list/", [f"{A}/xxgk/list/?pageIndex={i}" for i in (2, 3)]),
])
def test_count_variable_with_a_parameter_appended_to_the_current_url(url, expected):
    html = """<script>var pageCount = 3; var base = location.href.replace(/&pageIndex=\\d+/, '');
      function go(n) { location.href = base + '&pageIndex=' + n; }</script>"""
    assert pages(html, url) == expected


def test_a_detail_concatenation_before_the_page_one():
    html = """<script>var pageCount = 3; function show(id) { open('/content/detail?id=' + id); }
      function go(n) { location = 'list.do?cat=3&pg=' + n; }</script>"""
    assert pages(html, f"{A}/c/list.do?cat=3") == [f"{A}/c/list.do?cat=3&pg=2", f"{A}/c/list.do?cat=3&pg=3"]


# ----------------------------------------------------------------------------------- fragments that state their count

@pytest.mark.parametrize("text, expected_pages", [
    ("第 1/3 页", 3),
    ("共25条 每页10条 共3页" + " " * 9, 3),
])
def test_fragment_count_forms(text, expected_pages):
    url = f"{A}/site/label/8888?labelName=list&catId=5&pageIndex=1&pageSize=10"
    frag = f'<ul><li><a href="/p/1.html">一</a> 2019-09-01</li></ul><div><span>{text}</span></div>'
    assert pages(frag, url) == [url.replace("pageIndex=1", f"pageIndex={i}") for i in range(2, expected_pages + 1)]


@pytest.mark.parametrize("filler, counted", [(17, True), (18, True), (19, False)])
def test_fragment_count_text_up_to_24_characters(filler, counted):
    text = "记" * filler + " 第1/3页"         # 23, 24, 25 characters
    assert len(text) == filler + 6
    url = f"{A}/site/label/8888?labelName=list&catId=5&pageIndex=1&pageSize=10"
    frag = f'<div><span>{text}</span></div>'
    expected = [url.replace("pageIndex=1", f"pageIndex={i}") for i in (2, 3)] if counted else []
    assert pages(frag, url) == expected


def test_fragment_count_text_with_a_comma_is_prose():
    url = f"{A}/site/label/8888?labelName=list&catId=5&pageIndex=1"
    assert pages("<p>附件共3页，</p>", url) == []


@pytest.mark.parametrize("attrs, url_size, expected_pages", [
    ('data-total="23" data-pagesize="10"', "", 3),
    ('data-total="23" data-page-size="10"', "", 3),
    ('data-total="23" data-perpage="10"', "", 3),
    ('data-total="23" data-pagesize="0"', "&pageSize=10", 3),
    ('data-total="3" data-pagesize="1"', "", 3),
    ('data-total="3"', "&pageSize=1", 3),
])
def test_data_attributes_with_the_page_size(attrs, url_size, expected_pages):
    url = f"{A}/site/label/9?name=list&classId=2&pageNo=1{url_size}"
    frag = f'<ul><li><a href="/p/1.html">一</a> 2019-09-01</li></ul><div class="pg" {attrs}></div>'
    assert pages(frag, url) == [url.replace("pageNo=1", f"pageNo={i}") for i in range(2, expected_pages + 1)]


# ----------------------------------------------------------------------------------- pagers of any name

@pytest.mark.parametrize("name", ["nPageCount", "intTotalPage", "all_pages", "mPages"])
def test_page_count_names_with_prefixes_and_underscores(name):
    html = f"<script>var {name} = 3; initPager('#pg');</script>"
    assert pages(html, f"{A}/c/index.html") == [f"{A}/c/index_1.html", f"{A}/c/index_2.html"]


def test_records_and_size_names_with_dollar_and_underscore():
    html = "<script>var $totalCount = 7, page_size = 3; initPager('#pg');</script>"
    assert pages(html, f"{A}/c/index.html") == [f"{A}/c/index_1.html", f"{A}/c/index_2.html"]


def test_the_first_page_size_a_script_names_counts():
    html = """<script>var total = 47; var pageSize = 15; $('#pg').pager({ total: total, size: pageSize });
      function reset() { pageSize = 10; }</script>"""
    assert pages(html, f"{A}/c/index.html") == [f"{A}/c/index_{i}.html" for i in (1, 2, 3)]


@pytest.mark.parametrize("gap, paired", [(290, True), (291, False)])
def test_records_and_size_far_apart_are_unrelated(gap, paired):
    # at["size"] - at["records"] = len("total: 47,") + gap = 300 or 301
    html = "<script>pager.render({ total: 47," + " " * gap + "limit: 15 });</script>"
    expected = [f"{A}/c/index_{i}.html" for i in (1, 2, 3)] if paired else []
    assert pages(html, f"{A}/c/index.html") == expected


def test_records_and_size_deep_in_a_long_script():
    html = "<script>/*" + " " * 400 + "*/ pager.render({ total: 47, limit: 15 });</script>"
    assert pages(html, f"{A}/c/index.html") == [f"{A}/c/index_{i}.html" for i in (1, 2, 3)]


def test_records_in_script_page_size_in_text():
    html = """<div class="pg">每页 3 条</div><script>new Pager({ el: '#pg', totalCount: 7 });</script>"""
    assert pages(html, f"{A}/c/index.html") == [f"{A}/c/index_1.html", f"{A}/c/index_2.html"]


def test_records_and_size_with_a_page_parameter_and_no_template():
    html = "<script>var pager = {totalRecords: 47, pageSize: 15};</script>"
    assert pages(html, f"{A}/list?catId=5&pageNo=2") == [f"{A}/list?catId=5&pageNo={i}" for i in (1, 3, 4)]


def test_kaipu_laypage_with_a_base_read_from_the_location():
    html = """<div id="kp-page"></div><script>
      var listBase = location.pathname + '?organId=7&catId=21';
      layui.use(['laypage'], function () { var laypage = layui.laypage;
        laypage.render({ elem: 'kp-page', count: 47, limit: 15, curr: 2,
          jump: function (obj, first) { if (!first) { location.href = listBase + '&pageIndex=' + obj.curr; } } }); });
    </script>"""
    url = f"{A}/xxgk/list.jsp?organId=7&catId=21&pageIndex=2"
    assert pages(html, url) == [f"{A}/xxgk/list.jsp?organId=7&catId=21&pageIndex={i}" for i in (1, 3, 4)]


@pytest.mark.parametrize("call, url, expected", [
    # the first page calls itself page 1: xlist_2 is page 2
    ("pageNav(3, 1, 'xlist', 'shtml')", f"{A}/c/xlist.shtml", [f"{A}/c/xlist_2.shtml", f"{A}/c/xlist_3.shtml"]),
    ("pageNav(2, 1, 'xlist', 'shtml')", f"{A}/c/xlist.shtml", [f"{A}/c/xlist_2.shtml"]),
    ("pageNav(12, 1, 'xlist', 'shtml')", f"{A}/c/xlist.shtml", [f"{A}/c/xlist_{i}.shtml" for i in range(2, 13)]),
    ("pageNav(3, 1, 'index', 'html')", f"{A}/c/", [f"{A}/c/index_2.html", f"{A}/c/index_3.html"]),
    ("pageNav(3, 1, 'index', 'html')", A, [f"{A}/index_2.html", f"{A}/index_3.html"]),
    # TRS counting from 0, seen from its second page index_1: index_2 is page 3
    ("showPager(3, 1, 'index', 'html')", f"{A}/c/index_1.html", [f"{A}/c/index.html", f"{A}/c/index_2.html"]),
    # the stem and extension first
    ("showPager('index', 'shtml', 3, 0)", f"{A}/c/", [f"{A}/c/index_1.shtml", f"{A}/c/index_2.shtml"]),
    # constants named in capitals
    ("showPager(NUM_PAGES, CUR_PAGE, 'index', 'shtml')", f"{A}/c/", [f"{A}/c/index_1.shtml", f"{A}/c/index_2.shtml"]),
    ("showPager(MAX_PAGES, CUR_PAGE, 'index', 'shtml')", f"{A}/c/", [f"{A}/c/index_1.shtml", f"{A}/c/index_2.shtml"]),
])
def test_pager_calls_of_any_name(call, url, expected):
    html = f"<script>var NUM_PAGES = 3, MAX_PAGES = 3, CUR_PAGE = 0; {call};</script>"
    assert pages(html, url) == expected


def test_calls_that_are_no_pager():
    # a container id where the stem should be, and a call with no numbers at all
    assert pages("<script>initPager(5, 1, '#pagebar', 'html');</script>", f"{A}/c/index.html") == []
    assert pages("<script>loadPage('index', 'html');</script>", f"{A}/c/index.html") == []
    # a URL where the stem should be, after a container id
    assert pages("<script>initPager('pager', 5, 1, 'list.do?cat=3', 'html');</script>", f"{A}/c/index.html") == []


def test_the_pager_function_definition_is_not_its_call():
    # the definition's parameters share the names of page variables: only the call counts
    html = """<script>var nCount = 3, nCur = 0, sName = "index", sExt = "shtml";
      function showList(nCount, nCur, sName, sExt) { }
      showList(5, 0, "list", "shtml");</script>"""
    assert pages(html, f"{A}/c/list.shtml") == [f"{A}/c/list_{i}.shtml" for i in (1, 2, 3, 4)]


# ----------------------------------------------------------------------------------- script links and text

def test_numbered_onclick_pager_after_onclick_list_items():
    html = """<ul><li><a href="javascript:;" onclick="showDetail(12)">关于开展秋季安全检查的通知</a></li></ul>
      <div class="pg"><a href="javascript:;" onclick="turn(2)">2</a> <a href="javascript:;" onclick="turn(3)">3</a></div>
      <script>function turn(p) { location.href = 'list.jsp?cat=8&pageNo=' + p; }</script>"""
    assert pages(html, f"{A}/gk/list.jsp?cat=8") == [f"{A}/gk/list.jsp?cat=8&pageNo={i}" for i in (2, 3)]


def test_a_disabled_next_link_leaves_the_count_to_the_text():
    html = """<div class="pg"><span>共3页</span> <a href="javascript:void(0)">下一页</a></div>
      <script>function turn(p) { location.href = 'list.jsp?cat=8&pageNo=' + p; }</script>"""
    assert pages(html, f"{A}/gk/list.jsp?cat=8") == [f"{A}/gk/list.jsp?cat=8&pageNo={i}" for i in (2, 3)]


@pytest.mark.parametrize("before, after, counted", [
    ("，" + "字" * 9, "", False),     # a comma 10 characters before 共: prose
    ("，" + "字" * 10, "", True),     # 11 before: out of reach
    ("", "字" * 9 + "。", False),     # a full stop 10 characters after the end
    ("", "字" * 10 + "。", True),
])
def test_count_text_among_words_or_in_a_sentence(before, after, counted):
    html = f"<div>{before}共3页{after}</div>"
    expected = [f"{A}/c/index_1.html", f"{A}/c/index_2.html"] if counted else []
    assert pages(html, f"{A}/c/index.html") == expected


# ----------------------------------------------------------------------------------- form fields

def test_form_fields_as_a_browser_submits_them():
    form = next(ex.parse("""<form method="post" action="Search.aspx">
      <input type="hidden" name="__VIEWSTATE" value="abc">
      <input type="text" name="dis" value="1" disabled>
      <input name="kw">
      <input type="TEXT" name="q2" value="x">
      <input type="text" value="no name">
      <input type="checkbox" name="c1" checked>
      <input type="checkbox" name="c2" value="y">
      <input type="radio" name="r" value="a"><input type="radio" name="r" value="b" checked>
      <input type="submit" name="btn" value="检索">
      <select name="year"><option value="2018">2018年</option><option value="2019">2019年</option></select>
      <select name="type"><option>全部</option><option selected>通知</option></select>
      <select name="none"></select>
      <textarea name="memo">备注</textarea><textarea name="memo2"></textarea>
    </form>""").iter("form"))
    assert ex.form_fields(form) == [
        ("__VIEWSTATE", "abc"), ("kw", ""), ("q2", "x"), ("c1", "on"), ("r", "b"),
        ("year", "2018"), ("type", "通知"), ("memo", "备注"), ("memo2", "")]


# ----------------------------------------------------------------------------------- postback pagers

def _gv(n, text=None, target="gvList"):
    return f"""<a href="javascript:__doPostBack('{target}','Page${n}')">{text or n}</a>"""


def test_postback_action_differs_from_the_page_and_onclick_links():
    html = f"""<form method="post" action="List.aspx?cat=7"><input type="hidden" name="__VIEWSTATE" value="s" />
      <div>{_gv(1)} <a href="#" onclick="__doPostBack('gvList','Page$2');return false;">2</a></div></form>"""
    got = ex.postback_pages(html, "http://x.gov.cn/web/Default.aspx?tab=2#list")
    assert [(p["page"], p["url"], p["argument"]) for p in got] == [
        (1, "http://x.gov.cn/web/List.aspx?cat=7", "Page$1"), (2, "http://x.gov.cn/web/List.aspx?cat=7", "Page$2")]


def test_postback_form_without_action_posts_to_the_page():
    html = f"""<form method="post"><input type="hidden" name="__VIEWSTATE" value="s" />
      <div>{_gv(1)} {_gv(2)}</div></form>"""
    got = ex.postback_pages(html, "http://x.gov.cn/web/List.aspx?cat=7#top")
    assert [p["url"] for p in got] == ["http://x.gov.cn/web/List.aspx?cat=7"] * 2


def test_postback_menu_links_are_no_pager():
    html = f"""<form method="post"><input type="hidden" name="__VIEWSTATE" value="s" />
      <a href="javascript:__doPostBack('menu','3')">机构职能</a> <a href="javascript:__doPostBack('menu','4')">领导信息</a>
      <div>{_gv(1)} {_gv(2)}</div></form>"""
    got = ex.postback_pages(html, "http://x.gov.cn/List.aspx")
    assert [(p["target"], p["argument"]) for p in got] == [("gvList", "Page$1"), ("gvList", "Page$2")]


def test_postback_single_next_link_with_the_stated_count():
    html = """<form method="post"><input type="hidden" name="__VIEWSTATE" value="s" />
      <div>共3页 <a href="javascript:__doPostBack('pager','2')">下一页</a></div></form>"""
    got = ex.postback_pages(html, "http://x.gov.cn/List.aspx")
    assert [(p["page"], p["argument"]) for p in got] == [(1, "1"), (2, "2"), (3, "3")]


def test_postback_one_numbered_link_before_the_pager():
    html = f"""<form method="post"><input type="hidden" name="__VIEWSTATE" value="s" />
      <a href="javascript:__doPostBack('grid','Page$2')">2</a>
      <div>{_gv(1)} {_gv(2)} {_gv(3)}</div></form>"""
    got = ex.postback_pages(html, "http://x.gov.cn/List.aspx")
    assert [(p["target"], p["argument"]) for p in got] == [("gvList", f"Page${i}") for i in (1, 2, 3)]


def test_postback_calendar_days_are_no_pager():
    """An ASP.NET Calendar posts each day as days since 2000 ('Calendar1','9131' under 31): a number
    that posts another number is no page; the list's own pager beside it still is."""
    days = " ".join(f"<a href=\"javascript:__doPostBack('Calendar1','{9100 + d}')\">{d}</a>" for d in range(1, 32))
    html = f"""<form method="post"><input type="hidden" name="__VIEWSTATE" value="s" />
      <table class="cal"><tr><td>{days}</td></tr></table></form>"""
    assert ex.postback_pages(html, "http://x.gov.cn/List.aspx") == []
    pager = html.replace("</form>", f"<div>{_gv(1)} {_gv(2)}</div></form>")
    got = ex.postback_pages(pager, "http://x.gov.cn/List.aspx")
    assert [(p["target"], p["argument"]) for p in got] == [("gvList", "Page$1"), ("gvList", "Page$2")]


@pytest.mark.parametrize("offset, pager", [(0, True), (-1, True), (1, False), (-2, False)])
def test_postback_numbers_post_their_page_or_the_one_before(offset, pager):
    """Pagers post the page shown (Page$3 under 3) or, counted from 0, the one before (2 under 3)."""
    links = " ".join(f"<a href=\"javascript:__doPostBack('pg','{n + offset}')\">{n}</a>" for n in (3, 4))
    html = f"""<form method="post"><input type="hidden" name="__VIEWSTATE" value="s" /><div>{links}</div></form>"""
    assert bool(ex.postback_pages(html, "http://x.gov.cn/List.aspx")) is pager


def test_postback_pager_outside_its_form():
    html = f"""<form method="post" action="Login.aspx"><input name="user"></form>
      <form method="post" action="List.aspx"><input type="hidden" name="__VIEWSTATE" value="s" /></form>
      <div>{_gv(1)} {_gv(2)}</div>"""
    got = ex.postback_pages(html, "http://x.gov.cn/web/Default.aspx")
    assert [p["url"] for p in got] == ["http://x.gov.cn/web/List.aspx"] * 2
    assert got[0]["fields"] == [("__EVENTTARGET", "gvList"), ("__EVENTARGUMENT", "Page$1"), ("__VIEWSTATE", "s")]
    # no __VIEWSTATE anywhere: the form that posts
    plain = f"""<form action="/search"><input name="q"></form><form method="POST" action="List.aspx"><input name="k" value="v"></form>
      <div>{_gv(1)} {_gv(2)}</div>"""
    assert [p["url"] for p in ex.postback_pages(plain, "http://x.gov.cn/web/Default.aspx")] == [
        "http://x.gov.cn/web/List.aspx"] * 2
    # no form to submit: nothing
    assert ex.postback_pages(f'<form action="/search"><input name="q"></form><div>{_gv(1)} {_gv(2)}</div>',
                             "http://x.gov.cn/web/Default.aspx") == []


def test_postback_pager_in_its_own_form_beside_another_viewstate_form():
    html = f"""<form method="post" action="Search.aspx"><input type="hidden" name="__VIEWSTATE" value="a" /></form>
      <form method="post" action="List.aspx"><input type="hidden" name="__VIEWSTATE" value="b" />
      <div>{_gv(1)} {_gv(2)}</div></form>"""
    got = ex.postback_pages(html, "http://x.gov.cn/web/Default.aspx")
    assert [(p["url"], p["fields"][2]) for p in got] == [("http://x.gov.cn/web/List.aspx", ("__VIEWSTATE", "b"))] * 2


@pytest.mark.parametrize("depth", [0, 59, 60, 61, 90])
def test_postback_pager_deep_in_nested_layout_tables_keeps_its_form(depth):
    # old WebForms layouts nest table in table: the pager's own form is found at any depth
    html = f"""<form method="post" action="Search.aspx"><input type="hidden" name="__VIEWSTATE" value="a" /></form>
      <form method="post" action="List.aspx"><input type="hidden" name="__VIEWSTATE" value="b" />
      {"<div>" * depth}{_gv(1)} {_gv(2)}{"</div>" * depth}</form>"""
    got = ex.postback_pages(html, "http://x.gov.cn/web/Default.aspx")
    assert [(p["url"], p["fields"][2]) for p in got] == [("http://x.gov.cn/web/List.aspx", ("__VIEWSTATE", "b"))] * 2


def test_postback_second_pager_in_a_form_after_one_without():
    html = f"""<div>{_gv(1, target="top")} {_gv(2, target="top")}</div>
      <form action="List.aspx"><div>{_gv(1)} {_gv(2)}</div></form>"""
    got = ex.postback_pages(html, "http://x.gov.cn/web/List.aspx")
    assert [(p["target"], p["argument"]) for p in got] == [("gvList", "Page$1"), ("gvList", "Page$2")]


@pytest.mark.parametrize("wrappers, last", [(0, 6), (1, 3)])
def test_postback_stated_count_four_boxes_up(wrappers, last):
    def cell(n):
        return "<td>" + "<span>" * wrappers + _gv(n) + "</span>" * wrappers + "</td>"
    html = f"""<form method="post"><input type="hidden" name="__VIEWSTATE" value="s" />
      <div>共6页<table><tr>{cell(1)}{cell(2)}{cell(3)}</tr></table></div></form>"""
    got = ex.postback_pages(html, "http://x.gov.cn/List.aspx")
    assert [p["page"] for p in got] == list(range(1, last + 1))


def test_linkbutton_pagers_top_and_bottom_give_one_next_submission():
    def bar():
        return """<div>第1页 <a href="javascript:__doPostBack('ctl00$cph$lbtnNext','')">下一页</a></div>"""
    html = f"""<div>{bar()}</div><form method="post" action="News.aspx"><input type="hidden" name="__VIEWSTATE" value="v" />
      <ul><li><a href="News.aspx?id=9">某动态</a></li></ul>{bar()}</form>"""
    got = ex.postback_pages(html, "http://x.gov.cn/News.aspx?t=2")
    assert got == [{"page": None, "next": True, "last": None, "url": "http://x.gov.cn/News.aspx",
                    "target": "ctl00$cph$lbtnNext", "argument": "",
                    "fields": [("__EVENTTARGET", "ctl00$cph$lbtnNext"), ("__EVENTARGUMENT", ""), ("__VIEWSTATE", "v")]}]


def test_linkbutton_next_of_a_form_without_action_posts_to_the_page():
    html = """<form method="post"><input type="hidden" name="__VIEWSTATE" value="v" />
      <div>共 4 页 <a href="javascript:__doPostBack('ctl00$cph$lbtnNext','')">下一页</a></div></form>"""
    got = ex.postback_pages(html, "http://x.gov.cn/News.aspx?t=2#list")
    assert [(p["url"], p["last"], p["next"]) for p in got] == [("http://x.gov.cn/News.aspx?t=2", 4, True)]


# ------------------------------------------------------------------- survivors of the full run (mpag)

def test_a_last_page_link_to_the_site_home_does_not_stop_the_pager():
    # a template that fell back to the site URL for 尾页: the home has no path at all
    html = f"""<div class="page"><span>1</span><a href="index_1.html">2</a><a href="index_2.html">3</a>
      <a href="index_1.html">下一页</a><a href="{A}">尾页</a></div>"""
    assert pages(html, f"{A}/col/tzgg/index.html") == [
        f"{A}/col/tzgg/index_1.html", f"{A}/col/tzgg/index_2.html", A]


def test_zero_based_single_page_list_has_no_other_page():
    # page=0 is the first page: a 尾页 to page=0 reaches no page 1
    html = """<div class="pagination"><a href="?catId=3&page=0">首页</a><span>1</span>
      <a href="?catId=3&page=0">尾页</a></div>"""
    assert pages(html, f"{A}/list?catId=3&page=0") == []


def test_zero_based_pager_opening_with_the_previous_link_in_page_order():
    html = """<div class="pager"><a href="?catId=3&page=1">上一页</a> <a href="?catId=3&page=0">1</a>
      <a href="?catId=3&page=1">2</a> <span>3</span> <a href="?catId=3&page=3">4</a>
      <a href="?catId=3&page=3">下一页</a></div>"""
    assert pages(html, f"{A}/list?catId=3&page=2") == [
        f"{A}/list?catId=3&page=0", f"{A}/list?catId=3&page=1", f"{A}/list?catId=3&page=3"]


def test_a_commented_out_pager_script_is_not_read():
    # the template's old TRS pager, commented out inside the list box
    html = """<div class="list"><ul><li><a href="t1.html">关于开展安全检查的通知</a></li></ul>
      <!-- <script>createPageHTML(8, 0, "index", "shtml");</script> -->
      <div class="page">共3页 <span>1</span><a href="index_1.html">2</a><a href="index_2.html">3</a>
      <a href="index_1.html">下一页</a></div></div>"""
    assert pages(html, f"{A}/col/tzgg/index.html") == [f"{A}/col/tzgg/index_1.html", f"{A}/col/tzgg/index_2.html"]


def test_a_deeply_wrapped_next_link_does_not_take_in_the_year_tabs():
    # page 1 of a prev/next pager, each item in a span inside a p: the box stops three levels up
    html = """<div class="main"><div class="years"><a href="?year=2024">2024</a><a href="?year=2023">2023</a></div>
      <ul class="list"><li><a href="t1.html">关于开展安全检查的通知</a></li></ul>
      <div class="page"><p><span>上一页</span> <span><a href="list_2.html">下一页</a></span></p></div></div>"""
    assert pages(html, f"{A}/gk/list.html") == [f"{A}/gk/list_2.html"]


def test_traditional_script_pager_of_numbers():
    # a converted 繁體 page: "共3頁" names the pager
    html = '<div class="page">共3頁 <span>1</span> <a href="index_1.html">2</a> <a href="index_2.html">3</a></div>'
    assert pages(html, f"{A}/col/tzgg/index.html") == [f"{A}/col/tzgg/index_1.html", f"{A}/col/tzgg/index_2.html"]


def test_a_disabled_next_item_keeps_its_href_but_is_no_link():
    # the last page: the template leaves the next page's href on the disabled <li>
    html = """<ul class="pagination"><li><a href="?catId=3&page=1">首页</a></li><li><a href="?catId=3&page=2">上一页</a></li>
      <li><a href="?catId=3&page=1">1</a></li><li><a href="?catId=3&page=2">2</a></li>
      <li class="active"><span>3</span></li><li class="disabled" href="?catId=3&page=4">下一页</li></ul>"""
    assert pages(html, f"{A}/list?catId=3&page=3") == [f"{A}/list?catId=3&page=1", f"{A}/list?catId=3&page=2"]


def test_trs_list_and_a_second_scripted_list_on_one_column_page():
    # two tabs: the TRS list (index_N is page N+1) and a policy list with its own page count
    html = """<div id="tzgg"></div><script>createPageHTML(3, 0, "index", "shtml");</script>
      <div id="zcjd"></div><script>var totalPage = 2; var tpl = "/zcjd/list.jsp?pageNo={pageNo}";</script>"""
    assert pages(html, f"{A}/col/tzgg/index.shtml") == [
        f"{A}/zcjd/list.jsp?pageNo=1", f"{A}/col/tzgg/index_1.shtml",
        f"{A}/zcjd/list.jsp?pageNo=2", f"{A}/col/tzgg/index_2.shtml"]


def test_a_zero_page_size_in_the_url_leaves_the_next_size_parameter():
    html = '<div id="pager" data-total="45"></div>'
    assert pages(html, f"{A}/list.jsp?pageNo=1&size=0&limit=20") == [
        f"{A}/list.jsp?pageNo=2&size=0&limit=20", f"{A}/list.jsp?pageNo=3&size=0&limit=20"]


def test_a_pager_widgets_max_size_is_not_the_page_size():
    # angular-ui style options: maxSize is how many page links show, itemsPerPage the page size
    html = """<div id="pg"></div><script>pagination.init({maxSize: 5, totalItems: 47, itemsPerPage: 15,
      url: "list.jsp?page={page}"});</script>"""
    assert pages(html, f"{A}/gk/list.jsp") == [f"{A}/gk/list.jsp?page={n}" for n in (2, 3, 4)]


def test_an_unknown_one_letter_prefix_is_no_hungarian_prefix():
    # "pcount" is not the record count "count": 47 records at 10 a page are 5 pages
    html = """<div id="pg">每页10条</div><script>var pcount = 5, total = 47;
      function goPage(n){ location.href = "list.jsp?page=" + n; }</script>"""
    assert pages(html, f"{A}/gk/list.jsp") == [f"{A}/gk/list.jsp?page={n}" for n in (2, 3, 4, 5)]


def test_a_stem_built_from_two_literals_is_left_unresolved():
    # "/xxgk/gkml/" + "list": not a file stem; the pager is left to the rendering spider
    html = '<div id="pagebar"></div><script>showPager(3, 0, "/xxgk/gkml/" + "list", "html");</script>'
    assert pages(html, f"{A}/xxgk/index.html") == []


@pytest.mark.parametrize("gap", [" ", "  ", "\n  "])
def test_the_pager_definition_is_skipped_however_spaced(gap):
    # the definition's parameters name page defaults (1 page); only the call counts
    html = f"""<script>function{gap}showPage(count, current, stem, ext) {{
      document.getElementById("pg").innerHTML = "共" + count + "页"; }}
      var count = 1, current = 0, stem = "index", ext = "html";</script>
      <div id="pg"></div><script>showPage(4, 0, "index", "html");</script>"""
    assert pages(html, f"{A}/col/tzgg/index.html") == [f"{A}/col/tzgg/index_{n}.html" for n in (1, 2, 3)]


def test_a_call_with_an_empty_argument_list_beside_the_pager_call():
    html = """<div id="pg"></div><script>$(document).ready(function ( ) {
      showPage(4, 0, "index", "html"); });</script>"""
    assert pages(html, f"{A}/col/tzgg/index.html") == [f"{A}/col/tzgg/index_{n}.html" for n in (1, 2, 3)]


def test_a_stem_held_in_an_upper_case_constant():
    html = """<script>var XXGK_INDEX = "index";</script><div id="pg"></div>
      <script>showPage(4, 0, XXGK_INDEX, "shtml");</script>"""
    assert pages(html, f"{A}/col/tzgg/index.shtml") == [f"{A}/col/tzgg/index_{n}.shtml" for n in (1, 2, 3)]


def test_a_property_prefix_set_at_run_time_is_not_read_from_its_blank_start():
    # pager.base starts blank and is filled from the location: the page is the current list
    html = """<div id="page"></div><script>var pager = {}; pager.base = "";
      pager.base = location.pathname + "?catId=5";
      function go(n) { location.href = pager.base + "&pageIndex=" + n; }
      var pageCount = 3;</script>"""
    assert pages(html, f"{A}/gk/list.jsp?catId=5") == [
        f"{A}/gk/list.jsp?catId=5&pageIndex=2", f"{A}/gk/list.jsp?catId=5&pageIndex=3"]


def test_page_count_text_beside_an_english_next_button():
    html = """<div class="page">共4页 <a href="javascript:;" onclick="go()">NEXT</a></div>
      <script>function go(n){ location.href = "list.jsp?catId=2&pageNo=" + n; }</script>"""
    assert pages(html, f"{A}/gk/list.jsp?catId=2") == [f"{A}/gk/list.jsp?catId=2&pageNo={n}" for n in (2, 3, 4)]


def test_last_page_of_a_script_link_pager_finds_the_first():
    # page 2 of 2: every script link goes back to page 1, which says nothing of the count; the text does
    html = """<div class="page">共2页 <a href="javascript:goPage(1)">首页</a><a href="javascript:goPage(1)">上一页</a>
      <a href="javascript:goPage(1)">1</a><span>2</span></div>"""
    assert pages(html, f"{A}/col/tzgg/index_1.html") == [f"{A}/col/tzgg/index.html"]


@pytest.mark.parametrize("last, expected", [(1, 0), (2, 2), (3, 3)])
def test_script_last_page_link_count_from_two(last, expected):
    html = f"""<div class="page"><a href="javascript:goPage({last})">尾页</a></div>"""
    got = pages(html, f"{A}/col/tzgg/index.html")
    assert got == [f"{A}/col/tzgg/index_{n}.html" for n in range(1, expected)]


def test_records_and_size_in_a_script_beat_a_page_count_in_a_title():
    # a list title mentions an attachment's pages; the laypage options decide: 47 records, 15 a page
    html = """<ul><li><a href="f1.html">关于印发申请表的通知（附件共2页）</a></li></ul><div id="page"></div>
      <script>layui.use("laypage", function () { laypage.render({elem: "page", count: 47, limit: 15,
      jump: function (obj, first) { if (!first) location.href = "list.jsp?catId=4&pageNo=" + obj.curr; }}); });</script>"""
    assert pages(html, f"{A}/gk/list.jsp?catId=4") == [f"{A}/gk/list.jsp?catId=4&pageNo={n}" for n in (2, 3, 4)]


def test_a_flag_after_the_count_and_current_page_is_neither():
    # showPages(count, current, showJump, stem, ext): page 1 calls itself 1, so list_2 is page 2
    html = '<div id="pg"></div><script>showPages(5, 1, 0, "list", "html");</script>'
    assert pages(html, f"{A}/gk/list.html") == [f"{A}/gk/list_{n}.html" for n in (2, 3, 4, 5)]


@pytest.mark.parametrize("container", ['""', '"#pageTop,#pageBottom"'])
def test_page_div_template_with_a_blank_or_double_container(container):
    # the container argument before the numbers (blank setting, or the pager drawn above and below
    # the list) makes xlist_3 page 3 on a later page
    html = f'<div id="pageTop"></div><script>createPageHTML({container}, 3, 2, "xlist", "shtml", 40);</script>'
    assert pages(html, f"{A}/gk/xlist_2.shtml") == [f"{A}/gk/xlist.shtml", f"{A}/gk/xlist_3.shtml"]


def test_clickable_year_items_are_no_script_pager():
    # an annual-report column switches years with onclick list items: no page 2024
    html = """<ul class="years"><li onclick="showYear(2024)">2024</li><li onclick="showYear(2023)">2023</li></ul>
      <ul class="list"><li><a href="t1.html">2024年政府信息公开工作年度报告</a></li></ul>"""
    assert pages(html, f"{A}/gk/ndbg/index.html") == []


@pytest.mark.parametrize("numbers, expected", [
    ((2024, 2023, 2022), 0),        # year tabs of an annual-report column: no pager
    ((1949, 1950), 0),              # the earliest year read as one
    ((2099, 2098), 0),              # the latest
    ((1948, 1947), 1947),           # numbers below the years are pages (a pager of 1,948: 1,947 more)
    ((2100, 2101), 1999),           # … and above them (capped at 2,000 pages)
    ((2, 3, 2024), 1999),           # a long pager whose last number reads as a year
    ((2, 3), 2),                    # an ordinary pager
])
def test_script_year_tabs_are_no_pager(numbers, expected):
    tabs = " ".join(f'<a href="javascript:showPage({n})">{n}</a>' for n in numbers)
    html = f"""<div class="tabs">{tabs}</div>
      <ul class="list"><li><a href="t1.html">2024年政府信息公开工作年度报告</a></li></ul>"""
    assert len(pages(html, f"{A}/gk/ndbg/index.html")) == expected


def test_a_date_pickers_clickable_day_cells_are_no_script_pager():
    """A calendar widget beside the list selects days with onclick cells (<td onclick="selDate(15)">15):
    only links make a script pager."""
    days = "".join(f'<td onclick="selDate({d})">{d}</td>' for d in range(1, 32))
    html = f"""<table class="calendar"><tr>{days}</tr></table>
      <ul class="list"><li><a href="t1.html">关于开展安全检查的通知</a></li></ul>"""
    assert pages(html, f"{A}/col/tzgg/index.html") == []


def test_script_year_tabs_beside_a_next_link():
    """Year tabs do not hide the pager's own words: 下一页 still names page 2."""
    html = """<div class="tabs"><a href="javascript:go(2024)">2024</a> <a href="javascript:go(2023)">2023</a></div>
      <ul class="list"><li><a href="t1.html">2024年政府信息公开工作年度报告</a></li></ul>
      <div class="pg"><a href="javascript:go(2)">下一页</a></div>"""
    assert pages(html, f"{A}/gk/ndbg/index.html") == [f"{A}/gk/ndbg/index_1.html"]


def test_trs_call_with_another_stem_numbers_its_files_over_the_links():
    # createPageHTML(…, "list", "shtml"): list_1 is page 2, though its file name reads 1
    html = """<div class="pg"><a href="list_1.shtml">上一页</a> <a href="list_3.shtml">下一页</a></div>
      <script>createPageHTML(4, 2, "list", "shtml");</script>"""
    assert pages(html, f"{A}/col/tzgg/list_2.shtml") == [
        f"{A}/col/tzgg/list.shtml", f"{A}/col/tzgg/list_1.shtml", f"{A}/col/tzgg/list_3.shtml"]


def test_a_hotline_phone_link_is_no_script_pager():
    # the footer's 12345 hotline dials "(0731)12345": a tel: link, not goPage(731)
    html = """<ul class="list"><li><a href="t1.html">关于开展安全检查的通知</a></li></ul>
      <div class="footer">服务热线：<a href="tel:(0731)12345">12345</a></div>"""
    assert pages(html, f"{A}/col/tzgg/index.html") == []


def test_gridview_cells_that_select_their_row_are_no_postback_pager():
    # RowDataBound puts a select postback on each serial-number cell: no pager, no page submissions
    html = """<form method="post" action="List.aspx"><input type="hidden" name="__VIEWSTATE" value="v" />
      <table id="gvList"><tr><td onclick="__doPostBack('gvList','Select$1')">1</td><td>关于开展安全检查的通知</td></tr>
      <tr><td onclick="__doPostBack('gvList','Select$2')">2</td><td>关于做好防汛工作的通知</td></tr></table></form>"""
    assert ex.postback_pages(html, "http://x.gov.cn/web/List.aspx") == []
