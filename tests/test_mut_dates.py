"""crawler/dates.py: every date shape Chinese government pages print, read exactly.

Full dates (2019-09-30, 2019年9月30日, 2019/09/30, 2019.09.30, 20190930), year-less list dates
(09-30, [09/30], 9月30日) that need the year the caller supplies, full-width digits typed with
Chinese IMEs, and impossible dates that are reported raw but never parsed."""
from __future__ import annotations

from datetime import date

import pytest

from crawler.dates import all_dates, find_date_text, parse_date


@pytest.mark.parametrize("text, expected", [
    ("发布日期：2019-09-30", date(2019, 9, 30)),
    ("成文日期：2019年9月30日", date(2019, 9, 30)),
    ("生成日期：2019年09月30号", date(2019, 9, 30)),
    ("2019 年 9 月 3 日", date(2019, 9, 3)),
    ("2019/09/30", date(2019, 9, 30)),
    ("2019 / 9 / 30", date(2019, 9, 30)),
    ("2019.09.30", date(2019, 9, 30)),
    ("20190930", date(2019, 9, 30)),
    ("发布时间：1998-01-02 08:00", date(1998, 1, 2)),
    ("２０１９年０９月３０日", date(2019, 9, 30)),
    ("２０１９／０９／３０", date(2019, 9, 30)),
])
def test_parse_date_reads_year_month_and_day_of_every_full_shape(text, expected):
    assert parse_date(text) == expected
    # a default year never overrides the year a full date prints
    assert parse_date(text, default_year=2001) == expected


@pytest.mark.parametrize("text, token", [
    ("发布日期：2019-09-30", "2019-09-30"),
    ("成文日期：2019年9月30日 印发", "2019年9月30日"),
    ("[2019/09/30]", "2019/09/30"),
    ("编号 20190930 号", "20190930"),
    # full-width text: the token is cut from the original text, as printed
    ("日期：２０１９－０９－３０。", "２０１９－０９－３０"),
    # the first token wins
    ("2019-09-30 至 2020-01-01", "2019-09-30"),
])
def test_find_date_text_cuts_the_token_as_printed(text, token):
    assert find_date_text(text) == token


@pytest.mark.parametrize("text, token", [
    ("[09-30]", "09-30"),
    ("09/30 通知公告", "09/30"),
    ("9月30日", "9月30日"),
    ("更新于 9 月 3 号", "9 月 3 号"),
])
def test_year_less_tokens_only_with_short(text, token):
    assert find_date_text(text) is None            # by default a year-less token is no date
    assert find_date_text(text, short=True) == token


@pytest.mark.parametrize("text, year, expected", [
    ("[09-30]", 2019, date(2019, 9, 30)),
    ("09/30", 2020, date(2020, 9, 30)),
    ("9月30日", 2018, date(2018, 9, 30)),
    ("12月1号", 2019, date(2019, 12, 1)),
    ("01-31", 2021, date(2021, 1, 31)),
])
def test_year_less_dates_take_the_given_year(text, year, expected):
    assert parse_date(text) is None
    assert parse_date(text, default_year=year) == expected
    assert all_dates(text) == []
    assert all_dates(text, default_year=year) == [expected]


def test_year_less_february_29_exists_only_in_leap_years():
    # the caller rolls a year-less date back against the as-of date: the year must decide validity
    assert parse_date("02-29", default_year=2020) == date(2020, 2, 29)
    assert parse_date("02-29", default_year=2019) is None
    assert parse_date("2月29日", default_year=2019) is None
    assert all_dates("02-29 与 03-01", default_year=2019) == [date(2019, 3, 1)]


@pytest.mark.parametrize("text", ["2019-02-30", "2019年13月01日", "2019/04/31", "2019.00.10"])
def test_impossible_dates_are_found_but_not_parsed(text):
    assert find_date_text(f"成文日期：{text}") == text
    assert parse_date(text) is None
    assert all_dates(text) == []


def test_all_dates_keeps_order_and_every_shape_and_skips_impossible_ones():
    text = "成文日期：2019年9月1日，发布：2019-09-05，废止：2019-02-30，修订 2019/10/02 与 20191103"
    assert all_dates(text) == [date(2019, 9, 1), date(2019, 9, 5), date(2019, 10, 2), date(2019, 11, 3)]
    # year-less tokens join in only with a year
    mixed = "2019-09-05 更新 10-01"
    assert all_dates(mixed) == [date(2019, 9, 5)]
    assert all_dates(mixed, default_year=2019) == [date(2019, 9, 5), date(2019, 10, 1)]


@pytest.mark.parametrize("empty", [None, ""])
def test_nothing_in_nothing(empty):
    assert find_date_text(empty) is None
    assert find_date_text(empty, short=True) is None
    assert parse_date(empty) is None
    assert parse_date(empty, default_year=2019) is None
    assert all_dates(empty) == []
    assert all_dates(empty, default_year=2019) == []


def test_text_without_any_date():
    assert parse_date("第3页 共12页", default_year=2019) is None
    assert find_date_text("第3页 共12页", short=True) is None
    assert all_dates("电话：0564-3371234", default_year=2019) == []


def test_without_a_year_a_year_less_token_does_not_hide_the_full_date_after_it():
    text = "更新于 09-05，成文日期：2019-09-30"
    assert parse_date(text) == date(2019, 9, 30)
    assert find_date_text(text) == "2019-09-30"
    assert parse_date(text, default_year=2020) == date(2020, 9, 5)
