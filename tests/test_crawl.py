"""The gatherer on the demo world: one real crawl (Scrapy, Chromium) of every unit, then its snapshot
is compared with what the world's generator knows it published."""
from __future__ import annotations

import json
from collections import Counter
from urllib.parse import urlsplit

import pytest
from w3lib.url import canonicalize_url

import demo_sites
from crawler.spider import stratified_sample
from demo_sites.catalogs import AUDIENCES, GENRES, TOPIC_CLASSES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def run(crawled):
    return crawled


def q(db, sql, *params):
    return [dict(r) for r in db.execute(sql, params)]


def canon(url: str) -> str:
    return canonicalize_url(url)


def test_run_completes_and_records_the_down_unit(run):
    world, db, run_dir, proc = run
    assert q(db, "select status from run")[0]["status"] == "complete"
    status = {r["id"]: r["status"] for r in q(db, "select id, status from units")}
    assert status["dangan"] == "down"
    assert all(s == "ok" for u, s in status.items() if u != "dangan"), status
    errors = q(db, "select url, error from fetches where unit = 'dangan' and error is not null")
    assert errors and all("Connection" in e["error"] or "refused" in e["error"].lower() for e in errors)
    assert (run_dir / "capture.warc.gz").stat().st_size > 100_000
    assert "抓取汇总" in proc.stderr


def test_a_site_that_is_down_is_data_not_a_traceback(run):
    """The down unit and the failing search are in the snapshot and the summary table; the terminal
    shows no traceback and no Scrapy ERROR line, and the detail is in RUN_DIR/crawl.log."""
    _, _, run_dir, proc = run
    assert "Traceback" not in proc.stderr and "] ERROR:" not in proc.stderr, proc.stderr[-2000:]
    log = (run_dir / "crawl.log").read_text(encoding="utf-8")
    assert "Gave up retrying" in log and "127.0.0.12" in log     # dangan's portal, refused
    assert "Traceback" not in log


def test_crawl_reaches_every_page_of_every_unit_site(run):
    world, db, _, _ = run
    fetched = {canon(r["url"]) for r in q(db, "select url from fetches where status = 200")}
    unit_hosts = {s.host for s in world.sites if s.kind in ("portal", "disclosure") and not s.down}
    def reached(u):   # a site's root and its index.html are one page
        alias = u[:-len("index.html")] if u.endswith("/index.html") else u + "index.html" if u.endswith("/") else u
        return canon(u) in fetched or canon(alias) in fetched
    # every page; scripts and styles are resources, not pages
    missing = [u for u in demo_sites.sitemap(world) if urlsplit(u).hostname in unit_hosts
               and not urlsplit(u).path.endswith((".js", ".css")) and not reached(u)]
    assert not missing, (len(missing), missing[:15])


def test_item_metadata_equals_the_generator(run):
    world, db, _, _ = run
    items = {r["url"]: r for r in q(db, "select * from items")}
    checked = 0
    for unit in world.units:
        if unit.disclosure.down:
            continue
        view = world.views[unit.disclosure.host]
        for item in unit.items():
            row = items.get(view.item_url(item))
            assert row is not None, (unit.id, view.item_url(item))
            # the unit that published it, also on the shared county platform (organs, channels)
            assert row["unit"] == unit.id, (row["url"], row["unit"], unit.id)
            assert row["title"] == item.title
            assert (row["index_no"] or None) == item.index_no     # "" when the label is there, empty
            assert (row["publisher"] or None) == item.publisher
            assert row["created"] == (item.created.isoformat() if item.created else None)
            if not item.flags.get("published_text"):
                assert row["published"] == item.published.isoformat(), row["url"]
            else:
                assert row["published"] is None and row["published_text"] == item.flags["published_text"]
            assert (row["doc_no"] or None) == item.doc_no
            assert row["topic"] == TOPIC_CLASSES[item.topic]
            assert row["genre"] == GENRES[item.genre]
            assert row["audience"] == AUDIENCES[item.audience]
            assert row["keywords"] == item.keywords
            assert (row["summary"] or None) == (item.summary or None)
            assert row["column_path"] == item.column.path
            checked += 1
    assert checked > 800   # every item of every served disclosure site was compared above


def test_gbk_and_wrongly_declared_pages_are_decoded(run):
    world, db, _, _ = run
    gjj = world.unit("gjj")
    titles = {r["title"] for r in q(db, "select title from items where unit = 'gjj'")}
    assert {i.title for i in gjj.items()} <= titles
    liar = next(i for u in world.units for i in u.items() if i.flags.get("wrong_charset"))
    row = q(db, "select title, body from items where url = ?", world.views[liar.unit.disclosure.host].item_url(liar))
    assert row[0]["title"] == liar.title and liar.body[0][:10] in row[0]["body"]


def test_every_listing_and_classification_view_is_recorded(run):
    world, db, _, _ = run
    lists = {(r["unit"], r["column_path"], canon(r["url"]))
             for r in q(db, "select unit, column_path, url from listings where source = 'list'")}
    views = {(r["unit"], r["view"], canon(r["url"])) for r in q(db, "select unit, view, url from listings where source = 'view'")}
    view_names = {r["view"] for r in q(db, "select distinct view from listings where source = 'view'")}
    for unit in world.units:
        if unit.disclosure.down:
            continue
        site = world.views[unit.disclosure.host]
        for col in unit.columns():
            for item in col.items:
                assert (unit.id, col.path, canon(site.item_url(item))) in lists, (unit.id, col.path, item.title)
        for dim, dim_name, code, name, items in site.views(unit):
            label = next(v for v in view_names if v.endswith("/" + name) and dim_name in v)
            for item in items:
                assert (unit.id, label, canon(site.item_url(item))) in views, (unit.id, label, item.title)


def test_catalog_tree_is_recorded_with_fixed_entries(run):
    world, db, _, _ = run
    for unit in world.units:
        if unit.disclosure.down:
            continue
        paths = {r["path"] for r in q(db, "select path from columns where unit = ?", unit.id)}
        # no column of another unit's catalog is filed under this one
        others = {c.path for o in world.units if o is not unit for c in o.columns()} - {c.path for c in unit.columns()}
        assert not (paths & others), (unit.id, paths & others)
        expected = {c.path for c in unit.columns()}
        assert expected <= paths, (unit.id, expected - paths)
        fixed = {r["fixed"] for r in q(db, "select fixed from columns where unit = ? and fixed is not null", unit.id)}
        assert fixed == {c.fixed for c in unit.columns() if c.fixed}


def test_search_probes_cover_every_item_of_every_searchable_unit(run):
    world, db, run_dir, _ = run
    from crawler.settings import BASE
    from demo_sites.profiles import DEMO_CRAWL
    give_up, window = BASE["ZWGK_SEARCH_GIVE_UP"], DEMO_CRAWL["CONCURRENT_REQUESTS_PER_DOMAIN"]
    stats = json.loads(q(db, "select stats from run")[0]["stats"])
    for unit in world.units:
        if unit.disclosure.down or unit.flags.get("no_search"):
            continue
        probes = q(db, "select * from search_probes where unit = ?", unit.id)
        by_title = [p for p in probes if p["by"] == "title"]
        n_items = len(list(unit.items()))   # (a name: pytest would print the whole world on a failure)
        if unit.flags.get("search_error"):
            # a search answering 500 to everything is asked until it has failed give_up times in a
            # row (plus the probes already on their way), not once per item
            assert give_up <= len(probes) < give_up + window < n_items, (unit.id, len(probes))
            assert all(p["status"] == 500 and not p["found"] for p in probes)
            sent_or_skipped = len(probes) + stats[f"zwgk/search_probes_not_sent/{unit.id}"]
            queries = q(db, "select count(title) + count(nullif(doc_no, '')) n from items where unit = ?", unit.id)
            assert sent_or_skipped == queries[0]["n"], unit.id
            continue
        assert len(by_title) == n_items, unit.id   # the demo program searches every item
        assert len({p["sampled_from"] for p in by_title}) >= 8     # stratified over columns
        items = {world.views[unit.disclosure.host].item_url(i): i for i in unit.items()}
        for p in by_title:
            item = items[p["item_url"]]
            if item.flags.get("search_excluded") or item.flags.get("search_target"):
                assert not p["found"]
            else:
                assert p["found"] and p["rank"] >= 1, (unit.id, p["query"], p["results"][:3])
        if any(p["by"] == "doc_no" for p in probes):
            assert all(p["query"] for p in probes)


def test_links_attachments_media_and_probes_are_recorded(run):
    world, db, _, _ = run
    truth = world.truth
    links = {r["to_url"] for r in q(db, "select to_url from links")}
    status = {}
    for r in q(db, "select url, status, error from fetches"):
        status.setdefault(r["url"], r["status"])
    for e in truth:
        if e["rule"] in ("LINK-001", "LINK-002", "LINK-003") and not e.get("decoy"):
            assert e["url"] in links, e
            assert status.get(e["url"]) in (None, 404), e
    texts = {r["url"]: r["text"] for r in q(db, "select url, text from attachments where status = 200")}
    assert texts and sum(1 for t in texts.values() if t) >= 0.9 * len(texts)
    media = q(db, "select * from media_accounts")
    qinglan_weibo = next(a for a in world.unit("qinglan").media if a.platform == "weibo")
    row = next(m for m in media if m["url"].endswith(qinglan_weibo.acct) and m["status"] == 200)
    assert row["latest_post"] == qinglan_weibo.posts[0].isoformat()
    unreadable = next(m for m in media if m["url"].endswith("gjjwx"))
    assert not unreadable["readable"]
    probes = q(db, "select unit, kind, ok from probes")
    assert len([p for p in probes if p["unit"] == "qinglan" and p["kind"] == "portal"]) >= 5
    assert any(not p["ok"] for p in probes if p["unit"] == "kaifaqu" and p["kind"] == "portal")
    assert all(p["ok"] for p in probes if p["unit"] == "zhujian")
    assert all(not p["ok"] for p in probes if p["unit"] == "dangan")
    soft = {r["unit"]: r for r in q(db, "select f.unit, f.status, p.text from fetches f join pages p on p.fetch_id = f.id "
                                        "where f.purpose = 'soft404' and p.site = 'portal'")}
    assert soft["kaifaqu"]["status"] == 200 and "页面不存在" in soft["kaifaqu"]["text"]


def test_search_sample_is_stratified_over_columns():
    rows = [{"url": f"u{c}-{i}", "column_path": f"c{c}"} for c in range(8) for i in range(c * 3 + 1)]
    sample = stratified_sample(rows, 12, seed="unit")
    assert len(sample) == 12 and len({r["url"] for r in sample}) == 12
    counts = Counter(r["column_path"] for r in sample)
    assert set(counts) == {f"c{c}" for c in range(8)}          # every column represented
    assert max(counts.values()) - min(counts.values()) <= 1     # round-robin
    assert sample == stratified_sample(rows, 12, seed="unit")   # reproducible
    assert len(stratified_sample(rows, 1000, seed="unit")) == len(rows)


def test_browser_contexts_are_recycled_and_closed(run):
    _, db, _, _ = run
    stats = json.loads(db.execute("select stats from run").fetchone()[0])
    renders = stats.get("playwright/page_count", 0)
    assert renders > 20                                                   # JS-drawn pages were rendered
    assert stats.get("playwright/context_count", 0) >= renders // 10      # one context per 10 renders
    assert stats.get("zwgk/render/contexts_closed", 0) >= stats["playwright/context_count"] - 1
