"""Hand-made snapshots for rule tests: one unit, a few rows, the real Snapshot and rule engine."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from checks.audit import UnitData
from checks.engine import audit_unit
from checks.registry import all_rules
from crawler.snapshot import Snapshot
from site_profiles import load_unit_types
from site_profiles.rubric import audit_spec, load_rubric

PORTAL = "http://portal.example.gov.cn/"
DISCLOSURE = "http://xxgk.example.gov.cn/index.html"
ORG = "003240560"


class Mini:
    def __init__(self, tmp_path, unit_type: str = "county", as_of: date = date(2019, 9, 30),
                 name: str = "云溪市青岚区人民政府", org_code: str = ORG):
        self.as_of = as_of
        self.snap = Snapshot.create(tmp_path / "run", "t", "test", as_of.isoformat())
        self.snap.set_run(status="complete")   # a hand-made snapshot stands for a finished crawl
        self.snap.upsert_unit({"id": "u", "name": name, "type": unit_type, "org_code": org_code,
                               "portal": PORTAL, "disclosure": DISCLOSURE, "hosts": [], "status": "ok"})
        self.type = unit_type
        self._n = 0
        # the disclosure home was read: content rules apply
        self.fetch(DISCLOSURE, 200)
        self.fetch(PORTAL, 200)
        self.add("pages", url=DISCLOSURE, kind="home", site="disclosure", text="")

    def add(self, table: str, **row):
        return self.snap.add(table, {"unit": "u", **row})

    def fetch(self, url: str, status: int | None, purpose: str = "crawl", error: str | None = None, **kw):
        return self.add("fetches", **{"url": url, "final_url": url, "status": status, "purpose": purpose,
                                      "error": error, "fetched_at": "2019-09-30T00:00:00+00:00", **kw})

    def item(self, **kw) -> dict:
        self._n += 1
        row = {"url": f"http://xxgk.example.gov.cn/art/{self._n}.html", "title": f"关于第{self._n}项工作的通知",
               "index_no": f"{ORG}/201909-{self._n:05d}", "publisher": "云溪市青岚区人民政府",
               "created": "2019-09-02", "published": "2019-09-03", "summary": "概述",
               "column_path": "法定主动公开内容 > 通知公告", "body": "正文。"}
        row.update(kw)
        self.add("items", **row)
        return row

    def column(self, path: str, complete: bool | None = True, reason: str | None = None, **kw):
        """A column; its list seen whole unless `complete` is False (None: no list recorded)."""
        parts = path.split(" > ")
        row = {"path": path, "name": parts[-1], "parent": " > ".join(parts[:-1]) or None, "depth": len(parts),
               "url": f"http://xxgk.example.gov.cn/col/{abs(hash(path)) % 10**6}.html"}
        row.update(kw)
        self.add("columns", **row)
        if complete is not None:
            self.seen("column", path, complete, reason, first_url=row["url"])
        return row

    def seen(self, kind: str, key: str, complete: bool = True, reason: str | None = None, **kw):
        """A list (column, view or portal) and how completely the crawl saw it."""
        row = {"kind": kind, "key": key, "column_path": None if kind == "view" else key,
               "view": key if kind == "view" else None, "fetched_pages": 1, "failed_pages": 0 if complete else 1,
               "items_seen": 0, "complete": int(complete), "reason": None if complete else (reason or "第2页未能读取")}
        row.update(kw)
        return self.add("lists", **row)

    def audit(self, *codes: str, errors: list[str] | None = None) -> list[dict]:
        """Every row the rules yield, coverage gaps included. A rule that raises fails the test;
        given `errors`, its failure is recorded there instead, as `zwgk audit` records it."""
        self.snap.flush()
        rules = all_rules()
        unit = next(self.snap.rows("units"))
        data = UnitData(self.snap, unit, _spec(self.type), self.as_of)
        return audit_unit(data, {c: rules[c] for c in codes}, errors)

    def findings(self, *codes: str) -> list[dict]:
        """The findings against the unit (coverage gaps left out)."""
        return [f for f in self.audit(*codes) if not f["gap"]]

    def gaps(self, *codes: str) -> list[dict]:
        """The coverage gaps: where a rule could not prove its place complete."""
        return [f for f in self.audit(*codes) if f["gap"]]


@lru_cache(maxsize=None)
def _spec(unit_type: str):
    """A unit type's audit spec, read once: parsing the profiles is most of a small audit's time."""
    rules = all_rules()
    return audit_spec(load_unit_types()[unit_type], load_rubric(known_rules=rules), known_rules=rules)
