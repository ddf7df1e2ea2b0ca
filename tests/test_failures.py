"""crawler/failures.py: a failed request is the site's only when the site failed to answer."""
from __future__ import annotations

import pytest
from scrapy.exceptions import (CannotResolveHostError, DownloadConnectionRefusedError, DownloadTimeoutError,
                               IgnoreRequest)
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError
from twisted.web._newclient import ResponseNeverReceived

from crawler.failures import who_failed


@pytest.mark.parametrize("exc", [DownloadConnectionRefusedError("refused"), CannotResolveHostError("x.gov.cn"),
                                 DownloadTimeoutError("took longer than 30 s"), ConnectionRefusedError(),
                                 DNSLookupError(), TCPTimedOutError(), ResponseNeverReceived([])])
def test_the_site_did_not_answer(exc):
    assert who_failed(exc) == "site"


@pytest.mark.parametrize("exc", [IgnoreRequest("page_budget: unit page budget spent"),
                                 IgnoreRequest("offsite: outside the unit's allowed hosts"),
                                 RuntimeError("something of ours"), ValueError("bad URL")])
def test_our_own_failures(exc):
    assert who_failed(exc) == "crawler"


def test_a_render_that_failed_is_ours_whatever_the_error():
    # a page is rendered only after the site served it: a browser timeout or crash is the crawler's
    assert who_failed(DownloadTimeoutError("Page.goto: Timeout 30000ms exceeded"), browser=True) == "crawler"


def test_retries_wait_longer_each_time():
    import asyncio
    import time
    from types import SimpleNamespace

    from scrapy import Request

    from crawler.middlewares import RetryBackoffMiddleware
    waited = []
    stats = SimpleNamespace(inc_value=lambda key, n: waited.append(n))
    mw = RetryBackoffMiddleware(SimpleNamespace(stats=stats), base=0.2, most=0.5)
    assert [mw.delay(n) for n in range(5)] == [0.0, 0.2, 0.4, 0.5, 0.5]
    started = time.monotonic()
    asyncio.run(mw.process_request(Request("http://127.0.0.1/", meta={"retry_times": 2})))
    assert time.monotonic() - started >= 0.4 and waited == [0.4]     # the second retry waited
    asyncio.run(mw.process_request(Request("http://127.0.0.1/")))
    assert waited == [0.4]                                           # a first try does not
