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
from demo_sites.world import REGULATION_2019

RULES_MD = Path(__file__).resolve().parents[2] / "shared" / "RULES.md"


def rule_codes() -> set[str]:
    if not RULES_MD.exists():
        pytest.skip(f"{RULES_MD} not present")
    return set(re.findall(r"^\| ([A-Z]+-\d{3}) \|", RULES_MD.read_text(), flags=re.M))


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
