"""The shared helpers of crawler/extract/document.py that every extractor leans on: label keys,
the label patterns built from the spellings, block text with line breaks, sibling steps over
comments, and link texts (image links fall back to title/alt)."""
from __future__ import annotations

import re

import lxml.html
import pytest

from crawler.extract.document import (
    Document,
    _alternation,
    _anchor_text,
    _inline_text,
    _next_el,
    _prev_el,
    _spelled,
    label_key,
    visible_text,
)


def _el(html: str, xpath: str):
    return lxml.html.document_fromstring(html).xpath(xpath)[0]


@pytest.mark.parametrize("raw, key", [
    ("", ""), (None, ""), ("【索 引 号】：", "索引号"), ("X射线检测：", "X射线检测"), ("[文\u3000号]:", "文号"),
])
def test_label_key(raw, key):
    assert label_key(raw) == key


def test_a_spelled_label_allows_spaces_between_its_characters_and_nothing_else():
    pattern = re.compile(_spelled("索引号"))
    assert pattern.fullmatch("索 引\u200b号")
    assert pattern.fullmatch("索引号")
    assert not pattern.fullmatch("索x引号")
    # characters are escaped: a dot is a dot
    assert re.fullmatch(_spelled("a.b"), "a.b") and not re.fullmatch(_spelled("a.b"), "axb")


def test_alternation_tries_the_longest_spelling_first():
    pattern = _alternation(["服务对象", "服务对象分类", "关键词"])
    assert re.match(pattern, "服务对象分类：公民").group() == "服务对象分类"
    assert re.match(pattern, "服 务 对 象：公民").group() == "服 务 对 象"
    assert re.match(pattern, "关键词：教育").group() == "关键词"


def test_inline_text_is_the_blocks_own_lines():
    div = _el("<div>第一段 内容<br>第二段<!-- 注释 --><script>var a = 1;</script><p>嵌套段落</p>"
              "<span>行内</span><br><br>  第三段  </div>", "//div")
    assert _inline_text(div) == "第一段 内容\n第二段行内\n第三段"


def test_sibling_steps_skip_comments():
    tr = _el("<table><tr><th>索引号</th><!-- 字段 --><!-- 值 --><td>A1</td></tr></table>", "//tr")
    th, td = tr.xpath("th")[0], tr.xpath("td")[0]
    assert _next_el(th) is td
    assert _prev_el(td) is th
    assert _next_el(td) is None and _prev_el(th) is None


@pytest.mark.parametrize("a, text", [
    ('<a href="/1.html"> 关于 <b>秋季</b>开学的通知 </a>', "关于 秋季开学的通知"),
    ('<a href="/1.html" title=" 政策 解读 "><img src="/1.png" alt="图片"></a>', "政策 解读"),
    ('<a href="/1.html"><img src="/1.png" alt=" 政务 公开 "></a>', "政务 公开"),
    ('<a href="/1.html"><img src="/1.png"></a>', ""),
])
def test_anchor_text_with_and_without_the_pages_cache(a, text):
    link = _el(f"<div>{a}</div>", "//a")
    assert _anchor_text(link) == text
    cache: dict = {}
    assert _anchor_text(link, cache) == text and cache == {link: text}


def test_a_document_made_from_a_document_shares_its_parse():
    first = Document("<p>正文</p>")
    assert Document(first).root is first.root


@pytest.mark.parametrize("html, text", [
    ('<?xml version="1.0" encoding="utf-8"?><html><body><p>正文</p></body></html>', "正文"),
    ("", ""), ("   ", ""), (b"", ""), ("<!-- 只有注释 -->", ""), ('<?xml version="1.0"?>', ""), (None, ""),
    ("<p>甲<!-- 注释 --><script>var a = 1;</script><style>p{}</style>乙</p>", "甲乙"),
])
def test_visible_text_of_odd_input(html, text):
    assert visible_text(html) == text
