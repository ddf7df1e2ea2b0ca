"""`zwgk profiles import | template | check`: onboarding units from the office's spreadsheet.

Exit codes: 0 all good; 1 (check only) a profile is valid but one of its sites is not reachable as
written (DNS, connection, HTTP status ≥ 400, redirect outside the unit's hosts); 2 anything the user
must fix in the input (bad rows, a bad program, a file that cannot be read or written).
"""
from __future__ import annotations

import argparse
import sys


def add_parser(sub) -> None:
    profiles = sub.add_parser(
        "profiles", help="单位配置：从表格导入（import）、生成空白表格（template）、检查方案与站点（check）",
        description="从单位名单表格生成单位配置文件，生成空白表格模板，检查监测方案并探测各站点。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="例：zwgk profiles template --out 单位名单.xlsx\n"
               "    zwgk profiles import 单位名单.xlsx --out site_profiles/units/\n"
               "    zwgk profiles check site_profiles/programs/demo.yaml")
    psub = profiles.add_subparsers(dest="profiles_command", required=True)
    imp = psub.add_parser(
        "import", help="从 Excel 单位名单生成单位配置文件（每个单位一个 YAML）",
        description="读取单位名单（.xlsx），每个单位写一个 YAML 文件。列名按模糊匹配识别（如“单位全称”"
                    "“网站地址（门户）”）；表头可以不在第一行，可以有合并单元格。任何一行有误时列出全部问题"
                    "（工作表、行、列、原因），不写入任何文件。退出码：0 成功，2 表格有误。")
    imp.add_argument("xlsx", metavar="XLSX", help="单位名单（.xlsx）")
    imp.add_argument("--out", required=True, help="单位配置文件夹，如 site_profiles/units/")
    imp.add_argument("--program", help="监测方案：按其 unit_types 文件夹识别单位类型（默认用内置单位类型）")
    tpl = psub.add_parser("template", help="生成空白单位名单表格（含填写说明和单位类型下拉列表）",
                          description="生成空白单位名单表格：填写说明、单位名单（单位类型为下拉列表）、单位类型。")
    tpl.add_argument("--out", default="单位名单.xlsx", help="输出文件（默认 单位名单.xlsx）")
    tpl.add_argument("--program", help="监测方案：下拉列表列出其单位类型（默认用内置单位类型）")
    chk = psub.add_parser(
        "check", help="检查监测方案及其全部单位配置，并逐一探测各站点",
        description="先按配置规则检查方案和全部单位，再对每个门户网站和信息公开网址各发一次请求"
                    "（域名解析、连接、HTTP 状态、跳转目标；不跟随跳转，只访问配置中的网址）。"
                    "退出码：0 全部正常，1 有站点无法正常访问，2 配置有误。")
    chk.add_argument("program", metavar="PROGRAM", help="监测方案 YAML 文件")
    chk.add_argument("--timeout", type=float, default=5.0, help="每个网址的连接和读取超时（秒，默认 5）")
    chk.add_argument("--no-probe", action="store_true", help="只检查配置，不访问站点")


def command(args) -> int:
    if args.profiles_command == "import":
        return import_command(args)
    if args.profiles_command == "template":
        return template_command(args)
    return check_command(args)


def _unit_types(program):
    from site_profiles.importer import program_unit_types
    return program_unit_types(program) if program else None


def import_command(args) -> int:
    from site_profiles import ProfileError
    from site_profiles.importer import import_units
    try:
        result = import_units(args.xlsx, args.out, _unit_types(args.program))
    except ProfileError as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"错误：无法写入 {args.out}：{exc.strerror or exc}", file=sys.stderr)
        return 2
    for note in result.notes:
        print(f"提示：{note}", file=sys.stderr)
    if result.problems:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        print(f"共 {len(result.problems)} 处问题，未写入任何文件：请改正表格后重新导入。", file=sys.stderr)
        return 2
    print(f"已写入 {len(result.written)} 个单位配置文件到 {args.out}（每个文件均已按配置规则检查）")
    return 0


def template_command(args) -> int:
    from site_profiles import ProfileError
    from site_profiles.importer import write_template
    try:
        path = write_template(args.out, _unit_types(args.program))
    except ProfileError as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"错误：无法写入 {args.out}：{exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"空白单位名单已写入：{path}（填好后运行 zwgk profiles import {path} --out site_profiles/units/）")
    return 0


def check_command(args) -> int:
    from site_profiles import ProfileError, load_program
    from site_profiles.probe import (
        EXIT_OK,
        EXIT_PROFILE_ERROR,
        EXIT_SITE_PROBLEM,
        probe_program,
        site_table,
    )
    try:
        program = load_program(args.program)
    except (ProfileError, OSError) as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return EXIT_PROFILE_ERROR
    print(f"配置检查通过：{program.name}，{len(program.units)} 个单位，{len(program.unit_types)} 种单位类型")
    if args.no_probe:
        return EXIT_OK
    from rich.console import Console
    results = probe_program(program, timeout=args.timeout)
    Console(width=200).print(site_table(program, results))
    bad = [r for r in results if not r.ok]
    if bad:
        print(f"{len(bad)} 个网址无法正常访问（见上表“结论”列）", file=sys.stderr)
        return EXIT_SITE_PROBLEM
    print(f"全部 {len(results)} 个网址均可访问")
    return EXIT_OK
