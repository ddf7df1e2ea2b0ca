"""One process serving every site of the world, each on its own loopback address and one port.

Hosts differ without DNS: 127.0.0.2, 127.0.0.3 … all listen on the same port, and a request is
routed by the local address it arrived on. Sites of down units are not bound at all, so
connecting to them is refused, as with a server that is off.
"""
from __future__ import annotations

import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from . import faults as fault_mode
from .sites.base import Response

ROBOTS = b"User-agent: *\nDisallow: /admin/\nDisallow: /cgi-bin/\n"


class Handler(BaseHTTPRequestHandler):
    server_version = "DemoGov/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):   # quiet: the crawler records what it needs
        pass

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_POST(self):
        self.do_GET()

    def do_GET(self, head: bool = False):
        world, view = self.server.world, self.server.view
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        if parts.path == "/robots.txt":
            return self.send(Response(200, ROBOTS, "text/plain; charset=utf-8"), head)
        if world.faults:
            handled = fault_mode.handle(self, parts.path, query)
            if handled:
                return None
        try:
            resp = view.handle(parts.path, query)
        except Exception as exc:   # a bug in a template must not kill the server thread
            resp = Response(500, f"internal error: {type(exc).__name__}".encode(), "text/plain")
        self.send(resp, head)

    def send(self, resp: Response, head: bool = False):
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(resp.body)))
        for name, value in resp.headers:
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(resp.body)

    def reset(self):
        """Abort the connection with a TCP RST (SO_LINGER 0), as a crashing server does."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, world, view):
        self.world, self.view = world, view
        super().__init__(address, Handler)


class WorldServer:
    """Binds every served host of the world to the world's port (see `free_port` for tests)."""

    def __init__(self, world):
        self.world = world
        self.servers: list[SiteServer] = []
        self.threads: list[threading.Thread] = []

    def start(self) -> "WorldServer":
        for spec in self.world.sites:
            if spec.down:
                continue
            try:
                server = SiteServer((spec.host, self.world.port), self.world, self.world.views[spec.host])
            except OSError as exc:
                self.stop()
                raise OSError(f"cannot listen on {spec.host}:{self.world.port}: {exc}") from exc
            self.servers.append(server)
        for server in self.servers:
            t = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
            t.start()
            self.threads.append(t)
        return self

    def stop(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()
        for t in self.threads:
            t.join(timeout=5)


def free_port(hosts: list[str]) -> int:
    """A port free on every given loopback host (tests run several worlds side by side)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind((hosts[0], 0))
            port = s.getsockname()[1]
        try:
            socks = []
            for h in hosts:
                s = socket.socket()
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                socks.append(s)
                s.bind((h, port))
            return port
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise RuntimeError("no free port on the loopback hosts")


def wait_until_up(host: str, port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"{host}:{port} did not come up")
