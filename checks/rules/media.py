"""政务新媒体 (N2017 4.(4); I2019; M2018): MEDIA-001…004."""
from __future__ import annotations

import re

from ..audit import parse_day
from ..registry import rule

PLATFORMS = {"weibo": "政务微博", "wechat": "政务微信"}
GENERIC = re.compile(r"发布|政务|官方|微博|微信|公众号|服务号|订阅号|在线|之窗|平台|头条|抖音")


def _broken(acct) -> bool:
    return acct["status"] is None or acct["status"] >= 400


def no_media_entry(audit):
    home = audit.unit.get("portal")
    if not home or not audit.type.own_portal:
        return
    if not audit.portal_reachable:
        yield audit.gap("门户网站首页", "首页未能读取", url=home)
        return
    if not any(link["kind"] == "media" for link in audit.links):
        yield audit.finding("门户网站没有政务微博、政务微信入口", url=home)


rule("MEDIA-001", "门户网站无政务新媒体入口", "advisory", "4.(4)", "N2017 4.(4)",
     requirement="门户网站应设置本单位政务微博、微信等政务新媒体的入口")(no_media_entry)


def broken_media_entry(audit):
    for acct in audit.media_accounts:
        if acct["source"] == "portal" and _broken(acct):
            why = f"返回HTTP {acct['status']}" if acct["status"] else "无法连接"
            yield audit.finding(f"门户网站上的“{acct['anchor'] or acct['url']}”入口{why}", url=acct["url"])


rule("MEDIA-002", "政务新媒体入口失效", "major", "4.(4)", "N2017 4.(4)",
     requirement="门户网站上的政务新媒体入口应能正常打开")(broken_media_entry)


def stale_accounts(audit):
    limit = audit.param("days")
    for acct in audit.media_accounts:
        if _broken(acct):
            continue
        label = f"{PLATFORMS.get(acct['platform'], acct['platform'])}“{acct['name']}”"
        if not acct["readable"]:
            yield audit.finding(f"{label}的页面无法读取发布记录（如只显示“请在客户端打开”），需人工核查是否{limit}天内有更新",
                                url=acct["url"], severity="advisory", detail="manual")
            continue
        latest = parse_day(acct["latest_post"])
        if latest is None or (audit.as_of - latest).days > limit:
            when = f"最近一条发布于{latest}，距检查日{(audit.as_of - latest).days}天" if latest else "没有任何发布"
            yield audit.finding(f"{label}{when}", url=acct["url"])


rule("MEDIA-003", "政务新媒体长期未更新", "veto", "4.(4)", "I2019",
     requirement="政务新媒体应在检查日前14天内有更新；页面无法读取的需人工核查", days=14)(stale_accounts)


def identifies(account: str, unit_name: str) -> bool:
    """Does an account name identify the unit? Its distinctive characters (generic words such as
    发布/政务/微信 removed) must appear, in order, in the unit's name: 市住建局 → 云溪市住房和城乡建设局."""
    core = GENERIC.sub("", account or "")
    core = re.sub(r"[^\u4e00-\u9fff]", "", core)
    if len(core) < 2:
        return False
    pos = 0
    for ch in core:
        pos = unit_name.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def unregistered_accounts(audit):
    for acct in audit.media_accounts:
        if _broken(acct):
            continue
        problems = []
        if not acct["registered"]:
            problems.append("未在本单位登记的政务新媒体中")
        if not identifies(acct["name"], audit.name):
            problems.append(f"名称不能识别本单位（{audit.name}）")
        if problems:
            label = f"{PLATFORMS.get(acct['platform'], acct['platform'])}“{acct['name']}”"
            yield audit.finding(f"{label}{'，且'.join(problems)}", url=acct["url"])


rule("MEDIA-004", "政务新媒体未登记或名称不规范", "minor", "4.(4)", "M2018",
     requirement="政务新媒体应向主管部门登记，名称应能识别开设单位")(unregistered_accounts)
