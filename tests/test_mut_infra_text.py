"""Titles as readers compare them (checks/titles.py) and the catalog tree as the catalog rules read it
(checks/catalog_tree.py)."""
from __future__ import annotations

import pytest

from checks.catalog_tree import column_class, leaves, parts
from checks.titles import cut, normal, same_title, truncated
from site_profiles.rubric import load_rubric


# ---- titles -----------------------------------------------------------------------------------

@pytest.mark.parametrize("title, shown", [
    (None, ""),
    ("", ""),
    ("关于 印发\u3000通知\xa0的\t函\n", "关于印发通知的函"),                  # every kind of space goes
    ("关于<em>印发</em>的<span class='hl'>通知</span>", "关于印发的通知"),    # highlight markup goes
    ("２０１９年ＡＢＣ（第一批）", "2019年ABC(第一批)"),                    # full width made narrow
    ("<" + "x" * 200 + ">标题", "标题"),                                   # a tag of 200 characters
    ("<" + "x" * 201 + ">标题", "<" + "x" * 201 + ">标题"),               # longer: not a tag
])
def test_normal_title(title, shown):
    assert normal(title) == shown


@pytest.mark.parametrize("title, is_cut, head", [
    ("关于印发某某的通知…", True, "关于印发某某的通知"),
    ("关于印发某某的通知……", True, "关于印发某某的通知"),
    ("关于印发某某的通知...", True, "关于印发某某的通知"),
    ("关于印发某某的通知....", True, "关于印发某某的通知"),
    ("关于印发某某的通知。。。", True, "关于印发某某的通知"),
    ("关于印发某某的通知 … ", True, "关于印发某某的通知"),          # spaces around do not hide the cut
    ("关于印发某某的通知..", False, "关于印发某某的通知.."),         # two dots: not a cut
    ("关于印发某某的通知。。", False, "关于印发某某的通知。。"),
    ("关于…某某的通知", False, "关于...某某的通知"),                # … inside the title (NFKC: ...)
    ("关于印发某某的通知", False, "关于印发某某的通知"),
    (None, False, ""),
])
def test_truncated_titles_and_their_cut(title, is_cut, head):
    assert truncated(title) is is_cut
    assert cut(title) == head


@pytest.mark.parametrize("shown, full, same", [
    ("关于印发某某的通知", "关于印发某某的通知", True),
    ("关于 印发<em>某某</em>的通知", "关于印发某某的通知", True),
    ("关于印发某某…", "关于印发某某的通知", True),                    # a list cuts long titles
    ("关于印发某某...", "关于印发某某的通知", True),
    ("关于印发他某…", "关于印发某某的通知", False),                   # the head differs
    ("关于印发某某的通知（修订）…", "关于印发某某的通知", False),      # the head is longer than the title
    ("…", "关于印发某某的通知", False),                              # nothing left of the head
    ("关于印发某某", "关于印发某某的通知", False),                    # shorter without …: another title
    ("关于印发某某的通知", "关于印发某某", False),
    ("", "关于印发某某的通知", True),                                # nothing to compare
    ("关于印发某某的通知", None, True),
    ("<b></b>", "标题", True),
])
def test_same_title(shown, full, same):
    assert same_title(shown, full) is same


# ---- catalog tree -----------------------------------------------------------------------------

@pytest.mark.parametrize("path, names", [
    ("法定主动公开内容 > 政策文件 > 规范性文件", ["政策文件", "规范性文件"]),
    ("主动公开目录 > 法定主动公开内容 > 政策文件", ["政策文件"]),     # every container level at the top
    ("信息公开目录 > 人事信息", ["人事信息"]),
    ("政府信息公开目录 > 主动公开 > 人事信息", ["人事信息"]),
    ("政策文件 > 主动公开内容", ["政策文件", "主动公开内容"]),         # below the top it is a name
    ("主动公开内容", []),
    ("主动公开工作 > 年报", ["主动公开工作", "年报"]),                 # not a container name
    (" 政策文件  >  规范性文件 ", ["政策文件", "规范性文件"]),
    ("政策文件 >  > 规范性文件", ["政策文件", "规范性文件"]),
    ("", []),
    (None, []),
])
def test_parts_drop_container_levels(path, names):
    assert parts(path) == names


def test_leaves_are_columns_no_column_sits_under():
    cols = [{"path": "A", "parent": None}, {"path": "A > B", "parent": "A"}, {"path": "A > B > C", "parent": "A > B"},
            {"path": "A > D", "parent": "A"}, {"path": "E", "parent": ""}, {"path": "", "parent": None}]
    assert [c["path"] for c in leaves(cols)] == ["A > B > C", "A > D", "E", ""]
    assert leaves([]) == []


@pytest.mark.parametrize("path, cls", [
    ("法定主动公开内容 > 工作动态", "news"),
    ("政策文件 > 人事任免", "yearly"),            # its own name first …
    ("政策文件 > 其他", "notice"),                # … else the nearest ancestor's
    ("机构概况 > 政策文件 > 其他", "notice"),
    ("机构概况 > 其他 > 杂项", "static"),
    ("预算 公告 > 其他", "yearly"),              # a name with a space is one name (公告 alone: notice)
    ("其他 > 杂项", None),
    ("", None),
])
def test_column_class(path, cls):
    assert column_class(path, load_rubric()) == cls
