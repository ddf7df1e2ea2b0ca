"""Annual reports, the guide, on-request disclosure (N2017 2.(2)(9), 3.(4)):
REPORT-001…002, GUIDE-001…003, APPLY-001."""
from __future__ import annotations

import re
from datetime import date

from ..audit import parse_day
from ..registry import rule
from ..workdays import REGULATION_2019
from .catalog import catalog_unproven, fixed_kind


def report_deadline(year: int, unit_type: str, dept_types) -> date:
    """Due date of the annual report on `year`: 03-31 of the next year; 01-31 for county-and-above
    departments from the 2019 report on (R2019 第四十九条)."""
    if year >= 2019 and unit_type in dept_types:
        return date(year + 1, 1, 31)
    return date(year + 1, 3, 31)


def _annual_column(audit):
    return next((c for c in audit.columns if c["fixed"] == "annual"), None)


def _reports(audit) -> dict[int, dict]:
    out = {}
    for item in audit.items:
        if item["report_year"]:
            out.setdefault(item["report_year"], item)
    return out


def missing_report(audit):
    if not audit.reachable:
        yield audit.site_gap()
        return
    year = audit.as_of.year - 1
    while report_deadline(year, audit.type.id, audit.param("dept_types")) >= audit.as_of:
        year -= 1
    if year in _reports(audit):
        return
    col = _annual_column(audit)
    deadline = report_deadline(year, audit.type.id, audit.param("dept_types"))
    why = audit.list_gap("column", col["path"]) if col else catalog_unproven(audit, lambda t: fixed_kind(t) == "annual")
    if why:   # the report may sit on a page of the 年报 list that was not seen
        yield audit.gap(f"{year}年度报告（{col['path'] if col else '信息公开年报'}）", why,
                        url=col["url"] if col else audit.unit.get("disclosure"),
                        column_path=col["path"] if col else "信息公开年报", detail=str(year))
        return
    yield audit.finding(f"截至{audit.as_of}未找到{year}年度政府信息公开工作年度报告（应于{deadline}前公布）",
                        url=col["url"] if col else audit.unit.get("disclosure"),
                        column_path=col["path"] if col else "信息公开年报", detail=str(year))


rule("REPORT-001", "未按时发布年度报告", "major", "2.(9)", "R2007 第三十一条, R2019 第四十九条",
     requirement="行政机关应在每年3月31日前（县级以上政府部门自2019年度报告起为1月31日前）公布上一年度政府信息公开工作年度报告",
     administrative_only=True, dept_types=["dept", "key_dept"])(missing_report)


def late_report(audit):
    for year, item in sorted(_reports(audit).items()):
        published = parse_day(item["published"])
        deadline = report_deadline(year, audit.type.id, audit.param("dept_types"))
        if published and published > deadline:
            yield audit.finding(f"{year}年度报告“{item['title']}”于{published}发布，晚于{deadline}",
                                url=item["url"], column_path=item["column_path"], index_no=item["index_no"])


rule("REPORT-002", "年度报告发布迟延", "minor", "2.(9)", "R2007 第三十一条, R2019 第四十九条",
     requirement="年度报告应在法定期限内公布", administrative_only=True, dept_types=["dept", "key_dept"])(late_report)


def _guide(audit):
    return next((c for c in audit.columns if c["fixed"] == "guide"), None)


def guide_text(audit, col) -> str:
    """The guide's own text: the guide page after its breadcrumb, or the guide items' bodies."""
    bodies = [i["body"] for i in audit.items if i["column_path"] == col["path"] and i["body"]]
    if bodies:
        return "\n".join(bodies)
    text = audit.page_text(col["url"])
    at = text.find("位置")
    return text[at:] if at >= 0 else text


def missing_guide(audit):
    if not audit.reachable:
        yield audit.site_gap()
    elif _guide(audit) is None:
        why = catalog_unproven(audit, lambda t: fixed_kind(t) == "guide")
        if why:
            yield audit.gap("信息公开指南", why, url=audit.unit.get("disclosure"), column_path="信息公开指南")
        else:
            yield audit.finding("未找到政府信息公开指南", url=audit.unit.get("disclosure"), column_path="信息公开指南")


rule("GUIDE-001", "缺少信息公开指南", "major", "2.(2)", "R2019 第十二条",
     requirement="行政机关应编制并公布政府信息公开指南", administrative_only=True)(missing_guide)


GUIDE_TOPICS = {   # what the guide must cover → words that show it does
    "信息分类": ("分类",), "编排体系": ("编排",), "获取方式": ("获取方式", "获取"),
    "机构名称": ("机构名称", "受理机构", "工作机构"), "办公地址": ("办公地址", "地址"),
    "办公时间": ("办公时间",), "联系电话": ("联系电话", "电话"), "传真": ("传真",),
}
ONLINE_2019 = ("互联网联系方式", ("互联网联系方式", "电子邮箱", "网址", "邮箱"))
EMAIL_2007 = ("电子邮箱", ("电子邮箱", "邮箱", "Email", "E-mail"))


def incomplete_guide(audit):
    col = _guide(audit)
    if col is None:
        return
    text = guide_text(audit, col)
    topics = dict(GUIDE_TOPICS)
    name, words = ONLINE_2019 if audit.as_of >= REGULATION_2019 else EMAIL_2007
    topics[name] = words
    lacking = [t for t, words in topics.items() if not any(w in text for w in words)]
    if lacking:
        yield audit.finding(f"信息公开指南缺少{'、'.join(lacking)}", url=col["url"], column_path=col["path"])


rule("GUIDE-002", "信息公开指南内容不全", "minor", "2.(2)", "R2007 第十九条, R2019 第十二条",
     requirement="指南应包括信息分类、编排体系、获取方式，以及工作机构名称、办公地址、办公时间、联系电话、传真、"
                 "互联网联系方式（2019年5月15日前为电子邮箱）", administrative_only=True)(incomplete_guide)


OLD_LIMIT = re.compile(r"15\s*个工作日")


def outdated_guide(audit):
    col = _guide(audit)
    if col is None or audit.as_of < REGULATION_2019:
        return
    text = guide_text(audit, col)
    m = OLD_LIMIT.search(text)
    if m:
        yield audit.finding("信息公开指南仍写明“15个工作日”内答复", url=col["url"], column_path=col["path"],
                            excerpt=text[max(0, m.start() - 60):m.end() + 20])


rule("GUIDE-003", "指南仍写旧的答复期限", "minor", "2.(2)", "R2019 第三十三条",
     requirement="2019年5月15日起依申请公开的答复期限为20个工作日，指南应相应修改", administrative_only=True)(outdated_guide)


APPLY_WAYS = re.compile(r"申请表|在线申请|网上申请|申请方式|提出申请|信函|当面提交|当面递交|申请指南|申请流程")


def no_apply_channel(audit):
    if not audit.reachable:
        yield audit.site_gap()
        return
    col = next((c for c in audit.columns if c["fixed"] == "apply"), None)
    if col is None:
        why = catalog_unproven(audit, lambda t: fixed_kind(t) == "apply")
        if why:
            yield audit.gap("依申请公开", why, url=audit.unit.get("disclosure"), column_path="依申请公开")
            return
        yield audit.finding("未找到依申请公开栏目或申请渠道", url=audit.unit.get("disclosure"), column_path="依申请公开")
        return
    text = guide_text(audit, col)
    if not APPLY_WAYS.search(text):
        yield audit.finding("依申请公开栏目没有申请指南、申请表或在线申请", url=col["url"], column_path=col["path"],
                            excerpt=text[:200])


rule("APPLY-001", "无依申请公开渠道", "major", "3.(4)", "N2017 2.(2), 3.(4)",
     requirement="应提供依申请公开的办理指南、申请表或在线申请渠道", administrative_only=True)(no_apply_channel)
