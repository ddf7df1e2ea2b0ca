"""Search probes are sent one after another (crawler.probe_feed): each next probe is yielded from
the callback of the one before, so Scrapy's DepthMiddleware sees a chain of links. It must not
count one: DEPTH_LIMIT ended every chain after 12 probes and silently dropped the rest of a unit's
search sample (the demo world lost qinglan's seeded SRCH-002 defects so)."""
from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.spidermiddlewares.depth import DepthMiddleware
from scrapy.utils.test import get_crawler

from crawler.probe_feed import ProbeFeed
from crawler.spider import GatherSpider


@pytest.mark.parametrize("window", [1, 2, 8])
def test_every_probe_is_sent_however_long_the_chain(window):
    crawler = get_crawler(GatherSpider, {"DEPTH_LIMIT": 3})
    depth = DepthMiddleware.from_crawler(crawler)
    spider = GatherSpider(program=None, units=[], snapshot=None, warc=None)
    spider.crawler = crawler
    probes = [Request(f"http://s.example.gov.cn/search?q={n}", meta={"unit": "u", "n": n}) for n in range(40)]
    spider.probe_feeds["u"] = feed = ProbeFeed(probes, window=window, give_up=5)
    in_flight = feed.start()           # sent by the engine, as on_idle does: no source response
    sent = list(in_flight)
    while in_flight:
        request = in_flight.pop(0)
        response = HtmlResponse(request.url, body=b"<html></html>", request=request)
        row = {"unit": "u", "status": 200, "error": None}
        after = [r for r in depth.process_spider_output(response, spider.probe_ended(row)) if isinstance(r, Request)]
        in_flight += after
        sent += after
    assert sorted(r.meta["n"] for r in sent) == list(range(40))
