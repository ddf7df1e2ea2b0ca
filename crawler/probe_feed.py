"""Search probes of one unit, sent a few at a time, and no more once the search keeps failing.

A search endpoint that answers 500 to every query would otherwise be asked once per item, each
ask retried, each retry slowed by AutoThrottle (which never shortens its delay on an error
answer): hundreds of requests and many minutes for one fact, that the search is broken. After
`give_up` probes in a row went unanswered, the rest are not sent; SRCH-001 needs no more.

    feed = ProbeFeed(requests, window=8, give_up=5)
    first = feed.start()                 # up to `window` requests to send now
    more = feed.done(answered=False)     # a probe ended: what to send next ([] once given up)
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable


class ProbeFeed:
    def __init__(self, requests: Iterable, window: int, give_up: int):
        self.pending = deque(requests)
        self.window = max(1, window)
        self.give_up = max(1, give_up)
        self.failed_in_row = 0
        self.skipped = 0          # probes never sent because the search had stopped answering

    @property
    def stopped(self) -> bool:
        return self.failed_in_row >= self.give_up

    def start(self) -> list:
        return [self.pending.popleft() for _ in range(min(self.window, len(self.pending)))]

    def done(self, answered: bool) -> list:
        self.failed_in_row = 0 if answered else self.failed_in_row + 1
        if self.stopped:
            self.skipped += len(self.pending)
            self.pending.clear()
            return []
        return [self.pending.popleft()] if self.pending else []
