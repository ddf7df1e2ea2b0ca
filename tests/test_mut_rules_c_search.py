"""More exact rows of the search, consistency and sync rules (SRCH-001…003, CONS-001…002, SYNC-001) on
hand-made snapshots (tests/minisnap.py): the messages units read, their places and evidence."""
from __future__ import annotations

from checks.rules.search import _view_key


def test_a_view_label_is_keyed_by_dimension_and_normal_value():
    assert _view_key("按主题分类/ 教育 ") == ("主题分类", "教育")
    assert _view_key(" 体裁分类/通知/公告") == ("体裁分类", "通知/公告")
