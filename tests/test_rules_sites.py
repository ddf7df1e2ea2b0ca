"""The rules over every site of a unit (`sites:` in its profile): availability, identity and homepage
freshness per site, each finding naming its site; and the unit's own published numbers."""
from __future__ import annotations

import pytest

from checks.findings import fingerprint
from tests.minisnap import PORTAL, Mini

MOBILE = "http://m.example.gov.cn/"
SERVICE = "http://zwfw.example.gov.cn/"
IDENTITY = "网站标识码3401000001 皖ICP备05001234号 皖公网安备34010002000001号"


def with_sites(tmp_path, **profile) -> Mini:
    m = Mini(tmp_path)
    m.snap.upsert_unit({"id": "u", "profile": {"sites": [{"role": "portal", "url": PORTAL},
                                                         {"role": "mobile", "url": MOBILE},
                                                         {"role": "service", "url": SERVICE}], **profile}})
    m.add("pages", url=PORTAL, kind="home", site="portal", text="门户 " + IDENTITY)
    m.add("listings", url=PORTAL + "a/1.html", title="本周工作动态", date="2019-09-28", source="home",
          source_url=PORTAL)
    return m


def probes(m: Mini, url: str, ok: list[bool]) -> None:
    for n, good in enumerate(ok):
        m.add("probes", url=url, kind="mobile", at=f"2019-09-30T00:0{n}:00+00:00", status=200 if good else None,
              elapsed_ms=300, ok=int(good), error=None if good else "TimeoutError: 超时")


@pytest.mark.parametrize("failures, flagged", [(1, False), (2, True), (3, True)])
def test_availability_of_the_mobile_site_only(tmp_path, failures, flagged):
    m = with_sites(tmp_path)
    for url in (PORTAL, SERVICE):
        probes(m, url, [True] * 5)
    probes(m, MOBILE, [False] * failures + [True] * (5 - failures))
    found = m.findings("AVAIL-001")
    assert [(f["url"], f["message"].split("。要求")[0]) for f in found] == (
        [(MOBILE, f"手机版网站首页5次访问中{failures}次失败（如：TimeoutError），失败率{failures / 5:.0%}")]
        if flagged else [])


def test_identity_of_each_sites_home(tmp_path):
    m = with_sites(tmp_path)
    m.add("pages", url=MOBILE, kind="home", site="mobile", text="青岚区手机版 网站标识码3401000001")
    m.add("pages", url=SERVICE, kind="home", site="service", text="政务服务 " + IDENTITY)
    found = {f["url"]: f["message"].split("。要求")[0] for f in m.findings("IDENT-001")}
    assert found == {MOBILE: "手机版网站首页页脚缺少ICP备案编号、公安机关备案号"}


def test_identity_findings_keep_the_portals_fingerprint_and_name_each_other_site(tmp_path):
    """The portal's finding keeps the fingerprint it had before units registered other sites (the
    history of past runs matches on it); another site's names its role."""
    m = Mini(tmp_path)
    m.snap.upsert_unit({"id": "u", "profile": {"sites": [{"role": "mobile", "url": MOBILE},
                                                         {"role": "service", "url": SERVICE}]}})
    m.add("pages", url=PORTAL, kind="home", site="portal", text="门户首页 主办：青岚区人民政府")
    m.add("pages", url=MOBILE, kind="home", site="mobile", text="青岚区手机版")
    m.add("pages", url=SERVICE, kind="home", site="service", text="政务服务 " + IDENTITY)
    found = sorted((f["url"], f["fingerprint"]) for f in m.findings("IDENT-001"))
    assert found == [(MOBILE, fingerprint("IDENT-001", "u", MOBILE, None, None, "mobile")),
                     (PORTAL, fingerprint("IDENT-001", "u", PORTAL, None, None, ""))]


@pytest.mark.parametrize("newest, stale", [("2019-09-16", False), ("2019-09-15", True)])
def test_freshness_of_a_sites_home_with_lists(tmp_path, newest, stale):
    m = with_sites(tmp_path)
    m.add("listings", url=MOBILE + "n/1.html", title="手机版要闻", date=newest, source="home", source_url=MOBILE)
    m.add("listings", url=MOBILE + "n/0.html", title="手机版旧闻", date="2019-08-01", source="home",
          source_url=MOBILE)
    found = [(f["url"], f["message"].split("。要求")[0]) for f in m.findings("FRESH-001")]
    assert found == ([(MOBILE, f"手机版网站首页14天内无更新：首页最新信息日期为{newest}，距检查日15天")]
                     if stale else [])


def test_a_sites_home_without_lists_is_not_judged_stale(tmp_path):
    m = with_sites(tmp_path)
    m.add("pages", url=SERVICE, kind="home", site="service", text="政务服务 " + IDENTITY)
    assert m.findings("FRESH-001") == []


PHONES = "联系人：张三 13805641234，李四 13905642345，王五 13705643456"


@pytest.mark.parametrize("published, flagged", [([], 3), (["13805641234"], 2), (["13805641234", "13905642345"], 0)])
def test_numbers_the_unit_publishes_itself_are_not_personal(tmp_path, published, flagged):
    m = with_sites(tmp_path, published_contacts=published)
    m.item(body=PHONES)
    found = m.findings("PRIV-002")
    assert len(found) == (1 if flagged >= 3 else 0)
    if found:
        assert f"列出{flagged}个未脱敏的手机号码" in found[0]["message"]


def paired(tmp_path, complete: bool | None = True) -> tuple[Mini, dict, dict]:
    m = Mini(tmp_path)
    m.snap.upsert_unit({"id": "u", "profile": {"sync": [{"portal": "政务公开 > 规范性文件",
                                                         "disclosure": "政策文件 > 规范性文件"}]}})
    on = m.item(column_path="法定主动公开内容 > 政策文件 > 规范性文件", title="关于印发甲办法的通知")
    off = m.item(column_path="法定主动公开内容 > 政策文件 > 规范性文件", title="关于印发乙办法的通知")
    m.item(column_path="法定主动公开内容 > 通知公告", title="关于召开会议的通知")   # not a paired column
    # the portal shows 乙 only in an unpaired column: it does not count for the pair
    m.add("listings", url=PORTAL + "gfxwj/1.html", title="关于印发甲办法的通知", source="portal",
          column_path="政务公开 > 规范性文件")
    m.add("listings", url=PORTAL + "xw/1.html", title="关于印发乙办法的通知", source="portal", column_path="新闻中心")
    if complete is not None:
        m.seen("portal", "政务公开 > 规范性文件", complete=complete)
    return m, on, off


def test_sync_pairs_compare_each_disclosure_column_with_its_portal_column(tmp_path):
    m, _, off = paired(tmp_path)
    found = [(f["url"], f["message"].split("。要求")[0]) for f in m.findings("SYNC-001")]
    assert found == [(off["url"], "“关于印发乙办法的通知”在政府信息公开网“政策文件 > 规范性文件”发布，"
                                  "门户网站“政务公开 > 规范性文件”未同步")]


@pytest.mark.parametrize("complete, why", [(False, "第2页未能读取"), (None, "门户网站上未找到该栏目的列表")])
def test_sync_pairs_need_the_portal_column_seen_whole(tmp_path, complete, why):
    m, _, _ = paired(tmp_path, complete)
    assert m.findings("SYNC-001") == []
    gaps = m.gaps("SYNC-001")
    assert len(gaps) == 1 and why in gaps[0]["message"] and "2条“政策文件 > 规范性文件”信息" in gaps[0]["message"]


def test_sync_pairs_are_each_judged_gaps_named_per_pair_and_truncated_portal_titles_match(tmp_path):
    """Four pairs: one whose disclosure column is empty, one whose portal column was never found,
    one whose portal column was not seen whole, one compared. Each pair is judged on its own (a
    skipped or unproven pair does not end the rule), an unrelated portal list left unread does not
    stop the comparison, and a portal title cut short with … matches the item it begins."""
    m = Mini(tmp_path)
    m.snap.upsert_unit({"id": "u", "profile": {"sync": [
        {"portal": "政务公开 > 人事信息", "disclosure": "人事信息 > 任免"},
        {"portal": "政务公开 > 通知公告", "disclosure": "通知公告"},
        {"portal": "政务公开 > 政策解读", "disclosure": "政策解读"},
        {"portal": "政务公开 > 规范性文件", "disclosure": "政策文件 > 规范性文件"}]}})
    m.item(column_path="法定主动公开内容 > 通知公告", title="关于召开会议的通知")
    m.item(column_path="法定主动公开内容 > 政策解读", title="《青岚区规范性文件管理办法》解读")
    m.item(column_path="法定主动公开内容 > 政策解读", title="图解：政务公开工作要点")
    m.item(column_path="法定主动公开内容 > 政策文件 > 规范性文件", title="关于印发青岚区规范性文件管理办法的通知")
    off = m.item(column_path="法定主动公开内容 > 政策文件 > 规范性文件", title="关于废止部分规范性文件的决定")
    m.add("listings", url=PORTAL + "gfxwj/9.html", title="关于印发青岚区规范性文件管理办法的...", source="portal",
          column_path="政务公开 > 规范性文件")
    m.seen("portal", "政务公开 > 规范性文件")
    m.seen("portal", "政务公开 > 政策解读", complete=False)
    m.seen("portal", "新闻中心", complete=False)   # not a paired column
    rows = m.audit("SYNC-001")
    found = [(f["url"], f["column_path"], f["index_no"], f["message"].split("。要求")[0]) for f in rows if not f["gap"]]
    assert found == [(off["url"], "法定主动公开内容 > 政策文件 > 规范性文件", off["index_no"],
                      "“关于废止部分规范性文件的决定”在政府信息公开网“政策文件 > 规范性文件”发布，"
                      "门户网站“政务公开 > 规范性文件”未同步")]
    gaps = sorted((g["url"], g["column_path"], g["message"].split("。要求")[0]) for g in rows if g["gap"])
    assert gaps == [
        (PORTAL, None, "抓取不完整，需人工核查：门户网站栏目“政务公开 > 政策解读”（第2页未能读取；2条“政策解读”信息是否同步"
                       "无法确认），无法判定是否存在“政策文件未同步发布到门户网站”问题"),
        (PORTAL, None, "抓取不完整，需人工核查：门户网站栏目“政务公开 > 通知公告”（门户网站上未找到该栏目的列表；1条“通知公告”"
                       "信息是否同步无法确认），无法判定是否存在“政策文件未同步发布到门户网站”问题")]


def test_identity_of_a_site_whose_home_was_not_read_is_skipped_not_the_sites_after_it(tmp_path):
    m = with_sites(tmp_path)   # the mobile site's home never read (unreachable, say)
    m.add("pages", url=SERVICE, kind="home", site="service", text="政务服务 网站标识码3401000001 皖ICP备05001234号")
    found = [(f["url"], f["message"].split("。要求")[0]) for f in m.findings("IDENT-001")]
    assert found == [(SERVICE, "政务服务网站首页页脚缺少公安机关备案号")]



def test_another_sites_home_read_after_a_redirect_with_only_undated_items(tmp_path):
    """The mobile home shows no list (not judged); the service home, reached at /index.html after a
    redirect, lists items without dates: nothing proves it updated."""
    m = with_sites(tmp_path)
    m.add("pages", url=MOBILE, kind="home", site="mobile", text="青岚区手机版")
    m.fetch(SERVICE, 200, final_url=SERVICE + "index.html")
    for n in range(2):
        m.add("listings", url=f"{SERVICE}bs/{n}.html", title=f"办事指南{n}", date=None, source="home",
              source_url=SERVICE + "index.html")
    found = [(f["url"], f["fingerprint"], f["message"].split("。要求")[0]) for f in m.findings("FRESH-001")]
    assert found == [(SERVICE, fingerprint("FRESH-001", "u", SERVICE, None, None, "service"),
                      "政务服务网站首页14天内无更新：首页列出的2条信息均未显示日期")]


def test_a_date_after_the_check_day_on_another_sites_home_is_not_its_newest(tmp_path):
    m = with_sites(tmp_path)
    for n, day in enumerate(("2019-10-08", "2019-09-01")):
        m.add("listings", url=f"{MOBILE}n/{n}.html", title=f"手机版要闻{n}", date=day, source="home", source_url=MOBILE)
    found = [(f["url"], f["message"].split("。要求")[0]) for f in m.findings("FRESH-001")]
    assert found == [(MOBILE, "手机版网站首页14天内无更新：首页最新信息日期为2019-09-01，距检查日29天")]


@pytest.mark.parametrize("newest, stale", [("2019-09-30", False), ("2019-10-01", True)])
def test_another_sites_home_dated_on_the_check_day_is_fresh_the_day_after_is_not_counted(tmp_path, newest, stale):
    m = with_sites(tmp_path)
    for n, day in enumerate((newest, "2019-09-01")):
        m.add("listings", url=f"{MOBILE}n/{n}.html", title=f"手机版要闻{n}", date=day, source="home", source_url=MOBILE)
    found = [(f["url"], f["message"].split("。要求")[0]) for f in m.findings("FRESH-001")]
    assert found == ([(MOBILE, "手机版网站首页14天内无更新：首页最新信息日期为2019-09-01，距检查日29天")] if stale else [])


def test_a_fresh_site_does_not_end_the_judging_of_the_sites_after_it(tmp_path):
    """The mobile home is fresh by a year-less date (09-25: this year's); the service home is stale.
    The disclosure site's own home lists are not judged here (FRESH-001 is the portal's and the
    other sites')."""
    m = with_sites(tmp_path)
    m.add("listings", url=MOBILE + "n/1.html", title="手机版要闻", date=None, date_text="09-25", source="home",
          source_url=MOBILE)
    m.add("listings", url=SERVICE + "bs/1.html", title="办事指南", date="2019-08-01", source="home", source_url=SERVICE)
    m.add("listings", url="http://xxgk.example.gov.cn/art/old.html", title="旧闻", date="2019-06-01", source="home",
          source_url="http://xxgk.example.gov.cn/index.html")
    found = [(f["url"], f["message"].split("。要求")[0]) for f in m.findings("FRESH-001")]
    assert found == [(SERVICE, "政务服务网站首页14天内无更新：首页最新信息日期为2019-08-01，距检查日60天")]
