"""`crawl()`: gather a program's units into `runs/<run-id>/` (snapshot.db + capture.warc.gz)."""
from __future__ import annotations

import json
import logging
import platform
import time
from datetime import date, datetime, timezone
from pathlib import Path

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from zwgk import __version__

from . import completeness, preflight, resume as resume_plan, settings as defaults
from .guard import BrowserGuard, browser_host_rules
from .snapshot import Snapshot
from .spider import GatherSpider
from .warc import WarcCapture


LOG_NAME = "crawl.log"
QUIET_LOGGERS = ("scrapy.downloadermiddlewares.robotstxt",)   # a traceback for every host that is down


def crawl(program, units: list[str] | None = None, as_of: date | None = None, out: str | Path | None = None,
          overrides: dict | None = None, run_id: str | None = None) -> Path:
    """Crawl the program's units (or the named ones) and return the run folder."""
    chosen = [u for u in program.units if not units or u.id in units]
    unknown = set(units or ()) - {u.id for u in program.units}
    if unknown:
        raise ValueError(f"方案 {program.id} 中没有这些单位：{', '.join(sorted(unknown))}")
    as_of = as_of or program.as_of or date.today()
    run_id = run_id or f"{program.id}-{datetime.now():%Y%m%dT%H%M%S}"
    run_dir = Path(out or program.out or "runs") / run_id
    settings = _settings(program, overrides, chosen)
    used = {k: v for k, v in settings.copy_to_dict().items() if k.startswith(("ZWGK_", "CONCURRENT", "AUTOTHROTTLE",
                                                                              "DOWNLOAD_", "DEPTH", "ROBOTSTXT"))}
    versions = {"python": platform.python_version(), "scrapy": scrapy.__version__, "zwgk": __version__}
    snapshot = Snapshot.create(run_dir, run_id, program.id, as_of.isoformat(), used, versions)
    if getattr(program, "source", None):
        from site_profiles.freeze import freeze
        snapshot.set_run(program_file=str(Path(program.source).resolve()), profiles=freeze(program, run_dir))
    return _gather(program, chosen, settings, snapshot, run_dir)


def resume(program, run_dir: str | Path) -> Path:
    """Continue a killed crawl of `program` in `run_dir` (crawler/resume.py) and return the folder."""
    run_dir = Path(run_dir)
    snapshot = Snapshot.open(run_dir)
    run = snapshot.run()
    ids = [u["id"] for u in snapshot.rows("units", order_by="id")]
    chosen = [u for u in program.units if u.id in ids]
    problem = ("该运行的抓取已完成，无需继续" if run["status"] == "complete" else
               f"运行属于方案 {run['program']}，不是 {program.id}" if run["program"] != program.id else
               f"方案中已没有这些单位：{', '.join(sorted(set(ids) - {u.id for u in chosen}))}"
               if len(chosen) < len(ids) else None)
    if problem:
        snapshot.close()
        raise ValueError(f"{run_dir}：{problem}")
    settings = _settings(program, run["settings"], chosen)   # the settings the run started with
    replay = resume_plan.prepare(snapshot)
    snapshot.set_run(status="running", finished=None)
    return _gather(program, chosen, settings, snapshot, run_dir, replay)


def _settings(program, overrides: dict | None, chosen) -> Settings:
    settings = Settings()
    settings.setdict(defaults.BASE, priority="project")
    settings.setdict(getattr(program, "crawl", None) or {}, priority="cmdline")
    settings.setdict(overrides or {}, priority="cmdline")
    launch = settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS")
    launch["args"] = [*(a for a in launch.get("args", []) if not a.startswith("--host-resolver-rules=")),
                      browser_host_rules(h for u in chosen for h in u.hosts)]
    settings.set("PLAYWRIGHT_LAUNCH_OPTIONS", launch, priority="cmdline")
    settings.set("PLAYWRIGHT_ABORT_REQUEST", BrowserGuard({u.id: set(u.hosts) for u in chosen}), priority="cmdline")
    preflight.check(settings)    # before a run folder exists: a run without a browser proves nothing
    return settings


def _gather(program, chosen, settings: Settings, snapshot: Snapshot, run_dir: Path, replay=None) -> Path:
    warc = WarcCapture(run_dir / "capture.warc.gz")
    started = time.monotonic()
    for u in chosen:
        snapshot.upsert_unit({"id": u.id, "name": u.name, "type": u.type, "org_code": u.org_code,
                              "portal": u.portal, "disclosure": u.disclosure, "hosts": list(u.hosts),
                              "profile": _profile(u), "status": "running",
                              "started": datetime.now(timezone.utc).isoformat()})
    # Scrapy's log goes to RUN_DIR/crawl.log; the terminal gets the live table and the summary. A
    # site that is down is data (the snapshot, the table), not a traceback on the operator's screen.
    log = run_dir / LOG_NAME
    settings.set("LOG_INSTALL_ROOT_HANDLER", True, priority="cmdline")
    settings.set("LOG_FILE", str(log), priority="cmdline")
    settings.set("LOG_FILE_APPEND", replay is not None, priority="cmdline")
    process = CrawlerProcess(settings)   # configures logging: quieten after it, or it resets levels
    # failed fetches are recorded in the snapshot (robots.txt too); a traceback for each would bury
    # real problems even in the log
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    crawler = process.create_crawler(GatherSpider)
    process.crawl(crawler, program=program, units=chosen, snapshot=snapshot, warc=warc, replay=replay)
    process.start()
    warc.close()
    spider = crawler.spider
    if spider is None or not hasattr(spider, "counters"):
        snapshot.set_run(finished=datetime.now(timezone.utc).isoformat(), status="failed")
        snapshot.close()
        raise RuntimeError(f"抓取未能启动（详见 {log}）")
    snapshot.flush()
    if replay is not None:
        crawler.stats.set_value("zwgk/resume/not_asked_again", resume_plan.finish(snapshot, replay))
    finished = datetime.now(timezone.utc).isoformat()
    for u in chosen:
        c = spider.counters[u.id]
        snapshot.upsert_unit({"id": u.id, "status": spider.status.get(u.id, "ok"), "pages": c["pages"],
                              "items": c["items"], "errors": c["errors"], "finished": finished})
    _column_stats(snapshot)
    completeness.summarise(snapshot)
    stats = crawler.stats.get_stats()
    # our own bugs (exceptions in callbacks, middlewares, pipelines) fail the run: a silent gap is worse
    internal = sum(v for k, v in stats.items() if k.startswith("spider_exceptions/"))
    stalled = getattr(spider, "close_reason", "finished") != "finished"
    if stalled:
        internal += 1
    snapshot.set_run(finished=finished, status="failed" if internal else "complete",
                     stats=json.dumps({k: v for k, v in crawler.stats.get_stats().items()
                                       if isinstance(v, (int, float, str))}, ensure_ascii=False, default=str),
                     seconds=round(time.monotonic() - started, 1))
    snapshot.close()
    from .progress import unit_table
    from rich.console import Console
    Console(stderr=True).print(unit_table(spider, final=True))
    if internal:
        raise RuntimeError(f"抓取过程中出现 {internal} 个内部错误（详见 {log}），快照不完整：{run_dir}")
    return run_dir


def _profile(u) -> dict:
    return {"search": u.search, "media": [vars(m) if hasattr(m, "__dict__") else m for m in u.media],
            "robots_exempt": u.robots_exempt, "overrides": u.overrides,
            "sites": [{"role": s.role, "url": s.url} for s in getattr(u, "sites", ())],
            "published_contacts": list(getattr(u, "published_contacts", ())),
            "publishers": list(getattr(u, "publishers", ())), "sync": list(getattr(u, "sync", ())),
            "county_kind": getattr(u, "county_kind", None), "county": getattr(u, "county", None)}


def _column_stats(snapshot: Snapshot) -> None:
    """Item counts and newest dates per column, from what its list pages showed."""
    db = snapshot.db
    db.execute("""
        update columns set
          item_count = (select count(distinct l.url) from listings l
                        where l.unit = columns.unit and l.column_path = columns.path and l.source = 'list'),
          newest_date = (select max(l.date) from listings l
                         where l.unit = columns.unit and l.column_path = columns.path and l.source = 'list')
    """)
    db.conn.commit()
