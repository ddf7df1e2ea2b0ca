"""Shared fixtures: the demo world served on loopback for the whole session."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

import demo_sites
from demo_sites.server import WorldServer, free_port

# Tests talk to loopback only; never through a proxy from the environment.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


RAW_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect)


@dataclass
class Fetched:
    status: int
    headers: dict
    body: bytes

    def text(self, encoding: str = "utf-8") -> str:
        return self.body.decode(encoding)


def fetch(url: str, timeout: float = 20, follow: bool = True) -> Fetched:
    """GET a URL; HTTP errors come back as a status, connection errors raise URLError."""
    opener = OPENER if follow else RAW_OPENER
    try:
        with opener.open(url, timeout=timeout) as resp:
            return Fetched(resp.status, dict(resp.headers), resp.read())
    except urllib.error.HTTPError as err:
        return Fetched(err.code, dict(err.headers), err.read())


def served_hosts(world) -> list[str]:
    return [s.host for s in world.sites if not s.down]


@pytest.fixture(scope="session")
def world():
    """The default demo world (seed 0, as of 2019-09-30), served on a free port."""
    probe = demo_sites.load()
    port = free_port(served_hosts(probe))
    w = demo_sites.load(port=port)
    server = WorldServer(w).start()
    yield w
    server.stop()


def crawl_log_tail(runs: Path, size: int = 3000) -> str:
    """The end of the crawl's own log (RUN_DIR/crawl.log: the terminal gets only the summary)."""
    logs = sorted(runs.glob("*/crawl.log")) if runs.exists() else []
    return logs[-1].read_text(encoding="utf-8", errors="replace")[-size:] if logs else "(no crawl.log)"


@pytest.fixture(scope="session")
def crawled(world, tmp_path_factory):
    """The served demo world crawled once with its demo program (real Scrapy, real Chromium);
    yields (world, sqlite connection, run folder, finished process)."""
    from demo_sites.profiles import write_profiles
    base = tmp_path_factory.mktemp("crawl")
    program = write_profiles(world, base)
    try:   # ends before pytest-timeout would, so that a slow crawl shows its own log
        proc = subprocess.run([sys.executable, "-m", "zwgk.cli", "crawl", "--program", str(program),
                               "--out", str(base / "runs")], capture_output=True, text=True, timeout=540)
    except subprocess.TimeoutExpired as slow:
        pytest.fail(f"the demo crawl took over {slow.timeout} s; its log ends:\n{crawl_log_tail(base / 'runs')}")
    runs = list((base / "runs").iterdir()) if (base / "runs").exists() else []
    assert proc.returncode == 0, proc.stderr[-3000:] + crawl_log_tail(base / "runs")
    assert len(runs) == 1
    db = sqlite3.connect(runs[0] / "snapshot.db")
    db.row_factory = sqlite3.Row
    yield world, db, runs[0], proc
    db.close()
