"""More exact rows of the catalog rules (CAT-001…004) on hand-made snapshots (tests/minisnap.py)."""
from __future__ import annotations

from checks.rules.catalog import same_column


def test_punctuation_and_spaces_do_not_tell_column_names_apart():
    assert same_column("部门 预决算（公开）", ["部门预决算公开"], 100)
    assert not same_column("部门决算", ["财政预算"], 100)
