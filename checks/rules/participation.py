"""Public participation and policy interpretation (N2017 二(二) clauses, 2.(4)):
CONSULT-001…003, INTERP-001…003."""
from __future__ import annotations

import re
from datetime import timedelta

from ..audit import parse_day
from ..registry import rule
from ..titles import normal
from ..workdays import is_workday, workdays_between

URGENT = re.compile(r"紧急|特殊情况|情况特殊|时间紧迫|确需缩短")
NORMATIVE = re.compile(r"规范性文件")
QUOTED = re.compile(r"《([^》]{2,80})》")
FEEDBACK = re.compile(r"采纳|反馈|意见征集情况|意见(的)?处理情况")
INTERP = re.compile(r"解读")


def _consultations(audit):
    for item in audit.items:
        c = item["consult"]
        if c and c.get("start") and c.get("end"):
            yield item, parse_day(c["start"]), parse_day(c["end"])


def short_consultations(audit):
    for item, start, end in _consultations(audit):
        if not start or not end or end < start:
            continue
        if URGENT.search(item["body"] or ""):
            continue                            # a reason is stated
        # Both ends count: 8月1日至8月30日 is 30 days. A draft that says it is a 规范性文件 needs
        # only 7 working days (国办发〔2018〕37号); one that does not say so is held to 30 days.
        if NORMATIVE.search(f"{item['title']} {item['column_path']}"):
            span = is_workday(start) + workdays_between(start, end)
            short, unit = span < audit.param("normative_workdays"), "个工作日"
        else:
            span = (end - start).days + 1
            short, unit = span < audit.param("days"), "日"
        if short:
            yield audit.finding(f"“{item['title']}”征求意见期限为{start}至{end}，共{span}{unit}，未说明缩短理由",
                                url=item["url"], column_path=item["column_path"], index_no=item["index_no"],
                                excerpt=item["consult"].get("period_text"), fetch_ids=[item["fetch_id"]])


rule("CONSULT-001", "征求意见期限过短", "major", "公众参与", "D2019, 优化营商环境条例 第六十二条",
     requirement="重大决策、规范性文件草案公开征求意见的期限一般不少于30日（涉及权利义务的规范性文件不少于7个工作日），"
                 "缩短的应说明理由", days=30, normative_workdays=7)(short_consultations)


def _feedback_for(audit, item) -> list[dict]:
    """Items that answer a consultation: they link back to it, or name the same draft and speak of
    采纳/反馈."""
    names = {normal(n) for n in QUOTED.findall(item["title"] or "")}
    out = []
    for other in audit.items:
        if other is item or other["consult"] and other["consult"].get("start"):
            continue
        if item["url"] in (other["doc_urls"] or []):
            out.append(other)
        elif names and FEEDBACK.search(other["title"] or "") and \
                names & {normal(n) for n in QUOTED.findall(other["title"] or "")}:
            out.append(other)
    return out


def missing_feedback(audit):
    limit = audit.param("days")
    for item, start, end in _consultations(audit):
        if not end:
            continue
        due = end + timedelta(days=limit)
        answers = _feedback_for(audit, item)
        dates = [d for d in (parse_day(a["published"] or a["created"]) for a in answers) if d]
        where = dict(url=item["url"], column_path=item["column_path"], index_no=item["index_no"])
        if dates and min(dates) <= due:
            continue
        if dates:
            first = min(dates)
            yield audit.finding(f"“{item['title']}”征求意见于{end}结束，意见采纳情况{first}才公布，晚于{limit}日",
                                feedback_url=answers[0]["url"], **where)
        elif audit.as_of > due:
            unproven = [(k, why) for (kind, k) in audit.lists if kind == "column"
                        for why in [audit.list_gap(kind, k)] if why]
            if unproven or audit.crawl_cut:   # the feedback may be on a page not seen
                key, why = unproven[0] if unproven else ("", audit.crawl_cut)
                yield audit.gap(f"“{item['title']}”的意见反馈", f"栏目“{key}”：{why}" if key else why, **where)
                continue
            yield audit.finding(f"“{item['title']}”征求意见于{end}结束，至检查日已{(audit.as_of - end).days}日，"
                                f"未找到意见采纳情况或反馈", **where)


rule("CONSULT-002", "征求意见后未反馈", "major", "公众参与", "D2019 第三十二条, N2017",
     requirement="征求意见结束后30日内应公布意见采纳情况", days=30)(missing_feedback)


def no_channel(audit):
    for item, _, _ in _consultations(audit):
        if not item["consult"].get("channels"):
            yield audit.finding(f"“{item['title']}”未写明意见提交渠道（地址、邮箱、电话或在线提交）",
                                url=item["url"], column_path=item["column_path"], index_no=item["index_no"])


rule("CONSULT-003", "征求意见未提供提交渠道", "minor", "公众参与", "D2019 第十五条",
     requirement="征求意见公告应写明通信地址、电子邮箱、电话或在线提交等意见提交方式")(no_channel)


def _interp_pairs(audit):
    """(document url, 解读 url, linked from document, linked from 解读)."""
    pairs: dict[tuple[str, str], list[bool]] = {}
    for item in audit.items:
        for u in item["interp_urls"] or []:
            pairs.setdefault((item["url"], u), [False, False])[0] = True
        if _is_interp(item):
            for u in item["doc_urls"] or []:
                pairs.setdefault((u, item["url"]), [False, False])[1] = True
    return pairs


def _is_interp(item) -> bool:
    return bool(INTERP.search(item["column_path"] or "") or INTERP.search(item["title"] or ""))


def missing_interpretation(audit):
    explained = {doc for doc, _ in _interp_pairs(audit)}
    watched = audit.param("columns")
    for item in audit.items:
        if any(c in (item["column_path"] or "") for c in watched) and not _is_interp(item) \
                and item["url"] not in explained:
            yield audit.finding(f"规范性文件“{item['title']}”没有政策解读", url=item["url"],
                                column_path=item["column_path"], index_no=item["index_no"])


rule("INTERP-001", "政策文件未解读", "major", "2.(4)", "国办发〔2016〕80号",
     requirement="规范性文件、重大政策应同步发布政策解读并相互链接", columns=["规范性文件"])(missing_interpretation)


def late_interpretation(audit):
    limit = audit.param("workdays")
    for doc_url, interp_url in _interp_pairs(audit):
        doc, interp = audit.items_by_url.get(doc_url), audit.items_by_url.get(interp_url)
        if not doc or not interp:
            continue
        d1, d2 = parse_day(doc["published"]), parse_day(interp["published"])
        if d1 and d2 and d2 > d1 and workdays_between(d1, d2) > limit:
            yield audit.finding(f"“{interp['title']}”发布于{d2}，文件“{doc['title']}”发布于{d1}，"
                                f"相隔{workdays_between(d1, d2)}个工作日", url=interp_url,
                                column_path=interp["column_path"], index_no=interp["index_no"], doc_url=doc_url)


rule("INTERP-002", "政策解读发布迟缓", "minor", "2.(4)", "local rules",
     requirement="政策解读应在文件公开后3个工作日内发布（可按本地规定调整）", workdays=3)(late_interpretation)


def one_way_links(audit):
    for (doc_url, interp_url), (from_doc, from_interp) in _interp_pairs(audit).items():
        doc, interp = audit.items_by_url.get(doc_url), audit.items_by_url.get(interp_url)
        if from_doc and not from_interp and interp:
            yield audit.finding(f"解读“{interp['title']}”页面没有链接回原文件（{doc_url}）", url=interp_url,
                                column_path=interp["column_path"], index_no=interp["index_no"])
        elif from_interp and not from_doc and doc:
            yield audit.finding(f"文件“{doc['title']}”页面没有链接到其解读（{interp_url}）", url=doc_url,
                                column_path=doc["column_path"], index_no=doc["index_no"])


rule("INTERP-003", "文件与解读未相互链接", "minor", "2.(4)", "I2019 practice",
     requirement="政策文件页应链接其解读，解读页应链接回原文件")(one_way_links)
