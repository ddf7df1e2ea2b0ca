"""More exact rows of the search, consistency and sync rules (SRCH-001…003, CONS-001…002, SYNC-001) on
hand-made snapshots (tests/minisnap.py): the messages units read, their places and evidence."""
from __future__ import annotations

from dataclasses import replace

from checks.audit import UnitData
from checks.engine import audit_unit
from checks.registry import all_rules
from checks.rules.search import _view_key
from tests.minisnap import DISCLOSURE, PORTAL, Mini, _spec
from tests.test_mut_rules_a import probe, rows, said, view


def test_a_view_label_is_keyed_by_dimension_and_normal_value():
    assert _view_key("按主题分类/ 教育 ") == ("主题分类", "教育")
    assert _view_key(" 体裁分类/通知/公告") == ("体裁分类", "通知/公告")


def test_a_view_gap_on_one_field_does_not_stop_the_other_fields(tmp_path):
    mini = Mini(tmp_path)
    listed = mini.item(topic="综合政务", genre="通知")
    item = mini.item(topic="综合政务", genre="通知")
    view(mini, listed, "主题分类/综合政务")
    view(mini, listed, "体裁分类/通知")
    mini.seen("view", "主题分类/综合政务", complete=False, reason="第2页未能读取", first_url="http://xxgk.example.gov.cn/v/1")
    mini.seen("view", "体裁分类/通知")
    got = rows(mini, "CONS-001")
    assert [(said(r), r["url"], r["gap"]) for r in got] == [
        (f"“{item['title']}”标注体裁分类为“通知”，但该分类下查不到此信息", item["url"], 0),
        (("抓取不完整，需人工核查：分类视图“主题分类/综合政务”（第2页未能读取；其中1条按元数据应列入的信息是否列入无法确认），"
          "无法判定是否存在“分类视图中缺少信息”问题"), "http://xxgk.example.gov.cn/v/1", 1)]


def test_an_item_without_a_value_is_expected_in_no_view_of_that_dimension(tmp_path):
    # whatever a view is called (here a placeholder-like “XXXX”), an item without a topic is not missing from it
    mini = Mini(tmp_path)
    listed = mini.item(topic="XXXX")
    mini.item(topic=None)
    mini.item(topic="  ")
    view(mini, listed, "主题分类/XXXX")
    mini.seen("view", "主题分类/XXXX")
    assert rows(mini, "CONS-001") == []


def test_unanswered_searches_gap_names_the_site_search(tmp_path):
    mini = Mini(tmp_path)
    probe(mini, mini.item(), found=1)
    lost = mini.item()
    probe(mini, lost, status=None, error="TimeoutError")
    (g,) = rows(mini, "SRCH-002")
    assert (said(g), g["url"], g["severity"], g["evidence"]) == (
        "抓取不完整，需人工核查：站内检索（1条抽查信息的检索请求未得到网站应答），无法判定是否存在“站内检索查不到信息”问题",
        DISCLOSURE, "advisory", {"items": [lost["url"]], "place": "站内检索", "reason": "1条抽查信息的检索请求未得到网站应答"})


def test_a_search_answering_http_400_without_an_entry_is_a_finding(tmp_path):
    mini = Mini(tmp_path)
    probe(mini, None, status=400, query="甲")
    assert [(said(r), r["url"], r["gap"]) for r in rows(mini, "SRCH-001")] == [
        ("站内检索返回HTTP 400（测试1次均失败）", DISCLOSURE, 0)]


def test_an_item_without_a_column_is_no_policy_file_whatever_the_watched_names(tmp_path):
    # a unit type may watch columns of any name (here “XX”): an item with no column is in none of them
    mini = Mini(tmp_path)
    mini.item(column_path=None)
    mini.add("listings", url=PORTAL + "1.html", title="x", source="portal", source_url=PORTAL)
    mini.seen("portal", "XX文件", complete=False, reason="第2页未能读取")
    mini.snap.flush()
    spec = replace(_spec(mini.type), rule_params={"SYNC-001": {"columns": ["XX"]}})
    data = UnitData(mini.snap, next(mini.snap.rows("units")), spec, mini.as_of)
    errors: list[str] = []
    assert audit_unit(data, {"SYNC-001": all_rules()["SYNC-001"]}, errors) == [] and errors == []
    mini.item(column_path="法定主动公开内容 > XX文件")
    mini.snap.flush()
    data = UnitData(mini.snap, next(mini.snap.rows("units")), spec, mini.as_of)
    got = audit_unit(data, {"SYNC-001": all_rules()["SYNC-001"]}, errors)
    assert [(g["gap"], g["evidence"]["reason"]) for g in got] == [(1, "第2页未能读取；1条政策文件是否同步无法确认")]


def test_an_item_without_a_column_is_never_unsynced_whatever_the_watched_names(tmp_path):
    mini = Mini(tmp_path)
    mini.item(column_path=None)
    unsynced = mini.item(column_path="法定主动公开内容 > XX文件")
    mini.add("listings", url=PORTAL + "1.html", title="x", source="portal", source_url=PORTAL)
    mini.seen("portal", "XX文件")
    mini.snap.flush()
    spec = replace(_spec(mini.type), rule_params={"SYNC-001": {"columns": ["XX"]}})
    data = UnitData(mini.snap, next(mini.snap.rows("units")), spec, mini.as_of)
    errors: list[str] = []
    got = audit_unit(data, {"SYNC-001": all_rules()["SYNC-001"]}, errors)
    assert errors == [] and [(r["url"], r["gap"]) for r in got] == [(unsynced["url"], 0)]
