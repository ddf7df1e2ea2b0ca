"""Deterministic real attachment files (.docx, .xlsx, .pdf) for the demo world.

The fictional government sites link to attachments that a crawler must
download and extract text from, so they have to be genuine files that
ordinary tools can open. They are built in memory with the usual libraries
and then normalised (fixed timestamps, fixed zip metadata, reportlab's
invariant mode) so the same arguments always give byte-identical output:
fixtures, hashes and crawl results stay reproducible across runs and machines.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import docx
import openpyxl
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import tostring
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

__all__ = ["docx_bytes", "xlsx_bytes", "pdf_bytes"]

# Constant document timestamp; naive datetimes are written as UTC ("...Z").
FIXED_DATETIME = datetime.datetime(2019, 1, 1, 0, 0, 0)
# Earliest date a zip entry can carry; avoids leaking the build time.
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)

# Built-in Adobe CID font: Chinese renders without embedding a font file,
# which keeps the PDFs tiny and free of font-subsetting nondeterminism.
PDF_FONT = "STSong-Light"


def _normalize_zip(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """Rewrite an OOXML zip with stable member order and metadata.

    Member contents are kept (unless overridden by ``replace``); only
    timestamps, order, OS/attribute fields and compression are fixed.
    """
    replace = replace or {}
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        members = {name: src.read(name) for name in src.namelist()}
    members.update(replace)
    # OPC readers expect [Content_Types].xml first; the rest sorted for stability.
    names = sorted(members, key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            # ZipInfo defaults create_system to the host OS; pin it so
            # Windows and Unix builds produce the same bytes.
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, members[name], compresslevel=6)
    return out.getvalue()


def docx_bytes(title: str, paragraphs: list[str]) -> bytes:
    """Return a .docx with ``title`` as a centred heading and the paragraphs."""
    document = docx.Document()

    # Give Chinese text a Chinese font (eastAsia slot), as a real office file would.
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")

    heading = document.add_paragraph()
    heading.alignment = 1  # centre
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(16)
    for text in paragraphs:
        document.add_paragraph(text)

    props = document.core_properties
    props.title = title
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.revision = 1
    props.created = FIXED_DATETIME
    props.modified = FIXED_DATETIME
    props.last_printed = FIXED_DATETIME

    buf = io.BytesIO()
    document.save(buf)
    return _normalize_zip(buf.getvalue())


def _sheet_name(title: str) -> str:
    # Excel forbids []:*?/\ in sheet names and caps them at 31 characters.
    name = re.sub(r"[\[\]:*?/\\]", "", title).strip("'")[:31]
    return name or "Sheet1"


def xlsx_bytes(title: str, rows: list[list[str]]) -> bytes:
    """Return an .xlsx: ``title`` in A1 (also the sheet name), then ``rows``.

    ``rows[0]`` is the header. All cells are stored as text so long numbers
    such as ID or bank card numbers are not mangled into floats.
    """
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _sheet_name(title)

    width = max((len(r) for r in rows), default=1) or 1
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    if width > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center")

    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c, value=str(value))
            cell.number_format = "@"
            if r == 2:
                cell.font = Font(bold=True)

    # Rough column widths (CJK chars count double) so the sheet looks sane.
    for c in range(1, width + 1):
        longest = max(
            (sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(row[c - 1]))
             for row in rows if len(row) >= c),
            default=8,
        )
        sheet.column_dimensions[get_column_letter(c)].width = min(max(longest + 2, 8), 60)

    props = workbook.properties
    props.title = title
    props.creator = ""
    props.created = FIXED_DATETIME
    buf = io.BytesIO()
    workbook.save(buf)
    # openpyxl's save() always stamps "modified" with the current time, so
    # re-serialise core.xml afterwards with the fixed value.
    props.modified = FIXED_DATETIME
    core = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + tostring(props.to_tree())
    return _normalize_zip(buf.getvalue(), replace={"docProps/core.xml": core})


# Closing punctuation is glued to the preceding token so it never starts a
# line; runs of ASCII letters/digits stay together so an 18-digit ID number
# is not split across lines (which would break text extraction and search).
_CLOSING = "，。、；：！？）》」』】”’,.;:!?)%"
_TOKEN_RE = re.compile(
    r"(?:[0-9A-Za-z][0-9A-Za-z.\-_/:@]*|.)[" + re.escape(_CLOSING) + r"]*", re.S
)


def _wrap(text: str, font: str, size: float, first_width: float, width: float) -> list[str]:
    """Greedy width-based line wrapping for CJK text (no spaces needed)."""
    lines: list[str] = []
    line = ""
    limit = first_width
    for token in _TOKEN_RE.findall(text):
        if pdfmetrics.stringWidth(line + token, font, size) <= limit:
            line += token
            continue
        if line:
            lines.append(line)
            limit = width
        line = ""
        # A single token wider than the line (e.g. a very long number) is hard-split.
        for ch in token:
            if line and pdfmetrics.stringWidth(line + ch, font, size) > limit:
                lines.append(line)
                limit = width
                line = ""
            line += ch
    if line or not lines:
        lines.append(line)
    return lines


def pdf_bytes(title: str, paragraphs: list[str]) -> bytes:
    """Return an A4 PDF with ``title`` centred on top and wrapped paragraphs."""
    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))  # idempotent

    page_w, page_h = A4
    margin = 25 * mm
    text_w = page_w - 2 * margin
    title_size, body_size = 16, 12
    leading = body_size * 1.6
    indent = 2 * body_size  # customary two-character first-line indent

    buf = io.BytesIO()
    # invariant=1: fixed creation date and a content-derived document ID.
    # pageCompression=0: no zlib output in the file, so bytes cannot differ
    # between zlib builds; without an embedded font the file stays small.
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=0)
    pdf.setTitle(title)
    pdf.setAuthor("")
    pdf.setSubject("")
    pdf.setCreator("")

    y = page_h - margin
    for line in _wrap(title, PDF_FONT, title_size, text_w, text_w):
        y -= title_size * 1.5
        pdf.setFont(PDF_FONT, title_size)
        pdf.drawCentredString(page_w / 2, y, line)
    y -= title_size

    for text in paragraphs:
        lines = _wrap(text, PDF_FONT, body_size, text_w - indent, text_w)
        for i, line in enumerate(lines):
            if y - leading < margin:
                pdf.showPage()
                y = page_h - margin
            y -= leading
            pdf.setFont(PDF_FONT, body_size)
            pdf.drawString(margin + (indent if i == 0 else 0), y, line)
        y -= body_size * 0.4  # small gap between paragraphs

    pdf.showPage()
    pdf.save()
    return buf.getvalue()
