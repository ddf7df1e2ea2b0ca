"""The `zwgk` command. Thin: each subcommand parses options and calls one library function."""
from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from datetime import date

from . import __version__

CHECK_LOG = "check.log"   # in the run folder: tracebacks of rules that crashed


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text!r}") from exc


def _crawl_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--program", required=True, help="监测方案 YAML 文件")
    p.add_argument("--units", help="只处理这些单位（逗号分隔的单位编号）")
    p.add_argument("--as-of", type=_date, help="检查基准日（默认取方案中的 as_of，否则为今天）")
    p.add_argument("--out", help="输出目录（默认 runs/）")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="覆盖抓取设置，如 --set ZWGK_SEARCH_SAMPLE=40（可多次使用）")


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
    _crawl_options(crawl)
    check = sub.add_parser(
        "check", help="按规则目录检查一次运行的快照（不联网），写入问题清单和评分",
        description="重新检查已保存的快照：替换该次运行的 findings 与 scores，并写出 findings.csv、findings.jsonl、scores.csv。",
        epilog="例：zwgk check runs/demo-20190930T080000 --as-of 2019-09-30")
    check.add_argument("run_dir", metavar="RUN_DIR", help="运行目录（含 snapshot.db）")
    check.add_argument("--as-of", type=_date, help="检查基准日（默认取该次运行的基准日）")
    ev = sub.add_parser(
        "eval", help="用标准答案（ground truth）评估一次运行的检查结果：各规则的查准率、查全率",
        description="把运行中的问题与标准答案逐条比对（规则、单位及索引号/栏目/网址，以及严重程度），报告每条规则的查准率、查全率、误报的干扰项和严重程度不符的问题。",
        epilog="例：zwgk world truth > truth.json && zwgk eval runs/demo-… --truth truth.json")
    ev.add_argument("run_dir", metavar="RUN_DIR", help="已检查过的运行目录")
    ev.add_argument("--truth", required=True, help="标准答案 JSON 文件（演示世界的格式）")
    run = sub.add_parser(
        "run", help="完整流程：抓取、检查、评分、出具报告",
        description="抓取方案中各单位的网站，按规则检查、评分，生成整改清单、证据包、评分表和监测总览。",
        epilog="例：zwgk run --program site_profiles/programs/demo.yaml")
    _crawl_options(run)
    report = sub.add_parser("report", help="重新生成一次运行的报告",
                            description="按已保存的快照和检查结果重新生成 RUN_DIR/reports/ 下的全部报告。",
                            epilog="例：zwgk report runs/demo-20190930T080000")
    report.add_argument("run_dir", metavar="RUN_DIR", help="运行目录")
    report.add_argument("--no-screenshots", action="store_true", help="不截取证据截图")
    demo = sub.add_parser("demo", help="用内置演示世界跑一遍完整流程",
                          description="启动演示世界，按演示方案在其基准日运行完整流程，关闭演示世界，给出报告位置。",
                          epilog="例：zwgk demo --out runs/")
    demo.add_argument("--out", help="输出目录（默认 runs/）")
    verify = sub.add_parser("verify", help="校验证据包：逐个文件核对 SHA-256",
                            description="核对证据包中每个文件的 SHA-256 与 manifest.json 是否一致，指出被修改、缺少或多出的文件。",
                            epilog="例：zwgk verify runs/demo-…/reports/packs/qinglan.zip")
    verify.add_argument("pack", metavar="PACK", help="证据包（.zip）")
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
    if args.command == "check":
        return check_command(args)
    if args.command == "eval":
        return eval_command(args)
    if args.command == "run":
        return run_command(args)
    if args.command == "report":
        return report_command(args)
    if args.command == "demo":
        return demo_command(args)
    if args.command == "verify":
        return verify_command(args)
    return 2


@contextmanager
def _rule_tracebacks_to(path):
    """A rule that crashes is told in one line (`检查出错：…`); its traceback goes to `path` (made
    only then) instead of the terminal."""
    import logging
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    log = logging.getLogger("checks")
    log.addHandler(handler)
    try:
        yield
    finally:
        log.removeHandler(handler)
        handler.close()


def _print_rule_errors(errors, run_dir) -> None:
    for err in errors:
        print(f"检查出错：{err}", file=sys.stderr)
    if errors:
        print(f"出错规则的详细信息见 {run_dir / CHECK_LOG}", file=sys.stderr)


def _audit_and_report(run_dir, as_of=None) -> int:
    from checks.engine import audit_run
    from checks.summary import print_summary
    with _rule_tracebacks_to(run_dir / CHECK_LOG):
        result = audit_run(run_dir, as_of=as_of)
    print_summary(result)
    _print_rule_errors(result.errors, run_dir)
    index, complete = _report(run_dir)
    if index is None:
        return 1
    print(f"整改清单：{index.parent / 'units'}/<单位>.xlsx|.html；证据包：{index.parent / 'packs'}/<单位>.zip")
    return 1 if result.errors or not complete else 0


def run_command(args) -> int:
    code, run_dir = _crawl(args)
    if code != 0:
        return code
    return _audit_and_report(run_dir, as_of=args.as_of)


def report_command(args) -> int:
    run_dir = _open_run(args.run_dir)
    if run_dir is None:
        return 2
    _, complete = _report(run_dir, screenshots=not args.no_screenshots)
    return 0 if complete else 1


def _report(run_dir, screenshots: bool = True):
    """Render the reports and say in one Chinese line what could not be built (the tracebacks go
    to RUN_DIR/report.log): (the dashboard's path or None if there is none, whether every report
    was built)."""
    from reports.render import REPORT_LOG, describe, render_reports
    errors: list[str] = []
    try:
        index = render_reports(run_dir, screenshots=screenshots, errors=errors)
    except Exception as exc:   # the stage as a whole: the snapshot unreadable, the disk full
        print(f"报告未能生成：{describe(exc)}（详见 {run_dir / REPORT_LOG}）", file=sys.stderr)
        return None, False
    print(f"报告：{index}")
    if errors:
        print(f"报告出错 {len(errors)} 处（已列在总览中）：{'；'.join(errors)[:300]}（详见 {run_dir / REPORT_LOG}）",
              file=sys.stderr)
    return index, not errors


def demo_command(args) -> int:
    import tempfile

    import demo_sites
    from crawler.run import crawl
    from demo_sites.profiles import write_profiles
    from demo_sites.server import WorldServer, free_port
    from site_profiles import load_program
    probe = demo_sites.load()
    world = demo_sites.load(port=free_port([s.host for s in probe.sites if not s.down]))
    server = WorldServer(world).start()
    print(f"演示世界已启动（端口 {world.port}），基准日 {world.as_of}")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            program = load_program(write_profiles(world, tmp))
            run_dir = crawl(program, out=args.out or "runs")
    except ValueError as exc:   # e.g. no browser: nothing was crawled
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    finally:
        server.stop()
        print("演示世界已关闭")
    return _audit_and_report(run_dir)


def verify_command(args) -> int:
    from reports.packs import verify_pack
    problems = verify_pack(args.pack)
    for p in problems:
        print(p)
    if problems:
        print(f"校验未通过：{args.pack}")
        return 1
    print(f"校验通过：{args.pack} 中的每个文件都与 manifest.json 一致")
    return 0


def _open_run(run_dir: str):
    from pathlib import Path
    path = Path(run_dir)
    if not (path / "snapshot.db").is_file():
        print(f"错误：{run_dir} 不是运行目录（其中没有 snapshot.db）", file=sys.stderr)
        return None
    return path


def check_command(args) -> int:
    from site_profiles import ProfileError
    run_dir = _open_run(args.run_dir)
    if run_dir is None:
        return 2
    from checks.engine import audit_run
    from checks.summary import print_summary
    try:
        with _rule_tracebacks_to(run_dir / CHECK_LOG):
            result = audit_run(run_dir, as_of=args.as_of)
    except ProfileError as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return 2
    print_summary(result)
    _print_rule_errors(result.errors, run_dir)
    return 1 if result.errors else 0


def eval_command(args) -> int:
    run_dir = _open_run(args.run_dir)
    if run_dir is None:
        return 2
    from checks.evaluate import evaluate_run, mismatch_lines
    from checks.summary import print_evaluation
    try:
        scores = evaluate_run(run_dir, args.truth)
    except (OSError, ValueError, KeyError) as exc:
        print(f"错误：无法读取标准答案 {args.truth}：{exc}", file=sys.stderr)
        return 2
    print_evaluation(scores)
    for line in mismatch_lines(scores):
        print(line)
    return 0


def crawl_command(args) -> int:
    return _crawl(args)[0]


def _crawl(args):
    """Crawl as `zwgk crawl` does: (exit code, run folder or None)."""
    from site_profiles import ProfileError, load_program
    try:
        program = load_program(args.program)
    except (ProfileError, OSError) as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return 2, None
    overrides = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name.isupper():
            print(f"--set 应为 NAME=VALUE：{item!r}", file=sys.stderr)
            return 2, None
        problem = _setting_problem(name, value)
        if problem:
            print(f"--set {item!r}：{problem}", file=sys.stderr)
            return 2, None
        overrides[name] = value
    from crawler.run import crawl
    units = [u.strip() for u in args.units.split(",")] if args.units else None
    try:
        run_dir = crawl(program, units=units, as_of=args.as_of, out=args.out, overrides=overrides)
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2, None
    except RuntimeError as exc:
        print(f"内部错误：{exc}", file=sys.stderr)
        return 1, None
    print(f"快照已写入：{run_dir}")
    return 0, run_dir


def _setting_problem(name: str, value: str) -> str | None:
    """Why `--set NAME=VALUE` cannot be used, or None: a mistyped name must not be silently ignored,
    nor a value the crawl could only fail on after its run folder is made."""
    import difflib

    from scrapy.settings import default_settings

    from crawler.settings import BASE
    known = {**{n: getattr(default_settings, n) for n in dir(default_settings) if n.isupper()}, **BASE}
    if name not in known and not name.startswith("PLAYWRIGHT_"):   # scrapy-playwright's own settings
        hint = difflib.get_close_matches(name, known, n=1)
        return "未知的设置名" + (f"（是否应为 {hint[0]}？）" if hint else "")
    default = known.get(name)
    if isinstance(default, bool):
        if value.lower() not in ("0", "1", "true", "false"):
            return f"应为 true 或 false，实际为 {value!r}"
    elif isinstance(default, (int, float)):
        try:
            float(value)
        except ValueError:
            return f"应为数字，实际为 {value!r}"
    return None


if __name__ == "__main__":
    sys.exit(main())
