"""Extraction speed on one large list page: 1,500 entries beside a 300-link menu.

    .venv/bin/python benchmarks/extract.py [--rows 1500] [--menu 300] [--repeat 3]

Parses the page and times each extraction step a list page goes through (listings, metadata, body
text, labelled links, pagination); prints one table, the best of --repeat runs per step, and the
number of entries found (it should equal --rows).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

URL = "http://www.qinglan.gov.cn/zwgk/col/col123/index.html"


def large_list_page(rows: int, menu: int) -> str:
    entries = "".join(
        f'<li><a href="/c/{i}.html" title="标题{i}">第{i}条信息标题内容</a><span>2019-09-{i % 28 + 1:02d}</span></li>'
        for i in range(rows))
    links = "".join(f'<li><a href="/m/{i}">栏目{i}</a></li>' for i in range(menu))
    return f"<html><body><ul>{links}</ul><ul>{entries}</ul><p>发布日期：2019-09-05</p></body></html>"


def main() -> None:
    from crawler import extract as ex
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1500, help="entries of the list")
    ap.add_argument("--menu", type=int, default=300, help="links of the navigation menu")
    ap.add_argument("--repeat", type=int, default=3, help="runs per step; the best is shown")
    args = ap.parse_args()
    html = large_list_page(args.rows, args.menu)
    steps = {"parse": lambda: ex.parse(html)}
    tree = ex.parse(html)
    steps.update({"listings": lambda: ex.listings(tree, URL), "metadata": lambda: ex.metadata(tree),
                  "body_text": lambda: ex.body_text(tree), "labelled_links": lambda: ex.labelled_links(tree, URL),
                  "pagination": lambda: ex.pagination(tree, URL)})
    best = {}
    for name, step in steps.items():
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            step()
            times.append(time.perf_counter() - start)
        best[name] = min(times)
    print(f"{'step':<16}{'seconds':>10}")
    for name, seconds in best.items():
        print(f"{name:<16}{seconds:>10.3f}")
    print(f"{'total':<16}{sum(best.values()):>10.3f}")
    print(f"entries found: {len(ex.listings(tree, URL))} of {args.rows}")


if __name__ == "__main__":
    main()
