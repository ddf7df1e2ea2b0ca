"""More exact rows of the catalog rules (CAT-001…004) on hand-made snapshots (tests/minisnap.py), with
catalogs deeper than the shipped profiles (a profile may nest columns to any depth)."""
from __future__ import annotations

from dataclasses import replace

from checks.audit import UnitData
from checks.engine import audit_unit
from checks.registry import all_rules
from checks.rules.catalog import same_column
from site_profiles.rubric import RequiredColumn
from tests.minisnap import DISCLOSURE, Mini, _spec

BOX = "法定主动公开内容"


def audit_with_catalog(mini: Mini, catalog, code: str) -> list[dict]:
    """`code`'s rows for the unit, its unit type's catalog replaced by `catalog`."""
    mini.snap.flush()
    unit = next(mini.snap.rows("units"))
    spec = replace(_spec(mini.type), catalog=tuple(catalog))
    errors: list[str] = []
    out = audit_unit(UnitData(mini.snap, unit, spec, mini.as_of), {code: all_rules()[code]}, errors)
    assert errors == [], errors
    return out


def test_punctuation_and_spaces_do_not_tell_column_names_apart():
    assert same_column("部门 预决算（公开）", ["部门预决算公开"], 100)
    assert not same_column("部门决算", ["财政预算"], 100)


def test_a_missing_column_three_levels_deep_is_reported_with_its_missing_parent(tmp_path):
    mini = Mini(tmp_path)
    mini.column(f"{BOX} > 机构职能")
    catalog = [RequiredColumn(("机构职能",), (), "机构职能"),
               RequiredColumn(("机构设置",), ("机构职能",), "机构职能 > 机构设置"),
               RequiredColumn(("内设机构",), ("机构设置",), "机构职能 > 机构设置 > 内设机构")]
    got = audit_with_catalog(mini, catalog, "CAT-001")
    assert [(r["message"].split("。要求：")[0], r["url"], r["column_path"], r["gap"]) for r in got] == [
        ("未找到必备栏目“机构职能 > 机构设置”（含子栏目内设机构）", DISCLOSURE, "机构职能 > 机构设置", 0)]
