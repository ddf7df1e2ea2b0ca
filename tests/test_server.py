"""The served world over real HTTP on loopback: every page, every host, every truth locator."""
from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import urllib.error
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

import demo_sites
from demo_sites.server import free_port, wait_until_up

from conftest import fetch, served_hosts


@pytest.fixture(scope="module")
def pages(world):
    """Every sitemap URL fetched once over HTTP: url → Fetched."""
    urls = list(demo_sites.sitemap(world))
    with ThreadPoolExecutor(8) as pool:
        return dict(zip(urls, pool.map(fetch, urls)))


def test_every_sitemap_page_is_served(pages):
    bad = {u: f.status for u, f in pages.items() if f.status != 200}
    assert not bad
    assert len(pages) > 1500


def test_server_answers_on_every_host(world):
    for spec in world.sites:
        if spec.down:
            with pytest.raises(urllib.error.URLError):
                fetch(f"http://{spec.host}:{world.port}/", timeout=3)
        else:
            resp = fetch(f"http://{spec.host}:{world.port}/robots.txt")
            assert resp.status == 200 and b"User-agent" in resp.body


def test_unknown_pages_are_404_except_on_soft_404_sites(world):
    soft = {world.unit(e["unit"]).portal.host for e in world.truth if e["rule"] == "LINK-004"}
    for host in served_hosts(world):
        resp = fetch(f"http://{host}:{world.port}/no/such/page-{host}.html")
        if host in soft:
            assert resp.status == 200 and "页面不存在" in resp.text(world.site_at(host).encoding)
        elif world.site_at(host).template != "waf":
            assert resp.status == 404, host


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in ("href", "src", "data-label", "data-api", "action"):
                self.links.append(value)


def test_internal_links_resolve_except_the_seeded_broken_ones(world, pages):
    """Every same-world link on every page is in the sitemap, or is a seeded defect, or needs JS/a form."""
    hosts = set(served_hosts(world))
    served = set(pages)
    broken = {e["url"] for e in world.truth if e["rule"] in ("LINK-001", "LINK-002", "LINK-003", "MEDIA-002")}
    unexplained = set()
    for url, resp in pages.items():
        if "html" not in resp.headers.get("Content-Type", ""):
            continue
        enc = world.site_at(urlsplit(url).hostname).encoding
        parser = Links()
        parser.feed(resp.body.decode(enc, errors="replace"))
        for link in parser.links:
            target = urljoin(url, link).split("#")[0]
            parts = urlsplit(target)
            if parts.hostname not in hosts or parts.path.endswith((".css",)) or not parts.path:
                continue
            if target in served or target in broken:
                continue
            if re.search(r"/(was5/web/search|public/search|search\.html|api/)", parts.path):
                continue   # forms and script endpoints take parameters
            if parts.path.startswith("/api/list") or "data:" in link:
                continue
            unexplained.add((url, target))
    assert not unexplained, sorted(unexplained)[:10]


def test_gbk_sites_send_valid_gbk(world, pages):
    gbk_hosts = {s.host for s in world.sites if s.encoding == "gbk" and not s.down}
    assert gbk_hosts
    checked = 0
    for url, resp in pages.items():
        if urlsplit(url).hostname in gbk_hosts and resp.headers["Content-Type"].startswith("text/html"):
            assert "charset=gbk" in resp.headers["Content-Type"]
            text = resp.body.decode("gbk")   # strict: raises on invalid GBK
            assert re.search(r"[\u4e00-\u9fff]", text)
            with pytest.raises(UnicodeDecodeError):
                resp.body.decode("utf-8")
            checked += 1
    assert checked > 50


def test_one_page_declares_the_wrong_charset(world, pages):
    liars = [(u, r) for u, r in pages.items()
             if r.headers.get("Content-Type") == "text/html" and b"charset=gb2312" in r.body
             and urlsplit(u).hostname not in {s.host for s in world.sites if s.encoding == "gbk"}]
    assert len(liars) == 1
    url, resp = liars[0]
    title = resp.body.decode("utf-8")    # the bytes are UTF-8, whatever the meta tag says
    assert re.search(r"<h1>[\u4e00-\u9fff]", title)


def test_truth_locators_exist_or_are_the_broken_thing_they_claim(world):
    broken_rules = {"LINK-001", "LINK-002", "MEDIA-002"}
    for e in world.truth:
        rule, url = e["rule"], e["url"]
        if rule == "AVAIL-001":
            if urlsplit(url).hostname in {s.host for s in world.sites if s.down}:
                with pytest.raises(urllib.error.URLError):
                    fetch(url, timeout=3)
            else:
                assert {fetch(url).status for _ in range(8)} == {200, 503}, e
            continue
        if rule == "LINK-003":
            try:
                status = fetch(url, timeout=3).status
            except urllib.error.URLError:
                status = None
            assert (status == 403) if e.get("decoy") else (status in (None, 404)), e
            continue
        if rule == "LINK-004":   # the claim is about missing pages, not the home
            missing = fetch(urljoin(url, "/surely/missing-page.html"))
            assert missing.status == 200 and "页面不存在" in missing.body.decode(
                world.site_at(urlsplit(url).hostname).encoding), e
            continue
        resp = fetch(url)
        if rule in broken_rules and not e.get("decoy"):
            assert resp.status == 404, e
            continue
        if rule == "SRCH-001" and "500" not in e["note"]:
            # no search entry on the site, and the platform's search path is not there either
            assert b"<form" not in resp.body and b"search" not in resp.body, e
            assert fetch(urljoin(url, "/was5/web/search?searchword=x")).status == 404
            continue
        expected = 500 if rule == "SRCH-001" else 200
        assert resp.status == expected, e
        enc = world.site_at(urlsplit(url).hostname).encoding
        text = resp.body.decode(enc, errors="replace") if "html" in resp.headers["Content-Type"] else ""
        if e["index_no"] and "html" in resp.headers["Content-Type"]:
            assert e["index_no"] in text, e
        unit = world.unit(e["unit"])
        home = world.views[unit.disclosure.host].home_url(unit)
        if url == home and e["column"] and not e.get("decoy"):
            assert f">{e['column']}<" not in text, e     # the required column is really missing
        elif e["column"] and not e["index_no"] and rule != "REPORT-001":
            assert e["column"].split(" > ")[-1] in text, e


def test_serve_prints_sites_and_stops_cleanly_on_sigterm(world):
    port = free_port(served_hosts(world))
    proc = subprocess.Popen([sys.executable, "-m", "demo_sites", "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = [proc.stdout.readline().split() for _ in range(4)]
        assert lines[0][:2] == ["qinglan", "portal"] and lines[1][:2] == ["qinglan", "disclosure"]
        assert all(line[2].startswith("http://127.0.0.") for line in lines)
        wait_until_up("127.0.0.3", port)
        assert fetch(lines[1][2]).status == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        rest, _ = proc.communicate(timeout=15)
    assert proc.returncode == 0
    kinds = {line.split()[1] for line in rest.splitlines() if line}
    assert kinds <= {"portal", "disclosure", "media"}
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.3", port), timeout=2)
