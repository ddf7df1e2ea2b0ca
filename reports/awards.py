"""The awards' two workbooks: 表彰建议名单.xlsx and 年度考核加分表.xlsx, every unit with its reason."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from checks.awards import CATEGORIES, AwardsResult, Decision, exact_rate
from checks.findings import spreadsheet_cell as cell

LIST_NAME = "表彰建议名单.xlsx"
BONUS_NAME = "年度考核加分表.xlsx"
LIST_HEADERS = ["序号", "单位编号", "单位名称", "单位类别", "所属县区", "综合得分率", "重点领域信息公开得分率",
                "是否建议表彰", "称号", "名额类别", "名额来源", "理由"]
POOL_HEADERS = ["名额类别", "名额", "达标单位数", "表彰数", "调剂转入", "本类未用名额"]
DETAIL_HEADERS = ["单位编号", "单位名称", "单位类别", "是否表彰", "排序组", "名次", "名次分值", "加分计入单位",
                  "计入分值", "理由"]
TOTAL_HEADERS = ["加分单位编号", "加分单位名称", "本单位表彰加分", "所属乡镇街道加分", "获表彰乡镇街道", "合计", "说明"]
GROUPS = {"county_gov": "县区政府、管委", "zone": "县区政府、管委", "city_dept": "市级部门", "town": "乡镇、街道",
          "street": "乡镇、街道", "institution": "承担公共服务的事业单位"}
ORDER = list(dict.fromkeys(GROUPS.values()))   # the bonus groups, in the notice's order
WIDE = {"单位名称", "称号", "理由", "名额来源", "说明", "加分单位名称", "获表彰乡镇街道"}


def _sheet(ws, title: str, headers: list[str], rows: list[list], percent_cols=()) -> None:
    ws.title = title
    ws.append(headers)
    for c, h in enumerate(headers, 1):
        ws.cell(1, c).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(c)].width = 40 if h in WIDE else 14
    for r in rows:
        ws.append([cell(v) for v in r])
        for c in percent_cols:
            ws.cell(ws.max_row, c).number_format = "0.00%"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(ws.max_row, 1)}"


def _listed(result: AwardsResult) -> list[Decision]:
    """Per bonus group (乡镇 with 街道, 县区政府 with 管委), named units first by their place; then the others by id."""
    return sorted(result.decisions, key=lambda d: (ORDER.index(GROUPS[d.unit.category]), not d.named,
                                                   d.rank or 0, d.unit.id))


def _rate(value):
    rate = exact_rate(value)
    return None if rate is None else float(rate)


def write(result: AwardsResult, folder) -> tuple[Path, Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    county_names = {d.unit.county or d.unit.id: d.unit.name for d in result.decisions
                    if d.unit.category == "county_gov"}
    rows = []
    for n, d in enumerate(_listed(result), 1):
        u = d.unit
        county = county_names.get(u.county, u.county) if u.category in ("town", "street") else ""
        rows.append([n, u.id, u.name, CATEGORIES[u.category] + ("(承担重点领域)" if u.key_field else ""), county,
                     _rate(u.overall_rate), _rate(u.key_rate), "是" if d.named else "否", d.title or "",
                     d.pool or "", d.transferred_from or "", d.reason])
    wb = Workbook()
    _sheet(wb.active, "表彰建议名单", LIST_HEADERS, rows, percent_cols=(6, 7))
    _sheet(wb.create_sheet(), "名额", POOL_HEADERS,
           [[p.pool, p.places, p.qualified, p.named, p.moved_in, p.unused_own] for p in result.pools])
    list_path = folder / LIST_NAME
    wb.save(list_path)

    names = {d.unit.id: d.unit.name for d in result.decisions} | {c.unit_id: c.name for c in result.credits}
    detail = [[d.unit.id, d.unit.name, CATEGORIES[d.unit.category], "是" if d.named else "否",
               GROUPS[d.unit.category] if d.named else "", d.rank, d.points,
               names.get(d.credited_to, d.credited_to) if d.credited_to else "", d.credited_points, d.reason]
              for d in _listed(result)]
    totals = [[c.unit_id, c.name, c.own_points, c.town_points, "、".join(names.get(t, t) for t in c.town_units),
               c.total, c.note] for c in result.credits]
    wb = Workbook()
    _sheet(wb.active, "单位加分明细", DETAIL_HEADERS, detail)
    _sheet(wb.create_sheet(), "加分汇总", TOTAL_HEADERS, totals)
    bonus_path = folder / BONUS_NAME
    wb.save(bonus_path)
    return list_path, bonus_path
