"""Exact finding rows of the link rules (LINK-001…004) on hand-made snapshots (tests/minisnap.py)."""
from __future__ import annotations

from dataclasses import replace

from checks.audit import UnitData
from checks.engine import audit_unit
from checks.findings import fingerprint
from checks.registry import all_rules
from tests.minisnap import DISCLOSURE, PORTAL, Mini, _spec
from tests.test_mut_rules_b import rows


def test_broken_link_rows(tmp_path):
    mini = Mini(tmp_path)
    gone = "http://xxgk.example.gov.cn/gone.html"
    down = "http://xxgk.example.gov.cn/down.html"
    f1 = mini.fetch(gone, 404)
    f2 = mini.fetch(down, None, error="ConnectionRefusedError: refused")
    mini.fetch("http://xxgk.example.gov.cn/ok.html", 200)
    mini.add("links", from_url=DISCLOSURE, to_url=gone, anchor=None, kind="attachment")   # another kind first
    mini.add("links", from_url=DISCLOSURE, to_url="http://xxgk.example.gov.cn/ok.html", anchor="好", kind="internal")
    mini.add("links", from_url=DISCLOSURE, to_url=gone, anchor=None, kind="internal")
    mini.add("links", from_url=PORTAL, to_url=gone, anchor="旧页", kind="internal")          # the same target again
    mini.add("links", from_url=PORTAL, to_url=down, anchor="下载页", kind="internal")
    got = sorted(rows(mini, "LINK-001"), key=lambda r: r["url"])
    assert got == [
        {"rule": "LINK-001", "said": f"内部链接“下载页”无法连接（ConnectionRefusedError）（所在页面：{PORTAL}）", "url": down,
         "column_path": None, "index_no": None, "severity": "minor",
         "evidence": {"fetch_ids": [f2], "from_url": PORTAL, "anchor": "下载页"}, "gap": 0},
        {"rule": "LINK-001", "said": f"内部链接“{gone}”返回HTTP 404（所在页面：{DISCLOSURE}）", "url": gone,
         "column_path": None, "index_no": None, "severity": "minor",
         "evidence": {"fetch_ids": [f1], "from_url": DISCLOSURE}, "gap": 0},
    ]


def test_a_connection_failure_without_an_error_text(tmp_path):
    mini = Mini(tmp_path)
    url = "http://xxgk.example.gov.cn/a.pdf"
    mini.fetch(url, None, error=None)
    mini.add("links", from_url=DISCLOSURE, to_url=url, anchor="附件", kind="attachment")
    assert [r["said"] for r in rows(mini, "LINK-002")] == [f"附件“附件”无法连接（连接失败）（所在页面：{DISCLOSURE}）"]


def test_our_own_failure_is_no_broken_link(tmp_path):
    mini = Mini(tmp_path)
    url = "http://other.example.com/a.html"
    mini.fetch(url, None, error="IgnoreRequest: dropped", failure="crawler")
    mini.add("links", from_url=DISCLOSURE, to_url=url, anchor="外链", kind="external")
    assert rows(mini, "LINK-003") == []


def test_soft_404_row_is_reported_once_per_site(tmp_path):
    mini = Mini(tmp_path)
    mini.fetch("http://elsewhere.example.com/zwgk-404-probe-1.html", 200, purpose="soft404")   # another host
    mini.fetch("http://portal.example.gov.cn/zwgk-404-probe-0.html", 404, purpose="soft404")
    f1 = mini.fetch("http://portal.example.gov.cn/zwgk-404-probe-1.html", 200, purpose="soft404")
    mini.fetch("http://portal.example.gov.cn/zwgk-404-probe-2.html", 200, purpose="soft404")
    mini.fetch("http://portal.example.gov.cn/other.html", 200)
    assert rows(mini, "LINK-004") == [
        {"rule": "LINK-004", "said": "门户网站对不存在的页面（http://portal.example.gov.cn/zwgk-404-probe-1.html）返回HTTP 200",
         "url": PORTAL, "column_path": None, "index_no": None, "severity": "minor",
         "evidence": {"fetch_ids": [f1], "probe_url": "http://portal.example.gov.cn/zwgk-404-probe-1.html"}, "gap": 0}]


def test_soft_404_on_the_disclosure_site(tmp_path):
    mini = Mini(tmp_path)
    mini.fetch("http://xxgk.example.gov.cn/zwgk-404-probe-1.html", 200, purpose="soft404")
    got = rows(mini, "LINK-004")
    assert [(r["said"], r["url"]) for r in got] == [
        ("政府信息公开网对不存在的页面（http://xxgk.example.gov.cn/zwgk-404-probe-1.html）返回HTTP 200", DISCLOSURE)]


def test_site_unavailable_row(tmp_path):
    mini = Mini(tmp_path)                           # one good crawl visit of each home
    for at in ("2019-09-20T08:00", "2019-09-21T08:00"):
        mini.add("probes", url=PORTAL, kind="portal", at=at, status=503, ok=0, error="HTTP 503")
    fid = mini.fetch(PORTAL, None, error="TimeoutError: no answer")
    assert rows(mini, "AVAIL-001") == [
        {"rule": "AVAIL-001", "said": "门户网站首页4次访问中3次失败（如：HTTP 503），失败率75%", "url": PORTAL,
         "column_path": None, "index_no": None, "severity": "veto",
         "evidence": {"fetch_ids": [fid],
                      "probes": [{"at": "2019-09-20T08:00", "status": 503, "error": "HTTP 503"},
                                 {"at": "2019-09-21T08:00", "status": 503, "error": "HTTP 503"}]}, "gap": 0}]


def test_site_unavailable_says_why_without_a_status(tmp_path):
    mini = Mini(tmp_path)
    mini.fetch(DISCLOSURE, None, error="TimeoutError: no answer")
    mini.fetch(DISCLOSURE, None, error=None)
    assert [(r["said"], r["url"]) for r in rows(mini, "AVAIL-001")] == [
        ("政府信息公开网首页3次访问中2次失败（如：TimeoutError），失败率67%", DISCLOSURE)]
    m2 = Mini(tmp_path / "b")
    m2.fetch(DISCLOSURE, None, error=None)
    m2.fetch(DISCLOSURE, None, error="TimeoutError: no answer")
    assert [r["said"] for r in rows(m2, "AVAIL-001")] == ["政府信息公开网首页3次访问中2次失败（如：无响应），失败率67%"]


# ---- external links, a unit without a portal, soft 404 on both sites -----------------------------

def test_broken_external_link_row(tmp_path):
    mini = Mini(tmp_path)
    gone = "http://other.example.com/gone.html"
    fid = mini.fetch(gone, 410)
    mini.add("links", from_url=PORTAL, to_url=gone, anchor="友情链接", kind="external")
    assert rows(mini, "LINK-003") == [
        {"rule": "LINK-003", "said": f"外部链接“友情链接”返回HTTP 410（所在页面：{PORTAL}）", "url": gone,
         "column_path": None, "index_no": None, "severity": "minor",
         "evidence": {"fetch_ids": [fid], "from_url": PORTAL, "anchor": "友情链接"}, "gap": 0}]


def test_soft_404_without_a_portal(tmp_path):
    mini = Mini(tmp_path)
    mini.snap.upsert_unit({"id": "u", "portal": None})
    mini.fetch("http://xxgk.example.gov.cn/zwgk-404-probe-1.html", 200, purpose="soft404")
    assert [(r["said"], r["url"]) for r in rows(mini, "LINK-004")] == [
        ("政府信息公开网对不存在的页面（http://xxgk.example.gov.cn/zwgk-404-probe-1.html）返回HTTP 200", DISCLOSURE)]


def test_soft_404_on_both_sites_is_two_rows_told_apart_by_site(tmp_path):
    mini = Mini(tmp_path)
    f1 = mini.fetch("http://portal.example.gov.cn/zwgk-404-probe-1.html", 200, purpose="soft404")
    f2 = mini.fetch("http://xxgk.example.gov.cn/zwgk-404-probe-1.html", 200, purpose="soft404")
    out = mini.audit("LINK-004")
    assert [(r["url"], r["evidence"]["fetch_ids"], r["fingerprint"]) for r in out] == [
        (PORTAL, [f1], fingerprint("LINK-004", "u", PORTAL, None, None, "portal")),
        (DISCLOSURE, [f2], fingerprint("LINK-004", "u", DISCLOSURE, None, None, "disclosure"))]


def test_a_probe_is_failed_by_its_own_verdict_not_by_its_status(tmp_path):
    mini = Mini(tmp_path)
    for at in ("2019-09-20T08:00", "2019-09-21T08:00"):
        mini.add("probes", url=PORTAL, kind="portal", at=at, status=404, ok=0, error="HTTP 404")   # below 500
    for at in ("2019-09-22T08:00", "2019-09-23T08:00"):
        mini.add("probes", url=DISCLOSURE, kind="disclosure", at=at, status=503, ok=1, error=None)  # judged fine
    assert [r["said"] for r in rows(mini, "AVAIL-001")] == ["门户网站首页3次访问中2次失败（如：HTTP 404），失败率67%"]


def test_site_unavailable_without_a_portal(tmp_path):
    mini = Mini(tmp_path)
    mini.snap.upsert_unit({"id": "u", "portal": None})
    f1, f2 = mini.fetch(DISCLOSURE, 500), mini.fetch(DISCLOSURE, 502)
    out = mini.audit("AVAIL-001")
    assert rows(mini, "AVAIL-001") == [
        {"rule": "AVAIL-001", "said": "政府信息公开网首页3次访问中2次失败（如：HTTP 500），失败率67%", "url": DISCLOSURE,
         "column_path": None, "index_no": None, "severity": "veto", "evidence": {"fetch_ids": [f1, f2]}, "gap": 0}]
    assert out[0]["fingerprint"] == fingerprint("AVAIL-001", "u", DISCLOSURE, None, None, "disclosure")


def test_site_unavailable_shows_at_most_ten_failed_probes(tmp_path):
    mini = Mini(tmp_path)
    for n in range(11):
        mini.add("probes", url=PORTAL, kind="portal", at=f"2019-09-{n + 10}T08:00", status=503, ok=0, error="HTTP 503")
    (got,) = rows(mini, "AVAIL-001")
    assert got["said"] == "门户网站首页12次访问中11次失败（如：HTTP 503），失败率92%"
    assert [p["at"] for p in got["evidence"]["probes"]] == [f"2019-09-{n + 10}T08:00" for n in range(10)]


def test_only_the_last_try_of_a_request_is_a_visit(tmp_path):
    mini = Mini(tmp_path)                              # one good crawl visit of the home
    for _ in range(2):                                 # two requests that got through on their third try
        mini.fetch(PORTAL, 503, attempt=0)
        mini.fetch(PORTAL, 503, attempt=1)
        mini.fetch(PORTAL, 200, attempt=2)
    assert rows(mini, "AVAIL-001") == []


def test_a_visit_without_a_recorded_time_is_never_too_slow(tmp_path):
    # even at a limit of 0 ms (a unit type may set any): no elapsed time recorded is no time over it
    mini = Mini(tmp_path)
    mini.fetch(PORTAL, 200, elapsed_ms=None)
    mini.fetch(PORTAL, 200, elapsed_ms=1)
    mini.fetch(PORTAL, 200, elapsed_ms=1)
    mini.snap.flush()
    spec = replace(_spec(mini.type), rule_params={"AVAIL-001": {"timeout_ms": 0}})
    data = UnitData(mini.snap, next(mini.snap.rows("units")), spec, mini.as_of)
    errors: list[str] = []
    got = audit_unit(data, {"AVAIL-001": all_rules()["AVAIL-001"]}, errors)
    assert errors == [] and [r["message"].split("。要求：")[0] for r in got] == [
        "门户网站首页4次访问中2次失败（如：HTTP 200，0.001秒后才响应），失败率50%"]


def test_a_visit_answered_too_late_says_how_late(tmp_path):
    mini = Mini(tmp_path)
    mini.fetch(PORTAL, 200, elapsed_ms=15_001)
    mini.fetch(PORTAL, 200, elapsed_ms=20_000)
    assert [r["said"] for r in rows(mini, "AVAIL-001")] == [
        "门户网站首页3次访问中2次失败（如：HTTP 200，15.001秒后才响应），失败率67%"]


def test_file_and_ftp_links_are_broken_without_a_fetch(tmp_path):
    """Word-pasted pages link the editor's own disk (file:///C:/Users/…), old ones an FTP server; the
    crawler records them unfetched, so no fetch is cited. An http link never fetched is no finding."""
    mini = Mini(tmp_path)
    disk = "file:///C:/Users/Administrator/Desktop/附件1.xls"
    shouting = "FILE:///D:/公开/2019年报.doc"
    ftp = "ftp://ftp.qinglan.gov.cn/pub/办事指南.doc"
    mini.add("links", from_url=DISCLOSURE, to_url=disk, anchor="附件1", kind="attachment")
    mini.add("links", from_url=DISCLOSURE, to_url=shouting, anchor="", kind="attachment")
    mini.add("links", from_url=PORTAL, to_url=ftp, anchor="办事指南", kind="attachment")
    mini.add("links", from_url=PORTAL, to_url="http://xxgk.example.gov.cn/never.doc", anchor="未抓", kind="attachment")
    got = sorted(rows(mini, "LINK-002"), key=lambda r: r["url"])
    assert [(r["url"], r["said"], r["evidence"]) for r in got] == [
        (shouting, f"附件“{shouting}”指向编辑人员电脑上的本地文件（file:），公众无法打开（所在页面：{DISCLOSURE}）",
         {"from_url": DISCLOSURE}),
        (disk, f"附件“附件1”指向编辑人员电脑上的本地文件（file:），公众无法打开（所在页面：{DISCLOSURE}）",
         {"from_url": DISCLOSURE, "anchor": "附件1"}),
        (ftp, f"附件“办事指南”使用浏览器已不再支持的ftp:协议，公众无法直接打开（所在页面：{PORTAL}）",
         {"from_url": PORTAL, "anchor": "办事指南"}),
    ]
