"""crawler/attachment_text.py: text from real office files, and no exceptions from garbage."""
from __future__ import annotations

import io

import openpyxl
import pytest

from crawler import attachment_text
from crawler.attachment_text import extract_text, sniff_ext
from demo_sites.attachments import docx_bytes, pdf_bytes, xlsx_bytes

TITLE = "关于2017年度困难群众救助名单的公示"
PARAGRAPHS = ["根据有关规定，现将名单公示如下。", "身份证号：110101199001011234，联系电话：0591-12345678。"]
ROWS = [["序号", "姓名", "身份证号"], ["1", "张三", "110101199001011234"], ["2", "李四", "350102198502023456"]]


def test_docx_paragraphs_and_tables():
    import docx
    document = docx.Document(io.BytesIO(docx_bytes(TITLE, PARAGRAPHS)))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "姓名", "金额"
    table.cell(1, 0).text, table.cell(1, 1).text = "王五", "1200"
    document.add_paragraph("表后说明")
    buf = io.BytesIO()
    document.save(buf)

    text, error = extract_text(buf.getvalue(), ".DOCX")
    assert error is None
    assert text.splitlines() == [TITLE, *PARAGRAPHS, "姓名\t金额", "王五\t1200", "表后说明"]


def test_xlsx_every_cell():
    text, error = extract_text(xlsx_bytes(TITLE, ROWS), "xlsx")
    assert error is None
    lines = text.splitlines()
    assert lines[0] == TITLE
    assert lines[1:] == ["\t".join(row) for row in ROWS]


def test_xlsx_numbers_and_dates_read_naturally():
    import datetime
    workbook = openpyxl.Workbook()
    workbook.active.append([12.0, 3.5, datetime.datetime(2017, 9, 1), None, "末列"])
    buf = io.BytesIO()
    workbook.save(buf)
    text, error = extract_text(buf.getvalue(), "xlsx")
    assert (text, error) == ("12\t3.5\t2017-09-01\t\t末列", None)


def test_xlsx_stops_early_on_a_huge_sheet(monkeypatch):
    monkeypatch.setattr(attachment_text, "XLSX_CELL_LIMIT", 30)
    rows = [[f"r{r}c{c}" for c in range(3)] for r in range(100)]
    text, error = extract_text(xlsx_bytes("大表", rows), "xlsx")
    assert error is None
    assert 5 < len(text.splitlines()) < 20


def test_pdf_chinese_text():
    text, error = extract_text(pdf_bytes(TITLE, PARAGRAPHS), "pdf")
    assert error is None
    assert TITLE in text
    assert "110101199001011234" in text


def test_txt_utf8_and_gbk():
    assert extract_text("公示名单\n张三".encode("utf-8"), "txt") == ("公示名单\n张三", None)
    assert extract_text("公示名单\n张三".encode("gbk"), "txt") == ("公示名单\n张三", None)
    assert extract_text(b"\xef\xbb\xbf" + "带BOM".encode("utf-8"), "txt") == ("带BOM", None)


def test_output_is_capped():
    text, error = extract_text(pdf_bytes(TITLE, PARAGRAPHS * 20), "pdf", cap=50)
    assert error is None and len(text) == 50
    text, _ = extract_text(("很长的文本" * 1000).encode("gb18030"), "txt", cap=7)
    assert text == "很长的文本很长"


@pytest.mark.parametrize("ext", ["doc", "wps", "zip", "xls", "jpg"])
def test_formats_without_extractor_give_nothing(ext):
    assert extract_text(b"\xd0\xcf\x11\xe0 whatever", ext) == ("", None)


GARBAGE = [
    b"",
    b"\x00\xff" * 500,
    b"<!DOCTYPE html><html><body>404 Not Found</body></html>",
    b"PK\x03\x04" + b"\x00" * 100,            # a zip header and nothing behind it
    b"%PDF-1.4\n" + b"\x00garbage" * 50,       # a PDF header and nothing behind it
    pdf_bytes(TITLE, PARAGRAPHS)[:300],          # a truncated download
    docx_bytes(TITLE, PARAGRAPHS)[:500],
]


@pytest.mark.parametrize("ext", ["pdf", "docx", "xlsx", "txt", ""])
@pytest.mark.parametrize("data", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_never_raises(data, ext):
    text, error = extract_text(data, ext)
    assert isinstance(text, str)
    assert error is None or isinstance(error, str)
    if ext in ("pdf", "docx", "xlsx") and data:
        assert error, "a broken file must say why it gave no text"


def test_html_saved_as_pdf_is_named():
    _, error = extract_text(b"<!DOCTYPE html><html>error</html>", "pdf")
    assert error == "pdf: not a PDF file (starts with HTML, probably an error page)"


def test_sniff_ext():
    assert sniff_ext(pdf_bytes(TITLE, PARAGRAPHS)) == "pdf"
    assert sniff_ext(docx_bytes(TITLE, PARAGRAPHS)) == "docx"
    assert sniff_ext(xlsx_bytes(TITLE, ROWS)) == "xlsx"
    assert sniff_ext(b"hello") == ""
    text, error = extract_text(docx_bytes(TITLE, PARAGRAPHS), "")
    assert error is None and TITLE in text


@pytest.mark.parametrize("user_password, readable", [("", True), ("secret", False)])
def test_encrypted_pdf(user_password, readable):
    # Print-restricted PDFs (empty user password) are common on government sites and must read.
    import pypdf
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf_bytes(TITLE, PARAGRAPHS)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    text, error = extract_text(buf.getvalue(), "pdf")
    if readable:
        assert error is None and TITLE in text
    else:
        assert text == "" and "FileNotDecryptedError" in error
