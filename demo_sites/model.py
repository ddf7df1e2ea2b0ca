"""The demo world's data model: units, their columns and items, media accounts.

Sites (in `sites/`) are views of this model: they decide URLs and markup; the model decides what
is published. Defects (`defects.py`) change the model and set `flags` that the views honour.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Attachment:
    name: str            # file name as shown in the link text
    ext: str             # docx | xlsx | pdf
    rows: list[list[str]] | None = None   # table content for xlsx (and the docx/pdf table text)
    broken: bool = False                  # link target answers 404 (LINK-002)


@dataclass
class Consultation:
    start: date
    end: date
    channels: dict[str, str]      # 通信地址/电子邮箱/联系电话/在线提交 → value
    reason: str = ""              # a stated reason for a short period


@dataclass(eq=False)
class Item:
    uid: int
    unit: "Unit"
    column: "Column"
    title: str
    published: date                       # 发布日期, the date shown in lists
    created: date | None                  # 生成日期
    index_no: str | None
    publisher: str | None
    doc_no: str | None = None
    topic: str = "T01"
    genre: str = "G6"
    audience: str = "A4"
    keywords: str = ""
    summary: str | None = ""
    body: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    normative: bool = False               # 规范性文件: needs 文号 and a 解读
    interp_of: "Item | None" = None       # for a 解读: the document it explains
    interps: list["Item"] = field(default_factory=list)
    consult: Consultation | None = None
    feedback_of: "Item | None" = None
    extra_links: list[tuple[str, str]] = field(default_factory=list)  # (href, text) in the body
    # Defect switches honoured by the views, e.g. "hide_in_topic", "search_excluded".
    flags: dict[str, object] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.published.year


@dataclass(eq=False)
class Column:
    key: str                   # unique within the unit, e.g. "zcwj/gfxwj"
    name: str
    slug: str
    kind: str                  # title kind of its items, or "page" for a single-page entry
    fresh: str                 # news | notice | yearly | static | event
    parent: "Column | None" = None
    children: list["Column"] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)      # newest first
    cid: int = 0               # numeric catalog id (platform and API templates)
    fixed: str | None = None   # guide | system | annual | apply for the fixed entries
    page: list[str] | None = None   # body of a single-page entry (指南, 依申请公开 …)
    links: list[tuple[str, str]] = field(default_factory=list)  # links on a page entry

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def path(self) -> str:
        names = []
        col: Column | None = self
        while col is not None:
            names.append(col.name)
            col = col.parent
        return " > ".join(reversed(names))

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(eq=False)
class MediaAccount:
    platform: str              # weibo | wechat
    acct: str                  # account id in its URL
    name: str                  # display name
    registered: bool = True    # listed in the unit's profile
    posts: list[date] = field(default_factory=list)   # newest first
    readable: bool = True      # False: the page only says 请在微信客户端打开
    entry_broken: bool = False # the portal's link to it answers 404


@dataclass
class Contacts:
    address: str
    hours: str
    phone: str
    fax: str
    email: str
    mobiles: list[str]         # the unit's own published duty mobiles


@dataclass(eq=False)
class Unit:
    id: str
    name: str
    short: str
    type: str
    org_code: str
    abbr: str                  # 文号 prefix, e.g. 青政
    contacts: Contacts
    roots: list[Column] = field(default_factory=list)
    portal: object = None      # the Site (or channel) carrying its portal
    disclosure: object = None  # the Site carrying its disclosure catalog
    organ_id: int = 1          # its organ id on a shared platform
    media: list[MediaAccount] = field(default_factory=list)
    portal_news: list[Item] = field(default_factory=list)   # 要闻 on its portal
    parent: "Unit | None" = None   # the county whose platform carries a 乡镇/街道
    flags: dict[str, object] = field(default_factory=dict)

    def columns(self):
        for root in self.roots:
            yield from root.walk()

    def column(self, key: str) -> Column:
        for col in self.columns():
            if col.key == key:
                return col
        raise KeyError(f"{self.id}: no column {key}")

    def fixed(self, name: str) -> Column | None:
        return next((c for c in self.columns() if c.fixed == name), None)

    def items(self):
        for col in self.columns():
            yield from col.items
