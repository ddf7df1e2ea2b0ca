"""The metadata block of an item page: label/value pairs keyed on the standard labels."""
from __future__ import annotations



from .document import LABEL_INDEX, _ANY_LABEL_START_RE, _BLOCK_TAGS, _INLINE_MAX, _LABEL_FIRST_CHARS, _LABEL_START_RE, _LONG_FIELDS, _PROSE_PUNCT, _SEG_RE, _SIBLING_MAX, _SKIP_TAGS, _ancestors, _next_el, _norm, _tag, _text, _text_parts, label_key, parse


def _label_field(el) -> tuple[str, bool] | None:
    """(field, had_colon) when the element's whole text is exactly one known label."""
    full = _text(el)
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


_VALUE_TRIM = "【】[]()（）|｜ "


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
        # "<p>索引号：x<br>发布日期：y</p>": lines after a <br> are tails; so are labels after an inline
        # element ("<span><i class="icon"></i>发布时间：y</span>", "<b>来源：</b>x <i></i>发布日期：y")
        if el.tail and _LABEL_START_RE.match(el.tail):
            m = _LABEL_START_RE.match(el.tail)
            parent = el.getparent()
            if m.group("colon") and parent is not None and tag not in _BLOCK_TAGS:
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
