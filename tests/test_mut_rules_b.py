"""Exact finding rows of the metadata and 政务新媒体 rules (META-001…003, MEDIA-001…004).

Each case is a hand-made snapshot (tests/minisnap.py) and asserts the whole row a unit reads: the
message, url, column_path, index_no, severity and evidence, so that a field dropped or swapped, a
`continue` turned into `break` (the first of two items is skipped) or a flipped condition fails.
"""
from __future__ import annotations

import pytest

from checks.findings import fingerprint
from checks.rules.media import identifies
from tests.minisnap import ORG, PORTAL, Mini

META1_REQ = "。要求：每条信息应标注索引号、发布机构、生成日期，规范性文件还应标注文号（依据：六政务公开办〔2017〕2号 3.(2)）"


def rows(mini: Mini, code: str) -> list[dict]:
    """Every row `code` yields (no rule error allowed), reduced to what a unit reads."""
    errors: list[str] = []
    out = mini.audit(code, errors=errors)
    assert errors == [], errors
    return [{"rule": r["rule"], "said": r["message"].split("。要求：")[0], "url": r["url"],
             "column_path": r["column_path"], "index_no": r["index_no"], "severity": r["severity"],
             "evidence": r["evidence"], "gap": r["gap"]} for r in out]


# ---- META-001 -----------------------------------------------------------------------------------------

def test_missing_metadata_rows(tmp_path):
    mini = Mini(tmp_path)
    fid = mini.fetch("http://xxgk.example.gov.cn/art/1.html", 200)
    a = mini.item(index_no="", publisher=" ", column_path="法定主动公开内容 > 规范性文件", doc_no=None, fetch_id=fid)
    mini.item()                                            # complete: nothing
    c = mini.item(created="", doc_no=None)                 # not a 规范性文件: no 文号 needed
    d = mini.item(column_path=None, created=None)          # no column at all
    mini.item(column_path="规范性文件", doc_no="青政〔2019〕1号")   # complete 规范性文件
    got = rows(mini, "META-001")
    assert got == [
        {"rule": "META-001", "said": f"“{a['title']}”缺少索引号、发布机构、文号", "url": a["url"],
         "column_path": "法定主动公开内容 > 规范性文件", "index_no": None, "severity": "minor",
         "evidence": {"fetch_ids": [fid]}, "gap": 0},
        {"rule": "META-001", "said": f"“{c['title']}”缺少生成日期", "url": c["url"],
         "column_path": c["column_path"], "index_no": c["index_no"], "severity": "minor", "evidence": {}, "gap": 0},
        {"rule": "META-001", "said": f"“{d['title']}”缺少生成日期", "url": d["url"],
         "column_path": None, "index_no": d["index_no"], "severity": "minor", "evidence": {}, "gap": 0},
    ]
    full = mini.audit("META-001")[1]["message"]
    assert full == f"“{c['title']}”缺少生成日期" + META1_REQ


# ---- META-002 -----------------------------------------------------------------------------------------

def test_malformed_index_number_rows(tmp_path):
    mini = Mini(tmp_path)
    mini.item(index_no="")                                  # META-001's business; the next is still checked
    mini.item(index_no="  ")
    b = mini.item(index_no=f"{ORG}/2019-9-1")
    c = mini.item(index_no="003240712/201909-00001")
    mini.item(index_no=f" {ORG.lower()}/201909-00002 ")     # case and spaces do not matter
    got = rows(mini, "META-002")
    assert got == [
        {"rule": "META-002", "said": f"“{b['title']}”的索引号“{ORG}/2019-9-1”格式不符合“机构代码/年月-序号”",
         "url": b["url"], "column_path": b["column_path"], "index_no": b["index_no"], "severity": "minor",
         "evidence": {}, "gap": 0},
        {"rule": "META-002", "said": f"“{c['title']}”的索引号“003240712/201909-00001”中的机构代码003240712不是本单位的（{ORG}）",
         "url": c["url"], "column_path": c["column_path"], "index_no": c["index_no"], "severity": "minor",
         "evidence": {}, "gap": 0},
    ]
    assert mini.audit("META-002")[0]["message"].endswith(
        "。要求：索引号应为“本单位组织机构代码（或统一社会信用代码）/年月-序号”，如003240560/201705-00239（依据：platform convention）")


def test_lowercase_org_code_is_compared_upper(tmp_path):
    mini = Mini(tmp_path, org_code="12341500mb1832650j")
    mini.item(index_no="12341500MB1832650J/201909-00001")
    assert rows(mini, "META-002") == []


def test_no_own_org_code_only_the_form_is_checked(tmp_path):
    mini = Mini(tmp_path, org_code="")
    mini.item(index_no="003240712/201909-00001")
    b = mini.item(index_no="003240712/201999-00001")
    assert [(r["url"], r["said"]) for r in rows(mini, "META-002")] == [
        (b["url"], f"“{b['title']}”的索引号“003240712/201999-00001”格式不符合“机构代码/年月-序号”")]


# ---- META-003 -----------------------------------------------------------------------------------------

def test_duplicate_index_number_rows(tmp_path):
    mini = Mini(tmp_path)
    fids = [mini.fetch(f"http://xxgk.example.gov.cn/art/{n}.html", 200) for n in range(1, 5)]
    same = f"{ORG}/201909-00007"
    its = [mini.item(index_no=same if n != 2 else f" {same} ", fetch_id=fids[n],
                     column_path=f"法定主动公开内容 > 栏目{n}") for n in range(4)]
    mini.item(index_no="")
    mini.item(index_no="")   # two empty numbers are no duplicate
    got = rows(mini, "META-003")
    titles = "”“".join(i["title"] for i in its[:3])
    assert got == [{"rule": "META-003", "said": f"索引号{same}同时用于4条不同信息：“{titles}”", "url": its[-1]["url"],
                    "column_path": "法定主动公开内容 > 栏目3", "index_no": same, "severity": "major",
                    "evidence": {"fetch_ids": sorted(fids), "urls": [i["url"] for i in its]}, "gap": 0}]
    assert mini.audit("META-003")[0]["message"].endswith(
        "。要求：索引号应唯一标识一条信息，不同信息不得使用同一索引号（依据：platform convention）")


# ---- MEDIA-001 ----------------------------------------------------------------------------------------

def test_no_media_entry_on_the_portal(tmp_path):
    mini = Mini(tmp_path)
    mini.add("links", from_url=PORTAL, to_url="http://x.example.gov.cn/a.html", anchor="新闻", kind="internal")
    got = rows(mini, "MEDIA-001")
    assert got == [{"rule": "MEDIA-001", "said": "门户网站没有政务微博、政务微信入口", "url": PORTAL, "column_path": None,
                    "index_no": None, "severity": "advisory", "evidence": {}, "gap": 0}]
    assert mini.audit("MEDIA-001")[0]["message"].endswith(
        "。要求：门户网站应设置本单位政务微博、微信等政务新媒体的入口（依据：六政务公开办〔2017〕2号 4.(4)）")


def test_a_media_link_is_an_entry(tmp_path):
    mini = Mini(tmp_path)
    mini.add("links", from_url=PORTAL, to_url="http://x.example.gov.cn/a.html", anchor="新闻", kind="internal")
    mini.add("links", from_url=PORTAL, to_url="http://weibo.example.com/u/1", anchor="政务微博", kind="media")
    assert rows(mini, "MEDIA-001") == []


@pytest.mark.parametrize("status", [404, None])
def test_unreadable_portal_is_a_gap(tmp_path, status):
    mini = Mini(tmp_path)
    mini.snap.flush()
    mini.snap.db.execute("DELETE FROM fetches WHERE url = ?", (PORTAL,))
    mini.fetch(PORTAL, status, error=None if status else "timeout")
    got = rows(mini, "MEDIA-001")
    assert [(r["said"], r["url"], r["severity"], r["gap"]) for r in got] == [
        ("抓取不完整，需人工核查：门户网站首页（首页未能读取），无法判定是否存在“门户网站无政务新媒体入口”问题", PORTAL, "advisory", 1)]


def test_township_has_no_own_portal(tmp_path):
    mini = Mini(tmp_path, unit_type="town")
    assert rows(mini, "MEDIA-001") == []


# ---- MEDIA-002 ----------------------------------------------------------------------------------------

def _acct(mini, url, **kw):
    row = dict(platform="weibo", name="青岚区发布", url=url, source="portal", status=200, readable=1,
               latest_post="2019-09-29", registered=1, anchor=None)
    row.update(kw)
    mini.add("media_accounts", **row)


def test_broken_media_entry_rows(tmp_path):
    mini = Mini(tmp_path)
    _acct(mini, "http://w/1", status=404, anchor="青岚微博")
    _acct(mini, "http://w/2", status=None)
    _acct(mini, "http://w/3", status=500, source="profile")   # not an entry on the portal
    _acct(mini, "http://w/4", status=200)
    got = rows(mini, "MEDIA-002")
    assert [(r["said"], r["url"], r["severity"]) for r in got] == [
        ("门户网站上的“青岚微博”入口返回HTTP 404", "http://w/1", "major"),
        ("门户网站上的“http://w/2”入口无法连接", "http://w/2", "major")]
    assert mini.audit("MEDIA-002")[0]["message"].endswith(
        "。要求：门户网站上的政务新媒体入口应能正常打开（依据：六政务公开办〔2017〕2号 4.(4)）")


# ---- MEDIA-003 ----------------------------------------------------------------------------------------

def test_stale_account_rows(tmp_path):
    mini = Mini(tmp_path)
    _acct(mini, "http://w/0", status=404, latest_post=None)            # broken: MEDIA-002's business
    _acct(mini, "http://w/1", readable=0, latest_post=None, platform="wechat", name="青岚微信")
    _acct(mini, "http://w/2", latest_post="2019-09-01", platform="douyin", name="青岚抖音")
    _acct(mini, "http://w/3", latest_post=None)
    _acct(mini, "http://w/4", latest_post="2019-09-16")
    got = rows(mini, "MEDIA-003")
    assert sorted((r["url"], r["said"], r["severity"]) for r in got) == [
        ("http://w/1", "政务微信“青岚微信”的页面无法读取发布记录（如只显示“请在客户端打开”），需人工核查是否14天内有更新", "advisory"),
        ("http://w/2", "douyin“青岚抖音”最近一条发布于2019-09-01，距检查日29天", "veto"),
        ("http://w/3", "政务微博“青岚区发布”没有任何发布", "veto")]
    full = sorted(r["message"] for r in mini.audit("MEDIA-003") if r["url"] == "http://w/3")
    assert full[0].endswith("。要求：政务新媒体应在检查日前14天内有更新；页面无法读取的需人工核查（依据：政府网站与政务新媒体检查指标（国办秘函〔2019〕19号））")


def test_unreadable_advisory_has_its_own_fingerprint(tmp_path):
    # the unreadable row is marked detail="manual": it must not collide with a stale finding's fingerprint
    mini = Mini(tmp_path)
    _acct(mini, "http://w/1", readable=0, latest_post=None)
    (manual,) = mini.audit("MEDIA-003")
    m2 = Mini(tmp_path / "b")
    _acct(m2, "http://w/1", latest_post=None)
    (stale,) = m2.audit("MEDIA-003")
    assert manual["fingerprint"] != stale["fingerprint"]
    # and it is the same next quarter: rule, unit, place and the mark "manual", nothing else
    assert manual["fingerprint"] == fingerprint("MEDIA-003", "u", "http://w/1", None, None, "manual")
    assert stale["fingerprint"] == fingerprint("MEDIA-003", "u", "http://w/1", None, None)


# ---- MEDIA-004 ----------------------------------------------------------------------------------------

def test_unregistered_account_rows(tmp_path):
    mini = Mini(tmp_path)
    _acct(mini, "http://w/0", status=None, registered=0, name="小帮手")      # broken: not judged
    _acct(mini, "http://w/1", registered=0, name="城市生活小帮手", platform="wechat")
    _acct(mini, "http://w/2", registered=0, name="青岚区发布")
    _acct(mini, "http://w/3", registered=1, name="城市生活", platform="toutiao")
    _acct(mini, "http://w/4", registered=1, name="青岚区发布")
    got = rows(mini, "MEDIA-004")
    assert [(r["said"], r["url"], r["severity"]) for r in got] == [
        ("政务微信“城市生活小帮手”未在本单位登记的政务新媒体中，且名称不能识别本单位（云溪市青岚区人民政府）", "http://w/1", "minor"),
        ("政务微博“青岚区发布”未在本单位登记的政务新媒体中", "http://w/2", "minor"),
        ("toutiao“城市生活”名称不能识别本单位（云溪市青岚区人民政府）", "http://w/3", "minor")]
    assert mini.audit("MEDIA-004")[0]["message"].endswith(
        "。要求：政务新媒体应向主管部门登记，名称应能识别开设单位（依据：国办发〔2018〕123号）")


@pytest.mark.parametrize("account, unit, identified", [
    ("云溪发布", "云溪市青岚区人民政府", True),          # the unit name's very first character counts
    ("青岚区Weibo 2019", "云溪市青岚区人民政府", True),   # letters, digits and spaces are not distinctive
    ("青区青", "青岚区青岚镇人民政府", True),             # each character found after the previous one
    ("岚青区", "云溪市青岚区人民政府", False),
    ("", "云溪市青岚区人民政府", False),
    (None, "云溪市青岚区人民政府", False),
])
def test_identifies(account, unit, identified):
    assert identifies(account, unit) is identified


def test_no_portal_no_media_entry_finding(tmp_path):
    mini = Mini(tmp_path)
    unit = dict(next(mini.snap.rows("units")))
    mini.snap.upsert_unit({**unit, "portal": None})
    assert rows(mini, "MEDIA-001") == []
