"""Views of the world model, one class per site template."""
from __future__ import annotations

from .jsapp import JsAppSite
from .media import ExternalSite, MediaSite, WafSite
from .platform import PlatformSite
from .portal import PortalSite
from .static import StaticSite

TEMPLATES = {"static": StaticSite, "platform": PlatformSite, "jsapp": JsAppSite,
             "portal": PortalSite, "weibo": MediaSite, "wechat": MediaSite,
             "external": ExternalSite, "waf": WafSite}


def make_views(world) -> dict:
    """Build one view per served host; portals need the others' URLs, so they come last."""
    world.views = {}
    for spec in sorted(world.sites, key=lambda s: s.template == "portal"):
        world.views[spec.host] = TEMPLATES[spec.template](spec, world)
    return world.views
