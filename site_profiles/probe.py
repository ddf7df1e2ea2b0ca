"""`zwgk profiles check`: is every site in a program's profiles there? One request per start URL.

    results = probe_program(load_program("site_profiles/programs/demo.yaml"))

Each URL is probed once: DNS, TCP connect, then one GET whose status and redirect target are
recorded. Redirects are reported, never followed, so the probe touches only the URLs the profiles
name. A redirect to a host outside the unit's `hosts` is a problem: the crawl would not follow it.
"""
from __future__ import annotations

import http.client
import socket
import ssl
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from . import SITE_ROLES, Program

__all__ = [
    "EXIT_OK",
    "EXIT_PROFILE_ERROR",
    "EXIT_SITE_PROBLEM",
    "SiteProbe",
    "probe_program",
    "probe_url",
    "site_table",
]

EXIT_OK, EXIT_SITE_PROBLEM, EXIT_PROFILE_ERROR = 0, 1, 2
USER_AGENT = "zwgk-audit profiles check"
ROLES = SITE_ROLES


@dataclass
class SiteProbe:
    unit: str                    # unit id
    role: str                    # a key of SITE_ROLES: portal | disclosure | mobile …
    url: str
    dns: str | None = None       # first address, or None when resolution failed
    connected: bool = False
    status: int | None = None
    location: str | None = None  # absolute redirect target
    seconds: float | None = None
    problem: str | None = None   # why the site is not usable as it stands, in Chinese

    @property
    def ok(self) -> bool:
        return self.problem is None


def probe_url(url: str, timeout: float = 5.0, resolve=socket.getaddrinfo) -> SiteProbe:
    """DNS, connect and one GET of `url` (no redirect followed). `resolve` is getaddrinfo's
    signature; tests give one that fails, to see a DNS failure without asking a real resolver."""
    result = SiteProbe(unit="", role="", url=url)
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = resolve(host, port, type=socket.SOCK_STREAM)
        result.dns = infos[0][4][0]
    except (socket.gaierror, OSError, IndexError) as exc:
        result.problem = f"域名解析失败（{getattr(exc, 'strerror', None) or exc}）"
        return result
    start = time.monotonic()
    try:
        sock = socket.create_connection((result.dns, port), timeout=timeout)
    except OSError as exc:
        result.problem = f"无法连接 {result.dns}:{port}（{_why(exc)}）"
        return result
    result.connected = True
    conn = None
    try:
        # the connection already made is used: http.client would resolve and connect a second time
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        conn.sock = (ssl.create_default_context().wrap_socket(sock, server_hostname=host)
                     if parts.scheme == "https" else sock)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*"})
        response = conn.getresponse()
        result.status = response.status
        location = response.getheader("Location")
        response.close()
    except ssl.SSLError as exc:
        result.problem = f"HTTPS 证书或握手错误（{exc.reason or exc}）"
        return result
    except (OSError, http.client.HTTPException) as exc:
        result.problem = f"请求失败（{_why(exc)}）"
        return result
    finally:
        result.seconds = time.monotonic() - start
        if conn is not None:
            conn.close()
        sock.close()
    if location:
        result.location = urljoin(url, location)
    if result.status >= 400:
        result.problem = f"HTTP 状态 {result.status}"
    elif 300 <= result.status < 400 and not result.location:
        result.problem = f"HTTP 状态 {result.status}，但没有给出跳转地址"
    return result


def _why(exc: BaseException) -> str:
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "超时"
    if isinstance(exc, ConnectionRefusedError):
        return "连接被拒绝"
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def probe_program(program: Program, timeout: float = 5.0, workers: int = 8) -> list[SiteProbe]:
    """Every site of every unit (portal, disclosure, mobile …), each distinct URL fetched once."""
    targets = [(u, s.role, s.url) for u in program.units for s in u.sites]
    urls = list(dict.fromkeys(url for _, _, url in targets))
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(urls)))) as pool:
        probed = dict(zip(urls, pool.map(lambda url: probe_url(url, timeout), urls)))
    results = []
    for unit, role, url in targets:
        base = probed[url]
        r = SiteProbe(unit=unit.id, role=role, url=url, dns=base.dns, connected=base.connected,
                      status=base.status, location=base.location, seconds=base.seconds, problem=base.problem)
        if r.ok and r.location and urlsplit(r.location).hostname not in unit.hosts:
            r.problem = f"跳转到 {urlsplit(r.location).hostname}，不在该单位的 hosts 中：抓取不会跟随（请改用跳转后的网址或补充 hosts）"
        results.append(r)
    return results


def site_table(program: Program, results: list[SiteProbe]):
    from rich.table import Table
    from rich.text import Text
    names = {u.id: u.name for u in program.units}
    table = Table(title=f"{program.name}：站点检查（{len(results)} 个网址）")
    for column in ("单位", "角色", "网址", "DNS", "连接", "状态", "跳转到", "耗时", "结论"):
        table.add_column(column, overflow="fold")
    for r in results:
        table.add_row(*map(Text, (names.get(r.unit, r.unit), ROLES[r.role], r.url, r.dns or "失败")),
                      "成功" if r.connected else ("—" if r.dns is None else "失败"),
                      str(r.status) if r.status is not None else "—", Text(r.location or ""),
                      f"{r.seconds:.2f}s" if r.seconds is not None else "—",
                      Text("正常", style="green") if r.ok else Text(r.problem, style="red"))
    return table
