"""Pure extraction functions over the HTML of government disclosure pages.

Every function takes the page HTML (``str``/``bytes``, or an already parsed lxml element so a
caller can parse once and call several functions) and, where links are resolved, the page URL.
Nothing here does I/O.

Real sites are built by many vendors with arbitrary class names, so nothing keys on classes or ids:
extraction relies on the standard Chinese labels (索引号, 发布日期 …), date patterns, link text and
document structure (rows, siblings, parents).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
import datetime as _dt
from typing import Iterable, Iterator
from urllib.parse import parse_qsl, quote, urldefrag, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from .dates import find_date_text, parse_date

__all__ = [
    "LABELS", "LABEL_INDEX", "Listing", "parse", "label_key", "metadata", "meta_tags", "title",
    "body_text", "breadcrumb", "listings", "pagination", "labelled_links", "links",
    "script_urls", "search_form", "footer_identity", "embedded_markup", "xml_as_html", "datastore_next_groups", "is_datastore",
]

# ---------------------------------------------------------------------------------------------
# Labels

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
# any short CJK word after whitespace, followed by a colon.
_SEG_RE = re.compile(
    rf"(?:(?P<known>{_ALL_LABELS})|(?:(?<=[\s【\[|｜】\]）)])|^)[\u4e00-\u9fff]{{2,8}}){_WSP}[：:]")

_LABEL_FIRST_CHARS = frozenset(s[0] for s in LABEL_INDEX)
_INLINE_MAX = 60      # a "label：value" with a longer value is prose, not metadata
_LONG_FIELDS = {"summary": 500, "title": 200, "keywords": 200}
_SIBLING_MAX = 300    # a value cell longer than this is a content block, not a value

# ---------------------------------------------------------------------------------------------
# Parsing and text

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "select",
                        "option", "textarea"})
_BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table", "tbody", "thead",
    "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "nav",
    "aside", "form", "blockquote", "pre", "hr", "center", "address", "figure", "figcaption",
    "main", "fieldset", "caption", "body", "html"})
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


class _Memo:
    """Anchor texts of the document being extracted: the spider runs several extractors over one
    parsed page and each reads every link's text. Reset whenever another document comes in."""
    root = None
    anchors: dict = {}
    results: dict = {}   # (extractor, url) -> what it returned for this document

    @classmethod
    def document(cls, root) -> None:
        if root is not cls.root:
            cls.root, cls.anchors, cls.results = root, {}, {}


def parse(html) -> etree._Element:
    """Parse HTML once; accepts str, bytes, or an lxml element/tree (returned as is). The root
    returned becomes the document the per-document memo belongs to."""
    root = _parse(html)
    _Memo.document(root)
    return root


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


# ---------------------------------------------------------------------------------------------
# Links

_ATTACH_EXT = frozenset({"doc", "docx", "xls", "xlsx", "pdf", "wps", "zip", "rar", "ofd", "et",
                         "txt"})
_EXT_RE = re.compile(r"\.([A-Za-z0-9]{1,5})$")
_HREF_JUNK_RE = re.compile(r"[\t\r\n]")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def _base(root, url: str) -> str:
    """The page URL, or its <base href> when the page declares one."""
    for b in root.iter("base"):
        href = (b.get("href") or "").strip()
        if href:
            try:
                return urljoin(url, href)
            except ValueError:
                break
    return url


def _resolve(base: str, href: str | None) -> str | None:
    """Absolute URL without fragment, or None for empty/unusable hrefs."""
    if href is None:
        return None
    href = _HREF_JUNK_RE.sub("", href).strip()
    if not href:
        return None
    # menus repeat on every page: host-absolute and absolute hrefs resolve the same from any page
    # of the site, so they are joined once per site
    if href.startswith(("/", "http://", "https://")) and not href.startswith("//"):
        slash = base.find("/", base.find("//") + 2)
        return _join(base[:slash] if slash > 0 else base, href)
    return _join(base, href)


@lru_cache(maxsize=65536)
def _join(base: str, href: str) -> str | None:
    try:
        return urldefrag(urljoin(base, href))[0]
    except ValueError:  # e.g. malformed IPv6 host
        return None


def _href_kind(href: str, absolute: str | None) -> str:
    m = _SCHEME_RE.match(href.strip())
    scheme = m.group(1).lower() if m else ""
    if scheme == "javascript":
        return "javascript"
    if scheme == "mailto":
        return "mailto"
    if scheme and scheme not in ("http", "https"):
        return "other"  # tel:, weixin:, data: … nothing to crawl
    if absolute and _is_attachment(absolute):
        return "attachment"
    return "page"


@lru_cache(maxsize=65536)
def _is_attachment(u: str) -> bool:
    parts = urlsplit(u)
    m = _EXT_RE.search(parts.path)
    if m and m.group(1).lower() in _ATTACH_EXT:
        return True
    # download scripts: /download.jsp?file=a.pdf
    for _, v in parse_qsl(parts.query):
        m = _EXT_RE.search(v)
        if m and m.group(1).lower() in _ATTACH_EXT:
            return True
    return False


def _crawlable(href: str | None) -> bool:
    if not href or not href.strip() or href.strip().startswith("#"):
        return False
    m = _SCHEME_RE.match(href.strip())
    return not m or m.group(1).lower() in ("http", "https")


def _anchor_text(a) -> str:
    """Link text; image links fall back to title/alt."""
    memo = _Memo.anchors
    if a not in memo:
        memo[a] = _anchor_text_of(a)
    return memo[a]


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


def links(html, url: str) -> list[tuple[str, str, str]]:
    """Every <a href>/<area href> as (absolute_url, anchor_text, kind).

    kind: "attachment" (file extension), "mailto", "javascript", "other" (tel:, weixin: …; skip
    these too) or "page".
    """
    root = parse(html)
    key = ("links", url)
    if key in _Memo.results:
        return list(_Memo.results[key])
    base = _base(root, url)
    out = []
    for a in root.iter("a", "area"):
        href = a.get("href")
        if href is None or not href.strip():
            continue
        kind = _href_kind(href, None)
        skip = kind in ("javascript", "mailto", "other")
        absolute = href.strip() if skip else _resolve(base, href)
        if absolute is None:
            continue
        if kind == "page":
            kind = _href_kind(href, absolute)
        out.append((absolute, _anchor_text(a), kind))
    _Memo.results[key] = out
    return list(out)


# quoted strings in scripts / data-* values that look like page URLs
_QUOTED_RE = re.compile(r"""["']([^"'\s<>{}\\]{2,300})["']""")
_URLISH_RE = re.compile(
    r"^(?:https?://|//|/|\./|\.\./)[^\s]*$|^[\w\-./]+\.(?:s?html?|jsp|do|action|php|aspx?|xml|json)"
    r"(?:\?\S*)?$|^[\w\-./]+\?[\w\-.]+=\S*$", re.I)
_RESOURCE_EXT = frozenset({"js", "css", "png", "jpg", "jpeg", "gif", "ico", "svg", "bmp", "webp",
                           "woff", "woff2", "ttf", "eot", "swf", "mp4", "mp3", "map"})


def script_urls(html, url: str) -> list[str]:
    """Same-host URLs found in data-* attributes and inline scripts (list fragments, APIs).

    Static resources (.js, .css, images, fonts) are left out; so are other hosts.
    """
    root = parse(html)
    base = _base(root, url)
    host = urlsplit(url).netloc.lower()
    candidates: list[str] = []
    for el in root.iter():
        if not _tag(el):
            continue
        for name, value in el.attrib.items():
            if name.startswith("data-") and value:
                candidates.append(value.strip())
        if _tag(el) == "script" and el.text and not el.get("src"):
            candidates.extend(_with_request_data(el.text, m) for m in _QUOTED_RE.finditer(el.text))
    seen, out = set(), []
    for u in _datastore_groups(root, base):
        if u not in seen and urlsplit(u).netloc.lower() == host:
            seen.add(u)
            out.append(u)
    for c in candidates:
        if not _URLISH_RE.match(c) or c in ("//", "/"):
            continue
        u = _resolve(base, c)
        if not u:
            continue
        parts = urlsplit(u)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != host:
            continue
        m = _EXT_RE.search(parts.path)
        if m and m.group(1).lower() in _RESOURCE_EXT:
            continue
        if u not in seen:
            seen.add(u)
            out.append(u)
    return out


# $.ajax({url: "/proxy.jsp?startrecord=1", type: "POST", data: {columnid: 12, webid: "3"}}): the request's
# fields are part of what is asked (a GET with them in the query answers the same on these servers)
_URL_KEY_RE = re.compile(r"""\burl\s*:\s*$""")
_DATA_OBJ_RE = re.compile(r"""\b(?:data|params|ajaxParam|param)\s*:\s*\{([^{}]*)\}""")
_PAIR_RE = re.compile(r"""\s*['"]?([\w\-]+)['"]?\s*:\s*(?:'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?|true|false))\s*(?:,|$)""")


def _with_request_data(code: str, m) -> str:
    """The quoted URL of match ``m``; when it is the url of an options object whose data/params
    object holds only literals, those fields appended to its query."""
    url = m.group(1)
    if not _URL_KEY_RE.search(code[max(0, m.start() - 12):m.start()]):
        return url
    window = code[max(0, m.start() - 400):m.end() + 600]
    at = m.start() - max(0, m.start() - 400)
    objs = sorted(_DATA_OBJ_RE.finditer(window), key=lambda d: abs(d.start() - at))
    if not objs:
        return url
    body = objs[0].group(1).strip().rstrip(",")
    pairs, pos = [], 0
    while pos < len(body):
        p = _PAIR_RE.match(body, pos)
        if not p or p.end() == pos:
            return url   # a variable or an expression: the fields cannot be known here
        pairs.append((p.group(1), next(g for g in p.group(2, 3, 4) if g is not None)))
        pos = p.end()
    if not pairs:
        return url
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='/')}" for k, v in pairs)
    return f"{url}{'&' if '?' in url else '?'}{query}"


# XML answers of a data proxy state the total (<totalrecord>37</totalrecord>): the later groups are
# asked with the same fields and the next start/end records
_XML_TOTAL_RE = re.compile(r"<total_?records?>\s*(\d{1,6})\s*</total_?records?>", re.I)
_RECORD_PARAMS = {"startrecord", "endrecord"}


def datastore_next_groups(text: str, url: str) -> list[str]:
    """Later groups of a data proxy's XML answer asked for records start…end: the same URL with
    the next start/end records up to the total the answer states."""
    total = _XML_TOTAL_RE.search(text or "")
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    given = {k.lower(): v for k, v in pairs}
    if not total or not given.get("startrecord", "").isdigit() or not given.get("endrecord", "").isdigit():
        return []
    start, end = int(given["startrecord"]), int(given["endrecord"])
    size = end - start + 1
    if size < 1 or start != 1:
        return []   # the first group states every later one
    out = []
    for s in range(end + 1, min(int(total.group(1)), size * _MAX_PAGES) + 1, size):
        bounds = {"startrecord": s, "endrecord": s + size - 1}
        q = "&".join(f"{quote(k, safe='')}={quote(str(bounds.get(k.lower(), v)), safe='/')}" for k, v in pairs)
        out.append(urlunsplit(parts._replace(query=q)))
    return out


# Markup shipped as data: jpage/Hanweb datastores (<script type="text/xml"><datastore><recordset>
# <record><![CDATA[<li><a …>…</a><span>date</span></li>]]></record>…), the XML a data proxy answers
# with, and HTML templates in <script type="text/html">.
_CDATA_RE = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
_NEXTGROUP_RE = re.compile(r"<nextgroup>(.*?)</nextgroup>", re.S | re.I)
_JS_TYPES = frozenset({"", "text/javascript", "application/javascript", "module", "text/ecmascript",
                       "application/ecmascript", "application/x-javascript", "text/jscript"})
_HAS_LINK_RE = re.compile(r"<a\s[^>]*href", re.I)


def embedded_markup(text: str | None, as_data: bool = True) -> str:
    """The HTML records a datastore or template carries ('' when none): the CDATA sections holding
    links (a datastore's nextgroup link is its proxy, not a record), else, for text that is data
    (``as_data``, e.g. a <script type="text/html">), the text itself when it holds links."""
    if not text or "<" not in text:
        return ""
    body = _NEXTGROUP_RE.sub("", text)
    parts = [m.group(1) for m in _CDATA_RE.finditer(body) if _HAS_LINK_RE.search(m.group(1))]
    if parts:
        return "\n".join(parts)
    return body if as_data and "<![CDATA[" not in body and _HAS_LINK_RE.search(body) else ""


def _embedded_docs(root) -> list:
    """Parsed documents of the markup carried by the page's scripts (see embedded_markup)."""
    docs = []
    for s in root.iter("script"):
        if s.get("src") or not s.text:
            continue
        is_data = (s.get("type") or "").strip().lower() not in _JS_TYPES
        markup = embedded_markup(s.text, as_data=is_data)
        if markup:
            docs.append(_parse(f"<html><body>{markup}</body></html>"))
    return docs


_DATASTORE_START_RE = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?<datastore\b", re.I)


def is_datastore(text: str | None) -> bool:
    """Is this answer a datastore document (XML), whatever its Content-Type said?"""
    return bool(text and _DATASTORE_START_RE.match(text[:300]))


def xml_as_html(text: str) -> str | None:
    """An XML answer of a list proxy (jpage dataproxy.jsp) as an HTML page of its records; None when
    it carries no HTML records."""
    markup = embedded_markup(text, as_data=False)
    return f"<html><body>{markup}</body></html>" if markup else None


# jpage: totalRecord/perPage in the pager's options; the inline group's size is its record count
_TOTAL_RECORD_RE = re.compile(r"\b(?:totalRecords?|recordCount|totalCount)\b['\"]?\s*[:=]\s*['\"]?(\d{1,6})\b")
_PER_PAGE_RE = re.compile(r"\b(?:perPage|perpage|pageSize)\b['\"]?\s*[:=]\s*['\"]?(\d{1,4})\b")
_HREF_RE = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.I)


def _datastore_groups(root, base: str) -> list[str]:
    """Later record groups of an inline datastore: its nextgroup URL (the data proxy with the
    list's parameters) asked for records start…end, as jpage asks, up to the total record count."""
    code = "\n".join(s.text or "" for s in root.iter("script") if not s.get("src"))
    total, per_page = _TOTAL_RECORD_RE.search(code), _PER_PAGE_RE.search(code)
    if not total:
        return []
    out = []
    for s in root.iter("script"):
        text = s.text or ""
        nxt = _NEXTGROUP_RE.search(text)
        href = _HREF_RE.search(nxt.group(1)) if nxt else None
        if not href:
            continue
        proxy = _resolve(base, href.group(1).replace("&amp;", "&"))
        if proxy:   # start/end records say which group: a page number beside them would contradict
            proxy = _strip_page_param(proxy)
        inline = len(_CDATA_RE.findall(_NEXTGROUP_RE.sub("", text)))
        per = int(per_page.group(1)) if per_page else inline
        if not proxy or not inline or not per:
            continue
        group = max(per, inline - inline % per)
        parts = urlsplit(proxy)
        for start in range(group + 1, min(int(total.group(1)), _MAX_PAGES * per) + 1, group):
            q = f"startrecord={start}&endrecord={start + group - 1}&perpage={per}"
            out.append(urlunsplit(parts._replace(query=f"{q}&{parts.query}" if parts.query else q)))
    return out


# ---------------------------------------------------------------------------------------------
# Metadata


def _label_field(el) -> tuple[str, bool] | None:
    """(field, had_colon) when the element's whole text is exactly one known label."""
    t = el.text or ""
    if len(t) > 40 and len(el) == 0:
        return None
    full = _text(el)
    if not full or len(full) > 20:
        return None
    field = LABEL_INDEX.get(label_key(full))
    return (field, full.rstrip("】] ").endswith(("：", ":"))) if field else None


def _line_from(parent, start_text: str | None, start_index: int) -> str:
    """Text from ``start_text`` on through following inline siblings, to a <br>/block/label."""
    parts = [start_text or ""]
    for child in parent[start_index:]:
        tag = _tag(child)
        if tag:
            if tag == "br" or tag in _BLOCK_TAGS or _label_field(child):
                break
            if tag not in _SKIP_TAGS:
                parts.extend(_text_parts(child))
        if child.tail:
            parts.append(child.tail)
    return _norm("".join(parts))


def _limit(field: str) -> int:
    return _LONG_FIELDS.get(field, _INLINE_MAX)


def _value_after(label_el, field: str, colon: bool) -> str | None:
    """Value for a label element: its tail text, else the next sibling element (climbing out of
    wrappers that hold nothing but the label). None when nothing value-like follows."""
    el, key = label_el, label_key(_text(label_el))
    for _ in range(4):
        tail = _norm(el.tail).lstrip("：:").strip()
        if tail:
            parent = el.getparent()
            line = _line_from(parent, el.tail, parent.index(el) + 1).lstrip("：:").strip()
            m = next(_value_ends(line, field), None)
            value = (_norm(line[:m.start()]) if m else line).strip(_VALUE_TRIM)
            return value if _plausible(field, value) else None
        nxt = _next_el(el)
        if nxt is not None:
            if _tag(nxt) == "br":
                return "" if colon else None
            if _label_field(nxt):  # label next to label: empty field, or a list-table header row
                return "" if colon else None
            if sum(1 for _ in nxt.iter("a")) > 2 or any(True for _ in nxt.iter("table", "dl")):
                return None  # a block of links (classification menu), not a value
            after = _next_el(nxt)
            if _tag(nxt) == "a" and after is not None and _tag(after) == "a":
                return None  # a heading over a run of sibling links: a menu (主题分类 → 综合政务 …)
            value = _text(nxt)
            ok = len(value) <= max(_SIBLING_MAX, _limit(field)) and (
                field not in _DATE_FIELDS or _plausible(field, value))
            return value if ok else None
        parent = el.getparent()
        if parent is None or label_key(_text(parent)) != key:
            break
        el = parent
    return "" if colon else None


_DATE_FIELDS = frozenset({"created", "published"})
# "来源：X 发布时间：Y": an info line may start with a label we do not map
_ANY_LABEL_START_RE = re.compile(rf"{_WSP}[【\[(（]?{_WSP}[\u4e00-\u9fff]{{2,8}}{_WSP}[：:]")
_VALUE_TRIM = "【】[]()（）|｜ "
_PROSE_PUNCT = frozenset("，。；、,;")


def _plausible(field: str, value: str) -> bool:
    """Cheap sanity check: a date field holding a sentence is prose, not metadata."""
    if field in _DATE_FIELDS and len(value) > 2 and not any(c.isdigit() for c in value):
        return False  # dates have digits; "无"/"—" are fine
    return len(value) <= _limit(field)


def _inline_pairs(line: str) -> list[tuple[str, str]]:
    """(field, value) pairs of a "label：value label：value" line that starts with a label.

    A line longer than _INLINE_MAX with a single known label is a paragraph of prose that
    happens to start with a label word.
    """
    matches = list(_SEG_RE.finditer(line))
    if not matches or line[:matches[0].start()].strip("【[(（ "):
        return []
    known = [m for m in matches if m.group("known")]
    if len(known) == 1 and len(line) > _INLINE_MAX and \
            LABEL_INDEX.get(label_key(known[0].group("known"))) not in _LONG_FIELDS:
        return []
    if any(m.start() and line[m.start() - 1] in _PROSE_PUNCT for m in known):
        return []  # "……，发布日期：" is a sentence
    pairs = []
    for i, m in enumerate(matches):
        if not m.group("known"):
            continue
        field = LABEL_INDEX.get(label_key(m.group("known")))
        end = next((e.start() for e in matches[i + 1:] if _ends_value(line, e, field)), len(line))
        value = _norm(line[m.end():end]).strip(_VALUE_TRIM)
        if field and _plausible(field, value):
            pairs.append((field, value))
    return pairs


def _ends_value(line: str, m, field: str | None) -> bool:
    """Does label match ``m`` end the value of ``field`` before it? A sentence-long value (内容概述)
    runs on through "（一）申请条件：" inside it: there only known labels, or words after a space, end it."""
    if m.group("known") or field not in _LONG_FIELDS:
        return True
    return m.start() > 0 and line[m.start() - 1].isspace()


def _value_ends(line: str, field: str | None):
    return (m for m in _SEG_RE.finditer(line) if _ends_value(line, m, field))


def _undouble(value: str) -> str:
    """A value cell holding the desktop and the mobile copy of one value ("X X") reads as X."""
    n = len(value)
    for half in ((n - 1) // 2, n // 2):
        a, b = value[:half].strip(), value[half:].strip()
        if len(a) >= 2 and a == b:
            return a
    return value


def _near(a, b, levels: int = 4) -> bool:
    """Do two elements share an ancestor within ``levels`` steps of both?"""
    up_a = {a, *_ancestors(a, levels)}
    return b in up_a or any(x in up_a for x in _ancestors(b, levels))


def metadata(html) -> dict[str, str]:
    """Label/value pairs of the page's metadata block(s), keyed by canonical field (see LABELS).

    Reads table cells (2- and 4-column grids), dt/dd, label elements followed by a value element
    or text, and "label：value" text. The first occurrence of a field wins (desktop copy before
    mobile copy). A present label with an empty value gives "".
    """
    root = parse(html)
    found: dict[str, str] = {}
    where: list = []               # elements of accepted non-title pairs
    titles: list[tuple] = []       # 名称/标题 candidates, accepted only next to other metadata

    def add(field: str, value: str, el) -> None:
        value = _undouble(value)
        if field == "title":
            titles.append((value, el))
        elif field not in found or (value and not found[field]):
            # the first copy wins, but an empty cell does not hide the value the other copy holds
            found[field] = value
            where.append(el)

    for el in root.iter():
        tag = _tag(el)
        if not tag or tag in _SKIP_TAGS:
            continue
        if len(el) and el.text and el.text.strip()[:1] in _LABEL_FIRST_CHARS \
                and not _LABEL_START_RE.match(el.text):
            # a label spaced out with inline tags: <td>索<span></span>引<span></span>号：</td>
            lf = _label_field(el)
            if lf:
                value = _value_after(el, *lf)
                if value is not None:
                    add(lf[0], value, el)
                continue
        if el.text and _LABEL_START_RE.match(el.text):
            lf = _label_field(el)
            if lf:  # the element is exactly a label: the value follows it
                value = _value_after(el, *lf)
                if value is not None:
                    add(lf[0], value, el)
            elif _LABEL_START_RE.match(el.text).group("colon") and sum(1 for _ in el.iter("a")) <= 2:
                # "<p>体裁分类：<a>通知</a> <a>公告</a> …</p>" is a classification menu, not a value
                for field, value in _inline_pairs(_line_from(el, el.text, 0)):
                    add(field, value, el)
        elif el.text and _ANY_LABEL_START_RE.match(el.text):
            line = _line_from(el, el.text, 0)
            if len(line) <= 2 * _INLINE_MAX:
                for field, value in _inline_pairs(line):
                    add(field, value, el)
        # "<p>索引号：x<br>发布日期：y</p>": lines after a <br> are tails
        if el.tail and _LABEL_START_RE.match(el.tail):
            m = _LABEL_START_RE.match(el.tail)
            parent = el.getparent()
            if m.group("colon") and parent is not None and tag == "br":
                line = _line_from(parent, el.tail, parent.index(el) + 1)
                for field, value in _inline_pairs(line):
                    add(field, value, parent)
    for value, el in titles:
        if any(_near(el, other) for other in where):
            found["title"] = value
            break
    return found


def meta_tags(html) -> dict[str, str]:
    """<meta name=… content=…> pairs (SiteName, SiteIDCode, ArticleTitle, PubDate …), first wins."""
    root = parse(html)
    out: dict[str, str] = {}
    for m in root.iter("meta"):
        name = (m.get("name") or m.get("property") or "").strip()
        if name and name not in out and m.get("content") is not None:
            out[name] = _norm(m.get("content"))
    return out


# ---------------------------------------------------------------------------------------------
# Title

_TITLE_SEP_RE = re.compile(r"\s*(?:_|\||｜| - | -- |－| — | – )\s*")
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})


def _in_chrome(el) -> bool:
    return any(_tag(a) in _CHROME_TAGS for a in _ancestors(el, 50))


def title(html) -> str:
    """Article title: <meta name=ArticleTitle>, else the most prominent heading that is not the
    site name, else <title> without its " - site" / "_site" suffix."""
    root = parse(html)
    meta = meta_tags(root)
    for key in ("ArticleTitle", "articletitle", "og:title"):
        if meta.get(key):
            return meta[key]
    page_title = ""
    for t in root.iter("title"):
        page_title = _text(t)
        break
    parts = [p for p in _TITLE_SEP_RE.split(page_title) if p]
    site = meta.get("SiteName", "")
    if len(parts) > 1 and site and parts[0] == site:
        parts = parts[1:] + parts[:1]  # "站点_标题" order
    site_names = [n for n in parts[1:] + [site] if len(n) >= 2]
    column = meta.get("ColumnName", "")
    headings = []
    for level, tag in enumerate(("h1", "h2", "h3", "h4", "h5", "h6")):
        for h in root.iter(tag):
            text = _text(h)
            # a heading naming the site is a banner, unless it is the <title>'s own first part
            # (an article titled "某某街道2018年政府信息公开工作年度报告" names its unit)
            if len(text) < 2 or _in_chrome(h) or text == column or \
                    any(text in n or (n in text and text != parts[0]) for n in site_names):
                continue
            # linked headings are logos or list items, very short ones column names ("政务公开"):
            # try them after plain article-like headings
            linked = any(True for _ in h.iter("a")) or any(_tag(x) == "a" for x in _ancestors(h, 3))
            headings.append((linked, len(text) < 6, level, text))
    headings = [x[-1] for x in sorted(headings, key=lambda x: x[:3])]
    # a heading repeating the <title>'s first part is certainly the article title
    if parts:
        for text in headings:
            if len(text) >= 4 and (text in parts[0] or parts[0] in text):
                return text
    if headings:
        return headings[0]
    return parts[0] if parts else ""


# ---------------------------------------------------------------------------------------------
# Body

_FOOTER_RE = re.compile(r"版权所有|ICP备|ICP证|公网安备|网站标识码|主办单位|承办单位|Copyright", re.I)
_CRUMB_RE = re.compile(
    r"^\s*(?:(?:您(?:当前|现在)?(?:所在)?的?(?:所在)?位置是?|当前(?:所在)?位置)\s*[：:]?|(?:所在)?位置\s*[：:])")


def _link_density(el, text_len: int) -> float:
    if not text_len:
        return 0.0
    link_len = sum(len(_text(a)) for a in el.iter("a"))
    return link_len / text_len


def _body_blocks(root) -> list:
    """Paragraph-like blocks that may belong to an article body."""
    blocks = []
    for el in root.iter("p", "div", "td", "section", "article"):
        text = _inline_text(el)
        if not text:
            continue
        if _in_chrome(el) or _FOOTER_RE.search(text) or _CRUMB_RE.match(text):
            continue
        m = _LABEL_START_RE.match(text)
        if m and (m.group("colon") or _label_field(el)):
            continue  # metadata line
        prev = _prev_el(el)
        if prev is not None and _tag(el) in ("td", "th") and _label_field(prev):
            continue  # value cell of a metadata grid
        if _link_density(el, len(text)) > 0.5:
            continue  # menus, link lists
        blocks.append((el, text))
    return blocks


def body_text(html) -> str:
    """The article body text, paragraphs joined by "\\n".

    Blocks (p, divs/cells with own text) score their length for their parent, and half of it for
    the grandparent (bodies whose paragraphs are wrapped one by one); the best-scoring container
    wins and its blocks are returned, without metadata lines, menus and footers.
    """
    root = parse(html)
    blocks = _body_blocks(root)
    if not blocks:
        return ""
    scores: dict = {}
    for el, text in blocks:
        parent = el.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + len(text)
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + len(text) / 2
    if not scores:
        return ""
    best = max(scores, key=scores.get)
    inside = set(best.iter())
    return "\n".join(text for el, text in blocks if el in inside)


# ---------------------------------------------------------------------------------------------
# Breadcrumb

_CRUMB_SEP_RE = re.compile(r"\s*(?:>>|&gt;|>|›|»|/|→|＞|〉)\s*")
_HOME_WORDS = frozenset({"首页", "网站首页", "门户首页", "主页", "返回首页", "门户网站首页"})


def breadcrumb(html) -> list[str]:
    """The location trail ("当前位置：首页 > 政务公开 > 通知公告") as names, without the leading 首页."""
    root = parse(html)
    for el in root.iter():
        tag = _tag(el)
        if not tag or tag in _SKIP_TAGS:
            continue
        if el.text and _CRUMB_RE.match(el.text):
            container = el
        elif el.tail and _CRUMB_RE.match(el.tail) and el.getparent() is not None:
            container = el.getparent()
        else:
            continue
        # climb out of "<span>当前位置：</span>" to the element holding the trail
        for _ in range(3):
            rest = _CRUMB_RE.sub("", _text(container), count=1).strip()
            if rest or container.getparent() is None:
                break
            container = container.getparent()
        # the trail is the line after the prefix, up to the first block (not the whole page
        # when the crumb's container also wraps content); lists of links are read whole
        full = _line_from(container, container.text, 0)
        m = _CRUMB_RE.search(full)
        if not m or not full[m.end():].strip():
            full = _text(container)
            m = _CRUMB_RE.search(full)
        if not m:
            continue
        rest = full[m.end():].strip()
        if not rest or len(rest) > 200:
            continue
        parts = [p for p in _CRUMB_SEP_RE.split(rest) if p]
        if len(parts) == 1:
            # arrows drawn by CSS: the link texts are the trail
            anchors = [_text(a) for a in container.iter("a") if _text(a)]
            if len(anchors) > 1:
                parts = anchors
        if parts and parts[0] in _HOME_WORDS:
            parts = parts[1:]
        return parts
    return []


# ---------------------------------------------------------------------------------------------
# Listings


@dataclass(slots=True)
class Listing:
    title: str
    url: str
    date: _dt.date | None = None
    date_text: str | None = None
    title_attr: str | None = None
    index_no: str | None = None


_UI_WORDS = frozenset({
    "更多", "更多>>", "更多>", "more", "MORE", "More", "首页", "上一页", "下一页", "尾页", "末页",
    "设为首页", "加入收藏", "网站地图", "无障碍", "无障碍浏览", "登录", "注册", "English", "繁體",
    "简体", "打印", "关闭", "返回顶部", "打印本页", "关闭窗口", "查看详情", "详情", "详细"})
_DATE_WRAP = " []【】()（）"
_BULLET_RE = re.compile(r"^[·•●■□◆◇▪▸►>\-*]\s*")
_ROOT_TAGS = frozenset({"body", "html"})


def _row_date(row, link) -> str | None:
    """First date token in the row outside ``link``; tokens in short text nodes (a date cell)
    beat tokens inside longer text (a search snippet)."""
    fallback = None
    for piece in _text_parts(row, exclude=link):
        token = find_date_text(piece, short=True)
        if token:
            if len(piece.strip()) <= 40:
                return token
            fallback = fallback or token
    return fallback


def _date_inside_link(a) -> tuple[str, str] | None:
    """(date_text, title) for "card" links that wrap both title and date."""
    for child in a.iter():
        if child is a or not _tag(child):
            continue
        t = _text(child)
        token = find_date_text(t, short=True)
        if token and len(t) <= len(token) + 6:  # the element is just the date (maybe bracketed)
            return token, _text(a, exclude=child)
    # "<a>关于……的通知 2019-09-05</a>": a date token closing the link text
    text = _text(a)
    token = find_date_text(text[-16:], short=True)
    if token and text.rstrip(_DATE_WRAP).endswith(token) and len(text) > len(token) + 4:
        return token, text[:text.rindex(token)].rstrip(_DATE_WRAP + "-—")
    return None


def _other_title_link(container, a, own_len: int, own_href: str) -> bool:
    """Does ``container`` hold another link that could be a list item title (then it is the list,
    not one row)? Short links such as [category] or "详情" do not count."""
    need = max(4, own_len // 2)
    for other in container.iter("a"):
        if other is a:
            continue
        href = other.get("href")
        if not _crawlable(href) or href.strip() == own_href:
            continue
        t = _text(other)
        if len(t) >= need and t not in _UI_WORDS:
            return True
    return False


def _table_listings(root, base: str, default_year: int | None, handled: set) -> list[tuple]:
    """Rows of tables whose header names a title column and a date column (索引号 taken too)."""
    out = []
    for table in root.iter("table"):
        rows = table.xpath("./tr|./tbody/tr|./thead/tr")
        header_at, cols = None, {}
        for i, row in enumerate(rows[:3]):
            fields = [LABEL_INDEX.get(label_key(_text(c))) for c in row.xpath("./th|./td")]
            if "title" in fields and ("created" in fields or "published" in fields):
                header_at = i
                for j, f in enumerate(fields):
                    if f and f not in cols:
                        cols[f] = j
                break
        if header_at is None:
            continue
        date_col = min(cols[f] for f in ("created", "published") if f in cols)
        for row in rows[header_at + 1:]:
            cells = row.xpath("./th|./td")
            if len(cells) <= cols["title"]:
                continue
            a = next((x for x in cells[cols["title"]].iter("a") if _crawlable(x.get("href"))), None)
            if a is None:
                continue
            handled.add(a)
            date_text = (find_date_text(_text(cells[date_col]), short=True)
                         if date_col < len(cells) else None)
            idx = cols.get("index_no")
            index_no = _text(cells[idx]) if idx is not None and idx < len(cells) else None
            out.append((a, _make_listing(a, base, _anchor_text(a), date_text, default_year,
                                         index_no or None)))
    return out


def _make_listing(a, base, text, date_text, default_year, index_no=None) -> Listing:
    title_attr = _norm(a.get("title")) or None
    return Listing(
        title=_BULLET_RE.sub("", text) or (title_attr or ""),
        url=_resolve(base, a.get("href")),
        date=parse_date(date_text, default_year) if date_text else None,
        date_text=date_text,
        title_attr=title_attr,
        index_no=index_no,
    )


def listings(html, url: str, default_year: int | None = None) -> list[Listing]:
    """Items of a list page: links sharing a row (li, tr, dd, div …) with a date, and rows of
    tables headed 名称/标题 + 生成日期/发布日期. Year-less dates (09-05) are parsed with
    ``default_year`` (date stays None without it; date_text keeps the token)."""
    root = parse(html)
    base = _base(root, url)
    found = _listings_of(root, base, default_year)
    # lists shipped as data in the page (jpage datastores, templates) come after the page's own
    seen = {item.url for item in found}
    for doc in _embedded_docs(root):
        for item in _listings_of(doc, base, default_year):
            if item.url not in seen:
                seen.add(item.url)
                found.append(item)
    return found


def _listings_of(root, base: str, default_year: int | None) -> list[Listing]:
    handled: set = set()
    out = _table_listings(root, base, default_year, handled)
    for a in root.iter("a"):
        href = a.get("href")
        if a in handled or not _crawlable(href):
            continue
        text = _anchor_text(a)
        if not text or text in _UI_WORDS:
            continue
        date_text = None
        for anc in _ancestors(a, 5):
            if _tag(anc) in _ROOT_TAGS or _other_title_link(anc, a, len(text), href.strip()):
                break
            date_text = _row_date(anc, a)
            if date_text:
                break
        if not date_text:
            inside = _date_inside_link(a)
            if not inside:
                continue
            date_text, text = inside
        out.append((a, _make_listing(a, base, text, date_text, default_year)))
    # table rows were taken first; report everything in document order
    position = {el: i for i, el in enumerate(root.iter("a"))}
    out.sort(key=lambda pair: position.get(pair[0], 0))
    seen, unique = set(), []
    for _, item in out:
        if item.url and item.url not in seen:
            seen.add(item.url)
            unique.append(item)
    return unique


# ---------------------------------------------------------------------------------------------
# Pagination

_PAGE_PARAMS = ("page", "pageno", "pageindex", "currpage", "pn", "p", "curpage", "pagenum",
                "page_no", "page_index", "currentpage")
_PAGER_STRONG = frozenset({"下一页", "上一页", "尾页", "末页", "下页", "上页", "最后一页", "前一页",
                           "后一页", "最末页", "下一頁", "上一頁"})
_PAGER_LAST = frozenset({"尾页", "末页", "最后一页", "最末页"})
_PAGER_WEAK = frozenset({"首页", "第一页", ">", "<", ">>", "<<", "»", "«", "›", "‹"})
_PAGE_NUM_RE = re.compile(r"^\[?\s*(\d{1,5})\s*\]?$")
# TRS: createPageHTML(pageCount, currentPage, "index", "shtml"); counts may be variable names
_CREATE_PAGE_RE = re.compile(
    r"createPageHTML\(\s*['\"]?(\w+)['\"]?\s*,\s*['\"]?(\w+)['\"]?\s*,\s*['\"]([^'\"]*)['\"]\s*,"
    r"\s*['\"]([^'\"]*)['\"]")
_COUNT_RE = re.compile(
    r"""["']?\b(?:countPage|pageCount|page_count|totalPages?|total_page|pageTotal|totalPageCount"""
    r"""|pageSum|maxPage)\b["']?\s*[:=]\s*["']?(\d{1,5})\b""", re.I)
_INDEX_FILE_RE = re.compile(r"^(index)(?:_(\d+))?\.(s?html?)$", re.I)
_NUMBERED_FILE_RE = re.compile(r"^(.*?[_\-]|)(\d{1,5})\.(s?html?|jsp|php|aspx?)$", re.I)
_MAX_PAGES = 2000  # guard against absurd counts


def _page_param(u: str) -> tuple[str, int] | None:
    """(param name as written, value) of the page parameter in a query string."""
    for name, value in parse_qsl(urlsplit(u).query, keep_blank_values=True):
        if name.lower() in _PAGE_PARAMS and value.strip().isdigit():
            return name, int(value)
    return None


def _with_param(u: str, name: str, value: int) -> str:
    """``u`` with query parameter ``name`` set to ``value`` (added when missing), order kept."""
    parts = urlsplit(u)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if any(k == name for k, _ in pairs):
        pairs = [(k, str(value) if k == name else v) for k, v in pairs]
    else:
        pairs.append((name, str(value)))
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def _page_no(u: str) -> int | None:
    """Page number a URL stands for (TRS: index.html is 1, index_N.html is N+1)."""
    pp = _page_param(u)
    if pp:
        return pp[1]
    name = urlsplit(u).path.rsplit("/", 1)[-1]
    m = _INDEX_FILE_RE.match(name)
    if m:
        return int(m.group(2)) + 1 if m.group(2) else 1
    m = _NUMBERED_FILE_RE.match(name)
    return int(m.group(2)) if m else None


def _pages_upto(u: str, last: int) -> list[tuple[int, str]]:
    """All pages 1..last in the shape of ``u`` (a page URL of the same list)."""
    last = min(last, _MAX_PAGES)
    pp = _page_param(u)
    if pp:
        return [(i, _with_param(u, pp[0], i)) for i in range(1, last + 1)]
    path = urlsplit(u).path
    name = path.rsplit("/", 1)[-1]
    m = _INDEX_FILE_RE.match(name)
    if m:  # index_N.html is page N+1
        ext = m.group(3)
        return [(1, urljoin(u, f"index.{ext}"))] + [
            (i + 1, urljoin(u, f"index_{i}.{ext}")) for i in range(1, last)]
    m = _NUMBERED_FILE_RE.match(name)
    if m:
        return [(i, urljoin(u, f"{m.group(1)}{i}.{m.group(3)}")) for i in range(1, last + 1)]
    return []


def _pages_from_count(url: str, count: int) -> list[tuple[int, str]]:
    """Pages of a JS-drawn pager that only states the page count, built from the URL's shape."""
    parts = urlsplit(url)
    if parts.query:
        pp = _page_param(url)
        name = pp[0] if pp else "page"
        return [(i, _with_param(url, name, i)) for i in range(1, min(count, _MAX_PAGES) + 1)]
    name = parts.path.rsplit("/", 1)[-1]
    if not name:
        return _pages_upto(urljoin(url, "index.html"), count)
    return _pages_upto(url, count)


def _canon(u: str) -> str:
    """Compare URLs ignoring fragments and a trailing index.html."""
    u = urldefrag(u)[0]
    parts = urlsplit(u)
    path = re.sub(r"/index\.s?html?$", "/", parts.path) or "/"
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, parts.query, ""))


def _pager_links(root, base: str) -> list[tuple[str, str]]:
    """(text, url) of links inside elements that look like a pager."""
    containers = []
    for a in root.iter("a"):
        text = _text(a)
        num = _PAGE_NUM_RE.match(text)
        if text not in _PAGER_STRONG and not num:
            continue
        parent = a.getparent()
        if parent is None:
            continue
        box = parent
        # climb until the box holds several links (pagers wrap each link in li/span)
        for anc in [parent, *_ancestors(parent, 2)]:
            box = anc
            if sum(1 for _ in anc.iter("a")) >= 2:
                break
        if text in _PAGER_STRONG or "页" in _text(box) or any(
                _text(x) in _PAGER_STRONG for x in box.iter("a")):
            if box not in containers:
                containers.append(box)
    out = []
    for box in containers:
        for a in box.iter("a"):
            text = _text(a)
            if text in _PAGER_STRONG or text in _PAGER_WEAK or _PAGE_NUM_RE.match(text):
                if _crawlable(a.get("href")):
                    out.append((text, _resolve(base, a.get("href"))))
    return out


def pagination(html, url: str) -> list[str]:
    """Absolute URLs of the other pages of this list, in page order, without the current page.

    From pager links (下一页/尾页/numbers …; a 尾页 link expands to every page up to it) and from
    pager scripts: ``createPageHTML(count, current, "index", "shtml")`` (TRS) and page-count
    variables (``countPage = 12``, ``pageCount: 12``, ``totalPage = 12``) applied to the URL shape.
    """
    root = parse(html)
    base = _base(root, url)
    found: list[tuple[int | None, str]] = []
    for text, u in _pager_links(root, base):
        found.append((_page_no(u), u))
        if text in _PAGER_LAST:
            found.extend(_pages_upto(u, _page_no(u) or 0))
    scripts = [s.text for s in root.iter("script") if s.text]
    all_code = "\n".join(scripts)
    for code in scripts:
        m = _CREATE_PAGE_RE.search(code)
        count = _script_int(m.group(1), all_code) if m else None
        if count is not None:
            prefix, ext = m.group(3), m.group(4)
            found.append((1, urljoin(base, f"{prefix}.{ext}")))
            found.extend((n + 1, urljoin(base, f"{prefix}_{n}.{ext}"))
                         for n in range(1, min(count, _MAX_PAGES)))
            continue
        m = _COUNT_RE.search(code)
        if m:
            found.extend(_pages_from_count(url, int(m.group(1))))
    # a list fragment (…&pageIndex=1) whose pager is drawn by script states only "共N页"
    stated = (_stated_page_count(root) or _data_page_count(root, url)) if not found and _page_param(url) else None
    if stated:
        found.extend(_pages_from_count(url, stated))
    current = _canon(url)
    order = {u: i for i, (_, u) in reversed(list(enumerate(found)))}
    numbers: dict[str, int | None] = {}
    for n, u in found:
        if numbers.get(u) is None:
            numbers[u] = n
    # the current page without a page parameter is page 1 of a query-string list
    cur_no = _page_no(url) or 1
    result, seen = [], {current}
    for u in sorted(order, key=lambda u: (numbers[u] is None, numbers[u] or 0, order[u])):
        c = _canon(u)
        if c in seen:
            continue
        if _page_param(u) and not _page_param(url) and numbers[u] == cur_no \
                and _canon(_strip_page_param(u)) == current:
            continue  # "?catId=1&page=1" is the page we are on
        seen.add(c)
        result.append(u)
    return result


_STATED_PAGES_RE = re.compile(r"共\s*(\d{1,4})\s*页|第\s*\d{1,4}\s*/\s*(\d{1,4})\s*页")


def _stated_page_count(root) -> int | None:
    """The page count a pager states in a short text ("共3页", "第1/3页"), not in prose."""
    for piece in _text_parts(root):
        if len(piece.strip()) <= 24 and not _PROSE_PUNCT.intersection(piece):
            m = _STATED_PAGES_RE.search(piece)
            if m:
                return int(m.group(1) or m.group(2))
    return None


_DATA_PAGES = ("data-pages", "data-pagecount", "data-page-count", "data-totalpage", "data-total-page")
_DATA_RECORDS = ("data-total", "data-totalcount", "data-total-count", "data-records", "data-count")
_SIZE_PARAMS = ("pagesize", "page_size", "perpage", "size", "rows", "limit")


def _data_page_count(root, url: str) -> int | None:
    """The page count a pager element carries as data: data-pages="3", or data-total="23" with the
    page size from its data-pagesize or the URL's pageSize."""
    size = next((int(v) for k, v in parse_qsl(urlsplit(url).query)
                 if k.lower() in _SIZE_PARAMS and v.isdigit() and int(v) > 0), None)
    for el in root.iter():
        if not _tag(el) or not any(k.startswith("data-") for k in el.attrib):
            continue
        for name in _DATA_PAGES:
            if (el.get(name) or "").strip().isdigit():
                return int(el.get(name).strip())
        per = next((int(el.get(k)) for k in ("data-pagesize", "data-page-size", "data-perpage")
                    if (el.get(k) or "").strip().isdigit() and int(el.get(k)) > 0), size)
        for name in _DATA_RECORDS:
            if per and (el.get(name) or "").strip().isdigit():
                return -(-int(el.get(name).strip()) // per)
    return None


def _script_int(token: str, code: str) -> int | None:
    """A number literal, or the number a script assigns to that variable name."""
    if token.isdigit():
        return int(token)
    m = re.search(rf"\b{re.escape(token)}\s*=\s*['\"]?(\d{{1,5}})\b", code)
    return int(m.group(1)) if m else None


def _strip_page_param(u: str) -> str:
    parts = urlsplit(u)
    pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in _PAGE_PARAMS]
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


# ---------------------------------------------------------------------------------------------
# Labelled links

_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption", "legend", "th"})
_TITLE_LIKE_TAGS = frozenset({"strong", "b", "span", "div", "p", "label", "em", "td", "font",
                              "i", "li"})
_LABEL_MAX = 20
_HAS_WORD_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]{2}")
_LABEL_TRIM = "：:【】[]《》()（）|｜、,，。.>»›-—·•"


def _clean_label(s: str) -> str:
    key = _LABEL_JUNK_RE.sub("", s).strip(_LABEL_TRIM)
    if key.startswith("按"):
        key = key[1:]
    return key


def _as_label(s: str | None) -> str | None:
    if not s:
        return None
    key = _clean_label(s)
    return key if key and len(key) <= _LABEL_MAX and _HAS_WORD_RE.search(key) else None


def _sibling_label(el) -> str | None:
    """Label given by a heading-like element (no links except in real headings)."""
    tag = _tag(el)
    if tag not in _HEADING_TAGS and tag not in _TITLE_LIKE_TAGS:
        return None
    text = _text(el)
    for a in el.iter("a"):
        link_text = _text(a)
        if link_text in _UI_WORDS:  # "<div><h3>政策解读</h3><a>更多</a></div>"
            text = text.replace(link_text, "", 1)
        elif tag not in _HEADING_TAGS:
            return None
    return _as_label(text) if len(text) <= _LABEL_MAX + 4 else None


def _label_for(a, memo: dict) -> str | None:
    """Nearest preceding label of a link: text/tails between earlier siblings, a heading-like
    earlier sibling, or the parent's leading text; then the same one level up (5 levels).

    ``memo`` maps (node, levels left) to the answer for "everything before node", so a long
    list of sibling links is scanned once, not once per link.
    """
    node, levels = a, 5
    chain, result = [], None
    while True:
        key = (node, levels)
        if key in memo:
            result = memo[key]
            break
        chain.append(key)
        sib = node.getprevious()
        if sib is not None:
            result = _as_label(sib.tail)
            if result:
                break
            if _tag(sib) and _tag(sib) != "a":
                result = _sibling_label(sib)
                if result:
                    break
                if not any(True for _ in sib.iter("a")) and len(_text(sib)) > _LABEL_MAX + 4:
                    break  # prose in between: no label introduces this link
            node = sib
            continue
        parent = node.getparent()
        if parent is None or _tag(parent) in _ROOT_TAGS or levels == 0:
            break
        result = _as_label(parent.text)
        if result:
            break
        node, levels = parent, levels - 1
    for key in chain:
        memo[key] = result
    return result


def labelled_links(html, url: str) -> dict[str, list[tuple[str, str]]]:
    """Links grouped by the label that introduces them: {label: [(text, absolute_url)]}.

    Labels are normalised (no spaces/colons, leading 按 removed): 主题分类, 体裁分类, 相关解读,
    原文件, 附件 … Links without a label nearby are left out.
    """
    root = parse(html)
    key = ("labelled_links", url)
    if key in _Memo.results:
        return {label: list(links) for label, links in _Memo.results[key].items()}
    base = _base(root, url)
    out: dict[str, list[tuple[str, str]]] = {}
    memo: dict = {}
    seen: set = set()
    for a in root.iter("a"):
        if not _crawlable(a.get("href")):
            continue
        label = _label_for(a, memo)
        if not label:
            continue
        item = (_anchor_text(a), _resolve(base, a.get("href")))
        if item[1] and (label, item) not in seen:
            seen.add((label, item))
            out.setdefault(label, []).append(item)
    _Memo.results[key] = out
    return {label: list(links) for label, links in out.items()}


# ---------------------------------------------------------------------------------------------
# Search form

_SEARCH_STRONG_RE = re.compile(r"搜\s*索|检\s*索|search|keyword|sousuo|jrobot|was5", re.I)
_SEARCH_WEAK_RE = re.compile(r"查\s*询|query", re.I)
_SEARCH_NAMES = frozenset({"q", "wd", "kw", "key", "keys", "word", "words", "searchword",
                           "keyword", "keywords", "searchkey", "query", "qt", "sw", "searchtext"})


def _search_score(form, text_input) -> int:
    """2: clearly a site search (搜索/检索/search…), 1: only 查询 (could be a case lookup), 0: no."""
    hints = [form.get("action") or "", form.get("name") or "", form.get("id") or "",
             text_input.get("placeholder") or "", text_input.get("value") or "",
             text_input.get("title") or "", text_input.get("id") or "", _text(form)]
    for b in form.iter("button", "input"):
        if _tag(b) == "button" or (b.get("type") or "").lower() in ("submit", "image", "button"):
            hints += [b.get("value") or "", b.get("alt") or "", b.get("title") or "", _text(b)]
    name = (text_input.get("name") or "").lower()
    joined = " ".join(hints + [name])
    if name in _SEARCH_NAMES or _SEARCH_STRONG_RE.search(joined):
        return 2
    return 1 if _SEARCH_WEAK_RE.search(joined) else 0


def search_form(html, url: str) -> str | None:
    """URL template of the site search with "{q}" for the query (first GET search form).

    Hidden and other inputs keep their values in document order; like a browser, the action's own
    query string is replaced by the form data. The caller encodes the query in the site's charset.
    """
    root = parse(html)
    base = _base(root, url)
    best, best_score = None, 0
    for form in root.iter("form"):
        if (form.get("method") or "get").strip().lower() != "get":
            continue
        inputs = [i for i in form.iter("input", "select") if i.get("name") and
                  i.get("disabled") is None]
        text_input = next((i for i in inputs if _tag(i) == "input" and
                           (i.get("type") or "text").lower() in ("text", "search", "")), None)
        if text_input is None:
            continue
        score = _search_score(form, text_input)
        if score > best_score:
            template = _form_template(form, inputs, text_input, base)
            if template:
                best, best_score = template, score
            if best_score == 2:
                break
    return best


def _form_template(form, inputs, text_input, base: str) -> str | None:
    """GET submission URL of ``form`` with "{q}" in the text input's place."""
    pairs = []
    for i in inputs:
        kind = (i.get("type") or "text").lower() if _tag(i) == "input" else "select"
        name = quote(i.get("name"), safe="")
        if i is text_input:
            pairs.append(f"{name}={{q}}")
        elif kind in ("hidden", "text", "search"):
            pairs.append(f"{name}={quote(i.get('value') or '', safe='')}")
        elif kind in ("checkbox", "radio") and i.get("checked") is not None:
            pairs.append(f"{name}={quote(i.get('value') or 'on', safe='')}")
        elif kind == "select":
            options = list(i.iter("option"))
            chosen = next((o for o in options if o.get("selected") is not None),
                          options[0] if options else None)
            if chosen is not None:
                value = chosen.get("value") if chosen.get("value") is not None else _text(chosen)
                pairs.append(f"{name}={quote(value, safe='')}")
    action = _resolve(base, form.get("action")) or urldefrag(base)[0]
    parts = urlsplit(action)
    if parts.scheme not in ("http", "https"):
        return None  # javascript: actions build the URL in script
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(pairs), ""))


# ---------------------------------------------------------------------------------------------
# Footer identity

_SITE_CODE_RE = re.compile(r"网站标识码\s*[：:]?\s*([A-Za-z0-9]{10})(?![A-Za-z0-9])")
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_ICP_RE = re.compile(rf"[{_PROVINCES}]\s*ICP\s*[备证]\s*\d{{4,}}\s*号(?:\s*-\s*\d+)?", re.I)
_POLICE_RE = re.compile(rf"[{_PROVINCES}]\s*公网安备\s*\d{{6,}}\s*号?")


def footer_identity(html) -> dict:
    """{'site_code': 网站标识码 or None, 'icp': e.g. 皖ICP备10340074号, 'police': 公安备案号}."""
    root = parse(html)
    site_code = None
    for m in root.iter("meta"):
        if (m.get("name") or "").lower() == "siteidcode" and m.get("content"):
            site_code = m.get("content").strip()
            break
    text = _text(root)
    if not site_code:
        m = _SITE_CODE_RE.search(text)
        site_code = m.group(1) if m else None
    icp = _ICP_RE.search(text)
    police = _POLICE_RE.search(text)
    return {
        "site_code": site_code,
        "icp": _LABEL_JUNK_RE.sub("", icp.group(0)) if icp else None,
        "police": _LABEL_JUNK_RE.sub("", police.group(0)) if police else None,
    }
