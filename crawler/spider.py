"""The gathering spider: every unit's portal and disclosure site into the run's snapshot.

One spider crawls all units of a program (Scrapy keeps per-host politeness). Pages are fetched
statically; a page is rendered in Chromium only when it needs it (its lists come from scripts), and
the JSON its scripts fetch is captured so later pages of the same API are fetched without a browser.
A single-page application's shell (an empty mount element and script files) is rendered like such a
page; its search page is rendered once to learn the JSON search API, then probes ask that API directly.
ASP.NET lists paged by ``__doPostBack`` are followed without a browser: the page's form is POSTed
with __EVENTTARGET/__EVENTARGUMENT set, once per page (`extract.postback_pages`); a search that is
only a POST form is sent as that POST with its hidden fields and button (`extract.search_post_form`).
Extraction keys on standard labels and structure (`extract.py`), never on a site's class names.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import random
import re
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

import lxml.html
import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import HtmlResponse, TextResponse
from scrapy_playwright.page import PageMethod

from . import attachment_text, extract
from .completeness import first_page_no, is_list_page, pager_facts
from .dates import all_dates, find_date_text, parse_date
from .failures import who_failed
from .guard import AddressGuard, BrowserGuard
from .middlewares import first_url, redirect_chain, request_fp
from .probe_feed import ProbeFeed
from .scope import Scope

logger = logging.getLogger(__name__)

ITEM_FIELDS = ("index_no", "publisher", "created", "published", "doc_no", "topic")
VIEW_LABELS = re.compile(r"(主题|体裁|组配|服务对象|信息|内容)分类|服务对象")
INTERP_LABEL = re.compile(r"解读")
DOC_LABEL = re.compile(r"原文件|相关文件|原文|政策文件|原征求意见稿|征求意见稿")
FIXED = [("guide", re.compile(r"信息公开指南")), ("system", re.compile(r"信息公开制度")),
         ("annual", re.compile(r"信息公开(工作)?(年报|年度报告)")), ("apply", re.compile(r"依申请公开"))]
NETWORK_SCRIPT = re.compile(r"\bfetch\(|XMLHttpRequest|\$\.(ajax|get|post|getJSON)\b|axios\.|\.load\(")
MEDIA_TEXT = re.compile(r"微博|微信|公众号")
MEDIA_HOSTS = ("weibo.com", "weibo.cn", "mp.weixin.qq.com")
PAGE_PARAMS = ("page", "pageNo", "pageIndex", "currPage", "pn", "p", "pageNum", "current")
REPORT_TITLE = re.compile(r"(\d{4})\s*年(度)?.{0,30}?政府信息公开.{0,6}?(年度)?报告")
CONSULT_PERIOD = re.compile(r"(?:征求意见|意见征集|反馈)(?:时间|期限|截止)?[^。]{0,12}?"
                            r"(\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?)\s*(?:起)?\s*(?:至|到|—|－|-|~)\s*"
                            r"(\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?|\d{1,2}\s*月\s*\d{1,2}\s*日)")
CHANNEL = re.compile(r"(通信地址|通讯地址|邮寄地址|地址|电子邮箱|电子邮件|邮箱|联系电话|电话|传真|在线提交|网址|网上留言)"
                     r"[：:]\s*([^；;。\n]{2,80})")
TEXT_CAP = 100_000
# Statuses the callbacks see as answers; redirects (301/302/303/307/308) are followed by Scrapy and
# recorded as the fetch's chain.
ANSWERED_STATUSES = [300, 304, 305, 306, *range(400, 600)]
# breadcrumb roots that name the site, not a column: 政府信息公开, 信息公开网, 政务公开专栏 …
SITE_ROOT = re.compile(r"^(政府|政务)?信息公开(网|平台|专栏|专题)?$|^政务公开(专栏|专题)?$"
                       r"|政府信息公开(网|平台|专栏)?$|信息公开(网|平台)$")


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def strip_tags(text: str) -> str:
    if "<" not in text:
        return text.strip()
    return lxml.html.fromstring(f"<div>{text}</div>").text_content().strip()


def canonical(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))


class GatherSpider(scrapy.Spider):
    name = "zwgk"

    def __init__(self, program, units, snapshot, warc, replay=None, **kwargs):
        super().__init__(**kwargs)
        self.replay = replay   # a resumed crawl's recorded answers (crawler/resume.py), or None
        self.program, self.units = program, {u.id: u for u in units}
        self.snapshot, self.warc = snapshot, warc
        self.scope = Scope()
        for u in units:
            starts = [x for x in (u.portal, u.disclosure) if x]
            self.scope.add_unit(u.id, u.hosts, starts, (u.overrides or {}).get("scope", ()))
        self.guard = AddressGuard({u.id: [x for x in (u.portal, u.disclosure) if x] for u in units})
        self.counters: dict[str, Counter] = defaultdict(Counter)
        self.status: dict[str, str] = {}
        self.home_ok: dict[str, set] = defaultdict(set)
        self._fetch_id = replay.last_id if replay else 0
        self.search_templates: dict[str, str] = {}
        self.search_posts: dict[str, dict] = {}      # unit → its POST search form (search_post_form)
        self.search_apis: dict[str, str] = {}        # unit → JSON search URL template, "learning" or "" (none)
        self.search_waiting: dict[str, list] = defaultdict(list)   # probes waiting for that
        self.searched: set[str] = set()
        self.probe_feeds: dict[str, ProbeFeed] = {}   # unit → its search probes, sent a few at a time
        self.pending_probe_rounds = 0
        self.columns_seen: set[tuple[str, str]] = set()
        self.links_seen: set[tuple[str, str]] = set()
        self.blocked_seen: set[tuple[str, str]] = set()   # (unit, URL) a rendered page was refused
        self.fixed_links: dict[str, str] = {}       # URL → fixed-entry name a navigation link gave it
        self.requested: set[str] = set()
        self.requested_in_view: set[str] = set()          # … of those, asked by a view's own pager
        self.rendered_lists: set[tuple[str, str]] = set()   # lists rendered for a pager no URL could be made of
        self.renders = 0
        self.render_issued: Counter = Counter()      # context generation → render requests sent to it
        self.render_finished: Counter = Counter()    # … and those that have ended
        self.render_contexts: dict = {}              # generation → its BrowserContext, once seen
        self.started = time.monotonic()

    # ---- Scrapy plumbing ---------------------------------------------------------------------
    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        spider.settings_ = crawler.settings
        guard = crawler.settings.get("PLAYWRIGHT_ABORT_REQUEST")
        if isinstance(guard, BrowserGuard):
            guard.on_blocked = spider.browser_blocked
        return spider

    def next_fetch_id(self) -> int:
        self._fetch_id += 1
        return self._fetch_id

    def count(self, unit: str | None, key: str, n: int = 1) -> None:
        if unit:
            self.counters[unit][key] += n

    def mark_unit(self, unit: str, status: str) -> None:
        self.status.setdefault(unit, status)

    def request(self, url: str, unit: str, callback=None, **meta) -> scrapy.Request | None:
        """A request of this spider, or None for a URL already requested (a page links the same
        menus as every other page: dropping repeats here spares Scrapy's middlewares, scheduler and
        fingerprinting ~30 requests per page; Scrapy would drop them anyway)."""
        dont_filter = meta.pop("dont_filter", False)
        method = meta.pop("method", "GET")
        if not dont_filter:
            own_page = meta.get("view") and meta.get("list_key")   # a page of a view's own pager
            if url in self.requested:
                # asked before as an ordinary link, now by the view's own pager: once more, so the
                # view sees its page (which request goes first depends on the order pages come back)
                if not own_page or url in self.requested_in_view:
                    return None
            self.requested.add(url)
            if own_page:
                self.requested_in_view.add(url)
        meta = {"unit": unit, "handle_httpstatus_list": ANSWERED_STATUSES, **meta}
        # dont_filter: `requested` above is the duplicate filter; Scrapy's would silently drop a redirect
        # to a page already asked for, and the redirected URL would leave no record
        return scrapy.Request(url, callback or self.parse, method=method, errback=self.on_error, meta=meta,
                              dont_filter=True)

    def site_of(self, unit, url: str) -> str:
        host = urlsplit(url).hostname
        if unit.disclosure and host == urlsplit(unit.disclosure).hostname:
            return "disclosure"
        return "portal"

    # ---- start ---------------------------------------------------------------------------------
    async def start(self):
        for req in self.start_requests():
            if req is not None:
                yield req

    def start_requests(self):
        for u in self.units.values():
            for role, url in other_sites(u):
                # a mobile, department or service site: its home is read, not crawled
                yield self.request(url, u.id, self.parse_site_home, kind="home", role=role, dont_filter=True)
            for role, url in (("portal", u.portal), ("disclosure", u.disclosure)):
                if url:
                    # dont_filter: the redirect target of a start is read as its home even when another
                    # unit on a shared platform asked for that URL first (Scrapy keeps it on redirects)
                    yield self.request(url, u.id, kind="home", role=role, dont_filter=True)
                    # its own 首页 links are this page: asked once, whichever answer comes back first
                    self.requested.add(url)
                    # LINK-004: learn how the site answers a page that does not exist
                    missing = urlunsplit(urlsplit(url)._replace(path=f"/zwgk-404-probe-{random.Random(url).randrange(10**8)}.html", query=""))
                    yield self.request(missing, u.id, self.parse_soft404, purpose="soft404", role=role)
            for acct in u.media:
                yield self.request(acct.url, u.id, self.parse_media, purpose="media", source="profile",
                                   platform=acct.platform, anchor=acct.name)
        yield from self.probe_round()
        rounds = self.settings_.getint("ZWGK_AVAIL_PROBES")
        interval = self.settings_.getfloat("ZWGK_AVAIL_INTERVAL")
        self.pending_probe_rounds = max(0, rounds - 1)
        from twisted.internet import reactor   # the running one: importing earlier would install a default
        for n in range(1, rounds):
            reactor.callLater(interval * n, self._send_probe_round)

    def probe_round(self):
        timeout = self.settings_.getint("ZWGK_AVAIL_TIMEOUT")
        for u in self.units.values():
            for role, url in (("portal", u.portal), ("disclosure", u.disclosure), *other_sites(u)):
                if url:
                    yield self.request(url, u.id, self.parse_probe, purpose="probe", role=role,
                                       dont_filter=True, download_timeout=timeout, dont_retry=True,
                                       sent=time.monotonic())

    def _send_probe_round(self):
        self.pending_probe_rounds -= 1
        for req in self.probe_round():
            self.crawler.engine.crawl(req)

    def parse_site_home(self, response):
        """The home of a unit's other site: the page (identity in its footer) and what its lists show
        (homepage freshness); nothing on it is followed."""
        meta, url = response.meta, response.url
        unit = self.units[meta["unit"]]
        text = response.text if isinstance(response, TextResponse) and response.status < 400 else ""
        try:
            doc = extract.Document(lxml.html.fromstring(text)) if text.strip() else None
        except (lxml.etree.ParserError, ValueError):
            doc = None
        if doc is None:
            return
        yield {"_table": "pages", "fetch_id": meta.get("fetch_id"), "unit": unit.id, "url": url, "kind": "home",
               "site": meta["role"], "title": extract.title(doc), "text": extract.visible_text(doc)[:TEXT_CAP],
               "column_path": None, "breadcrumb": [], "meta": self.meta_tags(doc.root),
               "footer": extract.footer_identity(doc)}
        for rank, li in enumerate(extract.listings(doc, url), 1):
            yield {"_table": "listings", "unit": unit.id, "url": li.url, "title": li.title,
                   "title_attr": li.title_attr, "date": li.date.isoformat() if li.date else None,
                   "date_text": li.date_text, "index_no": li.index_no, "source": "home", "source_url": url,
                   "column_path": None, "view": None, "rank": rank}

    # ---- generic page ---------------------------------------------------------------------------
    def parse(self, response):
        meta = response.meta
        unit = self.units[meta["unit"]]
        if meta.get("kind") == "home" and response.status < 400:
            self.home_ok[unit.id].add(meta.get("role"))
        if meta.get("kind") == "home" and meta.get("redirect_urls"):
            # a start URL that lands on an organ's page of a shared platform tells which organ the unit is
            self.scope.learn_start(unit.id, response.url)
        elif meta.get("purpose", "crawl") == "crawl" and not self.scope.allowed(unit.id, response.url):
            # asked before the unit's organ was learned from its start's redirect: another organ's page
            self.crawler.stats.inc_value("zwgk/dropped/offsite_after_learning")
            return
        elif meta.get("redirect_urls"):
            if response.url in self.requested:
                return   # moved to a page read under its own address: the fetch records the move
            self.requested.add(response.url)
        if response.status >= 400:
            if meta.get("list_key"):
                yield self.list_page_row(meta, response.url, ok=False, status=response.status)
            return
        if not isinstance(response, HtmlResponse):
            if "json" in response.headers.get("Content-Type", b"").decode("latin-1").lower():
                yield from self.parse_json_records(response, json_text=response.text)
            elif isinstance(response, TextResponse):
                yield from self.parse_xml_records(response, unit)
            return
        if extract.is_datastore(response.text):   # a data proxy's XML served as text/html (a bare JSP)
            yield from self.parse_xml_records(response, unit)
            return
        yield from self.parse_html(response, response.text, unit)

    def parse_xml_records(self, response, unit):
        """An XML list answer (a jpage data proxy's datastore): its CDATA records read as a list page."""
        html = extract.xml_as_html(response.text)
        if html:
            yield from self.parse_html(response, html, unit, rendered=True)
        meta = response.meta
        for url in extract.datastore_next_groups(response.text, response.url):
            req = self.request(url, unit.id, view=meta.get("view"), role=meta.get("role"),
                               column_path=meta.get("column_path"))
            if req is not None:
                yield req

    def parse_html(self, response, html: str, unit, rendered: bool = False):
        # requests for URLs already requested come back as None: Scrapy never sees them
        return (x for x in self._parse_html(response, html, unit, rendered) if x is not None)

    def _parse_html(self, response, html: str, unit, rendered: bool):
        meta, url = response.meta, response.url
        try:
            doc = extract.Document(lxml.html.fromstring(html))   # parsed once, shared by every extractor
        except (lxml.etree.ParserError, ValueError):
            return
        tree = doc.root
        site = self.site_of(unit, url)
        md = extract.metadata(doc)
        is_item = site == "disclosure" and sum(1 for k in ITEM_FIELDS if k in md) >= 3
        crumbs = extract.breadcrumb(doc)
        # a list fragment or data-proxy answer has no breadcrumb: it belongs to the page that asked for it
        path = self.column_path(unit, crumbs) or (None if is_item else meta.get("column_path"))
        view = meta.get("view")
        fixed_name = meta.get("fixed_entry") or self.fixed_links.get(url)
        if fixed_name and not view and site == "disclosure":
            path = yield from self.fixed_entry_column(unit, path, fixed_name, url)
        listings = [] if is_item else extract.listings(doc, url)
        kind = ("home" if meta.get("kind") == "home" else "item" if is_item else "view" if view
                else "list" if listings else "page")
        title = extract.title(doc)
        text = extract.visible_text(doc)
        yield {"_table": "pages", "fetch_id": meta.get("fetch_id"), "unit": unit.id, "url": url, "kind": kind,
               "site": site, "title": title, "text": text[:TEXT_CAP],
               "column_path": path, "breadcrumb": crumbs, "meta": self.meta_tags(tree),
               "footer": extract.footer_identity(doc) if kind == "home" else None}
        pages = [] if is_item else extract.pagination(doc, url)
        needs_render = not rendered and not is_item and self.needs_render(tree, html)
        list_kind = meta.get("list_kind") or ("view" if view else "portal" if site == "portal" else "column")
        list_key = view or path or meta.get("list_key")
        if list_key and kind != "home" and not is_item and (site == "disclosure" or meta.get("list_key")
                                                             or pages or needs_render or is_list_page(tree, listings)):
            # one page of a list: what it shows and announces, the proof absence rules need
            facts = pager_facts(tree, url, text, pages)
            if meta.get("list_page_no"):   # a page POSTed back to the list's own URL: its number is known
                facts["page_no"] = meta["list_page_no"]
            elif not meta.get("list_key"):   # first seen as an ordinary link: page 1 unless its URL says
                facts["page_no"] = first_page_no(url)
            if facts["unresolved"] and not rendered and (unit.id, list_key) not in self.rendered_lists:
                # a pager drawn by script that no URL could be made of: render the page once per list
                # and follow the links the browser draws
                self.rendered_lists.add((unit.id, list_key))
                needs_render = True
            meta.update(list_key=list_key, list_kind=list_kind)
            lost = meta.get("capture_lost") if rendered else None   # our render lost the list's data
            yield self.list_page_row(meta, url, ok=not lost, status=response.status, entries=len(listings),
                                     needs_render=needs_render, via="browser" if rendered else "static",
                                     error=lost, **facts)
        # a list's own pages first, so they are requested as pages of that list (a pager link is
        # also an ordinary link, and a URL is requested once); they and the list's fragments carry
        # its column, having no breadcrumb of their own
        inherit = {} if is_item or not path else {"column_path": path}
        for page_url in pages:
            yield self.request(page_url, unit.id, view=view, role=meta.get("role"), **inherit,
                               **({"list_key": list_key, "list_kind": list_kind} if list_key else {}))
        if is_item:
            yield from self.item_row(response, doc, md, unit, title, path)
        elif path and not view and site == "disclosure":
            yield from self.column_row(unit, path, url)
        source = ("home" if kind == "home" else "view" if view else "list") if site == "disclosure" \
            else ("home" if kind == "home" else "portal")
        for rank, li in enumerate(listings, 1):
            yield {"_table": "listings", "unit": unit.id, "url": li.url, "title": li.title,
                   "title_attr": li.title_attr, "date": li.date.isoformat() if li.date else None,
                   "date_text": li.date_text, "index_no": li.index_no, "source": source, "source_url": url,
                   "column_path": None if view else path, "view": view, "rank": rank}
        yield from self.follow_links(response, doc, unit, view)
        for frag in extract.script_urls(doc, url):
            yield self.request(frag, unit.id, view=view, role=meta.get("role"), **inherit)
        yield from self.postback_requests(response, doc, unit, view)
        if meta.get("kind") == "home" and site == "disclosure":
            yield from self.discover_search_box(unit, tree, response, rendered)
            yield from self.discover_post_search(unit, tree, response)
            yield from self.discover_search(unit, doc, url)
        if needs_render:
            yield self.render_request(url, unit.id, self.parse_rendered, view=view, kind=meta.get("kind"),
                                      role=meta.get("role"), **({"list_key": list_key, "list_kind": list_kind}
                                                                if list_key and kind != "home" else {}))

    def list_page_row(self, meta, url: str, *, ok: bool, status: int | None = None, error: str | None = None,
                      entries: int = 0, needs_render: bool = False, via: str | None = None, page_no: int | None = None,
                      announced_pages: int | None = None, announced_items: int | None = None,
                      unresolved: bool = False) -> dict:
        return {"_table": "list_pages", "unit": meta["unit"], "kind": meta["list_kind"], "list_key": meta["list_key"],
                "url": url, "page_no": page_no or extract.page_number(url) or 1, "fetch_id": meta.get("fetch_id"),
                "via": via or ("browser" if meta.get("playwright") else "static"), "ok": int(ok), "status": status,
                "error": error, "entries": entries, "announced_pages": announced_pages,
                "announced_items": announced_items, "unresolved": int(unresolved), "needs_render": int(needs_render)}

    def column_path(self, unit, crumbs: list[str]) -> str | None:
        parts = list(crumbs)
        while parts and (parts[0] in ("首页", unit.name) or SITE_ROOT.search(parts[0])):
            parts.pop(0)
        return " > ".join(parts) or None

    def column_row(self, unit, path: str, url: str):
        if (unit.id, path) in self.columns_seen:
            return
        self.columns_seen.add((unit.id, path))
        parts = path.split(" > ")
        fixed = next((key for key, rx in FIXED if rx.search(parts[-1])), None)
        yield {"_table": "columns", "unit": unit.id, "path": path, "name": parts[-1], "url": url,
               "parent": " > ".join(parts[:-1]) or None, "depth": len(parts), "fixed": fixed}

    def fixed_entry_column(self, unit, path: str | None, name: str, url: str):
        """A page reached by a link named like a fixed entry (信息公开指南 in a left tree, a tab or
        the footer) is that entry even where no breadcrumb names it, or the crumb calls it by
        another name (年度报告): the link's name becomes its path, so its list is counted there."""
        if path and any(rx.search(path.split(" > ")[-1]) for _, rx in FIXED):
            return path
        yield from self.column_row(unit, name, url)
        return name

    @staticmethod
    def meta_tags(tree) -> dict:
        return {m.get("name"): m.get("content") for m in tree.iter("meta") if m.get("name")}

    # ---- items ----------------------------------------------------------------------------------
    def item_row(self, response, doc, md: dict, unit, title: str, path: str | None):
        url = response.url
        body = extract.body_text(doc)
        labelled = extract.labelled_links(doc, url)
        interp = [u for label, links in labelled.items() if INTERP_LABEL.search(label) for _, u in links]
        docs = [u for label, links in labelled.items() if DOC_LABEL.search(label) and not INTERP_LABEL.search(label)
                for _, u in links]
        attachments = [(href, text) for href, text, hint in extract.links(doc, url) if hint == "attachment"]
        published_raw = md.get("published")
        row = {"_table": "items", "unit": unit.id, "url": url, "title": title,
               "index_no": md.get("index_no"), "publisher": md.get("publisher"),
               "created": _iso(parse_date(md.get("created") or "")), "published": _iso(parse_date(published_raw or "")),
               "published_text": find_date_text(published_raw or "") if published_raw is not None else None,
               "doc_no": md.get("doc_no"), "topic": md.get("topic"), "combo": md.get("combo"),
               "genre": md.get("genre"), "audience": md.get("audience"), "keywords": md.get("keywords"),
               "summary": md.get("summary"), "validity": md.get("validity"), "column_path": path,
               "body": body[:TEXT_CAP], "metadata": md,
               "attachments": [{"url": h, "name": t} for h, t in attachments],
               "interp_urls": interp, "doc_urls": docs, "consult": self.consultation(title, body),
               "report_year": _report_year(title), "fetch_id": response.meta.get("fetch_id")}
        self.count(unit.id, "items")
        yield row

    @staticmethod
    def consultation(title: str, body: str) -> dict | None:
        if "征求" not in title and "意见征集" not in title:
            return None
        m = CONSULT_PERIOD.search(body)
        start = parse_date(m.group(1)) if m else None
        end = parse_date(m.group(2), default_year=start.year if start else None) if m else None
        channels = {k: v.strip() for k, v in CHANNEL.findall(body)}
        return {"start": _iso(start), "end": _iso(end), "channels": channels,
                "period_text": m.group(0) if m else None}

    # ---- links ----------------------------------------------------------------------------------
    def follow_links(self, response, doc, unit, view):
        url = response.url
        role = response.meta.get("role")
        media_urls = {a.url for a in unit.media}
        view_links = {}
        for label, links in extract.labelled_links(doc, url).items():
            if VIEW_LABELS.search(label) and len(label) <= 8:
                for text, href in links:
                    view_links[href] = f"{label}/{text}"
        for href, text, hint in extract.links(doc, url):
            if hint in ("mailto", "javascript"):
                continue
            href = href.split("#")[0]
            parts = urlsplit(href)
            host = parts.hostname or ""
            inside = self.scope.allowed(unit.id, href)
            if parts.scheme not in ("http", "https"):
                # never fetched. file: is a page linking its editor's own disk (C:/Users/…/附件.doc) and
                # ftp: is no longer opened by browsers: links nobody can follow, recorded as the site's
                # own for LINK-001/002 to report (tel:, weixin: … are fine and not recorded)
                if parts.scheme in ("file", "ftp"):
                    key = (unit.id, href)
                    if key not in self.links_seen:
                        self.links_seen.add(key)
                        yield {"_table": "links", "unit": unit.id, "from_url": url, "to_url": href,
                               "anchor": (text or "")[:200], "label": view_links.get(href),
                               "kind": "attachment" if extract.is_attachment(href) else "internal"}
                continue
            if MEDIA_TEXT.search(text or "") or host.endswith(MEDIA_HOSTS) or href in media_urls:
                kind = "media"
            elif hint == "attachment":
                kind = "attachment"
            elif host in self.scope.hosts[unit.id]:
                kind = "internal"
            else:
                kind = "external"
            key = (unit.id, href)
            if key not in self.links_seen:   # one row per target and unit: the first page that links it
                self.links_seen.add(key)
                yield {"_table": "links", "unit": unit.id, "from_url": url, "to_url": href,
                       "anchor": (text or "")[:200], "kind": kind, "label": view_links.get(href)}
            if kind == "media":
                yield self.request(href, unit.id, self.parse_media, purpose="media", source="portal",
                                   anchor=text, platform=_platform(href, text))
            elif kind == "attachment" and inside:
                yield self.request(href, unit.id, self.parse_attachment, purpose="attachment", item_url=url,
                                   name=text, download_maxsize=self.settings_.getint("ZWGK_ATTACHMENT_MAXSIZE"))
            elif kind == "internal":
                if inside:
                    # a view's own pages (same folder: index_1.html, ?pageIndex=2) stay in that view
                    same_list = view and _folder(href) == _folder(url)
                    fixed = fixed_entry_name(text)
                    if fixed:   # also for a URL already requested through a link of another text
                        self.fixed_links.setdefault(href, fixed)
                    yield self.request(href, unit.id, view=view_links.get(href) or (view if same_list else None),
                                       role=role, **({"fixed_entry": fixed} if fixed else {}))
            elif kind in ("external", "attachment"):
                # politely: HEAD first, once per target; a GET only where HEAD says no (servers that
                # answer HEAD with 404/405 and GET with the page are common)
                yield self.request(href, unit.id, self.parse_liveness, purpose="liveness", method="HEAD",
                                   download_maxsize=2**20, from_url=url)

    def parse_liveness(self, response):
        """The fetch record is the result; a HEAD that failed is asked again as a GET, which decides."""
        if response.request.method == "HEAD" and response.status >= 400:
            yield self.request(first_url(response.request), response.meta["unit"], self.parse_liveness, dont_filter=True,
                               purpose="liveness", download_maxsize=2**20, from_url=response.meta.get("from_url"))

    def parse_soft404(self, response):
        text = response.text if isinstance(response, TextResponse) else ""
        yield {"_table": "pages", "fetch_id": response.meta.get("fetch_id"), "unit": response.meta["unit"],
               "url": response.url, "kind": "soft404", "site": response.meta.get("role"),
               "title": _title(text), "text": re.sub(r"\s+", " ", lxml.html.fromstring(text).text_content())[:2000]
               if text.strip() else "", "column_path": None, "breadcrumb": [], "meta": {}, "footer": None}

    # ---- attachments ----------------------------------------------------------------------------
    def parse_attachment(self, response):
        meta = response.meta
        ext = urlsplit(response.url).path.rsplit(".", 1)[-1].lower()
        text, error = ("", None)
        if response.status < 400:
            text, error = attachment_text.extract_text(response.body, ext)
        yield {"_table": "attachments", "unit": meta["unit"], "item_url": meta.get("item_url"), "url": response.url,
               "name": meta.get("name"), "ext": ext, "status": response.status, "bytes": len(response.body),
               "sha256": hashlib.sha256(response.body).hexdigest(), "text": text, "error": error}

    # ---- media ----------------------------------------------------------------------------------
    def parse_media(self, response):
        meta = response.meta
        unit = self.units[meta["unit"]]
        text = response.text if isinstance(response, TextResponse) else ""
        tree = lxml.html.fromstring(text) if text.strip() else None   # parsed once for text and name
        body = tree.text_content() if tree is not None else ""
        dates = sorted(set(all_dates(body)), reverse=True)
        unreadable = "请在微信客户端打开" in body or not dates
        name = extract.title(tree) if tree is not None else ""
        registered = any(canonical(a.url) == canonical(response.url) or canonical(a.url) == canonical(response.request.url)
                         for a in unit.media)
        yield {"_table": "media_accounts", "unit": unit.id, "platform": meta.get("platform") or _platform(response.url, name),
               "name": name, "url": response.request.url, "source": meta.get("source"), "status": response.status,
               "readable": int(response.status < 400 and not unreadable),
               "latest_post": dates[0].isoformat() if dates and response.status < 400 else None,
               "posts": [d.isoformat() for d in dates[:20]], "registered": int(registered),
               "anchor": meta.get("anchor")}

    # ---- availability probes -------------------------------------------------------------------
    def parse_probe(self, response):
        meta = response.meta
        # the site's own latency: not the time the request waited in our queue before it was sent
        elapsed = meta.get("download_latency", time.monotonic() - meta["sent"])
        ok = response.status < 500 and elapsed <= self.settings_.getint("ZWGK_AVAIL_TIMEOUT")
        yield {"_table": "probes", "unit": meta["unit"], "url": response.url, "kind": meta["role"], "at": now_iso(),
               "status": response.status, "elapsed_ms": round(elapsed * 1000), "ok": int(ok), "error": None}

    # ---- browser rendering ----------------------------------------------------------------------
    @staticmethod
    def needs_render(tree, html: str) -> bool:
        """Lists drawn by scripts: network calls in inline scripts, or an empty list container next
        to a script of the site's own (the list arrives later as JSON)."""
        inline = " ".join(s.text or "" for s in tree.iter("script") if not s.get("src"))
        if NETWORK_SCRIPT.search(inline) or extract.app_shell(tree):
            return True
        if not any(s.get("src") for s in tree.iter("script")):
            return False
        for el in tree.iter("ul", "ol", "tbody", "table", "div"):
            if len(el) == 0 and not (el.text or "").strip() and (el.get("id") or any(a.startswith("data-") for a in el.attrib)):
                if el.tag != "div" or any(a.startswith("data-") for a in el.attrib):
                    return True
        return False

    def render_request(self, url: str, unit: str, callback, **meta) -> scrapy.Request:
        # Contexts are recycled: every ZWGK_RENDERS_PER_CONTEXT renders go to a new one, and a
        # retired context is closed once the last page sent to it is done (render_done), so no page
        # is ever opened in a context being closed.
        gen = self.render_generation
        self.renders += 1
        self.render_issued[gen] += 1
        self.close_idle_contexts()   # this render may have retired a context whose pages are all done
        captured: list = []
        posts: dict = {}   # JSON API URL → (body, content type) of the POST that asked it
        then = list(meta.pop("then", ()))   # page methods after the load, e.g. typing a search

        async def on_response(resp):
            ctype = (resp.headers or {}).get("content-type", "")
            if "json" in ctype:
                captured.append(asyncio.ensure_future(_capture(resp)))
                if resp.request.method == "POST":
                    posts[resp.url] = (resp.request.post_data or "", resp.request.headers.get("content-type", ""))

        return self.request(url, unit, callback, dont_filter=True, playwright=True, playwright_include_page=True,
                            playwright_page_init_callback=self.guard_page,
                            playwright_context_kwargs={"service_workers": "block"},
                            playwright_page_event_handlers={"response": on_response},
                            playwright_page_methods=[PageMethod("wait_for_load_state", "networkidle"), *then],
                            captured=captured, captured_posts=posts, playwright_context=f"zwgk-{gen}", render_gen=gen,
                            **meta)

    async def guard_page(self, page, request) -> None:
        """WebSockets of a rendered page never connect (its other requests are decided by
        guard.BrowserGuard, service workers are blocked by the context). A page that cannot be
        guarded is closed, so its render fails as the crawler's error rather than running unguarded."""
        unit = request.meta["unit"]

        async def websocket(ws):
            self.browser_blocked(unit, ws.url, "websocket")
            await ws.close()

        try:
            await page.route_web_socket("**", websocket)
        except Exception:
            await page.close()
            raise

    def browser_blocked(self, unit: str | None, url: str, what: str) -> None:
        """A rendered page's request we refused: counted, and recorded once per unit and URL."""
        self.crawler.stats.inc_value(f"zwgk/browser_blocked/{unit}")
        if (unit, url) in self.blocked_seen:
            return
        self.blocked_seen.add((unit, url))
        self.snapshot.add("fetches", self.failed_fetch(
            url, unit, "subresource", f"Blocked: 页面脚本的{what}请求不在本单位网站范围内，已拦截", "browser", "crawler"))

    @property
    def render_generation(self) -> int:
        """The context generation the next render goes to."""
        return self.renders // max(1, self.settings_.getint("ZWGK_RENDERS_PER_CONTEXT"))

    def render_done(self, meta, page) -> None:
        """A render request has ended (parsed or failed): count it, then close idle retired contexts."""
        gen = meta.get("render_gen")
        if gen is None or meta.get("render_counted"):
            return
        meta["render_counted"] = True
        self.render_finished[gen] += 1
        if page is not None:
            self.render_contexts.setdefault(gen, page.context)
        self.close_idle_contexts()

    def close_idle_contexts(self) -> None:
        """Close every retired context (no new render goes to it) whose render requests have all ended."""
        current = self.render_generation
        for gen in [g for g in self.render_contexts if g < current
                    and self.render_finished[g] >= self.render_issued[g]]:
            self.crawler.stats.inc_value("zwgk/render/contexts_closed")
            asyncio.ensure_future(self.render_contexts.pop(gen).close())

    async def parse_rendered(self, response):
        meta = response.meta
        captured = await self.finish_page(meta, meta.get("captured", []))
        unit = self.units[meta["unit"]]
        if meta.get("capture_lost") and not meta.get("render_retried"):
            # the data the page fetched did not reach us (our timeout, a busy machine): render once more
            # before the list counts as not read
            self.crawler.stats.inc_value("zwgk/render/retried")
            again = {k: meta[k] for k in ("view", "kind", "role", "list_key", "list_kind") if meta.get(k)}
            yield self.render_request(response.url, unit.id, self.parse_rendered, render_retried=True, **again)
            return
        try:
            crumbs = extract.breadcrumb(lxml.html.fromstring(response.text))
        except (lxml.etree.ParserError, ValueError):
            crumbs = []
        meta["column_path"], meta["page_url"] = self.column_path(unit, crumbs), response.url
        for item in self.captured_json(response, captured, unit):
            yield item
        for item in self.parse_html(response, response.text, unit, rendered=True):
            yield item

    async def finish_page(self, meta, tasks):
        """Collect the JSON the page fetched (bounded wait), then always close the page."""
        page = meta.pop("playwright_page", None)
        results = []
        try:
            done = await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), timeout=30)
            results = [r for r in done if isinstance(r, tuple)]
            if len(results) < len(done):   # a response the page fetched could not be read
                meta["capture_lost"] = f"页面脚本获取的{len(done) - len(results)}个数据响应未能读取"
        except asyncio.TimeoutError:
            self.crawler.stats.inc_value("zwgk/render/capture_timeout")
            meta["capture_lost"] = "页面脚本获取的数据超时未能读取"
        finally:
            if page is not None:
                await page.close()   # frees its slot in the context; memory stays bounded by open pages
            self.render_done(meta, page)
        return results

    def captured_json(self, response, captured, unit):
        """Record the JSON a rendered page fetched, read its records, and page through its API."""
        meta = response.meta
        for url, status, headers, body in captured:
            fetch_id = self.next_fetch_id()
            record_id = self.warc.record_response(url, status, "", headers, body, now_iso())
            self.snapshot.add("fetches", {
                "id": fetch_id, "unit": unit.id, "url": url, "final_url": url, "method": "GET", "status": status,
                "headers": json.dumps(dict(headers), ensure_ascii=False), "content_type": dict(headers).get("content-type"),
                "encoding": "utf-8", "declared_encoding": None, "bytes": len(body),
                "sha256": hashlib.sha256(body).hexdigest(), "elapsed_ms": None, "fetched_at": now_iso(),
                "via": "browser", "purpose": meta.get("purpose", "crawl"), "error": None,
                "warc_record_id": record_id})
            self.count(unit.id, "pages")
            if meta.get("purpose") == "search":
                continue
            yield from self.json_records(url, body.decode("utf-8", "replace"), unit, meta, page_through=meta.get("kind") != "home")

    def parse_json_records(self, response, json_text: str):
        unit = self.units[response.meta["unit"]]
        yield from self.json_records(response.url, json_text, unit, response.meta,
                                     page_through=response.meta.get("kind") != "home")

    def json_records(self, url: str, text: str, unit, meta, page_through: bool):
        return (x for x in self._json_records(url, text, unit, meta, page_through) if x is not None)

    def _json_records(self, url: str, text: str, unit, meta, page_through: bool):
        try:
            data = json.loads(text)
        except ValueError:
            return
        records = _records(data)
        view = meta.get("view")
        path = meta.get("column_path")
        source = "view" if view else "list"
        key = view or path
        if key and meta.get("kind") != "home" and meta.get("purpose", "crawl") == "crawl":
            list_meta = {"unit": unit.id, "list_key": key, "list_kind": "view" if view else "column",
                         "fetch_id": meta.get("fetch_id")}
            yield self.list_page_row(list_meta, url, ok=True, entries=len(records), announced_pages=_api_page_count(data, _page_size(url)),
                                     announced_items=_api_total(data), via="browser" if page_through else "static")
        for rank, rec in enumerate(records, 1):
            href = rec.get("url")
            if not href:
                continue
            href = urljoin(url, href)
            date = parse_date(rec.get("date") or "")
            yield {"_table": "listings", "unit": unit.id, "url": href, "title": strip_tags(rec.get("title") or ""),
                   "title_attr": None, "date": _iso(date), "date_text": rec.get("date"), "index_no": rec.get("index_no"),
                   "source": source, "source_url": meta.get("page_url") or url, "column_path": path, "view": view,
                   "rank": rank}
            if self.scope.allowed(unit.id, href):
                yield self.request(href, unit.id, role="disclosure")
        if page_through:
            for page_url in _api_pages(url, data):
                yield self.request(page_url, unit.id, self.parse_api_page, view=view, column_path=path,
                                   page_url=meta.get("page_url"),
                                   **({"list_key": key, "list_kind": "view" if view else "column"} if key else {}))
            yield from self.api_post_pages(url, data, unit, meta)

    def api_post_pages(self, url: str, data, unit, meta):
        """Later pages of a JSON list API the page's script asked by POST: the same POST with the
        page field of its body set, without a browser."""
        body, ctype = (meta.get("captured_posts") or {}).get(url, (None, None))
        if body is None:
            return
        for page_body in _api_post_pages(body, ctype, data):
            key = f"POST {url} {page_body}"
            if key in self.requested:
                continue
            self.requested.add(key)
            yield scrapy.Request(url, method="POST", body=page_body.encode("utf-8"),
                                 headers={"Content-Type": ctype or "application/json;charset=UTF-8"},
                                 callback=self.parse_api_page, errback=self.on_error, dont_filter=True,
                                 meta={"unit": unit.id, "handle_httpstatus_list": ANSWERED_STATUSES,
                                       "view": meta.get("view"), "column_path": meta.get("column_path"),
                                       "page_url": meta.get("page_url"),
                                       **({"list_key": meta.get("view") or meta.get("column_path"),
                                           "list_kind": "view" if meta.get("view") else "column"}
                                          if meta.get("view") or meta.get("column_path") else {})})

    def parse_api_page(self, response):
        if response.status < 400:
            unit = self.units[response.meta["unit"]]
            yield from self.json_records(response.url, response.text, unit, response.meta, page_through=False)
        elif response.meta.get("list_key"):
            yield self.list_page_row(response.meta, response.url, ok=False, status=response.status)

    # ---- site search ----------------------------------------------------------------------------
    def discover_search(self, unit, doc, url):
        if unit.id in self.search_templates:
            return
        template = unit.search or extract.search_form(doc, url) or extract.search_script(doc, url)
        if not template:
            if not extract.app_shell(doc):   # a shell's search box appears once rendered
                self.search_templates[unit.id] = ""
            return
        self.search_templates[unit.id] = template
        # the entry itself: a search with an empty query must answer (SRCH-001)
        yield self.request(template.replace("{q}", ""), unit.id, self.parse_liveness, purpose="search_entry",
                           dont_filter=True)

    def discover_search_box(self, unit, tree, response, rendered: bool):
        """A search box with no form and no page script saying where it searches (its handler is
        in a script file, as in single-page applications): type a word into it in Chromium, press
        Enter (or the button beside it), and see which page or JSON API carries the word."""
        if unit.id in self.search_templates or unit.search:
            return
        url = response.url
        if extract.search_form(tree, url) or extract.search_script(tree, url) or extract.search_post_form(tree, url):
            return
        selector = extract.search_box(tree)
        if not selector or (not rendered and extract.app_shell(tree)):
            return
        self.search_templates[unit.id] = ""   # until the browser has tried the box
        yield self.render_request(url, unit.id, self.parse_search_box, purpose="search_entry", home=url,
                                  then=[PageMethod(_type_search, selector, SEARCH_WORD)])

    async def parse_search_box(self, response):
        meta = response.meta
        captured = await self.finish_page(meta, meta.get("captured", []))
        unit = self.units[meta["unit"]]
        template = None
        if canonical(response.url) != canonical(meta["home"]):
            template = _api_template(response.url, SEARCH_WORD)
        template = template or next((t for t in (_api_template(c[0], SEARCH_WORD) for c in captured) if t), None)
        if template:
            self.search_templates[unit.id] = template
            # the entry itself: a search with an empty query must answer (SRCH-001)
            yield self.request(template.replace("{q}", ""), unit.id, self.parse_liveness, purpose="search_entry",
                               dont_filter=True)

    def discover_post_search(self, unit, tree, response):
        """A site search that is only a POST form (hidden fields, an image button): its query is
        sent in the form's accept-charset, else in the page's own encoding, as a browser does."""
        if unit.id in self.search_templates or unit.search:
            return
        form = extract.search_post_form(tree, response.url)
        if not form:
            return
        self.search_posts[unit.id] = {**form, "charset": form["charset"] or getattr(response, "encoding", None)}
        self.search_templates[unit.id] = form["url"]
        # the entry itself: a search with an empty query must answer (SRCH-001)
        yield self.post_search(unit.id, "", self.parse_liveness, purpose="search_entry")

    def post_search(self, unit_id: str, query: str, callback, **meta) -> scrapy.Request:
        form = self.search_posts[unit_id]
        fields = [(k, query if k == form["query"] else v) for k, v in form["fields"]]
        return _form_post(form["url"], fields, form["charset"], callback=callback, errback=self.on_error,
                          dont_filter=True, meta={"unit": unit_id, "handle_httpstatus_list": ANSWERED_STATUSES, **meta})

    def postback_requests(self, response, doc, unit, view):
        """The other pages of an ASP.NET list paged by __doPostBack: its form POSTed once per page.
        A page is known by (action, target, argument): the view state differs from page to page."""
        pages = extract.postback_pages(doc, response.url)
        if not pages:
            return
        req = response.request
        current = None
        if req is not None and req.method == "POST":
            current = response.meta.get("postback")
        for p in pages:
            if p.get("next"):
                yield from self.postback_next(response, p, unit, view)
                continue
            key = f"POST {canonical(p['url'])} {p['target']} {p['argument']}"
            if current is None and p["page"] == 1 and canonical(p["url"]) == canonical(response.url):
                self.requested.add(key)   # a GET of the list is its page 1
            if key == current or key in self.requested:
                continue
            self.requested.add(key)
            yield _form_post(p["url"], p["fields"], response.encoding, callback=self.parse, errback=self.on_error,
                             dont_filter=True, meta={"unit": unit.id, "handle_httpstatus_list": ANSWERED_STATUSES, "view": view,
                                                     "role": response.meta.get("role"), "postback": key,
                                                     "list_page_no": p["page"]})

    def postback_next(self, response, p, unit, view):
        """Follow a LinkButton pager's "下一页" page by page: each page is known by its own form state
        (the view state changes with the page), up to the page count the pager announces."""
        page = response.meta.get("postback_page", 1)
        if page >= (p["last"] or 200):
            return
        state = hashlib.sha1(repr(p["fields"]).encode("utf-8")).hexdigest()
        key = f"POST {canonical(p['url'])} {p['target']} {p['argument']} {state}"
        if key in self.requested:
            return
        self.requested.add(key)
        yield _form_post(p["url"], p["fields"], response.encoding, callback=self.parse, errback=self.on_error,
                         dont_filter=True, meta={"unit": unit.id, "handle_httpstatus_list": ANSWERED_STATUSES, "view": view,
                                                 "role": response.meta.get("role"), "postback": key,
                                                 "postback_page": page + 1, "list_page_no": page + 1})

    def on_idle(self, spider):
        if self.pending_probe_rounds > 0:
            raise DontCloseSpider
        todo = [u for u in self.units.values() if u.id not in self.searched]
        if not todo:
            return
        self.snapshot.flush()
        for unit in todo:
            self.searched.add(unit.id)
            feed = self.probe_feeds[unit.id] = ProbeFeed(
                self.search_requests(unit), window=self.settings_.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
                give_up=self.settings_.getint("ZWGK_SEARCH_GIVE_UP"))
            for req in feed.start():
                self.crawler.engine.crawl(req)
        raise DontCloseSpider

    def probe_ended(self, row: dict):
        """A search probe's row, then the probes its unit sends next (none once its search has
        stopped answering: the run's stats count those not sent)."""
        yield row
        feed = self.probe_feeds.get(row["unit"])
        if feed is None:
            return
        before = feed.skipped
        for request in feed.done(answered=bool(row["status"]) and row["status"] < 400 and not row["error"]):
            request.meta["depth_reset"] = True   # no link of this probe: DEPTH_LIMIT must not end the chain
            yield request
        if feed.skipped > before:
            self.crawler.stats.inc_value(f"zwgk/search_probes_not_sent/{row['unit']}", feed.skipped - before)
            self.logger.warning("%s: site search failed %d times in a row; %d probes not sent",
                                row["unit"], feed.failed_in_row, feed.skipped - before)

    def search_requests(self, unit):
        template = self.search_templates.get(unit.id)
        if not template:
            return
        rows = list(self.snapshot.db.query(
            "select url, title, doc_no, column_path from items where unit = ? order by url", [unit.id]))
        size = self.settings_.getint("ZWGK_SEARCH_SAMPLE") or len(rows)
        sample = stratified_sample(rows, size, seed=unit.id)
        for row in sample:
            for by in ("title", "doc_no"):
                query = (row[by] or "").strip()
                if not query:
                    continue
                probe = {"item_url": row["url"], "by": by, "query": query, "sampled_from": row["column_path"]}
                if unit.id in self.search_posts:
                    yield self.post_search(unit.id, query, self.parse_search, purpose="search", probe=probe)
                    continue
                search_url = template.replace("{q}", quote(query, safe=""))
                yield self.request(search_url, unit.id, self.parse_search, purpose="search", dont_filter=True,
                                   probe=probe)

    def parse_search(self, response):
        meta = response.meta
        unit = self.units[meta["unit"]]
        results = []
        if response.status < 400 and isinstance(response, HtmlResponse):
            tree = lxml.html.fromstring(response.text)
            results = [{"title": li.title, "url": li.url, "date": _iso(li.date)}
                       for li in extract.listings(tree, response.url)]
            if not results and self.needs_render(tree, response.text) and not meta.get("playwright"):
                yield from self.render_search(response.url, unit.id, meta["probe"])
                return
        elif response.status < 400 and "json" in response.headers.get("Content-Type", b"").decode().lower():
            results = [{"title": strip_tags(r.get("title") or ""), "url": urljoin(response.url, r.get("url") or ""),
                        "date": _iso(parse_date(r.get("date") or ""))} for r in _records(json.loads(response.text))]
        yield from self.probe_ended(self.probe_row(meta, response.url, response.status, results))

    async def parse_search_rendered(self, response):
        captured = await self.finish_page(response.meta,
                                          response.meta.get("captured", []))
        unit = self.units[response.meta["unit"]]
        for _ in self.captured_json(response, captured, unit):
            pass
        results = []
        for url, status, headers, body in captured:
            try:
                data = json.loads(body)
            except ValueError:
                continue
            results += [{"title": strip_tags(r.get("title") or ""), "url": urljoin(url, r.get("url") or ""),
                         "date": _iso(parse_date(r.get("date") or ""))} for r in _records(data)]
        if not results:
            tree = lxml.html.fromstring(response.text)
            results = [{"title": li.title, "url": li.url, "date": _iso(li.date)}
                       for li in extract.listings(tree, response.url)]
        lost = response.meta.get("capture_lost")
        if lost and not any(canonical(r["url"]) == canonical(response.meta["probe"]["item_url"]) for r in results):
            # the results may be in the data our render lost: no answer, not "not found"
            for x in self.probe_ended(self.probe_row(response.meta, response.url, None, results, lost)):
                yield x
            return
        for x in self.probe_ended(self.probe_row(response.meta, response.url, response.status, results)):
            yield x
        for request in self.learned_search_api(unit.id, response.meta["probe"]["query"],
                                               [c[0] for c in captured if _json_or_none(c[3]) is not None]):
            yield request

    def render_search(self, url: str, unit_id: str, probe: dict):
        """A search page drawn by script: the first is rendered to learn the JSON API its script
        asks; the other probes wait for that and then ask the API directly, without a browser."""
        state = self.search_apis.get(unit_id)
        if state == "learning":
            self.search_waiting[unit_id].append((url, probe))
        elif state:
            yield self.request(state.replace("{q}", quote(probe["query"], safe="")), unit_id, self.parse_search,
                               purpose="search", dont_filter=True, probe=probe)
        else:
            if state is None:
                self.search_apis[unit_id] = "learning"
            yield self.render_request(url, unit_id, self.parse_search_rendered, purpose="search", probe=probe)

    def learned_search_api(self, unit_id: str, query: str, api_urls: list[str]):
        """Settle what the first rendered search taught (the API URL carrying the query, or
        nothing: then every search page is rendered) and send the probes that waited."""
        if self.search_apis.get(unit_id) != "learning":
            return
        self.search_apis[unit_id] = next((t for t in (_api_template(u, query) for u in api_urls) if t), "")
        waiting, self.search_waiting[unit_id] = self.search_waiting[unit_id], []
        for url, probe in waiting:
            yield from self.render_search(url, unit_id, probe)

    def probe_row(self, meta, url, status, results, error=None):
        probe = meta["probe"]
        target = canonical(probe["item_url"])
        rank = next((n for n, r in enumerate(results, 1) if canonical(r["url"]) == target), None)
        return {"_table": "search_probes", "unit": meta["unit"], "item_url": probe["item_url"], "by": probe["by"],
                "query": probe["query"], "search_url": url, "status": status, "results": results[:20],
                "found": int(rank is not None), "rank": rank, "error": error, "sampled_from": probe["sampled_from"]}

    # ---- errors ---------------------------------------------------------------------------------
    def record_error(self, request, exception) -> None:
        meta = request.meta
        error = f"{type(exception).__name__}: {exception}"[:500]
        browser = bool(meta.get("playwright"))
        row = self.failed_fetch(first_url(request), meta.get("unit"), meta.get("purpose", "crawl"), error,
                                "browser" if browser else "static", who_failed(exception, browser),
                                method=request.method, attempt=meta.get("retry_times", 0),
                                redirects=redirect_chain(meta), request_fp=request_fp(self.crawler, request),
                                warc_record_id=self.warc.record_error(request.url, error, now_iso()))
        self.snapshot.add("fetches", row)
        meta["fetch_id"] = row["id"]
        self.count(meta.get("unit"), "errors")

    def failed_fetch(self, url: str, unit: str | None, purpose: str, error: str, via: str, failure: str,
                     **fields) -> dict:
        """A `fetches` row for a request that got no response."""
        return {"id": self.next_fetch_id(), "unit": unit, "url": url, "final_url": None, "method": "GET",
                "status": None, "headers": None, "content_type": None, "encoding": None,
                "declared_encoding": None, "bytes": 0, "sha256": None, "elapsed_ms": None,
                "fetched_at": now_iso(), "via": via, "purpose": purpose, "error": error,
                "warc_record_id": None, "attempt": 0, "redirects": None, "failure": failure, **fields}

    def on_error(self, failure):
        request = failure.request
        meta = request.meta
        if not meta.get("error_recorded"):
            self.record_error(request, failure.value)
        page = meta.pop("playwright_page", None)
        if page is not None:
            asyncio.ensure_future(page.close())
        self.render_done(meta, None)
        unit, purpose = meta.get("unit"), meta.get("purpose")
        error = f"{type(failure.value).__name__}: {failure.value}"[:500]
        if meta.get("list_key"):
            yield self.list_page_row(meta, request.url, ok=False, error=error)
        if purpose == "probe" and who_failed(failure.value, bool(meta.get("playwright"))) == "site":
            # a probe that failed on our side (dropped, cancelled) says nothing of the site
            yield {"_table": "probes", "unit": unit, "url": request.url, "kind": meta.get("role"), "at": now_iso(),
                   "status": None, "elapsed_ms": round((time.monotonic() - meta["sent"]) * 1000), "ok": 0,
                   "error": error}
        elif purpose == "media":
            yield {"_table": "media_accounts", "unit": unit, "platform": meta.get("platform"), "name": None,
                   "url": request.url, "source": meta.get("source"), "status": None, "readable": 0,
                   "latest_post": None, "posts": [], "registered": int(meta.get("source") == "profile"),
                   "anchor": meta.get("anchor")}
        elif purpose == "attachment":
            yield {"_table": "attachments", "unit": unit, "item_url": meta.get("item_url"), "url": request.url,
                   "name": meta.get("name"), "ext": urlsplit(request.url).path.rsplit(".", 1)[-1].lower(),
                   "status": None, "bytes": 0, "sha256": None, "text": "", "error": error}
        elif purpose == "search":
            yield from self.probe_ended(self.probe_row(meta, request.url, None, [], error))
            if meta.get("playwright"):
                yield from self.learned_search_api(unit, meta["probe"]["query"], [])

    def closed(self, reason):
        self.close_reason = reason
        for uid in self.units:
            if uid not in self.status:
                self.status[uid] = "ok" if self.home_ok[uid] else "down"


# ---- helpers -------------------------------------------------------------------------------------

async def _capture(resp):
    try:
        body = await asyncio.wait_for(resp.body(), timeout=20)
    except Exception:   # the page went away, or the body never came: the capture is lost, not the crawl
        return None
    return resp.url, resp.status, list((resp.headers or {}).items()), body


SEARCH_WORD = "公开"   # typed into a search box to see where it searches


async def _type_search(page, selector: str, word: str) -> None:
    """Type `word` into the search box and submit it: Enter, else the button that follows the box.
    Never fails the render: a box that does nothing teaches nothing."""
    try:
        box = page.locator(selector).first
        await box.fill(word, timeout=5000)
        before = page.url
        await box.press("Enter", timeout=5000)
        await page.wait_for_load_state("networkidle", timeout=10000)
        if page.url == before:
            button = box.locator("xpath=following::*[self::button or self::a or self::img or "
                                 "self::input[@type='button' or @type='submit' or @type='image']][1]")
            if await button.count():
                await button.first.click(timeout=5000)
                await page.wait_for_load_state("networkidle", timeout=10000)
    except Exception as exc:   # navigation under our feet, a hidden box …
        logger.debug("search box %s: %s", selector, exc)


def _form_post(url: str, fields, charset: str | None, **kwargs) -> scrapy.Request:
    """A urlencoded POST with the fields in the form's charset. Not FormRequest(encoding=…): that
    would also encode the headers (our Chinese User-Agent) in GBK."""
    def enc(v: str) -> bytes:
        try:
            return v.encode(charset or "utf-8")
        except (LookupError, UnicodeEncodeError):
            return v.encode("utf-8")
    body = urlencode([(enc(k), enc(v)) for k, v in fields])
    return scrapy.Request(url, method="POST", body=body,
                          headers={"Content-Type": "application/x-www-form-urlencoded"}, **kwargs)


def other_sites(unit) -> list[tuple[str, str]]:
    """(role, URL) of a unit's sites other than its portal and disclosure site."""
    return [(s.role, s.url) for s in getattr(unit, "sites", ()) if s.role not in ("portal", "disclosure")]


def _folder(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path.rsplit('/', 1)[0]}"


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def _title(html: str) -> str:
    m = re.search(r"<title[^>]*>(.*?)</title>", html, re.S | re.I)
    return strip_tags(m.group(1)) if m else ""


def fixed_entry_name(text: str | None) -> str | None:
    """The link text when it names a fixed entry as navigation does ("信息公开指南", "依申请公开"):
    short and without digits, so "2018年信息公开年报" or a notice quoting the guide's name is not one."""
    name = re.sub(r"[\s【】\[\]<>«»›·•|｜]+", "", text or "")
    if not name or len(name) > 14 or re.search(r"\d|关于|通知|公告|印发|修订", name):
        return None
    return name if any(rx.search(name) for _, rx in FIXED) else None


def _report_year(title: str) -> int | None:
    m = REPORT_TITLE.search(title or "")
    return int(m.group(1)) if m else None


def _platform(url: str, text: str) -> str:
    if "微博" in (text or "") or "weibo" in url:
        return "weibo"
    return "wechat"


TITLE_KEYS = ("title", "name", "docTitle", "fileName", "subject")
URL_KEYS = ("url", "link", "href", "docUrl", "pageUrl", "detailUrl")
DATE_KEYS = ("pubDate", "date", "publishDate", "releaseDate", "createTime", "docDate", "time")
INDEX_KEYS = ("indexNo", "index_no", "syh", "indexNumber")


def _records(data) -> list[dict]:
    """The largest list of objects with a title and a URL anywhere in a JSON document."""
    best: list = []

    def walk(node):
        nonlocal best
        if isinstance(node, list):
            recs = [n for n in node if isinstance(n, dict) and any(k in n for k in TITLE_KEYS)
                    and any(k in n for k in URL_KEYS)]
            if len(recs) > len(best):
                best = recs
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)

    walk(data)
    out = []
    for r in best:
        out.append({"title": str(next(r[k] for k in TITLE_KEYS if k in r)),
                    "url": str(next(r[k] for k in URL_KEYS if k in r)),
                    "date": str(next((r[k] for k in DATE_KEYS if k in r), "") or ""),
                    "index_no": next((r[k] for k in INDEX_KEYS if k in r), None)})
    return out


def _api_total(data) -> int | None:
    """The item total a JSON list API states."""
    if not isinstance(data, dict):
        return None
    return next((data[k] for k in ("total", "totalCount", "totalRecord", "recordCount") if isinstance(data.get(k), int)),
                None)


def _api_pages(url: str, data) -> list[str]:
    """Pages 2..N of a JSON list API, from its page count and the page parameter in its URL."""
    count = _api_page_count(data, _page_size(url))
    if not count or count < 2:
        return []
    parts = urlsplit(url)
    params = parse_qsl(parts.query, keep_blank_values=True)
    name = next((k for k, _ in params if k in PAGE_PARAMS), None)
    if name is None:   # the first page asked without a page parameter: the JSON names its page field
        name = next((k for k in PAGE_PARAMS if isinstance(data.get(k), int) and data[k] == 1), None)
        if name is None:
            return []
        params.append((name, "1"))
    out = []
    for n in range(2, count + 1):
        q = urlencode([(k, str(n) if k == name else v) for k, v in params])
        out.append(urlunsplit(parts._replace(query=q)))
    return out


COUNT_KEYS = ("pageCount", "totalPage", "totalPages", "pages", "pageTotal")
TOTAL_KEYS = ("total", "totalCount", "totalElements", "totalRecord", "recordCount")


def _api_page_count(data, size: int | None) -> int | None:
    """The page count of a JSON list answer: a page-count key, or the total over the page size
    (the answer's own, else `size`: what was asked for), at the top or in a nested object
    (``{"code": 200, "data": {"total": 23, "list": […]}}``)."""
    level = [data]
    for _ in range(3):
        for node in level:
            if not isinstance(node, dict):
                continue
            for key in COUNT_KEYS:
                if isinstance(node.get(key), int) and not isinstance(node.get(key), bool):
                    return node[key]
            total = next((node[k] for k in TOTAL_KEYS if isinstance(node.get(k), int)), None)
            if total is not None:
                own = next((node[k] for k in ("size", "pageSize", "rows") if isinstance(node.get(k), int) and node[k] > 0), None)
                return -(-total // (own or size)) if (own or size) else None
        level = [v for node in level if isinstance(node, dict) for v in node.values() if isinstance(v, dict)]
    return None


def _api_post_pages(body: str, content_type: str, data) -> list[str]:
    """Bodies of pages 2..N of a JSON list API asked by POST (axios.post({pageNum: 1, …})): the
    request's JSON or form body with its page field set, as many as the answer counts."""
    if "json" in (content_type or "").lower() or (body or "").lstrip().startswith("{"):
        try:
            params = json.loads(body)
        except ValueError:
            return []
        if not isinstance(params, dict):
            return []
        name = next((k for k in params if k in PAGE_PARAMS), None)
        size = next((params[k] for k in SIZE_PARAMS if str(params.get(k, "")).isdigit() and int(params[k]) > 0), None)
        count = _api_page_count(data, int(size) if size else None)
        if name is None or not count or count < 2:
            return []
        kind = type(params[name])
        # compact, as the browser's JSON.stringify sent it
        return [json.dumps({**params, name: kind(n) if kind in (int, str) else n}, ensure_ascii=False,
                           separators=(",", ":")) for n in range(2, min(count, 2000) + 1)]
    pairs = parse_qsl(body or "", keep_blank_values=True)
    name = next((k for k, _ in pairs if k in PAGE_PARAMS), None)
    size = next((int(v) for k, v in pairs if k in SIZE_PARAMS and v.isdigit() and int(v) > 0), None)
    count = _api_page_count(data, size)
    if name is None or not count or count < 2:
        return []
    return [urlencode([(k, str(n) if k == name else v) for k, v in pairs]) for n in range(2, min(count, 2000) + 1)]


def _json_or_none(body: bytes):
    try:
        return json.loads(body)
    except ValueError:
        return None


def _api_template(url: str, query: str) -> str | None:
    """The URL with "{q}" where it carries the search query, or None when it does not carry it."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not query or not any(v.strip() == query for _, v in pairs):
        return None
    q = "&".join(f"{quote(k, safe='')}={{q}}" if v.strip() == query else f"{quote(k, safe='')}={quote(v, safe='')}"
                 for k, v in pairs)
    return urlunsplit(parts._replace(query=q, fragment=""))


SIZE_PARAMS = ("size", "pageSize", "pagesize", "page_size", "rows", "limit", "perPage", "per_page", "ps")


def _page_size(url: str) -> int | None:
    """The page size a list API was asked for, where its answer gives only the total."""
    for k, v in parse_qsl(urlsplit(url).query):
        if k in SIZE_PARAMS and v.isdigit() and int(v) > 0:
            return int(v)
    return None


def stratified_sample(rows: list, size: int, seed: str) -> list:
    """Up to `size` rows, taken round-robin across columns so every column is represented."""
    rng = random.Random(seed)
    by_col: dict = defaultdict(list)
    for r in rows:
        by_col[r["column_path"] or ""].append(r)
    for items in by_col.values():
        rng.shuffle(items)
    cols = sorted(by_col)
    rng.shuffle(cols)
    out = []
    while len(out) < size and any(by_col[c] for c in cols):
        for c in cols:
            if by_col[c] and len(out) < size:
                out.append(by_col[c].pop())
    return out
