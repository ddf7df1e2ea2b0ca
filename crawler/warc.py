"""The WARC capture: every response as fetched, so evidence can be replayed and re-extracted.

``capture.warc.gz`` sits beside ``snapshot.db``; ``fetches.warc_record_id`` names the record of
each fetch. Records are written with warcio, one gzip member per record, so the file stays valid
up to the last complete record if a crawl is killed, and a resumed crawl can append to it.

Choices worth knowing when reading a capture back:

- The body is stored as the crawler received it *after* content decoding (Scrapy has already
  gunzipped it; that is also what ``fetches.sha256`` hashes). So that the record does not claim
  an encoding its payload no longer has, ``Content-Encoding`` and ``Transfer-Encoding`` are
  renamed ``X-Orig-Content-Encoding``/``X-Orig-Transfer-Encoding`` and ``Content-Length`` is set to
  the stored length (a different original value is kept as ``X-Orig-Content-Length``). Bodies
  are byte-exact; header values that are not ASCII are %-encoded by warcio (RFC 8187).
- A request that got no response (DNS failure, refused, timeout) is written as a ``metadata``
  record for the URL with an ``application/warc-fields`` body (``fetch-error: ...``), the way
  Heritrix records per-URL crawl metadata. A ``resource`` record would claim the error text *is*
  the URL's content, and a ``response`` record needs a real HTTP status line.
"""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

logger = logging.getLogger(__name__)

# Headers that describe a transfer coding the stored payload no longer has (see module doc).
_RENAMED = {"content-encoding": "X-Orig-Content-Encoding",
            "transfer-encoding": "X-Orig-Transfer-Encoding"}


class WarcCapture:
    """Append-only writer of one run's ``capture.warc.gz``."""

    def __init__(self, path: str | Path, info: dict[str, str] | None = None):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        is_new = not self.path.exists() or self.path.stat().st_size == 0
        self._file = open(self.path, "ab")
        self._writer = WARCWriter(self._file, gzip=True)
        if is_new:
            self._write_warcinfo(info or {})

    def _write_warcinfo(self, info: dict[str, str]) -> None:
        fields = {"software": "zwgk-audit (warcio)", "format": "WARC File Format 1.0", **info}
        record = self._writer.create_warcinfo_record(self.path.name, fields)
        self._writer.write_record(record)
        self._file.flush()

    def record_response(self, url: str, status: int, reason: str | None,
                        headers: list[tuple[Any, Any]], body: bytes,
                        fetched_at: datetime | str | None = None) -> str:
        """Write a ``response`` record for one HTTP response; return its WARC-Record-ID.

        ``headers`` are (name, value) pairs, str or bytes; ``reason`` may be empty, in which case
        the standard phrase for ``status`` is used.
        """
        http_headers = StatusAndHeaders(f"{status} {reason or _reason(status)}",
                                        _normalise_headers(headers, len(body)),
                                        protocol="HTTP/1.1")
        record = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body),
            http_headers=http_headers, warc_headers_dict={"WARC-Date": _warc_date(fetched_at)})
        return self._write(record)

    def record_error(self, url: str, error: str,
                     fetched_at: datetime | str | None = None) -> str:
        """Write a ``metadata`` record noting that ``url`` got no response; return its id."""
        # warc-fields is a line-based format: keep the message on one line.
        message = " ".join(str(error).split())
        payload = f"fetch-error: {message}\r\n".encode("utf-8")
        record = self._writer.create_warc_record(
            url, "metadata", payload=io.BytesIO(payload), length=len(payload),
            warc_content_type="application/warc-fields",
            warc_headers_dict={"WARC-Date": _warc_date(fetched_at)})
        return self._write(record)

    def _write(self, record) -> str:
        self._writer.write_record(record)
        # One flush per record: a killed crawl loses at most the record being written.
        self._file.flush()
        return record.rec_headers.get_header("WARC-Record-ID")

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()

    def __enter__(self) -> WarcCapture:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def iter_responses(path: str | Path) -> Iterator[tuple[str, str, int, list[tuple[str, str]], bytes]]:
    """Yield ``(record_id, url, status, headers, body)`` for every response record in a capture.

    ``headers`` are the stored pairs (see the module doc for the renamed ones); ``body`` is the
    payload exactly as stored.
    """
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            status = _http_status(record)
            if record.rec_type != "response" or status is None:
                continue
            yield (record.rec_headers.get_header("WARC-Record-ID"),
                   record.rec_headers.get_header("WARC-Target-URI"),
                   status,
                   list(record.http_headers.headers),
                   record.raw_stream.read())


@dataclass(frozen=True)
class RecordRef:
    """Where one record of a capture lies, and what a reader needs before opening it."""
    offset: int
    length: int                 # bytes of the record's gzip member
    rec_type: str               # 'response' | 'metadata' (a failure)
    status: int | None          # HTTP status of a response; None if it has no readable status line
    content_type: str           # Content-Type of a response; '' otherwise


def index_records(path: str | Path) -> dict[str, list[RecordRef]]:
    """url → its records in capture order, without keeping any body in memory.

    A capture whose tail is cut (a killed crawl, a truncated copy) is indexed up to the last record
    that can be read: what is before it is still evidence."""
    out: dict[str, list[RecordRef]] = {}
    with open(path, "rb") as stream:
        it = ArchiveIterator(stream)
        try:
            for record in it:
                if record.rec_type not in ("response", "metadata"):
                    continue
                status = _http_status(record) if record.rec_type == "response" else None
                url = record.rec_headers.get_header("WARC-Target-URI")
                ctype = (record.http_headers.get_header("Content-Type") or "") if status is not None else ""
                it.read_to_end(record)
                out.setdefault(url, []).append(RecordRef(it.get_record_offset(), it.get_record_length(),
                                                         record.rec_type, status, ctype))
        except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, zlib.error) as exc:
            # warcio reads a half-written last member as an AttributeError or ArchiveLoadFailed
            logger.warning("%s: unreadable after %d URLs (%s: %s)", path, len(out), type(exc).__name__, exc)
    return out


def read_response(stream, ref: RecordRef) -> tuple[int, list[tuple[str, str]], bytes] | None:
    """(status, headers, body) of the response record at `ref` in an open capture; None if the
    record has no HTTP status line to answer with (a resource record, a response without headers)."""
    stream.seek(ref.offset)
    record = next(iter(ArchiveIterator(stream)))
    status = _http_status(record)
    if record.rec_type != "response" or status is None:
        return None
    return status, list(record.http_headers.headers), record.raw_stream.read()


def _http_status(record) -> int | None:
    """The HTTP status of a record, or None when it has none that can be read: warcio leaves
    http_headers empty for a record that is not application/http, and reads a garbled status
    line loosely ('no status')."""
    http = record.http_headers
    try:
        status = int(http.get_statuscode()) if http is not None else None
    except (TypeError, ValueError):
        return None
    return status if status is not None and 100 <= status <= 999 else None


def copy_records(path: str | Path, refs: list[RecordRef], target: str | Path) -> int:
    """Copy records byte for byte into a new capture: each record is its own gzip member, so the
    copies make a valid .warc.gz."""
    with open(path, "rb") as src, open(target, "wb") as out:
        for ref in sorted(refs, key=lambda r: r.offset):
            src.seek(ref.offset)
            out.write(src.read(ref.length))
    return len(refs)


def iter_errors(path: str | Path) -> Iterator[tuple[str, str, str]]:
    """Yield ``(record_id, url, error)`` for every failure noted by ``record_error``."""
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "metadata":
                continue
            text = record.content_stream().read().decode("utf-8", "replace")
            for line in text.splitlines():
                name, _, value = line.partition(":")
                if name.strip() == "fetch-error":
                    yield (record.rec_headers.get_header("WARC-Record-ID"),
                           record.rec_headers.get_header("WARC-Target-URI"), value.strip())


def _normalise_headers(headers: list[tuple[Any, Any]], length: int) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    original_length = None
    for name, value in headers:
        name, value = _text(name), _text(value)
        lower = name.lower()
        if lower in _RENAMED:
            out.append((_RENAMED[lower], value))
        elif lower == "content-length":
            original_length = value
        else:
            out.append((name, value))
    if original_length is not None and original_length.strip() != str(length):
        out.append(("X-Orig-Content-Length", original_length))
    out.append(("Content-Length", str(length)))
    return out


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        # Header bytes are usually ASCII; UTF-8 names in Content-Disposition are common on
        # Chinese sites, and latin-1 keeps any other bytes one-to-one.
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value.decode("latin-1")
    return str(value)


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _warc_date(value: datetime | str | None) -> str:
    """WARC-Date (UTC, second precision, as WARC/1.0 requires) from a datetime or ISO text."""
    if value is None:
        moment = datetime.now(timezone.utc)
    elif isinstance(value, str):
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    else:
        moment = value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)  # naive times are taken to be UTC
    return datetime_to_iso_date(moment.astimezone(timezone.utc).replace(tzinfo=None))
