"""Which unit a URL belongs to (crawler/scope.py): a unit on its own hosts, units sharing a county
platform (organ parameter) and a county portal (channel prefix), organs no unit claims, per-unit
override patterns, schemes, host case and ports.

Scopes are built the way the spider builds them (GatherSpider from loaded profiles) where the wiring
matters, by hand where a single rule is meant."""
from __future__ import annotations

import pytest

from crawler.scope import Scope
from crawler.spider import GatherSpider
from site_profiles import DEMO_PROGRAM, load_program, load_unit


def owners(scope: Scope, url: str) -> set[str]:
    """Every unit whose crawl may fetch `url`."""
    return {unit for unit in scope.hosts if scope.allowed(unit, url)}


@pytest.fixture(scope="module")
def demo_scope() -> Scope:
    """The committed demo program's units as the spider scopes them: 青岚区 with its 桃源镇 and 东城街道
    on one county portal (127.0.0.2, channels /xzjd/<unit>/) and one county platform (127.0.0.3,
    organs ?organId=1/2/3); the other units on hosts of their own."""
    program = load_program(DEMO_PROGRAM)
    return GatherSpider(program=program, units=program.units, snapshot=None, warc=None).scope


PORTAL = "http://127.0.0.2:8800"      # the county portal
PLATFORM = "http://127.0.0.3:8800"    # the county's 政府信息公开 platform
TOWNS_AND_COUNTY = {"qinglan", "taoyuan", "dongcheng"}


@pytest.mark.parametrize("url, expected", [
    # the platform: the organ parameter decides, whatever the path
    (f"{PLATFORM}/public/index?organId=1", {"qinglan"}),
    (f"{PLATFORM}/public/column?organId=2&catId=3203&page=2", {"taoyuan"}),
    (f"{PLATFORM}/site/label/8888?labelName=publicInfoList&organId=3&catId=topic-01&pageIndex=2", {"dongcheng"}),
    (f"{PLATFORM}/public/search?organId=2&keywords=%E9%80%9A%E7%9F%A5", {"taoyuan"}),
    (f"{PLATFORM}/public/apply/form?organId=3", {"dongcheng"}),
    # an organ of the platform no unit of the program claims: nobody's page
    (f"{PLATFORM}/public/column?organId=7&catId=1203", set()),
    (f"{PLATFORM}/public/index?organId=12", set()),
    # items under short organ ids (too short to tell from a page number) and pages of no organ:
    # undecided, so the unit that found the link keeps it
    (f"{PLATFORM}/public/2/5123.html", TOWNS_AND_COUNTY),
    (f"{PLATFORM}/group1/M00/00/5123/rB1.pdf", TOWNS_AND_COUNTY),
    # the portal: the longest start prefix decides
    (f"{PORTAL}/", {"qinglan"}),
    (f"{PORTAL}/xwzx/tzgg/index_2.html", {"qinglan"}),
    (f"{PORTAL}/xzjd/taoyuan/index.html", {"taoyuan"}),
    (f"{PORTAL}/xzjd/taoyuan/xwzx/tzgg/201909/t20190903_77.html", {"taoyuan"}),
    (f"{PORTAL}/xzjd/dongcheng/hdjl/index.html", {"dongcheng"}),
    # a channel no unit claims falls to the start it lies under, the county's "/" (documented rule:
    # the most specific start; a path alone cannot say it is another organ's)
    (f"{PORTAL}/xzjd/huashan/index.html", {"qinglan"}),
    # 统计局 runs a platform of its own: organ 1 there is its own, organ 2 nobody's
    ("http://127.0.0.9:8800/public/column?organId=1&catId=2", {"tongji"}),
    ("http://127.0.0.9:8800/public/column?organId=2&catId=2", set()),
    # a unit on its own hosts owns all of them and nothing else
    ("http://127.0.0.11:8800/col/tzgg/index.html", {"gjj"}),
    ("http://127.0.0.10:8800/", {"gjj"}),
    ("http://127.0.0.99:8800/", set()),
])
def test_demo_units_own_their_part_of_the_shared_county_sites(demo_scope, url, expected):
    assert owners(demo_scope, url) == expected


@pytest.mark.parametrize("url", [
    "ftp://127.0.0.11/pub/report.html",
    "file://127.0.0.11/etc/passwd",
    "file:///etc/passwd",
    "mailto:gk@127.0.0.11",
    "javascript:window.open('http://127.0.0.11/x.html')",
    "data:text/html,<a href='http://127.0.0.11/'>x</a>",
    "//127.0.0.11/col/tzgg/index.html",      # no scheme at all: not a URL that can be fetched
])
def test_only_http_and_https_urls_are_in_scope(demo_scope, url):
    assert owners(demo_scope, url) == set()
    assert demo_scope.allowed("gjj", "https://127.0.0.11/col/tzgg/index.html")   # https is


def test_hosts_match_by_name_whatever_the_case_and_port():
    scope = Scope()
    scope.add_unit("gjj", ["WWW.YCGJJ.gov.cn", "gk.ycgjj.gov.cn"], ["http://www.ycgjj.gov.cn/", "http://gk.ycgjj.gov.cn/"])
    for url in ("HTTP://Www.YcGjj.Gov.Cn/col/tzgg/", "http://www.ycgjj.gov.cn:8080/x.html",
                "https://gk.ycgjj.gov.cn:443/index.html", "http://someone@gk.ycgjj.gov.cn/"):
        assert scope.allowed("gjj", url), url
    for url in ("http://www.ycgjj.gov.cn.evil.example/", "http://evil.example/?next=http://www.ycgjj.gov.cn/",
                "http://www.ycgjj.gov.cn@evil.example/", "http://ycgjj.gov.cn/", "http://m.ycgjj.gov.cn/"):
        assert not scope.allowed("gjj", url), url
    assert not scope.allowed("nobody", "http://www.ycgjj.gov.cn/")      # an unknown unit has no hosts


def test_organ_parameter_name_and_value_on_a_named_shared_platform():
    scope = Scope()
    shared = ["www.qinglan.gov.cn", "xxgk.qinglan.gov.cn"]
    scope.add_unit("qinglan", shared, ["http://www.qinglan.gov.cn/", "http://xxgk.qinglan.gov.cn/public/index?organId=1"])
    scope.add_unit("taoyuan", shared, ["http://www.qinglan.gov.cn/xzjd/taoyuan/index.html",
                                       "http://XXGK.qinglan.gov.cn/public/index?organId=2"])
    # parameter names are matched without case; the host of the start URL too
    assert owners(scope, "http://xxgk.qinglan.gov.cn/public/column?ORGANID=2&catId=5") == {"taoyuan"}
    assert owners(scope, "http://Xxgk.Qinglan.Gov.Cn:8080/public/column?organid=1") == {"qinglan"}
    # a value is compared exactly: organ 22 is not organ 2
    assert owners(scope, "http://xxgk.qinglan.gov.cn/public/column?organId=22") == set()
    # organs are known per host: on the portal, where no start names one, the path decides
    assert owners(scope, "http://www.qinglan.gov.cn/xzjd/taoyuan/list?organId=1") == {"taoyuan"}


@pytest.mark.parametrize("param, is_organ", [
    ("organId", True), ("orgid", True), ("org_id", True), ("siteId", True), ("site_id", True),
    ("webid", True), ("unitId", True), ("deptId", True), ("branch_id", True),
    ("catId", False), ("columnId", False), ("id", False), ("pageIndex", False), ("organ", False),
])
def test_which_query_parameters_name_an_organ(param, is_organ):
    scope = Scope()
    scope.add_unit("town", ["p.example.gov.cn"], [f"http://p.example.gov.cn/index?{param}=12"])
    # another value of an organ parameter is another organ's page; of any other parameter, still ours
    assert scope.allowed("town", f"http://p.example.gov.cn/list?{param}=31") is not is_organ
    assert scope.allowed("town", f"http://p.example.gov.cn/list?{param}=12")


def test_long_organ_ids_in_item_paths_name_their_organ():
    scope = Scope()
    shared = ["gk.example.gov.cn"]
    scope.add_unit("town_a", shared, ["http://gk.example.gov.cn/public/index?organId=4521"])
    scope.add_unit("town_b", shared, ["http://gk.example.gov.cn/public/index?organId=4522"])
    assert owners(scope, "http://gk.example.gov.cn/public/4521/7001.html") == {"town_a"}
    assert owners(scope, "http://gk.example.gov.cn/public/4522/7002.html") == {"town_b"}
    # 4533 is not known as an organ yet: undecided; once a link names it as an organ, nobody's
    assert owners(scope, "http://gk.example.gov.cn/public/4533/7003.html") == {"town_a", "town_b"}
    assert owners(scope, "http://gk.example.gov.cn/public/column?organId=4533") == set()
    assert owners(scope, "http://gk.example.gov.cn/public/4533/7003.html") == set()
    # a year or a page number is not an organ id
    assert owners(scope, "http://gk.example.gov.cn/public/2019/09/7004.html") == {"town_a", "town_b"}


def test_units_with_the_same_start_prefix_share_what_it_covers():
    scope = Scope()
    scope.add_unit("a", ["www.example.gov.cn"], ["http://www.example.gov.cn/index.html"])
    scope.add_unit("b", ["www.example.gov.cn"], ["http://www.example.gov.cn/"])
    assert owners(scope, "http://www.example.gov.cn/col/1.html") == {"a", "b"}


def test_learning_the_organ_from_a_start_redirect_stays_on_the_units_hosts():
    scope = Scope()
    scope.add_unit("town", ["gk.example.gov.cn"], ["http://gk.example.gov.cn/"])
    scope.add_unit("city", ["www.example.gov.cn"], ["http://www.example.gov.cn/"])
    # a start that redirected off the town's hosts says nothing of the town, nor of the city there
    scope.learn_start("town", "http://www.example.gov.cn/public/index?organId=12")
    assert owners(scope, "http://www.example.gov.cn/public/list?organId=31") == {"city"}
    assert owners(scope, "http://www.example.gov.cn/public/list?organId=12") == {"city"}
    assert scope.allowed("town", "http://gk.example.gov.cn/public/list?organId=31")
    scope.learn_start("town", "http://gk.example.gov.cn/public/index?organId=12")
    scope.learn_start("town", "http://gk.example.gov.cn/public/index?organId=12&page=2")   # same organ again
    assert len(scope.starts["gk.example.gov.cn"]) == 2
    assert not scope.allowed("town", "http://gk.example.gov.cn/public/list?organId=31")
    assert scope.allowed("town", "http://gk.example.gov.cn/public/list?organId=12")


TAOYUAN_WITH_OVERRIDES = """\
id: taoyuan
name: 青岚区桃源镇人民政府
type: town
org_code: "003240712"
portal: http://www.qinglan.gov.cn/xzjd/taoyuan/index.html
disclosure: http://xxgk.qinglan.gov.cn/public/index?organId=2
overrides:
  scope:
    - ^https?://www\\.qinglan\\.gov\\.cn/xzjd/taoyuan/
    - organId=2(&|$)
    - /public/2/
"""

QINGLAN = """\
id: qinglan
name: 云溪市青岚区人民政府
type: county
org_code: "003240560"
portal: http://www.qinglan.gov.cn/
disclosure: http://xxgk.qinglan.gov.cn/public/index?organId=1
"""


def _spider_scope(tmp_path, *texts: str) -> Scope:
    units = []
    for i, text in enumerate(texts):
        path = tmp_path / f"unit{i}.yaml"
        path.write_text(text, encoding="utf-8")
        units.append(load_unit(path))
    return GatherSpider(program=None, units=units, snapshot=None, warc=None).scope


def test_override_patterns_from_a_unit_profile_decide_its_scope(tmp_path):
    scope = _spider_scope(tmp_path, QINGLAN, TAOYUAN_WITH_OVERRIDES)
    inside = ["http://www.qinglan.gov.cn/xzjd/taoyuan/xwzx/index.html",
              "http://xxgk.qinglan.gov.cn/public/column?organId=2",
              "http://xxgk.qinglan.gov.cn/public/column?catId=3&organId=2&page=4",
              "http://xxgk.qinglan.gov.cn/public/2/5123.html"]
    outside = ["http://www.qinglan.gov.cn/xwzx/index.html",                 # the county's own channel
               "http://xxgk.qinglan.gov.cn/public/column?organId=22",       # organ 22, not 2
               "http://xxgk.qinglan.gov.cn/public/column?organId=1",
               "http://xxgk.qinglan.gov.cn/public/1/5124.html",
               "http://evil.example/xzjd/taoyuan/?organId=2",               # a pattern never adds a host
               "ftp://xxgk.qinglan.gov.cn/public/2/5123.html"]
    assert [u for u in inside if not scope.allowed("taoyuan", u)] == []
    assert [u for u in outside if scope.allowed("taoyuan", u)] == []
    # the county without overrides keeps the ordinary rules: taoyuan's start still marks its part
    assert not scope.allowed("qinglan", "http://xxgk.qinglan.gov.cn/public/column?organId=2")
    assert not scope.allowed("qinglan", "http://www.qinglan.gov.cn/xzjd/taoyuan/xwzx/index.html")
    assert scope.allowed("qinglan", "http://www.qinglan.gov.cn/xwzx/index.html")


def test_a_single_override_pattern_written_as_text_is_one_pattern(tmp_path):
    text = TAOYUAN_WITH_OVERRIDES.split("overrides:")[0] + 'overrides:\n  scope: "organId=2(&|$)|/xzjd/taoyuan/"\n'
    scope = _spider_scope(tmp_path, text)
    assert scope.allowed("taoyuan", "http://xxgk.qinglan.gov.cn/public/column?organId=2")
    # read letter by letter, "o" or "2" would match almost any URL of the hosts
    assert not scope.allowed("taoyuan", "http://xxgk.qinglan.gov.cn/public/column?organId=1")
    assert not scope.allowed("taoyuan", "http://www.qinglan.gov.cn/xwzx/index.html")
