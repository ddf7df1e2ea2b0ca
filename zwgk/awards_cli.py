"""`zwgk awards RUN_DIR`: the notice's 三(四) on a checked run whose score sheets are imported:
表彰建议名单.xlsx and 年度考核加分表.xlsx, every unit with the reason it was or was not named.

Exit codes: 0 written; 2 anything the user must fix (no such run, never checked, a unit without its
县区 or 县/区, a bad ranking key, a bad indicator system).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub) -> None:
    p = sub.add_parser(
        "awards", help="按通知三(四)计算示范点表彰建议名单和年度考核加分",
        description="按六政务公开办〔2017〕2号通知三(四)：综合得分率和重点领域信息公开得分率均不低于80%的单位"
                    "按名额表彰，并按排名计算年度考核加分；每个单位都写明是否表彰及原因。"
                    "得分率来自机器评分和已导入的评估人员评分表（zwgk scoresheet import）。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="例：zwgk awards runs/demo-20190930T080000 --ranking overall_rate,key_rate,id")
    p.add_argument("run_dir", metavar="RUN_DIR", help="运行目录")
    p.add_argument("--out", help="输出文件夹（默认 RUN_DIR/reports/awards/）")
    p.add_argument("--ranking", default="overall_rate,key_rate,id",
                   help="排名（同分时依次比较）：overall_rate 综合得分率、key_rate 重点领域得分率、id 单位编号、name 单位名称")
    p.add_argument("--year", type=int, default=2017, help="称号中的年度（默认 2017）")
    p.add_argument("--city", default="六安市", help="称号中的城市（默认 六安市）")


def command(args) -> int:
    from checks.awards import RANK_KEYS
    from site_profiles import ProfileError

    from .cli import _never_checked, _open_run
    run_dir = _open_run(args.run_dir)
    if run_dir is None:
        return 2
    if _never_checked(run_dir):
        print(f"错误：{args.run_dir} 尚未检查评分（先运行 zwgk check {args.run_dir}）", file=sys.stderr)
        return 2
    ranking = tuple(k.strip() for k in args.ranking.split(",") if k.strip())
    unknown = [k for k in ranking if k not in RANK_KEYS]
    if unknown or not ranking:
        print(f"--ranking 中有未知的排名依据：{'、'.join(unknown) or '（空）'}；可用 {', '.join(RANK_KEYS)}",
              file=sys.stderr)
        return 2
    from checks.verdict import run_awards
    from reports.awards import write
    try:
        result = run_awards(run_dir, ranking=ranking, year=args.year, city=args.city)
    except ProfileError as exc:
        print(f"指标体系配置错误：{exc}", file=sys.stderr)
        return 2
    except ValueError as exc:   # a 乡镇 without its 县区, a 县区政府 without 县/区 …
        print(f"单位配置不全，无法评定：{exc}", file=sys.stderr)
        return 2
    names, points = write(result, Path(args.out) if args.out else run_dir / "reports" / "awards")
    named = [d for d in result.decisions if d.named]
    waiting = [d for d in result.decisions if d.reason.startswith("资料不全")]
    print(f"建议表彰 {len(named)} 个单位" + (f"；{len(waiting)} 个单位得分率未完成（评分表尚未全部导入）" if waiting else ""))
    for d in named:
        print(f"  {d.unit.name}：{d.title}" + (f"，加分 {d.points}" if d.points is not None else ""))
    print(f"表彰建议名单：{names}\n年度考核加分表：{points}")
    return 0
