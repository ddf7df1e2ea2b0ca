"""Absence needs proof: a rule that says something is missing, not listed, not synced or stale fires
only where the snapshot proves the place was seen whole; otherwise it records a coverage gap that
deducts nothing, and its indicator is 未能检测. The crawler's own failures are never the site's."""
from __future__ import annotations

from checks.registry import all_rules
from checks.scoring import score_unit
from site_profiles import load_unit_types
from site_profiles.rubric import audit_spec, load_rubric
from tests.minisnap import DISCLOSURE, PORTAL, Mini

VIEW = "主题分类/综合政务"


def view_case(tmp_path, complete: bool):
    m = Mini(tmp_path)
    listed, missing = m.item(topic="综合政务"), m.item(topic="综合政务")
    m.add("listings", url=listed["url"], title=listed["title"], source="view", view=VIEW)
    m.seen("view", VIEW, complete, reason="1个分页未能读取（http://xxgk.example.gov.cn/view?page=2：HTTP 500）")
    return m, missing


def test_an_item_missing_from_a_complete_view_is_a_finding(tmp_path):
    m, missing = view_case(tmp_path, complete=True)
    assert [f["url"] for f in m.findings("CONS-001")] == [missing["url"]]
    assert m.gaps("CONS-001") == []


def test_an_item_missing_from_an_incomplete_view_is_a_coverage_gap(tmp_path):
    m, missing = view_case(tmp_path, complete=False)
    assert m.findings("CONS-001") == []
    (gap,) = m.gaps("CONS-001")
    assert gap["severity"] == "advisory" and "抓取不完整，需人工核查" in gap["message"]
    assert VIEW in gap["message"] and "HTTP 500" in gap["message"]
    assert gap["evidence"]["items"] == [missing["url"]]


def test_a_view_never_recorded_proves_nothing(tmp_path):
    m = Mini(tmp_path)
    listed, _ = m.item(topic="综合政务"), m.item(topic="综合政务")
    m.add("listings", url=listed["url"], title=listed["title"], source="view", view=VIEW)   # no lists row
    assert m.findings("CONS-001") == [] and len(m.gaps("CONS-001")) == 1


def test_stale_and_blank_columns_need_their_list_seen_whole(tmp_path):
    m = Mini(tmp_path)
    m.column("法定主动公开内容 > 工作动态", item_count=5, newest_date="2019-08-01", complete=False)
    m.column("法定主动公开内容 > 财政资金", item_count=0, complete=False)
    assert m.findings("FRESH-002", "FRESH-003") == []
    assert {g["rule"] for g in m.gaps("FRESH-002", "FRESH-003")} == {"FRESH-002", "FRESH-003"}
    m2 = Mini(tmp_path / "whole")
    m2.column("法定主动公开内容 > 工作动态", item_count=5, newest_date="2019-08-01")
    m2.column("法定主动公开内容 > 财政资金", item_count=0)
    assert {f["rule"] for f in m2.findings("FRESH-002", "FRESH-003")} == {"FRESH-002", "FRESH-003"}
    assert m2.gaps("FRESH-002", "FRESH-003") == []


def test_sync_needs_every_portal_list_seen_whole(tmp_path):
    m = Mini(tmp_path)
    m.item(column_path="法定主动公开内容 > 政策文件", title="关于印发乙办法的通知")
    m.add("listings", url="http://portal.example.gov.cn/zcwj/1.html", title="关于印发甲办法的通知",
          source="portal", column_path="政策文件")
    m.seen("portal", "政策文件", complete=False, reason="页面显示共5页，只抓取到1页")
    assert m.findings("SYNC-001") == []
    (gap,) = m.gaps("SYNC-001")
    assert "共5页" in gap["message"]


def test_a_fixed_entry_linked_to_a_page_that_was_not_read_is_a_gap(tmp_path):
    m = Mini(tmp_path)
    guide = "http://xxgk.example.gov.cn/zhinan/"
    m.add("links", from_url=DISCLOSURE, to_url=guide, anchor="政府信息公开指南", kind="internal")
    m.fetch(guide, 502)
    assert "信息公开指南" not in {f["column_path"] for f in m.findings("CAT-003")}
    assert m.findings("GUIDE-001") == [] and len(m.gaps("GUIDE-001")) == 1
    assert {g["column_path"] for g in m.gaps("CAT-003")} == {"信息公开指南"}
    # the same link answered 404: the page is gone, the entry is missing (and LINK-001 says why)
    m2 = Mini(tmp_path / "gone")
    m2.add("links", from_url=DISCLOSURE, to_url=guide, anchor="政府信息公开指南", kind="internal")
    m2.fetch(guide, 404)
    assert len(m2.findings("GUIDE-001")) == 1 and m2.gaps("GUIDE-001") == []


def test_a_crawl_cut_short_proves_no_column_missing(tmp_path):
    m = Mini(tmp_path)
    m.snap.upsert_unit({"id": "u", "status": "budget"})
    assert m.findings("CAT-001", "CAT-003", "GUIDE-001", "APPLY-001") == []
    assert {g["rule"] for g in m.gaps("CAT-001", "CAT-003", "GUIDE-001", "APPLY-001")} == \
        {"CAT-001", "CAT-003", "GUIDE-001", "APPLY-001"}


def test_a_search_the_site_never_answered_is_a_gap(tmp_path):
    m = Mini(tmp_path)
    answered, unanswered = m.item(), m.item()
    m.add("search_probes", item_url=answered["url"], by="title", query=answered["title"], status=200, results=[],
          found=0, search_url="http://xxgk.example.gov.cn/s?q=1")
    m.add("search_probes", item_url=unanswered["url"], by="title", query=unanswered["title"], status=None,
          results=[], found=0, error="DownloadTimeoutError: took longer than 30 s", search_url="http://xxgk.example.gov.cn/s?q=2")
    assert [f["url"] for f in m.findings("SRCH-002")] == [answered["url"]]
    (gap,) = m.gaps("SRCH-002")
    assert gap["evidence"]["items"] == [unanswered["url"]]


def test_a_search_only_the_crawler_failed_is_not_a_broken_search(tmp_path):
    m = Mini(tmp_path)
    url = "http://xxgk.example.gov.cn/s?q="
    m.fetch(url, None, purpose="search_entry", error="IgnoreRequest: page_budget", failure="crawler")
    assert m.findings("SRCH-001") == [] and len(m.gaps("SRCH-001")) == 1
    m2 = Mini(tmp_path / "site")
    m2.fetch(url, None, purpose="search_entry", error="DownloadConnectionRefusedError: refused", failure="site")
    assert len(m2.findings("SRCH-001")) == 1


def test_links_are_broken_only_on_the_sites_answer(tmp_path):
    m = Mini(tmp_path)
    for n, (status, error, failure) in enumerate([
            (404, None, "site"), (None, "DownloadConnectionRefusedError: refused", "site"),
            (None, "IgnoreRequest: page_budget: unit page budget spent", "crawler"),
            (None, "Error: Browser closed", "crawler")]):
        url = f"http://xxgk.example.gov.cn/p{n}.html"
        m.add("links", from_url=DISCLOSURE, to_url=url, anchor=f"链接{n}", kind="internal")
        m.fetch(url, status, error=error, failure=failure)
    assert sorted(f["url"][-7:] for f in m.findings("LINK-001")) == ["p0.html", "p1.html"]


def test_one_failed_visit_is_not_a_veto_two_are(tmp_path):
    m = Mini(tmp_path)
    for n in range(5):
        m.add("probes", url=PORTAL, kind="portal", at=f"t{n}", status=200, ok=1)
    m.add("probes", url=PORTAL, kind="portal", at="t5", status=503, ok=0)
    assert m.findings("AVAIL-001") == []                     # 1 of 7 visits: a transient 503
    m.add("probes", url=PORTAL, kind="portal", at="t6", status=503, ok=0)
    (f,) = m.findings("AVAIL-001")                           # 2 of 8 ≥ 5% and ≥ 2
    assert f["severity"] == "veto"


def test_a_503_that_a_retry_got_past_is_one_good_visit(tmp_path):
    m = Mini(tmp_path)
    for n in range(3):
        m.fetch(PORTAL, 503, attempt=n)        # three tries of one request, all 503: one failed visit
    m.add("probes", url=PORTAL, kind="portal", at="t0", status=503, ok=0)
    assert len(m.findings("AVAIL-001")) == 1
    m2 = Mini(tmp_path / "retried")
    m2.fetch(PORTAL, 503, attempt=0)
    m2.fetch(PORTAL, 200, attempt=1)           # the retry answered
    m2.add("probes", url=PORTAL, kind="portal", at="t0", status=503, ok=0)
    assert m2.findings("AVAIL-001") == []


def scores(m, findings, unreadable=None, unchecked="zero"):
    rules = all_rules()
    rubric = load_rubric(known_rules=rules)
    from dataclasses import replace
    spec = audit_spec(load_unit_types()["county"], replace(rubric, unchecked=unchecked), known_rules=rules)
    return {s["indicator"]: s for s in score_unit("u", findings, spec, rules, unreadable=unreadable)}


def test_an_indicator_with_a_gap_is_unchecked_and_never_full_marks(tmp_path):
    m, _ = view_case(tmp_path, complete=False)
    rows = m.audit("CONS-001")
    got = scores(m, rows)
    assert got["4.(3)"]["status"] == "unchecked" and got["4.(3)"]["score"] == 0
    assert "CONS-001" in got["4.(3)"]["detail"]["unchecked"]
    assert got["4.(2)"]["status"] == "checked" and got["4.(2)"]["score"] == got["4.(2)"]["max"]
    excluded = scores(m, rows, unchecked="exclude")["4.(3)"]
    assert (excluded["score"], excluded["max"], excluded["status"]) == (0, 0, "unchecked")


def test_a_unit_whose_sites_cannot_be_read_scores_nothing_it_was_not_checked_for(tmp_path):
    m = Mini(tmp_path)
    avail = {"rule": "AVAIL-001", "severity": "veto", "indicator": "4.(1)", "gap": 0}
    got = scores(m, [avail], unreadable="网站无法访问")
    assert got["4.(1)"]["status"] == "checked" and got["4.(1)"]["score"] == 0      # the veto was seen
    others = [s for k, s in got.items() if k != "4.(1)"]
    assert others and all(s["status"] == "unchecked" and s["score"] == 0 for s in others)
    assert sum(s["score"] for s in got.values()) == 0


def test_a_refused_postback_does_not_make_its_list_page_a_broken_link(tmp_path):
    m = Mini(tmp_path)
    page = "http://xxgk.example.gov.cn/List.aspx?ClassID=3"
    m.add("links", from_url=DISCLOSURE, to_url=page, anchor="工作动态", kind="internal")
    m.fetch(page, 200, method="GET")
    m.fetch(page, 500, method="POST")          # our postback for page 2, refused
    assert m.findings("LINK-001") == []
    m.fetch(page, 404, method="GET")           # the page itself gone
    assert len(m.findings("LINK-001")) == 1
