"""What every demo site shares: responses, routing, rendering, pagination, views and search."""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import attachments
from ..catalogs import AUDIENCES, GENRES, TOPIC_CLASSES
from ..model import Attachment, Column, Item, Unit

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
DIMENSIONS = {"topic": ("主题分类", TOPIC_CLASSES), "genre": ("体裁分类", GENRES),
              "audience": ("服务对象", AUDIENCES)}
ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                  trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)


def fmt_date(d: date | None, style: str = "iso") -> str:
    """Dates as real sites print them: 2019-09-05, 2019年09月05日, 2019年9月5日, 2019/9/5, 2019.09.05."""
    if d is None:
        return ""
    return {
        "iso": f"{d:%Y-%m-%d}", "cn": f"{d:%Y年%m月%d日}", "cn_short": f"{d.year}年{d.month}月{d.day}日",
        "slash": f"{d.year}/{d.month}/{d.day}", "dot": f"{d:%Y.%m.%d}", "md": f"{d:%m-%d}", "md_bracket": f"[{d:%m-%d}]",
    }[style]


ENV.filters["date"] = fmt_date


def pages(count: int, size: int) -> int:
    return max(1, math.ceil(count / size))


def normalise_query(q: str) -> str:
    return re.sub(r"\s+", "", q or "")


class Site:
    """A view of the model on one host. Subclasses add routes (regex → method) and URL builders."""

    page_size = 15
    routes: list[tuple[str, str]] = []

    def __init__(self, spec, world):
        self.spec, self.world = spec, world
        self.units: list[Unit] = spec.units
        self.encoding = spec.encoding
        self.hits: dict[str, int] = {}
        self._routes = [(re.compile(rx), name) for rx, name in self.routes]
        self._items = {i.uid: i for u in self.units for i in self.site_items(u)}

    # ---- plumbing -------------------------------------------------------------------------
    @property
    def base(self) -> str:
        return f"http://{self.spec.host}:{self.world.port}"

    def site_items(self, unit: Unit):
        return unit.items()

    def handle(self, path: str, query: dict[str, str]) -> Response:
        for rx, name in self._routes:
            m = rx.fullmatch(path)
            if m:
                resp = getattr(self, name)(query, **m.groupdict())
                if resp is not None:
                    return resp
        return self.not_found()

    def not_found(self) -> Response:
        return self.render("404.html", status=404, title="404 页面不存在")

    def render(self, template: str, status: int = 200, **ctx) -> Response:
        ctx.setdefault("site", self)
        html = ENV.get_template(template).render(**ctx)
        return self.html(html, status)

    def html(self, html: str, status: int = 200, charset: str | None = None) -> Response:
        enc = self.encoding
        # GBK sites: characters outside GBK become references, as old CMSs do
        body = html.encode(enc, errors="xmlcharrefreplace")
        return Response(status, body, f"text/html; charset={charset or enc}")

    def json(self, data, status: int = 200) -> Response:
        return Response(status, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(),
                        "application/json; charset=utf-8")

    def attachment(self, item: Item, att: Attachment) -> Response:
        if att.broken:
            return self.not_found()
        text = [item.title] + item.body
        if att.ext == "docx":
            data, ctype = attachments.docx_bytes(item.title, text), \
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        elif att.ext == "xlsx":
            data, ctype = attachments.xlsx_bytes(item.title, att.rows or [["内容"], [item.title]]), \
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            rows = ["\u3000".join(r) for r in (att.rows or [])]
            data, ctype = attachments.pdf_bytes(item.title, item.body + rows), "application/pdf"
        disposition = f"attachment; filename*=UTF-8''{quote(att.name)}"
        return Response(200, data, ctype, [("Content-Disposition", disposition)])

    # ---- the model seen through this site ---------------------------------------------------
    def unit_by_organ(self, organ: str | None) -> Unit | None:
        try:
            return next(u for u in self.units if u.organ_id == int(organ or 1))
        except (StopIteration, ValueError):
            return None

    def item(self, uid) -> Item | None:
        try:
            return self._items.get(int(uid))
        except ValueError:
            return None

    def column_by_cid(self, unit: Unit, cid) -> Column | None:
        return next((c for c in unit.columns() if str(c.cid) == str(cid)), None)

    @staticmethod
    def catalog_items(unit: Unit) -> list[Item]:
        """Items of the catalog proper (the views and search cover these, not 年报/制度)."""
        out = [i for c in unit.columns() if not c.fixed for i in c.items]
        return sorted(out, key=lambda i: (i.published, i.uid), reverse=True)

    def view_items(self, unit: Unit, dim: str, code: str) -> list[Item]:
        return [i for i in self.catalog_items(unit)
                if getattr(i, dim) == code and dim not in i.flags.get("hide_in", ())]

    def views(self, unit: Unit):
        """(dim, dim name, code, code name, items) for every non-empty classification view."""
        for dim, (dim_name, codes) in DIMENSIONS.items():
            for code, name in codes.items():
                yield dim, dim_name, code, name, self.view_items(unit, dim, code)

    def search(self, units: list[Unit], q: str) -> list[Item]:
        """Title or 文号 contains the query, newest first, as the sites' full-text engines answer.
        Everything the unit publishes is searchable, the fixed entries' lists (制度, 年报) included."""
        q = normalise_query(q)
        if not q:
            return []
        hits = [i for u in units for i in u.items()
                if not i.flags.get("search_excluded")
                and (q in normalise_query(i.title) or (i.doc_no and q in i.doc_no))]
        return sorted(hits, key=lambda i: (i.published, i.uid), reverse=True)

    def search_target(self, item: Item) -> Item:
        return item.flags.get("search_target") or item

    @staticmethod
    def list_date(item: Item) -> date:
        return item.flags.get("list_date") or item.published

    @staticmethod
    def view_title(item: Item) -> str:
        return item.flags.get("view_title") or item.title

    @staticmethod
    def highlight(title: str, q: str, open_: str = "<em>", close: str = "</em>") -> str:
        """Wrap the query in highlight markup, escaping everything else."""
        from markupsafe import escape
        q = normalise_query(q)
        if q and q in title:
            a, b = title.split(q, 1)
            return f"{escape(a)}{open_}{escape(q)}{close}{escape(b)}"
        return str(escape(title))

    @staticmethod
    def truncate(title: str, n: int) -> str:
        return title if len(title) <= n else title[: n - 1] + "…"

    @staticmethod
    def qs(**params) -> str:
        return urlencode({k: v for k, v in params.items() if v is not None})

    dims = DIMENSIONS

    @staticmethod
    def topic_name(item: Item) -> str:
        return TOPIC_CLASSES[item.topic]

    @staticmethod
    def genre_name(item: Item) -> str:
        return GENRES[item.genre]

    @staticmethod
    def audience_name(item: Item) -> str:
        return AUDIENCES[item.audience]

    def download(self, query, uid, n, ext, **_):
        """An attachment by item id and position; the extension must match the file's."""
        item = self.item(uid)
        if item is None or int(n) >= len(item.attachments) or item.attachments[int(n)].ext != ext:
            return None
        return self.attachment(item, item.attachments[int(n)])

    # ---- the sitemap ------------------------------------------------------------------------
    def urls(self):
        """Every URL this site serves with success."""
        return iter(())

    def item_and_entry_urls(self, unit: Unit):
        """Items, their attachments (but broken ones), the search entry and the application form."""
        for item in unit.items():
            yield self.item_url(item)
            for n, att in enumerate(item.attachments):
                if not att.broken:
                    yield self.attachment_url(item, n)
        if not unit.flags.get("no_search") and not unit.flags.get("search_error"):
            yield self.search_url(unit, "")
        if unit.fixed("apply") and unit.fixed("apply").links:
            yield from self.apply_urls(unit)

    # ---- shared page kinds --------------------------------------------------------------------
    def js(self, text: str) -> Response:
        return Response(200, text.encode(self.encoding), f"application/javascript; charset={self.encoding}")

    def apply_form_response(self, unit: Unit) -> Response | None:
        """The 依申请公开 application form as a real .docx."""
        col = unit.fixed("apply")
        if col is None or not col.links:
            return None
        data = attachments.docx_bytes(f"{unit.name}政府信息公开申请表", APPLY_FORM_FIELDS)
        return Response(200, data, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        [("Content-Disposition", "attachment; filename*=UTF-8''" + quote("政府信息公开申请表.docx"))])

    def apply_online_response(self, unit: Unit) -> Response | None:
        col = unit.fixed("apply")
        if col is None or not col.links:
            return None
        return self.render("apply_online.html", unit=unit, fields=APPLY_FORM_FIELDS)


APPLY_FORM_FIELDS = ["申请人姓名（名称）", "证件类型及号码", "联系电话", "通信地址", "电子邮箱",
                     "所需信息的名称、文号或者便于查询的其他特征性描述", "获取信息的方式（邮寄 / 电子邮件 / 当面领取）"]
