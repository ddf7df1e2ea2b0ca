"""The basic catalog (N2017 4.(2), 3.(1)): CAT-001…004."""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..catalog_tree import parts
from ..registry import rule

FIXED_NAMES = {"guide": "信息公开指南", "system": "信息公开制度", "annual": "信息公开年报", "apply": "依申请公开"}
_PUNCT = re.compile(r"[\s（）()【】\[\]·、]")


def _norm(name: str) -> str:
    return _PUNCT.sub("", name)


def same_column(found: str, names, threshold: float) -> bool:
    """Does a column name found on the site stand for one of `names` (an official name and its
    aliases)? Equal after normalising, close by rapidfuzz, or the official name inside a longer one
    (部门预决算公开)."""
    f = _norm(found)
    for n in names:
        n = _norm(n)
        if f == n or fuzz.ratio(f, n) >= threshold or (len(n) >= 3 and n in f):
            return True
    return False


def match_catalog(required, columns: list[dict], threshold: float):
    """For each required column: (required, found column or None, placed_ok)."""
    found = [(c, parts(c["path"])) for c in columns]
    found = [(c, p) for c, p in found if p]
    # a column seen only in a path (its own page never listed) still exists
    known = {tuple(p) for _, p in found}
    for c, p in list(found):
        full = c["path"].split(" > ")
        for depth in range(1, len(p)):
            if tuple(p[:depth]) not in known:
                known.add(tuple(p[:depth]))
                path = " > ".join(full[:len(full) - len(p) + depth])
                found.append(({"path": path, "url": None, "parent": None}, p[:depth]))
    out = []
    for req in required:
        candidates = [(c, p) for c, p in found if same_column(p[-1], req.names, threshold)]
        if not candidates:
            out.append((req, None, False))
            continue
        if not req.parent:
            out.append((req, candidates[0][0], True))
            continue
        # one level shallower is fine; deeper is fine under the right parent
        placed = [c for c, p in candidates
                  if len(p) == 1 or any(same_column(a, req.parent, threshold) for a in p[:-1])]
        out.append((req, (placed or [candidates[0][0]])[0], bool(placed)))
    return out


def missing_columns(audit):
    if not audit.spec.catalog:
        return
    if not audit.reachable:
        yield audit.site_gap()
        return
    threshold = audit.param("threshold")
    matches = match_catalog(audit.spec.catalog, audit.columns, threshold)
    missing = {req.path for req, col, _ in matches if col is None}
    for req, col, _ in matches:
        if col is not None:
            continue
        parent_path = req.path.rsplit(" > ", 1)[0] if req.parent else None
        if parent_path in missing:
            continue   # reported with its parent
        why = catalog_unproven(audit, lambda text, names=req.names: bool(text) and same_column(text, names, threshold))
        if why:
            yield audit.gap(f"栏目“{req.path}”", why, url=audit.unit.get("disclosure"), column_path=req.path,
                            detail=req.path)
            continue
        children = [r.name for r in audit.spec.catalog if r.path.startswith(req.path + " > ")]
        also = f"（含子栏目{'、'.join(children)}）" if children else ""
        alias = f"，别名{'、'.join(req.names[1:])}也未找到" if len(req.names) > 1 else ""
        yield audit.finding(f"未找到必备栏目“{req.path}”{also}{alias}", url=audit.unit.get("disclosure"),
                            column_path=req.path, detail=req.path)


rule("CAT-001", "基本目录缺少必备栏目", "major", "4.(2)", "N2017 4.(2)",
     requirement="政府信息公开网应按本类单位的基本目录设置全部必备栏目（名称可用规范别名）", threshold=85)(missing_columns)


def misplaced_columns(audit):
    if not audit.reachable or not audit.spec.catalog:
        return
    for req, col, placed in match_catalog(audit.spec.catalog, audit.columns, audit.param("threshold")):
        if col is not None and not placed:
            yield audit.finding(f"栏目“{col['path']}”应位于“{'/'.join(req.parent)}”之下",
                                url=col["url"], column_path=col["path"])


rule("CAT-002", "必备栏目位置不当", "minor", "4.(2)", "N2017 4.(2)",
     requirement="必备栏目应位于基本目录规定的上级栏目之下", threshold=85)(misplaced_columns)


def missing_fixed_entries(audit):
    if not audit.reachable:
        yield audit.site_gap()
        return
    present = {c["fixed"] for c in audit.columns if c["fixed"]}
    for kind, name in FIXED_NAMES.items():
        if kind in present:
            continue
        why = catalog_unproven(audit, lambda text, kind=kind: fixed_kind(text) == kind)
        if why:
            yield audit.gap(f"固定栏目“{name}”", why, url=audit.unit.get("disclosure"), column_path=name, detail=kind)
            continue
        yield audit.finding(f"未找到固定栏目“{name}”", url=audit.unit.get("disclosure"), column_path=name,
                            detail=kind)


rule("CAT-003", "缺少固定栏目", "major", "4.(2)", "R2019 第十二条, 第二十四条",
     requirement="行政机关应设置信息公开指南、信息公开制度、信息公开年报和依申请公开栏目",
     administrative_only=True)(missing_fixed_entries)


FIXED_PATTERNS = {"guide": re.compile(r"信息公开指南|公开指南"), "system": re.compile(r"信息公开制度|公开制度"),
                  "annual": re.compile(r"年度报告|年报"), "apply": re.compile(r"依申请")}


def fixed_kind(text: str) -> str | None:
    """Which fixed entry a link text names, if any."""
    return next((kind for kind, rx in FIXED_PATTERNS.items() if rx.search(text or "")), None)


def catalog_unproven(audit, names) -> str | None:
    """Why the catalog cannot prove a column absent: the crawl stopped early, or a link whose text
    names it (`names`: a predicate on link text) leads to a page that was not read. None: proven."""
    if audit.crawl_cut:
        return audit.crawl_cut
    link = audit.unread_entry(names)
    if link:
        return f"页面上有名为“{link['anchor']}”的链接，但其页面{link['why']}（{link['to_url']}）"
    return None


CATALOG_FIELDS = {"index_no": "索引号", "title": "名称", "summary": "内容概述", "created": "生成日期"}


def incomplete_catalog_entries(audit):
    items = audit.items
    if not items:
        return
    for field, label in CATALOG_FIELDS.items():
        lacking = [i for i in items if not (i[field] or "").strip()]
        share = len(lacking) / len(items)
        if lacking and share >= audit.param("min_share"):
            amount = "全部" if len(lacking) == len(items) else f"{len(lacking)}/{len(items)}条"
            yield audit.finding(f"{amount}目录信息缺少{label}（如“{lacking[0]['title']}”）",
                                url=audit.unit.get("disclosure"), detail=field,
                                examples=[i["url"] for i in lacking[:5]])


rule("CAT-004", "目录信息要素不全", "minor", "3.(1)", "R2007 第十九条, R2019 第十二条",
     requirement="政府信息公开目录的每条信息应包括索引、名称、内容概述和生成日期", min_share=0.2)(incomplete_catalog_entries)
