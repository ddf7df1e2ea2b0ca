"""The snapshot: one run's evidence, and the contract between crawler, checks and reports.

A run folder looks like this::

    runs/<run-id>/
        snapshot.db        SQLite in WAL mode: the tables below
        capture.warc.gz    every response as fetched (crawler/warc.py); fetches.warc_record_id points in
        evidence/          screenshots taken for findings, cited in findings.evidence

The crawler writes through :class:`Snapshot`: ``add`` buffers rows and writes them in batches,
so memory stays flat however large a site is. Checks and reports read through it too (``rows``
decodes JSON columns), so this module is the one place the schema is defined. A snapshot records
``SCHEMA_VERSION`` in ``run.schema_version``; ``Snapshot.open`` refuses a version it cannot read.

Conventions
-----------
- Dates are ``YYYY-MM-DD``. Timestamps are ISO 8601 in UTC, e.g. ``2017-09-10T08:00:00+00:00``.
- JSON columns hold JSON text. ``add`` accepts lists and dicts and encodes them (non-ASCII kept
  readable); a str given for a JSON column must already be valid JSON.
- Flags are 0/1 integers. Durations are milliseconds, sizes are bytes, counts are integers.
- ``unit`` is always a ``units.id``. Foreign keys are declared for tools such as Datasette but not
  enforced, because rows reach the database in batches rather than in dependency order.
- ``id`` in the row tables is an integer that ``Snapshot.add`` assigns and returns (unless the row
  brings one), so a page can cite its fetch before either has been flushed.
- A column path is the column names from the catalog root joined by `` > `` (names may contain
  ``/``), e.g. ``法定主动公开内容 > 政策文件``.
- Long texts are cut to TEXT_CAP, BODY_CAP or ATTACHMENT_TEXT_CAP characters. Each cut is counted in
  ``Snapshot.stats`` (``capped/<table>.<column>``).
- Enumerated columns (listed below with ``|``) are validated by ``add``: a typo fails where the row
  is written, not later in a rule.

Tables
------
The stage that writes each table is given in brackets.

run — one row: the run itself [CLI: Snapshot.create, set_run]
    id              run id; also the name of the run folder
    program         id of the monitoring program (site_profiles/programs/<program>.yaml)
    program_file    path of the program file the run was started from (`zwgk crawl --resume` reads it)
    as_of           the date every time rule treats as "today" (YYYY-MM-DD)
    started         timestamp the run began
    finished        timestamp the run ended; null while it runs
    schema_version  SCHEMA_VERSION of the code that created the snapshot
    versions        JSON {python, scrapy, playwright, zwgk}: the software that gathered the evidence
    settings        JSON object: the effective crawl settings, so the run can be repeated
    status          'running' | 'complete' | 'failed'
    stats           JSON object: the crawler's counters at the end (Scrapy stats, ZWGK counters)
    seconds         wall-clock duration of the crawl (s)
    profiles        JSON {path: sha256} of the profiles frozen in RUN_DIR/profiles/ at the crawl: the
                    program, its units, its unit types (catalogs) and the rubric (site_profiles/freeze.py)
    audited_with    JSON: what the last `zwgk check` audited against: {"source": "frozen" | "package"
                    | a program file, "unit_types": {id: {file, sha256}}, "rubric": {file, sha256}}

units — one row per audited unit (a government body) [crawler: upsert_unit, at start and end]
    id              the unit id from its site profile
    name            the unit's name, e.g. 某某市教育局
    type            unit type id (site_profiles/unit_types/<type>.yaml)
    org_code        organisation code (统一社会信用代码) from the profile
    portal          portal start URL (home page)
    disclosure      政府信息公开 platform start URL
    hosts           JSON list of the hosts the crawl was allowed to visit
    profile         JSON object: the site profile as loaded (defaults applied)
    status          'running' while the unit is crawled, then how the crawl ended: 'ok' | 'down'
                    (unreachable) | 'timeout' (time budget spent) | 'budget' (page budget spent)
    pages           number of pages stored
    items           number of items stored
    errors          number of failed fetches
    started         timestamp the unit's crawl began
    finished        timestamp the unit's crawl ended

fetches — every request the crawler made, failures and retries included [crawler: middleware]
    id              fetch id
    unit            unit the request was made for; null for requests outside any unit (robots.txt)
    url             URL requested
    final_url       URL after redirects (equal to url when there were none)
    method          HTTP method, e.g. GET
    status          HTTP status code; null on a connection error (DNS, refused, timeout, TLS)
    headers         JSON: response headers as a list of [name, value] pairs (repeats kept), or
                    an object name → value
    content_type    the Content-Type header as received, e.g. text/html; charset=gbk
    encoding        the character encoding the body was decoded with; null for binary bodies
    declared_encoding  the encoding the server or page declared (header or <meta>); null if none
    bytes           body length in bytes after content decoding (what was hashed and archived)
    sha256          hex SHA-256 of the body
    elapsed_ms      time from sending the request to the complete response (ms)
    fetched_at      timestamp the response (or the error) arrived
    via             'static' (Scrapy's downloader) | 'browser' (Playwright)
    purpose         why it was fetched: 'crawl' | 'probe' | 'search' | 'search_entry' (the search form with
                    an empty query) | 'soft404' (a random missing path, to learn the site's 404) | 'liveness'
                    | 'media'
                    | 'attachment' | 'subresource' (a rendered page's request to another host, blocked:
                    error says so, failure 'crawler')
    error           the failure (exception type and message); null when none. An HTTP error
                    status alone is not an error here: it is in status
    warc_record_id  WARC-Record-ID of this fetch's record in capture.warc.gz; null if not archived
    attempt         0 for the first try of a request, n for its n-th retry (only the last try of a
                    request is its outcome)
    redirects       JSON list of [url, status] hops followed before final_url; null when none
    failure         who failed, when the fetch failed: 'site' (an HTTP error status; refused, reset,
                    DNS, timed out on the site's side) | 'crawler' (our own failure: browser not started,
                    request cancelled or dropped, render timeout); null for a success
    request_fp      Scrapy's fingerprint of the request (method, URL, body), hex: how a resumed crawl
                    finds the responses the killed run already had (crawler/resume.py); null for a
                    rendered page's blocked request

pages — every HTML page parsed [crawler: page pipeline]
    id              page id
    fetch_id        fetches.id of the response the page was parsed from
    unit            unit the page belongs to
    url             the page URL (after redirects)
    kind            'home' | 'list' (column list) | 'item' (one disclosed item) | 'view' (category
                    view) | 'search' (search results) | 'page' (other content page) | 'soft404'
                    (answer to a made-up URL, to detect error pages served with 200) | 'other'
    site            which of the unit's sites the page is on: 'portal' | 'disclosure' | another role of
                    the unit's `sites:` ('mobile', 'department', 'service': only their home is read)
    title           text of <title>
    text            visible text, whitespace collapsed, cut to TEXT_CAP characters
    column_path     the catalog column the page belongs to; null when none
    breadcrumb      JSON list of the breadcrumb (当前位置) labels, outermost first
    meta            JSON object of the <meta> tags: name (or property, http-equiv) → content
    footer          JSON object of label → value pairs in the footer (主办单位, 网站标识码,
                    ICP备案号, 公安机关备案号 ...)

links — every link on a stored page [crawler: page pipeline]
    id              link id
    unit            unit the page belongs to
    from_url        URL of the page the link is on
    to_url          absolute link target
    anchor          link text (the title or alt text when the link has none)
    kind            'internal' (an allowed host) | 'external' | 'attachment' (a document file)
                    | 'media' (a 政务新媒体 account)
    label           the heading that introduced the link, e.g. 相关解读 or 附件; null if none

columns — the catalog tree as found [crawler: catalog extractor; matched: checks]
    id              column id
    unit            unit the catalog belongs to
    path            column path (see Conventions)
    name            the column's own name as shown
    url             the column's list URL; null for a heading without a list of its own
    parent          path of the parent column; null at the top level
    depth           1 for a top-level column, one more per level below
    item_count      items listed in the column, over all its list pages; null when unknown
    newest_date     date of the newest item listed (YYYY-MM-DD); null when none is dated
    fixed           kind of fixed-content column: 'guide' (公开指南) | 'system' (公开制度)
                    | 'annual' (年报) | 'apply' (依申请公开); null for a column of ordinary items
    matched         path of the required catalog column (unit type profile) this column stands
                    for; null when none. Filled by checks (zwgk check)

items — one row per disclosed item (a document page) [crawler: item extractor]
    id              item id
    unit            unit that disclosed the item
    url             item URL; unique within a unit (the first capture wins; later duplicates
                    are counted in Snapshot.stats as ignored/items)
    title           title as shown on the item page
    index_no        索引号
    publisher       发布机构
    created         成文日期 (YYYY-MM-DD)
    published       发布日期 (YYYY-MM-DD)
    doc_no          发文字号
    topic           主题分类
    combo           组配分类
    genre           体裁分类
    audience        服务对象
    keywords        主题词 / 关键词
    summary         内容概述 / 摘要
    validity        有效性 as printed, e.g. 有效 or 废止
    published_text  the publication date exactly as printed (published is the parsed date)
    column_path     the column the item is filed under
    body            body text, cut to BODY_CAP characters
    metadata        JSON object of every label → value pair in the item's metadata block, verbatim
    attachments     JSON list of {name, url}: the attachment links in the body
    interp_urls     JSON list of URLs of the item's 解读 (interpretations)
    doc_urls        for a 解读: JSON list of URLs of the document(s) it interprets
    consult         for a consultation (意见征集): JSON {start, end, channels, ...}, dates as
                    YYYY-MM-DD, channels the ways to send comments (label → text); null otherwise
    report_year     for an annual report (年报): the year it covers; null otherwise
    fetch_id        fetches.id of the item page

attachments — every attachment downloaded [crawler: attachment pipeline]
    id              attachment id
    unit            unit that published it
    item_url        URL of the item (or page) that links to it
    url             attachment URL
    name            link text: the file name as shown
    ext             lower-case extension without the dot: pdf, docx, xlsx, doc, wps, zip ...
    status          HTTP status; null on a connection error
    bytes           size in bytes
    sha256          hex SHA-256 of the file
    text            extracted text, cut to ATTACHMENT_TEXT_CAP characters; '' when the format has
                    no extractor (crawler/attachment_text.py)
    error           download or extraction failure; null when none

listings — every place an item was listed [crawler: list, view, search and home extractors]
    id              listing id
    unit            unit of the listing page
    url             the item URL the entry links to
    title           title as shown in the listing (possibly truncated with …)
    title_attr      the link's title attribute, often the full title; null if none
    date            date shown, parsed (YYYY-MM-DD); null when none or unparseable
    date_text       date text as shown
    index_no        索引号, when the listing shows it
    source          'list' (column list) | 'view' (category view) | 'search' (search results)
                    | 'home' (a home page block) | 'portal' (a list on the portal site)
    source_url      URL of the listing page
    column_path     column of the listing; null for views, search and home blocks outside one
    view            for a category view: dimension/value, e.g. 主题分类/综合政务; null otherwise
    rank            1-based position in the listing, counted across its pages

list_pages — every page of a list the crawler fetched or tried to [crawler: list recorder]
    id              row id
    unit            unit of the list
    kind            'column' (a column's own list) | 'view' (a classification view) | 'portal' (a
                    column list on the portal)
    list_key        the list: its column path (column, portal) or view label (主题分类/综合政务)
    url             the page URL (for a list read from a JSON API, the API page)
    page_no         the page's number in its list (1 when the URL carries none)
    fetch_id        fetches.id of the page; null when it was never answered
    via             'static' | 'browser' (the rendered page)
    ok              1 when the page answered with a success status and was read
    status          HTTP status; null on a connection error
    error           why the page was not read; null when it was
    entries         list entries read on the page
    announced_pages  the list's page count as the page states it (共N页, a script's pageCount, the 尾页
                    link); null when it states none
    announced_items  the list's item total as the page states it (共N条, totalRecord); null when none
    unresolved      1 when the page shows a live 下一页 that no URL could be made of
    needs_render    1 when the page's list is drawn by script, so only its render counts

lists — one row per list: how completely it was seen [crawler: completeness.summarise, at the end]
    id              row id
    unit            unit of the list
    kind            as in list_pages
    key             as list_pages.list_key
    column_path     the column (kind column or portal); null for a view
    view            the view label (kind view); null otherwise
    first_url       the first page seen of it
    announced_pages  the largest page count any of its pages announced; null when none did
    announced_items  the largest item total any of its pages announced; null when none did
    fetched_pages   distinct pages read
    failed_pages    distinct pages that could not be read (or rendered)
    items_seen      distinct items listed on its pages
    complete        1 when every page asked for was read and what the pages announce was matched
    reason          why it is not complete, in Chinese; null when complete

search_probes — the site search tested with known items [crawler: search prober]
    id              probe id
    unit            unit whose search was tested
    item_url        URL of the item searched for
    by              'title' | 'doc_no': which field was submitted
    query           text submitted
    search_url      URL of the results page requested
    status          HTTP status; null on a connection error
    results         JSON list of {title, url, date}, in result order
    found           1 when item_url is among the results
    rank            1-based position of item_url in the results; null when not found
    error           failure; null when none
    sampled_from    column path the item was sampled from

media_accounts — 政务新媒体 accounts [crawler: media prober]
    id              account id
    unit            unit that runs the account
    platform        e.g. 微信, 微博, 抖音, 今日头条
    name            account name
    url             account page URL
    source          'portal' (linked on the portal) | 'profile' (only in the site profile)
    status          HTTP status of the account page; null on a connection error or if not fetched
    readable        1 when the account page could be read and its posts extracted
    latest_post     date of the newest post (YYYY-MM-DD); null when unknown
    posts           JSON list of the post dates found (YYYY-MM-DD), newest first
    registered      1 when the account is listed in the unit's site profile
    anchor          link text on the portal; null for an account only in the profile

probes — availability probes of the start URLs [crawler: liveness prober]
    id              probe id
    unit            unit probed
    url             URL probed
    kind            'portal' | 'disclosure'
    at              timestamp of the probe
    status          HTTP status; null on a connection error
    elapsed_ms      time to the complete response (ms)
    ok              1 when the site answered in time with a usable page
    error           failure; null when none

findings — one row per problem found [checks]
    id              finding id
    rule            rule code, e.g. FRESH-001
    unit            unit the finding is about
    severity        'veto' (单项否决) | 'major' | 'minor' | 'advisory'
    indicator       the rubric indicator the rule scores into
    url             where: the page or item URL; null for a unit-wide finding
    column_path     where: the column; null when not about a column
    index_no        where: the item's 索引号; null when not about an item
    message         Chinese message: what is wrong and what the rule requires
    evidence        JSON object: {fetch_ids, excerpt, screenshot (file name under evidence/),
                    screenshot_sha256, screenshot_of (the page shown), highlighted} plus what a rule
                    adds (from_url and anchor of a link, masked numbers, search URLs …); keys may be
                    absent. The screenshot keys are added by reports (zwgk report)
    fingerprint     hash of rule + unit + normalised location: the same problem in later runs
                    has the same fingerprint (waivers refer to it)
    gap             1 for a coverage gap: an advisory 抓取不完整，需人工核查 where the rule could not
                    prove its place complete (see coverage_gaps); 0 for a finding

coverage_gaps — where an absence rule could not prove its place complete [checks]
    id              row id
    unit            unit concerned
    rule            the rule that could not decide, e.g. CONS-001
    indicator       the rubric indicator it feeds (shown as 未能检测 when not fully checked)
    place           what was not seen whole, in Chinese (the list, view or site)
    url             the list or page concerned; null when unit-wide
    column_path     the column concerned; null when none
    reason          what is missing, in Chinese (pages not read, counts not matched …)
    evidence        JSON object: lists.* of the place, fetch ids, items that could not be confirmed
    fingerprint     as findings.fingerprint

scores — one row per unit and indicator [checks: scoring]
    unit            unit scored
    indicator       rubric indicator
    points          points deducted by findings, after the rubric's caps
    score           points earned: max − points, not below 0
    max             the indicator's full points in the rubric
    veto            1 when a veto finding applies (单项否决); the rubric decides its effect
    detail          JSON object: how the score was reached — name and clause of the indicator,
                    rules {code: {count, deducted, severity}}, raw_deduction, cap, deduct, veto_effect,
                    thresholds {code: parameters applied}, unchecked {code: reasons} and
                    unchecked_effect when a rule of it could not be checked, unit_veto {rules,
                    indicators, note} when the rubric's `veto: unit` zeroed the whole unit
    status          'checked' | 'unchecked' (未能检测: a rule of the indicator could not gather its
                    evidence; scored by the rubric's `unchecked` rule, never as full marks)

evaluator_scores — the evaluators' on-site scores, one row per unit and indicator [zwgk scoresheet import]
    unit            unit scored
    indicator       the notice indicator's code (site_profiles/indicators.yaml), e.g. 1.(2), 个性.乡镇.(1)
    score           points the evaluator gave, 0 … max; null: not scored yet (a note without a score)
    max             the indicator's points when the workbook was exported
    note            the workbook's 依据/备注; null when empty
    source          the workbook it came from (file name) and its row, e.g. qinglan.xlsx 第 5 行
    imported        timestamp of the import; an import replaces every row of the units it brings
"""

from __future__ import annotations

import json
import logging
import platform
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

import sqlite_utils

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 3

DB_NAME = "snapshot.db"
WARC_NAME = "capture.warc.gz"
EVIDENCE_DIR = "evidence"

# Caps keep one pathological page (a 5 MB table dump) from bloating the snapshot while leaving
# room for every real page and document body.
TEXT_CAP = 200_000  # pages.text, characters
BODY_CAP = 100_000  # items.body, characters
ATTACHMENT_TEXT_CAP = 100_000  # attachments.text, characters

# Buffered rows are written once this many are waiting (all tables together) or once their text
# reaches BUFFER_CHARS, whichever comes first; the second bound keeps memory flat when pages are
# large.
# which of a unit's sites a page or probe is of (site_profiles.SITE_ROLES)
SITE_ROLE_NAMES = ("portal", "disclosure", "mobile", "department", "service")
BATCH_SIZE = 500
# Written as soon as they are added: a fetch row follows its WARC record at once, so a crawl killed at
# any moment keeps in the snapshot everything in its capture, and `zwgk crawl --resume` can replay it.
# (The other tables are rebuilt by the replay.)
DURABLE = frozenset({"fetches"})
BUFFER_CHARS = 4_000_000

JSON = "json"  # column type marker: stored as TEXT holding JSON


@dataclass(frozen=True)
class TableSpec:
    """One table of the snapshot: columns (name → int|str|float|JSON) and constraints."""

    name: str
    columns: dict[str, Any]
    pk: str | tuple[str, ...] = "id"
    not_null: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()
    unique: tuple[tuple[str, ...], ...] = ()
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    caps: dict[str, int] = field(default_factory=dict)

    @property
    def json_columns(self) -> frozenset[str]:
        return frozenset(c for c, t in self.columns.items() if t == JSON)

    @property
    def assigns_ids(self) -> bool:
        return self.pk == "id" and self.columns.get("id") is int


LIST_KINDS = ("column", "view", "portal")
_UNIT_FK = (("unit", "units", "id"),)
_FETCH_FK = (("fetch_id", "fetches", "id"),)

# Order matters: tables are created and flushed in this order, referenced tables first.
TABLES: dict[str, TableSpec] = {t.name: t for t in (
    TableSpec(
        "run",
        {"id": str, "program": str, "program_file": str, "as_of": str, "started": str, "finished": str,
         "schema_version": int, "versions": JSON, "settings": JSON, "status": str,
         "stats": JSON, "seconds": float, "profiles": JSON, "audited_with": JSON},
        not_null=("schema_version",),
        choices={"status": ("running", "complete", "failed")},
    ),
    TableSpec(
        "units",
        {"id": str, "name": str, "type": str, "org_code": str, "portal": str, "disclosure": str,
         "hosts": JSON, "profile": JSON, "status": str, "pages": int, "items": int,
         "errors": int, "started": str, "finished": str},
        choices={"status": ("running", "ok", "down", "timeout", "budget")},
    ),
    TableSpec(
        "fetches",
        {"id": int, "unit": str, "url": str, "final_url": str, "method": str, "status": int,
         "headers": JSON, "content_type": str, "encoding": str, "declared_encoding": str,
         "bytes": int, "sha256": str, "elapsed_ms": int, "fetched_at": str, "via": str,
         "purpose": str, "error": str, "warc_record_id": str, "attempt": int, "redirects": JSON,
         "failure": str, "request_fp": str},
        not_null=("url", "fetched_at"),
        foreign_keys=_UNIT_FK,
        indexes=(("unit", "url"), ("url",), ("final_url",)),
        choices={"via": ("static", "browser"), "failure": ("site", "crawler"),
                 "purpose": ("crawl", "probe", "search", "search_entry", "soft404", "liveness", "media",
                             "attachment", "subresource")},
    ),
    TableSpec(
        "pages",
        {"id": int, "fetch_id": int, "unit": str, "url": str, "kind": str, "site": str,
         "title": str, "text": str, "column_path": str, "breadcrumb": JSON, "meta": JSON,
         "footer": JSON},
        not_null=("unit", "url"),
        foreign_keys=_UNIT_FK + _FETCH_FK,
        indexes=(("unit", "kind"), ("url",), ("fetch_id",)),
        choices={"kind": ("home", "list", "item", "view", "search", "page", "soft404", "other"),
                 "site": SITE_ROLE_NAMES},
        caps={"text": TEXT_CAP},
    ),
    TableSpec(
        "links",
        {"id": int, "unit": str, "from_url": str, "to_url": str, "anchor": str, "kind": str,
         "label": str},
        not_null=("unit", "from_url", "to_url"),
        foreign_keys=_UNIT_FK,
        indexes=(("unit", "kind"), ("from_url",), ("to_url",)),
        choices={"kind": ("internal", "external", "attachment", "media")},
    ),
    TableSpec(
        "columns",
        {"id": int, "unit": str, "path": str, "name": str, "url": str, "parent": str,
         "depth": int, "item_count": int, "newest_date": str, "fixed": str, "matched": str},
        not_null=("unit", "path"),
        foreign_keys=_UNIT_FK,
        indexes=(("unit", "path"), ("url",)),
        choices={"fixed": ("guide", "system", "annual", "apply")},
    ),
    TableSpec(
        "items",
        {"id": int, "unit": str, "url": str, "title": str, "index_no": str, "publisher": str,
         "created": str, "published": str, "doc_no": str, "topic": str, "combo": str,
         "genre": str, "audience": str, "keywords": str, "summary": str, "validity": str,
         "published_text": str, "column_path": str, "body": str, "metadata": JSON,
         "attachments": JSON, "interp_urls": JSON, "doc_urls": JSON, "consult": JSON,
         "report_year": int, "fetch_id": int},
        not_null=("unit", "url"),
        foreign_keys=_UNIT_FK + _FETCH_FK,
        unique=(("unit", "url"),),
        indexes=(("unit", "column_path"), ("unit", "index_no"), ("url",)),
        caps={"body": BODY_CAP},
    ),
    TableSpec(
        "attachments",
        {"id": int, "unit": str, "item_url": str, "url": str, "name": str, "ext": str,
         "status": int, "bytes": int, "sha256": str, "text": str, "error": str},
        not_null=("unit", "url"),
        foreign_keys=_UNIT_FK,
        indexes=(("unit", "item_url"), ("url",)),
        caps={"text": ATTACHMENT_TEXT_CAP},
    ),
    TableSpec(
        "listings",
        {"id": int, "unit": str, "url": str, "title": str, "title_attr": str, "date": str,
         "date_text": str, "index_no": str, "source": str, "source_url": str,
         "column_path": str, "view": str, "rank": int},
        not_null=("unit", "url", "source"),
        foreign_keys=_UNIT_FK,
        indexes=(("unit", "url"), ("unit", "column_path"), ("source_url",)),
        choices={"source": ("list", "view", "search", "home", "portal")},
    ),
    TableSpec(
        "list_pages",
        {"id": int, "unit": str, "kind": str, "list_key": str, "url": str, "page_no": int, "fetch_id": int,
         "via": str, "ok": int, "status": int, "error": str, "entries": int, "announced_pages": int,
         "announced_items": int, "unresolved": int, "needs_render": int},
        not_null=("unit", "kind", "list_key", "url"),
        foreign_keys=_UNIT_FK,
        indexes=(("unit", "kind", "list_key"),),
        choices={"kind": LIST_KINDS, "via": ("static", "browser")},
    ),
    TableSpec(
        "lists",
        {"id": int, "unit": str, "kind": str, "key": str, "column_path": str, "view": str, "first_url": str,
         "announced_pages": int, "announced_items": int, "fetched_pages": int, "failed_pages": int,
         "items_seen": int, "complete": int, "reason": str},
        not_null=("unit", "kind", "key"),
        foreign_keys=_UNIT_FK,
        indexes=(("unit", "kind", "key"),),
        choices={"kind": LIST_KINDS},
    ),
    TableSpec(
        "search_probes",
        {"id": int, "unit": str, "item_url": str, "by": str, "query": str, "search_url": str,
         "status": int, "results": JSON, "found": int, "rank": int, "error": str,
         "sampled_from": str},
        not_null=("unit",),
        foreign_keys=_UNIT_FK,
        indexes=(("unit",),),
        choices={"by": ("title", "doc_no")},
    ),
    TableSpec(
        "media_accounts",
        {"id": int, "unit": str, "platform": str, "name": str, "url": str, "source": str,
         "status": int, "readable": int, "latest_post": str, "posts": JSON,
         "registered": int, "anchor": str},
        not_null=("unit",),
        foreign_keys=_UNIT_FK,
        indexes=(("unit",),),
        choices={"source": ("portal", "profile")},
    ),
    TableSpec(
        "probes",
        {"id": int, "unit": str, "url": str, "kind": str, "at": str, "status": int,
         "elapsed_ms": int, "ok": int, "error": str},
        not_null=("unit", "url"),
        foreign_keys=_UNIT_FK,
        indexes=(("unit", "kind"),),
        choices={"kind": SITE_ROLE_NAMES},
    ),
    TableSpec(
        "findings",
        {"id": int, "rule": str, "unit": str, "severity": str, "indicator": str, "url": str,
         "column_path": str, "index_no": str, "message": str, "evidence": JSON,
         "fingerprint": str, "gap": int},
        not_null=("rule", "severity"),
        foreign_keys=_UNIT_FK,
        indexes=(("unit", "rule"), ("fingerprint",)),
        choices={"severity": ("veto", "major", "minor", "advisory")},
    ),
    TableSpec(
        "coverage_gaps",
        {"id": int, "unit": str, "rule": str, "indicator": str, "place": str, "url": str, "column_path": str,
         "reason": str, "evidence": JSON, "fingerprint": str},
        not_null=("unit", "rule", "reason"),
        foreign_keys=_UNIT_FK,
        indexes=(("unit", "rule"),),
    ),
    TableSpec(
        "scores",
        {"unit": str, "indicator": str, "points": float, "score": float, "max": float,
         "veto": int, "detail": JSON, "status": str},
        pk=("unit", "indicator"),
        foreign_keys=_UNIT_FK,
        choices={"status": ("checked", "unchecked")},
    ),
    TableSpec(
        "evaluator_scores",
        {"unit": str, "indicator": str, "score": float, "max": float, "note": str, "source": str,
         "imported": str},
        pk=("unit", "indicator"),
        foreign_keys=_UNIT_FK,
    ),
)}

def _v1_to_v2(db: sqlite_utils.Database) -> None:
    """Version 2: list completeness (list_pages, lists), coverage gaps, redirect chains, retries and
    who failed in fetches, coverage-gap findings, unchecked scores. A version-1 run recorded no list
    completeness: re-audited, its absence rules give coverage gaps, never findings."""
    for table, columns in (("fetches", {"attempt": int, "redirects": str, "failure": str}),
                           ("findings", {"gap": int}), ("scores", {"status": str})):
        for name, kind in columns.items():
            if name not in db[table].columns_dict:
                db[table].add_column(name, kind)
    for name in ("list_pages", "lists", "coverage_gaps"):
        spec = TABLES[name]
        if not db[name].exists():
            db[name].create({c: (str if k == JSON else k) for c, k in spec.columns.items()}, pk="id",
                            not_null=set(spec.not_null) | {"id"}, foreign_keys=list(spec.foreign_keys))
            for index in spec.indexes:
                db[name].create_index(list(index))


def _v2_to_v3(db: sqlite_utils.Database) -> None:
    """Version 3: the program file of the run and each fetch's request fingerprint (resuming); the
    profiles frozen with the run and what it was audited against; the evaluators' scores."""
    for table, name in (("run", "program_file"), ("fetches", "request_fp"), ("run", "profiles"),
                        ("run", "audited_with")):
        if name not in db[table].columns_dict:
            db[table].add_column(name, str)
    ensure_table(db, "evaluator_scores")


# Upgrades of older snapshots: MIGRATIONS[n] turns schema version n into n + 1.
MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {1: _v1_to_v2, 2: _v2_to_v3}


class SchemaVersionError(RuntimeError):
    """The snapshot was written with a schema this code cannot read."""


def utc_now() -> str:
    """The current time as a snapshot timestamp."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def collect_versions() -> dict[str, str | None]:
    """Versions of the software that gathers evidence, for ``run.versions``."""
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for key, dist in (("scrapy", "scrapy"), ("playwright", "playwright"), ("zwgk", "zwgk-audit")):
        try:
            versions[key] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[key] = None
    return versions


def create_tables(db: sqlite_utils.Database) -> None:
    """Create every table and index of the current schema in an empty database."""
    for spec in TABLES.values():
        _create_table(db, spec)


def ensure_table(db: sqlite_utils.Database, name: str) -> None:
    """Create table `name` of the current schema if the snapshot lacks it (a table added to schema 3
    after a run was made: the evaluators' scores)."""
    if not db[name].exists():
        _create_table(db, TABLES[name])


def _create_table(db: sqlite_utils.Database, spec: TableSpec) -> None:
    columns = {name: (str if kind == JSON else kind) for name, kind in spec.columns.items()}
    pk_columns = (spec.pk,) if isinstance(spec.pk, str) else spec.pk
    db.table(spec.name).create(
        columns,
        pk=spec.pk,
        not_null=set(spec.not_null) | set(pk_columns),
        foreign_keys=list(spec.foreign_keys),
    )
    for index in spec.unique:
        db.table(spec.name).create_index(list(index), unique=True)
    for index in spec.indexes:
        db.table(spec.name).create_index(list(index))


def encode_row(spec: TableSpec, row: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Validate ``row`` for ``spec`` and return it ready to insert, with the columns it capped.

    Raises ValueError/TypeError naming the table and column, so a bad row fails where it is
    written rather than at the next flush (or silently, for tables that ignore duplicates).
    """
    unknown = set(row) - set(spec.columns)
    if unknown:
        raise ValueError(f"{spec.name}: unknown column(s) {sorted(unknown)}; "
                         f"known: {list(spec.columns)}")
    out: dict[str, Any] = {}
    capped: list[str] = []
    json_columns = spec.json_columns
    for column in spec.columns:
        value = row.get(column)
        if column in json_columns:
            value = _encode_json(spec.name, column, value)
        elif isinstance(value, (dict, list, tuple, set)):
            raise TypeError(f"{spec.name}.{column}: got a {type(value).__name__}, "
                            "but this is not a JSON column")
        elif isinstance(value, (date, datetime)):
            value = value.isoformat()
        elif isinstance(value, bool):
            value = int(value)
        if value is not None and column in spec.choices and value not in spec.choices[column]:
            raise ValueError(f"{spec.name}.{column}: {value!r} is not one of "
                             f"{spec.choices[column]}")
        cap = spec.caps.get(column)
        if cap is not None and isinstance(value, str) and len(value) > cap:
            value = value[:cap]
            capped.append(column)
        out[column] = value
    return out, capped


def _encode_json(table: str, column: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            json.loads(value)
        except ValueError as exc:
            raise ValueError(f"{table}.{column}: a str for a JSON column must be JSON text; "
                             f"got {value[:80]!r}") from exc
        return value
    try:
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    except (TypeError, ValueError) as exc:  # e.g. a circular structure or a non-str dict key
        raise TypeError(f"{table}.{column}: cannot encode as JSON: {exc}") from exc


def _json_default(value: Any) -> Any:
    # Dates appear inside JSON values (consult.start, posts); sets come from callers that collect
    # lazily. Anything else (a class in the settings, a Path) is kept as its text: failing a crawl
    # over one odd setting would cost more than the lost type.
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


def decode_row(spec: TableSpec, row: dict[str, Any]) -> dict[str, Any]:
    """Turn the JSON columns of a stored row back into Python values."""
    for column in spec.json_columns & row.keys():
        if isinstance(row[column], str):
            row[column] = json.loads(row[column])
    return row


class Snapshot:
    """A run's ``snapshot.db``: create or open it, write rows in batches, read them back."""

    def __init__(self, run_dir: Path, db: sqlite_utils.Database):
        self.run_dir = run_dir
        self.db = db
        self.stats: Counter[str] = Counter()
        self._buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
        self._buffered_rows = 0
        self._buffered_chars = 0
        self._next_ids: dict[str, int] = {}
        row = db.execute("select id from run limit 1").fetchone()
        self.run_id: str | None = row[0] if row else None

    # -- creating and opening -------------------------------------------------------------

    @classmethod
    def create(cls, run_dir: str | Path, run_id: str, program: str, as_of: str | date,
               settings: dict[str, Any] | None = None,
               versions: dict[str, Any] | None = None) -> Snapshot:
        """Make ``run_dir`` and a new snapshot in it with every table and the ``run`` row."""
        run_dir = Path(run_dir)
        path = run_dir / DB_NAME
        if path.exists():
            # Writing a second crawl into an existing snapshot would mix two runs' evidence.
            raise FileExistsError(f"{path}: a snapshot already exists; choose a new run id")
        run_dir.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(path)
        db.enable_wal()
        # With WAL, synchronous=NORMAL cannot corrupt the database; at worst the last commits
        # before a power cut are lost, which a crawl can redo. It makes batch commits much cheaper.
        db.execute("PRAGMA synchronous=NORMAL")
        create_tables(db)
        run, _ = encode_row(TABLES["run"], {
            "id": run_id, "program": program, "as_of": as_of, "started": utc_now(),
            "schema_version": SCHEMA_VERSION, "status": "running",
            "versions": versions if versions is not None else collect_versions(),
            "settings": settings or {},
        })
        db.table("run").insert(run)
        return cls(run_dir, db)

    @classmethod
    def open(cls, run_dir: str | Path, migrate: bool = True) -> Snapshot:
        """Open an existing snapshot; upgrade it through MIGRATIONS if it is older and ``migrate``.

        Raises SchemaVersionError when the snapshot's schema version cannot be read by this code.
        """
        run_dir = Path(run_dir)
        path = run_dir / DB_NAME
        if not path.exists():
            raise FileNotFoundError(f"{path}: no snapshot here")
        db = sqlite_utils.Database(path)
        if not db.table("run").exists():
            db.close()
            raise SchemaVersionError(f"{path}: not a zwgk snapshot (no run table)")
        row = db.execute("select schema_version from run limit 1").fetchone()
        version = row[0] if row else None
        if version != SCHEMA_VERSION:
            try:
                _upgrade(db, path, version, migrate)
            except Exception:
                db.close()
                raise
        db.execute("PRAGMA synchronous=NORMAL")
        return cls(run_dir, db)

    # -- writing ------------------------------------------------------------------------

    def add(self, table: str, row: dict[str, Any]) -> int | None:
        """Buffer one row for ``table``; return its id (for tables with an integer id).

        Rows are written in batches (see BATCH_SIZE, BUFFER_CHARS) and by ``flush``/``close``;
        until then they are not visible in ``db``. A DURABLE table's row is written at once.
        """
        if table in ("run", "units"):
            raise ValueError(f"{table}: use set_run()/upsert_unit() for this table, not add()")
        spec = TABLES.get(table)
        if spec is None:
            raise ValueError(f"unknown snapshot table {table!r}; known: {list(TABLES)}")
        row, capped = encode_row(spec, row)
        for column in capped:
            self.stats[f"capped/{table}.{column}"] += 1
        for column in spec.not_null:
            if row[column] is None:
                raise ValueError(f"{table}.{column} must not be null (row: {_brief(row)})")
        if spec.assigns_ids:
            row["id"] = self._assign_id(table, row["id"])
        self._buffers[table].append(row)
        self._buffered_rows += 1
        self._buffered_chars += sum(len(v) for v in row.values() if isinstance(v, str))
        if table in DURABLE or self._buffered_rows >= BATCH_SIZE or self._buffered_chars >= BUFFER_CHARS:
            self.flush()
        return row.get("id") if spec.assigns_ids else None

    def flush(self) -> None:
        """Write every buffered row, referenced tables first, in one transaction."""
        if not self._buffered_rows:
            return
        with self.db.atomic():
            for table, rows in self._buffers.items():
                if rows:
                    self._insert(table, rows)
        for rows in self._buffers.values():
            rows.clear()
        self._buffered_rows = 0
        self._buffered_chars = 0

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        spec = TABLES[table]
        if not spec.unique:
            self.db.table(table).insert_all(rows, batch_size=BATCH_SIZE)
            return
        # A URL reached twice (two lists, a redirect) must not abort a batch: the first capture
        # is kept and the rest are counted, so nothing disappears without a trace.
        before = self.db.conn.total_changes
        self.db.table(table).insert_all(rows, batch_size=BATCH_SIZE, ignore=True)
        ignored = len(rows) - (self.db.conn.total_changes - before)
        if ignored:
            if not self.stats[f"ignored/{table}"]:
                logger.warning("%s: %d duplicate row(s) ignored (unique %s), e.g. among %s",
                               table, ignored, spec.unique, _brief(rows[0]))
            self.stats[f"ignored/{table}"] += ignored

    def _assign_id(self, table: str, given: int | None) -> int:
        if table not in self._next_ids:
            current = self.db.execute(f"select max(id) from [{table}]").fetchone()[0]
            self._next_ids[table] = (current or 0) + 1
        if given is None:
            given = self._next_ids[table]
        # Callers that number rows themselves (e.g. fetch ids handed out before the response)
        # stay ahead of our counter.
        self._next_ids[table] = max(self._next_ids[table], given + 1)
        return given

    def set_run(self, **fields: Any) -> None:
        """Update the run row, e.g. ``set_run(finished=utc_now(), status="complete")``."""
        encoded, _ = encode_row(TABLES["run"], fields)
        self.db.table("run").update(self.run_id, {k: encoded[k] for k in fields})

    def upsert_unit(self, row: dict[str, Any]) -> None:
        """Insert a unit or update the given columns of an existing one (``row`` needs ``id``)."""
        if not row.get("id"):
            raise ValueError(f"units: upsert_unit needs an id (row: {_brief(row)})")
        encoded, _ = encode_row(TABLES["units"], row)
        self.db.table("units").upsert({k: encoded[k] for k in row}, pk="id")

    # -- reading ------------------------------------------------------------------------

    def rows(self, table: str, where: str | None = None, params: Any = None,
             order_by: str | None = None) -> Iterator[dict[str, Any]]:
        """Stored rows of ``table`` with JSON columns decoded (buffered rows: flush first)."""
        spec = TABLES[table]
        for row in self.db.table(table).rows_where(where, params, order_by=order_by):
            yield decode_row(spec, row)

    def run(self) -> dict[str, Any]:
        """The run row, JSON decoded."""
        return next(self.rows("run"))

    @property
    def path(self) -> Path:
        return self.run_dir / DB_NAME

    @property
    def warc_path(self) -> Path:
        return self.run_dir / WARC_NAME

    @property
    def evidence_dir(self) -> Path:
        return self.run_dir / EVIDENCE_DIR

    # -- closing ------------------------------------------------------------------------

    def close(self) -> None:
        """Flush buffered rows and close the database."""
        try:
            self.flush()
        finally:
            self.db.close()

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
            return
        # Keep what was gathered before the failure, but never mask the original exception.
        try:
            self.flush()
        except Exception:
            logger.exception("%s: could not flush buffered rows while closing after an error",
                             self.path)
        self.db.close()


def _upgrade(db: sqlite_utils.Database, path: Path, version: Any, migrate: bool) -> None:
    """Bring an older snapshot to SCHEMA_VERSION, or raise SchemaVersionError."""
    readable = (f"{path}: snapshot schema_version is {version!r}, "
                f"this zwgk reads schema_version {SCHEMA_VERSION}")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise SchemaVersionError(readable + "; use the zwgk version that wrote it")
    steps = list(range(version, SCHEMA_VERSION))
    missing = [v for v in steps if v not in MIGRATIONS]
    if missing or not migrate:
        raise SchemaVersionError(readable + ("; no migration from version "
                                             f"{missing[0]}" if missing else "; migration disabled"))
    with db.atomic():
        for step in steps:
            MIGRATIONS[step](db)
        db.execute("update run set schema_version = ?", [SCHEMA_VERSION])
    logger.info("%s: migrated snapshot from schema_version %s to %s", path, version,
                SCHEMA_VERSION)


def _brief(row: dict[str, Any]) -> dict[str, Any]:
    """A short form of a row for error messages: identifying columns only."""
    keys = ("id", "unit", "url", "rule", "path", "item_url", "from_url")
    return {k: row[k] for k in keys if row.get(k) is not None}
