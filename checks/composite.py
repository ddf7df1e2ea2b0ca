"""Each unit's two rates of the notice, 三(四)1: 综合得分率 and 重点领域信息公开得分率.

    rates = run_rates(run_dir)        # unit id → UnitRates
    rates["qinglan"].overall, .key_area, .missing, .key_missing

Every indicator of the unit's type counts (site_profiles/indicators.yaml, the copy frozen with the run
when there is one): a machine indicator with the machine's score as stored in `scores` (its rubric
indicator's `score` over its `max`, so a vetoed indicator counts 0 and one the rubric `exclude`s as
未能检测 leaves both sums), an evaluator indicator with the evaluator's score from `evaluator_scores`
over the indicator's points. A rate is None while any of its indicators has no score (the machine did
not score it, or no evaluator has yet). Under the rubric's `veto: unit` the 综合得分率 is 0 whatever
is still unscored: the veto decides the unit's total. Rates are exact Fractions (checks.awards reads them).
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from crawler.snapshot import Snapshot
from site_profiles.freeze import FROZEN, frozen_profiles
from site_profiles.indicators import INDICATORS_PATH, NoticeIndicator, load_indicators


@dataclass(frozen=True)
class UnitRates:
    unit: str
    overall: Fraction | None          # 综合得分率
    key_area: Fraction | None         # 重点领域信息公开得分率
    missing: tuple[str, ...]          # codes of the unit's indicators without a score
    key_missing: tuple[str, ...]      # those of them that count towards the key-area rate
    unit_veto: str | None = None      # why the 综合得分率 is 0 under `veto: unit`


def exact(value) -> Fraction:
    """A stored number as the decimal it was written as (2.3 is 23/10, not a binary neighbour)."""
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)


def run_indicators(run_dir) -> dict[str, list[NoticeIndicator]]:
    """The indicator system the run is judged by: the copy frozen with the run, else the package's
    (with the frozen unit types and rubric when the run has them)."""
    run_dir = Path(run_dir)
    frozen = run_dir / FROZEN / "indicators.yaml"
    path = frozen if frozen.is_file() else INDICATORS_PATH
    profiles = frozen_profiles(run_dir)
    if profiles:
        return load_indicators(path, types_dir=profiles[0], rubric_path=profiles[1])
    return load_indicators(path)


def unit_rates(unit: str, indicators: list[NoticeIndicator], machine: dict[str, dict],
               evaluator: dict[str, float | None]) -> UnitRates:
    """The rates of one unit. `machine`: its `scores` rows by rubric indicator; `evaluator`: its
    evaluator scores by indicator code (None: not scored)."""
    got = {False: Fraction(0), True: Fraction(0)}      # key_area → sums of the key indicators, and all
    full = {False: Fraction(0), True: Fraction(0)}
    missing, key_missing = [], []
    for ind in indicators:
        if ind.scored_by == "machine":
            row = machine.get(ind.rubric)
            score = None if row is None else (Fraction(0) if row["veto"] else exact(row["score"]))
            top = None if row is None else exact(row["max"])
        else:
            value = evaluator.get(ind.code)
            score = None if value is None else exact(value)
            top = exact(ind.points)
        if score is None:
            missing.append(ind.code)
            if ind.key_area:
                key_missing.append(ind.code)
            continue
        for bucket in {False, ind.key_area}:
            got[bucket] += score
            full[bucket] += top
    veto = next((row["detail"]["unit_veto"]["note"] for row in machine.values()
                 if (row.get("detail") or {}).get("unit_veto")), None)

    def rate(key: bool, gaps: list) -> Fraction | None:
        return None if gaps or not full[key] else got[key] / full[key]

    overall = Fraction(0) if veto else rate(False, missing)
    return UnitRates(unit, overall, rate(True, key_missing), tuple(missing), tuple(key_missing), veto)


def run_rates(run_dir) -> dict[str, UnitRates]:
    """Every unit of the run: its two rates and what is still unscored."""
    run_dir = Path(run_dir)
    system = run_indicators(run_dir)
    snap = Snapshot.open(run_dir)
    try:
        units = list(snap.rows("units", order_by="id"))
        machine: dict[str, dict[str, dict]] = {}
        for row in snap.rows("scores"):
            machine.setdefault(row["unit"], {})[row["indicator"]] = row
        evaluator: dict[str, dict[str, float | None]] = {}
        if snap.db["evaluator_scores"].exists():
            for row in snap.rows("evaluator_scores"):
                evaluator.setdefault(row["unit"], {})[row["indicator"]] = row["score"]
    finally:
        snap.close()
    return {u["id"]: unit_rates(u["id"], system.get(u["type"], []), machine.get(u["id"], {}),
                                evaluator.get(u["id"], {}))
            for u in units if u["type"] in system}


def percent(rate: Fraction) -> str:
    """A rate as the dashboard shows it, rounded down so 79.999% never reads as 80.00%."""
    hundredths = (rate * 10000).numerator // (rate * 10000).denominator
    return f"{hundredths // 100}.{hundredths % 100:02d}%"
