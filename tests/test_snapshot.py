"""crawler/snapshot.py: schema, batching, JSON columns, versioning."""
from __future__ import annotations

import re
import sqlite3

import pytest

from crawler import snapshot as snapshot_module
from crawler.snapshot import (BATCH_SIZE, BODY_CAP, BUFFER_CHARS, SCHEMA_VERSION, TABLES, TEXT_CAP,
                              SchemaVersionError, Snapshot)

# One realistic row per buffered table; JSON columns get Python values.
ROWS = {
    "fetches": {"unit": "edu", "url": "http://127.0.0.2/", "final_url": "http://127.0.0.2/index.html",
                "method": "GET", "status": 200,
                "headers": [["Content-Type", "text/html; charset=gbk"], ["Set-Cookie", "a=1"],
                            ["Set-Cookie", "b=2"]],
                "content_type": "text/html; charset=gbk", "encoding": "gb18030",
                "declared_encoding": "gbk", "bytes": 1234, "sha256": "ab" * 32, "elapsed_ms": 87,
                "fetched_at": "2017-09-10T08:00:00+00:00", "via": "static", "purpose": "crawl",
                "error": None, "warc_record_id": "<urn:uuid:1>"},
    "pages": {"fetch_id": 1, "unit": "edu", "url": "http://127.0.0.2/index.html", "kind": "home", "site": "portal",
              "title": "某某市教育局", "text": "首页 政务公开", "column_path": None,
              "breadcrumb": ["首页"], "meta": {"SiteName": "某某市教育局", "SiteIDCode": "1234000001"},
              "footer": {"主办单位": "某某市教育局", "网站标识码": "1234000001"}},
    "links": {"unit": "edu", "from_url": "http://127.0.0.2/a.html", "to_url": "http://127.0.0.2/jd.html",
              "anchor": "图解：某某办法", "kind": "internal", "label": "相关解读"},
    "columns": {"unit": "edu", "path": "法定主动公开内容 > 政策文件", "name": "政策文件",
                "url": "http://127.0.0.2/zcwj/", "parent": "法定主动公开内容", "depth": 2,
                "item_count": 37, "newest_date": "2017-08-30", "fixed": None, "matched": None},
    "items": {"unit": "edu", "url": "http://127.0.0.2/zcwj/1.html", "title": "关于印发某某办法的通知",
              "index_no": "11350100-2017-00012", "publisher": "某某市教育局", "created": "2017-08-01",
              "published": "2017-08-03", "doc_no": "某教〔2017〕12号", "topic": "教育",
              "combo": None, "genre": "通知", "audience": None, "keywords": "教育 办法",
              "summary": None, "validity": "有效", "published_text": "2017年08月03日",
              "column_path": "法定主动公开内容 > 政策文件", "body": "第一条……",
              "metadata": {"索引号": "11350100-2017-00012", "发布日期": "2017年08月03日"},
              "attachments": [{"name": "附件1.docx", "url": "http://127.0.0.2/f/1.docx"}],
              "interp_urls": ["http://127.0.0.2/jd.html"], "doc_urls": [],
              "consult": {"start": "2017-08-03", "end": "2017-09-02", "channels": {"电子邮件": "jyj@example.gov.cn"}},
              "report_year": None, "fetch_id": 2},
    "attachments": {"unit": "edu", "item_url": "http://127.0.0.2/zcwj/1.html",
                    "url": "http://127.0.0.2/f/1.docx", "name": "附件1.docx", "ext": "docx",
                    "status": 200, "bytes": 9000, "sha256": "cd" * 32, "text": "名单", "error": None},
    "listings": {"unit": "edu", "url": "http://127.0.0.2/zcwj/1.html", "title": "关于印发某某办法…",
                 "title_attr": "关于印发某某办法的通知", "date": "2017-08-03", "date_text": "08-03",
                 "index_no": None, "source": "view", "source_url": "http://127.0.0.2/zt/zhzw/",
                 "column_path": None, "view": "主题分类/综合政务", "rank": 3},
    "search_probes": {"unit": "edu", "item_url": "http://127.0.0.2/zcwj/1.html", "by": "title",
                      "query": "关于印发某某办法的通知", "search_url": "http://127.0.0.2/s?q=x",
                      "status": 200,
                      "results": [{"title": "关于印发某某办法的通知",
                                   "url": "http://127.0.0.2/zcwj/1.html", "date": "2017-08-03"}],
                      "found": 1, "rank": 1, "error": None, "sampled_from": "法定主动公开内容 > 政策文件"},
    "media_accounts": {"unit": "edu", "platform": "微信", "name": "某某教育发布",
                       "url": "http://127.0.0.9/wx/1", "source": "portal", "status": 200,
                       "readable": True, "latest_post": "2017-09-01",
                       "posts": ["2017-09-01", "2017-08-20"],
                       "registered": 1, "anchor": "微信公众号"},
    "probes": {"unit": "edu", "url": "http://127.0.0.2/", "kind": "portal",
               "at": "2017-09-10T08:00:00+00:00", "status": 200, "elapsed_ms": 40, "ok": 1,
               "error": None},
    "findings": {"rule": "FRESH-001", "unit": "edu", "severity": "major", "indicator": "更新情况",
                 "url": "http://127.0.0.2/zcwj/", "column_path": "法定主动公开内容 > 政策文件",
                 "index_no": None, "message": "栏目超过 6 个月未更新",
                 "evidence": {"fetch_ids": [1, 2], "excerpt": "2017-01-03"}, "fingerprint": "f1"},
    "scores": {"unit": "edu", "indicator": "更新情况", "points": 2.0, "score": 8.0, "max": 10.0,
               "veto": 0, "detail": {"FRESH-001": {"count": 1, "deducted": 2.0}}},
}

UNIT = {"id": "edu", "name": "某某市教育局", "type": "department", "org_code": "11350100MB0000000X",
        "portal": "http://127.0.0.2/", "disclosure": "http://127.0.0.2/zwgk/",
        "hosts": ["127.0.0.2"], "profile": {"id": "edu", "search": None}}


@pytest.fixture
def snap(tmp_path):
    s = Snapshot.create(tmp_path / "run1", "run1", "demo", "2017-09-10",
                        settings={"ZWGK_PAGE_BUDGET": 5000}, versions={"python": "3.11"})
    yield s
    s.close()  # closing twice is harmless


def test_every_table_and_column_is_documented():
    documented: dict[str, list[str]] = {}
    table = None
    for line in snapshot_module.__doc__.splitlines():
        heading = re.match(r"^(\w+) — ", line)
        if heading:
            table = heading.group(1)
            documented[table] = []
            continue
        column = re.match(r"^    (\w+)\s{2,}\S", line)
        if column and table:
            documented[table].append(column.group(1))
    assert list(documented) == list(TABLES)
    for name, spec in TABLES.items():
        assert documented[name] == list(spec.columns), name


def test_create_makes_wal_db_with_all_tables(snap, tmp_path):
    assert (tmp_path / "run1" / "snapshot.db").exists()
    assert snap.db.journal_mode == "wal"
    assert set(TABLES) <= set(snap.db.table_names())
    run = snap.run()
    assert run["id"] == "run1" and run["schema_version"] == SCHEMA_VERSION
    assert run["settings"] == {"ZWGK_PAGE_BUDGET": 5000} and run["status"] == "running"
    assert snap.db["items"].pks == ["id"]
    assert snap.db["scores"].pks == ["unit", "indicator"]
    assert any(fk.column == "fetch_id" and fk.other_table == "fetches"
               for fk in snap.db["pages"].foreign_keys)
    assert any(ix.unique and ix.columns == ["unit", "url"] for ix in snap.db["items"].indexes)


def test_create_refuses_existing_snapshot(snap, tmp_path):
    with pytest.raises(FileExistsError, match="already exists"):
        Snapshot.create(tmp_path / "run1", "run1", "demo", "2017-09-10")


def test_round_trip_every_table(snap, tmp_path):
    snap.upsert_unit(UNIT)
    ids = {table: snap.add(table, row) for table, row in ROWS.items()}
    assert ids["fetches"] == 1 and ids["scores"] is None
    snap.set_run(finished="2017-09-10T09:00:00+00:00", status="complete",
                 stats={"zwgk/encoding_corrected": 2}, seconds=61.5)
    snap.upsert_unit({"id": "edu", "status": "ok", "pages": 1, "items": 1, "errors": 0})
    snap.close()

    reopened = Snapshot.open(tmp_path / "run1")
    run = reopened.run()
    assert (run["status"], run["stats"], run["seconds"]) == ("complete", {"zwgk/encoding_corrected": 2}, 61.5)
    unit = next(reopened.rows("units"))
    assert unit["name"] == "某某市教育局" and unit["status"] == "ok"  # upsert kept the name
    assert unit["hosts"] == ["127.0.0.2"]
    for table, row in ROWS.items():
        stored = list(reopened.rows(table))
        assert len(stored) == 1, table
        expected = dict(row, readable=1) if table == "media_accounts" else row
        for column, value in expected.items():
            assert stored[0][column] == value, (table, column)
    # JSON is stored as readable text, not \\u escapes.
    raw = reopened.db.execute("select footer from pages").fetchone()[0]
    assert "主办单位" in raw
    reopened.close()


def test_schema_version_mismatch_is_a_clear_error(snap, tmp_path):
    snap.db.execute("update run set schema_version = ?", [SCHEMA_VERSION + 1])
    snap.db.conn.commit()
    snap.close()
    with pytest.raises(SchemaVersionError,
                       match=rf"schema_version is {SCHEMA_VERSION + 1}.*reads schema_version {SCHEMA_VERSION}"):
        Snapshot.open(tmp_path / "run1")


def test_older_schema_is_migrated(snap, tmp_path, monkeypatch):
    snap.db.execute("update run set schema_version = 0")
    snap.db.conn.commit()
    snap.close()
    with pytest.raises(SchemaVersionError, match="no migration from version 0"):
        Snapshot.open(tmp_path / "run1")
    monkeypatch.setattr(snapshot_module, "MIGRATIONS",
                        {**snapshot_module.MIGRATIONS, 0: lambda db: db.execute("create table extra (x integer)")})
    reopened = Snapshot.open(tmp_path / "run1")
    assert reopened.run()["schema_version"] == SCHEMA_VERSION
    assert "extra" in reopened.db.table_names()
    reopened.close()


def test_a_version_1_snapshot_gains_list_completeness_and_gaps(snap, tmp_path):
    """Version 2 added list completeness, coverage gaps and who failed a fetch; a version-1 run opens
    with them (empty: it proved no list complete, so its absence rules give gaps)."""
    db = snap.db
    for table in ("list_pages", "lists", "coverage_gaps"):
        db[table].drop()
    db["fetches"].transform(drop={"attempt", "redirects", "failure"})
    db["findings"].transform(drop={"gap"})
    db["scores"].transform(drop={"status"})
    db.execute("update run set schema_version = 1")
    db.conn.commit()
    snap.close()
    reopened = Snapshot.open(tmp_path / "run1")
    assert reopened.run()["schema_version"] == SCHEMA_VERSION
    for table in ("list_pages", "lists", "coverage_gaps"):
        assert set(reopened.db[table].columns_dict) == set(snapshot_module.TABLES[table].columns)
    assert {"attempt", "redirects", "failure"} <= set(reopened.db["fetches"].columns_dict)
    reopened.add("lists", {"unit": "u", "kind": "view", "key": "主题分类/综合政务", "complete": 0, "reason": "x"})
    reopened.flush()
    reopened.close()


def test_open_missing_snapshot(tmp_path):
    with pytest.raises(FileNotFoundError, match="no snapshot"):
        Snapshot.open(tmp_path / "nothing")


def test_rows_are_written_in_batches(snap):
    snap.upsert_unit(UNIT)
    for n in range(10):
        snap.add("links", dict(ROWS["links"], to_url=f"http://127.0.0.2/{n}.html"))
    assert snap.db["links"].count == 0  # still buffered
    snap.flush()
    assert snap.db["links"].count == 10
    for n in range(BATCH_SIZE - 1):
        snap.add("links", dict(ROWS["links"], to_url=f"http://127.0.0.2/b{n}.html"))
    assert snap.db["links"].count == 10
    snap.add("links", ROWS["links"])  # the BATCH_SIZE-th buffered row triggers a write
    assert snap.db["links"].count == 10 + BATCH_SIZE


def test_large_texts_are_written_before_the_row_batch_fills(snap):
    # Memory stays flat: big pages are flushed by size, long before BATCH_SIZE rows.
    page = dict(ROWS["pages"], text="字" * (TEXT_CAP - 1))
    added = BUFFER_CHARS // TEXT_CAP + 1
    for _ in range(added):
        snap.add("pages", page)
    assert added < BATCH_SIZE
    assert snap.db["pages"].count >= added - 1


def test_ids_continue_after_reopen_and_respect_given_ids(snap, tmp_path):
    assert snap.add("fetches", ROWS["fetches"]) == 1
    assert snap.add("fetches", dict(ROWS["fetches"], id=10)) == 10
    assert snap.add("fetches", ROWS["fetches"]) == 11
    snap.close()
    reopened = Snapshot.open(tmp_path / "run1")
    assert reopened.add("fetches", ROWS["fetches"]) == 12
    reopened.close()


def test_duplicate_item_is_ignored_and_counted(snap):
    snap.add("items", ROWS["items"])
    snap.add("items", dict(ROWS["items"], title="另一个标题"))
    snap.add("items", dict(ROWS["items"], unit="other"))  # same URL, other unit: kept
    snap.flush()
    assert snap.db["items"].count == 2
    assert snap.stats["ignored/items"] == 1
    assert snap.db.execute("select title from items where unit='edu'").fetchone()[0] == \
        ROWS["items"]["title"]


def test_texts_are_capped_and_counted(snap):
    snap.add("pages", dict(ROWS["pages"], text="字" * (TEXT_CAP + 10)))
    snap.add("items", dict(ROWS["items"], body="字" * (BODY_CAP + 10)))
    snap.flush()
    assert len(snap.db.execute("select text from pages").fetchone()[0]) == TEXT_CAP
    assert len(snap.db.execute("select body from items").fetchone()[0]) == BODY_CAP
    assert snap.stats["capped/pages.text"] == 1 and snap.stats["capped/items.body"] == 1


@pytest.mark.parametrize("table, row, message", [
    ("nope", {}, "unknown snapshot table 'nope'"),
    ("run", {}, "use set_run"),
    ("links", dict(ROWS["links"], colour="red"), r"unknown column\(s\) \['colour'\]"),
    ("links", dict(ROWS["links"], kind="intern"), "links.kind: 'intern' is not one of"),
    ("links", dict(ROWS["links"], to_url=None), "links.to_url must not be null"),
    ("pages", dict(ROWS["pages"], meta="<meta>"), "pages.meta: a str for a JSON column"),
    ("links", dict(ROWS["links"], label=["相关解读"]), "not a JSON column"),
])
def test_bad_rows_fail_where_they_are_added(snap, table, row, message):
    with pytest.raises((ValueError, TypeError), match=message):
        snap.add(table, row)


def test_json_text_is_accepted_as_is(snap):
    snap.add("fetches", dict(ROWS["fetches"], headers='{"Content-Type": "text/html"}'))
    snap.flush()
    assert next(snap.rows("fetches"))["headers"] == {"Content-Type": "text/html"}


def test_json_values_with_dates_sets_and_objects(snap, tmp_path):
    import datetime
    snap.set_run(settings={"ZWGK_OUT": tmp_path, "DAY": datetime.date(2017, 9, 10), "HOSTS": {"b", "a"}})
    assert snap.run()["settings"] == {"ZWGK_OUT": str(tmp_path), "DAY": "2017-09-10", "HOSTS": ["a", "b"]}


def test_a_fetch_row_is_on_disk_as_soon_as_it_is_added(snap, tmp_path):
    """A crawl killed at any moment keeps every fetch it recorded (crawler/resume.py replays them);
    other rows wait for their batch."""
    snap.upsert_unit(UNIT)
    other = sqlite3.connect(tmp_path / "run1" / "snapshot.db")
    snap.add("links", ROWS["links"])
    assert other.execute("select count(*) from links").fetchone()[0] == 0
    snap.add("fetches", ROWS["fetches"])
    assert other.execute("select count(*) from fetches").fetchone()[0] == 1
    other.close()


def test_a_version_2_snapshot_gains_the_program_file_and_request_fingerprints(snap, tmp_path):
    db = snap.db
    db["fetches"].transform(drop={"request_fp"})
    db["run"].transform(drop={"program_file"})
    db.execute("update run set schema_version = 2")
    db.conn.commit()
    snap.close()
    reopened = Snapshot.open(tmp_path / "run1")
    assert reopened.run()["schema_version"] == SCHEMA_VERSION == 3
    assert "request_fp" in reopened.db["fetches"].columns_dict
    assert reopened.run()["program_file"] is None
    reopened.close()
