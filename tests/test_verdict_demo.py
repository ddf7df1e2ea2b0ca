"""The notice's verdict end to end on the crawled demo world: `zwgk check`, the evaluators' sheets
exported, filled by the test and imported, then `zwgk awards`; one unit's rates worked out from the
stored scores and the points the test entered."""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.browser   # the demo crawl starts Chromium

ROOT = Path(__file__).resolve().parent.parent


def zwgk(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zwgk.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def fill_all(path: Path, share: Fraction) -> dict[str, Fraction]:
    """Give every evaluator cell `share` of its points; return code → score entered."""
    wb = load_workbook(path)
    ws = wb["评分表"]
    cols = {c.value: c.column for c in ws[2] if c.value}
    entered = {}
    for r in range(3, ws.max_row + 1):
        code, way, points = (ws.cell(r, cols[h]).value for h in ("指标编号", "评分方式", "分值"))
        if code and way != "机器评分":
            score = Fraction(str(points)) * share
            ws.cell(r, cols["得分"]).value = float(score)
            entered[code] = score
    wb.save(path)
    return entered


@pytest.fixture(scope="module")
def verdict(crawled, tmp_path_factory):
    _, _, crawled_run, _ = crawled
    run = tmp_path_factory.mktemp("verdict") / crawled_run.name
    shutil.copytree(crawled_run, run, ignore=shutil.ignore_patterns("reports"))
    assert zwgk("check", run).returncode == 0
    assert zwgk("scoresheet", "export", run).returncode == 0
    sheets = run / "reports" / "evaluator"
    entered = {p.stem: fill_all(p, Fraction(1) if p.stem != "kaifaqu" else Fraction(0)) for p in sheets.glob("*.xlsx")}
    imported = zwgk("scoresheet", "import", run, sheets)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    awarded = zwgk("awards", run)
    assert awarded.returncode == 0, awarded.stderr
    return run, entered, awarded


def test_every_unit_has_a_sheet_and_a_decision_with_its_reason(verdict):
    run, entered, _ = verdict
    db = sqlite3.connect(run / "snapshot.db")
    units = {r[0]: r[1] for r in db.execute("select id, name from units")}
    db.close()
    assert set(entered) == set(units)
    ws = load_workbook(run / "reports" / "awards" / "表彰建议名单.xlsx").worksheets[0]
    listed = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True) if r[1]}
    assert set(listed) == set(units)
    assert all(r[-1] for r in listed.values())                   # every unit with a reason
    assert "未达表彰标准" in listed["kaifaqu"][-1]                  # its evaluators gave it nothing


def test_one_units_rates_follow_from_the_stored_scores_and_the_entered_points(verdict):
    run, entered, _ = verdict
    from site_profiles.indicators import load_indicators
    system = load_indicators(run / "profiles" / "indicators.yaml", types_dir=run / "profiles" / "unit_types",
                             rubric_path=run / "profiles" / "rubric.yaml")
    db = sqlite3.connect(run / "snapshot.db")
    machine = {ind: (Fraction(str(s)), Fraction(str(m)), v) for ind, s, m, v in
               db.execute("select indicator, score, max, veto from scores where unit = 'gjj'")}
    db.close()
    got = full = key_got = key_full = Fraction(0)
    for ind in system["institution"]:
        if ind.scored_by == "machine":
            score, top, veto = machine[ind.rubric]
            score = Fraction(0) if veto else score
        else:
            score, top = entered["gjj"][ind.code], Fraction(str(ind.points))
        got, full = got + score, full + top
        if ind.key_area:
            key_got, key_full = key_got + score, key_full + top
    ws = load_workbook(run / "reports" / "awards" / "表彰建议名单.xlsx").worksheets[0]
    gjj = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[1] == "gjj")
    assert gjj[5] == pytest.approx(float(got / full), abs=1e-4)
    assert gjj[6] == pytest.approx(float(key_got / key_full), abs=1e-4)
    named = gjj[7] == "是"
    assert named == (got / full >= Fraction(4, 5) and key_got / key_full >= Fraction(4, 5))
