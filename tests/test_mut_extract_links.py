"""Search forms, script-built searches, search boxes and app shells (crawler/extract/forms.py),
links and labelled links (links.py), URL helpers (urls.py): exact outputs on markup like real
government sites (TRS was5 / Hanweb jrobot search forms, WebForms POST searches, jQuery handlers)."""
from __future__ import annotations

import lxml.html
import pytest

from crawler import extract as ex
from crawler.extract.urls import (
    _base,
    _crawlable,
    _href_kind,
    _is_attachment,
    _page_param,
    _resolve,
    _strip_page_param,
    _with_param,
)

SITE = "http://www.qinglan.gov.cn/"


def _form(body: str, attrs: str = 'action="/find.do"') -> str:
    return f'<html><body><form {attrs} method="get">{body}</form></body></html>'


# ----------------------------------------------------------------------------------- search forms

# each form holds exactly one thing that says "search": that one thing must be enough
@pytest.mark.parametrize("html", [
    _form('<input type="text" name="txt">', 'action="/jrobot/find.do"'),                     # the action
    _form('<input type="text" name="txt">', 'action="/find.do" name="searchForm"'),         # form name
    _form('<input type="text" name="txt">', 'action="/find.do" id="sousuoForm"'),           # form id
    _form('<input type="text" name="txt" placeholder="站内搜索">'),
    _form('<input type="text" name="txt" value="请输入检索词">'),
    _form('<input type="text" name="txt" title="全文检索">'),
    _form('<input type="text" name="txt" id="keyword">'),
    _form('<span>站内搜索</span><input type="text" name="txt">'),                            # the form's text
    _form('<input type="text" name="txt"><input type="submit" value="搜索">'),
    _form('<input type="text" name="txt"><input type="image" src="/img/go.gif" alt="检索">'),
    _form('<input type="text" name="txt"><input type="button" title="搜索" onclick="go()">'),
    _form('<input type="text" name="txt"><button type="submit" title="搜索"><img src="/img/s.png"></button>'),
    _form('<input type="text" name="txt"><button title="检索"><img src="/img/s.png"></button>'),
    _form('<input type="text" name="wd">'),                                                 # a query name
    _form('<input type="text" name="txt"><input type="submit" value="查询">'),               # only 查询
])
def test_one_search_hint_is_enough_for_a_get_search_form(html):
    name = "wd" if 'name="wd"' in html else "txt"
    action = "jrobot/find.do" if "jrobot" in html else "find.do"
    assert ex.search_form(html, SITE) == f"http://www.qinglan.gov.cn/{action}?{name}={{q}}"


def test_hidden_values_and_login_buttons_are_no_search_hints():
    login = _form('<input type="hidden" name="mode" value="search"><input type="text" name="user">'
                  '<input type="submit" value="登录">', 'action="/login.do"')
    assert ex.search_form(login, SITE) is None


def test_search_form_ranks_forms_and_skips_what_cannot_search():
    jump = '<form action="/go.do"><select name="site"><option value="1">市政府</option></select></form>'
    post = '<form action="/s.do" method="post"><input type="text" name="q"></form>'
    lookup = '<form action="/case.do"><input type="text" name="no"><input type="submit" value="查询"></form>'
    search = '<form action="/was5/web/search"><input type="text" name="searchword"></form>'
    # a jump menu without a text box and a POST form before the search do not end the scan
    assert ex.search_form(jump + post + search, SITE) == "http://www.qinglan.gov.cn/was5/web/search?searchword={q}"
    # a site search outranks a lookup (查询) before it; the lookup stands when it is all there is
    assert ex.search_form(lookup + search, SITE) == "http://www.qinglan.gov.cn/was5/web/search?searchword={q}"
    assert ex.search_form(jump + lookup, SITE) == "http://www.qinglan.gov.cn/case.do?no={q}"
    # the first of two site searches
    second = search.replace("/was5/web/search", "/search2")
    assert ex.search_form(search + second, SITE) == "http://www.qinglan.gov.cn/was5/web/search?searchword={q}"


def test_get_template_sends_the_fields_a_browser_sends():
    html = """<form action="https://search.qinglan.gov.cn/jrobot/search.do#top">
      <input type="hidden" name="webid" value="XXGK/01"><input type="hidden" name="old" value="1" disabled>
      <input type="hidden" name="empty">
      <input type="text" name="q"><input name="site" value="qinglan"><input type="search" name="area" value="全区">
      <input type="checkbox" name="all" checked><input type="checkbox" name="title" value="1" checked>
      <input type="checkbox" name="body" value="1"><input type="checkbox" name="col" value="zw/gk" checked><input type="radio" name="order" value="time" checked>
      <input type="radio" name="order" value="rel">
      <select name="pos"><option value="10">10条</option><option value="20">20条</option></select>
      <select name="none"></select>
      <select name="range"><option value="a/b">甲</option><option selected>全部 年份</option></select>
      <select name="year"><option value="" selected>不限</option></select>
      <select name="dir"><option value="/a/">甲</option><option value="/zwgk/" selected>政务公开</option></select>
      <input type="submit" name="go/btn" value="搜/索"></form>"""
    assert ex.search_form(html, SITE) == (
        "https://search.qinglan.gov.cn/jrobot/search.do?webid=XXGK%2F01&empty=&q={q}&site=qinglan&area=%E5%85%A8%E5%8C%BA"
        "&all=on&title=1&col=zw%2Fgk&order=time&pos=10&range=%E5%85%A8%E9%83%A8%20%E5%B9%B4%E4%BB%BD&year=&dir=%2Fzwgk%2F"
        "&go%2Fbtn=%E6%90%9C%2F%E7%B4%A2")


def test_get_template_without_an_action_submits_to_the_page_itself():
    html = '<form><input type="text" name="kw" placeholder="搜索"><input type="hidden" name="a/b" value="c/d"></form>'
    assert ex.search_form(html, "http://www.qinglan.gov.cn/zwgk/index.html?x=1#list") == (
        "http://www.qinglan.gov.cn/zwgk/index.html?kw={q}&a%2Fb=c%2Fd")


@pytest.mark.parametrize("buttons, pressed", [
    # the first button after the box is the one pressed
    ('<input type="text" name="q"><button name="btn" value="go">搜索</button><input type="submit" name="s2" value="2">',
     "&btn=go"),
    # a <button> without a type submits; a type="button" one does not, nor a disabled one
    ('<input type="text" name="q"><button name="b1">搜索</button>', "&b1="),
    (('<input type="text" name="q"><button type="button" name="clear">清空</button>'
      '<input type="submit" name="ok" value="搜索">'), "&ok=%E6%90%9C%E7%B4%A2"),
    (('<input type="text" name="q"><input type="submit" name="old" value="x" disabled>'
      '<input type="submit" name="ok" value="y">'), "&ok=y"),
    # a named submit without a value sends an empty value
    ('<input type="text" name="q"><input type="submit" name="Submit">', "&Submit="),
    # none after the box: the last one before it
    (('<input type="submit" name="a" value="1"><input type="submit" name="b" value="2">'
      '<input type="submit" name="c" value="3"><input type="text" name="q">'), "&c=3"),
    ('<input type="submit" name="a" value="1"><input type="text" name="q">', "&a=1"),
    # an unnamed button adds nothing
    ('<input type="text" name="q"><input type="submit" value="搜索">', ""),
])
def test_get_template_presses_the_button_beside_the_box(buttons, pressed):
    html = f'<form action="/search.do">{buttons}</form>'
    assert ex.search_form(html, SITE) == f"http://www.qinglan.gov.cn/search.do?q={{q}}{pressed}"


def test_get_form_with_a_script_action_builds_no_template():
    html = '<form action="javascript:doSearch()"><input type="text" name="searchword"></form>'
    assert ex.search_form(html, SITE) is None


# ----------------------------------------------------------------------------------- POST searches

def _post(body: str, action: str = "/web/search.aspx", extra: str = "") -> str:
    return f'<form method="post" action="{action}" {extra}>{body}</form>'


def test_post_search_form_fields_query_and_charset():
    html = _post('<select name="area"><option value="1">全区</option></select>'
                 '<input type="text" name="old" disabled><input name="kw"><input type="submit" value="检索">',
                 extra='accept-charset="utf-8, gbk"')
    assert ex.search_post_form(html, SITE) == {
        "url": "http://www.qinglan.gov.cn/web/search.aspx", "query": "kw", "charset": "utf-8",
        "fields": [("area", "1"), ("kw", "")]}


def test_post_search_form_details():
    # a search-type box, no action (the page itself, without its fragment), no charset
    html = _post('<input type="search" name="sw" placeholder="搜索">', action="")
    assert ex.search_post_form(html, "http://www.qinglan.gov.cn/s.aspx#top") == {
        "url": "http://www.qinglan.gov.cn/s.aspx", "query": "sw", "charset": None, "fields": [("sw", "")]}
    https = _post('<input name="q">', action="https://s.qinglan.gov.cn/search")
    assert ex.search_post_form(https, SITE)["url"] == "https://s.qinglan.gov.cn/search"
    # a lookup (查询) POST form is still the search when nothing ranks higher
    lookup = _post('<input name="no"><input type="submit" value="查询">', action="/case.aspx")
    assert ex.search_post_form(lookup, SITE)["url"] == "http://www.qinglan.gov.cn/case.aspx"
    # a script action cannot be posted to
    assert ex.search_post_form(_post('<input name="q">', action="javascript:void(0)"), SITE) is None


def test_post_search_form_ranks_every_form_of_the_page():
    no_box = _post('<input type="hidden" name="__VIEWSTATE" value="v">', action="/a.aspx")
    weak_a = _post('<input name="no"><input type="submit" value="查询">', action="/a.aspx")
    weak_b = _post('<input name="no"><input type="submit" value="查询">', action="/b.aspx")
    strong = _post('<input name="q">', action="/s.aspx")
    weak_get = '<form action="/g.do"><input name="no"><input type="submit" value="查询"></form>'
    weak_script = _post('<input name="no"><input type="submit" value="查询">', action="javascript:go()")
    url = ex.search_post_form
    assert url(no_box + strong, SITE)["url"] == "http://www.qinglan.gov.cn/s.aspx"
    assert url(weak_a + weak_b + strong, SITE)["url"] == "http://www.qinglan.gov.cn/s.aspx"
    assert url(weak_a + weak_b, SITE)["url"] == "http://www.qinglan.gov.cn/a.aspx"
    assert url(weak_get + strong, SITE)["url"] == "http://www.qinglan.gov.cn/s.aspx"
    assert url(weak_script + strong, SITE)["url"] == "http://www.qinglan.gov.cn/s.aspx"


# ----------------------------------------------------------------------------------- script-built searches

_GO = '<script>function go(v){ location.href = "/was5/web/search?searchword=" + v; }</script>'


@pytest.mark.parametrize("box", [
    '<input type="text" placeholder="请输入搜索内容">', '<input value="搜索">', '<input type="search" title="检索">',
    '<input id="searchKey">', '<input name="keywords">', '<input class="search-input">',
    '<input id="sousuoBox">', '<input name="site_search_q">',
    '<input name="kw">', '<input id="wd">',
])
def test_script_search_needs_a_box_that_speaks_of_search(box):
    assert ex.search_script(box + _GO, SITE) == "http://www.qinglan.gov.cn/was5/web/search?searchword={q}"


def test_script_search_without_a_search_box_is_none():
    assert ex.search_script('<input type="text" id="txt1">' + _GO, SITE) is None
    assert ex.search_script('<input type="hidden" id="keyword">' + _GO, SITE) is None
    # the box itself must say so, not the block around it
    assert ex.search_script('<div class="search-bar"><input type="text" id="t1"></div>' + _GO, SITE) is None


@pytest.mark.parametrize("attr", ["onclick", "onkeydown", "onkeyup", "onkeypress", "onsubmit", "href"])
def test_script_search_in_a_handler_attribute(attr):
    value = "javascript:" if attr == "href" else ""
    html = (f'<input id="keyword"><a {attr}="{value}window.location.href=\'/site/search/5?keywords=\'+'
            f'encodeURIComponent(document.getElementById(\'keyword\').value)">搜索</a>')
    assert ex.search_script(html, SITE) == "http://www.qinglan.gov.cn/site/search/5?keywords={q}"


def test_script_search_reads_inline_scripts_only():
    # a browser ignores the inline text of a script that has a src
    html = '<input id="keyword"><script src="/js/s.js">location.href = "/search?q=" + v;</script>'
    assert ex.search_script(html, SITE) is None


@pytest.mark.parametrize("code, expected", [
    # a query parameter name is enough on any path; a search path is enough for any parameter name
    ('location.href = "/cms/find.jsp?q=" + v;', "http://www.qinglan.gov.cn/cms/find.jsp?q={q}"),
    ('location.href = "/search/index.jsp?channelid=1&str=" + v;',
     "http://www.qinglan.gov.cn/search/index.jsp?channelid=1&str={q}"),
    # neither: a search word in the query does not make the path a search
    ('location.href = "/list.jsp?type=search&str=" + v;', None),
    # the tail of the same statement only
    ('window.location = "/search?searchword=" + v; var u = base + "&debug=1";',
     "http://www.qinglan.gov.cn/search?searchword={q}"),
    ('window.location = "/search?searchword=" + v + "&page=1";',
     "http://www.qinglan.gov.cn/search?searchword={q}&page=1"),
    # a first concatenation that is no search, or not navigated to, does not end the scan
    ('var u = "/list.jsp?id=" + n; location.href = "/s/search?q=" + v;', "http://www.qinglan.gov.cn/s/search?q={q}"),
    ('var tip = "/s?q=" + v;' + " " * 90 + 'location.href = "/search?q=" + v;', "http://www.qinglan.gov.cn/search?q={q}"),
    # the navigation may start the handler
    ('window.open("/was5/search?q=" + v)', "http://www.qinglan.gov.cn/was5/search?q={q}"),
    ('fetch("/api/search?q=" + v)', "http://www.qinglan.gov.cn/api/search?q={q}"),
    # only web URLs
    ('location.href = "https://s.qinglan.gov.cn/search?q=" + v;', "https://s.qinglan.gov.cn/search?q={q}"),
    ('location.href = "ftp://ftp.qinglan.gov.cn/search?q=" + v;', None),
])
def test_script_search_url_shapes(code, expected):
    html = f'<input id="keyword"><button onclick=\'{code}\'>搜索</button>'
    assert ex.search_script(html, SITE) == expected


@pytest.mark.parametrize("gap, found", [(74, True), (75, False), (76, False)])
def test_script_search_navigation_within_80_characters_before_the_url(gap, found):
    # "fetch(" then `gap` characters, then the quoted URL: the window is the 80 characters before it
    code = "fetch(" + " " * gap + '"/api/search?q=" + v)'
    html = f'<input id="keyword"><script>{code}</script>'
    assert ex.search_script(html, SITE) == ("http://www.qinglan.gov.cn/api/search?q={q}" if found else None)


@pytest.mark.parametrize("pad, tail", [(169, "&p=1"), (170, "&p=1"), (171, "")])
def test_script_search_tail_within_200_characters_after_the_url(pad, tail):
    # the tail string must close within the 200 characters after `"…q=" +`
    code = 'location.href = "/search?q=" +' + " " * pad + 'encodeURIComponent(v) + "&p=1"'
    html = f'<input id="keyword"><script>{code}</script>'
    assert ex.search_script(html, SITE) == f"http://www.qinglan.gov.cn/search?q={{q}}{tail}"


# ----------------------------------------------------------------------------------- search boxes

@pytest.mark.parametrize("box, selector", [
    ('<input type="text" id="box1" placeholder="请输入搜索内容">', "#box1"),
    ('<input id="box1" title="站内检索">', "#box1"),
    ('<input type="search" id="box1" value="搜索">', "#box1"),
    ('<input id="searchKey">', "#searchKey"),
    ('<input id="sousuoBox">', "#sousuoBox"),
    ('<input name="site_search_q">', 'input[name="site_search_q"]'),
    ('<input name="keyword">', 'input[name="keyword"]'),
    ('<input id="1st" class="search-input">', "xpath=(//input)[1]"),
    ('<input id="box1" aria-label="搜索">', "#box1"),
    ('<input id="box1" placeholder="请输入关键字">', "#box1"),
    ('<input name="wd">', 'input[name="wd"]'),
    ('<input id="kw">', "#kw"),
    ('<input name=\'a"b\' placeholder="搜索">', "xpath=(//input)[1]"),
])
def test_search_box_by_its_own_attributes(box, selector):
    assert ex.search_box(f"<div>{box}</div>") == selector


@pytest.mark.parametrize("beside", [
    '<a href="javascript:;">搜索</a>', '<img src="/img/ss.png" alt="搜索">', '<a title="检索"><i></i></a>',
    '<input type="button" value="搜索">', '<button title="搜索"></button>',
])
def test_search_box_by_the_button_beside_it(beside):
    assert ex.search_box(f'<div><input type="text" id="k1">{beside}</div>') == "#k1"


def test_search_box_skips_what_is_no_free_search_box():
    assert ex.search_box('<div><input type="text" id="k1"><span>留言</span></div>') is None
    assert ex.search_box('<div><input type="submit" id="b1" value="搜索"></div>') is None
    assert ex.search_box('<div><input id="k1" placeholder="搜索" disabled></div>') is None
    # a hidden input, a box in a form, a box that says nothing: the scan goes on to the search box
    html = ('<input type="hidden" name="k" value="1"><form><input id="user" placeholder="搜索"></form>'
            '<div><input id="name1"></div><div><input id="k2" placeholder="搜索"></div>')
    assert ex.search_box(html) == "#k2"


@pytest.mark.parametrize("depth, selector", [(59, None), (60, None), (61, "#k")])
def test_search_box_form_ancestors_are_looked_for_60_levels_up(depth, selector):
    # the box's 60 nearest ancestors are searched for a form
    html = "<form>" + "<div>" * (depth - 1) + '<input id="k" placeholder="搜索">' + "</div>" * (depth - 1) + "</form>"
    assert ex.search_box(html) == selector


# ----------------------------------------------------------------------------------- app shells

_SHELL = '<html><head><script src="/js/app.js"></script></head><body>{}</body></html>'


@pytest.mark.parametrize("mount", ['<div id="app"></div>', '<main id="root"></main>',
                                   '<section id="app"></section>', '<app id="root"></app>'])
def test_app_shell_mount_elements(mount):
    assert ex.app_shell(_SHELL.format(mount))


def test_app_shell_needs_an_empty_mount_with_an_id_and_a_script_file():
    assert not ex.app_shell(_SHELL.format('<div id="notice">请开启JavaScript</div>'))
    assert not ex.app_shell(_SHELL.format('<div id="app"><p>x</p></div><div class="slot"></div>'))
    assert not ex.app_shell('<html><body><img src="/logo.png"><div id="app"></div></body></html>')
    assert not ex.app_shell('<html><head><script src="/js/app.js"></script></head></html>')
    # only the body counts: a mount slot in the head's noscript is none, a stylesheet link in the body no link
    assert not ex.app_shell('<html><head><script src="/js/app.js"></script><noscript><div id="tip"></div></noscript>'
                            '</head><body><p>欢迎访问</p></body></html>')
    links = "".join(f'<link rel="stylesheet" href="/css/{i}.css">' for i in range(4))
    assert ex.app_shell(_SHELL.format(links + '<div id="app"></div>'))


@pytest.mark.parametrize("n, shell", [(2, True), (3, True), (4, False)])
def test_app_shell_has_at_most_3_links(n, shell):
    body = "".join(f'<a href="/p{i}.html">页{i}</a>' for i in range(n)) + '<div id="app"></div>'
    assert ex.app_shell(_SHELL.format(body)) is shell


@pytest.mark.parametrize("n, shell", [(199, True), (200, True), (201, False)])
def test_app_shell_has_at_most_200_characters_of_text(n, shell):
    assert ex.app_shell(_SHELL.format("<p>" + "字" * n + '</p><div id="app"></div>')) is shell


# ----------------------------------------------------------------------------------- request options in scripts

_COL = "http://www.qinglan.gov.cn/col/col9/index.html"


def _script_urls(code: str) -> list[str]:
    return ex.script_urls(f"<html><body><script>{code}</script></body></html>", _COL)


@pytest.mark.parametrize("code, url", [
    (('$.ajax({url: "/module/web/jpage/dataproxy.jsp?startrecord=1", type: "POST", '
      'data: {columnid: 9, webid: "3", unitid: \'55\', flag: true, rate: -1.5,}});'),
     "http://www.qinglan.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=1&columnid=9&webid=3&unitid=55&flag=true&rate=-1.5"),
    # without a query of its own; keys and values percent-encoded, a path value keeps its slashes
    ('$.post({url: "/api/list", params: {"path": "zwgk/tzgg", "关键词": "政务 公开"}});',
     "http://www.qinglan.gov.cn/api/list?path=zwgk/tzgg&%E5%85%B3%E9%94%AE%E8%AF%8D=%E6%94%BF%E5%8A%A1%20%E5%85%AC%E5%BC%80"),
    ('ajax({ url : "/api/list.do", ajaxParam: {catId: 12}});', "http://www.qinglan.gov.cn/api/list.do?catId=12"),
    ('ajax({url: "/api/list.do", param: {catId: 12}});', "http://www.qinglan.gov.cn/api/list.do?catId=12"),
    # a variable or an expression among the fields: they cannot be known, the URL stays as written
    ('$.ajax({url: "/api/list.do", data: {catId: cid, page: 1}});', "http://www.qinglan.gov.cn/api/list.do"),
    ('$.ajax({url: "/api/list.do", data: {}});', "http://www.qinglan.gov.cn/api/list.do"),
    ('$.ajax({url: "/api/list.do", dataType: "json"});', "http://www.qinglan.gov.cn/api/list.do"),
    # a URL that is no options' url: a data object nearby is not its fields
    ('load("/api/list.do"); var o = {data: {catId: 12}};', "http://www.qinglan.gov.cn/api/list.do"),
])
def test_script_urls_append_the_literal_fields_of_a_request(code, url):
    assert _script_urls(code) == [url]


def test_script_urls_take_the_fields_of_the_nearest_options_object():
    code = ('$.ajax({url: "/api/a.do", data: {catId: 1}}); ' + " " * 50 +
            '$.ajax({url: "/api/b.do", data: {catId: 2}});')
    assert _script_urls(code) == ["http://www.qinglan.gov.cn/api/a.do?catId=1",
                                  "http://www.qinglan.gov.cn/api/b.do?catId=2"]


@pytest.mark.parametrize("gap, fields", [(581, "?catId=12"), (582, "?catId=12"), (583, "")])
def test_script_urls_look_600_characters_after_the_url_for_its_fields(gap, fields):
    code = '$.ajax({url: "/api/list.do",' + " " * gap + 'data: {catId: 12}});'
    assert _script_urls(code) == [f"http://www.qinglan.gov.cn/api/list.do{fields}"]


@pytest.mark.parametrize("gap, fields", [(0, "?catId=12"), (8, "?catId=12"), (9, "")])
def test_script_urls_url_key_right_before_the_url(gap, fields):
    code = "$.ajax({url:" + " " * gap + '"/api/list.do", data: {catId: 12}});'
    assert _script_urls(code) == [f"http://www.qinglan.gov.cn/api/list.do{fields}"]


def test_script_urls_skip_templates_resources_and_other_hosts():
    code = """var a = "/list.jsp?page="; var b = "/col/index_{page}.html"; var c = "/js/app.js";
      var d = "http://other.gov.cn/x.html"; var e = "/"; var f = "//"; var g = "ftp://www.qinglan.gov.cn/a.html";
      var h = "/zwgk/list.html"; var i = "/zwgk/list.html"; var j = "/img/LOGO.PNG"; var k = "/data/list.json";"""
    html = f'<div data-src="/zwgk/more.html" data-empty=""></div><script>{code}</script>'
    assert ex.script_urls(html, _COL) == ["http://www.qinglan.gov.cn/zwgk/more.html",
                                          "http://www.qinglan.gov.cn/zwgk/list.html",
                                          "http://www.qinglan.gov.cn/data/list.json"]


# ----------------------------------------------------------------------------------- data proxy groups

_FIRST = "http://www.qinglan.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=10&perpage=10&col=1"


def _xml(total: int, tag: str = "totalrecord") -> str:
    return f"<datastore><recordset><record><![CDATA[<li>x</li>]]></record></recordset><{tag}>{total}</{tag}></datastore>"


def _group(start: int, end: int) -> str:
    return f"http://www.qinglan.gov.cn/module/web/jpage/dataproxy.jsp?startrecord={start}&endrecord={end}&perpage=10&col=1"


@pytest.mark.parametrize("total, groups", [
    (10, []), (11, [(11, 20)]), (20, [(11, 20)]), (21, [(11, 20), (21, 30)]),
])
def test_datastore_next_groups_up_to_the_total(total, groups):
    assert ex.datastore_next_groups(_xml(total), _FIRST) == [_group(s, e) for s, e in groups]


@pytest.mark.parametrize("tag", ["totalRecord", "totalrecords", "total_record", "TOTALRECORD"])
def test_datastore_total_tag_spellings(tag):
    assert ex.datastore_next_groups(_xml(15, tag), _FIRST) == [_group(11, 20)]


def test_datastore_next_groups_keep_the_parameters_as_written():
    url = "http://www.qinglan.gov.cn/proxy.jsp?col=1&StartRecord=1&EndRecord=5&path=/a b&keyword="
    assert ex.datastore_next_groups(_xml(12), url) == [
        "http://www.qinglan.gov.cn/proxy.jsp?col=1&StartRecord=6&EndRecord=10&path=/a%20b&keyword=",
        "http://www.qinglan.gov.cn/proxy.jsp?col=1&StartRecord=11&EndRecord=15&path=/a%20b&keyword="]


def test_datastore_next_groups_stop_at_2000_groups():
    url = "http://www.qinglan.gov.cn/proxy.jsp?startrecord=1&endrecord=1"
    groups = ex.datastore_next_groups(_xml(999999), url)
    assert len(groups) == 1999 and groups[-1].endswith("startrecord=2000&endrecord=2000")


@pytest.mark.parametrize("text, url", [
    (_xml(30), "http://www.qinglan.gov.cn/proxy.jsp?startrecord=11&endrecord=20"),   # only the first group says
    (_xml(30), "http://www.qinglan.gov.cn/proxy.jsp?startrecord=1&endrecord=0"),     # no records asked
    (_xml(30), "http://www.qinglan.gov.cn/proxy.jsp?startrecord=1"),
    (_xml(30), "http://www.qinglan.gov.cn/proxy.jsp?endrecord=10"),
    (_xml(30), "http://www.qinglan.gov.cn/proxy.jsp?startrecord=a&endrecord=10"),
    (_xml(30), "http://www.qinglan.gov.cn/proxy.jsp?startrecord=1&endrecord=x"),
    ("<datastore></datastore>", _FIRST), ("", _FIRST), (None, _FIRST),
])
def test_datastore_next_groups_none(text, url):
    assert ex.datastore_next_groups(text, url) == []


# ----------------------------------------------------------------------------------- embedded markup

_REC = '<li><a href="/art/1.html">通知</a></li>'


def test_embedded_markup_records_of_a_datastore():
    text = (f'<datastore><nextgroup><![CDATA[<a href="/proxy.jsp?col=1">next</a>]]></nextgroup>'
            f'<recordset><record><![CDATA[{_REC}]]></record><record><![CDATA[<li>无链接</li>]]></record>'
            f'<record><![CDATA[<li><A HREF="/art/2.html">公告</A></li>]]></record></recordset></datastore>')
    assert ex.embedded_markup(text) == f'{_REC}\n<li><A HREF="/art/2.html">公告</A></li>'
    assert ex.xml_as_html(text) == f'<html><body>{_REC}\n<li><A HREF="/art/2.html">公告</A></li></body></html>'


def test_embedded_markup_template_text_only_as_data():
    assert ex.embedded_markup(_REC) == _REC
    assert ex.embedded_markup(_REC, as_data=False) == ""
    assert ex.xml_as_html(_REC) is None
    # CDATA sections without links: no records, and the text is no template either
    assert ex.embedded_markup(f"<x><![CDATA[<li>无链接</li>]]></x>{_REC}") == ""
    for nothing in (None, "", "纯文本，没有标记", "<li>无链接</li>"):
        assert ex.embedded_markup(nothing) == ""


@pytest.mark.parametrize("text, is_store", [
    ("<datastore><recordset/></datastore>", True),
    ('  <?xml version="1.0" encoding="UTF-8"?>\n<DataStore>', True),
    ('<?xml version="1.0"?><rss></rss>', False),
    (" " * 290 + "<datastore>", True),
    (" " * 291 + "<datastore>", False),
    (" " * 300 + "<datastore>", False),
    ("", False), (None, False),
])
def test_is_datastore(text, is_store):
    assert ex.is_datastore(text) is is_store


_ITEM = '<li><a href="/art/1.html">关于做好秋季开学工作的通知</a><span>2019-09-30</span></li>'


@pytest.mark.parametrize("script, titles", [
    ('<script type="text/html">' + _ITEM + "</script>", ["关于做好秋季开学工作的通知"]),
    ('<script type=" Text/HTML ">' + _ITEM + "</script>", ["关于做好秋季开学工作的通知"]),
    ("<script>var t = '" + _ITEM + "';</script>", []),                      # code, not data
    ('<script type="text/javascript">var s = "<![CDATA[' + _ITEM + ']]>";</script>', ["关于做好秋季开学工作的通知"]),
    ('<script type="text/html" src="/tpl.html">' + _ITEM + "</script>", []),
])
def test_listings_read_markup_carried_by_scripts(script, titles):
    html = f"<html><body>{script}</body></html>"
    assert [li.title for li in ex.listings(html, _COL)] == titles


# ----------------------------------------------------------------------------------- URLs

@pytest.mark.parametrize("head, base", [
    ("", SITE),
    ('<base href="">', SITE),
    ('<base href="  /sub/dir/ ">', "http://www.qinglan.gov.cn/sub/dir/"),
    ('<base><base href="http://cdn.qinglan.gov.cn/">', "http://cdn.qinglan.gov.cn/"),
    ('<base href="http://[::1">', SITE),        # unusable: the page URL stays
])
def test_base_of_a_page(head, base):
    root = lxml.html.document_fromstring(f"<html><head>{head}</head><body></body></html>")
    assert _base(root, SITE) == base


@pytest.mark.parametrize("base, href, url", [
    ("http://www.qinglan.gov.cn/col/a/index.html", "/zwgk/1.html", "http://www.qinglan.gov.cn/zwgk/1.html"),
    ("http://www.qinglan.gov.cn/col/a/index.html", "1.html#top", "http://www.qinglan.gov.cn/col/a/1.html"),
    ("http://www.qinglan.gov.cn/col/a/index.html", "../b/2.html", "http://www.qinglan.gov.cn/col/b/2.html"),
    ("http://www.qinglan.gov.cn/col/a/index.html", "//cdn.qinglan.gov.cn/x.html", "http://cdn.qinglan.gov.cn/x.html"),
    ("http://www.qinglan.gov.cn/col/a/index.html", "https://gk.qinglan.gov.cn/y.html", "https://gk.qinglan.gov.cn/y.html"),
    ("http://www.qinglan.gov.cn/col/a/index.html", " /zw\ngk/\t3.html ", "http://www.qinglan.gov.cn/zwgk/3.html"),
    ("http://www.qinglan.gov.cn", "/zwgk/4.html", "http://www.qinglan.gov.cn/zwgk/4.html"),
    ("http://www.qinglan.gov.cn/col/a/index.html", "?page=2", "http://www.qinglan.gov.cn/col/a/index.html?page=2"),
    ("http://www.qinglan.gov.cn/col/", "http://[::1/x", None),
    ("http://www.qinglan.gov.cn/col/", " \t\n", None),
    ("http://www.qinglan.gov.cn/col/", None, None),
])
def test_resolve(base, href, url):
    assert _resolve(base, href) == url


@pytest.mark.parametrize("href, absolute, kind", [
    ("JavaScript:void(0)", None, "javascript"), ("MAILTO:gk@qinglan.gov.cn", None, "mailto"),
    ("weixin://dl/chat", None, "other"), ("tel:0564-3371234", None, "other"), ("a1+b.c-d:x", None, "other"),
    ("HTTPS://www.qinglan.gov.cn/a.PDF", "https://www.qinglan.gov.cn/a.PDF", "attachment"),
    ("/down.do?file=a.xlsx", "http://www.qinglan.gov.cn/down.do?file=a.xlsx", "attachment"),
    ("/a.html", "http://www.qinglan.gov.cn/a.html", "page"),
    ("http://www.qinglan.gov.cn/a.html", "http://www.qinglan.gov.cn/a.html", "page"),
    ("/a.pdf", None, "page"),            # not resolved yet: no file to tell
])
def test_href_kind(href, absolute, kind):
    assert _href_kind(href, absolute) == kind


@pytest.mark.parametrize("url, attachment", [
    ("http://x.gov.cn/a.docx", True), ("http://x.gov.cn/A.WPS", True), ("http://x.gov.cn/a.ofd", True),
    ("http://x.gov.cn/a.html", False), ("http://x.gov.cn/a.pdf/", False), ("http://x.gov.cn/pdf", False),
    ("http://x.gov.cn/d.jsp?id=3&name=report.pdf", True), ("http://x.gov.cn/d.jsp?f=a.html", False),
])
def test_is_attachment(url, attachment):
    assert _is_attachment(url) is attachment


@pytest.mark.parametrize("href, ok", [
    (None, False), ("", False), ("  ", False), ("#top", False), (" #x", False), ("javascript:;", False),
    ("mailto:a@b.cn", False), ("HTTP://x.gov.cn/", True), ("https://x.gov.cn/", True), ("/a", True), ("a.html", True),
])
def test_crawlable(href, ok):
    assert _crawlable(href) is ok


@pytest.mark.parametrize("url, param", [
    ("http://x.gov.cn/l.jsp?pageIndex=3", ("pageIndex", 3)), ("http://x.gov.cn/l.jsp?PAGE=2", ("PAGE", 2)),
    ("http://x.gov.cn/l.jsp?page=&pn=5", ("pn", 5)), ("http://x.gov.cn/l.jsp?p=abc&curpage=4", ("curpage", 4)),
    ("http://x.gov.cn/l.jsp?pageNo=2&page=9", ("pageNo", 2)), ("http://x.gov.cn/l.jsp?id=3", None),
])
def test_page_param(url, param):
    assert _page_param(url) == param


def test_with_param_sets_or_adds_and_keeps_the_order():
    assert _with_param("http://x.gov.cn/l.jsp?col=1&page=2&k=a/b#f", "page", 5) == "http://x.gov.cn/l.jsp?col=1&page=5&k=a%2Fb"
    assert _with_param("http://x.gov.cn/l.jsp?col=1&kw=", "pageNo", 2) == "http://x.gov.cn/l.jsp?col=1&kw=&pageNo=2"
    assert _with_param("http://x.gov.cn/l.jsp", "p", 3) == "http://x.gov.cn/l.jsp?p=3"


def test_strip_page_param():
    assert _strip_page_param("http://x.gov.cn/p.jsp?col=1&pageNo=2&x=a/b&kw=&CurrPage=3#f") == (
        "http://x.gov.cn/p.jsp?col=1&x=a%2Fb&kw=")


@pytest.mark.parametrize("url, number", [
    ("http://x.gov.cn/col/l.jsp?pageIndex=3", 3), ("http://x.gov.cn/col/index.html", 1),
    ("http://x.gov.cn/col/index_2.html", 3), ("http://x.gov.cn/col/INDEX_2.SHTML", 3),
    ("http://x.gov.cn/col/list_5.jsp", 5), ("http://x.gov.cn/col/5.html", 5), ("http://x.gov.cn/col/page-7.php", 7),
    ("http://x.gov.cn/col/index_2.jsp", 2), ("http://x.gov.cn/col/a.html", None), ("http://x.gov.cn/col/", None),
    ("http://x.gov.cn/col/123456.html", None), ("http://x.gov.cn", None),
])
def test_page_number(url, number):
    assert ex.page_number(url) == number


# ----------------------------------------------------------------------------------- links and labelled links

def test_links_are_worked_out_once_per_page_and_url_and_handed_out_as_copies():
    doc = ex.document('<a href="/a.html">甲</a><a href=" ">空</a><a href="http://[::1/x">坏</a>')
    first = ex.links(doc, "http://h.gov.cn/x/")
    assert first == [("http://h.gov.cn/a.html", "甲", "page")]
    first.append(("junk", "", "page"))
    assert ex.links(doc, "http://h.gov.cn/x/") == [("http://h.gov.cn/a.html", "甲", "page")]
    assert ex.links(doc, "http://other.gov.cn/y/") == [("http://other.gov.cn/a.html", "甲", "page")]


def test_labelled_links_results_are_copies():
    doc = ex.document('<p>附件：<a href="/a.pdf">表</a></p>')
    got = ex.labelled_links(doc, "http://h.gov.cn/")
    got["附件"].append(("junk", ""))
    got["新"] = []
    assert ex.labelled_links(doc, "http://h.gov.cn/") == {"附件": [("表", "http://h.gov.cn/a.pdf")]}


@pytest.mark.parametrize("html, expected", [
    # the label in text before the link, in a tail between siblings, in a heading-like sibling
    ('<div><span>x</span>相关链接：<a href="/a">甲</a></div>', {"相关链接": [("甲", "/a")]}),
    ('<div><b>按主题分类</b><a href="/a">甲</a></div>', {"主题分类": [("甲", "/a")]}),
    ('<div><h3>政策解读</h3><a href="/more">更多</a><a href="/a">甲</a></div>', {"政策解读": [("更多", "/more"), ("甲", "/a")]}),
    # a heading-like element holding a link is a label only when it is a real heading
    ('<div><h4><a href="/h">专题</a></h4><a href="/a">甲</a></div>', {"专题": [("甲", "/a")]}),
    ('<div><span><a href="/h">专题</a></span><a href="/a">甲</a></div>', {}),
    # a label up to five levels above the link
    ('<div>附件：<p><span><b><i><a href="/a">甲</a></i></b></span></p></div>', {"附件": [("甲", "/a")]}),
    # the same link twice under one label is listed once; a fragment-only link never
    ('<p>附件：<a href="/a">甲</a><a href="/a">甲</a><a href="#x">锚</a></p>', {"附件": [("甲", "/a")]}),
    # labels that are no labels: too long, no word, only punctuation
    ('<p>' + "这是一个很长的说明文字而不是任何链接的标签" + '<a href="/a">甲</a></p>', {}),
    ('<p>2019：<a href="/a">甲</a></p>', {}),
    ('<p>【】<a href="/a">甲</a></p>', {}),
])
def test_labelled_links(html, expected):
    got = ex.labelled_links(f"<html><body>{html}</body></html>", "http://h.gov.cn/")
    assert got == {k: [(t, "http://h.gov.cn" + u) for t, u in v] for k, v in expected.items()}


@pytest.mark.parametrize("n, label", [(20, True), (21, False)])
def test_a_label_is_at_most_20_characters(n, label):
    text = "".join(chr(0x4E00 + 7 * i) for i in range(n))
    got = ex.labelled_links(f'<div><h3>{text}</h3><a href="/a">甲</a></div>', "http://h.gov.cn/")
    assert got == ({text: [("甲", "http://h.gov.cn/a")]} if label else {})


# ----------------------------------------------------------------------------------- inline datastore groups

def _store(n: int, proxy: str = "/module/jpage/dataproxy.jsp?col=7&amp;pageNo=1", pager: str = "") -> str:
    records = "".join(f'<record><![CDATA[<li><a href="/art/{i}.html">通知{i}</a></li>]]></record>' for i in range(n))
    nextgroup = f'<nextgroup><![CDATA[<a href="{proxy}"></a>]]></nextgroup>' if proxy is not None else ""
    return (f'<html><body><div id="w7"><script type="text/xml"><datastore>{nextgroup}<recordset>{records}'
            f'</recordset></datastore></script></div><script>{pager}</script></body></html>')


def _groups(html: str) -> list[tuple[int, int, int]]:
    from urllib.parse import parse_qs, urlsplit
    out = []
    for u in ex.script_urls(html, _COL):
        q = parse_qs(urlsplit(u).query)
        if "startrecord" in q:
            assert urlsplit(u).path == "/module/jpage/dataproxy.jsp" and q.get("col") == ["7"] and "pageNo" not in q
            out.append((int(q["startrecord"][0]), int(q["endrecord"][0]), int(q["perpage"][0])))
    return out


@pytest.mark.parametrize("n, pager, groups", [
    # the group is the inline record count rounded down to whole pages, at least one page
    (5, "$('#w7').jpage({totalRecord: 12});", [(6, 10, 5), (11, 15, 5)]),
    (7, "$('#w7').jpage({perPage: 3, totalRecord: 20});", [(7, 12, 3), (13, 18, 3), (19, 24, 3)]),
    (2, "var pageSize = 3; var totalCount = 7;", [(4, 6, 3), (7, 9, 3)]),
    (6, "$('#w7').jpage({perpage: 3, totalRecords: 6});", []),
    (6, "$('#w7').jpage({perPage: 3, recordCount: 7});", [(7, 12, 3)]),
    (6, "$('#w7').jpage({perPage: 3});", []),               # no total: no later groups
    (6, "$('#w7').jpage({perPage: 3, totalRecord: 12});", [(7, 12, 3)]),
    (6, "totalRecord=14;perPage=3;", [(7, 12, 3), (13, 18, 3)]),
])
def test_datastore_groups_from_total_and_page_size(n, pager, groups):
    assert _groups(_store(n, pager=pager)) == groups


def test_datastore_groups_stop_at_2000_pages():
    got = _groups(_store(1, pager="jpage({perPage: 1, totalRecord: 999999});"))
    assert len(got) == 1999 and got[0] == (2, 2, 1) and got[-1] == (2000, 2000, 1)


def test_datastore_groups_need_a_nextgroup_link_and_an_inline_total():
    assert _groups(_store(5, proxy=None, pager="jpage({totalRecord: 12});")) == []
    assert _groups(_store(5, proxy="", pager="jpage({totalRecord: 12});")) == []
    html = _store(5).replace("<script></script>", '<script src="/js/pager.js">jpage({totalRecord: 12});</script>')
    assert _groups(html) == []


def test_datastore_groups_of_a_proxy_without_a_query():
    html = _store(5, proxy="/module/jpage/dataproxy.jsp", pager="jpage({totalRecord: 8});")
    assert [u for u in ex.script_urls(html, _COL) if "startrecord" in u] == [
        "http://www.qinglan.gov.cn/module/jpage/dataproxy.jsp?startrecord=6&endrecord=10&perpage=5"]


def test_datastore_groups_skip_other_scripts_and_empty_stores():
    pager = "<script>jpage({perPage: 5, totalRecord: 12});</script>"
    before = "<script>var site = 1;</script>"
    html = _store(5).replace("<script></script>", pager).replace("<body>", "<body>" + before)
    assert _groups(html) == [(6, 10, 5), (11, 15, 5)]
    # a store without records (its first group is drawn elsewhere) and one whose proxy is unusable say nothing
    assert _groups(_store(0, pager="jpage({perPage: 5, totalRecord: 12});")) == []
    empty_first = _store(5, pager="jpage({perPage: 5, totalRecord: 12});").replace("<body>", "<body>" + _store(0)[12:-14])
    assert _groups(empty_first) == [(6, 10, 5), (11, 15, 5)]
    assert _groups(_store(5, proxy="http://[::1/x", pager="jpage({perPage: 5, totalRecord: 12});")) == []
    # two copies of the store (desktop and mobile) give each group once; another host's proxy none
    two = _store(5, pager="jpage({totalRecord: 12});").replace("</body>", _store(5)[12:-14] + "</body>")
    assert _groups(two) == [(6, 10, 5), (11, 15, 5)]
    other = _store(5, proxy="http://gk.other.gov.cn/module/jpage/dataproxy.jsp?col=7", pager="jpage({totalRecord: 12});")
    assert _groups(other) == []


def test_embedded_markup_drops_a_nextgroup_without_cdata():
    text = '<nextgroup><a href="/proxy.jsp?col=1"></a></nextgroup>' + _REC
    assert ex.embedded_markup(text) == _REC


def test_script_urls_scan_every_element_and_candidate():
    html = ('<div><!-- 列表 --><div data-home="/" data-list="/zwgk/list.html"></div></div><a href="/zwgk/a.html">链接</a>'
            '<script>var bad = "http://[::1/x"; var ok = "/zwgk/b.html";</script>')
    assert ex.script_urls(html, "https://www.qinglan.gov.cn/index.html") == [
        "https://www.qinglan.gov.cn/zwgk/list.html", "https://www.qinglan.gov.cn/zwgk/b.html"]


def test_script_urls_fields_of_the_nearest_object_far_into_a_script():
    code = (" " * 500 + '$.ajax({data: {catId: 1}, url: "/api/a.do",' + " " * 200 + 'cache: {data: {catId: 2}}});')
    assert _script_urls(code) == ["http://www.qinglan.gov.cn/api/a.do?catId=1"]


@pytest.mark.parametrize("gap, fields", [(376, "?catId=12"), (377, "?catId=12"), (378, "")])
def test_script_urls_look_400_characters_before_the_url_for_its_fields(gap, fields):
    # the data object must start within the 400 characters before the URL's opening quote
    code = " " * 50 + "$.ajax({data: {catId: 12}," + " " * gap + 'url: "/api/list.do"});'
    assert _script_urls(code) == [f"http://www.qinglan.gov.cn/api/list.do{fields}"]


def test_links_keep_script_mail_and_app_links_as_written():
    html = ('<a href="javascript:show(\'#list\')">展开</a><a href="mailto:\tgk@qinglan.gov.cn">信箱</a>'
            '<a href="weixin://dl/chat?id=1#wechat_redirect">微信</a><a href="http://[::1/x">坏</a><a href="/a.html">甲</a>')
    assert ex.links(html, SITE) == [("javascript:show(\'#list\')", "展开", "javascript"),
                                    ("mailto:\tgk@qinglan.gov.cn", "信箱", "mailto"),
                                    ("weixin://dl/chat?id=1#wechat_redirect", "微信", "other"),
                                    ("http://www.qinglan.gov.cn/a.html", "甲", "page")]


@pytest.mark.parametrize("html, expected", [
    # every link under one label, and the scan goes on past links without one or that cannot be followed
    ('<a href="/x">无标签</a><p>附件：<a href="javascript:;">打印</a><a href="/a.pdf">表</a><a href="/b.pdf">图</a></p>',
     {"附件": [("表", "/a.pdf"), ("图", "/b.pdf")]}),
    # a short wordless sibling in between does not hide the label; a sibling of links and prose neither
    ('<p>附件：<span>(2)</span><a href="/a.pdf">表</a></p>', {"附件": [("表", "/a.pdf")]}),
    (('<div><h3>相关解读</h3><p><a href="/j/1.html">关于秋季开学工作方案的政策解读</a>发布于二〇一九年九月三十日</p>'
      '<a href="/a">甲</a></div>'), {"相关解读": [("关于秋季开学工作方案的政策解读", "/j/1.html"), ("甲", "/a")]}),
    # text right in the body introduces nothing; a stylesheet link in the body is no link
    ('附件：<p><a href="/a.pdf">表</a></p>', {}),
    ('<div><h3>相关解读</h3><link rel="stylesheet" href="/x.css"><a href="/a">甲</a></div>', {"相关解读": [("甲", "/a")]}),
    # six levels up is too far
    ('<div>附件：<p><span><b><i><em><a href="/a">甲</a></em></i></b></span></p></div>', {}),
])
def test_labelled_links_more(html, expected):
    got = ex.labelled_links(f"<html><body>{html}</body></html>", "http://h.gov.cn/")
    assert got == {k: [(t, "http://h.gov.cn" + u) for t, u in v] for k, v in expected.items()}


@pytest.mark.parametrize("n, label", [(24, True), (25, False)])
def test_prose_between_a_label_and_its_link_is_more_than_24_characters(n, label):
    text = "".join(chr(0x4E00 + 7 * i) for i in range(n))
    got = ex.labelled_links(f'<p>附件：<span>{text}</span><a href="/a.pdf">表</a></p>', "http://h.gov.cn/")
    assert got == ({"附件": [("表", "http://h.gov.cn/a.pdf")]} if label else {})


@pytest.mark.parametrize("colons, label", [(1, True), (2, True), (3, False)])
def test_a_heading_label_is_at_most_24_characters_with_its_punctuation(colons, label):
    text = "".join(chr(0x4E00 + 7 * i) for i in range(20))
    got = ex.labelled_links(f'<div><h3>《{text}》{"：" * colons}</h3><a href="/a">甲</a></div>', "http://h.gov.cn/")
    assert got == ({text: [("甲", "http://h.gov.cn/a")]} if label else {})


def test_labelled_links_are_kept_per_url():
    doc = ex.document('<p>附件：<a href="a.pdf">表</a></p>')
    assert ex.labelled_links(doc, "http://h.gov.cn/x/") == {"附件": [("表", "http://h.gov.cn/x/a.pdf")]}
    assert ex.labelled_links(doc, "http://h.gov.cn/y/") == {"附件": [("表", "http://h.gov.cn/y/a.pdf")]}


@pytest.mark.parametrize("script, titles", [
    # script types are compared without case; a script that is no data only gives its CDATA records
    ('<script type="TEXT/JAVASCRIPT">var t = \'' + _ITEM + '\';</script>', []),
    # the scan goes on past scripts without text and elements that are no scripts
    ('<script src="/a.js"></script><script></script><textarea><![CDATA[' + _ITEM.replace("1.html", "2.html") +
     ']]></textarea><script type="text/html">' + _ITEM + '</script>', ["关于做好秋季开学工作的通知"]),
])
def test_listings_read_markup_carried_by_scripts_only(script, titles):
    assert [li.title for li in ex.listings(f"<html><body>{script}</body></html>", _COL)] == titles


# ----------------------------------------------------------------------------------- round 3 survivors

@pytest.mark.parametrize("lead", [0, 500])   # near the start of the script, and far into it
def test_script_urls_own_fields_after_the_url_beat_an_object_one_character_farther(lead):
    # the previous call's data object starts 33 characters before the quote, this call's own 32 after it
    prev = '$.ajax({url: "/api/a.do", data: {catId: 1}}); '
    own = '$.ajax({url: "/api/b.do",' + " " * 20 + 'data: {catId: 2}});'
    code = " " * lead + prev + own
    quote_at = code.index('"/api/b.do"')
    assert quote_at - code.index("data: {catId: 1}") == 33 and code.index("data: {catId: 2}") - quote_at == 32
    assert _script_urls(code) == ["http://www.qinglan.gov.cn/api/a.do?catId=1",
                                  "http://www.qinglan.gov.cn/api/b.do?catId=2"]


@pytest.mark.parametrize("lead", [0, 500])
def test_script_urls_own_fields_before_the_url_beat_an_object_one_character_farther(lead):
    # this call's data object starts 23 characters before the quote, the next call's 24 after it
    code = " " * lead + '$.ajax({data: {catId: 1}, url: "/api/a.do"}); $.ajax({ data: {catId: 2}, url: "/api/b.do"});'
    quote_at = code.index('"/api/a.do"')
    assert quote_at - code.index("data: {catId: 1}") == 23 and code.index("data: {catId: 2}") - quote_at == 24
    assert _script_urls(code)[0] == "http://www.qinglan.gov.cn/api/a.do?catId=1"


def test_script_urls_read_options_at_the_very_start_of_a_script():
    # a loader's options template: the script text is the object body, its url key at offset 0
    assert _script_urls('url: "/api/list.do", data: {catId: 12}') == ["http://www.qinglan.gov.cn/api/list.do?catId=12"]


def test_datastore_groups_ignore_a_commented_out_old_store():
    # the template kept its old list in a comment: an old proxy, an old total; only live scripts count
    old = ('<!-- 旧版列表 <script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/jpage/dataproxy.jsp?col=3">'
           '</a>]]></nextgroup><recordset><record><![CDATA[<li><a href="/art/0.html">旧</a></li>]]></record></recordset>'
           '</datastore></script><script>$("#w3").jpage({perPage: 5, totalRecord: 500});</script> -->')
    html = _store(5, pager="$('#w7').jpage({perPage: 5, totalRecord: 12});").replace("<body>", "<body>" + old)
    assert _groups(html) == [(6, 10, 5), (11, 15, 5)]


def test_datastore_next_groups_keep_a_slash_in_a_key_as_written():
    url = "http://www.qinglan.gov.cn/proxy.jsp?startrecord=1&endrecord=5&col/id=1"
    assert ex.datastore_next_groups(_xml(8), url) == ["http://www.qinglan.gov.cn/proxy.jsp?startrecord=6&endrecord=10&col/id=1"]


def test_query_keys_are_escaped_like_their_values():
    assert _with_param("http://x.gov.cn/l.jsp?a/b=c/d&page=2", "page", 3) == "http://x.gov.cn/l.jsp?a%2Fb=c%2Fd&page=3"
    assert _strip_page_param("http://x.gov.cn/l.jsp?a/b=c/d&page=2") == "http://x.gov.cn/l.jsp?a%2Fb=c%2Fd"


def test_a_heading_holding_the_word_of_its_more_link_keeps_that_word():
    # "更多应用" with a "更多" link beside it: the link's word goes, the heading's stays
    html = '<div class="hd"><span>更多应用</span><a href="/yy/">更多</a></div><ul><li><a href="/yy/1.html">社保查询</a></li></ul>'
    assert ex.labelled_links(html, "http://h.gov.cn/") == {
        "更多应用": [("更多", "http://h.gov.cn/yy/"), ("社保查询", "http://h.gov.cn/yy/1.html")]}


def test_a_search_word_is_not_read_across_two_hints_of_a_form():
    # 企业年检 closing the box's title and 索引号 opening the form's text make no 检索: the lookup form
    # only says 查询, so the site search after it wins
    lookup = ('<form action="/nj/query.jsp"><input type="text" name="qymc" title="企业年检">'
              '<span>索引号或企业名称</span><input type="submit" value="查询"></form>')
    site = '<form action="/was5/web/search"><input type="text" name="searchword"><input type="submit" value="搜索"></form>'
    assert ex.search_form(lookup + site, SITE) == "http://www.qinglan.gov.cn/was5/web/search?searchword={q}"
    # alone, the lookup is still the weak candidate it is
    assert ex.search_form(lookup, SITE) == "http://www.qinglan.gov.cn/nj/query.jsp?qymc={q}"


def test_a_search_box_word_is_not_read_across_two_hints():
    # a box titled 企业年检 beside a link 索取年检报告 is no search box; one titled 检索 is
    assert ex.search_box('<div class="nj"><input type="text" title="企业年检"><a href="/nj/sqbg.html">索取年检报告</a></div>') is None
    assert ex.search_box('<div class="nj"><input type="text" title="全文检索"><a href="/nj/sqbg.html">索取年检报告</a></div>') \
        == "xpath=(//input)[1]"


def test_a_script_search_box_word_is_not_read_across_two_attributes():
    # placeholder 企业年检 and value 索引号 are two hints: the box is no search box, its script no search
    go = '<script>function go(){ location.href = "/search?channelid=1&searchword=" + document.getElementById("k").value; }</script>'
    assert ex.search_script('<input type="text" placeholder="企业年检" value="索引号">' + go, SITE) is None
    assert ex.search_script('<input type="text" placeholder="全文检索" value="索引号">' + go, SITE) == \
        "http://www.qinglan.gov.cn/search?channelid=1&searchword={q}"


def test_a_commented_out_search_script_builds_no_search():
    # the template kept its old search handler in a comment: only live scripts and handlers count
    box = '<input type="text" id="searchword" placeholder="请输入搜索内容">'
    old = '<!-- <script>function go(){ location.href = "/was5/web/search?searchword=" + kw; }</script> -->'
    assert ex.search_script(box + old, SITE) is None
    assert ex.search_script(box + old + _GO, SITE) == "http://www.qinglan.gov.cn/was5/web/search?searchword={q}"
