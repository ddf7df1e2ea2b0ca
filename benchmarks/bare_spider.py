"""The baseline for benchmarks/crawl.py: a bare Scrapy spider that only follows links on the world.

Same politeness settings as the demo program; no extraction, no browser, no snapshot.
"""
from __future__ import annotations

import json
import sys
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.linkextractors import LinkExtractor


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, starts, hosts, **kw):
        super().__init__(**kw)
        self.start_urls = starts
        self.links = LinkExtractor(allow_domains=hosts, deny_extensions=[])
        self.pages = 0

    def parse(self, response):
        self.pages += 1
        if isinstance(response, scrapy.http.HtmlResponse):
            for link in self.links.extract_links(response):
                yield response.follow(link.url, self.parse)


def main(program_path: str) -> None:
    from site_profiles import load_program
    program = load_program(program_path)
    starts = [u for unit in program.units for u in (unit.portal, unit.disclosure) if u]
    hosts = sorted({urlsplit(u).netloc for u in starts})   # LinkExtractor compares netlocs, port included
    settings = {"LOG_LEVEL": "ERROR", "ROBOTSTXT_OBEY": True, "TELNETCONSOLE_ENABLED": False,
                "DEPTH_LIMIT": 12, "DEPTH_PRIORITY": 1, "RETRY_TIMES": 2, "CONCURRENT_REQUESTS": 32,
                "AUTOTHROTTLE_ENABLED": True, **program.crawl}
    settings = {k: v for k, v in settings.items() if not k.startswith("ZWGK_")}
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, starts=starts, hosts=hosts)
    process.start()
    print(json.dumps({"pages": crawler.spider.pages}))


if __name__ == "__main__":
    main(sys.argv[1])
