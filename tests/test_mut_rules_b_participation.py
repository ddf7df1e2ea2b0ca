"""Exact finding rows of the participation and 解读 rules (CONSULT-001…003, INTERP-001…003).

Hand-made snapshots (tests/minisnap.py); every case asserts the whole row a unit reads (message,
url, column_path, index_no, severity, evidence), and puts a skipped item before a flagged one so a
`continue` turned into `break` fails.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from checks.audit import UnitData
from checks.engine import audit_unit
from checks.registry import all_rules
from tests.minisnap import Mini, _spec
from tests.test_mut_rules_b import rows

COL = "法定主动公开内容 > 重大决策预公开 > 意见征集"
DOCS = "法定主动公开内容 > 政策文件 > 规范性文件"
JD = "法定主动公开内容 > 政策解读"


def requirement(mini: Mini, code: str) -> str:
    """The requirement appended to the first row's message."""
    msg = mini.audit(code)[0]["message"]
    return msg.split("。要求：", 1)[1].split("（依据：", 1)[0]


def consultation(mini, start, end, title="关于公开征求《青岚区某某管理办法（征求意见稿）》意见的公告", **kw):
    consult = {"start": start, "end": end, "channels": {"电子邮箱": "yj@example.gov.cn"}}
    consult.update(kw.pop("consult", {}))
    return mini.item(title=title, column_path=COL, consult=consult, **kw)


def row(code, said, it, severity, evidence=None, **over):
    out = {"rule": code, "said": said, "url": it["url"], "column_path": it["column_path"],
           "index_no": it["index_no"], "severity": severity, "evidence": evidence or {}, "gap": 0}
    out.update(over)
    return out


# ---- CONSULT-001 --------------------------------------------------------------------------------------

def test_short_consultation_rows(tmp_path):
    mini = Mini(tmp_path)
    consultation(mini, "2019-08-20", "2019-08-01", title="《甲办法》征求意见")          # end before start: unreadable
    consultation(mini, "不详", "2019-08-10", title="《乙办法》征求意见")                 # no start date
    consultation(mini, "2019-08-01", "2019-08-10", title="《丙办法》征求意见", body="因时间紧迫，期限缩短。")
    mini.item(title="《丁办法》征求意见", consult={"start": "2019-08-01"})              # no end at all
    fid = mini.fetch("http://xxgk.example.gov.cn/art/5.html", 200)
    c = consultation(mini, "2019-08-01", "2019-08-20", title="《戊办法》征求意见", fetch_id=fid,
                     consult={"period_text": "征求意见时间：2019年8月1日至\n 8月20日"})
    assert rows(mini, "CONSULT-001") == [
        row("CONSULT-001", "“《戊办法》征求意见”征求意见期限为2019-08-01至2019-08-20，共20日，未说明缩短理由", c, "major",
            {"fetch_ids": [fid], "excerpt": "征求意见时间：2019年8月1日至 8月20日"})]
    assert requirement(mini, "CONSULT-001") == ("重大决策、规范性文件草案公开征求意见的期限一般不少于30日"
                                                "（涉及权利义务的规范性文件不少于7个工作日），缩短的应说明理由")


def test_one_day_consultation_counts_one_day(tmp_path):
    mini = Mini(tmp_path)
    c = consultation(mini, "2019-08-01", "2019-08-01")
    assert [r["said"] for r in rows(mini, "CONSULT-001")] == [
        f"“{c['title']}”征求意见期限为2019-08-01至2019-08-01，共1日，未说明缩短理由"]


# ---- CONSULT-002 --------------------------------------------------------------------------------------

def test_late_feedback_row_names_the_first_answer(tmp_path):
    mini = Mini(tmp_path)
    consultation(mini, "2019-06-01", "不详", title="《甲办法》征求意见")          # no end: not judged
    c = consultation(mini, "2019-06-01", "2019-06-30")
    a1 = mini.item(title="意见采纳情况", published="2019-08-20", doc_urls=[c["url"]])
    mini.item(title="关于《青岚区某某管理办法（征求意见稿）》意见采纳情况的说明", published=None, created="2019-08-10")
    mini.item(title="无日期的反馈", published=None, created=None, doc_urls=[c["url"]])
    assert rows(mini, "CONSULT-002") == [
        row("CONSULT-002", f"“{c['title']}”征求意见于2019-06-30结束，意见采纳情况2019-08-10才公布，晚于30日", c, "major",
            {"feedback_url": a1["url"]})]
    assert requirement(mini, "CONSULT-002") == "征求意见结束后30日内应公布意见采纳情况"


def test_feedback_named_in_a_title_counts(tmp_path):
    mini = Mini(tmp_path)
    consultation(mini, "2019-06-01", "2019-06-30")
    mini.item(title="关于《青岚区某某管理办法（征求意见稿）》意见采纳情况的说明", published="2019-07-30")
    assert rows(mini, "CONSULT-002") == []


def test_feedback_title_needs_the_same_draft_and_a_feedback_word(tmp_path):
    mini = Mini(tmp_path)
    c = consultation(mini, "2019-06-01", "2019-06-30")
    mini.item(title="关于《青岚区另一管理办法》意见采纳情况的说明", published="2019-07-01")     # another draft
    mini.item(title="关于《青岚区某某管理办法（征求意见稿）》的通知", published="2019-07-01")    # no feedback word
    consultation(mini, "2019-07-01", "2019-07-31", title="《青岚区某某管理办法（征求意见稿）》意见反馈再征求",
                 doc_urls=[c["url"]], published="2019-07-01")                             # another consultation
    got = [r for r in rows(mini, "CONSULT-002") if r["url"] == c["url"]]
    assert got == [row("CONSULT-002", f"“{c['title']}”征求意见于2019-06-30结束，至检查日已92日，未找到意见采纳情况或反馈",
                       c, "major")]


def test_consultation_without_a_quoted_draft_needs_a_link(tmp_path):
    mini = Mini(tmp_path)
    c = consultation(mini, "2019-06-01", "2019-06-30", title="关于公开征求意见的公告")
    mini.item(title="关于公开征求意见的公告意见采纳情况", published="2019-07-01")
    assert [r["url"] for r in rows(mini, "CONSULT-002")] == [c["url"]]


def test_missing_feedback_with_an_unseen_column_is_a_gap(tmp_path):
    mini = Mini(tmp_path)
    mini.column("法定主动公开内容 > 通知公告", complete=True)
    mini.column("法定主动公开内容 > 意见反馈", complete=False, reason="第3页未能读取")
    c = consultation(mini, "2019-06-01", "2019-06-30")
    assert rows(mini, "CONSULT-002") == [
        row("CONSULT-002", f"抓取不完整，需人工核查：“{c['title']}”的意见反馈（栏目“法定主动公开内容 > 意见反馈”：第3页未能读取），"
                           "无法判定是否存在“征求意见后未反馈”问题", c, "advisory",
            {"place": f"“{c['title']}”的意见反馈", "reason": "栏目“法定主动公开内容 > 意见反馈”：第3页未能读取"}, gap=1)]


# ---- CONSULT-003 --------------------------------------------------------------------------------------

def test_no_channel_rows(tmp_path):
    mini = Mini(tmp_path)
    consultation(mini, "2019-08-01", "2019-08-30")
    a = consultation(mini, "2019-08-01", "2019-08-30", title="《甲》征求意见", consult={"channels": {}})
    b = consultation(mini, "2019-08-01", "2019-08-30", title="《乙》征求意见", consult={"channels": None})
    got = rows(mini, "CONSULT-003")
    assert got == [row("CONSULT-003", "“《甲》征求意见”未写明意见提交渠道（地址、邮箱、电话或在线提交）", a, "minor"),
                   row("CONSULT-003", "“《乙》征求意见”未写明意见提交渠道（地址、邮箱、电话或在线提交）", b, "minor")]
    assert requirement(mini, "CONSULT-003") == "征求意见公告应写明通信地址、电子邮箱、电话或在线提交等意见提交方式"


# ---- INTERP-001 ---------------------------------------------------------------------------------------

def test_missing_interpretation_rows(tmp_path):
    mini = Mini(tmp_path)
    mini.item(column_path=DOCS, interp_urls=["http://xxgk.example.gov.cn/jd/9.html"])   # explained
    mini.item(column_path=DOCS, title="《某某办法》政策解读")                               # itself a 解读
    mini.item(column_path=DOCS + "解读")                                                 # in a 解读 column
    mini.item(column_path=None)
    mini.item(column_path="法定主动公开内容 > 通知公告")
    lonely = mini.item(column_path=DOCS)
    assert rows(mini, "INTERP-001") == [row("INTERP-001", f"规范性文件“{lonely['title']}”没有政策解读", lonely, "major")]
    assert requirement(mini, "INTERP-001") == "规范性文件、重大政策应同步发布政策解读并相互链接"


def test_a_interpretation_linking_back_explains_the_document(tmp_path):
    mini = Mini(tmp_path)
    doc = mini.item(column_path=DOCS)
    mini.item(title="《某某办法》解读", column_path=JD, doc_urls=[doc["url"]])
    mini.item(title="意见采纳情况", column_path="法定主动公开内容 > 通知公告", doc_urls=[doc["url"]])  # not a 解读
    assert rows(mini, "INTERP-001") == []


# ---- INTERP-002 ---------------------------------------------------------------------------------------

def test_late_interpretation_rows(tmp_path):
    mini = Mini(tmp_path, as_of=date(2019, 12, 31))
    mini.item(column_path=DOCS, published="2019-06-06", interp_urls=["http://xxgk.example.gov.cn/jd/0.html"])  # no such item
    d0 = mini.item(column_path=DOCS, published=None, interp_urls=["http://xxgk.example.gov.cn/jd/1.html"])
    mini.item(url="http://xxgk.example.gov.cn/jd/1.html", title="解读一", column_path=JD, published="2019-06-20",
              doc_urls=[d0["url"]])
    doc = mini.item(column_path=DOCS, published="2019-06-06", interp_urls=["http://xxgk.example.gov.cn/jd/2.html"])
    jd = mini.item(url="http://xxgk.example.gov.cn/jd/2.html", title="解读二", column_path=JD, published="2019-06-13",
                   index_no="003240560/201906-00002", doc_urls=[doc["url"]])
    assert rows(mini, "INTERP-002") == [
        row("INTERP-002", f"“解读二”发布于2019-06-13，文件“{doc['title']}”发布于2019-06-06，相隔4个工作日", jd, "minor",
            {"doc_url": doc["url"]})]
    assert requirement(mini, "INTERP-002") == "政策解读应在文件公开后3个工作日内发布（可按本地规定调整）"


def test_interpretation_without_a_date_is_not_judged(tmp_path):
    mini = Mini(tmp_path, as_of=date(2019, 12, 31))
    doc = mini.item(column_path=DOCS, published="2019-06-06", interp_urls=["http://xxgk.example.gov.cn/jd/1.html"])
    mini.item(url="http://xxgk.example.gov.cn/jd/1.html", title="解读一", column_path=JD, published=None,
              doc_urls=[doc["url"]])
    assert rows(mini, "INTERP-002") == []


# ---- INTERP-003 ---------------------------------------------------------------------------------------

def test_one_way_link_rows(tmp_path):
    mini = Mini(tmp_path)
    mini.item(column_path=DOCS, interp_urls=["http://xxgk.example.gov.cn/jd/0.html"])     # 解读 never read
    mini.item(title="解读〇", column_path=JD, doc_urls=["http://xxgk.example.gov.cn/art/99.html"])   # document never read
    d1 = mini.item(column_path=DOCS, interp_urls=["http://xxgk.example.gov.cn/jd/1.html"])
    j1 = mini.item(url="http://xxgk.example.gov.cn/jd/1.html", title="解读一", column_path=JD,
                   index_no="003240560/201909-00101")
    d2 = mini.item(column_path=DOCS, index_no="003240560/201909-00102")
    j2 = mini.item(url="http://xxgk.example.gov.cn/jd/2.html", title="解读二", column_path=JD, doc_urls=[d2["url"]])
    d3 = mini.item(column_path=DOCS, interp_urls=["http://xxgk.example.gov.cn/jd/3.html"])   # both ways: fine
    mini.item(url="http://xxgk.example.gov.cn/jd/3.html", title="解读三", column_path=JD, doc_urls=[d3["url"]])
    got = sorted(rows(mini, "INTERP-003"), key=lambda r: r["url"])
    assert got == sorted([
        row("INTERP-003", f"解读“解读一”页面没有链接回原文件（{d1['url']}）", j1, "minor"),
        row("INTERP-003", f"文件“{d2['title']}”页面没有链接到其解读（{j2['url']}）", d2, "minor"),
    ], key=lambda r: r["url"])
    assert requirement(mini, "INTERP-003") == "政策文件页应链接其解读，解读页应链接回原文件"


def test_missing_feedback_while_the_crawl_was_cut_short_is_a_gap(tmp_path):
    mini = Mini(tmp_path)
    mini.column("法定主动公开内容 > 通知公告", complete=True)
    unit = dict(next(mini.snap.rows("units")))
    mini.snap.upsert_unit({**unit, "status": "budget"})
    c = consultation(mini, "2019-06-01", "2019-06-30")
    assert rows(mini, "CONSULT-002") == [
        row("CONSULT-002", f"抓取不完整，需人工核查：“{c['title']}”的意见反馈（本单位抓取页数预算用尽，抓取提前结束），"
                           "无法判定是否存在“征求意见后未反馈”问题", c, "advisory",
            {"place": f"“{c['title']}”的意见反馈", "reason": "本单位抓取页数预算用尽，抓取提前结束"}, gap=1)]


def test_feedback_gap_names_the_first_unseen_column_and_ignores_views(tmp_path):
    mini = Mini(tmp_path)
    mini.seen("view", "按主题", complete=False, reason="视图第2页未能读取")   # a view is not where feedback is filed
    mini.column("法定主动公开内容 > 通知公告", complete=True)
    mini.column("法定主动公开内容 > 意见反馈", complete=False, reason="第3页未能读取")
    mini.column("法定主动公开内容 > 其他", complete=False, reason="第9页未能读取")
    c = consultation(mini, "2019-06-01", "2019-06-30")
    assert [(r["url"], r["gap"], r["evidence"]["reason"]) for r in rows(mini, "CONSULT-002")] == [
        (c["url"], 1, "栏目“法定主动公开内容 > 意见反馈”：第3页未能读取")]


def test_only_an_unseen_view_leaves_the_missing_feedback_a_finding(tmp_path):
    mini = Mini(tmp_path)
    mini.seen("view", "按主题", complete=False, reason="视图第2页未能读取")
    c = consultation(mini, "2019-06-01", "2019-06-30")
    assert [(r["url"], r["gap"]) for r in rows(mini, "CONSULT-002")] == [(c["url"], 0)]


def test_an_item_without_a_column_is_in_no_watched_column(tmp_path):
    # a unit type may watch columns of any name (here “XX”): an item with no column is in none of them
    mini = Mini(tmp_path)
    mini.item(column_path=None)
    watched = mini.item(column_path="法定主动公开内容 > XX文件")
    mini.snap.flush()
    spec = replace(_spec(mini.type), rule_params={"INTERP-001": {"columns": ["XX"]}})
    data = UnitData(mini.snap, next(mini.snap.rows("units")), spec, mini.as_of)
    errors: list[str] = []
    got = audit_unit(data, {"INTERP-001": all_rules()["INTERP-001"]}, errors)
    assert errors == [] and [(r["url"], r["message"].split("。要求：")[0]) for r in got] == [
        (watched["url"], f"规范性文件“{watched['title']}”没有政策解读")]


def test_feedback_in_time_does_not_stop_the_check_of_the_next_consultation(tmp_path):
    mini = Mini(tmp_path)
    consultation(mini, "2019-06-01", "2019-06-30", title="关于公开征求《甲办法》意见的公告")
    mini.item(title="《甲办法》意见采纳情况", published="2019-07-10")
    late = consultation(mini, "2019-06-01", "2019-06-30", title="关于公开征求《乙办法》意见的公告")
    assert [r["said"] for r in rows(mini, "CONSULT-002")] == [
        f"“{late['title']}”征求意见于2019-06-30结束，至检查日已92日，未找到意见采纳情况或反馈"]


def test_every_consultation_whose_feedback_may_be_unseen_is_a_gap(tmp_path):
    mini = Mini(tmp_path)
    mini.column("法定主动公开内容 > 意见反馈", complete=False, reason="第3页未能读取")
    a = consultation(mini, "2019-06-01", "2019-06-30", title="关于公开征求《甲办法》意见的公告")
    b = consultation(mini, "2019-06-01", "2019-06-30", title="关于公开征求《乙办法》意见的公告")
    assert sorted((r["url"], r["gap"]) for r in rows(mini, "CONSULT-002")) == [(a["url"], 1), (b["url"], 1)]
