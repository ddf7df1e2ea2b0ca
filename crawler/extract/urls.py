"""URLs as extraction sees them: resolving links, telling pages from files, page numbers in URLs."""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, urldefrag, urljoin, urlsplit, urlunsplit





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


# quoted strings in scripts / data-* values that look like page URLs
_QUOTED_RE = re.compile(r"""["']([^"'\s<>{}\\]{2,300})["']""")


_URLISH_RE = re.compile(
    r"^(?:https?://|//|/|\./|\.\./)[^\s]*$|^[\w\-./]+\.(?:s?html?|jsp|do|action|php|aspx?|xml|json)"
    r"(?:\?\S*)?$|^[\w\-./]+\?[\w\-.]+=\S*$", re.I)


_RESOURCE_EXT = frozenset({"js", "css", "png", "jpg", "jpeg", "gif", "ico", "svg", "bmp", "webp",
                           "woff", "woff2", "ttf", "eot", "swf", "mp4", "mp3", "map"})


_PAGE_PARAMS = ("page", "pageno", "pageindex", "currpage", "pn", "p", "curpage", "pagenum",
                "page_no", "page_index", "currentpage", "pg", "pagenow", "pagenumber", "curr")


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


_PLACEHOLDER_RE = re.compile(r"\$?\{\{?\s*(?:page\w*|p|n|num|curr\w*|current\w*|index)\s*\}?\}", re.I)


def _strip_page_param(u: str) -> str:
    parts = urlsplit(u)
    pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in _PAGE_PARAMS]
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def page_number(url: str) -> int | None:
    """The page number a list page's URL stands for (?pageIndex=3 → 3; TRS index_2.html → 3)."""
    return _page_no(url)
