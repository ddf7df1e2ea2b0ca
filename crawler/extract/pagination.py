"""The other pages of a list: pager links, script-drawn pagers of any name, postback pagers."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit, urlunsplit


from .document import _PROSE_PUNCT, _ancestors, _tag, _text, _text_parts, parse
from .urls import _INDEX_FILE_RE, _MAX_PAGES, _NUMBERED_FILE_RE, _PAGE_PARAMS, _PLACEHOLDER_RE, _URLISH_RE, _base, _crawlable, _page_no, _page_param, _resolve, _strip_page_param, _with_param


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
        # a pager names its pages (下一页, 共3页 …), on converted traditional-script sites 頁
        box_text = _text(box)
        if "页" in box_text or "頁" in box_text:
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
    Failing those, pagers of any name (_script_pager): a call handed the count and a file stem,
    records and page size in an options object, javascript 尾页 links or "共N页"/"共N条…每页M条"
    text, with URLs from the script's concatenation or placeholder template.
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
            # the script's own URL template, when it has one, beats the list URL's shape
            shape = _concat_template(code, all_code, url, base)
            count = min(int(m.group(1)), _MAX_PAGES)
            found.extend([(n, u) for n in range(1, count + 1) if (u := shape(n))] if shape and count > 1
                         else _pages_from_count(url, count))
    # a list fragment (…&pageIndex=1) whose pager is drawn by script states only "共N页"
    stated = (_stated_page_count(root) or _data_page_count(root, url)) if not found and _page_param(url) else None
    if stated:
        found.extend(_pages_from_count(url, stated))
    if not found:
        found.extend(_script_pager(root, scripts, all_code, base, url))
    current = _canon(url)
    order = {u: i for i, (_, u) in reversed(list(enumerate(found)))}
    # a later number wins: scripts (createPageHTML: list_1 is page 2) come after the links, whose
    # numbers are only read from their file names
    numbers: dict[str, int | None] = {}
    for n, u in found:
        if n is not None or u not in numbers:
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


# Pagers of any name: names a script gives the page count, the record count and the page size
# (compared lower-case without "_"/"$", after a Hungarian prefix n/i/m/int is dropped)
_PAGES_NAMES = frozenset({"pagecount", "countpage", "pagetotal", "totalpage", "totalpages", "pagesum",
                          "maxpage", "pagescount", "totalpagecount", "allpage", "allpages", "pages",
                          "totalpagenum", "pagetotalnum", "lastpage", "pagemax"})


_RECORDS_NAMES = frozenset({"total", "count", "totalcount", "totalrecord", "totalrecords", "recordcount",
                            "records", "totalnum", "totalrows", "rowcount", "totalsize", "recordtotal",
                            "allcount", "totalitems", "itemcount", "totalresult", "recordsum", "datacount"})


_SIZE_NAMES = frozenset({"limit", "pagesize", "perpage", "rows", "size", "pagelimit", "pagerows",
                         "rowsperpage", "perpagecount", "pagerecord", "pageitems", "itemsperpage",
                         "numperpage", "pagelength"})


_ASSIGN_RE = re.compile(r"""(?<![\w$.])["']?([A-Za-z_$][\w$]{0,40})["']?\s*[:=]\s*["']?(\d{1,6})(?![\w.])""")


_STR_ASSIGN_RE = r"""(?<![\w$.]){name}["']?\s*[:=]\s*(["'])([^"'\n]*)\1"""


_CALL_RE = re.compile(r"([A-Za-z_$][\w$.]*)\s*\(([^()]{1,300})\)")


# a function's definition, whose parameter list _CALL_RE would read as a call
_DEF_RE = re.compile(r"\bfunction\s+([A-Za-z_$][\w$]*)\s*\(")


_PAGE_EXT_RE = re.compile(r"^(?:s?html?)$", re.I)


_STEM_RE = re.compile(r"^[\w\-]{1,40}$")


# a string literal ending in "pageIndex=" (or any page parameter) that a script continues with "+":
# location.href = base + '&pageIndex=' + obj.curr
_CONCAT_RE = re.compile(r"""(?:([A-Za-z_$][\w$.]*)\s*\+\s*)?(["'])([^"'\s<>]{0,200}?([A-Za-z_]\w*)=)\2\s*\+""")


_LITERAL_RE = re.compile(r"""["']([^"'\s<>\\]{2,300})["']""")


_TEXT_PAGES_RE = re.compile(r"共\s*(\d{1,5})\s*页")


_TEXT_RECORDS_RE = re.compile(r"共\s*(?:有\s*)?(\d{1,6})\s*(?:条|篇|项|个)")


_TEXT_SIZE_RE = re.compile(r"每页\s*(?:显示\s*)?(\d{1,4})\s*(?:条|篇|项|个|行)")


_PAGER_HINT_RE = re.compile(r"page|pager|paging|laypage|分页|页", re.I)


def _name_kind(name: str) -> str | None:
    """"pages", "records" or "size" for a script name that says what a number is."""
    n = name.lower().replace("_", "").replace("$", "")
    for cand in (n, n[1:] if n[:1] in "nim" else "", n[3:] if n.startswith("int") else ""):
        if cand in _PAGES_NAMES:
            return "pages"
        if cand in _RECORDS_NAMES:
            return "records"
        if cand in _SIZE_NAMES:
            return "size"
    return None


def _script_str(name: str, code: str) -> str | None:
    m = re.search(_STR_ASSIGN_RE.format(name=re.escape(name)), code)
    return m.group(2) if m else None


def _split_args(args: str) -> list[str]:
    out, cur, quote_ch = [], "", None
    for ch in args:
        if quote_ch:
            cur += ch
            if ch == quote_ch:
                quote_ch = None
        elif ch in "'\"":
            quote_ch = ch
            cur += ch
        elif ch == ",":
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    out.append(cur.strip())
    return out


def _call_pager(code: str, all_code: str, url: str) -> tuple[int, str, str, bool] | None:
    """(page count, stem, ext, one-based) from a call of any name handed a page count, the current
    page and a file stem and extension, in any order: showPager(0, 3, "index", "html") (TRS:
    index_1 is page 2) or createPageHTML('page_div', 10, 1, 'xlist', 'shtml', 189) (xlist_2 is
    page 2)."""
    definitions = {d.start(1) for d in _DEF_RE.finditer(code)}
    for m in _CALL_RE.finditer(code):
        if m.start() in definitions:
            continue   # the pager's own definition
        ints, strs = [], []
        for arg in _split_args(m.group(2)):
            if len(arg) >= 2 and arg[0] == arg[-1] and arg[0] in "'\"":
                strs.append(arg[1:-1])
            elif arg.isdigit():
                ints.append(int(arg))
            elif re.fullmatch(r"[A-Za-z_$][\w$]*", arg):
                value = _script_int(arg, all_code)
                if value is not None:
                    ints.append(value)
                else:
                    text = _script_str(arg, all_code)
                    if text is not None:
                        strs.append(text)
        ext = next((i for i, x in enumerate(strs) if _PAGE_EXT_RE.match(x)), None)
        if ext is None or not ints or ext == 0 or not _STEM_RE.match(strs[ext - 1]):
            continue
        # the count and the current page are the first two numbers, in either order: the current
        # page never exceeds the count (later numbers are record counts)
        count, current = max(ints[:2]), min(ints[:2])
        stem, suffix = strs[ext - 1], strs[ext]
        # suffixes count from 1 where the first page calls itself page 1; on a later page, where
        # a container id precedes the numbers (the 'page_div' template)
        if urlsplit(url).path.rsplit("/", 1)[-1] in ("", f"{stem}.{suffix}"):
            one_based = current == 1 and count > 1
        else:
            one_based = ext > 1
        return count, stem, suffix, one_based
    return None


def _script_counts(code: str) -> dict[str, int]:
    """The first page count a pager script names, and a record count with the page size named
    next to it (one options object: {count: 47, limit: 15})."""
    out: dict[str, int] = {}
    at: dict[str, int] = {}
    for m in _ASSIGN_RE.finditer(code):
        kind = _name_kind(m.group(1))
        if kind and kind not in out:
            out[kind], at[kind] = int(m.group(2)), m.start()
    if "records" in out and "size" in out and abs(at["records"] - at["size"]) > 300:
        del out["records"], out["size"]   # two unrelated numbers of a long script
    return out


def _concat_template(code: str, all_code: str, url: str, base: str):
    """A function n → page URL from a script that builds the URL by concatenation or fills a
    placeholder ('index_{page}.html', 'list?catId=3&pageNo={{pageNo}}'), or None."""
    for m in _LITERAL_RE.finditer(code):
        literal = m.group(1)
        hole = _PLACEHOLDER_RE.search(literal)
        if hole and _URLISH_RE.match(_PLACEHOLDER_RE.sub("1", literal)):
            return lambda n, s=literal, h=hole.group(0): _resolve(base, s.replace(h, str(n)))
    for m in _CONCAT_RE.finditer(code):
        if m.group(4).lower() not in _PAGE_PARAMS:
            continue
        literal, ident = m.group(3), m.group(1)
        prefix = _script_str(ident, all_code) if ident and "." not in ident else None
        if prefix is not None:
            return lambda n, s=prefix + literal: _resolve(base, f"{s}{n}")
        if literal.startswith("&"):
            here = _strip_page_param(urldefrag(url)[0])
            glue = "&" if urlsplit(here).query else "?"
            return lambda n, h=here, s=glue + literal[1:]: f"{h}{s}{n}"
        return lambda n, s=literal: _resolve(base, f"{s}{n}")
    return None


def _pager_words(text: str, m) -> bool:
    """A pager's "共4页"/"共47条" stands among short words, not inside a sentence of prose."""
    around = text[max(0, m.start() - 10):m.end() + 10]
    return not any(c in around for c in "，。；")


_JS_NUM_ARG_RE = re.compile(r"\(\s*['\"]?(\d{1,5})['\"]?\s*[,)]")


_YEAR_LO, _YEAR_HI = 1949, 2099   # numbers that read as years


def _js_link_pages(root) -> int | None:
    """The highest page a pager's script links reach: <a href="javascript:goPage(5)">尾页</a>,
    <a onclick="turn(3)">3</a>, 下一页 → the next page (its own page then names the one after)."""
    words, numbers = [], []
    for a in root.iter("a"):
        text = _text(a)
        if text not in _PAGER_STRONG and not _PAGE_NUM_RE.match(text):
            continue
        href = (a.get("href") or "").strip()
        for js in (a.get("onclick") or "", href if href.lower().startswith("javascript") else ""):
            m = _JS_NUM_ARG_RE.search(js)
            # a link back to page 1 says nothing of the count (the last page links only backwards)
            if m and int(m.group(1)) > 1:
                if text in _PAGER_LAST:
                    return int(m.group(1))
                (words if text in _PAGER_STRONG else numbers).append(int(m.group(1)))
                break
    if numbers and all(_YEAR_LO <= n <= _YEAR_HI for n in numbers):
        numbers = []    # year tabs (<a href="javascript:showYear(2024)">2024</a>), not pages
    return max(words + numbers, default=None)


def _script_pager(root, scripts: list[str], all_code: str, base: str, url: str) -> list[tuple[int, str]]:
    """Pages of a pager drawn by script whatever its name: the page count from a call's arguments,
    from named numbers (page count, or records and page size: {count: 47, limit: 15}) or from the
    page's text (共4页, 共47条 … 每页15条); the URLs from the script's concatenation, the call's
    file stem, or the list URL's own shape."""
    count, shape = None, None
    for code in scripts:
        call = _call_pager(code, all_code, url)
        if call:
            count, stem, ext, one_based = call
            shape = lambda n, s=stem, e=ext, k=int(not one_based): _resolve(
                base, f"{s}.{e}" if n == 1 else f"{s}_{n - k}.{e}")
            break
    pager_code = [c for c in scripts if _PAGER_HINT_RE.search(c)]
    if shape is None:
        for code in pager_code:
            shape = _concat_template(code, all_code, url, base)
            if shape:
                break
    if count is None:
        count = _js_link_pages(root)
    if count is None:
        numbers: dict[str, int] = {}
        for code in pager_code:
            for kind, n in _script_counts(code).items():
                numbers.setdefault(kind, n)
        if "pages" not in numbers and not ("records" in numbers and "size" in numbers):
            text = _text(root)
            for kind, rx in (("pages", _TEXT_PAGES_RE), ("records", _TEXT_RECORDS_RE), ("size", _TEXT_SIZE_RE)):
                m = next((m for m in rx.finditer(text) if _pager_words(text, m)), None)
                if m and kind not in numbers:
                    numbers[kind] = int(m.group(1))
        if "pages" in numbers:
            count = numbers["pages"]
        elif numbers.get("records") and numbers.get("size"):
            count = -(-numbers["records"] // numbers["size"])
    if not count or count < 2:
        return []
    if shape is None:
        if urlsplit(url).query and not _page_param(url):
            # nothing names the page parameter: a guessed one could serve page 1 again and pass for the
            # other pages; leave the pager unresolved (the spider renders it, or the list stays a gap)
            return []
        return _pages_from_count(url, count)
    return [(n, u) for n in range(1, min(count, _MAX_PAGES) + 1) if (u := shape(n))]


# ASP.NET WebForms pagers: links run ``__doPostBack('target', 'arg')``, which fills the page's one
# form's __EVENTTARGET/__EVENTARGUMENT and POSTs it; there is no URL for page 2.
_POSTBACK_RE = re.compile(
    r"""(?:__doPostBack|WebForm_PostBackOptions)\(\s*(['"])(.*?)\1\s*,\s*(['"])(.*?)\3\s*[,)]""")


_PAGER_MORE = frozenset({"...", "…", "……"})   # GridView's link to the next block of page numbers


_ARG_NUM_RE = re.compile(r"^(.*?)(\d{1,5})(\D*)$")


_TOTAL_PAGES_RE = re.compile(r"共\s*(\d{1,5})\s*页|第\s*\d{1,5}\s*/\s*(\d{1,5})\s*页|\d{1,5}\s*/\s*(\d{1,5})\s*页")


_NO_VALUE_TYPES = frozenset({"submit", "image", "button", "reset", "file"})


def form_fields(form) -> list[tuple[str, str]]:
    """What a browser submits for ``form`` without pressing a button: named inputs with their
    values (checked boxes only), selected options and textareas, in document order."""
    out = []
    for el in form.iter("input", "select", "textarea"):
        name = el.get("name")
        if not name or el.get("disabled") is not None:
            continue
        tag = _tag(el)
        if tag == "select":
            options = list(el.iter("option"))
            chosen = next((o for o in options if o.get("selected") is not None), options[0] if options else None)
            if chosen is not None:
                out.append((name, chosen.get("value") if chosen.get("value") is not None else _text(chosen)))
        elif tag == "textarea":
            out.append((name, el.text or ""))
        else:
            kind = (el.get("type") or "text").lower()
            if kind in _NO_VALUE_TYPES:
                continue
            if kind in ("checkbox", "radio"):
                if el.get("checked") is not None:
                    out.append((name, el.get("value") or "on"))
                continue
            out.append((name, el.get("value") or ""))
    return out


def _postback_form(root, a):
    """The form a __doPostBack link submits: its own, else the one carrying __VIEWSTATE."""
    form = next(a.iterancestors("form"), None)   # however deep the page's tables nest it
    if form is not None:
        return form
    forms = list(root.iter("form"))
    # ASP.NET writes it as a hidden input; whatever element carries the name marks the form
    return next((f for f in forms if any(i.get("name") == "__VIEWSTATE" for i in f.iter())),
                next((f for f in forms if (f.get("method") or "").lower() == "post"), None))


def postback_pages(html, url: str) -> list[dict]:
    """Pages of a list paged by ASP.NET postbacks, as form submissions.

    Each is ``{"page": n, "url": form action, "target": …, "argument": …, "fields": [(name, value)]}``
    (the form's fields with __EVENTTARGET/__EVENTARGUMENT set), for every page from 1 to the last
    one the pager names (its links, "尾页", or "共N页"/"第1/N页" text in the pager).

    A pager of LinkButtons (``__doPostBack('ctl00$main$lbtnNext','')``: no page number anywhere)
    gives one submission of its "下一页" with ``"page": None, "next": True`` and ``"last"`` the page
    count its text announces (or None): the caller follows it from page to page.
    """
    root = parse(html)
    base = _base(root, url)
    by_target: dict[str, dict] = {}
    nexts = []
    for a in root.iter("a"):
        m = _POSTBACK_RE.search(a.get("href") or "") or _POSTBACK_RE.search(a.get("onclick") or "")
        if not m:
            continue
        text = _text(a)
        shown = _PAGE_NUM_RE.match(text)
        if text not in _PAGER_STRONG and text not in _PAGER_WEAK and text not in _PAGER_MORE and not shown:
            continue
        num = _ARG_NUM_RE.match(m.group(4))
        if not num:
            if text in _PAGER_NEXT:
                nexts.append((a, m.group(2), m.group(4)))
            continue
        if shown and int(num.group(2)) not in (int(shown.group(1)), int(shown.group(1)) - 1):
            continue   # a number that posts another number: a calendar's day ('Calendar1','9131'), not a page
        entry = by_target.setdefault(m.group(2), {"anchors": [], "shape": (num.group(1), num.group(3))})
        entry["anchors"].append((a, int(num.group(2))))
    out = []
    for target, entry in by_target.items():
        anchors = entry["anchors"]
        strong = any(_text(a) in _PAGER_STRONG for a, _ in anchors)
        if not strong and len(anchors) < 2:
            continue   # one numbered postback link is not a pager
        last = max(last for last in (max(n for _, n in anchors), _announced_pages(anchors[0][0])) if last)
        form = _postback_form(root, anchors[0][0])
        if form is None:
            continue
        action, fields = _postback_submission(form, base, url)
        prefix, suffix = entry["shape"]
        for n in range(1, min(last, _MAX_PAGES) + 1):
            arg = f"{prefix}{n}{suffix}"
            out.append({"page": n, "url": action, "target": target, "argument": arg,
                        "fields": [("__EVENTTARGET", target), ("__EVENTARGUMENT", arg), *fields]})
    if not out:
        for a, target, arg in nexts[:1]:
            form = _postback_form(root, a)
            if form is None:
                continue
            action, fields = _postback_submission(form, base, url)
            out.append({"page": None, "next": True, "last": _announced_pages(a), "url": action, "target": target,
                        "argument": arg, "fields": [("__EVENTTARGET", target), ("__EVENTARGUMENT", arg), *fields]})
    return out


_PAGER_NEXT = frozenset({"下一页", "下页", ">", ">>", "»", "›"})


def _announced_pages(a) -> int | None:
    """The page count "共N页"/"第1/N页" in the box holding a pager link."""
    for anc in _ancestors(a, 4):
        if "页" in _text(anc):
            m = _TOTAL_PAGES_RE.search(_text(anc))
            return int(next(g for g in m.groups() if g)) if m else None
    return None


def _postback_submission(form, base: str, url: str) -> tuple[str, list[tuple[str, str]]]:
    action = _resolve(base, form.get("action")) or urldefrag(url)[0]
    return action, [(k, v) for k, v in form_fields(form) if k not in ("__EVENTTARGET", "__EVENTARGUMENT")]


def _script_int(token: str, code: str) -> int | None:
    """A number literal, or the number a script assigns to that variable name."""
    if token.isdigit():
        return int(token)
    m = re.search(rf"\b{re.escape(token)}\s*=\s*['\"]?(\d{{1,5}})\b", code)
    return int(m.group(1)) if m else None
