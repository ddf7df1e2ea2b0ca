"""Audit accuracy: the demo world and every markup-zoo site, crawled and checked against their ground
truth.

    .venv/bin/python benchmarks/accuracy.py [--only demo,trs,...]

Prints one table, a row per world: recall (seeded defects found), precision (findings that match a
seeded defect), decoys flagged, coverage (share of the world's URLs the crawler asked for), coverage
gaps (where a rule could not prove its place complete and reported 抓取不完整，需人工核查 instead), and
the findings and defects behind the two rates. Coverage gaps are not findings: they count in neither rate.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def demo_world(folder: Path) -> dict:
    """Crawl and check the demo world the way `zwgk demo` does; the row of the table."""
    import demo_sites
    from checks.engine import audit_run
    from checks.evaluate import evaluate
    from demo_sites.profiles import write_profiles
    from demo_sites.server import WorldServer, free_port
    from tests.zoo.harness import canonical
    probe = demo_sites.load()
    world = demo_sites.load(port=free_port([s.host for s in probe.sites if not s.down]))
    wanted = {canonical(u) for u in demo_sites.sitemap(world)}
    server = WorldServer(world).start()
    try:
        program = write_profiles(world, folder)
        proc = subprocess.run([sys.executable, "-m", "zwgk.cli", "crawl", "--program", str(program),
                               "--out", str(folder / "runs")], capture_output=True, text=True)
    finally:
        server.stop()
    if proc.returncode != 0:
        raise SystemExit(f"demo crawl failed:\n{proc.stderr[-3000:]}")
    run_dir = next((folder / "runs").iterdir())
    result = audit_run(run_dir)
    db = sqlite3.connect(run_dir / "snapshot.db")
    asked = {canonical(u) for (u,) in db.execute("select url from fetches union select final_url from fetches "
                                                 "where final_url is not null")}
    db.close()
    scores = evaluate(result.findings, world.truth)
    claims = [f for f in result.findings if not f["gap"]]
    expected = sum(s.expected for s in scores.values())
    return {"world": "demo", "recall": sum(s.found for s in scores.values()) / expected,
            "precision": sum(s.correct for s in scores.values()) / len(claims) if claims else 1.0,
            "decoys_flagged": sum(s.decoys_flagged for s in scores.values()),
            "coverage": len(wanted & asked) / len(wanted), "gaps": len(result.findings) - len(claims),
            "findings": len(claims), "expected": expected, "errors": len(result.errors)}


def zoo_site(name: str, folder: Path) -> dict:
    from tests.zoo import load
    from tests.zoo.harness import describe, run_site
    out = run_site(load(name), folder, name)
    row = {**describe(out), "errors": len(out.errors)}
    if (row["recall"], row["precision"], row["decoys_flagged"], row["coverage"], row["gaps"]) != (1, 1, 0, 1, 0):
        print(out.report(), file=sys.stderr)   # what went wrong, beside the table
    return row


def main() -> None:
    from tests.zoo import site_names
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="comma-separated worlds: demo and zoo site names")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON lines too")
    args = ap.parse_args()
    worlds = ["demo", *site_names()]
    if args.only:
        worlds = [w for w in worlds if w in args.only.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in worlds:
            folder = Path(tmp) / name
            folder.mkdir()
            rows.append(demo_world(folder) if name == "demo" else zoo_site(name, folder))
            print(f"… {name} done", file=sys.stderr)
    print(f"{'world':<10}{'recall':>8}{'precision':>11}{'decoys':>8}{'coverage':>10}{'gaps':>6}"
          f"{'findings':>10}{'defects':>9}{'rule errors':>13}")
    for r in rows:
        print(f"{r['world']:<10}{r['recall']:>8.3f}{r['precision']:>11.3f}{r['decoys_flagged']:>8}"
              f"{r['coverage']:>10.1%}{r['gaps']:>6}{r['findings']:>10}{r['expected']:>9}{r['errors']:>13}")
        if args.json:
            print(json.dumps(r, ensure_ascii=False))


if __name__ == "__main__":
    main()
