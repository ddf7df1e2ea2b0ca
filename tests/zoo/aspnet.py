"""An old ASP.NET WebForms disclosure site in GBK (table layout, .aspx pages).

Lists page through a postback pager: the links are ``javascript:__doPostBack('ctl00$main$pager','2')``
inside the page's one ``<form method="post">`` carrying ``__VIEWSTATE``/``__EVENTVALIDATION``; page N
is that form POSTed with ``__EVENTTARGET``/``__EVENTARGUMENT`` set (a POST without the view state is
refused, as WebForms does). "共3页" is text. Metadata are span pairs ``<span>发布机构：</span><span>…</span>``;
the title is the prominent cell above the body. The search is only a POST form with hidden fields and
an ``<input type="image">`` button, answering an HTML result list.
"""
from __future__ import annotations

import base64
import html as _html
from datetime import date

from tests.zoo.harness import Request, Response, not_found

FAMILY = "ASP.NET WebForms（GBK，.aspx，__doPostBack 翻页，POST 检索表单带隐藏字段和图片按钮，span 元数据）"
AS_OF = date(2019, 9, 30)
ROLES = ("disclosure",)
ORG = "00318765X"
UNIT = {"id": "zoo-aspnet", "name": "青岚市水务局", "type": "dept", "org_code": ORG}
SITE = "青岚市水务局"
PAGER = "ctl00$main$pager"
LINKBUTTON = {60}   # ClassIDs whose pager is made of LinkButtons (首页/上一页/下一页/尾页, no page numbers)
SIZE = 10

# ClassID → column path under 政府信息公开
COLUMNS = {
    11: ("机构职能", "机构设置"), 12: ("机构职能", "机关职能"), 13: ("机构职能", "领导信息"),
    21: ("政策文件", "规范性文件"), 22: ("政策文件", "其他文件"), 30: ("政策解读",), 40: ("规划计划",),
    51: ("财政资金", "部门预决算"), 52: ("财政资金", "三公经费"), 60: ("人事信息",),
    71: ("重大决策预公开", "意见征集"), 72: ("重大决策预公开", "意见反馈"), 80: ("建议提案办理",),
    91: ("行政执法", "行政许可"), 92: ("行政执法", "行政处罚"), 93: ("行政执法", "听证公告"),
    100: ("扶贫",), 110: ("工作动态",), 120: ("信息公开年报",),
}
STATIC = {  # one page of text, no list
    11: "本局内设办公室、规划计划科、水资源管理科、建设与管理科、农村水利科、政策法规科等6个职能科室，下设市水文站、市水利工程管理处2个事业单位。",
    12: "贯彻执行国家和省关于水利工作的方针政策和法律法规；负责保障水资源的合理开发利用；负责生活、生产经营和生态环境用水的统筹兼顾和保障。",
    13: "局长：周立新，主持局全面工作。副局长：韩春明，负责水资源管理、农村水利工作。副局长：许文静，负责规划计划、财务工作。",
}
FIXED_PAGES = {
    "guide": ("信息公开指南", (
        "为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。"
        "一、信息分类与编排体系：本局主动公开的政府信息分为机构职能、政策文件、规划计划、财政资金等类别，"
        "按信息分类编排，每条信息标注索引号、发布机构、生成日期。"
        "二、获取方式：公民可通过本网站、政府信息公开查阅点获取主动公开的政府信息。"
        "三、依申请公开：受理机构名称：青岚市水务局办公室；办公地址：青岚市滨河路18号；办公时间：工作日上午8:30-12:00，下午14:30-17:30；"
        "联系电话：0564-3321456；传真：0564-3321457；电子邮箱：slj@qinglan.gov.cn。"
        "本局收到申请后能够当场答复的当场答复，不能当场答复的自收到申请之日起20个工作日内予以答复。")),
    "system": ("信息公开制度", (
        "青岚市水务局政府信息公开工作制度：第一条 为规范本局政府信息公开工作，制定本制度。"
        "第二条 办公室负责本局政府信息公开的日常工作。第三条 公开前应依法进行保密审查。")),
    "apply": ("依申请公开", (
        "依申请公开办理流程：申请人可通过信函、当面提交等方式提出申请，填写《青岚市水务局政府信息公开申请表》。"
        "申请表可在本页下载，也可到办公室领取。")),
}
FIXED_URLS = {"guide": "/Guide.aspx", "system": "/ZhiDu.aspx", "apply": "/YiShenQing.aspx"}


def _idx(month: str, n: int) -> str:
    return f"{ORG}/{month}-{n:05d}"


# id, ClassID, title, published, index_no, doc_no, extra
ITEMS: list[dict] = [
    dict(id=2101, cls=21, title="青岚市水务局关于印发《青岚市河道采砂管理办法》的通知", pub=date(2019, 8, 12),
         idx=_idx("201908", 31), doc="青水〔2019〕12号", interp=[3001]),
    dict(id=2201, cls=22, title="青岚市水务局关于做好2019年防汛抗旱工作的通知", pub=date(2019, 6, 3),
         idx=_idx("201906", 18), doc="青水〔2019〕8号"),
    dict(id=3001, cls=30, title="《青岚市河道采砂管理办法》政策解读", pub=date(2019, 8, 14),
         idx=_idx("201908", 33), docs=[2101]),
    dict(id=4001, cls=40, title="青岚市水务局2019年工作要点", pub=date(2019, 3, 8), idx=_idx("201903", 5)),
    dict(id=5101, cls=51, title="青岚市水务局2019年部门预算公开", pub=date(2019, 2, 20), idx=_idx("201902", 3)),
    dict(id=5201, cls=52, title="青岚市水务局2018年度“三公”经费决算公开", pub=date(2019, 8, 30),
         idx=_idx("201908", 40)),
    dict(id=6001, cls=60, title="青岚市水务局关于韩春明等同志任职的通知", pub=date(2019, 7, 15),
         idx=_idx("201907", 22)),
    *[dict(id=6002 + n, cls=60, title=f"青岚市水务局关于{who}同志职务任免的通知", pub=date.fromordinal(date(2019, 7, 1).toordinal() - 19 * n),
           idx=_idx(date.fromordinal(date(2019, 7, 1).toordinal() - 19 * n).strftime("%Y%m"), 50 + n))
      for n, who in enumerate(["王建军", "刘海涛", "陈晓东", "赵国庆", "孙立平", "周红梅", "吴振华", "郑玉兰", "冯志刚",
                               "蒋文斌", "沈丽华", "杨德明"])],
    dict(id=7101, cls=71, title="关于《青岚市节约用水管理办法（征求意见稿）》公开征求意见的公告",
         pub=date(2019, 7, 1), idx=_idx("201907", 1),
         body_extra="征求意见时间：2019年7月1日至2019年7月31日。意见可通过以下方式提交：通信地址：青岚市滨河路18号市水务局政策法规科；"
                    "电子邮箱：slj@qinglan.gov.cn。"),
    dict(id=7201, cls=72, title="关于《青岚市节约用水管理办法（征求意见稿）》意见采纳情况的说明",
         pub=date(2019, 8, 20), idx=_idx("201908", 20)),
    dict(id=8001, cls=80, title="关于市人大代表第105号建议的答复", pub=date(2019, 6, 28), idx=_idx("201906", 30)),
    dict(id=9101, cls=91, title="青岚市水务局2019年8月行政许可事项办理结果公示", pub=date(2019, 9, 10),
         idx=_idx("201909", 8)),
    # FRESH-002: 行政处罚 (notice class, 183 days) last updated 2019-02-11
    dict(id=9201, cls=92, title="青岚市水务局2019年1月行政处罚结果公示", pub=date(2019, 2, 11), idx=_idx("201902", 1)),
    dict(id=9301, cls=93, title="青岚市城区供水价格调整听证会公告", pub=date(2019, 5, 20), idx=_idx("201905", 12)),
    dict(id=10001, cls=100, title="青岚市水务局2019年农村饮水安全扶贫工作方案", pub=date(2019, 4, 16),
         idx=_idx("201904", 9)),
    dict(id=12001, cls=120, title="青岚市水务局2018年政府信息公开工作年度报告", pub=date(2019, 1, 25),
         idx=_idx("201901", 2)),
]
_NEWS = ["召开全市水利工作会议", "部署秋冬季水利建设", "开展河长制工作督查", "检查城区防洪设施", "组织水法宣传进社区",
         "推进农村饮水工程建设", "召开安全生产专题会议", "开展节水型机关创建", "调研水库移民后期扶持", "举办水利业务培训班",
         "开展汛后水毁工程排查", "督查小型水库安全度汛", "召开党风廉政建设会议", "推进河湖“清四乱”行动",
         "开展水资源费征收检查", "召开水土保持工作会议", "组织防汛应急演练", "开展“世界水日”宣传活动",
         "召开灌区续建配套项目推进会", "开展农田水利设施管护检查", "部署城乡供水一体化工作", "开展水利工程质量抽检",
         "召开上半年工作总结会"]
for n, what in enumerate(_NEWS):
    d = date.fromordinal(date(2019, 9, 27).toordinal() - n * 5)
    ITEMS.append(dict(id=11001 + n, cls=110, title=f"市水务局{what}", pub=d, idx=_idx(d.strftime("%Y%m"), 100 + n)))
BY_ID = {it["id"]: it for it in ITEMS}

# seeded defects on items that only pages 2 and 3 of 工作动态 list (reached through the postback pager)
BY_ID[11012]["idx"] = None                                     # META-001: 索引号 missing (page 2)
BY_ID[11021]["idx"] = BY_ID[11020]["idx"]                      # META-003: duplicated 索引号 (page 3)
BY_ID[11015]["list_title"] = "市水务局开展水资源费征收情况专项检查"  # CONS-002: list title differs (page 2)
BY_ID[11022]["unsearchable"] = True                            # SRCH-002: search does not find it (page 3)
BY_ID[6012]["idx"] = "QLSWJ-2018-0042"                         # META-002: malformed 索引号 (人事信息 page 2)
# decoy: a long title truncated with "…" in the list
BY_ID[2201]["list_title"] = "青岚市水务局关于做好2019年防汛抗旱工…"


def _col_items(cls: int) -> list[dict]:
    return sorted((it for it in ITEMS if it["cls"] == cls), key=lambda it: (-it["pub"].toordinal(), it["id"]))


def _viewstate(key: str) -> str:
    return base64.b64encode(f"/wEPDwUKLTk1{key}ZGQ=".encode()).decode()


def _page(title: str, crumbs: list[tuple[str, str | None]], main: str, form_action: str, extra_hidden: str = "",
          cls: int | None = None, state: str | None = None) -> str:
    crumb = " &gt; ".join(f'<a href="{u}">{t}</a>' if u else t for t, u in crumbs)
    nav = "".join(f'<tr><td class="left_nav"><a href="/List.aspx?ClassID={c}">{" - ".join(p)}</a></td></tr>'
                  for c, p in COLUMNS.items() if c not in (120,))
    fixed = "".join(f'<tr><td class="left_nav"><a href="{FIXED_URLS[k]}">{FIXED_PAGES[k][0]}</a></td></tr>'
                    for k in ("guide", "system", "apply"))
    fixed += '<tr><td class="left_nav"><a href="/List.aspx?ClassID=120">信息公开年报</a></td></tr>'
    vs = _viewstate(state or str(cls or form_action))
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{_html.escape(title)}</title><link href="/css/style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/js/common.js"></script></head>
<body>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td height="110" background="/images/top_bg.jpg"><img src="/images/logo.gif" alt="{SITE}政府信息公开" /></td>
<td align="right">
<form name="frmSearch" action="/Search.aspx" method="post" accept-charset="utf-8">
<input type="hidden" name="SiteID" value="7" /><input type="hidden" name="ChannelID" value="0" />
<input type="text" name="KeyWord" size="18" class="input_key" />
<input type="image" name="btnGo" src="/images/btn_search.gif" alt="搜索" border="0" />
</form></td></tr></table>
<form name="aspnetForm" method="post" action="{form_action}" id="aspnetForm">
<div>
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{vs}" />
</div>
<script type="text/javascript">
//<![CDATA[
var theForm = document.forms['aspnetForm'];
if (!theForm) {{ theForm = document.aspnetForm; }}
function __doPostBack(eventTarget, eventArgument) {{
    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {{
        theForm.__EVENTTARGET.value = eventTarget;
        theForm.__EVENTARGUMENT.value = eventArgument;
        theForm.submit();
    }}
}}
//]]>
</script>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td width="220" valign="top"><table width="100%">{nav}{fixed}</table></td>
<td valign="top" width="760">
<table width="100%"><tr><td class="position">当前位置：{crumb}</td></tr></table>
{main}
</td></tr></table>
<div><input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="{_viewstate('ev' + str(cls))}" />{extra_hidden}</div>
</form>
<table width="980" align="center" class="bottom"><tr><td align="center">
主办单位：{SITE}　地址：青岚市滨河路18号　联系电话：0564-3321456<br />
网站标识码：3415000023　皖ICP备05012345号　<img src="/images/ga.png" />皖公网安备 34150202000123号
</td></tr></table>
</body></html>"""


def _crumbs(cls: int) -> list[tuple[str, str | None]]:
    path = COLUMNS[cls]
    out = [("首页", "/Default.aspx"), ("政府信息公开", "/Default.aspx")]
    for i, name in enumerate(path):
        out.append((name, f"/List.aspx?ClassID={cls}" if i == len(path) - 1 else None))
    return out


def _list_page(cls: int, page: int) -> str:
    items = _col_items(cls)
    pages = max(1, -(-len(items) // SIZE))
    rows = "".join(
        f'<tr><td width="20" align="center"><img src="/images/dot.gif" /></td>'
        f'<td height="28"><a href="/Content.aspx?ID={it["id"]}" target="_blank">{_html.escape(it.get("list_title") or it["title"])}</a></td>'
        f'<td width="90" align="center" class="date">{it["pub"]:%Y-%m-%d}</td></tr>'
        for it in items[(page - 1) * SIZE:page * SIZE])
    pager = ""
    if pages > 1 and cls in LINKBUTTON:
        # a pager of LinkButtons: no page number in any postback, the view state says where we are
        def lb(name, text, active):
            return f"""<a id="ctl00_main_{name}" href="javascript:__doPostBack('ctl00$main${name}','')">{text}</a>""" \
                if active else f'<a id="ctl00_main_{name}" disabled="disabled">{text}</a>'
        pager = (f'<table width="100%"><tr><td align="right">共{len(items)}条 每页{SIZE}条 当前第{page}页/共{pages}页 '
                 f'{lb("lbtnFirst", "首页", page > 1)} {lb("lbtnPrev", "上一页", page > 1)} '
                 f'{lb("lbtnNext", "下一页", page < pages)} {lb("lbtnLast", "尾页", page < pages)}</td></tr></table>')
    elif pages > 1:
        def pb(arg, text):
            return f"""<a href="javascript:__doPostBack('{PAGER}','{arg}')">{text}</a>"""
        links = [pb(1, "首页") if page > 1 else "首页", pb(page - 1, "上一页") if page > 1 else "上一页"]
        links += [pb(n, n) if n != page else f'<span class="current">{n}</span>' for n in range(1, pages + 1)]
        links += [pb(page + 1, "下一页") if page < pages else "下一页", pb(pages, "尾页") if page < pages else "尾页"]
        pager = (f'<table width="100%"><tr><td align="center" class="pager" id="ctl00_main_pager">'
                 f'共{len(items)}条记录 第{page}/{pages}页 共{pages}页 {"&nbsp;".join(links)}</td></tr></table>')
    title = COLUMNS[cls][-1]
    main = (f'<table width="100%" class="list_title"><tr><td><b>{title}</b></td></tr></table>'
            f'<table width="100%" class="list" cellspacing="0">{rows}</table>{pager}')
    return _page(f"{title}_{SITE}", _crumbs(cls), main, f"List.aspx?ClassID={cls}", cls=cls, state=_state(cls, page))


def _state(cls: int, page: int) -> str:
    return f"{cls}p{page}" if cls in LINKBUTTON else str(cls)


def _static_page(cls: int) -> str:
    title = COLUMNS[cls][-1]
    main = f'<table width="100%"><tr><td class="content"><p>{STATIC[cls]}</p></td></tr></table>'
    return _page(f"{title}_{SITE}", _crumbs(cls), main, f"List.aspx?ClassID={cls}", cls=cls)


def _fixed_page(key: str) -> str:
    name, text = FIXED_PAGES[key]
    main = f'<table width="100%"><tr><td align="center" class="title"><font size="4"><b>{name}</b></font></td></tr>' \
           f'<tr><td class="content"><p>{text}</p></td></tr></table>'
    crumbs = [("首页", "/Default.aspx"), ("政府信息公开", "/Default.aspx"), (name, FIXED_URLS[key])]
    return _page(f"{name}_{SITE}", crumbs, main, FIXED_URLS[key].lstrip("/"))


def _span(label: str, value: str | None) -> str:
    if value is None:
        return ""
    return f'<td width="50%" height="26"><span class="lbl">{label}</span><span class="val">{_html.escape(value)}</span></td>'


def _detail(it: dict) -> str:
    cells = [_span("索 引 号：", it["idx"]), _span("发布机构：", SITE),
             _span("生成日期：", f"{it['pub']:%Y-%m-%d}"), _span("发布日期：", f"{it['pub']:%Y年%m月%d日}"),
             _span("文　　号：", it.get("doc") or ""), _span("主题分类：", "水利"),
             _span("内容概述：", it.get("summary") or it["title"][-30:])]
    cells = [c for c in cells if c]
    grid = "".join("<tr>" + "".join(cells[i:i + 2]) + "</tr>" for i in range(0, len(cells), 2))
    body = f"<p>{it['title']}。{it.get('body_extra', '')}为进一步做好相关工作，现将有关事项公布如下，请各单位认真贯彻落实。</p>"
    related = ""
    if it.get("interp"):
        related = "<tr><td><b>相关解读：</b>" + "".join(
            f'<a href="/Content.aspx?ID={i}">{_html.escape(BY_ID[i]["title"])}</a>' for i in it["interp"]) + "</td></tr>"
    if it.get("docs"):
        related = "<tr><td><b>原文件：</b>" + "".join(
            f'<a href="/Content.aspx?ID={i}">{_html.escape(BY_ID[i]["title"])}</a>' for i in it["docs"]) + "</td></tr>"
    main = (f'<table width="100%" class="meta" border="1" cellspacing="0">{grid}</table>'
            f'<table width="100%"><tr><td align="center" height="60" class="content_title">'
            f'<font size="5" color="#003399"><b>{_html.escape(it["title"])}</b></font></td></tr>'
            f'<tr><td class="content">{body}</td></tr>{related}'
            f'<tr><td align="right"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></td></tr></table>')
    return _page(it["title"], _crumbs(it["cls"]), main, f"Content.aspx?ID={it['id']}", cls=it["cls"])


def _home() -> str:
    latest = sorted(ITEMS, key=lambda it: (-it["pub"].toordinal(), it["id"]))[:8]
    rows = "".join(f'<tr><td><a href="/Content.aspx?ID={it["id"]}">{_html.escape(it["title"])}</a></td>'
                   f'<td class="date">[{it["pub"]:%m-%d}]</td></tr>' for it in latest)
    main = f'<table width="100%"><tr><td><b>最新公开</b></td></tr></table><table width="100%">{rows}</table>'
    return _page(f"{SITE}政府信息公开", [("首页", "/Default.aspx")], main, "Default.aspx", cls=0)


def _search(req: Request) -> Response:
    q = (req.form.get("KeyWord") or req.query.get("KeyWord") or "").strip()
    if req.method == "POST" and req.form.get("SiteID") != "7":
        return Response("<html><body>参数错误</body></html>", status=500, encoding="gbk",
                        content_type="text/html; charset=gb2312")
    hits = [it for it in ITEMS if q and not it.get("unsearchable") and (q in it["title"] or q == it.get("doc"))]
    rows = "".join(f'<tr><td><a href="/Content.aspx?ID={it["id"]}">{_html.escape(it["title"]).replace(_html.escape(q), f"<font color=red>{_html.escape(q)}</font>")}</a></td>'
                   f'<td>{it["pub"]:%Y-%m-%d}</td></tr>' for it in hits)
    main = (f'<table width="100%"><tr><td>检索“{_html.escape(q)}”，共找到{len(hits)}条结果</td></tr></table>'
            f'<table width="100%" class="list">{rows}</table>')
    return _resp(_page("检索结果", [("首页", "/Default.aspx"), ("站内检索", None)], main, "Search.aspx"))


def _resp(text: str, status: int = 200) -> Response:
    return Response(text, status=status, content_type="text/html", encoding="gbk")


def respond(req: Request) -> Response:
    p = req.path
    if p in ("/", "/Default.aspx", "/default.aspx"):
        return _resp(_home())
    if p == "/List.aspx":
        try:
            cls = int(req.query.get("ClassID", ""))
        except ValueError:
            return _resp("<html><body>参数错误</body></html>", 500)
        if cls not in COLUMNS:
            return not_found()
        if cls in STATIC:
            return _resp(_static_page(cls))
        page = 1
        if req.method == "POST":
            # WebForms refuses a postback without its view state
            pages = max(1, -(-len(_col_items(cls)) // SIZE))
            posted = next((n for n in range(1, pages + 1) if req.form.get("__VIEWSTATE") == _viewstate(_state(cls, n))), None)
            if posted is None:
                return _resp("<html><body><h2>Server Error in '/' Application.</h2>Invalid viewstate.</body></html>", 500)
            target = req.form.get("__EVENTTARGET")
            page = posted
            if target == PAGER and cls not in LINKBUTTON:
                page = int(req.form.get("__EVENTARGUMENT") or 1)
            elif cls in LINKBUTTON and target:
                page = {"ctl00$main$lbtnFirst": 1, "ctl00$main$lbtnPrev": posted - 1, "ctl00$main$lbtnNext": posted + 1,
                        "ctl00$main$lbtnLast": pages}.get(target, posted)
        pages = max(1, -(-len(_col_items(cls)) // SIZE))
        if not 1 <= page <= pages:
            return _resp("<html><body>参数错误</body></html>", 500)
        return _resp(_list_page(cls, page))
    if p == "/Content.aspx":
        it = BY_ID.get(int(req.query.get("ID", "0") or 0)) if (req.query.get("ID") or "").isdigit() else None
        return _resp(_detail(it)) if it else not_found()
    for key, u in FIXED_URLS.items():
        if p == u:
            return _resp(_fixed_page(key))
    if p == "/Search.aspx":
        return _search(req)
    return not_found()


def _postback(base: str, cls: int, page: int) -> str:
    from urllib.parse import urlencode
    if cls in LINKBUTTON:   # reached by "下一页" from the page before
        fields = {"ClassID": cls, "__EVENTTARGET": "ctl00$main$lbtnNext", "__EVENTARGUMENT": "",
                  "__VIEWSTATE": _viewstate(_state(cls, page - 1)), "__EVENTVALIDATION": _viewstate("ev" + str(cls))}
    else:
        fields = {"ClassID": cls, "__EVENTTARGET": PAGER, "__EVENTARGUMENT": page, "__VIEWSTATE": _viewstate(str(cls)),
                  "__EVENTVALIDATION": _viewstate("ev" + str(cls))}
    return f"{base}/List.aspx?{urlencode(fields)}"


def urls(base: dict[str, str]) -> list[str]:
    b = base["disclosure"]
    out = [f"{b}/"] + [f"{b}/List.aspx?ClassID={c}" for c in COLUMNS]
    out += [f"{b}{u}" for u in FIXED_URLS.values()]
    out += [f"{b}/Content.aspx?ID={it['id']}" for it in ITEMS]
    for cls in COLUMNS:
        n = -(-len(_col_items(cls)) // SIZE)
        out += [_postback(b, cls, page) for page in range(2, n + 1)]
    return out


def truth(base: dict[str, str]) -> list[dict]:
    b = base["disclosure"]

    def item(i):
        return f"{b}/Content.aspx?ID={i}"
    return [
        {"rule": "FRESH-002", "url": f"{b}/List.aspx?ClassID=92", "column": "行政执法 > 行政处罚",
         "note": "行政处罚最新信息为2019-02-11，超过6个月未更新"},
        {"rule": "META-001", "url": item(11012), "note": "工作动态第2页的一条信息缺索引号（经 __doPostBack 翻页才能到达）"},
        {"rule": "META-003", "url": item(11021), "index_no": BY_ID[11021]["idx"],
         "note": "工作动态第3页两条信息共用一个索引号"},
        {"rule": "CONS-002", "url": item(11015), "note": "列表标题与详情页标题不同（第2页）"},
        {"rule": "META-002", "url": item(6012), "index_no": "QLSWJ-2018-0042",
         "note": "人事信息第2页（LinkButton“下一页”翻页）一条信息的索引号格式不对"},
        {"rule": "SRCH-002", "url": item(11022), "note": "站内检索（POST 表单）查不到第3页的这条信息"},
        {"rule": "CONS-002", "url": item(2201), "decoy": True, "note": "列表标题以“…”截断，不是不一致"},
        {"rule": "FRESH-005", "url": f"{b}/", "decoy": True, "note": "首页日期只有月日 [09-27]"},
    ]
