"""What a rule sees: one unit's part of the snapshot, its profile, the as-of date and its parameters.

`UnitData` reads a unit's rows once, lazily, and is shared by every rule run on that unit;
`UnitAudit` binds it to one rule, so a check only writes ``audit.param("days")`` and
``audit.finding(...)``.
"""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from functools import cached_property

from crawler.snapshot import Snapshot

from .findings import Finding, fingerprint
from .registry import Rule

_SPACE = re.compile(r"\s+")


def parse_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


class RunData:
    """What every unit's audit shares: the outcome of each URL fetched in the run (an external
    target is fetched once, for the first unit that linked it)."""

    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot

    @cached_property
    def outcome(self) -> dict[str, dict]:
        """url → its last fetch {id, status, error, purpose, elapsed_ms, failure} (retries end in the
        last; a redirected URL's outcome is that of its final page). A GET decides over a POST to the
        same URL: a postback or search the site refused says nothing of whether the link opens."""
        out = {}
        cur = self.snapshot.db.execute(
            "select id, url, status, error, purpose, elapsed_ms, failure from fetches "
            "order by coalesce(method, 'GET') = 'GET', id")
        for fid, url, status, error, purpose, elapsed, failure in cur:
            out[url] = {"id": fid, "status": status, "error": error, "purpose": purpose, "elapsed_ms": elapsed,
                        "failure": failure}
        return out


class UnitData:
    """One unit's snapshot rows, read on first use."""

    def __init__(self, snapshot: Snapshot, unit: dict, spec, as_of: date, run: RunData | None = None):
        self.snapshot = snapshot
        self.spec = spec            # site_profiles.rubric.AuditSpec of the unit's type
        self.run = run or RunData(snapshot)
        self.unit = unit
        self.id: str = unit["id"]
        self.name: str = unit.get("name") or ""
        self.type = spec.type
        self.as_of = as_of
        self.profile: dict = unit.get("profile") or {}

    def _rows(self, table: str, where: str = "", params=(), order_by: str | None = None) -> list[dict]:
        clause = "unit = ?" + (f" and ({where})" if where else "")
        return list(self.snapshot.rows(table, clause, [self.id, *params], order_by=order_by))

    # ---- tables -------------------------------------------------------------------------------
    @cached_property
    def items(self) -> list[dict]:
        return self._rows("items", order_by="id")

    @cached_property
    def items_by_url(self) -> dict[str, dict]:
        return {i["url"]: i for i in self.items}

    @cached_property
    def listings(self) -> list[dict]:
        return self._rows("listings", order_by="id")

    @cached_property
    def columns(self) -> list[dict]:
        return self._rows("columns", order_by="id")

    @cached_property
    def links(self) -> list[dict]:
        return self._rows("links", order_by="id")

    @cached_property
    def attachments(self) -> list[dict]:
        return self._rows("attachments", order_by="id")

    @cached_property
    def probes(self) -> list[dict]:
        return self._rows("probes", order_by="id")

    @cached_property
    def search_probes(self) -> list[dict]:
        return self._rows("search_probes", order_by="id")

    @cached_property
    def media_accounts(self) -> list[dict]:
        return self._rows("media_accounts", order_by="id")

    def page_text(self, url: str | None) -> str:
        row = self.snapshot.db.execute("select text from pages where url = ? limit 1", [url]).fetchone() if url else None
        return (row[0] or "") if row else ""

    def pages(self, kind: str | None = None, site: str | None = None) -> list[dict]:
        where, params = [], []
        if kind:
            where.append("kind = ?")
            params.append(kind)
        if site:
            where.append("site = ?")
            params.append(site)
        return self._rows("pages", " and ".join(where), params, order_by="id")

    @cached_property
    def fetches(self) -> dict[str, list[dict]]:
        """url → every fetch of it for this unit (retries included), in order; bodies are not read."""
        out = defaultdict(list)
        cur = self.snapshot.db.execute(
            "select id, url, final_url, status, error, purpose, elapsed_ms, content_type, attempt, failure from fetches "
            "where unit = ? order by id", [self.id])
        cols = [d[0] for d in cur.description]
        for row in cur:
            f = dict(zip(cols, row))
            out[f["url"]].append(f)
        return out

    def outcome(self, url: str) -> dict | None:
        """The last fetch of `url` in the whole run, whoever made it; None if never fetched."""
        return self.run.outcome.get(url)

    # ---- derived ------------------------------------------------------------------------------
    @property
    def org_code(self) -> str:
        return (self.unit.get("org_code") or "").strip()

    @cached_property
    def reachable(self) -> bool:
        """Was the disclosure site's home page read at all? Content rules need it."""
        home = self.unit.get("disclosure")
        return any(p["url"] == home or p["kind"] == "home" for p in self.pages("home", "disclosure")) \
            or any(f["status"] and f["status"] < 400 for f in self.fetches.get(home, ()))

    @cached_property
    def unreadable(self) -> str | None:
        """Why none of the unit's sites could be read (every content rule is then 未能检测); None
        when one was."""
        if self.reachable or self.portal_reachable:
            return None
        return "网站无法访问，内容未能抓取"

    @cached_property
    def portal_reachable(self) -> bool:
        return any(f["status"] and f["status"] < 400 for f in self.fetches.get(self.unit.get("portal"), ()))

    @cached_property
    def sites(self) -> list[tuple[str, str]]:
        """(role, home URL) of every site of the unit: portal and disclosure first, then the others
        its profile registers (mobile, department, service)."""
        main = [(role, self.unit[role]) for role in ("portal", "disclosure") if self.unit.get(role)]
        return main + [(s["role"], s["url"]) for s in self.profile.get("sites") or ()
                       if s["role"] not in ("portal", "disclosure")]

    def site_url(self, role: str) -> str | None:
        return next((url for r, url in self.sites if r == role), None)

    def home_urls(self, role: str = "portal") -> set[str]:
        """A site's home as configured and every address it was read at after redirects (/ → /index.html)."""
        start = self.site_url(role)
        if not start:
            return set()
        return {start} | {f["final_url"] for f in self.fetches.get(start, ()) if f["final_url"] and f["status"]
                          and f["status"] < 400}

    @cached_property
    def column_by_path(self) -> dict[str, dict]:
        return {c["path"]: c for c in self.columns}

    @cached_property
    def column_listings(self) -> dict[str, list[dict]]:
        """column path → the list entries seen on that column's own list pages."""
        out = defaultdict(list)
        for li in self.listings:
            if li["source"] == "list" and li["column_path"]:
                out[li["column_path"]].append(li)
        return out

    # ---- completeness: what absence rules need ---------------------------------------------------
    @cached_property
    def lists(self) -> dict[tuple[str, str], dict]:
        """(kind, key) → the list's completeness row (crawler/completeness.py)."""
        return {(r["kind"], r["key"]): r for r in self._rows("lists", order_by="id")}

    def list_gap(self, kind: str, key: str | None) -> str | None:
        """Why the list (kind column | view | portal) is not proven complete; None when it is."""
        row = self.lists.get((kind, key or ""))
        if row is None:
            return "未记录该列表的抓取情况（列表页未能读取或未被识别为列表）"
        return None if row["complete"] else (row["reason"] or "列表抓取不完整")

    @cached_property
    def crawl_cut(self) -> str | None:
        """Why the unit's crawl stopped before it had seen everything; None when it finished."""
        return {"timeout": "本单位抓取时间预算用尽，抓取提前结束",
                "budget": "本单位抓取页数预算用尽，抓取提前结束",
                "running": "本单位抓取未正常结束"}.get(self.unit.get("status"))

    @cached_property
    def unread_links(self) -> list[dict]:
        """Links to the unit's own pages whose target was never read: not fetched, our own failure,
        or an error answer other than 404/410 (a page that is gone is the site's, and LINK-001's)."""
        out = []
        for link in self.links:
            if link["kind"] != "internal":
                continue
            o = self.outcome(link["to_url"])
            if o is None or (o["status"] or 0) >= 500 or (o["status"] is None) or o.get("failure") == "crawler":
                out.append({**link, "why": _unread_reason(o)})
        return out

    def unread_entry(self, matches) -> dict | None:
        """The first link whose text `matches` (a predicate) and whose target was not read."""
        return next((link for link in self.unread_links if matches(link["anchor"] or "")), None)


def _unread_reason(outcome: dict | None) -> str:
    if outcome is None:
        return "未抓取"
    if outcome.get("failure") == "crawler":
        return f"抓取程序未能完成请求（{(outcome['error'] or '').split(':')[0]}）"
    if outcome["status"]:
        return f"返回HTTP {outcome['status']}"
    return f"无法连接（{(outcome['error'] or '').split(':')[0]}）"


class UnitAudit:
    """A rule's view of one unit: the data plus the rule's parameters and a finding factory."""

    def __init__(self, data: UnitData, rule: Rule, params: dict):
        self.data = data
        self.rule = rule
        self.params = params
        self.as_of = data.as_of

    def param(self, name: str):
        return self.params[name]

    def finding(self, message: str, *, url: str | None = None, column_path: str | None = None,
                index_no: str | None = None, severity: str | None = None, excerpt: str | None = None,
                fetch_ids=(), detail: str = "", **evidence) -> Finding:
        """A finding of this rule. The message says what is wrong and where; the rule's requirement
        and source are appended, so every message also says what the rule requires."""
        full = f"{message}。要求：{self.rule.requirement}（依据：{self.rule.source_text}）"
        ev = {k: v for k, v in evidence.items() if v not in (None, "", [], {})}
        ids = [i for i in fetch_ids if i]
        if ids:
            ev["fetch_ids"] = sorted(set(ids))
        if excerpt:
            ev["excerpt"] = _SPACE.sub(" ", excerpt).strip()[:300]
        return Finding(rule=self.rule.code, unit=self.data.id, severity=severity or self.rule.severity,
                       message=full, url=url, column_path=column_path, index_no=index_no, evidence=ev,
                       fingerprint=fingerprint(self.rule.code, self.data.id, url, column_path, index_no, detail))

    def gap(self, place: str, reason: str, *, url: str | None = None, column_path: str | None = None,
            detail: str = "", **evidence) -> Finding:
        """A coverage gap: this rule could not prove `place` complete, so it reports nothing against
        the unit there; a person checks it. Advisory, never deducted."""
        f = self.finding(f"抓取不完整，需人工核查：{place}（{reason}），无法判定是否存在“{self.rule.title}”问题",
                         url=url, column_path=column_path, severity="advisory", detail=f"gap:{detail}", **evidence)
        f.gap = True
        f.evidence["place"], f.evidence["reason"] = place, reason
        return f

    def site_gap(self) -> Finding:
        """The disclosure site could not be read at all: nothing of this rule could be checked."""
        return self.gap("政府信息公开网", "首页未能读取，网站内容无法检查", url=self.data.unit.get("disclosure"),
                        detail="site")

    def __getattr__(self, name):   # audit.items, audit.listings … read through to the data
        return getattr(self.data, name)
