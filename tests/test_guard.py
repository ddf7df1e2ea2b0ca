"""Where a request off a unit's hosts may go (crawler/guard.py): public addresses, or the same kind of
address on the same port as the unit's own hosts. No name is looked up in DNS here: a table answers."""
from __future__ import annotations

import asyncio
import ipaddress

import pytest

from crawler.guard import (
    AddressGuard,
    BrowserGuard,
    address_kind,
    browser_host_rules,
    host_port,
)

DNS = {"www.gov-site.cn": ["58.42.1.10"], "public.example.cn": ["93.184.216.34"],
       "metadata.example.cn": ["169.254.169.254"], "intranet.example.cn": ["10.1.2.3"],
       "both.example.cn": ["93.184.216.34", "127.0.0.1"], "v6local.example.cn": ["::1"],
       "mapped.example.cn": ["::ffff:127.0.0.1"], "scoped.example.cn": ["fe80::1%eth0"]}


async def lookup(host: str, port: int) -> list[str]:
    if host not in DNS:
        raise OSError("no such name")
    return DNS[host]


def guard(**own) -> AddressGuard:
    return AddressGuard(own or {"public": ["http://www.gov-site.cn/"], "demo": ["http://127.0.0.2:8800/"],
                                "intranet": ["https://intranet.example.cn/"]}, lookup=lookup)


def refused(g: AddressGuard, url: str, unit: str | None) -> bool:
    return asyncio.run(g.refusal(url, unit)) is not None


@pytest.mark.parametrize("address, kind", [
    ("8.8.8.8", None), ("93.184.216.34", None), ("2001:4860:4860::8888", None),
    ("127.0.0.1", "loopback"), ("127.9.9.9", "loopback"), ("::1", "loopback"),
    ("::ffff:127.0.0.1", "loopback"),          # an IPv4-mapped IPv6 address is its IPv4 address
    ("169.254.169.254", "link_local"), ("fe80::1", "link_local"),
    ("224.0.0.1", "multicast"), ("239.255.255.250", "multicast"), ("ff02::1", "multicast"),
    ("0.0.0.0", "unspecified"), ("::", "unspecified"),
    ("10.0.0.1", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"), ("fc00::1", "private"),
    ("100.64.0.1", "reserved"),                 # carrier NAT: not global, not "private" to ipaddress
    ("240.0.0.1", "private"),                   # ipaddress counts 240/4 among its private networks
])
def test_address_kinds(address, kind):
    assert address_kind(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize("url, expected", [
    ("http://a.cn/x", ("a.cn", 80)), ("https://a.cn/x", ("a.cn", 443)), ("http://A.CN:8080/", ("a.cn", 8080)),
    ("http://[::1]:81/", ("::1", 81)), ("http://a.cn:99999/", ("a.cn", 80)),
])
def test_host_port(url, expected):
    assert host_port(url) == expected


@pytest.mark.parametrize("url, unit, is_refused", [
    # a public unit's outside links: public hosts yes, our own network never
    ("http://public.example.cn/page.html", "public", False),
    ("http://8.8.8.8/", "public", False),
    ("http://127.0.0.1:6379/", "public", True),
    ("http://localhost.invalid/", "public", False),        # does not resolve: the fetch fails as the site's bad link
    ("http://metadata.example.cn/latest/meta-data/", "public", True),
    ("http://169.254.169.254/latest/meta-data/", "public", True),
    ("http://intranet.example.cn/", "public", True),
    ("http://[::1]/", "public", True),
    ("http://v6local.example.cn/", "public", True),
    ("http://mapped.example.cn/", "public", True),
    ("http://scoped.example.cn/", "public", True),
    ("http://224.0.0.1/", "public", True),
    ("http://0.0.0.0:22/", "public", True),
    ("http://both.example.cn/", "public", True),           # one answer in our network is enough to refuse
    ("http://127.0.0.30:8800/", "public", True),            # another unit's places are not this unit's
    ("https://10.9.9.9/", "public", True),
    # a unit served on loopback (the demo world): other loopback addresses on ITS port only
    ("http://127.0.0.30:8800/zwgk/old/index.html", "demo", False),
    ("http://127.0.0.1:8800/", "demo", False),
    ("http://127.0.0.30:8801/", "demo", True),
    ("http://127.0.0.1:6379/", "demo", True),
    ("http://127.0.0.1/", "demo", True),                     # port 80 is not the unit's port
    ("http://10.1.2.3:8800/", "demo", True),                 # not the kind of address the unit is on
    ("http://public.example.cn/", "demo", False),
    # an intranet unit on https: its kind of address on 443 only
    ("https://10.9.9.9/", "intranet", False),
    ("http://10.9.9.9/", "intranet", True),
    ("https://127.0.0.1/", "intranet", True),
    # a request of no unit (robots.txt, a redirect of one): every unit's own places count
    ("http://127.0.0.5:8800/robots.txt", None, False),
    ("https://10.1.1.1/robots.txt", None, False),
    ("http://127.0.0.5:9000/robots.txt", None, True),
    ("http://169.254.169.254/robots.txt", None, True),
])
def test_refusals(url, unit, is_refused):
    assert refused(guard(), url, unit) is is_refused


def test_a_refusal_says_which_address_and_why():
    reason = asyncio.run(guard().refusal("http://metadata.example.cn/latest/", "public"))
    assert reason == "metadata.example.cn:80 解析到非公网地址 169.254.169.254（link_local），不予访问"


def test_names_are_looked_up_once():
    asked = []

    async def counting(host, port):
        asked.append(host)
        return await lookup(host, port)

    g = AddressGuard({"public": ["http://www.gov-site.cn/"]}, lookup=counting)
    for _ in range(3):
        asyncio.run(g.refusal("http://public.example.cn/a.html", "public"))
    assert asked == ["public.example.cn"]


def test_a_lookup_that_hangs_gives_up_and_lets_the_fetch_fail_on_its_own():
    async def hanging(host, port):
        await asyncio.sleep(60)

    g = AddressGuard({"public": ["http://www.gov-site.cn/"]}, timeout=0.05, lookup=hanging)
    assert asyncio.run(g.refusal("http://slow.example.cn/", "public")) is None


def test_the_real_lookup_resolves_loopback_names():
    g = AddressGuard({"public": ["http://58.42.1.10/"]})     # the system resolver, for a name every host has
    assert asyncio.run(g.refusal("http://localhost:6379/", "public")) is not None


def test_chromium_may_resolve_only_the_programs_own_hosts():
    rules = browser_host_rules(["XXGK.qinglan.gov.cn", "127.0.0.2", "xxgk.qinglan.gov.cn", "bad,host", "", "a b"])
    assert rules == "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.2, EXCLUDE xxgk.qinglan.gov.cn"


# ---- BrowserGuard: what a rendered page may load ------------------------------------------------
# Playwright's request, frame and page, with only what the guard reads (no browser in these tests)

class Frame:
    def __init__(self, page, url="about:blank"):
        self.page, self.url = page, url


class Page:
    def __init__(self, url):
        self.main_frame = Frame(self, url)


class PwRequest:
    def __init__(self, url, page=None, navigation=False, frame=None, resource_type="script"):
        self.url, self.resource_type, self._navigation = url, resource_type, navigation
        self._frame = frame if frame is not None else (page.main_frame if page else None)

    @property
    def frame(self):
        if self._frame is None:
            raise RuntimeError("Service Worker requests do not have an associated frame.")
        return self._frame

    def is_navigation_request(self):
        return self._navigation


UNIT_HOSTS = {"qinglan": {"www.ql.gov.cn", "xxgk.ql.gov.cn"}, "gjj": {"gjj.yx.gov.cn"}}


@pytest.mark.parametrize("url, page_url, navigation, in_frame, aborted, unit", [
    ("http://www.ql.gov.cn/", "about:blank", True, False, False, None),          # the page Scrapy asked for
    ("http://evil.cn/", "about:blank", True, False, True, None),                 # … never elsewhere
    ("http://xxgk.ql.gov.cn/api/list.json", "http://www.ql.gov.cn/", False, False, False, None),  # its unit's host
    ("http://gjj.yx.gov.cn/a.js", "http://www.ql.gov.cn/", False, False, True, "qinglan"),   # another unit's host
    ("http://127.0.0.1:6379/", "http://www.ql.gov.cn/", False, False, True, "qinglan"),
    ("http://hm.baidu.com/hm.js", "http://gjj.yx.gov.cn/", False, False, True, "gjj"),
    ("http://evil.cn/frame", "http://www.ql.gov.cn/", True, True, True, "qinglan"),   # a frame's navigation
])
def test_a_rendered_page_loads_from_its_units_hosts_only(url, page_url, navigation, in_frame, aborted, unit):
    guard = BrowserGuard(UNIT_HOSTS)
    blocked = []
    guard.on_blocked = lambda u, target, what: blocked.append((u, target))
    page = Page(page_url)
    frame = Frame(page, "http://www.ql.gov.cn/x") if in_frame else None
    assert guard(PwRequest(url, page, navigation, frame)) is aborted
    assert blocked == ([(unit, url)] if aborted else [])


def test_a_service_workers_request_is_aborted():
    guard = BrowserGuard(UNIT_HOSTS)
    assert guard(PwRequest("http://www.ql.gov.cn/sw-fetch")) is True
