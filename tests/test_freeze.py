"""site_profiles/freeze.py: the copies a run keeps of what it is audited against."""
from __future__ import annotations

import hashlib

from site_profiles import DEMO_PROGRAM, load_program
from site_profiles.freeze import freeze, frozen_profiles
from site_profiles.rubric import RUBRIC_PATH


def test_the_frozen_folder_is_itself_the_same_program(tmp_path):
    program = load_program(DEMO_PROGRAM)
    digests = freeze(program, tmp_path)
    root = tmp_path / "profiles"
    again = load_program(root / "program.yaml")
    assert again.id == program.id and again.crawl == program.crawl and again.as_of == program.as_of
    assert [u.id for u in again.units] == sorted(u.id for u in program.units)
    assert {u.id: (u.portal, u.disclosure, u.hosts) for u in again.units} == {
        u.id: (u.portal, u.disclosure, u.hosts) for u in program.units}
    assert set(again.unit_types) == set(program.unit_types)
    assert (root / "rubric.yaml").read_bytes() == RUBRIC_PATH.read_bytes()
    assert (root / "indicators.yaml").read_bytes() == (RUBRIC_PATH.parent / "indicators.yaml").read_bytes()
    assert digests["rubric.yaml"] == hashlib.sha256(RUBRIC_PATH.read_bytes()).hexdigest()
    assert set(digests) == {p.relative_to(root).as_posix() for p in root.rglob("*.yaml")}
    assert frozen_profiles(tmp_path) == (root / "unit_types", root / "rubric.yaml")


def test_a_run_without_frozen_profiles_says_so(tmp_path):
    assert frozen_profiles(tmp_path) is None
    (tmp_path / "profiles" / "unit_types").mkdir(parents=True)
    assert frozen_profiles(tmp_path) is None     # no rubric: not a complete freeze
