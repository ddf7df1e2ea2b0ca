"""The rule registry: every code of the rule catalogue (shared/RULES.md) with its metadata.

A rule module defines each check, then registers it with `rule(...)(check)`::

    def broken_internal_links(audit):
        yield audit.finding(url=..., message=...)


    rule("LINK-001", "内部链接失效", "minor", "4.(1)", "P2015 链接可用性",
         requirement="站内链接应能正常打开", broken=(404, 410))(broken_internal_links)

(A call rather than a decorator: mutmut, which measures the tests, does not mutate decorated
functions, and the checks are what most needs measuring.)

The function receives the `UnitAudit` of one unit (its snapshot rows, profile, as-of date and the
rule's parameters after the unit type's overrides) and yields findings. It reads nothing else,
so a stored snapshot can be audited again with the same result.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

SEVERITIES = ("veto", "major", "minor", "advisory")          # most serious first
SEVERITY_NAMES = {"veto": "单项否决", "major": "严重", "minor": "一般", "advisory": "提示"}

# Short source names of RULES.md, spelled out for messages and reports
SOURCES = {
    "N2017": "六政务公开办〔2017〕2号",
    "R2007": "《政府信息公开条例》（2007年）",
    "R2019": "《政府信息公开条例》（2019年修订）",
    "P2015": "全国政府网站普查评分表（国办发〔2015〕15号）",
    "I2019": "政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）",
    "G2017": "政府网站发展指引（国办发〔2017〕47号）",
    "M2018": "国办发〔2018〕123号",
    "D2019": "《重大行政决策程序暂行条例》",
}


@dataclass(frozen=True)
class Rule:
    code: str
    title: str                  # short Chinese name of the problem, e.g. 内部链接失效
    severity: str               # default severity; a finding may raise it (e.g. to veto)
    indicator: str              # the notice indicator it feeds by default, e.g. "4.(1)"
    source: str                 # RULES.md source, e.g. "P2015 链接可用性"
    requirement: str            # what the rule requires, in Chinese (整改要求)
    params: dict = field(default_factory=dict)
    administrative_only: bool = False   # 条例 duties: not for 事业单位
    check: Callable[..., Iterable] | None = None

    @property
    def family(self) -> str:
        return self.code.split("-")[0]

    @property
    def source_text(self) -> str:
        """The source with its short names spelled out."""
        text = self.source
        for short, full in SOURCES.items():
            text = text.replace(short, full)
        return text


RULES: dict[str, Rule] = {}


def rule(code: str, title: str, severity: str, indicator: str, source: str, *, requirement: str,
         administrative_only: bool = False, **params):
    """`rule(...)(check)` registers `check` as the check of `code`."""
    if severity not in SEVERITIES:
        raise ValueError(f"{code}: unknown severity {severity!r}")

    def register(fn):
        if code in RULES:
            raise ValueError(f"{code} registered twice")
        RULES[code] = Rule(code, title, severity, indicator, source, requirement, dict(params),
                           administrative_only, fn)
        return fn
    return register


def all_rules() -> dict[str, Rule]:
    """Every registered rule, in code order (importing the rule modules registers them)."""
    from . import rules  # noqa: F401  (registration happens on import)
    return dict(sorted(RULES.items()))
