"""Evidence: a screenshot of the page behind each finding, replayed from the run's own WARC capture
(never the live site, so the picture shows what was audited), with the offending element outlined;
and the SHA-256 of every evidence file.

Replay is offline: every request of the page is answered from capture.warc.gz or refused, so a
crawled page's scripts can draw it but cannot reach anything.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
from pathlib import Path

from crawler.warc import read_response

logger = logging.getLogger(__name__)

QUOTED = re.compile(r"“([^”]{2,60})”")
HIGHLIGHT_JS = """(needle) => {
  if (!needle) return false;
  const norm = s => (s || '').replace(/\\s+/g, '');
  const want = norm(needle);
  let best = null;
  for (const el of document.body ? document.body.querySelectorAll('*') : []) {
    if (['SCRIPT', 'STYLE', 'HTML', 'BODY'].includes(el.tagName)) continue;
    const text = norm(el.textContent) + norm(el.getAttribute('title')) + norm(el.getAttribute('href'));
    if (text.includes(want) && (!best || best.contains(el))) best = el;
  }
  if (!best) return false;
  best.style.outline = '4px solid #e00';
  best.style.outlineOffset = '2px';
  best.style.background = 'rgba(255, 230, 0, 0.35)';
  best.scrollIntoView({block: 'center'});
  return true;
}"""


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def last_responses(records: dict) -> dict:
    """url → RecordRef of its last captured response."""
    out = {}
    for url, refs in records.items():
        responses = [r for r in refs if r.rec_type == "response"]
        if responses:
            out[url] = responses[-1]
    return out


def target(finding: dict, html_urls: set[str]) -> tuple[str, str] | None:
    """(page to show, text to outline) for a finding, or None when no captured page shows it."""
    ev = finding["evidence"] or {}
    message = finding["message"].split("。要求")[0]
    quoted = QUOTED.findall(message)
    if ev.get("from_url") in html_urls:                       # a link: the page that carries it
        return ev["from_url"], ev.get("anchor") or finding["url"]
    for key in ("shown_at", "feedback_url"):
        if ev.get(key) in html_urls:
            return ev[key], quoted[0] if quoted else ""
    if finding["url"] in html_urls:
        needle = quoted[0] if quoted else (finding["column_path"] or "").split(" > ")[-1]
        if finding["rule"] in ("PRIV-001", "PRIV-002", "PRIV-003") or finding["rule"].startswith("META"):
            needle = finding["index_no"] or needle
        return finding["url"], needle
    return None


def take_screenshots(run_dir: Path, findings: list[dict], records: dict) -> dict[str, dict]:
    """Screenshots for the findings that have a captured page: fingerprint → {screenshot, screenshot_sha256}.

    `records` is the capture's index (crawler.warc.index_records); bodies are read as the browser
    asks for them. Files go to RUN_DIR/evidence/<fingerprint>.png; findings that show the same
    place share a file."""
    capture = last_responses(records)
    html = {u for u, ref in capture.items() if ref.status < 400 and "html" in ref.content_type.lower()}
    jobs = {}
    for f in findings:
        t = target(f, html)
        if t:
            jobs.setdefault(t, []).append(f["fingerprint"])
    out_dir = run_dir / "evidence"
    out_dir.mkdir(exist_ok=True)
    results: dict[str, dict] = {}
    if not jobs:
        return results
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    stream = open(run_dir / "capture.warc.gz", "rb")

    def answer(route):
        ref = capture.get(route.request.url)
        if ref is None:
            return route.abort()
        status, headers, body = read_response(stream, ref)
        keep = {k: v for k, v in headers if k.lower() in ("content-type",)}
        return route.fulfill(status=status, headers=keep, body=body)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
            context.route("**/*", answer)
            for (url, needle), prints in jobs.items():
                name = f"{prints[0]}.png"
                page = context.new_page()
                try:
                    page.goto(url, wait_until="load", timeout=15_000)
                    page.wait_for_timeout(150)
                    marked = page.evaluate(HIGHLIGHT_JS, needle or "")
                    page.screenshot(path=str(out_dir / name), timeout=15_000)
                except PlaywrightError as exc:
                    logger.warning("screenshot of %s failed: %s", url, exc)
                    continue
                finally:
                    page.close()
                digest = sha256(out_dir / name)
                for fp in prints:
                    results[fp] = {"screenshot": name, "screenshot_sha256": digest, "screenshot_of": url,
                                   "highlighted": bool(marked)}
        finally:
            browser.close()
            stream.close()
    return results


def write_manifest(folder: Path, files: list[Path], path: Path) -> Path:
    """manifest.json: every evidence file (relative to `folder`) with its SHA-256 and size."""
    entries = {str(f.relative_to(folder)): {"sha256": sha256(f), "bytes": f.stat().st_size} for f in sorted(files)}
    path.write_text(json.dumps({"algorithm": "sha256", "files": entries}, ensure_ascii=False, indent=1),
                    encoding="utf-8")
    return path
