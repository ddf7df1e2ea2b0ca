"""`render_reports(run_dir)`: everything a run hands to people, in RUN_DIR/reports/.

    reports/
        index.html            the run dashboard (self-contained, opens offline)
        units/<unit>.xlsx     整改清单 per unit (and .html)
        packs/<unit>.zip      evidence pack per unit (zwgk verify checks it); SHA256SUMS lists them
        评分表.csv / .xlsx     the score sheet
    evidence/                 screenshots, with manifest.json (SHA-256 of each)
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from crawler.snapshot import Snapshot
from crawler.warc import index_records

from . import dashboard, scoresheet
from .common import RunReport
from .evidence import take_screenshots, write_manifest
from .packs import build_pack
from .rectification import write_html, write_xlsx


def attach_screenshots(run_dir: Path, records: dict) -> int:
    """Take the screenshots the findings lack and record them in their evidence."""
    snap = Snapshot.open(run_dir)
    try:
        findings = list(snap.rows("findings", order_by="id"))
        todo = [f for f in findings if not (f["evidence"] or {}).get("screenshot")
                or not (run_dir / "evidence" / f["evidence"]["screenshot"]).exists()]
        shots = take_screenshots(run_dir, todo, records)
        with snap.db.atomic():
            for f in todo:
                if f["fingerprint"] in shots:
                    ev = {**(f["evidence"] or {}), **shots[f["fingerprint"]]}
                    snap.db.table("findings").update(f["id"], {"evidence": json.dumps(ev, ensure_ascii=False)})
    finally:
        snap.close()
    evidence = run_dir / "evidence"
    if evidence.exists():
        write_manifest(evidence, [p for p in evidence.iterdir() if p.suffix == ".png"], evidence / "manifest.json")
    return len(shots)


def render_reports(run_dir, screenshots: bool = True, signing_key=None) -> Path:
    """`signing_key`: an Ed25519 private key (reports/signing.py) that signs every pack's manifest."""
    run_dir = Path(run_dir)
    capture = run_dir / "capture.warc.gz"
    records = index_records(capture) if capture.exists() else {}   # read once, bodies left on disk
    if screenshots:
        attach_screenshots(run_dir, records)
    report = RunReport.load(run_dir)
    out = run_dir / "reports"
    sums = []
    for unit in report.units:
        write_xlsx(report, unit, out / "units" / f"{unit['id']}.xlsx")
        write_html(report, unit, out / "units" / f"{unit['id']}.html")
        pack = build_pack(report, unit, out / "packs", records, signing_key)
        sums.append(f"{hashlib.sha256(pack.read_bytes()).hexdigest()}  {pack.name}")
    (out / "packs" / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    scoresheet.write(report, out)
    return dashboard.write(report, out / "index.html")
