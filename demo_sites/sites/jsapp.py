"""Template (c): a site whose lists and search results come from a JSON API, drawn by JavaScript.

Column shells at `/col/<cid>.html` hold an empty `<ul>`; `/static/app.js` fills it from
`/api/list?catId=<cid>&page=N&size=12`. Classification views use the same API with `dim`/`code`,
search uses `/api/search?q=…`. Articles at `/art/<YYYY>/<id>.html` are server-rendered with a `<dl>`.
"""
from __future__ import annotations

from .base import DIMENSIONS, Site, pages


class JsAppSite(Site):
    page_size = 12
    routes = [
        (r"/(?:index\.html)?", "home"),
        (r"/static/app\.js", "app_js"),
        (r"/col/(?P<cid>\d+)\.html", "column"),
        (r"/fl\.html", "view"),
        (r"/search\.html", "search_shell"),
        (r"/api/list", "api_list"),
        (r"/api/search", "api_search"),
        (r"/ysq/form\.docx", "apply_form"),
        (r"/ysq/online\.html", "apply_online"),
        (r"/art/(?P<year>\d{4})/(?P<uid>\d+)\.html", "detail"),
        (r"/u/cms/www/(?P<ym>\d{6})/(?P<uid>\d+)(?P<n>\d)\.(?P<ext>docx|xlsx|pdf)", "download"),
    ]
    LABELS = dict(index="索引号", topic="主题分类", publisher="发布机构", created="生成日期",
                  doc_no="文号", keywords="关键词", genre="体裁分类", audience="服务对象",
                  published="发布日期", summary="内容概述", combo="组配分类")

    def __init__(self, spec, world):
        super().__init__(spec, world)
        self.unit = self.units[0]
        self.css = "app"

    # ---- URLs -----------------------------------------------------------------------------------
    def home_url(self, unit=None) -> str:
        return f"{self.base}/index.html"

    def column_url(self, col, page: int = 1) -> str:
        return f"{self.base}/col/{col.cid}.html"

    def api_url(self, page: int = 1, **params) -> str:
        return f"{self.base}/api/list?" + self.qs(**params, page=page, size=self.page_size)

    def item_url(self, item) -> str:
        return f"{self.base}/art/{item.published:%Y}/{item.uid}.html"

    def attachment_url(self, item, n: int) -> str:
        return f"{self.base}/u/cms/www/{item.published:%Y%m}/{item.uid}{n}.{item.attachments[n].ext}"

    def view_url(self, unit, dim, code, page: int = 1) -> str:
        return f"{self.base}/fl.html?" + self.qs(dim=dim, code=code)

    def search_url(self, unit, q: str, page: int = 1) -> str:
        return f"{self.base}/search.html?" + self.qs(q=q)

    def search_api_url(self, q: str, page: int = 1) -> str:
        return f"{self.base}/api/search?" + self.qs(q=q, page=page)

    def apply_urls(self, unit) -> list[str]:
        return [f"{self.base}/ysq/form.docx", f"{self.base}/ysq/online.html"]

    # ---- pages ----------------------------------------------------------------------------------
    def home(self, query):
        return self.render("jsapp/home.html", unit=self.unit, api="/api/list?page=1&size=10")

    def app_js(self, query):
        return self.js(APP_JS)

    def column(self, query, cid):
        col = self.column_by_cid(self.unit, cid)
        if col is None:
            return None
        if col.kind == "page":
            return self.render("jsapp/page.html", unit=self.unit, col=col)
        if not col.is_leaf:
            return self.render("jsapp/container.html", unit=self.unit, col=col)
        return self.render("jsapp/list.html", unit=self.unit, col=col, title=col.path,
                           api=f"/api/list?catId={col.cid}")

    def view(self, query):
        dim, code = query.get("dim", ""), query.get("code", "")
        if dim not in DIMENSIONS or code not in DIMENSIONS[dim][1]:
            return None
        return self.render("jsapp/list.html", unit=self.unit, col=None,
                           title=f"{DIMENSIONS[dim][0]} > {DIMENSIONS[dim][1][code]}",
                           api=f"/api/list?dim={dim}&code={code}")

    def search_shell(self, query):
        if self.unit.flags.get("no_search"):
            return None
        return self.render("jsapp/search.html", unit=self.unit, q=query.get("q", ""))

    def api_list(self, query):
        if "catId" in query:
            col = self.column_by_cid(self.unit, query["catId"])
            if col is None:
                return self.json({"code": 404, "msg": "栏目不存在"}, 404)
            items, view = col.items, False
        elif query.get("dim") in DIMENSIONS and query.get("code") in DIMENSIONS[query["dim"]][1]:
            items, view = self.view_items(self.unit, query["dim"], query["code"]), True
        else:
            items, view = self.catalog_items(self.unit), False
        return self.json(self._page(items, query, view=view))

    def _page(self, items, query, view=False, q=None):
        size = min(50, max(1, _int(query.get("size"), self.page_size)))
        page = max(1, _int(query.get("page"), 1))
        count = pages(len(items), size)
        chunk = items[(page - 1) * size: page * size]
        records = []
        for i in chunk:
            target = self.search_target(i) if q is not None else i
            title = self.view_title(i) if view else i.title
            records.append({
                "id": i.uid, "title": self.highlight(title, q) if q else title,
                "url": self.item_url(target).removeprefix(self.base),
                "pubDate": f"{(i.published if view or q is not None else self.list_date(i)):%Y-%m-%d}",
                "indexNo": i.index_no or "", "docNo": i.doc_no or "",
            })
        return {"code": 0, "total": len(items), "page": page, "pageCount": count, "size": size,
                "records": records}

    def api_search(self, query):
        if self.unit.flags.get("no_search"):
            return self.json({"code": 404, "msg": "not found"}, 404)
        if self.unit.flags.get("search_error"):
            return self.json({"code": 500, "msg": "检索服务异常"}, 500)
        q = query.get("q", "")
        return self.json(self._page(self.search([self.unit], q), query, q=q))

    def detail(self, query, year, uid):
        item = self.item(uid)
        if item is None or str(item.published.year) != year:
            return None
        resp = self.render("jsapp/detail.html", unit=self.unit, item=item, L=self.LABELS)
        if item.flags.get("wrong_charset"):
            resp.content_type = "text/html"
        return resp


    def apply_form(self, query):
        return self.apply_form_response(self.unit)

    def apply_online(self, query):
        return self.apply_online_response(self.unit)

    # ---- sitemap --------------------------------------------------------------------------------
    def urls(self):
        u = self.unit
        yield f"{self.base}/"
        yield self.home_url()
        yield f"{self.base}/static/app.js"
        yield f"{self.base}/api/list?page=1&size=10"
        for col in u.columns():
            yield self.column_url(col)
            if col.is_leaf and col.kind != "page":
                for p in range(1, pages(len(col.items), self.page_size) + 1):
                    yield self.api_url(p, catId=col.cid)
        for dim, _, code, _, items in self.views(u):
            yield self.view_url(u, dim, code)
            for p in range(1, pages(len(items), self.page_size) + 1):
                yield self.api_url(p, dim=dim, code=code)
        yield from self.item_and_entry_urls(u)


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# Lists, pagers and search results are drawn here, from the JSON API: without JavaScript the
# column pages are empty shells.
APP_JS = """(function () {
  var box = document.getElementById("list");
  if (!box) return;
  var api = box.getAttribute("data-api");
  var size = 12;
  function esc(s) { var d = document.createElement("div"); d.textContent = s; return d.innerHTML; }
  function show(page) {
    fetch(api + (api.indexOf("?") < 0 ? "?" : "&") + "page=" + page + "&size=" + size)
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var html = "";
        data.records.forEach(function (r) {
          var title = box.hasAttribute("data-highlight") ? r.title : esc(r.title);
          html += '<li><a href="' + r.url + '" target="_blank">' + title + '</a><span class="time">' + r.pubDate + "</span></li>";
        });
        box.innerHTML = html || '<li class="none">暂无数据</li>';
        var pager = document.getElementById("pager"), links = "";
        for (var p = 1; p <= data.pageCount; p++) {
          links += p === data.page ? "<b>" + p + "</b> " : '<a href="#" data-page="' + p + '">' + p + "</a> ";
        }
        pager.innerHTML = data.pageCount > 1 ? "共" + data.total + "条 " + links : "";
      });
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest("#pager a");
    if (a) { e.preventDefault(); show(parseInt(a.getAttribute("data-page"), 10)); }
  });
  show(1);
})();
"""
