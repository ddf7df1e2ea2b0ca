"""Scrapy settings of the gatherer. Components and their order are data, as in Scrapy's defaults.

Every ZWGK_* setting can be overridden per program (`crawl:` in the program YAML) or on the command
line; the run records the settings it used.
"""
from __future__ import annotations

import difflib
import functools
import json
import math
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

# ---- which values a setting accepts ---------------------------------------------------------
# One check for a program's `crawl:` (typed YAML values) and `--set NAME=VALUE` (text): a setting
# the crawl could only fail on, or that would quietly empty the run, is refused before it starts.

# scrapy-playwright's settings (it has no defaults module to read them from)
PLAYWRIGHT = {
    "PLAYWRIGHT_ABORT_REQUEST": None, "PLAYWRIGHT_BROWSER_PROVIDER": None, "PLAYWRIGHT_BROWSER_TYPE": "chromium", "PLAYWRIGHT_CDP_KWARGS": {},
    "PLAYWRIGHT_CDP_URL": None, "PLAYWRIGHT_CONNECT_KWARGS": {}, "PLAYWRIGHT_CONNECT_URL": None,
    "PLAYWRIGHT_CONTEXTS": {}, "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": 30_000,
    "PLAYWRIGHT_DOWNLOAD_TIMEOUT": 30_000, "PLAYWRIGHT_LAUNCH_OPTIONS": {}, "PLAYWRIGHT_MAX_CONTEXTS": 0,
    "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 8, "PLAYWRIGHT_PROCESS_REQUEST_HEADERS": None,
    "PLAYWRIGHT_RESTART_DISCONNECTED_BROWSER": True,
}
# whole-number defaults that are read as fractions (getfloat): 0.5 is a good value for them
FRACTIONAL = {"DOWNLOAD_DELAY", "DOWNLOAD_TIMEOUT", "DNS_TIMEOUT", "ZWGK_UNIT_SECONDS",
              "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT"}
# 0 would stop every request of a unit, or time every probe out: a run that looks complete but saw nothing
POSITIVE = {"CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "CONCURRENT_ITEMS", "DOWNLOAD_TIMEOUT",
            "ZWGK_PAGE_BUDGET", "ZWGK_UNIT_SECONDS", "ZWGK_AVAIL_TIMEOUT", "ZWGK_RENDERS_PER_CONTEXT",
            "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT"}
_TRUE, _FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


class SettingError(ValueError):
    """A setting value the crawl cannot use; the message is for the user (Chinese)."""


class UnknownSetting(SettingError):
    """The name itself is wrong (a typo must not silently drop a setting)."""


@functools.cache
def known_settings() -> dict:
    """Every setting name the crawl reads, with its default (whose type is the setting's type)."""
    # imports Scrapy (0.7 s): only when a setting is checked, not when profiles are loaded
    from scrapy.settings import default_settings
    scrapy_defaults = {n: getattr(default_settings, n) for n in dir(default_settings) if n.isupper()}
    return {**scrapy_defaults, **PLAYWRIGHT, **BASE}


def setting_value(name: str, value):
    """`value` of setting `name` as the crawl will read it (text from `--set` becomes a number,
    true/false, a list or a mapping). Raises UnknownSetting or SettingError saying why not."""
    known = known_settings()
    if name not in known:
        if name.upper() in known:
            raise UnknownSetting(f"设置名应为大写（是否应为 {name.upper()}？）")
        hint = difflib.get_close_matches(name, known, n=1)
        raise UnknownSetting("未知的设置名" + (f"（是否应为 {hint[0]}？）" if hint else ""))
    default = known[name]
    if isinstance(default, bool):
        return _boolean(value)
    if isinstance(default, (int, float)):
        return _number(name, value, whole=isinstance(default, int) and name not in FRACTIONAL)
    if isinstance(default, str):
        if not isinstance(value, str):
            raise SettingError(f"应为文本，实际为 {value!r}")
        return value
    if isinstance(default, (list, tuple)):
        return _sequence(value)
    if isinstance(default, dict):
        return _mapping(value)
    return value      # no default (None): any value


def _boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    if type(value) is int and value in (0, 1):
        return bool(value)
    raise SettingError(f"应为 true 或 false，实际为 {value!r}")


def _number(name: str, value, whole: bool):
    number = value
    if isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            try:
                number = float(value.strip())
            except ValueError:
                raise SettingError(f"应为数字，实际为 {value!r}") from None
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        raise SettingError(f"应为数字，实际为 {value!r}")
    if not math.isfinite(number):
        raise SettingError(f"应为有限的数字，实际为 {value!r}")
    if whole:
        if not float(number).is_integer():
            raise SettingError(f"应为整数，实际为 {value!r}")
        number = int(number)
    if name in POSITIVE and number <= 0:
        raise SettingError(f"应大于 0，实际为 {value!r}")
    if number < 0 and not name.endswith(("_PRIORITY", "_PRIORITY_ADJUST")):
        raise SettingError(f"不能为负数，实际为 {value!r}")
    return number


def _sequence(value) -> list:
    if isinstance(value, str):      # as Scrapy's getlist reads text, or a JSON list
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except ValueError:
                raise SettingError(f"应为列表（JSON 列表或逗号分隔），实际为 {value!r}") from None
        else:
            return [part.strip() for part in text.split(",") if part.strip()]
    if not isinstance(value, (list, tuple)):
        raise SettingError(f"应为列表，实际为 {value!r}")
    return list(value)


def _mapping(value) -> dict:
    if isinstance(value, str):      # as Scrapy's getdict reads text: a JSON object
        try:
            value = json.loads(value)
        except ValueError:
            raise SettingError(f"应为键值对（JSON 对象，如 {{\"a\": 1}}），实际为 {value!r}") from None
    if not isinstance(value, dict):
        raise SettingError(f"应为键值对，实际为 {value!r}")
    return value
