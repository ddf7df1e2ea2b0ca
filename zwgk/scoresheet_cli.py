"""`zwgk scoresheet export | import`: the evaluators' on-site score sheets of a run.

Exit codes: 0 done; 1 done but a unit's rates could not be computed after the import; 2 anything the
user must fix (no such run, a run never checked, a bad indicator system, any problem in a workbook:
then nothing is stored).
"""
from __future__ import annotations

import argparse
import sys


def add_parser(sub) -> None:
    sheet = sub.add_parser(
        "scoresheet", help="评估人员评分表：导出（export）每个单位一份，填好后导入（import）",
        description="导出每个单位的评分表（全部指标；机器评分的指标附机器得分和整改清单链接，"
                    "评估人员评分的指标留空待填），填好后导入并保存到运行中。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="例：zwgk scoresheet export runs/demo-20190930T080000\n"
               "    zwgk scoresheet import runs/demo-20190930T080000 已填评分表/")
    ssub = sheet.add_subparsers(dest="scoresheet_command", required=True)
    exp = ssub.add_parser("export", help="每个单位导出一份评分表（.xlsx）",
                          description="每个单位一份评分表，默认写到 RUN_DIR/reports/evaluator/。退出码：0 成功，2 输入有误。")
    exp.add_argument("run_dir", metavar="RUN_DIR", help="运行目录")
    exp.add_argument("--out", help="输出文件夹（默认 RUN_DIR/reports/evaluator/）")
    imp = ssub.add_parser("import", help="导入填好的评分表（全部无误才导入）",
                          description="读取文件夹中全部评分表；任何一处有误时列出全部问题（文件、工作表、行、列、原因），"
                                      "不导入任何评分。重新导入某单位的评分表会替换其此前导入的评分。"
                                      "退出码：0 成功，1 已导入但有单位的得分率无法计算，2 表格有误、未导入。")
    imp.add_argument("run_dir", metavar="RUN_DIR", help="运行目录")
    imp.add_argument("folder", metavar="DIR", help="放有已填评分表（.xlsx）的文件夹")


def command(args) -> int:
    from site_profiles import ProfileError

    from .cli import _never_checked, _open_run
    run_dir = _open_run(args.run_dir)
    if run_dir is None:
        return 2
    if _never_checked(run_dir):
        print(f"错误：{args.run_dir} 尚未检查评分（先运行 zwgk check {args.run_dir}），评分表中不会有机器得分",
              file=sys.stderr)
        return 2
    try:
        if args.scoresheet_command == "export":
            return export_command(run_dir, args.out)
        return import_command(run_dir, args.folder)
    except ProfileError as exc:
        print(f"指标体系配置错误：{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"错误：{exc.strerror or exc}：{exc.filename or ''}", file=sys.stderr)
        return 2


def export_command(run_dir, out) -> int:
    from reports.evaluator_sheets import export
    try:
        paths = export(run_dir, out)
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    folder = paths[0].parent if paths else out
    print(f"已导出 {len(paths)} 份评分表到 {folder}（填好后运行 zwgk scoresheet import {run_dir} <文件夹>）")
    if not (run_dir / "reports" / "units").is_dir():
        print(f"提示：整改清单尚未生成，评分表中的证据链接需先运行 zwgk report {run_dir}", file=sys.stderr)
    return 0


def import_command(run_dir, folder) -> int:
    from checks.composite import percent, run_rates
    from reports.evaluator_import import import_scores
    from site_profiles import ProfileError
    result = import_scores(run_dir, folder)
    if result.problems:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        print(f"共 {len(result.problems)} 处问题，未导入任何评分：请改正后重新导入。", file=sys.stderr)
        return 2
    print(f"已导入 {len(result.units)} 个单位的评分（{sum(result.units.values())} 项）")
    try:
        rates = run_rates(run_dir)
    except (ProfileError, OSError, ValueError) as exc:   # the scores are stored; only the summary is lost
        print(f"得分率未能计算：{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    for unit in result.units:
        r = rates.get(unit)
        if r is None:
            continue
        overall = percent(r.overall) if r.overall is not None else f"待评（缺 {len(r.missing)} 项）"
        key = percent(r.key_area) if r.key_area is not None else f"待评（缺 {len(r.key_missing)} 项）"
        print(f"{unit}：综合得分率 {overall}；重点领域信息公开得分率 {key}")
    return 0
