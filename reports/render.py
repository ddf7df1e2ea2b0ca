"""`render_reports(run_dir)`: everything a run hands to people, in RUN_DIR/reports/.

    reports/
        index.html            the run dashboard (self-contained, opens offline)
        units/<unit>.xlsx     整改清单 per unit (and .html)
        packs/<unit>.zip      evidence pack per unit (zwgk verify checks it); SHA256SUMS lists them
        评分表.csv / .xlsx     the score sheet
    evidence/                 screenshots, with manifest.json (SHA-256 of each)
    report.log                what went wrong while rendering (tracebacks), made only then

Crawled pages are hostile: a unit whose reports cannot be built gets an error line on the
dashboard while every other unit gets its reports, and a page that will not be screenshot is
noted on its finding; neither stops the run.
"""
from __future__ import annotations

import hashlib
import json
import logging
from contextlib import contextmanager
from pathlib import Path

from crawler.snapshot import Snapshot
from crawler.warc import index_records

from . import dashboard, scoresheet
from .common import RunReport, describe
from .evidence import take_screenshots, write_manifest
from .packs import build_pack
from .rectification import write_html, write_xlsx

REPORT_LOG = "report.log"
SHOT_FIELDS = ("screenshot", "screenshot_sha256", "screenshot_of", "highlighted", "screenshot_error")
logger = logging.getLogger(__name__)


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
                if f["fingerprint"] in shots:   # the new outcome replaces the old one, picture or error
                    ev = {k: v for k, v in (f["evidence"] or {}).items() if k not in SHOT_FIELDS}
                    ev.update(shots[f["fingerprint"]])
                    snap.db.table("findings").update(f["id"], {"evidence": json.dumps(ev, ensure_ascii=False)})
    finally:
        snap.close()
    evidence = run_dir / "evidence"
    if evidence.exists():
        write_manifest(evidence, [p for p in evidence.iterdir() if p.suffix == ".png"], evidence / "manifest.json")
    return sum(1 for shot in shots.values() if shot.get("screenshot"))


def render_reports(run_dir, screenshots: bool = True, signing_key=None, errors: list[str] | None = None) -> Path:
    """Write the run's reports; return the dashboard. `signing_key`: an Ed25519 private key
    (reports/signing.py) that signs every pack's manifest.

    What could not be built is said on the dashboard, appended to `errors` (one Chinese line each)
    and logged with its traceback to RUN_DIR/report.log; a failure of the whole stage (the snapshot
    unreadable, the dashboard unwritable) is logged there too, then raised."""
    run_dir = Path(run_dir)
    problems: list[tuple[str | None, str]] = []      # (unit id or None for the run, message)
    with _log_to(run_dir / REPORT_LOG):
        try:
            index = _render(run_dir, screenshots, signing_key, problems)
        except Exception:
            logger.exception("the reports of %s could not be written", run_dir)
            raise
    if errors is not None:
        errors += [message for _, message in problems]
    return index


def _render(run_dir: Path, screenshots: bool, signing_key, problems: list) -> Path:
    capture = run_dir / "capture.warc.gz"
    records = index_records(capture) if capture.exists() else {}   # read once, bodies left on disk
    if screenshots:
        try:
            attach_screenshots(run_dir, records)
        except Exception as exc:    # e.g. Chromium will not start: the reports go out without pictures
            logger.exception("screenshots of %s failed", run_dir)
            problems.append((None, f"证据截图未能生成：{describe(exc)}"))
    report = RunReport.load(run_dir)
    out = run_dir / "reports"
    sums = []
    for unit in report.units:
        paths = (out / "units" / f"{unit['id']}.xlsx", out / "units" / f"{unit['id']}.html",
                 out / "packs" / f"{unit['id']}.zip")
        try:
            write_xlsx(report, unit, paths[0])
            write_html(report, unit, paths[1])
            pack = build_pack(report, unit, out / "packs", records, signing_key)
        except Exception as exc:
            logger.exception("the reports of unit %s failed", unit["id"])
            problems.append((unit["id"], f"单位 {unit['id']} 的整改清单和证据包未能生成：{describe(exc)}"))
            for path in paths:      # no half-written or stale report beside the error line
                if path.is_file():
                    path.unlink()
            continue
        sums.append(f"{hashlib.sha256(pack.read_bytes()).hexdigest()}  {pack.name}")
    (out / "packs").mkdir(parents=True, exist_ok=True)
    (out / "packs" / "SHA256SUMS").write_text("".join(line + "\n" for line in sums), encoding="utf-8")
    failed = {unit for unit, _ in problems if unit}
    try:
        scoresheet.write(report, out, problems)     # a unit that cannot be scored is left out, said so
    except Exception as exc:
        logger.exception("the score sheet of %s failed", run_dir)
        problems.append((None, f"评分表未能生成：{describe(exc)}"))
    return dashboard.write(report, out / "index.html", problems, failed)


@contextmanager
def _log_to(path: Path):
    """The report stage's log lines (a screenshot that overran, a unit that failed, with its
    traceback) go to `path`, made only then, and not to the terminal: they are expected on the
    hostile web and the summary says what matters."""
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    loggers = [logging.getLogger(name) for name in ("reports", "crawler.warc")]
    saved = [(log.propagate, log.level) for log in loggers]
    for log in loggers:
        log.addHandler(handler)
        log.propagate = False
        log.setLevel(logging.INFO)
    try:
        yield
    finally:
        for log, (propagate, level) in zip(loggers, saved):
            log.removeHandler(handler)
            log.propagate, log.level = propagate, level
        handler.close()
