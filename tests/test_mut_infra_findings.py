"""Findings (checks/findings.py): the stored row, the normalised URL and fingerprint a finding keeps
across runs, and the exported findings.csv / findings.jsonl; the rule registry (checks/registry.py)."""
from __future__ import annotations

import csv
import hashlib
import json
import locale

import pytest

import checks.registry as registry
import checks.rules  # noqa: F401  (the catalogue registered before any test empties the registry)
from checks.findings import EXPORT_FIELDS, Finding, export, fingerprint, normalised_url, spreadsheet_cell
from checks.registry import SEVERITIES, Rule, all_rules, rule


# ---- the finding row --------------------------------------------------------------------------

@pytest.mark.parametrize("gap, stored", [(False, 0), (True, 1)])
def test_row_stores_every_field_and_the_gap_flag_as_0_or_1(gap, stored):
    f = Finding("LINK-001", "u", "minor", "链接失效", url="http://h/1", column_path="A > B", index_no="X/1",
                indicator="4.(1)", evidence={"status": 404}, fingerprint="abc", gap=gap)
    row = f.row()
    assert row == {"rule": "LINK-001", "unit": "u", "severity": "minor", "message": "链接失效", "url": "http://h/1",
                   "column_path": "A > B", "index_no": "X/1", "indicator": "4.(1)", "evidence": {"status": 404},
                   "fingerprint": "abc", "gap": stored}
    assert type(row["gap"]) is int


def test_a_new_finding_has_no_place_no_evidence_and_is_no_gap():
    row = Finding("X", "u", "minor", "m").row()
    assert (row["url"], row["column_path"], row["index_no"], row["indicator"], row["evidence"],
            row["fingerprint"], row["gap"]) == (None, None, None, None, {}, "", 0)


# ---- normalised URL and fingerprint -------------------------------------------------------------

@pytest.mark.parametrize("url, normal", [
    (None, ""),
    ("", ""),
    ("http://Example.GOV.cn:8080/a/B.html?b=2&a=1#top", "//example.gov.cn/a/B.html?a=1&b=2"),
    ("https://example.gov.cn", "//example.gov.cn/"),                    # no path: the root
    ("http://h/x?b=&a=1", "//h/x?a=1&b="),                              # blank values kept
    ("http://h/x?a=2&a=1", "//h/x?a=1&a=2"),
    ("/relative/path?q=1", "/relative/path?q=1"),                         # no host
])
def test_normalised_url(url, normal):
    assert normalised_url(url) == normal


def test_fingerprint_is_the_documented_hash_of_rule_unit_and_place():
    # pinned: a fingerprint computed differently would split every tracked problem from last quarter's
    key = "\x1f".join(("LINK-001", "u", "//h/x?a=1&b=2", "A>B", "X/1", "d"))
    assert fingerprint("LINK-001", "u", "http://h:81/x?b=2&a=1", " A > B ", "  X/1 ", "d") == \
        hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    empty = "\x1f".join(("R", "u", "", "", "", ""))
    assert fingerprint("R", "u", None, None, None) == hashlib.sha256(empty.encode("utf-8")).hexdigest()[:16]


def test_fingerprint_tells_every_part_of_the_place_apart():
    base = dict(rule="R", unit="u", url="http://h/1", column_path="A > B", index_no="X/1", detail="")
    fp = fingerprint(**base)
    for change in ({"rule": "S"}, {"unit": "v"}, {"url": "http://h/2"}, {"column_path": "A > C"},
                   {"index_no": "X/2"}, {"detail": "more"}):
        assert fingerprint(**{**base, **change}) != fp, change
    for same in ({"url": "http://H:9/1#x"}, {"column_path": "A>B"}, {"index_no": " X/1 "}):
        assert fingerprint(**{**base, **same}) == fp, same


# ---- export -----------------------------------------------------------------------------------

def row(**kw):
    base = {"rule": "X-001", "unit": "u", "severity": "minor", "indicator": "4.(1)", "url": None,
            "column_path": None, "index_no": None, "message": "消息", "fingerprint": "f1", "evidence": None}
    return {**base, **kw}


def test_export_writes_csv_for_excel_and_jsonl_with_evidence(tmp_path):
    rules = {"X-001": Rule("X-001", "内部链接失效", "minor", "4.(1)", "P2015 链接可用性", "站内链接应能正常打开")}
    findings = [row(url="http://h/1", column_path="A > B", index_no="X/1", evidence={"status": 404, "文字": "甲"}),
                row(rule="Y-009", unit="v", severity="major", indicator=None, message="=HYPERLINK(\"x\")",
                    fingerprint="f2", column_path="-列")]
    csv_path, jsonl_path = export(findings, rules, tmp_path)
    assert (csv_path, jsonl_path) == (tmp_path / "findings.csv", tmp_path / "findings.jsonl")
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                       # the BOM: Excel reads UTF-8
    assert raw.count(b"\r\n") == 3                               # header and two rows, CRLF as CSV has it
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == list(EXPORT_FIELDS)
    assert rows[1] == ["X-001", "u", "minor", "4.(1)", "http://h/1", "A > B", "X/1", "消息", "f1", "内部链接失效",
                       "全国政府网站普查评分表（国办发〔2015〕15号） 链接可用性", "站内链接应能正常打开"]
    assert rows[2] == ["Y-009", "v", "major", "", "", "'-列", "", "'=HYPERLINK(\"x\")", "f2", "", "", ""]
    text = jsonl_path.read_text(encoding="utf-8")
    assert "内部链接失效" in text                                  # readable, not \u escapes
    first, second = (json.loads(line) for line in text.splitlines())
    assert first == {"rule": "X-001", "unit": "u", "severity": "minor", "indicator": "4.(1)", "url": "http://h/1",
                     "column": "A > B", "index_no": "X/1", "message": "消息", "fingerprint": "f1",
                     "title": "内部链接失效", "source": "全国政府网站普查评分表（国办发〔2015〕15号） 链接可用性",
                     "requirement": "站内链接应能正常打开", "evidence": {"status": 404, "文字": "甲"}}
    assert second["message"] == "=HYPERLINK(\"x\")" and second["column"] == "-列"   # JSON is data, not cells
    assert second["evidence"] == {} and second["indicator"] is None and second["title"] == ""


def test_export_of_no_findings_writes_the_header_only(tmp_path):
    csv_path, jsonl_path = export([], {}, tmp_path)
    assert csv_path.read_bytes() == ("\ufeff" + ",".join(EXPORT_FIELDS) + "\r\n").encode("utf-8")
    assert jsonl_path.read_text(encoding="utf-8") == ""


@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("a=1", "a=1"), ("正文", "正文"), ("", ""), (" =1", " =1"), (-1, -1), (None, None),
])
def test_spreadsheet_cell_is_never_a_formula(value, cell):
    assert spreadsheet_cell(value) == cell


# ---- the registry -----------------------------------------------------------------------------

@pytest.fixture
def empty_registry(monkeypatch):
    monkeypatch.setattr(registry, "RULES", {})
    return registry


def check(audit):
    yield from ()


def test_rule_registers_its_check_with_metadata_and_params(empty_registry):
    returned = rule("T-001", "测试问题", "major", "2.(1)", "R2019 第二十条", requirement="应当公开",
                    administrative_only=True, days=20, broken=(404,))(check)
    assert returned is check                                     # still callable as written
    r = empty_registry.RULES["T-001"]
    assert r == Rule("T-001", "测试问题", "major", "2.(1)", "R2019 第二十条", "应当公开", {"days": 20, "broken": (404,)},
                     True, check)
    assert r.family == "T" and r.source_text == "《政府信息公开条例》（2019年修订） 第二十条"
    rule("T-002", "其他", "advisory", "1.(1)", "G2017", requirement="要求")(check)
    assert empty_registry.RULES["T-002"].administrative_only is False and empty_registry.RULES["T-002"].params == {}


def test_rule_params_are_a_copy_per_rule(empty_registry):
    rule("T-001", "甲", "minor", "1", "s", requirement="r", n=1)(check)
    rule("T-002", "乙", "minor", "1", "s", requirement="r", n=2)(check)
    assert empty_registry.RULES["T-001"].params == {"n": 1} and empty_registry.RULES["T-002"].params == {"n": 2}


@pytest.mark.parametrize("severity", SEVERITIES)
def test_every_known_severity_is_accepted(empty_registry, severity):
    rule("T-001", "甲", severity, "1", "s", requirement="r")(check)
    assert empty_registry.RULES["T-001"].severity == severity


@pytest.mark.parametrize("severity", ["Major", "serious", "", None])
def test_an_unknown_severity_is_refused_before_registering(empty_registry, severity):
    with pytest.raises(ValueError) as err:
        rule("T-001", "甲", severity, "1", "s", requirement="r")
    assert str(err.value) == f"T-001: unknown severity {severity!r}"
    assert empty_registry.RULES == {}


def test_a_code_registered_twice_is_refused_and_the_first_kept(empty_registry):
    rule("T-001", "甲", "minor", "1", "s", requirement="r")(check)
    with pytest.raises(ValueError) as err:
        rule("T-001", "乙", "major", "1", "s", requirement="r")(lambda audit: ())
    assert str(err.value) == "T-001 registered twice"
    assert empty_registry.RULES["T-001"].title == "甲"


def test_all_rules_are_every_registered_rule_in_code_order(empty_registry):
    for code in ("Z-001", "A-002", "A-001"):
        rule(code, "甲", "minor", "1", "s", requirement="r")(check)
    # the rule modules are imported already, so only what is registered here is listed
    got = all_rules()
    assert list(got) == ["A-001", "A-002", "Z-001"]
    assert got is not empty_registry.RULES and got == empty_registry.RULES


def test_the_catalogue_is_registered_on_import():
    rules = all_rules()
    assert list(rules) == sorted(rules) and len(rules) > 40
    assert {"LINK-001", "META-001", "CAT-001", "FRESH-005"} <= set(rules)
    assert all(r.code == code and callable(r.check) for code, r in rules.items())


def test_export_leaves_a_place_not_given_empty(tmp_path):
    csv_path, jsonl_path = export([row()], {}, tmp_path)
    (exported,) = csv.DictReader(csv_path.read_text(encoding="utf-8-sig").splitlines())
    assert (exported["url"], exported["column"], exported["index_no"]) == ("", "", "")
    (line,) = jsonl_path.read_text(encoding="utf-8").splitlines()
    assert (json.loads(line)["url"], json.loads(line)["column"], json.loads(line)["index_no"]) == ("", "", "")


@pytest.fixture
def ascii_locale():
    """A machine whose locale is not UTF-8 (a GBK or ASCII Windows or server): files are UTF-8 still."""
    old = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    yield
    locale.setlocale(locale.LC_CTYPE, old)


def test_export_writes_utf8_whatever_the_locale(tmp_path, ascii_locale):
    csv_path, jsonl_path = export([row(message="信息缺少发布机构")], {}, tmp_path)
    assert "信息缺少发布机构" in csv_path.read_bytes().decode("utf-8-sig")
    assert json.loads(jsonl_path.read_bytes().decode("utf-8"))["message"] == "信息缺少发布机构"
