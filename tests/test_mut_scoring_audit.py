"""What a rule reads of a unit (checks/audit.py): page texts, pages by kind and site, the home as read
after redirects, why a list is not proven complete, the links whose target was never read and why,
and the findings and coverage gaps a rule writes (message, evidence, fingerprint). Small real
snapshots (tests/minisnap.py), read through the real UnitData."""
from __future__ import annotations

import pytest

from checks.audit import UnitAudit, UnitData
from checks.findings import fingerprint
from checks.registry import Rule
from tests.minisnap import DISCLOSURE, PORTAL, Mini, _spec

NOT_RECORDED = "未记录该列表的抓取情况（列表页未能读取或未被识别为列表）"
# a hand-made rule: its title, requirement and source are what every message of it ends with
RULE = Rule("TEST-001", "测试问题", "minor", "4.(1)", "P2015 链接可用性", "站内链接应能正常打开")
SUFFIX = "。要求：站内链接应能正常打开（依据：全国政府网站普查评分表（国办发〔2015〕15号） 链接可用性）"


def data_of(m: Mini) -> UnitData:
    m.snap.flush()
    return UnitData(m.snap, next(m.snap.rows("units")), _spec(m.type), m.as_of)


def audit_of(m: Mini, params=None) -> UnitAudit:
    return UnitAudit(data_of(m), RULE, params or {})


# ---- the unit ---------------------------------------------------------------------------------

def test_unit_data_names_the_unit_and_keeps_its_profile(tmp_path):
    m = Mini(tmp_path)
    profile = {"overrides": {"scope": r"^http://xxgk\.example\.gov\.cn/"}, "file": "qinglan.yaml"}
    m.snap.upsert_unit({"id": "u", "profile": profile})
    data = data_of(m)
    assert (data.id, data.name, data.type.id, data.as_of) == ("u", "云溪市青岚区人民政府", "county", m.as_of)
    assert data.profile == profile
    m.snap.upsert_unit({"id": "u", "name": None, "profile": None})
    data = data_of(m)
    assert (data.name, data.profile) == ("", {})


# ---- pages --------------------------------------------------------------------------------------

def test_page_text_of_a_stored_page_an_empty_one_and_a_missing_one(tmp_path):
    m = Mini(tmp_path)
    m.add("pages", url="http://xxgk.example.gov.cn/zhinan/", kind="page", site="disclosure", text="公开指南正文")
    m.add("pages", url="http://xxgk.example.gov.cn/blank/", kind="page", site="disclosure", text=None)
    data = data_of(m)
    assert data.page_text("http://xxgk.example.gov.cn/zhinan/") == "公开指南正文"
    assert data.page_text("http://xxgk.example.gov.cn/blank/") == ""       # a page without text
    assert data.page_text("http://xxgk.example.gov.cn/never/") == ""       # never stored
    assert data.page_text(None) == ""


def test_pages_by_kind_and_site_in_the_order_read(tmp_path):
    m = Mini(tmp_path)        # its first page: the disclosure home (kind home)
    for url, kind, site in [("http://xxgk.example.gov.cn/l.html", "list", "disclosure"),
                            ("http://portal.example.gov.cn/a.html", "item", "portal"),
                            ("http://xxgk.example.gov.cn/a.html", "item", "disclosure")]:
        m.add("pages", url=url, kind=kind, site=site, text="")
    m.snap.add("pages", {"unit": "v", "url": "http://other.example.gov.cn/", "kind": "item", "site": "portal"})
    data = data_of(m)
    def urls(rows):
        return [p["url"] for p in rows]
    # in the order read, not grouped by kind ("item" sorts before "list")
    assert urls(data.pages()) == [DISCLOSURE, "http://xxgk.example.gov.cn/l.html", "http://portal.example.gov.cn/a.html",
                                  "http://xxgk.example.gov.cn/a.html"]
    assert urls(data.pages("item")) == ["http://portal.example.gov.cn/a.html", "http://xxgk.example.gov.cn/a.html"]
    assert urls(data.pages(site="disclosure")) == [DISCLOSURE, "http://xxgk.example.gov.cn/l.html",
                                                   "http://xxgk.example.gov.cn/a.html"]
    assert urls(data.pages("item", "disclosure")) == ["http://xxgk.example.gov.cn/a.html"]


# ---- the home as read ---------------------------------------------------------------------------

@pytest.mark.parametrize("status, counted", [(200, True), (399, True), (400, False), (401, False),
                                             (None, False)])
def test_home_urls_add_where_a_redirected_home_was_read(tmp_path, status, counted):
    m = Mini(tmp_path)
    moved = PORTAL + "index.html"
    m.fetch(PORTAL, status, final_url=moved, error=None if status else "DNSLookupError: no such host")
    expected = {PORTAL, moved} if counted else {PORTAL}
    data = data_of(m)
    assert data.home_urls() == expected                  # the portal unless another role is asked for
    assert data.home_urls("portal") == expected
    assert data.home_urls("disclosure") == {DISCLOSURE}


def test_home_urls_without_a_final_address_or_without_a_fetch(tmp_path):
    m = Mini(tmp_path)
    m.fetch(PORTAL, 200, final_url=None)
    assert data_of(m).home_urls() == {PORTAL}
    never = "http://new.example.gov.cn/"
    m.snap.upsert_unit({"id": "u", "portal": never})     # a home never fetched is still the home
    assert data_of(m).home_urls() == {never}
    m.snap.upsert_unit({"id": "u", "portal": None})
    assert data_of(m).home_urls() == set()


# ---- completeness -------------------------------------------------------------------------------

def test_list_gap_says_why_a_list_is_not_proven_complete(tmp_path):
    m = Mini(tmp_path)
    m.seen("column", "工作动态")
    m.seen("column", "通知公告", complete=False, reason="页面显示共5页，只抓取到1页")
    m.add("lists", kind="column", key="财政资金", column_path="财政资金", complete=0, reason=None)
    m.add("lists", kind="portal", key="", complete=1, reason=None)
    data = data_of(m)
    assert data.list_gap("column", "工作动态") is None
    assert data.list_gap("column", "通知公告") == "页面显示共5页，只抓取到1页"
    assert data.list_gap("column", "财政资金") == "列表抓取不完整"          # incomplete, no reason recorded
    assert data.list_gap("column", "人事信息") == NOT_RECORDED
    assert data.list_gap("view", "工作动态") == NOT_RECORDED              # the kind is part of the key
    assert data.list_gap("portal", None) is None                          # no key: the list keyed ""


@pytest.mark.parametrize("status, cut", [
    ("timeout", "本单位抓取时间预算用尽，抓取提前结束"),
    ("budget", "本单位抓取页数预算用尽，抓取提前结束"),
    ("running", "本单位抓取未正常结束"),
    ("ok", None),
])
def test_crawl_cut_says_why_the_crawl_stopped_early(tmp_path, status, cut):
    m = Mini(tmp_path)
    m.snap.upsert_unit({"id": "u", "status": status})
    assert data_of(m).crawl_cut == cut


# ---- links whose target was never read ------------------------------------------------------------

LINKED = [
    # (target's last fetch: status, error, failure) → why it is unread; None: it was read (or is gone)
    ("not-fetched", None, "未抓取"),
    ("ok", (200, None, None), None),
    ("gone", (404, None, "site"), None),                  # the site's page is gone: LINK-001's, not ours
    ("refused-499", (499, None, "site"), None),
    ("error-500", (500, None, "site"), "返回HTTP 500"),
    ("error-503", (503, None, "site"), "返回HTTP 503"),
    ("refused", (None, "DownloadConnectionRefusedError: Connection was refused by other side: 111",
                 "site"), "无法连接（DownloadConnectionRefusedError）"),
    ("silent", (None, None, "site"), "无法连接（）"),
    ("budget", (None, "IgnoreRequest: page_budget: unit page budget spent", "crawler"),
     "抓取程序未能完成请求（IgnoreRequest）"),
    ("render", (200, None, "crawler"), "抓取程序未能完成请求（）"),
]


def linked_case(tmp_path):
    m = Mini(tmp_path)
    for name, outcome, _ in LINKED:
        url = f"http://xxgk.example.gov.cn/{name}.html"
        m.add("links", from_url=DISCLOSURE, to_url=url, anchor=f"链接{name}", kind="internal")
        if outcome:
            status, error, failure = outcome
            m.fetch(url, status, error=error, failure=failure)
    m.add("links", from_url=DISCLOSURE, to_url="http://www.gov.cn/", anchor="中国政府网", kind="external")
    m.add("links", from_url=DISCLOSURE, to_url="http://xxgk.example.gov.cn/img.html", anchor=None, kind="internal")
    return m


def test_unread_links_say_why_each_target_was_not_read(tmp_path):
    data = data_of(linked_case(tmp_path))
    got = {link["to_url"].rsplit("/", 1)[1]: link["why"] for link in data.unread_links}
    expected = {f"{name}.html": why for name, _, why in LINKED if why}
    assert got == {**expected, "img.html": "未抓取"}        # the external link is not the site's own
    (first, *_) = data.unread_links
    assert (first["anchor"], first["from_url"], first["kind"]) == ("链接not-fetched", DISCLOSURE, "internal")


def test_unread_entry_is_the_first_unread_link_whose_text_matches(tmp_path):
    data = data_of(linked_case(tmp_path))
    assert data.unread_entry(lambda text: "error" in text)["to_url"] == "http://xxgk.example.gov.cn/error-500.html"
    assert data.unread_entry(lambda text: text == "链接ok") is None          # read: not an unread entry
    seen = []
    assert data.unread_entry(lambda text: seen.append(text) or text == "") is not None
    assert seen[-1] == ""                         # a link without text is matched as empty text


# ---- findings and coverage gaps -----------------------------------------------------------------

def test_a_finding_message_ends_with_the_rules_requirement_and_source(tmp_path):
    f = audit_of(Mini(tmp_path)).finding("首页链接“工作动态”无法打开", url=DISCLOSURE)
    assert f.message == "首页链接“工作动态”无法打开" + SUFFIX
    assert (f.rule, f.unit, f.severity, f.url, f.gap) == ("TEST-001", "u", "minor", DISCLOSURE, False)
    assert audit_of(Mini(tmp_path / "b")).finding("x", severity="major").severity == "major"


def test_a_finding_keeps_only_evidence_that_says_something(tmp_path):
    f = audit_of(Mini(tmp_path)).finding("x", a=None, b="", c=[], d={}, zero=0, word="XXXX", items=["u1"])
    assert f.evidence == {"zero": 0, "word": "XXXX", "items": ["u1"]}


def test_a_finding_records_each_fetch_once_in_order(tmp_path):
    audit = audit_of(Mini(tmp_path))
    assert audit.finding("x", fetch_ids=(7, None, 3, 7, 0)).evidence == {"fetch_ids": [3, 7]}
    assert audit.finding("x", fetch_ids=(None, 0)).evidence == {}


@pytest.mark.parametrize("length", [299, 300, 301])
def test_a_finding_excerpt_is_one_line_of_at_most_300_characters(tmp_path, length):
    audit = audit_of(Mini(tmp_path))
    assert audit.finding("x", excerpt="  第一行\n\t 第二行  ").evidence == {"excerpt": "第一行 第二行"}
    assert audit.finding("x", excerpt="字" * length).evidence == {"excerpt": "字" * min(length, 300)}
    assert audit.finding("x", excerpt="").evidence == {}


def test_a_finding_fingerprint_is_its_rule_unit_and_place(tmp_path):
    audit = audit_of(Mini(tmp_path))
    place = {"url": DISCLOSURE, "column_path": "法定主动公开内容 > 工作动态", "index_no": "003240560/2019-00001"}
    f = audit.finding("x", **place)
    # the stored fingerprint of earlier runs: the place alone when the rule adds no detail
    assert f.fingerprint == fingerprint("TEST-001", "u", DISCLOSURE, place["column_path"], place["index_no"])
    assert audit.finding("另一种说法", **place).fingerprint == f.fingerprint
    others = [audit.finding("x", **{**place, "column_path": "法定主动公开内容 > 通知公告"}),
              audit.finding("x", **{**place, "index_no": "003240560/2019-00002"}),
              audit.finding("x", **{**place, "url": PORTAL}),
              audit.finding("x", **place, detail="title")]
    assert len({f.fingerprint} | {o.fingerprint for o in others}) == 5


def test_a_coverage_gap_says_what_a_person_must_check(tmp_path):
    audit = audit_of(Mini(tmp_path))
    g = audit.gap("法定主动公开内容 > 通知公告", "第2页未能读取", url="http://xxgk.example.gov.cn/col/1.html",
                  column_path="法定主动公开内容 > 通知公告", detail="column", items=["a", "b"])
    assert g.message == ("抓取不完整，需人工核查：法定主动公开内容 > 通知公告（第2页未能读取），"
                         "无法判定是否存在“测试问题”问题" + SUFFIX)
    assert (g.severity, g.gap, g.url, g.column_path) == ("advisory", True, "http://xxgk.example.gov.cn/col/1.html",
                                                           "法定主动公开内容 > 通知公告")
    assert g.evidence == {"items": ["a", "b"], "place": "法定主动公开内容 > 通知公告", "reason": "第2页未能读取"}
    assert g.fingerprint == fingerprint("TEST-001", "u", "http://xxgk.example.gov.cn/col/1.html",
                                        "法定主动公开内容 > 通知公告", None, "gap:column")
    # a gap is never the finding of the same place: its fingerprint differs
    plain = audit.finding("x", url="http://xxgk.example.gov.cn/col/1.html", column_path="法定主动公开内容 > 通知公告")
    undetailed = audit.gap("p", "r", url=plain.url, column_path=plain.column_path)
    assert undetailed.fingerprint == fingerprint("TEST-001", "u", plain.url, plain.column_path, None, "gap:")
    assert undetailed.fingerprint != plain.fingerprint


def test_a_site_gap_names_the_disclosure_site_that_could_not_be_read(tmp_path):
    g = audit_of(Mini(tmp_path)).site_gap()
    assert g.message == ("抓取不完整，需人工核查：政府信息公开网（首页未能读取，网站内容无法检查），"
                         "无法判定是否存在“测试问题”问题" + SUFFIX)
    assert (g.severity, g.gap, g.url, g.column_path) == ("advisory", True, DISCLOSURE, None)
    assert g.evidence == {"place": "政府信息公开网", "reason": "首页未能读取，网站内容无法检查"}
    assert g.fingerprint == fingerprint("TEST-001", "u", DISCLOSURE, None, None, "gap:site")


def test_a_rule_reads_the_units_data_and_its_own_parameters(tmp_path):
    m = Mini(tmp_path)
    m.add("links", from_url=DISCLOSURE, to_url=PORTAL, anchor="首页", kind="internal")
    audit = audit_of(m, {"days": 14})
    assert audit.param("days") == 14
    assert [link["to_url"] for link in audit.links] == [PORTAL]       # read through to UnitData
    assert audit.as_of == m.as_of and audit.unit["disclosure"] == DISCLOSURE
    with pytest.raises(KeyError):               # a parameter the rule never declared
        audit.param("months")
    with pytest.raises(AttributeError):         # a misspelt table fails loudly, never reads as empty
        _ = audit.link
