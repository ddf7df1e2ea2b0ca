"""A unit with four sites, end to end: its mobile site answers too slowly, so AVAIL-001 names that site
only; the mobile and service homes are read (identity, freshness), never crawled beyond."""
from __future__ import annotations

import json
import sqlite3
import time
from datetime import date
from types import SimpleNamespace

import pytest

from tests.zoo.harness import Response, not_found, run_site

pytestmark = pytest.mark.browser   # the gatherer starts Chromium

IDENTITY = "<div class='ft'>网站标识码3401000001 皖ICP备05001234号 皖公网安备34010002000001号</div>"


def respond(req):
    if req.path not in ("/", "/index.html"):
        return Response("<html><body><p>正文</p></body></html>") if req.path.startswith("/a/") else not_found()
    if req.role == "mobile":
        time.sleep(2)                     # beyond the program's 1 s availability limit
        return Response("<html><head><title>某某县审计局手机版</title></head><body><ul>"
                        "<li><a href='/a/m1.html'>关于审计工作的手机版新闻</a><span>2019-09-25</span></li>"
                        f"</ul>{IDENTITY}</body></html>")
    if req.role == "service":
        return Response("<html><head><title>政务服务</title></head><body><ul>"
                        "<li><a href='/a/s1.html'>关于办事指南调整的说明公告</a><span>2019-06-01</span></li>"
                        "</ul><div>版权所有</div></body></html>")
    return Response("<html><head><title>某某县审计局</title></head><body><div>当前位置：首页</div><ul>"
                    "<li><a href='/a/1.html'>关于2019年审计工作的公告</a><span>2019-09-27</span></li>"
                    f"</ul>{IDENTITY}</body></html>")


SITE = SimpleNamespace(FAMILY="sites", AS_OF=date(2019, 9, 30), ROLES=("portal", "disclosure", "mobile", "service"),
                       UNIT={"id": "sjj", "name": "某某县审计局", "type": "dept", "org_code": "003240562"},
                       CRAWL={"ZWGK_AVAIL_TIMEOUT": 1, "ZWGK_AVAIL_PROBES": 3},
                       respond=respond, truth=lambda base: [], urls=lambda base: [])


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    out = run_site(SITE, tmp_path_factory.mktemp("sites"), "sites")
    db = sqlite3.connect(out.run_dir / "snapshot.db")
    db.row_factory = sqlite3.Row
    yield out, db
    db.close()


def site_of(db, role: str) -> str:
    sites = json.loads(db.execute("select profile from units").fetchone()[0])["sites"]
    return next(s["url"] for s in sites if s["role"] == role)


def test_avail_names_the_slow_mobile_site_only(crawled):
    out, db = crawled
    avail = [(f["url"], f["message"].split("（如")[0]) for f in out.findings if f["rule"] == "AVAIL-001"]
    assert avail == [(site_of(db, "mobile"), "手机版网站首页4次访问中3次失败")]
    kinds = {r["kind"] for r in db.execute("select kind from probes")}
    assert kinds == {"portal", "disclosure", "mobile", "service"}


def test_other_sites_are_read_at_their_home_only(crawled):
    out, db = crawled
    homes = {r["site"]: r["url"] for r in db.execute("select site, url from pages where kind = 'home'")}
    assert homes["mobile"] == site_of(db, "mobile") and homes["service"] == site_of(db, "service")
    for role in ("mobile", "service"):
        host = site_of(db, role).split("/")[2]
        fetched = {r[0] for r in db.execute("select url from fetches where url like ? and purpose = 'crawl' "
                                            "and url not like '%/robots.txt'",
                                            [f"http://{host}/%"])}
        assert fetched == {site_of(db, role)}, fetched     # its /a/ pages were never asked for


def test_identity_and_freshness_of_each_site(crawled):
    out, db = crawled
    by_rule = {(f["rule"], f["url"]): f["message"].split("。要求")[0] for f in out.findings
               if f["rule"] in ("IDENT-001", "FRESH-001")}
    service = site_of(db, "service")
    assert by_rule == {
        ("IDENT-001", service): "政务服务网站首页页脚缺少网站标识码、ICP备案编号、公安机关备案号",
        ("FRESH-001", service): "政务服务网站首页14天内无更新：首页最新信息日期为2019-06-01，距检查日121天",
    }


def test_the_coverage_table_shows_every_site(crawled):
    out, db = crawled
    from reports.common import RunReport
    sites = RunReport.load(out.run_dir).coverage["sjj"]["sites"]
    assert [(s["name"], s["ok"], s["probes"]) for s in sites] == [
        ("门户网站", 3, 3), ("政府信息公开网", 3, 3), ("手机版网站", 0, 3), ("政务服务网站", 3, 3)]
