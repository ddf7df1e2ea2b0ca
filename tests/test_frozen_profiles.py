"""A program with its own unit types (its own 基本目录) is audited against them, in `zwgk run` and in
`zwgk check`; a run keeps the profiles it was audited against, and a later check uses those copies
unless told to use today's (`--profiles PROGRAM`), saying which it used."""
from __future__ import annotations

import csv
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from site_profiles import UNIT_TYPES_DIR
from tests.zoo import plain
from tests.zoo.harness import ZooServer, site_number, write_program

pytestmark = pytest.mark.browser   # the crawl starts Chromium

OWN = "统计数据发布专栏"          # a column only the office's own catalog requires
LATER = "统计执法公示专栏"        # … added to it after the run


def zwgk(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zwgk.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=900)


def require(types: Path, column: str, instead_of: str | None = None) -> None:
    """Make the dept catalog of the unit-types folder `types` require `column`."""
    path = types / "dept.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["catalog"] = [c for c in data["catalog"] if c != instead_of] + [column]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def missing_columns(run_dir: Path) -> list[str]:
    with open(run_dir / "findings.csv", encoding="utf-8-sig", newline="") as f:
        return sorted(row["message"].split("“")[1].split("”")[0] for row in csv.DictReader(f)
                      if row["rule"] == "CAT-001" and "“" in row["message"])


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    base = tmp_path_factory.mktemp("frozen")
    server = ZooServer(plain, site_number("frozen")).start()
    try:
        program = write_program(plain, server, base, "frozen")
        shutil.copytree(UNIT_TYPES_DIR, base / "types")
        require(base / "types", OWN)
        data = yaml.safe_load(program.read_text(encoding="utf-8"))
        program.write_text(yaml.safe_dump({**data, "unit_types": "types/"}, allow_unicode=True), encoding="utf-8")
        proc = zwgk("run", "--program", program, "--out", base / "runs")
    finally:
        server.stop()
    assert proc.returncode == 0, proc.stderr[-3000:]
    return base, program, next((base / "runs").iterdir()), proc


def test_run_audits_against_the_programs_own_catalog(run):
    _, _, run_dir, _ = run
    assert OWN in missing_columns(run_dir)


def test_the_run_keeps_and_hashes_the_profiles_it_used(run):
    base, _, run_dir, _ = run
    frozen = run_dir / "profiles"
    db = sqlite3.connect(run_dir / "snapshot.db")
    recorded = json.loads(db.execute("select profiles from run").fetchone()[0])
    audited = json.loads(db.execute("select audited_with from run").fetchone()[0])
    db.close()
    assert set(recorded) >= {"program.yaml", "rubric.yaml", "units/qxtjj.yaml", "unit_types/dept.yaml"}
    for name, digest in recorded.items():
        assert hashlib.sha256((frozen / name).read_bytes()).hexdigest() == digest, name
    assert (frozen / "unit_types" / "dept.yaml").read_bytes() == (base / "types" / "dept.yaml").read_bytes()
    assert audited["source"] == "frozen"
    # the reports say what the findings were judged against
    basis = (f"检查依据：基本目录 dept.yaml（SHA-256 {recorded['unit_types/dept.yaml'][:12]}）；"
             f"评分细则 rubric.yaml（SHA-256 {recorded['rubric.yaml'][:12]}）；来源：抓取时冻结的配置")
    reports = run_dir / "reports"
    assert basis in (reports / "units" / "qxtjj.html").read_text(encoding="utf-8")
    assert (reports / "index.html").read_text(encoding="utf-8").count("检查依据：基本目录") == 1
    sheet = load_workbook(reports / "units" / "qxtjj.xlsx")["检查依据"]
    assert sheet["A2"].value == basis
    assert audited["unit_types"]["dept"] == {"file": "dept.yaml", "sha256": recorded["unit_types/dept.yaml"]}
    assert audited["rubric"] == {"file": "rubric.yaml", "sha256": recorded["rubric.yaml"]}


def test_a_later_check_uses_the_frozen_profiles_whatever_the_files_say_today(run):
    base, program, run_dir, _ = run
    require(base / "types", LATER, instead_of=OWN)      # the office edits its catalog next quarter
    proc = zwgk("check", run_dir)
    assert proc.returncode == 0, proc.stderr
    assert "抓取时冻结的配置" in "".join(proc.stdout.split())
    assert OWN in missing_columns(run_dir) and LATER not in missing_columns(run_dir)
    # … and with --profiles, today's catalog, recorded as such
    proc = zwgk("check", run_dir, "--profiles", program)
    assert proc.returncode == 0, proc.stderr
    assert "当前配置" in "".join(proc.stdout.split())
    assert LATER in missing_columns(run_dir) and OWN not in missing_columns(run_dir)
    db = sqlite3.connect(run_dir / "snapshot.db")
    audited = json.loads(db.execute("select audited_with from run").fetchone()[0])
    db.close()
    assert audited["source"] == str(program.resolve())
