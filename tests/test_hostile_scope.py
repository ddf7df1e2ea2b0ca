"""A hostile site on loopback tries to steer the crawler into our own network, end to end on a real
crawl: links to another port, to a name that resolves to loopback, a redirect into it, file: and ftp:
links, and a page whose scripts fetch, load images, frames and WebSockets and register a service
worker. A listener on that other port counts every connection: it must see none."""
from __future__ import annotations

import gzip
import socket
import sqlite3
import threading
from datetime import date
from types import SimpleNamespace

import pytest

from tests.zoo.harness import Response, not_found, redirect, run_site

pytestmark = pytest.mark.browser   # the gatherer starts Chromium

LISTENER = {}   # "port" of the listener, set by the fixture before the site is served


class Listener:
    """A TCP listener on 127.0.0.1 that accepts and counts every connection (HTTP, WebSocket, anything)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.heard: list[bytes] = []     # the first bytes of each connection, to say who got through
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.settimeout(2)
            try:
                self.heard.append(conn.recv(200))
            except OSError:
                self.heard.append(b"")
            conn.close()

    def close(self):
        self.sock.close()


def home(base: dict) -> str:
    port = LISTENER["port"]
    return (
        "<html><head><meta charset='utf-8'><title>某某县审计局</title></head><body><div>当前位置：首页</div>"
        f"<a href='http://127.0.0.1:{port}/secret'>友情链接一</a>"
        f"<a href='http://localhost:{port}/named'>友情链接二</a>"
        f"<a href='{base['outside']}/moved'>友情链接三</a>"
        f"<a href='{base['outside']}/fine.html'>友情链接四</a>"
        f"<a href='{base['outside']}/no-head.html'>友情链接五</a>"
        f"<a href='{base['outside']}/gone.html'>友情链接六</a>"
        f"<a href='ftp://127.0.0.1:{port}/pub/a.pdf'>FTP下载</a>"
        "<a href='file:///etc/passwd'>工作通知</a>"
        "<a href='file:///C:/Users/Administrator/Desktop/附件1.doc'>附件1</a>"
        "<a href='/list.html'>通知公告</a>"
        "<ul><li><a href='/a/1.html'>关于2019年审计工作的公告</a><span>2019-09-20</span></li></ul>"
        "</body></html>")


def script_page() -> str:
    target = f"127.0.0.1:{LISTENER['port']}"
    return (
        "<html><head><meta charset='utf-8'><title>通知公告</title></head><body>"
        "<div>当前位置：首页 &gt; 通知公告</div><ul id='list'></ul>"
        f"<img src='http://{target}/tag.gif'><iframe src='http://{target}/frame'></iframe>"
        "<script>"
        "fetch('/api/list.json').then(r => r.json()).then(d => { for (const x of d.rows) {"
        " const li = document.createElement('li'); li.innerHTML = `<a href='${x.url}'>${x.title}</a>"
        "<span>${x.date}</span>`; document.getElementById('list').appendChild(li); } });"
        f"fetch('http://{target}/fetch').catch(() => 0);"
        f"new Image().src = 'http://{target}/image';"
        f"try {{ new WebSocket('ws://{target}/ws'); }} catch (e) {{}}"
        "if (navigator.serviceWorker) navigator.serviceWorker.register('/sw.js').catch(() => 0);"
        "</script></body></html>")


def respond(req):
    if req.role == "outside":
        if req.path == "/moved":
            return redirect(f"http://127.0.0.1:{LISTENER['port']}/redirected")
        if req.path == "/no-head.html" and req.method == "HEAD":
            return Response("", status=405)                 # a server that refuses HEAD but serves GET
        if req.path == "/gone.html":
            return not_found()
        return Response("<html><body>外部网站</body></html>")
    if req.path in ("/", "/index.html"):
        return Response(home(req.base))
    if req.path == "/list.html":
        return Response(script_page())
    if req.path == "/api/list.json":
        return Response('{"rows": [{"url": "/a/2.html", "title": "关于2019年第二批审计的公告", "date": "2019-09-21"}]}',
                        content_type="application/json")
    if req.path == "/sw.js":
        return Response(f"fetch('http://127.0.0.1:{LISTENER['port']}/from-worker');",
                        content_type="application/javascript")
    if req.path.startswith("/a/"):
        return Response("<html><body><div>当前位置：首页 &gt; 通知公告</div><p>公告正文。</p></body></html>")
    return not_found()


SITE = SimpleNamespace(FAMILY="hostile", AS_OF=date(2019, 9, 30), ROLES=("disclosure", "outside"),
                       UNIT={"id": "sjj", "name": "某某县审计局", "type": "dept", "org_code": "003240562"},
                       respond=respond, truth=lambda base: [],
                       urls=lambda base: [f"{base['disclosure']}/", f"{base['disclosure']}/list.html"])


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    listener = Listener()
    LISTENER["port"] = listener.port
    try:
        out = run_site(SITE, tmp_path_factory.mktemp("hostile"), "hostile")
    finally:
        listener.close()
    db = sqlite3.connect(out.run_dir / "snapshot.db")
    db.row_factory = sqlite3.Row
    yield out, db, listener
    db.close()


def test_the_listener_on_another_port_saw_nothing(crawled):
    out, db, listener = crawled
    assert listener.connections == 0, listener.heard
    # … although the page whose scripts tried was rendered, its own API call let through
    assert db.execute("select 1 from fetches where via = 'browser' and status = 200 and url like '%/list.html'").fetchone()
    assert db.execute("select 1 from fetches where via = 'browser' and url like '%/api/list.json'").fetchone()


def test_outside_links_into_our_network_are_refused_and_not_the_sites_fault(crawled):
    out, db, listener = crawled
    port = listener.port
    for path in ("secret", "named"):
        rows = [dict(r) for r in db.execute("select * from fetches where url like ?", [f"%:{port}/{path}"])]
        assert rows and all(r["status"] is None and r["failure"] == "crawler" and "forbidden_address" in r["error"]
                            for r in rows), rows
    # the redirect hop into our network is refused the same way
    hop = [dict(r) for r in db.execute("select * from fetches where url like '%/moved'")]
    assert hop and all(r["failure"] == "crawler" and f"127.0.0.1:{port}" in r["error"] for r in hop), hop
    # ordinary outside links are still checked: HEAD first, a GET only where HEAD says no
    def tries(name):
        return [(r["method"], r["status"]) for r in db.execute(
            "select method, status from fetches where url like ? and purpose = 'liveness' order by id", [f"%/{name}"])]
    assert tries("fine.html") == [("HEAD", 200)]
    assert tries("no-head.html") == [("HEAD", 405), ("GET", 200)]
    assert tries("gone.html") == [("HEAD", 404), ("GET", 404)]
    assert [f["url"].rsplit("/", 1)[-1] for f in out.findings if f["rule"] == "LINK-003"] == ["gone.html"]


def test_the_rendered_pages_requests_off_the_site_are_blocked_and_recorded(crawled):
    _, db, listener = crawled
    blocked = {r["url"].rsplit("/", 1)[-1]: dict(r) for r in db.execute(
        "select * from fetches where purpose = 'subresource'")}
    assert {"fetch", "image", "tag.gif", "frame", "ws"} <= set(blocked), blocked
    assert all(r["failure"] == "crawler" and r["error"].startswith("Blocked:") for r in blocked.values())
    assert "from-worker" not in blocked   # the service worker was never registered


def test_file_links_are_never_read_and_are_reported_as_the_sites_broken_links(crawled):
    out, db, _ = crawled
    assert not db.execute("select 1 from fetches where url like 'file:%' or url like 'ftp:%'").fetchone()
    with gzip.open(out.run_dir / "capture.warc.gz", "rb") as warc:
        assert b"root:x:0:0" not in warc.read()
    local = {f["url"]: (f["rule"], f["message"].split("。要求：")[0]) for f in out.findings if (f["url"] or "").startswith(("file:", "ftp:"))}
    assert local == {
        "file:///etc/passwd": ("LINK-001", "内部链接“工作通知”指向编辑人员电脑上的本地文件（file:），公众无法打开"
                                           f"（所在页面：{local_home(db)}）"),
        "file:///C:/Users/Administrator/Desktop/附件1.doc": (
            "LINK-002", f"附件“附件1”指向编辑人员电脑上的本地文件（file:），公众无法打开（所在页面：{local_home(db)}）"),
        f"ftp://127.0.0.1:{LISTENER['port']}/pub/a.pdf": (
            "LINK-002", f"附件“FTP下载”使用浏览器已不再支持的ftp:协议，公众无法直接打开（所在页面：{local_home(db)}）"),
    }


def local_home(db) -> str:
    return db.execute("select disclosure from units").fetchone()[0]
