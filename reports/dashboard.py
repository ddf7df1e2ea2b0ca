"""The run dashboard: one self-contained HTML file (no script, inline SVG charts, strict CSP) that
opens offline: units ranked by score, indicator scores and vetoes, findings per rule, thresholds
applied, coverage."""
from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

from .common import SEVERITY_NAMES, RunReport, describe, environment

logger = logging.getLogger(__name__)

BAR_COLORS = {"veto": "#c0392b", "major": "#e67e22", "minor": "#f1c40f", "advisory": "#7fb77e"}


def bar_chart(bars: list[tuple[str, float, float, str]], width: int = 640, row: int = 22) -> dict:
    """Geometry of a horizontal bar chart: (label, value, max, colour) per bar; the template draws it."""
    top = max([b[2] for b in bars] + [b[1] for b in bars] + [1])
    label_w, plot = 170, width - 230
    return {"width": width, "height": row * len(bars) + 10, "bars": [
        {"y": 5 + i * row, "label": label, "value": value, "w": round(plot * value / top, 1),
         "x": label_w, "tx": label_w + round(plot * value / top, 1) + 6, "color": color}
        for i, (label, value, _, color) in enumerate(bars)]}


def unit_view(report: RunReport, u: dict, type_names: dict, failed: bool) -> dict:
    """What the dashboard shows of one unit."""
    got, full, vetoed = report.total(u["id"])
    mine = report.unit_findings(u["id"])
    sev = Counter(f["severity"] for f in mine if not f.get("gap"))
    scores = report.unit_scores(u["id"])
    return {"id": u["id"], "name": u["name"], "type": type_names.get(u["type"], u["type"]), "status": u["status"],
            "score": got, "max": full, "rate": got / full if full else 0, "vetoed": vetoed,
            "unit_veto": report.unit_veto(u["id"]),
            "severity": [sev[s] for s in SEVERITY_NAMES], "findings": sum(sev.values()),
            "gaps": sum(1 for f in mine if f.get("gap")),
            "unchecked": sum(1 for s in scores if s.get("status") == "unchecked"),
            "indicators": sorted(scores, key=lambda s: s["indicator"]),
            "coverage": report.coverage.get(u["id"], {}), "failed": failed}


def notice_rates(report: RunReport) -> dict[str, tuple[str, str]]:
    """Per unit its 综合得分率 and 重点领域信息公开得分率 as shown, or 待评（缺 N 项） while indicators are
    unscored (checks/composite.py). An indicator system that does not fit the run's rubric (an office's
    own rubric, indicators.yaml not yet adapted) costs only these columns: they show —."""
    from checks.composite import percent, run_rates
    try:
        rates = run_rates(report.run_dir)
    except Exception:
        logger.exception("the 综合得分率 could not be computed")
        return {}

    def shown(rate, missing) -> str:
        return percent(rate) if rate is not None else f"待评（缺 {len(missing)} 项）"
    return {unit: (shown(r.overall, r.missing), shown(r.key_area, r.key_missing)) for unit, r in rates.items()}


def notice_awards(report: RunReport) -> dict:
    """The awards of 三(四) as the run stands (checks/verdict.py): the decisions once at least one unit
    has both rates, else why not yet. Units without their 县区 or 县/区 cost only this section."""
    from checks.awards import decide
    from checks.verdict import cohort
    waiting = {"note": "各单位得分率尚未完成（评估人员评分表导入后评定：zwgk scoresheet import）", "decisions": []}
    try:
        units = cohort(report.run_dir)
        if not any(u.overall_rate is not None and u.key_rate is not None for u in units):
            return waiting
        result = decide(units)
    except ValueError as exc:   # a 乡镇 without its 县区, a 县区政府 without 县/区: the profiles say so
        return {"note": f"单位配置不全，无法评定：{describe(exc)}", "decisions": []}
    except Exception as exc:
        logger.exception("the awards could not be worked out")
        return {"note": f"未能评定：{describe(exc)}", "decisions": []}
    decisions = [d for d in result.decisions if not d.reason.startswith("资料不全")]
    if not decisions:
        return waiting
    named = sorted((d for d in decisions if d.named), key=lambda d: (d.pool or "", d.rank or 0))
    return {"note": "", "decisions": named + [d for d in decisions if not d.named],
            "waiting": len(result.decisions) - len(decisions)}


def write(report: RunReport, path: Path, problems: list | None = None, failed: set = frozenset()) -> Path:
    """The dashboard. `problems`: what the report stage could not build, (unit id or None, message)
    each, shown at the top; a unit the dashboard itself cannot show is added there. `failed`: the
    units whose 整改清单 and pack are missing (their links give way to a notice)."""
    problems = [] if problems is None else problems
    type_names = report.type_names()
    rates = notice_rates(report)
    units = []
    for u in report.units:
        try:
            units.append({**unit_view(report, u, type_names, u["id"] in failed), "notice": rates.get(u["id"])})
        except Exception as exc:
            logger.exception("the dashboard row of unit %s failed", u["id"])
            problems.append((u["id"], f"单位 {u['id']} 未能列入总览：{describe(exc)}"))
    units.sort(key=lambda u: (u["vetoed"], -u["rate"], u["id"]))
    for rank, u in enumerate(units, 1):
        u["rank"] = rank
    indicators = sorted({s["indicator"] for s in report.scores})
    claims = report.claims
    by_rule = Counter(f["rule"] for f in claims)
    gaps_by_rule = Counter(f["rule"] for f in report.findings if f.get("gap"))
    rule_rows = [{"code": code, "title": r.title, "severity": SEVERITY_NAMES[r.severity], "count": by_rule[code],
                  "gaps": gaps_by_rule[code],
                  "units": len({f["unit"] for f in claims if f["rule"] == code}), "source": r.source_text,
                  "params": r.params} for code, r in report.rules.items()]
    thresholds = {}
    for s in report.scores:
        for code, params in s["detail"].get("thresholds", {}).items():
            thresholds.setdefault(code, {}).update({k: v for k, v in params.items()})
    detail = next((s["detail"] for s in report.scores), {})
    score_chart = bar_chart([(f"{u['rank']}. {u['name']}", round(u["rate"] * 100, 1), 100,
                              "#c0392b" if u["vetoed"] else "#2e86c1") for u in units])
    family = Counter((f["rule"].split("-")[0], f["severity"]) for f in claims)
    families = sorted({k[0] for k in family})
    sev_chart = bar_chart([(fam, sum(family[(fam, s)] for s in SEVERITY_NAMES), 0, "#2e86c1") for fam in families])
    html = environment().get_template("dashboard.html").render(
        run=report.run, as_of=report.as_of, units=units, indicators=indicators, rules=rule_rows,
        thresholds=thresholds, deduct=detail.get("deduct", {}), veto_effect=detail.get("veto_effect", ""),
        score_chart=score_chart, family_chart=sev_chart, severity_names=list(SEVERITY_NAMES.values()),
        total_findings=len(claims), total_gaps=len(report.findings) - len(claims),
        unchecked_effect=detail.get("unchecked_effect") or "", problems=[m for _, m in problems],
        basis=report.basis(), awards=notice_awards(report))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path
