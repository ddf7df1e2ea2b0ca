"""Reports end to end: `zwgk demo` on the bundled world, its XLSX and HTML opened and checked against
the findings, evidence packs verified and tampered with; and hostile crawled text rendered safely.

The demo and Chromium tests are marked `browser`; the safety of the files themselves (escaped HTML,
the Content-Security-Policy, no formula cells) and pack verification are checked on hand-made
snapshots without a browser, so they run wherever the tests run."""
from __future__ import annotations

import hashlib
import html as html_lib
import json
import re
import sqlite3
import subprocess
import sys
import zipfile
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from checks.engine import audit_run
from crawler.warc import WarcCapture
from reports.packs import verify_pack
from reports.render import render_reports
from tests.minisnap import DISCLOSURE, Mini


def zwgk(*args, timeout=900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zwgk.cli", *args], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    proc = zwgk("demo", "--out", str(out))
    assert proc.returncode == 0, proc.stderr[-3000:]
    (run_dir,) = list(out.iterdir())
    assert str(run_dir / "reports" / "index.html") in proc.stdout
    db = sqlite3.connect(run_dir / "snapshot.db")
    db.row_factory = sqlite3.Row
    yield run_dir, db
    db.close()


def open_in_chromium(path, viewport=(1280, 900)):
    """(rows per table, whether any script ran, dialogs seen) of a local HTML file in Chromium."""
    import shutil
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                    args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_timeout(300)
        rows = page.evaluate("() => [...document.querySelectorAll('table')].map(t => t.tBodies[0] ? t.tBodies[0].rows.length : 0)")
        ran = page.evaluate("() => window.__xss === true || document.title.startsWith('XSS')")
        links = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
        broken_images = page.evaluate("() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0).length")
        browser.close()
    return rows, ran, dialogs, links, broken_images, requests


@pytest.mark.browser
def test_rectification_lists_match_the_findings(demo):
    run_dir, db = demo
    units = [r["id"] for r in db.execute("select id from units")]
    for unit in units:
        findings = [dict(r) for r in db.execute("select * from findings where unit = ? order by id", [unit])]
        ws = load_workbook(run_dir / "reports" / "units" / f"{unit}.xlsx").active
        header = [c.value for c in ws[1]]
        assert header == ["序号", "问题类别", "规则编号", "对应指标", "严重程度", "栏目", "问题描述", "证据", "发现时间",
                          "整改要求", "整改时限"]
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
        assert ws.column_dimensions["G"].width >= 40
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        assert len(rows) == len(findings)
        assert sorted(r[2] for r in rows) == sorted(f["rule"] for f in findings)
        severities = [r[4] for r in rows]
        assert severities == sorted(severities, key=["单项否决", "严重", "一般", "提示"].index)   # veto first
        html_rows, ran, dialogs, _, broken, _ = open_in_chromium(run_dir / "reports" / "units" / f"{unit}.html")
        assert html_rows[0] == len(findings) and not ran and not dialogs and broken == 0
    shots = [json.loads(r["evidence"]).get("screenshot") for r in db.execute("select evidence from findings")]
    assert sum(1 for s in shots if s) >= 0.6 * len(shots)         # most findings have a page to show
    manifest = json.loads((run_dir / "evidence" / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert {s for s in shots if s} <= set(manifest)


@pytest.mark.browser
def test_dashboard_and_score_sheet(demo):
    run_dir, db = demo
    rows, ran, dialogs, links, broken, requests = open_in_chromium(run_dir / "reports" / "index.html")
    n_units = db.execute("select count(*) from units").fetchone()[0]
    assert rows[0] == n_units and not ran and not dialogs
    assert all((run_dir / "reports" / link).exists() for link in links if not link.startswith("http"))
    assert all(r.startswith("file:") for r in requests)            # opens offline: nothing fetched
    html = (run_dir / "reports" / "index.html").read_text(encoding="utf-8")
    assert "<svg" in html and "Content-Security-Policy" in html and "<script" not in html
    ws = load_workbook(run_dir / "reports" / "评分表.xlsx").active
    data = list(ws.iter_rows(min_row=2, values_only=True))
    scores = db.execute("select count(*) from scores").fetchone()[0]
    assert len(data) == scores + n_units                             # indicators + one total per unit
    assert all(r[8] is None or 0 <= r[8] <= 1 for r in data)
    # a unit whose sites are down scores nothing it was not checked for: never the best 得分率
    from demo_sites.world import DOWN_UNITS
    totals = {r[0]: r for r in data if r[2] == "合计"}
    for down in DOWN_UNITS:
        assert totals[down][8] == min(t[8] for t in totals.values()) and "未能检测" in totals[down][11]
        assert all(r[11] == "未能检测" for r in data if r[0] == down and r[2] != "合计" and not r[9])
    assert "未能检测" in html and "不完整列表" in html and "列表分页（声明/抓取）" in html


@pytest.mark.browser
def test_report_renders_a_stored_run_again(demo):
    run_dir, _ = demo
    index = run_dir / "reports" / "index.html"
    index.unlink()
    (run_dir / "reports" / "units" / "gjj.xlsx").unlink()
    proc = zwgk("report", str(run_dir), "--no-screenshots")
    assert proc.returncode == 0 and str(index) in proc.stdout
    assert index.exists() and (run_dir / "reports" / "units" / "gjj.xlsx").exists()
    assert zwgk("report", str(run_dir / "nope")).returncode == 2


@pytest.mark.browser
def test_packs_verify_and_name_a_changed_file(demo, tmp_path):
    run_dir, _ = demo
    pack = run_dir / "reports" / "packs" / "qinglan.zip"
    assert zwgk("verify", str(pack)).returncode == 0
    with zipfile.ZipFile(pack) as zf:
        names = zf.namelist()
        assert {"整改清单.xlsx", "整改清单.html", "manifest.json", "pages.warc.gz"} <= set(names)
        shot = next(n for n in names if n.startswith("evidence/"))
        tampered = tmp_path / "tampered.zip"
        with zipfile.ZipFile(tampered, "w") as out:
            for n in names:
                data = zf.read(n)
                out.writestr(n, data[:-1] + bytes([data[-1] ^ 1]) if n == shot else data)   # one bit
        recorded = json.loads(zf.read("manifest.json"))["files"][shot]["sha256"]
        shot_bytes = zf.read(shot)
        now = hashlib.sha256(shot_bytes[:-1] + bytes([shot_bytes[-1] ^ 1])).hexdigest()
    proc = zwgk("verify", str(tampered))
    expected = [f"文件已被修改：{shot}（SHA-256 应为 {recorded[:16]}…，实为 {now[:16]}…）"]
    # after the lines on the pack's own hash and its signature
    assert proc.returncode == 1 and proc.stdout.splitlines()[-2:] == [*expected, f"校验未通过：{tampered}"]
    assert verify_pack(tampered) == expected


HOSTILE = ('<script>window.__xss = true; document.title = "XSS";</script>'
           '<img src="x" onerror="window.__xss = true; alert(1)">')


class Parsed(HTMLParser):
    """The tags (with attributes) and the text of an HTML document, as a browser would see them."""

    def __init__(self, html: str):
        super().__init__()
        self.tags, self._text = [], []
        self.feed(html)
        self.close()
        self.text = "".join(self._text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self._text.append(data)


def hostile_run(tmp_path, screenshots: bool = False):
    """A run whose crawled text is hostile HTML and spreadsheet formulas, audited and rendered:
    (index.html, the unit's 整改清单 HTML, its XLSX, the item's column path)."""
    m = Mini(tmp_path)
    url = "http://xxgk.example.gov.cn/art/evil.html"
    title = f"关于{HOSTILE}的通知"
    m.item(url=url, title=title, publisher="", body=f"正文 {HOSTILE}", column_path=f"政策文件{HOSTILE}")
    formula = '=HYPERLINK("http://evil.example/","点我")'
    m.item(publisher="", column_path=formula)
    m.add("links", from_url=url, to_url="javascript:alert(1)//.gov.cn", anchor=f"点我{HOSTILE}", kind="internal")
    m.fetch("javascript:alert(1)//.gov.cn", 404)
    page = f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>索引号：x</p>{HOSTILE}</body></html>"
    with WarcCapture(tmp_path / "run" / "capture.warc.gz") as warc:
        warc.record_response(url, 200, "OK", [("Content-Type", "text/html; charset=utf-8")], page.encode())
        warc.record_response(DISCLOSURE, 200, "OK", [("Content-Type", "text/html")], b"<html></html>")
    m.snap.close()
    result = audit_run(tmp_path / "run")
    assert result.errors == []
    assert any(HOSTILE in f["message"] for f in result.findings)          # the text is kept, verbatim
    assert any(f["column_path"] == formula for f in result.findings)
    index = render_reports(tmp_path / "run", screenshots=screenshots)
    units = tmp_path / "run" / "reports" / "units"
    return index, units / "u.html", units / "u.xlsx", formula


def test_hostile_crawled_text_is_escaped_in_html_reports(tmp_path):
    index, unit_html, _, _ = hostile_run(tmp_path)
    with zipfile.ZipFile(index.parent / "packs" / "u.zip") as zf:
        packed = zf.read("整改清单.html").decode("utf-8")
    for name, html in (("index", index.read_text(encoding="utf-8")), ("unit", unit_html.read_text(encoding="utf-8")),
                       ("pack", packed)):
        doc = Parsed(html)
        assert not [tag for tag, _ in doc.tags if tag in ("script", "img", "iframe", "object")], name
        assert not [(tag, a) for tag, attrs in doc.tags for a in attrs if a.startswith("on")], name
        assert not [v for _, attrs in doc.tags for k, v in attrs.items()
                    if k in ("href", "src") and (v or "").strip().lower().startswith("javascript")], name
        if name != "index":
            assert HOSTILE in doc.text, name                             # shown as text, verbatim


def test_every_html_report_locks_down_scripts_with_a_csp(tmp_path):
    index, unit_html, _, _ = hostile_run(tmp_path)
    with zipfile.ZipFile(index.parent / "packs" / "u.zip") as zf:
        packed = zf.read("整改清单.html").decode("utf-8")
    for name, html in (("index", index.read_text(encoding="utf-8")), ("unit", unit_html.read_text(encoding="utf-8")),
                       ("pack", packed)):
        head = html[:html.index("</head>")]
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
        assert meta, name
        assert head.index(meta.group(0)) < head.index("<title>"), name   # in force before any crawled text
        text = html_lib.unescape(meta.group(1))                          # as the browser reads the attribute
        policy = {d.split()[0]: d.split()[1:] for d in text.split(";") if d.strip()}
        assert policy["default-src"] == ["'none'"], name                # no script-src: scripts fall back to none
        assert "script-src" not in policy and "script-src-elem" not in policy and "connect-src" not in policy, name
        assert policy["base-uri"] == ["'none'"] and policy["form-action"] == ["'none'"], name
        assert not any("'unsafe-eval'" in v or "*" in v for v in policy.values()), name


def test_formula_like_crawled_text_is_never_a_formula_in_xlsx(tmp_path):
    _, _, xlsx, formula = hostile_run(tmp_path)
    ws = load_workbook(xlsx).active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert not [c.value for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))]
    column = [row[5] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert "'" + formula in column                                       # kept as text, one quote before it


def test_pack_verify_names_each_changed_missing_and_extra_file(tmp_path):
    index, _, _, _ = hostile_run(tmp_path)
    pack = index.parent / "packs" / "u.zip"
    assert verify_pack(pack) == []
    with zipfile.ZipFile(pack) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))["files"]
        assert set(names) == {*manifest, "manifest.json"} >= {"整改清单.xlsx", "整改清单.html", "pages.warc.gz"}
        tampered = tmp_path / "tampered.zip"
        with zipfile.ZipFile(tampered, "w") as out:
            for n in names:
                data = zf.read(n)
                if n == "整改清单.html":
                    changed = data.replace("整改".encode(), "已改".encode(), 1)
                    out.writestr(n, changed)
                elif n != "pages.warc.gz":                          # dropped
                    out.writestr(n, data)
            out.writestr("evidence/extra.png", b"not recorded")      # added
    now = hashlib.sha256(changed).hexdigest()
    assert sorted(verify_pack(tampered)) == sorted([
        f"文件已被修改：整改清单.html（SHA-256 应为 {manifest['整改清单.html']['sha256'][:16]}…，实为 {now[:16]}…）",
        "缺少文件：pages.warc.gz",
        "多出未登记的文件：evidence/extra.png"])
    proc = zwgk("verify", str(tampered), timeout=120)
    assert proc.returncode == 1 and proc.stdout.splitlines()[-1] == f"校验未通过：{tampered}"
    assert zwgk("verify", str(pack), timeout=120).returncode == 0


@pytest.mark.browser
def test_hostile_crawled_text_never_runs_in_chromium(tmp_path):
    index, unit_html, _, _ = hostile_run(tmp_path, screenshots=True)
    for path in (index, unit_html):
        _, ran, dialogs, links, _, _ = open_in_chromium(path)
        assert not ran and not dialogs
        assert not [link for link in links if link.lower().startswith("javascript")]
