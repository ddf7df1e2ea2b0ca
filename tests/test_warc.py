"""crawler/warc.py: responses and failures written to capture.warc.gz and read back."""
from __future__ import annotations

import gzip
from datetime import datetime, timezone

from warcio.archiveiterator import ArchiveIterator

from crawler.warc import WarcCapture, iter_errors, iter_responses

UTF8_HTML = "<html><head><title>某某市教育局</title></head><body>政务公开</body></html>".encode("utf-8")
GBK_HTML = "<html><meta charset=gbk><title>关于印发某某办法的通知</title>索引号：11350100</html>".encode("gbk")


def test_responses_round_trip_byte_exact(tmp_path):
    path = tmp_path / "capture.warc.gz"
    with WarcCapture(path, info={"run": "run1"}) as capture:
        first = capture.record_response(
            "http://127.0.0.2/", 200, "OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Set-Cookie", "a=1"),
             ("Set-Cookie", "b=2")],
            UTF8_HTML, "2017-09-10T08:00:00.123+00:00")
        second = capture.record_response(
            "http://127.0.0.3/zcwj/1.html", 404, "",
            [(b"Content-Type", b"text/html; charset=gbk")],
            GBK_HTML, datetime(2017, 9, 10, 8, 0, 1, tzinfo=timezone.utc))
    assert first.startswith("<urn:uuid:") and first != second

    records = list(iter_responses(path))
    assert [r[0] for r in records] == [first, second]
    record_id, url, status, headers, body = records[0]
    assert (url, status, body) == ("http://127.0.0.2/", 200, UTF8_HTML)
    assert [v for k, v in headers if k == "Set-Cookie"] == ["a=1", "b=2"]
    _, url, status, headers, body = records[1]
    assert (url, status) == ("http://127.0.0.3/zcwj/1.html", 404)
    assert body == GBK_HTML
    assert body.decode("gbk").endswith("索引号：11350100</html>")
    assert ("Content-Type", "text/html; charset=gbk") in headers


def test_records_are_standard_warc(tmp_path):
    path = tmp_path / "capture.warc.gz"
    with WarcCapture(path) as capture:
        capture.record_response("http://127.0.0.2/", 200, "", [], UTF8_HTML,
                                "2017-09-10T08:00:00+00:00")
    with open(path, "rb") as stream:
        records = list((r.rec_type, r.rec_headers.get_header("WARC-Date"),
                        r.http_headers.statusline if r.http_headers else None)
                       for r in ArchiveIterator(stream, check_digests=True))
    assert records[0][0] == "warcinfo"
    assert records[1] == ("response", "2017-09-10T08:00:00Z", "200 OK")
    assert gzip.open(path).read().startswith(b"WARC/1.0")


def test_decoded_body_does_not_claim_its_old_encoding(tmp_path):
    # Scrapy hands over gunzipped bodies; replay must not try to gunzip them again.
    path = tmp_path / "capture.warc.gz"
    with WarcCapture(path) as capture:
        capture.record_response("http://127.0.0.2/", 200, "OK",
                                [("Content-Encoding", "gzip"), ("Content-Length", "17")],
                                UTF8_HTML)
    (_, _, _, headers, body), = iter_responses(path)
    assert body == UTF8_HTML
    names = dict(headers)
    assert "Content-Encoding" not in names
    assert names["X-Orig-Content-Encoding"] == "gzip"
    assert names["X-Orig-Content-Length"] == "17"
    assert names["Content-Length"] == str(len(UTF8_HTML))


def test_errors_are_metadata_records(tmp_path):
    path = tmp_path / "capture.warc.gz"
    with WarcCapture(path) as capture:
        record_id = capture.record_error("http://127.0.0.9/", "TimeoutError: took longer\nthan 30s",
                                         "2017-09-10T08:00:00+00:00")
    assert list(iter_responses(path)) == []
    assert list(iter_errors(path)) == [
        (record_id, "http://127.0.0.9/", "TimeoutError: took longer than 30s")]


def test_reopening_appends(tmp_path):
    path = tmp_path / "capture.warc.gz"
    with WarcCapture(path) as capture:
        capture.record_response("http://127.0.0.2/a", 200, "OK", [], b"a")
    with WarcCapture(path) as capture:
        capture.record_response("http://127.0.0.2/b", 200, "OK", [], b"b")
    assert [r[1] for r in iter_responses(path)] == ["http://127.0.0.2/a", "http://127.0.0.2/b"]
    with open(path, "rb") as stream:
        assert [r.rec_type for r in ArchiveIterator(stream)].count("warcinfo") == 1


def test_index_read_and_copy_records(tmp_path):
    from crawler.warc import copy_records, index_records, read_response
    path = tmp_path / "capture.warc.gz"
    with WarcCapture(path) as w:
        w.record_response("http://h/a", 200, "OK", [("Content-Type", "text/html; charset=utf-8")], b"<p>a1</p>")
        w.record_response("http://h/b", 404, "", [("Content-Type", "text/plain")], b"missing")
        w.record_error("http://h/c", "ConnectionRefusedError: refused")
        w.record_response("http://h/a", 200, "OK", [("Content-Type", "text/html")], b"<p>a2</p>")
    index = index_records(path)
    assert [r.rec_type for r in index["http://h/a"]] == ["response", "response"]
    assert index["http://h/b"][0].status == 404 and index["http://h/c"][0].rec_type == "metadata"
    assert "html" in index["http://h/a"][0].content_type
    with open(path, "rb") as fh:
        assert read_response(fh, index["http://h/a"][-1])[2] == b"<p>a2</p>"
        assert read_response(fh, index["http://h/b"][0])[:1] == (404,)
    copy = tmp_path / "copy.warc.gz"
    assert copy_records(path, index["http://h/a"] + index["http://h/c"], copy) == 3
    assert [(u, b) for _, u, _, _, b in iter_responses(copy)] == [("http://h/a", b"<p>a1</p>"), ("http://h/a", b"<p>a2</p>")]
    assert [u for _, u, _ in iter_errors(copy)] == ["http://h/c"]
