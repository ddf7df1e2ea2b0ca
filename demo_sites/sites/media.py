"""Helper hosts: mock 政务微博/微信 account pages, and external sites for link checks."""
from __future__ import annotations

from .base import Site


class MediaSite(Site):
    """Account pages of every unit's accounts on one platform (`/u/<acct>` or `/mp/<acct>`)."""

    routes = [(r"/(?:u|mp)/(?P<acct>\w+)", "account"), (r"/", "index")]

    def __init__(self, spec, world):
        super().__init__(spec, world)
        self.platform = spec.template
        self.accounts = {a.acct: a for u in world.units for a in u.media if a.platform == self.platform}
        self.css = self.platform

    def account_url(self, acct, broken: bool = False) -> str:
        kind = "u" if self.platform == "weibo" else "mp"
        return f"{self.base}/{kind}/{acct.acct}{'_old' if broken else ''}"

    def index(self, query):
        return self.render("media/index.html", accounts=list(self.accounts.values()))

    def account(self, query, acct):
        a = self.accounts.get(acct)
        if a is None:
            return None
        if not a.readable:
            return self.render("media/wechat_only.html", acct=a)
        return self.render(f"media/{self.platform}.html", acct=a)

    def urls(self):
        yield f"{self.base}/"
        for a in self.accounts.values():
            yield self.account_url(a)


class ExternalSite(Site):
    """An outside website the portals link to: a couple of real pages, 404 for the rest."""

    routes = [(r"/(?:index\.html)?", "index"), (r"/xxgk/index\.html", "index")]
    css = "ext"

    def index(self, query):
        return self.render("media/external.html", title="云溪市人民政府")

    def urls(self):
        yield f"{self.base}/"
        yield f"{self.base}/xxgk/index.html"


class WafSite(Site):
    """An outside website behind a firewall that answers every crawler with 403."""

    routes = []

    def handle(self, path, query):
        return self.render("error.html", status=403, title="403 Forbidden")

    def urls(self):
        return iter(())
