"""The evaluators' score sheets: one workbook per unit, every indicator of its type (`zwgk scoresheet export`).

Sheet 评分表: a row per indicator with its clause, text and points. Where the machine scores it, the
machine's score (as stored in `scores`) with a link to the unit's 整改清单 as evidence: grey and locked.
Where an evaluator scores it, an empty 得分 cell (data validation: a decimal 0 … points) and a
依据/备注 cell, both unlocked. Sheet 填写说明 says how to fill it in; the very hidden sheet 元数据
records the format, the run and the unit, so `zwgk scoresheet import` can refuse a workbook of another
run or unit. The same is in the document properties for whoever looks at the file.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from checks.composite import run_indicators
from crawler.snapshot import Snapshot

from .common import xlsx_cell

FORMAT = "zwgk-scoresheet/1"
SHEET = "评分表"
META = "元数据"
GUIDE = "填写说明"
HEADER_ROW = 2
FIRST_ROW = 3
COLUMNS = [("序号", 6), ("指标编号", 20), ("条款", 14), ("指标内容", 60), ("重点领域", 9), ("分值", 8),
           ("评分方式", 12), ("得分", 10), ("依据/备注", 40), ("证据", 40)]
COL = {name: i for i, (name, _) in enumerate(COLUMNS, 1)}      # header → column number
META_ROWS = ("格式", "运行", "单位", "单位名称", "单位类型")      # 元数据: A = key, B = value, rows 1…
SCORERS = {"machine": "机器评分", "evaluator": "评估人员评分"}
GREY = PatternFill("solid", fgColor="D9D9D9")
INPUT = PatternFill("solid", fgColor="FFF2CC")
HEADER = PatternFill("solid", fgColor="D9E1F2")
_SAFE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
GUIDE_TEXT = [
    "政务公开示范点评分表 · 填写说明",
    "1. 黄色单元格由评估人员填写：“得分”填 0 至该行“分值”之间的数字（可有小数），“依据/备注”写评分依据。",
    "2. 灰色行由系统按网站检测结果评分（机器评分），不能修改；证据见“证据”列链接的整改清单。",
    "3. 暂未评分的指标“得分”留空：留空表示尚未评分，该单位的综合得分率和重点领域信息公开得分率在全部评完前不计算。",
    "4. 不要增删行列、不要改工作表名称和指标编号；每个单位一个文件，文件名可以改。",
    ("5. 填好后把各单位的文件放在同一文件夹，运行：zwgk scoresheet import <运行目录> <文件夹>。"
     "任何一处有误都会列出（文件、工作表、行、列、原因），全部不导入；改正后重新导入即可，"
     "重新导入某单位的表格会替换该单位此前导入的评分。"),
    ("6. 综合得分率 = 全部指标得分之和 ÷ 全部指标分值之和；重点领域信息公开得分率只计“重点领域”为“是”的指标。"
     "单项否决按评分细则处理（被否决的机器评分指标计 0 分；单位否决时综合得分率为 0）。"),
]


def evidence_link(unit_id: str, out_dir: Path, run_dir: Path) -> str | None:
    """The unit's 整改清单 (reports/units/<unit>.html), relative to the workbook's folder."""
    if not _SAFE_ID.fullmatch(unit_id):
        return None
    target = Path(run_dir) / "reports" / "units" / f"{unit_id}.html"
    return Path(os.path.relpath(target.resolve(), Path(out_dir).resolve())).as_posix()


def export(run_dir, out_dir=None) -> list[Path]:
    """One workbook per unit of the run in `out_dir` (default RUN_DIR/reports/evaluator/)."""
    run_dir = Path(run_dir)
    out_dir = Path(out_dir) if out_dir else run_dir / "reports" / "evaluator"
    system = run_indicators(run_dir)
    snap = Snapshot.open(run_dir)
    try:
        run_id = snap.run_id
        units = list(snap.rows("units", order_by="id"))
        machine: dict[str, dict[str, dict]] = {}
        for row in snap.rows("scores"):
            machine.setdefault(row["unit"], {})[row["indicator"]] = row
    finally:
        snap.close()
    unknown = [u["id"] for u in units if u["type"] not in system]
    if unknown:
        raise ValueError(f"单位 {'、'.join(unknown)} 的单位类型不在指标体系中")
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for u in units:
        path = out_dir / f"{u['id'] if _SAFE_ID.fullmatch(u['id']) else 'unit-' + str(len(paths) + 1)}.xlsx"
        write_workbook(path, run_id, u, system[u["type"]], machine.get(u["id"], {}),
                       evidence_link(u["id"], out_dir, run_dir))
        paths.append(path)
    return paths


def machine_note(row: dict | None) -> str:
    """What the 证据 column says of a machine score besides the link."""
    if row is None:
        return "机器未评分（该单位未经检查）"
    detail = row.get("detail") or {}
    notes = []
    if detail.get("unit_veto"):
        notes.append(detail["unit_veto"]["note"])
    elif row["veto"]:
        notes.append("单项否决，计0分")
    if row.get("status") == "unchecked":
        notes.append("未能检测，按评分细则计分")
    return "；".join(notes)


def write_workbook(path: Path, run_id: str, unit: dict, indicators, machine: dict[str, dict],
                   link: str | None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append([xlsx_cell(f"{unit['name']}（{unit['id']}）政务公开示范点评分表 · 运行 {run_id}")])
    ws.cell(1, 1).font = Font(bold=True, size=13)
    ws.append([name for name, _ in COLUMNS])
    for c, (_, width) in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
        ws.cell(HEADER_ROW, c).font = Font(bold=True)
        ws.cell(HEADER_ROW, c).fill = HEADER
    validations: dict[float, DataValidation] = {}
    for n, ind in enumerate(indicators, 1):
        r = FIRST_ROW + n - 1
        row = machine.get(ind.rubric) if ind.scored_by == "machine" else None
        top = row["max"] if row else ind.points
        values = [n, ind.code, ind.clause, ind.text, "是" if ind.key_area else "", top, SCORERS[ind.scored_by],
                  row["score"] if row else None, None, None]
        for c, v in enumerate(values, 1):
            cell = ws.cell(r, c, xlsx_cell(v))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if ind.scored_by == "machine":
            for c in range(1, len(COLUMNS) + 1):
                ws.cell(r, c).fill = GREY
            note = machine_note(row)
            evidence = ws.cell(r, COL["证据"], xlsx_cell("整改清单" + (f"（{note}）" if note else "")))
            if link:
                evidence.hyperlink = link
                evidence.font = Font(color="0563C1", underline="single")
            continue
        for name in ("得分", "依据/备注"):
            ws.cell(r, COL[name]).protection = Protection(locked=False)
            ws.cell(r, COL[name]).fill = INPUT
        dv = validations.get(ind.points)
        if dv is None:
            dv = validations[ind.points] = DataValidation(
                type="decimal", operator="between", formula1="0", formula2=f"{ind.points:g}", allow_blank=True,
                showErrorMessage=True, errorTitle="得分超出范围", error=f"请填 0 至 {ind.points:g} 之间的数字",
                showInputMessage=True, promptTitle="评估得分", prompt=f"0 至 {ind.points:g} 分；留空表示尚未评分")
            ws.add_data_validation(dv)
        dv.add(ws.cell(r, COL["得分"]).coordinate)
    ws.freeze_panes = ws.cell(FIRST_ROW, 1).coordinate
    ws.protection.sheet = True          # machine cells and the layout locked; no password: a guard, not a lock
    guide = wb.create_sheet(GUIDE)
    for line in GUIDE_TEXT:
        guide.append([xlsx_cell(line)])
    guide.column_dimensions["A"].width = 120
    guide.cell(1, 1).font = Font(bold=True, size=13)
    meta = wb.create_sheet(META)
    for key, value in zip(META_ROWS, (FORMAT, run_id, unit["id"], unit["name"], unit["type"])):
        meta.append([key, xlsx_cell(value)])
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    wb.properties.title = xlsx_cell(f"{unit['name']} 政务公开示范点评分表")
    wb.properties.identifier = xlsx_cell(f"{FORMAT} run={run_id} unit={unit['id']}")
    wb.properties.subject = xlsx_cell(unit["id"])
    wb.properties.keywords = xlsx_cell(run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
