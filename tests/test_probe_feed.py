"""The search-probe feed: a few probes at a time, none once the search keeps failing."""
from __future__ import annotations

import pytest

from crawler.probe_feed import ProbeFeed


def test_sends_a_window_then_one_per_probe_ended():
    feed = ProbeFeed(range(10), window=3, give_up=5)
    assert feed.start() == [0, 1, 2]
    assert feed.done(answered=True) == [3]
    assert feed.done(answered=False) == [4]
    assert list(feed.pending) == [5, 6, 7, 8, 9] and feed.skipped == 0


@pytest.mark.parametrize("failures, stops", [(4, False), (5, True), (6, True)])
def test_gives_up_after_give_up_failures_in_a_row(failures, stops):
    feed = ProbeFeed(range(20), window=1, give_up=5)
    sent = feed.start()
    for _ in range(failures):
        if feed.stopped:
            break
        sent += feed.done(answered=False)
    assert feed.stopped is stops
    if stops:
        assert not feed.pending and feed.skipped == 20 - len(sent) and len(sent) == 5
    else:
        assert len(sent) == failures + 1 and feed.skipped == 0


def test_an_answer_resets_the_count():
    feed = ProbeFeed(range(20), window=1, give_up=3)
    feed.start()
    for answered in (False, False, True, False, False):
        feed.done(answered)
    assert not feed.stopped and feed.failed_in_row == 2
    feed.done(False)
    assert feed.stopped and feed.skipped == 20 - 6   # the first and five more were sent, the rest never


def test_window_larger_than_the_queue_and_nothing_to_send():
    assert ProbeFeed(range(2), window=8, give_up=5).start() == [0, 1]
    empty = ProbeFeed([], window=8, give_up=5)
    assert empty.start() == [] and empty.done(True) == []
