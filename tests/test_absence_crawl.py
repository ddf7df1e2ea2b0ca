"""Absence needs proof, end to end: a real crawl of a small site whose classification view runs over
two pages. Item 4 names the view in its metadata but is not listed there (a real CONS-001). With page
2 of the view answering 500, the crawl cannot prove the view complete: a coverage gap, no finding.
With page 2 served, the view is complete and the finding stands."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from tests.zoo.harness import Response, not_found, run_site

pytestmark = pytest.mark.browser   # the gatherer starts Chromium

ORG = "003240561"
ITEMS = {n: f"关于做好第{n}批重点项目建设工作的通知" for n in range(1, 5)}
VIEWED = {1: 1, 2: 1, 3: 2}          # item → page of the view that lists it; item 4 is not listed


def page(title: str, crumb: str, body: str) -> str:
    return (f"<html><head><meta charset='utf-8'><title>{title}-某某县发改委</title></head><body>"
            f"<div class='nav'><a href='/'>首页</a> <a href='/col/tzgg/'>通知公告</a></div>"
            f"<div class='pos'>当前位置：<a href='/'>首页</a> &gt; {crumb}</div>{body}"
            f"<div class='foot'>主办：某某县发展和改革委员会</div></body></html>")


def site(broken_page2: bool):
    def respond(req):
        if req.path == "/":
            view = "<div class='fl'><h3>主题分类</h3><ul><li><a href='/view/zhzw.html'>综合政务</a></li></ul></div>"
            return Response(page("首页", "首页", view))
        if req.path in ("/col/tzgg/", "/col/tzgg/index.html"):
            rows = "".join(f"<li><a href='/art/{n}.html'>{t}</a><span>2019-09-0{n}</span></li>" for n, t in ITEMS.items())
            return Response(page("通知公告", "<a href='/col/tzgg/'>通知公告</a>", f"<ul class='list'>{rows}</ul>"))
        if req.path in ("/view/zhzw.html", "/view/zhzw_2.html"):
            no = 2 if req.path.endswith("_2.html") else 1
            if no == 2 and broken_page2:
                return Response("<h1>500 Internal Server Error</h1>", status=500)
            rows = "".join(f"<li><a href='/art/{n}.html'>{ITEMS[n]}</a><span>2019-09-0{n}</span></li>"
                           for n, p in VIEWED.items() if p == no)
            pager = (f"<div class='pg'>共2页 当前第{no}页 "
                     + ("<a href='/view/zhzw_2.html'>下一页</a>" if no == 1 else "<a href='/view/zhzw.html'>上一页</a>")
                     + "</div>")
            return Response(page("综合政务", "主题分类 &gt; 综合政务", f"<ul class='list'>{rows}</ul>{pager}"))
        if req.path.startswith("/art/") and req.path.endswith(".html"):
            n = int(req.path[5:-5]) if req.path[5:-5].isdigit() else 0
            if n not in ITEMS:
                return not_found()
            grid = (f"<table class='meta'><tr><td>索引号：</td><td>{ORG}/201909-0000{n}</td><td>主题分类：</td>"
                    f"<td>综合政务</td></tr><tr><td>发布机构：</td><td>某某县发展和改革委员会</td><td>生成日期：</td>"
                    f"<td>2019-09-0{n}</td></tr><tr><td>发布日期：</td><td>2019-09-0{n}</td><td>文号：</td><td></td></tr></table>")
            return Response(page(ITEMS[n], "<a href='/col/tzgg/'>通知公告</a>",
                                 f"{grid}<h1>{ITEMS[n]}</h1><div class='content'><p>各有关单位：现将有关事项通知如下。</p></div>"))
        return not_found()

    def urls(base):
        b = base["disclosure"]
        return [f"{b}/", f"{b}/col/tzgg/", f"{b}/view/zhzw.html", f"{b}/view/zhzw_2.html",
                *(f"{b}/art/{n}.html" for n in ITEMS)]

    return SimpleNamespace(FAMILY="test site", AS_OF=date(2019, 9, 30), ROLES=("disclosure",),
                           UNIT={"id": "fgw", "name": "某某县发展和改革委员会", "type": "dept", "org_code": ORG},
                           respond=respond, urls=urls, truth=lambda base: [])


def cons(outcome):
    return [f for f in outcome.findings if f["rule"] == "CONS-001" and not f["gap"]]


def test_a_view_whose_page_2_fails_is_a_coverage_gap_not_a_finding(tmp_path):
    out = run_site(site(broken_page2=True), tmp_path, "absence-broken")
    assert out.errors == []
    assert cons(out) == [], [f["message"] for f in cons(out)]
    gaps = [g for g in out.gaps if g["rule"] == "CONS-001"]
    assert len(gaps) == 1 and "主题分类/综合政务" in gaps[0]["place"] and "HTTP 500" in gaps[0]["reason"]
    scores = {s["indicator"]: s for s in out_scores(out)}
    assert scores["4.(3)"]["status"] == "unchecked"


def test_the_same_view_complete_gives_the_finding(tmp_path):
    out = run_site(site(broken_page2=False), tmp_path, "absence-whole")
    assert out.errors == []
    (f,) = cons(out)
    assert f["url"].endswith("/art/4.html")
    assert [g for g in out.gaps if g["rule"] == "CONS-001"] == []


def out_scores(outcome):
    import sqlite3
    db = sqlite3.connect(outcome.run_dir / "snapshot.db")
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("select indicator, status from scores")]
    finally:
        db.close()
