"""Audit speed: `zwgk check` on a snapshot of at least 100,000 pages.

    .venv/bin/python benchmarks/audit.py RUN_DIR [--pages 100000]

RUN_DIR is a crawled run (e.g. of the demo world: `zwgk crawl --program site_profiles/programs/demo.yaml`).
Its units are copied under new ids and hosts (every URL made distinct) into a new snapshot until it
holds the number of pages asked for, then the whole audit (every rule, scoring, CSV/JSONL) is timed.
Prints one table: pages, items, units, findings, seconds, peak memory.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# columns holding URLs, JSON lists of them included: a copy's URLs all move to its own hosts
URL_COLUMNS = {"fetches": ("url", "final_url"), "pages": ("url",), "links": ("from_url", "to_url"),
               "columns": ("url",), "items": ("url", "attachments", "interp_urls", "doc_urls"),
               "attachments": ("item_url", "url"), "listings": ("url", "source_url"),
               "search_probes": ("item_url", "search_url", "results"),
               "media_accounts": ("url",), "probes": ("url",)}


def replicate(source: Path, target: Path, pages: int) -> int:
    """Copy the source snapshot into `target`, adding renamed copies of its units until `pages`."""
    shutil.copy(source / "snapshot.db", target / "snapshot.db")
    db = sqlite3.connect(target / "snapshot.db")
    base = db.execute("select count(*) from pages").fetchone()[0]
    units = [r[0] for r in db.execute("select id from units")]
    copies = max(0, -(-pages // base) - 1)
    for k in range(1, copies + 1):
        for table, cols in URL_COLUMNS.items():
            names = [r[1] for r in db.execute(f"pragma table_info([{table}])") if r[1] != "id"]
            exprs = []
            for n in names:
                if n == "unit":
                    exprs.append(f"unit || '_c{k}'")
                elif n in cols:
                    exprs.append(f"replace({n}, '://', '://c{k}.')")
                else:
                    exprs.append(n)
            db.execute(f"insert into [{table}] ({', '.join(names)}) select {', '.join(exprs)} from [{table}] "
                       f"where unit in ({', '.join('?' * len(units))})", units)
        db.execute(f"insert into units select id || '_c{k}', name, type, org_code, replace(portal, '://', '://c{k}.'), "
                   f"replace(disclosure, '://', '://c{k}.'), hosts, profile, status, pages, items, errors, started, "
                   f"finished from units where id in ({', '.join('?' * len(units))})", units)
    db.commit()
    total = db.execute("select count(*) from pages").fetchone()[0]
    db.close()
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run_dir", type=Path)
    ap.add_argument("--pages", type=int, default=100_000)
    args = ap.parse_args()
    from checks.engine import audit_run
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp)
        total = replicate(args.run_dir, target, args.pages)
        db = sqlite3.connect(target / "snapshot.db")
        items, units = (db.execute(f"select count(*) from {t}").fetchone()[0] for t in ("items", "units"))
        db.close()
        started = time.perf_counter()
        result = audit_run(target)
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'pages':>8}{'items':>8}{'units':>7}{'findings':>10}{'seconds':>9}{'peak MB':>9}")
    print(f"{total:>8}{items:>8}{units:>7}{len(result.findings):>10}{seconds:>9.1f}{peak:>9.0f}")


if __name__ == "__main__":
    main()
