"""What every report shares: Chinese names, safe text for spreadsheets and links, deadlines, and the
run's data read once from the snapshot."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from checks.findings import spreadsheet_cell
from checks.registry import SEVERITY_NAMES, all_rules
from checks.workdays import nth_workday_after
from crawler.snapshot import Snapshot
from site_profiles import SITE_ROLES

# Working days a unit gets to fix a finding, counted from the audit's as-of date
RECTIFY_WORKDAYS = {"veto": 5, "major": 10, "minor": 20, "advisory": 30}
FAMILY_NAMES = {"AVAIL": "网站可用性", "LINK": "链接可用性", "FRESH": "信息更新", "CAT": "基本目录", "META": "元数据",
                "SRCH": "站内检索", "CONS": "分类一致性", "SYNC": "同步发布", "CONSULT": "公众参与",
                "INTERP": "政策解读", "REPORT": "年度报告", "GUIDE": "公开指南", "APPLY": "依申请公开",
                "MEDIA": "政务新媒体", "PRIV": "保密审查", "IDENT": "网站标识"}
# Content-Security-Policy of every HTML report: nothing loads, nothing runs
CSP = "default-src 'none'; img-src 'self' data: file:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
# What an XLSX cell should not hold: the control characters openpyxl refuses, what XML 1.0 has no
# place for (U+FFFE, U+FFFF, lone surrogates: openpyxl's writer raises on them when saving), and
# DEL and the C1 controls, which it stores but no reader shows. Tab, newline and CR stay.
XLSX_ILLEGAL = re.compile(f"{ILLEGAL_CHARACTERS_RE.pattern}|[\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
XLSX_CELL_MAX = 32767          # characters Excel keeps in one cell; it "repairs" a file with more
TRUNCATED = "…（已截断）"


def xlsx_cell(value):
    """A value as an XLSX cell may hold it: characters a spreadsheet cannot store dropped, text cut
    to Excel's cell limit, and never a formula. Every cell of every XLSX report goes through here:
    one crawled title with a \\x01 must not cost every unit its report."""
    if not isinstance(value, str):
        return value
    value = spreadsheet_cell(XLSX_ILLEGAL.sub("", value))
    if len(value) > XLSX_CELL_MAX:
        value = value[:XLSX_CELL_MAX - len(TRUNCATED)] + TRUNCATED
    return value


def xlsx_link(url: str | None) -> str | None:
    """A hyperlink target for an XLSX cell: an http(s) URL that a workbook can store as it is (one
    with characters XML refuses is left as text rather than made into a link somewhere else)."""
    link = safe_href(url)
    return link if link and not XLSX_ILLEGAL.search(link) else None


def describe(exc: Exception, limit: int = 200) -> str:
    """An exception as one short line fit for a terminal and a report: crawled text can be in the
    message, so control characters (terminal escapes among them) are dropped and length capped."""
    text = " ".join(CONTROL.sub("", f"{type(exc).__name__}: {exc}").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe_href(url: str | None) -> str | None:
    """Only http(s) URLs become links; javascript:, data: and the like stay text."""
    if not url:
        return None
    try:
        return url if urlsplit(url.strip()).scheme in ("http", "https") else None
    except ValueError:
        return None


def deadline(severity: str, as_of: date) -> date:
    return nth_workday_after(as_of, RECTIFY_WORKDAYS[severity])


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("reports", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["href"] = safe_href
    env.globals["CSP"] = CSP
    return env


@dataclass
class RunReport:
    """A run as the reports need it."""
    run_dir: Path
    run: dict
    as_of: date
    units: list[dict]
    findings: list[dict]
    scores: list[dict]
    rules: dict
    coverage: dict = field(default_factory=dict)

    @classmethod
    def load(cls, run_dir) -> "RunReport":
        run_dir = Path(run_dir)
        snap = Snapshot.open(run_dir)
        try:
            run = snap.run()
            units = list(snap.rows("units", order_by="id"))
            findings = list(snap.rows("findings", order_by="id"))
            scores = list(snap.rows("scores"))
            coverage = {}
            for table in ("pages", "items", "search_probes"):
                for unit, n in snap.db.execute(f"select unit, count(*) from [{table}] group by unit"):
                    coverage.setdefault(unit, {})[table] = n
            for unit, n in snap.db.execute("select unit, count(*) from fetches where error is not null "
                                           "or status >= 400 group by unit"):
                coverage.setdefault(unit, {})["errors"] = n
            for unit, n in snap.db.execute("select unit, count(*) from fetches where failure = 'crawler' group by unit"):
                coverage.setdefault(unit, {})["crawler_errors"] = n
            # how completely each list was seen (crawler/completeness.py)
            for unit, done, n, announced, fetched in snap.db.execute(
                    "select unit, complete, count(*), sum(coalesce(announced_pages, fetched_pages)), sum(fetched_pages) "
                    "from lists group by unit, complete"):
                c = coverage.setdefault(unit, {})
                c["lists_complete" if done else "lists_incomplete"] = n
                c["pages_announced"] = c.get("pages_announced", 0) + (announced or 0)
                c["pages_fetched"] = c.get("pages_fetched", 0) + (fetched or 0)
            for row in snap.rows("lists", "complete = 0", order_by="unit, kind, key"):
                coverage.setdefault(row["unit"], {}).setdefault("incomplete", []).append(row)
            for unit, n in snap.db.execute("select unit, count(*) from coverage_gaps group by unit"):
                coverage.setdefault(unit, {})["gaps"] = n
            # every site of a unit: how its availability probes went
            probes = {(r[0], r[1]): (r[2], r[3]) for r in snap.db.execute(
                "select unit, url, sum(ok), count(*) from probes group by unit, url")}
            for u in units:
                main = [(role, u[role]) for role in ("portal", "disclosure") if u.get(role)]
                others = [(s["role"], s["url"]) for s in (u.get("profile") or {}).get("sites") or ()
                          if s["role"] not in ("portal", "disclosure")]
                coverage.setdefault(u["id"], {})["sites"] = [
                    {"role": role, "name": SITE_ROLES.get(role, role), "url": url,
                     "ok": probes.get((u["id"], url), (0, 0))[0] or 0, "probes": probes.get((u["id"], url), (0, 0))[1]}
                    for role, url in main + others]
        finally:
            snap.close()
        return cls(run_dir, run, date.fromisoformat(run["as_of"]), units, findings, scores, all_rules(), coverage)

    def basis(self, unit_type: str | None = None) -> str:
        """What the findings were judged against, in words: the unit type's catalog file and the rubric
        by SHA-256 (first 12 hex digits), and where they came from."""
        applied = self.run.get("audited_with") or {}
        if not applied:
            return "检查依据：未记录（该运行的检查早于记录检查依据的版本）"
        source = {"frozen": "抓取时冻结的配置", "package": "程序自带的配置"}.get(applied["source"], applied["source"])
        types = applied.get("unit_types") or {}
        chosen = [types[unit_type]] if unit_type in types else list(types.values())
        catalogs = "、".join(f"{t['file']}（SHA-256 {t['sha256'][:12]}）" for t in chosen)
        rubric = applied.get("rubric") or {}
        return (f"检查依据：基本目录 {catalogs}；评分细则 {rubric.get('file')}（SHA-256 {str(rubric.get('sha256'))[:12]}）；"
                f"来源：{source}")

    def type_names(self) -> dict[str, str]:
        """Unit type id → its name, from the unit types the run was audited with."""
        from site_profiles import load_unit_types
        from site_profiles.freeze import frozen_profiles
        frozen = frozen_profiles(self.run_dir)
        try:
            types = load_unit_types(frozen[0]) if frozen else load_unit_types()
        except Exception:   # a damaged frozen copy must not cost the dashboard: ids stand in for names
            return {}
        return {t.id: t.name for t in types.values()}

    def unit_findings(self, unit: str) -> list[dict]:
        """Findings and coverage gaps of a unit (a gap has `gap` set)."""
        return [f for f in self.findings if f["unit"] == unit]

    @property
    def claims(self) -> list[dict]:
        """The findings proper: coverage gaps left out (they accuse nobody)."""
        return [f for f in self.findings if not f.get("gap")]

    def unit_scores(self, unit: str) -> list[dict]:
        return [s for s in self.scores if s["unit"] == unit]

    def total(self, unit: str) -> tuple[float, float, bool]:
        mine = self.unit_scores(unit)
        vetoed = any(s["veto"] for s in mine)
        return sum(s["score"] for s in mine), sum(s["max"] for s in mine), vetoed

    def unit_veto(self, unit: str) -> str | None:
        """Why the unit's total is 0 under the rubric's `veto: unit` (None: it is not)."""
        return next((s["detail"]["unit_veto"]["note"] for s in self.unit_scores(unit)
                     if s["detail"].get("unit_veto")), None)

    def rows(self, unit: str) -> list[dict]:
        """The rectification list's rows: veto first, then by severity and rule."""
        out = []
        found_at = (self.run.get("finished") or self.run.get("started") or "")[:10]
        indicator_names = {s["indicator"]: s["detail"]["name"] for s in self.unit_scores(unit)}
        for n, f in enumerate(self.unit_findings(unit), 1):
            rule = self.rules.get(f["rule"])
            ev = f["evidence"] or {}
            out.append({
                "no": n, "family": FAMILY_NAMES.get(f["rule"].split("-")[0], ""), "title": rule.title if rule else "",
                "rule": f["rule"], "indicator": f["indicator"],
                "indicator_name": indicator_names.get(f["indicator"], ""),
                "severity": f["severity"], "severity_name": SEVERITY_NAMES[f["severity"]],
                "column": f["column_path"] or "", "message": f["message"],
                "problem": f["message"].split("。要求：")[0] + "。", "url": f["url"] or "",
                "screenshot": ev.get("screenshot"), "screenshot_error": ev.get("screenshot_error"), "evidence": ev, "found_at": found_at,
                "requirement": rule.requirement if rule else "", "source": rule.source_text if rule else "",
                "deadline": "人工核查" if f.get("gap") else deadline(f["severity"], self.as_of).isoformat(),
                "gap": bool(f.get("gap")), "fingerprint": f["fingerprint"],
                "index_no": f["index_no"] or ""})
        return out
