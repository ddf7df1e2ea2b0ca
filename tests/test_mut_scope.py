"""crawler/scope.py on hand-made scopes: URLs without a host, units without starts, learning an
organ from a redirect, start prefixes, and the length an organ id needs to be read in a path."""
from __future__ import annotations

import pytest

from crawler.scope import Scope


def test_urls_without_a_host_belong_to_no_unit_even_on_a_single_label_host():
    scope = Scope()
    scope.add_unit("intranet", ["xxxx"], ["http://xxxx/index.html"])
    assert scope.allowed("intranet", "http://xxxx/list.html")
    assert not scope.allowed("intranet", "http:///list.html")
    scope.learn_start("intranet", "http:///public/index?organId=12")
    assert set(scope.starts) == {"xxxx"} and [s.organ for s in scope.starts["xxxx"]] == [None]
    scope.add_start("intranet", "http:///public/index?organId=13")
    assert [s.organ for s in scope.starts["xxxx"]] == [None]


def test_a_unit_without_start_urls_owns_its_hosts():
    scope = Scope()
    scope.add_unit("gjj", ["gk.ycgjj.gov.cn"], [])
    assert scope.owner("gk.ycgjj.gov.cn", "/col/1.html", "") is None
    assert scope.allowed("gjj", "http://gk.ycgjj.gov.cn/col/1.html")
    # a start redirect learned later makes the organ its own
    scope.learn_start("gjj", "http://gk.ycgjj.gov.cn/public/index?organId=12")
    assert [(s.unit, s.prefix, s.organ) for s in scope.starts["gk.ycgjj.gov.cn"]] == [
        ("gjj", "/public/", ("organid", "12"))]
    assert not scope.allowed("gjj", "http://gk.ycgjj.gov.cn/public/list?organId=31")


def test_learning_a_start_without_an_organ_or_for_an_unknown_unit_changes_nothing():
    scope = Scope()
    scope.add_unit("town", ["gk.example.gov.cn"], ["http://gk.example.gov.cn/"])
    scope.learn_start("town", "http://gk.example.gov.cn/public/index.html")
    scope.learn_start("nobody", "http://gk.example.gov.cn/public/index?organId=12")
    assert [(s.unit, s.organ) for s in scope.starts["gk.example.gov.cn"]] == [("town", None)]


def test_the_start_prefix_is_the_directory_of_the_start_page():
    scope = Scope()
    scope.add_unit("county", ["www.example.gov.cn"], ["http://www.example.gov.cn/"])
    scope.add_unit("town", ["www.example.gov.cn"], ["http://www.example.gov.cn/xzjd/taoyuan/index.html"])
    assert [s.prefix for s in scope.starts["www.example.gov.cn"]] == ["/", "/xzjd/taoyuan/"]
    # a sibling channel is not the town's: its directory, not its parent, is the prefix
    assert scope.owner("www.example.gov.cn", "/xzjd/dongcheng/index.html", "") == "county"
    assert scope.owner("www.example.gov.cn", "/xzjd/taoyuan/tzgg/1.html", "") == "town"


def test_another_organs_page_is_owned_by_nobody_the_scope_knows():
    scope = Scope()
    scope.add_unit("town", ["gk.example.gov.cn"], ["http://gk.example.gov.cn/public/index?organId=4521"])
    assert scope.owner("gk.example.gov.cn", "/public/column", "organId=4533") == "?"
    assert scope.owner("gk.example.gov.cn", "/public/4533/1.html", "") == "?"
    assert scope.owner("gk.example.gov.cn", "/public/4521/1.html", "") == "town"


@pytest.mark.parametrize("organ, read", [("12", False), ("123", True), ("1234", True)])
def test_organ_ids_of_three_or_more_characters_are_read_in_paths(organ, read):
    scope = Scope()
    shared = ["gk.example.gov.cn"]
    scope.add_unit("a", shared, [f"http://gk.example.gov.cn/public/index?organId={organ}"])
    scope.add_unit("b", shared, ["http://gk.example.gov.cn/public/index?organId=98765"])
    # the path names organ a's id
    assert scope.owner("gk.example.gov.cn", f"/public/{organ}/1.html", "") == ("a" if read else None)
    # an id seen as another organ's parameter: its pages are nobody's, if it is long enough to read
    other = organ[:-1] + "9"
    scope.owner("gk.example.gov.cn", "/public/column", f"organId={other}")
    assert scope.owner("gk.example.gov.cn", f"/public/{other}/2.html", "") == ("?" if read else None)
