"""Template (a): a statically published disclosure site (TRS WCM style).

Columns at `/<path>/index.html`, later pages `index_1.html`, `index_2.html` … with no link to them in
the HTML: the pager is drawn by `createPageHTML(count, current, "index", "html")` from numbers in a
script. Items at `/<path>/YYYYMM/tYYYYMMDD_<id>.html` with a 4-column metadata table printed twice.
"""
from __future__ import annotations

from .base import DIMENSIONS, Site, pages

LABELS = [
    dict(index="索 引 号", topic="主题分类", publisher="发布机构", created="生成日期", doc_no="文　　号",
         keywords="关 键 词", genre="体裁分类", audience="服务对象", published="发布日期",
         summary="内容概述", combo="组配分类"),
    dict(index="索引号：", topic="信息分类：", publisher="发文机关：", created="成文日期：",
         doc_no="发文字号：", keywords="主题词：", genre="体裁分类：", audience="服务对象分类：",
         published="发布时间：", summary="摘要：", combo="组配分类："),
]


class StaticSite(Site):
    page_size = 15
    routes = [
        (r"/(?:index\.html)?", "home"),
        (r"/js/page\.js", "pager_js"),
        (r"/fl/(?P<dim>topic|genre|audience)/(?P<code>\w+)/index(?:_(?P<n>\d+))?\.html", "view"),
        (r"/was5/web/search", "search_page"),
        (r"/ysqgk/sqb\.docx", "apply_form"),
        (r"/ysqgk/online\.html", "apply_online"),
        (r"/(?P<path>[a-z0-9/]+)/(?P<ym>\d{6})/t(?P<ymd>\d{8})_(?P<uid>\d+)\.html", "detail"),
        (r"/(?P<path>[a-z0-9/]+)/(?P<ym>\d{6})/P0(?P<uid>\d+)_(?P<n>\d+)\.(?P<ext>docx|xlsx|pdf)",
         "download"),
        (r"/(?P<path>[a-z0-9/]+)/index(?:_(?P<n>\d+))?\.html", "column"),
    ]

    def __init__(self, spec, world):
        super().__init__(spec, world)
        self.unit = self.units[0]
        self.labels = LABELS[spec.skin % 2]
        self.css = ["xxgk", "gkml"][spec.skin % 2]
        self.date_style = ["iso", "dot"][spec.skin % 2]
        self.detail_date_style = ["cn", "cn_short"][spec.skin % 2]
        self._cols = {self.col_path(c): c for c in self.unit.columns()}

    # ---- URLs -----------------------------------------------------------------------------------
    @staticmethod
    def col_path(col) -> str:
        return col.slug if col.fixed else col.key

    def home_url(self, unit=None) -> str:
        return f"{self.base}/index.html"

    def column_url(self, col, page: int = 1) -> str:
        suffix = "index.html" if page == 1 else f"index_{page - 1}.html"
        return f"{self.base}/{self.col_path(col)}/{suffix}"

    def item_url(self, item) -> str:
        d = item.published
        return f"{self.base}/{self.col_path(item.column)}/{d:%Y%m}/t{d:%Y%m%d}_{item.uid}.html"

    def attachment_url(self, item, n: int) -> str:
        att = item.attachments[n]
        return f"{self.base}/{self.col_path(item.column)}/{item.published:%Y%m}/P0{item.uid}_{n}.{att.ext}"

    def view_url(self, unit, dim, code, page: int = 1) -> str:
        suffix = "index.html" if page == 1 else f"index_{page - 1}.html"
        return f"{self.base}/fl/{dim}/{code}/{suffix}"

    def search_url(self, unit, q: str, page: int = 1) -> str:
        return f"{self.base}/was5/web/search?" + self.qs(channelid="239811", searchword=q,
                                                         page=page if page > 1 else None)

    def apply_urls(self, unit) -> list[str]:
        return [f"{self.base}/ysqgk/sqb.docx", f"{self.base}/ysqgk/online.html"]

    # ---- pages ----------------------------------------------------------------------------------
    def home(self, query):
        latest = self.catalog_items(self.unit)[:10]
        return self.render("static/home.html", unit=self.unit, latest=latest, dims=DIMENSIONS)

    def pager_js(self, query):
        return self.js(PAGER_JS)

    def column(self, query, path, n=None):
        col = self._cols.get(path)
        if col is None:
            return None
        if col.kind == "page":
            return self.render("static/page.html", unit=self.unit, col=col)
        if not col.is_leaf:
            return self.render("static/container.html", unit=self.unit, col=col)
        return self.paged("static/list.html", col.items, n, col=col, unit=self.unit,
                          title=col.name)

    def paged(self, template, items, n, **ctx):
        page = int(n) + 1 if n is not None else 1
        count = pages(len(items), self.page_size)
        if page > count:
            return None
        chunk = items[(page - 1) * self.page_size: page * self.page_size]
        return self.render(template, items=chunk, page=page, count=count, **ctx)

    def view(self, query, dim, code, n=None):
        names = DIMENSIONS[dim][1]
        if code not in names:
            return None
        items = self.view_items(self.unit, dim, code)
        return self.paged("static/list.html", items, n, unit=self.unit, col=None, view=True,
                          title=f"{DIMENSIONS[dim][0]} > {names[code]}")

    def detail(self, query, path, ym, ymd, uid):
        item = self.item(uid)
        if item is None or self.item_url(item) != f"{self.base}/{path}/{ym}/t{ymd}_{uid}.html":
            return None
        resp = self.render("static/detail.html", unit=self.unit, item=item, L=self.labels)
        if item.flags.get("wrong_charset"):
            resp.content_type = "text/html"   # the meta tag claims gb2312; the bytes are UTF-8
        return resp


    def search_page(self, query):
        if self.unit.flags.get("no_search"):
            return None
        if self.unit.flags.get("search_error"):
            return self.render("error.html", status=500, title="500 Internal Server Error")
        q = query.get("searchword", "")
        hits = self.search([self.unit], q)
        page = max(1, int(query.get("page", "1") or 1)) if query.get("page", "1").isdigit() else 1
        count = pages(len(hits), 10)
        chunk = hits[(page - 1) * 10: page * 10]
        return self.render("static/search.html", unit=self.unit, q=q, hits=chunk, total=len(hits),
                           page=page, count=count)

    def apply_form(self, query):
        return self.apply_form_response(self.unit)

    def apply_online(self, query):
        return self.apply_online_response(self.unit)

    # ---- sitemap --------------------------------------------------------------------------------
    def urls(self):
        u = self.unit
        yield f"{self.base}/"
        yield self.home_url()
        yield f"{self.base}/js/page.js"
        for col in u.columns():
            if col.kind in ("page", "container") or not col.is_leaf:
                yield self.column_url(col)
                continue
            for p in range(1, pages(len(col.items), self.page_size) + 1):
                yield self.column_url(col, p)
        for dim, _, code, _, items in self.views(u):
            for p in range(1, pages(len(items), self.page_size) + 1):
                yield self.view_url(u, dim, code, p)
        yield from self.item_and_entry_urls(u)


# The pager script of TRS-published sites: page 0 is index.html, page n is index_n.html.
PAGER_JS = """function createPageHTML(count, current, prefix, suffix) {
  if (count <= 1) return;
  var html = [];
  for (var i = 0; i < count; i++) {
    var href = i === 0 ? prefix + "." + suffix : prefix + "_" + i + "." + suffix;
    html.push(i === current ? "<span class=\\"cur\\">" + (i + 1) + "</span>"
                            : "<a href=\\"" + href + "\\">" + (i + 1) + "</a>");
  }
  document.write("<div class=\\"page\\">共" + count + "页 " + html.join(" ") + "</div>");
}
"""
