"""What `zwgk check` and `zwgk eval` print: short rich tables, in Chinese."""
from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .registry import SEVERITY_NAMES



def print_summary(result, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title=f"检查结果（基准日 {result.as_of}）")
    table.add_column("单位")
    for sev in SEVERITY_NAMES.values():
        table.add_column(sev, justify="right")
    table.add_column("需人工核查", justify="right")
    table.add_column("得分", justify="right")
    counts = Counter((f["unit"], "gap" if f.get("gap") else f["severity"]) for f in result.findings)
    units = sorted({s["unit"] for s in result.scores})
    for unit in units:
        mine = [s for s in result.scores if s["unit"] == unit]
        got, full = sum(s["score"] for s in mine), sum(s["max"] for s in mine)
        vetoed = any(s["veto"] for s in mine)
        unit_veto = any(s["detail"].get("unit_veto") for s in mine)   # rubric veto: unit
        unchecked = sum(1 for s in mine if s.get("status") == "unchecked")
        table.add_row(escape(unit), *(str(counts[(unit, sev)]) for sev in SEVERITY_NAMES), str(counts[(unit, "gap")]),
                      f"{got:g}/{full:g}" + ("（单位否决）" if unit_veto else "（否决）" if vetoed else "") + (f"（{unchecked}项未能检测）" if unchecked else ""))
    console.print(table)
    gaps = sum(1 for f in result.findings if f.get("gap"))
    console.print(f"共 {len(result.findings) - gaps} 个问题，{gaps} 处抓取不完整需人工核查；已写入 {result.run_dir / 'findings.csv'}、"
                  f"{result.run_dir / 'findings.jsonl'}、{result.run_dir / 'scores.csv'}")
    source = getattr(result, "profiles", "package")
    console.print({"frozen": f"检查依据：抓取时冻结的配置（{result.run_dir / 'profiles'}）",
                   "package": "检查依据：程序自带的单位类型和评分细则（该运行未冻结配置）"}.get(
                       source, f"检查依据：当前配置 {source}（不是抓取时冻结的副本）"))
    status = getattr(result, "crawl_status", "complete")
    if status != "complete":
        console.print(f"注意：本次抓取未完成（状态 {status}），以上结果只反映已抓取的部分，每条问题均标注“部分抓取”")


def print_evaluation(scores: dict, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title="检查结果与标准答案比对")
    for name, justify in (("规则", "left"), ("应查出", "right"), ("查出", "right"), ("问题数", "right"),
                          ("查准率", "right"), ("查全率", "right"), ("误报干扰项", "right"), ("需人工核查", "right")):
        table.add_column(name, justify=justify)
    for code, s in scores.items():
        table.add_row(code, str(s.expected), str(s.found), str(s.findings),
                      "—" if s.precision is None else f"{s.precision:.0%}",
                      "—" if s.recall is None else f"{s.recall:.0%}", f"{s.decoys_flagged}/{s.decoys}", str(s.gaps))
    console.print(table)
    for code, s in scores.items():
        for e in s.missed:
            console.print(f"漏报 {code} {escape(e['unit'])}：{escape(e.get('note') or '')}（{escape(e.get('url') or '')}）")
        for f in s.false:
            console.print(f"误报 {code} {escape(f['unit'])}：{escape(f['message'][:120])}")
        for e in s.flagged_decoys:
            console.print(f"误报干扰项 {code} {escape(e['unit'])}：{escape(e.get('note') or '')}")
    expected = sum(s.expected for s in scores.values())
    found = sum(s.found for s in scores.values())
    findings = sum(s.findings for s in scores.values())
    correct = sum(s.correct for s in scores.values())
    decoys = sum(s.decoys_flagged for s in scores.values())
    gaps = sum(s.gaps for s in scores.values())
    console.print(f"合计：查全率 {found}/{expected}，查准率 {correct}/{findings}，误报干扰项 {decoys} 个，"
                  f"抓取不完整需人工核查 {gaps} 处（不计入查准率、查全率）")
