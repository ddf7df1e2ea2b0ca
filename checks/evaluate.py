"""`zwgk eval`: the findings of an audited run against a ground-truth file (the demo world's format:
a JSON list of {rule, unit, url, column, index_no, note, severity?, decoy?}).

A finding matches a truth entry with the same rule and unit on the most specific place both give:
the 索引号 if both have one, else the column (a path matches its last names), else the URL (port and
query order ignored).

Severity counts too. A finding at the place of a seeded defect whose truth entry names a severity
other than the finding's is a severity mismatch: it is not a true positive, so it lowers precision
(it stays in `findings`, never in `correct`) and its defect is not `found`, so it lowers recall as
well. Mismatches are listed apart (`RuleScore.mismatched`), not among the false findings or the
missed defects, so the reader sees "right place, wrong severity" once. A truth entry without a
severity (a hand-written truth file) matches a finding of any severity.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from crawler.snapshot import Snapshot

from .findings import normalised_url


def _column_match(a: str, b: str) -> bool:
    pa = [p.strip() for p in a.split(">") if p.strip()]
    pb = [p.strip() for p in b.split(">") if p.strip()]
    n = min(len(pa), len(pb))
    return n > 0 and pa[-n:] == pb[-n:]


def severity_agrees(finding: dict, entry: dict) -> bool:
    return not entry.get("severity") or finding.get("severity") == entry["severity"]


def matches(finding: dict, entry: dict) -> bool:
    if finding["rule"] != entry["rule"] or finding["unit"] != entry["unit"]:
        return False
    if finding.get("index_no") and entry.get("index_no"):
        return finding["index_no"].strip() == entry["index_no"].strip()
    if finding.get("column_path") and entry.get("column"):
        return _column_match(finding["column_path"], entry["column"])
    if finding.get("url") and entry.get("url"):
        return normalised_url(finding["url"]) == normalised_url(entry["url"])
    return False


@dataclass
class RuleScore:
    rule: str
    expected: int = 0          # seeded defects
    found: int = 0             # of those, matched by a finding
    findings: int = 0          # findings of the rule
    correct: int = 0           # findings that match a seeded defect, severity included
    decoys: int = 0            # decoys of the rule
    decoys_flagged: int = 0
    gaps: int = 0              # coverage gaps the rule recorded instead of deciding
    missed: list = field(default_factory=list)
    false: list = field(default_factory=list)
    flagged_decoys: list = field(default_factory=list)
    mismatched: list = field(default_factory=list)   # (finding, truth entry): right place, other severity

    @property
    def precision(self) -> float | None:
        return self.correct / self.findings if self.findings else None

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None


def evaluate(findings: list[dict], truth: list[dict]) -> dict[str, RuleScore]:
    scores: dict[str, RuleScore] = {}
    by_key = defaultdict(list)
    for e in truth:
        by_key[(e["rule"], e["unit"])].append(e)
        s = scores.setdefault(e["rule"], RuleScore(e["rule"]))
        if e.get("decoy"):
            s.decoys += 1
        else:
            s.expected += 1
    hit, mismatched = set(), set()
    for f in findings:
        if f.get("gap"):
            continue   # a coverage gap claims nothing: it is counted apart (RuleScore.gaps)
        s = scores.setdefault(f["rule"], RuleScore(f["rule"]))
        s.findings += 1
        entries = [e for e in by_key.get((f["rule"], f["unit"]), ()) if matches(f, e)]
        real = [e for e in entries if not e.get("decoy")]
        agreeing = [e for e in real if severity_agrees(f, e)]
        if agreeing:
            s.correct += 1
        elif real:
            s.mismatched.append((f, real[0]))
            mismatched.update(id(e) for e in real)
        else:
            s.false.append(f)
        for e in agreeing + [e for e in entries if e.get("decoy")]:
            hit.add(id(e))
    for f in findings:
        if f.get("gap"):
            scores.setdefault(f["rule"], RuleScore(f["rule"])).gaps += 1
    for e in truth:
        s = scores[e["rule"]]
        if e.get("decoy"):
            if id(e) in hit:
                s.decoys_flagged += 1
                s.flagged_decoys.append(e)
        elif id(e) in hit:
            s.found += 1
        elif id(e) not in mismatched:   # a mismatched defect is listed once, in `mismatched`
            s.missed.append(e)
    return dict(sorted(scores.items()))


def evaluate_run(run_dir, truth_path) -> dict[str, RuleScore]:
    truth = json.loads(Path(truth_path).read_text(encoding="utf-8"))
    snapshot = Snapshot.open(run_dir)
    try:
        findings = list(snapshot.rows("findings"))
    finally:
        snapshot.close()
    return evaluate(findings, truth)


def mismatch_lines(scores: dict[str, RuleScore]) -> list[str]:
    """The severity mismatches, one line each, and a total (Chinese, for `zwgk eval`)."""
    from .registry import SEVERITY_NAMES
    lines = []
    for code, s in scores.items():
        for f, e in s.mismatched:
            want = SEVERITY_NAMES.get(e["severity"], e["severity"])
            got = SEVERITY_NAMES.get(f.get("severity"), f.get("severity"))
            lines.append(f"严重程度不符 {code} {e['unit']}：应为“{want}”，实为“{got}”：{e.get('note') or ''}"
                         f"（{f.get('url') or e.get('url') or ''}）")
    count = sum(len(s.mismatched) for s in scores.values())
    lines.append(f"严重程度不符 {count} 处（位置对而严重程度不对：不算查出，计入查准率的分母）")
    return lines
