"""Every site of a unit (`sites:`), the numbers it publishes itself, its own 发布机构 names and
explicit sync pairs: read from the unit profile, with file, line and field on every mistake."""
from __future__ import annotations

import pytest

from site_profiles import ProfileError, Site, load_unit

HEAD = """\
id: qinglan
name: 云溪市青岚区人民政府
type: county
org_code: "003240560"
"""


def unit(tmp_path, body: str):
    path = tmp_path / "qinglan.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    return load_unit(path)


def error(tmp_path, body: str) -> ProfileError:
    with pytest.raises(ProfileError) as exc:
        unit(tmp_path, body)
    return exc.value


def test_every_site_with_its_role_and_hosts(tmp_path):
    u = unit(tmp_path, """\
portal: http://www.qinglan.gov.cn/
disclosure: http://xxgk.qinglan.gov.cn/
sites:
  - {role: mobile, url: 'http://m.qinglan.gov.cn/'}
  - {role: service, url: 'https://zwfw.qinglan.gov.cn/index.html'}
""")
    assert u.sites == [Site("portal", "http://www.qinglan.gov.cn/"), Site("disclosure", "http://xxgk.qinglan.gov.cn/"),
                       Site("mobile", "http://m.qinglan.gov.cn/"),
                       Site("service", "https://zwfw.qinglan.gov.cn/index.html")]
    assert u.hosts == ["www.qinglan.gov.cn", "xxgk.qinglan.gov.cn", "m.qinglan.gov.cn", "zwfw.qinglan.gov.cn"]
    assert (u.portal, u.disclosure) == ("http://www.qinglan.gov.cn/", "http://xxgk.qinglan.gov.cn/")


def test_portal_and_disclosure_may_be_given_in_sites_only(tmp_path):
    u = unit(tmp_path, """\
sites:
  - {role: disclosure, url: 'http://xxgk.qinglan.gov.cn/'}
  - {role: portal, url: 'http://www.qinglan.gov.cn/'}
  - {role: department, url: 'http://jyj.qinglan.gov.cn/'}
""")
    assert (u.portal, u.disclosure) == ("http://www.qinglan.gov.cn/", "http://xxgk.qinglan.gov.cn/")
    assert [s.role for s in u.sites] == ["disclosure", "portal", "department"]


def test_the_old_form_keeps_working(tmp_path):
    u = unit(tmp_path, "portal: http://www.qinglan.gov.cn/\ndisclosure: http://xxgk.qinglan.gov.cn/\n")
    assert [s.role for s in u.sites] == ["portal", "disclosure"]
    assert (u.published_contacts, u.publishers, u.sync) == ([], [], [])


@pytest.mark.parametrize("body, line, field, words", [
    ("sites:\n  - {role: wap, url: 'http://m.a.cn/'}\ndisclosure: http://b.cn/\n", 6, "sites[0].role",
     '未知的网站类别 "wap"'),
    ("sites:\n  - {role: mobile, url: 'm.a.cn'}\ndisclosure: http://b.cn/\n", 6, "sites[0].url", "不是有效的网址"),
    ("sites:\n  - {role: mobile}\ndisclosure: http://b.cn/\n", 6, "sites[0].url", "缺少"),
    ("sites:\n  - {role: mobile, url: 'http://m.a.cn/', name: x}\ndisclosure: http://b.cn/\n", 6,
     "sites[0].name", "未知"),
    ("sites:\n  - {role: mobile, url: 'http://m.a.cn/'}\n  - {role: service, url: 'http://m.a.cn/'}\n"
     "disclosure: http://b.cn/\n", 7, "sites[1].url", "与 sites[0] 的网址重复"),
    ("portal: http://www.a.cn/\ndisclosure: http://b.cn/\nsites:\n  - {role: portal, url: 'http://other.a.cn/'}\n",
     8, "sites[0].url", "与 portal: http://www.a.cn/ 不一致"),
    ("disclosure: http://b.cn/\nsites:\n  - {role: portal, url: 'http://w.a.cn/'}\n"
     "  - {role: portal, url: 'http://v.a.cn/'}\n", 8, "sites[1].url", "不一致"),
    ("sites:\n  - {role: mobile, url: 'http://m.a.cn/'}\n", None, "disclosure", "缺少"),
    ("disclosure: http://b.cn/\nsites:\n  - {role: mobile, url: 'http://m.a.cn/'}\nhosts: [b.cn]\n", 8, "hosts",
     "未包含 mobile 网址的主机 m.a.cn"),
    ("disclosure: http://b.cn/\npublished_contacts: ['0564-3377000', 'twelve']\n", 6, "published_contacts",
     "应为电话号码"),
    ("disclosure: http://b.cn/\npublishers: ['青岚区政府办', '']\n", 6, "publishers", "非空文本"),
    ("disclosure: http://b.cn/\nsync:\n  - {portal: 政策文件}\n", 7, "sync[0].disclosure", "缺少"),
    ("disclosure: http://b.cn/\nsync:\n  - {portal: 政策文件, disclosure: 政策文件, both: x}\n", 7, "sync[0].both",
     "未知"),
])
def test_mistakes_name_line_and_field(tmp_path, body, line, field, words):
    exc = error(tmp_path, body)
    assert exc.field == field and words in exc.message, (exc.field, exc.message)
    if line is not None:
        assert exc.line == line


def test_published_contacts_publishers_and_sync_pairs(tmp_path):
    u = unit(tmp_path, """\
disclosure: http://xxgk.qinglan.gov.cn/
published_contacts: ['0564-3377000', '138 0564 1234', '12345']
publishers: [青岚区人民政府办公室, 青岚区政府]
sync:
  - {portal: 政策文件, disclosure: 政策文件/规范性文件}
""")
    assert u.published_contacts == ["05643377000", "13805641234", "12345"]
    assert u.publishers == ["青岚区人民政府办公室", "青岚区政府"]
    assert u.sync == [{"portal": "政策文件", "disclosure": "政策文件/规范性文件"}]


def test_the_snapshot_knows_every_site_role():
    from crawler.snapshot import SITE_ROLE_NAMES
    from site_profiles import SITE_ROLES
    assert SITE_ROLE_NAMES == tuple(SITE_ROLES)


def test_county_kind_and_a_towns_county(tmp_path):
    assert unit(tmp_path, "disclosure: http://b.cn/\ncounty_kind: 区\n").county_kind == "区"
    exc = error(tmp_path, "disclosure: http://b.cn/\ncounty_kind: 市\n")
    assert (exc.field, exc.line) == ("county_kind", 6) and "应为“县”或“区”" in exc.message


def program_of(tmp_path, county_unit: str, town: str):
    (tmp_path / "units").mkdir(exist_ok=True)
    (tmp_path / "units" / "ql.yaml").write_text(county_unit, encoding="utf-8")
    (tmp_path / "units" / "ty.yaml").write_text(town, encoding="utf-8")
    (tmp_path / "p.yaml").write_text("id: p\nname: 方案\nunits: units/\n", encoding="utf-8")
    return tmp_path / "p.yaml"


COUNTY = HEAD + "disclosure: http://b.cn/\ncounty_kind: 区\n"
TOWN = ("id: ty\nname: 桃源镇人民政府\ntype: town\norg_code: \"003240712\"\ndisclosure: http://b.cn/t/\n"
        "county: {}\n")


def test_a_towns_county_must_be_a_county_of_the_program(tmp_path):
    from site_profiles import load_program
    program = load_program(program_of(tmp_path, COUNTY, TOWN.format("qinglan")))
    assert program.unit("ty").county == "qinglan"
    with pytest.raises(ProfileError) as exc:
        load_program(program_of(tmp_path, COUNTY, TOWN.format("nowhere")))
    assert (exc.value.field, exc.value.line) == ("county", 6) and '方案中没有单位 "nowhere"' in exc.value.message
    with pytest.raises(ProfileError) as exc:
        load_program(program_of(tmp_path, COUNTY.replace("county_kind: 区\n", ""), TOWN.format("qinglan")))
    assert exc.value.field == "county" and "未写明 county_kind" in exc.value.message
