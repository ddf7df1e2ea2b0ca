"""Audit a stored snapshot: every registered rule over every unit, then score, then export.

    result = audit_run("runs/demo-20190930T080000")          # no network; replaces findings and scores

The findings and scores go into the snapshot's `findings` and `scores` tables and into the run
folder as findings.csv, findings.jsonl and scores.csv.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from crawler.snapshot import Snapshot
from site_profiles import UNIT_TYPES_DIR, load_unit_types
from site_profiles.freeze import frozen_profiles
from site_profiles.rubric import RUBRIC_PATH, AuditSpec, audit_spec, load_rubric

from .audit import RunData, UnitAudit, UnitData
from .findings import export
from .registry import SEVERITIES, all_rules
from .rules.catalog import match_catalog
from .scoring import export_scores, score_unit

logger = logging.getLogger(__name__)


@dataclass
class AuditResult:
    run_dir: Path
    as_of: date
    findings: list[dict]
    scores: list[dict]
    specs: dict[str, AuditSpec]
    errors: list[str]
    crawl_status: str = "complete"   # the run's; anything else: every finding is marked partial
    profiles: str = "package"        # what it was audited against: frozen | package | a program file


def profiles_for(run_dir: Path, unit_types_dir=None, rubric_path=None, source: str | None = None):
    """(source, unit types folder, rubric) an audit of the run uses: those given, else the copies
    frozen with the run (site_profiles/freeze.py), else the package's (a run made before runs froze
    their profiles)."""
    if unit_types_dir is None and rubric_path is None:
        frozen = frozen_profiles(run_dir)
        return ("frozen", *frozen) if frozen else ("package", UNIT_TYPES_DIR, RUBRIC_PATH)
    return source or "given", Path(unit_types_dir or UNIT_TYPES_DIR), Path(rubric_path or RUBRIC_PATH)


def audit_run(run_dir, as_of: date | None = None, unit_types_dir=None, rubric_path=None,
              profiles_source: str | None = None) -> AuditResult:
    run_dir = Path(run_dir)
    source, unit_types_dir, rubric_path = profiles_for(run_dir, unit_types_dir, rubric_path, profiles_source)
    rules = all_rules()
    rubric = load_rubric(rubric_path, known_rules=rules)
    types = load_unit_types(unit_types_dir)
    snapshot = Snapshot.open(run_dir)
    try:
        run = snapshot.run()
        as_of = as_of or date.fromisoformat(run["as_of"])
        shared = RunData(snapshot)
        findings, scores, specs, errors = [], [], {}, []
        for unit in snapshot.rows("units", order_by="id"):
            utype = types.get(unit["type"])
            if utype is None:
                errors.append(f"{unit['id']}: 未知的单位类型 {unit['type']}")
                continue
            spec = specs.setdefault(utype.id, audit_spec(utype, rubric, known_rules=rules))
            data = UnitData(snapshot, unit, spec, as_of, shared)
            rows = audit_unit(data, rules, errors)
            if run["status"] != "complete":
                rows = [mark_partial(r, run["status"]) for r in rows]
            findings += rows
            _record_matches(snapshot, data, rules["CAT-001"].params["threshold"])
            scores += score_unit(unit["id"], rows, spec, rules, unreadable=data.unreadable)
        _store(snapshot, findings, scores)
        snapshot.set_run(audited_with=audit_basis(source, types, rubric_path))
    finally:
        snapshot.close()
    export(findings, rules, run_dir)
    export_scores(scores, run_dir)
    return AuditResult(run_dir, as_of, findings, scores, specs, errors, run["status"], source)


def audit_basis(source: str, types: dict, rubric_path: Path) -> dict:
    """What an audit was made against, for the run table and every report: each unit type's file
    (its catalog) and the rubric, by SHA-256."""
    def digest(path) -> str:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return {"source": source,
            "unit_types": {t.id: {"file": Path(t.source).name, "sha256": digest(t.source)} for t in types.values()},
            "rubric": {"file": Path(rubric_path).name, "sha256": digest(rubric_path)}}


PARTIAL_MARK = "〔部分抓取〕"


def mark_partial(finding: dict, status: str) -> dict:
    """A finding of a run whose crawl did not finish (`zwgk check --partial`): said in its message,
    which every report shows, and in its evidence."""
    return {**finding, "message": PARTIAL_MARK + finding["message"],
            "evidence": {**(finding.get("evidence") or {}), "partial_crawl": status}}


def audit_unit(data: UnitData, rules: dict, errors: list[str] | None = None) -> list[dict]:
    """Every applicable rule over one unit: finding rows, veto first, one per fingerprint."""
    spec, found = data.spec, []
    for code, rule in rules.items():
        if rule.administrative_only and not spec.type.administrative:
            continue
        audit = UnitAudit(data, rule, spec.params(code, rule.params))
        try:
            found += list(rule.check(audit))
        except Exception as exc:   # one broken rule must not hide the others' findings
            logger.exception("%s on %s failed", code, data.id)
            if errors is None:
                raise
            errors.append(f"{data.id} {code}: {type(exc).__name__}: {exc}")
    for f in found:
        f.indicator = spec.rubric.indicator_of(f.rule) or rules[f.rule].indicator
    rows = _dedupe([f.row() for f in found])
    rows.sort(key=lambda r: (SEVERITIES.index(r["severity"]), r["rule"], r["url"] or "", r["index_no"] or ""))
    return rows


def _record_matches(snapshot: Snapshot, data: UnitData, threshold: float) -> None:
    """columns.matched: the required catalog column each column found stands for."""
    matched = {col["path"]: req.path for req, col, _ in match_catalog(data.spec.catalog, data.columns, threshold)
               if col is not None and col.get("id")}
    with snapshot.db.atomic():
        snapshot.db.execute("update columns set matched = null where unit = ?", [data.id])
        for path, required in matched.items():
            snapshot.db.execute("update columns set matched = ? where unit = ? and path = ?", [required, data.id, path])


def _dedupe(rows: list[dict]) -> list[dict]:
    """One finding per fingerprint: the same problem reached twice is reported once."""
    seen, out = set(), []
    for r in rows:
        if r["fingerprint"] not in seen:
            seen.add(r["fingerprint"])
            out.append(r)
    return out


def _store(snapshot: Snapshot, findings: list[dict], scores: list[dict]) -> None:
    """Replace the run's findings and scores (an audit of the same snapshot again replaces, never adds)."""
    with snapshot.db.atomic():
        snapshot.db.execute("delete from findings")
        snapshot.db.execute("delete from coverage_gaps")
        snapshot.db.execute("delete from scores")
    for f in findings:
        snapshot.add("findings", {k: f[k] for k in ("rule", "unit", "severity", "indicator", "url", "column_path",
                                                    "index_no", "message", "evidence", "fingerprint", "gap")})
        if f["gap"]:
            ev = f["evidence"] or {}
            snapshot.add("coverage_gaps", {"unit": f["unit"], "rule": f["rule"], "indicator": f["indicator"],
                                           "place": ev.get("place"), "url": f["url"], "column_path": f["column_path"],
                                           "reason": ev.get("reason") or "", "evidence": ev,
                                           "fingerprint": f["fingerprint"]})
    for s in scores:
        snapshot.add("scores", s)
    snapshot.flush()
