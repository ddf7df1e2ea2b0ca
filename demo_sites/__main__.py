"""命令行：演示世界的服务、基准真值与网址清单。

    python -m demo_sites serve [--as-of 2019-09-30] [--seed N] [--scale K] [--faults] [--port P]
    python -m demo_sites truth --as-of 2019-09-30 [--seed N]
    python -m demo_sites sitemap --as-of 2019-09-30 [--seed N]
"""
from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from datetime import date

from . import DEFAULT_AS_OF, DEFAULT_PORT, load, sitemap
from .server import WorldServer


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text!r}") from exc


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{text!r}")
    return int(text)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m demo_sites", description="演示世界：一个虚构城市的政务公开网站群。")
    sub = p.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--as-of", type=_date, default=DEFAULT_AS_OF, help="检查基准日（默认 2019-09-30）")
    common.add_argument("--seed", type=int, default=0, help="随机种子（默认 0）")
    common.add_argument("--scale", type=_positive, default=1, help="规模系数：栏目信息量与单位数随之增长（默认 1）")
    common.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"端口（默认 {DEFAULT_PORT}）")
    serve = sub.add_parser("serve", parents=[common], help="启动全部网站，每站一个回环地址",
                           description="启动全部网站。例：python -m demo_sites serve --port 8800")
    serve.add_argument("--faults", action="store_true", help="故障模式：慢响应、5xx、连接重置、重定向循环等")
    sub.add_parser("truth", parents=[common], help="输出基准真值（JSON 数组）",
                   description="输出全部预置问题与诱饵。例：python -m demo_sites truth --as-of 2019-09-30")
    sub.add_parser("sitemap", parents=[common], help="输出全部可访问网址，每行一个",
                   description="例：python -m demo_sites sitemap --as-of 2019-09-30")
    return p


def site_lines(world) -> list[str]:
    """`<unit-id> <portal|disclosure|media> <base-url>` for every unit."""
    lines = []
    for unit in world.units:
        portal, disclosure = world.views[unit.portal.host], world.views[unit.disclosure.host]
        lines.append(f"{unit.id} portal {portal.home_url(unit)}")
        lines.append(f"{unit.id} disclosure {disclosure.home_url(unit)}")
        for acct in unit.media:
            media = next(v for v in world.views.values() if v.spec.template == acct.platform)
            lines.append(f"{unit.id} media {media.account_url(acct)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    world = load(args.seed, args.as_of, args.scale, args.port, getattr(args, "faults", False))
    out = sys.stdout
    if args.command == "truth":
        json.dump(world.truth, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif args.command == "sitemap":
        for url in sitemap(world):
            out.write(url + "\n")
    else:
        try:
            server = WorldServer(world).start()
        except OSError as exc:
            print(f"无法启动：{exc}", file=sys.stderr)
            return 2
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        for line in site_lines(world):
            out.write(line + "\n")
        out.flush()
        stop.wait()
        server.stop()
        print("已停止。", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
