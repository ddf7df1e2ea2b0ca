"""More exact rows of the link rules (LINK-003, LINK-004): the external-link message, a unit without
a portal, and both sites answering 200 for missing pages (tests/minisnap.py snapshots)."""
from __future__ import annotations

from checks.findings import fingerprint
from tests.minisnap import DISCLOSURE, PORTAL, Mini
from tests.test_mut_rules_b import rows


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
