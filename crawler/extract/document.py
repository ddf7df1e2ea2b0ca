"""The parsed document every extractor reads, the standard labels, and text helpers."""
from __future__ import annotations

import re
from typing import Iterable, Iterator

import lxml.html
from lxml import etree




# canonical field -> label spellings seen on real sites (compared after label_key()).
LABELS: dict[str, list[str]] = {
    "index_no": ["索引号", "信息索引号", "索取号"],
    "publisher": ["发布机构", "发文机关", "信息来源", "发布单位", "发文单位", "发布部门"],
    "created": ["生成日期", "成文日期", "发文日期", "生成时间", "成文时间", "印发日期"],
    "published": ["发布日期", "发布时间", "公开日期", "公开时间"],
    "doc_no": ["文号", "发文字号", "文件编号", "发文文号"],
    "topic": ["主题分类", "信息分类", "内容分类"],
    "combo": ["组配分类"],
    "genre": ["体裁分类"],
    "audience": ["服务对象", "服务对象分类"],
    "keywords": ["关键词", "主题词", "关键字"],
    "summary": ["内容概述", "摘要", "内容摘要"],
    "validity": ["有效性", "是否有效", "时效性"],
    "title": ["名称", "标题", "信息名称", "文件名称"],
}


LABEL_INDEX: dict[str, str] = {s: f for f, spellings in LABELS.items() for s in spellings}


_ZW = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


_WS_RE = re.compile(r"\s+")  # str patterns: \s covers U+3000 and NBSP


_LABEL_JUNK_RE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")


_WSP = r"[\s\u200b\ufeff]*"  # whitespace allowed between the characters of a label


def _norm(s: str | None) -> str:
    """Collapse all whitespace (incl. full-width and NBSP) to single spaces."""
    return _WS_RE.sub(" ", s.translate(_ZW)).strip() if s else ""


def label_key(s: str | None) -> str:
    """Normalise a label: no whitespace at all, no trailing colon, no 【】 brackets."""
    if not s:
        return ""
    return _LABEL_JUNK_RE.sub("", s).strip("：:【】[]")


def _spelled(spelling: str) -> str:
    return _WSP.join(map(re.escape, spelling))


def _alternation(spellings: Iterable[str]) -> str:
    # longest first so 服务对象分类 wins over 服务对象
    return "|".join(_spelled(s) for s in sorted(spellings, key=len, reverse=True))


_ALL_LABELS = _alternation(LABEL_INDEX)


# A text node that begins with a known label (optionally bracketed), maybe followed by a colon.
_LABEL_START_RE = re.compile(
    rf"{_WSP}[【\[]?(?P<label>{_ALL_LABELS}){_WSP}[】\]]?{_WSP}(?P<colon>[：:])?")


# Splits "发布机构：X局 发布日期：2019-09-05 浏览次数：3" into segments: a known label anywhere, or
# any short CJK word after whitespace or a bracket, followed by a colon (a closing bracket may come first).
_SEG_RE = re.compile(
    rf"(?:(?P<known>{_ALL_LABELS})|(?:(?<=[\s【\[|｜】\]）)（(])|^)[\u4e00-\u9fff]{{2,8}}){_WSP}[】\]]?{_WSP}[：:]")


_LABEL_FIRST_CHARS = frozenset(s[0] for s in LABEL_INDEX)


_INLINE_MAX = 60      # a "label：value" with a longer value is prose, not metadata


_LONG_FIELDS = {"summary": 500, "title": 200, "keywords": 200}


_SIBLING_MAX = 300    # a value cell longer than this is a content block, not a value


_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "select",
                        "option", "textarea"})


_BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table", "tbody", "thead",
    "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "nav",
    "aside", "form", "blockquote", "pre", "hr", "center", "address", "figure", "figcaption",
    "main", "fieldset", "caption", "body", "html"})


_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


class Document:
    """A page parsed once, with what its extractors work out more than once (every link's text, the
    links, the labelled links), kept for that page only.

    The spider makes one per page and hands it to every extractor. A function given HTML, bytes or
    an lxml element makes its own, so nothing is shared between pages and no state lives in the module.
    """
    __slots__ = ("root", "anchors", "results")

    def __init__(self, html):
        self.root = _parse(html.root if isinstance(html, Document) else html)
        self.anchors: dict = {}    # <a> element → its text (title or alt for image links)
        self.results: dict = {}    # (extractor, url) → what it returned for this page


def document(html) -> Document:
    """`html` as a Document: a Document as it is; str, bytes or an lxml element parsed or wrapped."""
    return html if isinstance(html, Document) else Document(html)


def parse(html) -> etree._Element:
    """The parsed root of `html`: str, bytes, an lxml element or tree, or a Document."""
    return html.root if isinstance(html, Document) else _parse(html)


def _parse(html) -> etree._Element:
    if isinstance(html, etree._ElementTree):
        return html.getroot()
    if isinstance(html, etree._Element):
        return html
    if isinstance(html, str):
        # lxml refuses str input that carries an encoding declaration
        html = _XML_DECL_RE.sub("", html, count=1)
    if not html or not html.strip():
        return lxml.html.document_fromstring("<html><body></body></html>")
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return lxml.html.document_fromstring("<html><body></body></html>")


def _tag(el) -> str:
    """Lower-case tag name; '' for comments and processing instructions."""
    t = el.tag
    return t.lower() if isinstance(t, str) else ""


def _text_parts(root, exclude=None) -> list[str]:
    """Text pieces of ``root`` in document order, skipping scripts/styles/comments.

    Iterative (no recursion limit on deep pages). ``exclude`` is a descendant whose subtree (not
    its tail) is left out.
    """
    out: list[str] = []
    stack: list = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        tag = _tag(item)
        if not tag or (tag in _SKIP_TAGS and item is not root) or item is exclude:
            continue
        for child in reversed(item):
            if child.tail:
                stack.append(child.tail)
            stack.append(child)
        if item.text:
            out.append(item.text)
    return out


def _text(el, exclude=None) -> str:
    return _norm("".join(_text_parts(el, exclude=exclude)))


def visible_text(html) -> str:
    """The page's text as a reader sees it: no scripts, styles or comments; whitespace collapsed."""
    return _text(parse(html))


def _inline_text(el) -> str:
    """Own text of a block: its text and inline descendants, not nested blocks; <br> -> \\n."""
    out: list[str] = []
    stack: list = [el]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        tag = _tag(item)
        if not tag or tag in _SKIP_TAGS or (item is not el and tag in _BLOCK_TAGS):
            continue
        if tag == "br":
            out.append("\n")
        for child in reversed(item):
            if child.tail:
                stack.append(child.tail)
            stack.append(child)
        if item.text:
            out.append(item.text)
    lines = (_norm(x) for x in "".join(out).split("\n"))
    return "\n".join(x for x in lines if x)


def _next_el(el):
    """Next sibling element, skipping comments."""
    nxt = el.getnext()
    while nxt is not None and not _tag(nxt):
        nxt = nxt.getnext()
    return nxt


def _prev_el(el):
    """Previous sibling element, skipping comments."""
    prv = el.getprevious()
    while prv is not None and not _tag(prv):
        prv = prv.getprevious()
    return prv


def _ancestors(el, limit: int) -> Iterator:
    p = el.getparent()
    while p is not None and limit > 0:
        yield p
        p = p.getparent()
        limit -= 1


def _anchor_text(a, cache: dict | None = None) -> str:
    """Link text; image links fall back to title/alt. `cache`: the page's Document.anchors."""
    if cache is None:
        return _anchor_text_of(a)
    if a not in cache:
        cache[a] = _anchor_text_of(a)
    return cache[a]


def _anchor_text_of(a) -> str:
    t = _text(a)
    if t:
        return t
    if a.get("title"):
        return _norm(a.get("title"))
    for img in a.iter("img"):
        if img.get("alt"):
            return _norm(img.get("alt"))
    return ""


# "来源：X 发布时间：Y": an info line may start with a label we do not map
_ANY_LABEL_START_RE = re.compile(rf"{_WSP}[【\[(（]?{_WSP}[\u4e00-\u9fff]{{2,8}}{_WSP}[：:]")


_PROSE_PUNCT = frozenset("，。；、,;")


_FOOTER_RE = re.compile(r"版权所有|ICP备|ICP证|公网安备|网站标识码|主办单位|承办单位|Copyright", re.I)


_CRUMB_RE = re.compile(
    r"^\s*(?:(?:您(?:当前|现在)?(?:所在)?的?(?:所在)?位置是?|当前(?:所在)?位置)\s*[：:]?|(?:所在)?位置\s*[：:])")


_UI_WORDS = frozenset({
    "更多", "更多>>", "更多>", "more", "MORE", "More", "首页", "上一页", "下一页", "尾页", "末页",
    "设为首页", "加入收藏", "网站地图", "无障碍", "无障碍浏览", "登录", "注册", "English", "繁體",
    "简体", "打印", "关闭", "返回顶部", "打印本页", "关闭窗口", "查看详情", "详情", "详细"})


_ROOT_TAGS = frozenset({"body", "html"})


_HAS_WORD_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]{2}")
