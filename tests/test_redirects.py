"""Redirects, end to end on a real crawl: followed by Scrapy (the final page audited as the kind of page
asked for, the chain kept as evidence), checked against the unit's scope at every hop, and bounded."""
from __future__ import annotations

import sqlite3
from datetime import date
from types import SimpleNamespace

import pytest

from tests.zoo.harness import Response, not_found, redirect, run_site

pytestmark = pytest.mark.browser   # the gatherer starts Chromium

HOME = ("<html><head><meta charset='utf-8'><title>某某县审计局</title></head><body>"
        "<a href='/old.html'>审计结果公告</a> <a href='/away.html'>友情链接</a> <a href='/loop/0.html'>循环</a>"
        "<div>当前位置：首页</div><ul><li><a href='/new/page.html'>关于2019年审计工作的公告</a>"
        "<span>2019-09-20</span></li></ul></body></html>")


def respond(req):
    if req.path == "/":
        return redirect("/index.html")
    if req.path == "/index.html":
        return Response(HOME)
    if req.path == "/old.html":
        return redirect("/new/page.html", 301)
    if req.path == "/new/page.html":
        return Response("<html><body><div>当前位置：首页 &gt; 审计结果公告</div><p>公告正文。</p></body></html>")
    if req.path == "/away.html":
        return redirect("http://127.0.0.1:9/elsewhere.html")      # off the unit's hosts
    if req.path.startswith("/loop/"):
        n = int(req.path[6:-5])
        return redirect(f"/loop/{n + 1}.html")                      # endless
    return not_found()


SITE = SimpleNamespace(FAMILY="redirects", AS_OF=date(2019, 9, 30), ROLES=("disclosure",),
                       UNIT={"id": "sjj", "name": "某某县审计局", "type": "dept", "org_code": "003240562"},
                       respond=respond, truth=lambda base: [],
                       urls=lambda base: [f"{base['disclosure']}/", f"{base['disclosure']}/index.html"])


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    out = run_site(SITE, tmp_path_factory.mktemp("redirects"), "redirects")
    db = sqlite3.connect(out.run_dir / "snapshot.db")
    db.row_factory = sqlite3.Row
    yield out, db
    db.close()


def test_a_start_that_redirects_is_read_as_the_home_with_its_chain(crawled):
    out, db = crawled
    base = out.run_dir and db.execute("select disclosure from units").fetchone()[0]
    start = db.execute("select * from fetches where url = ? and purpose = 'crawl'", [base]).fetchone()
    assert start["status"] == 200 and start["final_url"] == base + "index.html"
    assert start["redirects"] == f'[["{base}", 302]]'
    assert db.execute("select kind from pages where url = ?", [base + "index.html"]).fetchone()[0] == "home"
    assert not [f for f in out.findings if f["rule"] == "AVAIL-001"]


def test_a_moved_page_is_read_at_its_new_address(crawled):
    _, db = crawled
    base = db.execute("select disclosure from units").fetchone()[0]
    moved = db.execute("select * from fetches where url = ?", [base + "old.html"]).fetchone()
    assert moved["final_url"] == base + "new/page.html" and moved["status"] == 200


def test_a_redirect_out_of_scope_is_not_followed_and_not_the_sites_fault(crawled):
    out, db = crawled
    away = [dict(r) for r in db.execute("select * from fetches where url like '%/away.html'")]
    assert all(r["status"] is None and r["failure"] == "crawler" for r in away)
    assert not db.execute("select 1 from fetches where final_url like 'http://127.0.0.1:9/%' or url like "
                          "'http://127.0.0.1:9/%'").fetchone()
    assert not [f for f in out.findings if f["rule"] in ("LINK-001", "LINK-003") and "away" in (f["url"] or "")]


def test_an_endless_chain_stops(crawled):
    _, db = crawled
    hops = db.execute("select count(*) from fetches where url like '%/loop/%' or final_url like '%/loop/%'").fetchone()[0]
    assert hops <= 6
