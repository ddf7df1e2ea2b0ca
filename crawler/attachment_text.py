"""Text of downloaded attachments (.docx, .xlsx, .pdf, .txt) for the checks to search.

``extract_text(data, ext)`` returns ``(text, error)`` and never raises: attachments on government
sites are often broken (an HTML error page saved as .pdf, a truncated download, an encrypted
file), and one bad file must not stop a crawl. ``error`` says what went wrong so the caller can
store it in ``attachments.error``.

- A format without an extractor (.doc, .wps, .xls, .zip, .rar, images ...) gives ``("", None)``:
  not an error, just nothing extracted. ``SUPPORTED`` lists the formats that are read.
- A readable file without a text layer (a scanned PDF) also gives ``("", None)``; a rule can
  flag it.
- Output is cut to ``cap`` characters, and readers stop early once they have that much, or after
  XLSX_CELL_LIMIT cells / PDF_PAGE_LIMIT pages, so a huge spreadsheet or scan costs little.
"""

from __future__ import annotations

import codecs
import datetime
import io
import zipfile
from collections.abc import Callable, Iterator


# A styled sheet can declare a million empty rows; stop after this many cells however little
# text they held.
XLSX_CELL_LIMIT = 500_000
# Scanned PDFs give no text per page, so the character cap never stops them: cap pages too.
PDF_PAGE_LIMIT = 300
# python-docx loads the whole document XML into memory: refuse a zip that would expand beyond
# this (a zip bomb or a document stuffed with embedded media is not worth reading).
DOCX_UNZIPPED_LIMIT = 200 * 1024 * 1024

DEFAULT_CAP = 100_000


class _ReaderError(Exception):
    """A reader's own failure report, already worded (no exception type prefix needed)."""


def extract_text(data: bytes, ext: str | None, cap: int = DEFAULT_CAP) -> tuple[str, str | None]:
    """Return ``(text, error)`` for an attachment's bytes; ``ext`` like ``"pdf"`` or ``".PDF"``.

    An empty ``ext`` (a download URL without one, e.g. ``download.jsp?id=1``) is guessed from
    the file's leading bytes.
    """
    ext = (ext or "").lower().lstrip(".") or sniff_ext(data)
    reader = _READERS.get(ext)
    if reader is None:
        return "", None
    if not data:
        return "", f"{ext}: empty file"
    problem = _check_magic(ext, data)
    if problem:
        return "", problem
    try:
        return _join_capped(reader(data, cap), cap), None
    except _ReaderError as exc:
        return "", f"{ext}: {exc}"[:500]
    except Exception as exc:  # any library failure on a malformed file is the file's problem
        return "", f"{ext}: {type(exc).__name__}: {exc}"[:500]


def sniff_ext(data: bytes) -> str:
    """Guess ``pdf``, ``docx`` or ``xlsx`` from the bytes; ``""`` when unknown."""
    if data[:1024].lstrip().startswith(b"%PDF"):
        return "pdf"
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return ""
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return ""


def _check_magic(ext: str, data: bytes) -> str | None:
    """A clear message when the bytes are not the format the extension claims."""
    head = data[:1024].lstrip()
    if ext == "pdf" and b"%PDF" not in data[:1024]:
        return f"pdf: not a PDF file (starts with {_describe(head)})"
    if ext in ("docx", "xlsx") and not data.startswith(b"PK"):
        return f"{ext}: not an OOXML zip (starts with {_describe(head)})"
    return None


def _describe(head: bytes) -> str:
    if head[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "HTML, probably an error page"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an OLE2 header, an old .doc/.xls file"
    return repr(head[:16])


def _join_capped(parts: Iterator[str], cap: int) -> str:
    """Join text parts with newlines, stopping once ``cap`` characters are collected."""
    out: list[str] = []
    size = 0
    for part in parts:
        if not part:
            continue
        out.append(part)
        size += len(part) + 1
        if size >= cap:
            break
    close = getattr(parts, "close", None)
    if close is not None:
        close()  # lets a reader stopped early release its file at once (openpyxl)
    return "\n".join(out)[:cap]


def _docx(data: bytes, cap: int) -> Iterator[str]:
    import docx
    from docx.table import Table

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unzipped = sum(info.file_size for info in archive.infolist())
    if unzipped > DOCX_UNZIPPED_LIMIT:
        raise ValueError(f"expands to {unzipped} bytes, over the {DOCX_UNZIPPED_LIMIT} limit")
    document = docx.Document(io.BytesIO(data))
    # Body order matters (a table of names follows the paragraph announcing it), so walk
    # paragraphs and tables together rather than one list after the other.
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from _docx_table(block)
        else:
            yield block.text


def _docx_table(table) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            # A horizontally merged cell is returned once per grid column it spans.
            if cell._tc is previous:
                continue
            previous = cell._tc
            cells.append(cell.text.strip())
            for nested in cell.tables:
                yield from _docx_table(nested)
        yield "\t".join(cells).rstrip()


def _xlsx(data: bytes, cap: int) -> Iterator[str]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheets = workbook.worksheets
        seen_cells = 0
        size = 0
        for sheet in sheets:
            if len(sheets) > 1:
                yield str(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                seen_cells += len(row)
                line = "\t".join(_cell_text(v) for v in row).rstrip()
                if line:
                    size += len(line) + 1
                    yield line
                if seen_cells >= XLSX_CELL_LIMIT or size >= cap:
                    return
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 12.0 → "12": Excel stores every number as a float
    return str(value)


def _pdf(data: bytes, cap: int) -> Iterator[str]:
    text, pypdf_error = _pdf_pypdf(data, cap)
    if text.strip() and not pypdf_error:
        yield text
        return
    # pypdf misses some fonts' encodings and some damaged files that pdfminer handles; before
    # calling a file text-less or broken, ask pdfminer (when installed).
    try:
        from pdfminer.high_level import extract_text as pdfminer_extract
    except ImportError:
        pdfminer_extract = None
    if pdfminer_extract is not None:
        try:
            text = pdfminer_extract(io.BytesIO(data), maxpages=PDF_PAGE_LIMIT)
        except Exception as exc:
            raise _ReaderError(f"{pypdf_error or 'pypdf: no text'}; "
                               f"pdfminer: {type(exc).__name__}: {exc}") from exc
        if text.strip():
            yield text
            return
    if pypdf_error:
        raise _ReaderError(pypdf_error)


def _pdf_pypdf(data: bytes, cap: int) -> tuple[str, str | None]:
    """pypdf's text (up to ``cap`` and PDF_PAGE_LIMIT pages) and its error, if it failed."""
    import pypdf

    parts: list[str] = []
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Many official PDFs are encrypted only to restrict printing, with an empty
            # user password: they open without one.
            reader.decrypt("")
        size = 0
        for number, page in enumerate(reader.pages):
            if number >= PDF_PAGE_LIMIT or size >= cap:
                break
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
    except Exception as exc:
        return "\n".join(parts), f"pypdf: {type(exc).__name__}: {exc}"
    return "\n".join(parts), None


def _txt(data: bytes, cap: int) -> Iterator[str]:
    # Read a little more than cap in bytes; every encoding here uses at most 4 bytes a character.
    sample = data[: cap * 4]
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if sample.startswith(bom):
            yield sample.decode(encoding, "replace")
            return
    # Chinese plain text is UTF-8 or GBK/GB2312 (GB18030 covers both); a cut at cap*4 bytes may
    # split the last character, so only the tail may be malformed.
    for encoding in ("utf-8", "gb18030"):
        try:
            yield _decode_allowing_cut_tail(sample, encoding)
            return
        except UnicodeDecodeError:
            continue
    yield sample.decode("gb18030", "replace")


def _decode_allowing_cut_tail(sample: bytes, encoding: str) -> str:
    decoder = codecs.getincrementaldecoder(encoding)()
    return decoder.decode(sample, final=False)


_READERS: dict[str, Callable[[bytes, int], Iterator[str]]] = {
    "docx": _docx,
    "xlsx": _xlsx,
    "xlsm": _xlsx,
    "pdf": _pdf,
    "txt": _txt,
    "csv": _txt,
}

SUPPORTED = frozenset(_READERS)
