"""The notice's indicator system (二(一) 共性指标, 二(二) 个性指标), per unit type.

    system = load_indicators()                   # site_profiles/indicators.yaml
    for ind in system["county"]:
        ind.code, ind.clause, ind.points, ind.scored_by, ind.rubric, ind.key_area

Each indicator is scored either by the machine, through one indicator of rubric.yaml (its points are
that rubric indicator's points for the unit type, overrides included), or by an evaluator on site
(its points are in indicators.yaml; defaults until an office enters the official ones).

Cross-checked against rubric.yaml: a machine indicator names a rubric indicator that exists, with
the clause the unit type's rubric gives it, at most once per unit type; every rubric indicator is used
somewhere. With `rules` (checks.registry.all_rules()) a machine indicator must also have a rule that
applies to the unit type, otherwise the machine never scores it.
Every mistake is a ProfileError naming the file, the line and the field, like the other profiles.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import (
    PACKAGE_DIR,
    UNIT_TYPES_DIR,
    ProfileError,
    _compose,
    _construct,
    _display,
    _Fields,
    _kind,
    _line,
    load_unit_types,
)
from .rubric import RUBRIC_PATH, audit_spec, load_rubric

__all__ = ["INDICATORS_PATH", "SCORERS", "NoticeIndicator", "load_indicators"]

INDICATORS_PATH = PACKAGE_DIR / "indicators.yaml"
SCORERS = ("machine", "evaluator")
_PART_FIELDS = ["part", "types", "indicators"]
_FIELDS = ["code", "types", "clause", "text", "scored_by", "rubric", "points", "key_area"]
# 二(一)1.(2) or 二(二)1.(3): the notice's own numbering
_CLAUSE = re.compile(r"二\((一|二)\)(\d+)\.\((\d+)\)")
# codes: 共性 "1.(2)" (a sentence kept apart: "3.(2)-2"); 个性 "个性.<类别>.(3)"
_COMMON_CODE = re.compile(r"(\d+)\.\((\d+)\)(?:-\d+)?")
_OWN_CODE = re.compile(r"个性\.[^.\s]+\.\((\d+)\)")
_PART = re.compile(r"共性|个性\.[^.\s]+")


@dataclass(frozen=True)
class NoticeIndicator:
    code: str                 # e.g. "1.(2)", "3.(2)-2", "个性.县区政府.(3)"
    clause: str               # e.g. 二(一)1.(2)
    text: str                 # the notice's text
    points: float             # full marks for this unit type
    scored_by: str            # machine | evaluator
    rubric: str | None        # the rubric.yaml indicator a machine indicator takes its score from
    key_area: bool            # counts towards the 重点领域信息公开得分率
    part: str                 # 共性 or 个性.<类别>
    line: int                 # where it is written in indicators.yaml


@dataclass(frozen=True)
class _Entry:
    """One indicator as written, before the rubric gives machine indicators their points."""
    code: str
    clause: str
    text: str
    scored_by: str
    rubric: str | None
    points: float | None
    key_area: bool
    part: str
    types: tuple[str, ...]        # the types it applies to
    part_types: tuple[str, ...]   # the types of its part
    f: _Fields


def load_indicators(path=INDICATORS_PATH, *, rubric_path=RUBRIC_PATH, types_dir=UNIT_TYPES_DIR,
                    rules: dict | None = None) -> dict[str, list[NoticeIndicator]]:
    """Unit type id → its indicators in file order, for every unit type in `types_dir`."""
    path = Path(path).resolve()
    types = load_unit_types(types_dir)
    rubric = load_rubric(rubric_path, known_rules=rules)
    root = _Fields(path, _compose(path))
    root.check_known(["parts"])
    part_nodes = root.seq("parts")
    if not part_nodes:
        raise root.missing("parts") if not root.present("parts") else root.error("parts", "不能为空列表")
    entries: list[_Entry] = []
    for i, node in enumerate(part_nodes):
        entries += _part(path, node, f"parts[{i}].", types)
    by_type = _by_type(entries, types, root)
    return _cross_check(path, by_type, types, rubric, rules, root)


# ---- reading ----------------------------------------------------------------------------------

def _type_ids(f: _Fields, key: str, allowed: list[str], what: str) -> tuple[str, ...]:
    items = f.seq(key)
    if not items:
        raise f.error(key, "应为单位类型 id 的列表，不能为空")
    out: list[str] = []
    for k, item in enumerate(items):
        where = f"{f.name(key)}[{k}]"
        if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
            raise ProfileError(f.path, _line(item), where, f"应为单位类型 id，实际为{_kind(item)}")
        tid = item.value.strip()
        if tid not in allowed:
            hint = difflib.get_close_matches(tid, allowed, n=1)
            guess = f"（是否应为 {hint[0]}？）" if hint else ""
            raise ProfileError(f.path, _line(item), where, f"{what}中没有单位类型 {tid}{guess}，可用：{'、'.join(allowed)}")
        if tid in out:
            raise ProfileError(f.path, _line(item), where, f"单位类型 {tid} 重复")
        out.append(tid)
    return tuple(out)


def _part(path: Path, node, prefix: str, types: dict) -> list[_Entry]:
    f = _Fields(path, node, prefix=prefix, what="指标部分")
    f.check_known(_PART_FIELDS)
    name = f.text("part")
    if not _PART.fullmatch(name):
        raise f.error("part", f'"{name}" 无效，应为 共性 或 个性.<类别>（如 个性.县区政府）')
    part_types = _type_ids(f, "types", list(types), "unit_types 文件夹")
    items = f.seq("indicators")
    if not items:
        raise f.missing("indicators") if not f.present("indicators") else f.error("indicators", "不能为空列表")
    return [_entry(path, item, f"{prefix}indicators[{j}].", name, part_types) for j, item in enumerate(items)]


def _entry(path: Path, node, prefix: str, part: str, part_types: tuple[str, ...]) -> _Entry:
    f = _Fields(path, node, prefix=prefix, what="指标")
    f.check_known(_FIELDS)
    code = f.text("code")
    entry_types = _type_ids(f, "types", list(part_types), f"本部分（{part}）的 types ") \
        if f.present("types") else part_types
    clause = f.text("clause")
    numbered = _CLAUSE.fullmatch(clause)
    if not numbered:
        raise f.error("clause", f'"{clause}" 不是通知的条款编号，应如 二(一)1.(2) 或 二(二)1.(3)')
    _code_matches_clause(f, part, code, numbered)
    text = f.text("text")
    scored_by = f.text("scored_by")
    if scored_by not in SCORERS:
        raise f.error("scored_by", f'"{scored_by}" 无效，应为 machine（机器评分）或 evaluator（评估人员评分）')
    rubric = points = None
    if scored_by == "machine":
        rubric = f.text("rubric")
        if f.present("points"):
            raise f.error("points", "机器评分的指标不写分值：分值取自 rubric.yaml 中所映射指标的 points", at_key=True)
    else:
        if f.present("rubric"):
            raise f.error("rubric", "只有机器评分（scored_by: machine）的指标才映射 rubric 指标", at_key=True)
        if not f.present("points"):
            raise f.missing("points")
        value = _construct(path, f.values["points"]) if isinstance(f.values["points"], yaml.ScalarNode) else None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise f.error("points", f"应为大于0的数字，实际为{_kind(f.values['points'])}")
        points = value
    key_area = f.boolean("key_area", False)
    return _Entry(code, clause, text, scored_by, rubric, points, key_area, part, entry_types, part_types, f)


def _code_matches_clause(f: _Fields, part: str, code: str, clause) -> None:
    """A typo in either shows as a disagreement: 共性 1.(2) is 二(一)1.(2); 个性.X.(3) is 二(二)n.(3)."""
    section, n, m = clause.groups()
    if part == "共性":
        form = _COMMON_CODE.fullmatch(code)
        if not form:
            raise f.error("code", f'"{code}" 不是共性指标编号，应如 1.(2)（单列的句子如 3.(2)-2）')
        if (section, form.group(1), form.group(2)) != ("一", n, m):
            raise f.error("clause", f"共性指标 {code} 的条款应为 二(一){form.group(1)}.({form.group(2)})")
        return
    form = _OWN_CODE.fullmatch(code)
    if not form or not code.startswith(part + "."):
        raise f.error("code", f'"{code}" 不是本部分的指标编号，应如 {part}.(1)')
    if (section, form.group(1)) != ("二", m):
        raise f.error("clause", f"个性指标 {code} 的条款应为 二(二)<类别序号>.({form.group(1)})")


def _by_type(entries: list[_Entry], types: dict, root: _Fields) -> dict[str, list[_Entry]]:
    """Each unit type's entries; a code at most once per type, each code of a part for all its types."""
    by_type: dict[str, list[_Entry]] = {tid: [] for tid in types}
    seen: dict[tuple[str, str], _Entry] = {}
    for e in entries:
        for tid in e.types:
            other = seen.get((tid, e.code))
            if other is not None:
                raise e.f.error("code", f"单位类型 {tid} 的指标 {e.code} 重复（第 {_line(other.f.node)} 行已有）")
            seen[tid, e.code] = e
            by_type[tid].append(e)
    for e in entries:
        missing = [tid for tid in e.part_types if (tid, e.code) not in seen]
        if missing:
            raise e.f.error("code", f"指标 {e.code} 没有适用于单位类型 {'、'.join(missing)} 的条目"
                                    f"（本部分 {e.part} 适用于 {'、'.join(e.part_types)}）")
    for tid, mine in by_type.items():
        if not mine:
            raise root.error("parts", f"单位类型 {tid} 没有任何指标", at_key=True)
        if not any(e.key_area for e in mine):
            raise root.error("parts", f"单位类型 {tid} 没有重点领域指标（key_area: true），无法计算重点领域信息公开得分率",
                             at_key=True)
    return by_type


# ---- the rubric cross-check -------------------------------------------------------------------

def _cross_check(path: Path, by_type: dict[str, list[_Entry]], types: dict, rubric, rules, root: _Fields):
    out: dict[str, list[NoticeIndicator]] = {}
    used: set[str] = set()
    for tid, entries in by_type.items():
        spec = audit_spec(types[tid], rubric, known_rules=rules)
        taken: dict[str, _Entry] = {}
        mine = []
        for e in entries:
            points = e.points
            if e.scored_by == "machine":
                ind = spec.rubric.indicators.get(e.rubric)
                if ind is None:
                    raise e.f.error("rubric", f"{_display(rubric.source)} 中没有指标 {e.rubric}，"
                                              f"可用：{'、'.join(rubric.indicators)}")
                if e.rubric in taken:
                    raise e.f.error("rubric", f"单位类型 {tid} 的 rubric 指标 {e.rubric} 已由第 "
                                              f"{_line(taken[e.rubric].f.node)} 行的指标 {taken[e.rubric].code} 使用，"
                                              "同一机器得分不能计入两个指标")
                if ind.clause != e.clause:
                    raise e.f.error("clause", f"单位类型 {tid} 的 rubric 指标 {e.rubric} 对应条款 {ind.clause}，"
                                              f"与此处 {e.clause} 不一致")
                if rules is not None and not any(
                        code in rules and (types[tid].administrative or not rules[code].administrative_only)
                        for code in ind.rules):
                    raise e.f.error("scored_by", f"rubric 指标 {e.rubric} 的规则都不适用于单位类型 {tid}，"
                                                 "机器不会给它评分，应由评估人员评分（evaluator）")
                taken[e.rubric] = e
                used.add(e.rubric)
                points = ind.points
            mine.append(NoticeIndicator(e.code, e.clause, e.text, points, e.scored_by, e.rubric, e.key_area,
                                        e.part, _line(e.f.node)))
        out[tid] = mine
    unused = [key for key in rubric.indicators if key not in used]
    if unused:
        rf = _Fields(rubric.source, _compose(rubric.source))
        inds = _Fields(rubric.source, rf.values["indicators"], prefix="indicators.")
        raise inds.error(unused[0], f"指标体系 {_display(path)} 中没有机器评分（scored_by: machine）的指标使用此项",
                         at_key=True)
    return out
