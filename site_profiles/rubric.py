"""What the checks need from a unit type: its required catalog, its rubric and its rule parameters.

    rubric = load_rubric()                       # site_profiles/rubric.yaml, the defaults
    spec = audit_spec(unit_type, rubric)         # the unit type's overrides applied
    spec.catalog, spec.indicators["4.(1)"].points, spec.params("FRESH-002")

Every mistake is a ProfileError naming the file, the line and the field, like the other profiles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from . import PACKAGE_DIR, ProfileError, UnitType, _compose, _construct, _Fields, _kind, _line

RUBRIC_PATH = PACKAGE_DIR / "rubric.yaml"
SEVERITIES = ("veto", "major", "minor", "advisory")
FRESH_CLASSES = ("news", "notice", "yearly", "static", "event")
VETO_EFFECTS = ("zero", "unit")
UNCHECKED_EFFECTS = ("zero", "exclude")   # an indicator 未能检测: earns 0, or drops out of the total
_INDICATOR_FIELDS = ["name", "points", "rules", "cap", "clause"]


@dataclass(frozen=True)
class RequiredColumn:
    """One column of a basic catalog: its names (the first is the official one) and its parent's."""
    names: tuple[str, ...]
    parent: tuple[str, ...] = ()       # names of the parent column; () at the top level
    path: str = ""                     # official names from the top, joined by " > "

    @property
    def name(self) -> str:
        return self.names[0]


@dataclass(frozen=True)
class Indicator:
    id: str                 # e.g. "4.(1)"
    name: str
    points: float
    rules: tuple[str, ...]
    cap: float | None = None          # most points the indicator can lose; None: all of them
    clause: str = ""                  # where the notice states it, e.g. 二(一)4.(1)


@dataclass(frozen=True)
class Rubric:
    indicators: dict[str, Indicator]
    deduct: dict[str, float]
    veto: str                          # zero | unit
    freshness: tuple[tuple[str, tuple[str, ...]], ...]    # (class, keywords) in the order to try
    limits: dict[str, int]             # freshness class → days
    source: Path | None = None
    unchecked: str = "zero"            # zero | exclude: how an indicator 未能检测 is scored

    def indicator_of(self, code: str) -> str | None:
        return next((i.id for i in self.indicators.values() if code in i.rules), None)


@dataclass(frozen=True)
class AuditSpec:
    """A unit type as the checks see it."""
    type: UnitType
    catalog: tuple[RequiredColumn, ...]
    rubric: Rubric
    rule_params: dict = field(default_factory=dict)   # code → {param: value}

    def params(self, code: str, defaults: dict) -> dict:
        return {**defaults, **self.rule_params.get(code, {})}


# ---- reading ----------------------------------------------------------------------------------

def _number(path: Path, node, where: str) -> float:
    value = _construct(path, node) if isinstance(node, yaml.ScalarNode) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ProfileError(path, _line(node), where, f"应为不小于0的数字，实际为{_kind(node)}")
    return value


def _strings(path: Path, node, where: str) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise ProfileError(path, _line(node), where, f"应为列表，实际为{_kind(node)}")
    out = []
    for i, item in enumerate(node.value):
        if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
            raise ProfileError(path, _line(item), f"{where}[{i}]", "应为非空文本")
        out.append(item.value.strip())
    return tuple(out)


def _indicator(path: Path, key: str, where: str, node, base: Indicator | None, known_rules) -> Indicator:
    f = _Fields(path, node, prefix=f"{where}.", what="指标")
    f.check_known(_INDICATOR_FIELDS)
    if base is None:
        for need in ("name", "points", "rules"):
            if not f.present(need):
                raise f.missing(need)
        base = Indicator(id=key, name="", points=0, rules=(), clause=f"二(一){key}" if key[:1].isdigit() else "二(二)")
    changes = {}
    if f.present("name"):
        changes["name"] = f.text("name")
    if f.present("clause"):
        changes["clause"] = f.text("clause")
    if f.present("points"):
        changes["points"] = _number(path, f.values["points"], f.name("points"))
    if f.present("cap"):
        changes["cap"] = _number(path, f.values["cap"], f.name("cap"))
    if f.present("rules"):
        rules = _strings(path, f.values["rules"], f.name("rules"))
        for i, code in enumerate(rules):
            if known_rules is not None and code not in known_rules:
                raise ProfileError(path, _line(f.values["rules"].value[i]), f"{f.name('rules')}[{i}]",
                                   f"未知的规则编号 {code}")
        changes["rules"] = rules
    return replace(base, **changes)


def load_rubric(path=RUBRIC_PATH, known_rules=None) -> Rubric:
    """The default rubric. `known_rules` (codes) lets a typo in a rule code fail here."""
    path = Path(path).resolve()
    f = _Fields(path, _compose(path))
    f.check_known(["indicators", "deduct", "veto", "unchecked", "freshness", "limits"])
    for need in ("indicators", "deduct", "freshness", "limits"):
        if not f.present(need):
            raise f.missing(need)
    indicators = {}
    ind = _Fields(path, f.values["indicators"], prefix="indicators.", what="indicators")
    for key, node in ind.values.items():
        indicators[key] = _indicator(path, key, f"indicators.{key}", node, None, known_rules)
    deduct = _severity_map(path, f.values["deduct"], "deduct")
    veto = f.text("veto", required=False) or "zero"
    if veto not in VETO_EFFECTS:
        raise f.error("veto", f"应为 {' 或 '.join(VETO_EFFECTS)}")
    unchecked = f.text("unchecked", required=False) or "zero"
    if unchecked not in UNCHECKED_EFFECTS:
        raise f.error("unchecked", f"应为 {' 或 '.join(UNCHECKED_EFFECTS)}")
    fresh = _Fields(path, f.values["freshness"], prefix="freshness.", what="freshness")
    fresh.check_known(list(FRESH_CLASSES))
    freshness = tuple((cls, _strings(path, node, fresh.name(cls))) for cls, node in fresh.values.items())
    lim = _Fields(path, f.values["limits"], prefix="limits.", what="limits")
    lim.check_known(["news", "notice", "yearly"])
    limits = {cls: int(_number(path, node, lim.name(cls))) for cls, node in lim.values.items()}
    return Rubric(indicators, deduct, veto, freshness, limits, path, unchecked)


def _severity_map(path: Path, node, where: str) -> dict[str, float]:
    f = _Fields(path, node, prefix=f"{where}.", what=where)
    f.check_known(list(SEVERITIES))
    return {sev: _number(path, f.values[sev], f.name(sev)) if f.present(sev) else 0 for sev in SEVERITIES}


def _catalog(path: Path, node, where: str, parent: RequiredColumn | None = None) -> list[RequiredColumn]:
    if not isinstance(node, yaml.SequenceNode):
        raise ProfileError(path, _line(node), where, f"应为栏目列表，实际为{_kind(node)}")
    out: list[RequiredColumn] = []
    for i, item in enumerate(node.value):
        at = f"{where}[{i}]"
        children = None
        if isinstance(item, yaml.MappingNode):
            if len(item.value) != 1:
                raise ProfileError(path, _line(item), at, "带子栏目的栏目应写成“栏目名: [子栏目…]”，一项只写一个栏目")
            key, children = item.value[0]
            item = key
        if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
            raise ProfileError(path, _line(item), at, "栏目名应为非空文本")
        names = tuple(n.strip() for n in item.value.split("/") if n.strip())
        col = RequiredColumn(names, parent.names if parent else (),
                             f"{parent.path} > {names[0]}" if parent else names[0])
        out.append(col)
        if children is not None and not (isinstance(children, yaml.ScalarNode) and not children.value):
            out += _catalog(path, children, f"{at}.{names[0]}", col)
    return out


def audit_spec(unit_type: UnitType, rubric: Rubric, known_rules=None) -> AuditSpec:
    """The unit type's catalog, its rubric (defaults + its overrides) and its rule parameters.

    Re-reads the unit type's file for line numbers (the loader keeps only values)."""
    path = unit_type.source
    if path is None:   # built in code (tests): values only
        return AuditSpec(unit_type, (), rubric, {})
    f = _Fields(path, _compose(path))
    catalog = tuple(_catalog(path, f.values["catalog"], "catalog")) if f.present("catalog") else ()
    indicators = dict(rubric.indicators)
    if f.present("rubric"):
        over = _Fields(path, f.values["rubric"], prefix="rubric.", what="rubric")
        for key, node in over.values.items():
            indicators[key] = _indicator(path, key, f"rubric.{key}", node, indicators.get(key), known_rules)
    params = {}
    if f.present("rules"):
        rules = _Fields(path, f.values["rules"], prefix="rules.", what="rules")
        for code, node in rules.values.items():
            if known_rules is not None and code not in known_rules:
                raise rules.error(code, f"未知的规则编号 {code}", at_key=True)
            if not isinstance(node, yaml.MappingNode):
                raise rules.error(code, f"应为参数键值对，实际为{_kind(node)}")
            params[code] = _construct(path, node)
    return AuditSpec(unit_type, catalog, replace(rubric, indicators=indicators), params)


def fresh_class(name: str, rubric: Rubric) -> str | None:
    """The freshness class a column name's keywords give; None when no keyword matches."""
    clean = re.sub(r"\s+", "", name)
    for cls, words in rubric.freshness:
        if any(w in clean for w in words):
            return cls
    return None
