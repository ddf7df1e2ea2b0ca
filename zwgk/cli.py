"""The `zwgk` command. Thin: each subcommand parses options and calls one library function."""
from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from . import __version__

CHECK_LOG = "check.log"   # in the run folder: tracebacks of rules that crashed


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text!r}") from exc


def _crawl_options(p: argparse.ArgumentParser, resumable: bool = False) -> None:
    if resumable:
        p.add_argument("--resume", metavar="RUN_DIR",
                       help="继续一次被中断（如被强行终止）的抓取：已抓取的响应从存档重放，只抓取其余部分")
    p.add_argument("--program", required=not resumable, help="监测方案 YAML 文件" + (
        "（继续抓取时默认取该次运行的方案文件）" if resumable else ""))
    p.add_argument("--units", help="只处理这些单位（逗号分隔的单位编号）")
    p.add_argument("--as-of", type=_date, help="检查基准日（默认取方案中的 as_of，否则为今天）")
    p.add_argument("--out", help="输出目录（默认 runs/）")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="覆盖抓取设置，如 --set ZWGK_SEARCH_SAMPLE=40（可多次使用）")


def _key_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--key", metavar="FILE",
                   help="签名私钥（默认取 $ZWGK_SIGNING_KEY，否则 ~/.config/zwgk/signing_key.pem；都没有则不签名）")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="zwgk", description="政务公开网站监测：爬取、检查、评分、出具整改清单。",
        epilog="例：zwgk crawl --program site_profiles/programs/demo.yaml")
    p.add_argument("--version", action="version", version=f"zwgk-audit {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    crawl = sub.add_parser(
        "crawl", help="抓取方案中各单位的网站，生成快照（runs/<运行编号>/）",
        description="抓取方案中各单位的门户网站和政府信息公开网，写入 snapshot.db 与 capture.warc.gz。",
        epilog="例：zwgk crawl --program site_profiles/programs/demo.yaml --units qinglan,gjj\n"
               "    zwgk crawl --resume runs/demo-20190930T080000")
    _crawl_options(crawl, resumable=True)
    check = sub.add_parser(
        "check", help="按规则目录检查一次运行的快照（不联网），写入问题清单和评分",
        description="重新检查已保存的快照：替换该次运行的 findings 与 scores，并写出 findings.csv、findings.jsonl、scores.csv。",
        epilog="例：zwgk check runs/demo-20190930T080000 --as-of 2019-09-30")
    check.add_argument("run_dir", metavar="RUN_DIR", help="运行目录（含 snapshot.db）")
    check.add_argument("--as-of", type=_date, help="检查基准日（默认取该次运行的基准日）")
    check.add_argument("--partial", action="store_true", help=PARTIAL_HELP)
    check.add_argument("--profiles", metavar="PROGRAM",
                       help="按当前的监测方案及其单位类型（基本目录）、评分细则检查，而不是按抓取时冻结在运行目录中的副本")
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
    _key_option(run)
    report = sub.add_parser("report", help="重新生成一次运行的报告",
                            description="按已保存的快照和检查结果重新生成 RUN_DIR/reports/ 下的全部报告。",
                            epilog="例：zwgk report runs/demo-20190930T080000")
    report.add_argument("run_dir", metavar="RUN_DIR", help="运行目录")
    report.add_argument("--no-screenshots", action="store_true", help="不截取证据截图")
    report.add_argument("--partial", action="store_true", help=PARTIAL_HELP)
    _key_option(report)
    demo = sub.add_parser("demo", help="用内置演示世界跑一遍完整流程",
                          description="启动演示世界，按演示方案在其基准日运行完整流程，关闭演示世界，给出报告位置。",
                          epilog="例：zwgk demo --out runs/")
    demo.add_argument("--out", help="输出目录（默认 runs/）")
    _key_option(demo)
    verify = sub.add_parser(
        "verify", help="校验证据包：包本身的哈希、签名、每个文件的 SHA-256 与大小、整改清单引用的截图和网页记录",
        description="核对证据包本身的 SHA-256（与旁边的 SHA256SUMS 或 --sha256 比对）、签名（manifest.sig），"
                    "以及每个文件的 SHA-256 和大小是否与 manifest.json 一致；拒绝重复、绝对或跳出目录的文件名和"
                    "大小不合理的文件；核对整改清单引用的每张截图和每条网页记录都在包中。"
                    "退出码：0 通过，1 发现问题，2 输入有误。",
        epilog="例：zwgk verify runs/demo-…/reports/packs/qinglan.zip --pubkey 监测中心公钥.pem")
    verify.add_argument("pack", metavar="PACK", help="证据包（.zip）")
    verify.add_argument("--sha256", metavar="HEX", help="证据包本身应有的 SHA-256（代替旁边的 SHA256SUMS）")
    verify.add_argument("--pubkey", metavar="FILE", help="签发机关的公钥（PEM）：只认由它签发的证据包")
    keys = sub.add_parser("keys", help="证据包签名密钥：zwgk keys init 生成一对 Ed25519 密钥",
                          description="生成证据包签名用的 Ed25519 密钥。私钥只留在本机（权限 0600，不会放进证据包）；"
                                      "公钥交给评估方，用 zwgk verify --pubkey 核对。",
                          epilog="例：zwgk keys init（默认写到 ~/.config/zwgk/）")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True)
    init = keys_sub.add_parser("init", help="生成密钥对", description="生成一对 Ed25519 密钥；已有密钥时不会覆盖。")
    init.add_argument("--dir", help="密钥目录（默认 $XDG_CONFIG_HOME/zwgk，即 ~/.config/zwgk）")
    from . import awards_cli, profiles_cli, scoresheet_cli
    for module in (profiles_cli, scoresheet_cli, awards_cli):   # subcommands in modules of their own
        module.add_parser(sub)
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
    handlers = {"crawl": crawl_command, "check": check_command, "eval": eval_command, "run": run_command,
                "report": report_command, "demo": demo_command, "verify": verify_command, "keys": keys_command}
    if args.command in handlers:
        return handlers[args.command](args)
    from . import awards_cli, profiles_cli, scoresheet_cli
    return {"profiles": profiles_cli, "scoresheet": scoresheet_cli, "awards": awards_cli}[args.command].command(args)


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


def _audit_and_report(run_dir, as_of=None, key=None) -> int:
    from checks.engine import audit_run
    from checks.summary import print_summary
    with _rule_tracebacks_to(run_dir / CHECK_LOG):
        result = audit_run(run_dir, as_of=as_of)
    print_summary(result)
    _print_rule_errors(result.errors, run_dir)
    index, complete = _report(run_dir, key=key)
    if index is None:
        return 1
    print(f"整改清单：{index.parent / 'units'}/<单位>.xlsx|.html；证据包：{index.parent / 'packs'}/<单位>.zip")
    return 1 if result.errors or not complete else 0


def run_command(args) -> int:
    ok, key = _signing_key(args)   # before the crawl: a bad key must not cost a crawl
    if not ok:
        return 2
    code, run_dir = _crawl(args)
    if code != 0:
        return code
    return _audit_and_report(run_dir, as_of=args.as_of, key=key)


def report_command(args) -> int:
    run_dir = _open_run(args.run_dir)
    if run_dir is None or _refused_as_incomplete(run_dir, args.partial):
        return 2
    if _never_checked(run_dir):
        print(f"错误：{run_dir} 尚未检查，没有问题清单和评分可报告；请先运行 zwgk check {run_dir}", file=sys.stderr)
        return 2
    ok, key = _signing_key(args)
    if not ok:
        return 2
    _, complete = _report(run_dir, screenshots=not args.no_screenshots, key=key)
    return 0 if complete else 1


def _report(run_dir, screenshots: bool = True, key=None):
    """Render the reports and say in one Chinese line what could not be built (the tracebacks go
    to RUN_DIR/report.log): (the dashboard's path or None if there is none, whether every report
    was built)."""
    from reports.render import REPORT_LOG, describe, render_reports
    errors: list[str] = []
    try:
        index = render_reports(run_dir, screenshots=screenshots, signing_key=key, errors=errors)
    except Exception as exc:   # the stage as a whole: the snapshot unreadable, the disk full
        print(f"报告未能生成：{describe(exc)}（详见 {run_dir / REPORT_LOG}）", file=sys.stderr)
        return None, False
    print(f"报告：{index}")
    _print_signing(key)
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
    from site_profiles import load_program, out_problem
    if args.out and out_problem(args.out):      # before the world is started
        print(f"--out {args.out!r}：{out_problem(args.out)}", file=sys.stderr)
        return 2
    ok, key = _signing_key(args)
    if not ok:
        return 2
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
    return _audit_and_report(run_dir, key=key)


def verify_command(args) -> int:
    import re
    from pathlib import Path

    from reports.packs import check_pack
    from reports.signing import KeyProblem, load_public
    pack = Path(args.pack)
    if not pack.exists():
        print(f"错误：找不到证据包 {pack}", file=sys.stderr)
        return 2
    if pack.is_dir():
        print(f"错误：{pack} 是文件夹，不是证据包", file=sys.stderr)
        return 2
    if args.sha256 is not None and not re.fullmatch(r"[0-9a-fA-F]{64}", args.sha256):
        print(f"错误：--sha256 应为 64 位十六进制数：{args.sha256!r}", file=sys.stderr)
        return 2
    pubkey = None
    if args.pubkey:
        try:
            pubkey = load_public(args.pubkey)
        except KeyProblem as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 2
    result = check_pack(pack, args.sha256, pubkey)
    for line in [*result.notes, *result.problems]:
        print(line)
    if result.problems:
        print(f"校验未通过：{args.pack}")
        return 1
    print(f"校验通过：{args.pack} 中的每个文件都与 manifest.json 一致")
    return 0


def keys_command(args) -> int:
    from pathlib import Path

    from reports.signing import default_key_dir, fingerprint, init_keys, load_private
    directory = Path(args.dir) if args.dir else default_key_dir()
    try:
        private, public = init_keys(directory)
    except FileExistsError as exc:
        print(f"错误：{exc.args[0]} 已存在，不会覆盖（换一个 --dir，或先移走旧密钥）", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"错误：无法在 {directory} 写入密钥：{exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"私钥：{private}（只留在本机，权限 0600，不会放进证据包）")
    print(f"公钥：{public}（交给评估方：zwgk verify --pubkey {public.name} PACK）")
    print(f"指纹：{fingerprint(load_private(private).public_key())}")
    if args.dir:
        print(f"出具报告时用 --key {private} 或设置 ZWGK_SIGNING_KEY={private} 签名")
    return 0


def _signing_key(args):
    """(ok, key or None): the key named by --key, else $ZWGK_SIGNING_KEY, else the default file if it
    exists. A key that is named but cannot be used is an error, never a silently unsigned pack."""
    import os
    from pathlib import Path

    from reports.signing import KEY_ENV, KeyProblem, default_key_path, load_private
    named = getattr(args, "key", None) or os.environ.get(KEY_ENV)
    path = Path(named) if named else default_key_path()
    if not named and not path.exists():
        return True, None
    try:
        return True, load_private(path)
    except KeyProblem as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return False, None


def _print_signing(key) -> None:
    from reports.signing import fingerprint
    if key is None:
        print("证据包未签名（没有签名密钥；可用 zwgk keys init 生成）")
    else:
        print(f"证据包已签名（密钥指纹 {fingerprint(key.public_key())}）")


def _open_run(run_dir: str):
    from pathlib import Path
    path = Path(run_dir)
    if not (path / "snapshot.db").is_file():
        print(f"错误：{run_dir} 不是运行目录（其中没有 snapshot.db）", file=sys.stderr)
        return None
    problem = _snapshot_problem(path)
    if problem:
        print(f"错误：{path / 'snapshot.db'} {problem}", file=sys.stderr)
        return None
    return path


def _never_checked(run_dir) -> bool:
    """No scores: `zwgk check` never ran (it scores every unit), and a report would show them clean."""
    import sqlite3
    conn = sqlite3.connect(f"{(run_dir / 'snapshot.db').resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("select count(*) from scores").fetchone()[0] == 0
    finally:
        conn.close()


def _snapshot_problem(run_dir) -> str | None:
    """Why the run's snapshot cannot be read, or None. A damaged database would otherwise crash
    every rule in turn (or the reports half-way) instead of saying so once."""
    import sqlite3

    from crawler.snapshot import SchemaVersionError, Snapshot
    db = (run_dir / "snapshot.db").resolve()
    try:
        conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
        try:
            damage = [row[0] for row in conn.execute("pragma quick_check")]
        finally:
            conn.close()
        if damage != ["ok"]:
            return "已损坏（SQLite 完整性检查未通过），请重新抓取或从备份恢复"
        Snapshot.open(run_dir).close()     # the run table and a schema version this code reads
    except sqlite3.DatabaseError as exc:
        if "malformed" in str(exc):     # damage SQLite meets before the check can list it
            return "已损坏（SQLite 完整性检查未通过），请重新抓取或从备份恢复"
        return f"无法读取，不是完好的 SQLite 快照（{exc}）"
    except SchemaVersionError as exc:
        return f"不是本程序能读取的快照（{str(exc).split(': ', 1)[-1]}）"   # the path is said already
    return None


def check_command(args) -> int:
    from site_profiles import ProfileError
    run_dir = _open_run(args.run_dir)
    if run_dir is None or _refused_as_incomplete(run_dir, args.partial):
        return 2
    from checks.engine import audit_run
    from checks.summary import print_summary
    try:
        profiles = {}
        if args.profiles:   # today's profiles instead of those frozen with the run
            from site_profiles import load_program
            from site_profiles.rubric import RUBRIC_PATH
            program = load_program(args.profiles)
            profiles = {"unit_types_dir": Path(next(iter(program.unit_types.values())).source).parent,
                        "rubric_path": RUBRIC_PATH, "profiles_source": str(program.source)}
        with _rule_tracebacks_to(run_dir / CHECK_LOG):
            result = audit_run(run_dir, as_of=args.as_of, **profiles)
    except (ProfileError, OSError) as exc:
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
    from site_profiles import ProfileError, load_program, out_problem
    resume_dir = getattr(args, "resume", None)
    if resume_dir:
        return _resume(args, resume_dir)
    if not args.program:
        print("请用 --program 指定监测方案（或用 --resume RUN_DIR 继续一次中断的抓取）", file=sys.stderr)
        return 2, None
    try:
        program = load_program(args.program)
    except (ProfileError, OSError) as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return 2, None
    if args.out and out_problem(args.out):
        print(f"--out {args.out!r}：{out_problem(args.out)}", file=sys.stderr)
        return 2, None
    from crawler.settings import SettingError, setting_value
    overrides = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name.isupper():
            print(f"--set 应为 NAME=VALUE：{item!r}", file=sys.stderr)
            return 2, None
        try:
            overrides[name] = setting_value(name, value)
        except SettingError as exc:
            print(f"--set {item!r}：{exc}", file=sys.stderr)
            return 2, None
    from crawler.run import crawl
    units = [u.strip() for u in args.units.split(",")] if args.units else None
    return _gathered(lambda: crawl(program, units=units, as_of=args.as_of, out=args.out, overrides=overrides))


def _gathered(gather):
    """Run a crawl (or a resume): (exit code, run folder or None), its failures told in one line."""
    try:
        run_dir = gather()
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2, None
    except RuntimeError as exc:
        print(f"内部错误：{exc}", file=sys.stderr)
        return 1, None
    print(f"快照已写入：{run_dir}")
    return 0, run_dir


def _resume(args, resume_dir: str):
    """`zwgk crawl --resume RUN_DIR`: (exit code, run folder or None)."""
    from site_profiles import ProfileError, load_program
    run_dir = _open_run(resume_dir)
    if run_dir is None:
        return 2, None
    if args.units or args.as_of or args.out or args.set:
        print("继续抓取沿用该次运行的单位、基准日、输出目录和设置：--resume 不能与 --units、--as-of、--out、--set 同用",
              file=sys.stderr)
        return 2, None
    program_file = args.program or _run_field(run_dir, "program_file")
    if not program_file:
        print(f"错误：{run_dir} 未记录方案文件，请用 --program 指定", file=sys.stderr)
        return 2, None
    try:
        program = load_program(program_file)
    except (ProfileError, OSError) as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return 2, None
    from crawler.run import resume
    return _gathered(lambda: resume(program, run_dir))


PARTIAL_HELP = "抓取未完成（被中断或出错）也照样处理：每条问题都标注“部分抓取”"


def _refused_as_incomplete(run_dir, partial: bool) -> bool:
    """A run whose crawl did not finish is refused (unless --partial): what it did not reach would
    read as missing."""
    status = _run_field(run_dir, "status")
    if status == "complete" or partial:
        return False
    why = "抓取出现内部错误" if status == "failed" else "抓取未正常结束（可能被中断）"
    print(f"错误：{run_dir} 的{why}，状态为 {status}。按不完整的快照检查，没抓到的内容会被当作缺失。\n"
          f"请先继续抓取：zwgk crawl --resume {run_dir}\n"
          f"如确需只看已抓取的部分，加 --partial（每条问题都会标注“部分抓取”）", file=sys.stderr)
    return True


def _run_field(run_dir, name: str):
    import sqlite3
    db = sqlite3.connect(f"{(run_dir / 'snapshot.db').resolve().as_uri()}?mode=ro", uri=True)
    try:
        columns = {r[1] for r in db.execute("pragma table_info(run)")}
        return db.execute(f"select {name} from run").fetchone()[0] if name in columns else None
    finally:
        db.close()


if __name__ == "__main__":
    sys.exit(main())
