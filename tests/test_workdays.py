"""Working days and 整改时限 against the official 2019 calendar (国办发明电〔2018〕15号, as amended for
劳动节): every expected date below was counted by hand on a calendar, not by the code.

2019 days that matter here:
  春节   02-04 (Mon) … 02-10 (Sun) off; Sat 02-02 and Sun 02-03 are make-up working days
  端午   06-07 (Fri) off (06-08, 06-09 the weekend)
  中秋   09-13 (Fri) … 09-15 off
  国庆   10-01 (Tue) … 10-07 (Mon) off; Sun 09-29 and Sat 10-12 are make-up working days
  元旦   2018-12-30 … 2019-01-01 off; Sat 2018-12-29 a make-up working day

整改时限: veto 5, major 10, minor 20, advisory 30 working days after the as-of day. An as-of day
that is itself a holiday or weekend is not counted: the count starts with the next working day
(as a time limit "within n working days" of a notice does).
"""
from __future__ import annotations

from datetime import date

import pytest

from checks.workdays import covered, is_workday, nth_workday_after, workdays_between
from reports.common import deadline

D = date

# as-of day → (veto, major, minor, advisory) deadlines
DEADLINES = {
    # 春节
    D(2019, 1, 31): (D(2019, 2, 12), D(2019, 2, 19), D(2019, 3, 5), D(2019, 3, 19)),    # Thu before: 02-01, 02-02, 02-03 count
    D(2019, 2, 2): (D(2019, 2, 14), D(2019, 2, 21), D(2019, 3, 7), D(2019, 3, 21)),     # on the make-up Saturday
    D(2019, 2, 6): (D(2019, 2, 15), D(2019, 2, 22), D(2019, 3, 8), D(2019, 3, 22)),     # inside: count from 02-11
    D(2019, 2, 11): (D(2019, 2, 18), D(2019, 2, 25), D(2019, 3, 11), D(2019, 3, 25)),   # first day after
    # 端午
    D(2019, 6, 4): (D(2019, 6, 12), D(2019, 6, 19), D(2019, 7, 3), D(2019, 7, 17)),     # Tue before
    D(2019, 6, 7): (D(2019, 6, 14), D(2019, 6, 21), D(2019, 7, 5), D(2019, 7, 19)),     # the holiday itself
    D(2019, 6, 10): (D(2019, 6, 17), D(2019, 6, 24), D(2019, 7, 8), D(2019, 7, 22)),    # Mon after
    # 国庆
    D(2019, 9, 27): (D(2019, 10, 10), D(2019, 10, 16), D(2019, 10, 30), D(2019, 11, 13)),  # Fri before: 09-29 counts
    D(2019, 9, 28): (D(2019, 10, 10), D(2019, 10, 16), D(2019, 10, 30), D(2019, 11, 13)),  # a plain Saturday
    D(2019, 9, 30): (D(2019, 10, 12), D(2019, 10, 18), D(2019, 11, 1), D(2019, 11, 15)),   # the demo's as-of: veto due Sat 10-12
    D(2019, 10, 3): (D(2019, 10, 12), D(2019, 10, 18), D(2019, 11, 1), D(2019, 11, 15)),   # inside
    D(2019, 10, 8): (D(2019, 10, 14), D(2019, 10, 21), D(2019, 11, 4), D(2019, 11, 18)),   # first day after
    D(2019, 10, 13): (D(2019, 10, 18), D(2019, 10, 25), D(2019, 11, 8), D(2019, 11, 22)),  # Sunday after the make-up day
}
SEVERITIES = ("veto", "major", "minor", "advisory")


@pytest.mark.parametrize("as_of, severity, due", [
    (as_of, sev, due) for as_of, dues in DEADLINES.items() for sev, due in zip(SEVERITIES, dues)])
def test_rectification_deadline(as_of, severity, due):
    assert deadline(severity, as_of) == due


@pytest.mark.parametrize("start, end, n", [
    (D(2019, 10, 11), D(2019, 10, 14), 2),      # Sat 10-12 (make-up) and Mon 10-14
    (D(2019, 10, 11), D(2019, 10, 12), 1),      # the make-up Saturday alone
    (D(2019, 10, 12), D(2019, 10, 13), 0),      # Sunday after it: off
    (D(2019, 9, 27), D(2019, 10, 8), 3),        # Sun 09-29, Mon 09-30, Tue 10-08
    (D(2019, 9, 30), D(2019, 10, 7), 0),        # the whole 国庆 week
    (D(2019, 2, 1), D(2019, 2, 11), 3),         # Sat 02-02, Sun 02-03, Mon 02-11
    (D(2019, 2, 3), D(2019, 2, 10), 0),         # 春节
    (D(2019, 6, 6), D(2019, 6, 12), 3),         # 端午: 06-10, 06-11, 06-12
    (D(2018, 12, 28), D(2019, 1, 2), 2),        # across the year: Sat 2018-12-29 and Wed 01-02
    (D(2019, 10, 8), D(2019, 10, 8), 0),        # end == start
    (D(2019, 10, 9), D(2019, 10, 8), 0),        # end before start
    (D(2019, 10, 8), D(2019, 10, 9), 1),        # the next day, a working day
])
def test_workdays_between(start, end, n):
    assert workdays_between(start, end) == n


@pytest.mark.parametrize("start, n, day", [
    (D(2019, 10, 11), 1, D(2019, 10, 12)),      # the make-up Saturday is the next working day
    (D(2019, 10, 11), 2, D(2019, 10, 14)),
    (D(2019, 9, 28), 1, D(2019, 9, 29)),        # the make-up Sunday
    (D(2019, 9, 30), 1, D(2019, 10, 8)),
    (D(2019, 2, 1), 2, D(2019, 2, 3)),
    (D(2019, 2, 1), 3, D(2019, 2, 11)),
    (D(2019, 6, 6), 1, D(2019, 6, 10)),
])
def test_nth_workday_after_across_make_up_days(start, n, day):
    assert nth_workday_after(start, n) == day


@pytest.mark.parametrize("day", [D(2019, 10, 8), D(2019, 10, 1), D(2019, 10, 13), D(2019, 10, 12)])
def test_zeroth_workday_is_the_day_itself(day):
    # working day, holiday, weekend, make-up day: 0 working days after a day is that day
    assert nth_workday_after(day, 0) == day


@pytest.mark.parametrize("day, working", [
    (D(2019, 9, 29), True), (D(2019, 10, 12), True), (D(2019, 2, 2), True), (D(2019, 2, 3), True),  # 调休
    (D(2019, 10, 1), False), (D(2019, 10, 7), False), (D(2019, 6, 7), False), (D(2019, 2, 4), False),
    (D(2019, 10, 13), False), (D(2019, 10, 8), True),
])
def test_is_workday_2019(day, working):
    assert is_workday(day) is working


def test_outside_the_calendar_weekdays_decide():
    # 2003 precedes the calendar's years: 国庆 2003 (Wed 10-01 … Tue 10-07) is not known, so the
    # weekdays count as working days and the weekend does not
    assert not covered(D(2003, 10, 1)) and covered(D(2019, 10, 1))
    assert is_workday(D(2003, 10, 1)) and not is_workday(D(2003, 10, 4))      # Wed, Sat
    assert nth_workday_after(D(2003, 9, 26), 5) == D(2003, 10, 3)             # Mon 09-29 … Fri 10-03
    assert workdays_between(D(2003, 9, 30), D(2003, 10, 7)) == 5             # Wed–Fri, Mon, Tue
    assert deadline("veto", D(2003, 10, 3)) == D(2003, 10, 10)               # Mon 10-06 … Fri 10-10
