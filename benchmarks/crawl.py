"""Crawl speed and memory: the full gatherer against a bare Scrapy spider on the same demo world.

    .venv/bin/python benchmarks/crawl.py [--scale 5]

Serves a scaled demo world, crawls it with `zwgk crawl` (everything: extraction, Chromium where
needed, search probes, liveness, snapshot, WARC) and with `bare_spider.py` (follows links only),
and prints one table: pages, seconds, pages per second, their ratio, and each run's peak memory
(of the whole process tree at its peak, Chromium included: benchmarks/treemem.py).
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from treemem import run_measured  # noqa: E402


def measured(cmd: list[str]) -> tuple[float, float, str]:
    """Run a command; return (seconds, peak MB of its whole process tree, stdout)."""
    res = run_measured(cmd)
    if res.returncode != 0:
        raise SystemExit(f"{cmd[:4]} failed:\n{res.stderr[-2000:]}")
    return res.seconds, res.peak_mb, res.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, default=5)
    args = ap.parse_args()
    import demo_sites
    from demo_sites.profiles import write_profiles
    from demo_sites.server import WorldServer, free_port
    probe = demo_sites.load(scale=args.scale)
    port = free_port([s.host for s in probe.sites if not s.down])
    world = demo_sites.load(scale=args.scale, port=port)
    pages_in_world = sum(1 for _ in demo_sites.sitemap(world))
    server = WorldServer(world).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            program = write_profiles(world, tmp)
            bare_s, bare_mb, out = measured([sys.executable, str(ROOT / "benchmarks" / "bare_spider.py"), str(program)])
            bare_pages = json.loads(out.strip().splitlines()[-1])["pages"]
            full_s, full_mb, _ = measured([sys.executable, "-m", "zwgk.cli", "crawl", "--program", str(program),
                                           "--out", f"{tmp}/runs", "--set", "ZWGK_AVAIL_PROBES=1",
                                           "--set", "ZWGK_SEARCH_SAMPLE=20"])   # the default, not the demo's all
            db = sqlite3.connect(next(Path(tmp, "runs").iterdir()) / "snapshot.db")
            full_pages = db.execute("select count(*) from fetches where status is not null").fetchone()[0]
    finally:
        server.stop()
    bare_rate, full_rate = bare_pages / bare_s, full_pages / full_s
    print(f"demo world scale {args.scale}: {pages_in_world} URLs in its sitemap, {len(world.units)} units")
    print(f"{'crawler':<16}{'pages':>8}{'seconds':>10}{'pages/s':>10}{'peak MB':>10}")
    print(f"{'bare spider':<16}{bare_pages:>8}{bare_s:>10.1f}{bare_rate:>10.1f}{bare_mb:>10.0f}")
    print(f"{'full gatherer':<16}{full_pages:>8}{full_s:>10.1f}{full_rate:>10.1f}{full_mb:>10.0f}")
    print(f"ratio full/bare: {full_rate / bare_rate:.2f}")


if __name__ == "__main__":
    main()
