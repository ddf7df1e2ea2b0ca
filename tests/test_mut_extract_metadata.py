"""The metadata block of an item page (crawler/extract/metadata.py): the standard labels (索引号,
发布机构, 生成日期, 文号, 主题分类 …) in table grids, definition lists, label/value spans and
"label：value" lines, with full-width colons, spaced-out labels and template indentation; exact
values, and what is no value (prose, menus, nested tables)."""
from __future__ import annotations

import pytest

from crawler import extract as ex


def _prose(n: int) -> str:
    """n distinct CJK characters: no value here is a doubled desktop/mobile copy."""
    return "".join(chr(0x4E00 + 7 * i) for i in range(n))


def _grid(*rows: tuple[str, str]) -> str:
    cells = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    return f'<table class="xxgk-table">{cells}</table>'


# ----------------------------------------------------------------------------------- label cells

def test_label_cells_indented_by_the_template_keep_their_value():
    # bug fixed: a label cell whose raw text (with the template's indentation) passed 40 characters
    # was taken for prose, and the value beside it was lost
    pad = "\n" + " " * 28
    html = (f"<table><tr><th>{pad}索引号：{pad}</th><td>{pad}003240560/2019-00012{pad}</td></tr>"
            f"<tr><th>{pad}发 布 机 构：{pad}</th><td>{pad}青岚区教育局{pad}</td></tr></table>")
    assert ex.metadata(html) == {"index_no": "003240560/2019-00012", "publisher": "青岚区教育局"}


@pytest.mark.parametrize("label, expected", [
    ("【索引号：】", {"index_no": ""}), ("[文号:]", {"doc_no": ""}), ("文号:", {"doc_no": ""}),
    ("文号", {}),   # no colon and no value: not a field of this page
])
def test_a_label_followed_by_a_line_break_is_an_empty_field_only_with_a_colon(label, expected):
    assert ex.metadata(f"<p><span>{label}</span><br/>正文第一段</p>") == expected


def test_label_then_label_is_an_empty_field():
    html = "<table><tr><td>索引号：</td><td>发布日期：</td><td>2019-09-30</td></tr></table>"
    assert ex.metadata(html) == {"index_no": "", "published": "2019-09-30"}


def test_a_label_without_colon_or_value_is_no_field():
    assert ex.metadata("<div><span>文号</span></div>") == {}
    # a label at the end of other text does not take the next block as its value
    html = "<div>附件下载 <span>文号：</span></div><div>青教〔2019〕12号</div>"
    assert ex.metadata(html) == {"doc_no": ""}


def test_label_spaced_with_inline_tags_in_groups_of_two():
    html = "<table><tr><td>发布<span></span>机构：</td><td>青岚区教育局</td></tr></table>"
    assert ex.metadata(html) == {"publisher": "青岚区教育局"}


# ----------------------------------------------------------------------------------- label + tail text

@pytest.mark.parametrize("html, expected", [
    # the value runs on through inline elements up to the next label
    ("<p><b>发布机构：</b>青岚区<span>教育局</span></p>", {"publisher": "青岚区教育局"}),
    ("<p><i></i><b>发布机构：</b>青岚区<span>教育局</span></p>", {"publisher": "青岚区教育局"}),
    ("<p><b>发布机构：</b>青岚区教育局 发布日期：2019-09-30</p>", {"publisher": "青岚区教育局"}),
    ("<p><b>发布机构：</b>青岚区教育局<br>青岚区人民政府办公室</p>", {"publisher": "青岚区教育局"}),
    ("<p><b>发布机构：</b>【青岚区教育局】</p>", {"publisher": "青岚区教育局"}),
    ("<p><b>索引号：</b>XXGK2019001</p>", {"index_no": "XXGK2019001"}),
    ("<p><b>文号：</b>X</p>", {"doc_no": "X"}),
    # a colon alone after the label: the value is the next element
    ("<div><span>发布机构</span>：<div>青岚区教育局</div></div>", {"publisher": "青岚区教育局"}),
    # a summary runs on through words with colons inside it; other fields end at them
    ("<p><b>内容概述：</b>申请条件：年满18周岁</p>", {"summary": "申请条件：年满18周岁"}),
    ("<p><b>内容概述：</b>项目简介 浏览次数：12</p>", {"summary": "项目简介"}),
    ("<p><b>发布日期：</b>请见正文说明</p>", {}),                  # prose is no date
])
def test_value_in_the_text_after_a_label(html, expected):
    assert ex.metadata(html) == expected


def test_long_summary_in_the_text_after_its_label():
    text = _prose(96)   # longer than any other field's value: a summary may be
    assert ex.metadata(f"<p><b>内容概述：</b>{text}</p>") == {"summary": text}
    assert ex.metadata(f"<p>内容概述：{text}</p>") == {"summary": text}


@pytest.mark.parametrize("depth, found", [(2, True), (3, True), (4, False)])
def test_label_wrapped_in_up_to_three_elements_finds_the_next_cell(depth, found):
    label = "<span>" * depth + "索引号：" + "</span>" * depth
    html = f"<table><tr><td>{label}</td><td>A1/2019-1</td></tr></table>"
    assert ex.metadata(html) == {"index_no": "A1/2019-1" if found else ""}


# ----------------------------------------------------------------------------------- value elements

@pytest.mark.parametrize("value, expected", [
    ('<a href="/t/1.html">教育</a> <a href="/t/2.html">卫生</a>', {"topic": "教育 卫生"}),
    ('<a href="/t/1.html">教育</a> <a href="/t/2.html">卫生</a> <a href="/t/3.html">文化</a>', {}),
    ("<table><tr><td>教育</td></tr></table>", {}),
    ("<dl><dd>教育</dd></dl>", {}),
])
def test_a_value_cell_holding_a_menu_or_a_table_is_no_value(value, expected):
    assert ex.metadata(f'<div><span>主题分类：</span><div>{value}</div></div>') == expected


def test_a_value_span_before_links_is_still_a_value():
    html = '<div><span>发布机构：</span><span>青岚区教育局</span><a href="#">打印</a><a href="#">关闭</a></div>'
    assert ex.metadata(html) == {"publisher": "青岚区教育局"}


@pytest.mark.parametrize("n, kept", [(299, True), (300, True), (301, False)])
def test_a_value_cell_holds_at_most_300_characters(n, kept):
    value = _prose(n)
    assert ex.metadata(_grid(("发布机构：", value))) == ({"publisher": value} if kept else {})


def test_a_summary_cell_holds_up_to_500_characters():
    value = _prose(400)
    assert ex.metadata(_grid(("内容概述：", value))) == {"summary": value}


@pytest.mark.parametrize("value, expected", [
    ("—", {"published": "—"}), ("暂无", {"published": "暂无"}), ("未公开", {}),
    ("请以正式文件为准", {}), ("2019年9月30日", {"published": "2019年9月30日"}),
])
def test_a_date_cell_without_digits_is_a_placeholder_or_prose(value, expected):
    assert ex.metadata(_grid(("发布日期：", value))) == expected


@pytest.mark.parametrize("value, expected", [
    ("有效 有效", "有效"), ("青岚区教育局 青岚区教育局", "青岚区教育局"), ("是 是", "是 是"), ("有效", "有效"),
])
def test_a_cell_holding_the_desktop_and_mobile_copy_reads_once(value, expected):
    assert ex.metadata(_grid(("有效性：", value))) == {"validity": expected}


# ----------------------------------------------------------------------------------- label：value lines

def test_info_line_in_brackets():
    # bug fixed: "（来源：… 发布日期：…）" gave nothing: a word after an opening bracket was no segment
    assert ex.metadata("<p>（来源：青岚区教育局 发布日期：2019-09-30）</p>") == {"published": "2019-09-30"}
    assert ex.metadata("<p>(来源：青岚区教育局 发布日期：2019-09-30)</p>") == {"published": "2019-09-30"}


@pytest.mark.parametrize("html, expected", [
    ("<p>来源：青岚区，发布日期：2019-09-30</p>", {}),               # a sentence, not an info line
    ('<p>主题分类：<a href="/1">教育</a> <a href="/2">卫生</a></p>', {"topic": "教育 卫生"}),
    ('<p>主题分类：<a href="/1">教育</a> <a href="/2">卫生</a> <a href="/3">文化</a></p>', {}),
    ("<div>来源：<span>青岚区</span>政府办 发布时间：2019-09-05</div>", {"published": "2019-09-05"}),
    ("<p>索引号：A1<br>发布机构：<span>青岚区</span>教育局</p>", {"index_no": "A1", "publisher": "青岚区教育局"}),
    ("<div><!--文号：${docNo}--><p>索引号：A1</p></div>", {"index_no": "A1"}),   # commented-out template fields
    ("<p>索引号：A1 发布日期：请见正文</p>", {"index_no": "A1"}),
])
def test_label_value_lines(html, expected):
    assert ex.metadata(html) == expected


@pytest.mark.parametrize("n, read", [(59, True), (60, True), (61, False)])
def test_a_line_with_one_short_label_is_at_most_60_characters(n, read):
    head = "发布机构：青岚区教育局 备注："
    line = head + "注" * (n - len(head))
    assert ex.metadata(f"<p>{line}</p>") == ({"publisher": "青岚区教育局"} if read else {})


@pytest.mark.parametrize("n, read", [(119, True), (120, True), (121, False)])
def test_an_info_line_is_at_most_120_characters(n, read):
    head = "来源：青岚区 发布机构：青岚区教育局 发布时间：2019-09-05 备注："
    line = head + "注" * (n - len(head))
    expected = {"publisher": "青岚区教育局", "published": "2019-09-05"}
    assert ex.metadata(f"<div>{line}</div>") == (expected if read else {})


# ----------------------------------------------------------------------------------- titles

@pytest.mark.parametrize("block", [
    "<table><tr><td>索<span></span>引号：</td><td>A1</td></tr><tr><td>名称：</td><td>关于秋季开学的通知</td></tr></table>",
    "<div><p>发布机构：青岚区 发布日期：2019-09-30</p><p><span>名称：</span><span>关于秋季开学的通知</span></p></div>",
    "<div><div>来源：青岚区 发布时间：2019-09-30</div><p><span>名称：</span><span>关于秋季开学的通知</span></p></div>",
    "<div><p>索引号：A1<br>发布机构：青岚区</p><p><span>名称：</span><span>关于秋季开学的通知</span></p></div>",
    "<div><p><br>发布机构：青岚区</p><p><span>名称：</span><span>关于秋季开学的通知</span></p></div>",
])
def test_a_title_next_to_other_metadata(block):
    assert ex.metadata(block)["title"] == "关于秋季开学的通知"


def test_a_title_label_far_from_the_metadata_is_no_title():
    deep = "<div>" * 6 + "<span>标题：</span><span>网站改版说明</span>" + "</div>" * 6
    html = f"<div>{_grid(('索引号：', 'A1'))}</div><div>{deep}</div>"
    assert ex.metadata(html) == {"index_no": "A1"}


# ----------------------------------------------------------------------------------- meta tags

def test_meta_tags_first_wins_and_property_names_count():
    html = """<head><meta name="ArticleTitle" content="关于秋季开学的通知"><meta name="ArticleTitle" content="副本">
    <meta property="og:site_name" content="青岚区人民政府"><meta http-equiv="X-UA-Compatible" content="IE=edge">
    <meta name="keywords"><meta name="PubDate" content=" 2019-09-30  10:30 "></head>"""
    assert ex.meta_tags(html) == {"ArticleTitle": "关于秋季开学的通知", "og:site_name": "青岚区人民政府",
                                  "PubDate": "2019-09-30 10:30"}


@pytest.mark.parametrize("n, kept", [(59, True), (60, True), (61, False)])
def test_a_value_in_a_label_value_line_is_at_most_60_characters(n, kept):
    value = _prose(n)
    expected = {"index_no": "A1", "publisher": value} if kept else {"index_no": "A1"}
    assert ex.metadata(f"<p>索引号：A1 发布机构：{value}</p>") == expected


@pytest.mark.parametrize("html, expected", [
    # bug fixed: a label in the text after an inline element (an icon, a separator, an empty label) was never read
    ('<div class="info"><i class="icon-time"></i>发布日期：2019-09-30</div>', {"published": "2019-09-30"}),
    ('<div class="info"><b>来源：</b>青岚区 <span>|</span>发布时间：2019-09-30 10:30</div>',
     {"published": "2019-09-30 10:30"}),
    ("<p><b>发布机构：</b>发布日期：2019-09-30</p>", {"publisher": "", "published": "2019-09-30"}),
    # a label without a colon after an inline element, and prose after a link, are no fields
    ('<p><i></i>发布日期 2019-09-30</p>', {}),
    ('<p>根据<a href="/x.html">某通知</a>发布日期：须在三日内完成</p>', {}),
    # the text after a block is not a line of the block before it
    ("<div><div>正文</div>发布日期：2019-09-30</div>", {}),
])
def test_a_label_after_an_inline_element(html, expected):
    assert ex.metadata(html) == expected


@pytest.mark.parametrize("wrappers, titled", [(1, True), (2, True), (3, False)])
def test_a_title_shares_an_ancestor_with_the_metadata_within_four_levels(wrappers, titled):
    title = "<div>" * wrappers + "<p><span>名称：</span><span>关于秋季开学的通知</span></p>" + "</div>" * wrappers
    html = f"<section><p>索引号：A1</p>{title}</section>"
    expected = {"index_no": "A1", "title": "关于秋季开学的通知"} if titled else {"index_no": "A1"}
    assert ex.metadata(html) == expected


@pytest.mark.parametrize("html, expected", [
    # bug fixed: a bracketed label followed by its colon ("【索引号】：") ended no segment, so the line gave nothing
    ("<p>【索引号】：A1</p>", {"index_no": "A1"}),
    ("<p>[发布日期]：2019-09-30 【来源】：青岚区</p>", {"published": "2019-09-30"}),
])
def test_a_bracketed_label_then_its_colon(html, expected):
    assert ex.metadata(html) == expected


def test_meta_tags_read_meta_elements_only():
    # RDFa marks body text with property/content too: those are no <meta> tags
    html = ('<head><meta name="PubDate" content="2019-09-30"></head><body>'
            '<span property="dc:date" content="2019-10-08">2019年10月8日</span>'
            '<div name="ArticleTitle" content="旧标题">关于秋季开学的通知</div></body>')
    assert ex.meta_tags(html) == {"PubDate": "2019-09-30"}
