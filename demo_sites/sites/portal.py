"""Portals: the unit's government website (门户网站), with 要闻, 通知公告, 政策文件, entries to the
disclosure site and to 政务微博/微信, 友情链接 and the identity footer. A county portal also carries
its 乡镇/街道 as channels under `/xzjd/<unit>/`.
"""
from __future__ import annotations

from .base import Site, pages

# Mirrored columns: (path, name, which disclosure items)
MIRRORS = [("xwzx/ywdt", "要闻动态"), ("xwzx/tzgg", "通知公告"), ("zwgk/zcwj", "政策文件")]
FAULT_LINKS = [("slow", "专题一"), ("burst", "专题二"), ("reset", "专题三"), ("loop", "专题四"),
               ("calendar?month=2019-09", "活动日历"), ("huge", "专题五"), ("bomb", "专题六"),
               ("liar", "专题七"), ("malformed", "专题八")]
HOME_DATE = ["md_bracket", "iso", "cn_short"]


class PortalSite(Site):
    page_size = 20
    routes = [
        (r"/(?:index\.html)?", "home"),
        (r"(?P<prefix>/xzjd/\w+)/(?:index\.html)?", "home"),
        (r"(?P<prefix>(?:/xzjd/\w+)?)/hdjl/index\.html", "interaction"),
        (r"(?P<prefix>(?:/xzjd/\w+)?)/(?P<col>xwzx/ywdt|xwzx/tzgg|zwgk/zcwj)/index(?:_(?P<n>\d+))?\.html", "column"),
        (r"(?P<prefix>(?:/xzjd/\w+)?)/(?P<col>xwzx/ywdt|xwzx/tzgg|zwgk/zcwj)/(?P<ym>\d{6})/t(?P<ymd>\d{8})_(?P<uid>\d+)\.html",
         "detail"),
    ]

    def __init__(self, spec, world):
        super().__init__(spec, world)
        self.main = next(u for u in self.units if u.parent is None)
        self.date_style = HOME_DATE[spec.skin % 3]
        self.css = ["portal", "gov", "main"][spec.skin % 3]
        n = int(spec.host.split(".")[-1]) + 256 * int(spec.host.split(".")[-2])
        self.site_code = f"34150000{n:02d}"[-10:]     # 网站标识码: 10 characters
        self.icp = f"{10340000 + 37 * n}"             # 皖ICP备…号
        self.police = f"341502020{n:05d}"             # 皖公网安备 …号
        self._mirror_items = {u.id: {path: self.mirror(u, path) for path, _ in MIRRORS} for u in self.units}
        self._items = {i.uid: i for u in self.units for path, _ in MIRRORS
                       for i in self._mirror_items[u.id][path]}

    def mirror(self, unit, path):
        if path == "xwzx/ywdt":
            return unit.portal_news
        if path == "xwzx/tzgg":
            cols = [c for c in unit.columns() if c.name == "通知公告"]
            return cols[0].items if cols else []
        # 政策文件 are pushed from the disclosure platform to the portal (同步推送)
        items = [i for c in unit.columns() if c.kind == "policy" for i in c.items
                 if not i.flags.get("not_on_portal")]
        return sorted(items, key=lambda i: (i.published, i.uid), reverse=True)

    # ---- URLs -----------------------------------------------------------------------------------
    def prefix(self, unit) -> str:
        return "" if unit is self.main else f"/xzjd/{unit.id}"

    def unit_at(self, prefix: str | None):
        return next((u for u in self.units if self.prefix(u) == (prefix or "")), None)

    def home_url(self, unit=None) -> str:
        unit = unit or self.main
        return f"{self.base}{self.prefix(unit)}/index.html" if unit is not self.main else f"{self.base}/"

    def column_url(self, unit, path, page: int = 1) -> str:
        suffix = "index.html" if page == 1 else f"index_{page - 1}.html"
        return f"{self.base}{self.prefix(unit)}/{path}/{suffix}"

    def item_url(self, item, path: str | None = None) -> str:
        path = path or self.path_of(item)
        d = item.published
        return f"{self.base}{self.prefix(item.unit)}/{path}/{d:%Y%m}/t{d:%Y%m%d}_{item.uid}.html"

    def path_of(self, item) -> str:
        for path, _ in MIRRORS:
            if item in self._mirror_items[item.unit.id][path]:
                return path
        return "xwzx/ywdt"

    def media_url(self, acct) -> str:
        views = self.world.views
        spec = next(s for s in self.world.sites if s.template == acct.platform)
        return views[spec.host].account_url(acct, broken=acct.entry_broken)

    def disclosure_url(self, unit) -> str:
        return self.world.views[unit.disclosure.host].home_url(unit)

    def consult_url(self, unit) -> str | None:
        view = self.world.views[unit.disclosure.host]
        col = next((c for c in unit.columns() if c.kind == "consult"), None)
        if col is None:
            return None
        return view.column_url(col, 1, unit) if view.spec.template == "platform" else view.column_url(col)

    def external_links(self, unit) -> list[tuple[str, str]]:
        ext = next(s for s in self.world.sites if s.template == "external" and not s.down)
        links = [(f"http://{ext.host}:{self.world.port}/", "云溪市人民政府"),
                 (f"http://{ext.host}:{self.world.port}/xxgk/index.html", "云溪市政府信息公开网")]
        return links + list(unit.flags.get("portal_links", []))

    # ---- pages ----------------------------------------------------------------------------------
    def home(self, query, prefix=None):
        unit = self.unit_at(prefix)
        if unit is None:
            return None
        if unit.flags.get("portal_flaky"):
            # every fourth request to the home fails: an overloaded server (AVAIL-001)
            n = self.hits[unit.id] = self.hits.get(unit.id, 0) + 1
            if n % 4 == 0:
                return self.render("error.html", status=503, title="503 Service Unavailable")
        blocks = {path: self._mirror_items[unit.id][path][:7] for path, _ in MIRRORS}
        return self.render("portal/home.html", unit=unit, blocks=blocks, mirrors=MIRRORS)

    def interaction(self, query, prefix=None):
        unit = self.unit_at(prefix)
        if unit is None:
            return None
        return self.render("portal/interaction.html", unit=unit)

    def column(self, query, prefix, col, n=None):
        unit = self.unit_at(prefix)
        if unit is None:
            return None
        items = self._mirror_items[unit.id][col]
        page = int(n) + 1 if n else 1
        count = pages(len(items), self.page_size)
        if page > count:
            return None
        chunk = items[(page - 1) * self.page_size: page * self.page_size]
        return self.render("portal/list.html", unit=unit, path=col, name=dict(MIRRORS)[col],
                           items=chunk, page=page, count=count)

    def detail(self, query, prefix, col, ym, ymd, uid):
        item = self.item(uid)
        unit = self.unit_at(prefix)
        if item is None or item.unit is not unit or item not in self._mirror_items[unit.id][col] \
                or f"{item.published:%Y%m%d}" != ymd:
            return None
        return self.render("portal/detail.html", unit=unit, item=item, path=col, name=dict(MIRRORS)[col])

    def fault_links(self):
        return [(f"{self.base}/faults/{path}", text) for path, text in FAULT_LINKS]

    def not_found(self):
        if self.main.flags.get("portal_soft404"):
            # soft 404: the error page comes back with status 200 (LINK-004)
            return self.render("portal/soft404.html", status=200, unit=self.main)
        return super().not_found()

    # ---- sitemap --------------------------------------------------------------------------------
    def urls(self):
        for u in self.units:
            yield self.home_url(u)
            yield f"{self.base}{self.prefix(u)}/hdjl/index.html"
            for path, _ in MIRRORS:
                items = self._mirror_items[u.id][path]
                for p in range(1, pages(len(items), self.page_size) + 1):
                    yield self.column_url(u, path, p)
                for item in items:
                    yield self.item_url(item, path)
