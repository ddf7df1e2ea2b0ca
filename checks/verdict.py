"""From a checked and scored run to the notice's verdict (三(四)): the cohort the awards see, and the
awards themselves (checks/awards.py decides; reports/awards.py writes the workbooks).

A unit's category comes from its unit type (`award_category:` in the type's file, else the package's
type ids below); a 市级部门 bears 重点领域 when its type does (key_dept); a 乡镇 or 街道 names its 县区
in `county:` and the 县区政府 says 县 or 区 in `county_kind:` (site_profiles). The two 得分率 come from
checks/composite.py: the machine's scores and the evaluators' imported score sheets.
"""
from __future__ import annotations

from pathlib import Path

from crawler.snapshot import Snapshot

from .awards import DEFAULT_RANKING, AwardsResult, AwardUnit, decide
from .composite import run_rates

# unit-type id → the notice's category, and whether the department bears 重点领域信息公开
TYPE_CATEGORIES = {"county": ("county_gov", False), "zone": ("zone", False), "key_dept": ("city_dept", True),
                   "dept": ("city_dept", False), "town": ("town", False), "street": ("street", False),
                   "institution": ("institution", False)}


def cohort(run_dir) -> list[AwardUnit]:
    """Every unit of the run as the awards see it, with its two rates (None while unscored)."""
    run_dir = Path(run_dir)
    rates = run_rates(run_dir)
    types = _award_categories(run_dir)
    snap = Snapshot.open(run_dir)
    try:
        units = list(snap.rows("units", order_by="id"))
    finally:
        snap.close()
    kinds = {u["id"]: (u.get("profile") or {}).get("county_kind") for u in units}
    out = []
    for u in units:
        category, key_field = types.get(u["type"], (None, False))
        if category is None:
            continue   # a type the notice does not rank
        profile = u.get("profile") or {}
        county = profile.get("county") if category in ("town", "street") else None
        kind = kinds.get(county) if county else profile.get("county_kind")
        r = rates.get(u["id"])
        out.append(AwardUnit(id=u["id"], name=u["name"], category=category, key_field=key_field,
                             county=county, county_kind=kind if category in ("county_gov", "town", "street") else None,
                             overall_rate=r.overall if r else None, key_rate=r.key_area if r else None))
    return out


def run_awards(run_dir, ranking=DEFAULT_RANKING, year: int = 2017, city: str = "六安市") -> AwardsResult:
    return decide(cohort(run_dir), ranking=ranking, year=year, city=city)


def _award_categories(run_dir: Path) -> dict[str, tuple[str, bool]]:
    """Unit-type id → (category, bears 重点领域): an `award_category:` in the run's (frozen) unit types
    wins over the package's ids."""
    from site_profiles import load_unit_types
    from site_profiles.freeze import frozen_profiles
    frozen = frozen_profiles(run_dir)
    types = load_unit_types(frozen[0]) if frozen else load_unit_types()
    out = dict(TYPE_CATEGORIES)
    for t in types.values():
        given = t.extra.get("award_category")
        if given:
            out[t.id] = (given, bool(t.extra.get("key_field", False)))
    return out
