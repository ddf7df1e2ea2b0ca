"""Who failed: the site or the crawler.

A link is broken, a site down, a search failing only on the site's own answer: an HTTP error status,
or a connection the site refused, reset, never answered or whose name does not resolve (after
Scrapy's retries). Everything else — a request a middleware dropped (scope, budget), our size cap, a
browser that did not start or a render that timed out, an error we cannot place — is the crawler's
own failure: a crawl error of the run, never a finding against the unit.
"""
from __future__ import annotations

# Twisted's and Scrapy's names for a site that did not answer properly
SITE_ERRORS = frozenset({
    # Scrapy ≥ 2.13
    "DownloadConnectionRefusedError", "CannotResolveHostError", "DownloadTimeoutError", "DownloadFailedError",
    "ResponseDataLossError",
    # Twisted
    "ConnectionRefusedError", "DNSLookupError", "TimeoutError", "TCPTimedOutError", "ConnectError",
    "ConnectionLost", "ConnectionDone", "ResponseNeverReceived", "ResponseFailed", "PartialDownloadError",
    "NoRouteError", "ConnectionResetError", "ConnectingCancelledError", "InvalidCodepointError",
})


def who_failed(exception: BaseException, browser: bool = False) -> str:
    """'site' or 'crawler' for a request that ended in `exception`."""
    if browser:
        return "crawler"   # pages are rendered only after the site served them: a render failure is ours
    return "site" if type(exception).__name__ in SITE_ERRORS else "crawler"
