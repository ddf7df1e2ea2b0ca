"""Build the demo world: a fictional city's units, their sites and what they publish.

`build_world(seed, as_of, scale)` is a pure function: the same arguments give the same world, and
so the same bytes on every page. Defects and decoys are seeded afterwards by `defects.seed`.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from ipaddress import IPv4Address

import chinese_calendar

from . import content
from .catalogs import (AUDIENCES, CATALOG_BY_TYPE, FIXED_ENTRIES, TOPIC_CLASSES)
from .model import Attachment, Column, Consultation, Contacts, Item, MediaAccount, Unit

DEFAULT_AS_OF = date(2019, 9, 30)
DEFAULT_PORT = 8800
REGULATION_2019 = date(2019, 5, 15)   # the revised 条例 takes effect (R2019)

# id, name, short, type, organisation code, 文号 prefix, portal host, disclosure host, template, encoding
BASE_UNITS = [
    ("qinglan", "云溪市青岚区人民政府", "青岚区", "county", "003240560", "青政", 2, 3, "platform", "utf-8"),
    ("taoyuan", "青岚区桃源镇人民政府", "桃源镇", "town", "003240712", "桃政", 2, 3, "platform", "utf-8"),
    ("dongcheng", "青岚区东城街道办事处", "东城街道", "street", "003240839", "东办", 2, 3, "platform", "utf-8"),
    ("kaifaqu", "云溪经济开发区管理委员会", "开发区", "zone", "585712938", "云开管", 4, 5, "static", "utf-8"),
    ("zhujian", "云溪市住房和城乡建设局", "市住建局", "key_dept", "003051275", "云建", 6, 7, "jsapp", "utf-8"),
    ("tongji", "云溪市统计局", "市统计局", "dept", "003051470", "云统", 8, 9, "platform", "utf-8"),
    ("gjj", "云溪市住房公积金管理中心", "市公积金中心", "institution", "12341500MB1832650J", "云公积金",
     10, 11, "static", "gbk"),
    ("dangan", "云溪市档案局", "市档案局", "dept", "003051391", "云档", 12, 13, "static", "utf-8"),
]
DOWN_UNITS = {"dangan"}          # nothing listens on their hosts (AVAIL-001)
WEIBO_HOST, WECHAT_HOST = 20, 21
EXT_HOST, WAF_HOST, DEAD_HOST = 30, 31, 32   # external sites: ordinary, 403 to crawlers, unreachable

# Item counts per column at scale 1, and the mean gap between items, by freshness class. The scale
# knob multiplies counts and divides gaps (same time span, denser columns) and adds 4 units per step:
# pages grow as scale² (scale 5 ≈ 28,000 URLs, scale 10 ≈ 104,000).
COUNTS = {"news": 24, "notice": 10, "yearly": 4, "static": 2, "event": 3}
GAPS = {"news": 9, "notice": 50, "yearly": 300, "static": 400, "event": 120}


def host(n: int) -> str:
    return str(IPv4Address("127.0.0.0") + n)


@dataclass
class SiteSpec:
    """What a host serves: a template applied to units (organs), or a helper site."""
    host: str
    kind: str            # portal | disclosure | media | external
    template: str        # platform | static | jsapp | portal | weibo | wechat | external | waf
    encoding: str = "utf-8"
    units: list[Unit] = field(default_factory=list)
    skin: int = 0        # selects class names and label spellings, so sites differ in markup
    down: bool = False
    flags: dict[str, object] = field(default_factory=dict)


@dataclass
class World:
    seed: int
    as_of: date
    scale: int
    port: int
    units: list[Unit]
    sites: list[SiteSpec]
    truth: list[dict] = field(default_factory=list)
    views: dict = field(default_factory=dict)     # host → Site, built by sites.make_views
    faults: bool = False

    def unit(self, uid: str) -> Unit:
        return next(u for u in self.units if u.id == uid)

    def site_at(self, host_: str) -> SiteSpec | None:
        return next((s for s in self.sites if s.host == host_), None)

    def base(self, spec: SiteSpec) -> str:
        return f"http://{spec.host}:{self.port}/"


def working_days_after(start: date, n: int) -> date:
    """The n-th Chinese working day after `start` (holidays and 调休 make-up days counted)."""
    day = start
    while n > 0:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day):
            n -= 1
    return day


def build_world(seed: int = 0, as_of: date = DEFAULT_AS_OF, scale: int = 1,
                port: int = DEFAULT_PORT) -> World:
    rng = random.Random(f"{seed}:{as_of.isoformat()}:{scale}")
    world = World(seed, as_of, scale, port, [], [])
    specs: dict[int, SiteSpec] = {}

    def spec(n: int, kind: str, template: str, encoding: str = "utf-8", skin: int = 0) -> SiteSpec:
        if n not in specs:
            specs[n] = SiteSpec(host(n), kind, template, encoding, skin=skin)
        return specs[n]

    rows = list(BASE_UNITS)
    templates = ["static", "platform", "jsapp"]
    for i in range(4 * (scale - 1)):   # the scale knob adds departments, each with two hosts
        rows.append((f"bumen{i + 1:03d}", f"云溪市第{i + 1}工作局", f"第{i + 1}局", "dept",
                     f"0030{52000 + i:05d}", f"云{i + 1}局", 256 + 2 * i, 257 + 2 * i,
                     templates[i % 3], "utf-8"))
    for skin, (uid, name, short, utype, code, abbr, p, d, tmpl, enc) in enumerate(rows):
        unit = Unit(uid, name, short, utype, code, abbr, _contacts(rng, short))
        if utype in ("town", "street"):
            unit.parent = world.units[0]
            unit.organ_id = len([u for u in world.units if u.parent]) + 2
        portal = spec(p, "portal", "portal", enc, skin)
        disclosure = spec(d, "disclosure", tmpl, enc, skin)
        portal.units.append(unit)
        disclosure.units.append(unit)
        portal.down = disclosure.down = uid in DOWN_UNITS
        unit.portal, unit.disclosure = portal, disclosure
        _build_catalog(unit, rng, as_of, scale)
        _build_portal_news(unit, rng, as_of, scale)
        _build_media(unit, rng, as_of)
        world.units.append(unit)
    for n, tmpl in ((WEIBO_HOST, "weibo"), (WECHAT_HOST, "wechat")):
        spec(n, "media", tmpl)
    spec(EXT_HOST, "external", "external")
    spec(WAF_HOST, "external", "waf")
    spec(DEAD_HOST, "external", "external").down = True
    world.sites = [specs[k] for k in sorted(specs)]
    return world


def _contacts(rng: random.Random, short: str) -> Contacts:
    return Contacts(
        address=f"云溪市{short}政务中心{rng.randint(2, 9)}楼{rng.randint(201, 520)}室",
        hours="周一至周五 上午8:30—12:00，下午14:30—17:30（法定节假日除外）",
        phone=f"0564-{rng.randint(3000000, 3999999)}",
        fax=f"0564-{rng.randint(3000000, 3999999)}",
        email=f"{rng.choice(['zwgk', 'xxgk', 'gkb'])}{rng.randint(10, 99)}@yunxi.gov.cn",
        mobiles=[f"139{rng.randint(10000000, 99999999)}" for _ in range(3)],
    )


def _build_catalog(unit: Unit, rng: random.Random, as_of: date, scale: int) -> None:
    counter = iter(range(1, 10_000))
    cid_base = 100 * unit.organ_id + 1000 * (unit.organ_id - 1)

    def make(node, parent):
        name, slug, kind, fresh, children = node
        key = f"{parent.key}/{slug}" if parent else slug
        # a column with sub-columns is a container of them, whatever its name says
        col = Column(key, name, slug, "container" if children else kind, fresh, parent,
                     cid=cid_base + next(counter))
        col.children = [make(child, col) for child in children]
        return col

    roots = [make(n, None) for n in CATALOG_BY_TYPE[unit.type]]
    if unit.type != "institution":   # 行政机关 have the four fixed entries of the 条例
        fixed = {}
        for key, name in FIXED_ENTRIES.items():
            kind = "page" if key in ("guide", "apply") else ("annual" if key == "annual" else "system")
            fresh = "yearly" if key == "annual" else "static"
            fixed[key] = Column(key, name, {"guide": "xxgkzn", "system": "xxgkzd", "annual": "xxgknb",
                                            "apply": "ysqgk"}[key], kind, fresh, None,
                                cid=cid_base + next(counter), fixed=key)
        container = Column("fdzdgk", "法定主动公开内容", "fdzdgk", "container", "static", None,
                           children=roots, cid=cid_base + next(counter))
        for root in roots:
            root.parent = container
        _rekey(container)
        unit.roots = [fixed["guide"], fixed["system"], container, fixed["annual"], fixed["apply"]]
    else:
        unit.roots = roots
    for col in list(unit.columns()):
        if col.is_leaf and col.kind not in ("page", "container"):
            _fill(unit, col, rng, as_of, scale)
        elif col.kind == "page":
            _fill_page(unit, col, as_of)
    _link_interpretations(unit, rng, as_of)
    _link_feedback(unit, rng, as_of)


def _rekey(col: Column) -> None:
    for child in col.children:
        child.key = f"{col.key}/{child.slug}"
        _rekey(child)


def _dates(rng: random.Random, fresh: str, count: int, as_of: date, scale: int) -> list[date]:
    """Publication dates, newest first: a fresh newest item, then gaps around the class mean."""
    gap = GAPS[fresh] / scale if fresh != "static" else GAPS[fresh]
    newest = as_of - timedelta(days=rng.randint(0, 4 if fresh == "news" else 30))
    out, day = [], newest
    for _ in range(count):
        out.append(day)
        day -= timedelta(days=max(1, round(gap * rng.uniform(0.5, 1.5))))
    # no item on a weekend or holiday, as in a government office
    return [d if chinese_calendar.is_workday(d) else _prev_workday(d) for d in out]


def _prev_workday(d: date) -> date:
    while not chinese_calendar.is_workday(d):
        d -= timedelta(days=1)
    return d


def _fill(unit: Unit, col: Column, rng: random.Random, as_of: date, scale: int) -> None:
    fresh = col.fresh
    count = COUNTS[fresh] * (scale if fresh != "static" else 1)
    if col.kind == "interp":
        return  # 解读 are created beside the documents they explain
    if col.kind == "annual":
        _fill_annual(unit, col, rng, as_of)
        return
    if col.kind == "system":
        count = 3
    if col.kind == "feedback":
        return  # feedback is created for the consultations it answers
    seen = {i.title for i in unit.items()}
    for published in _dates(rng, fresh, count, as_of, scale):
        title, topic = _unique_title(rng, col, unit, published.year, seen)
        item = _item(unit, col, title, topic, published, rng)
        if col.kind == "consult":
            start = published
            # periods are counted inclusively, as notices write them (自X至Y): at least 31 days here
            days = rng.choice((31, 35, 45, 60))
            item.consult = Consultation(start, start + timedelta(days=days - 1), _channels(unit, rng))
        col.items.append(item)


def _unique_title(rng, col, unit, year, seen) -> tuple[str, str]:
    kind = col.kind if col.kind != "system" else "notice"
    place = unit.short if unit.type not in ("dept", "key_dept", "institution") else "全市"
    for attempt in range(20):
        title, topic = content.title_for(kind, rng, unit.short, year, place)
        if col.kind == "system":
            title = f"{unit.short}政府信息公开{rng.choice(['保密审查', '工作考核', '发布协调', '依申请公开办理'])}制度"
        elif col.kind == "static":
            title = content.static_title(col.name, unit.name, rng)
        if title not in seen:
            seen.add(title)
            return title, topic
    title = f"{title}（{len(seen)}）"
    seen.add(title)
    return title, topic


GENRE_BY_KIND = {"policy": ["G4", "G5", "G1"], "notice": ["G1", "G2"], "plan": ["G3", "G6"],
                 "news": ["G6"], "consult": ["G2"], "feedback": ["G6"], "welfare": ["G2", "G6"],
                 "finance": ["G3"], "stats": ["G3"], "personnel": ["G1", "G2"], "interp": ["G6"],
                 "static": ["G6"], "system": ["G5"], "annual": ["G3"]}


def _item(unit: Unit, col: Column, title: str, topic_text: str, published: date,
          rng: random.Random) -> Item:
    # 生成日期 is usually the same day or a working day or two before publication
    created = published
    for _ in range(rng.choice((0, 0, 0, 1, 2))):
        created = _prev_workday(created - timedelta(days=1))
    item = Item(uid=0, unit=unit, column=col, title=title, published=published, created=created,
                index_no=None, publisher=unit.name)
    item.topic = rng.choice(list(TOPIC_CLASSES))
    item.genre = rng.choice(GENRE_BY_KIND.get(col.kind, ["G6"]))
    item.audience = rng.choice(list(AUDIENCES))
    item.keywords = topic_text.strip("“”")
    item.summary = f"{unit.short}发布{title}。"
    item.body = content.body(rng, unit.short, topic_text, rng.randint(2, 4))
    if col.kind == "policy":
        item.body = content.policy_body(rng, unit.short, topic_text)
        item.doc_no = content.doc_number(rng, unit.abbr, created.year, rng.randint(1, 160))
        item.normative = col.slug == "gfxwj" or rng.random() < 0.3
        item.attachments.append(Attachment(f"{title[:20]}.docx".replace("《", "").replace("》", ""),
                                           "docx"))
    if col.kind in ("welfare", "finance"):
        item.attachments.append(Attachment(f"{title[:18]}.{'xlsx' if col.kind == 'welfare' else 'pdf'}",
                                           "xlsx" if col.kind == "welfare" else "pdf",
                                           rows=_welfare_rows(rng) if col.kind == "welfare" else None))
    return item


def _welfare_rows(rng: random.Random) -> list[list[str]]:
    """A 公示 table as units publish it: IDs and phones masked (two common mask styles)."""
    rows = [["序号", "姓名", "所在村（社区）", "身份证号", "联系电话", "发放金额（元）"]]
    for n in range(1, rng.randint(5, 9)):
        idn = f"3415{rng.randint(10, 29)}{rng.randint(1940, 2000)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" \
              f"{rng.randint(100, 999)}{rng.choice('0123456789X')}"
        masked = idn[:2] + "*" * 14 + idn[-2:] if n % 2 else idn[:6] + "*" * 8 + idn[-4:]
        phone = f"1{rng.choice('3578')}{rng.randint(0, 9)}****{rng.randint(1000, 9999)}"
        rows.append([str(n), content.person(rng), f"{rng.choice('东南西北')}{rng.choice('山湖塘桥')}村",
                     masked, phone, str(rng.randint(3, 30) * 100)])
    return rows


def _channels(unit: Unit, rng: random.Random) -> dict[str, str]:
    c = unit.contacts
    choices = [("通信地址", c.address), ("电子邮箱", c.email), ("联系电话", c.phone)]
    return dict(rng.sample(choices, rng.randint(2, 3)))


def _fill_page(unit: Unit, col: Column, as_of: date) -> None:
    c = unit.contacts
    if col.fixed == "guide":
        limit = "20个工作日" if as_of >= REGULATION_2019 else "15个工作日"
        col.page = [
            f"为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制《{unit.name}政府信息公开指南》。",
            "一、主动公开。（一）公开范围：机构职能、政策文件、规划计划、财政资金、人事信息等。"
            "（二）信息分类：按照主题分类、体裁分类、服务对象分类。（三）编排体系：本机关主动公开的政府信息按照"
            "“法定主动公开内容”目录编排，每条信息设索引号、名称、内容概述、生成日期等要素。",
            "（四）公开方式：政府信息公开网、政府公报、新闻发布会、查阅点等；获取方式：公民、法人或者其他组织可通过"
            "政府信息公开网查询、下载，或到政府信息公开查阅点查阅。",
            f"二、依申请公开。受理机构名称：{unit.name}政府信息公开办公室；办公地址：{c.address}；"
            f"办公时间：{c.hours}；联系电话：{c.phone}；传真：{c.fax}；电子邮箱：{c.email}；"
            f"互联网联系方式：政府信息公开网在线申请；值班手机：{'、'.join(c.mobiles)}。",
            f"能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起{limit}内予以答复。",
        ]
    elif col.fixed == "apply":
        col.page = [
            f"公民、法人或者其他组织向{unit.name}申请获取政府信息的，应当填写《政府信息公开申请表》，"
            "可通过在线申请、信函、当面递交等方式提出。",
            f"受理机构：{unit.name}政府信息公开办公室，地址：{c.address}，电话：{c.phone}。",
        ]
        col.links = [("form", "政府信息公开申请表（下载）"), ("online", "在线申请")]


def _fill_annual(unit: Unit, col: Column, rng: random.Random, as_of: date) -> None:
    """One report per year, published in the first quarter of the next year when it was due."""
    for year in range(as_of.year - 1, as_of.year - 5, -1):
        published = date(year + 1, 3, rng.randint(5, 28))
        if published > as_of:
            continue
        published = _prev_workday(published)
        title = f"{unit.name}{year}年政府信息公开工作年度报告"
        item = _item(unit, col, title, "政务公开", published, rng)
        item.genre = "G3"
        item.flags["report_year"] = year
        item.attachments = [Attachment(f"{year}年政府信息公开工作年度报告.pdf", "pdf")]
        col.items.append(item)


def _link_interpretations(unit: Unit, rng: random.Random, as_of: date) -> None:
    """Every 规范性文件 and some other documents get a 解读 within 3 working days, linked both ways."""
    interp_col = next((c for c in unit.columns() if c.kind == "interp"), None)
    if interp_col is None:
        return
    docs = [i for c in unit.columns() if c.kind == "policy" for i in c.items]
    for doc in docs:
        if not (doc.normative or rng.random() < 0.4):
            continue
        day = working_days_after(doc.published, rng.choice((0, 1, 2, 3)))
        if rng.random() < 0.5 or day > as_of:
            day = doc.published
        title = f"《{doc.title.split('《')[-1].split('》')[0]}》政策解读" if "《" in doc.title else f"{doc.title}解读"
        item = _item(unit, interp_col, title, doc.keywords, day, rng)
        item.doc_no = None
        item.attachments = []
        item.interp_of = doc
        doc.interps.append(item)
        interp_col.items.append(item)
    interp_col.items.sort(key=lambda i: i.published, reverse=True)


def _link_feedback(unit: Unit, rng: random.Random, as_of: date) -> None:
    """A closed consultation gets its 意见采纳情况 within 30 days of the deadline."""
    fb_col = next((c for c in unit.columns() if c.kind == "feedback"), None)
    for col in unit.columns():
        for item in col.items:
            if item.consult is None or fb_col is None:
                continue
            day = _prev_workday(item.consult.end + timedelta(days=rng.randint(5, 25)))
            if day > as_of:
                continue
            title = item.title.replace("关于公开征求《", "关于《").replace("》意见的公告", "》意见采纳情况的说明")
            fb = _item(unit, fb_col, title, item.keywords, day, rng)
            fb.feedback_of = item
            fb_col.items.append(fb)
    if fb_col is not None:
        fb_col.items.sort(key=lambda i: i.published, reverse=True)


def _build_portal_news(unit: Unit, rng: random.Random, as_of: date, scale: int) -> None:
    """要闻 on the portal homepage (乡镇/街道: their channel on the county portal)."""
    dummy = Column("ywdt", "要闻动态", "ywdt", "news", "news")
    seen = {i.title for i in unit.items()}
    for published in _dates(rng, "news", 12 * scale, as_of, scale):
        title, topic = _unique_title(rng, dummy, unit, published.year, seen)
        item = _item(unit, dummy, title, topic, published, rng)
        dummy.items.append(item)
    unit.portal_news = dummy.items


def _build_media(unit: Unit, rng: random.Random, as_of: date) -> None:
    if unit.type in ("town", "street"):
        return
    for platform in ("weibo", "wechat"):
        posts, day = [], as_of - timedelta(days=rng.randint(0, 5))
        for _ in range(10):
            posts.append(day)
            day -= timedelta(days=rng.randint(1, 6))
        suffix = "发布" if platform == "weibo" else "政务"
        unit.media.append(MediaAccount(platform, f"{unit.id}{'wb' if platform == 'weibo' else 'wx'}", f"{unit.short}{suffix}",
                                       posts=posts))


def number_items(world: World) -> None:
    """World-wide uids and per-unit 索引号 serials, in publication order (as a CMS assigns them)."""
    items = [i for u in world.units for i in list(u.items()) + u.portal_news]
    items.sort(key=lambda i: (i.published, i.unit.id, i.column.key, i.title))
    serials: dict[str, int] = {}
    for uid, item in enumerate(items, start=1):
        item.uid = uid
        if item.column.key == "ywdt":
            continue   # portal news carry no catalog metadata
        n = serials[item.unit.id] = serials.get(item.unit.id, 0) + 1
        item.index_no = f"{item.unit.org_code}/{item.created:%Y%m}-{n:05d}"
