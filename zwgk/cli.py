"""The `zwgk` command. Thin: each subcommand parses options and calls one library function."""
from __future__ import annotations

import argparse
import sys
from datetime import date

from . import __version__


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text!r}") from exc


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="zwgk", description="政务公开网站监测：爬取、检查、评分、出具整改清单。",
        epilog="例：zwgk crawl --program site_profiles/programs/demo.yaml")
    p.add_argument("--version", action="version", version=f"zwgk-audit {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    crawl = sub.add_parser(
        "crawl", help="抓取方案中各单位的网站，生成快照（runs/<运行编号>/）",
        description="抓取方案中各单位的门户网站和政府信息公开网，写入 snapshot.db 与 capture.warc.gz。",
        epilog="例：zwgk crawl --program site_profiles/programs/demo.yaml --units qinglan,gjj")
    crawl.add_argument("--program", required=True, help="监测方案 YAML 文件")
    crawl.add_argument("--units", help="只抓取这些单位（逗号分隔的单位编号）")
    crawl.add_argument("--as-of", type=_date, help="检查基准日（默认取方案中的 as_of，否则为今天）")
    crawl.add_argument("--out", help="输出目录（默认 runs/）")
    crawl.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                       help="覆盖抓取设置，如 --set ZWGK_SEARCH_SAMPLE=40（可多次使用）")
    sub.add_parser("world", add_help=False, help="内置演示世界：serve | truth | sitemap（参数同 python -m demo_sites）")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args, rest = parser().parse_known_args(argv)
    if args.command == "world":
        from demo_sites.__main__ import main as world_main
        return world_main(rest)
    if rest:
        parser().error(f"无法识别的参数：{' '.join(rest)}")
    if args.command == "crawl":
        return crawl_command(args)
    return 2


def crawl_command(args) -> int:
    from site_profiles import ProfileError, load_program
    try:
        program = load_program(args.program)
    except (ProfileError, OSError) as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return 2
    overrides = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name.isupper():
            print(f"--set 应为 NAME=VALUE：{item!r}", file=sys.stderr)
            return 2
        overrides[name] = value
    from crawler.run import crawl
    units = [u.strip() for u in args.units.split(",")] if args.units else None
    try:
        run_dir = crawl(program, units=units, as_of=args.as_of, out=args.out, overrides=overrides)
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:
        print(f"内部错误：{exc}", file=sys.stderr)
        return 1
    print(f"快照已写入：{run_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
