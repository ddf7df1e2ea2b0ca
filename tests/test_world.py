"""The world model and its ground truth: determinism, coverage of every rule, dates and scale."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

import demo_sites
from demo_sites import defects
from demo_sites.defects import DEFAULT_SEVERITY
from demo_sites.world import REGULATION_2019

ROOT = Path(__file__).resolve().parents[1]
RULES_MD = ROOT / "docs" / "RULES.md"                      # the rule catalogue, kept in the repo
SHARED_RULES_MD = ROOT.parent / "shared" / "RULES.md"      # the design copy, beside the checkout


def catalogue() -> dict[str, str]:
    """Every rule code of the catalogue with its severity column (e.g. "major (veto when ≥ 5)")."""
    rows = re.findall(r"^\| ([A-Z]+-\d{3}) \|(.*)\|\s*$", RULES_MD.read_text(encoding="utf-8"), flags=re.M)
    return {code: [c.strip() for c in rest.split("|")][-2] for code, rest in rows}


def rule_codes() -> set[str]:
    return set(catalogue())


def default_severities() -> dict[str, str]:
    """The catalogue's default severity per rule: the first word of its severity column."""
    return {code: severity.split()[0] for code, severity in catalogue().items()}


def test_catalogue_lists_every_registered_rule_with_its_severity():
    from checks.registry import all_rules
    assert {code: r.severity for code, r in all_rules().items()} == default_severities()


def test_demo_world_seeds_the_catalogue_default_severities():
    assert DEFAULT_SEVERITY == default_severities()


def test_every_seeded_defect_carries_its_severity_and_no_decoy_has_one():
    truth = demo_sites.load().truth
    assert all("severity" not in e for e in truth if e.get("decoy"))
    seeded = [e for e in truth if not e.get("decoy")]
    assert all(e["severity"] in ("veto", "major", "minor", "advisory") for e in seeded)
    defaults = default_severities()
    raised = Counter((e["rule"], e["unit"], e["severity"]) for e in seeded if e["severity"] != defaults[e["rule"]])
    # the catalogue's exceptions the world seeds: 5 blank columns (veto), a future date (major), and a
    # WeChat account that cannot be read (a manual check, advisory, not a veto)
    assert raised == {("FRESH-003", "gjj", "veto"): 5, ("FRESH-005", "kaifaqu", "major"): 1,
                      ("MEDIA-003", "gjj", "advisory"): 1}


def list_columns(unit):
    return [c for c in unit.columns() if c.is_leaf and c.kind not in ("page", "container")]


@pytest.mark.parametrize("blank, veto", [(4, False), (5, True), (6, True)])
def test_blank_columns_are_a_veto_from_five(blank, veto):
    world = demo_sites.load()
    unit = world.unit("kaifaqu")          # no blank column of its own
    for col in list_columns(unit)[:blank]:
        col.items.clear()
    seeder = defects.Seeder(world)
    defects._derived(seeder)
    found = [e["severity"] for e in seeder.entries if e["rule"] == "FRESH-003" and e["unit"] is unit]
    assert found == [("veto" if veto else None)] * blank


@pytest.mark.parametrize("urgent, yearly, veto", [
    (4, 0, False), (5, 0, True), (6, 0, True),          # news and notice columns: veto from 5
    (4, 5, False), (4, 6, True), (4, 7, True),          # any columns: veto from 10
])
def test_stale_columns_are_a_veto_from_five_urgent_or_ten_in_all(urgent, yearly, veto):
    world = demo_sites.load()
    unit = world.unit("kaifaqu")
    seeder = defects.Seeder(world)
    cols = [c for c in list_columns(unit) if c.items and c.fresh in ("news", "notice", "yearly")]
    for col in cols:
        defects._age_column(seeder, col, 1)              # every column fresh first
    for col in [c for c in cols if c.fresh in ("news", "notice")][:urgent] + \
               [c for c in cols if c.fresh == "yearly"][:yearly]:
        defects._age_column(seeder, col, defects.STALE_DAYS[col.fresh] + 30)
    defects._derived(seeder)
    found = [e["severity"] for e in seeder.entries if e["rule"] == "FRESH-002" and e["unit"] is unit]
    assert found == [("veto" if veto else None)] * (urgent + yearly)


def test_repo_catalogue_is_the_shared_one():
    if not SHARED_RULES_MD.exists():
        pytest.skip(f"no design copy at {SHARED_RULES_MD} to compare docs/RULES.md with (a checkout on its own)")
    assert RULES_MD.read_bytes() == SHARED_RULES_MD.read_bytes(), \
        f"docs/RULES.md differs from {SHARED_RULES_MD}: copy the catalogue again"


def render(world, url):
    parts = urlsplit(url)
    return world.views[parts.hostname].handle(parts.path, dict(parse_qsl(parts.query, keep_blank_values=True)))


def test_same_seed_and_date_give_the_same_bytes():
    a, b = demo_sites.load(seed=3), demo_sites.load(seed=3)
    assert json.dumps(a.truth, ensure_ascii=False) == json.dumps(b.truth, ensure_ascii=False)
    urls_a, urls_b = list(demo_sites.sitemap(a)), list(demo_sites.sitemap(b))
    assert urls_a == urls_b
    for url in urls_a[::7]:   # every 7th page: rendering is the expensive part
        assert render(a, url).body == render(b, url).body, url


def test_another_seed_gives_another_world():
    a, b = demo_sites.load(seed=0), demo_sites.load(seed=1)
    titles_a = sorted(i.title for u in a.units for i in u.items())
    titles_b = sorted(i.title for u in b.units for i in u.items())
    assert titles_a != titles_b
    assert {e["rule"] for e in a.truth} == {e["rule"] for e in b.truth}


def test_truth_cli_prints_the_same_truth_as_the_library():
    out = subprocess.run([sys.executable, "-m", "demo_sites", "truth", "--as-of", "2019-09-30"],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == demo_sites.load().truth


def test_sitemap_cli_lists_every_url_once():
    out = subprocess.run([sys.executable, "-m", "demo_sites", "sitemap", "--as-of", "2019-09-30"],
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == list(demo_sites.sitemap(demo_sites.load()))
    assert len(out) == len(set(out))


@pytest.mark.parametrize("seed", [0, 7])
def test_every_rule_code_is_seeded_at_least_twice(seed):
    world = demo_sites.load(seed=seed)
    counts = Counter(e["rule"] for e in world.truth if not e.get("decoy"))
    missing = {code: counts[code] for code in rule_codes() if counts[code] < 2}
    assert not missing, f"rules seeded fewer than twice: {missing}"
    assert set(counts) <= rule_codes(), set(counts) - rule_codes()


def test_defects_use_several_templates():
    world = demo_sites.load()
    templates = {world.unit(e["unit"]).disclosure.template for e in world.truth if not e.get("decoy")}
    assert templates == {"static", "platform", "jsapp"}


def test_decoys_named_by_the_issue_are_present():
    notes = " ".join(e["note"] for e in demo_sites.load().truth if e.get("decoy"))
    for phrase in ("34**************12", "校验位", "值班电话", "别名", "…", "2017年5月15日", "2017/5/15",
                   "年度类栏目", "恰为30日", "第3个工作日", "高亮", "403"):
        assert phrase in notes, phrase


def test_truth_locators_are_unambiguous():
    truth = demo_sites.load().truth
    keys = [(e["rule"], e["unit"], e["url"], e["column"], e["index_no"], bool(e.get("decoy"))) for e in truth]
    assert len(keys) == len(set(keys))
    for e in truth:
        assert e["url"].startswith("http://127."), e
        assert set(e) >= {"rule", "unit", "url", "column", "index_no", "note"}


def test_items_span_years_on_both_sides_of_the_2019_regulation():
    world = demo_sites.load()
    dates = [i.published for u in world.units for i in u.items()]
    assert min(dates).year <= 2016
    assert any(d < REGULATION_2019 for d in dates) and any(d >= REGULATION_2019 for d in dates)
    future = [e for e in world.truth if e["rule"] == "FRESH-005" and "未来" in e["note"]]
    late_dates = [i for u in world.units for i in u.items() if i.published > world.as_of]
    assert len(late_dates) == len(future)   # only the seeded future date lies beyond as-of


def test_rules_not_yet_in_force_are_not_seeded_earlier():
    before = demo_sites.load(as_of=date(2018, 9, 30))
    assert "GUIDE-003" not in {e["rule"] for e in before.truth}
    assert all(i.published <= before.as_of or i.flags.get("picked")
               for u in before.units for i in u.items())
    guide = before.unit("qinglan").fixed("guide").page
    assert any("15个工作日" in p for p in guide)   # the 2007 limit was right then
    after = demo_sites.load()
    assert any("20个工作日" in p for p in after.unit("qinglan").fixed("guide").page)


def test_seven_unit_types_and_shared_platform():
    world = demo_sites.load()
    assert {u.type for u in world.units} == {"county", "zone", "key_dept", "dept", "town", "street",
                                             "institution"}
    county = world.unit("qinglan")
    for uid in ("taoyuan", "dongcheng"):   # 乡镇 and 街道 publish on the county's platform
        assert world.unit(uid).disclosure is county.disclosure
        assert world.unit(uid).portal is county.portal


def test_scale_grows_units_and_pages():
    small, big = demo_sites.load(scale=1), demo_sites.load(scale=3)
    assert len(big.units) == len(small.units) + 8
    n_small = sum(1 for _ in demo_sites.sitemap(small))
    n_big = sum(1 for _ in demo_sites.sitemap(big))
    assert n_big > 4 * n_small   # denser columns and more units: roughly scale²
    assert len(big.truth) == len(small.truth)   # extra units are clean
