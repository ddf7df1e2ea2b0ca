"""Site profiles: the committed demo program, the generator that keeps it in step, and the errors."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import demo_sites
from demo_sites.profiles import write_profiles
from site_profiles import (DEMO_PROGRAM, PACKAGE_DIR, ProfileError, load_program, load_unit,
                           load_unit_types)

GOOD_UNIT = """\
id: qinglan
name: 云溪市青岚区人民政府
type: county
org_code: "003240560"
portal: http://127.0.0.2:8800/
disclosure: http://127.0.0.3:8800/public/index?organId=1
media:
  - {platform: weibo, name: 青岚区发布, url: http://127.0.0.20:8800/u/qinglanwb}
"""


def test_demo_program_loads():
    program = load_program(DEMO_PROGRAM)
    assert (program.id, program.name, program.out, program.as_of) == ("demo", "云溪市演示监测", "runs",
                                                                      date(2019, 9, 30))
    types = {u.id: u.type for u in program.units}
    assert types == {"qinglan": "county", "taoyuan": "town", "dongcheng": "street", "kaifaqu": "zone",
                     "zhujian": "key_dept", "tongji": "dept", "gjj": "institution", "dangan": "dept"}
    assert not program.unit_type(program.unit("gjj")).administrative
    assert not program.unit_type(program.unit("taoyuan")).own_portal
    qinglan = program.unit("qinglan")
    assert qinglan.hosts == ["127.0.0.2", "127.0.0.3"]
    assert qinglan.search is None   # the crawler discovers search forms itself
    assert program.crawl["CONCURRENT_REQUESTS_PER_DOMAIN"] == 8
    # the unregistered 青岚生活圈 is a seeded defect: not in the profile
    assert [m.name for m in qinglan.media] == ["青岚区发布", "青岚区政务"]
    assert program.unit("zhujian").search is None       # JSON-API site: the crawler finds the form


def test_committed_profiles_match_generator(tmp_path):
    program = write_profiles(demo_sites.load(port=8800), tmp_path)
    assert program == tmp_path / "programs" / "demo.yaml"
    for sub in ("units", "programs"):
        made = {p.name: p.read_bytes() for p in (tmp_path / sub).glob("*.yaml")}
        committed = {p.name: p.read_bytes() for p in (PACKAGE_DIR / sub).glob("*.yaml")}
        assert made == committed, f"site_profiles/{sub} is out of date: regenerate with write_profiles"
    assert len(load_program(program).units) == 8      # unit_types default to the package's


def test_unit_types():
    types = load_unit_types()
    assert set(types) == {"county", "zone", "key_dept", "dept", "town", "street", "institution"}
    assert [t for t in types.values() if not t.administrative] == [types["institution"]]
    assert {t.id for t in types.values() if not t.own_portal} == {"town", "street"}
    assert types["county"].name == "县区政府"


def test_unit_type_extra_keys_are_kept(tmp_path):
    (tmp_path / "county.yaml").write_text(
        "id: county\nname: 县区政府\nrubric:\n  catalog: 20\nfresh: [news, notice]\n", encoding="utf-8")
    ut = load_unit_types(tmp_path)["county"]
    assert ut.extra == {"rubric": {"catalog": 20}, "fresh": ["news", "notice"]}
    assert ut.administrative and ut.own_portal


def test_unit_defaults_and_forms(tmp_path):
    path = tmp_path / "u.yaml"
    path.write_text(GOOD_UNIT.replace('"003240560"', "00324056-0") + "robots_exempt: 云政办〔2019〕1号\n"
                    "overrides:\n  date_selector: span.time\n", encoding="utf-8")
    unit = load_unit(path)
    assert unit.org_code == "003240560"       # unquoted and hyphenated, still the text as written
    assert unit.hosts == ["127.0.0.2", "127.0.0.3"] and unit.search is None
    assert unit.media[0].platform == "weibo" and unit.robots_exempt == "云政办〔2019〕1号"
    assert unit.overrides == {"date_selector": "span.time"} and unit.source == path


# ---- errors: each names the file, the line and the field ---------------------------------------

def _fails(path: Path, text: str, line: int | None, field: str | None, words: str, load=load_unit):
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load(path)
    err = info.value
    assert (err.file, err.line, err.field) == (path, line, field), str(err)
    assert words in str(err)
    assert f"{err.file.name}:{line}: " in str(err)
    return err


def _replace(old: str, new: str) -> str:
    assert old in GOOD_UNIT
    return GOOD_UNIT.replace(old, new)


@pytest.mark.parametrize("text, line, field, words", [
    (_replace("type: county", "type: county:"), 3, None, "YAML 语法错误"),
    (_replace("id: qinglan\n", ""), 1, "id", "缺少必填字段"),
    (_replace("disclosure: http://127.0.0.3:8800/public/index?organId=1\n", ""), 1, "disclosure", "缺少必填字段"),
    (_replace("name: 云溪市青岚区人民政府", "name: [云溪市]"), 2, "name", "应为文本，实际为列表"),
    (_replace("media:\n  - {", "media:\n  {"), 8, "media", "应为列表"),
    (GOOD_UNIT + "portall: http://x/\n", 9, "portall", "未知字段（是否应为 portal？）"),
    (_replace("portal: http://127.0.0.2:8800/", "portal: ftp://127.0.0.2/"), 5, "portal", "不是有效的网址"),
    (_replace("http://127.0.0.3:8800/public", "http:///public"), 6, "disclosure", "不是有效的网址"),
    (_replace('"003240560"', '"12345"'), 4, "org_code", "不是有效的组织机构代码"),
    (_replace("type: county", "type: countyy"), 3, "type", '未知的单位类型 "countyy"，应为 county'),
    (_replace("platform: weibo", "platform: douyin"), 8, "media[0].platform", '未知的平台 "douyin"'),
    (_replace("url: http://127.0.0.20", "url: 127.0.0.20"), 8, "media[0].url", "不是有效的网址"),
    (_replace("name: 青岚区发布, ", ""), 8, "media[0].name", "缺少必填字段"),
    (GOOD_UNIT + "search: http://127.0.0.3:8800/search?q=\n", 9, "search", "{q}"),
    (GOOD_UNIT + "hosts: [127.0.0.3]\n", 9, "hosts", "未包含 portal 网址的主机 127.0.0.2"),
    (GOOD_UNIT + "id: other\n", 9, "id", "字段重复出现（第 1 行已有）"),
    (GOOD_UNIT + "overrides: 1\n", 9, "overrides", "应为键值对"),
    (GOOD_UNIT + "overrides:\n  scope: 'organId=(1'\n", 10, "overrides.scope", "正则表达式无效"),
    (GOOD_UNIT + "overrides:\n  scope:\n    - organId=1\n    - '[x'\n", 12, "overrides.scope[1]", "正则表达式无效"),
    (GOOD_UNIT + "overrides:\n  scope: [organId=1, {a: b}]\n", 10, "overrides.scope[1]", "应为正则表达式文本"),
    (GOOD_UNIT + "overrides:\n  scope: 12\n", 10, "overrides.scope", "应为正则表达式文本，实际为数字"),
    ("", 1, None, "文件为空"),
    ("- a\n- b\n", 1, None, "应为键值对"),
])
def test_unit_errors(tmp_path, text, line, field, words):
    _fails(tmp_path / "bad.yaml", text, line, field, words)


def test_valid_scope_patterns_load(tmp_path):
    # each takes in both start URLs (portal http://127.0.0.2:8800/, disclosure …?organId=1)
    for scope in ("'organId=1(&|$)|//127\\.0\\.0\\.2:'", "['organId=1', '//127\\.0\\.0\\.2:8800/']"):
        path = tmp_path / "u.yaml"
        path.write_text(GOOD_UNIT + f"overrides:\n  scope: {scope}\n", encoding="utf-8")
        assert load_unit(path).overrides["scope"]


def test_message_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "units").mkdir()
    err = _fails(tmp_path / "units" / "qinglan.yaml", _replace("type: county", "type: countyy"), 3, "type", "")
    assert str(err).startswith('units/qinglan.yaml:3: 字段 type：未知的单位类型 "countyy"，应为 ')
    assert str(err).endswith(" 之一") and "zone" in str(err)


def test_syntax_error_line(tmp_path):
    # the parser's own line: an unclosed flow mapping found at the next key
    err = _fails(tmp_path / "bad.yaml", _replace("url: http://127.0.0.20:8800/u/qinglanwb}", "url: x"),
                 9, None, "YAML 语法错误")
    assert isinstance(err, ValueError)


def _program(tmp_path: Path, units: str, extra: str = "") -> Path:
    (tmp_path / "programs").mkdir(exist_ok=True)
    path = tmp_path / "programs" / "p.yaml"
    path.write_text(f"id: p\nname: 测试方案\nunits: {units}\n{extra}", encoding="utf-8")
    return path


def test_program_with_unit_list_and_own_types(tmp_path):
    (tmp_path / "units").mkdir()
    (tmp_path / "units" / "a.yaml").write_text(GOOD_UNIT.replace("type: county", "type: city"), encoding="utf-8")
    (tmp_path / "types").mkdir()
    (tmp_path / "types" / "city.yaml").write_text("id: city\nname: 市政府\n", encoding="utf-8")
    path = _program(tmp_path, "[../units/a.yaml]", "unit_types: ../types\nschedule: weekly\nout: out/x\n")
    program = load_program(path)
    assert [u.id for u in program.units] == ["qinglan"] and set(program.unit_types) == {"city"}
    assert (program.schedule, program.out, program.as_of) == ("weekly", "out/x", None)


def test_duplicate_unit_id_names_both_files(tmp_path):
    (tmp_path / "units").mkdir()
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / "units" / name).write_text(GOOD_UNIT, encoding="utf-8")
    path = _program(tmp_path, "../units/")
    with pytest.raises(ProfileError) as info:
        load_program(path)
    err = info.value
    assert (err.file, err.line, err.field) == (tmp_path / "units" / "b.yaml", 1, "id")
    assert "b.yaml:1" in str(err) and "a.yaml:1" in str(err) and '"qinglan" 重复' in str(err)


@pytest.mark.parametrize("units, line, words", [
    ("../units/", 3, "没有任何单位"),         # an empty folder
    ("[]", 3, "没有任何单位"),
    ("../nowhere/", 3, "不存在"),
    ("\n  - ../units/missing.yaml", 4, "不存在"),
])
def test_empty_or_missing_units(tmp_path, units, line, words):
    (tmp_path / "units").mkdir()
    path = _program(tmp_path, units)
    with pytest.raises(ProfileError) as info:
        load_program(path)
    assert (info.value.file, info.value.line, info.value.field) == (path, line, "units")
    assert words in str(info.value)


def test_program_errors(tmp_path):
    (tmp_path / "units").mkdir()
    (tmp_path / "units" / "a.yaml").write_text(GOOD_UNIT, encoding="utf-8")
    programs = tmp_path / "programs"
    programs.mkdir()
    _fails(programs / "p.yaml", "id: p\nname: 方案\nunits: ../units/\nschedul: weekly\n", 4, "schedul",
           "未知字段", load=load_program)
    _fails(programs / "p.yaml", "id: p\nunits: ../units/\n", 1, "name", "缺少必填字段", load=load_program)
    _fails(programs / "p.yaml", "id: p\nname: 方案\nunits: ../units/\nas_of: 9月30日\n", 4, "as_of",
           "应为日期", load=load_program)
    _fails(programs / "p.yaml", "id: p/q\nname: 方案\nunits: ../units/\n", 1, "id", "不是有效的标识",
           load=load_program)
    _fails(programs / "p.yaml", "", 1, None, "文件为空", load=load_program)
    # an error inside a unit file names the unit file, not the program
    (tmp_path / "units" / "a.yaml").write_text(GOOD_UNIT + "typo: 1\n", encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_program(_program(tmp_path, "../units/"))
    assert (info.value.file, info.value.line, info.value.field) == (tmp_path / "units" / "a.yaml", 9, "typo")


def test_missing_file(tmp_path):
    with pytest.raises(ProfileError, match="文件不存在"):
        load_program(tmp_path / "none.yaml")
