"""Titles compared as readers compare them: whitespace, width, highlight markup and list
truncation ("…") do not make two titles different."""
from __future__ import annotations

import re
import unicodedata

_TAGS = re.compile(r"<[^>]{0,200}>")
_SPACE = re.compile(r"[\s\u3000\xa0]+")
_ELLIPSIS = re.compile(r"(…+|\.{3,}|。{3,})$")


def normal(title: str | None) -> str:
    t = unicodedata.normalize("NFKC", _TAGS.sub("", title or ""))
    return _SPACE.sub("", t)


def truncated(title: str | None) -> bool:
    return bool(_ELLIPSIS.search(normal(title)))


def cut(title: str | None) -> str:
    """A truncated title without its …, normalised (NFKC makes … into ...)."""
    return _ELLIPSIS.sub("", normal(title))


def same_title(shown: str | None, full: str | None) -> bool:
    """Is `shown` (a list or search entry) the title `full`, allowing for a cut with …?"""
    a, b = normal(shown), normal(full)
    if not a or not b:
        return True   # nothing to compare
    if a == b:
        return True
    if _ELLIPSIS.search(a):
        head = _ELLIPSIS.sub("", a)
        return bool(head) and b.startswith(head)
    return False
