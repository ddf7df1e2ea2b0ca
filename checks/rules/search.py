"""Search and consistency (N2017 4.(3), 4.(1)): SRCH-001…003, CONS-001…002, SYNC-001."""
from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import urlsplit

from ..audit import parse_day
from ..registry import rule
from ..titles import cut as _cut, normal, same_title, truncated

VIEW_FIELDS = {"topic": "主题分类", "combo": "组配分类", "genre": "体裁分类", "audience": "服务对象"}


def _search_entry(audit):
    entries = [f for tries in audit.fetches.values() for f in tries if f["purpose"] == "search_entry"]
    return entries[-1] if entries else None


def _search_works(audit) -> bool:
    return any(p["status"] and p["status"] < 400 for p in audit.search_probes)


def no_search(audit):
    if not audit.reachable:
        return
    entry = _search_entry(audit)
    if entry is None and not audit.search_probes:
        yield audit.finding("政府信息公开网未提供站内检索（首页未找到检索入口）", url=audit.unit.get("disclosure"))
    elif not _search_works(audit):
        failed = [p for p in audit.search_probes if not (p["status"] and p["status"] < 400)]
        tries = [{"status": p["status"], "failure": (audit.outcome(p["search_url"]) or {}).get("failure")} for p in failed]
        if entry:
            tries.append({"status": entry["status"], "failure": entry.get("failure")})
        if not any(t["status"] or t["failure"] == "site" for t in tries):   # the site never answered us
            yield audit.gap("站内检索", "检索请求未能发出或被抓取程序中断，网站未作应答",
                            url=entry["url"] if entry else audit.unit.get("disclosure"), detail="entry")
            return
        status = entry["status"] if entry else (failed[0]["status"] if failed else None)
        why = f"返回HTTP {status}" if status else "无法连接"
        yield audit.finding(f"站内检索{why}（测试{len(audit.search_probes)}次均失败）",
                            url=entry["url"] if entry else audit.unit.get("disclosure"),
                            fetch_ids=[entry["id"]] if entry else ())


rule("SRCH-001", "站内检索不可用", "major", "4.(3)", "N2017 4.(3), R2019 第二十四条",
     requirement="政府信息公开网应提供可用的站内检索")(no_search)


def _probes_by_item(audit) -> dict[str, list[dict]]:
    out = defaultdict(list)
    for p in audit.search_probes:
        out[p["item_url"]].append(p)
    return out


def _misleading(audit, item, probe) -> dict | None:
    """A result carrying the item's title but leading to another page (not an item of that title)."""
    for r in probe["results"] or []:
        if r["url"] != item["url"] and normal(r["title"]) == normal(item["title"]):
            other = audit.items_by_url.get(r["url"])
            if other is None or normal(other["title"]) != normal(item["title"]):
                return r
    return None


def not_found_by_search(audit):
    if not _search_works(audit):
        return   # SRCH-001
    sampled = _probes_by_item(audit)
    unanswered = []
    for url, probes in sampled.items():
        item = audit.items_by_url.get(url)
        if item is None or any(p["found"] for p in probes):
            continue
        if any(_misleading(audit, item, p) for p in probes):
            continue   # SRCH-003
        if not any(_answered(p) for p in probes):
            unanswered.append(item)   # absence needs proof: the site must have answered the search
            continue
        tried = "、".join(f"{'标题' if p['by'] == 'title' else '文号'}“{p['query']}”" for p in probes)
        yield audit.finding(f"按{tried}检索均查不到“{item['title']}”（本单位抽查{len(sampled)}条信息）",
                            url=url, column_path=item["column_path"], index_no=item["index_no"],
                            search_urls=[p["search_url"] for p in probes])
    if unanswered:
        yield audit.gap("站内检索", f"{len(unanswered)}条抽查信息的检索请求未得到网站应答",
                        url=audit.unit.get("disclosure"), detail="unanswered",
                        items=[i["url"] for i in unanswered[:20]])


rule("SRCH-002", "站内检索查不到信息", "major", "4.(3)", "N2017 4.(3)",
     requirement="用信息标题（或文号）在站内检索应能查到该信息")(not_found_by_search)


def _answered(probe) -> bool:
    """The site answered the search with a page we could read."""
    return bool(probe["status"]) and probe["status"] < 400 and not probe["error"]


def misleading_results(audit):
    for url, probes in _probes_by_item(audit).items():
        item = audit.items_by_url.get(url)
        if item is None:
            continue
        for p in probes:
            r = _misleading(audit, item, p)
            if r:
                yield audit.finding(f"检索“{p['query']}”的结果中，标题为“{r['title']}”的条目链接到{r['url']}，而该信息位于{url}",
                                    url=url, column_path=item["column_path"], index_no=item["index_no"],
                                    search_url=p["search_url"])
                break


rule("SRCH-003", "检索结果指向其他内容", "major", "4.(3)", "N2017 4.(3)",
     requirement="检索结果应指向该信息本身，标题与链接内容一致")(misleading_results)


def missing_from_views(audit):
    members = defaultdict(set)                       # view key → urls listed there
    labels = defaultdict(set)                        # view key → the view labels it was listed under
    for li in audit.listings:
        if li["source"] == "view" and li["view"]:
            members[_view_key(li["view"])].add(li["url"])
            labels[_view_key(li["view"])].add(li["view"])
    if not members:
        return
    fixed = {c["path"] for c in audit.columns if c["fixed"]}
    unproven = defaultdict(list)                     # view label → items it may still list
    for item in audit.items:
        if item["column_path"] in fixed:
            continue   # 指南, 制度, 年报 sit beside the catalog that the views classify
        for field, dim in VIEW_FIELDS.items():
            value = (item[field] or "").strip()
            if not value:
                continue
            key = (dim, normal(value))
            if key not in members or item["url"] in members[key]:
                continue
            # absence needs proof: the view must have been seen whole
            gaps = [(label, audit.list_gap("view", label)) for label in sorted(labels[key])]
            gaps = [(label, why) for label, why in gaps if why]
            if gaps:
                unproven[gaps[0]].append(item)
                continue
            yield audit.finding(f"“{item['title']}”标注{dim}为“{value}”，但该分类下查不到此信息",
                                url=item["url"], column_path=item["column_path"], index_no=item["index_no"],
                                detail=dim, view=f"{dim}/{value}")
    for (label, why), items in unproven.items():
        row = audit.lists.get(("view", label)) or {}
        yield audit.gap(f"分类视图“{label}”", f"{why}；其中{len(items)}条按元数据应列入的信息是否列入无法确认",
                        url=row.get("first_url"), detail=label, view=label,
                        items=[i["url"] for i in items[:20]])


rule("CONS-001", "分类视图中缺少信息", "major", "4.(3)", "N2017 4.(3)",
     requirement="信息应出现在其元数据所标注的每个分类（主题、组配、体裁、服务对象）下，同一信息各分类检测结果一致")(missing_from_views)


def _view_key(view: str) -> tuple[str, str]:
    dim, _, value = view.partition("/")
    dim = re.sub(r"^按", "", dim.strip())
    return dim, normal(value)


SOURCE_NAMES = {"list": "栏目列表", "view": "分类视图", "search": "检索结果", "home": "首页", "portal": "门户网站"}


def inconsistent_views(audit):
    shown_in = defaultdict(list)
    for li in audit.listings:
        shown_in[li["url"]].append((li["source"], li["view"], li["source_url"], li["title_attr"] or li["title"],
                                    li["date"], li["index_no"]))
    for p in audit.search_probes:
        probed = audit.items_by_url.get(p["item_url"])
        for r in p["results"] or []:
            if probed and r["url"] != p["item_url"] and normal(r["title"]) == normal(probed["title"]):
                continue   # the searched item's title leading elsewhere: SRCH-003
            shown_in[r["url"]].append(("search", None, p["search_url"], r["title"], r["date"], None))
    for item in audit.items:
        published = item["published"]   # an unreadable date is FRESH-005's, not a mismatch
        for source, view, where, title, day, index_no in shown_in.get(item["url"], ()):
            diff = None
            if not same_title(title, item["title"]):
                diff = f"标题为“{title}”，详情页为“{item['title']}”"
            elif day and published and parse_day(day) and day != published:
                diff = f"日期为{day}，详情页为{published}"
            elif index_no and item["index_no"] and normal(index_no) != normal(item["index_no"]):
                diff = f"索引号为{index_no}，详情页为{item['index_no']}"
            if diff:
                place = SOURCE_NAMES.get(source, source) + (f"“{view}”" if view else "")
                yield audit.finding(f"“{item['title']}”在{place}（{where}）中{diff}", url=item["url"],
                                    column_path=item["column_path"], index_no=item["index_no"],
                                    fetch_ids=[item["fetch_id"]], shown_at=where)
                break


rule("CONS-002", "同一信息在不同位置显示不一致", "major", "4.(3)", "N2017 4.(3)",
     requirement="同一信息在列表、分类视图、检索结果和详情页中的标题、日期、索引号应一致")(inconsistent_views)


def not_on_portal(audit):
    if audit.profile.get("sync"):
        yield from not_in_paired_column(audit)
        return
    portal_host = urlsplit(audit.unit.get("portal") or "").netloc
    # the portal's lists and its home page's blocks (the disclosure home's blocks are not the portal);
    # a portal entry linking straight to the disclosure item is the item on the portal
    portal = [li for li in audit.listings if li["source"] == "portal" or li["source"] == "home" and portal_host
              and urlsplit(li["source_url"] or "").netloc == portal_host]
    if not portal or not audit.portal_reachable:
        return
    # absence needs proof: every list of the portal seen whole
    unproven = [(key, audit.list_gap(kind, key)) for kind, key in audit.lists if kind == "portal"]
    unproven = [(key, why) for key, why in unproven if why]
    watched = audit.param("columns")
    if unproven:
        candidates = [i for i in audit.items if any(c in (i["column_path"] or "") for c in watched)]
        if candidates:
            key, why = unproven[0]
            more = f"等{len(unproven)}个栏目" if len(unproven) > 1 else ""
            yield audit.gap(f"门户网站栏目“{key}”{more}", f"{why}；{len(candidates)}条政策文件是否同步无法确认",
                            url=audit.unit.get("portal"), detail="portal",
                            lists=[k for k, _ in unproven[:10]])
        return
    on_portal = {normal(li["title_attr"] or li["title"]) for li in portal}
    linked = {li["url"] for li in portal}
    prefixes = [_cut(t) for t in on_portal if truncated(t)]
    for item in audit.items:
        path = item["column_path"] or ""
        if not any(c in path for c in watched):
            continue
        title = normal(item["title"])
        if item["url"] in linked or title in on_portal or any(p and title.startswith(p) for p in prefixes):
            continue
        yield audit.finding(f"“{item['title']}”只在政府信息公开网发布，门户网站未同步", url=item["url"],
                            column_path=path, index_no=item["index_no"])


def not_in_paired_column(audit):
    """The unit's profile pairs columns (`sync: [{portal: 政策文件, disclosure: 政策文件/规范性文件}]`):
    each item of the disclosure column must be in its portal column, whose list was seen whole."""
    if not audit.portal_reachable:
        return
    for pair in audit.profile["sync"]:
        portal_col, disclosure_col = pair["portal"], pair["disclosure"]
        items = [i for i in audit.items if disclosure_col in (i["column_path"] or "")]
        if not items:
            continue
        keys = [key for kind, key in audit.lists if kind == "portal" and portal_col in (key or "")]
        unproven = [(key, audit.list_gap("portal", key)) for key in keys]
        unproven = [(key, why) for key, why in unproven if why]
        if not keys or unproven:
            why = unproven[0][1] if unproven else "门户网站上未找到该栏目的列表"
            yield audit.gap(f"门户网站栏目“{portal_col}”", f"{why}；{len(items)}条“{disclosure_col}”信息是否同步无法确认",
                            url=audit.unit.get("portal"), detail=f"sync:{portal_col}")
            continue
        shown = [li for li in audit.listings if li["source"] == "portal" and portal_col in (li["column_path"] or "")]
        titles = {normal(li["title_attr"] or li["title"]) for li in shown}
        linked = {li["url"] for li in shown}
        prefixes = [_cut(t) for t in titles if truncated(t)]
        for item in items:
            title = normal(item["title"])
            if item["url"] in linked or title in titles or any(p and title.startswith(p) for p in prefixes):
                continue
            yield audit.finding(f"“{item['title']}”在政府信息公开网“{disclosure_col}”发布，门户网站“{portal_col}”未同步",
                                url=item["url"], column_path=item["column_path"], index_no=item["index_no"])


rule("SYNC-001", "政策文件未同步发布到门户网站", "major", "4.(1)", "N2017 4.(1) 同步推送",
     requirement="政策文件等信息应同步推送到政府门户网站和政府信息公开网",
     columns=["政策文件", "政策法规"])(not_on_portal)
