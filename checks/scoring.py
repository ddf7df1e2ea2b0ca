"""Scores: a unit's findings deducted from each indicator of its type's rubric.

Per indicator: points deducted = Σ deduction per finding severity (rubric `deduct`), capped at the
indicator's cap (default: its points). A veto finding (单项否决) sets the indicator to 0 under
`veto: zero`; under `veto: unit` a veto finding anywhere in the unit sets every indicator of it to 0
(each indicator's `detail["unit_veto"]` names the rules and indicators that carried the veto; reports
show it). `detail` records how each score was reached and the rule parameters that were applied.

An indicator is 未能检测 (status 'unchecked') when a rule of it recorded a coverage gap, or when the
unit's site could not be read and no rule of it found anything: its evidence was not gathered, so it
never earns full marks. The rubric's `unchecked` says how it counts: `zero` (0 points until a person
checks it) or `exclude` (out of both the score and the maximum). Coverage gaps never deduct.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

SCORE_FIELDS = ("unit", "indicator", "name", "clause", "max", "points", "score", "rate", "veto", "status",
                "findings", "deductions", "thresholds", "unchecked", "unit_veto")
STATUS_NAMES = {"checked": "已检测", "unchecked": "未能检测"}


def unit_veto_note(rules: list[str]) -> str:
    """What the reports say of a unit whose total is 0 under `veto: unit`."""
    return f"单项否决：该单位总分计0分（规则 {'、'.join(rules)}）"


def score_unit(unit: str, findings: list[dict], spec, rules: dict, unreadable: str | None = None) -> list[dict]:
    """Scores of one unit; `unreadable` says why its site could not be read at all (None: it was)."""
    rubric = spec.rubric
    by_indicator = defaultdict(list)
    gaps = defaultdict(dict)
    for f in findings:
        if f.get("gap"):
            gaps[f["indicator"]].setdefault(f["rule"], []).append((f.get("evidence") or {}).get("reason") or "")
        else:
            by_indicator[f["indicator"]].append(f)
    out = []
    applicable = {code for code, r in rules.items() if spec.type.administrative or not r.administrative_only}
    unit_veto = None
    vetoes = [f for f in findings if not f.get("gap") and f["severity"] == "veto"]
    if rubric.veto == "unit" and vetoes:
        codes = sorted({f["rule"] for f in vetoes})
        unit_veto = {"rules": codes, "indicators": sorted({f["indicator"] for f in vetoes}),
                     "note": unit_veto_note(codes)}
    for ind in rubric.indicators.values():
        if not applicable & set(ind.rules):
            continue   # e.g. 年度报告制度 for a 事业单位: no rule of it applies
        mine = by_indicator.get(ind.id, [])
        per_rule: dict[str, dict] = {}
        for f in mine:
            entry = per_rule.setdefault(f["rule"], {"count": 0, "deducted": 0.0, "severity": defaultdict(int)})
            entry["count"] += 1
            entry["deducted"] += rubric.deduct.get(f["severity"], 0)
            entry["severity"][f["severity"]] += 1
        raw = sum(e["deducted"] for e in per_rule.values())
        cap = ind.points if ind.cap is None else min(ind.cap, ind.points)
        veto = any(f["severity"] == "veto" for f in mine)
        points = ind.points if veto else min(raw, cap)   # zero and unit alike: a veto zeroes its own indicator
        unchecked = dict(gaps.get(ind.id, {}))
        if unreadable and not mine and not unchecked:
            unchecked = {code: [unreadable] for code in ind.rules if code in applicable}
        status = "unchecked" if unchecked and not veto else "checked"
        score, top = max(ind.points - points, 0), ind.points
        if unit_veto:
            # The veto decides the unit's total whatever else was or was not seen: every indicator,
            # an unchecked one too, loses all its points and stays in the maximum (`exclude` would
            # only shrink the maximum of a total that is 0 anyway). Its status still says whether
            # its own evidence was gathered.
            points, score = ind.points, 0
        elif status == "unchecked":   # evidence not gathered: never full marks
            points, score = ind.points, 0
            if rubric.unchecked == "exclude":
                points, top = 0, 0
        thresholds = {code: spec.params(code, rules[code].params) for code in ind.rules if code in rules}
        out.append({"unit": unit, "indicator": ind.id, "points": round(points, 2),
                    "score": round(score, 2), "max": top, "veto": int(veto), "status": status,
                    "detail": {"name": ind.name, "clause": ind.clause, "rules": {
                        code: {**e, "severity": dict(e["severity"])} for code, e in per_rule.items()},
                        "raw_deduction": raw, "cap": cap, "deduct": rubric.deduct, "veto_effect": rubric.veto,
                        "thresholds": {k: v for k, v in thresholds.items() if v},
                        **({"unchecked": unchecked, "unchecked_effect": rubric.unchecked} if unchecked else {}),
                        **({"unit_veto": unit_veto} if unit_veto else {})}})
    return out


def export_scores(scores: list[dict], folder: Path) -> Path:
    path = Path(folder) / "scores.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=SCORE_FIELDS)
        w.writeheader()
        for s in scores:
            d = s["detail"]
            w.writerow({"unit": s["unit"], "indicator": s["indicator"], "name": d["name"], "clause": d["clause"],
                        "max": s["max"], "points": s["points"], "score": s["score"],
                        "rate": f"{s['score'] / s['max']:.2%}" if s["max"] else "",
                        "veto": s["veto"], "status": STATUS_NAMES[s.get("status") or "checked"],
                        "findings": sum(r["count"] for r in d["rules"].values()),
                        "deductions": json.dumps({k: v["deducted"] for k, v in d["rules"].items()}, ensure_ascii=False),
                        "thresholds": json.dumps(d["thresholds"], ensure_ascii=False),
                        "unchecked": json.dumps(d.get("unchecked") or {}, ensure_ascii=False),
                        "unit_veto": (d.get("unit_veto") or {}).get("note", "")})
    return path
