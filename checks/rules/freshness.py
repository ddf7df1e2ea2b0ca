"""Updates and timeliness (N2017 3.(3); P2015/I2019 信息更新): FRESH-001…005."""
from __future__ import annotations

from crawler.dates import parse_date
from site_profiles import SITE_ROLES

from ..audit import parse_day
from ..catalog_tree import column_class, leaves
from ..registry import rule
from ..workdays import REGULATION_2019, workdays_between

CLASS_NAMES = {"news": "动态要闻类", "notice": "通知公告、政策文件类", "yearly": "年度类"}


def listing_date(listing: dict, as_of):
    """The date a list shows; a year-less 09-25 is the latest such day not after as-of."""
    day = parse_day(listing["date"])
    if day or not listing["date_text"]:
        return day
    found = parse_date(listing["date_text"], default_year=as_of.year)
    if not found or found > as_of:   # after as-of, or no such day this year (02-29): last year's
        found = parse_date(listing["date_text"], default_year=as_of.year - 1)
    return found


def homepage_not_updated(audit):
    yield from portal_home_not_updated(audit)
    yield from other_homes_not_updated(audit, audit.param("days"))


def portal_home_not_updated(audit):
    home = audit.unit.get("portal")
    if not home:
        return
    if not audit.portal_reachable:
        yield audit.gap("门户网站首页", "首页未能读取", url=home, detail="home")
        return
    homes = audit.home_urls("portal")   # the home as read, after a redirect of / to /index.html
    shown = [li for li in audit.listings if li["source_url"] in homes and li["source"] == "home"]
    # title-like links on the homepage that no dated list entry covers: items shown without a date
    dated = {li["url"] for li in shown}
    undated = [link for link in audit.links if link["from_url"] in homes and link["kind"] == "internal"
               and len(link["anchor"] or "") >= 8 and link["to_url"] not in dated]
    if not shown and not undated:   # a homepage of navigation only: its second-level columns count
        shown = [li for li in audit.listings if li["source"] == "portal"]
    dates = [d for d in (listing_date(li, audit.as_of) for li in shown) if d and d <= audit.as_of]
    newest = max(dates, default=None)
    limit = audit.param("days")
    if newest and (audit.as_of - newest).days <= limit:
        return
    if newest:
        why = f"首页最新信息日期为{newest}，距检查日{(audit.as_of - newest).days}天"
    elif shown or undated:
        why = f"首页列出的{len(shown) + len(undated)}条信息均未显示日期"
    else:
        why = "首页及其栏目没有列出任何信息"
    yield audit.finding(f"门户网站首页{limit}天内无更新：{why}", url=home)


def other_homes_not_updated(audit, limit: int):
    """The unit's other sites (mobile, department, service) whose home lists items: judged as the
    portal's home is. One whose home shows no list (or was not read) is not judged: nothing proves
    it stale."""
    for role, home in audit.sites:
        if role in ("portal", "disclosure"):
            continue
        homes = audit.home_urls(role)
        shown = [li for li in audit.listings if li["source_url"] in homes and li["source"] == "home"]
        if not shown:
            continue
        dates = [d for d in (listing_date(li, audit.as_of) for li in shown) if d and d <= audit.as_of]
        newest = max(dates, default=None)
        if newest and (audit.as_of - newest).days <= limit:
            continue
        why = (f"首页最新信息日期为{newest}，距检查日{(audit.as_of - newest).days}天" if newest
               else f"首页列出的{len(shown)}条信息均未显示日期")
        yield audit.finding(f"{SITE_ROLES[role]}首页{limit}天内无更新：{why}", url=home, detail=role)


rule("FRESH-001", "首页长期未更新", "veto", "3.(3)", "P2015, I2019",
     requirement="门户网站首页应在检查日前14天内有新发布的信息（不显示日期的信息视为未更新）", days=14)(homepage_not_updated)


def newest_dates(audit) -> dict[str, object]:
    """The newest date of each column: the latest its list shows (a year-less 09-25 read as the
    latest such day not after as-of), else the latest publication date of its items."""
    listed, published = {}, {}
    for li in audit.listings:
        day = listing_date(li, audit.as_of) if li["source"] == "list" else None
        if day:
            listed[li["column_path"]] = max(day, listed.get(li["column_path"], day))
    for item in audit.items:
        day = parse_day(item["published"])
        if day:
            published[item["column_path"]] = max(day, published.get(item["column_path"], day))
    return {**published, **listed}


def stale_columns(audit):
    rubric = audit.spec.rubric
    stale = []
    listed = newest_dates(audit)
    for col in leaves(audit.columns):
        cls = column_class(col["path"], rubric)
        limit = rubric.limits.get(cls)
        if not limit or not col["item_count"]:
            continue
        newest = max(filter(None, (parse_day(col["newest_date"]), listed.get(col["path"]))), default=None)
        if newest is None:   # nothing dated to judge by: a person looks, we do not guess
            yield audit.gap(f"栏目“{col['path']}”列表", "列表和信息页都没有可读的日期，无法判断是否按期更新",
                            url=col["url"], column_path=col["path"], detail="undated")
            continue
        age = (audit.as_of - newest).days
        if age > limit:
            why = audit.list_gap("column", col["path"])
            if why:   # a newer item may sit on a page not seen: absence needs proof
                yield audit.gap(f"栏目“{col['path']}”列表", why, url=col["url"], column_path=col["path"])
                continue
            stale.append((col, cls, newest, age, limit))
    urgent = sum(1 for s in stale if s[1] in ("news", "notice"))
    veto = urgent >= audit.param("veto_urgent") or len(stale) >= audit.param("veto_any")
    for col, cls, newest, age, limit in stale:
        tail = f"；本单位共{len(stale)}个栏目超期（其中动态、通知政策类{urgent}个），达到单项否决标准" if veto else ""
        yield audit.finding(f"栏目“{col['path']}”（{CLASS_NAMES[cls]}，时限{limit}天）最新信息为{newest}，"
                            f"已{age}天未更新{tail}", url=col["url"], column_path=col["path"],
                            severity="veto" if veto else None)


rule("FRESH-002", "栏目未按期更新", "major", "3.(3)", "P2015, I2019",
     requirement="动态要闻类栏目14天内、通知公告与政策文件类栏目6个月内、年度类栏目1年内应有更新；"
                 "动态和通知政策类超期栏目达5个、或应更新栏目超期达10个的单项否决",
     veto_urgent=5, veto_any=10)(stale_columns)


def blank_columns(audit):
    rubric = audit.spec.rubric
    blank = []
    for col in leaves(audit.columns):
        if col["fixed"] in ("guide", "apply") or col["item_count"] != 0:
            continue   # fixed pages are checked by GUIDE/APPLY; None: not a list we could count
        cls = column_class(col["path"], rubric)
        text = audit.page_text(col["url"])
        if cls == "static" and not _says_empty(text):
            continue   # 机构职能 and the like are often one page of text, not a list
        why = audit.list_gap("column", col["path"])
        if why:   # its list may come from a page or a script not seen: absence needs proof
            yield audit.gap(f"栏目“{col['path']}”列表", why, url=col["url"], column_path=col["path"])
            continue
        blank.append(col)
    veto = len(blank) >= audit.param("veto_count")
    for col in blank:
        tail = f"；本单位共{len(blank)}个空栏目，达到单项否决标准" if veto else ""
        yield audit.finding(f"栏目“{col['path']}”没有任何信息{tail}", url=col["url"], column_path=col["path"],
                            severity="veto" if veto else None)


rule("FRESH-003", "栏目无内容", "major", "3.(3)", "P2015, I2019",
     requirement="栏目应有内容，不得“有栏目无内容”；空栏目达5个的单项否决", veto_count=5)(blank_columns)


def _says_empty(text: str) -> bool:
    return any(w in (text or "") for w in ("暂无", "没有相关", "无相关信息", "正在建设", "建设中"))


def disclosed_late(audit):
    limit = audit.param("workdays")
    reports = {c["path"] for c in audit.columns if c["fixed"] == "annual"}
    for item in audit.items:
        if item["column_path"] in reports or item["report_year"]:
            continue   # annual reports have their own deadline (REPORT-002)
        created, published = parse_day(item["created"]), parse_day(item["published"])
        if not created or not published or published <= created or published > audit.as_of:
            continue
        if (published - created).days <= limit:   # cannot exceed: cheap skip
            continue
        n = workdays_between(created, published)
        if n > limit:
            law = "《政府信息公开条例》（2019年修订）第二十六条" if published >= REGULATION_2019 else "《政府信息公开条例》（2007年）第十八条"
            yield audit.finding(f"“{item['title']}”生成日期{created}，发布日期{published}，相隔{n}个工作日（适用{law}）",
                                url=item["url"], column_path=item["column_path"], index_no=item["index_no"],
                                fetch_ids=[item["fetch_id"]])


rule("FRESH-004", "信息公开超过法定时限", "major", "3.(3)", "R2007 第十八条, R2019 第二十六条",
     requirement="政府信息应自形成或变更之日起20个工作日内予以公开", workdays=20)(disclosed_late)


def bad_dates(audit):
    for item in audit.items:
        published = parse_day(item["published"])
        raw = (item["published_text"] or "").strip()
        where = dict(url=item["url"], column_path=item["column_path"], index_no=item["index_no"],
                     fetch_ids=[item["fetch_id"]])
        if published and published > audit.as_of:
            yield audit.finding(f"“{item['title']}”发布日期为{published}，晚于检查日{audit.as_of}", severity="major", **where)
        elif not published and raw:
            yield audit.finding(f"“{item['title']}”的发布日期“{raw}”无法识别为有效日期", excerpt=raw, **where)
        elif not published and not parse_day(item["created"]):
            yield audit.finding(f"“{item['title']}”没有发布日期", **where)


rule("FRESH-005", "发布日期缺失、无法识别或晚于检查日", "minor", "3.(3)", "I2019",
     requirement="每条信息应标注真实、有效的发布日期；伪造发稿日期（日期晚于实际）属严重问题")(bad_dates)
