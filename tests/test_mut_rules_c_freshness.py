"""More exact rows of the timeliness rules (FRESH-001…004): the unread portal home, the blocks of the
disclosure home, fixed and one-page columns, the words that say a column is empty, and the edges of
the 20-working-day limit (tests/minisnap.py snapshots)."""
from __future__ import annotations

from datetime import date

import pytest

from checks.findings import fingerprint
from tests.minisnap import DISCLOSURE, PORTAL, Mini
from tests.test_mut_rules_b import rows


def test_an_unread_portal_home_is_a_gap(tmp_path):
    mini = Mini(tmp_path)
    mini.snap.flush()
    mini.snap.db.execute("DELETE FROM fetches WHERE url = ?", (PORTAL,))
    mini.fetch(PORTAL, 503)
    out = mini.audit("FRESH-001")
    assert rows(mini, "FRESH-001") == [
        {"rule": "FRESH-001", "said": "抓取不完整，需人工核查：门户网站首页（首页未能读取），无法判定是否存在“首页长期未更新”问题",
         "url": PORTAL, "column_path": None, "index_no": None, "severity": "advisory",
         "evidence": {"place": "门户网站首页", "reason": "首页未能读取"}, "gap": 1}]
    assert out[0]["fingerprint"] == fingerprint("FRESH-001", "u", PORTAL, None, None, "gap:home")


def test_no_portal_no_homepage_finding(tmp_path):
    mini = Mini(tmp_path)
    mini.snap.upsert_unit({"id": "u", "portal": None})
    assert rows(mini, "FRESH-001") == []


def test_the_disclosure_home_blocks_are_not_the_portal_home(tmp_path):
    mini = Mini(tmp_path)
    mini.add("listings", url="http://portal.example.gov.cn/art/1.html", title="青岚区召开安全生产工作会议",
             source="home", source_url=PORTAL, date="2019-09-10")
    mini.add("listings", url="http://xxgk.example.gov.cn/art/2.html", title="青岚区召开防汛抗旱工作会议",
             source="home", source_url=DISCLOSURE, date="2019-09-29")      # fresh, but not on the portal
    assert [r["said"] for r in rows(mini, "FRESH-001")] == [
        "门户网站首页14天内无更新：首页最新信息日期为2019-09-10，距检查日20天"]


@pytest.mark.parametrize("fixed, path", [("guide", "法定主动公开内容 > 公开目录"), ("apply", "法定主动公开内容 > 公开目录")])
def test_guide_and_apply_columns_are_never_blank_columns(tmp_path, fixed, path):
    mini = Mini(tmp_path)
    col = mini.column(path, item_count=0, fixed=fixed)
    mini.add("pages", url=col["url"], kind="page", site="disclosure", text="暂无信息")
    assert rows(mini, "FRESH-003") == []


def test_a_one_page_column_does_not_stop_the_search_for_blank_ones(tmp_path):
    mini = Mini(tmp_path)
    static = mini.column("法定主动公开内容 > 机构职能", item_count=0)
    mini.add("pages", url=static["url"], kind="page", site="disclosure", text="青岚区人民政府负责……")
    blank = mini.column("法定主动公开内容 > 财政资金", item_count=0)
    assert [(r["said"], r["url"], r["column_path"]) for r in rows(mini, "FRESH-003")] == [
        ("栏目“法定主动公开内容 > 财政资金”没有任何信息", blank["url"], blank["path"])]


@pytest.mark.parametrize("text, blank", [
    ("当前位置：机构职能 暂无信息", True),
    ("当前位置：机构职能 没有相关内容", True),
    ("当前位置：机构职能 无相关信息", True),
    ("当前位置：机构职能 本栏目正在建设", True),
    ("当前位置：机构职能 栏目建设中", True),
    ("当前位置：机构职能 青岚区人民政府负责……", False),
])
def test_words_that_say_a_one_page_column_is_empty(tmp_path, text, blank):
    mini = Mini(tmp_path)
    col = mini.column("法定主动公开内容 > 机构职能", item_count=0)
    mini.add("pages", url=col["url"], kind="page", site="disclosure", text=text)
    assert [r["column_path"] for r in rows(mini, "FRESH-003")] == ([col["path"]] if blank else [])


def test_a_blank_column_not_seen_whole_is_a_gap_row(tmp_path):
    mini = Mini(tmp_path)
    col = mini.column("法定主动公开内容 > 财政预算", complete=False, reason="第1页未能读取", item_count=0)
    out = mini.audit("FRESH-003")
    assert rows(mini, "FRESH-003") == [
        {"rule": "FRESH-003", "said": "抓取不完整，需人工核查：栏目“法定主动公开内容 > 财政预算”列表（第1页未能读取），"
                                      "无法判定是否存在“栏目无内容”问题",
         "url": col["url"], "column_path": col["path"], "index_no": None, "severity": "advisory",
         "evidence": {"place": "栏目“法定主动公开内容 > 财政预算”列表", "reason": "第1页未能读取"}, "gap": 1}]
    assert out[0]["fingerprint"] == fingerprint("FRESH-003", "u", col["url"], col["path"], None, "gap:")


def test_a_known_creation_day_without_a_publication_day_is_not_judged_late(tmp_path):
    mini = Mini(tmp_path, as_of=date(2019, 12, 31))
    mini.item(created="2019-01-02", published=None)
    late = mini.item(created="2019-09-02", published="2019-10-08")            # 21 working days
    assert [r["url"] for r in rows(mini, "FRESH-004")] == [late["url"]]


def test_published_on_the_as_of_day_is_judged(tmp_path):
    mini = Mini(tmp_path, as_of=date(2019, 10, 8))
    late = mini.item(created="2019-09-02", published="2019-10-08")            # 21 working days
    assert [r["url"] for r in rows(mini, "FRESH-004")] == [late["url"]]


def test_an_item_published_in_time_does_not_stop_the_check(tmp_path):
    mini = Mini(tmp_path, as_of=date(2019, 12, 31))
    mini.item(created="2019-09-02", published="2019-09-05")                   # 3 days: the cheap skip
    late = mini.item(created="2019-09-02", published="2019-10-08")
    assert [r["url"] for r in rows(mini, "FRESH-004")] == [late["url"]]


@pytest.mark.parametrize("created, published, law", [
    # 2019-04-12 → 2019-05-15: 22 working days (清明 04-05, 劳动节 05-01..04, 04-28 and 05-05 worked)
    ("2019-04-12", "2019-05-15", "《政府信息公开条例》（2019年修订）第二十六条"),
    ("2019-04-11", "2019-05-14", "《政府信息公开条例》（2007年）第十八条"),
])
def test_the_2019_regulation_applies_from_2019_05_15(tmp_path, created, published, law):
    mini = Mini(tmp_path)
    mini.item(created=created, published=published)
    (got,) = rows(mini, "FRESH-004")
    assert got["said"].endswith(f"（适用{law}）")
