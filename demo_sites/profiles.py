"""Site profiles for the demo world: what the city's office would write by hand for its units.

    write_profiles(demo_sites.load(port=8800), Path("site_profiles"))   # the committed files

The profiles describe the world as an office knows it, defects included: unregistered 政务新媒体
accounts are left out (MEDIA checks find them on the portal), and a site without a search box gets
no search template.
"""
from __future__ import annotations

from pathlib import Path

import yaml

HEADER = "# 由 demo_sites/profiles.py 根据演示世界生成，请勿手工修改\n"
PROGRAM_NAME = "云溪市演示监测"


class _Flow(dict):
    """A mapping written on one line, as a person writes a media account."""


class _Quoted(str):
    """A code that must stay text: unquoted, 003240560 would read back as an (octal) number."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data,
                                                                     flow_style=True))
_Dumper.add_representer(_Quoted, lambda d, data: d.represent_scalar("tag:yaml.org,2002:str", data,
                                                                      style='"'))


def _dump(data: dict) -> str:
    # Key order is insertion order and width is unlimited, so the bytes depend only on the world.
    return HEADER + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                              default_flow_style=False, width=10_000)


# The demo world runs on this machine's loopback: politeness can be relaxed, probes spaced closer.
DEMO_CRAWL = {"CONCURRENT_REQUESTS_PER_DOMAIN": 8, "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_START_DELAY": 0,
              "AUTOTHROTTLE_TARGET_CONCURRENCY": 8, "ZWGK_AVAIL_INTERVAL": 1, "ZWGK_AVAIL_PROBES": 12,
              # every item is searched, so the evaluation sees every seeded search defect
              "ZWGK_SEARCH_SAMPLE": 0,
              # small, so that every crawl of the demo recycles browser contexts several times
              "ZWGK_RENDERS_PER_CONTEXT": 10,
              # loopback answers at once: a short pause before a retry is enough
              "ZWGK_RETRY_BACKOFF": 0.2}


def unit_profile(world, unit) -> dict:
    """The profile of one demo unit, as a dict in the order the file lists it."""
    disclosure = world.views[unit.disclosure.host]
    data = {"id": unit.id, "name": unit.name, "type": unit.type, "org_code": _Quoted(unit.org_code),
            "portal": world.views[unit.portal.host].home_url(unit),
            "disclosure": disclosure.home_url(unit)}
    # no `search:`: the crawler finds each site's search form itself, as it must on unseen sites
    media = []
    for acct in unit.media:
        if acct.registered:
            view = next(v for v in world.views.values() if v.spec.template == acct.platform)
            media.append(_Flow(platform=acct.platform, name=acct.name, url=view.account_url(acct)))
    if media:
        data["media"] = media
    # the notice's awards: a 县区政府 is a 县 or a 区; a 乡镇 or 街道 belongs to the 县区 whose platform it is on
    if unit.type == "county":
        data["county_kind"] = "区" if unit.name.endswith("区人民政府") else "县"
    elif unit.type in ("town", "street"):
        data["county"] = next(u.id for u in world.units if u.type == "county"
                              and u.disclosure.host == unit.disclosure.host)
    return data


def write_profiles(world, folder, program_id: str = "demo") -> Path:
    """Write `units/<id>.yaml` for every unit and `programs/<program_id>.yaml`; return the program path.

    The program omits `unit_types`, so the package's unit types apply wherever `folder` is.
    """
    folder = Path(folder)
    (folder / "units").mkdir(parents=True, exist_ok=True)
    (folder / "programs").mkdir(parents=True, exist_ok=True)
    for unit in world.units:
        (folder / "units" / f"{unit.id}.yaml").write_text(_dump(unit_profile(world, unit)), encoding="utf-8")
    program = {"id": program_id, "name": PROGRAM_NAME, "units": "../units/", "out": "runs",
               "as_of": world.as_of,    # the world is built as of this date: audit it as of then
               "crawl": DEMO_CRAWL}
    path = folder / "programs" / f"{program_id}.yaml"
    path.write_text(_dump(program), encoding="utf-8")
    return path
