"""Findings: what a rule yields, its stable fingerprint, and the run folder's findings.csv/jsonl."""
from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

EXPORT_FIELDS = ("rule", "unit", "severity", "indicator", "url", "column", "index_no", "message",
                 "fingerprint", "title", "source", "requirement")


@dataclass
class Finding:
    rule: str
    unit: str
    severity: str
    message: str
    url: str | None = None
    column_path: str | None = None
    index_no: str | None = None
    indicator: str | None = None
    evidence: dict = field(default_factory=dict)
    fingerprint: str = ""
    gap: bool = False    # a coverage gap (抓取不完整，需人工核查), not a finding against the unit

    def row(self) -> dict:
        row = asdict(self)
        row["gap"] = int(self.gap)
        return row


def normalised_url(url: str | None) -> str:
    """A URL that stays the same across runs: no port (demo worlds move), sorted query, no fragment,
    lower-case host."""
    if not url:
        return ""
    parts = urlsplit(url)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return urlunsplit(("", (parts.hostname or "").lower(), parts.path or "/", query, ""))


def fingerprint(rule: str, unit: str, url: str | None, column_path: str | None, index_no: str | None,
                detail: str = "") -> str:
    """rule + unit + normalised location: the same problem next quarter has the same fingerprint."""
    column = re.sub(r"\s+", "", column_path or "")
    key = "\x1f".join((rule, unit, normalised_url(url), column, (index_no or "").strip(), detail))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def export(findings: list[dict], rules: dict, folder: Path) -> tuple[Path, Path]:
    """findings.csv (UTF-8 with BOM, so Excel opens it) and findings.jsonl in `folder`."""
    csv_path, jsonl_path = folder / "findings.csv", folder / "findings.jsonl"
    rows = []
    for f in findings:
        r = rules.get(f["rule"])
        rows.append({"rule": f["rule"], "unit": f["unit"], "severity": f["severity"],
                     "indicator": f["indicator"], "url": f["url"] or "", "column": f["column_path"] or "",
                     "index_no": f["index_no"] or "", "message": f["message"],
                     "fingerprint": f["fingerprint"], "title": r.title if r else "",
                     "source": r.source_text if r else "", "requirement": r.requirement if r else ""})
    with csv_path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=EXPORT_FIELDS)
        writer.writeheader()
        writer.writerows({k: spreadsheet_cell(v) for k, v in row.items()} for row in rows)
    with jsonl_path.open("w", encoding="utf-8") as fh:
        for row, f in zip(rows, findings):
            fh.write(json.dumps({**row, "evidence": f.get("evidence") or {}}, ensure_ascii=False) + "\n")
    return csv_path, jsonl_path


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """A spreadsheet cell value that can never be a formula (crawled text is hostile)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
