"""大汉 Hanweb (jpage) disclosure site of a 街道 on its district's platform.

Column pages `/col/col{id}/index.html` carry their list as an inline XML datastore
(`<script type="text/xml"><datastore><nextgroup>…</nextgroup><recordset><record><![CDATA[<li>…]]>`)
paged in the browser by jpage (`totalRecord`, `perPage`, `groupSize`); records beyond the inline group
come from `/module/web/jpage/dataproxy.jsp?startrecord=…&endrecord=…&perpage=…` with the column's
parameters, answering the same XML with <totalrecord>. 工作动态 has no inline records: its first group
is POSTed by $.ajax with the fields in a data object, and the answer's total says the rest. Items at `/art/2019/9/20/art_1234_56789.html` with a 4-column
metadata grid and `<title>` "标题_站点名". Search: `/jrobot/search.do?webid=…&q=` from a GET form with
hidden fields and an image button.
"""
from __future__ import annotations

import datetime as dt
from html import escape

from tests.zoo.harness import Response, not_found, redirect

FAMILY = "大汉 Hanweb jpage: inline XML datastore + dataproxy.jsp groups, 4-column metadata grid"
AS_OF = dt.date(2019, 9, 30)
ROLES = ("disclosure",)
ORG = "003245193"
SITE = "和平街道办事处"
UNIT = {"id": "zoo-hanweb", "name": SITE, "type": "street", "org_code": ORG}
WEBID = "57"

# column id -> (name, kind): kind "list" (jpage), "text" (one page), "guide", "apply"
COLUMNS = {
    1101: ("机构职能", "text"),
    1102: ("政策文件", "list"),
    1103: ("政策解读", "list"),
    1104: ("惠民政策", "list"),
    1105: ("财政专项惠民资金", "list"),
    1106: ("社区公益项目建设", "list"),
    1107: ("社会保障(救助)", "list"),
    1108: ("棚户区改造与保障房", "list"),
    1109: ("工作动态", "list"),
    1201: ("信息公开指南", "guide"),
    1202: ("信息公开制度", "list"),
    1203: ("信息公开年报", "list"),
    1204: ("依申请公开", "apply"),
}
PER_PAGE, GROUP = 4, 2          # jpage: 4 records a page, 2 pages a group (8 records inline)
UNIT_IDS = {c: 9000 + c for c in COLUMNS}   # the jpage "unitid" (the list widget's id)
PROXY_ONLY = {1109}     # lists with no inline records: the first group too is POSTed to the proxy

D = dt.date


def _items():
    out = []

    def add(col, n, title, pub, **kw):
        created = kw.pop("created", pub - dt.timedelta(days=2))
        out.append({"col": col, "id": 56700 + n, "title": title, "pub": pub, "created": created,
                    "index_no": kw.pop("index_no", f"{ORG}/{pub:%Y%m}-{n:05d}"), **kw})

    # 政策文件: 11 records -> 8 inline (2 pages), 3 from the dataproxy group 9-16
    docs = ["关于做好2019年秋季学校安全工作的通知", "关于开展夏季消防安全大检查的通知", "关于印发和平街道网格化管理办法的通知",
            "关于调整街道议事协调机构组成人员的通知", "关于做好防汛抗旱工作的通知", "关于开展垃圾分类示范小区创建的通知",
            "关于加强老旧小区物业管理的实施意见", "关于做好退役军人信息采集工作的通知", "关于印发和平街道安全生产责任清单的通知",
            "关于开展文明城市创建攻坚行动的通知", "关于做好第四次全国经济普查工作的通知"]
    for i, t in enumerate(docs):
        pub = D(2019, 9, 26) - dt.timedelta(days=9 * i)
        add(1102, 10 + i, t, pub, doc_no=f"和街〔2019〕{40 - i}号")
    out[5]["list_title"] = "关于开展垃圾分类示范小区创建活动的通知"      # CONS-002: list ≠ detail
    out[9]["index_no"] = f"{ORG}/201909-00090"                         # META-003 (from the dataproxy group)
    out[1]["list_title"] = "关于开展夏季消防安全大检查…"                # decoy: a cut title
    add(1103, 30, "《和平街道网格化管理办法》政策解读", D(2019, 9, 12))
    add(1103, 31, "图解：老旧小区物业管理实施意见", D(2019, 8, 30))
    add(1104, 32, "2019年城乡居民医疗保险参保缴费指南", D(2019, 9, 10), index_no="",   # META-001
        attachment="/module/download/downfile.jsp?filename=2019ybzn.pdf")            # LINK-002
    add(1104, 33, "高龄老人津贴申领办法", D(2019, 7, 15))
    add(1105, 34, "2019年第二季度惠民资金发放情况公示", D(2019, 7, 8))
    add(1106, 35, "和平街道2019年社区公益项目实施计划", D(2019, 4, 18))
    add(1107, 36, "2019年9月城市低保对象名单公示", D(2019, 9, 20), phones=True)      # PRIV-002
    add(1107, 37, "2019年第三季度临时救助对象公示", D(2019, 9, 18), masked=True)     # decoy PRIV-001
    add(1108, 38, "和平街道2018年棚户区改造征收补偿方案", D(2018, 6, 1))              # FRESH-002
    add(1109, 39, "和平街道召开国庆安全维稳工作部署会", D(2019, 9, 27), no_search=True)   # SRCH-002
    add(1109, 40, "街道开展“不忘初心、牢记使命”主题教育专题党课", D(2019, 9, 23))
    add(1109, 41, "和平街道举办重阳节敬老文艺汇演", D(2019, 9, 16), index_no=f"{ORG}/201909-00090")  # META-003
    more = ["和平街道开展中秋节前食品安全检查", "和平街道组织开展消防应急演练", "和平街道召开网格员业务培训会",
            "和平街道开展夏季防溺水宣传", "和平街道推进老旧小区改造项目", "和平街道举办退役军人座谈会",
            "和平街道开展创文志愿服务活动", "和平街道召开八月份工作例会"]
    for i, t in enumerate(more):
        add(1109, 60 + i, t, D(2019, 9, 12) - dt.timedelta(days=5 * i))
    add(1202, 42, "和平街道政府信息公开工作制度", D(2019, 5, 20))
    add(1203, 43, "和平街道办事处2018年政府信息公开工作年度报告", D(2019, 3, 20))
    add(1203, 44, "和平街道办事处2017年政府信息公开工作年度报告", D(2018, 3, 22))
    return out


ITEMS = _items()
BY_PATH = {}
for _it in ITEMS:
    _it["path"] = f"/art/{_it['pub'].year}/{_it['pub'].month}/{_it['pub'].day}/art_{_it['col']}_{_it['id']}.html"
    BY_PATH[_it["path"]] = _it


def _col_items(col):
    return sorted((i for i in ITEMS if i["col"] == col), key=lambda i: i["pub"], reverse=True)


def _page(title, body, crumbs=()):
    trail = "".join(f' &gt; <a href="{u}">{escape(n)}</a>' for n, u in crumbs)
    # the tree links 工作动态 by its folder, which the server redirects to index.html
    tree = "".join(f'<li><a href="/col/col{c}/{"" if c == 1109 else "index.html"}">{escape(n)}</a></li>'
                   for c, (n, _) in COLUMNS.items() if c < 1200)
    fixed = "".join(f'<li><a href="/col/col{c}/index.html">{escape(n)}</a></li>'
                    for c, (n, _) in COLUMNS.items() if c >= 1200)
    crumb = (f'<div class="bt-position">您当前的位置：<a href="/">首页</a> &gt; <a href="/">政府信息公开</a>{trail}</div>'
             if crumbs else "")
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="SiteName" content="{SITE}"><meta name="SiteIDCode" content="3401020031">
<script src="/script/jquery.js"></script></head>
<body><div class="bt-head"><img src="/images/logo.png" alt="{SITE}"></div>
<div class="bt-search"><form action="/jrobot/search.do" method="get" target="_blank">
<input type="hidden" name="webid" value="{WEBID}"><input type="hidden" name="pg" value="12">
<input type="hidden" name="p" value="1"><input type="hidden" name="tpl" value="">
<input type="text" name="q" id="q" value="" placeholder="请输入关键字">
<input type="image" src="/images/ss.png" alt="搜索"></form></div>
<div class="bt-main"><div class="bt-left"><h3>主动公开目录</h3><ul>{tree}</ul><ul>{fixed}</ul></div>
<div class="bt-right">{crumb}{body}</div></div>
<div class="bt-foot"><p>主办单位：{SITE} 地址：和平路18号 联系电话：0551-63350001</p>
<p>网站标识码：3401020031 <span>皖ICP备05001234号-2</span>
<span><img src="/images/ga.png" alt="">皖公网安备 34010202000123号</span></p>
</div></body></html>"""


def _record(it):
    shown = it.get("list_title", it["title"])
    return (f'<li><a href="{it["path"]}" title="{escape(shown)}" target="_blank">{escape(shown)}</a>'
            f'<span class="bt-data-time">{it["pub"]:%Y-%m-%d}</span></li>')


def _ajax_params(col):
    return {"col": "1", "appid": "1", "webid": WEBID, "path": "/", "columnid": str(col),
            "sourceContentType": "1", "unitid": str(UNIT_IDS[col]), "webname": SITE, "permissiontype": "0"}


def _nextgroup(col):
    q = "&".join(f"{k}={v}" for k, v in _ajax_params(col).items())
    return f'<a href="/module/web/jpage/dataproxy.jsp?page=1&{q}"></a>'


def _datastore(col, records, total=None):
    recs = "\n".join(f"<record><![CDATA[\n{_record(it)}\n]]></record>" for it in records)
    tail = f"\n<totalrecord>{total}</totalrecord>" if total is not None else ""
    return (f"<datastore>\n<nextgroup><![CDATA[{_nextgroup(col)}]]></nextgroup>\n<recordset>\n{recs}\n</recordset>"
            f"{tail}\n</datastore>")


def _list_page(col):
    name = COLUMNS[col][0]
    items = _col_items(col)
    inline = items[:PER_PAGE * GROUP]
    params = ",\n".join(f"\t\t\t'{k}': '{v}'" for k, v in _ajax_params(col).items())
    uid = UNIT_IDS[col]
    if col in PROXY_ONLY:
        fields = ", ".join(f'{k}: {v if v.isdigit() else repr(v)}' for k, v in _ajax_params(col).items())
        body = f"""<div class="bt-list-title">{escape(name)}</div>
<div id="{uid}" class="bt-list"></div>
<script type="text/javascript">
$(function () {{
	$.ajax({{
		type: "POST",
		url: "/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord={PER_PAGE * GROUP}&perpage={PER_PAGE}",
		data: {{ {fields} }},
		dataType: "xml",
		success: function (xml) {{ $("#{uid}").jpage({{ dataStore: xml, perPage: {PER_PAGE}, groupSize: {GROUP} }}); }}
	}});
}});
</script>"""
        return _page(f"{name}_{SITE}", body, [(name, f"/col/col{col}/index.html")])
    body = f"""<div class="bt-list-title">{escape(name)}</div>
<div id="{uid}"><script type="text/xml">
{_datastore(col, inline)}
</script></div>
<script type="text/javascript" src="/module/web/jpage/jpage.js"></script>
<script type="text/javascript">
$(document).ready(function() {{
	$('#{uid}').jpage({{
		dataStore: dataStore,
		proxyUrl: '/module/web/jpage/dataproxy.jsp',
		perPage: {PER_PAGE},
		totalRecord: {len(items)},
		groupSize: {GROUP},
		barPosition: 'bottom',
		ajaxParam: {{
{params}
		}},
		showMode: 'full'
	}});
}});
</script>"""
    return _page(f"{name}_{SITE}", body, [(name, f"/col/col{col}/index.html")])


def _dataproxy(req):
    fields = {**req.query, **req.form}
    try:
        col = int(fields.get("columnid", ""))
        start, end = int(fields["startrecord"]), int(fields["endrecord"])
    except (KeyError, ValueError):
        start = end = col = 0
    items = _col_items(col) if col in COLUMNS else []
    records = items[start - 1:end] if start >= 1 else []
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n{_datastore(col, records, len(items)) if col in COLUMNS else "<datastore/>"}'
    # a bare JSP: the XML goes out as text/html
    return Response(body, content_type="text/html;charset=UTF-8")


def _text_page(col):
    name = COLUMNS[col][0]
    body = f"""<div class="bt-article"><h2>{name}</h2>
<p>和平街道办事处是区人民政府的派出机关，内设党政办公室、社会事务办公室、城市管理办公室、经济发展办公室、平安建设办公室等机构。</p>
<p>主要职责：贯彻执行党和国家的路线方针政策，负责辖区社会管理、公共服务、社区建设和平安建设等工作。</p></div>"""
    return _page(f"{name}_{SITE}", body, [(name, f"/col/col{col}/index.html")])


def _guide():
    body = """<div class="bt-article"><h2>和平街道办事处政府信息公开指南</h2>
<p>一、主动公开。（一）公开内容及信息分类：本机关主动公开的政府信息分为机构职能、政策文件、政策解读、惠民政策等类别。
（二）编排体系：政府信息按公开目录分类编排，每条信息标注索引号、名称、生成日期等。（三）获取方式：通过本网站、政务公开栏、查阅点获取。</p>
<p>二、依申请公开。受理机构名称：和平街道党政办公室；办公地址：和平路18号；办公时间：工作日上午8:30-12:00，下午14:30-17:30；
联系电话：0551-63350001；传真：0551-63350002；互联网联系方式：电子邮箱 hpjd@example.gov.cn。</p>
<p>本机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复。</p></div>"""
    return _page(f"信息公开指南_{SITE}", body, [("信息公开指南", "/col/col1201/index.html")])


def _apply():
    body = """<div class="bt-article"><h2>依申请公开</h2>
<p>申请方式：申请人可以当面递交、信函或网上申请的方式提出申请，请填写<a href="/art/2019/5/20/apply_form.html">政府信息公开申请表</a>。</p>
<p>受理地址：和平路18号街道党政办公室，联系电话：0551-63350001。</p></div>"""
    return _page(f"依申请公开_{SITE}", body, [("依申请公开", "/col/col1204/index.html")])


def _apply_form():
    body = """<div class="bt-article"><h2>政府信息公开申请表</h2>
<table border="1"><tr><td>申请人姓名</td><td></td><td>证件号码</td><td></td></tr>
<tr><td>所需信息内容描述</td><td colspan="3"></td></tr></table></div>"""
    return _page(f"政府信息公开申请表_{SITE}", body, [("依申请公开", "/col/col1204/index.html")])


def _body(it):
    t = it["title"]
    if it.get("phones"):
        rows = [("张某华", "和平社区", "13855102231"), ("李某英", "东风社区", "13956781234"),
                ("王某军", "和平社区", "15105512345"), ("赵某兰", "新华社区", "18755109876")]
        cells = "".join(f"<tr><td>{n}</td><td>{c}</td><td>{p}</td></tr>" for n, c, p in rows)
        return f"<p>经社区评议、街道审核，以下家庭纳入城市最低生活保障，现予公示：</p><table><tr><td>姓名</td><td>社区</td><td>联系电话</td></tr>{cells}</table>"
    if it.get("masked"):
        rows = [("陈某", "340102********1234"), ("周某", "340104********2028"), ("吴某", "340103********0511")]
        cells = "".join(f"<tr><td>{n}</td><td>{i}</td><td>1500元</td></tr>" for n, i in rows)
        return f"<p>以下人员经审核给予临时救助，现予公示：</p><table><tr><td>姓名</td><td>身份证号</td><td>救助金额</td></tr>{cells}</table>"
    extra = ""
    if it.get("attachment"):
        extra = f'<p>附件：<a href="{it["attachment"]}">2019年医保缴费指南.pdf</a></p>'
    return (f"<p>各社区、街道各办公室：</p><p>现就{escape(t)}有关事项公布如下，请认真贯彻落实。"
            f"本信息由{SITE}负责解释，自发布之日起施行。</p>{extra}<p style=\"text-align:right\">{SITE}</p>")


def _detail(it):
    pub, created = it["pub"], it["created"]
    doc_no = it.get("doc_no", "")
    summary = f"{it['title']}的主要内容。"
    name = COLUMNS[it["col"]][0]
    body = f"""<table class="xxgk_table" cellspacing="0" cellpadding="0">
<tr><td class="bt-lbl">索引号：</td><td>{it['index_no']}</td><td class="bt-lbl">发布机构：</td><td>{SITE}</td></tr>
<tr><td class="bt-lbl">公开方式：</td><td>主动公开</td><td class="bt-lbl">公开范围：</td><td>全部公开</td></tr>
<tr><td class="bt-lbl">成文日期：</td><td>{created:%Y-%m-%d}</td><td class="bt-lbl">发布日期：</td><td>{pub:%Y-%m-%d}</td></tr>
<tr><td class="bt-lbl">文号：</td><td>{doc_no}</td><td class="bt-lbl">有效性：</td><td>有效</td></tr>
<tr><td class="bt-lbl">名称：</td><td colspan="3">{escape(it['title'])}</td></tr>
<tr><td class="bt-lbl">内容概述：</td><td colspan="3">{escape(summary)}</td></tr>
</table>
<div class="bt-article"><h1>{escape(it['title'])}</h1><div id="zoom">{_body(it)}</div></div>"""
    return _page(f"{it['title']}_{SITE}", body, [(name, f"/col/col{it['col']}/index.html")])


def _home():
    latest = sorted((i for i in ITEMS if i["col"] < 1200), key=lambda i: i["pub"], reverse=True)[:6]
    lis = "".join(_record(i) for i in latest)
    body = f'<div class="bt-list-title">最新信息公开</div><ul class="bt-list">{lis}</ul>'
    return _page(f"政府信息公开_{SITE}", body)


def _search(req):
    q = (req.query.get("q") or "").strip()
    hits = []
    if q:
        hits = [i for i in ITEMS if not i.get("no_search") and (q in i["title"] or q == i.get("doc_no"))]
    boxes = "".join(
        f'<div class="jsearch-result-box"><div class="jsearch-result-title"><a href="{i["path"]}" target="_blank">'
        f'{escape(i["title"]).replace(escape(q), "<em>" + escape(q) + "</em>") if q else escape(i["title"])}</a></div>'
        f'<div class="jsearch-result-abs">{escape(i["title"])}的主要内容。</div>'
        f'<div class="jsearch-result-url">{req.base["disclosure"]}{i["path"]} '
        f'<span class="jsearch-result-date">{i["pub"].year}年{i["pub"].month:02d}月{i["pub"].day:02d}日</span></div></div>'
        for i in hits)
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>搜索结果_{SITE}</title></head><body>
<div class="jsearch-result-count">搜索“{escape(q)}”，找到相关结果约{len(hits)}个</div>{boxes or '<p>没有找到相关信息</p>'}
</body></html>"""
    return Response(html)


def respond(req):
    p = req.path
    if p in ("/", "/index.html"):
        return Response(_home())
    if p == "/col/col1109/":
        return redirect("/col/col1109/index.html", 301)
    if p.startswith("/col/col") and p.endswith("/index.html"):
        try:
            col = int(p[len("/col/col"):-len("/index.html")])
        except ValueError:
            return not_found()
        kind = COLUMNS.get(col, (None, None))[1]
        if kind == "list":
            return Response(_list_page(col))
        if kind == "text":
            return Response(_text_page(col))
        if kind == "guide":
            return Response(_guide())
        if kind == "apply":
            return Response(_apply())
        return not_found()
    if p == "/module/web/jpage/dataproxy.jsp":
        return _dataproxy(req)
    if p == "/art/2019/5/20/apply_form.html":
        return Response(_apply_form())
    if p in BY_PATH:
        return Response(_detail(BY_PATH[p]))
    if p == "/jrobot/search.do":
        return _search(req)
    if p.endswith((".png", ".js")):
        return Response(b"", content_type="application/octet-stream")
    return not_found()


def urls(base):
    b = base["disclosure"]
    out = [f"{b}/"] + [f"{b}/col/col{c}/index.html" for c in COLUMNS]
    for c, (_, kind) in COLUMNS.items():
        if kind != "list":
            continue
        n, group = len(_col_items(c)), PER_PAGE * GROUP
        for start in range(1 if c in PROXY_ONLY else group + 1, n + 1, group):
            q = "&".join(f"{k}={v}" for k, v in _ajax_params(c).items())
            out.append(f"{b}/module/web/jpage/dataproxy.jsp?startrecord={start}&endrecord={start + group - 1}"
                       f"&perpage={PER_PAGE}&{q}")
    out += [b + i["path"] for i in ITEMS]
    return out


def truth(base):
    b = base["disclosure"]
    url = {i["id"]: b + i["path"] for i in ITEMS}
    return [
        {"rule": "FRESH-002", "column": "棚户区改造与保障房", "url": f"{b}/col/col1108/index.html",
         "note": "年度类栏目最新信息为2018-06-01，超过1年未更新"},
        {"rule": "META-001", "url": url[56732], "note": "索引号为空"},
        {"rule": "LINK-002", "url": f"{b}/module/download/downfile.jsp?filename=2019ybzn.pdf",
         "note": "附件链接404"},
        {"rule": "META-003", "index_no": f"{ORG}/201909-00090",
         "note": "dataproxy 分组中的政策文件与工作动态信息共用一个索引号"},
        {"rule": "CONS-002", "url": url[56715], "note": "列表标题多“活动”二字，与详情页不一致"},
        {"rule": "PRIV-002", "url": url[56736], "note": "低保名单公示未遮蔽的手机号"},
        {"rule": "SRCH-002", "url": url[56739], "note": "站内检索查不到该信息"},
        # decoys
        {"rule": "CONS-002", "url": url[56711], "decoy": True, "note": "列表标题截断为“…”"},
        {"rule": "CONS-002", "url": url[56710], "decoy": True, "note": "<title> 带站点名后缀“_和平街道办事处”"},
        {"rule": "PRIV-001", "url": url[56737], "decoy": True, "note": "身份证号已遮蔽"},
        {"rule": "LINK-001", "url": f"{b}/col/col1109/", "decoy": True, "note": "栏目链接经301跳转到index.html"},
        {"rule": "FRESH-002", "column": "社区公益项目建设", "decoy": True, "note": "年度类栏目，2019-04-18 更新，未超期"},
    ]
