"""`zwgk eval` in process: how a finding matches a seeded defect, what each rule's score counts, and
the severity-mismatch lines the CLI prints."""
from __future__ import annotations

import json
import locale

import pytest

from checks.evaluate import RuleScore, evaluate, evaluate_run, matches, mismatch_lines, severity_agrees
from checks.findings import Finding
from crawler.snapshot import Snapshot


def finding(rule="META-001", unit="u", url=None, column_path=None, index_no=None, severity="minor", gap=0,
            message="缺少发布机构"):
    return {"rule": rule, "unit": unit, "url": url, "column_path": column_path, "index_no": index_no,
            "severity": severity, "gap": gap, "message": message}


def entry(rule="META-001", unit="u", url=None, column=None, index_no=None, **kw):
    return {"rule": rule, "unit": unit, "url": url, "column": column, "index_no": index_no, **kw}


# ---- matching ---------------------------------------------------------------------------------

@pytest.mark.parametrize("found, seeded, same", [
    ("行政执法 > 听证公告", "听证公告", True),           # a path matches its last names
    ("听证公告", "行政执法 > 听证公告", True),           # … either way round
    ("A > B > C", "B > C", True),
    ("A>B", " B ", True),                             # spaces around the names do not count
    ("A > B > C", "A > C", False),                    # the last two names differ
    ("A > B", "A", False),                            # the last name decides
    ("X > B", "Y > B > C", False),
    ("A > > B", "A > B", True),                       # an empty level is no level
    (">", "B", False),                                # no names at all: nothing to compare
    (" > ", " > ", False),
])
def test_column_paths_match_on_their_common_tail(found, seeded, same):
    assert matches(finding(column_path=found), entry(column=seeded)) is same


@pytest.mark.parametrize("f, e, same", [
    (finding(rule="META-002", index_no="X/1"), entry(index_no="X/1"), False),      # another rule
    (finding(unit="v", index_no="X/1"), entry(index_no="X/1"), False),             # another unit
    (finding(index_no=" X/1 "), entry(index_no="X/1\t"), True),                    # spaces around ignored
    (finding(index_no="X/1", column_path="A", url="http://h/1"),
     entry(index_no="X/2", column="A", url="http://h/1"), False),                  # 索引号 first, though all else agrees
    (finding(index_no="X/1", column_path="A"), entry(column="A"), True),           # no 索引号 in truth: column
    (finding(column_path="A", url="http://h/1"), entry(index_no="X/1", column="A"), True),
    (finding(column_path="A", url="http://h/1"), entry(column="B", url="http://h/1"), False),  # column before URL
    (finding(column_path="A", url="http://h/1"), entry(url="http://h/1"), True),   # no column in truth: URL
    (finding(url="http://h/1"), entry(column="A", url="http://h/1"), True),        # no column found: URL
    (finding(url="http://H:8080/x?b=2&a=1#top"), entry(url="http://h:9090/x?a=1&b=2"), True),
    (finding(url="http://h/x?a=1"), entry(url="http://h/x?a=2"), False),
    (finding(url="http://h/1"), entry(index_no="X/1"), False),                     # no place in common
    (finding(), entry(), False),                                                   # no place at all
])
def test_matching_uses_the_most_specific_place_both_give(f, e, same):
    assert matches(f, e) is same


@pytest.mark.parametrize("found, seeded, agrees", [
    ("major", "major", True),
    ("minor", "major", False),
    (None, "major", False),
    ("veto", None, True),      # a truth entry without a severity takes any
    ("veto", "", True),
])
def test_severity_agrees(found, seeded, agrees):
    e = {} if seeded is None else {"severity": seeded}
    assert severity_agrees({"severity": found}, e) is agrees


# ---- scores -----------------------------------------------------------------------------------

def test_rates_are_none_without_findings_or_defects_and_shares_otherwise():
    assert RuleScore("X").precision is None and RuleScore("X").recall is None
    s = RuleScore("X", expected=4, found=1, findings=5, correct=2)
    assert (s.precision, s.recall) == (0.4, 0.25)


def test_every_finding_and_defect_is_counted_once_in_its_place():
    seeded = [entry(index_no="X/1", note="一"), entry(index_no="X/2", note="二"), entry(index_no="X/3", note="三"),
              entry(index_no="X/9", note="干扰项", decoy=True), entry(index_no="X/8", note="未误报的干扰项", decoy=True),
              entry(rule="LINK-001", url="http://h/a", note="死链")]
    right = finding(index_no="X/1")
    false = finding(index_no="X/5")
    on_decoy = finding(index_no="X/9")
    other_unit = finding(unit="v", index_no="X/2")
    gap = finding(index_no="X/3", gap=1, severity="advisory")
    scores = evaluate([right, false, on_decoy, other_unit, gap, finding(rule="FRESH-005", url="http://h/b")], seeded)
    assert list(scores) == ["FRESH-005", "LINK-001", "META-001"]      # sorted by rule
    m = scores["META-001"]
    assert (m.expected, m.found, m.findings, m.correct, m.decoys, m.decoys_flagged, m.gaps) == (3, 1, 4, 1, 2, 1, 1)
    assert m.false == [false, on_decoy, other_unit]     # a finding on a decoy is a false one too
    assert [e["note"] for e in m.missed] == ["二", "三"]  # a gap claims nothing: 三 is missed
    assert [e["note"] for e in m.flagged_decoys] == ["干扰项"]
    assert m.mismatched == []
    link = scores["LINK-001"]
    assert (link.expected, link.found, link.findings, link.correct, link.gaps) == (1, 0, 0, 0, 0)
    assert link.missed == [seeded[-1]] and link.precision is None and link.recall == 0
    fresh = scores["FRESH-005"]                          # a rule the truth does not know
    assert (fresh.expected, fresh.findings, fresh.correct, len(fresh.false)) == (0, 1, 0, 1)
    assert fresh.recall is None and fresh.precision == 0


def test_a_gap_alone_makes_its_rule_known_and_counts_nothing_else():
    scores = evaluate([finding(rule="CAT-001", gap=1), finding(rule="CAT-001", gap=1)], [])
    s = scores["CAT-001"]
    assert (s.gaps, s.findings, s.expected, s.false) == (2, 0, 0, [])


def test_a_mismatch_is_neither_found_nor_missed_and_names_the_first_defect_there():
    first = entry(column="A", note="一", severity="major")
    second = entry(column="A", note="二", severity="veto")
    f = finding(column_path="A", severity="minor")
    s = evaluate([f], [first, second])["META-001"]
    assert (s.findings, s.correct, s.found, s.expected) == (1, 0, 0, 2)
    assert s.mismatched == [(f, first)] and s.missed == [] and s.false == []


def test_a_finding_agreeing_with_one_of_two_defects_at_its_place_finds_that_one():
    major = entry(column="A", note="严重", severity="major")
    minor = entry(column="A", note="一般", severity="minor")
    s = evaluate([finding(column_path="A", severity="minor")], [major, minor])["META-001"]
    assert (s.findings, s.correct, s.found, s.mismatched, s.false) == (1, 1, 1, [], [])
    assert s.missed == [major]


def test_a_finding_on_a_defect_and_a_decoy_at_one_place_is_correct_and_flags_the_decoy():
    real = entry(column="A", note="真")
    decoy = entry(column="A", note="假", decoy=True)
    s = evaluate([finding(column_path="A")], [real, decoy])["META-001"]
    assert (s.correct, s.found, s.decoys_flagged, s.flagged_decoys, s.false) == (1, 1, 1, [decoy], [])


def test_evaluate_run_reads_the_stored_findings(tmp_path):
    snap = Snapshot.create(tmp_path / "run", "t", "test", "2019-09-30")
    for f in (Finding("META-001", "u", "minor", "缺少发布机构", index_no="X/1", fingerprint="a"),
              Finding("META-001", "u", "minor", "缺少发布机构", index_no="X/2", fingerprint="b"),
              Finding("CAT-001", "u", "advisory", "抓取不完整", column_path="A", fingerprint="c", gap=True)):
        snap.add("findings", f.row())
    snap.close()
    truth = tmp_path / "truth.json"
    truth.write_text(json.dumps([entry(index_no="X/1"), entry(index_no="X/3")], ensure_ascii=False), encoding="utf-8")
    scores = evaluate_run(tmp_path / "run", truth)
    s = scores["META-001"]
    assert (s.expected, s.found, s.findings, s.correct) == (2, 1, 2, 1)
    assert [f["index_no"] for f in s.false] == ["X/2"] and s.missed == [entry(index_no="X/3")]
    assert scores["CAT-001"].gaps == 1


# ---- what `zwgk eval` prints about mismatches ---------------------------------------------------

def test_mismatch_lines_name_rule_unit_severities_note_and_place():
    scores = evaluate(
        [finding(rule="FRESH-005", index_no="X/1", url="http://h/1", severity="major"),
         finding(rule="FRESH-005", index_no="X/2", url=None, severity="strange"),
         finding(rule="META-001", index_no="X/3", url=None, severity="veto")],
        [entry(rule="FRESH-005", index_no="X/1", url="http://h/seeded", note="日期晚于检查日", severity="minor"),
         entry(rule="FRESH-005", index_no="X/2", url="http://h/2", severity="advisory"),
         entry(rule="META-001", index_no="X/3", note=None, severity="odd")])
    assert mismatch_lines(scores) == [
        "严重程度不符 FRESH-005 u：应为“一般”，实为“严重”：日期晚于检查日（http://h/1）",
        "严重程度不符 FRESH-005 u：应为“提示”，实为“strange”：（http://h/2）",
        "严重程度不符 META-001 u：应为“odd”，实为“单项否决”：（）",
        "严重程度不符 3 处（位置对而严重程度不对：不算查出，计入查准率的分母）"]


def test_mismatch_lines_without_mismatches_say_none():
    scores = evaluate([finding(index_no="X/1")], [entry(index_no="X/1", severity="minor")])
    assert mismatch_lines(scores) == ["严重程度不符 0 处（位置对而严重程度不对：不算查出，计入查准率的分母）"]


def test_counts_add_up_over_several_findings_defects_and_decoys():
    seeded = [entry(index_no=f"X/{n}") for n in (1, 2, 3)] + [entry(index_no=f"D/{n}", decoy=True) for n in (1, 2)]
    found = [finding(index_no=n) for n in ("X/1", "X/2", "X/3", "D/1", "D/2")]
    s = evaluate(found + [finding(index_no="X/1", gap=1), finding(index_no="X/2", gap=1)], seeded)["META-001"]
    assert (s.expected, s.found, s.findings, s.correct, s.decoys, s.decoys_flagged, s.gaps) == (3, 3, 5, 3, 2, 2, 2)
    assert s.precision == 0.6 and s.recall == 1


def test_each_score_names_its_rule():
    scores = evaluate([finding(rule="A-001"), finding(rule="B-001", gap=1)], [entry(rule="C-001")])
    assert {code: s.rule for code, s in scores.items()} == {"A-001": "A-001", "B-001": "B-001", "C-001": "C-001"}


@pytest.fixture
def ascii_locale():
    """A machine whose locale is not UTF-8 (a GBK or ASCII Windows or server): files are UTF-8 still."""
    old = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    yield
    locale.setlocale(locale.LC_CTYPE, old)


def test_the_truth_file_is_read_as_utf8_whatever_the_locale(tmp_path, ascii_locale):
    Snapshot.create(tmp_path / "run", "t", "test", "2019-09-30").close()
    truth = tmp_path / "truth.json"
    truth.write_bytes(json.dumps([entry(note="缺少发布机构")], ensure_ascii=False).encode("utf-8"))
    (s,) = evaluate_run(tmp_path / "run", truth).values()
    assert s.missed == [entry(note="缺少发布机构")]
