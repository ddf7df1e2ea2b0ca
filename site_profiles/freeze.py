"""What a run was audited against, kept with the run (`RUN_DIR/profiles/`).

A crawl copies its program, every unit file, the unit types (the 基本目录 of each type) and the
rubric into the run folder, and records each copy's SHA-256 in the `run` table. `zwgk check` audits
with these copies unless told otherwise, so a quarter's findings can be re-derived, and explained,
with the catalog and rubric that applied then, whatever the files say today. The copied program
names the copied units and unit types, so the folder is itself a program `zwgk` can load.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import yaml

from .indicators import INDICATORS_PATH
from .rubric import RUBRIC_PATH

FROZEN = "profiles"


def freeze(program, run_dir: Path, rubric_path: Path = RUBRIC_PATH) -> dict[str, str]:
    """Copy what `program` is audited against into RUN_DIR/profiles/; {relative path: sha256}."""
    root = Path(run_dir) / FROZEN
    (root / "units").mkdir(parents=True, exist_ok=True)
    (root / "unit_types").mkdir(exist_ok=True)
    for unit in program.units:
        shutil.copyfile(unit.source, root / "units" / f"{unit.id}.yaml")
    for utype in program.unit_types.values():
        shutil.copyfile(utype.source, root / "unit_types" / Path(utype.source).name)
    shutil.copyfile(rubric_path, root / "rubric.yaml")
    if INDICATORS_PATH.is_file():   # the notice's indicator system, for the evaluators' score sheets
        shutil.copyfile(INDICATORS_PATH, root / "indicators.yaml")
    original = yaml.safe_load(Path(program.source).read_text(encoding="utf-8-sig")) if program.source else {
        "id": program.id, "name": program.name}
    frozen = {**original, "units": "units/", "unit_types": "unit_types/"}
    frozen.pop("out", None)        # relative to where the run was started, not to this folder
    (root / "program.yaml").write_text(
        f"# 本次运行时的监测方案（冻结副本，原文件：{program.source}）\n"
        + yaml.safe_dump(frozen, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return hashes(root)


def hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*.yaml"))}


def frozen_profiles(run_dir: Path) -> tuple[Path, Path] | None:
    """(unit types folder, rubric) frozen with the run, or None for a run made before runs froze them."""
    root = Path(run_dir) / FROZEN
    if (root / "unit_types").is_dir() and (root / "rubric.yaml").is_file():
        return root / "unit_types", root / "rubric.yaml"
    return None
