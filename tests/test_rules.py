"""Every rule on small hand-made snapshots, edge cases included."""
from __future__ import annotations

from datetime import date

import pytest

from checks.registry import all_rules
from checks.rules.media import identifies
from checks.rules.privacy import valid_id
from checks.titles import same_title
from checks.workdays import nth_workday_after, workdays_between
from tests.minisnap import DISCLOSURE, ORG, PORTAL, Mini


@pytest.fixture
def mini(tmp_path):
    return Mini(tmp_path)


# ---- registry ---------------------------------------------------------------------------------

def test_every_rule_is_registered_with_its_metadata():
    rules = all_rules()
    assert len(rules) == 43
    for code, r in rules.items():
        assert r.title and r.requirement and r.source and r.indicator, code
        assert r.severity in ("veto", "major", "minor", "advisory")


# ---- working days -----------------------------------------------------------------------------

def test_working_days_follow_holidays_and_make_up_days():
    # 端午 2019-06-07 (Fri): the 3rd working day after Thu 06-06 is Wed 06-12
    assert nth_workday_after(date(2019, 6, 6), 3) == date(2019, 6, 12)
    assert workdays_between(date(2019, 6, 6), date(2019, 6, 12)) == 3
    # 2019-09-29 (Sun) was a make-up working day before 国庆
    assert workdays_between(date(2019, 9, 27), date(2019, 9, 29)) == 1
    assert workdays_between(date(2019, 9, 30), date(2019, 10, 7)) == 0


# ---- availability and links ---------------------------------------------------------------------

def test_avail_veto_at_five_percent_of_probes(mini):
    for n in range(19):
        mini.add("probes", url=PORTAL, kind="portal", at=f"t{n}", status=200, ok=1)
    mini.add("probes", url=PORTAL, kind="portal", at="t19", status=503, ok=0)   # 1 of 21 visits < 5%
    assert mini.findings("AVAIL-001") == []
    mini.add("probes", url=PORTAL, kind="portal", at="t20", status=None, ok=0, error="TimeoutError")
    (f,) = mini.findings("AVAIL-001")
    assert f["severity"] == "veto" and f["url"] == PORTAL and "2次失败" in f["message"]


def test_broken_links_by_status_and_403_needs_review(mini):
    for url, status, kind in (("http://xxgk.example.gov.cn/a.html", 404, "internal"),
                              ("http://xxgk.example.gov.cn/b.html", 403, "internal"),
                              ("http://xxgk.example.gov.cn/c.html", 200, "internal"),
                              ("http://xxgk.example.gov.cn/f.pdf", 500, "attachment"),
                              ("http://other.example.com/", None, "external")):
        mini.fetch(url, status, error=None if status else "ConnectionRefusedError: refused")
        mini.add("links", from_url=DISCLOSURE, to_url=url, anchor="链接", kind=kind)
    assert [f["url"] for f in mini.findings("LINK-001")] == ["http://xxgk.example.gov.cn/a.html"]
    assert [f["url"] for f in mini.findings("LINK-002")] == ["http://xxgk.example.gov.cn/f.pdf"]
    (ext,) = mini.findings("LINK-003")
    assert "无法连接" in ext["message"]


def test_soft_404(mini):
    mini.fetch("http://portal.example.gov.cn/zwgk-404-probe-1.html", 200, purpose="soft404")
    mini.fetch("http://xxgk.example.gov.cn/zwgk-404-probe-2.html", 404, purpose="soft404")
    (f,) = mini.findings("LINK-004")
    assert f["url"] == PORTAL


# ---- freshness ------------------------------------------------------------------------------------

def test_homepage_update_window_is_14_days(mini):
    mini.add("listings", url="http://portal.example.gov.cn/a.html", title="要闻", date="2019-09-16",
             source="home", source_url=PORTAL)
    assert mini.findings("FRESH-001") == []            # exactly 14 days


def test_homepage_with_undated_items_is_not_updated(mini):
    mini.add("listings", url="http://portal.example.gov.cn/a.html", title="要闻", date="2019-09-15",
             source="home", source_url=PORTAL)
    (f,) = mini.findings("FRESH-001")                  # 15 days
    assert f["severity"] == "veto"


def test_year_less_dates_on_the_homepage_take_the_as_of_year(mini):
    mini.add("listings", url="http://portal.example.gov.cn/a.html", title="要闻", date_text="09-25",
             source="home", source_url=PORTAL)
    assert mini.findings("FRESH-001") == []


def test_stale_columns_and_the_veto_count(mini):
    mini.column("法定主动公开内容 > 工作动态", item_count=5, newest_date="2019-09-15")   # 15 days: stale (news)
    mini.column("法定主动公开内容 > 统计信息", item_count=5, newest_date="2018-11-30")   # 304 days: fresh (yearly)
    mini.column("法定主动公开内容 > 机构职能", item_count=1, newest_date="2010-01-01")   # static: never stale
    (f,) = mini.findings("FRESH-002")
    assert f["column_path"].endswith("工作动态") and f["severity"] == "major"
    for n in range(4):
        mini.column(f"法定主动公开内容 > 通知公告{n}", item_count=3, newest_date="2019-01-01")
    found = mini.findings("FRESH-002")
    assert len(found) == 5 and {f["severity"] for f in found} == {"veto"}


def test_blank_columns_and_content_pages(mini):
    mini.column("法定主动公开内容 > 财政资金", item_count=0)
    mini.column("法定主动公开内容 > 机构职能", item_count=0)                          # a page of text
    mini.column("信息公开指南", item_count=0, fixed="guide")
    (f,) = mini.findings("FRESH-003")
    assert f["column_path"].endswith("财政资金") and f["severity"] == "major"


def test_disclosure_deadline_in_working_days(tmp_path):
    mini = Mini(tmp_path, as_of=date(2019, 12, 31))
    mini.item(created="2019-09-02", published="2019-09-30")     # 20 working days (09-13 中秋): on time
    late = mini.item(created="2019-09-02", published="2019-10-09")
    (f,) = mini.findings("FRESH-004")
    assert f["url"] == late["url"]


def test_the_2019_text_applies_from_may_15(mini):
    mini.item(created="2019-04-10", published="2019-05-14")
    mini.item(created="2019-04-10", published="2019-05-15")
    found = mini.findings("FRESH-004")
    assert len(found) == 2
    assert "2007年" in found[0]["message"] and "2019年修订" in found[1]["message"]


def test_bad_dates(mini):
    unreadable = mini.item(published=None, published_text="2019-02-30")
    future = mini.item(published="2019-10-30")
    mini.item(published="2019-09-01", published_text="2019年9月1日")
    undated = mini.item(published=None, created=None)
    found = sorted((f["url"], f["severity"]) for f in mini.findings("FRESH-005"))
    assert found == sorted([(unreadable["url"], "minor"), (future["url"], "major"), (undated["url"], "minor")])


# ---- catalog and metadata -------------------------------------------------------------------------

def test_catalog_aliases_missing_and_misplaced(tmp_path):
    m = Mini(tmp_path, unit_type="dept")
    for path in ("法定主动公开内容 > 机构概况 > 领导简介", "法定主动公开内容 > 政策法规",
                 "法定主动公开内容 > 人事信息 > 部门预决算", "法定主动公开内容 > 行政执法 > 行政许可"):
        m.column(path, item_count=1)
    missing = {f["column_path"] for f in m.findings("CAT-001")}
    assert "机构职能 > 领导信息" not in missing and "政策文件" not in missing    # aliases
    assert "行政执法 > 听证公告" in missing and "扶贫" in missing
    assert "财政资金" in missing and "财政资金 > 三公经费" not in missing      # reported with its parent
    (mis,) = m.findings("CAT-002")
    assert mis["column_path"].endswith("人事信息 > 部门预决算")


def test_fixed_entries_only_for_administrative_units(tmp_path):
    m = Mini(tmp_path)
    m.column("信息公开指南", fixed="guide")
    assert {f["column_path"] for f in m.findings("CAT-003")} == {"信息公开制度", "信息公开年报", "依申请公开"}
    inst = Mini(tmp_path / "i", unit_type="institution")
    assert inst.findings("CAT-003", "GUIDE-001", "APPLY-001", "REPORT-001") == []


def test_catalog_entries_lacking_a_field(mini):
    for n in range(8):
        mini.item(summary="" if n < 2 else "概述")
    (f,) = mini.findings("CAT-004")        # 2 of 8 = 25% ≥ 20%
    assert "内容概述" in f["message"]


def test_metadata_rules(mini):
    mini.item(publisher="")
    mini.item(column_path="法定主动公开内容 > 政策文件 > 规范性文件", doc_no="")
    mini.item(index_no="2019-00564")
    mini.item(index_no="003240712/201806-00022")                     # another unit's code
    mini.item(index_no="12341500MB1832650J/201909-00054")            # a 统一社会信用代码 form, but not ours
    mini.item(index_no=f"{ORG}/201913-00001")                        # month 13
    a = mini.item(index_no=f"{ORG}/201909-00077")
    mini.item(index_no=f"{ORG}/201909-00077")
    assert len(mini.findings("META-001")) == 2
    assert len(mini.findings("META-002")) == 4
    (dup,) = mini.findings("META-003")
    assert dup["index_no"] == a["index_no"]


def test_uscc_index_numbers_of_the_unit_itself(tmp_path):
    m = Mini(tmp_path, org_code="12341500MB1832650J")
    m.item(index_no="12341500MB1832650J/201909-00054")
    assert m.findings("META-002") == []


# ---- search and consistency -------------------------------------------------------------------

def test_search_probes(mini):
    a, b, c = mini.item(), mini.item(), mini.item()
    other = mini.item()
    mini.add("search_probes", item_url=a["url"], by="title", query=a["title"], status=200,
             results=[{"title": a["title"], "url": a["url"]}], found=1, rank=1)
    mini.add("search_probes", item_url=b["url"], by="title", query=b["title"], status=200, results=[], found=0)
    mini.add("search_probes", item_url=c["url"], by="title", query=c["title"], status=200,
             results=[{"title": c["title"], "url": other["url"]}], found=0)
    assert [f["url"] for f in mini.findings("SRCH-002")] == [b["url"]]
    assert [f["url"] for f in mini.findings("SRCH-003")] == [c["url"]]
    assert mini.findings("SRCH-001") == []


def test_no_search_and_a_failing_search(tmp_path):
    m = Mini(tmp_path)
    (f,) = m.findings("SRCH-001")
    assert f["url"] == DISCLOSURE
    m2 = Mini(tmp_path / "b")
    m2.fetch("http://xxgk.example.gov.cn/search?q=", 500, purpose="search_entry")
    m2.add("search_probes", item_url="x", by="title", query="x", status=500, results=[], found=0)
    (f,) = m2.findings("SRCH-001")
    assert "500" in f["message"] and f["url"].endswith("search?q=")


def test_views_and_consistency(mini):
    a = mini.item(topic="综合政务", title="关于加强安全生产工作的通知")
    b = mini.item(topic="综合政务")
    for it in (b,):
        mini.add("listings", url=it["url"], title=it["title"], source="view", view="主题分类/综合政务")
    mini.seen("view", "主题分类/综合政务")
    assert [f["url"] for f in mini.findings("CONS-001")] == [a["url"]]
    # truncation and highlight are not differences; another title or date is
    mini.add("listings", url=a["url"], title="关于加强安全生产…", source="list", date="2019-09-03")
    mini.add("listings", url=a["url"], title="关于加强<em>安全生产</em>工作的通知", source="search")
    assert mini.findings("CONS-002") == []
    mini.add("listings", url=b["url"], title=b["title"], source="list", date="2019-09-05")
    (f,) = mini.findings("CONS-002")
    assert f["url"] == b["url"] and "2019-09-05" in f["message"]


def test_title_comparison():
    assert same_title("关于  加强安全生产工作的通知", "关于加强安全生产工作的通知")
    assert same_title("关于加强安全...", "关于加强安全生产工作的通知")
    assert not same_title("关于加强消防…", "关于加强安全生产工作的通知")


def test_sync_to_portal(mini):
    on = mini.item(column_path="法定主动公开内容 > 政策文件 > 规范性文件", title="关于印发甲办法的通知")
    off = mini.item(column_path="法定主动公开内容 > 政策文件 > 规范性文件", title="关于印发乙办法的通知")
    mini.add("listings", url="http://portal.example.gov.cn/zcwj/1.html", title=on["title"], source="portal",
             column_path="政策文件")
    mini.seen("portal", "政策文件")
    assert [f["url"] for f in mini.findings("SYNC-001")] == [off["url"]]


# ---- participation and interpretation ------------------------------------------------------------

def consult(mini, start, end, **kw):
    return mini.item(title="关于公开征求《某某办法（征求意见稿）》意见的公告",
                     column_path="法定主动公开内容 > 重大决策预公开 > 意见征集",
                     consult={"start": start, "end": end, "channels": {"电子邮箱": "a@b.cn"}}, **kw)


def test_consultation_period_counts_both_ends(mini):
    consult(mini, "2019-08-01", "2019-08-30")             # 30 days
    assert mini.findings("CONSULT-001") == []
    short = consult(mini, "2019-08-01", "2019-08-29")     # 29 days
    (f,) = mini.findings("CONSULT-001")
    assert f["url"] == short["url"]
    consult(mini, "2019-08-01", "2019-08-10", body="因情况紧急，征求意见期限缩短为10日。")
    assert len(mini.findings("CONSULT-001")) == 1       # a stated reason is accepted


def test_feedback_within_30_days(mini):
    c = consult(mini, "2019-06-01", "2019-07-01")
    assert len(mini.findings("CONSULT-002")) == 1         # closed 91 days ago, no feedback
    mini.item(title="关于《某某办法（征求意见稿）》意见采纳情况的说明", published="2019-07-31", doc_urls=[c["url"]])
    assert mini.findings("CONSULT-002") == []             # exactly 30 days after


def test_feedback_not_yet_due(mini):
    consult(mini, "2019-08-16", "2019-09-20")
    assert mini.findings("CONSULT-002") == []


def test_consultation_channels(mini):
    mini.item(title="关于公开征求意见的公告", consult={"start": "2019-08-01", "end": "2019-08-30", "channels": {}})
    assert len(mini.findings("CONSULT-003")) == 1


def test_interpretation_rules(mini):
    path = "法定主动公开内容 > 政策文件 > 规范性文件"
    lonely = mini.item(column_path=path)
    doc = mini.item(column_path=path, published="2019-06-06", interp_urls=["http://xxgk.example.gov.cn/jd1.html"])
    mini.item(url="http://xxgk.example.gov.cn/jd1.html", title="政策解读", column_path="法定主动公开内容 > 政策解读",
              published="2019-06-12", doc_urls=[doc["url"]])                         # 3rd working day
    late = mini.item(column_path=path, published="2019-06-06", interp_urls=["http://xxgk.example.gov.cn/jd2.html"])
    mini.item(url="http://xxgk.example.gov.cn/jd2.html", title="政策解读二", column_path="法定主动公开内容 > 政策解读",
              published="2019-06-13")                                                # 4th, no link back
    assert [f["url"] for f in mini.findings("INTERP-001")] == [lonely["url"]]
    assert [f["url"] for f in mini.findings("INTERP-002")] == ["http://xxgk.example.gov.cn/jd2.html"]
    assert [f["url"] for f in mini.findings("INTERP-003")] == ["http://xxgk.example.gov.cn/jd2.html"]
    (slow,) = mini.findings("INTERP-002")
    assert slow["evidence"]["doc_url"] == late["url"]


# ---- reports, guide, on-request ---------------------------------------------------------------------

def test_annual_report_deadlines(tmp_path):
    m = Mini(tmp_path, as_of=date(2019, 9, 30))
    m.column("信息公开年报", fixed="annual")
    m.item(title="2017年政府信息公开工作年度报告", report_year=2017, published="2018-04-02")
    (missing,) = m.findings("REPORT-001")
    assert "2018年度" in missing["message"]
    (late,) = m.findings("REPORT-002")
    assert "2017" in late["message"]
    # a department's 2019 report is due on 2020-01-31; a county's on 2020-03-31
    dept = Mini(tmp_path / "d", unit_type="dept", as_of=date(2020, 2, 15))
    dept.item(title="2018年年度报告", report_year=2018, published="2019-03-20")
    assert "2019年度" in dept.findings("REPORT-001")[0]["message"]
    county = Mini(tmp_path / "c", as_of=date(2020, 2, 15))
    county.item(title="2018年年度报告", report_year=2018, published="2019-03-20")
    assert county.findings("REPORT-001") == []


GUIDE = ("当前位置：首页 > 信息公开指南 一、信息分类与编排体系。获取方式：网站查询。受理机构名称：某办公室；办公地址：某路1号；"
         "办公时间：周一至周五；联系电话：0564-1234567；传真：0564-1234568；互联网联系方式：http://x.gov.cn。"
         "自收到申请之日起20个工作日内予以答复。")


def test_guide_rules(mini):
    col = mini.column("信息公开指南", fixed="guide")
    mini.add("pages", url=col["url"], kind="page", site="disclosure", text=GUIDE)
    assert mini.findings("GUIDE-001", "GUIDE-002", "GUIDE-003") == []


def test_incomplete_and_outdated_guide(mini):
    col = mini.column("信息公开指南", fixed="guide")
    text = GUIDE.replace("传真：0564-1234568；", "").replace("20个工作日", "15个工作日")
    mini.add("pages", url=col["url"], kind="page", site="disclosure", text=text)
    (incomplete,) = mini.findings("GUIDE-002")
    assert "传真" in incomplete["message"]
    assert len(mini.findings("GUIDE-003")) == 1


def test_old_reply_limit_is_fine_before_the_2019_text(tmp_path):
    m = Mini(tmp_path, as_of=date(2019, 5, 14))
    col = m.column("信息公开指南", fixed="guide")
    m.add("pages", url=col["url"], kind="page", site="disclosure", text=GUIDE.replace("20个工作日", "15个工作日"))
    assert m.findings("GUIDE-003") == []


def test_apply_channel(mini):
    col = mini.column("依申请公开", fixed="apply")
    mini.add("pages", url=col["url"], kind="page", site="disclosure", text="当前位置：依申请公开 栏目正在建设中。")
    (f,) = mini.findings("APPLY-001")
    assert f["url"] == col["url"]


# ---- 政务新媒体 -------------------------------------------------------------------------------------

def test_media_rules(mini):
    mini.add("media_accounts", platform="weibo", name="青岚区发布", url="http://w/u/1", source="profile",
             status=200, readable=1, latest_post="2019-09-16", registered=1)
    mini.add("media_accounts", platform="weibo", name="青岚区政务", url="http://w/u/2", source="profile",
             status=200, readable=1, latest_post="2019-09-15", registered=1)
    mini.add("media_accounts", platform="wechat", name="青岚区政务微信", url="http://w/mp/3", source="profile",
             status=200, readable=0, registered=1)
    mini.add("media_accounts", platform="wechat", name="404", url="http://w/mp/old", source="portal",
             status=404, readable=0, registered=0, anchor="政务微信")
    mini.add("media_accounts", platform="wechat", name="城市生活小帮手", url="http://w/mp/5", source="portal",
             status=200, readable=1, latest_post="2019-09-29", registered=0)
    stale = mini.findings("MEDIA-003")
    assert {(f["url"], f["severity"]) for f in stale} == {("http://w/u/2", "veto"), ("http://w/mp/3", "advisory")}
    assert [f["url"] for f in mini.findings("MEDIA-002")] == ["http://w/mp/old"]
    assert [f["url"] for f in mini.findings("MEDIA-004")] == ["http://w/mp/5"]
    (entry,) = mini.findings("MEDIA-001")
    assert entry["severity"] == "advisory"


def test_account_names_identify_units():
    assert identifies("市住建局发布", "云溪市住房和城乡建设局")
    assert identifies("开发区政务", "云溪经济开发区管理委员会")
    assert not identifies("城市生活小帮手", "云溪市住房和城乡建设局")


# ---- confidentiality -------------------------------------------------------------------------------

def test_id_numbers(mini):
    # literal numbers (check characters worked out by hand, and by ISO 7064 MOD 11-2 in
    # tests/test_thresholds.py): X or a digit as check character; the check digit changed; a right
    # check digit but no such region, or no such day
    good, bad = "341502198001011234", "341502198001011235"
    assert valid_id("11010519491231002X", date(2019, 9, 30)) and valid_id(good, date(2019, 9, 30))
    assert not valid_id("110105194912310021", date(2019, 9, 30)) and not valid_id(bad, date(2019, 9, 30))
    assert not valid_id("991502198001011235", date(2019, 9, 30))     # no such region
    assert not valid_id("341502198002311239", date(2019, 9, 30))     # 2月31日
    mini.item(body=f"名单：张三 {bad}；李四 34**************12")
    assert mini.findings("PRIV-001") == []
    it = mini.item()
    mini.add("attachments", item_url=it["url"], url="http://xxgk.example.gov.cn/a.xlsx", ext="xlsx",
             status=200, text=f"姓名 身份证号\n王五 {good}")
    (f,) = mini.findings("PRIV-001")
    assert f["url"].endswith("a.xlsx") and f["index_no"] == it["index_no"]
    assert good not in f["message"] and good not in str(f["evidence"])     # evidence is masked too


def test_mobile_numbers_own_contacts_excluded(mini):
    col = mini.column("信息公开指南", fixed="guide")
    mini.add("pages", url=col["url"], kind="page", site="disclosure", text="值班电话：13905641234")
    mini.item(body="值班电话13905641234；张三13805640001；李四138****1234")
    assert mini.findings("PRIV-002") == []
    mini.item(body="张三13805640001，李四13805640002，王五13805640003")
    assert len(mini.findings("PRIV-002")) == 1


def test_bank_cards_need_luhn_and_context(mini):
    card, not_card = "6205500000000000004", "6205500000000000005"   # a UnionPay test number; its last digit off
    mini.item(body=f"项目编号 {not_card}；收款人银行卡号 {not_card}")
    mini.item(body=f"合同编号 {card}")
    assert mini.findings("PRIV-003") == []
    mini.item(body=f"收款人：张三 开户行：某银行 卡号：{card}")
    assert len(mini.findings("PRIV-003")) == 1


# ---- identity ---------------------------------------------------------------------------------------

def test_footer_identity(mini):
    mini.add("pages", url=PORTAL, kind="home", site="portal", text="主办：某某 皖ICP备123号",
             footer={"icp": "皖ICP备123号"})
    (f,) = mini.findings("IDENT-001")
    what = f["message"].split("。要求")[0]
    assert "网站标识码" in what and "公安机关备案号" in what and "ICP" not in what


def test_footer_identity_read_from_alt_text_counts(tmp_path):
    """网站标识码 shown only as an image's alt text: the extractor read the code, so it is there."""
    m = Mini(tmp_path)
    m.add("pages", url=PORTAL, kind="home", site="portal", text="主办：某某县人民政府",
          footer={"site_code": "3415230001", "icp": "皖ICP备123号", "police": "皖公网安备34152302000123号"})
    assert m.findings("IDENT-001") == []


def test_sync_ignores_the_disclosure_homes_own_blocks(tmp_path):
    """Blocks on the disclosure site's home are not the portal: they prove nothing about syncing."""
    m = Mini(tmp_path)
    m.item(column_path="法定主动公开内容 > 政策文件", title="关于印发乙办法的通知")
    m.add("listings", url="http://xxgk.example.gov.cn/other/1.html", title="别的机构的信息", source="home",
          source_url=DISCLOSURE, date="2019-09-01")
    assert m.findings("SYNC-001") == [] and m.gaps("SYNC-001") == []


def test_sync_accepts_a_truncated_portal_title_and_a_link_to_the_item(tmp_path):
    m = Mini(tmp_path)
    m.item(column_path="法定主动公开内容 > 政策文件", title="青岚县人民政府关于印发扶贫资金管理办法的通知")
    linked = m.item(column_path="法定主动公开内容 > 政策文件", title="关于印发甲办法的通知")
    missing = m.item(column_path="法定主动公开内容 > 政策文件", title="关于印发乙办法的通知")
    m.add("listings", url="http://portal.example.gov.cn/zcwj/1.html", title="青岚县人民政府关于印发…",
          source="portal", column_path="政策文件")
    m.add("listings", url=linked["url"], title="甲办法", source="portal", column_path="政策文件")   # the item itself
    m.seen("portal", "政策文件")
    assert [f["url"] for f in m.findings("SYNC-001")] == [missing["url"]]


def test_homepage_read_after_a_redirect_counts(tmp_path):
    m = Mini(tmp_path)
    index = PORTAL + "index.html"
    m.fetch(PORTAL, 200, final_url=index, redirects=[[PORTAL, 302]])
    m.add("listings", url="http://portal.example.gov.cn/a.html", title="要闻", date="2019-09-25",
          source="home", source_url=index)
    assert m.findings("FRESH-001") == []
