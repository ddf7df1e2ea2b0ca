"""Links of a page: every <a>, URLs inside scripts, data-proxy answers, and links under a label (相关解读)."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit


from .document import _HAS_WORD_RE, _LABEL_JUNK_RE, _ROOT_TAGS, _UI_WORDS, _anchor_text, _parse, document, _tag, _text, parse
from .urls import _EXT_RE, _MAX_PAGES, _PLACEHOLDER_RE, _QUOTED_RE, _RESOURCE_EXT, _URLISH_RE, _base, _crawlable, _href_kind, _resolve, _strip_page_param


def links(html, url: str) -> list[tuple[str, str, str]]:
    """Every <a href>/<area href> as (absolute_url, anchor_text, kind).

    kind: "attachment" (file extension), "mailto", "javascript", "other" (tel:, weixin: …; skip
    these too) or "page".
    """
    doc = document(html)
    root = doc.root
    key = ("links", url)
    if key in doc.results:
        return list(doc.results[key])
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
        out.append((absolute, _anchor_text(a, doc.anchors), kind))
    doc.results[key] = out
    return list(out)


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
        if not _URLISH_RE.match(c) or c in ("//", "/") or c.endswith("=") or _PLACEHOLDER_RE.search(c):
            continue   # "list.jsp?page=" + n and 'index_{page}.html' are pager templates (pagination())
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
    body = objs[0].group(1).strip()   # a trailing comma is taken by the last pair
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
        q = "&".join(f"{quote(k, safe='/')}={quote(str(bounds.get(k.lower(), v)), safe='/')}" for k, v in pairs)
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


_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption", "legend", "th"})


_TITLE_LIKE_TAGS = frozenset({"strong", "b", "span", "div", "p", "label", "em", "td", "font",
                              "i", "li"})


_LABEL_MAX = 20


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
            head, _, tail = text.rpartition(link_text)   # the link follows the heading: 更多应用 更多
            text = head + tail
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
    doc = document(html)
    root = doc.root
    key = ("labelled_links", url)
    if key in doc.results:
        return {label: list(links) for label, links in doc.results[key].items()}
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
        item = (_anchor_text(a, doc.anchors), _resolve(base, a.get("href")))
        if item[1] and (label, item) not in seen:
            seen.add((label, item))
            out.setdefault(label, []).append(item)
    doc.results[key] = out
    return {label: list(links) for label, links in out.items()}
