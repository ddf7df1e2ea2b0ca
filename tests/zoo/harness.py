"""Serve a zoo site on loopback, crawl it with the real gatherer, audit it and score the audit.

    outcome = run_site(load("trs"), tmp_path)
    outcome.recall, outcome.precision, outcome.decoys_flagged, outcome.coverage, outcome.gaps

Each site gets its own loopback addresses (127.77.<n>.1 for the portal, .2 for the disclosure site,
.3 … for further roles) on one free port, so its hosts differ without DNS. The server logs every
request it answers; coverage is the share of the site's `urls()` that the crawler asked for (a POST's
form fields count as its query).
"""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import yaml

from demo_sites.server import free_port

ROLE_ORDER = ("portal", "disclosure", "mobile", "media", "outside", "department", "service")
OTHER_SITES = ("mobile", "department", "service")   # registered in the unit's `sites:`
CRAWL_SETTINGS = {"CONCURRENT_REQUESTS_PER_DOMAIN": 8, "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_START_DELAY": 0,
                  "ZWGK_AVAIL_PROBES": 2, "ZWGK_AVAIL_INTERVAL": 0.5, "ZWGK_SEARCH_SAMPLE": 0,
                  "ZWGK_RETRY_BACKOFF": 0.2}


@dataclass
class Request:
    role: str
    method: str
    path: str
    query: dict            # the query string, first value of each name
    form: dict             # the POST body's fields (urlencoded), first value of each name
    headers: dict
    base: dict             # role → base URL, e.g. {"disclosure": "http://127.77.3.2:41234"}

    @property
    def url(self) -> str:
        q = f"?{urlencode(self.query)}" if self.query else ""
        return f"{self.base[self.role]}{self.path}{q}"


@dataclass
class Response:
    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)    # e.g. {"Location": "/index.html"} with status 302
    encoding: str = "utf-8"                         # how a str body is encoded

    def data(self) -> bytes:
        return self.body.encode(self.encoding) if isinstance(self.body, str) else self.body


def not_found(text: str = "页面不存在") -> Response:
    return Response(f"<html><body><h1>404</h1><p>{text}</p></body></html>", status=404)


def redirect(location: str, status: int = 302) -> Response:
    return Response("", status=status, headers={"Location": location})


class ZooServer:
    """Every role of one zoo site, each on its own loopback address, with a log of what was asked."""

    def __init__(self, site, number: int):
        self.site = site
        self.hosts = {role: f"127.77.{number}.{ROLE_ORDER.index(role) + 1}" for role in site.ROLES}
        self.port = free_port(list(self.hosts.values()))
        self.base = {role: f"http://{h}:{self.port}" for role, h in self.hosts.items()}
        self.asked: list[str] = []     # "http://host:port/path?query" of every request, POST fields merged
        self.lock = threading.Lock()
        self.servers = []

    def start(self) -> "ZooServer":
        for role, host in self.hosts.items():
            server = ThreadingHTTPServer((host, self.port), self._handler(role))
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.servers.append(server)
        return self

    def stop(self) -> None:
        for s in self.servers:
            s.shutdown()
            s.server_close()

    def _handler(self, role: str):
        zoo = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _serve(self, method: str):
                parts = urlsplit(self.path)
                query = dict(parse_qsl(parts.query, keep_blank_values=True))
                form = {}
                if method == "POST":
                    length = int(self.headers.get("Content-Length") or 0)
                    raw = self.rfile.read(length).decode("utf-8", "replace") if length else ""
                    form = dict(parse_qsl(raw, keep_blank_values=True))
                merged = {**query, **form}
                asked = f"{zoo.base[role]}{parts.path}" + (f"?{urlencode(sorted(merged.items()))}" if merged else "")
                with zoo.lock:
                    zoo.asked.append(asked)
                req = Request(role, method, parts.path, query, form, dict(self.headers), zoo.base)
                try:
                    resp = zoo.site.respond(req)
                except Exception as exc:   # a bug in a zoo site must show, not look like a site error
                    resp = Response(f"zoo site error: {type(exc).__name__}: {exc}", status=599,
                                    content_type="text/plain")
                if resp is None:
                    resp = not_found()
                data = resp.data()
                self.send_response(resp.status)
                self.send_header("Content-Type", resp.content_type)
                for k, v in resp.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if method != "HEAD":
                    self.wfile.write(data)

            def do_GET(self):
                self._serve("GET")

            def do_POST(self):
                self._serve("POST")

            def do_HEAD(self):
                self._serve("HEAD")

        return Handler


def canonical(url: str) -> str:
    """Host, path and sorted query: two spellings of one URL compare equal."""
    p = urlsplit(url)
    q = urlencode(sorted(parse_qsl(p.query, keep_blank_values=True)))
    return f"{p.scheme}://{p.netloc}{p.path or '/'}" + (f"?{q}" if q else "")


@dataclass
class Outcome:
    name: str
    run_dir: Path
    findings: list[dict]
    truth: list[dict]
    scores: dict            # rule → checks.evaluate.RuleScore
    coverage: float         # share of urls() asked for
    not_fetched: list[str]
    gaps: list[dict]        # coverage_gaps rows (empty where the table does not exist yet)
    errors: list[str]       # rules that crashed
    crawl_stderr: str

    @property
    def expected(self) -> int:
        return sum(s.expected for s in self.scores.values())

    @property
    def found(self) -> int:
        return sum(s.found for s in self.scores.values())

    @property
    def correct(self) -> int:
        return sum(s.correct for s in self.scores.values())

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        n = len(self.findings)
        return self.correct / n if n else 1.0

    @property
    def decoys_flagged(self) -> int:
        return sum(s.decoys_flagged for s in self.scores.values())

    def report(self) -> str:
        """What went wrong, for an assertion message."""
        lines = [f"{self.name}: recall {self.recall:.2f}, precision {self.precision:.2f}, "
                 f"decoys flagged {self.decoys_flagged}, coverage {self.coverage:.2%}, gaps {len(self.gaps)}"]
        for s in self.scores.values():
            lines += [f"  missed {e['rule']} {e.get('url') or e.get('column') or e.get('index_no')}: {e.get('note')}"
                      for e in s.missed]
            lines += [f"  false  {f['rule']} {f['url']} {f['column_path']}: {f['message'][:120]}" for f in s.false]
            lines += [f"  decoy  {e['rule']} {e.get('url') or e.get('column')}: {e.get('note')}"
                      for e in s.flagged_decoys]
        lines += [f"  not fetched {u}" for u in self.not_fetched[:20]]
        lines += [f"  gap    {g.get('rule')} {g.get('place') or g.get('url')}: {g.get('reason')}" for g in self.gaps[:20]]
        lines += [f"  error  {e}" for e in self.errors]
        return "\n".join(lines)


def site_number(name: str) -> int:
    return zlib.crc32(name.encode()) % 200 + 20


def write_program(site, server: ZooServer, folder: Path, name: str) -> Path:
    """The monitoring program (and its one unit) of a served zoo site; its path."""
    unit = dict(site.UNIT)
    for role in site.ROLES:
        if role in ("portal", "disclosure"):
            unit[role] = server.base[role] + "/"
    others = [{"role": r, "url": server.base[r] + "/"} for r in site.ROLES if r in OTHER_SITES]
    if others:
        unit["sites"] = others
    units = folder / "units"
    units.mkdir(parents=True, exist_ok=True)
    (units / f"{unit['id']}.yaml").write_text(yaml.safe_dump(unit, allow_unicode=True), encoding="utf-8")
    program = {"id": f"zoo-{name}", "name": f"markup zoo: {name}", "units": [f"units/{unit['id']}.yaml"],
               "as_of": site.AS_OF.isoformat(), "crawl": {**CRAWL_SETTINGS, **getattr(site, "CRAWL", {})}}
    (folder / "program.yaml").write_text(yaml.safe_dump(program, allow_unicode=True), encoding="utf-8")
    return folder / "program.yaml"


def run_site(site, folder: Path, name: str | None = None) -> Outcome:
    """Serve, crawl, audit and evaluate one zoo site."""
    from checks.engine import audit_run
    from checks.evaluate import evaluate

    name = name or site.__name__.rsplit(".", 1)[-1]
    folder = Path(folder)
    server = ZooServer(site, site_number(name)).start()
    try:
        unit = dict(site.UNIT)
        program = write_program(site, server, folder, name)
        proc = subprocess.run([sys.executable, "-m", "zwgk.cli", "crawl", "--program", str(program),
                               "--out", str(folder / "runs")], capture_output=True, text=True, timeout=900)
        asked = {canonical(u) for u in server.asked}
        wanted = [canonical(u) for u in site.urls(server.base)]
        truth = [{**e, "unit": unit["id"]} for e in site.truth(server.base)]
    finally:
        server.stop()
    if proc.returncode != 0:
        logs = sorted((folder / "runs").glob("*/crawl.log"))
        log = logs[-1].read_text(encoding="utf-8", errors="replace")[-4000:] if logs else ""
        raise AssertionError(f"zwgk crawl failed on zoo site {name}:\n{proc.stderr[-4000:]}\n{log}")
    run_dir = next((folder / "runs").iterdir())
    result = audit_run(run_dir)
    db = sqlite3.connect(run_dir / "snapshot.db")
    db.row_factory = sqlite3.Row
    try:
        tables = {r[0] for r in db.execute("select name from sqlite_master where type = 'table'")}
        gaps = [dict(r) for r in db.execute("select * from coverage_gaps")] if "coverage_gaps" in tables else []
    finally:
        db.close()
    not_fetched = [u for u in wanted if u not in asked]
    return Outcome(name, run_dir, result.findings, truth, evaluate(result.findings, truth),
                   1 - len(not_fetched) / len(wanted) if wanted else 1.0, not_fetched, gaps, result.errors,
                   proc.stderr)


def describe(outcome: Outcome) -> dict:
    """One row of the accuracy table."""
    return {"world": outcome.name, "recall": round(outcome.recall, 3), "precision": round(outcome.precision, 3),
            "decoys_flagged": outcome.decoys_flagged, "coverage": round(outcome.coverage, 3),
            "gaps": len(outcome.gaps), "findings": len(outcome.findings), "expected": outcome.expected}


if __name__ == "__main__":   # python -m tests.zoo.harness NAME: run one site and print what went wrong
    import tempfile

    from tests.zoo import load
    out = run_site(load(sys.argv[1]), Path(tempfile.mkdtemp(prefix=f"zoo-{sys.argv[1]}-")), sys.argv[1])
    print(out.report())
    print(json.dumps(describe(out), ensure_ascii=False))
