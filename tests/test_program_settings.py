"""Program settings say what is wrong: `crawl:` names and values, `out`, `schedule`, `as_of` and a
unit's `overrides.scope` are checked when the program loads (file, line, field, a suggestion for a
misspelt name), through one setting check shared with `zwgk crawl --set`; `zwgk crawl/run` exit 2
on them without a traceback, and `zwgk check/report/eval` do the same for a damaged snapshot."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from scrapy.settings import Settings

from crawler.settings import SettingError, UnknownSetting, setting_value
from site_profiles import ProfileError, load_program, load_unit
from tests.minisnap import PORTAL, Mini
from tests.test_cli import (
    PROGRAM,
    UNIT,
    assert_told_in_chinese,
    line_of,
    write_program,
    zwgk,
)

# ------------------------------------------------------------------------------- one setting check

# (name, value as YAML gives it or as --set gives it, the value the crawl gets)
GOOD = [
    ("ZWGK_PAGE_BUDGET", 100, 100),
    ("ZWGK_PAGE_BUDGET", "100", 100),
    ("ZWGK_PAGE_BUDGET", 1, 1),                   # the smallest budget that fetches anything
    ("ZWGK_PAGE_BUDGET", 2.0, 2),                 # a whole number written as 2.0
    ("ZWGK_UNIT_SECONDS", "1.5", 1.5),            # whole-number default, read as a fraction
    ("DOWNLOAD_DELAY", 0, 0),                     # 0 is allowed where it does not empty the run
    ("DOWNLOAD_DELAY", "0.25", 0.25),
    ("DEPTH_PRIORITY", -1, -1),                   # priorities may be negative
    ("RETRY_PRIORITY_ADJUST", "-2", -2),
    ("ROBOTSTXT_OBEY", False, False),
    ("ROBOTSTXT_OBEY", "false", False),
    ("ROBOTSTXT_OBEY", "TRUE", True),             # Scrapy's getbool would raise on the text "TRUE"
    ("ZWGK_PROGRESS", "0", False),
    ("ZWGK_PROGRESS", 1, True),
    ("RETRY_HTTP_CODES", [500, 503], [500, 503]),
    ("RETRY_HTTP_CODES", "500,503", ["500", "503"]),
    ("RETRY_HTTP_CODES", "[500, 503]", [500, 503]),
    ("PLAYWRIGHT_LAUNCH_OPTIONS", {"headless": False}, {"headless": False}),
    ("PLAYWRIGHT_LAUNCH_OPTIONS", '{"headless": false}', {"headless": False}),
    ("PLAYWRIGHT_MAX_CONTEXTS", "2", 2),          # scrapy-playwright's own settings are known too
    ("LOG_LEVEL", "INFO", "INFO"),
    ("JOBDIR", "jobs/x", "jobs/x"),               # no default: any value
]


@pytest.mark.parametrize("name, value, expected", GOOD)
def test_good_values_become_what_the_crawl_reads(name, value, expected):
    got = setting_value(name, value)
    assert got == expected and type(got) is type(expected)


GETTERS = {"ZWGK_PAGE_BUDGET": "getint", "ZWGK_UNIT_SECONDS": "getfloat", "ZWGK_AVAIL_TIMEOUT": "getint",
           "ROBOTSTXT_OBEY": "getbool", "ZWGK_PROGRESS": "getbool", "RETRY_HTTP_CODES": "getlist",
           "PLAYWRIGHT_LAUNCH_OPTIONS": "getdict", "CONCURRENT_REQUESTS_PER_DOMAIN": "getint"}


@pytest.mark.parametrize("name, text", [("ZWGK_PAGE_BUDGET", "20000"), ("ZWGK_UNIT_SECONDS", "0.5"),
                                        ("ZWGK_AVAIL_TIMEOUT", "3.0"), ("ROBOTSTXT_OBEY", "TRUE"),
                                        ("ZWGK_PROGRESS", "off"), ("RETRY_HTTP_CODES", "500"),
                                        ("PLAYWRIGHT_LAUNCH_OPTIONS", "{}"),
                                        ("CONCURRENT_REQUESTS_PER_DOMAIN", " 4 ")])
def test_an_accepted_value_is_one_scrapy_reads_without_error(name, text):
    # the getter the crawl uses on it (crawler/, Scrapy, scrapy-playwright): no ValueError mid-run
    getattr(Settings({name: setting_value(name, text)}), GETTERS[name])(name)


BAD = [
    # (name, value, the message)
    ("ZWGK_PAGE_BUGDET", 5, "未知的设置名（是否应为 ZWGK_PAGE_BUDGET？）"),
    ("CONCURENT_REQUESTS", "4", "未知的设置名（是否应为 CONCURRENT_REQUESTS？）"),
    ("PLAYWRIGHT_MAX_CONTEXT", "2", "未知的设置名（是否应为 PLAYWRIGHT_MAX_CONTEXTS？）"),
    ("XYZZY", "1", "未知的设置名"),
    ("zwgk_page_budget", 5, "设置名应为大写（是否应为 ZWGK_PAGE_BUDGET？）"),
    ("ZWGK_PAGE_BUDGET", "abc", "应为数字，实际为 'abc'"),
    ("ZWGK_PAGE_BUDGET", True, "应为数字，实际为 True"),        # YAML true is not 1 here
    ("ZWGK_PAGE_BUDGET", [5], "应为数字，实际为 [5]"),
    ("ZWGK_PAGE_BUDGET", 0, "应大于 0，实际为 0"),               # would drop every request of a unit
    ("ZWGK_PAGE_BUDGET", "1.5", "应为整数，实际为 '1.5'"),       # Scrapy's getint("1.5") raises
    ("ZWGK_AVAIL_TIMEOUT", 0, "应大于 0，实际为 0"),              # every probe would time out
    ("ZWGK_UNIT_SECONDS", 0.0, "应大于 0，实际为 0.0"),
    ("CONCURRENT_REQUESTS_PER_DOMAIN", "0", "应大于 0，实际为 '0'"),
    ("DOWNLOAD_DELAY", -0.1, "不能为负数，实际为 -0.1"),
    ("ZWGK_AVAIL_INTERVAL", "nan", "应为有限的数字，实际为 'nan'"),
    ("ZWGK_AVAIL_INTERVAL", float("inf"), "应为有限的数字，实际为 inf"),
    ("ROBOTSTXT_OBEY", "maybe", "应为 true 或 false，实际为 'maybe'"),
    ("ROBOTSTXT_OBEY", 2, "应为 true 或 false，实际为 2"),
    ("RETRY_HTTP_CODES", 500, "应为列表，实际为 500"),
    ("RETRY_HTTP_CODES", "[500", "应为列表（JSON 列表或逗号分隔），实际为 '[500'"),
    ("PLAYWRIGHT_LAUNCH_OPTIONS", ["a"], "应为键值对，实际为 ['a']"),
    ("PLAYWRIGHT_LAUNCH_OPTIONS", "headless", "应为键值对（JSON 对象，如 {\"a\": 1}），实际为 'headless'"),
    ("LOG_LEVEL", 10, "应为文本，实际为 10"),
]


@pytest.mark.parametrize("name, value, message", BAD)
def test_bad_settings_say_why(name, value, message):
    with pytest.raises(SettingError) as info:
        setting_value(name, value)
    assert str(info.value) == message
    assert isinstance(info.value, UnknownSetting) == message.startswith(("未知的设置名", "设置名应为大写"))


# ------------------------------------------------------------------------------- bad programs

def write(tmp_path: Path, extra: str, unit: str = UNIT) -> Path:
    """A program (programs/p.yaml) of one good unit, with `extra` appended (it starts on line 5);
    an `as_of:` line replaces the program's own (line 4)."""
    if extra.startswith("as_of:"):
        return write_program(tmp_path, unit=unit, program=PROGRAM.replace("as_of: 2019-09-30\n", extra))
    return write_program(tmp_path, unit=unit, program=PROGRAM + extra)


LONG = "a" * 300     # longer than a file name may be

BAD_PROGRAMS = [
    # (appended to the program from line 5, the line named, the field, the message)
    ("crawl:\n  ZWGK_PAGE_BUGDET: 100\n", 6, "crawl.ZWGK_PAGE_BUGDET", "未知的设置名（是否应为 ZWGK_PAGE_BUDGET？）"),
    ("crawl:\n  zwgk_page_budget: 100\n", 6, "crawl.zwgk_page_budget", "设置名应为大写（是否应为 ZWGK_PAGE_BUDGET？）"),
    ("crawl:\n  ZWGK_PAGE_BUDGET: abc\n", 6, "crawl.ZWGK_PAGE_BUDGET", "应为数字，实际为 'abc'"),
    ("crawl:\n  DOWNLOAD_DELAY: 0\n  ZWGK_PAGE_BUDGET: 0\n", 7, "crawl.ZWGK_PAGE_BUDGET", "应大于 0，实际为 0"),
    ("crawl:\n  ZWGK_AVAIL_TIMEOUT: 1.5\n", 6, "crawl.ZWGK_AVAIL_TIMEOUT", "应为整数，实际为 1.5"),
    ("crawl:\n  ZWGK_AVAIL_INTERVAL: .nan\n", 6, "crawl.ZWGK_AVAIL_INTERVAL", "应为有限的数字，实际为 nan"),
    ("crawl:\n  ROBOTSTXT_OBEY: maybe\n", 6, "crawl.ROBOTSTXT_OBEY", "应为 true 或 false，实际为 'maybe'"),
    ("crawl:\n  LOG_LEVEL: 10\n", 6, "crawl.LOG_LEVEL", "应为文本，实际为 10"),
    # a value on its own lines is named at its line, a misspelt name at the name's line
    ("crawl:\n  RETRY_HTTP_CODES:\n    a: 1\n", 7, "crawl.RETRY_HTTP_CODES", "应为列表，实际为 {'a': 1}"),
    ("crawl:\n  RETRY_CODES:\n    - 500\n", 6, "crawl.RETRY_CODES", "未知的设置名（是否应为 RETRY_HTTP_CODES？）"),
    ("crawl:\n  ZWGK_PAGE_BUDGET: 5\n  ZWGK_PAGE_BUDGET: 6\n", 7, "crawl.ZWGK_PAGE_BUDGET", "字段重复出现（第 6 行已有）"),
    ("crawl: [ZWGK_PAGE_BUDGET]\n", 5, "crawl", "应为键值对（设置名: 值），实际为列表"),
    ("as_of: 2019-13-45\n", 4, "as_of", "应为日期，如 2019-09-30"),
    ("as_of: 2019-02-29\n", 4, "as_of", "应为日期，如 2019-09-30"),     # not a leap year
    ("out: ''\n", 5, "out", "不能为空"),
    ("out: afile\n", 5, "out", "afile 是文件，不是文件夹"),
    ("out: afile/runs\n", 5, "out", "afile 是文件，不是文件夹"),     # the nearest part that exists decides
    (f"out: {LONG}\n", 5, "out", "不是可用的路径（File name too long）"),
    ('out: "runs\\0x"\n', 5, "out", "路径中含有空字符"),
    ("schedule: sometimes\n", 5, "schedule",
     '"sometimes" 不是有效的计划，应为 daily、weekly、monthly、quarterly 之一，或五段 cron 表达式（分 时 日 月 星期，如 "0 2 * * 1"）'),
    ("schedule: [weekly]\n", 5, "schedule", "应为文本，实际为列表"),
]


@pytest.mark.parametrize("extra, line, field, message", BAD_PROGRAMS)
def test_a_bad_program_setting_names_file_line_and_field(tmp_path, monkeypatch, extra, line, field, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    path = write(tmp_path, extra)
    with pytest.raises(ProfileError) as info:
        load_program(path)
    err = info.value
    assert (err.file, err.line, err.field) == (path, line, field), str(err)
    assert str(err) == f"{Path('programs') / 'p.yaml'}:{line}: 字段 {field}：{message}"


CRON_FIELDS = [("分钟", 0, 59, "{} 2 * * 1"), ("小时", 0, 23, "0 {} * * 1"), ("日", 1, 31, "0 2 {} * *"),
               ("月", 1, 12, "0 2 1 {} *"), ("星期", 0, 7, "0 2 * * {}")]


def schedule_of(path: Path, schedule: str):
    """Load the program at `path` rewritten with `schedule: "<schedule>"` on line 5."""
    path.write_text(PROGRAM + f'schedule: "{schedule}"\n', encoding="utf-8")
    return load_program(path).schedule


@pytest.mark.parametrize("what, low, high, form", CRON_FIELDS)
def test_cron_fields_at_and_beyond_their_limits(tmp_path, what, low, high, form):
    path = write(tmp_path, "")
    for good in (low, high, f"{low}-{high}", f"*/{high}", f"{low},{high}", f"{low}-{high}/1"):
        assert schedule_of(path, form.format(good)) == form.format(good)
    for bad in (low - 1, high + 1, f"{high}-{low}", "*/0", "x", "1.5"):
        schedule = form.format(bad)
        with pytest.raises(ProfileError) as info:
            schedule_of(path, schedule)
        assert (info.value.line, info.value.field) == (5, "schedule")
        assert info.value.message == (f'cron 表达式 "{schedule}" 的{what}段 "{bad}" 无效，'
                                      f"应为 {low}–{high} 的数字、范围（a-b）、* 或 /步长")


@pytest.mark.parametrize("schedule", ["0 2 * *", "0 2 * * 1 2", "weekly please", "Weekly"])
def test_a_schedule_that_is_neither_a_word_nor_five_fields(tmp_path, schedule):
    with pytest.raises(ProfileError) as info:
        schedule_of(write(tmp_path, ""), schedule)
    assert info.value.message.startswith(f'"{schedule}" 不是有效的计划')


def test_a_valid_program_loads_with_typed_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, "out: new/runs\nschedule: 0 2 * * 1\ncrawl:\n  ZWGK_PAGE_BUDGET: 1\n"
                           "  ZWGK_SEARCH_SAMPLE: '40'\n  ROBOTSTXT_OBEY: 'false'\n  DOWNLOAD_DELAY: 0.25\n"
                           "  RETRY_HTTP_CODES: [500, 503]\n  PLAYWRIGHT_LAUNCH_OPTIONS: {headless: true}\n")
    program = load_program(path)
    assert program.crawl == {"ZWGK_PAGE_BUDGET": 1, "ZWGK_SEARCH_SAMPLE": 40, "ROBOTSTXT_OBEY": False,
                             "DOWNLOAD_DELAY": 0.25, "RETRY_HTTP_CODES": [500, 503],
                             "PLAYWRIGHT_LAUNCH_OPTIONS": {"headless": True}}
    assert (program.out, program.schedule) == ("new/runs", "0 2 * * 1")
    assert not (tmp_path / "new").exists()          # checked, not made
    for word in ("daily", "weekly", "monthly", "quarterly"):
        assert schedule_of(path, word) == word
    assert load_program(path).out == "runs"          # absent: the default


# ------------------------------------------------------------------------------- scope patterns of a unit

SCOPE_UNIT = UNIT.replace("portal: http://127.0.0.1:9/", "portal: http://127.0.0.1:9/portal/")


@pytest.mark.parametrize("scope, line, field, message", [
    ("'abc'", 10, "overrides.scope", "没有一条范围规则匹配 portal 网址 http://127.0.0.1:9/portal/：该网址将不会被抓取"),
    ("'/portal/'", 10, "overrides.scope",
     "没有一条范围规则匹配 disclosure 网址 http://127.0.0.1:9/public/index?organId=1：该网址将不会被抓取"),
    ("\n    - /portal/\n    - organId=2", 10, "overrides.scope",
     "没有一条范围规则匹配 disclosure 网址 http://127.0.0.1:9/public/index?organId=1：该网址将不会被抓取"),
    ("\n    - /portal/\n    - 'organId=(1'", 12, "overrides.scope[1]",
     "正则表达式无效：missing ), unterminated subpattern at position 8"),
])
def test_scope_patterns_must_take_in_the_start_urls(tmp_path, scope, line, field, message):
    path = tmp_path / "u.yaml"
    path.write_text(SCOPE_UNIT + f"overrides:\n  scope: {scope}\n", encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_unit(path)
    assert (info.value.line, info.value.field, info.value.message) == (line, field, message)


@pytest.mark.parametrize("scope", ["'/portal/|organId=1(&|$)'", "[/portal/, 'organId=1(&|$)']", "[]"])
def test_scope_patterns_that_take_in_both_starts_load(tmp_path, scope):
    path = tmp_path / "u.yaml"
    path.write_text(SCOPE_UNIT + f"overrides:\n  scope: {scope}\n", encoding="utf-8")
    assert load_unit(path).overrides["scope"] is not None     # [] keeps the ordinary scope rules


# ------------------------------------------------------------------------------- zwgk crawl/run: exit 2

CLI_CASES = [
    # (appended to the program, the line, the field, the message)
    ("crawl:\n  ZWGK_PAGE_BUGDET: 100\n", 6, "crawl.ZWGK_PAGE_BUGDET", "未知的设置名（是否应为 ZWGK_PAGE_BUDGET？）"),
    ("crawl:\n  ZWGK_PAGE_BUDGET: abc\n", 6, "crawl.ZWGK_PAGE_BUDGET", "应为数字，实际为 'abc'"),
    ("out: afile\n", 5, "out", "afile 是文件，不是文件夹"),
    ("schedule: sometimes\n", 5, "schedule", '"sometimes" 不是有效的计划'),
]


@pytest.mark.parametrize("extra, line, field, message, command",
                         [(*case, "crawl") for case in CLI_CASES] + [(*CLI_CASES[0], "run")])
def test_a_bad_program_setting_exits_2_without_a_traceback(tmp_path, extra, line, field, message, command):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    program = write(tmp_path, extra)
    proc = zwgk(command, "--program", program, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert_told_in_chinese(proc)
    assert f"配置错误：{Path('programs') / 'p.yaml'}:{line}: 字段 {field}：{message}" in proc.stderr
    assert not (tmp_path / "runs").exists()


def test_a_unit_scope_that_misses_its_start_exits_2(tmp_path):
    program = write_program(tmp_path, unit=UNIT + "overrides:\n  scope: abc\n")
    proc = zwgk("crawl", "--program", program, cwd=tmp_path)
    assert proc.returncode == 2
    assert_told_in_chinese(proc)
    assert (f"{Path('units') / 'bad.yaml'}:{line_of(UNIT, 'hosts') + 3}: 字段 overrides.scope：没有一条范围规则匹配 "
            "portal 网址") in proc.stderr


@pytest.mark.parametrize("out, command, message", [
    ("afile", "crawl", "afile 是文件，不是文件夹"), ("afile/deeper", "crawl", "afile 是文件，不是文件夹"),
    ("afile", "run", "afile 是文件，不是文件夹"), ("afile", "demo", "afile 是文件，不是文件夹"),
    (LONG, "crawl", "不是可用的路径（File name too long）")])
def test_an_out_option_that_cannot_hold_runs_exits_2(tmp_path, out, command, message):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    program = write_program(tmp_path)
    options = ["--program", program] if command != "demo" else []
    proc = zwgk(command, *options, "--out", out, cwd=tmp_path)
    assert proc.returncode == 2
    assert_told_in_chinese(proc)
    assert f"--out '{out}'：{message}" in proc.stderr
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "x"


def test_a_valid_program_with_settings_gets_as_far_as_choosing_units(tmp_path):
    # an unknown unit stops the crawl right after the program and the settings are read
    program = write(tmp_path, "schedule: weekly\ncrawl:\n  ZWGK_PAGE_BUDGET: 5\n  ROBOTSTXT_OBEY: 'TRUE'\n")
    proc = zwgk("crawl", "--program", program, "--out", tmp_path / "runs", "--set", "ROBOTSTXT_OBEY=TRUE",
                "--units", "nosuch", cwd=tmp_path)
    assert proc.returncode == 2
    assert_told_in_chinese(proc)
    assert "没有这些单位：nosuch" in proc.stderr and "配置错误" not in proc.stderr and "--set" not in proc.stderr


def test_text_given_to_set_reaches_the_crawl_as_the_type_it_reads(tmp_path):
    # A real crawl of one unit whose site refuses connections (port 9 on loopback): short, and
    # Scrapy builds every component from the settings. "TRUE" used to pass the --set check and make
    # Scrapy's getbool raise mid-crawl (a traceback, then a "complete" run and exit 0).
    program = write_program(tmp_path)
    proc = zwgk("crawl", "--program", program, "--out", tmp_path / "runs", "--set", "ROBOTSTXT_OBEY=TRUE",
                "--set", "ZWGK_AVAIL_PROBES=1", "--set", "RETRY_TIMES=0", "--set", "DOWNLOAD_DELAY=0",
                "--set", "ZWGK_PROGRESS=off", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "ValueError" not in proc.stderr and "Supported values" not in proc.stderr
    [run_dir] = (tmp_path / "runs").iterdir()
    with sqlite3.connect(run_dir / "snapshot.db") as conn:
        status, settings = conn.execute("select status, settings from run").fetchone()
    conn.close()
    used = json.loads(settings)
    assert status == "complete"
    assert (used["ROBOTSTXT_OBEY"], used["ZWGK_AVAIL_PROBES"], used["DOWNLOAD_DELAY"]) == (True, 1, 0)


# ------------------------------------------------------------------------------- zwgk check/report/eval: a damaged snapshot

def good_run(tmp_path: Path) -> Path:
    m = Mini(tmp_path)
    for _ in range(60):
        m.item(body="正文。" * 300)
    m.add("pages", url=PORTAL, kind="home", site="portal", text="青岚区人民政府门户网站",
          footer={"主办单位": "云溪市青岚区人民政府"})
    m.snap.close()
    return tmp_path / "run"


def garbage(db: Path) -> None:
    db.write_bytes(b"\x00not a database\xff" * 300)


def empty(db: Path) -> None:
    db.write_bytes(b"")


def damaged_pages(db: Path) -> None:
    """Overwrite the middle of every third page after the first two: a header SQLite still opens."""
    data = bytearray(db.read_bytes())
    for offset in range(8192, len(data), 3 * 4096):
        data[offset + 100:offset + 600] = b"\xff" * 500
    db.write_bytes(bytes(data))


def bad_cell_pointer(db: Path) -> None:
    """Point the first cell of the last table leaf page (type 13) into its header: SQLite opens
    the file and reads most of it; only its integrity check finds the damage."""
    data = bytearray(db.read_bytes())
    page = max(p for p in range(1, len(data) // 4096) if data[p * 4096] == 13)
    data[page * 4096 + 8:page * 4096 + 10] = b"\x00\x05"
    db.write_bytes(bytes(data))


def newer_schema(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("update run set schema_version = 99")
    conn.close()


@pytest.mark.parametrize("damage, words", [
    (garbage, "无法读取，不是完好的 SQLite 快照（file is not a database）"),
    (empty, "不是本程序能读取的快照（not a zwgk snapshot (no run table)）"),
    (damaged_pages, "已损坏（SQLite 完整性检查未通过），请重新抓取或从备份恢复"),
    (bad_cell_pointer, "已损坏（SQLite 完整性检查未通过），请重新抓取或从备份恢复"),
    (newer_schema, "不是本程序能读取的快照（snapshot schema_version is 99"),
])
@pytest.mark.parametrize("command", [["check"], ["report"], ["eval", "--truth", "truth.json"]])
def test_a_damaged_snapshot_exits_2_with_one_chinese_line(tmp_path, damage, words, command):
    run_dir = good_run(tmp_path)
    db = run_dir / "snapshot.db"
    damage(db)
    before = db.read_bytes()
    proc = zwgk(command[0], run_dir, *command[1:], cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert_told_in_chinese(proc)
    assert f"错误：{run_dir / 'snapshot.db'} {words}" in proc.stderr
    assert "检查出错" not in proc.stderr            # not every rule crashing in turn
    assert db.read_bytes() == before                 # nothing written into it
    assert not (run_dir / "reports").exists()


def test_the_same_snapshot_undamaged_is_checked_and_reported(tmp_path):
    run_dir = good_run(tmp_path)
    proc = zwgk("check", run_dir, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "检查结果" in proc.stdout and "Traceback" not in proc.stderr
    proc = zwgk("report", run_dir, "--no-screenshots", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (run_dir / "reports" / "index.html").is_file()


def test_a_run_never_checked_is_not_reported_as_clean(tmp_path):
    run_dir = good_run(tmp_path)
    proc = zwgk("report", run_dir, "--no-screenshots", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert_told_in_chinese(proc)
    assert f"错误：{run_dir} 尚未检查，没有问题清单和评分可报告；请先运行 zwgk check {run_dir}" in proc.stderr
    assert not (run_dir / "reports").exists()
