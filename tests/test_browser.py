"""Pages that need JavaScript, opened in real Chromium (Debian's, driven by Playwright)."""
from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import sync_playwright

from conftest import fetch

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(locale="zh-CN")
        yield context.new_page()
        context.close()
        browser.close()


def jsapp_columns(world):
    view = next(v for v in world.views.values() if v.spec.template == "jsapp" and not v.spec.down)
    cols = [c for c in view.unit.columns() if c.is_leaf and c.kind not in ("page",) and c.items]
    return view, cols


def test_json_api_lists_are_empty_without_javascript_and_filled_in_chromium(world, page):
    view, cols = jsapp_columns(world)
    col = max(cols, key=lambda c: len(c.items))
    url = view.column_url(col)
    raw = fetch(url).text()
    assert re.search(r'<ul id="list"[^>]*></ul>', raw)           # nothing without JavaScript
    assert col.items[0].title not in raw
    page.goto(url)
    page.wait_for_selector("#list li a")
    titles = page.locator("#list li a").all_inner_texts()
    assert titles[: len(titles)] == [i.title for i in col.items[: len(titles)]]
    assert len(titles) == min(len(col.items), view.page_size)
    if len(col.items) > view.page_size:                          # the pager is drawn by the script
        page.click("#pager a[data-page='2']")
        page.wait_for_function("document.querySelector('#list li a').textContent !== %r" % titles[0])
        assert page.locator("#list li a").first.inner_text() == col.items[view.page_size].title


def test_json_search_results_show_highlighted_hits(world, page):
    view, cols = jsapp_columns(world)
    item = next(i for c in cols for i in c.items if not i.flags.get("search_excluded"))
    page.goto(view.search_url(view.unit, item.title))
    page.wait_for_selector("#list li a em")
    assert item.title in page.locator("#list li a").all_inner_texts()


def test_static_pager_is_drawn_from_script_counts(world, page):
    view = next(v for v in world.views.values() if v.spec.template == "static" and not v.spec.down)
    col = max((c for c in view.unit.columns() if c.is_leaf), key=lambda c: len(c.items))
    assert len(col.items) > view.page_size
    url = view.column_url(col)
    assert "index_1.html" not in fetch(url).text(view.encoding)   # no link to page 2 in the HTML
    page.goto(url)
    assert page.locator(".page a", has_text="2").get_attribute("href") == "index_1.html"


def test_platform_view_lists_load_as_fragments(world, page):
    view = next(v for v in world.views.values() if v.spec.template == "platform" and len(v.units) > 1)
    unit = view.units[0]
    dim, _, code, _, items = next(v for v in view.views(unit) if v[4])
    url = view.view_url(unit, dim, code)
    assert items[0].title not in fetch(url).text()
    page.goto(url)
    page.wait_for_selector("#infoList a")
    assert page.locator("#infoList a").first.inner_text() == view.view_title(items[0])
