"""Template (b): a dynamic county platform (Lonsun / Hanweb style) carrying several organs.

Catalogs by query string (`/public/column?organId=1&catId=1203&page=2`, pager with 下一页/尾页),
items at `/public/<organId>/<id>.html` with a label/value grid, classification views whose lists
are fragments (`/site/label/8888?labelName=publicInfoList&…&pageIndex=N`) loaded by a script.
"""
from __future__ import annotations

from .base import DIMENSIONS, Site, pages

LABELS = [
    dict(index="索引号：", topic="主题分类：", publisher="发布机构：", created="生成日期：", doc_no="文号：",
         keywords="关键词：", genre="体裁分类：", audience="服务对象：", published="发布日期：",
         summary="内容概述：", combo="组配分类："),
    dict(index="索 引 号：", topic="内容分类：", publisher="信息来源：", created="发文日期：",
         doc_no="文　　号：", keywords="关 键 词：", genre="体裁分类：", audience="服务对象：",
         published="发布时间：", summary="内容概述：", combo="组配分类："),
]


class PlatformSite(Site):
    page_size = 10
    routes = [
        (r"/", "index"),
        (r"/public/index", "organ_home"),
        (r"/public/column", "column"),
        (r"/site/label/8888", "fragment"),
        (r"/public/search", "search_page"),
        (r"/public/apply/form", "apply_form"),
        (r"/public/apply/online", "apply_online"),
        (r"/public/(?P<organ>\d+)/(?P<uid>\d+)\.html", "detail"),
        (r"/group1/M00/00/(?P<uid>\d+)/rB(?P<n>\d+)\.(?P<ext>docx|xlsx|pdf)", "download"),
    ]

    def __init__(self, spec, world):
        super().__init__(spec, world)
        self.labels = LABELS[spec.skin % 2]
        self.css = ["gk", "zwgk"][spec.skin % 2]

    # ---- URLs -----------------------------------------------------------------------------------
    def home_url(self, unit) -> str:
        return f"{self.base}/public/index?organId={unit.organ_id}"

    def column_url(self, col, page: int = 1, unit=None) -> str:
        unit = unit or self._owner(col)
        return f"{self.base}/public/column?" + self.qs(organId=unit.organ_id, catId=col.cid,
                                                       page=page if page > 1 else None)

    def item_url(self, item) -> str:
        return f"{self.base}/public/{item.unit.organ_id}/{item.uid}.html"

    def attachment_url(self, item, n: int) -> str:
        return f"{self.base}/group1/M00/00/{item.uid}/rB{n}.{item.attachments[n].ext}"

    def view_url(self, unit, dim, code, page: int = 1) -> str:
        return f"{self.base}/public/column?" + self.qs(organId=unit.organ_id, type=4, catId=f"{dim}-{code}")

    def fragment_url(self, unit, dim, code, page: int = 1) -> str:
        return f"{self.base}/site/label/8888?" + self.qs(labelName="publicInfoList", organId=unit.organ_id,
                                                         catId=f"{dim}-{code}", pageIndex=page)

    def search_url(self, unit, q: str, page: int = 1) -> str:
        return f"{self.base}/public/search?" + self.qs(organId=unit.organ_id, keywords=q,
                                                       pageIndex=page if page > 1 else None)

    def apply_urls(self, unit) -> list[str]:
        return [f"{self.base}/public/apply/form?organId={unit.organ_id}",
                f"{self.base}/public/apply/online?organId={unit.organ_id}"]

    def _owner(self, col):
        return next(u for u in self.units if any(c is col for c in u.columns()))

    # ---- pages ----------------------------------------------------------------------------------
    def index(self, query):
        return self.render("platform/index.html", units=self.units)

    def organ_home(self, query):
        unit = self.unit_by_organ(query.get("organId"))
        if unit is None:
            return None
        return self.render("platform/home.html", unit=unit, latest=self.catalog_items(unit)[:10])

    def column(self, query):
        unit = self.unit_by_organ(query.get("organId"))
        if unit is None:
            return None
        cat = query.get("catId", "")
        if query.get("type") == "4":   # a classification view: shell + fragment
            dim, _, code = cat.partition("-")
            if dim not in DIMENSIONS or code not in DIMENSIONS[dim][1]:
                return None
            return self.render("platform/view.html", unit=unit, dim=dim, code=code,
                               title=f"{DIMENSIONS[dim][0]} > {DIMENSIONS[dim][1][code]}",
                               fragment=self.fragment_url(unit, dim, code))
        col = self.column_by_cid(unit, cat)
        if col is None:
            return None
        if col.kind == "page":
            return self.render("platform/page.html", unit=unit, col=col)
        if not col.is_leaf:
            return self.render("platform/container.html", unit=unit, col=col)
        page = _int(query.get("page"), 1)
        count = pages(len(col.items), self.page_size)
        if not 1 <= page <= count:
            return None
        chunk = col.items[(page - 1) * self.page_size: page * self.page_size]
        return self.render("platform/list.html", unit=unit, col=col, items=chunk, page=page, count=count)

    def fragment(self, query):
        unit = self.unit_by_organ(query.get("organId"))
        dim, _, code = query.get("catId", "").partition("-")
        if unit is None or dim not in DIMENSIONS or code not in DIMENSIONS[dim][1]:
            return None
        items = self.view_items(unit, dim, code)
        page = _int(query.get("pageIndex"), 1)
        count = pages(len(items), self.page_size)
        if not 1 <= page <= count:
            return None
        chunk = items[(page - 1) * self.page_size: page * self.page_size]
        return self.render("platform/fragment.html", unit=unit, dim=dim, code=code, items=chunk,
                           page=page, count=count)

    def detail(self, query, organ, uid):
        item = self.item(uid)
        if item is None or str(item.unit.organ_id) != organ:
            return None
        resp = self.render("platform/detail.html", unit=item.unit, item=item, L=self.labels)
        if item.flags.get("wrong_charset"):
            resp.content_type = "text/html"
        return resp


    def search_page(self, query):
        unit = self.unit_by_organ(query.get("organId"))
        if unit is None or unit.flags.get("no_search"):
            return None
        if unit.flags.get("search_error"):
            return self.render("error.html", status=500, title="HTTP Status 500 – Internal Server Error")
        q = query.get("keywords", "")
        hits = self.search([unit], q)
        page = _int(query.get("pageIndex"), 1)
        count = pages(len(hits), 10)
        chunk = hits[(page - 1) * 10: page * 10]
        return self.render("platform/search.html", unit=unit, q=q, hits=chunk, total=len(hits),
                           page=page, count=count)

    def apply_form(self, query):
        unit = self.unit_by_organ(query.get("organId"))
        return self.apply_form_response(unit) if unit else None

    def apply_online(self, query):
        unit = self.unit_by_organ(query.get("organId"))
        return self.apply_online_response(unit) if unit else None

    # ---- sitemap --------------------------------------------------------------------------------
    def urls(self):
        yield f"{self.base}/"
        for u in self.units:
            yield self.home_url(u)
            for col in u.columns():
                n = pages(len(col.items), self.page_size) if col.is_leaf and col.kind != "page" else 1
                for p in range(1, n + 1):
                    yield self.column_url(col, p, u)
            for dim, _, code, _, items in self.views(u):
                yield self.view_url(u, dim, code)
                for p in range(1, pages(len(items), self.page_size) + 1):
                    yield self.fragment_url(u, dim, code, p)
            yield from self.item_and_entry_urls(u)


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
