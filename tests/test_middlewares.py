"""The gatherer's downloader middlewares on their own (crawler/middlewares.py): scope, page and
wall-clock budgets, retry backoff, decoding. Real Scrapy requests, responses and crawler with the
project's settings; no server, no reactor."""
from __future__ import annotations

import asyncio
import logging
import time
from types import SimpleNamespace

import pytest
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.test import get_crawler

from crawler import middlewares
from crawler.middlewares import BudgetMiddleware, EncodingMiddleware, RetryBackoffMiddleware, UnitScopeMiddleware
from crawler.settings import BASE
from crawler.spider import GatherSpider
from site_profiles import Unit

UNITS = [Unit(id="gjj", name="云溪市住房公积金管理中心", type="institution", org_code="12341500MB1832650J",
              disclosure="http://gk.ycgjj.gov.cn/index.html", hosts=["gk.ycgjj.gov.cn"]),
         Unit(id="taoyuan", name="青岚区桃源镇人民政府", type="town", org_code="003240712",
              disclosure="http://xxgk.qinglan.gov.cn/public/index?organId=2", hosts=["xxgk.qinglan.gov.cn"])]


def make_crawler(**settings):
    """A crawler with the project's settings (and `settings` over them) and the gatherer's spider."""
    crawler = get_crawler(GatherSpider, {**BASE, **settings})
    crawler.spider = GatherSpider.from_crawler(crawler, program=None, units=UNITS, snapshot=None, warc=None)
    crawler.spider.guard.lookup = lookup   # no DNS from the tests: names resolve from DNS_TABLE
    return crawler


# what the tests' host names resolve to (public documentation-free addresses; no request is sent)
DNS_TABLE = {"gk.ycgjj.gov.cn": ["58.42.1.10"], "xxgk.qinglan.gov.cn": ["58.42.1.11"],
             "www.other-site.example.com": ["93.184.216.34"], "elsewhere.example.com": ["93.184.216.34"],
             "weibo.example.com": ["93.184.216.35"], "intranet.example.com": ["10.1.2.3"],
             "rebound.example.com": ["93.184.216.36", "127.0.0.1"], "v6.example.com": ["::1"]}


async def lookup(host: str, port: int) -> list[str]:
    if host not in DNS_TABLE:
        raise OSError(f"{host} does not resolve")
    return DNS_TABLE[host]


def request(url: str, unit: str | None = "gjj", **meta) -> Request:
    return Request(url, meta={"unit": unit, **meta}, dont_filter=True)


def passes(mw, req) -> bool:
    """Did the middleware let the request through (True) or drop it (False)?"""
    try:
        result = mw.process_request(req)
        assert (asyncio.run(result) if asyncio.iscoroutine(result) else result) is None
    except IgnoreRequest:
        return False
    return True


# ------------------------------------------------------------------------------- UnitScopeMiddleware

def test_scope_middleware_drops_what_is_not_the_units_and_counts_it(caplog):
    crawler = make_crawler()
    mw = UnitScopeMiddleware.from_crawler(crawler)
    assert passes(mw, request("http://gk.ycgjj.gov.cn/col/tzgg/index.html"))
    assert passes(mw, request("http://xxgk.qinglan.gov.cn/public/column?organId=2", unit="taoyuan"))
    assert passes(mw, request("http://elsewhere.example.com/robots.txt", unit=None))   # not a unit's request
    with caplog.at_level(logging.WARNING, logger="crawler.middlewares"):
        assert not passes(mw, request("http://elsewhere.example.com/"))
        assert not passes(mw, request("http://xxgk.qinglan.gov.cn/public/column?organId=3", unit="taoyuan"))
        assert not passes(mw, request("http://xxgk.qinglan.gov.cn/public/index?organId=2"))   # not gjj's host
    assert crawler.stats.get_value("zwgk/dropped/offsite") == 3
    assert len(caplog.records) == 1 and "elsewhere.example.com" in caplog.text   # the first drop is logged


@pytest.mark.parametrize("purpose", sorted(middlewares.OUTSIDE_PURPOSES))
def test_outside_links_are_fetched_but_never_outside_the_web(purpose):
    crawler = make_crawler()
    mw = UnitScopeMiddleware.from_crawler(crawler)
    # a link's liveness, a media account, the made-up 404: fetched wherever they are …
    assert passes(mw, request("http://www.other-site.example.com/page.html", purpose=purpose))
    assert passes(mw, request("https://weibo.example.com/u/123", purpose=purpose))
    # … but only over the web: a hostile page's file: link would have us read our own disk
    assert not passes(mw, request("file://elsewhere.example.com/etc/passwd", purpose=purpose))
    assert not passes(mw, request("file:///etc/passwd", purpose=purpose))
    assert not passes(mw, request("ftp://elsewhere.example.com/pub/a.pdf", purpose=purpose))
    assert crawler.stats.get_value("zwgk/dropped/scheme") == 3


@pytest.mark.parametrize("purpose", [*sorted(middlewares.OUTSIDE_PURPOSES), None])
def test_outside_requests_never_reach_our_own_network(purpose):
    crawler = make_crawler()
    mw = UnitScopeMiddleware.from_crawler(crawler)
    unit = "gjj" if purpose else None          # None: a robots.txt request, or a redirect of one
    assert passes(mw, request("http://www.other-site.example.com/a.html", unit=unit, purpose=purpose))
    for url in ("http://127.0.0.1:6379/", "http://169.254.169.254/latest/meta-data/", "http://[::1]:22/",
                "http://intranet.example.com/", "http://rebound.example.com/", "http://v6.example.com/"):
        assert not passes(mw, request(url, unit=unit, purpose=purpose)), url
    assert crawler.stats.get_value("zwgk/dropped/forbidden_address") == 6


def test_the_units_own_pages_are_not_resolved():
    crawler = make_crawler()
    crawler.spider.guard.lookup = None     # any lookup would fail loudly
    mw = UnitScopeMiddleware.from_crawler(crawler)
    assert passes(mw, request("http://gk.ycgjj.gov.cn/col/tzgg/index.html"))


# ------------------------------------------------------------------------------- BudgetMiddleware

BUDGET = 3


@pytest.mark.parametrize("sent, dropped", [(BUDGET - 1, 0), (BUDGET, 0), (BUDGET + 1, 1), (BUDGET + 3, 3)])
def test_page_budget_at_below_and_above_its_limit(sent, dropped):
    crawler = make_crawler(ZWGK_PAGE_BUDGET=BUDGET)
    mw = BudgetMiddleware.from_crawler(crawler)
    results = [passes(mw, request(f"http://gk.ycgjj.gov.cn/art/{i}.html")) for i in range(sent)]
    assert results == [True] * min(sent, BUDGET) + [False] * dropped
    assert (crawler.stats.get_value("zwgk/dropped/page_budget") or 0) == dropped
    assert crawler.spider.status.get("gjj") == ("budget" if dropped else None)
    # budgets are per unit: another unit still has its own
    assert passes(mw, request("http://xxgk.qinglan.gov.cn/public/index?organId=2", unit="taoyuan"))


def test_probes_and_searches_and_unitless_requests_spend_no_budget():
    mw = BudgetMiddleware.from_crawler(make_crawler(ZWGK_PAGE_BUDGET=1))
    for i in range(5):
        assert passes(mw, request(f"http://gk.ycgjj.gov.cn/probe/{i}", purpose="probe"))
        assert passes(mw, request(f"http://gk.ycgjj.gov.cn/search?q={i}", purpose="search"))
        assert passes(mw, request(f"http://gk.ycgjj.gov.cn/robots.txt?{i}", unit=None))
    assert passes(mw, request("http://gk.ycgjj.gov.cn/art/1.html"))
    assert not passes(mw, request("http://gk.ycgjj.gov.cn/art/2.html"))


def test_a_retried_page_is_counted_once():
    crawler = make_crawler(ZWGK_PAGE_BUDGET=2, RETRY_TIMES=2)
    mw = BudgetMiddleware.from_crawler(crawler)
    retry = RetryMiddleware.from_crawler(crawler)
    first = request("http://gk.ycgjj.gov.cn/art/1.html")
    assert passes(mw, first)
    tries = [first]
    for _ in range(2):   # the site answers 503 twice: Scrapy's retry asks again, through every middleware
        again = retry.process_response(tries[-1], Response(tries[-1].url, status=503))
        assert isinstance(again, Request) and again.meta["retry_times"] == len(tries)
        assert passes(mw, again)
        tries.append(again)
    assert passes(mw, request("http://gk.ycgjj.gov.cn/art/2.html"))        # the second page of the budget
    assert not passes(mw, request("http://gk.ycgjj.gov.cn/art/3.html"))    # the third is over it


class Clock:
    def __init__(self):
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.mark.parametrize("elapsed, allowed", [(59.9, True), (60.0, True), (60.1, False)])
def test_unit_wall_clock_budget_at_below_and_above_its_limit(monkeypatch, elapsed, allowed):
    clock = Clock()
    monkeypatch.setattr(middlewares, "time", SimpleNamespace(monotonic=clock.monotonic))
    crawler = make_crawler(ZWGK_UNIT_SECONDS=60)
    mw = BudgetMiddleware.from_crawler(crawler)
    assert passes(mw, request("http://gk.ycgjj.gov.cn/"))          # the unit's clock starts here
    clock.now += 30
    assert passes(mw, request("http://xxgk.qinglan.gov.cn/public/index?organId=2", unit="taoyuan"))
    clock.now += elapsed - 30
    assert passes(mw, request("http://gk.ycgjj.gov.cn/art/1.html")) is allowed
    assert crawler.spider.status.get("gjj") == (None if allowed else "timeout")
    assert (crawler.stats.get_value("zwgk/dropped/unit_timeout") or 0) == (0 if allowed else 1)
    # taoyuan started 30 s later: its own clock has not run out
    assert passes(mw, request("http://xxgk.qinglan.gov.cn/public/column?organId=2", unit="taoyuan"))


def test_no_page_budget_means_no_budget_middleware():
    with pytest.raises(NotConfigured):
        BudgetMiddleware.from_crawler(make_crawler(ZWGK_PAGE_BUDGET=0))
    assert BudgetMiddleware.from_crawler(make_crawler()).pages == BASE["ZWGK_PAGE_BUDGET"]


# ------------------------------------------------------------------------------- RetryBackoffMiddleware

@pytest.mark.parametrize("retry_times, seconds", [
    (0, 0.0), (1, 2.0), (2, 4.0), (3, 8.0),
    (4, 16.0),       # just below the cap
    (5, 30.0),       # 32 would be over it
    (9, 30.0),
])
def test_retry_backoff_doubles_up_to_its_cap(retry_times, seconds):
    mw = RetryBackoffMiddleware.from_crawler(make_crawler(ZWGK_RETRY_BACKOFF=2, ZWGK_RETRY_BACKOFF_MAX=30))
    assert mw.delay(retry_times) == seconds


@pytest.mark.parametrize("cap, expected", [(15.9, 15.9), (16.0, 16.0), (16.1, 16.0)])
def test_retry_backoff_cap_at_below_and_above_a_doubled_delay(cap, expected):
    mw = RetryBackoffMiddleware.from_crawler(make_crawler(ZWGK_RETRY_BACKOFF=2, ZWGK_RETRY_BACKOFF_MAX=cap))
    assert mw.delay(4) == expected      # 2 · 2³ = 16


def test_retry_backoff_waits_before_a_retry_only():
    crawler = make_crawler(ZWGK_RETRY_BACKOFF=0.05, ZWGK_RETRY_BACKOFF_MAX=0.08)
    mw = RetryBackoffMiddleware.from_crawler(crawler)

    def waited(retry_times: int) -> float:
        start = time.monotonic()
        assert asyncio.run(mw.process_request(request("http://gk.ycgjj.gov.cn/", retry_times=retry_times))) is None
        return time.monotonic() - start

    assert waited(0) < 0.04
    assert crawler.stats.get_value("zwgk/retry/backoff_seconds") is None
    assert waited(1) >= 0.05
    assert 0.08 <= waited(3) < 0.5             # 0.2 capped at 0.08
    assert crawler.stats.get_value("zwgk/retry/backoff_seconds") == pytest.approx(0.13)
    with pytest.raises(NotConfigured):
        RetryBackoffMiddleware.from_crawler(make_crawler(ZWGK_RETRY_BACKOFF=0))


# ------------------------------------------------------------------------------- EncodingMiddleware

TEXT = "关于做好2019年政务公开工作的通知（青岚区人民政府）"


def page(charset_meta: str | None = None) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset_meta}">' if charset_meta else ""
    return f"<html><head>{meta}<title>{TEXT}</title></head><body><p>{TEXT}</p></body></html>"


@pytest.mark.parametrize("body, header, expected_encoding, declared, corrected", [
    # GBK bytes that claim UTF-8 (header, or a meta the header leaves alone)
    (page().encode("gbk"), "utf-8", "gb18030", "utf-8", True),
    (page("utf-8").encode("gbk"), None, "gb18030", "utf-8", True),
    # UTF-8 bytes that claim GBK or GB2312
    (page().encode("utf-8"), "gbk", "utf-8", "gb18030", True),
    (page("gb2312").encode("utf-8"), None, "utf-8", "gb18030", True),
    # header and meta disagree: the header is what is declared; the bytes decide
    (page("gb2312").encode("gbk"), "utf-8", "gb18030", "utf-8", True),
    (page("utf-8").encode("utf-8"), "gbk", "utf-8", "gb18030", True),
    (page("utf-8").encode("gbk"), "gbk", "gb18030", "gb18030", False),
    # a BOM says more than any header
    (b"\xef\xbb\xbf" + page("gbk").encode("utf-8"), "gbk", "utf-8", "utf-8", False),
    ("\ufeff".encode("utf-16-le") + page().encode("utf-16-le"), "utf-8", "utf-16-le", "utf-16-le", False),
    # declared right: left alone
    (page().encode("utf-8"), "utf-8", "utf-8", "utf-8", False),
    (page("gbk").encode("gbk"), None, "gb18030", "gb18030", False),
])
def test_html_is_decoded_by_what_its_bytes_are(body, header, expected_encoding, declared, corrected):
    crawler = make_crawler()
    mw = EncodingMiddleware.from_crawler(crawler)
    headers = {"Content-Type": f"text/html; charset={header}" if header else "text/html"}
    req = request("http://gk.ycgjj.gov.cn/art/1.html")
    resp = HtmlResponse(req.url, body=body, headers=headers, request=req)
    out = mw.process_response(req, resp)
    assert out.text.count(TEXT) == 2 and not out.text.startswith("\ufeff")
    assert out.encoding == expected_encoding
    assert req.meta["declared_encoding"] == declared
    assert (crawler.stats.get_value("zwgk/encoding_corrected") or 0) == (1 if corrected else 0)
    assert (out is resp) is not corrected


def test_utf8_that_also_reads_as_gbk_is_taken_as_utf8():
    # runs of an even number of Chinese characters in UTF-8 are valid GBK too (as 鏀垮姟鍏紑):
    # valid UTF-8 is the stronger signal
    crawler = make_crawler()
    text = "<html><head><title>政务公开</title></head><body><p>信息公开指南</p></body></html>"
    req = request("http://gk.ycgjj.gov.cn/index.html")
    resp = HtmlResponse(req.url, body=text.encode("utf-8"), headers={"Content-Type": "text/html; charset=gb2312"},
                        request=req)
    out = EncodingMiddleware.from_crawler(crawler).process_response(req, resp)
    assert out.text == text and out.encoding == "utf-8"
    assert crawler.stats.get_value("zwgk/encoding_corrected") == 1


def test_an_ascii_page_declared_gbk_needs_no_correction():
    # every ASCII byte means the same in GBK and UTF-8: nothing to correct, and the declared
    # charset stays (a search form on the page must post in it)
    crawler = make_crawler()
    req = request("http://gk.ycgjj.gov.cn/search.html")
    resp = HtmlResponse(req.url, body=b"<html><body><form action='/s'><input name='q'></form></body></html>",
                        headers={"Content-Type": "text/html; charset=gbk"}, request=req)
    out = EncodingMiddleware.from_crawler(crawler).process_response(req, resp)
    assert out.encoding == "gb18030"
    assert crawler.stats.get_value("zwgk/encoding_corrected") is None


def test_only_html_is_redecoded():
    crawler = make_crawler()
    req = request("http://gk.ycgjj.gov.cn/files/a.pdf")
    resp = Response(req.url, body="%PDF-1.4 通知".encode("gbk"), headers={"Content-Type": "application/pdf"}, request=req)
    assert EncodingMiddleware.from_crawler(crawler).process_response(req, resp) is resp
    assert "declared_encoding" not in req.meta and crawler.stats.get_value("zwgk/encoding_corrected") is None
