"""TRS WCM static publishing, a 县区政府 on two hosts (门户 + 信息公开).

Columns at /col/colNNN/index.html then index_1.html, index_2.html; items at
/col/colNNN/201909/t20190926_NNNN.html. The pager is drawn by a script of the site's own: the
page count sits in Hungarian-named variables (nPageCount, nCurrIndex) passed current-first to a
function that is not createPageHTML, and the page URL is built by concatenation. <title> is
"标题_某某县人民政府" with ArticleTitle/SiteName metas; search is a was5 <form> (hidden channelid,
image button); the portal's "/" answers 302 to /index.html.
"""
from __future__ import annotations

import datetime as dt
from html import escape

from tests.zoo.harness import Response, not_found, redirect

FAMILY = "TRS WCM 静态发布（县区政府）：脚本分页（自定义函数、页数变量）、was5 表单检索、标题_站点名、门户302跳转"
AS_OF = dt.date(2019, 9, 30)
ROLES = ("portal", "disclosure")
SITE = "青岚县人民政府"
ORG = "003180041"
UNIT = {"id": "qinglan", "name": SITE, "type": "county", "org_code": ORG}
CHANNEL = "228483"
PAGE_SIZE = 4

# column id → (breadcrumb path under 政府信息公开, kind) ; kind: list | page
COLUMNS = {
    "col1101": ("机构职能 > 机构设置", "page"),
    "col1102": ("机构职能 > 机关职能", "page"),
    "col1103": ("机构职能 > 领导信息", "page"),
    "col1201": ("政策文件 > 规范性文件", "list"),
    "col1202": ("政策文件 > 其他文件", "list"),
    "col1300": ("政策解读", "list"),
    "col1401": ("规划计划 > 发展规划", "list"),
    "col1402": ("规划计划 > 年度计划", "list"),
    "col1403": ("规划计划 > 工作总结", "list"),
    "col1500": ("统计信息", "list"),
    "col1601": ("财政资金 > 财政预决算", "list"),
    "col1602": ("财政资金 > 三公经费", "list"),
    "col1701": ("人事信息 > 人事任免", "list"),
    "col1702": ("人事信息 > 公务员招考", "list"),
    "col1801": ("重大决策预公开 > 意见征集", "list"),
    "col1802": ("重大决策预公开 > 意见反馈", "list"),
    "col1901": ("建议提案办理 > 人大代表建议", "list"),
    # 政协委员提案 is missing (CAT-001)
    "col2000": ("决策部署落实", "list"),
    "col2101": ("重点领域信息公开 > 行政权力运行", "list"),
    "col2102": ("重点领域信息公开 > 公共资源配置", "list"),
    "col2103": ("重点领域信息公开 > 重大建设项目", "list"),
    "col2104": ("重点领域信息公开 > 社会公益事业", "list"),
    "col2105": ("重点领域信息公开 > 扶贫", "list"),
    "col2200": ("政府工作报告", "list"),
    "col3001": ("信息公开指南", "page"),
    "col3002": ("信息公开制度", "page"),
    "col3003": ("信息公开年报", "list"),
    "col3004": ("依申请公开", "page"),
}


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


# (column, serial, title, published, doc_no, extras)
# extras: list_title, no_index, unsearchable, no_portal, attach, broken_attach, interp, doc, body
ITEMS = [
    ("col1201", 4101, "青岚县人民政府关于印发青岚县城区停车管理办法的通知", "2019-09-18", "青政〔2019〕21号",
     {"interp": 4301}),
    ("col1201", 4102, "青岚县人民政府关于印发青岚县农村集体资产管理暂行规定的通知", "2019-07-10", "青政〔2019〕15号",
     {"interp": 4302}),
    ("col1202", 4201, "青岚县人民政府办公室关于做好2019年国庆节期间安全生产工作的通知", "2019-09-26", "青政办〔2019〕44号", {}),
    ("col1202", 4202, "青岚县人民政府办公室关于开展秋季爱国卫生运动的通知", "2019-09-20", "青政办〔2019〕43号",
     {"attach": True}),
    ("col1202", 4203, "青岚县人民政府关于调整县政府领导工作分工的通知", "2019-09-12", "青政〔2019〕20号",
     {"no_portal": True}),
    ("col1202", 4204, "青岚县人民政府办公室关于印发青岚县防汛抗旱应急预案的通知", "2019-08-29", "青政办〔2019〕41号", {}),
    ("col1202", 4205, "青岚县人民政府办公室关于加强农村饮水安全工程运行管理的通知", "2019-08-15", "青政办〔2019〕38号",
     {"broken_attach": True}),
    ("col1202", 4206, "青岚县人民政府关于公布第二批县级非物质文化遗产代表性项目名录的通知", "2019-07-30", "青政〔2019〕17号", {}),
    ("col1202", 4207, "青岚县人民政府办公室关于进一步做好稳就业工作的通知", "2019-07-02", "青政办〔2019〕30号",
     {"unsearchable": True}),
    ("col1202", 4208, "青岚县人民政府办公室关于印发青岚县秸秆禁烧工作方案的通知", "2019-06-14", "青政办〔2019〕26号", {}),
    ("col1202", 4209, "青岚县人民政府关于表彰2018年度目标管理考核先进单位的决定", "2019-04-08", "青政〔2019〕9号", {}),
    ("col1300", 4301, "《青岚县城区停车管理办法》政策解读", "2019-09-19", "", {"doc": 4101}),
    ("col1300", 4302, "图解：《青岚县农村集体资产管理暂行规定》", "2019-07-11", "", {"doc": 4102}),
    ("col1401", 4401, "青岚县国民经济和社会发展第十三个五年规划纲要中期评估报告", "2019-05-21", "", {}),
    ("col1402", 4402, "青岚县2019年重点工作任务分解方案", "2019-03-05", "", {}),
    ("col1403", 4403, "青岚县人民政府2019年上半年工作总结", "2019-07-16", "",
     {"list_title": "青岚县人民政府2019年上半年工作情况报告"}),
    ("col1500", 4501, "青岚县2017年国民经济和社会发展统计公报", "2018-06-12", "", {}),
    ("col1601", 4601, "青岚县2019年财政预算及2018年财政预算执行情况", "2019-02-22", "", {}),
    ("col1602", 4602, "青岚县2018年度县级部门“三公”经费决算情况说明", "2019-08-30", "", {}),
    ("col1701", 4701, "青岚县人民政府关于王建平等同志职务任免的通知", "2019-09-06", "青政人〔2019〕7号", {}),
    ("col1702", 4702, "青岚县2019年度考试录用公务员拟录用人员公示", "2019-08-02", "", {}),
    ("col1801", 4801, "关于《青岚县农村生活垃圾治理办法（征求意见稿）》公开征求意见的公告", "2019-08-19", "", {}),
    ("col1802", 4802, "关于《青岚县农村生活垃圾治理办法（征求意见稿）》意见采纳情况的说明", "2019-09-27", "", {}),
    ("col1901", 4901, "对县十七届人大四次会议第15号建议的答复", "2019-08-12", "", {}),
    ("col2000", 5001, "青岚县2019年民生工程第三季度推进情况", "2019-09-24", "", {}),
    ("col2101", 5101, "青岚县行政权力清单和责任清单（2019年调整）", "2019-06-28", "", {}),
    ("col2102", 5102, "青岚县2019年第二批建设用地使用权出让结果公示", "2019-09-09", "", {}),
    ("col2103", 5103, "青岚县城南污水处理厂建设项目批准信息", "2019-08-21", "", {}),
    ("col2104", 5104, "青岚县2019年第三季度临时救助对象公示", "2019-09-25", "", {"masked_ids": True}),
    ("col2105", 5105, "青岚县2019年扶贫项目资金分配结果公告", "2019-09-16", "", {"no_index": True}),
    ("col2200", 5201, "2019年青岚县人民政府工作报告", "2019-01-28", "", {"old_template": "site_only"}),
    ("col3003", 5301, "青岚县人民政府2018年政府信息公开工作年度报告", "2019-03-22", "", {"old_template": True}),
]
BY_SERIAL = {it[1]: it for it in ITEMS}


def _item_path(it) -> str:
    col, serial, _, published = it[0], it[1], it[2], it[3]
    d = _d(published)
    return f"/col/{col}/{d:%Y%m}/t{d:%Y%m%d}_{serial}.html"


def _index_no(it) -> str:
    d = _d(it[3])
    return f"{ORG}/{d:%Y%m}-{it[1] - 4000:05d}"


def _column_items(col: str) -> list:
    return sorted((it for it in ITEMS if it[0] == col), key=lambda it: it[3], reverse=True)


def _pages(col: str) -> int:
    return max(1, -(-len(_column_items(col)) // PAGE_SIZE))


def _page_name(n: int) -> str:
    return "index.html" if n == 0 else f"index_{n}.html"


# ---------------------------------------------------------------------------------------------
# markup

FOOTER = """<div class="footer"><p>主办：青岚县人民政府办公室　承办：青岚县数据资源管理局</p>
<p>地址：青岚县政务新区行政中心A座　电话：0564-6012345</p>
<p>网站标识码：3415230001　<span>皖ICP备05017764号</span>
　<span><img src="/images/ga.png" alt="">皖公网安备 34152302000123号</span></p></div>"""


def _page(title: str, body: str, metas: str = "") -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="SiteName" content="{SITE}"><meta name="SiteDomain" content="www.qinglan.gov.cn">
<meta name="SiteIDCode" content="3415230001">{metas}
<link rel="stylesheet" href="/images/xxgk.css"></head><body>
<div class="top"><a href="/index.html"><img src="/images/logo.png" alt="{SITE}"></a>
<span class="xxgk-name">政府信息公开</span></div>
{body}
{FOOTER}</body></html>"""


def _crumb(path: str, col: str | None = None) -> str:
    parts = ['<a href="/index.html">首页</a>', '<a href="/index.html">政府信息公开</a>']
    names = path.split(" > ")
    for i, name in enumerate(names):
        target = next((c for c, (p, _) in COLUMNS.items() if p == " > ".join(names[:i + 1])), None)
        parts.append(f'<a href="/col/{target}/index.html">{name}</a>' if target else f"<span>{name}</span>")
    return '<div class="position">您当前的位置：' + " &gt; ".join(parts) + "</div>"


def _tree() -> str:
    """The left-hand catalog tree of the disclosure site."""
    groups: dict[str, list] = {}
    for col, (path, _) in COLUMNS.items():
        head, _, leaf = path.partition(" > ")
        groups.setdefault(head, []).append((col, leaf))
    out = ['<div class="xxgk-tree"><ul>']
    for head, cols in groups.items():
        if len(cols) == 1 and not cols[0][1]:
            out.append(f'<li><a href="/col/{cols[0][0]}/index.html">{head}</a></li>')
            continue
        out.append(f'<li><span>{head}</span><ul>')
        out += [f'<li><a href="/col/{c}/index.html">{leaf}</a></li>' for c, leaf in cols]
        out.append("</ul></li>")
    out.append("</ul></div>")
    return "\n".join(out)


SEARCH_FORM = f"""<form name="searchform" action="/was5/web/search" method="get" target="_blank"
 onsubmit="return checkSearch(this)"><input type="hidden" name="channelid" value="{CHANNEL}">
<input type="text" name="searchword" class="inp" value="" size="20">
<input type="image" src="/images/btn_ss.gif" alt="搜索" width="40" height="24"></form>"""


def _short(title: str) -> str:
    return title if len(title) <= 24 else title[:22] + "…"


def disclosure_home() -> str:
    latest = sorted(ITEMS, key=lambda it: it[3], reverse=True)[:8]
    rows = "\n".join(f'<li><a href=".{_item_path(it)}" target="_blank">{escape(_short(it[2]))}</a>'
                     f'<span class="date">[{_d(it[3]):%m-%d}]</span></li>' for it in latest)
    body = f"""<div class="search">{SEARCH_FORM}</div>
<div class="main"><div class="left">{_tree()}</div>
<div class="right"><div class="bt"><h3>最新信息</h3></div><ul class="newlist">{rows}</ul></div></div>"""
    return _page(f"政府信息公开_{SITE}", body)


def pager_script(count: int, current: int) -> str:
    # the site's own pager: current page first, the page URL built by concatenation
    return f"""<div class="pagebar" id="pagebar"></div>
<script language="JavaScript">
var nPageCount = {count};
var nCurrIndex = {current};
var sPageName = "index";
var sPageExt = "html";
function pageHref(n) {{ return n == 0 ? sPageName + "." + sPageExt : sPageName + "_" + n + "." + sPageExt; }}
function drawPageNav(nCurr, nCount, sName, sExt) {{
  var s = "";
  if (nCount <= 1) return;
  s += "共" + nCount + "页 ";
  for (var i = 0; i < nCount; i++) {{
    s += i == nCurr ? "<b>" + (i + 1) + "</b> " : "<a href='" + pageHref(i) + "'>" + (i + 1) + "</a> ";
  }}
  document.getElementById("pagebar").innerHTML = s;
}}
drawPageNav(nCurrIndex, nPageCount, sPageName, sPageExt);
</script>"""


def column_page(col: str, n: int) -> Response:
    path, kind = COLUMNS[col]
    name = path.split(" > ")[-1]
    metas = f'<meta name="ColumnName" content="{name}"><meta name="ColumnType" content="{name}">'
    if kind == "page":
        if n:
            return not_found()
        body = f'{_crumb(path)}<div class="main"><div class="left">{_tree()}</div>' \
               f'<div class="right"><div class="content">{STATIC[name]}</div></div></div>'
        return Response(_page(f"{name}_{SITE}", body, metas))
    items = _column_items(col)
    pages = _pages(col)
    if n >= pages:
        return not_found()
    chunk = items[n * PAGE_SIZE:(n + 1) * PAGE_SIZE]
    rows = "\n".join(
        f'<li><a href="./{_item_path(it).split("/", 3)[3]}" target="_blank">'
        f'{escape(_short(it[5].get("list_title", it[2])))}</a><span>{it[3]}</span></li>' for it in chunk)
    body = f"""{_crumb(path)}<div class="main"><div class="left">{_tree()}</div>
<div class="right"><div class="lm-title">{name}</div><ul class="xxgk-list">{rows}</ul>
{pager_script(pages, n)}</div></div>"""
    return Response(_page(f"{name}_{SITE}", body, metas))


def item_page(it, base: dict) -> str:
    col, serial, title, published, doc_no, ex = it
    path = COLUMNS[col][0]
    d = _d(published)
    created = d - dt.timedelta(days=2)
    index_no = "" if ex.get("no_index") else _index_no(it)
    topic = "综合政务" if col < "col2000" else "城乡建设"
    grid = f"""<table class="xxgk-table" cellpadding="0" cellspacing="0">
<tr><td class="t">索 引 号：</td><td>{index_no}</td><td class="t">信息分类：</td><td>{topic}</td></tr>
<tr><td class="t">发布机构：</td><td>青岚县人民政府办公室</td><td class="t">生成日期：</td><td>{created:%Y-%m-%d}</td></tr>
<tr><td class="t">名　　称：</td><td colspan="3">{escape(title)}</td></tr>
<tr><td class="t">文　　号：</td><td>{doc_no}</td><td class="t">发布日期：</td><td>{published}</td></tr>
<tr><td class="t">内容概述：</td><td colspan="3">{escape(title)}。</td></tr>
</table>"""
    paras = BODIES.get(serial) or [
        f"为认真贯彻落实上级有关部署，结合我县实际，现将{title.split('关于')[-1].rstrip('的通知')}有关事项公开如下。",
        "各乡镇人民政府、县政府各部门要高度重视，明确责任分工，认真抓好落实，确保各项工作按时完成。",
        "本信息自发布之日起公开，如有疑问请与县政府办公室联系。"]
    body_html = "".join(f"<p>{escape(p)}</p>" for p in paras)
    extra = ""
    if ex.get("attach"):
        extra += f'<p>附件：<a href="/col/{col}/{d:%Y%m}/P0{d:%Y%m%d}3301.docx">工作安排表.docx</a></p>'
    if ex.get("broken_attach"):
        extra += f'<p>附件：<a href="/col/{col}/{d:%Y%m}/P0{d:%Y%m%d}3302.pdf">运行管理责任清单.pdf</a></p>'
    if ex.get("interp"):
        other = BY_SERIAL[ex["interp"]]
        extra += f'<div class="xgjd">相关解读：<a href="{_item_path(other)}">{escape(other[2])}</a></div>'
    if ex.get("doc"):
        other = BY_SERIAL[ex["doc"]]
        extra += f'<div class="xgwj">原文件：<a href="{_item_path(other)}">{escape(other[2])}</a></div>'
    if ex.get("old_template"):
        # the old grid has no 名称 row; some old pages keep only the site name in <title>
        grid = "\n".join(line for line in grid.split("\n") if "名　　称" not in line)
        page_title = SITE if ex["old_template"] == "site_only" else f"{title}——{SITE}"
        return _old_item_page(path, grid, title, body_html + extra, page_title)
    metas = (f'<meta name="ArticleTitle" content="{escape(title)}"><meta name="PubDate" content="{published} 09:30">'
             f'<meta name="ColumnName" content="{path.split(" > ")[-1]}"><meta name="ContentSource" content="县政府办">')
    body = f"""{_crumb(path)}<div class="main"><div class="left">{_tree()}</div>
<div class="right">{grid}<div class="article"><h1 class="article-title">{escape(title)}</h1>
<div class="article-content"><div class="TRS_Editor">{body_html}</div></div>{extra}
<div class="tools"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
</div></div></div>"""
    return _page(f"{title}_{SITE}", body, metas)


def _old_item_page(path: str, grid: str, title: str, content: str, page_title: str) -> str:
    """Columns still published with the pre-2017 table template: no metas, no heading, the
    title as a bold cell above the body; <title> is "标题——站点" or only the site name."""
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{escape(page_title)}</title></head><body>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td><img src="/images/old_banner.jpg" width="1000" height="120"></td></tr>
<tr><td class="position">{_crumb(path)}</td></tr></table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td>{grid}</td></tr>
<tr><td height="50" align="center" style="font-size:22px;color:#c00"><b>{escape(title)}</b></td></tr>
<tr><td class="bt_content">{content}</td></tr></table>
{FOOTER}</body></html>"""


MASKED = [("张*华", "341523********3216"), ("李*英", "341523********0027"), ("王*明", "341523********5518")]
BODIES = {
    4801: ["为广泛听取社会各界意见，现将《青岚县农村生活垃圾治理办法（征求意见稿）》全文公布，公开征求意见。",
           "征求意见时间为2019年8月20日至2019年9月20日。",
           "意见提交方式：电子邮箱：qlxcsj@126.com；通信地址：青岚县政务新区行政中心B座312室。"],
    4802: ["2019年8月20日至9月20日，我县就《青岚县农村生活垃圾治理办法（征求意见稿）》公开征求意见，共收到意见建议12条。",
           "经认真研究，采纳8条，部分采纳2条，未采纳2条，未采纳的主要原因是超出本办法调整范围。"],
    5104: ["根据临时救助有关规定，经个人申请、乡镇审核、县民政局审批，现将2019年第三季度临时救助对象公示如下："]
          + [f"{name}，身份证号{idno}，救助金额2000元。" for name, idno in MASKED]
          + ["公示期为7天，如有异议，请向县民政局反映。"],
}

STATIC = {
    "机构设置": "<p>青岚县人民政府办公室内设秘书科、综合科、督查科、信息科、行政审批服务科等科室。</p>",
    "机关职能": "<p>负责县政府会议的准备工作，协助县政府领导组织实施会议决定事项；负责县政府公文处理工作。</p>",
    "领导信息": "<p>县长：陈立新，主持县政府全面工作。</p><p>常务副县长：周海涛，负责县政府常务工作。</p>",
    "信息公开指南": """<h2>青岚县人民政府政府信息公开指南</h2>
<p>一、信息分类与编排体系：本机关主动公开的政府信息分为机构职能、政策文件、规划计划等类别，按主题分类编排。</p>
<p>二、获取方式：公民、法人或者其他组织可通过青岚县人民政府门户网站、政务服务中心查阅点等获取主动公开的政府信息。</p>
<p>三、依申请公开：申请人可以通过当面提交、信函、网上申请等方式提出申请，本机关在收到申请之日起20个工作日内予以答复。</p>
<p>四、工作机构：机构名称：青岚县人民政府办公室；办公地址：青岚县政务新区行政中心A座205室；办公时间：工作日上午8:30—12:00，下午14:30—17:30；
联系电话：0564-6012345；传真：0564-6012346；互联网联系方式：qlxzfb@126.com。</p>""",
    "信息公开制度": """<p>青岚县人民政府办公室政府信息公开工作制度包括主动公开制度、依申请公开制度、保密审查制度、
考核评议制度和责任追究制度，详见各项制度正文。</p>""",
    "依申请公开": """<p>依申请公开办理流程：申请人填写《青岚县人民政府政府信息公开申请表》，可通过当面提交、信函或在线申请方式提出申请。</p>
<p><a href="/col/col3004/P020190301542.doc">青岚县人民政府政府信息公开申请表.doc</a></p>""",
}


# ---------------------------------------------------------------------------------------------
# search (was5)

def search_page(q: str) -> Response:
    hits = []
    if q.strip():
        for it in ITEMS:
            if it[5].get("unsearchable"):
                continue
            if q in it[2] or (it[4] and q == it[4]):
                hits.append(it)
    rows = "\n".join(
        f'<tr><td><a href="{_item_path(it)}" target="_blank">{escape(it[2]).replace(escape(q), "<font color=red>" + escape(q) + "</font>", 1) if len(q) < 8 else escape(it[2])}</a>'
        f'<br><span class="url">{_item_path(it)}</span>　<span>{it[3]}</span></td></tr>' for it in hits)
    body = f"""<div class="search">{SEARCH_FORM}</div>
<div class="result"><p>检索“{escape(q)}”共找到 {len(hits)} 条记录</p><table class="list">{rows}</table>
{'<p>没有找到相关信息</p>' if not hits else ''}</div>"""
    return Response(f"""<html><head><meta charset="utf-8"><title>检索结果</title></head><body>{body}</body></html>""")


# ---------------------------------------------------------------------------------------------
# portal

PORTAL_NEWS = [
    (101, "县委常委会召开会议研究部署国庆期间重点工作", "2019-09-27"),
    (102, "县政府召开第37次常务会议", "2019-09-23"),
    (103, "我县举行2019年秋季征兵欢送仪式", "2019-09-12"),
]


def portal_home(base: dict) -> str:
    dis = base["disclosure"]
    news = "\n".join(f'<li><a href="/art/2019/{_d(d).month}/{_d(d).day}/art_11_{n}.html">{t}</a>'
                     f'<span>[{_d(d):%m-%d}]</span></li>' for n, t, d in PORTAL_NEWS)
    policies = _portal_policies()
    # the portal publishes its own copy of each policy document (synchronised push)
    docs = "\n".join(f'<li><a href="{_portal_copy(it)}" title="{escape(it[2])}" target="_blank">{escape(_short(it[2]))}</a>'
                     f'<span>{_d(it[3]):%m-%d}</span></li>' for it in policies)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{SITE}</title>
<meta name="SiteName" content="{SITE}"><meta name="SiteIDCode" content="3415230001"></head><body>
<div class="header"><img src="/images/logo.png" alt="{SITE}"></div>
<div class="nav"><a href="/index.html">首页</a> <a href="{dis}/">政府信息公开</a> <a href="/col/col11/index.html">政务要闻</a></div>
<div class="yw"><div class="hd"><h3>政务要闻</h3><a href="/col/col11/index.html">更多</a></div><ul>{news}</ul></div>
<div class="zcwj"><div class="hd"><h3>政策文件</h3><a href="{dis}/col/col1202/index.html">更多</a></div><ul>{docs}</ul></div>
{FOOTER}</body></html>"""


def _portal_copy(it) -> str:
    d = _d(it[3])
    return f"/art/{d.year}/{d.month}/{d.day}/art_22_{it[1]}.html"


def _portal_policies() -> list:
    return [it for it in ITEMS if it[0] in ("col1201", "col1202") and not it[5].get("no_portal")]


def portal_copy_page(it, base: dict) -> Response:
    return Response(f"""<html><head><meta charset="utf-8"><title>{escape(it[2])}_{SITE}</title></head><body>
<div class="position">当前位置：<a href="/index.html">首页</a> &gt; 政策文件</div>
<h1>{escape(it[2])}</h1><p>发布时间：{it[3]}　文号：{it[4]}</p>
<p>原文见<a href="{base['disclosure']}{_item_path(it)}">政府信息公开网</a>。</p>{FOOTER}</body></html>""")


def portal_news_list() -> str:
    rows = "\n".join(f'<li><a href="/art/2019/{_d(d).month}/{_d(d).day}/art_11_{n}.html">{t}</a>'
                     f'<span>{d}</span></li>' for n, t, d in PORTAL_NEWS)
    return f"""<html><head><meta charset="utf-8"><title>政务要闻_{SITE}</title></head><body>
<div class="position">当前位置：<a href="/index.html">首页</a> &gt; 政务要闻</div><ul>{rows}</ul>{FOOTER}</body></html>"""


def portal_news(n: int) -> Response:
    hit = next((x for x in PORTAL_NEWS if x[0] == n), None)
    if not hit:
        return not_found()
    _, t, d = hit
    return Response(f"""<html><head><meta charset="utf-8"><title>{t}_{SITE}</title></head><body>
<div class="position">当前位置：<a href="/index.html">首页</a> &gt; <a href="/col/col11/index.html">政务要闻</a></div>
<h1>{t}</h1><p>发布时间：{d}</p><p>{t}。会议强调，要坚持以人民为中心的发展思想，扎实做好各项工作。</p>{FOOTER}</body></html>""")


# ---------------------------------------------------------------------------------------------


def respond(req):
    p = req.path
    if req.role == "portal":
        if p == "/":
            return redirect("/index.html")
        if p == "/index.html":
            return Response(portal_home(req.base))
        if p == "/col/col11/index.html":
            return Response(portal_news_list())
        for it in _portal_policies():
            if p == _portal_copy(it):
                return portal_copy_page(it, req.base)
        if p.startswith("/art/2019/") and p.endswith(".html"):
            try:
                return portal_news(int(p.rsplit("_", 1)[1][:-5]))
            except ValueError:
                return not_found()
        return not_found()
    if p in ("/", "/index.html"):
        return Response(disclosure_home())
    if p == "/was5/web/search":
        if req.query.get("channelid") != CHANNEL:
            return Response("<html><body><p>频道不存在</p></body></html>", status=400)
        return search_page(req.query.get("searchword", ""))
    parts = p.strip("/").split("/")
    if len(parts) == 3 and parts[0] == "col" and parts[1] in COLUMNS:
        name = parts[2]
        if name == "index.html":
            return column_page(parts[1], 0)
        if name.startswith("index_") and name.endswith(".html") and name[6:-5].isdigit():
            return column_page(parts[1], int(name[6:-5]))
        if parts[1] == "col3004" and name == "P020190301542.doc":
            return Response(b"\xd0\xcf\x11\xe0 application form", content_type="application/msword")
        return not_found()
    if len(parts) == 4 and parts[0] == "col":
        for it in ITEMS:
            if _item_path(it) == p:
                return Response(item_page(it, req.base))
        if parts[3].endswith(".docx") and parts[3].startswith("P0"):
            return Response(b"PK\x03\x04 docx", content_type="application/vnd.openxmlformats-officedocument."
                                                           "wordprocessingml.document")
    return not_found()


def urls(base: dict) -> list[str]:
    dis, portal = base["disclosure"], base["portal"]
    out = [f"{portal}/", f"{portal}/index.html", f"{dis}/"]
    for col, (_, kind) in COLUMNS.items():
        pages = 1 if kind == "page" else _pages(col)
        out += [f"{dis}/col/{col}/{_page_name(n)}" for n in range(pages)]
    out += [dis + _item_path(it) for it in ITEMS]
    out += [f"{portal}/art/2019/{_d(d).month}/{_d(d).day}/art_11_{n}.html" for n, _, d in PORTAL_NEWS]
    out += [portal + _portal_copy(it) for it in _portal_policies()]
    return out


def truth(base: dict) -> list[dict]:
    dis, portal = base["disclosure"], base["portal"]

    def at(serial: int) -> str:
        return dis + _item_path(BY_SERIAL[serial])

    return [
        {"rule": "SRCH-002", "url": at(4207), "note": "稳就业通知未进入was5检索库"},
        {"rule": "META-001", "url": at(5105), "note": "扶贫资金分配公告缺少索引号"},
        {"rule": "CONS-002", "url": at(4403), "note": "列表标题“工作情况报告”与详情“工作总结”不一致"},
        {"rule": "FRESH-002", "column": "统计信息", "note": "统计信息最新为2018-06-12，超过1年"},
        {"rule": "SYNC-001", "url": at(4203), "note": "调整领导分工通知未同步到门户"},
        {"rule": "LINK-002", "url": f"{dis}/col/col1202/201908/P0201908153302.pdf", "note": "附件404"},
        {"rule": "CAT-001", "column": "政协委员提案", "note": "建议提案办理下缺少政协委员提案"},
        {"rule": "MEDIA-001", "url": f"{portal}/", "note": "门户首页没有政务微博、微信入口"},
        # decoys
        {"rule": "FRESH-001", "url": f"{portal}/", "decoy": True, "note": "首页日期不带年份[09-27]"},
        {"rule": "AVAIL-001", "url": f"{portal}/", "decoy": True, "note": "门户根路径302跳转到/index.html"},
        {"rule": "CONS-002", "url": at(4101), "decoy": True, "note": "<title>带“_青岚县人民政府”"},
        {"rule": "CONS-002", "url": at(4206), "decoy": True, "note": "列表标题截断加…"},
        {"rule": "PRIV-001", "url": at(5104), "decoy": True, "note": "身份证号已打码"},
        {"rule": "IDENT-001", "url": f"{portal}/", "decoy": True, "note": "页脚齐全"},
        {"rule": "CAT-003", "column": "信息公开指南", "decoy": True, "note": "固定栏目在左侧目录树"},
        {"rule": "CONS-002", "url": at(5301), "decoy": True, "note": "旧模板：<title>为“标题——青岚县人民政府”，无h1"},
        {"rule": "CONS-002", "url": at(5201), "decoy": True, "note": "旧模板：<title>只有站点名，标题在正文上方的单元格"},
    ]
