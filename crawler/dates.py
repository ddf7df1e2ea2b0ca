"""Find dates in the text of Chinese government pages.

Pages print dates as ``2019-09-05``, ``2019-9-5``, ``2019年09月05日``, ``2019/9/5``,
``2019.09.26`` or ``20190905``; homepage lists drop the year (``09-05``, ``[09-05]``,
``9月5日``), so those are only read when the caller supplies the year.

``find_date_text`` returns the raw token even when it is no real date (``2019-02-30``) so an
auditor can report "unparsable" instead of "missing"; ``parse_date`` returns ``None`` then.
"""
from __future__ import annotations

import re
from datetime import date

__all__ = ["parse_date", "find_date_text", "all_dates"]

# Full-width digits and separators occur in pages typed with Chinese IMEs; map them 1:1 so match
# positions stay valid in the original text.
_FULLWIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")

_YEAR = r"(?:19|20)\d{2}"
# Year-month-day with 年月日, or one ASCII separator used twice (backreference), e.g. 2019-9-5.
_FULL = (
    rf"(?<![\d.])(?P<cy>{_YEAR})\s?年\s?(?P<cm>\d{{1,2}})\s?月\s?(?P<cd>\d{{1,2}})\s?[日号]"
    rf"|(?<![\d.])(?P<sy>{_YEAR})\s?(?P<sep>[-/.])\s?(?P<sm>\d{{1,2}})"
    r"\s?(?P=sep)\s?(?P<sd>\d{1,2})(?!\d)"
)
# 20190905 only as a standalone token, with a plausible month and day: otherwise long numbers
# (serials, phone numbers, credit codes) would read as dates.
_COMPACT = (
    rf"(?<![0-9A-Za-z_\-/.])(?P<ky>{_YEAR})(?P<km>0[1-9]|1[0-2])(?P<kd>0[1-9]|[12]\d|3[01])"
    r"(?![0-9A-Za-z_\-/.])"
)
# Year-less forms; month/day ranges are in the pattern so page numbers like 1-2 do not match.
_SHORT = (
    r"(?<![\d\-/.:])(?P<dm>0[1-9]|1[0-2])(?P<dsep>[-/])(?P<dd>0[1-9]|[12]\d|3[01])(?![\d\-/.:])"
    r"|(?<![\d年])(?P<zm>\d{1,2})\s?月\s?(?P<zd>\d{1,2})\s?[日号]"
)

_DATE_RE = re.compile(f"{_FULL}|{_COMPACT}")
_DATE_SHORT_RE = re.compile(f"{_FULL}|{_COMPACT}|{_SHORT}")


def _fields(m: re.Match, default_year: int | None) -> tuple[int, int, int] | None:
    g = m.group
    if g("cy"):
        return int(g("cy")), int(g("cm")), int(g("cd"))
    if g("sy"):
        return int(g("sy")), int(g("sm")), int(g("sd"))
    if g("ky"):
        return int(g("ky")), int(g("km")), int(g("kd"))
    if default_year is None:
        return None
    if g("dm"):
        return default_year, int(g("dm")), int(g("dd"))
    return default_year, int(g("zm")), int(g("zd"))


def _to_date(m: re.Match, default_year: int | None) -> date | None:
    ymd = _fields(m, default_year)
    if ymd is None:
        return None
    try:
        return date(*ymd)
    except ValueError:  # 2019-02-30, 2019-13-01
        return None


def find_date_text(text: str | None, short: bool = False) -> str | None:
    """The first date-looking token in ``text``, as printed (even if it is no valid date).

    ``short=True`` also accepts year-less tokens (``09-05``, ``9月5日``).
    """
    if not text:
        return None
    m = (_DATE_SHORT_RE if short else _DATE_RE).search(text.translate(_FULLWIDTH))
    return text[m.start():m.end()] if m else None


def parse_date(text: str | None, default_year: int | None = None) -> date | None:
    """The first date token in ``text`` as a date; None when there is none or it is impossible.

    The first token decides: a text whose first date is invalid yields None rather than a later
    date, so a wrong date in a metadata field is never silently replaced.
    Year-less tokens count only when ``default_year`` is given.
    """
    if not text:
        return None
    pattern = _DATE_SHORT_RE if default_year is not None else _DATE_RE
    m = pattern.search(text.translate(_FULLWIDTH))
    return _to_date(m, default_year) if m else None


def all_dates(text: str | None, default_year: int | None = None) -> list[date]:
    """Every valid date in ``text``, in order (invalid tokens are skipped)."""
    if not text:
        return []
    pattern = _DATE_SHORT_RE if default_year is not None else _DATE_RE
    out = []
    for m in pattern.finditer(text.translate(_FULLWIDTH)):
        d = _to_date(m, default_year)
        if d is not None:
            out.append(d)
    return out
