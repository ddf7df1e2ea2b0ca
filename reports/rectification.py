"""The per-unit 整改清单 (rectification list), as XLSX and HTML: one row per finding, veto first."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .common import RunReport, environment, xlsx_cell, xlsx_link

HEADERS = [("序号", 6), ("问题类别", 12), ("规则编号", 12), ("对应指标", 22), ("严重程度", 10), ("栏目", 28),
           ("问题描述", 70), ("证据", 40), ("发现时间", 12), ("整改要求", 50), ("整改时限", 12)]
SEVERITY_FILL = {"veto": "F8CBAD", "major": "FCE4D6", "minor": "FFF2CC", "advisory": "E2EFDA"}


def write_xlsx(report: RunReport, unit: dict, path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "整改清单"
    ws.append([h for h, _ in HEADERS])
    for col, (_, width) in enumerate(HEADERS, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
        ws.cell(1, col).font = Font(bold=True)
        ws.cell(1, col).fill = PatternFill("solid", fgColor="D9E1F2")
    for r in report.rows(unit["id"]):
        shot = f"截图：{r['screenshot']}" if r["screenshot"] else r["screenshot_error"]   # e.g. 截图超时
        evidence = r["url"] + (f"\n{shot}" if shot else "")
        ws.append([xlsx_cell(v) for v in (
            r["no"], f"{r['family']}：{r['title']}", r["rule"], f"{r['indicator']} {r['indicator_name']}".strip(),
            r["severity_name"], r["column"], r["problem"], evidence, r["found_at"],
            f"{r['requirement']}（依据：{r['source']}）", r["deadline"])])
        row = ws.max_row
        ws.cell(row, 5).fill = PatternFill("solid", fgColor=SEVERITY_FILL[r["severity"]])
        link = xlsx_link(r["url"])
        if link:
            ws.cell(row, 8).hyperlink = link
        for col in range(1, len(HEADERS) + 1):
            ws.cell(row, col).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{ws.max_row}"
    about = wb.create_sheet("检查依据")    # which catalog and rubric the list was judged against
    about.append([xlsx_cell(f"{unit['name']} · 检查基准日 {report.as_of} · 运行 {report.run['id']}")])
    about.append([xlsx_cell(report.basis(unit.get("type")))])
    about.column_dimensions["A"].width = 120
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def write_html(report: RunReport, unit: dict, path: Path, screenshots_prefix: str = "../../evidence/") -> Path:
    total, full, vetoed = report.total(unit["id"])
    html = environment().get_template("rectification.html").render(
        unit=unit, rows=report.rows(unit["id"]), as_of=report.as_of, run=report.run,
        total=total, full=full, vetoed=vetoed, unit_veto=report.unit_veto(unit["id"]),
        scores=report.unit_scores(unit["id"]), prefix=screenshots_prefix, headers=[h for h, _ in HEADERS],
        basis=report.basis(unit.get("type")))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path
