"""Evidence: a screenshot of the page behind each finding, replayed from the run's own WARC capture
(never the live site, so the picture shows what was audited), with the offending element outlined;
and the SHA-256 of every evidence file.

Replay is offline: every request of the page is answered from capture.warc.gz or refused, so a
crawled page's scripts can draw it but cannot reach anything.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
import shutil
from pathlib import Path

from crawler.warc import read_response

logger = logging.getLogger(__name__)

PAGE_SECONDS = 20        # one page's whole turn in the browser: load, outline, screenshot
CLOSE_SECONDS = 5        # opening or closing a page, closing the browser
SHOT_TIMEOUT = "截图超时"   # recorded on a finding's evidence (screenshot_error) instead of a picture
SHOT_FAILED = "截图失败"
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
    """url → RecordRef of its last captured response that a browser can be answered with (one
    with an HTTP status: not a resource record or a response cut before its headers)."""
    out = {}
    for url, refs in records.items():
        responses = [r for r in refs if r.rec_type == "response" and r.status is not None]
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
    """Screenshots for the findings that have a captured page: fingerprint → evidence fields, either
    {screenshot, screenshot_sha256, screenshot_of, highlighted} or {screenshot_error, screenshot_of}.

    `records` is the capture's index (crawler.warc.index_records); bodies are read as the browser
    asks for them. Files go to RUN_DIR/evidence/<fingerprint>.png; findings that show the same
    place share a file. A page gets PAGE_SECONDS for everything (load, outline, screenshot); one
    that overruns (a script that never yields) is closed and noted as 截图超时, and the next page
    is taken in a fresh browser if the old one will not close."""
    capture = last_responses(records)
    html = {u for u, ref in capture.items() if ref.status < 400 and "html" in ref.content_type.lower()}
    jobs = {}
    for f in findings:
        t = target(f, html)
        if t:
            jobs.setdefault(t, []).append(f["fingerprint"])
    out_dir = run_dir / "evidence"
    out_dir.mkdir(exist_ok=True)
    if not jobs:
        return {}
    with open(run_dir / "capture.warc.gz", "rb") as stream:
        return asyncio.run(_shoot_all(jobs, capture, stream, out_dir))


async def _shoot_all(jobs: dict, capture: dict, stream, out_dir: Path) -> dict[str, dict]:
    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import async_playwright

    async def answer(route):
        """Every request is answered from the capture or refused; nothing reaches the network."""
        try:
            ref = capture.get(route.request.url)
            got = read_response(stream, ref) if ref else None
            if got is None:
                await route.abort()
                return
            status, headers, body = got
            keep = {k: v for k, v in headers if k.lower() in ("content-type",)}
            await route.fulfill(status=status, headers=keep, body=body)
        except PlaywrightError:          # the page went away while it was being answered
            pass
        except Exception as exc:         # an unreadable record is refused, like one not captured
            logger.warning("cannot replay %s: %s: %s", route.request.url, type(exc).__name__, exc)
            await _quietly(route.abort())

    results: dict[str, dict] = {}
    async with async_playwright() as p:
        browser = None
        try:
            for (url, needle), prints in jobs.items():
                if browser is None:
                    browser = await p.chromium.launch(
                        executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                        args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
                fields, fit = await _shoot(browser, answer, url, needle or "", out_dir / f"{prints[0]}.png")
                for fp in prints:
                    results[fp] = {**fields, "screenshot_of": url}
                if not fit:              # the browser itself stopped answering: start a new one
                    await _quietly(browser.close())
                    browser = None
        finally:
            if browser is not None:
                await _quietly(browser.close())
    return results


async def _shoot(browser, answer, url: str, needle: str, path: Path) -> tuple[dict, bool]:
    """(evidence fields, whether the browser is fit for the next page) of one screenshot, taken
    in a context of its own, so that closing it ends whatever the page started (popups among them)."""
    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import TimeoutError as PlaywrightTimeout
    context = None
    try:
        context = await asyncio.wait_for(browser.new_context(
            viewport={"width": 1280, "height": 900}, service_workers="block"), CLOSE_SECONDS)
        await asyncio.wait_for(context.route("**/*", answer), CLOSE_SECONDS)
        page = await asyncio.wait_for(context.new_page(), CLOSE_SECONDS)
    except (TimeoutError, PlaywrightError) as exc:
        logger.warning("no page for %s: %s", url, exc)
        if context is not None:
            await _quietly(context.close())
        return {"screenshot_error": SHOT_FAILED}, False
    try:
        marked = await asyncio.wait_for(_render(page, url, needle, path), PAGE_SECONDS)
        fields = {"screenshot": path.name, "screenshot_sha256": sha256(path), "highlighted": bool(marked)}
    except (TimeoutError, PlaywrightTimeout):
        logger.warning("screenshot of %s overran %s s: page closed", url, PAGE_SECONDS)
        fields = {"screenshot_error": SHOT_TIMEOUT}
    except PlaywrightError as exc:
        logger.warning("screenshot of %s failed: %s", url, exc)
        fields = {"screenshot_error": SHOT_FAILED}
    if "screenshot_error" in fields:
        path.unlink(missing_ok=True)
    # closing the context ends its pages' renderers, busy or not; a browser that cannot even do
    # that is hung
    fit = await _quietly(context.close(), CLOSE_SECONDS)
    return fields, fit


async def _render(page, url: str, needle: str, path: Path) -> bool:
    """Load the page, outline the needle, take the screenshot; whether the needle was found."""
    ms = PAGE_SECONDS * 1000
    await page.goto(url, wait_until="load", timeout=ms)
    await page.wait_for_timeout(150)
    marked = await page.evaluate(HIGHLIGHT_JS, needle)
    await page.screenshot(path=str(path), timeout=ms)
    return marked


async def _quietly(action, seconds: float | None = None) -> bool:
    """Await a clean-up step (close, abort) within `seconds`; whether it finished without error."""
    from playwright.async_api import Error as PlaywrightError
    try:
        await asyncio.wait_for(action, seconds or CLOSE_SECONDS)
        return True
    except (TimeoutError, PlaywrightError):
        return False


def write_manifest(folder: Path, files: list[Path], path: Path) -> Path:
    """manifest.json: every evidence file (relative to `folder`) with its SHA-256 and size."""
    entries = {str(f.relative_to(folder)): {"sha256": sha256(f), "bytes": f.stat().st_size} for f in sorted(files)}
    path.write_text(json.dumps({"algorithm": "sha256", "files": entries}, ensure_ascii=False, indent=1),
                    encoding="utf-8")
    return path
