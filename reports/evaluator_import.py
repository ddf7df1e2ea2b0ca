"""Reading the evaluators' filled score sheets back into the run (`zwgk scoresheet import`).

All or nothing: every workbook in the folder is read and checked first; every problem is listed with
its file, sheet, row and column in Chinese (a score out of range or not a number, an unknown or
repeated indicator code, a workbook of another run or unit, a machine cell edited, a layout changed);
only when there is none are the scores stored, in one transaction, replacing what earlier imports
stored for the same units. A blank 得分 means not scored yet.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from checks.composite import run_indicators
from crawler.snapshot import Snapshot, ensure_table

from .evaluator_sheets import (
    COL,
    COLUMNS,
    FIRST_ROW,
    FORMAT,
    HEADER_ROW,
    META,
    META_ROWS,
    SHEET,
)


@dataclass(frozen=True)
class Problem:
    file: str
    sheet: str | None
    row: int | None
    column: int | None       # column number; shown as its letter and header
    message: str

    def __str__(self) -> str:
        where = f"文件 {self.file}"
        if self.sheet:
            where += f" 工作表“{self.sheet}”"
        if self.row:
            where += f" 第 {self.row} 行"
        if self.column:
            header = COLUMNS[self.column - 1][0] if self.sheet == SHEET and self.column <= len(COLUMNS) else ""
            where += f" {get_column_letter(self.column)} 列" + (f"（{header}）" if header else "")
        return f"{where}：{self.message}"


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    units: dict[str, int] = field(default_factory=dict)     # unit → evaluator scores stored
    files: int = 0


@dataclass
class _Sheet:
    file: str
    unit: str
    rows: list[dict]


def _number(value) -> tuple[Decimal | None, str | None]:
    """(the score, None) or (None, why it is not one); (None, None) for a blank cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool):
        return None, f"不是数字：{value}"
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("="):
            return None, f"应填数字，不能填公式：“{text}”"
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None, f"不是数字：“{text}”"
    elif isinstance(value, (int, float)):
        number = Decimal(str(value))
    else:
        return None, f"不是数字：{value}"
    if not number.is_finite():
        return None, f"不是数字：“{value}”"
    return number, None


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _same(cell, stored) -> bool:
    """A machine cell as exported: the stored score, or blank when the machine gave none."""
    if stored is None:
        return cell is None or (isinstance(cell, str) and not cell.strip())
    number, _ = _number(cell)
    return number is not None and number == Decimal(str(stored))


def _read(path: Path, run_id: str, units: dict, system: dict, machine: dict, result: ImportResult) -> _Sheet | None:
    name = path.name
    problems = result.problems

    def bad(sheet, row, column, message):
        problems.append(Problem(name, sheet, row, column, message))

    try:
        wb = load_workbook(path)
    except (InvalidFileException, BadZipFile, KeyError, ValueError, OSError) as exc:
        bad(None, None, None, f"无法读取（不是完好的 .xlsx 文件：{type(exc).__name__}）")
        return None
    if META not in wb.sheetnames:
        bad(None, None, None, f"不是 zwgk scoresheet export 导出的评分表（缺少隐藏工作表“{META}”），请在导出的表格中填写")
        return None
    meta = wb[META]
    values = {key: _text(meta.cell(r, 2).value) for r, key in enumerate(META_ROWS, 1)}
    if values["格式"] != FORMAT:
        bad(META, 1, 2, f"评分表格式为“{values['格式']}”，应为 {FORMAT}：请重新导出")
        return None
    if values["运行"] != run_id:
        bad(META, 2, 2, f"此工作簿属于运行 {values['运行']}，不是本运行 {run_id}：请用本运行导出的评分表")
        return None
    unit = values["单位"]
    if unit not in units:
        bad(META, 3, 2, f"单位 {unit} 不在本运行中")
        return None
    if units[unit]["type"] not in system:
        bad(META, 5, 2, f"单位类型 {units[unit]['type']} 不在指标体系中")
        return None
    if SHEET not in wb.sheetnames:
        bad(None, None, None, f"缺少工作表“{SHEET}”（工作表不能改名或删除）")
        return None
    ws = wb[SHEET]
    for c, (header, _) in enumerate(COLUMNS, 1):
        found = _text(ws.cell(HEADER_ROW, c).value)
        if found != header:
            bad(SHEET, HEADER_ROW, c, f"表头应为“{header}”，实际为“{found}”（不能增删或移动列）")
            return None
    indicators = {ind.code: ind for ind in system[units[unit]["type"]]}
    mine = machine.get(unit, {})
    seen: dict[str, int] = {}
    rows = []
    for r in range(FIRST_ROW, ws.max_row + 1):
        code = _text(ws.cell(r, COL["指标编号"]).value)
        score_cell = ws.cell(r, COL["得分"]).value
        note = _text(ws.cell(r, COL["依据/备注"]).value)
        if not code:
            if _text(score_cell) or note:
                bad(SHEET, r, COL["指标编号"], "缺少指标编号（得分或备注所在行须有指标编号）")
            continue
        ind = indicators.get(code)
        if ind is None:
            bad(SHEET, r, COL["指标编号"], f"未知的指标编号“{code}”：单位类型 {units[unit]['type']} 没有此指标")
            continue
        if code in seen:
            bad(SHEET, r, COL["指标编号"], f"指标 {code} 重复（第 {seen[code]} 行已有）")
            continue
        seen[code] = r
        if ind.scored_by == "machine":
            stored = mine.get(ind.rubric)
            expected = None if stored is None else stored["score"]
            if not _same(score_cell, expected):
                bad(SHEET, r, COL["得分"], f"机器评分的单元格被修改：应为 {'空' if expected is None else f'{expected:g}'}"
                                          f"（本运行记录的机器得分），实际为“{_text(score_cell)}”；"
                                          "如导出后重新检查过，请重新导出")
            if note:
                bad(SHEET, r, COL["依据/备注"], "机器评分的指标不填依据/备注（该单元格已锁定）")
            continue
        score, why = _number(score_cell)
        if why:
            bad(SHEET, r, COL["得分"], why)
            continue
        if score is not None and not 0 <= score <= Decimal(str(ind.points)):
            bad(SHEET, r, COL["得分"], f"得分 {score} 超出范围：应在 0 到 {ind.points:g} 之间")
            continue
        if score is not None or note:
            rows.append({"unit": unit, "indicator": code, "score": None if score is None else float(score),
                         "max": float(ind.points), "note": note or None, "source": f"{name} 第 {r} 行"})
    return _Sheet(name, unit, rows)


def import_scores(run_dir, folder) -> ImportResult:
    """Read every workbook in `folder`; store their scores only if none has a problem."""
    run_dir, folder = Path(run_dir), Path(folder)
    result = ImportResult()
    paths = sorted(p for p in folder.glob("*.xlsx") if not p.name.startswith("~$")) if folder.is_dir() else []
    if not paths:
        result.problems.append(Problem(str(folder), None, None, None, "文件夹中没有 .xlsx 评分表"))
        return result
    system = run_indicators(run_dir)
    snap = Snapshot.open(run_dir)
    try:
        run_id = snap.run_id
        units = {u["id"]: u for u in snap.rows("units")}
        machine: dict[str, dict[str, dict]] = {}
        for row in snap.rows("scores"):
            machine.setdefault(row["unit"], {})[row["indicator"]] = row
        sheets: dict[str, _Sheet] = {}
        for path in paths:
            sheet = _read(path, run_id, units, system, machine, result)
            if sheet is None:
                continue
            if sheet.unit in sheets:
                result.problems.append(Problem(path.name, META, 3, 2, f"单位 {sheet.unit} 的评分表重复："
                                                                      f"另见文件 {sheets[sheet.unit].file}"))
                continue
            sheets[sheet.unit] = sheet
        result.files = len(paths)
        if result.problems:
            return result
        imported = datetime.now(UTC).isoformat(timespec="seconds")
        with snap.db.atomic():
            ensure_table(snap.db, "evaluator_scores")
            for unit, sheet in sheets.items():
                snap.db.execute("delete from evaluator_scores where unit = ?", [unit])
                for row in sheet.rows:
                    snap.db["evaluator_scores"].insert({**row, "imported": imported})
                result.units[unit] = sum(1 for row in sheet.rows if row["score"] is not None)
    finally:
        snap.close()
    return result
