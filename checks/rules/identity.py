"""Site identity (G2017): IDENT-001."""
from __future__ import annotations

import re

from site_profiles import SITE_ROLES

from ..registry import rule

MARKS = {"网站标识码": re.compile(r"网站标识码|标识码"), "ICP备案编号": re.compile(r"ICP\s*备|ICP证"),
         "公安机关备案号": re.compile(r"公网安备|公安机关备案|公安备案")}


def footer_identity(audit):
    """The portal's home, and the home of every other site the unit registers (mobile, department,
    service); the disclosure site is a part of the portal's web presence, not a site of its own."""
    for role, home in audit.sites:
        if role == "disclosure":
            continue
        pages = [p for p in audit.pages("home", role)]
        if not pages:
            continue
        page = next((p for p in pages if p["url"] == home), pages[0])
        footer = page["footer"] or {}
        text = " ".join(str(v) for v in footer.values() if v) + " " + (page["text"] or "")[-3000:]
        # a value the extractor read (from alt text, split cells, a meta tag) counts, label or not
        found = {"网站标识码": footer.get("site_code"), "ICP备案编号": footer.get("icp"),
                 "公安机关备案号": footer.get("police")}
        lacking = [name for name, rx in MARKS.items() if not found[name] and not rx.search(text)]
        if lacking:
            yield audit.finding(f"{SITE_ROLES[role]}首页页脚缺少{'、'.join(lacking)}", url=home,
                                detail="" if role == "portal" else role)


rule("IDENT-001", "页脚缺少网站标识", "advisory", "4.(1)", "G2017",
     requirement="网站页脚应标注网站标识码、ICP备案编号和公安机关备案号")(footer_identity)
