"""A crawl killed with SIGKILL and resumed ends as a clean crawl of the same sites does: the same
fetches, none twice, every WARC record a fetch row's and every fetch row's record in the WARC.

Real crawls of two demo units (one static GBK site, one street on the county platform whose lists
are rendered in Chromium), killed at several points, resumed with `zwgk crawl --resume`."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from checks.engine import audit_run
from demo_sites.profiles import write_profiles

pytestmark = pytest.mark.browser   # the gatherer starts Chromium

UNITS = "gjj,dongcheng"


def zwgk(*args, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zwgk.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def fetch_count(run_dir: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{run_dir / 'snapshot.db'}?mode=ro", uri=True, timeout=1)
        try:
            return db.execute("select count(*) from fetches").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def crawl_killed_after(program: Path, out: Path, fetches: int, resume: Path | None = None) -> Path:
    """Start a crawl (or a resume) and SIGKILL it once the snapshot holds `fetches` fetch rows."""
    args = ["--resume", str(resume)] if resume else ["--program", str(program), "--units", UNITS, "--out", str(out)]
    proc = subprocess.Popen([sys.executable, "-m", "zwgk.cli", "crawl", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    run_dir = resume
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if run_dir is None:
                run_dir = next(iter(out.glob("*/snapshot.db")), None)
                run_dir = run_dir.parent if run_dir else None
            if run_dir is not None and fetch_count(run_dir) >= fetches:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the crawl ended before it could be killed"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)   # the crawler and its Chromium, as a kill -9 of the job would
        proc.wait()
    return run_dir


def fetched(run_dir: Path) -> Counter:
    """(method, URL, purpose, try) of every fetch row, counted."""
    db = sqlite3.connect(run_dir / "snapshot.db")
    try:
        return Counter(db.execute("select method, url, purpose, attempt from fetches where purpose != 'probe'"))
    finally:
        db.close()


def warc_ids(run_dir: Path) -> list[str]:
    with open(run_dir / "capture.warc.gz", "rb") as stream:
        return [r.rec_headers.get_header("WARC-Record-ID") for r in ArchiveIterator(stream)
                if r.rec_type != "warcinfo"]


@pytest.fixture(scope="module")
def runs(world, tmp_path_factory):
    base = tmp_path_factory.mktemp("resume")
    program = write_profiles(world, base)
    clean = zwgk("crawl", "--program", str(program), "--units", UNITS, "--out", str(base / "clean"))
    assert clean.returncode == 0, clean.stderr[-2000:]
    clean_dir = next((base / "clean").iterdir())
    total = fetch_count(clean_dir)
    # killed early, then its resume killed again half-way, then resumed to the end
    killed = crawl_killed_after(program, base / "killed", total // 5)
    early = fetch_count(killed)
    crawl_killed_after(program, base / "killed", total // 2, resume=killed)
    middle = fetch_count(killed)
    resumed = zwgk("crawl", "--resume", str(killed))
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    return clean_dir, killed, (early, middle, total), resumed


def test_a_killed_run_keeps_everything_it_captured(runs):
    _, _, (early, middle, total), _ = runs
    assert 0 < early < middle < total


def test_the_resumed_run_is_complete_and_fetched_what_a_clean_run_fetched(runs):
    clean, resumed, _, proc = runs
    db = sqlite3.connect(resumed / "snapshot.db")
    assert db.execute("select status from run").fetchone()[0] == "complete"
    stats = db.execute("select stats from run").fetchone()[0]
    db.close()
    assert '"zwgk/replayed"' in stats          # answers of the killed runs were replayed, not fetched again
    assert fetched(resumed) == fetched(clean)


def test_every_table_is_rebuilt_once_not_twice(runs):
    clean, resumed, _, _ = runs
    from crawler.snapshot import TABLES
    def counts(run_dir):
        db = sqlite3.connect(run_dir / "snapshot.db")
        try:
            return {t: db.execute(f"select count(*) from [{t}]").fetchone()[0] for t in TABLES
                    if t not in ("findings", "scores")}
        finally:
            db.close()
    expected = counts(clean)
    assert expected["pages"] > 100 and expected["items"] > 50
    assert counts(resumed) == expected


def test_no_fetch_twice_and_the_capture_matches_the_snapshot(runs):
    _, resumed, _, _ = runs
    ids = warc_ids(resumed)
    assert len(ids) == len(set(ids))
    db = sqlite3.connect(resumed / "snapshot.db")
    rows = [r[0] for r in db.execute("select warc_record_id from fetches where warc_record_id is not null")]
    db.close()
    assert sorted(rows) == sorted(ids)       # every record a row's, every row's record there, once


def test_the_resumed_run_audits_as_the_clean_run(runs):
    clean, resumed, _, _ = runs
    a, b = audit_run(clean), audit_run(resumed)
    assert a.errors == [] and b.errors == []
    assert sorted(f["fingerprint"] for f in a.findings) == sorted(f["fingerprint"] for f in b.findings)


def test_a_complete_run_is_not_resumed(runs):
    clean, _, _, _ = runs
    proc = zwgk("crawl", "--resume", str(clean))
    assert proc.returncode == 2 and "已完成" in proc.stderr and "Traceback" not in proc.stderr
