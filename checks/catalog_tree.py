"""The catalog tree as found, read the way the catalog rules need it: containers such as
法定主动公开内容 ignored, leaves known, each column's freshness class decided."""
from __future__ import annotations

import re

from site_profiles.rubric import Rubric, fresh_class

# A top-level heading that only holds the catalog (主动公开目录, 法定主动公开内容 …) is not a level
CONTAINER = re.compile(r"^(法定)?主动公开(目录|内容|信息)?$|^(政府)?信息公开目录$")
SEP = " > "


def parts(path: str) -> list[str]:
    """The path's names without container levels."""
    names = [p.strip() for p in (path or "").split(SEP) if p.strip()]
    while names and CONTAINER.search(names[0]):
        names.pop(0)
    return names


def leaves(columns: list[dict]) -> list[dict]:
    """Columns no other column sits under."""
    parents = {c["parent"] for c in columns if c["parent"]}
    return [c for c in columns if c["path"] not in parents]


def column_class(path: str, rubric: Rubric) -> str | None:
    """Freshness class of a column: its own name's keywords, else the nearest ancestor's."""
    for name in reversed(path.split(SEP)):
        cls = fresh_class(name, rubric)
        if cls:
            return cls
    return None
