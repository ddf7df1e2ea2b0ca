"""Faults and a hostile site, end to end: what each should do to a crawl, and what it did.

    .venv/bin/python benchmarks/faults.py            # needs psutil: pip install -e '.[bench]'

Crawls one unit of the demo world in faults mode (slow answers, 503 bursts, resets, a redirect
loop, a calendar trap, a 64 MB page, a gzip bomb, a page lying about its encoding, malformed HTML)
and the hostile site of tests/test_hostile_scope.py (links and scripts aimed at a listener on
another loopback port, file: and ftp: links), then checks and reports each run, and prints one
table: fault, expected, observed, and whether they agree; then the wall time and the peak memory of
each run's whole process tree (Chromium included).
"""
from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from treemem import run_measured  # noqa: E402

UNIT = "kaifaqu"     # a static site whose portal links every fault page


def zwgk(*args) -> list[str]:
    return [sys.executable, "-m", "zwgk.cli", *args]


def one(db, sql: str, *params):
    row = db.execute(sql, params).fetchone()
    return row[0] if row else None


def faults_rows(db) -> list[tuple[str, str, str, bool]]:
    def tries(name):
        return db.execute("select status, error, elapsed_ms, failure from fetches where url like ? order by id",
                          [f"%/faults/{name}%"]).fetchall()
    rows = []
    slow = tries("slow")
    rows.append(("慢响应（20 秒）", "等到超时或收到，记录耗时，不挂起",
                 f"{len(slow)} 次，最长 {max((t[2] or 0) for t in slow) / 1000:.1f} 秒" if slow else "未请求",
                 bool(slow)))
    burst = tries("burst")
    rows.append(("503 突发（前三次 503）", "重试 2 次，每次都记录，以最后一次为准",
                 " → ".join(str(t[0]) for t in burst) or "未请求", [t[0] for t in burst] == [503, 503, 503]))
    reset = tries("reset")
    rows.append(("连接重置", "重试后记为网站故障", f"{len(reset)} 次，{reset[-1][3] if reset else '-'}",
                 bool(reset) and reset[-1][3] == "site"))
    loop = db.execute("select count(*) from fetches where url like '%/faults/loop%' or final_url like '%/faults/loop%'"
                      ).fetchone()[0]
    rows.append(("重定向循环", "至多 5 跳后停止", f"{loop} 条记录", 0 < loop <= 6))
    cal = one(db, "select count(*) from fetches where url like '%/faults/calendar%'")
    depth = json.loads(one(db, "select settings from run"))["DEPTH_LIMIT"]
    rows.append(("日历陷阱（上月、下月无穷无尽）", f"有界：两条链各至多 {depth} 层（DEPTH_LIMIT）", f"{cal} 页",
                 0 < cal <= 2 * depth))
    huge = tries("huge")
    rows.append(("64 MB 页面", "超过 20 MB 即放弃，记为抓取方问题", f"{huge[-1][1][:60] if huge and huge[-1][1] else huge}",
                 bool(huge) and huge[-1][3] == "crawler"))
    bomb = tries("bomb")
    rows.append(("gzip 炸弹", "解压超过上限即放弃", f"{bomb[-1][1][:60] if bomb and bomb[-1][1] else bomb}",
                 bool(bomb) and bomb[-1][0] is None))
    liar = one(db, "select title from pages where url like '%/faults/liar%'")
    rows.append(("编码谎报（声称 UTF-8，实为 GBK）", "按字节识别，标题可读", repr(liar), liar == "通知公告"))
    bad = one(db, "select count(*) from pages where url like '%/faults/malformed%'")
    rows.append(("畸形 HTML", "照样解析，不崩溃", f"{bad} 页", bad >= 1))
    return rows


def hostile_rows(db, listener) -> list[tuple[str, str, str, bool]]:
    blocked = one(db, "select count(*) from fetches where purpose = 'subresource'")
    refused = one(db, "select count(*) from fetches where error like '%forbidden_address%'")
    local = one(db, "select count(*) from fetches where url like 'file:%' or url like 'ftp:%'")
    return [
        ("另一端口上的监听者", "收不到任何连接", f"{listener.connections} 个连接", listener.connections == 0),
        ("指向本机网络的外链与重定向", "解析后拒绝，记为抓取错误", f"{refused} 次拒绝", refused >= 3),
        ("页面脚本的站外请求", "浏览器中拦截并记录", f"{blocked} 个被拦截", blocked >= 4),
        ("file: 与 ftp: 链接", "从不读取", f"{local} 次读取", local == 0),
    ]


def crawl_and_report(program: Path, out: Path, *units: str):
    crawl = run_measured(zwgk("crawl", "--program", str(program), "--out", str(out), *units), timeout=1800)
    if crawl.returncode != 0:
        raise SystemExit(f"crawl failed ({crawl.returncode}):\n{crawl.stderr[-3000:]}")
    run_dir = next(out.iterdir())
    check = run_measured(zwgk("check", str(run_dir)))
    report = run_measured(zwgk("report", str(run_dir)), timeout=1800)
    ok = check.returncode in (0, 1) and report.returncode == 0
    return run_dir, crawl, ok, report


def main() -> None:
    import demo_sites
    from demo_sites.profiles import write_profiles
    from demo_sites.server import WorldServer, free_port
    from tests import test_hostile_scope as hostile
    from tests.zoo.harness import ZooServer, site_number, write_program

    table, runs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        probe = demo_sites.load()
        world = demo_sites.load(port=free_port([s.host for s in probe.sites if not s.down]), faults=True)
        server = WorldServer(world).start()
        try:
            program = write_profiles(world, tmp / "faults")
            run_dir, crawl, ok, report = crawl_and_report(program, tmp / "faults" / "runs", "--units", UNIT)
        finally:
            server.stop()
        db = sqlite3.connect(run_dir / "snapshot.db")
        table += faults_rows(db)
        status = one(db, "select status from run")
        db.close()
        table.append(("故障模式整体", "抓取完成，报告生成", f"抓取 {status}，报告{'已生成' if ok else '失败'}",
                      status == "complete" and ok))
        runs.append(("故障模式（" + UNIT + "）", crawl, report))

        listener = hostile.Listener()
        hostile.LISTENER["port"] = listener.port
        zoo = ZooServer(hostile.SITE, site_number("hostile")).start()
        try:
            program = write_program(hostile.SITE, zoo, tmp / "hostile", "hostile")
            run_dir, crawl, ok, report = crawl_and_report(program, tmp / "hostile" / "runs")
        finally:
            zoo.stop()
            listener.close()
        db = sqlite3.connect(run_dir / "snapshot.db")
        table += hostile_rows(db, listener)
        db.close()
        table.append(("恶意网站整体", "抓取完成，报告生成", "报告已生成" if ok else "报告失败", ok))
        runs.append(("恶意网站", crawl, report))

    print("| 故障 | 预期 | 实际 | 一致 |\n|---|---|---|---|")
    for fault, expected, observed, agree in table:
        print(f"| {fault} | {expected} | {observed} | {'是' if agree else '**否**'} |")
    print("\n| 运行 | 抓取秒数 | 抓取峰值内存（进程树，MB） | 报告峰值内存（进程树，MB） |\n|---|---|---|---|")
    for name, crawl, report in runs:
        print(f"| {name} | {crawl.seconds:.0f} | {crawl.peak_mb:.0f} | {report.peak_mb:.0f} |")
    sys.exit(0 if all(row[3] for row in table) else 1)


if __name__ == "__main__":
    main()
