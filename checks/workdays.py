"""Chinese working days (weekends, public holidays and 调休 make-up days) from `chinese_calendar`.

Outside the years the calendar covers, weekends alone decide; `covered` tells a rule whether the
count it made is exact, so a finding can say so.
"""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

# The revised 政府信息公开条例 (国务院令第711号) took effect on this day.
REGULATION_2019 = date(2019, 5, 15)


@lru_cache(maxsize=8192)
def is_workday(day: date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:   # a year the calendar does not cover yet
        return day.weekday() < 5


def covered(day: date) -> bool:
    """Does the calendar know this day's holidays?"""
    try:
        chinese_calendar.is_workday(day)
        return True
    except NotImplementedError:
        return False


def workdays_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start).

    A document of Friday 2019-06-06 explained on Wednesday 2019-06-12 (端午 on the 7th) was
    explained 3 working days later.
    """
    n, day = 0, start
    while day < end:
        day += timedelta(days=1)
        n += is_workday(day)
    return n


def nth_workday_after(start: date, n: int) -> date:
    """The n-th working day after `start`."""
    day = start
    while n > 0:
        day += timedelta(days=1)
        n -= is_workday(day)
    return day
