"""Unit profiles from the office's own spreadsheet, and the empty workbook to fill in.

    result = import_units("units.xlsx", "site_profiles/units/")
    if result.problems: print(*result.problems, sep="\\n")     # nothing was written
    write_template("单位名单模板.xlsx")

An office keeps its 300 units in Excel, laid out its own way: a title row above the header, header
cells merged over two rows ("网站地址" over "门户 | 信息公开"), its own column names ("单位全称",
"网站地址（门户）"). Columns are found by fuzzy matching (rapidfuzz) against known names, so the
sheet need not be rewritten to a fixed layout.

All or nothing: every bad row is reported (sheet, row, column, what is wrong) and no file is written
while any row is bad, so a half-imported folder can never be audited as if it were complete. Every
file is written to a staging folder first and read back with `load_unit` before any is moved into
place.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from zipfile import BadZipFile

import yaml
from rapidfuzz import fuzz

from . import (
    _CONTACT,
    _ORG_CODE_9,
    _USCC,
    ProfileError,
    UnitType,
    _compose,
    _Fields,
    _valid_url,
    load_unit,
    load_unit_types,
)

__all__ = [
    "COLUMNS",
    "HEADER_MIN_SCORE",
    "MARKER",
    "TYPE_MIN_SCORE",
    "ImportResult",
    "Problem",
    "import_units",
    "program_unit_types",
    "unit_id",
    "write_template",
]

# First line of every file the importer writes: such files may be replaced by the next import,
# files without it (written by hand) never are.
MARKER = "# 由 zwgk profiles import 从表格导入"


@dataclass(frozen=True)
class Column:
    key: str
    label: str                   # the name the template uses and messages cite
    aliases: tuple[str, ...]     # normalised header texts that name this column
    required: bool = False


# Aliases are normalised (see _norm): no spaces, brackets or punctuation. "网站地址门户" is how
# "网站地址（门户）" and a merged "网站地址" over "门户" both read.
COLUMNS = (
    Column("name", "单位名称", ("单位名称", "单位全称", "机构名称", "单位", "名称"), True),
    Column("type", "单位类型", ("单位类型", "类型", "单位类别", "机构类型", "类别"), True),
    Column("org_code", "组织机构代码", ("组织机构代码", "机构代码", "组织代码", "代码", "单位代码",
                                      "组织机构代码统一社会信用代码", "统一社会信用代码组织机构代码")),
    Column("uscc", "统一社会信用代码", ("统一社会信用代码", "社会信用代码", "信用代码")),
    Column("portal", "门户网站", ("门户网站", "门户网址", "门户网站地址", "网站地址门户", "门户",
                                "政府网站", "网站地址", "网址")),
    Column("disclosure", "信息公开网", ("信息公开网", "信息公开网站", "信息公开网址", "政府信息公开网站",
                                     "政府信息公开网址", "信息公开平台", "政府信息公开平台",
                                     "网站地址信息公开", "网站地址政府信息公开", "政务公开网站", "信息公开"),
           True),
    Column("mobile", "手机版", ("手机版", "手机版网址", "手机网站", "移动版", "移动端", "网站地址手机版")),
    Column("weibo", "政务微博", ("政务微博", "微博", "官方微博", "新媒体微博")),
    Column("wechat", "政务微信", ("政务微信", "微信", "微信公众号", "公众号", "新媒体微信")),
    Column("phone", "公开电话", ("公开电话", "咨询电话", "联系电话", "电话", "值班电话")),
)
_BY_KEY = {c.key: c for c in COLUMNS}

# A header cell names a column when its best ratio against that column's aliases reaches this, and
# beats every other column by _MARGIN (otherwise it is ambiguous and left out).
HEADER_MIN_SCORE = 75
TYPE_MIN_SCORE = 70
_MARGIN = 5
_HEADER_SCAN_ROWS = 15        # the header is looked for in the first rows only
_MIN_HEADER_COLUMNS = 3       # a row naming fewer columns is not the header

# Common Chinese names of the package's unit types (their `name:` is matched too). Only types the
# folder in use defines are offered.
TYPE_ALIASES = {
    "county": ("县区政府", "区县政府", "县政府", "区政府", "县区", "区县", "县级政府", "县市区政府"),
    "town": ("乡镇", "乡镇政府", "乡镇人民政府", "镇", "乡", "镇政府", "乡政府"),
    "street": ("街道", "街道办事处", "街道办"),
    "dept": ("市级部门", "部门", "市直部门", "市级非重点领域部门", "非重点领域部门"),
    "key_dept": ("重点领域部门", "市级重点领域部门", "重点部门", "市直重点部门"),
    "institution": ("事业单位", "承担公共服务的事业单位", "公共企事业单位"),
    "zone": ("管委", "管委会", "开发区", "园区", "开发区管委会", "功能区"),
}

_NORM_DROP = re.compile(r"[\s()（）\[\]【】<>《》:：*＊/／\\、,，.。\-—_·•]+")
_URL_IN_TEXT = re.compile(r"https?://[^\s，,；;、]+", re.IGNORECASE)


def _norm(text: str) -> str:
    return _NORM_DROP.sub("", text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the workbook. `row` is the spreadsheet's row number (1-based)."""
    sheet: str | None           # None: the workbook as a whole
    row: int | None
    column: str | None          # e.g. "C 列（组织机构代码）"
    message: str

    def __str__(self):
        if self.sheet is None:
            return self.message
        where = f"工作表“{self.sheet}”" + (f" 第 {self.row} 行" if self.row else "")
        return f"{where}{' ' + self.column if self.column else ''}：{self.message}"


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)      # ignored columns, skipped sheets, stale files


# ---- reading the workbook --------------------------------------------------------------------

def _cell_text(cell) -> str:
    """A cell as text: whole numbers without ".0"; a hyperlink's target when the text is not a URL."""
    value = cell.value
    if value is None:
        text = ""
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value).strip()
    link = getattr(cell, "hyperlink", None)
    target = getattr(link, "target", None) if link else None
    if target and not _URL_IN_TEXT.match(text):
        text = target.strip() if not text or "://" not in text else text
    return text


def _grid(ws) -> list[list[str]]:
    """The sheet as rows of text with every merged range filled with its top-left value, so that a
    header merged over two rows, or a type merged down ten units, reads in every cell it covers."""
    rows = [[_cell_text(c) for c in row] for row in ws.iter_rows()]
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    for rng in ws.merged_cells.ranges:
        value = rows[rng.min_row - 1][rng.min_col - 1] if rng.min_row <= len(rows) else ""
        for r in range(rng.min_row, min(rng.max_row, len(rows)) + 1):
            for c in range(rng.min_col, min(rng.max_col, width) + 1):
                rows[r - 1][c - 1] = value
    return rows


def header_column(text: str) -> Column | None:
    """The column a header cell names, or None (unknown, or too close to two columns to tell)."""
    norm = _norm(text)
    if not norm:
        return None
    scored = sorted(((max(fuzz.ratio(norm, a) for a in col.aliases), i) for i, col in enumerate(COLUMNS)),
                    reverse=True)
    (best, i), (second, _) = scored[0], scored[1]
    if best < HEADER_MIN_SCORE or (best < 100 and best - second < _MARGIN):
        return None
    return COLUMNS[i]


def _header_cell(rows, r: int, c: int, merged: set[tuple[int, int]]) -> tuple[str, Column | None]:
    """(text, column) of one header cell. Under a merged group heading ("政府信息公开" over "网址 |
    联系电话") the cell is read with the heading first and alone only if that names no column: the
    heading is what tells the disclosure site's 网址 from the portal's."""
    text = rows[r][c]
    above = rows[r - 1][c] if r > 0 and (r - 1, c) in merged else ""
    if above and above != text:
        col = header_column(above + text)
        if col is not None:
            return above + text, col
    return text, header_column(text) if text else None


def _find_header(rows, merged: set[tuple[int, int]]):
    """(header row index, {column index: Column}, ignored header texts) or None.

    The header is the row among the first ones that names the most columns (ties: the earlier)."""
    best = None
    for r in range(min(_HEADER_SCAN_ROWS, len(rows))):
        found: dict[int, Column] = {}
        ignored = []
        for c in range(len(rows[r])):
            text, col = _header_cell(rows, r, c, merged)
            if col is None or col in found.values():    # the first column of a name counts
                if text:
                    ignored.append(text)
                continue
            found[c] = col
        is_header = len(found) >= _MIN_HEADER_COLUMNS and any(col.key == "name" for col in found.values())
        if is_header and (best is None or len(found) > len(best[1])):
            best = (r, found, ignored)
    return best


# ---- checking one row ------------------------------------------------------------------------

def _letter(c: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(c + 1)


def _org_code(text: str) -> str | None:
    """The normalised code, or None when it is neither form (the loader's rule, repeated here so
    the message can name the cell)."""
    code = re.sub(r"\s+", "", text).upper()
    if len(code) == 10 and code[8] == "-":
        code = code[:8] + code[9]
    return code if _ORG_CODE_9.fullmatch(code) or _USCC.fullmatch(code) else None


def _media(platform: str, text: str) -> tuple[list[dict], str | None]:
    """Accounts from a cell: one per line (or ；), each "账号名称 网址"."""
    accounts = []
    for part in re.split(r"[\n;；]+", text):
        part = part.strip()
        if not part:
            continue
        m = _URL_IN_TEXT.search(part)
        if not m:
            return [], f"“{part}”缺少账号网址，应写成“账号名称 网址”"
        name = (part[:m.start()] + part[m.end():]).strip(" \t:：,，|")
        if not name:
            return [], f"“{part}”缺少账号名称，应写成“账号名称 网址”"
        if not _valid_url(m.group(0)):
            return [], f"“{m.group(0)}”不是有效的网址"
        accounts.append({"platform": platform, "name": name, "url": m.group(0)})
    return accounts, None


def _type_candidates(unit_types: dict[str, UnitType]) -> dict[str, str]:
    """Normalised name → type id: each type's id and name, and the aliases of known ids."""
    names = {}
    for tid, ut in unit_types.items():
        for text in (tid, ut.name, *TYPE_ALIASES.get(tid, ())):
            names.setdefault(_norm(text), tid)
    return names


def unit_type_for(text: str, unit_types: dict[str, UnitType]) -> tuple[str | None, str | None]:
    """(type id, None) or (None, why not): the type whose id, name or alias is closest (rapidfuzz),
    if close enough and clearly closer than any other type."""
    candidates = _type_candidates(unit_types)
    norm = _norm(text)
    best: dict[str, float] = {}
    for cand, tid in candidates.items():
        best[tid] = max(best.get(tid, 0), fuzz.ratio(norm, cand))
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    listing = "、".join(ut.name for ut in unit_types.values())
    if not ranked or ranked[0][1] < TYPE_MIN_SCORE:
        return None, f"未知的单位类型“{text}”，应为 {listing} 之一"
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < _MARGIN:
        a, b = (unit_types[t].name for t, _ in ranked[:2])
        return None, f"单位类型“{text}”不明确（{a} 还是 {b}？），应为 {listing} 之一"
    return ranked[0][0], None


def unit_id(name: str) -> str:
    """The id a unit's name reads as in pinyin, letters and digits only: 青岚区桃源镇人民政府 →
    qinglanqutaoyuanzhenrenminzhengfu. Stable as long as the name is."""
    from pypinyin import lazy_pinyin
    text = "".join(lazy_pinyin(name)).lower()
    uid = re.sub(r"[^a-z0-9]+", "", text)
    return uid or "unit"


@dataclass
class _Row:
    sheet: str
    row: int
    data: dict            # the unit file's fields, in order
    columns: dict = field(default_factory=dict)    # key → "C 列（单位名称）", for later messages


def _column_name(key: str, c: int | None) -> str:
    label = _BY_KEY[key].label
    return f"{_letter(c)} 列（{label}）" if c is not None else f"（{label}）"


def _read_row(sheet: str, r: int, cells: dict[str, tuple[int, str]], unit_types) -> tuple[_Row | None, list[Problem]]:
    """One data row → its unit fields, or the problems that stop it. `cells`: key → (col, text)."""
    problems = []

    def bad(key, message):
        problems.append(Problem(sheet, r, _column_name(key, cells.get(key, (None, ""))[0]), message))

    def text(key):
        return cells.get(key, (None, ""))[1]

    name = text("name")
    if not name:
        bad("name", "缺少单位名称")
    utype = None
    if not text("type"):
        bad("type", "缺少单位类型")
    else:
        utype, why = unit_type_for(text("type"), unit_types)
        if why:
            bad("type", why)

    code = None
    raw = {k: text(k) for k in ("uscc", "org_code") if text(k)}
    if not raw:
        bad("uscc" if "uscc" in cells else "org_code", "缺少组织机构代码或统一社会信用代码")
    for key, value in raw.items():
        normal = _org_code(value)
        if normal is None:
            hint = ("（可能被 Excel 存成了数字，前导 0 已丢失：请把该列设为文本后重新填写）"
                    if value.isdigit() and len(value) < 9 else "")
            bad(key, f"“{value}”不是有效的组织机构代码（9 位）或统一社会信用代码（18 位）{hint}")
        elif code is None:
            code = normal     # 统一社会信用代码 first: it supersedes the old 9-character code

    urls = {}
    for key in ("portal", "disclosure", "mobile"):
        value = text(key)
        if value and not _valid_url(value):
            bad(key, f"“{value}”不是有效的网址，应以 http:// 或 https:// 开头并包含主机名")
        elif value:
            urls[key] = value
    if not text("disclosure"):
        bad("disclosure", "缺少信息公开网址")

    contacts = [p.strip() for p in re.split(r"[,，、;；/\n]+", text("phone") or "") if p.strip()]
    for number in contacts:
        if not _CONTACT.fullmatch(number):
            bad("phone", f"“{number}”不是电话号码（多个号码用顿号、逗号或换行分开）")

    media = []
    for key, platform in (("weibo", "weibo"), ("wechat", "wechat")):
        if text(key):
            accounts, why = _media(platform, text(key))
            if why:
                bad(key, why)
            media += accounts

    if problems:
        return None, problems
    data = {"name": name, "type": utype, "org_code": code}
    if "portal" in urls:
        data["portal"] = urls["portal"]
    data["disclosure"] = urls["disclosure"]
    if "mobile" in urls:
        data["sites"] = [{"role": "mobile", "url": urls["mobile"]}]
    if media:
        data["media"] = media
    if contacts:
        data["published_contacts"] = contacts      # the unit's own numbers: never PRIV-002
    columns = {key: _column_name(key, c) for key, (c, _) in cells.items()}
    columns["org_code"] = columns.get("uscc" if "uscc" in raw else "org_code", "（代码）")
    return _Row(sheet, r, data, columns), []


# ---- the whole workbook ----------------------------------------------------------------------

def _read_workbook(path: Path, unit_types, result: ImportResult) -> list[_Row]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    try:
        wb = load_workbook(path, data_only=True)     # not read-only: merged ranges are needed
    # what openpyxl raises on a file that is not a workbook: not a zip, a zip without the parts, bad XML
    except (InvalidFileException, BadZipFile, KeyError, ValueError, OSError) as exc:
        result.problems.append(Problem(None, None, None, f"{path.name} 无法作为 Excel 工作簿（.xlsx）读取：{exc}（.xls、.csv 等请先在 Excel 中另存为 .xlsx）"))
        return []
    rows: list[_Row] = []
    found_any = False
    for ws in wb.worksheets:
        grid = _grid(ws)
        merged = {(r - 1, c - 1) for rng in ws.merged_cells.ranges
                  for r in range(rng.min_row, rng.max_row + 1) for c in range(rng.min_col, rng.max_col + 1)}
        header = _find_header(grid, merged)
        if header is None:
            result.notes.append(f"工作表“{ws.title}”中没有找到单位名单的表头，已跳过")
            continue
        found_any = True
        hr, columns, ignored = header
        if ignored:
            result.notes.append(f"工作表“{ws.title}”第 {hr + 1} 行中未识别的列（已忽略）：{'、'.join(ignored)}")
        keys = {col.key for col in columns.values()}
        for col in COLUMNS:
            if col.required and col.key not in keys:
                result.problems.append(Problem(ws.title, hr + 1, None, f"表头中找不到“{col.label}”列"))
        if "org_code" not in keys and "uscc" not in keys:
            result.problems.append(Problem(ws.title, hr + 1, None, "表头中找不到“组织机构代码”或“统一社会信用代码”列"))
        if any(p.sheet == ws.title and p.row == hr + 1 for p in result.problems):
            continue
        for r in range(hr + 1, len(grid)):
            cells = {col.key: (c, grid[r][c].strip()) for c, col in columns.items()}
            if not any(text for _, text in cells.values()):
                continue    # blank rows between groups
            row, problems = _read_row(ws.title, r + 1, cells, unit_types)
            result.problems += problems
            if row:
                rows.append(row)
    if not found_any and not result.problems:
        result.problems.append(Problem(None, None, None,
                                       f"{path.name} 的所有工作表中都没有找到表头（至少应有“单位名称”“单位类型”“信息公开网”等列）"))
    return rows


def _existing(out: Path) -> dict[str, tuple[Path, bool, str | None, str | None]]:
    """Files already in `out`: id → (path, written by the importer?, org_code, name)."""
    found = {}
    for path in sorted(out.glob("*.yaml")) if out.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8-sig")
            data = yaml.safe_load(text) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            data, text = {}, ""
        uid = str(data.get("id") or path.stem) if isinstance(data, dict) else path.stem
        code = str(data.get("org_code")) if isinstance(data, dict) and data.get("org_code") else None
        name = str(data.get("name")) if isinstance(data, dict) and data.get("name") else None
        found[uid] = (path, text.startswith(MARKER), code, name)
    return found


def _check_duplicates(rows: list[_Row], existing, result: ImportResult) -> None:
    seen_name, seen_code = {}, {}
    for row in rows:
        for key, seen in (("name", seen_name), ("org_code", seen_code)):
            value = row.data[key]
            if value in seen:
                first = seen[value]
                result.problems.append(Problem(row.sheet, row.row, row.columns[key],
                                               f"与工作表“{first.sheet}”第 {first.row} 行重复：{value}"))
            else:
                seen[value] = row
    hand_written = {code: path for path, mine, code, _ in existing.values() if not mine and code}
    for row in rows:
        path = hand_written.get(row.data["org_code"])
        if path:
            result.problems.append(Problem(row.sheet, row.row, row.columns["org_code"],
                                           f"该单位已有手工编写的配置文件 {path.name}（代码 {row.data['org_code']}）；"
                                           "请删除该行或移走该文件"))


def _assign_ids(rows: list[_Row], existing) -> None:
    """Ids from pinyin, in sheet order; a taken id gets -2, -3, … Ids of hand-written files in the
    output folder count as taken, files from an earlier import do not (they are replaced)."""
    taken = {uid for uid, (_, mine, _, _) in existing.items() if not mine}
    for row in rows:
        base = unit_id(row.data["name"])
        uid, n = base, 1
        while uid in taken:
            n += 1
            uid = f"{base}-{n}"
        taken.add(uid)
        row.data = {"id": uid, **row.data}


class _Flow(dict):
    """A mapping written on one line, as a person writes a media account."""


class _Quoted(str):
    """A code that must stay text: unquoted, 003240560 would read back as an (octal) number."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True))
_Dumper.add_representer(_Quoted, lambda d, data: d.represent_scalar("tag:yaml.org,2002:str", data, style='"'))


def _yaml(row: _Row, source: str) -> str:
    data = dict(row.data)
    data["org_code"] = _Quoted(data["org_code"])
    if "media" in data:
        data["media"] = [_Flow(m) for m in data["media"]]
    if "sites" in data:
        data["sites"] = [_Flow(site) for site in data["sites"]]
    text = (f"{MARKER}：{source}（工作表“{row.sheet}”第 {row.row} 行）。请改表格后重新导入，不要手工修改\n"
            + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                        width=10_000))
    return text


def program_unit_types(program) -> dict[str, UnitType]:
    """The unit types a program uses (its `unit_types:` folder, else the package's), without
    loading its units: the folder they are imported into may still be empty."""
    path = Path(program).resolve()
    f = _Fields(path, _compose(path))
    if not f.present("unit_types"):
        return load_unit_types()
    folder = (path.parent / f.text("unit_types")).resolve()
    if not folder.is_dir():
        raise f.error("unit_types", f"文件夹 {folder} 不存在")
    return load_unit_types(folder)


def import_units(xlsx, out, unit_types: dict[str, UnitType] | None = None) -> ImportResult:
    """Read the workbook; when every row is good, write `out/<id>.yaml` for each unit.

    With any problem nothing is written (result.problems says why). Files from an earlier import
    are replaced; hand-written files in `out` are never touched."""
    xlsx, out = Path(xlsx), Path(out)
    unit_types = unit_types or load_unit_types()
    result = ImportResult()
    if not xlsx.is_file():
        result.problems.append(Problem(None, None, None, f"文件 {xlsx} 不存在"))
        return result
    rows = _read_workbook(xlsx, unit_types, result)
    existing = _existing(out)
    _check_duplicates(rows, existing, result)
    if result.problems:
        return result
    if not rows:
        result.problems.append(Problem(None, None, None, f"{xlsx.name} 中没有任何单位"))
        return result
    _assign_ids(rows, existing)
    _stage_and_write(rows, xlsx.name, out, unit_types, existing, result)
    return result


def _stage_and_write(rows, source, out: Path, unit_types, existing, result: ImportResult) -> None:
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".import-", dir=out))
    try:
        staged = []
        for row in rows:
            path = stage / f"{row.data['id']}.yaml"
            path.write_text(_yaml(row, source), encoding="utf-8")
            try:
                load_unit(path, unit_types)
            except ProfileError as exc:
                result.problems.append(Problem(row.sheet, row.row, exc.field, exc.message))
            staged.append(path)
        if result.problems:
            return
        new_ids = {row.data["id"] for row in rows}
        for path in staged:
            os.replace(path, out / path.name)
            result.written.append(out / path.name)
        for uid, (path, mine, _, name) in existing.items():
            if mine and uid not in new_ids and path.exists():
                result.notes.append(f"{path.name}（{name or uid}）是以前导入的，本次表格中已没有该单位；"
                                    "未删除，如该单位已撤销请手工删除")
    finally:
        shutil.rmtree(stage, ignore_errors=True)


# ---- the empty workbook ----------------------------------------------------------------------

DATA_SHEET = "单位名单"
TYPES_SHEET = "单位类型"
INSTRUCTIONS_SHEET = "填写说明"
_HELP = {
    "单位名称": "必填。单位全称，如 云溪市青岚区人民政府。单位编号按名称的拼音自动生成",
    "单位类型": "必填。从下拉列表中选择",
    "组织机构代码": "与统一社会信用代码至少填一项。9 位，如 003240560（本列已设为文本，前导 0 不会丢失）",
    "统一社会信用代码": "18 位，如 11330100003240560X；两项都填时以本项为准",
    "门户网站": "门户网站首页网址（乡镇、街道填其在县区门户上的栏目网址），以 http:// 或 https:// 开头",
    "信息公开网": "必填。政府信息公开网站或栏目的网址",
    "手机版": "手机版网站首页网址（登记为单位的手机版网站，同样检测可访问性、页脚标识和首页更新）",
    "政务微博": "账号名称 网址，如：青岚区发布 https://weibo.com/u/123；多个账号分行填写",
    "政务微信": "账号名称 网址；多个账号分行填写",
    "公开电话": "单位自己对外公布的电话，多个用顿号或换行分开（这些号码不会被当作泄露的个人信息）",
}


def write_template(path, unit_types: dict[str, UnitType] | None = None) -> Path:
    """The empty workbook: instructions, the unit list with a drop-down of unit types, and the
    types on their own sheet (a list range has no 255-character limit, unlike an inline list)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation
    unit_types = unit_types or load_unit_types()
    labels = [c.label for c in COLUMNS]
    wb = Workbook()
    info = wb.active
    info.title = INSTRUCTIONS_SHEET
    info.append(["政务公开监测：单位名单填写说明"])
    info["A1"].font = Font(bold=True, size=14)
    info.append([f"在“{DATA_SHEET}”工作表中每行填写一个单位，然后运行：zwgk profiles import 本文件.xlsx --out site_profiles/units/"])
    info.append(["任何一行有误时不会写入任何文件：按提示改正表格后重新导入即可。列名可以不同（如“单位全称”），程序会自动识别。"])
    info.append([])
    info.append(["列", "说明"])
    for label in labels:
        info.append([label, _HELP[label]])
    info.column_dimensions["A"].width = 18
    info.column_dimensions["B"].width = 100

    ws = wb.create_sheet(DATA_SHEET)
    ws.append(labels)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    ws.freeze_panes = "A2"
    for i, label in enumerate(labels, start=1):
        ws.column_dimensions[_letter(i - 1)].width = 40 if label in ("单位名称", "门户网站", "信息公开网",
                                                                     "政务微博", "政务微信") else 20
    last = 1000
    for key in ("org_code", "uscc", "phone"):
        letter = _letter(labels.index(_BY_KEY[key].label))
        for r in range(2, last + 1):
            ws[f"{letter}{r}"].number_format = "@"     # codes keep their leading zeros

    types = wb.create_sheet(TYPES_SHEET)
    types.append(["单位类型", "编号"])
    for tid, ut in unit_types.items():
        types.append([ut.name, tid])
    types.column_dimensions["A"].width = 30
    type_letter = _letter(labels.index("单位类型"))
    dv = DataValidation(type="list", formula1=f"'{TYPES_SHEET}'!$A$2:$A${len(unit_types) + 1}", allow_blank=True,
                        showErrorMessage=True, errorTitle="单位类型", error="请从下拉列表中选择单位类型",
                        showInputMessage=True, promptTitle="单位类型", prompt="从下拉列表中选择")
    dv.add(f"{type_letter}2:{type_letter}{last}")
    ws.add_data_validation(dv)
    wb.active = wb.index(ws)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
