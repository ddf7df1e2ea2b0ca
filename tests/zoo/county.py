"""A 集约化 county platform (龙讯/Lonsun-style): one host carries every organ of the county's
政府信息公开 (`/public/index?organId=…`, columns `/public/column?organId=…&catId=…&pageIndex=N`,
items `/public/{organId}/{id}.html`); the audited unit is one 乡镇 organ on it. Its fixed entries
sit in the left-hand tree and the tabs (no breadcrumb names them); other organs are linked from the
tree (decoys: their pages are not this unit's); the county portal's town channel carries the
footer with 网站标识码 split across elements and the 公安备案号 only in an image's alt text; the
platform search answers HTTP 500.
"""
from __future__ import annotations

from datetime import date
from html import escape

from tests.zoo.harness import Request, Response, not_found, redirect

FAMILY = "龙讯式县级集约化平台：乡镇作为平台上的一个organ（organId/catId），固定栏目在左侧树和页签，检索返回500"
AS_OF = date(2019, 9, 30)
ROLES = ("portal", "disclosure")
UNIT = {"id": "huashan", "name": "清溪县华山镇人民政府", "type": "town", "org_code": "003241105"}

ORGAN = "4521"
ORG = "003241105"
NAME = UNIT["name"]
PLATFORM = "清溪县政府信息公开平台"
OTHERS = {"4533": ("清溪县桥头镇人民政府", "003241200"), "4540": ("清溪县财政局", "003240210")}

# catId → (name, parent in the tree or None)
COLUMNS = {
    "101": ("机构设置", "机构职能"), "102": ("领导信息", "机构职能"), "103": ("政策文件", None),
    "104": ("政策解读", None), "105": ("惠民政策", None), "106": ("财政专项惠民资金", None),
    "107": ("扶贫攻坚", None), "108": ("公益项目建设", None), "109": ("筹资筹劳", None),
    "110": ("土地征收", None), "111": ("农村危房改造与保障房", None), "112": ("社会保障", None),
    "113": ("计生政策", None), "114": ("工作动态", None),
}
ANNUAL_CAT = "120"
PAGE_SIZE = 10


def _d(s: str) -> date:
    return date.fromisoformat(s)


# id → dict(cat, title, day, doc_no, summary, body, index (None: missing), list_title, attach)
ITEMS: dict[str, dict] = {}


def _item(iid, cat, title, day, summary, body, doc_no="", index="auto", list_title=None, attach=None,
          links=None):
    seq = int(iid) % 10000
    ITEMS[iid] = dict(cat=cat, title=title, day=_d(day), doc_no=doc_no, summary=summary, body=body,
                      index=f"{ORG}/{day[:4]}{day[5:7]}-{seq:05d}" if index == "auto" else index,
                      list_title=list_title, attach=attach, links=links or [])


_item("1001", "101", "华山镇人民政府内设机构及职责", "2019-03-12", "镇政府内设机构设置及主要职责。",
      "华山镇人民政府设党政办公室、经济发展办公室、社会事务办公室、社会治安综合治理办公室等内设机构，分别承担综合协调、经济发展、社会事务和平安建设等职责。")
_item("1002", "102", "华山镇领导班子成员及分工", "2019-06-03", "镇领导班子成员及工作分工。",
      "镇党委书记主持镇党委全面工作；镇长主持镇政府全面工作，负责财政、审计工作；副镇长分别分管农业农村、城乡建设、社会事务等工作。")
_item("1011", "103", "华山镇人民政府关于做好2019年秋冬季森林防火工作的通知", "2019-09-16",
      "部署秋冬季森林防火各项工作。", "各村（社区）：为切实做好今年秋冬季森林防火工作，保护森林资源安全，现就有关事项通知如下：一、落实防火责任；二、加强火源管控；三、做好应急准备。",
      doc_no="华政〔2019〕31号", list_title="华山镇人民政府关于做好2019年秋季森林防火工作的通知")
_item("1012", "103", "华山镇人民政府关于印发华山镇农村人居环境整治实施方案的通知", "2019-07-22",
      "印发农村人居环境整治实施方案。", "各村（社区）、镇直各单位：现将《华山镇农村人居环境整治实施方案》印发给你们，请认真贯彻执行。方案明确了垃圾治理、污水治理、村容村貌提升等重点任务。",
      doc_no="华政〔2019〕24号", links=[("相关解读", "1021")],
      attach=("/public/files/4521/rjhj2019.xls", "华山镇农村人居环境整治任务分解表.xls"))
_item("1013", "103", "华山镇人民政府关于调整镇防汛抗旱指挥部成员的通知", "2019-05-08",
      "调整防汛抗旱指挥部组成人员。", "因人事变动，经镇政府研究，决定调整华山镇防汛抗旱指挥部成员，指挥部办公室设在镇水利站。",
      doc_no="华政〔2019〕15号")
_item("1021", "104", "《华山镇农村人居环境整治实施方案》解读", "2019-07-23",
      "从背景、目标和主要任务解读实施方案。", "一、制定背景。二、工作目标：到2020年底，全镇农村人居环境明显改善。三、主要任务：垃圾治理、污水治理、村容村貌提升。",
      links=[("原文件", "1012")])
_item("1031", "105", "华山镇2019年农村低保提标政策问答", "2019-08-20", "2019年农村低保标准调整的政策问答。",
      "问：今年农村低保标准是多少？答：自2019年7月1日起，全镇农村低保标准提高到每人每年4800元。")
_item("1041", "106", "华山镇2019年第二季度财政专项惠民资金发放情况", "2019-07-10",
      "第二季度惠民资金发放情况。", "2019年第二季度全镇共发放耕地地力保护补贴、农村低保金等惠民资金合计326.5万元，均已通过“一卡通”发放到户。")
_item("1051", "107", "华山镇2019年脱贫攻坚工作推进情况", "2019-06-28", "上半年脱贫攻坚工作推进情况。",
      "上半年，全镇围绕“两不愁三保障”，落实产业扶贫、健康扶贫、教育扶贫等各项政策，贫困户收入稳步增长。")
_item("1061", "109", "华山镇2018年村级公益事业筹资筹劳方案公示", "2018-05-21", "2018年村级一事一议筹资筹劳方案。",
      "根据村民代表会议决议，2018年全镇村级公益事业一事一议筹资筹劳项目共5个，筹资标准每人每年不超过15元。")
_item("1071", "110", "华山镇2019年第一批次城镇建设用地征收土地公告", "2019-04-16", "第一批次建设用地征收土地公告。",
      "经省人民政府批准，征收华山镇华山村集体土地3.2公顷，用于城镇建设。征收范围、补偿标准及安置途径详见公告。")
_item("1081", "111", "华山镇2019年农村危房改造对象公示", "2019-05-30", "2019年农村危房改造拟补助对象公示。",
      "经农户申请、村级评议、镇级审核，拟确定2019年农村危房改造补助对象12户，现予公示，公示期7天。")
_item("1091", "112", "华山镇2019年8月临时救助对象名单公示", "2019-08-30", "8月临时救助对象名单。",
      "经审核，以下人员符合临时救助条件，现予公示：张某某，身份证号341523********1234，救助金额2000元；"
      "李某某，身份证号341523********5678，救助金额1500元；王某某，身份证号341523********9012，救助金额1000元。")
_item("1101", "113", "华山镇2019年计划生育家庭奖励扶助政策宣传", "2019-04-02", "计划生育家庭奖励扶助政策。",
      "农村部分计划生育家庭奖励扶助标准为每人每年960元，计划生育特别扶助标准按有关规定执行。")
NEWS = [("2019-09-26", "华山镇开展国庆节前安全生产大检查"), ("2019-09-23", "华山镇召开秋冬季森林防火工作会议"),
        ("2019-09-18", "华山镇举办农民丰收节系列活动"), ("2019-09-12", "华山镇推进农村人居环境整治百日攻坚"),
        ("2019-09-06", "华山镇组织开展教师节慰问活动"), ("2019-08-29", "华山镇召开第三季度经济运行分析会"),
        ("2019-08-22", "华山镇开展防汛应急演练"), ("2019-08-15", "华山镇举办扶贫产业技能培训班"),
        ("2019-08-08", "华山镇召开脱贫攻坚问题整改推进会"), ("2019-08-01", "华山镇开展八一走访慰问活动"),
        ("2019-07-25", "华山镇推进秸秆综合利用工作"), ("2019-07-18", "华山镇召开基层党建工作推进会")]
for n, (day, title) in enumerate(NEWS):
    _item(f"{1201 + n}", "114", title, day, f"{title}。", f"{day[:4]}年{int(day[5:7])}月{int(day[8:])}日，{title}，镇党政主要负责同志出席并讲话，要求各村（社区）抓好工作落实。")
ITEMS["1203"]["index"] = None                       # META-001: no 索引号
ITEMS["1206"]["index"] = ITEMS["1205"]["index"]     # META-003: one 索引号 on two items
SYSTEM = "9001"
_item(SYSTEM, None, "华山镇人民政府政府信息公开工作制度", "2019-06-10", "政府信息公开工作制度。",
      "第一条 为规范本镇政府信息公开工作，根据《中华人民共和国政府信息公开条例》，制定本制度。第二条 镇党政办公室是本镇政府信息公开工作机构。第三条 政府信息公开实行保密审查。")
_item("9101", ANNUAL_CAT, "清溪县华山镇人民政府2018年政府信息公开工作年度报告", "2019-01-18",
      "2018年度政府信息公开工作情况。", "本报告根据《中华人民共和国政府信息公开条例》要求编制，包括总体情况、主动公开政府信息情况、依申请公开情况等。")
_item("9102", ANNUAL_CAT, "清溪县华山镇人民政府2017年政府信息公开工作年度报告", "2018-01-26",
      "2017年度政府信息公开工作情况。", "本报告根据《中华人民共和国政府信息公开条例》要求编制，包括主动公开、依申请公开、复议诉讼等情况。")

# other organs (decoys): a stale column and items whose 索引号 carry another organ's code
OTHER_ITEMS = {"4533": [("7001", "桥头镇2017年工作动态汇编", "2017-03-02")],
               "4540": [("7101", "县财政局2019年部门预算公开", "2019-03-20")]}


# ---- markup ------------------------------------------------------------------------------

def _page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{escape(title)}</title>
<link rel="stylesheet" href="/public/css/xxgk.css"></head>
<body><div class="xxgk-top"><div class="logo">{PLATFORM}</div></div>
{body}
<div class="xxgk-foot"><p>主办：清溪县人民政府办公室　承办：清溪县数据资源局</p><p>建议使用1280×768分辨率浏览</p></div>
</body></html>"""


def _organ_url(organ=ORGAN):
    return f"/public/index?organId={organ}"


def _col_url(cat, page=None, organ=ORGAN):
    return f"/public/column?organId={organ}&catId={cat}" + (f"&pageIndex={page}" if page else "")


def _item_url(iid, organ=ORGAN):
    return f"/public/{organ}/{iid}.html"


GUIDE_URL = f"/public/guide?organId={ORGAN}"
APPLY_URL = f"/public/apply?organId={ORGAN}"
SEARCH = "/public/search"


def _tree() -> str:
    groups: dict = {}
    for cat, (name, parent) in COLUMNS.items():
        groups.setdefault(parent or name, []).append((cat, name, parent))
    rows = []
    for key, cols in groups.items():
        if cols[0][2]:
            sub = "".join(f'<li class="leaf"><a href="{_col_url(c)}">{n}</a></li>' for c, n, _ in cols)
            rows.append(f'<li class="node"><span class="fold">{key}</span><ul>{sub}</ul></li>')
        else:
            c, n, _ = cols[0]
            rows.append(f'<li class="leaf"><a href="{_col_url(c)}">{n}</a></li>')
    others = "".join(f'<li><a href="{_organ_url(o)}">{n}</a></li>' for o, (n, _) in OTHERS.items())
    return f"""<div class="xxgk-left"><div class="organ-name">{NAME}</div>
<ul class="ztree">
 <li class="leaf"><a href="{GUIDE_URL}">信息公开指南</a></li>
 <li class="leaf"><a href="{_item_url(SYSTEM)}">信息公开制度</a></li>
 <li class="node"><span class="fold">法定主动公开内容</span><ul>{''.join(rows)}</ul></li>
 <li class="leaf"><a href="{_col_url(ANNUAL_CAT)}">信息公开年报</a></li>
 <li class="leaf"><a href="{APPLY_URL}">依申请公开</a></li>
</ul>
<div class="organ-switch"><div class="hd">其他单位信息公开</div><ul>{others}</ul></div></div>"""


def _tabs() -> str:
    return f"""<ul class="xxgk-tabs">
<li><a href="{GUIDE_URL}">政府信息公开指南</a></li><li><a href="{_item_url(SYSTEM)}">政府信息公开制度</a></li>
<li class="on"><a href="{_organ_url()}">政府信息公开目录</a></li><li><a href="{_col_url(ANNUAL_CAT)}">政府信息公开年报</a></li>
<li><a href="{APPLY_URL}">依申请公开</a></li></ul>"""


def _crumb(*names: str) -> str:
    trail = ' &gt; '.join(names)
    return f'<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/">政府信息公开</a> &gt; ' \
           f'<a href="{_organ_url()}">{NAME}</a>{" &gt; " + trail if trail else ""}</div>'


def _frame(title: str, crumb: str, main: str) -> str:
    return _page(f"{title}_{PLATFORM}", f"""{_tabs()}<div class="xxgk-main">{_tree()}
<div class="xxgk-right">{crumb}{main}</div></div>""")


def _search_form() -> str:
    return f"""<form name="searchForm" action="{SEARCH}" method="get" class="xxgk-search">
<input type="hidden" name="organId" value="{ORGAN}"><input type="text" name="keywords" placeholder="请输入关键字">
<input type="image" src="/public/images/ss.gif" alt="搜索"></form>"""


def organ_home() -> str:
    latest = sorted((i for i in ITEMS.items() if i[1]["cat"] in COLUMNS), key=lambda x: x[1]["day"], reverse=True)[:6]
    rows = "".join(f'<li><a href="{_item_url(iid)}" title="{escape(it["title"])}">{escape(it["title"])}</a>'
                   f'<span class="date">{it["day"].isoformat()}</span></li>' for iid, it in latest)
    # another organ's item, linked by its path only (/public/4540/7101.html): not this unit's.
    # Undated on purpose: a dated one becomes a "home" listing that SYNC-001 takes for the portal's
    others = "".join(f'<li><a href="{_item_url(i, o)}">{t}</a></li>'
                     for o in ("4540",) for i, t, d in OTHER_ITEMS[o])
    return _frame(NAME, _crumb(), f"""{_search_form()}
<div class="organ-info"><p>机构名称：{NAME}</p><p>办公地址：清溪县华山镇华山路1号</p></div>
<div class="latest"><div class="hd">最新公开信息</div><ul>{rows}</ul></div>
<div class="county-latest"><div class="hd">县直部门公开</div><ul>{others}</ul></div>""")


def _list_table(entries) -> str:
    rows = "".join(
        f'<tr><td>{n}</td><td>{escape(it["index"] or "")}</td><td class="tit"><a href="{_item_url(iid)}" target="_blank">'
        f'{escape(it["list_title"] or it["title"])}</a></td><td>{it["day"].isoformat()}</td></tr>'
        for n, (iid, it) in entries)
    return f"""<table class="xxgk-list" width="100%"><tr><th>序号</th><th>索引号</th><th>名称</th><th>生成日期</th></tr>
{rows}</table>"""


def column_page(cat: str, page: int) -> str | None:
    name, parent = COLUMNS.get(cat, (None, None)) if cat != ANNUAL_CAT else ("信息公开年报", None)
    if name is None:
        return None
    entries = sorted(((iid, it) for iid, it in ITEMS.items() if it["cat"] == cat),
                     key=lambda x: x[1]["day"], reverse=True)
    pages = max(1, -(-len(entries) // PAGE_SIZE))
    if page > pages:
        return None
    shown = list(enumerate(entries, 1))[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    if cat == ANNUAL_CAT:
        crumb = _crumb()      # the platform's crumb stops at the organ on its fixed entries
    else:
        crumb = _crumb("法定主动公开内容", *([parent] if parent else []), name)
    if not entries:
        body = '<div class="empty">暂无信息</div>'
    else:
        pager = ""
        if pages > 1:
            prev = f'<a href="{_col_url(cat, page - 1)}">上一页</a>' if page > 1 else "<span>上一页</span>"
            nxt = f'<a href="{_col_url(cat, page + 1)}">下一页</a>' if page < pages else "<span>下一页</span>"
            pager = (f'<div class="pagination">共{len(entries)}条 每页{PAGE_SIZE}条 页次：{page}/{pages} '
                     f'<a href="{_col_url(cat, 1)}">首页</a> {prev} {nxt} <a href="{_col_url(cat, pages)}">尾页</a></div>')
        body = _list_table(shown) + pager
    return _frame(name, crumb, f'<div class="col-title">{name}</div>{body}')


def _grid(it: dict) -> str:
    topic = COLUMNS.get(it["cat"], ("政府信息公开",))[0] if it["cat"] != ANNUAL_CAT else "年度报告"
    day = it["day"].isoformat()
    return f"""<table class="xxgk-meta" width="100%">
<tr><td class="t">索 引 号：</td><td>{escape(it["index"] or "")}</td><td class="t">信息分类：</td><td>{topic}</td></tr>
<tr><td class="t">发布机构：</td><td>{NAME}</td><td class="t">生成日期：</td><td>{day}</td></tr>
<tr><td class="t">文　　号：</td><td>{escape(it["doc_no"])}</td><td class="t">发布日期：</td><td>{day}</td></tr>
<tr><td class="t">名　　称：</td><td colspan="3">{escape(it["title"])}</td></tr>
<tr><td class="t">内容概述：</td><td colspan="3">{escape(it["summary"])}</td></tr></table>"""


def item_page(iid: str) -> str | None:
    it = ITEMS.get(iid)
    if it is None:
        return None
    extra = ""
    for label, other in it["links"]:
        extra += f'<div class="related">{label}：<a href="{_item_url(other)}">{escape(ITEMS[other]["title"])}</a></div>'
    if it["attach"]:
        extra += f'<div class="files">附件：<a href="{it["attach"][0]}">{escape(it["attach"][1])}</a></div>'
    if it["cat"] in COLUMNS:
        name, parent = COLUMNS[it["cat"]]
        crumb = _crumb("法定主动公开内容", *([parent] if parent else []), name)
    else:
        crumb = _crumb()
    paras = "".join(f"<p>{escape(p)}</p>" for p in it["body"].split("。") if p)
    return _frame(it["title"], crumb, f"""{_grid(it)}
<h1 class="art-title">{escape(it["title"])}</h1>
<div class="art-content">{paras}</div>{extra}""")


GUIDE = f"""<div class="guide"><h2>{NAME}政府信息公开指南</h2>
<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。</p>
<p>一、主动公开。（一）公开范围：本镇依法主动公开机构职能、政策文件、惠民政策、财政资金等信息。（二）信息分类：按主题分为机构职能、政策文件、政策解读、惠民政策等类别。
（三）编排体系：政府信息公开目录按信息分类编排，每条信息包括索引号、名称、内容概述、生成日期等。（四）获取方式：通过清溪县政府信息公开平台、镇政务公开栏等获取。</p>
<p>二、依申请公开。公民、法人或者其他组织可以向本镇申请获取政府信息，本机关自收到申请之日起20个工作日内予以答复。</p>
<p>三、工作机构。机构名称：华山镇党政办公室；办公地址：清溪县华山镇华山路1号；办公时间：工作日上午8:00-12:00，下午14:30-17:30；
联系电话：0550-5123456；传真：0550-5123457；互联网联系方式：电子邮箱 hsz_xxgk@qingxi.gov.cn。</p></div>"""

APPLY = """<div class="apply"><h2>依申请公开</h2>
<p>申请方式：申请人可通过信函、当面提交或在线申请等方式向华山镇人民政府提出申请。</p>
<p>申请表下载：<a href="/public/files/4521/sqb.doc">华山镇政府信息公开申请表.doc</a></p>
<p>受理机构：华山镇党政办公室，地址：清溪县华山镇华山路1号。</p></div>"""


def other_organ(organ: str, path: str, query: dict) -> str | None:
    name, org = OTHERS[organ]
    items = OTHER_ITEMS[organ]
    if path == "/public/index":
        rows = "".join(f'<li><a href="{_item_url(i, organ)}">{t}</a><span>{d}</span></li>' for i, t, d in items)
        return _page(name, f"""<div class="position">当前位置：首页 &gt; 政府信息公开 &gt; {name}</div>
<ul><li><a href="{_col_url('501', organ=organ)}">工作动态</a></li></ul><ul>{rows}</ul>""")
    if path == "/public/column":
        rows = "".join(f'<tr><td><a href="{_item_url(i, organ)}">{t}</a></td><td>{d}</td></tr>' for i, t, d in items)
        return _page(name, f"""<div class="position">当前位置：首页 &gt; 政府信息公开 &gt; {name} &gt; 工作动态</div>
<table><tr><th>名称</th><th>生成日期</th></tr>{rows}</table>""")
    return None


def other_item(organ: str, iid: str) -> str | None:
    for i, t, d in OTHER_ITEMS.get(organ, ()):
        if i == iid:
            name, org = OTHERS[organ]
            return _page(t, f"""<table><tr><td>索引号：</td><td>{org}/{d[:4]}{d[5:7]}-00003</td><td>发布机构：</td><td>{name}</td></tr>
<tr><td>生成日期：</td><td>{d}</td><td>发布日期：</td><td>{d}</td></tr></table><h1>{t}</h1><p>{t}。</p>""")
    return None


# ---- the county portal's town channel (the unit's portal) ---------------------------------

def portal_home(base: dict) -> str:
    dis = base["disclosure"]
    news = [(iid, ITEMS[iid]) for iid in ("1201", "1202", "1203", "1204", "1205")]
    rows = "".join(f'<li><a href="{dis}{_item_url(iid)}">{escape(it["title"])}</a><span>[{it["day"]:%m-%d}]</span></li>'
                   for iid, it in news)
    docs = []
    for iid in ("1011", "1012", "1013"):
        it = ITEMS[iid]
        t = it["title"] if len(it["title"]) <= 20 else it["title"][:20] + "…"
        docs.append(f'<li><a href="{dis}{_item_url(iid)}" title="{escape(it["title"])}">{escape(t)}</a>'
                    f'<span>{it["day"].isoformat()}</span></li>')
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>华山镇_清溪县人民政府</title></head>
<body><div class="head"><img src="/images/logo.png" alt="清溪县人民政府"></div>
<div class="nav"><a href="/">华山镇</a></div>
<div class="town"><div class="hd">华山动态</div><ul>{rows}</ul>
<div class="hd">政策文件</div><ul>{''.join(docs)}</ul>
<p><a href="{dis}{_organ_url()}">华山镇政府信息公开</a></p></div>
<div class="footer"><table align="center"><tr>
<td>主办单位：清溪县人民政府办公室</td><td>网站标识码：<span>3415</span><span>230001</span></td><td>2019</td></tr>
<tr><td>皖ICP备05012345号</td><td><span class="ga"><img src="/images/ga.png" alt="皖公网安备 34152302000101号"></span></td>
<td><img src="/images/dzjg.png" alt="党政机关"></td></tr></table></div>
</body></html>"""


def respond(req: Request) -> Response | None:
    if req.path.startswith("/zwgk-404-probe"):
        return not_found()
    if req.role == "portal":
        return Response(portal_home(req.base)) if req.path in ("/", "/index.html") else not_found()
    q = req.query
    organ = q.get("organId")
    if req.path == "/":
        return redirect(_organ_url())       # the town's short entry on the county platform
    if req.path == SEARCH:
        return Response("<html><body><h1>HTTP Status 500 - Internal Server Error</h1>"
                        "<p>java.lang.NullPointerException</p></body></html>", status=500)
    if req.path.endswith((".doc", ".xls")):
        if req.path == "/public/files/4521/sqb.doc":
            return Response("政府信息公开申请表 申请人姓名 联系方式 所需信息描述".encode("utf-8"),
                            content_type="application/msword")
        return not_found()
    if organ in OTHERS:
        page = other_organ(organ, req.path, q)
        return Response(page) if page else not_found()
    parts = req.path.strip("/").split("/")
    if len(parts) == 3 and parts[0] == "public" and parts[2].endswith(".html"):
        iid = parts[2][:-5]
        page = item_page(iid) if parts[1] == ORGAN else other_item(parts[1], iid)
        return Response(page) if page else not_found()
    if organ != ORGAN:
        return not_found()
    if req.path == "/public/index":
        return Response(organ_home())
    if req.path == "/public/guide":
        return Response(_frame("信息公开指南", "", GUIDE))
    if req.path == "/public/apply":
        return Response(_frame("依申请公开", _crumb(), APPLY))
    if req.path == "/public/column":
        try:
            page = int(q.get("pageIndex") or 1)
        except ValueError:
            return not_found()
        html = column_page(q.get("catId", ""), page)
        return Response(html) if html else not_found()
    return not_found()


def truth(base: dict) -> list[dict]:
    d = base["disclosure"]
    p = base["portal"]
    it = ITEMS
    return [
        {"rule": "SRCH-001", "url": f"{d}{SEARCH}?organId={ORGAN}&keywords=",
         "note": "平台检索对任何检索词都返回HTTP 500"},
        {"rule": "FRESH-002", "column": "筹资筹劳", "note": "最新信息为2018-05-21，年度类栏目超过1年未更新"},
        {"rule": "FRESH-003", "column": "公益项目建设", "note": "栏目只显示“暂无信息”"},
        {"rule": "META-001", "url": f"{d}{_item_url('1203')}", "note": "索引号为空"},
        {"rule": "META-003", "index_no": it["1205"]["index"], "note": "两条工作动态共用一个索引号"},
        {"rule": "CONS-002", "index_no": it["1011"]["index"], "note": "列表标题“秋季”与详情页“秋冬季”不一致"},
        {"rule": "LINK-002", "url": f"{d}/public/files/4521/rjhj2019.xls", "note": "附件返回404"},
        # decoys
        {"rule": "CAT-003", "column": "信息公开指南", "decoy": True, "note": "指南只在左侧树和页签中，无面包屑"},
        {"rule": "CAT-003", "column": "信息公开制度", "decoy": True, "note": "制度是左侧树链接的一条信息"},
        {"rule": "CAT-003", "column": "信息公开年报", "decoy": True, "note": "年报列表的面包屑只到机构"},
        {"rule": "CAT-003", "column": "依申请公开", "decoy": True, "note": "依申请公开只在左侧树和页签中"},
        {"rule": "GUIDE-001", "column": "信息公开指南", "decoy": True, "note": "指南在左侧树中"},
        {"rule": "GUIDE-002", "column": "信息公开指南", "decoy": True, "note": "指南包含全部要素"},
        {"rule": "APPLY-001", "column": "依申请公开", "decoy": True, "note": "有申请方式和申请表"},
        {"rule": "REPORT-001", "column": "信息公开年报", "decoy": True, "note": "2018年报于2019-01-18发布"},
        {"rule": "IDENT-001", "url": f"{p}/", "decoy": True,
         "note": "网站标识码拆在多个span中，公安备案号只在图片alt中"},
        {"rule": "FRESH-001", "url": f"{p}/", "decoy": True, "note": "首页日期为无年份的[09-26]"},
        {"rule": "CONS-002", "index_no": it["1012"]["index"], "decoy": True, "note": "门户首页列表标题截断加“…”"},
        {"rule": "CONS-002", "index_no": it["1201"]["index"], "decoy": True, "note": "<title>带平台名称"},
        {"rule": "PRIV-001", "index_no": it["1091"]["index"], "decoy": True, "note": "身份证号已打码"},
        {"rule": "SRCH-002", "index_no": it["1013"]["index"], "decoy": True, "note": "检索本身不可用，只报SRCH-001"},
        {"rule": "FRESH-002", "url": f"{d}{_col_url('501', organ='4533')}", "decoy": True,
         "note": "其他乡镇（另一organ）的过期栏目，不属本单位"},
        {"rule": "META-002", "index_no": "003241200/201703-00003", "decoy": True,
         "note": "其他乡镇的信息，机构代码不是本单位的，不应抓取"},
        {"rule": "META-002", "index_no": "003240210/201903-00003", "decoy": True,
         "note": "县财政局的信息，不应抓取"},
    ]


def urls(base: dict) -> list[str]:
    d = base["disclosure"]
    out = [f"{base['portal']}/", f"{d}/", f"{d}{_organ_url()}", f"{d}{GUIDE_URL}", f"{d}{APPLY_URL}",
           f"{d}{_col_url(ANNUAL_CAT)}"]
    for cat in COLUMNS:
        out.append(f"{d}{_col_url(cat)}")
        n = sum(1 for it in ITEMS.values() if it["cat"] == cat)
        out += [f"{d}{_col_url(cat, pg)}" for pg in range(2, -(-n // PAGE_SIZE) + 1)]
    out += [f"{d}{_item_url(iid)}" for iid in ITEMS]
    return out
