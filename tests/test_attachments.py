"""Attachments must be real, readable files and byte-for-byte reproducible."""

import io

import docx
import openpyxl
import pypdf
import pytest
from pdfminer.high_level import extract_text as pdfminer_extract_text
from reportlab.pdfbase.pdfmetrics import stringWidth

from demo_sites.attachments import docx_bytes, pdf_bytes, xlsx_bytes

TITLE = "关于2019年城乡低保补助发放情况的公示"
ID_NUMBER = "110101199003071234"
NAME = "张秀英"
PARAGRAPHS = [
    "根据《城乡居民最低生活保障审核审批办法》有关规定，经个人申请、村（居）委会评议、"
    "乡镇人民政府审核、县民政局审批，现将2019年第三季度城乡低保补助发放情况予以公示。"
    f"其中{NAME}（身份证号{ID_NUMBER}）家庭人均收入低于当地保障标准，按月发放补助金。",
    "公示期为七个工作日。如对公示对象有异议，请于公示期内向县民政局社会救助股反映，"
    "联系电话：0371-12345678。我局将依法依规进行调查核实，并对举报人信息严格保密。" * 4,
]
ROWS = [
    ["姓名", "身份证号", "银行卡号", "金额"],
    [NAME, ID_NUMBER, "6222021234567890123", "1200.00"],
    ["王建国", "410102198507152345", "6228480012345678901", "860.00"],
]


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def _xlsx_text(data: bytes) -> str:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(
        str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None
    )


def _pypdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def _pdfminer_text(data: bytes) -> str:
    return pdfminer_extract_text(io.BytesIO(data))


FORMATS = {
    "docx": (docx_bytes, PARAGRAPHS, b"PK\x03\x04"),
    "xlsx": (xlsx_bytes, ROWS, b"PK\x03\x04"),
    "pdf": (pdf_bytes, PARAGRAPHS, b"%PDF-"),
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_args_give_identical_bytes(fmt):
    build, body, _ = FORMATS[fmt]
    assert build(TITLE, body) == build(TITLE, body)


@pytest.mark.parametrize("fmt", FORMATS)
def test_different_text_gives_different_bytes(fmt):
    build, body, _ = FORMATS[fmt]
    assert build(TITLE, body) != build(TITLE.replace("2019", "2020"), body)
    changed = [[cell.replace(NAME, "李桂兰") for cell in item] if isinstance(item, list)
               else item.replace(NAME, "李桂兰") for item in body]
    assert build(TITLE, body) != build(TITLE, changed)


@pytest.mark.parametrize("fmt", FORMATS)
def test_magic_bytes(fmt):
    build, body, magic = FORMATS[fmt]
    assert build(TITLE, body).startswith(magic)


@pytest.mark.parametrize(
    "fmt, reader",
    [
        ("docx", _docx_text),
        ("xlsx", _xlsx_text),
        ("pdf", _pypdf_text),
        ("pdf", _pdfminer_text),
    ],
    ids=["docx", "xlsx", "pdf-pypdf", "pdf-pdfminer"],
)
def test_text_reads_back(fmt, reader):
    build, body, _ = FORMATS[fmt]
    text = reader(build(TITLE, body))
    assert TITLE in text
    assert ID_NUMBER in text
    assert NAME in text


def test_pdf_wraps_long_text_onto_several_pages():
    data = pdf_bytes(TITLE, PARAGRAPHS * 10)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 1
    page_width = float(reader.pages[0].mediabox.width)
    # Every extracted line, measured at the 12pt body size, must fit inside the page.
    for line in _pypdf_text(data).splitlines():
        assert stringWidth(line, "STSong-Light", 12) < page_width
