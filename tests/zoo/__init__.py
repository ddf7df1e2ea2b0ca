"""The markup zoo: small sites modelled on the markup and URL shapes of real CMS families, written by
hand and independent of `demo_sites/` (no shared templates, no generator). Each proves that extraction
and the absence rules hold on markup the project was not tuned on.

A zoo site is one module here with:

    FAMILY   the CMS family it imitates and what it exercises (one line, Chinese or English)
    AS_OF    the audit date (datetime.date)
    ROLES    the unit's sites it serves, e.g. ("portal", "disclosure") or ("disclosure",)
    UNIT     the unit profile without its URLs: {"id", "name", "type", "org_code", …}
    respond(req: harness.Request) -> harness.Response
             the whole site: req.role says which host was asked, req.base maps role → base URL
    truth(base: dict[str, str]) -> list[dict]
             ground truth in the demo world's format ({rule, url | column | index_no, note, decoy?};
             the unit is filled in): every seeded defect, and decoys a correct auditor must not flag
    urls(base: dict[str, str]) -> list[str]
             every URL a complete crawl must fetch (home, every list page, every item; not searches)

`harness.run_site(module, folder)` serves it on its own loopback hosts, crawls it with `zwgk crawl`,
audits it and measures recall, precision, decoys flagged and coverage.
"""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

_NOT_SITES = {"harness"}


def site_names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])
                  if m.name not in _NOT_SITES and not m.name.startswith("_"))


def load(name: str):
    return importlib.import_module(f"tests.zoo.{name}")
