"""The score sheet in the shape of the indicator system: per unit and indicator, points and 得分率."""
from __future__ import annotations

import csv
import logging
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from checks.findings import spreadsheet_cell

from .common import RunReport, describe, xlsx_cell

logger = logging.getLogger(__name__)

HEADERS = ["单位编号", "单位名称", "指标", "指标名称", "通知条款", "满分", "扣分", "得分", "得分率", "单项否决", "问题数",
           "检测状态"]
STATUS = {"checked": "已检测", "unchecked": "未能检测"}
UNIT_VETO = "单位否决"   # 单项否决 column of an indicator zeroed by a veto elsewhere in its unit


def rows(report: RunReport, problems: list | None = None) -> list[list]:
    """Every unit's indicator rows, then every unit's total. A unit whose rows cannot be made (its
    scores damaged) is left out and said in `problems` as (unit, message); raised if it is None."""
    names = {u["id"]: u["name"] for u in report.units}
    indicators, totals = [], []
    for uid in sorted(names.keys() | {s["unit"] for s in report.scores}):
        try:
            mine = [_indicator_row(s, names) for s in sorted(report.unit_scores(uid), key=lambda s: s["indicator"])]
            total = [_total_row(report, uid, names[uid])] if uid in names else []
        except Exception as exc:
            if problems is None:
                raise
            logger.exception("the score sheet rows of unit %s failed", uid)
            problems.append((uid, f"单位 {uid} 未能列入评分表：{describe(exc)}"))
            continue
        indicators += mine
        totals += total
    return indicators + totals


def _indicator_row(s: dict, names: dict) -> list:
    d = s["detail"]
    count = sum(r["count"] for r in d["rules"].values())
    rate = s["score"] / s["max"] if s["max"] else None
    return [s["unit"], names.get(s["unit"], ""), s["indicator"], d["name"], d["clause"], s["max"],
            s["points"], s["score"], rate, "是" if s["veto"] else UNIT_VETO if d.get("unit_veto") else "",
            count, STATUS[s.get("status") or "checked"]]


def _total_row(report: RunReport, uid: str, name: str) -> list:
    got, full, vetoed = report.total(uid)
    unchecked = sum(1 for s in report.unit_scores(uid) if s.get("status") == "unchecked")
    # under `veto: unit` the total row says why the unit scores 0
    return [uid, name, "合计", report.unit_veto(uid) or "", "", full, round(full - got, 2), got,
            got / full if full else None, "是" if vetoed else "",
            sum(1 for f in report.unit_findings(uid) if not f.get("gap")),
            f"{unchecked}项未能检测" if unchecked else STATUS["checked"]]


def write(report: RunReport, folder: Path, problems: list | None = None) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    data = rows(report, problems)
    csv_path = folder / "评分表.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        for r in data:
            w.writerow([spreadsheet_cell(v) if not isinstance(v, float) or i != 8 else f"{v:.2%}" for i, v in enumerate(r)])
    wb = Workbook()
    ws = wb.active
    ws.title = "评分表"
    ws.append(HEADERS)
    for c in range(1, len(HEADERS) + 1):
        ws.cell(1, c).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(c)].width = (28 if HEADERS[c - 1] in ("指标名称", "单位名称") else 12)
    for r in data:
        ws.append([xlsx_cell(v) for v in r])
        ws.cell(ws.max_row, 9).number_format = "0.0%"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{ws.max_row}"
    xlsx_path = folder / "评分表.xlsx"
    wb.save(xlsx_path)
    return csv_path, xlsx_path
