"""Resuming a killed crawl (`zwgk crawl --resume RUN_DIR`): the capture is the crawl's own queue.

Every response is in `capture.warc.gz`, and its fetch row is committed the moment it is written
(`snapshot.DURABLE`): what is in the capture is in the snapshot, whenever the crawl was killed. A
resumed crawl starts again from the start URLs and `ReplayMiddleware` answers each request the
killed run already had from the capture, try by try (a 503 and its retry come back in order), so the
spider makes the same requests and the same rows again; only what was never fetched goes to the
network. Heritrix recovers a crawl from its crawl log the same way.

`prepare` keeps for replay the requests whose every try got an HTTP answer through Scrapy's own
downloader. Failed tries (the retry chain is redone), rendered pages with what they fetched (the
browser runs again) and blocked requests are dropped, with their records, and made again. Every
table the crawl derives from responses is emptied: the replay rebuilds it. The capture is rewritten
without the dropped records (copied byte for byte, so it stays a valid WARC), and `finish` drops what
the resumed crawl did not ask again, so the run ends as a clean run of the same sites would.
"""
from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from scrapy.http import Headers
from scrapy.responsetypes import responsetypes
from warcio.archiveiterator import ArchiveIterator

from .snapshot import TABLES, Snapshot

# tables a crawl never derives from responses: kept as they are
KEPT_TABLES = ("run", "units", "fetches")


class Replay:
    """The killed run's answers, by (request fingerprint, try): handed out once each."""

    def __init__(self, capture: Path, rows: list[dict], refs: dict[str, tuple[int, int]]):
        self.capture = capture
        self.waiting: dict[tuple[str, int], list[dict]] = defaultdict(list)
        for row in sorted(rows, key=lambda r: r["id"]):
            self.waiting[(row["request_fp"], row["attempt"] or 0)].append(row)
        self.refs = refs               # WARC-Record-ID → (offset, length)
        self.last_id = max((r["id"] for r in rows), default=0)   # new fetches are numbered after it
        self.used: set[int] = set()    # fetch ids answered again
        self._stream = None

    def __len__(self) -> int:
        return sum(len(v) for v in self.waiting.values())

    def take(self, fp: str, attempt: int):
        """The recorded answer to this try of this request as a Scrapy response, or None."""
        queue = self.waiting.get((fp, attempt))
        if not queue:
            return None
        row = queue.pop(0)
        self.used.add(row["id"])
        if self._stream is None:
            self._stream = open(self.capture, "rb")
        self._stream.seek(self.refs[row["warc_record_id"]][0])
        record = next(iter(ArchiveIterator(self._stream)))
        status, headers = int(record.http_headers.get_statuscode()), record.http_headers.headers
        body = record.raw_stream.read()
        url = row["final_url"] or row["url"]
        h = Headers(headers)
        cls = responsetypes.from_args(headers=h, url=url, body=body)
        return row, cls(url=url, status=status, headers=h, body=body, flags=["replayed"])

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()


def record_index(capture: Path) -> dict[str, tuple[int, int]]:
    """WARC-Record-ID → (offset, length) of every complete record (a record cut by the kill is not
    complete and is not listed)."""
    refs = {}
    with open(capture, "rb") as stream:
        it = ArchiveIterator(stream)
        try:
            for record in it:
                rid = record.rec_headers.get_header("WARC-Record-ID")
                it.read_to_end(record)
                refs[rid] = (it.get_record_offset(), it.get_record_length())
        except Exception:   # the member the kill cut short: warcio/zlib raise various errors
            pass
    return refs


def rewrite_capture(capture: Path, keep: set[str], refs: dict[str, tuple[int, int]]) -> None:
    """Rewrite the capture with the warcinfo record and the records in `keep`, byte for byte."""
    with open(capture, "rb") as src:
        first = next(iter(sorted(refs.values())), None)
        chosen = sorted(v for rid, v in refs.items() if rid in keep or v == first)
        tmp = capture.with_suffix(".tmp")
        with open(tmp, "wb") as out:
            for offset, length in chosen:
                src.seek(offset)
                out.write(src.read(length))
            out.flush()
            os.fsync(out.fileno())
    os.replace(tmp, capture)


def prepare(snapshot: Snapshot) -> Replay:
    """Turn a killed run's snapshot and capture into the start of its resumed crawl."""
    db = snapshot.db
    capture = snapshot.warc_path
    refs = record_index(capture) if capture.exists() else {}
    rows = list(snapshot.rows("fetches", order_by="id"))
    tries = defaultdict(list)
    for row in rows:
        tries[row["request_fp"]].append(row)
    keep = [r for fp, group in tries.items() if fp for r in group
            if all(t["status"] is not None and t["via"] == "static" and t["warc_record_id"] in refs
                   for t in group)]
    kept_ids = {r["id"] for r in keep}
    with db.atomic():
        for name in reversed(list(TABLES)):
            if name not in KEPT_TABLES:
                db.execute(f"delete from [{name}]")
        db.execute(f"delete from fetches where id not in ({','.join('?' * len(kept_ids)) or 'null'})",
                   list(kept_ids))
    if capture.exists():
        rewrite_capture(capture, {r["warc_record_id"] for r in keep}, refs)
        refs = record_index(capture)
    return Replay(capture, keep, refs)


def finish(snapshot: Snapshot, replay: Replay) -> int:
    """Drop the killed run's answers the resumed crawl did not ask for again; how many."""
    unused = [r for q in replay.waiting.values() for r in q]
    replay.close()
    if not unused:
        return 0
    snapshot.flush()
    ids = [r["id"] for r in unused]
    with snapshot.db.atomic():
        snapshot.db.execute(f"delete from fetches where id in ({','.join('?' * len(ids))})", ids)
    capture = snapshot.warc_path
    refs = record_index(capture)
    gone = {r["warc_record_id"] for r in unused}
    rewrite_capture(capture, set(refs) - gone, refs)
    return len(unused)
