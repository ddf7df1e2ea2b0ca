"""Mutation tests for crawler.extract.listings: list rows as real CMS list pages print them.

Each test calls ``listings()`` on markup modelled on the zoo families (TRS ``<li><a/><span>date``
rows, Hanweb cards, header tables of 信息公开目录, search results with snippets) and asserts the
exact entries: which links are items, their titles, dates, index numbers and order.
"""
from __future__ import annotations

from datetime import date

import pytest

from crawler import extract as ex

URL = "http://www.qinglan.gov.cn/zwgk/tzgg/index.html"
HOST = "http://www.qinglan.gov.cn"


def rows(html, default_year=None):
    """(path, title, date_text, date, index_no) of every entry."""
    return [(li.url.replace(HOST, ""), li.title, li.date_text, li.date, li.index_no)
            for li in ex.listings(html, URL, default_year=default_year)]


def urls(html, default_year=None):
    return [li.url.replace(HOST, "") for li in ex.listings(html, URL, default_year=default_year)]


# ----------------------------------------------------------------------------------- the date of a row

@pytest.mark.parametrize("pad, expected", [
    (26, "2019-01-31"),   # 39 characters: a date cell of its own, taken at once
    (27, "2019-01-31"),   # 40: still short enough
    (28, "2019-02-01"),   # 41: a snippet; the short date cell further on wins
])
def test_row_date_short_text_beats_a_snippet_at_forty_characters(pad, expected):
    # search result: the snippet (before the date line) mentions a date too
    snippet = "摘要：2019-01-31" + "情" * pad
    assert len(snippet) == 13 + pad
    html = f"""<div class="search-result"><div class="item"><a href="/s/1.html">政府信息公开年度报告</a>
      <p>{snippet}</p><span>2019-02-01</span></div></div>"""
    assert rows(html) == [("/s/1.html", "政府信息公开年度报告", expected,
                           date.fromisoformat(expected), None)]


def test_row_date_from_a_snippet_when_no_short_date_cell():
    # only long text pieces carry dates: the first of them is the row's date
    html = """<ul class="result"><li><a href="/s/2.html">公开指南</a>
      <p>本指南所称政府信息，是指行政机关在履行职责过程中制作或者获取的信息，2019-01-02修订。</p>
      <p>根据条例第十条的规定，各级人民政府应当主动公开本行政机关的信息，2018-05-06起施行。</p></li></ul>"""
    assert rows(html) == [("/s/2.html", "公开指南", "2019-01-02", date(2019, 1, 2), None)]


# ----------------------------------------------------------------------------------- cards: dates inside the link

def test_card_link_with_the_date_element_first():
    html = """<div class="cards"><a class="card" href="/c/4.html"><span class="d">2019-09-01</span>
      <h3>秋季开学工作部署会召开</h3></a>
      <a class="card" href="/c/5.html"><span class="d">[09-02]</span><h3>开学第一课活动</h3></a></div>"""
    assert rows(html, default_year=2019) == [
        ("/c/4.html", "秋季开学工作部署会召开", "2019-09-01", date(2019, 9, 1), None),
        ("/c/5.html", "开学第一课活动", "09-02", date(2019, 9, 2), None),
    ]


@pytest.mark.parametrize("text, listed", [
    ("发布日期: 2019-09-01", True),      # 16 = date + 6: just the date with its label
    ("【发布日期: 2019-09-01", False),    # 17: a sentence that holds a date
])
def test_card_date_element_at_the_limit(text, listed):
    html = f"""<div><a class="card" href="/c/4.html"><span>{text}</span><h3>秋季开学工作部署会召开</h3></a></div>"""
    expected = [("/c/4.html", "秋季开学工作部署会召开", "2019-09-01", date(2019, 9, 1), None)]
    assert rows(html) == (expected if listed else [])


@pytest.mark.parametrize("title, listed", [
    ("会议通知", False),     # date + 4 characters: too little besides the date for a title
    ("党建工作会", True),      # date + 5
    ("会议纪要通知", True),
    ("防汛会议通知", True),
])
def test_date_closing_the_link_text_needs_a_title_before_it(title, listed):
    html = f'<ul><li><a href="/a.html">{title}2019-09-05</a></li></ul>'
    assert rows(html) == ([("/a.html", title, "2019-09-05", date(2019, 9, 5), None)] if listed else [])


def test_date_closing_the_link_text_year_less_and_repeated():
    html = """<ul><li><a href="/a.html">关于开展考核的通知 09-05</a></li>
      <li><a href="/b.html">关于2019-09-06停电的通知 2019-09-06</a></li>
      <li><a href="/c.html">任职前公示 编号GS-XX 2019-09-07</a></li></ul>"""
    assert rows(html, default_year=2019) == [
        ("/a.html", "关于开展考核的通知", "09-05", date(2019, 9, 5), None),
        ("/b.html", "关于2019-09-06停电的通知", "2019-09-06", date(2019, 9, 6), None),
        ("/c.html", "任职前公示 编号GS-XX", "2019-09-07", date(2019, 9, 7), None),
    ]


# ----------------------------------------------------------------------------------- one row or the whole list?

@pytest.mark.parametrize("own, other, listed", [
    ("防汛工作通知", "公告栏", True),          # need max(4, 6 // 2) = 4: a 3-character link is a tag
    ("防汛工作通知", "通知公告", False),        # 4: another item title, the box is the list
    ("关于开展防汛抗旱工作的通知", "政策解读通知", False),   # 13 // 2 = 6
    ("关于开展防汛抗旱工作的通知", "政策的解读", True),     # 5 < 6
    ("关于开展防汛抗旱工作的通知文", "政策的解读", True),   # 14 // 2 = 7
    ("关于开展防汛抗旱工作通知", "政策的解读", True),       # 12 // 2 = 6
    ("关于开展防汛抗旱工作", "政策的解读", False),          # 11 // 2 = 5 (not 5.5)
])
def test_another_title_link_makes_the_box_a_list(own, other, listed):
    html = f"""<ul><li><a href="/a.html">{own}</a> <a href="/cat/3.html">{other}</a>
      <span>2019-09-05</span></li></ul>"""
    expected = ("/a.html", own, "2019-09-05", date(2019, 9, 5), None)
    got = rows(html)
    assert (expected in got) == listed


def test_tags_script_links_and_copies_of_the_own_link_are_no_other_titles():
    html = """<ul>
      <li><span>[<a href="/cat/3.html">通知</a>]</span><a href="/a.html">关于开展秋季安全检查的通知</a><span>2019-09-05</span></li>
      <li><a href="/b.html">关于做好国庆假期值班工作的通知</a>
        <a href="javascript:void(0)" onclick="fav(2)">收藏本条信息到我的收藏夹</a><span>2019-09-06</span></li>
      <li><a href="/c.html">关于印发全区秋季防火工作方案的通知</a>
        <p><a href="/c.html">为切实做好秋季森林防火工作，确保人民群众生命财产安全……</a></p><span>2019-09-07</span></li>
      <li><a href="/d.html">关于开展节前安全大检查的通知</a> <a href="/d.html">详情</a><span>2019-09-08</span></li>
    </ul>"""
    assert urls(html) == ["/a.html", "/b.html", "/c.html", "/d.html"]


def test_a_column_box_dated_in_its_heading_does_not_date_its_items():
    html = """<div class="box"><h4>通知公告 更新于2019-09-30</h4>
      <ul><li><a href="javascript:;" class="top">[置顶]</a><a href="/a.html">关于开展秋季安全检查的通知</a></li>
      <li><a href="/b.html">关于做好国庆假期值班工作的通知</a></li></ul></div>"""
    assert rows(html) == []


def test_script_and_fragment_links_are_not_items():
    html = """<ul><li><a href="javascript:void(0)" onclick="openDetail(12)">关于开展秋季安全检查的通知</a>
      <span>2019-09-05</span></li><li><a href="#top">关于做好国庆假期值班工作的通知</a><span>2019-09-06</span></li>
      <li><a href="/c.html">关于印发秋季防火方案的通知</a><span>2019-09-07</span></li></ul>"""
    assert urls(html) == ["/c.html"]


@pytest.mark.parametrize("depth, listed", [(4, True), (5, True), (6, False)])
def test_row_date_is_looked_for_five_boxes_up(depth, listed):
    inner = '<a href="/a.html">关于开展秋季安全检查的通知</a>'
    for _ in range(depth - 1):
        inner = f"<div>{inner}</div>"
    html = f'<section><span>2019-09-05</span>{inner}</section>'
    assert urls(html) == (["/a.html"] if listed else [])


def test_bullets_and_titles_from_the_title_attribute():
    html = """<ul><li><a href="/a.html">· 关于开展秋季安全检查的通知</a><span>2019-09-05</span></li>
      <li><a href="/b.html">■关于做好国庆假期值班工作的通知</a><span>2019-09-06</span></li>
      <li><a href="/c.html" title="关于印发秋季防火方案的通知"><span>2019-09-07</span></a></li>
      <li><a href="/d.html"><span>2019-09-08</span></a></li></ul>"""
    got = ex.listings(html, URL)
    assert [(li.url.replace(HOST, ""), li.title, li.title_attr) for li in got] == [
        ("/a.html", "关于开展秋季安全检查的通知", None),
        ("/b.html", "关于做好国庆假期值班工作的通知", None),
        ("/c.html", "关于印发秋季防火方案的通知", "关于印发秋季防火方案的通知"),
        ("/d.html", "", None),
    ]


# ----------------------------------------------------------------------------------- header tables (信息公开目录)

def _table(header, *body):
    def tr(cells, tag):
        return "<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>"
    return "<table class='gk'>" + tr(header, "th") + "".join(tr(r, "td") for r in body) + "</table>"


def test_header_table_with_a_publication_date_column_and_no_index_column():
    html = _table(["序号", "标题", "发布日期"],
                  ["1", '<a href="/p/1.html">表格里的文件</a>', "2019-09-05"],
                  ["2", '<a href="/p/2.html">表格里的另一份文件</a>', "09-06"])
    assert rows(html, default_year=2019) == [
        ("/p/1.html", "表格里的文件", "2019-09-05", date(2019, 9, 5), None),
        ("/p/2.html", "表格里的另一份文件", "09-06", date(2019, 9, 6), None),
    ]


def test_header_table_published_column_takes_the_index_number():
    html = _table(["索引号", "信息名称", "发布日期"],
                  ["003240560/201909-00012", '<a href="/p/1.html">表格里的文件</a>', "2019-09-05"])
    assert rows(html) == [("/p/1.html", "表格里的文件", "2019-09-05", date(2019, 9, 5), "003240560/201909-00012")]


def test_header_table_short_rows_rows_without_links_and_missing_cells():
    html = _table(["序号", "标题", "发布日期", "索引号"],
                  ["1", '<a href="/p/1.html">第一份文件</a>', "2019-09-05", "A-1"],
                  ["（本栏目暂无其他信息）"],
                  ["2", "已撤回的文件", "2019-09-04", "A-2"],
                  ["3", '<a href="/p/3.html">第三份文件</a>'],
                  ["4", '<a href="/p/4.html">第四份文件</a>', "2019-09-03", "A-4"],
                  ["5", '<a href="/p/5.html">第五份文件</a>', "2019-09-02"])
    assert rows(html) == [
        ("/p/1.html", "第一份文件", "2019-09-05", date(2019, 9, 5), "A-1"),
        ("/p/3.html", "第三份文件", None, None, None),
        ("/p/4.html", "第四份文件", "2019-09-03", date(2019, 9, 3), "A-4"),
        ("/p/5.html", "第五份文件", "2019-09-02", date(2019, 9, 2), None),
    ]


def test_header_table_without_a_date_column_is_read_row_by_row():
    html = _table(["序号", "标题", "浏览次数"],
                  ["1", '<a href="/p/1.html">第一份文件</a>', "12"])
    html2 = _table(["序号", "发布日期", "来源"], ["1", "2019-09-05", '<a href="/p/1.html">第一份文件</a>'])
    assert rows(html) == []
    assert rows(html2) == [("/p/1.html", "第一份文件", "2019-09-05", date(2019, 9, 5), None)]


def test_two_columns_of_the_same_field_the_first_one_counts():
    html = _table(["文件名称", "成文日期", "印发日期", "索引号"],
                  ['<a href="/p/1.html">第一份文件</a>', "2019-09-01", "2019-09-05", "A-1"])
    assert rows(html) == [("/p/1.html", "第一份文件", "2019-09-01", date(2019, 9, 1), "A-1")]


@pytest.mark.parametrize("preamble_rows, indexed", [(1, True), (2, True), (3, False)])
def test_header_row_is_looked_for_in_the_first_three_rows(preamble_rows, indexed):
    preamble = "".join(f"<tr><td colspan='3'>第{i}行说明</td></tr>" for i in range(preamble_rows))
    html = (f"<table>{preamble}<tr><th>索引号</th><th>名称</th><th>生成日期</th></tr>"
            "<tr><td>A-1</td><td><a href='/p/1.html'>第一份文件</a></td><td>2019-09-05</td></tr></table>")
    assert rows(html) == [("/p/1.html", "第一份文件", "2019-09-05", date(2019, 9, 5), "A-1" if indexed else None)]


def test_a_layout_table_before_the_list_table():
    html = ("<table><tr><td><img src='/banner.jpg'></td></tr><tr><td>"
            + _table(["索引号", "名称", "生成日期"], ["A-1", "<a href='/p/1.html'>第一份文件</a>", "2019-09-05"])
            + "</td></tr></table>")
    assert rows(html) == [("/p/1.html", "第一份文件", "2019-09-05", date(2019, 9, 5), "A-1")]


def test_table_rows_and_list_rows_in_document_order():
    html = ("""<ul><li><a href="/a.html">列表里的第一条通知</a><span>2019-09-07</span></li></ul>"""
            + _table(["索引号", "名称", "生成日期"], ["A-1", "<a href='/p/1.html'>第一份文件</a>", "2019-09-05"])
            + """<ul><li><a href="/b.html">列表里的第二条通知</a><span>2019-09-06</span></li></ul>""")
    assert urls(html) == ["/a.html", "/p/1.html", "/b.html"]


# ----------------------------------------------------------------------------------- lists shipped as data

def test_datastore_records_year_less_dates_and_repeats_across_stores():
    html = """<html><body><div id="w7"><script type="text/xml">
      <datastore><recordset>
        <record><![CDATA[<p><a href="/art/1.html">春耕备耕工作安排</a><i>03-02</i></p>]]></record>
      </recordset></datastore></script></div>
      <div id="w8"><script type="text/xml">
      <datastore><recordset>
        <record><![CDATA[<p><a href="/art/1.html">春耕备耕工作安排</a><i>03-02</i></p>]]></record>
        <record><![CDATA[<p><a href="/art/2.html">疫情防控告知书</a><i>02-08</i></p>]]></record>
      </recordset></datastore></script></div></body></html>"""
    assert rows(html, default_year=2020) == [
        ("/art/1.html", "春耕备耕工作安排", "03-02", date(2020, 3, 2), None),
        ("/art/2.html", "疫情防控告知书", "02-08", date(2020, 2, 8), None),
    ]


# ----------------------------------------------------------------------------------- round 3 survivors

@pytest.mark.parametrize("text", ["关于秋季开学的通知（2019 年 09 月 05 日）", "关于秋季开学的通知 【2019 年 09 月 05 日】",
                                  "关于秋季开学的通知 2019 年 09 月 05 日"])
def test_a_spaced_date_closing_the_link_text_is_read_whole_inside_brackets(text):
    # typeset dates put a space around each number: 16 characters, then the bracket
    html = f'<ul><li><a href="/a.html">{text}</a></li></ul>'
    assert rows(html) == [("/a.html", "关于秋季开学的通知", "2019 年 09 月 05 日", date(2019, 9, 5), None)]


def test_an_image_map_area_beside_a_date_is_no_list_item():
    html = """<div class="map"><img src="/img/map.png" usemap="#m"><map name="m">
      <area shape="rect" coords="0,0,50,50" href="/xz/qlz.html" title="青澜镇政务公开"></map>
      <p>更新日期：2019-09-05</p></div>
      <ul><li><a href="/a.html">关于秋季开学的通知</a><span>2019-09-06</span></li></ul>"""
    assert urls(html) == ["/a.html"]


def test_a_clickable_row_with_an_href_of_its_own_is_no_other_title_link():
    # the row carries the item's URL for a click handler; only <a> elements are other titles
    html = """<ul><li class="item" href="/art/1.html?from=list" onclick="location.href=this.getAttribute('href')">
      <a href="/art/1.html">关于开展防汛工作的通知</a><span>2019-09-05</span></li></ul>"""
    assert rows(html) == [("/art/1.html", "关于开展防汛工作的通知", "2019-09-05", date(2019, 9, 5), None)]


def test_a_table_title_cell_takes_its_link_not_an_icon_sprite():
    html = """<table><tr><th>索引号</th><th>标题</th><th>发布日期</th></tr>
      <tr><td>QL-2019-001</td><td><svg class="icon"><use href="/static/icons.svg#file"></use></svg>
      <a href="/art/1.html">关于开展防汛工作的通知</a></td><td>2019-09-05</td></tr></table>"""
    assert rows(html) == [("/art/1.html", "关于开展防汛工作的通知", "2019-09-05", date(2019, 9, 5), "QL-2019-001")]


def test_a_table_header_below_three_caption_rows_is_not_read_even_atop_a_tbody():
    # the header must be among the table's first three rows; its tbody is no table of its own
    html = """<table><thead><tr><td colspan="3">信息公开目录</td></tr><tr><td colspan="3">主题分类：教育</td></tr>
      <tr><td colspan="3">共1条</td></tr></thead><tbody><tr><th>索引号</th><th>标题</th><th>发布日期</th></tr>
      <tr><td>QL-2019-001</td><td><a href="/art/1.html">关于开展防汛工作的通知</a></td><td>2019-09-05</td></tr></tbody></table>"""
    assert rows(html) == [("/art/1.html", "关于开展防汛工作的通知", "2019-09-05", date(2019, 9, 5), None)]


def test_a_spaced_date_after_a_title_closing_with_a_year():
    # "<br>" joins the two without a space: the 16-character date is still the one closing the link
    html = '<ul><li><a href="/a.html">青岚区国民经济和社会发展统计公报2018<br>2019 年 03 月 05 日</a></li></ul>'
    assert rows(html) == [("/a.html", "青岚区国民经济和社会发展统计公报2018", "2019 年 03 月 05 日", date(2019, 3, 5), None)]
