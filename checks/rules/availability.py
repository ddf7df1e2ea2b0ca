"""Availability and links (N2017 4.(1); P2015/I2019 网站可用性): AVAIL-001, LINK-001…004."""
from __future__ import annotations

from site_profiles import SITE_ROLES as SITE_NAMES   # 门户网站, 政府信息公开网, 手机版网站 …

from ..registry import rule

# links broken without a fetch: the crawler never follows them (crawler/spider.py follow_links)
UNFOLLOWABLE = {"file": "指向编辑人员电脑上的本地文件（file:），公众无法打开",
                "ftp": "使用浏览器已不再支持的ftp:协议，公众无法直接打开"}


def failure(outcome: dict | None, broken_status: tuple, url: str = "") -> str | None:
    """Why a URL counts as broken, or None (fine, never fetched, or only "needs review": 401/403/429
    are how firewalls answer crawlers, not proof that a link is dead). file: and ftp: links are
    broken without a fetch."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme in UNFOLLOWABLE:
        return UNFOLLOWABLE[scheme]
    if outcome is None or outcome.get("failure") == "crawler":
        return None   # never fetched, or our own failure (a dropped request, a render): not the site's
    status = outcome["status"]
    if status is None:
        return f"无法连接（{(outcome['error'] or '').split(':')[0] or '连接失败'}）"
    if status in broken_status or status >= 500:
        return f"返回HTTP {status}"
    return None


def site_unavailable(audit):
    """Every visit of a start URL counts: the spaced probes and the crawl's own visits (a request's
    last try only: a 503 that a retry got past is one visit that succeeded). One failed visit alone
    is not proof that a site cannot be opened: it takes `min_failures`."""
    for role, url in audit.sites:
        visits = [p for p in audit.probes if p["url"] == url]
        visits += _last_tries([f for f in audit.fetches.get(url, ()) if f["purpose"] == "crawl"
                               and f.get("failure") != "crawler"])
        failed = [v for v in visits if _visit_failed(v, audit.param("timeout_ms"))]
        if visits and len(failed) >= max(audit.param("min_failures"), audit.param("share") * len(visits)):
            first = failed[0]
            why = f"HTTP {first['status']}" if first.get("status") else (first.get("error") or "无响应").split(":")[0]
            if "ok" not in first and first.get("status") and first["status"] < 500:   # answered, but too late
                why += f"，{(first.get('elapsed_ms') or 0) / 1000:g}秒后才响应"
            yield audit.finding(f"{SITE_NAMES[role]}首页{len(visits)}次访问中{len(failed)}次失败（如：{why}），"
                                f"失败率{len(failed) / len(visits):.0%}", url=url, detail=role,
                                fetch_ids=[v["id"] for v in failed if "ok" not in v],
                                probes=[{"at": v["at"], "status": v["status"], "error": v["error"]}
                                        for v in failed if "ok" in v][:10])


rule("AVAIL-001", "网站无法访问", "veto", "4.(1)", "P2015, I2019",
     requirement="门户网站和政府信息公开网应能稳定访问，首页探测失败次数不得达到探测总数的5%",
     share=0.05, timeout_ms=15_000, min_failures=2)(site_unavailable)


def _last_tries(fetches: list[dict]) -> list[dict]:
    """The fetches that ended their request: a try followed by its retry is not an outcome."""
    return [f for f, after in zip(fetches, [*fetches[1:], None])
            if not (after and (after.get("attempt") or 0) == (f.get("attempt") or 0) + 1)]


def _visit_failed(visit: dict, timeout_ms: int) -> bool:
    if "ok" in visit:                       # a probe row
        return not visit["ok"]
    status = visit["status"]
    return status is None or status >= 500 or (visit.get("elapsed_ms") or 0) > timeout_ms


def _broken_links(audit, kind: str, what: str):
    seen = set()
    for link in audit.links:
        if link["kind"] != kind or link["to_url"] in seen:
            continue
        outcome = audit.outcome(link["to_url"])
        why = failure(outcome, tuple(audit.param("broken")), link["to_url"])
        if why:
            seen.add(link["to_url"])
            yield audit.finding(f"{what}“{link['anchor'] or link['to_url']}”{why}（所在页面：{link['from_url']}）",
                                url=link["to_url"], fetch_ids=[outcome["id"]] if outcome else [],
                                from_url=link["from_url"],
                                anchor=link["anchor"])


def broken_internal_links(audit):
    yield from _broken_links(audit, "internal", "内部链接")


rule("LINK-001", "内部链接失效", "minor", "4.(1)", "P2015 链接可用性",
     requirement="网站内的链接应能正常打开（404/410/5xx/无法连接为失效；401/403/429需人工复核）",
     broken=(404, 410))(broken_internal_links)


def broken_attachments(audit):
    yield from _broken_links(audit, "attachment", "附件")


rule("LINK-002", "附件无法下载", "major", "4.(1)", "P2015 附件下载",
     requirement="公开信息的附件应能正常下载", broken=(404, 410))(broken_attachments)


def broken_external_links(audit):
    yield from _broken_links(audit, "external", "外部链接")


rule("LINK-003", "外部链接失效", "minor", "4.(1)", "P2015",
     requirement="网站上的外部链接应能正常打开，失效的应及时更正或删除", broken=(404, 410))(broken_external_links)


def soft_404(audit):
    for role in ("portal", "disclosure"):
        home = audit.unit.get(role)
        if not home:
            continue
        host = home.split("/")[2]
        for url, tries in audit.fetches.items():
            last = tries[-1]
            if last["purpose"] == "soft404" and url.split("/")[2] == host and last["status"] == 200:
                yield audit.finding(f"{SITE_NAMES[role]}对不存在的页面（{url}）返回HTTP 200", url=home,
                                    detail=role, fetch_ids=[last["id"]], probe_url=url)
                break


rule("LINK-004", "不存在的页面返回200（软404）", "minor", "4.(1)", "practice (GSA 404 test)",
     requirement="访问不存在的页面应返回404状态码，而不是以200状态返回错误提示页")(soft_404)
