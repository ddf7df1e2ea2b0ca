"""The `zwgk` command. Thin: each subcommand parses options and calls one library function."""
from __future__ import annotations

import argparse
import sys

from . import __version__


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(
        prog="zwgk", description="政务公开网站监测：爬取、检查、评分、出具整改清单。",
        epilog="例：zwgk world serve --port 8800（启动内置演示世界）")
    p.add_argument("--version", action="version", version=f"zwgk-audit {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("world", add_help=False, help="内置演示世界：serve | truth | sitemap（参数同 python -m demo_sites）")
    args, rest = p.parse_known_args(argv)
    if args.command == "world":
        from demo_sites.__main__ import main as world_main
        return world_main(rest)
    return 2


if __name__ == "__main__":
    sys.exit(main())
