"""The notice's indicator system (site_profiles/indicators.yaml): the shipped file per unit type, a small
hand-made system with its own rubric, every mistake with its file, line and field, and the rubric
cross-check both ways."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checks.registry import all_rules
from site_profiles import UNIT_TYPES_DIR, ProfileError
from site_profiles.indicators import INDICATORS_PATH, load_indicators
from site_profiles.rubric import RUBRIC_PATH

# ---- the shipped system, written by hand from the notice ----------------------------------------

# 二(一): 1.(1)–(4), 2.(1)–(12), 3.(1)–(5) with 3.(2)'s second sentence apart, 4.(1)–(4)
COMMON = (["1.(1)", "1.(2)", "1.(3)", "1.(4)"] + [f"2.({n})" for n in range(1, 13)]
          + ["3.(1)", "3.(2)", "3.(2)-2", "3.(3)", "3.(4)", "3.(5)", "4.(1)", "4.(2)", "4.(3)", "4.(4)"])
OWN = {"county": ("县区政府", 10), "zone": ("管委", 7), "key_dept": ("市级部门", 8), "dept": ("市级部门", 8),
       "town": ("乡镇", 4), "street": ("街道", 4), "institution": ("事业单位", 3)}

# rubric indicator each machine-scored indicator takes its score from; everything else: evaluators
_RUBRIC_COMMON = {c: c for c in ["2.(2)", "2.(4)", "2.(9)", "3.(1)", "3.(2)", "3.(3)", "3.(4)", "3.(5)",
                                 "4.(1)", "4.(2)", "4.(3)", "4.(4)"]}
MACHINE = {
    "county": {**_RUBRIC_COMMON, "个性.县区政府.(6)": "公众参与"},
    "zone": {**_RUBRIC_COMMON, "个性.管委.(5)": "公众参与"},
    "key_dept": {**_RUBRIC_COMMON, "个性.市级部门.(5)": "公众参与"},
    "dept": {**_RUBRIC_COMMON, "个性.市级部门.(5)": "公众参与"},
    # their rubric counts 2.(4) (INTERP rules) as 个性 (3) 惠民政策及政策解读
    "town": {**{k: v for k, v in _RUBRIC_COMMON.items() if k != "2.(4)"}, "个性.乡镇.(3)": "2.(4)"},
    "street": {**{k: v for k, v in _RUBRIC_COMMON.items() if k != "2.(4)"}, "个性.街道.(3)": "2.(4)"},
    # GUIDE, REPORT and APPLY rules are 条例 duties (administrative_only); the rubric counts 4.(2) as 个性 (2)
    "institution": {**{k: v for k, v in _RUBRIC_COMMON.items() if k not in ("2.(2)", "2.(9)", "3.(4)", "4.(2)")},
                    "个性.事业单位.(2)": "4.(2)"},
}
KEY_AREA = {"county": ["3.(2)-2", "个性.县区政府.(10)"], "zone": ["3.(2)-2", "个性.管委.(6)"],
            "key_dept": ["3.(2)-2", "个性.市级部门.(7)", "个性.市级部门.(8)"],
            "dept": ["3.(2)-2", "个性.市级部门.(7)"], "town": ["3.(2)-2", "个性.乡镇.(3)"],
            "street": ["3.(2)-2", "个性.街道.(3)"], "institution": ["3.(2)-2", "个性.事业单位.(3)"]}

# rubric.yaml points: 2.(2) 4, 2.(4) 4, 2.(9) 4, 3.(1) 4, 3.(2) 6, 3.(3) 10, 3.(4) 4, 3.(5) 8,
# 4.(1) 10, 4.(2) 10, 4.(3) 10, 4.(4) 6, 公众参与 6 (sum 86); every evaluator indicator 3 by default
TOTALS = {
    "county": 86 + 3 * (36 - 13),
    "zone": 86 + 3 * (33 - 13),
    "key_dept": 86 + 3 * (34 - 13),
    "dept": 86 + 3 * (34 - 13),
    "town": (86 - 6) + 3 * (30 - 12),                     # no 公众参与; 2.(4) counted once, as 个性 (3)
    "street": (86 - 6) + 3 * (30 - 12),
    "institution": (86 - 6 - 4 - 4 - 4) + 3 * (29 - 9),   # no 公众参与, 2.(2), 2.(9), 3.(4)
}
KEY_AREA_POINTS = {"county": 3 + 3, "zone": 3 + 3, "key_dept": 3 + 3 + 3, "dept": 3 + 3,
                   "town": 3 + 4, "street": 3 + 4, "institution": 3 + 3}


@pytest.fixture(scope="module")
def shipped():
    return load_indicators(rules=all_rules())


def test_shipped_system_covers_every_unit_type(shipped):
    assert sorted(shipped) == sorted(OWN)


@pytest.mark.parametrize("tid", sorted(OWN))
def test_shipped_codes_per_type(shipped, tid):
    name, count = OWN[tid]
    assert [i.code for i in shipped[tid]] == COMMON + [f"个性.{name}.({n})" for n in range(1, count + 1)]


@pytest.mark.parametrize("tid", sorted(OWN))
def test_shipped_scorers_per_type(shipped, tid):
    assert {i.code: i.rubric for i in shipped[tid] if i.scored_by == "machine"} == MACHINE[tid]
    assert all(i.rubric is None for i in shipped[tid] if i.scored_by == "evaluator")


@pytest.mark.parametrize("tid", sorted(OWN))
def test_shipped_points_and_key_areas_per_type(shipped, tid):
    assert sum(i.points for i in shipped[tid]) == TOTALS[tid]
    assert [i.code for i in shipped[tid] if i.key_area] == KEY_AREA[tid]
    assert sum(i.points for i in shipped[tid] if i.key_area) == KEY_AREA_POINTS[tid]


def test_shipped_clauses_and_split_texts(shipped):
    county = {i.code: i for i in shipped["county"]}
    assert (county["1.(2)"].clause, county["个性.县区政府.(3)"].clause) == ("二(一)1.(2)", "二(二)1.(3)")
    assert county["3.(2)"].text.endswith("常态化信息的公开,基本要素符合规范。")
    assert county["3.(2)-2"].text.startswith("各重点领域政务公开的内容深度、广度")
    assert county["3.(2)-2"].clause == "二(一)3.(2)"
    assert county["个性.县区政府.(6)"].clause == "二(二)1.(6)"
    key = {i.code: i for i in shipped["key_dept"]}["个性.市级部门.(8)"]
    plain = {i.code: i for i in shipped["dept"]}["个性.市级部门.(8)"]
    assert key.text.startswith("承担重点领域事项公开的部门") and key.key_area
    assert plain.text.startswith("非承担重点领域事项公开的部门") and not plain.key_area
    assert {i.code: i for i in shipped["institution"]}["个性.事业单位.(2)"].clause == "二(二)6.(2)"


# ---- a small system of its own ------------------------------------------------------------------

TYPE_A = 'id: a\nname: 甲\nadministrative: true\nrubric:\n  "4.(1)": {clause: "二(二)1.(1)"}\n'
TYPE_B = 'id: b\nname: 乙\nadministrative: false\nrubric:\n  "4.(1)": {clause: "二(二)2.(1)", points: 7}\n'
RUBRIC = """\
indicators:
  "4.(1)": {name: 网站, points: 10, rules: [AVAIL-001]}
  "2.(9)": {name: 年报, points: 4, rules: [REPORT-001]}
deduct: {major: 2}
freshness: {news: [动态]}
limits: {news: 14}
"""
GOOD = """\
parts:
  - part: 共性
    types: [a, b]
    indicators:
      - code: "1.(1)"
        clause: 二(一)1.(1)
        text: 组织
        scored_by: evaluator
        points: 3
      - code: "2.(9)"
        types: [a]
        clause: 二(一)2.(9)
        text: 年报
        scored_by: machine
        rubric: "2.(9)"
      - code: "2.(9)"
        types: [b]
        clause: 二(一)2.(9)
        text: 年报
        scored_by: evaluator
        points: 2
  - part: 个性.甲
    types: [a]
    indicators:
      - code: 个性.甲.(1)
        clause: 二(二)1.(1)
        text: 网站
        scored_by: machine
        rubric: "4.(1)"
        key_area: true
  - part: 个性.乙
    types: [b]
    indicators:
      - code: 个性.乙.(1)
        clause: 二(二)2.(1)
        text: 网站
        scored_by: machine
        rubric: "4.(1)"
      - code: 个性.乙.(2)
        clause: 二(二)2.(2)
        text: 公共服务
        scored_by: evaluator
        points: 1.5
        key_area: true
"""


def _world(tmp_path: Path, indicators: str = GOOD, rubric: str = RUBRIC, type_b: str = TYPE_B):
    types = tmp_path / "types"
    types.mkdir(exist_ok=True)
    (types / "a.yaml").write_text(TYPE_A, encoding="utf-8")
    (types / "b.yaml").write_text(type_b, encoding="utf-8")
    (tmp_path / "rubric.yaml").write_text(rubric, encoding="utf-8")
    (tmp_path / "indicators.yaml").write_text(indicators, encoding="utf-8")
    return {"path": tmp_path / "indicators.yaml", "rubric_path": tmp_path / "rubric.yaml", "types_dir": types}


def _load(tmp_path, indicators=GOOD, rules=None, **kw):
    return load_indicators(**_world(tmp_path, indicators, **kw), rules=rules)


def test_small_system_per_type(tmp_path):
    system = _load(tmp_path, rules=all_rules())
    rows = {tid: [(i.code, i.scored_by, i.rubric, i.points, i.key_area, i.line) for i in inds]
            for tid, inds in system.items()}
    assert rows == {
        "a": [("1.(1)", "evaluator", None, 3, False, 5), ("2.(9)", "machine", "2.(9)", 4, False, 10),
              ("个性.甲.(1)", "machine", "4.(1)", 10, True, 25)],
        # b's rubric gives 4.(1) 7 points and clause 二(二)2.(1)
        "b": [("1.(1)", "evaluator", None, 3, False, 5), ("2.(9)", "evaluator", None, 2, False, 16),
              ("个性.乙.(1)", "machine", "4.(1)", 7, False, 34), ("个性.乙.(2)", "evaluator", None, 1.5, True, 39)],
    }
    assert system["a"][2].part == "个性.甲" and system["a"][2].clause == "二(二)1.(1)"


def _replace(old: str, new: str, text: str = GOOD) -> str:
    assert old in text
    return text.replace(old, new, 1)


B_ITEM = "      - code: 个性.乙.(2)\n"

# (file text, line, field, words): each mistake once
MISTAKES = [
    ("parts:\n  - part: [\n", 3, None, "YAML 语法错误"),
    ("", 1, None, "文件为空"),
    ("parts: []\n", 1, "parts", "不能为空列表"),
    ("part: 共性\n", 1, "part", "未知字段"),
    (_replace("  - part: 个性.甲\n", "  - parts: 个性.甲\n"), 22, "parts[1].parts", "未知字段（是否应为 part？）"),
    (_replace("    types: [a, b]\n", "    types: [a, c]\n"), 3, "parts[0].types[1]", "unit_types 文件夹中没有单位类型 c"),
    (_replace("    types: [a, b]\n", "    types: [a, a]\n"), 3, "parts[0].types[1]", "单位类型 a 重复"),
    (_replace("    types: [a, b]\n", "    types: []\n"), 3, "parts[0].types", "不能为空"),
    (_replace("        types: [a]\n        clause: 二(一)2.(9)", "        types: [a, x]\n        clause: 二(一)2.(9)"),
     11, "parts[0].indicators[1].types[1]", "本部分（共性）的 types 中没有单位类型 x"),
    (_replace('      - code: "1.(1)"\n', "      - cod: 1\n"), 5, "parts[0].indicators[0].cod", "是否应为 code"),
    (_replace('      - code: "1.(1)"\n        clause', "      - clause"), 5, "parts[0].indicators[0].code", "缺少必填字段"),
    (_replace("clause: 二(一)1.(1)", "clause: 1.(1)"), 6, "parts[0].indicators[0].clause", "不是通知的条款编号"),
    (_replace("clause: 二(一)1.(1)", "clause: 二(三)1.(1)"), 6, "parts[0].indicators[0].clause", "不是通知的条款编号"),
    # code and clause agree, so that a typo in either shows
    (_replace("  - part: 个性.甲\n", "  - part: 个性\n"), 22, "parts[1].part", '"个性" 无效，应为 共性 或 个性.<类别>'),
    (_replace('code: "1.(1)"', 'code: "1-1"'), 5, "parts[0].indicators[0].code", '"1-1" 不是共性指标编号'),
    (_replace('code: "1.(1)"', 'code: "1.(2)"'), 6, "parts[0].indicators[0].clause", "共性指标 1.(2) 的条款应为 二(一)1.(2)"),
    (_replace("clause: 二(一)1.(1)", "clause: 二(二)1.(1)"), 6, "parts[0].indicators[0].clause",
     "共性指标 1.(1) 的条款应为 二(一)1.(1)"),
    (_replace("code: 个性.甲.(1)", "code: 个性.乙.(1)"), 25, "parts[1].indicators[0].code",
     '"个性.乙.(1)" 不是本部分的指标编号，应如 个性.甲.(1)'),
    (_replace("code: 个性.甲.(1)", "code: 个性.甲.(2)"), 26, "parts[1].indicators[0].clause",
     "个性指标 个性.甲.(2) 的条款应为 二(二)<类别序号>.(2)"),
    (_replace("clause: 二(二)1.(1)", "clause: 二(一)1.(1)"), 26,
     "parts[1].indicators[0].clause", "个性指标 个性.甲.(1) 的条款应为 二(二)"),
    (_replace("        text: 组织\n", ""), 5, "parts[0].indicators[0].text", "缺少必填字段"),
    (_replace("text: 组织", "text: [组织]"), 7, "parts[0].indicators[0].text", "应为文本，实际为列表"),
    (_replace("scored_by: evaluator", "scored_by: human"), 8, "parts[0].indicators[0].scored_by",
     '"human" 无效，应为 machine'),
    (_replace("        points: 3\n", ""), 5, "parts[0].indicators[0].points", "缺少必填字段"),
    (_replace("points: 3", "points: 0"), 9, "parts[0].indicators[0].points", "应为大于0的数字"),
    (_replace("points: 3", "points: -1"), 9, "parts[0].indicators[0].points", "应为大于0的数字"),
    (_replace("points: 3", "points: 三"), 9, "parts[0].indicators[0].points", "应为大于0的数字，实际为文本"),
    (_replace("points: 3", "points: true"), 9, "parts[0].indicators[0].points", "应为大于0的数字，实际为布尔值"),
    (_replace("        points: 3\n", "        points: 3\n        rubric: \"4.(1)\"\n"), 10,
     "parts[0].indicators[0].rubric", "只有机器评分"),
    (_replace('        rubric: "2.(9)"\n', '        rubric: "2.(9)"\n        points: 4\n'), 16,
     "parts[0].indicators[1].points", "机器评分的指标不写分值"),
    (_replace('        rubric: "2.(9)"\n', ""), 10, "parts[0].indicators[1].rubric", "缺少必填字段"),
    (_replace("key_area: true", "key_area: 是"), 30, "parts[1].indicators[0].key_area", "应为 true 或 false"),
    # a code twice for one type; a code of a part missing for one of its types
    (_replace("        types: [b]\n", "        types: [a, b]\n"), 16, "parts[0].indicators[2].code",
     "单位类型 a 的指标 2.(9) 重复（第 10 行已有）"),
    (_replace('      - code: "2.(9)"\n        types: [b]', '      - code: "2.(9)-2"\n        types: [b]'),
     10, "parts[0].indicators[1].code", "指标 2.(9) 没有适用于单位类型 b 的条目"),
    # every unit type needs an indicator, and one that counts for the 重点领域得分率
    (_replace(B_ITEM + "        clause: 二(二)2.(2)\n        text: 公共服务\n        scored_by: evaluator\n"
              "        points: 1.5\n        key_area: true\n", ""), 1, "parts", "单位类型 b 没有重点领域指标"),
]


@pytest.mark.parametrize("text, line, field, words", MISTAKES)
def test_mistakes(tmp_path, text, line, field, words):
    with pytest.raises(ProfileError) as info:
        _load(tmp_path, text)
    err = info.value
    assert (err.file, err.line, err.field) == (tmp_path / "indicators.yaml", line, field), err
    assert words in err.message, err.message


def test_a_type_without_any_indicator(tmp_path):
    (tmp_path / "types").mkdir()
    (tmp_path / "types" / "c.yaml").write_text("id: c\nname: 丙\n", encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        _load(tmp_path)
    assert (info.value.line, info.value.field, info.value.message) == (1, "parts", "单位类型 c 没有任何指标")


def test_message_names_file_line_and_field(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ProfileError) as info:
        _load(tmp_path, _replace("scored_by: evaluator", "scored_by: human"))
    assert str(info.value).startswith("indicators.yaml:8: 字段 parts[0].indicators[0].scored_by：\"human\" 无效")


# ---- the rubric cross-check, both ways -----------------------------------------------------------

def test_machine_indicator_must_name_a_rubric_indicator(tmp_path):
    with pytest.raises(ProfileError) as info:
        _load(tmp_path, _replace('rubric: "2.(9)"', 'rubric: "2.(8)"'))
    err = info.value
    assert (err.file, err.line, err.field) == (tmp_path / "indicators.yaml", 15, "parts[0].indicators[1].rubric")
    assert err.message.endswith("rubric.yaml 中没有指标 2.(8)，可用：4.(1)、2.(9)")


def test_every_rubric_indicator_must_be_used(tmp_path):
    rubric = RUBRIC.replace("deduct:", '  "3.(3)": {name: 更新, points: 10, rules: [FRESH-001]}\ndeduct:')
    with pytest.raises(ProfileError) as info:
        _load(tmp_path, rubric=rubric)
    err = info.value
    assert (err.file, err.line, err.field) == (tmp_path / "rubric.yaml", 4, "indicators.3.(3)")
    assert "没有机器评分（scored_by: machine）的指标使用此项" in err.message


def test_clause_must_match_the_types_rubric(tmp_path):
    # b's rubric puts 4.(1) at 二(二)2.(1), a's at 二(二)1.(1)
    with pytest.raises(ProfileError) as info:
        _load(tmp_path, _replace("clause: 二(二)2.(1)", "clause: 二(二)3.(1)"))
    err = info.value
    assert (err.line, err.field) == (35, "parts[2].indicators[0].clause")
    assert err.message == "单位类型 b 的 rubric 指标 4.(1) 对应条款 二(二)2.(1)，与此处 二(二)3.(1) 不一致"


def test_one_machine_score_counts_once_per_type(tmp_path):
    text = _replace('scored_by: evaluator\n        points: 1.5\n', 'scored_by: machine\n        rubric: "4.(1)"\n')
    with pytest.raises(ProfileError) as info:
        _load(tmp_path, text)
    err = info.value   # b meets 4.(1) again at 个性.乙.(2)
    assert (err.line, err.field) == (43, "parts[2].indicators[1].rubric")
    assert "单位类型 b 的 rubric 指标 4.(1) 已由第 34 行的指标 个性.乙.(1) 使用" in err.message


def test_machine_indicator_needs_a_rule_that_applies_to_the_type(tmp_path):
    # REPORT-001 is a 条例 duty: b (not administrative) is never machine-scored on 2.(9)
    text = _replace("        types: [a]\n", "        types: [a, b]\n")
    text = _replace('      - code: "2.(9)"\n        types: [b]\n        clause: 二(一)2.(9)\n        text: 年报\n'
                    '        scored_by: evaluator\n        points: 2\n', "", text)
    assert _load(tmp_path, text)["b"][1].scored_by == "machine"        # without the registry: no view on rules
    with pytest.raises(ProfileError) as info:
        _load(tmp_path, text, rules=all_rules())
    err = info.value
    assert (err.line, err.field) == (14, "parts[0].indicators[1].scored_by")
    assert err.message.startswith("rubric 指标 2.(9) 的规则都不适用于单位类型 b")


def test_shipped_system_against_a_rubric_with_one_more_indicator(tmp_path):
    rubric = tmp_path / "rubric.yaml"
    text = RUBRIC_PATH.read_text(encoding="utf-8")
    rubric.write_text(text.replace("\ndeduct:", '\n  "2.(5)": {name: 舆情回应, points: 4, rules: [INTERP-003]}\ndeduct:'),
                      encoding="utf-8")
    line = text[:text.index("\ndeduct:")].count("\n") + 2
    with pytest.raises(ProfileError) as info:
        load_indicators(rubric_path=rubric)
    assert (info.value.file, info.value.line, info.value.field) == (rubric, line, "indicators.2.(5)")


def test_shipped_system_against_a_rubric_without_one_of_its_indicators(tmp_path):
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text("\n".join(l for l in RUBRIC_PATH.read_text(encoding="utf-8").splitlines()
                                if not l.startswith('  "3.(5)":')) + "\n", encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_indicators(rubric_path=rubric)
    err = info.value
    lines = INDICATORS_PATH.read_text(encoding="utf-8").splitlines()
    assert err.file == INDICATORS_PATH and lines[err.line - 1].strip() == 'rubric: "3.(5)"'
    assert err.field.endswith(".rubric") and "中没有指标 3.(5)" in err.message


def test_shipped_unit_types_folder_is_the_default(tmp_path):
    # a copy of the shipped types with one more type: the shipped system has nothing for it
    types = tmp_path / "types"
    shutil.copytree(UNIT_TYPES_DIR, types)
    (types / "village.yaml").write_text("id: village\nname: 村\n", encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_indicators(types_dir=types)
    assert info.value.message == "单位类型 village 没有任何指标"
