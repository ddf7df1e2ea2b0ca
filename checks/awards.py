"""The awards of the seed notice, 三(四): who is named 示范点建设先进单位 and the bonus points each earns.

Pure: unit records with their two 得分率 in, one decision per unit out (named or not, why, the place it
took, the bonus and the unit credited with it). Points are exact Decimals (2.2 is 2.2, not 2.2000000000000002).

Readings of the notice this engine implements (`ranking`, `transfers_to_own_county`, `year` and `city` are
parameters):
- eligible when 综合得分率 ≥ 80% and 重点领域信息公开得分率 ≥ 80% (“达80%以上”, “不低于80%”: both include 80%);
  a unit missing either rate is not evaluated (资料不全未评).
- places: 县区政府 3, 管委 1, 市级部门 10 承担重点领域 + 5 非重点 (places one kind cannot fill go to the other),
  承担公共服务的事业单位 3; each 县 2 places for its 乡镇, each 区 1 for its 乡镇 and 1 for its 街道.
- a place a 县区 cannot fill goes to the best-ranked qualifying 乡镇/街道 of *other* 县区 (“调剂到其他县区使用”;
  `transfers_to_own_county=True` lets the 县区's own next unit take it too); the three town pools (县乡镇,
  区乡镇, 区街道) share their unused places, since the notice moves places between 县区, not between kinds;
  the cap “每个县区表彰不超过3名” counts the 乡镇 and 街道 named in one 县区 (县 or 区) together, and binds only
  moved places (own places are at most 2). Which moved place a unit takes is a matching (no unit on a place
  of its own 县区), so taking units in rank order never blocks a later one needlessly.
- a 县's 街道 has no place of its own (the notice gives 县 places to 乡镇 only); it may take a transferred one.
- the bonus tables rank the named units of a group together; a 县区 with 3 named 乡镇/街道 is credited the
  values of its top two plus 0.5 (its third unit's line carries the 0.5), otherwise the sum of its units' values;
  the credit goes to the 县区's county_gov unit when the cohort has one (its own award is added to it), else to
  the 县区 id. A winner beyond a table's last value (more 县区 than 六安's 4 县 3 区) gets no points, said so;
  a 县区's third named 乡镇/街道 brings it the 0.5 even then (the notice ties the 0.5 to having 3, not to a value).
- 称号: 办事公开示范点建设先进单位 for 承担公共服务的事业单位, 政务公开示范点建设先进单位 for the others.
- a 市级部门 left out is told its own kind's places are full (a lower-rated unit of the other kind may be named).
- ranking (“按分值的高低”, and every quota): `ranking`, a tuple of keys, default 综合得分率, then 重点领域得分率
  (both higher first), then unit id (ascending; always last, wherever given, so the order is total).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

THRESHOLD = Fraction(4, 5)   # 80%

CATEGORIES = {"county_gov": "县区政府", "zone": "管委", "city_dept": "市级部门", "town": "乡镇", "street": "街道",
              "institution": "承担公共服务的事业单位"}
COUNTY_KINDS = ("县", "区")

# places (名额) per category, 三(四)1
COUNTY_GOV_PLACES = 3
ZONE_PLACES = 1
KEY_DEPT_PLACES = 10
OTHER_DEPT_PLACES = 5
INSTITUTION_PLACES = 3
TOWN_PLACES_PER_COUNTY = 2      # 县乡镇: 每县2名
TOWN_PLACES_PER_DISTRICT = 1    # 区乡镇: 每区1名
STREET_PLACES_PER_DISTRICT = 1  # 区街道: 每区1名
COUNTY_CAP = 3                  # 每个县区表彰不超过3名 (乡镇 and 街道 together)
THIRD_TOWN_BONUS = Decimal("0.5")

# bonus tables, 三(四)2, written as the notice writes them
GOV_ZONE_POINTS = tuple(Decimal(p) for p in ("5", "4.5", "4", "3.5"))
DEPT_POINTS = tuple(Decimal(p) for p in ("5", "4.8", "4.6", "4.4", "4.2", "4.0", "3.8", "3.6", "3.4", "3.2",
                                         "3.0", "2.8", "2.6", "2.4", "2.2"))
TOWN_POINTS = tuple(Decimal(p) for p in ("2.5", "2.4", "2.3", "2.2", "2.1", "2.0", "1.9", "1.8", "1.7", "1.6",
                                         "1.5", "1.4", "1.3", "1.2"))
INSTITUTION_POINTS = tuple(Decimal(p) for p in ("3", "2.5", "2"))

# pools (名额类别) as the outputs name them
POOL_COUNTY_GOV = "县区政府"
POOL_ZONE = "管委"
POOL_KEY_DEPT = "市级部门(承担重点领域)"
POOL_OTHER_DEPT = "市级部门(非承担重点领域)"
POOL_INSTITUTION = "承担公共服务的事业单位"
POOL_COUNTY_TOWN = "县乡镇"
POOL_DISTRICT_TOWN = "区乡镇"
POOL_DISTRICT_STREET = "区街道"
POOL_COUNTY_STREET = "县街道"     # no places of its own: only moved ones

RANK_KEYS = {"overall_rate": "综合得分率", "key_rate": "重点领域得分率", "id": "单位编号", "name": "单位名称"}
DEFAULT_RANKING = ("overall_rate", "key_rate", "id")


@dataclass(frozen=True)
class AwardUnit:
    """One unit as the awards see it. For a county_gov unit the 县区 it is is `county` or else its id;
    a town or street names the 县区 it belongs to in `county`. Rates are 得分率 in [0, 1] (Fraction, Decimal,
    int or float; a float is read as its shortest decimal form) or None when not complete."""
    id: str
    name: str
    category: str
    key_field: bool = False
    county: str | None = None
    county_kind: str | None = None
    overall_rate: object = None
    key_rate: object = None


@dataclass(frozen=True)
class Decision:
    unit: AwardUnit
    named: bool
    title: str | None          # the honour, e.g. 六安市2017年度政务公开示范点建设先进单位
    pool: str | None           # the 名额类别 whose place the unit took (or competed for)
    transferred_from: str | None  # where a moved place came from (a pool or a 县区)
    rank: int | None           # place in its bonus ranking, 1-based
    points: Decimal | None     # the table's value for that place
    credited_to: str | None    # id of the unit (or 县区) whose annual assessment gets the points
    credited_points: Decimal | None
    reason: str


@dataclass(frozen=True)
class PoolSummary:
    pool: str
    places: int         # places the notice gives (for the town pools: summed over the 县区 of the cohort)
    qualified: int
    named: int
    moved_in: int       # named on a place moved in from elsewhere
    unused_own: int     # places its own units could not fill (free to move elsewhere)


@dataclass(frozen=True)
class Credit:
    """Bonus points of one credited unit (a 县区 gets its own award and its 乡镇/街道's)."""
    unit_id: str
    name: str
    own_points: Decimal
    town_points: Decimal
    town_units: tuple[str, ...]
    total: Decimal
    note: str


@dataclass(frozen=True)
class AwardsResult:
    decisions: tuple[Decision, ...]   # in input order
    pools: tuple[PoolSummary, ...]
    credits: tuple[Credit, ...]
    ranking: tuple[str, ...]

    def of(self, unit_id: str) -> Decision:
        return next(d for d in self.decisions if d.unit.id == unit_id)

    def named_ids(self) -> list[str]:
        return [d.unit.id for d in self.decisions if d.named]


def exact_rate(value) -> Fraction | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError(f"得分率不能是布尔值: {value!r}")
    if isinstance(value, float):
        value = repr(value)    # 0.8 means 80%, not the binary number nearest to it
    rate = Fraction(value)
    if not 0 <= rate <= 1:
        raise ValueError(f"得分率应在0到1之间: {value!r}")
    return rate


def percent(rate: Fraction) -> str:
    """79.999% shows as 79.99%, never as 80.00%, so a reason never contradicts its rate."""
    value = (Decimal(rate.numerator) * 100 / Decimal(rate.denominator)).quantize(Decimal("0.01"), ROUND_DOWN)
    return f"{value}%"


def ranking_key(ranking=DEFAULT_RANKING):
    """Sort key: rates higher first, id and name ascending; unit id always last so the order is total."""
    ranking = tuple(ranking)
    unknown = [k for k in ranking if k not in RANK_KEYS]
    if unknown or not ranking:
        raise ValueError(f"排序规则只能由 {', '.join(RANK_KEYS)} 组成: {ranking!r}")
    ranking = tuple(k for k in ranking if k != "id") + ("id",)   # wherever (and however often) it was given

    def key(unit: AwardUnit):
        parts = []
        for k in ranking:
            if k in ("overall_rate", "key_rate"):
                parts.append(-exact_rate(getattr(unit, k)))
            else:
                parts.append(getattr(unit, k))
        return tuple(parts)
    return ranking, key


def titles(year: int, city: str) -> dict[str, str]:
    return {"政务": f"{city}{year}年度政务公开示范点建设先进单位", "办事": f"{city}{year}年度办事公开示范点建设先进单位"}


def _counties(units) -> dict[str, str]:
    """县区 id -> 县 or 区, from county_gov units and from the towns and streets that name them."""
    kinds: dict[str, str] = {}
    for u in units:
        if u.category not in ("county_gov", "town", "street"):
            continue
        cid = (u.county or u.id) if u.category == "county_gov" else u.county
        if not cid:
            raise ValueError(f"{u.id}: {CATEGORIES[u.category]}须注明所属县区(county)")
        if u.county_kind not in COUNTY_KINDS:
            raise ValueError(f"{u.id}: county_kind 须为“县”或“区”,而不是 {u.county_kind!r}")
        if kinds.setdefault(cid, u.county_kind) != u.county_kind:
            raise ValueError(f"{u.id}: 县区 {cid} 既被标为“{kinds[cid]}”又被标为“{u.county_kind}”")
    return kinds


def _validate(units) -> None:
    seen = set()
    for u in units:
        if u.category not in CATEGORIES:
            raise ValueError(f"{u.id}: 未知的单位类别 {u.category!r}")
        if u.id in seen:
            raise ValueError(f"单位编号重复: {u.id}")
        seen.add(u.id)
        for rate in (u.overall_rate, u.key_rate):
            try:
                exact_rate(rate)
            except (TypeError, ValueError) as e:   # say which unit: a cohort has hundreds
                raise type(e)(f"{u.id}: {e}") from None


def pool_of(u: AwardUnit, kinds: dict[str, str]) -> str:
    """The 名额类别 a unit competes in."""
    if u.category in ("town", "street"):
        county = kinds[u.county] == "县"
        if u.category == "town":
            return POOL_COUNTY_TOWN if county else POOL_DISTRICT_TOWN
        return POOL_COUNTY_STREET if county else POOL_DISTRICT_STREET
    if u.category == "city_dept":
        return POOL_KEY_DEPT if u.key_field else POOL_OTHER_DEPT
    return {"county_gov": POOL_COUNTY_GOV, "zone": POOL_ZONE, "institution": POOL_INSTITUTION}[u.category]


def _status(u: AwardUnit) -> str | None:
    """None when the unit qualifies, else why not."""
    overall, key = exact_rate(u.overall_rate), exact_rate(u.key_rate)
    missing = [n for n, r in (("综合得分率", overall), ("重点领域信息公开得分率", key)) if r is None]
    if missing:
        return f"资料不全未评:{'、'.join(missing)}未完成"
    low = [f"{n}{percent(r)}低于80%" for n, r in (("综合得分率", overall), ("重点领域信息公开得分率", key))
           if r < THRESHOLD]
    return ";".join(low) + ",未达表彰标准" if low else None


class _Board:
    """Decisions being made: pool and origin of each named unit, reasons of the others."""

    def __init__(self):
        self.named: dict[str, tuple[str, str | None]] = {}
        self.reason: dict[str, str] = {}
        self.summaries: list[PoolSummary] = []

    def fill(self, pool: str, ranked: list[AwardUnit], places: int, full_reason: str | None) -> list[AwardUnit]:
        """The first `places` of the ranked qualifiers take the pool's places; the rest (returned) get
        `full_reason` unless None (their fate is decided later)."""
        for u in ranked[:places]:
            self.named[u.id] = (pool, None)
        for u in ranked[places:]:
            if full_reason is not None:
                self.reason[u.id] = full_reason
        return ranked[places:]


def _fixed_pool(board: _Board, pool: str, ranked: list[AwardUnit], places: int) -> None:
    board.fill(pool, ranked, places, f"达标,但{pool}表彰名额({places}名)已被得分更高的单位占满")
    board.summaries.append(PoolSummary(pool, places, len(ranked), min(places, len(ranked)), 0,
                                       max(0, places - len(ranked))))


def _departments(board: _Board, key_q: list[AwardUnit], other_q: list[AwardUnit]) -> None:
    """10 + 5; the places one kind cannot fill are used by the other (“多余指标调剂使用”)."""
    spare_key = max(0, KEY_DEPT_PLACES - len(key_q))
    spare_other = max(0, OTHER_DEPT_PLACES - len(other_q))
    for pool, ranked, own, spare_in, donor, spare_out in (
            (POOL_KEY_DEPT, key_q, KEY_DEPT_PLACES, spare_other, POOL_OTHER_DEPT, spare_key),
            (POOL_OTHER_DEPT, other_q, OTHER_DEPT_PLACES, spare_key, POOL_KEY_DEPT, spare_other)):
        # a unit is out because its own kind's places are full (a lower-rated unit of the other kind may be named)
        board.fill(pool, ranked, own + spare_in, f"达标,但{pool}表彰名额({own + spare_in}名"
                   + (f",含{donor}类别调剂转入{spare_in}名" if spare_in else "") + ")已被得分更高的单位占满")
        for u in ranked[own:own + spare_in]:
            board.named[u.id] = (pool, f"名额由{donor}类别未用名额调剂转入")
        moved_in = max(0, min(len(ranked), own + spare_in) - own)
        board.summaries.append(PoolSummary(pool, own, len(ranked), min(len(ranked), own + spare_in), moved_in,
                                           spare_out))


def _towns(board: _Board, qualified: list[AwardUnit], kinds: dict[str, str], county_names: dict[str, str],
           key, own_county: bool) -> None:
    """Own places first, then the places a 县区 could not fill go to the best qualifiers of other 县区."""
    named_in: dict[str, int] = {c: 0 for c in kinds}
    spare: list[tuple[str, str]] = []          # one (县区, pool) per unused place
    leftover: list[AwardUnit] = []
    stats = {p: [0, 0, 0, 0, 0] for p in (POOL_COUNTY_TOWN, POOL_DISTRICT_TOWN, POOL_DISTRICT_STREET)}
    for cid in sorted(kinds):
        if kinds[cid] == "县":
            pools = [(POOL_COUNTY_TOWN, "town", TOWN_PLACES_PER_COUNTY)]
        else:
            pools = [(POOL_DISTRICT_TOWN, "town", TOWN_PLACES_PER_DISTRICT),
                     (POOL_DISTRICT_STREET, "street", STREET_PLACES_PER_DISTRICT)]
        mine = [u for u in qualified if u.county == cid]
        for pool, category, places in pools:
            ranked = [u for u in mine if u.category == category]
            rest = board.fill(pool, ranked, places, None)
            taken = places - max(0, places - len(ranked))
            named_in[cid] += taken
            spare += [(cid, pool)] * (places - taken)
            leftover += rest
            s = stats[pool]
            s[0] += places
            s[1] += len(ranked)
            s[2] += taken
            s[4] += places - taken
        if kinds[cid] == "县":   # a 县's 街道 has no place of its own
            for u in mine:
                if u.category == "street":
                    leftover.append(u)
                    stats.setdefault(POOL_COUNTY_STREET, [0, 0, 0, 0, 0])[1] += 1
    # transferred places: rank order over all 县区; a candidate is added when the places can still be matched
    # so that nobody holds a place of their own 县区 (augmenting paths, so an earlier pick never blocks a later
    # one that a different assignment would have allowed)
    holder: dict[int, AwardUnit] = {}

    def usable(u: AwardUnit, i: int) -> bool:
        return own_county or spare[i][0] != u.county

    def assign(u: AwardUnit, seen: set[int]) -> bool:
        for i in range(len(spare)):
            if i in seen or not usable(u, i):
                continue
            seen.add(i)
            if i not in holder or assign(holder[i], seen):
                holder[i] = u
                return True
        return False

    for u in sorted(leftover, key=key):
        if named_in[u.county] >= COUNTY_CAP:
            board.reason[u.id] = (f"达标,但所属县区({county_names[u.county]})表彰已达"
                                  f"{COUNTY_CAP}名上限(每个县区不超过{COUNTY_CAP}名)")
        elif assign(u, set()):
            named_in[u.county] += 1
        else:
            where = "本县区名额已被得分更高的单位占满" if not (u.category == "street" and kinds[u.county] == "县") \
                else "县的街道无本级名额(县乡镇每县2名)"
            board.reason[u.id] = f"达标,但{where},且无可调剂到本单位的名额"
    for i, u in holder.items():
        cid, pool = spare[i]
        board.named[u.id] = (pool_of(u, kinds), f"名额由{county_names[cid]}{pool}未用名额调剂转入")
        stats[pool_of(u, kinds)][3] += 1
    for pool, (places, q, named, moved_in, moved_out) in stats.items():
        board.summaries.append(PoolSummary(pool, places, q, named + moved_in, moved_in, moved_out))


def _points(table, rank: int) -> Decimal | None:
    return table[rank - 1] if rank <= len(table) else None


def decide(units, *, ranking=DEFAULT_RANKING, transfers_to_own_county: bool = False, year: int = 2017,
           city: str = "六安市") -> AwardsResult:
    """Apply 三(四) to a cohort. See the module docstring for the readings taken."""
    units = list(units)
    _validate(units)
    kinds = _counties(units)
    ranking, key = ranking_key(ranking)
    names = {u.id: u.name for u in units}
    county_names = {c: next((u.name for u in units if u.category == "county_gov" and (u.county or u.id) == c), c)
                    for c in kinds}
    gov_of = {(u.county or u.id): u.id for u in units if u.category == "county_gov"}
    board = _Board()
    for u in units:
        why = _status(u)
        if why:
            board.reason[u.id] = why

    def qualified(pred) -> list[AwardUnit]:
        return sorted((u for u in units if u.id not in board.reason and pred(u)), key=key)

    _fixed_pool(board, POOL_COUNTY_GOV, qualified(lambda u: u.category == "county_gov"), COUNTY_GOV_PLACES)
    _fixed_pool(board, POOL_ZONE, qualified(lambda u: u.category == "zone"), ZONE_PLACES)
    _departments(board, qualified(lambda u: u.category == "city_dept" and u.key_field),
                 qualified(lambda u: u.category == "city_dept" and not u.key_field))
    _towns(board, qualified(lambda u: u.category in ("town", "street")), kinds, county_names, key,
           transfers_to_own_county)
    _fixed_pool(board, POOL_INSTITUTION, qualified(lambda u: u.category == "institution"), INSTITUTION_PLACES)

    # bonus: each group's named units ranked together
    honour = titles(year, city)
    placed: dict[str, tuple[int, Decimal | None, str, Decimal | None, str]] = {}
    groups = ((("county_gov", "zone"), GOV_ZONE_POINTS), (("city_dept",), DEPT_POINTS),
              (("town", "street"), TOWN_POINTS), (("institution",), INSTITUTION_POINTS))
    town_credit: dict[str, list[str]] = {}
    for cats, table in groups:
        winners = sorted((u for u in units if u.id in board.named and u.category in cats), key=key)
        for rank, u in enumerate(winners, 1):
            pts = _points(table, rank)
            # a 乡镇/街道 credits its 县区: the county_gov unit when the cohort has it
            target = gov_of.get(u.county, u.county) if u.category in ("town", "street") else u.id
            placed[u.id] = (rank, pts, target, pts, "")
            if u.category in ("town", "street"):
                town_credit.setdefault(target, []).append(u.id)
    for ids in town_credit.values():
        if len(ids) == COUNTY_CAP:   # top two values plus 0.5 instead of the third's value
            rank, pts, target, _, _ = placed[ids[2]]
            note = f";同一县区第3名获表彰,该县区按前两名分值相加再加{THIRD_TOWN_BONUS}分,本单位计入{THIRD_TOWN_BONUS}分"
            placed[ids[2]] = (rank, pts, target, THIRD_TOWN_BONUS, note)

    decisions = []
    for u in units:
        if u.id in board.named:
            pool, origin = board.named[u.id]
            rank, pts, target, credited, extra = placed[u.id]
            where = f"计入所属县区({county_names[u.county]})" if target != u.id else "计入本单位"
            value = f"名次分值{pts}分,{where}" if pts is not None else "通知加分表无此名次,不加分"
            reason = (f"达标,获{pool}名额" + (f"({origin})" if origin else "")
                      + f";{'、'.join(CATEGORIES[c] for c in _group_of(u.category))}合并排序第{rank}名,{value}"
                      + extra)
            kind = "办事" if u.category == "institution" else "政务"
            decisions.append(Decision(u, True, honour[kind], pool, origin, rank, pts, target,
                                      credited, reason))   # a third 乡镇 past the table still brings 0.5
        else:
            decisions.append(Decision(u, False, None, pool_of(u, kinds), None, None, None, None, None,
                                      board.reason[u.id]))
    return AwardsResult(tuple(decisions), tuple(board.summaries), _credits(decisions, names), ranking)


def _group_of(category: str) -> tuple[str, ...]:
    return next(g for g in (("county_gov", "zone"), ("city_dept",), ("town", "street"), ("institution",))
                if category in g)


def _credits(decisions, names) -> tuple[Credit, ...]:
    own: dict[str, Decimal] = {}
    towns: dict[str, list[Decision]] = {}
    for d in decisions:
        if not d.named:
            continue
        if d.credited_to != d.unit.id:       # a 乡镇/街道: its 县区's line, with or without a value
            towns.setdefault(d.credited_to, []).append(d)
        elif d.credited_points is not None:
            own[d.unit.id] = d.credited_points
    scoring = {c for c, ds in towns.items() if any(d.credited_points is not None for d in ds)}
    out = []
    for uid in sorted(set(own) | scoring):
        mine = sorted(towns.get(uid, []), key=lambda d: d.rank)
        town_points = sum((d.credited_points for d in mine if d.credited_points is not None), Decimal(0))
        values = [str(d.points) if d.points is not None else "0" for d in mine]   # beyond the table: no value
        note = ""
        if len(mine) == COUNTY_CAP:
            note = f"3名乡镇(街道)获表彰:前两名分值{values[0]}+{values[1]},再加{THIRD_TOWN_BONUS}分"
        elif mine:
            note = "乡镇(街道)获表彰分值相加:" + "+".join(values)
        out.append(Credit(uid, names.get(uid) or uid, own.get(uid, Decimal(0)), town_points,
                          tuple(d.unit.id for d in mine), own.get(uid, Decimal(0)) + town_points, note))
    return tuple(out)
