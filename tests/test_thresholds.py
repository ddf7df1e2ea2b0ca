"""Every rule threshold at, just below and just above its limit.

One table per rule family. Each case builds a small snapshot (tests/minisnap.py: the real Snapshot
and rule engine) and asserts exactly which items or columns are flagged and at which severity, so
that a `>` turned into `>=`, a limit moved by one or a veto dropped makes a case fail. Expected
values are written out by hand (dates counted on the 2019 calendar, check digits verified by the
independent implementations below), never computed by the code under test.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest

from checks.registry import RULES
from checks.rules.freshness import listing_date
from checks.rules.privacy import luhn, valid_id
from tests.minisnap import DISCLOSURE, ORG, PORTAL, Mini

AS_OF = date(2019, 9, 30)


def audited(mini: Mini, code: str) -> list[dict]:
    """Every row `code` yields, run the way `zwgk audit` runs it (a rule's exception recorded, not
    raised): the audit must have recorded no rule error, so a crashing rule never reads as "no
    finding"."""
    errors: list[str] = []
    rows = mini.audit(code, errors=errors)
    assert errors == [], errors
    return rows


def flagged(mini: Mini, code: str, key="url") -> list[tuple]:
    """(place, severity) of every finding of `code`, sorted; `key` names the place (a row field or a
    function of the row). A coverage gap is no finding either: none may appear here."""
    rows = audited(mini, code)
    assert [r["message"] for r in rows if r["gap"]] == []
    place = key if callable(key) else (lambda r: r[key])
    return sorted((place(r), r["severity"]) for r in rows)


def days_before(n: int, as_of: date = AS_OF) -> str:
    return (as_of - timedelta(days=n)).isoformat()


def test_a_crashing_rule_is_never_read_as_no_finding(tmp_path, monkeypatch):
    def crash(audit):
        raise KeyError("newest_date")
        yield   # a generator, like every rule

    monkeypatch.setitem(RULES, "FRESH-002", replace(RULES["FRESH-002"], check=crash))
    mini = Mini(tmp_path)
    with pytest.raises(AssertionError, match="FRESH-002: KeyError"):
        flagged(mini, "FRESH-002")
    with pytest.raises(KeyError):
        mini.findings("FRESH-002")


# ---- AVAIL-001: failed visits ≥ max(2, 5% of visits) is a veto ---------------------------------------

@pytest.mark.parametrize("role, visits, failed, expected", [
    ("portal", 41, 2, []),                       # 4.9%
    ("portal", 40, 2, [(PORTAL, "veto")]),       # 5% exactly
    ("portal", 39, 2, [(PORTAL, "veto")]),       # 5.1%
    ("portal", 100, 4, []),
    ("portal", 100, 5, [(PORTAL, "veto")]),
    ("portal", 100, 6, [(PORTAL, "veto")]),
    ("portal", 20, 1, []),                       # 5%, but one failure alone proves nothing
    ("portal", 2, 1, []),                        # 50%, one failure
    ("portal", 3, 2, [(PORTAL, "veto")]),        # two failures: min_failures reached
    ("disclosure", 41, 2, []),
    ("disclosure", 40, 2, [(DISCLOSURE, "veto")]),
], ids=lambda v: str(v) if not isinstance(v, list) else ("veto" if v else "none"))
def test_avail_failure_share(tmp_path, role, visits, failed, expected):
    mini = Mini(tmp_path)            # its crawl already visited each home once, successfully
    url = PORTAL if role == "portal" else DISCLOSURE
    for n in range(visits - 1):
        ok = n >= failed
        mini.add("probes", url=url, kind=role, at=f"2019-09-2{n % 7}T{n % 24:02d}:00", status=200 if ok else 503,
                 ok=int(ok), error=None if ok else "HTTP 503")
    assert flagged(mini, "AVAIL-001") == expected


@pytest.mark.parametrize("visit, expected", [
    (dict(status=200, elapsed_ms=15_000), []),                        # answered within 15 s
    (dict(status=200, elapsed_ms=15_001), [(PORTAL, "veto")]),
    (dict(status=499), []),
    (dict(status=500), [(PORTAL, "veto")]),
    (dict(status=None, error="TimeoutError: no answer"), [(PORTAL, "veto")]),
    (dict(status=503, failure="crawler"), []),                        # our own failure, not the site's
])
def test_avail_what_a_failed_crawl_visit_is(tmp_path, visit, expected):
    mini = Mini(tmp_path)
    for _ in range(2):               # 2 of 3 visits: the share and min_failures both reached if they fail
        mini.fetch(PORTAL, **visit)
    assert flagged(mini, "AVAIL-001") == expected


def test_avail_a_retry_that_got_through_is_one_good_visit(tmp_path):
    mini = Mini(tmp_path)
    for _ in range(2):
        mini.fetch(PORTAL, 503, attempt=0)
        mini.fetch(PORTAL, 200, attempt=1)
    assert flagged(mini, "AVAIL-001") == []


# ---- FRESH-001: the portal home updated within 14 days (veto) --------------------------------------------

@pytest.mark.parametrize("as_of, listing, expected", [
    (AS_OF, dict(date="2019-09-17"), []),                          # 13 days
    (AS_OF, dict(date="2019-09-16"), []),                          # 14 days
    (AS_OF, dict(date="2019-09-15"), [(PORTAL, "veto")]),          # 15 days
    (AS_OF, dict(date="2019-09-30"), []),                          # the as-of day itself
    (AS_OF, dict(date="2019-10-01"), [(PORTAL, "veto")]),          # a future date proves nothing
    (AS_OF, dict(date=None, date_text="09-16"), []),               # year-less: this year
    (AS_OF, dict(date=None, date_text="9月15日"), [(PORTAL, "veto")]),
    (AS_OF, dict(date=None, date_text="10-01"), [(PORTAL, "veto")]),   # 2018-10-01
    (date(2020, 1, 5), dict(date=None, date_text="12-28"), []),    # 2019-12-28, 8 days
    (date(2020, 1, 5), dict(date=None, date_text="12-22"), []),    # 2019-12-22, 14 days
    (date(2020, 1, 5), dict(date=None, date_text="12-21"), [(PORTAL, "veto")]),   # 15 days
    (date(2020, 1, 5), dict(date=None, date_text="01-05"), []),    # the as-of day: no roll-back
    (date(2020, 1, 5), dict(date=None, date_text="01-06"), [(PORTAL, "veto")]),   # 2019-01-06
    (AS_OF, dict(date=None, date_text=None), [(PORTAL, "veto")]),  # shown without a date
])
def test_homepage_update_window(tmp_path, as_of, listing, expected):
    mini = Mini(tmp_path, as_of=as_of)
    mini.add("listings", url="http://portal.example.gov.cn/art/1.html", title="青岚区召开安全生产工作会议",
             source="home", source_url=PORTAL, **listing)
    assert flagged(mini, "FRESH-001") == expected


@pytest.mark.parametrize("as_of, shown, expected", [
    (AS_OF, dict(date=None, date_text="09-28"), date(2019, 9, 28)),
    (AS_OF, dict(date=None, date_text="[09-30]"), date(2019, 9, 30)),     # the as-of day: this year
    (AS_OF, dict(date=None, date_text="10-01"), date(2018, 10, 1)),       # after as-of: last year
    (AS_OF, dict(date=None, date_text="10月1日"), date(2018, 10, 1)),
    (AS_OF, dict(date=None, date_text="9月5日"), date(2019, 9, 5)),
    (date(2020, 1, 5), dict(date=None, date_text="12-31"), date(2019, 12, 31)),
    (date(2020, 1, 5), dict(date=None, date_text="01-05"), date(2020, 1, 5)),
    (date(2020, 1, 5), dict(date=None, date_text="01-06"), date(2019, 1, 6)),
    (date(2020, 3, 1), dict(date=None, date_text="02-29"), date(2020, 2, 29)),
    (date(2021, 3, 1), dict(date=None, date_text="02-29"), date(2020, 2, 29)),   # no 2021-02-29
    (AS_OF, dict(date="2019-09-01", date_text="09-28"), date(2019, 9, 1)),   # a full date read wins
    (AS_OF, dict(date=None, date_text="13-01"), None),
    (AS_OF, dict(date=None, date_text=None), None),
])
def test_year_less_list_dates_are_the_latest_such_day_not_after_as_of(as_of, shown, expected):
    assert listing_date(shown, as_of) == expected


# ---- FRESH-002: column limits per class; 5 stale news/notice columns or 10 stale columns: veto ----------

@pytest.mark.parametrize("column, age, expected", [
    ("工作动态", 13, None), ("工作动态", 14, None), ("工作动态", 15, "major"),          # news: 14 days
    ("通知公告", 182, None), ("通知公告", 183, None), ("通知公告", 184, "major"),       # notice: 183 days
    ("统计信息", 364, None), ("统计信息", 365, None), ("统计信息", 366, "major"),       # yearly: 365 days
    ("机构职能", 3000, None),                                                          # static: never stale
])
def test_column_freshness_limits(tmp_path, column, age, expected):
    mini = Mini(tmp_path)
    path = f"法定主动公开内容 > {column}"
    mini.column(path, item_count=3, newest_date=days_before(age))
    assert flagged(mini, "FRESH-002", "column_path") == ([(path, expected)] if expected else [])


STALE = {"news": ("工作动态", 15), "notice": ("通知公告", 184), "yearly": ("统计信息", 366)}


@pytest.mark.parametrize("news, notice, yearly, severity", [
    (2, 2, 0, "major"),      # 4 urgent
    (2, 3, 0, "veto"),       # 5 urgent
    (3, 3, 0, "veto"),       # 6 urgent
    (5, 0, 0, "veto"),
    (0, 5, 0, "veto"),
    (0, 0, 9, "major"),      # 9 stale in all
    (0, 0, 10, "veto"),      # 10
    (0, 0, 11, "veto"),      # 11
    (2, 2, 5, "major"),      # 4 urgent, 9 in all
    (2, 2, 6, "veto"),       # 4 urgent, 10 in all
])
def test_stale_column_counts_raise_to_veto(tmp_path, news, notice, yearly, severity):
    mini = Mini(tmp_path)
    paths = []
    for cls, n in (("news", news), ("notice", notice), ("yearly", yearly)):
        name, age = STALE[cls]
        for i in range(n):
            paths.append(f"法定主动公开内容 > {name}{i}")
            mini.column(paths[-1], item_count=2, newest_date=days_before(age))
    for name, age in (("工作动态", 14), ("通知公告", 183), ("统计信息", 365)):   # at their limit: not stale
        mini.column(f"法定主动公开内容 > 近期{name}", item_count=2, newest_date=days_before(age))
    assert flagged(mini, "FRESH-002", "column_path") == sorted((p, severity) for p in paths)


def test_a_column_not_seen_whole_is_a_gap_and_does_not_count_towards_the_veto(tmp_path):
    mini = Mini(tmp_path)
    paths = [f"法定主动公开内容 > 通知公告{i}" for i in range(4)]
    for p in paths:
        mini.column(p, item_count=2, newest_date=days_before(184))
    mini.column("法定主动公开内容 > 通知公告4", complete=False, item_count=2, newest_date=days_before(184))
    rows = audited(mini, "FRESH-002")
    assert sorted((r["column_path"], r["severity"], r["gap"]) for r in rows) == \
        sorted([(p, "major", 0) for p in paths] + [("法定主动公开内容 > 通知公告4", "advisory", 1)])


@pytest.mark.parametrize("shown, expected", [
    ("09-16", None),          # 2019-09-16: 14 days before as-of
    ("09-15", "major"),       # 15 days
    ("10-01", "major"),       # after as-of: 2018-10-01, a year old
    ("2019-09-20", None),
])
def test_a_column_whose_list_shows_year_less_dates_is_judged_by_them(tmp_path, shown, expected):
    mini = Mini(tmp_path)
    path = "法定主动公开内容 > 工作动态"
    col = mini.column(path, item_count=1, newest_date=None)   # the crawler stores no year it was not shown
    mini.add("listings", url="http://xxgk.example.gov.cn/art/1.html", title="关于第1项工作的通知", date=None,
             date_text=shown, source="list", source_url=col["url"], column_path=path)
    assert flagged(mini, "FRESH-002", "column_path") == ([(path, expected)] if expected else [])


@pytest.mark.parametrize("age, expected", [(14, None), (15, "major")])
def test_a_column_whose_list_shows_no_dates_is_judged_by_its_items(tmp_path, age, expected):
    mini = Mini(tmp_path)
    path = "法定主动公开内容 > 工作动态"
    mini.column(path, item_count=2, newest_date=None)
    mini.item(column_path=path, published=days_before(age + 30))
    mini.item(column_path=path, published=days_before(age))
    assert flagged(mini, "FRESH-002", "column_path") == ([(path, expected)] if expected else [])


def test_a_column_with_no_date_anywhere_is_a_gap_not_a_finding(tmp_path):
    mini = Mini(tmp_path)
    path = "法定主动公开内容 > 工作动态"
    mini.column(path, item_count=2, newest_date=None)
    mini.item(column_path=path, published=None)
    rows = audited(mini, "FRESH-002")
    assert [(r["column_path"], r["severity"], r["gap"]) for r in rows] == [(path, "advisory", 1)]
    assert "没有可读的日期" in rows[0]["message"]


# ---- FRESH-003: blank columns; 5 of them: veto ------------------------------------------------------

@pytest.mark.parametrize("blank, severity", [(1, "major"), (4, "major"), (5, "veto"), (6, "veto")])
def test_blank_column_count_raises_to_veto(tmp_path, blank, severity):
    mini = Mini(tmp_path)
    paths = [f"法定主动公开内容 > 财政资金{i}" for i in range(blank)]
    for p in paths:
        mini.column(p, item_count=0)
    mini.column("法定主动公开内容 > 机构职能", item_count=0)            # one page of text: not blank
    mini.column("信息公开指南", item_count=0, fixed="guide")            # GUIDE's, not FRESH's
    mini.column("法定主动公开内容 > 统计信息", item_count=1, newest_date="2019-09-01")
    assert flagged(mini, "FRESH-003", "column_path") == sorted((p, severity) for p in paths)


# ---- FRESH-004: published within 20 working days of its 生成日期 ------------------------------------------
# From Mon 2019-09-02: 中秋 09-13 off, Sun 09-29 a make-up working day, 10-01..07 国庆 off:
# 09-27 is the 18th working day, 09-29 the 19th, 09-30 the 20th, 10-08 the 21st.

@pytest.mark.parametrize("published, late", [
    ("2019-09-27", False),     # 18
    ("2019-09-29", False),     # 19 (a Sunday worked)
    ("2019-09-30", False),     # 20
    ("2019-10-07", False),     # still 20: the holiday adds none
    ("2019-10-08", True),      # 21
    ("2019-10-09", True),      # 22
])
def test_disclosure_within_20_working_days(tmp_path, published, late):
    mini = Mini(tmp_path, as_of=date(2019, 12, 31))
    it = mini.item(created="2019-09-02", published=published)
    assert flagged(mini, "FRESH-004") == ([(it["url"], "major")] if late else [])


# ---- FRESH-005: a date after as-of is major ------------------------------------------------------------

@pytest.mark.parametrize("published, expected", [
    ("2019-09-29", None), ("2019-09-30", None), ("2019-10-01", "major"),
])
def test_publication_date_after_as_of(tmp_path, published, expected):
    mini = Mini(tmp_path)
    it = mini.item(published=published, published_text=published)
    assert flagged(mini, "FRESH-005") == ([(it["url"], expected)] if expected else [])


# ---- CAT-004: a field missing from ≥ 20% of the items -----------------------------------------------

def _lacking_field(row) -> str:
    return re.search(r"目录信息缺少(.+?)（", row["message"])[1]


@pytest.mark.parametrize("items, lacking, field, expected", [
    (6, 1, "summary", []),                               # 16.7%
    (5, 1, "summary", [("内容概述", "minor")]),          # 20%
    (4, 1, "summary", [("内容概述", "minor")]),          # 25%
    (11, 2, "summary", []),                              # 18.2%
    (10, 2, "summary", [("内容概述", "minor")]),         # 20%
    (9, 2, "summary", [("内容概述", "minor")]),          # 22.2%
    (5, 1, "index_no", [("索引号", "minor")]),
    (6, 1, "index_no", []),
    (5, 1, "title", [("名称", "minor")]),
    (5, 1, "created", [("生成日期", "minor")]),
    (6, 1, "created", []),
    (3, 3, "summary", [("内容概述", "minor")]),
])
def test_catalog_field_share(tmp_path, items, lacking, field, expected):
    mini = Mini(tmp_path)
    for n in range(items):
        mini.item(**({field: " " if n % 2 else ""} if n < lacking else {}))   # blank counts as missing
    assert flagged(mini, "CAT-004", _lacking_field) == expected


# ---- CONSULT-001/002: a 30-day period, both ends counted; feedback within 30 days -----------------------

def consultation(mini, start, end, body="正文。"):
    return mini.item(title="关于公开征求《青岚区某某管理办法（征求意见稿）》意见的公告",
                     column_path="法定主动公开内容 > 重大决策预公开 > 意见征集", body=body,
                     consult={"start": start, "end": end, "channels": {"电子邮箱": "yj@example.gov.cn"}})


@pytest.mark.parametrize("start, end, body, short", [
    ("2019-08-01", "2019-08-29", "正文。", True),            # 29 days
    ("2019-08-01", "2019-08-30", "正文。", False),           # 30 days
    ("2019-08-01", "2019-08-31", "正文。", False),           # 31 days
    ("2019-02-01", "2019-03-01", "正文。", True),            # 29 days (February has 28)
    ("2019-02-01", "2019-03-02", "正文。", False),           # 30 days
    ("2019-08-01", "2019-08-29", "因时间紧迫，征求意见期限为29日。", False),   # a reason stated
])
def test_consultation_period(tmp_path, start, end, body, short):
    mini = Mini(tmp_path)
    it = consultation(mini, start, end, body)
    assert flagged(mini, "CONSULT-001") == ([(it["url"], "major")] if short else [])


# A draft that says it is a 规范性文件 needs 7 working days, both ends counted (国办发〔2018〕37号):
# 2019's 国庆 (10-01…10-07) with the 调休 Sunday 09-29 and Saturday 10-12 as working days.
@pytest.mark.parametrize("start, end, short, said", [
    ("2019-09-27", "2019-10-10", True, "共6个工作日"),   # 27, 29, 30, 8, 9, 10
    ("2019-09-27", "2019-10-11", False, None),            # … and 11: 7
    ("2019-09-28", "2019-10-11", True, "共6个工作日"),   # a Saturday start is no working day
    ("2019-09-28", "2019-10-12", False, None),            # the 调休 Saturday counts: 7
    ("2019-10-08", "2019-10-17", False, None),            # 8
])
def test_normative_consultation_working_days(tmp_path, start, end, short, said):
    mini = Mini(tmp_path)
    it = mini.item(title="关于公开征求《青岚区某某规范性文件（征求意见稿）》意见的公告",
                   column_path="法定主动公开内容 > 重大决策预公开 > 意见征集",
                   consult={"start": start, "end": end, "channels": {"电子邮箱": "yj@example.gov.cn"}})
    assert flagged(mini, "CONSULT-001") == ([(it["url"], "major")] if short else [])
    if short:
        assert f"征求意见期限为{start}至{end}，{said}，未说明缩短理由" in mini.findings("CONSULT-001")[0]["message"]


def test_normative_by_its_column(tmp_path):
    """A draft filed under a 规范性文件 column is one, though its title does not say so; a 20-day
    period is 14 working days there, and 20 days short of 30 elsewhere."""
    mini = Mini(tmp_path)
    mini.item(title="关于公开征求《某某办法》意见的公告", column_path="法定主动公开内容 > 规范性文件 > 意见征集",
              consult={"start": "2019-08-01", "end": "2019-08-20"})
    other = consultation(mini, "2019-08-01", "2019-08-20")
    assert flagged(mini, "CONSULT-001") == [(other["url"], "major")]


@pytest.mark.parametrize("feedback, late", [
    ("2019-07-30", False),     # 29 days after the end
    ("2019-07-31", False),     # 30
    ("2019-08-01", True),      # 31
])
def test_consultation_feedback_within_30_days(tmp_path, feedback, late):
    mini = Mini(tmp_path)
    it = consultation(mini, "2019-06-01", "2019-07-01")
    mini.item(title="关于《青岚区某某管理办法（征求意见稿）》意见采纳情况的说明", published=feedback,
              doc_urls=[it["url"]])
    assert flagged(mini, "CONSULT-002") == ([(it["url"], "major")] if late else [])


@pytest.mark.parametrize("as_of, due", [
    (date(2019, 9, 29), False),   # 29 days after the end
    (date(2019, 9, 30), False),   # 30
    (date(2019, 10, 1), True),    # 31
])
def test_consultation_without_feedback_once_due(tmp_path, as_of, due):
    mini = Mini(tmp_path, as_of=as_of)
    it = consultation(mini, "2019-07-31", "2019-08-31")
    assert flagged(mini, "CONSULT-002") == ([(it["url"], "major")] if due else [])


# ---- INTERP-002: a 解读 within 3 working days of its document -------------------------------------------
# 2019: 端午 Fri 06-07 off; 国庆 10-01..07 off with Sun 09-29 and Sat 10-12 worked.

@pytest.mark.parametrize("doc, interp, late", [
    ("2019-06-06", "2019-06-11", False),   # 2 working days (06-07 端午)
    ("2019-06-06", "2019-06-12", False),   # 3
    ("2019-06-06", "2019-06-13", True),    # 4
    ("2019-09-27", "2019-10-07", False),   # 2: 09-29 (worked Sunday), 09-30
    ("2019-09-27", "2019-10-08", False),   # 3
    ("2019-09-27", "2019-10-09", True),    # 4
    ("2019-09-26", "2019-09-30", False),   # 3: 09-27, 09-29, 09-30
    ("2019-09-26", "2019-10-08", True),    # 4
    ("2019-10-09", "2019-10-12", False),   # 3: 10-10, 10-11, 10-12 (worked Saturday)
    ("2019-10-09", "2019-10-13", False),   # still 3
    ("2019-10-09", "2019-10-14", True),    # 4
    ("2019-06-06", "2019-06-06", False),   # the same day
    ("2019-06-13", "2019-06-06", False),   # explained before it was published
])
def test_interpretation_within_3_working_days(tmp_path, doc, interp, late):
    mini = Mini(tmp_path, as_of=date(2019, 12, 31))
    jd = "http://xxgk.example.gov.cn/jd/1.html"
    mini.item(column_path="法定主动公开内容 > 政策文件 > 规范性文件", published=doc, interp_urls=[jd])
    mini.item(url=jd, title="《青岚区某某管理办法》政策解读", column_path="法定主动公开内容 > 政策解读",
              published=interp)
    assert flagged(mini, "INTERP-002") == ([(jd, "minor")] if late else [])


# ---- REPORT-001/002: 03-31, or 01-31 for departments from the 2019 report on (R2019 第四十九条) -------------

def _report_year(row) -> str:
    return re.search(r"(\d{4})年度", row["message"])[1]


@pytest.mark.parametrize("unit_type, year, published, late", [
    ("county", 2018, "2019-03-30", False),
    ("county", 2018, "2019-03-31", False),
    ("county", 2018, "2019-04-01", True),
    ("dept", 2018, "2019-03-31", False),      # the 2018 report: 03-31 for departments too
    ("dept", 2018, "2019-04-01", True),
    ("county", 2019, "2020-03-31", False),    # a government keeps 03-31
    ("county", 2019, "2020-04-01", True),
    ("dept", 2019, "2020-01-30", False),
    ("dept", 2019, "2020-01-31", False),
    ("dept", 2019, "2020-02-01", True),
    ("key_dept", 2019, "2020-01-31", False),
    ("key_dept", 2019, "2020-02-01", True),
    ("town", 2019, "2020-03-31", False),
    ("town", 2019, "2020-04-01", True),
])
def test_annual_report_published_late(tmp_path, unit_type, year, published, late):
    mini = Mini(tmp_path, unit_type=unit_type, as_of=date(2020, 6, 30))
    mini.column("信息公开年报", fixed="annual")
    it = mini.item(title=f"青岚区{year}年政府信息公开工作年度报告", column_path="信息公开年报", report_year=year,
                   published=published)
    assert flagged(mini, "REPORT-002") == ([(it["url"], "minor")] if late else [])


@pytest.mark.parametrize("unit_type, as_of, have, missing", [
    ("county", date(2019, 3, 30), 2017, None),
    ("county", date(2019, 3, 31), 2017, None),          # due this day: not missing yet
    ("county", date(2019, 4, 1), 2017, "2018"),
    ("dept", date(2019, 3, 31), 2017, None),            # the 2018 report: 03-31 for departments too
    ("dept", date(2019, 4, 1), 2017, "2018"),
    ("dept", date(2020, 1, 30), 2018, None),
    ("dept", date(2020, 1, 31), 2018, None),
    ("dept", date(2020, 2, 1), 2018, "2019"),
    ("key_dept", date(2020, 2, 1), 2018, "2019"),
    ("county", date(2020, 2, 1), 2018, None),
    ("county", date(2020, 3, 31), 2018, None),
    ("county", date(2020, 4, 1), 2018, "2019"),
    ("county", date(2020, 4, 1), 2019, None),
])
def test_annual_report_missing_after_its_deadline(tmp_path, unit_type, as_of, have, missing):
    mini = Mini(tmp_path, unit_type=unit_type, as_of=as_of)
    mini.column("信息公开年报", fixed="annual")
    mini.item(title=f"青岚区{have}年政府信息公开工作年度报告", column_path="信息公开年报", report_year=have,
              published=f"{have + 1}-01-20")
    got = flagged(mini, "REPORT-001", lambda r: (r["column_path"], _report_year(r)))
    assert got == ([(("信息公开年报", missing), "major")] if missing else [])


# ---- PRIV-001: any unmasked, valid 18-digit 身份证号 ------------------------------------------------------

def id_check_char(body17: str) -> str:
    """GB 11643 check character by the recursive ISO 7064 MOD 11-2 form (not the weight table the
    code uses): an independent check of the literal numbers below."""
    p = 0
    for ch in body17:
        p = (p + int(ch)) * 2 % 11
    return "0123456789X"[(12 - p) % 11]


GOOD_IDS = ["11010519491231002X",        # the textbook example: check character X
            "34150219800101104X", "341502198001011234", "530102198001010015", "320106199003074566"]
BAD_IDS = {"110105194912310021": "check digit wrong (X changed)",
           "440524188001010014": "born 1880 (the GB 11643-1999 example)",
           "341502198001011235": "check digit wrong",
           "391502198001011233": "no region 39",
           "991502198001011235": "no region 99",
           "341502198013011231": "month 13",
           "341502198102291239": "1981-02-29",
           "341502189912311233": "born 1899",
           "341502201910011236": "born after as-of"}


def test_literal_id_numbers_are_what_they_claim():
    assert all(id_check_char(n[:17]) == n[17] for n in GOOD_IDS)
    assert id_check_char("11010519491231002") == "X"


@pytest.mark.parametrize("number, valid", [(n, True) for n in GOOD_IDS] + [(n, False) for n in BAD_IDS] + [
    ("11010519491231002x", True),         # a lower-case x
    ("341502198002291231", True),         # 1980-02-29: a leap day
    ("341502190001011238", True),         # born 1900-01-01
    ("341502201909301236", True),         # born on the as-of day
])
def test_id_number_validity(number, valid):
    assert valid_id(number, AS_OF) is valid


@pytest.mark.parametrize("body, count", [
    ("张三 11010519491231002X", 1),
    ("张三 11010519491231002x", 1),
    ("出生于1980年的李四，身份证号530102198001010015。", 1),
    ("张三 11010519491231002X；李四 530102198001010015", 2),
    ("张三 341502201909301236", 1),                      # born on the as-of day
    ("张三 341502190001011238", 1),
    *[(f"张三 {n}", 0) for n in BAD_IDS],
    ("张三 110105194912****2X，李四 34**************12", 0),   # masked: correct practice
    ("编号 7530102198001010015", 0),                     # 19 digits: not an ID number
    ("编号 530102198001010015A", 0),
])
def test_id_numbers_in_a_body(tmp_path, body, count):
    mini = Mini(tmp_path)
    it = mini.item(body=f"名单公示：{body}。")
    rows = audited(mini, "PRIV-001")
    assert [(r["url"], r["severity"]) for r in rows] == ([(it["url"], "major")] if count else [])
    if count:
        assert f"含{count}个未脱敏的身份证号" in rows[0]["message"]


def test_id_numbers_in_an_attachment(tmp_path):
    mini = Mini(tmp_path)
    it = mini.item()
    att = "http://xxgk.example.gov.cn/att/mingdan.xlsx"
    mini.add("attachments", item_url=it["url"], url=att, ext="xlsx", status=200, text="姓名 身份证号\n王五 530102198001010015")
    assert flagged(mini, "PRIV-001") == [(att, "major")]


# ---- PRIV-002: 3 or more personal mobile numbers in one document -----------------------------------------

OWN_MOBILE = "13905641234"


@pytest.mark.parametrize("body, listed", [
    ("张三13805640001，李四13805640002", False),                                   # 2
    ("张三13805640001，李四13805640002，王五13805640003", True),                   # 3
    ("张三13805640001，李四13805640002，王五13805640003，赵六19905640004", True),   # 4
    ("张三13805640001，李四13805640001，王五13805640002", False),                  # 2 distinct
    (f"张三13805640001，李四13805640002，值班电话{OWN_MOBILE}", False),            # the unit's own number
    ("张三13805640001，李四13805640002，王五12805640003", False),                  # 128…: not a mobile
    ("张三138****0001，李四138****0002，王五138****0003", False),                  # masked
    ("张三13805640001，李四13805640002，王五138056400031", False),                 # 12 digits: not a mobile
])
def test_mobile_number_count(tmp_path, body, listed):
    mini = Mini(tmp_path)
    guide = mini.column("信息公开指南", fixed="guide")
    mini.add("pages", url=guide["url"], kind="page", site="disclosure", text=f"受理机构值班电话：{OWN_MOBILE}")
    it = mini.item(body=body)
    assert flagged(mini, "PRIV-002") == ([(it["url"], "major")] if listed else [])


# ---- PRIV-003: 16–19 digits passing Luhn, with a bank word within 60 characters ------------------------

def luhn_valid(number: str) -> bool:
    """Luhn by hand, read from the left: a digit is doubled when an odd number of digits follows it
    (written unlike the code under test, which walks the reversed string)."""
    total = 0
    for pos, ch in enumerate(number):
        d = int(ch)
        if (len(number) - pos) % 2 == 0:
            d = sum(divmod(2 * d, 10))
        total += d
    return total % 10 == 0


CARDS = ["4111111111111111", "4012888888881881", "5555555555554444", "5105105105105100",   # 16 digits,
         "6011111111111117", "3530111333300000", "6200000000000005", "6212345678901232",   # well-known
         "62284804025648900",           # 17 digits
         "622848040256489017",          # 18 digits, not an ID number (no birth date 4025-64-89)
         "6205500000000000004",         # 19 digits (a UnionPay test number)
         "6228480402564890125"]         # 19 digits
NOT_CARDS = ["4111111111111112", "4012888888881891", "5555555555554443", "6200000000000006",
             "6212345678901233", "62284804025648901", "622848040256489018", "6205500000000000005",
             "6228480402564890126"]      # each one digit off a card above


def test_literal_card_numbers_are_what_they_claim():
    assert all(luhn_valid(n) for n in CARDS) and not any(luhn_valid(n) for n in NOT_CARDS)
    assert luhn_valid("79927398713") and not luhn_valid("79927398710")   # the textbook example


@pytest.mark.parametrize("number, valid", [(n, True) for n in CARDS] + [(n, False) for n in NOT_CARDS] + [
    ("79927398713", True), ("79927398710", False), ("378282246310005", True), ("0", True), ("18", True),
    ("59", True), ("58", False)])
def test_luhn(number, valid):
    assert luhn(number) is valid


@pytest.mark.parametrize("body, card", [
    *[(f"收款人：张三 开户行：某银行 卡号：{n}", True) for n in CARDS],
    *[(f"收款人：张三 开户行：某银行 卡号：{n}", False) for n in NOT_CARDS],
    ("收款人：张三 卡号：378282246310005", False),          # 15 digits: too short
    ("收款人：张三 卡号：62284804025648901239", False),     # 20 digits (Luhn-valid): too long
    ("合同编号：4111111111111111", False),                  # no bank word near it
    ("收款人：张三 身份证号：341502198001011058", False),   # a valid ID number that passes Luhn too
    ("卡号" + "某" * 58 + "4111111111111111", True),       # the word starts 60 characters before
    ("卡号" + "某" * 59 + "4111111111111111", False),      # 61
    ("4111111111111111" + "某" * 58 + "卡号", True),       # the word ends 60 characters after
    ("4111111111111111" + "某" * 59 + "卡号", False),      # 61
    ("卡号：4111111111111111，4111-1111-1111-1111", True),
    ("卡号：4111********1111", False),                     # masked
])
def test_bank_card_numbers(tmp_path, body, card):
    mini = Mini(tmp_path)
    it = mini.item(body=body)
    assert flagged(mini, "PRIV-003") == ([(it["url"], "major")] if card else [])


# ---- META-002/003: the 索引号's form; one number on two items ------------------------------------------

def _index_problem(row) -> str:
    return "form" if "格式不符合" in row["message"] else "other unit" if "不是本单位的" in row["message"] else "?"


@pytest.mark.parametrize("index_no, problem", [
    (f"{ORG}/201909-00001", None),
    (f"{ORG}/201900-00001", "form"),          # month 00
    (f"{ORG}/201901-00001", None),
    (f"{ORG}/201912-00001", None),
    (f"{ORG}/201913-00001", "form"),          # month 13
    (f"{ORG}/201909-01", "form"),             # 2-digit serial
    (f"{ORG}/201909-001", None),              # 3
    (f"{ORG}/201909-000001", None),           # 6
    (f"{ORG}/201909-0000001", "form"),        # 7
    ("00324056/201909-00001", "form"),        # 8-character code
    ("0032405601/201909-00001", "form"),      # 10
    ("12341500MB1832650/201909-00001", "form"),     # 17
    ("003240712/201909-00001", "other unit"),       # well formed, another unit's code
    ("12341500MB1832650J/201909-00001", "other unit"),   # an 18-character 统一社会信用代码, not ours
    (f"{ORG}/19909-00001", "form"),           # 3-digit year
])
def test_index_number_form(tmp_path, index_no, problem):
    mini = Mini(tmp_path)
    it = mini.item(index_no=index_no)
    got = flagged(mini, "META-002", lambda r: (r["url"], _index_problem(r)))
    assert got == ([((it["url"], problem), "minor")] if problem else [])


@pytest.mark.parametrize("uses, expected", [(1, 0), (2, 1), (3, 1)])
def test_index_number_used_twice(tmp_path, uses, expected):
    mini = Mini(tmp_path)
    mini.item(index_no=f"{ORG}/201909-00002")
    items = [mini.item(index_no=f"{ORG}/201909-00001") for _ in range(uses)]
    assert flagged(mini, "META-003", "index_no") == [(f"{ORG}/201909-00001", "major")] * expected
    if expected:
        assert audited(mini, "META-003")[0]["url"] == items[-1]["url"]


# ---- LINK-001…004: what a broken link is ----------------------------------------------------------------

@pytest.mark.parametrize("status, broken", [
    (200, False), (301, False), (401, False), (403, False), (429, False),   # 401/403/429: needs review
    (404, True), (410, True), (499, False), (500, True), (503, True), (None, True),
])
@pytest.mark.parametrize("kind, code, severity", [
    ("internal", "LINK-001", "minor"), ("attachment", "LINK-002", "major"), ("external", "LINK-003", "minor"),
])
def test_broken_links_by_status(tmp_path, status, broken, kind, code, severity):
    mini = Mini(tmp_path)
    url = "http://other.example.com/a.html" if kind == "external" else "http://xxgk.example.gov.cn/a.pdf"
    mini.fetch(url, status, error=None if status else "ConnectionRefusedError: refused")
    mini.add("links", from_url=DISCLOSURE, to_url=url, anchor="某某文件", kind=kind)
    assert flagged(mini, code) == ([(url, severity)] if broken else [])


@pytest.mark.parametrize("status, soft", [(200, True), (301, False), (404, False), (410, False)])
def test_soft_404_only_for_200(tmp_path, status, soft):
    mini = Mini(tmp_path)
    mini.fetch("http://portal.example.gov.cn/zwgk-404-probe-1.html", status, purpose="soft404")
    assert flagged(mini, "LINK-004") == ([(PORTAL, "minor")] if soft else [])


# ---- MEDIA-002/003: a broken entry; an account updated within 14 days (veto) ----------------------------

@pytest.mark.parametrize("age, readable, expected", [
    (13, 1, None), (14, 1, None), (15, 1, "veto"),
    (0, 1, None),
    (None, 1, "veto"),         # no post at all
    (None, 0, "advisory"),     # a page that shows no posts: a person checks it
])
def test_media_account_update_window(tmp_path, age, readable, expected):
    mini = Mini(tmp_path)
    url = "http://weibo.example.com/u/1"
    mini.add("media_accounts", platform="weibo", name="青岚区发布", url=url, source="profile", status=200,
             readable=readable, latest_post=None if age is None else days_before(age), registered=1)
    assert flagged(mini, "MEDIA-003") == ([(url, expected)] if expected else [])


@pytest.mark.parametrize("status, broken", [(200, False), (399, False), (400, True), (404, True), (None, True)])
def test_media_entry_broken(tmp_path, status, broken):
    mini = Mini(tmp_path)
    url = "http://weixin.example.com/mp/1"
    mini.add("media_accounts", platform="wechat", name="青岚区发布", url=url, source="portal", status=status,
             readable=0, registered=1, anchor="政务微信")
    assert flagged(mini, "MEDIA-002") == ([(url, "major")] if broken else [])
    assert flagged(mini, "MEDIA-003") == ([] if broken else [(url, "advisory")])   # broken: not judged stale


@pytest.mark.parametrize("name, identified", [
    ("青岚区发布", True), ("青岚发布", True), ("青发布", False),   # one distinctive character is too few
    ("岚青区发布", False),                                       # out of order
])
def test_media_account_names(tmp_path, name, identified):
    mini = Mini(tmp_path)
    url = "http://weibo.example.com/u/2"
    mini.add("media_accounts", platform="weibo", name=name, url=url, source="profile", status=200, readable=1,
             latest_post="2019-09-29", registered=1)
    assert flagged(mini, "MEDIA-004") == ([] if identified else [(url, "minor")])


# ---- IDENT-001: the marks are looked for in the footer, i.e. the page text's last 3000 characters ----------

@pytest.mark.parametrize("after, found", [(2995, True), (2996, True), (2997, False)])
def test_footer_marks_within_the_last_3000_characters(tmp_path, after, found):
    mini = Mini(tmp_path)
    mini.add("pages", url=PORTAL, kind="home", site="portal", text="ICP备" + "文" * after,   # 4 + after chars
             footer={"site_code": "3415230001", "police": "皖公网安备34152302000123号"})
    assert flagged(mini, "IDENT-001") == ([] if found else [(PORTAL, "advisory")])


# ---- SRCH-001/002: a search that answers (status < 400) works --------------------------------------------

@pytest.mark.parametrize("status, works", [(200, True), (302, True), (399, True), (400, False), (500, False)])
def test_search_works_below_400(tmp_path, status, works):
    mini = Mini(tmp_path)
    it = mini.item()
    mini.fetch("http://xxgk.example.gov.cn/search?q=", status, purpose="search_entry")
    mini.add("search_probes", item_url=it["url"], by="title", query=it["title"], status=status, results=[],
             found=0, search_url="http://xxgk.example.gov.cn/search?q=x")
    assert flagged(mini, "SRCH-001") == ([] if works else [("http://xxgk.example.gov.cn/search?q=", "major")])
    assert flagged(mini, "SRCH-002") == ([(it["url"], "major")] if works else [])


# ---- GUIDE-002/003: the 2019 text applies from 2019-05-15 ----------------------------------------------

GUIDE = ("当前位置：首页 > 信息公开指南 一、信息分类与编排体系。获取方式：网站查询。受理机构名称：某办公室；办公地址：某路1号；"
         "办公时间：周一至周五；联系电话：0564-1234567；传真：0564-1234568；网址：http://xxgk.example.gov.cn。"
         "自收到申请之日起15个工作日内予以答复。")


@pytest.mark.parametrize("as_of, lacking_email, old_limit", [
    (date(2019, 5, 14), True, False),      # 2007 text: 电子邮箱 needed, 15 working days right
    (date(2019, 5, 15), False, True),      # 2019 text: a web address will do, 15 days outdated
    (date(2019, 5, 16), False, True),
])
def test_guide_requirements_change_on_2019_05_15(tmp_path, as_of, lacking_email, old_limit):
    mini = Mini(tmp_path, as_of=as_of)
    col = mini.column("信息公开指南", fixed="guide")
    mini.add("pages", url=col["url"], kind="page", site="disclosure", text=GUIDE)
    assert flagged(mini, "GUIDE-002") == ([(col["url"], "minor")] if lacking_email else [])
    assert flagged(mini, "GUIDE-003") == ([(col["url"], "minor")] if old_limit else [])
