"""Where a request that leaves a unit's hosts may go: public addresses only.

Outside links are fetched once to test that they work (LINK-003), and a page can name any host and
port: the office's redis, its router, a cloud's metadata service at 169.254.169.254. So a request
off the unit's hosts is resolved first and refused when any address it resolves to is loopback,
link-local, private, multicast or otherwise not global, unless the unit's own hosts are there too:
the same kind of address on the same port (the demo world and the tests serve every site on
127.0.0.x, one port). Redirects are requests too, so each hop is checked the same way.

Known limit: the downloader resolves the name again, so a name whose answer changes between the two
lookups (DNS rebinding) is not caught here.
"""
from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections import defaultdict
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


def browser_host_rules(hosts) -> str:
    """Chromium's `--host-resolver-rules` that leave it no address but the program's own hosts.

    Routing a page's requests (GatherSpider.guard_page) aborts what a page asks of other hosts, but
    Chromium still opens a speculative connection for a frame it is about to load; with every other
    name (IP literals included) mapped to "not found", nothing can be reached at all."""
    own = sorted({h.lower() for h in hosts if h and not any(c in h for c in ", \t")})
    return "--host-resolver-rules=" + ", ".join(["MAP * ~NOTFOUND", *(f"EXCLUDE {h}" for h in own)])


def address_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """None for a public address; else what it is (a crawler must not be steered there)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "multicast", "unspecified", "private", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind
    return None if ip.is_global else "reserved"   # 100.64/10 (carrier NAT) and the like


def host_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:   # a malformed port: the downloader will fail on it as the site's bad link
        port = None
    return (parts.hostname or "").lower(), port or DEFAULT_PORTS.get(parts.scheme, 80)


class AddressGuard:
    """`await guard.refusal(url, unit)`: why a request there is refused, or None."""

    def __init__(self, own_urls: dict[str, list[str]], timeout: float = 10.0, lookup=None):
        self.own_urls = own_urls          # unit → URLs on its own hosts (start URLs)
        self.timeout = timeout
        self.lookup = lookup or _getaddrinfo   # async (host, port) → [address text]
        self._resolved: dict[tuple[str, int], list] = {}
        self._own: dict[str, set[tuple[str, int]]] = {}

    async def resolve(self, host: str, port: int) -> list:
        """The addresses `host` resolves to ([] when it does not: the fetch then fails on its own)."""
        key = (host, port)
        if key not in self._resolved:
            try:
                self._resolved[key] = [ipaddress.ip_address(host.strip("[]"))]
            except ValueError:
                try:
                    found = await asyncio.wait_for(self.lookup(host, port), self.timeout)
                    self._resolved[key] = [ipaddress.ip_address(a.split("%")[0]) for a in found]
                except (TimeoutError, OSError, ValueError, UnicodeError):
                    self._resolved[key] = []
        return self._resolved[key]

    async def own_places(self, unit: str | None) -> set[tuple[str, int]]:
        """(kind of address, port) of the unit's own non-public hosts (every unit's when None)."""
        key = unit or ""
        if key not in self._own:
            urls = self.own_urls.get(unit, []) if unit else [u for us in self.own_urls.values() for u in us]
            places = set()
            for url in urls:
                host, port = host_port(url)
                for ip in await self.resolve(host, port):
                    if kind := address_kind(ip):
                        places.add((kind, port))
            self._own[key] = places
        return self._own[key]

    async def refusal(self, url: str, unit: str | None) -> str | None:
        host, port = host_port(url)
        own = None
        for ip in await self.resolve(host, port):
            kind = address_kind(ip)
            if kind is None:
                continue
            own = await self.own_places(unit) if own is None else own
            if (kind, port) not in own:
                return f"{host}:{port} 解析到非公网地址 {ip}（{kind}），不予访问"
        return None


async def _getaddrinfo(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [info[4][0] for info in infos]


class BrowserGuard:
    """PLAYWRIGHT_ABORT_REQUEST: scrapy-playwright asks it about every request a rendered page makes,
    inside the route it already holds on every page (a route of our own would intercept each request
    a second time, and it slowed the demo crawl by a third). The page's top-level navigation passes
    when its host is a unit's; any other request passes only to a host of a unit that owns the page's
    host. The rest is aborted and told to `on_blocked(unit, url, what)`. Service-worker requests have
    no page: aborted (the context blocks service workers anyway)."""

    def __init__(self, hosts_by_unit: dict[str, set[str]]):
        self.hosts_by_unit = {unit: {h.lower() for h in hosts} for unit, hosts in hosts_by_unit.items()}
        self.units_of: dict[str, set[str]] = defaultdict(set)
        for unit, hosts in self.hosts_by_unit.items():
            for host in hosts:
                self.units_of[host].add(unit)
        self.on_blocked = None

    def __call__(self, request) -> bool:
        host = urlsplit(request.url).hostname
        try:
            page = request.frame.page
            top = request.is_navigation_request() and request.frame == page.main_frame
            page_host = urlsplit(page.main_frame.url).hostname
        except Exception:   # a service worker's request: no frame
            top, page_host = False, None
        owners = self.units_of.get(page_host or "", set())
        if top and host in self.units_of or any(host in self.hosts_by_unit[u] for u in owners):
            return False
        if self.on_blocked:
            self.on_blocked(min(owners) if owners else None, request.url, request.resource_type)
        return True
