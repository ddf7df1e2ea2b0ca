"""Faults mode (`serve --faults`): the misbehaviour real government servers show, for reliability work.

Fixed paths under `/faults/` on every host (linked from each portal's 专题专栏), and, on ordinary
pages, a slow answer, a burst of 503s or a reset at fixed request counts, so runs are repeatable.
"""
from __future__ import annotations

import threading
import time
import zlib

SLOW_SECONDS = 20          # beyond a crawler's 15 s availability limit
HUGE_BYTES = 64 * 2**20    # an oversized page
BOMB_BYTES = 256 * 2**20   # what the gzip bomb inflates to
_bomb: bytes | None = None
_lock = threading.Lock()
_counters: dict[str, int] = {}


def gzip_bomb() -> bytes:
    """About 250 KB of gzip that inflates to 256 MB of zeros (computed once)."""
    global _bomb
    with _lock:
        if _bomb is None:
            comp = zlib.compressobj(9, zlib.DEFLATED, 31)
            chunk = b"\0" * 2**20
            _bomb = b"".join(comp.compress(chunk) for _ in range(BOMB_BYTES // 2**20)) + comp.flush()
    return _bomb


def _count(key: str) -> int:
    with _lock:
        _counters[key] = _counters.get(key, 0) + 1
        return _counters[key]


def handle(handler, path: str, query: dict) -> bool:
    """Answer a faulty response and return True, or return False to serve the page normally."""
    host = handler.server.server_address[0]
    if not path.startswith("/faults/"):
        n = _count(host)
        if n % 151 == 0:
            handler.reset()
            return True
        if n % 101 in (98, 99, 100):   # a burst of three 503s
            _send(handler, 503, b"<h1>503 Service Temporarily Unavailable</h1>")
            return True
        if n % 37 == 0:
            time.sleep(2)
        return False
    name = path[len("/faults/"):]
    if name == "slow":
        time.sleep(SLOW_SECONDS)
        _send(handler, 200, "<html><body>迟到的页面</body></html>".encode())
    elif name == "burst":
        code = 503 if _count(host + name) % 4 else 200
        _send(handler, code, f"<html><body>{code}</body></html>".encode())
    elif name == "reset":
        handler.reset()
    elif name in ("loop", "loop2"):
        _send(handler, 302, b"", [("Location", "/faults/loop2" if name == "loop" else "/faults/loop")])
    elif name == "calendar":
        # every month links to the next and previous one: an endless crawler trap
        y, m = (int(x) for x in (query.get("month", "2019-09") + "-1").split("-")[:2])
        prev = f"{y - (m == 1)}-{12 if m == 1 else m - 1:02d}"
        nxt = f"{y + (m == 12)}-{1 if m == 12 else m + 1:02d}"
        body = (f'<html><body><h1>{y}年{m}月活动日历</h1><a href="/faults/calendar?month={prev}">上月</a> '
                f'<a href="/faults/calendar?month={nxt}">下月</a></body></html>').encode()
        _send(handler, 200, body)
    elif name == "huge":
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(HUGE_BYTES))
        handler.end_headers()
        block = ("<p>" + "超大页面" * 250 + "</p>\n").encode()[:4096].ljust(4096, b" ")
        try:
            for _ in range(HUGE_BYTES // 4096):
                handler.wfile.write(block)
        except OSError:
            pass   # the client gave up, as it should
    elif name == "bomb":
        _send(handler, 200, gzip_bomb(), [("Content-Encoding", "gzip")])
    elif name == "liar":
        # says UTF-8, sends GBK
        body = "<html><head><title>通知公告</title></head><body><p>关于做好防汛工作的通知</p></body></html>"
        _send(handler, 200, body.encode("gbk"), ctype="text/html; charset=utf-8")
    elif name == "malformed":
        body = ("<html><head><title>政务动态<body><div><p>未闭合的段落<table><tr><td>单元格"
                "<a href='/faults/malformed?x=1>坏链接</a><p>\x00\x01\x02").encode() + b"\xff\xfe\x80"
        _send(handler, 200, body)
    else:
        return False
    return True


def _send(handler, status: int, body: bytes, headers=(), ctype: str = "text/html; charset=utf-8") -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    for k, v in headers:
        handler.send_header(k, v)
    handler.end_headers()
    handler.wfile.write(body)
