"""Downloader middlewares of the gatherer: scope, budgets, fetch recording, decoding.

Nothing is dropped silently: every request a middleware refuses adds to a stats counter
(`zwgk/dropped/<reason>`) and the first of each reason is logged with its URL.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
from datetime import datetime, timezone
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse

logger = logging.getLogger(__name__)

# Requests exempt from the unit's scope: they are only fetched, never followed (liveness of outside
# links, media accounts, and the made-up missing page that shows how a host answers a 404).
OUTSIDE_PURPOSES = {"liveness", "media", "soft404"}


def drop(spider, reason: str, request, message: str):
    stats = spider.crawler.stats
    key = f"zwgk/dropped/{reason}"
    if not stats.get_value(key):
        logger.warning("%s: %s (%s)", message, request.url, request.meta.get("unit"))
    stats.inc_value(key)
    raise IgnoreRequest(f"{reason}: {message}")


class CrawlerBound:
    """Built from the crawler; the running spider is `self.spider` (Scrapy no longer passes it)."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @property
    def spider(self):
        return self.crawler.spider


class UnitScopeMiddleware(CrawlerBound):
    """Keep each unit's crawl inside its allowed hosts and its own part of a shared platform."""

    async def process_request(self, request):
        spider = self.spider
        if urlsplit(request.url).scheme not in ("http", "https"):
            # even a link only checked for liveness: a page's file: link would have us read our own disk
            drop(spider, "scheme", request, "not an http(s) URL")
        unit = request.meta.get("unit")
        if unit is None or request.meta.get("purpose") in OUTSIDE_PURPOSES:
            # fetched wherever a page points (robots.txt, outside links, redirects of those) but never
            # into our own network: resolved first, then decided
            refusal = await spider.guard.refusal(request.url, unit)
            if refusal:
                drop(spider, "forbidden_address", request, refusal)
            return None
        if not spider.scope.allowed(unit, request.url):
            drop(spider, "offsite", request, "outside the unit's allowed hosts or organ")
        return None


class BudgetMiddleware(CrawlerBound):
    """A page budget and a wall-clock budget per unit; probes are exempt (they are few)."""

    def __init__(self, crawler, pages: int, seconds: float):
        super().__init__(crawler)
        self.pages, self.seconds = pages, seconds
        self.counts: dict[str, int] = {}
        self.started: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler):
        pages = crawler.settings.getint("ZWGK_PAGE_BUDGET")
        if pages <= 0:
            raise NotConfigured("ZWGK_PAGE_BUDGET is 0: no budget")
        return cls(crawler, pages, crawler.settings.getfloat("ZWGK_UNIT_SECONDS"))

    def process_request(self, request):
        spider = self.spider
        unit = request.meta.get("unit")
        if unit is None or request.meta.get("purpose") in ("probe", "search"):
            return None
        now = time.monotonic()
        started = self.started.setdefault(unit, now)
        if now - started > self.seconds:
            spider.mark_unit(unit, "timeout")
            drop(spider, "unit_timeout", request, "unit wall-clock budget spent")
        if request.meta.get("retry_times"):
            return None   # the same page asked again: it was counted on its first try
        n = self.counts[unit] = self.counts.get(unit, 0) + 1
        if n > self.pages:
            spider.mark_unit(unit, "budget")
            drop(spider, "page_budget", request, "unit page budget spent")
        return None


class RetryBackoffMiddleware(CrawlerBound):
    """Wait before a retry, longer each time (ZWGK_RETRY_BACKOFF seconds, doubling, at most
    ZWGK_RETRY_BACKOFF_MAX): a link is broken only if the site still fails after a pause, not
    because it stumbled once under our requests."""

    def __init__(self, crawler, base: float, most: float):
        super().__init__(crawler)
        self.base, self.most = base, most

    @classmethod
    def from_crawler(cls, crawler):
        base = crawler.settings.getfloat("ZWGK_RETRY_BACKOFF")
        if base <= 0:
            raise NotConfigured("ZWGK_RETRY_BACKOFF is 0: retries are not delayed")
        return cls(crawler, base, crawler.settings.getfloat("ZWGK_RETRY_BACKOFF_MAX"))

    def delay(self, retry_times: int) -> float:
        """Seconds to wait before the `retry_times`-th retry (0: the first try, no wait)."""
        return 0.0 if retry_times <= 0 else min(self.base * 2 ** (retry_times - 1), self.most)

    async def process_request(self, request):
        wait = self.delay(request.meta.get("retry_times", 0))
        if wait:
            self.crawler.stats.inc_value("zwgk/retry/backoff_seconds", wait)
            await asyncio.sleep(wait)
        return None


class EncodingMiddleware(CrawlerBound):
    """Decode HTML by what the bytes are, not only by what they claim.

    Old sites declare gb2312 and send UTF-8, or say UTF-8 and send GBK. Valid UTF-8 is a strong
    signal (GBK text is almost never valid UTF-8), so it wins; otherwise the declared encoding if
    the bytes decode under it, else GB18030 (a superset of GBK/GB2312).
    """

    def process_response(self, request, response):
        spider = self.spider
        if not isinstance(response, HtmlResponse):
            return response
        declared = response.encoding
        body = response.body
        for candidate in ("utf-8", declared, "gb18030"):
            try:
                text = body.decode(candidate)
            except (UnicodeDecodeError, LookupError):
                continue
            request.meta["declared_encoding"] = declared
            renamed = candidate.replace("-", "").lower() != (declared or "").replace("-", "").lower()
            # ASCII (or any text) that reads alike under the declared charset needs no correction
            if renamed and not _same_text(body, declared, text):
                spider.crawler.stats.inc_value("zwgk/encoding_corrected")
                return response.replace(encoding=candidate)
            return response
        request.meta["declared_encoding"] = declared
        return response


def _same_text(body: bytes, encoding: str | None, text: str) -> bool:
    """Do the bytes decode to `text` under `encoding` too?"""
    try:
        return body.decode(encoding) == text
    except (UnicodeDecodeError, LookupError, TypeError):
        return False


def first_url(request) -> str:
    """The URL first asked for: a redirected request keeps the chain in meta (RedirectMiddleware)."""
    return (request.meta.get("redirect_urls") or [request.url])[0]


def redirect_chain(meta) -> list | None:
    """[url, status] of every hop followed before the final URL; None without redirects."""
    urls = meta.get("redirect_urls")
    if not urls:
        return None
    return [[u, r] for u, r in zip(urls, meta.get("redirect_reasons") or [None] * len(urls))]


def request_fp(crawler, request) -> str:
    """The fingerprint a fetch row keeps of the request the spider made (a redirect hop or a retry
    carries its first request's), so that a resumed crawl can find its recorded answer."""
    fp = request.meta.get("request_fp")
    if fp is None:
        fp = request.meta["request_fp"] = crawler.request_fingerprinter.fingerprint(request).hex()
    return fp


class ReplayMiddleware(CrawlerBound):
    """On a resumed crawl (crawler/resume.py), answer each try the killed run already had from the
    capture; rendered pages go to the browser again. On any crawl, note each request's fingerprint."""

    def process_request(self, request):
        fp = request_fp(self.crawler, request)
        replay = getattr(self.spider, "replay", None)
        if replay is None or request.meta.get("playwright"):
            return None
        hit = replay.take(fp, request.meta.get("retry_times", 0))
        if hit is None:
            return None
        row, response = hit
        request.meta.update(replayed=row["id"], download_latency=(row["elapsed_ms"] or 0) / 1000)
        self.crawler.stats.inc_value("zwgk/replayed")
        return response


class FetchRecorderMiddleware(CrawlerBound):
    """Record every response (every retry too) in `fetches` and the WARC capture."""

    def process_response(self, request, response):
        spider = self.spider
        body = response.body
        meta = request.meta
        if meta.get("replayed"):   # recorded by the killed run, row and record alike
            meta["fetch_id"] = meta["replayed"]
            spider.count(meta.get("unit"), "pages")
            return response
        fetch_id = spider.next_fetch_id()
        now = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
        headers = [(k.decode("latin-1"), v.decode("latin-1"))
                   for k, vs in response.headers.items() for v in vs]
        record_id = spider.warc.record_response(response.url, response.status, "", headers, body, now) \
            if not meta.get("no_warc") else None
        spider.snapshot.add("fetches", {
            "id": fetch_id, "unit": meta.get("unit"), "url": first_url(request), "final_url": response.url,
            "method": request.method, "status": response.status, "headers": json.dumps(dict(headers), ensure_ascii=False),
            "content_type": response.headers.get("Content-Type", b"").decode("latin-1"),
            "encoding": getattr(response, "encoding", None), "declared_encoding": meta.get("declared_encoding"),
            "bytes": len(body), "sha256": hashlib.sha256(body).hexdigest(),
            "elapsed_ms": round(1000 * meta.get("download_latency", 0)), "fetched_at": now,
            "via": "browser" if meta.get("playwright") else "static", "purpose": meta.get("purpose", "crawl"),
            "error": None, "warc_record_id": record_id, "attempt": meta.get("retry_times", 0),
            "redirects": redirect_chain(meta), "failure": "site" if response.status >= 400 else None,
            "request_fp": request_fp(self.crawler, request),
        })
        meta["fetch_id"] = fetch_id
        spider.count(meta.get("unit"), "pages")
        return response

    def process_exception(self, request, exception):
        self.spider.record_error(request, exception)
        request.meta["error_recorded"] = True
        return None
