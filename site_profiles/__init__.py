"""Site profiles: unit types, units and monitoring programs, read from YAML and validated.

    program = load_program("site_profiles/programs/demo.yaml")
    for unit in program.units:
        program.unit_type(unit).administrative, unit.disclosure, unit.hosts

A real office writes these files by hand, so every mistake becomes a `ProfileError` that names the
file, the line and the field, in Chinese. Lines come from the YAML node marks (`yaml.compose`), so
fields are read from nodes rather than from an already-constructed dict.
"""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import yaml

__all__ = ["ProfileError", "UnitType", "MediaAccount", "Site", "SITE_ROLES", "Unit", "Program", "load_program",
           "load_unit", "load_unit_type", "load_unit_types", "PACKAGE_DIR", "UNIT_TYPES_DIR", "DEMO_PROGRAM",
           "MEDIA_PLATFORMS", "out_problem"]

PACKAGE_DIR = Path(__file__).resolve().parent
UNIT_TYPES_DIR = PACKAGE_DIR / "unit_types"
DEMO_PROGRAM = PACKAGE_DIR / "programs" / "demo.yaml"
MEDIA_PLATFORMS = ("weibo", "wechat")

# 组织机构代码 (GB 11714): 8 body characters and a check character. 统一社会信用代码 (GB 32100):
# its alphabet leaves out I, O, Z, S and V. Only the form is checked, not the check character:
# generated and legacy codes in the wild do not always carry a valid one.
_ORG_CODE_9 = re.compile(r"[0-9A-Z]{8}[0-9X]")
_USCC = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")
# ids end up in file names and run folders
_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_HOST = re.compile(r"[^\s/:@?#]+")


class ProfileError(ValueError):
    """A bad profile. `file` is the file's path, `line` is 1-based (or None), `field` the field's path."""

    def __init__(self, file, line: int | None, field: str | None, message: str):
        self.file = Path(file)
        self.line = line
        self.field = field
        self.message = message
        where = _display(self.file) + (f":{line}" if line else "")
        super().__init__(f"{where}: 字段 {field}：{message}" if field else f"{where}: {message}")


def _display(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# ---- the schema ------------------------------------------------------------------------------

@dataclass(frozen=True)
class UnitType:
    id: str
    name: str                    # e.g. 县区政府
    administrative: bool = True  # 行政机关; False for 承担公共服务的事业单位 (no 条例 fixed entries)
    own_portal: bool = True      # False for 乡镇/街道, which publish on their county's platform
    # Keys this loader does not know yet (the checks stage adds catalogs, freshness, rubric).
    extra: dict = field(default_factory=dict)
    source: Path | None = None


@dataclass(frozen=True)
class MediaAccount:
    platform: str                # weibo | wechat
    name: str
    url: str


# every site a unit may register; portal and disclosure are crawled, the others probed and read at
# their home (availability, identity, homepage freshness)
SITE_ROLES = {"portal": "门户网站", "disclosure": "政府信息公开网", "mobile": "手机版网站",
              "department": "部门网站", "service": "政务服务网站"}


@dataclass(frozen=True)
class Site:
    role: str                    # one of SITE_ROLES
    url: str


@dataclass(frozen=True, kw_only=True)
class Unit:
    id: str
    name: str
    type: str                    # id of a UnitType
    org_code: str                # 9-char 组织机构代码 or 18-char 统一社会信用代码
    portal: str | None = None    # start URL of the portal (or the unit's channel on its county's)
    disclosure: str              # start URL of the 政府信息公开 site or catalog
    hosts: list[str] = field(default_factory=list)    # hosts the crawler may visit
    search: str | None = None    # search URL template with {q} where the query goes
    media: list[MediaAccount] = field(default_factory=list)   # registered 政务新媒体
    robots_exempt: str | None = None   # official exemption reference; set: robots.txt may be ignored
    overrides: dict = field(default_factory=dict)     # extraction overrides, free-form
    sites: list[Site] = field(default_factory=list)   # every site, portal and disclosure included
    published_contacts: list[str] = field(default_factory=list)   # its own numbers (digits): never PRIV-002
    publishers: list[str] = field(default_factory=list)   # names that count as its own 发布机构
    sync: list[dict] = field(default_factory=list)    # [{portal: column, disclosure: column}] for SYNC-001
    county_kind: str | None = None   # a 县区政府: 县 or 区 (the notice's awards treat them differently)
    county: str | None = None        # a 乡镇 or 街道: the id of its 县区政府's unit
    source: Path | None = None


@dataclass(frozen=True)
class Program:
    id: str
    name: str
    units: list[Unit]
    unit_types: dict[str, UnitType]
    schedule: str | None = None
    out: str = "runs"            # output folder, relative to the working directory like any CLI path
    as_of: date | None = None    # audit as of this date instead of today (the demo world needs it)
    crawl: dict = field(default_factory=dict)   # Scrapy / ZWGK_* settings for this program's crawls
    source: Path | None = None

    def unit(self, uid: str) -> Unit:
        return next(u for u in self.units if u.id == uid)

    def unit_type(self, unit: Unit) -> UnitType:
        return self.unit_types[unit.type]


# ---- reading YAML nodes ----------------------------------------------------------------------

_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"


def _line(node) -> int:
    return node.start_mark.line + 1


def _compose(path: Path):
    """The file's root node (None when empty); syntax and encoding errors become ProfileError."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ProfileError(path, None, None, "文件不存在") from None
    except IsADirectoryError:
        raise ProfileError(path, None, None, "应为 YAML 文件，实际为文件夹") from None
    try:
        text = data.decode("utf-8-sig")     # Notepad writes a BOM
    except UnicodeDecodeError as e:
        raise ProfileError(path, data[:e.start].count(b"\n") + 1, None,
                           "文件不是 UTF-8 编码（请另存为 UTF-8）") from None
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise ProfileError(path, mark.line + 1 if mark else None, None,
                           f"YAML 语法错误：{e.problem or e}") from None
    except yaml.YAMLError as e:
        raise ProfileError(path, None, None, f"YAML 语法错误：{e}") from None


def _construct(path: Path, node):
    """Plain Python values for free-form parts (overrides, extra unit-type keys)."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise ProfileError(path, mark.line + 1 if mark else _line(node), None, f"YAML 错误：{e.problem}") from None
    finally:
        loader.dispose()


def _kind(node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "键值对"
    if isinstance(node, yaml.SequenceNode):
        return "列表"
    return {_NULL: "空值", _BOOL: "布尔值", "tag:yaml.org,2002:int": "数字",
            "tag:yaml.org,2002:float": "数字", "tag:yaml.org,2002:timestamp": "日期"}.get(node.tag, "文本")


class _Fields:
    """One YAML mapping, read field by field so that each error can point at its line.

    `prefix` names nested mappings in error messages, e.g. "media[1]." (indices count from 0).
    """

    def __init__(self, path: Path, node, prefix: str = "", what: str = "文件内容"):
        self.path, self.node, self.prefix = path, node, prefix
        if node is None:
            raise ProfileError(path, 1, None, "文件为空")
        if not isinstance(node, yaml.MappingNode):
            raise ProfileError(path, _line(node), prefix.rstrip(".") or None,
                               f"{what}应为键值对（字段: 值），实际为{_kind(node)}")
        self.keys: dict[str, object] = {}     # key → key node
        self.values: dict[str, object] = {}   # key → value node
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name is None:
                raise ProfileError(path, _line(key), prefix.rstrip(".") or None, "字段名应为文本")
            if name in self.keys:
                raise ProfileError(path, _line(key), self.name(name),
                                   f"字段重复出现（第 {_line(self.keys[name])} 行已有）")
            self.keys[name], self.values[name] = key, value

    def name(self, key: str) -> str:
        return self.prefix + key

    def error(self, key: str, message: str, at_key: bool = False):
        node = self.keys[key] if at_key else self.values.get(key, self.node)
        return ProfileError(self.path, _line(node), self.name(key), message)

    def check_known(self, known: list[str]) -> None:
        """Unknown keys are errors: a typo must not silently drop a setting."""
        for key in self.unknown(known):
            hint = difflib.get_close_matches(key, known, n=1)
            guess = f"（是否应为 {hint[0]}？）" if hint else ""
            raise self.error(key, f"未知字段{guess}，可用字段：{'、'.join(known)}", at_key=True)

    def unknown(self, known: list[str]) -> list[str]:
        return [k for k in self.keys if k not in known]

    def present(self, key: str) -> bool:
        """Set and not null (`portal:` with nothing after it counts as absent)."""
        node = self.values.get(key)
        return node is not None and not (isinstance(node, yaml.ScalarNode) and node.tag == _NULL)

    def missing(self, key: str):
        return ProfileError(self.path, _line(self.node), self.name(key), "缺少必填字段")

    def text(self, key: str, required: bool = True) -> str | None:
        """A scalar's source text. Taking the text, not the constructed value, keeps
        `org_code: 003240560` from turning into an (octal!) number."""
        if not self.present(key):
            if required:
                raise self.missing(key)
            return None
        node = self.values[key]
        if not isinstance(node, yaml.ScalarNode):
            raise self.error(key, f"应为文本，实际为{_kind(node)}")
        value = node.value.strip()
        if not value:
            if required:
                raise self.error(key, "不能为空")
            return None
        return value

    def ident(self, key: str) -> str:
        value = self.text(key)
        if not _ID.fullmatch(value):
            raise self.error(key, f'"{value}" 不是有效的标识，只能用字母、数字、下划线、连字符和点')
        return value

    def boolean(self, key: str, default: bool) -> bool:
        if not self.present(key):
            return default
        node = self.values[key]
        if not (isinstance(node, yaml.ScalarNode) and node.tag == _BOOL):
            raise self.error(key, f"应为 true 或 false，实际为{_kind(node)}")
        return _construct(self.path, node)

    def url(self, key: str, required: bool = True) -> str | None:
        value = self.text(key, required)
        if value is not None and not _valid_url(value):
            raise self.error(key, f'"{value}" 不是有效的网址，应以 http:// 或 https:// 开头并包含主机名')
        return value

    def seq(self, key: str) -> list:
        """The item nodes of a list field; absent means empty."""
        if not self.present(key):
            return []
        node = self.values[key]
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(key, f"应为列表，实际为{_kind(node)}")
        return node.value

    def mapping(self, key: str) -> dict:
        if not self.present(key):
            return {}
        node = self.values[key]
        if not isinstance(node, yaml.MappingNode):
            raise self.error(key, f"应为键值对，实际为{_kind(node)}")
        return _construct(self.path, node)

    def day(self, key: str) -> date | None:
        if not self.present(key):
            return None
        node = self.values[key]
        try:
            value = _construct(self.path, node) if isinstance(node, yaml.ScalarNode) else None
        except ValueError:   # YAML reads 2019-09-31 as a date and fails on it
            value = None
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                pass
        if not isinstance(value, date) or isinstance(value, datetime):
            raise self.error(key, "应为日期，如 2019-09-30")
        return value


def _valid_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
        parts.port    # raises on a bad port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in value)


def _host(url: str) -> str:
    return urlsplit(url).hostname     # lower-cased, without port: hosts are matched by name


# ---- unit types ------------------------------------------------------------------------------

_TYPE_FIELDS = ["id", "name", "administrative", "own_portal"]


def load_unit_type(path) -> UnitType:
    """One unit-type file. Keys beyond the known ones are kept in `extra` for later stages."""
    path = Path(path).resolve()
    f = _Fields(path, _compose(path))
    extra = {k: _construct(path, f.values[k]) for k in f.unknown(_TYPE_FIELDS)}
    return UnitType(id=f.ident("id"), name=f.text("name"), administrative=f.boolean("administrative", True),
                    own_portal=f.boolean("own_portal", True), extra=extra, source=path)


def load_unit_types(folder=UNIT_TYPES_DIR) -> dict[str, UnitType]:
    """Every *.yaml in `folder`, by id, in file-name order."""
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise ProfileError(folder, None, None, "单位类型文件夹不存在")
    types: dict[str, UnitType] = {}
    for path in sorted(folder.glob("*.yaml")):
        ut = load_unit_type(path)
        if ut.id in types:
            raise _duplicate(path, "单位类型", ut.id, types[ut.id].source)
        types[ut.id] = ut
    if not types:
        raise ProfileError(folder, None, None, "文件夹中没有单位类型文件（*.yaml）")
    return types


def _duplicate(path: Path, what: str, uid: str, other: Path) -> ProfileError:
    node = _Fields(path, _compose(path)).values["id"]
    f_other = _Fields(other, _compose(other)).values["id"]
    return ProfileError(path, _line(node), "id",
                        f'{what} id "{uid}" 重复，已在 {_display(other)}:{_line(f_other)} 中使用')


# ---- units -----------------------------------------------------------------------------------

_UNIT_FIELDS = ["id", "name", "type", "org_code", "portal", "disclosure", "sites", "hosts", "search", "media",
                "robots_exempt", "overrides", "published_contacts", "publishers", "sync", "county_kind", "county"]
COUNTY_KINDS = ("县", "区")
_SITE_FIELDS = ["role", "url"]
_SYNC_FIELDS = ["portal", "disclosure"]
_CONTACT = re.compile(r"[0-9][0-9\s\-]{3,20}[0-9]")
_MEDIA_FIELDS = ["platform", "name", "url"]


def load_unit(path, unit_types: dict[str, UnitType] | None = None) -> Unit:
    """One unit file; its `type` must be one of `unit_types` (default: the package's)."""
    path = Path(path).resolve()
    f = _Fields(path, _compose(path))
    f.check_known(_UNIT_FIELDS)
    if unit_types is None:
        unit_types = load_unit_types()

    utype = f.text("type")
    if utype not in unit_types:
        raise f.error("type", f'未知的单位类型 "{utype}"，应为 {"、".join(unit_types)} 之一')

    org_code = f.text("org_code").upper()
    if len(org_code) == 10 and org_code[8] == "-":    # printed as XXXXXXXX-X on certificates
        org_code = org_code[:8] + org_code[9]
    if not (_ORG_CODE_9.fullmatch(org_code) or _USCC.fullmatch(org_code)):
        raise f.error("org_code", f'"{f.text("org_code")}" 不是有效的组织机构代码（9 位）'
                                  "或统一社会信用代码（18 位）")

    portal, disclosure, sites = _sites(f)
    default_hosts = list(dict.fromkeys(_host(s.url) for s in sites))
    hosts = _hosts(f, sites) if f.present("hosts") else default_hosts

    search = f.url("search", required=False)
    if search is not None and "{q}" not in search:
        raise f.error("search", "检索网址模板须包含 {q}（检索词所在的位置）")

    media = [_media(path, node, i) for i, node in enumerate(f.seq("media"))]
    if f.present("overrides"):
        _check_scope_patterns(path, f.values["overrides"], {s.role: s.url for s in sites})
    return Unit(id=f.ident("id"), name=f.text("name"), type=utype, org_code=org_code,
                disclosure=disclosure, portal=portal, hosts=hosts, search=search, media=media,
                robots_exempt=f.text("robots_exempt", required=False), overrides=f.mapping("overrides"),
                sites=sites, published_contacts=_contacts(f), publishers=_texts(f, "publishers"),
                sync=[_sync_pair(path, node, i) for i, node in enumerate(f.seq("sync"))],
                county_kind=_county_kind(f), county=f.ident("county") if f.present("county") else None,
                source=path)


def _county_kind(f: _Fields) -> str | None:
    kind = f.text("county_kind", required=False)
    if kind is not None and kind not in COUNTY_KINDS:
        raise f.error("county_kind", f'应为“县”或“区”，实际为 "{kind}"')
    return kind


def _sites(f: _Fields) -> tuple[str | None, str, list[Site]]:
    """(portal, disclosure, every site): `portal:`/`disclosure:` and the `sites:` list, which may also
    name them (the same URL, or the only one given)."""
    given = {"portal": f.url("portal", required=False), "disclosure": f.url("disclosure", required=False)}
    sites, seen = [], {}
    for i, node in enumerate(f.seq("sites")):
        sf = _Fields(f.path, node, prefix=f"sites[{i}].", what="每个网站")
        sf.check_known(_SITE_FIELDS)
        role, url = sf.text("role"), sf.url("url")
        if role not in SITE_ROLES:
            raise sf.error("role", f'未知的网站类别 "{role}"，应为 {"、".join(SITE_ROLES)} 之一')
        if url in seen:
            raise sf.error("url", f"与 sites[{seen[url]}] 的网址重复")
        seen[url] = i
        if role in given:
            if given[role] and given[role] != url:
                raise sf.error("url", f"与 {role}: {given[role]} 不一致（同一类别只能有一个网址）")
            if any(s.role == role for s in sites):
                raise sf.error("role", f"{role} 只能登记一个")
            given[role] = url
        sites.append(Site(role, url))
    if not given["disclosure"]:
        raise f.missing("disclosure")
    main = [Site(r, u) for r, u in given.items() if u and not any(s.role == r for s in sites)]
    return given["portal"], given["disclosure"], main + sites


def _contacts(f: _Fields) -> list[str]:
    out = []
    for node in f.seq("published_contacts"):
        value = node.value.strip() if isinstance(node, yaml.ScalarNode) else ""
        if not _CONTACT.fullmatch(value):
            raise ProfileError(f.path, _line(node), "published_contacts",
                               f"每一项应为电话号码（数字，可含空格和“-”），实际为 {value or _kind(node)!r}")
        out.append(re.sub(r"\D", "", value))
    return out


def _texts(f: _Fields, key: str) -> list[str]:
    out = []
    for node in f.seq(key):
        if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
            raise ProfileError(f.path, _line(node), key, "每一项应为非空文本")
        out.append(node.value.strip())
    return out


def _sync_pair(path: Path, node, i: int) -> dict:
    f = _Fields(path, node, prefix=f"sync[{i}].", what="每组同步栏目")
    f.check_known(_SYNC_FIELDS)
    return {"portal": f.text("portal"), "disclosure": f.text("disclosure")}


def _check_scope_patterns(path: Path, overrides, starts: dict[str, str | None]) -> None:
    """`overrides: scope:` is a regular expression or a list of them; one that does not compile
    is a profile error here, not a crash when the crawl starts. They replace the unit's scope, so
    they must take in its start URLs: a start outside them is never fetched, and the run looks
    complete with nothing in it."""
    if not isinstance(overrides, yaml.MappingNode):
        return   # Fields.mapping reports it
    key, node = next(((k, v) for k, v in overrides.value if k.value == "scope"), (None, None))
    if node is None:
        return
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    patterns = []
    for i, item in enumerate(items):
        where = "overrides.scope" + (f"[{i}]" if isinstance(node, yaml.SequenceNode) else "")
        if not isinstance(item, yaml.ScalarNode) or item.tag != "tag:yaml.org,2002:str" or not item.value:
            raise ProfileError(path, _line(item), where, f"应为正则表达式文本，实际为{_kind(item)}")
        try:
            patterns.append(re.compile(item.value))
        except re.error as err:
            raise ProfileError(path, _line(item), where, f"正则表达式无效：{err}") from None
    if not patterns:
        return   # `scope: []` keeps the ordinary scope rules (crawler/scope.py)
    for role, url in starts.items():
        if url and not any(p.search(url) for p in patterns):
            raise ProfileError(path, _line(key), "overrides.scope",
                               f"没有一条范围规则匹配 {role} 网址 {url}：该网址将不会被抓取")


def _hosts(f: _Fields, sites: list[Site]) -> list[str]:
    hosts = []
    for node in f.seq("hosts"):
        value = node.value.strip().lower() if isinstance(node, yaml.ScalarNode) else ""
        if not _HOST.fullmatch(value):
            raise ProfileError(f.path, _line(node), "hosts",
                               "每一项应为主机名（如 www.example.gov.cn），不带 http:// 和路径")
        hosts.append(value)
    # An explicit list replaces the default, so it must still cover every site.
    for site in sites:
        if _host(site.url) not in hosts:
            raise f.error("hosts", f"未包含 {site.role} 网址的主机 {_host(site.url)}")
    return list(dict.fromkeys(hosts))


def _media(path: Path, node, i: int) -> MediaAccount:
    f = _Fields(path, node, prefix=f"media[{i}].", what="每个账号")
    f.check_known(_MEDIA_FIELDS)
    platform = f.text("platform")
    if platform not in MEDIA_PLATFORMS:
        raise f.error("platform", f'未知的平台 "{platform}"，应为 {"、".join(MEDIA_PLATFORMS)} 之一')
    return MediaAccount(platform=platform, name=f.text("name"), url=f.url("url"))


# ---- programs --------------------------------------------------------------------------------

_PROGRAM_FIELDS = ["id", "name", "units", "unit_types", "schedule", "out", "as_of", "crawl"]


def load_program(path) -> Program:
    """A monitoring program with its units resolved. Paths in it are relative to its folder."""
    path = Path(path).resolve()
    f = _Fields(path, _compose(path))
    f.check_known(_PROGRAM_FIELDS)
    pid, name = f.ident("id"), f.text("name")

    if f.present("unit_types"):
        folder = (path.parent / f.text("unit_types")).resolve()
        if not folder.is_dir():
            raise f.error("unit_types", f"文件夹 {_display(folder)} 不存在")
        unit_types = load_unit_types(folder)
    else:
        unit_types = load_unit_types()

    units: list[Unit] = []
    for upath in _unit_files(f):
        unit = load_unit(upath, unit_types)
        other = next((u for u in units if u.id == unit.id), None)
        if other is not None:
            raise _duplicate(upath, "单位", unit.id, other.source)
        units.append(unit)
    _check_counties(units)

    return Program(id=pid, name=name, units=units, unit_types=unit_types, schedule=_schedule(f), out=_out(f),
                   as_of=f.day("as_of"), crawl=_crawl_settings(f), source=path)


def _check_counties(units: list[Unit]) -> None:
    """A 乡镇's or 街道's `county:` names a unit of the program: its 县区政府, whose `county_kind:` says
    县 or 区 (the awards of the notice give their towns different places)."""
    by_id = {u.id: u for u in units}
    for u in units:
        if u.county is None:
            continue
        f = _Fields(u.source, _compose(u.source))
        county = by_id.get(u.county)
        if county is None:
            raise f.error("county", f'方案中没有单位 "{u.county}"（应为本乡镇、街道所属县区政府的单位编号）')
        if county.county_kind is None:
            raise f.error("county", f'单位 "{u.county}" 未写明 county_kind（县或区）')


def _crawl_settings(f: _Fields) -> dict:
    """`crawl:` checked setting by setting, as `--set` is: a misspelt name is an error with the
    closest known name, a value the crawl could not use is an error at its line."""
    if not f.present("crawl"):
        return {}
    node = f.values["crawl"]
    if not isinstance(node, yaml.MappingNode):
        raise f.error("crawl", f"应为键值对（设置名: 值），实际为{_kind(node)}")
    # here, not at the top: it reads Scrapy's defaults, which only a program with settings needs
    from crawler.settings import SettingError, UnknownSetting, setting_value
    settings = _Fields(f.path, node, prefix="crawl.")
    values = {}
    for key, value in settings.values.items():
        try:
            values[key] = setting_value(key, _construct(f.path, value))
        except UnknownSetting as exc:
            raise settings.error(key, str(exc), at_key=True) from None
        except SettingError as exc:
            raise settings.error(key, str(exc)) from None
    return values


def _out(f: _Fields) -> str:
    """The output folder: absent means runs/; set, it must be a folder we can make or write in."""
    if not f.present("out"):
        return "runs"
    value = f.text("out")
    problem = out_problem(value)
    if problem:
        raise f.error("out", problem)
    return value


def out_problem(out: str) -> str | None:
    """Why run folders cannot be made under `out` (relative to the working directory), or None."""
    if "\0" in out:
        return "路径中含有空字符"
    path = Path(out).absolute()
    try:
        for folder in (path, *path.parents):    # the nearest part that exists decides
            if not folder.exists():
                continue
            if not folder.is_dir():
                return f"{_display(folder)} 是文件，不是文件夹"
            if not os.access(folder, os.W_OK | os.X_OK):
                return f"没有在 {_display(folder)} 中写入的权限"
            return None
    except OSError as exc:     # e.g. a name longer than the file system allows
        return f"不是可用的路径（{exc.strerror}）"
    return None


SCHEDULE_WORDS = ("daily", "weekly", "monthly", "quarterly")
# cron fields: name, lowest, highest
_CRON = (("分钟", 0, 59), ("小时", 0, 23), ("日", 1, 31), ("月", 1, 12), ("星期", 0, 7))
_CRON_ITEM = re.compile(r"(\*|(\d+)(?:-(\d+))?)(?:/(\d+))?")


def _schedule(f: _Fields) -> str | None:
    """How often the program is meant to run: a word or a five-field cron expression (numbers)."""
    value = f.text("schedule", required=False)
    if value is None or value in SCHEDULE_WORDS:
        return value
    parts = value.split()
    if len(parts) != 5:
        raise f.error("schedule", f'"{value}" 不是有效的计划，应为 {"、".join(SCHEDULE_WORDS)} 之一，'
                                  '或五段 cron 表达式（分 时 日 月 星期，如 "0 2 * * 1"）')
    for part, (what, low, high) in zip(parts, _CRON):
        for item in part.split(","):
            m = _CRON_ITEM.fullmatch(item)
            numbers = [int(n) for n in m.groups()[1:3] if n is not None] if m else []
            step = int(m.group(4)) if m and m.group(4) else 1
            if not m or step < 1 or any(not low <= n <= high for n in numbers) or numbers != sorted(numbers):
                raise f.error("schedule", f'cron 表达式 "{value}" 的{what}段 "{part}" 无效，'
                                          f"应为 {low}–{high} 的数字、范围（a-b）、* 或 /步长")
    return value


def _unit_files(f: _Fields) -> list[Path]:
    """`units:` is a folder (every *.yaml in it) or a list of files, relative to the program."""
    base = f.path.parent
    if not f.present("units"):
        raise f.missing("units")
    node = f.values["units"]
    if isinstance(node, yaml.SequenceNode):
        files = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode) or item.tag == _NULL:
                raise ProfileError(f.path, _line(item), "units", f"每一项应为单位文件的路径，实际为{_kind(item)}")
            upath = (base / item.value).resolve()
            if not upath.is_file():
                raise ProfileError(f.path, _line(item), "units", f"单位文件 {_display(upath)} 不存在")
            files.append(upath)
        if not files:
            raise f.error("units", "监测方案没有任何单位（列表为空）")
        return files
    folder = (base / f.text("units")).resolve()
    if not folder.is_dir():
        raise f.error("units", f"文件夹 {_display(folder)} 不存在（应为单位文件夹或单位文件列表）")
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise f.error("units", f"监测方案没有任何单位（{_display(folder)} 中没有 *.yaml 文件）")
    return files
