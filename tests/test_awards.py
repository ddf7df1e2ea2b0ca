"""The awards of the seed notice's 三(四) (checks/awards.py) on hand-built cohorts, each expected outcome
computed by hand in the comments next to it; and the two workbooks (reports/awards.py) opened and read."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from openpyxl import load_workbook

from checks.awards import AwardUnit, decide
from reports.awards import write

D = Decimal
GOOD = Fraction(9, 10)   # a 重点领域得分率 that qualifies, where the test is about something else


def gov(uid, rate, kind="县", key=GOOD):
    return AwardUnit(uid, f"{uid}政府", "county_gov", county_kind=kind, overall_rate=rate, key_rate=key)


def zone(uid, rate, key=GOOD):
    return AwardUnit(uid, f"{uid}管委", "zone", overall_rate=rate, key_rate=key)


def dept(uid, rate, key_field, key=GOOD):
    return AwardUnit(uid, f"{uid}局", "city_dept", key_field=key_field, overall_rate=rate, key_rate=key)


def town(uid, county, kind, rate, key=GOOD, category="town"):
    return AwardUnit(uid, f"{uid}{'镇' if category == 'town' else '街道'}", category, county=county, county_kind=kind,
                     overall_rate=rate, key_rate=key)


def street(uid, county, kind, rate, key=GOOD):
    return town(uid, county, kind, rate, key, category="street")


def inst(uid, rate, key=GOOD):
    return AwardUnit(uid, f"{uid}中心", "institution", overall_rate=rate, key_rate=key)


def r(text):
    return Fraction(text)


# ---- eligibility: 综合得分率达80%以上 且 重点领域信息公开得分率不低于80% -------------------------------------

@pytest.mark.parametrize("overall, key, named, reason_part", [
    (r("0.80"), r("0.80"), True, "获承担公共服务的事业单位名额"),        # both exactly at the limit
    (0.8, 0.8, True, "获承担公共服务的事业单位名额"),                    # a float 0.8 is 80%, not just below
    (D("0.80"), D("0.95"), True, "获承担公共服务的事业单位名额"),
    (r("0.8001"), r("0.8001"), True, "获承担公共服务的事业单位名额"),     # just above
    (r("0.7999"), r("0.95"), False, "综合得分率79.99%低于80%"),         # just below, overall
    (r("0.95"), r("0.7999"), False, "重点领域信息公开得分率79.99%低于80%"),  # just below, key field
    (Fraction(4, 5) - Fraction(1, 10**9), r("0.95"), False, "综合得分率79.99%低于80%"),  # never shown as 80.00%
    (0.7999999999999999, 0.95, False, "综合得分率79.99%低于80%"),
    (0.29, 0.95, False, "综合得分率29.00%低于80%"),     # a float is its decimal: 0.29, not 0.28999…
    (None, r("0.95"), False, "资料不全未评:综合得分率未完成"),
    (r("0.95"), None, False, "资料不全未评:重点领域信息公开得分率未完成"),
    (None, None, False, "资料不全未评:综合得分率、重点领域信息公开得分率未完成"),
])
def test_eligibility_at_just_below_and_above_80_percent(overall, key, named, reason_part):
    d = decide([inst("i1", overall, key)]).of("i1")
    assert d.named is named
    assert reason_part in d.reason
    assert (d.points == D("3")) if named else d.points is None


@pytest.mark.parametrize("make", [
    lambda rate, key: gov("g", rate, key=key), lambda rate, key: zone("z", rate, key=key),
    lambda rate, key: dept("k", rate, True, key=key), lambda rate, key: dept("n", rate, False, key=key),
    lambda rate, key: town("t", "A", "县", rate, key=key), lambda rate, key: town("t", "E", "区", rate, key=key),
    lambda rate, key: street("s", "E", "区", rate, key=key)],
    ids=["county_gov", "zone", "key_dept", "other_dept", "county_town", "district_town", "district_street"])
@pytest.mark.parametrize("overall, key, named", [
    (r("0.80"), r("0.80"), True), (r("0.7999"), r("0.80"), False), (r("0.80"), r("0.7999"), False)])
def test_every_category_uses_the_same_80_percent_limit(make, overall, key, named):
    unit = make(overall, key)
    assert decide([unit]).of(unit.id).named is named


def test_both_rates_below_are_both_named_in_the_reason():
    d = decide([inst("i1", r("0.5"), r("0.6"))]).of("i1")
    assert d.reason == "综合得分率50.00%低于80%;重点领域信息公开得分率60.00%低于80%,未达表彰标准"


# ---- fewer qualifiers than places; 县区政府 ≤ 3, 管委 ≤ 1, ranked together 5/4.5/4/3.5 ----------------------

def test_institutions_fewer_qualifiers_than_places():
    # 3 places; only i2 (0.85) and i4 (0.92) reach 80% -> both named: i4 first 3 points, i2 second 2.5
    res = decide([inst("i1", r("0.79")), inst("i2", r("0.85")), inst("i3", r("0.5")), inst("i4", r("0.92")),
                  inst("i5", r("0.95"), key=r("0.75"))])
    assert sorted(res.named_ids()) == ["i2", "i4"]
    assert (res.of("i4").rank, res.of("i4").points, res.of("i4").credited_to) == (1, D("3"), "i4")
    assert (res.of("i2").rank, res.of("i2").points, res.of("i2").credited_to) == (2, D("2.5"), "i2")
    assert "重点领域信息公开得分率75.00%低于80%" in res.of("i5").reason
    assert res.of("i4").title == "六安市2017年度办事公开示范点建设先进单位"
    assert res.of("i4").reason == "达标,获承担公共服务的事业单位名额;承担公共服务的事业单位合并排序第1名,名次分值3分,计入本单位"
    # one credit line each, own award only: no 乡镇 part, no note
    assert [(c.unit_id, c.name, c.own_points, c.town_points, c.town_units, c.total, c.note) for c in res.credits] == [
        ("i2", "i2中心", D("2.5"), D("0"), (), D("2.5"), ""), ("i4", "i4中心", D("3"), D("0"), (), D("3"), "")]
    assert all(isinstance(c.town_points, Decimal) for c in res.credits)    # "points are exact Decimals"
    pool = next(p for p in res.pools if p.pool == "承担公共服务的事业单位")
    assert (pool.places, pool.qualified, pool.named, pool.moved_in, pool.unused_own) == (3, 2, 2, 0, 1)
    # every unit says which 名额类别 it competes in, named or not
    assert {d.pool for d in res.decisions} == {"承担公共服务的事业单位"}


def test_four_institutions_qualify_the_fourth_is_out_of_places():
    res = decide([inst("i1", r("0.81")), inst("i2", r("0.82")), inst("i3", r("0.83")), inst("i4", r("0.84"))])
    # i4 3, i3 2.5, i2 2; i1 qualifies but the 3 places are taken
    assert [res.of(i).points for i in ("i4", "i3", "i2")] == [D("3"), D("2.5"), D("2")]
    assert not res.of("i1").named
    assert res.of("i1").reason == "达标,但承担公共服务的事业单位表彰名额(3名)已被得分更高的单位占满"
    pool = next(p for p in res.pools if p.pool == "承担公共服务的事业单位")
    assert (pool.places, pool.qualified, pool.named, pool.moved_in, pool.unused_own) == (3, 4, 3, 0, 0)


def test_county_governments_and_zones_ranked_together():
    # 县区政府 ≤ 3: g1 .95, g2 .90, g3 .88 named, g4 .85 qualifies but 4th; g5 .70 fails
    # 管委 ≤ 1: z2 .97 named, z1 .92 qualifies but the one place is taken
    # together: z2 .97 -> 5, g1 .95 -> 4.5, g2 .90 -> 4, g3 .88 -> 3.5
    res = decide([gov("g1", r("0.95")), gov("g2", r("0.90"), kind="区"), gov("g3", r("0.88")),
                  gov("g4", r("0.85")), gov("g5", r("0.70")), zone("z1", r("0.92")), zone("z2", r("0.97"))])
    assert {i: res.of(i).points for i in res.named_ids()} == {"z2": D("5"), "g1": D("4.5"), "g2": D("4"),
                                                              "g3": D("3.5")}
    assert res.of("g4").reason == "达标,但县区政府表彰名额(3名)已被得分更高的单位占满"
    assert res.of("z1").reason == "达标,但管委表彰名额(1名)已被得分更高的单位占满"
    assert res.of("g1").title == "六安市2017年度政务公开示范点建设先进单位"
    # the group's two kinds named in the reason
    assert res.of("z2").reason == "达标,获管委名额;县区政府、管委合并排序第1名,名次分值5分,计入本单位"
    assert res.of("g3").reason == "达标,获县区政府名额;县区政府、管委合并排序第4名,名次分值3.5分,计入本单位"
    pools = {p.pool: (p.places, p.qualified, p.named, p.moved_in, p.unused_own) for p in res.pools}
    assert (pools["县区政府"], pools["管委"]) == ((3, 4, 3, 0, 0), (1, 2, 1, 0, 0))    # full: nothing unused
    assert {c.unit_id: c.total for c in res.credits} == {"z2": D("5"), "g1": D("4.5"), "g2": D("4"),
                                                          "g3": D("3.5")}


# ---- 市级部门: 10 承担重点领域 + 5 非重点, unused places of one kind used by the other -------------------------

def rate_of(n):
    """0.99, 0.98, ... so that unit n ranks n-th."""
    return Fraction(100 - n, 100)


def test_departments_key_places_move_to_non_key():
    # 7 key departments qualify (k01..k07), one fails; 9 non-key qualify (n01..n09)
    # key: 7 of 10 places used, 3 spare -> non-key gets 5 + 3 = 8: n01..n08; n09 out
    # rates interleave: k01 .99 n01 .98 k02 .97 n02 .96 ... (unit ranks as its rate says)
    units, order = [], []
    for i in range(1, 10):
        if i <= 7:
            order.append(f"k{i:02}")
        order.append(f"n{i:02}")
    for n, uid in enumerate(order, 1):
        units.append(dept(uid, rate_of(n), key_field=uid.startswith("k")))
    units.append(dept("k08", r("0.70"), key_field=True))
    res = decide(units)
    named = [d.unit.id for d in sorted((d for d in res.decisions if d.named), key=lambda d: d.rank)]
    assert named == ["k01", "n01", "k02", "n02", "k03", "n03", "k04", "n04", "k05", "n05", "k06", "n06",
                     "k07", "n07", "n08"]
    # the whole table, 5 down to 2.2 in steps of 0.2, as the notice lists it
    assert [str(res.of(i).points) for i in named] == ["5", "4.8", "4.6", "4.4", "4.2", "4.0", "3.8", "3.6",
                                                       "3.4", "3.2", "3.0", "2.8", "2.6", "2.4", "2.2"]
    assert res.of("n08").points == D("2.2") and isinstance(res.of("n08").points, Decimal)
    # n06, n07, n08 took the places the key departments could not fill
    assert [res.of(i).transferred_from for i in ("n05", "n06", "n07", "n08")] == [
        None] + ["名额由市级部门(承担重点领域)类别未用名额调剂转入"] * 3
    assert res.of("n09").reason == ("达标,但市级部门(非承担重点领域)表彰名额(8名,含市级部门(承担重点领域)类别调剂转入3名)"
                                    "已被得分更高的单位占满")
    assert (res.of("k08").pool, res.of("n09").pool) == ("市级部门(承担重点领域)", "市级部门(非承担重点领域)")
    pools = {p.pool: p for p in res.pools}
    assert (pools["市级部门(承担重点领域)"].named, pools["市级部门(承担重点领域)"].unused_own) == (7, 3)
    assert (pools["市级部门(非承担重点领域)"].named, pools["市级部门(非承担重点领域)"].moved_in) == (8, 3)


def test_departments_non_key_places_move_to_key():
    # 13 key qualify (k01..k13, .99 .. .87), 3 non-key qualify (n01..n03, .86 .85 .84, below every key one)
    # non-key: 3 of 5 used, 2 spare -> key gets 10 + 2 = 12: k01..k12; k13 out
    units = [dept(f"k{i:02}", rate_of(i), True) for i in range(1, 14)]
    units += [dept(f"n{i:02}", rate_of(13 + i), False) for i in range(1, 4)]
    res = decide(units)
    assert sorted(res.named_ids()) == [f"k{i:02}" for i in range(1, 13)] + ["n01", "n02", "n03"]
    assert [res.of(f"k{i:02}").transferred_from for i in (10, 11, 12)] == [
        None] + ["名额由市级部门(非承担重点领域)类别未用名额调剂转入"] * 2
    assert not res.of("k13").named
    # ranks 13..15: n01 2.6, n02 2.4, n03 2.2
    assert [res.of(i).points for i in ("k12", "n01", "n02", "n03")] == [D("2.8"), D("2.6"), D("2.4"), D("2.2")]


def test_departments_both_kinds_short_nothing_moves():
    # 2 key + 1 non-key qualify: all 3 named, nobody on a moved place
    res = decide([dept("k1", r("0.9"), True), dept("k2", r("0.85"), True), dept("n1", r("0.95"), False)])
    assert sorted(res.named_ids()) == ["k1", "k2", "n1"]
    assert all(res.of(i).transferred_from is None for i in ("k1", "k2", "n1"))
    assert [res.of(i).points for i in ("n1", "k1", "k2")] == [D("5"), D("4.8"), D("4.6")]
    pools = {p.pool: (p.places, p.qualified, p.named, p.moved_in, p.unused_own) for p in res.pools}
    assert (pools["市级部门(承担重点领域)"], pools["市级部门(非承担重点领域)"]) == ((10, 2, 2, 0, 8), (5, 1, 1, 0, 4))


def test_departments_both_kinds_full_each_keeps_its_own_quota():
    # 11 key qualify (k01..k11, .99 .. .89), 6 non-key (n01..n06, .88 .. .83): nothing spare on either side,
    # so k11 (.89) is out while n05 (.84) is named: the 10 + 5 split holds when both kinds are full
    units = [dept(f"k{i:02}", rate_of(i), True) for i in range(1, 12)]
    units += [dept(f"n{i:02}", rate_of(11 + i), False) for i in range(1, 7)]
    res = decide(units)
    assert sorted(res.named_ids()) == [f"k{i:02}" for i in range(1, 11)] + [f"n{i:02}" for i in range(1, 6)]
    assert res.of("k11").reason == "达标,但市级部门(承担重点领域)表彰名额(10名)已被得分更高的单位占满"
    assert res.of("n06").reason == "达标,但市级部门(非承担重点领域)表彰名额(5名)已被得分更高的单位占满"
    assert (res.of("k01").pool, res.of("n01").pool) == ("市级部门(承担重点领域)", "市级部门(非承担重点领域)")
    assert res.of("k01").reason == "达标,获市级部门(承担重点领域)名额;市级部门合并排序第1名,名次分值5分,计入本单位"
    # ranked together: k01..k10 take 5 .. 3.2, n01..n05 3.0 .. 2.2
    assert [str(res.of(i).points) for i in ("k10", "n01", "n05")] == ["3.2", "3.0", "2.2"]
    pools = {p.pool: (p.places, p.qualified, p.named, p.moved_in, p.unused_own) for p in res.pools}
    assert (pools["市级部门(承担重点领域)"], pools["市级部门(非承担重点领域)"]) == ((10, 11, 10, 0, 0), (5, 6, 5, 0, 0))


# ---- 乡镇 and 街道: own places, places moved to other 县区, the cap of 3, the county's bonus ---------------

def lu_an_like():
    """4 县 (A B C D) and 3 区 (E F G); every rate distinct, key rates 0.9.
    Own places:  A 2 (a1 .98, a2 .96; a3 .93 a4 .92 left over)   B 2 (b1 .90; b2 .70 fails: 1 spare)
                 C 2 (c1 .91, c2 .89; c3 .88 left over)           D 2 (d1 .79 fails, d2 incomplete: 2 spare)
                 E town 1 (e2 .95 over e1 .87; e1 left over), street 1 (es1 .86)
                 F town 1 (f1 .85), street 1 (fs1 .60 fails: 1 spare)
                 G town 1 (g1 .50 fails: 1 spare), street 1 (gs1 .97)
    Spare places 5 (B1 D2 F1 G1). Left over in rank order: a3 .93 -> A gets its 3rd; a4 .92 -> A is at 3: out;
                 c3 .88 -> C 3rd; e1 .87 -> E 3rd. 2 spare places stay unused.
    Named 12, ranked: a1 2.5, gs1 2.4, a2 2.3, e2 2.2, a3 2.1, c1 2.0, b1 1.9, c2 1.8, c3 1.7, e1 1.6, es1 1.5,
                 f1 1.4
    Credited:   A 3 named: 2.5 + 2.3 + 0.5 = 5.3;  B 1.9;  C 3 named: 2.0 + 1.8 + 0.5 = 4.3;
                E 3 named: 2.2 + 1.6 + 0.5 = 4.3;  F 1.4;  G 2.4;  D nothing."""
    return [gov("A", r("0.5")), gov("E", r("0.5"), kind="区"),
            town("a1", "A", "县", r("0.98")), town("a2", "A", "县", r("0.96")), town("a3", "A", "县", r("0.93")),
            town("a4", "A", "县", r("0.92")),
            town("b1", "B", "县", r("0.90")), town("b2", "B", "县", r("0.70")),
            town("c1", "C", "县", r("0.91")), town("c2", "C", "县", r("0.89")), town("c3", "C", "县", r("0.88")),
            town("d1", "D", "县", r("0.79")), town("d2", "D", "县", None),
            town("e1", "E", "区", r("0.87")), town("e2", "E", "区", r("0.95")), street("es1", "E", "区", r("0.86")),
            town("f1", "F", "区", r("0.85")), street("fs1", "F", "区", r("0.60")),
            town("g1", "G", "区", r("0.50")), street("gs1", "G", "区", r("0.97"))]


def test_towns_and_streets_places_moves_cap_and_county_bonus():
    res = decide(lu_an_like())
    expected_points = {"a1": "2.5", "gs1": "2.4", "a2": "2.3", "e2": "2.2", "a3": "2.1", "c1": "2.0", "b1": "1.9",
                       "c2": "1.8", "c3": "1.7", "e1": "1.6", "es1": "1.5", "f1": "1.4"}
    assert {i: str(res.of(i).points) for i in res.named_ids()} == expected_points
    # a county with 3 winners: its third unit's line carries 0.5, the county gets top two + 0.5
    assert [res.of(i).credited_points for i in ("a1", "a2", "a3")] == [D("2.5"), D("2.3"), D("0.5")]
    assert all(res.of(i).credited_to == i[0].upper() for i in expected_points)
    credits = {c.unit_id: (c.own_points, c.town_points, c.total) for c in res.credits}
    assert credits == {"A": (D("0"), D("5.3"), D("5.3")), "B": (D("0"), D("1.9"), D("1.9")),
                       "C": (D("0"), D("4.3"), D("4.3")), "E": (D("0"), D("4.3"), D("4.3")),
                       "F": (D("0"), D("1.4"), D("1.4")), "G": (D("0"), D("2.4"), D("2.4"))}
    assert next(c for c in res.credits if c.unit_id == "A").note == "3名乡镇(街道)获表彰:前两名分值2.5+2.3,再加0.5分"
    # the cap: A already has 3
    assert res.of("a4").reason == "达标,但所属县区(A政府)表彰已达3名上限(每个县区不超过3名)"
    # moved places say where they came from; own places do not
    for uid in ("a3", "c3", "e1"):
        assert res.of(uid).transferred_from.startswith("名额由") and res.of(uid).transferred_from.endswith("未用名额调剂转入")
    assert res.of("a1").transferred_from is None and res.of("gs1").transferred_from is None
    # a district whose street does not qualify: F's street place is spare, F's town keeps its own place
    assert "低于80%" in res.of("fs1").reason and res.of("f1").pool == "区乡镇"
    assert res.of("d2").reason == "资料不全未评:综合得分率未完成"
    pools = {p.pool: (p.places, p.qualified, p.named, p.moved_in, p.unused_own) for p in res.pools}
    # 县乡镇: 8 places; qualified a1-a4 b1 c1-c3 = 8; own 2+1+2+0 = 5, moved in a3 c3 -> 7; unused own B1 D2 = 3
    assert pools["县乡镇"] == (8, 8, 7, 2, 3)
    # 区乡镇: 3 places; qualified e1 e2 f1; own e2 f1, moved in e1 -> 3; G's place unused
    assert pools["区乡镇"] == (3, 3, 3, 1, 1)
    # 区街道: 3 places; qualified es1 gs1; both own; F's place unused
    assert pools["区街道"] == (3, 2, 2, 0, 1)


def test_a_moved_place_never_returns_to_its_own_county_by_default():
    # district F: street fails (its street place is spare), two qualifying towns f1 .85 and f2 .84;
    # no other 县区 has a spare place or a leftover -> f2 may not take F's own spare place
    cohort = [town("f1", "F", "区", r("0.85")), town("f2", "F", "区", r("0.84")), street("fs", "F", "区", r("0.6"))]
    res = decide(cohort)
    assert res.named_ids() == ["f1"]
    assert res.of("f2").reason == "达标,但本县区名额已被得分更高的单位占满,且无可调剂到本单位的名额"
    # the other reading: the 县区's own next unit may use it
    res = decide(cohort, transfers_to_own_county=True)
    assert res.named_ids() == ["f1", "f2"]
    assert res.of("f2").transferred_from == "名额由F区街道未用名额调剂转入"
    assert (res.of("f1").points, res.of("f2").points) == (D("2.5"), D("2.4"))
    assert [(c.unit_id, c.name, c.total) for c in res.credits] == [("F", "F", D("4.9"))]   # no 区政府 in the cohort


def test_moved_places_are_matched_so_that_no_qualifier_is_blocked_by_an_earlier_pick():
    # spare places: k1 (县, 1 of 2 used) and k2 (区, its street fails); left over, in rank order:
    # k3's third town t33 (.93) and k2's second town t22 (.84).
    # Taking k1's place for t33 would leave t22 only k2's own place; the right matching gives t33 k2's place
    # and t22 k1's, so both are named.
    cohort = [town("t11", "k1", "县", r("0.90")), town("t12", "k1", "县", r("0.5")),
              town("t21", "k2", "区", r("0.85")), town("t22", "k2", "区", r("0.84")),
              street("s2", "k2", "区", r("0.5")),
              town("t31", "k3", "县", r("0.97")), town("t32", "k3", "县", r("0.95")),
              town("t33", "k3", "县", r("0.93"))]
    res = decide(cohort)
    assert sorted(res.named_ids()) == ["t11", "t21", "t22", "t31", "t32", "t33"]
    assert res.of("t33").transferred_from == "名额由k2区街道未用名额调剂转入"
    assert res.of("t22").transferred_from == "名额由k1县乡镇未用名额调剂转入"


def test_a_county_street_has_no_own_place_but_may_take_a_moved_one():
    # 县 A: towns a1 .9, a2 .85 fill its 2 places; its street as1 .95 qualifies but has no place of its own.
    # Alone, it stays out; with 县 B whose town fails (1 spare... B has 2 places, none used), it is named.
    alone = decide([town("a1", "A", "县", r("0.9")), town("a2", "A", "县", r("0.85")),
                    street("as1", "A", "县", r("0.95"))])
    assert alone.named_ids() == ["a1", "a2"]
    assert alone.of("as1").reason == "达标,但县的街道无本级名额(县乡镇每县2名),且无可调剂到本单位的名额"
    more = decide([town("a1", "A", "县", r("0.9")), town("a2", "A", "县", r("0.85")),
                   street("as1", "A", "县", r("0.95")), town("b1", "B", "县", r("0.6"))])
    assert more.named_ids() == ["a1", "a2", "as1"]
    assert more.of("as1").pool == "县街道"
    assert more.of("as1").transferred_from == "名额由B县乡镇未用名额调剂转入"
    # as1 .95 2.5, a1 .9 2.4, a2 .85 2.3; A has 3: 2.5 + 2.4 + 0.5 = 5.4
    assert {c.unit_id: c.total for c in more.credits} == {"A": D("5.4")}


def test_a_district_counts_its_town_and_its_street_together_toward_the_cap():
    # 区 E: own places e1 .95 (乡镇) and es1 .94 (街道) = 2; 县 B's town fails: 2 places move.
    # e2 .93 takes one (E at 3); e3 .92 is out by the cap although B's second place stays free
    res = decide([town("e1", "E", "区", r("0.95")), street("es1", "E", "区", r("0.94")),
                  town("e2", "E", "区", r("0.93")), town("e3", "E", "区", r("0.92")), town("b1", "B", "县", r("0.5"))])
    assert res.named_ids() == ["e1", "es1", "e2"]
    assert res.of("e3").reason == "达标,但所属县区(E)表彰已达3名上限(每个县区不超过3名)"
    # 2.5 + 2.4 + 0.5
    assert [(c.unit_id, c.total) for c in res.credits] == [("E", D("5.4"))]


def test_moved_places_count_once_each_toward_the_cap():
    # 区 E: e1 .95 on its town place, its street fails; e2 .93 and e3 .92 take 县 B's two spare places:
    # 1 own + 2 moved = 3, within the cap. E's own street place cannot go to E (moved to other 县区 only).
    res = decide([town("e1", "E", "区", r("0.95")), street("es1", "E", "区", r("0.5")),
                  town("e2", "E", "区", r("0.93")), town("e3", "E", "区", r("0.92")), town("b1", "B", "县", r("0.5"))])
    assert res.named_ids() == ["e1", "e2", "e3"]
    assert [res.of(i).transferred_from for i in ("e1", "e2", "e3")] == [None] + ["名额由B县乡镇未用名额调剂转入"] * 2
    pools = {p.pool: (p.places, p.qualified, p.named, p.moved_in, p.unused_own) for p in res.pools}
    assert [pools[p] for p in ("县乡镇", "区乡镇", "区街道")] == [(2, 0, 0, 0, 2), (1, 3, 3, 2, 0), (1, 0, 0, 0, 1)]


@pytest.mark.parametrize("cohort, left_out", [
    # 县 A: a3 is third of three qualifying towns, no other 县区 has a spare place
    ([town("a1", "A", "县", r("0.9")), town("a2", "A", "县", r("0.85")), town("a3", "A", "县", r("0.8"))], "a3"),
    # 区 E: es2 is second of two streets; E's spare town place cannot go to its own unit
    ([street("es1", "E", "区", r("0.9")), street("es2", "E", "区", r("0.85")), town("e1", "E", "区", r("0.5"))], "es2"),
], ids=["county_town", "district_street"])
def test_a_leftover_with_no_place_to_take_is_told_its_own_places_are_full(cohort, left_out):
    res = decide(cohort)
    assert left_out not in res.named_ids()
    assert res.of(left_out).reason == "达标,但本县区名额已被得分更高的单位占满,且无可调剂到本单位的名额"


def test_county_streets_summary_and_reasons_for_own_and_moved_places():
    # 县 A: towns a1 .9, a2 .85 on its 2 places; streets as1 .95, as2 .93 have none of their own.
    # 县 B (its 政府 in the cohort, failing) has no qualifying town: 2 spare. as1 takes one (A at 3), as2 is capped.
    res = decide([gov("B", r("0.5")), town("a1", "A", "县", r("0.9")), town("a2", "A", "县", r("0.85")),
                  street("as1", "A", "县", r("0.95")), street("as2", "A", "县", r("0.93")), town("b1", "B", "县", r("0.6"))])
    assert res.named_ids() == ["a1", "a2", "as1"]
    # ranked together: as1 1st 2.5, a1 2nd 2.4, a2 3rd 2.3 (A's third: it carries the 0.5)
    assert res.of("as1").reason == ("达标,获县街道名额(名额由B政府县乡镇未用名额调剂转入);"
                                    "乡镇、街道合并排序第1名,名次分值2.5分,计入所属县区(A)")
    assert res.of("a1").reason == "达标,获县乡镇名额;乡镇、街道合并排序第2名,名次分值2.4分,计入所属县区(A)"
    assert res.of("a2").reason == ("达标,获县乡镇名额;乡镇、街道合并排序第3名,名次分值2.3分,计入所属县区(A);"
                                   "同一县区第3名获表彰,该县区按前两名分值相加再加0.5分,本单位计入0.5分")
    assert res.of("as2").reason == "达标,但所属县区(A)表彰已达3名上限(每个县区不超过3名)"
    pools = {p.pool: (p.places, p.qualified, p.named, p.moved_in, p.unused_own) for p in res.pools}
    # 县街道: no places, 2 qualified, 1 named on a moved place
    assert pools["县街道"] == (0, 2, 1, 1, 0)
    assert pools["县乡镇"] == (4, 2, 2, 0, 2)
    assert [(c.unit_id, c.total, c.note) for c in res.credits] == [("A", D("5.4"), "3名乡镇(街道)获表彰:前两名分值2.5+2.4,再加0.5分")]


@pytest.mark.parametrize("k0_rates, total, note", [
    # K0's own two rank 1st and 2nd (2.5, 2.4); its third, on K8's moved place, ranks 15th: past the table
    (("0.99", "0.98", "0.80"), D("5.4"), "3名乡镇(街道)获表彰:前两名分值2.5+2.4,再加0.5分"),
    # all three of K0 rank 15th..17th: no values, but 3 named still bring the 0.5
    (("0.83", "0.82", "0.81"), D("0.5"), "3名乡镇(街道)获表彰:前两名分值0+0,再加0.5分"),
])
def test_a_third_town_past_the_table_still_brings_its_county_the_half_point(k0_rates, total, note):
    # 县 K1..K7 two towns each, .97 .. .84 (between K0's high and low rates); 县 K8's towns fail: 2 spare
    units = [town(f"t{n:02}", f"K{(n + 1) // 2}", "县", Fraction(98 - n, 100)) for n in range(1, 15)]
    units += [town(f"x{i}", "K0", "县", r(rate)) for i, rate in enumerate(k0_rates, 1)]
    units += [town("z1", "K8", "县", r("0.5")), town("z2", "K8", "县", r("0.5"))]
    res = decide(units)
    assert len(res.named_ids()) == 17
    third = res.of("x3")
    assert (third.points, third.credited_points, third.transferred_from) == (None, D("0.5"), "名额由K8县乡镇未用名额调剂转入")
    k0 = next(c for c in res.credits if c.unit_id == "K0")
    assert (k0.town_units, k0.total, k0.note) == (("x1", "x2", "x3"), total, note)


def test_county_with_two_winners_gets_the_sum_and_its_government_award_on_top():
    # 县 A's government named (alone: 5 points); its towns a1 .9 (2.5) and a2 .85 (2.4): 4.9; total 9.9
    res = decide([gov("A", r("0.81")), town("a1", "A", "县", r("0.9")), town("a2", "A", "县", r("0.85"))])
    [c] = res.credits
    assert (c.unit_id, c.own_points, c.town_points, c.total) == ("A", D("5"), D("4.9"), D("9.9"))
    assert c.note == "乡镇(街道)获表彰分值相加:2.5+2.4"


def test_towns_credit_the_county_government_unit_whatever_its_id():
    # the 县区 is "A"; its government's unit id is "gov-A": one credit line for gov-A, 5 + 2.5 = 7.5
    res = decide([AwardUnit("gov-A", "A县政府", "county_gov", county="A", county_kind="县",
                            overall_rate=r("0.9"), key_rate=r("0.9")),
                  town("a1", "A", "县", r("0.9"))])
    assert res.of("a1").credited_to == "gov-A"
    assert "计入所属县区(A县政府)" in res.of("a1").reason
    assert [(c.unit_id, c.name, c.own_points, c.town_points, c.total) for c in res.credits] == [
        ("gov-A", "A县政府", D("5"), D("2.5"), D("7.5"))]


def test_more_town_winners_than_the_table_has_values():
    # 8 县 x 2 towns = 16 winners, the table stops at the 14th (1.2): the 15th and 16th get no points
    units = [town(f"t{n:02}", f"K{(n - 1) // 2}", "县", rate_of(n)) for n in range(1, 17)]
    res = decide(units)
    assert len(res.named_ids()) == 16
    assert res.of("t14").points == D("1.2")
    for uid in ("t15", "t16"):
        d = res.of(uid)
        assert d.named and d.points is None and d.credited_points is None
        assert d.reason == f"达标,获县乡镇名额;乡镇、街道合并排序第{uid[1:]}名,通知加分表无此名次,不加分"
    # K7 holds t15 and t16: nothing credited
    assert "K7" not in {c.unit_id for c in res.credits}


def test_title_follows_year_and_city():
    res = decide([inst("i", r("0.9")), zone("z", r("0.9"))], year=2018, city="某市")
    assert res.of("i").title == "某市2018年度办事公开示范点建设先进单位"
    assert res.of("z").title == "某市2018年度政务公开示范点建设先进单位"


# ---- ties ----------------------------------------------------------------------------------------------

def tie_cohort():
    return [inst("i_a", r("0.90"), r("0.85")), inst("i_b", r("0.90"), r("0.95")),
            inst("i_c", r("0.92"), r("0.82")), inst("i_d", r("0.88"), r("0.99"))]


def test_ties_default_rule_overall_then_key_then_id():
    # i_c .92 first; i_a and i_b tie at .90, i_b's key .95 beats .85; i_d .88 fourth, out
    res = decide(tie_cohort())
    assert [(i, res.of(i).points) for i in ("i_c", "i_b", "i_a")] == [("i_c", D("3")), ("i_b", D("2.5")),
                                                                       ("i_a", D("2"))]
    assert not res.of("i_d").named
    assert res.ranking == ("overall_rate", "key_rate", "id")


def test_ties_key_rate_first_rule():
    # key first: i_d .99, i_b .95, i_a .85, i_c .82 -> i_c out
    res = decide(tie_cohort(), ranking=("key_rate", "overall_rate"))
    assert [(i, res.of(i).points) for i in ("i_d", "i_b", "i_a")] == [("i_d", D("3")), ("i_b", D("2.5")),
                                                                       ("i_a", D("2"))]
    assert not res.of("i_c").named
    assert res.ranking == ("key_rate", "overall_rate", "id")


def test_full_tie_broken_by_id_and_by_name_when_asked():
    # same rates; ids a1 < z9; names 乙中心 (U+4E59) < 甲中心 (U+7532)
    units = [AwardUnit("z9", "乙中心", "institution", overall_rate=r("0.9"), key_rate=r("0.9")),
             AwardUnit("a1", "甲中心", "institution", overall_rate=r("0.9"), key_rate=r("0.9"))]
    res = decide(units)
    assert (res.of("a1").rank, res.of("z9").rank) == (1, 2)
    res = decide(units, ranking=("overall_rate", "name"))
    assert (res.of("z9").rank, res.of("a1").rank) == (1, 2)


def test_ties_in_a_quota_decide_who_is_named():
    # 管委 1 place: z1 and z2 tie on both rates; id decides: z1
    res = decide([zone("z2", r("0.9")), zone("z1", r("0.9"))])
    assert res.named_ids() == ["z1"]


@pytest.mark.parametrize("ranking", [("score",), (), ("overall_rate", "weight")])
def test_unknown_ranking_keys_are_refused(ranking):
    with pytest.raises(ValueError, match="排序规则"):
        decide([inst("i1", r("0.9"))], ranking=ranking)


def test_a_refused_ranking_lists_the_keys_allowed():
    with pytest.raises(ValueError, match=r"^排序规则只能由 overall_rate, key_rate, id, name 组成: \('score',\)$"):
        decide([inst("i1", r("0.9"))], ranking=("score",))


@pytest.mark.parametrize("given, used, winner", [
    (("overall_rate",), ("overall_rate", "id"), "z2"),
    (("key_rate", "overall_rate", "id"), ("key_rate", "overall_rate", "id"), "z2"),
    (("id", "overall_rate"), ("overall_rate", "id"), "z2"),              # the id only ever breaks the last tie
    (("id", "overall_rate", "id"), ("overall_rate", "id"), "z2"),
    (("name", "id", "key_rate"), ("name", "key_rate", "id"), "z1"),      # z1管委 before z2管委
])
def test_the_unit_id_always_ranks_last_once(given, used, winner):
    # 管委 1 place: z1 .85 vs z2 .90
    res = decide([zone("z1", r("0.85"), key=r("0.85")), zone("z2", r("0.90"), key=r("0.90"))], ranking=given)
    assert res.ranking == used
    assert res.named_ids() == [winner]


# ---- nobody qualifies ----------------------------------------------------------------------------------

def test_nobody_named_when_nobody_qualifies():
    low = r("0.79")
    cohort = [gov("g", low), zone("z", low), dept("k", low, True), dept("n", low, False), town("t", "g", "县", low),
              street("s", "E", "区", r("0.9"), key=low), inst("i", low)]
    res = decide(cohort)
    assert res.named_ids() == []
    assert res.credits == ()
    assert all(not d.named and d.points is None and d.title is None for d in res.decisions)
    assert all(d.reason.endswith("低于80%,未达表彰标准") for d in res.decisions)
    # each still says which 名额类别 it competed in
    assert {d.unit.id: d.pool for d in res.decisions} == {
        "g": "县区政府", "z": "管委", "k": "市级部门(承担重点领域)", "n": "市级部门(非承担重点领域)", "t": "县乡镇",
        "s": "区街道", "i": "承担公共服务的事业单位"}


# ---- bad input -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("units, message", [
    ([AwardUnit("x", "x", "bureau")], "未知的单位类别"),
    ([inst("i", r("0.9")), inst("i", r("0.8"))], "单位编号重复"),
    ([AwardUnit("t", "t", "town", county_kind="县")], "须注明所属县区"),
    ([AwardUnit("t", "t", "town", county="A", county_kind="市")], "county_kind"),
    ([town("t1", "A", "县", r("0.9")), town("t2", "A", "区", r("0.9"))], "既被标为"),
    ([inst("i", r("1.2"))], "得分率应在0到1之间"),
    # a 县区政府 must say 县 or 区, and agree with its 乡镇
    ([gov("A", r("0.9"), kind=None)], "A: county_kind 须为“县”或“区”"),
    ([gov("A", r("0.9"), kind="县"), town("a1", "A", "区", r("0.9"))], "县区 A 既被标为“县”又被标为“区”"),
    # a bad rate names its unit (the cohort has hundreds)
    ([inst("i1", r("0.9")), inst("i2", r("1.2"))], "^i2: 得分率应在0到1之间"),
    ([inst("i1", r("0.9")), inst("i2", r("0.9"), key=r("-0.1"))], "^i2: 得分率应在0到1之间"),
])
def test_bad_cohorts_are_refused(units, message):
    with pytest.raises(ValueError, match=message):
        decide(units)


def test_a_boolean_is_not_a_rate():
    with pytest.raises(TypeError, match="^i: 得分率不能是布尔值"):
        decide([inst("i", True)])
    with pytest.raises(TypeError, match="^j: 得分率不能是布尔值"):
        decide([inst("i", r("0.9")), inst("j", r("0.9"), key=False)])


# ---- the workbooks -------------------------------------------------------------------------------------

def read(path, sheet):
    ws = load_workbook(path)[sheet]
    return [list(row) for row in ws.iter_rows(values_only=True)]


def test_workbooks_list_every_unit_with_its_reason(tmp_path):
    cohort = lu_an_like() + [inst("=cmd", r("0.9"))]
    res = decide(cohort)
    list_path, bonus_path = write(res, tmp_path / "awards")
    assert (list_path.name, bonus_path.name) == ("表彰建议名单.xlsx", "年度考核加分表.xlsx")

    rows = read(list_path, "表彰建议名单")
    assert rows[0] == ["序号", "单位编号", "单位名称", "单位类别", "所属县区", "综合得分率", "重点领域信息公开得分率",
                       "是否建议表彰", "称号", "名额类别", "名额来源", "理由"]
    body = {row[1]: row for row in rows[1:]}
    assert len(rows) - 1 == len(cohort) == len(body)    # every unit, once
    assert all(row[11] for row in rows[1:])              # every unit has a reason
    # towns come after the governments, named first by place: a1 (2.5) is the first town line
    towns = [row[1] for row in rows[1:] if row[3] in ("乡镇", "街道")]
    assert towns[:4] == ["a1", "gs1", "a2", "e2"]
    assert body["a3"][4] == "A政府" and body["a3"][7] == "是" and body["a3"][10].endswith("未用名额调剂转入")
    assert body["a4"][7] == "否" and body["a4"][11] == "达标,但所属县区(A政府)表彰已达3名上限(每个县区不超过3名)"
    assert body["a1"][5] == pytest.approx(0.98) and body["d2"][5] is None
    assert body["'=cmd"][2] == "'=cmd中心"               # a formula never reaches a cell
    ws = load_workbook(list_path)["表彰建议名单"]
    assert ws.freeze_panes == "A2" and ws.cell(2, 6).number_format == "0.00%"
    pools = read(list_path, "名额")
    assert ["县乡镇", 8, 8, 7, 2, 3] in pools

    detail = read(bonus_path, "单位加分明细")
    assert detail[0] == ["单位编号", "单位名称", "单位类别", "是否表彰", "排序组", "名次", "名次分值", "加分计入单位",
                         "计入分值", "理由"]
    by_id = {row[0]: row for row in detail[1:]}
    assert len(by_id) == len(cohort)
    assert by_id["a3"][4:9] == ["乡镇、街道", 5, 2.1, "A政府", 0.5]
    assert by_id["f1"][6:9] == [1.4, "F", 1.4]           # F has no government in the cohort: its id
    assert by_id["fs1"][3] == "否" and by_id["fs1"][6] is None and "低于80%" in by_id["fs1"][9]
    totals = read(bonus_path, "加分汇总")
    assert totals[0] == ["加分单位编号", "加分单位名称", "本单位表彰加分", "所属乡镇街道加分", "获表彰乡镇街道", "合计",
                         "说明"]
    got = {row[0]: row for row in totals[1:]}
    assert got["A"][1:6] == ["A政府", 0, 5.3, "a1镇、a2镇、a3镇", 5.3]
    assert got["'=cmd"][5] == 3
    assert set(got) == {"A", "B", "C", "E", "F", "G", "'=cmd"}
