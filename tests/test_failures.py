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
