"""How completely each list was seen: the proof that absence rules need.

A rule that says an item is missing from a view, not synced, or that a column is stale or blank may
only fire where the list was seen whole. The gatherer records every page of every list it fetched
(`list_pages`: one row per page and way of fetching it, failures included) with what the page itself
announces — 共N页, 共N条, a script's page count, the 尾页 link — and at the end of the crawl
`summarise` folds them into one row per list (`lists`): pages announced and fetched, items announced
and seen, complete or not and why.

A list is complete when
- every page the crawler asked for answered with a success status (and, where the page needed a
  browser, the render succeeded),
- the page count it announces is matched by the pages fetched, and the item total it announces by the
  items seen, and
- no page shows a pager that could not be expanded (a 下一页 the crawler could not follow and no count).
"""
from __future__ import annotations

import re
from collections import defaultdict

from . import extract
from .extract.pagination import _COUNT_RE, _CREATE_PAGE_RE, _script_int
from .extract.urls import _INDEX_FILE_RE, _page_param

# 共5页 · 共 5 页 · 第1/5页 · 1/5页 · 页次：1/5
_PAGES_RE = re.compile(r"共\s*(\d{1,5})\s*页|第?\s*\d{1,5}\s*/\s*(\d{1,5})\s*页|页次\s*[：:]?\s*\d{1,5}\s*/\s*(\d{1,5})")
# 共47条 · 共有47条记录 · 总共 47 条 · 共47篇 — only next to a pager word (共30条措施 is prose)
_ITEMS_RE = re.compile(r"(?:共有?|总共|合计|总计|记录数\s*[：:]?)\s*(\d{1,6})\s*(?:条|篇|个|项)")
_PAGER_WORD_RE = re.compile(r"页|下一|上一|首页|尾页|末页|跳转")
_SCRIPT_ITEMS_RE = re.compile(
    r"""["']?\b(?:totalRecords?|totalCount|recordCount|totalNum|totalRows|totalSize|recordTotal|allCount)\b["']?"""
    r"""\s*[:=]\s*["']?(\d{1,6})\b""", re.I)
_NEXT_WORDS = frozenset({"下一页", "下页", "后一页", "下一頁"})


def pager_facts(tree, url: str, text: str, pages: list[str]) -> dict:
    """What a list page says about its list: {page_no, announced_pages, announced_items, unresolved}.

    `text` is the page's visible text and `pages` the other pages of the list the extractor found.
    `unresolved` is true when the page shows a way to a next page that nothing could expand.
    """
    announced_pages = None
    for m in _PAGES_RE.finditer(text):
        n = int(next(g for g in m.groups() if g))
        announced_pages = max(announced_pages or 0, n)
    announced_items = None
    for m in _ITEMS_RE.finditer(text):
        window = text[max(0, m.start() - 30):m.end() + 30]
        if _PAGER_WORD_RE.search(window.replace(m.group(0), "")):
            announced_items = max(announced_items or 0, int(m.group(1)))
    code = "\n".join(s.text for s in tree.iter("script") if s.text and not s.get("src"))
    for m in _SCRIPT_ITEMS_RE.finditer(code):
        announced_items = max(announced_items or 0, int(m.group(1)))
    for m in _CREATE_PAGE_RE.finditer(code):
        n = _script_int(m.group(1), code)
        announced_pages = max(announced_pages or 0, n or 0) or None
    for m in _COUNT_RE.finditer(code):
        announced_pages = max(announced_pages or 0, int(m.group(1)))
    numbers = [n for n in (extract.page_number(u) for u in pages) if n]
    if numbers:   # a link to page N (尾页 above all) proves the list goes at least that far
        announced_pages = max(announced_pages or 0, max(numbers))
    unresolved = not pages and ((announced_pages or 0) > 1 or _live_next(tree))
    return {"page_no": extract.page_number(url) or 1, "announced_pages": announced_pages,
            "announced_items": announced_items, "unresolved": unresolved}


def is_list_page(tree, listings) -> bool:
    """A page whose content is its list (not an article with a few related links): two entries or
    more, and no more body text than the entries' titles."""
    if len(listings) < 2:
        return False
    return len(extract.body_text(tree)) <= sum(len(li.title or "") for li in listings)


def first_page_no(url: str) -> int:
    """The page number of a list page reached as an ordinary link: from a page parameter or an
    index_N file name; otherwise 1 (a list's own URL such as /col/1234.html is its first page)."""
    pp = _page_param(url)
    if pp:
        return pp[1]
    m = _INDEX_FILE_RE.match(url.split("?")[0].rsplit("/", 1)[-1])
    return int(m.group(2)) + 1 if m and m.group(2) else 1


def _live_next(tree) -> bool:
    """A 下一页 control the page shows as live that no URL could be made of (a script link, a button)."""
    for el in tree.iter("a", "span", "button", "li", "input", "div"):
        label = (el.get("value") or "") if el.tag == "input" else "".join(el.itertext()).strip()
        if label not in _NEXT_WORDS:
            continue
        if "disabled" in (el.get("class") or "") or el.get("disabled") is not None:
            continue
        if el.get("onclick") or (el.tag == "a" and (el.get("href") or "").strip().lower().startswith("javascript")):
            return True
    return False


# ---- the end of a crawl: list_pages → lists -------------------------------------------------------

KIND_NAMES = {"column": "栏目列表", "view": "分类视图", "portal": "门户网站栏目"}


def summarise(snapshot) -> None:
    """Fold the run's `list_pages` into `lists` (one row per unit and list), with items seen from
    `listings`."""
    db = snapshot.db
    pages = defaultdict(list)
    for row in snapshot.rows("list_pages", order_by="id"):
        pages[(row["unit"], row["kind"], row["list_key"])].append(row)
    seen = _items_seen(db)
    db.execute("delete from lists")
    for (unit, kind, key), rows in pages.items():
        snapshot.add("lists", {"unit": unit, **judge(kind, key, rows, seen.get((unit, kind, key), 0))})
    snapshot.flush()


def _items_seen(db) -> dict:
    out = {}
    for unit, source, path, view, n in db.execute(
            "select unit, source, column_path, view, count(distinct url) from listings "
            "where source in ('list', 'view', 'portal') group by unit, source, column_path, view"):
        if source == "view":
            out[(unit, "view", view)] = n
        elif path:
            kind = "portal" if source == "portal" else "column"
            out[(unit, kind, path)] = out.get((unit, kind, path), 0) + n
    return out


def judge(kind: str, key: str, rows: list[dict], items_seen: int) -> dict:
    """One list's completeness from its page rows (pages told apart by page number, so page 1 reached
    as /col/ and as /col/index.html counts once)."""
    # a page's list is read when a page without script-drawn lists, a render or an API page was read
    read = {r["page_no"] for r in rows if r["ok"] and not r["needs_render"]}
    failed: dict[int, str] = {}
    for r in rows:
        if r["ok"] or r["page_no"] in read:
            continue
        why = r["error"] or (f"HTTP {r['status']}" if r["status"] else "未能读取")
        failed.setdefault(r["page_no"], f"{r['url']} 浏览器渲染失败（{why}）" if r["via"] == "browser"
                          else f"{r['url']}：{why}")
    unrendered = {r["page_no"] for r in rows if r["needs_render"]} - read - set(failed)
    announced_pages = max((r["announced_pages"] for r in rows if r["announced_pages"]), default=None)
    announced_items = max((r["announced_items"] for r in rows if r["announced_items"]), default=None)
    fetched = len(read)
    reasons = []
    if failed:
        first = [failed[n] for n in sorted(failed)[:3]]
        reasons.append(f"{len(failed)}个分页未能读取（{'；'.join(first)}）")
    if unrendered:
        reasons.append(f"{len(unrendered)}个分页需脚本加载列表但未能渲染")
    if announced_pages and fetched < announced_pages:
        reasons.append(f"页面显示共{announced_pages}页，只抓取到{fetched}页")
    if announced_items and items_seen < announced_items:
        reasons.append(f"页面显示共{announced_items}条，只见到{items_seen}条")
    if not announced_pages and fetched <= 1 and any(r["unresolved"] for r in rows if r["ok"]):
        reasons.append("列表有翻页控件，但无法识别其余分页")
    return {"kind": kind, "key": key, "column_path": key if kind != "view" else None,
            "view": key if kind == "view" else None, "first_url": rows[0]["url"],
            "announced_pages": announced_pages, "announced_items": announced_items, "fetched_pages": fetched,
            "failed_pages": len(failed), "items_seen": items_seen, "complete": int(not reasons),
            "reason": "；".join(reasons) or None}
