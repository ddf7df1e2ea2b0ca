"""List entries of a page: (url, title, date) rows of column lists, views and search results."""
from __future__ import annotations

import re
from dataclasses import dataclass
import datetime as _dt


from ..dates import find_date_text, parse_date
from .document import LABEL_INDEX, _ROOT_TAGS, _UI_WORDS, _ancestors, _anchor_text, _norm, _tag, _text, _text_parts, document, label_key
from .urls import _base, _crawlable, _resolve
from .links import _embedded_docs


@dataclass(slots=True)
class Listing:
    title: str
    url: str
    date: _dt.date | None = None
    date_text: str | None = None
    title_attr: str | None = None
    index_no: str | None = None


_DATE_WRAP = " []【】()（）"


_BULLET_RE = re.compile(r"^[·•●■□◆◇▪▸►>\-*]\s*")


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
    closing = text.rstrip(_DATE_WRAP)   # the longest token, 2019 年 09 月 05 日, is 16 characters
    token = find_date_text(closing[-16:], short=True)
    if token and closing.endswith(token) and len(text) > len(token) + 4:
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


def _table_listings(root, base: str, default_year: int | None, handled: set, anchors: dict) -> list[tuple]:
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
            out.append((a, _make_listing(a, base, _anchor_text(a, anchors), date_text, default_year,
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
    page = document(html)
    root = page.root
    base = _base(root, url)
    found = _listings_of(root, base, default_year, page.anchors)
    # lists shipped as data in the page (jpage datastores, templates) come after the page's own
    seen = {item.url for item in found}
    for doc in _embedded_docs(root):
        for item in _listings_of(doc, base, default_year, {}):
            if item.url not in seen:
                seen.add(item.url)
                found.append(item)
    return found


def _listings_of(root, base: str, default_year: int | None, anchors: dict) -> list[Listing]:
    handled: set = set()
    out = _table_listings(root, base, default_year, handled, anchors)
    for a in root.iter("a"):
        href = a.get("href")
        if a in handled or not _crawlable(href):
            continue
        text = _anchor_text(a, anchors)
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
