"""Scrapy settings of the gatherer. Components and their order are data, as in Scrapy's defaults.

Every ZWGK_* setting can be overridden per program (`crawl:` in the program YAML) or on the command
line; the run records the settings it used.
"""
from __future__ import annotations

import shutil

from zwgk import __version__

USER_AGENT = (f"zwgk-audit/{__version__} (政务公开监测; +https://zwgk-audit.example/contact; "
              "contact: zwgk-monitor@example.gov.cn)")

BASE = {
    "BOT_NAME": "zwgk",
    "USER_AGENT": USER_AGENT,
    "ROBOTSTXT_OBEY": True,
    "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
    "DOWNLOAD_HANDLERS": {
        "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
        "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
        # the web only: a page's file: or ftp: link must never reach a handler (scope drops them first)
        "file": None, "ftp": None, "s3": None, "data": None,
    },
    # politeness: a few requests at a time per host, adapted to the server's latency
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
    "DOWNLOAD_DELAY": 0.5,
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 1.0,
    "AUTOTHROTTLE_MAX_DELAY": 30.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 2.0,
    "DOWNLOAD_TIMEOUT": 30,
    "DOWNLOAD_MAXSIZE": 20 * 2**20,     # also caps what a gzip body may inflate to
    "DOWNLOAD_WARNSIZE": 0,
    "RETRY_ENABLED": True,
    "RETRY_TIMES": 2,
    "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
    "REDIRECT_MAX_TIMES": 5,
    "DEPTH_LIMIT": 12,
    "DEPTH_PRIORITY": 1,                # breadth-first: a budget cut keeps the shallow pages
    "URLLENGTH_LIMIT": 1000,
    "COOKIES_ENABLED": True,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    "MEMUSAGE_ENABLED": True,
    # a guard against a stalled crawl: nothing gathered for 5 minutes closes it (the run says so)
    "CLOSESPIDER_TIMEOUT_NO_ITEM": 300,
    "DOWNLOADER_MIDDLEWARES": {
        "crawler.middlewares.UnitScopeMiddleware": 50,
        "crawler.middlewares.BudgetMiddleware": 60,
        "crawler.middlewares.RetryBackoffMiddleware": 70,
        "crawler.middlewares.ReplayMiddleware": 580,         # a resumed crawl's recorded answers
        "crawler.middlewares.FetchRecorderMiddleware": 585,   # between retry (550) and compression (590): every try, inflated
        "crawler.middlewares.EncodingMiddleware": 586,
    },
    "SPIDER_MIDDLEWARES": {},
    "ITEM_PIPELINES": {"crawler.pipelines.SnapshotPipeline": 300},
    "EXTENSIONS": {"crawler.progress.Progress": 500},
    # Playwright: Debian's Chromium, only for pages that need it; pages closed by the spider
    "PLAYWRIGHT_BROWSER_TYPE": "chromium",
    "PLAYWRIGHT_LAUNCH_OPTIONS": {
        "executable_path": shutil.which("chromium") or "/usr/bin/chromium",
        "headless": True,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"],
    },
    "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 8,
    "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": 30_000,
    # zwgk
    "ZWGK_PAGE_BUDGET": 20_000,          # requests per unit
    "ZWGK_UNIT_SECONDS": 3_600,          # wall clock per unit
    "ZWGK_SEARCH_SAMPLE": 20,            # items probed in site search per unit; 0: every item
    "ZWGK_SEARCH_GIVE_UP": 5,            # probes unanswered in a row after which a unit's search is not asked again
    "ZWGK_AVAIL_PROBES": 5,              # availability probes per site home
    "ZWGK_AVAIL_INTERVAL": 10.0,         # seconds between probes
    "ZWGK_AVAIL_TIMEOUT": 15,            # AVAIL-001: no response within 15 s is a failure
    "ZWGK_ATTACHMENT_MAXSIZE": 10 * 2**20,
    "ZWGK_RENDERS_PER_CONTEXT": 200,     # browser contexts are recycled after this many renders
    "ZWGK_RETRY_BACKOFF": 2.0,           # seconds before the first retry, doubling for each next one
    "ZWGK_RETRY_BACKOFF_MAX": 30.0,
    "ZWGK_PROGRESS": True,               # the live table per unit on the terminal
}
