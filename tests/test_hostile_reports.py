"""Hostile crawled content never stops the report stage.

A fuzz run (three units; titles with every control character, NUL bytes, a 1 MB title, `>` and
tags inside breadcrumbs; captured pages with invalid UTF-8, NUL bytes and scripts that loop
forever; WARC records without HTTP headers and a cut tail) must give every unit its reports, and
each must open (openpyxl, an HTML parser) with the crawled text escaped. A unit whose reports
cannot be built is an error line on the dashboard while the others get theirs, and `zwgk report`
says so in one line and exits 1, the traceback in report.log.

Only the screenshot test needs Chromium (marked `browser`); the rest run without one."""
from __future__ import annotations

import contextlib
import csv
import gzip
import json
import logging
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from checks.engine import audit_run
from crawler.warc import WarcCapture, index_records, read_response
from reports import evidence
from reports.common import xlsx_cell, xlsx_link
from reports.evidence import last_responses, take_screenshots
from reports.packs import verify_pack
from reports.render import describe, render_reports
from tests.minisnap import DISCLOSURE, Mini
from tests.test_reports import Parsed

# every C0 and C1 control, DEL, and the two non-characters XML 1.0 has no place for
CONTROL = "".join(map(chr, range(0x20))) + "\x7f" + "".join(map(chr, range(0x80, 0xA0))) + "\ufffe\uffff"
KEPT = "\t\n\r"                      # the controls a cell keeps: they lay text out
SCRIPT = '<script>window.__xss = true</script>'
INVALID_UTF8 = b"\xff\xfe\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc\xed\xa0\x80"
LOOP_NOW = b"<script>while (true) {}</script>"                                  # never reaches `load`
LOOP_LATER = b"<script>setTimeout(() => { while (true) {} }, 30)</script>"     # hangs what comes after


def zwgk(*args, timeout=180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zwgk.cli", *args], capture_output=True, text=True, timeout=timeout)


# --- the spreadsheet boundary ----------------------------------------------------------------

@pytest.mark.parametrize("value, cell", [
    ("a\x00b\x01c\x1fd", "abcd"),
    ("\x01=HYPERLINK(\"http://evil.example/\")", "'=HYPERLINK(\"http://evil.example/\")"),  # a formula once cleaned
    ("a\x7fb\x85c\x9fd", "abcd"),
    ("a\ufffeb\uffffc\ud800d", "abcd"),
    ("行一\n行二\t列\r", "行一\n行二\t列\r"),
    ("\t=1+1", "'\t=1+1"),
    ("普通文字 > 栏目", "普通文字 > 栏目"),
    (12.5, 12.5),
    (None, None),
])
def test_xlsx_cell_drops_what_a_workbook_cannot_hold(value, cell):
    assert xlsx_cell(value) == cell


@pytest.mark.parametrize("length, kept", [(32766, True), (32767, True), (32768, False), (1_000_000, False)])
def test_xlsx_cell_is_cut_at_excels_cell_limit(length, kept):
    got = xlsx_cell("长" * length)
    if kept:
        assert got == "长" * length
    else:
        assert len(got) == 32767 and got.endswith("…（已截断）") and got.startswith("长" * 32000)


def test_every_character_a_page_can_carry_saves_and_loads(tmp_path):
    wb = Workbook()
    ws = wb.active
    everything = "".join(map(chr, range(0x3000))) + "\ud800\udfff\ufffd\ufffe\uffff\U0001f600"
    ws.append([xlsx_cell(everything), xlsx_cell(f"标题{CONTROL}结束")])
    wb.save(tmp_path / "x.xlsx")
    a, b = next(load_workbook(tmp_path / "x.xlsx").active.iter_rows(values_only=True))
    assert b == f"标题{KEPT}结束"
    dropped = {chr(c) for c in range(0x20) if chr(c) not in KEPT} | {chr(c) for c in range(0x7F, 0xA0)} | \
        {chr(0xD800), chr(0xDFFF), chr(0xFFFE), chr(0xFFFF)}
    assert a == "'" + "".join(c for c in everything if c not in dropped)   # "'": it now starts with a tab


@pytest.mark.parametrize("url, link", [
    ("http://h.example.gov.cn/a?b=1", "http://h.example.gov.cn/a?b=1"),
    ("http://h.example.gov.cn/a\x01b", None),                        # would stop the save; stays text
    ("http://h.example.gov.cn/\ufffe", None),
    ("javascript:alert(1)", None),
    ("", None),
])
def test_xlsx_link(url, link):
    assert xlsx_link(url) == link


@pytest.mark.parametrize("length, cut", [(199, False), (200, False), (201, True)])
def test_describe_is_one_short_clean_line(length, cut):
    text = "x" * (length - len("ValueError: "))
    assert describe(ValueError(text)) == (f"ValueError: {text}" if not cut else f"ValueError: {text}"[:199] + "…")
    assert describe(ValueError("\x1b[31m红\x00色\n第二行\x9b")) == "ValueError: [31m红色 第二行"


# --- WARC records without HTTP headers -------------------------------------------------------

def raw_record(url: str, rec_type: str, content_type: str, payload: bytes) -> bytes:
    """One WARC record as its own gzip member, written by hand: warcio refuses to write these."""
    head = (f"WARC/1.0\r\nWARC-Type: {rec_type}\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\nWARC-Date: 2019-09-30T00:00:00Z\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(payload)}\r\n\r\n").encode()
    return gzip.compress(head + payload + b"\r\n\r\n")


HTTP = "application/http; msgtype=response"
HEADERLESS = {                                   # url → a record that is no HTTP response
    "http://h/resource": ("resource", "text/html", b"<p>a resource record</p>"),
    "http://h/bare": ("response", "text/html", b"<p>a response without its headers</p>"),
    "http://h/garbled": ("response", HTTP, b"garbage no status line"),
}


def headerless_capture(path: Path, cut_tail: bool = True) -> bytes:
    """A capture: one good response, the records of HEADERLESS, a good response of /bare before
    them, and (cut_tail) half a record at the end; returns that half record."""
    with WarcCapture(path) as w:
        w.record_response("http://h/good", 200, "OK", [("Content-Type", "text/html")], b"<p>good</p>")
        w.record_response("http://h/bare", 200, "OK", [("Content-Type", "text/html")], b"<p>earlier</p>")
    whole = raw_record("http://h/cut", "response", HTTP, b"HTTP/1.1 200 OK\r\n\r\n" + b"<p>cut</p>" * 200)
    with open(path, "ab") as fh:
        for url, (rec_type, ctype, payload) in HEADERLESS.items():
            fh.write(raw_record(url, rec_type, ctype, payload))
        if cut_tail:
            fh.write(whole[:len(whole) // 2])
    return whole


def test_records_without_http_headers_are_indexed_but_never_replayed(tmp_path):
    path = tmp_path / "capture.warc.gz"
    headerless_capture(path)
    index = index_records(path)
    assert index["http://h/good"][0].status == 200
    assert [r.status for r in index["http://h/bare"]] == [200, None]
    assert index["http://h/garbled"][0].status is None and "http://h/resource" not in index
    with open(path, "rb") as fh:
        assert read_response(fh, index["http://h/bare"][-1]) is None
        assert read_response(fh, index["http://h/garbled"][0]) is None
        assert read_response(fh, index["http://h/bare"][0])[2] == b"<p>earlier</p>"
    replayable = last_responses(index)
    assert set(replayable) == {"http://h/good", "http://h/bare"}
    assert replayable["http://h/bare"] == index["http://h/bare"][0]      # the last one with headers
    # a finding on a page captured only without headers has nothing to show (and no browser starts)
    finding = {"fingerprint": "f", "evidence": {}, "message": "问题", "url": "http://h/garbled",
               "column_path": "", "rule": "LINK-001", "index_no": ""}
    assert take_screenshots(tmp_path, [finding], index) == {}


def test_a_cut_capture_is_indexed_up_to_its_last_whole_record(tmp_path):
    path = tmp_path / "capture.warc.gz"
    headerless_capture(path, cut_tail=False)
    whole = (tmp_path / "capture.warc.gz").read_bytes()
    tail = raw_record("http://h/cut", "response", HTTP, b"HTTP/1.1 200 OK\r\n\r\n" + bytes(range(256)) * 20)
    expected = {"http://h/good", "http://h/bare", "http://h/garbled"}
    for cut in range(1, len(tail), 5):          # wherever a kill stopped the write
        path.write_bytes(whole + tail[:cut])
        assert expected <= set(index_records(path)), cut


# --- the fuzz run ----------------------------------------------------------------------------

def add_unit(m: Mini, uid: str, name: str) -> str:
    """A second unit in a Mini snapshot, its disclosure home read so content rules apply."""
    disclosure = f"http://xxgk.{uid}.example.gov.cn/index.html"
    m.snap.upsert_unit({"id": uid, "name": name, "type": "county", "org_code": "003240561",
                        "portal": f"http://www.{uid}.example.gov.cn/", "disclosure": disclosure, "hosts": [],
                        "status": "ok"})
    for url in (disclosure, f"http://www.{uid}.example.gov.cn/"):
        m.snap.add("fetches", {"unit": uid, "url": url, "final_url": url, "status": 200, "purpose": "crawl",
                               "fetched_at": "2019-09-30T00:00:00+00:00"})
    m.snap.add("pages", {"unit": uid, "url": disclosure, "kind": "home", "site": "disclosure", "text": ""})
    return disclosure


def page(title: str, extra: bytes = b"") -> bytes:
    return (f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>索引号：x</p>".encode() + INVALID_UTF8 + b"\x00\x00" + extra + b"</body></html>")


# (unit, item url) → (title, breadcrumb, what the captured page does)
BREADCRUMB = f"政策文件 > 规范性文件>其他 > <b>粗</b>{SCRIPT} > a>b"
FUZZ_ITEMS = {
    ("u", "http://xxgk.example.gov.cn/art/control.html"): (f"关于{CONTROL}的通知", BREADCRUMB, b""),
    ("u", "http://xxgk.example.gov.cn/art/huge.html"): ("长" * 1_000_000, "法定主动公开内容 > 通知公告", LOOP_NOW),
    ("v", "http://xxgk.v.example.gov.cn/art/later.html"): (f"关于{SCRIPT}\x00的通知", "通知 > 公告>", LOOP_LATER),
    ("w", "http://xxgk.w.example.gov.cn/art/bare.html"): ("只有无头记录的页面", "通知", None),
    ("w", "http://xxgk.w.example.gov.cn/art/\x01\x7f.html"): ("网址里有控制字符", "通知", None),   # never captured
}


def fuzz_run(tmp_path) -> Path:
    """Three units (u, v with control characters in its name, w) whose items and pages are hostile;
    audited. Returns the run folder."""
    m = Mini(tmp_path)
    add_unit(m, "v", f"第二单位{CONTROL}")
    add_unit(m, "w", f"第三单位{SCRIPT}")
    run = tmp_path / "run"
    with WarcCapture(run / "capture.warc.gz") as warc:
        warc.record_response(DISCLOSURE, 200, "OK", [("Content-Type", "text/html")], b"<html></html>")
        for (unit, url), (title, crumbs, script) in FUZZ_ITEMS.items():
            m.snap.add("items", {"unit": unit, "url": url, "title": title, "publisher": "", "column_path": crumbs,
                                 "index_no": f"{unit}/2019-1", "created": "2019-09-02", "published": "2019-09-03",
                                 "summary": title[:100], "body": f"正文{CONTROL}{SCRIPT}"})
            if script is not None:
                warc.record_response(url, 200, "OK", [("Content-Type", "text/html; charset=utf-8")],
                                     page(title, script))
    with open(run / "capture.warc.gz", "ab") as fh:       # w's page: only records a browser cannot replay
        url = "http://xxgk.w.example.gov.cn/art/bare.html"
        fh.write(raw_record(url, "response", "text/html", page("无头")))
        fh.write(raw_record(url, "resource", "text/html", page("资源")))
        fh.write(raw_record(url, "response", HTTP, b"HTTP/1.1 200 OK\r\nContent-Ty")[:-9])   # cut tail
    m.snap.close()
    result = audit_run(run)
    assert result.errors == []
    cited = {f["url"] for f in result.findings}
    assert {url for _, url in FUZZ_ITEMS} <= cited                    # every hostile page is cited
    return run


def cells(path: Path) -> list[tuple]:
    return list(load_workbook(path).active.iter_rows(min_row=2, values_only=True))


def assert_every_report_opens(run: Path, units=("u", "v", "w")):
    out = run / "reports"
    db = sqlite3.connect(run / "snapshot.db")
    for unit in units:
        n = db.execute("select count(*) from findings where unit = ?", [unit]).fetchone()[0]
        rows = cells(out / "units" / f"{unit}.xlsx")
        assert len(rows) == n > 0, unit
        texts = [v for row in rows for v in row if isinstance(v, str)]
        assert not [t for t in texts if ILLEGAL_CHARACTERS_RE.search(t) or len(t) > 32767], unit
        doc = Parsed((out / "units" / f"{unit}.html").read_text(encoding="utf-8"))
        assert not [tag for tag, _ in doc.tags if tag in ("script", "b")], unit
        assert verify_pack(out / "packs" / f"{unit}.zip") == [], unit
    db.close()
    dashboard = Parsed((out / "index.html").read_text(encoding="utf-8"))
    assert not [tag for tag, _ in dashboard.tags if tag in ("script", "b")]
    assert "报告生成出错" not in dashboard.text and "报告未能生成" not in dashboard.text
    links = {a.get("href") for tag, a in dashboard.tags if tag == "a"}
    assert {f"units/{u}.xlsx" for u in units} | {f"packs/{u}.zip" for u in units} <= links
    sheet = cells(out / "评分表.xlsx")
    assert f"第二单位{KEPT}" in {row[1] for row in sheet}             # the name, controls dropped
    with (out / "评分表.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.reader(fh))) == len(sheet) + 1
    assert sorted(line.split()[1] for line in (out / "packs" / "SHA256SUMS").read_text().splitlines()) == \
        [f"{u}.zip" for u in units]


def test_fuzzed_pages_give_every_unit_reports_that_open(tmp_path):
    run = fuzz_run(tmp_path)
    errors = []
    render_reports(run, screenshots=False, errors=errors)
    assert errors == [] and not (run / "report.log").exists()
    assert_every_report_opens(run)
    rows = cells(run / "reports" / "units" / "u.xlsx")
    problems = [row[6] for row in rows]
    assert any(p.startswith("“关于" + KEPT + "的通知”") for p in problems)
    assert any(p.endswith("…（已截断）") and len(p) == 32767 for p in problems)           # the 1 MB title
    assert BREADCRUMB in [row[5] for row in rows]                     # `>` and tags kept, as text
    html = Parsed((run / "reports" / "units" / "u.html").read_text(encoding="utf-8"))
    assert BREADCRUMB in html.text and "长" * 1_000_000 in html.text and SCRIPT in html.text
    with zipfile.ZipFile(run / "reports" / "packs" / "w.zip") as zf:
        (tmp_path / "pages.warc.gz").write_bytes(zf.read("pages.warc.gz"))
    packed = index_records(tmp_path / "pages.warc.gz")               # w's header-less records, copied
    assert [r.status for r in packed["http://xxgk.w.example.gov.cn/art/bare.html"]][:1] == [None]


@pytest.mark.browser
@pytest.mark.timeout(180)
def test_pages_that_loop_forever_are_noted_and_the_run_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(evidence, "PAGE_SECONDS", 3)
    run = fuzz_run(tmp_path)
    started = time.monotonic()
    errors = []
    render_reports(run, screenshots=True, errors=errors)
    assert time.monotonic() - started < 60 and errors == []
    db = sqlite3.connect(run / "snapshot.db")
    shots = {url: json.loads(ev) for url, ev in db.execute(
        "select url, evidence from findings where rule = 'META-001'")}
    db.close()
    loops = ["http://xxgk.example.gov.cn/art/huge.html", "http://xxgk.v.example.gov.cn/art/later.html"]
    for url in loops:
        assert shots[url].get("screenshot_error") == "截图超时" and "screenshot" not in shots[url], url
    good = shots["http://xxgk.example.gov.cn/art/control.html"]
    assert (run / "evidence" / good["screenshot"]).stat().st_size > 1000 and "screenshot_error" not in good
    assert "screenshot" not in shots["http://xxgk.w.example.gov.cn/art/bare.html"]
    assert_every_report_opens(run)
    xlsx_evidence = [row[7] for row in cells(run / "reports" / "units" / "v.xlsx")]
    assert f"{loops[1]}\n截图超时" in xlsx_evidence
    assert "截图超时" in Parsed((run / "reports" / "units" / "u.html").read_text(encoding="utf-8")).text
    assert "Traceback" not in (run / "report.log").read_text(encoding="utf-8")     # noted, not crashed


# --- a unit whose reports cannot be built ----------------------------------------------------

def small_run(tmp_path) -> Path:
    m = Mini(tmp_path)
    add_unit(m, "v", "第二单位")
    add_unit(m, "w", "第三单位")
    m.snap.close()
    run = tmp_path / "run"
    assert audit_run(run).errors == []
    return run


class RootRecords(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


def in_the_way(run: Path):
    """v's XLSX cannot be written: a folder stands where it goes."""
    (run / "reports" / "units" / "v.xlsx").unlink(missing_ok=True)
    (run / "reports" / "units" / "v.xlsx").mkdir(parents=True, exist_ok=True)


def unknown_severity(run: Path):
    """v's findings carry a severity the reports do not know (a snapshot from another version)."""
    db = sqlite3.connect(run / "snapshot.db")
    db.execute("update findings set severity = 'bogus' where unit = 'v'")
    db.commit()
    db.close()


@pytest.mark.parametrize("fault", [in_the_way, unknown_severity])
def test_a_unit_whose_reports_fail_is_an_error_line_and_the_others_get_theirs(tmp_path, fault):
    run = small_run(tmp_path)
    render_reports(run, screenshots=False)               # reports from before the fault, to be replaced
    fault(run)
    errors = []
    terminal = RootRecords()          # `zwgk run` has Scrapy's handler on the root logger, to stderr
    logging.getLogger().addHandler(terminal)
    try:
        index = render_reports(run, screenshots=False, errors=errors)
    finally:
        logging.getLogger().removeHandler(terminal)
    assert terminal.records == []     # the traceback went to report.log only
    assert len(errors) == 1 and errors[0].startswith("单位 v 的整改清单和证据包未能生成：")
    for unit in ("u", "w"):
        assert cells(run / "reports" / "units" / f"{unit}.xlsx")
        assert verify_pack(run / "reports" / "packs" / f"{unit}.zip") == []
    assert not (run / "reports" / "units" / "v.html").exists() and not (run / "reports" / "packs" / "v.zip").exists()
    assert "v.zip" not in (run / "reports" / "packs" / "SHA256SUMS").read_text()
    doc = Parsed(index.read_text(encoding="utf-8"))
    assert errors[0] in doc.text and "报告未能生成" in doc.text
    links = {a.get("href") for tag, a in doc.tags if tag == "a"}
    assert "units/u.html" in links and "units/w.html" in links
    assert not [link for link in links if link and "/v." in link]    # no link to a report that is not there
    assert "Traceback" in (run / "report.log").read_text(encoding="utf-8")
    assert cells(run / "reports" / "评分表.xlsx")                      # the score sheet still covers all


def test_a_unit_with_damaged_scores_is_left_out_of_the_dashboard_and_score_sheet_saying_so(tmp_path):
    run = small_run(tmp_path)
    db = sqlite3.connect(run / "snapshot.db")       # v's scores as a damaged or foreign snapshot has them
    db.execute("""update scores set detail = '{"unit_veto": {"by": "PRIV-001"}}' where unit = 'v'""")
    db.commit()
    db.close()
    errors = []
    index = render_reports(run, screenshots=False, errors=errors)
    assert [e.split("：")[0] for e in errors] == ["单位 v 的整改清单和证据包未能生成", "单位 v 未能列入评分表",
                                                   "单位 v 未能列入总览"]
    doc = Parsed(index.read_text(encoding="utf-8"))
    assert all(e in doc.text for e in errors)
    links = {a.get("href") for tag, a in doc.tags if tag == "a"}
    assert {"units/u.html", "units/w.html"} <= links and not [link for link in links if link and "/v." in link]
    assert "第三单位" in doc.text and "第二单位" not in doc.text            # v is in no table, only the errors
    sheet = cells(run / "reports" / "评分表.xlsx")
    assert {row[0] for row in sheet} == {"u", "w"} and [row[0] for row in sheet if row[2] == "合计"] == ["u", "w"]
    assert verify_pack(run / "reports" / "packs" / "w.zip") == []


def test_zwgk_report_says_what_failed_in_one_line_and_exits_1(tmp_path):
    run = small_run(tmp_path)
    in_the_way(run)
    proc = zwgk("report", str(run), "--no-screenshots")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr + proc.stdout
    (line,) = proc.stderr.splitlines()
    assert line.startswith("报告出错 1 处（已列在总览中）：单位 v 的整改清单和证据包未能生成：IsADirectoryError")
    assert line.endswith(f"（详见 {run / 'report.log'}）")
    assert proc.stdout.splitlines()[0] == f"报告：{run / 'reports' / 'index.html'}"
    shutil.rmtree(run / "reports" / "units" / "v.xlsx")               # the fault gone, all is well again
    proc = zwgk("report", str(run), "--no-screenshots")
    assert proc.returncode == 0 and proc.stderr == ""
    assert cells(run / "reports" / "units" / "v.xlsx") is not None
    assert "报告生成出错" not in (run / "reports" / "index.html").read_text(encoding="utf-8")


def test_zwgk_report_without_a_dashboard_exits_1_in_one_line(tmp_path):
    run = small_run(tmp_path)
    (run / "reports" / "index.html").mkdir(parents=True)
    proc = zwgk("report", str(run), "--no-screenshots")
    assert proc.returncode == 1 and proc.stdout == "" and "Traceback" not in proc.stderr
    (line,) = proc.stderr.splitlines()
    assert line.startswith("报告未能生成：IsADirectoryError") and line.endswith(f"（详见 {run / 'report.log'}）")
    assert "Traceback" in (run / "report.log").read_text(encoding="utf-8")


# --- the browser itself fails ----------------------------------------------------------------

def three_pages_run(tmp_path) -> tuple[Path, list[str]]:
    """One unit, three items whose findings (META-001) each show their own captured page."""
    m = Mini(tmp_path)
    urls = [f"http://xxgk.example.gov.cn/art/{name}.html" for name in ("a", "b", "c")]
    run = tmp_path / "run"
    with WarcCapture(run / "capture.warc.gz") as warc:
        for url in urls:
            m.item(url=url, publisher="")
            warc.record_response(url, 200, "OK", [("Content-Type", "text/html; charset=utf-8")],
                                 f"<html><body><h1>{url}</h1><p>正文</p></body></html>".encode())
    m.snap.close()
    assert audit_run(run).errors == []
    return run, urls


def screenshot_evidence(run: Path) -> dict[str, dict]:
    db = sqlite3.connect(run / "snapshot.db")
    try:
        return {url: json.loads(ev) for url, ev in db.execute(
            "select url, evidence from findings where rule = 'META-001'")}
    finally:
        db.close()


def test_no_browser_means_reports_without_pictures_and_an_error_line(tmp_path, monkeypatch):
    run, _ = three_pages_run(tmp_path)
    monkeypatch.setattr(evidence.shutil, "which", lambda name: str(tmp_path / "no-such-chromium"))
    errors = []
    index = render_reports(run, screenshots=True, errors=errors)
    assert len(errors) == 1 and errors[0].startswith("证据截图未能生成：")
    assert errors[0] in Parsed(index.read_text(encoding="utf-8")).text
    assert verify_pack(run / "reports" / "packs" / "u.zip") == [] and cells(run / "reports" / "units" / "u.xlsx")
    assert not any("screenshot" in ev for ev in screenshot_evidence(run).values())


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (read from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def chromium_browsers() -> list[int]:
    """This test's Chromium browser processes (not their renderers or helpers)."""
    found = []
    for pid in descendants(os.getpid()):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()   # Chromium's children rewrite theirs
        except OSError:
            continue
        if b"chrom" in cmd.split(b"\0")[0].split(b" ")[0].rsplit(b"/", 1)[-1] and b"--type=" not in cmd:
            found.append(pid)
    return found


@pytest.mark.browser
@pytest.mark.timeout(180)
def test_a_hung_chromium_is_replaced_and_the_next_page_is_taken(tmp_path, monkeypatch):
    monkeypatch.setattr(evidence, "PAGE_SECONDS", 3)
    monkeypatch.setattr(evidence, "CLOSE_SECONDS", 2)
    run, urls = three_pages_run(tmp_path)
    real_render, stopped = evidence._render, []

    async def render_hanging_on_b(page, url, needle, path):
        if url == urls[1]:                          # the browser process stops answering, as a hung one does
            stopped.extend(chromium_browsers())
            for pid in stopped:
                os.kill(pid, signal.SIGSTOP)
        return await real_render(page, url, needle, path)

    monkeypatch.setattr(evidence, "_render", render_hanging_on_b)
    try:
        started = time.monotonic()
        errors = []
        render_reports(run, screenshots=True, errors=errors)
        assert time.monotonic() - started < 90 and errors == []
    finally:
        left = [pid for pid in stopped if Path(f"/proc/{pid}").exists()]
        for pid in left:                            # whatever is left of the browser this test stopped
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    assert len(stopped) == 1 and left == []         # the hung browser did not outlive the report stage
    shots = screenshot_evidence(run)
    assert shots[urls[1]].get("screenshot_error") == "截图超时"
    for url in (urls[0], urls[2]):                  # before the hang, and after it in a new browser
        assert (run / "evidence" / shots[url]["screenshot"]).stat().st_size > 1000, url


@pytest.mark.browser
@pytest.mark.timeout(180)
def test_what_a_page_opens_ends_with_its_screenshot(tmp_path, monkeypatch):
    """A page opens a popup that reloads itself for ever; once the page's screenshot is taken no
    request of the popup reaches the capture any more (its context was closed with it)."""
    run, urls = three_pages_run(tmp_path)
    popup = "http://xxgk.example.gov.cn/art/popup.html"
    with WarcCapture(run / "capture.warc.gz") as warc:     # appended: the last record of a is the opener
        warc.record_response(popup, 200, "OK", [("Content-Type", "text/html")],
                             b"<p>popup</p><script>setTimeout(() => location.reload(), 20)</script>")
        warc.record_response(urls[0], 200, "OK", [("Content-Type", "text/html")],
                             f"<h1>{urls[0]}</h1><script>window.open('{popup}')</script>".encode())
    asked, jobs = [], {}
    real_read, real_shoot = evidence.read_response, evidence._shoot

    def read(stream, ref):
        asked.append((time.monotonic(), ref.offset))
        return real_read(stream, ref)

    async def shoot(browser, answer, url, needle, path):
        started = time.monotonic()
        try:
            return await real_shoot(browser, answer, url, needle, path)
        finally:
            jobs[url] = (started, time.monotonic())

    monkeypatch.setattr(evidence, "read_response", read)
    monkeypatch.setattr(evidence, "_shoot", shoot)
    render_reports(run, screenshots=True)
    popup_offset = index_records(run / "capture.warc.gz")[popup][-1].offset
    reloads = [t for t, offset in asked if offset == popup_offset]
    opened, closed = jobs[urls[0]]
    assert len([t for t in reloads if opened < t < closed]) >= 3        # the popup did open and reload
    assert [t for t in reloads if t > closed + 0.2] == []               # and ended with its opener
    assert jobs[urls[2]][1] > closed + 0.5                              # while other pages were taken
    shots = screenshot_evidence(run)
    assert all("screenshot" in shots[url] for url in urls)
