"""Which unit a URL belongs to.

A unit may only be crawled within its allowed hosts. Hosts are often shared: a county platform
(集约化) carries the county, its 乡镇 and 街道 as organs (`?organId=2`), and the county portal
carries their channels (`/xzjd/taoyuan/`). On a shared host a URL belongs to the unit whose start
URL is the most specific match: the same organ parameter value, else the longest path prefix.
Where that does not decide (items of a platform: `/public/2/123.html`), the unit that found the
link keeps it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

# Query parameters that name an organ or site on shared platforms (organId, siteId, branch_id …)
ORGAN_PARAM = re.compile(r"^(organ|org|site|branch|unit|dept|web)_?id$|^organid$|^siteid$|^webid$", re.I)


@dataclass
class Start:
    unit: str
    prefix: str                 # directory of the start URL's path
    organ: tuple[str, str] | None   # (param name lower-cased, value)


@dataclass
class Scope:
    """Allowed hosts per unit, and the starts that decide ownership on shared hosts."""
    hosts: dict[str, set[str]] = field(default_factory=dict)       # unit → hosts
    starts: dict[str, list[Start]] = field(default_factory=dict)   # host → starts on it
    patterns: dict[str, list[re.Pattern]] = field(default_factory=dict)  # unit → override regexes
    # host → organ ids seen in its URLs' organ parameters: platforms put items under the organ's
    # id in the path (/public/4533/7001.html), so a path segment naming another organ is its page
    organ_ids: dict[str, set[str]] = field(default_factory=dict)

    def add_unit(self, unit: str, hosts: list[str], start_urls: list[str], patterns=()) -> None:
        self.hosts[unit] = {h.lower() for h in hosts}
        if isinstance(patterns, str):   # `scope: "organId=2"` in a profile: one pattern, not one per letter
            patterns = [patterns]
        self.patterns[unit] = [re.compile(p) for p in patterns]
        for url in start_urls:
            self.add_start(unit, url)

    def allowed(self, unit: str, url: str) -> bool:
        """Is `url` inside `unit`'s part of the web (host allowed, not another unit's organ/channel)?"""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        # ftp:, file: … on an allowed host are not the unit's web pages (file: would read our own disk)
        if parts.scheme not in ("http", "https") or host not in self.hosts.get(unit, ()):
            return False
        if self.patterns.get(unit):
            return any(p.search(url) for p in self.patterns[unit])
        owner = self.owner(host, parts.path, parts.query)
        return owner is None or owner == unit

    def learn_start(self, unit: str, url: str) -> None:
        """A start URL that redirected to an organ's page (`/` → `?organId=2`): the unit is that
        organ of a shared platform, so the other organs' pages there are not its own."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        organ = next(((k.lower(), v) for k, v in parse_qsl(parts.query) if ORGAN_PARAM.match(k)), None)
        if organ and host in self.hosts.get(unit, ()) and not any(
                s.unit == unit and s.organ == organ for s in self.starts.get(host, [])):
            self.add_start(unit, url)

    def add_start(self, unit: str, url: str) -> None:
        parts = urlsplit(url)
        prefix = parts.path.rsplit("/", 1)[0] + "/"
        organ = next(((k.lower(), v) for k, v in parse_qsl(parts.query) if ORGAN_PARAM.match(k)), None)
        self.starts.setdefault((parts.hostname or "").lower(), []).append(Start(unit, prefix, organ))

    def owner(self, host: str, path: str, query: str) -> str | None:
        starts = self.starts.get(host, [])
        params = {k.lower(): v for k, v in parse_qsl(query)}
        # organs decide even for a single unit: a 乡镇 audited alone on its county's platform
        for s in starts:
            if s.organ and s.organ[0] in params:
                if params[s.organ[0]] == s.organ[1]:
                    return s.unit
        if any(s.organ and s.organ[0] in params for s in starts):
            self.organ_ids.setdefault(host, set()).update(
                params[s.organ[0]] for s in starts if s.organ and s.organ[0] in params)
            return "?"   # another organ's page that no unit of this program claims
        # ids too short to tell from page numbers or months are not read in paths
        own = {s.organ[1]: s.unit for s in starts if s.organ and len(s.organ[1]) >= 3}
        if own:
            segments = path.split("/")
            for seg in segments:
                if seg in own:
                    return own[seg]
            if any(seg in self.organ_ids.get(host, ()) and len(seg) >= 3 for seg in segments):
                return "?"
        if len({s.unit for s in starts}) < 2:
            return None
        best = [s for s in starts if path.startswith(s.prefix)]
        if not best:
            return None
        longest = max(len(s.prefix) for s in best)
        owners = {s.unit for s in best if len(s.prefix) == longest}
        return owners.pop() if len(owners) == 1 else None
