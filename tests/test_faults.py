"""Faults mode: each misbehaviour of a real government server, on its own path."""
from __future__ import annotations

import http.client
import socket
import urllib.error
import zlib

import pytest

import demo_sites
from demo_sites.server import WorldServer, free_port

from conftest import fetch, served_hosts

HOST = "127.0.0.2"


@pytest.fixture(scope="module")
def faulty():
    port = free_port(served_hosts(demo_sites.load()))
    world = demo_sites.load(port=port, faults=True)
    server = WorldServer(world).start()
    yield world
    server.stop()


def url(world, path):
    return f"http://{HOST}:{world.port}{path}"


def test_faults_are_off_by_default(world):
    assert fetch(url(world, "/faults/loop"), follow=False).status == 404
    assert b"/faults/" not in fetch(url(world, "/")).body


def test_portal_links_the_fault_pages(faulty):
    assert b"/faults/calendar" in fetch(url(faulty, "/")).body


def test_redirect_loop(faulty):
    first = fetch(url(faulty, "/faults/loop"), follow=False)
    second = fetch(url(faulty, first.headers["Location"]), follow=False)
    assert first.status == second.status == 302
    assert second.headers["Location"] == "/faults/loop"


def test_calendar_trap_never_ends(faulty):
    body = fetch(url(faulty, "/faults/calendar?month=2019-12")).text()
    assert "month=2020-01" in body and "month=2019-11" in body


def test_gzip_bomb_is_small_on_the_wire_and_huge_inflated(faulty):
    conn = http.client.HTTPConnection(HOST, faulty.port, timeout=30)
    conn.request("GET", "/faults/bomb")
    resp = conn.getresponse()
    data = resp.read()
    assert resp.getheader("Content-Encoding") == "gzip"
    assert len(data) < 2 * 2**20
    inflated = zlib.decompressobj(31).decompress(data, 100 * 2**20)
    assert len(inflated) == 100 * 2**20     # and more was left unread


def test_oversized_page_announces_its_size(faulty):
    conn = http.client.HTTPConnection(HOST, faulty.port, timeout=30)
    conn.request("GET", "/faults/huge")
    resp = conn.getresponse()
    assert int(resp.getheader("Content-Length")) >= 64 * 2**20
    assert len(resp.read(2**16)) == 2**16
    conn.close()


def test_page_lying_about_its_encoding(faulty):
    resp = fetch(url(faulty, "/faults/liar"))
    assert "charset=utf-8" in resp.headers["Content-Type"]
    with pytest.raises(UnicodeDecodeError):
        resp.body.decode("utf-8")
    assert "通知公告" in resp.body.decode("gbk")


def test_malformed_html_and_garbage_bytes(faulty):
    resp = fetch(url(faulty, "/faults/malformed"))
    assert resp.status == 200 and b"\xff\xfe" in resp.body and b"</html>" not in resp.body


def test_connection_reset(faulty):
    with pytest.raises((ConnectionError, urllib.error.URLError, http.client.RemoteDisconnected)):
        fetch(url(faulty, "/faults/reset"))


def test_slow_response_outlasts_a_short_timeout(faulty):
    with pytest.raises((socket.timeout, TimeoutError, urllib.error.URLError)):
        fetch(url(faulty, "/faults/slow"), timeout=1)


def test_bursts_of_5xx_then_recovery(faulty):
    statuses = [fetch(url(faulty, "/faults/burst")).status for _ in range(8)]
    assert statuses.count(503) == 6 and statuses.count(200) == 2


def test_ordinary_pages_fail_now_and_then(faulty):
    host = "127.0.0.5"
    outcomes = []
    for _ in range(160):
        try:
            outcomes.append(fetch(f"http://{host}:{faulty.port}/index.html", timeout=10).status)
        except (urllib.error.URLError, ConnectionError, http.client.HTTPException):
            outcomes.append("reset")
    assert outcomes.count(503) >= 3 and "reset" in outcomes and outcomes.count(200) > 140
