"""开普云-style platform of a 市级部门 (portal + 信息公开 on two hosts).

Lists at /xxgk/list.jsp?organId=…&catId=… paged by &pageIndex=N. Pagers are drawn by scripts of
other names with the numbers in an options object: laypage.render({count, limit, jump}) building
the URL by concatenation from a variable, or a KPPager({pageSize, onChange}) beside "共N条" text.
Older columns link 下一页/尾页 to javascript:goPage(n). Items at /content/detail/<hex>.html: <title> is "青岚生态环境网 - 标题", no <h1>, no ArticleTitle
meta: the title is a bold block above the body; metadata in a 2-column table; homepage lists show
year-less dates.
"""
from __future__ import annotations

import datetime as dt
from html import escape

from tests.zoo.harness import Response, not_found

FAMILY = "开普云平台（市级部门）：laypage/自定义分页对象（count+limit，拼接URL）、共N条、<title>为“站名 - 标题”、两列元数据表、首页无年份日期"
AS_OF = dt.date(2019, 9, 30)
ROLES = ("portal", "disclosure")
UNIT_NAME = "青岚市生态环境局"
SITE_TITLE = "青岚生态环境网"
ORG = "003180552"
ORGAN = "3401"
UNIT = {"id": "qlsthj", "name": UNIT_NAME, "type": "dept", "org_code": ORG}
PAGE_SIZE = 3
WEBSITE = "341500000000000"

# catId → (path under 信息公开, kind, pager style)
COLUMNS = {
    "11": ("机构职能 > 机构设置", "page", None),
    "12": ("机构职能 > 机关职能", "page", None),
    "13": ("机构职能 > 领导信息", "page", None),
    "21": ("政策文件 > 规范性文件", "list", "laypage"),
    "22": ("政策文件 > 其他文件", "list", "laypage"),
    "23": ("政策解读", "list", "laypage"),
    "31": ("工作动态", "list", "laypage"),
    "41": ("规划计划", "list", "laypage"),
    "51": ("财政资金 > 部门预决算", "list", "kp"),
    "52": ("财政资金 > 三公经费", "list", "kp"),
    "61": ("人事信息", "list", "kp"),
    "71": ("重大决策预公开 > 意见征集", "list", "kp"),
    "72": ("重大决策预公开 > 意见反馈", "list", "kp"),
    "81": ("建议提案办理", "list", "kp"),
    "91": ("行政执法 > 行政许可", "list", "jslinks"),
    "92": ("行政执法 > 行政处罚", "list", "kp"),
    "93": ("行政执法 > 听证公告", "list", "kp"),
    "A1": ("扶贫", "list", "kp"),
    "F1": ("信息公开指南", "page", None),
    "F2": ("信息公开制度", "page", None),
    "F3": ("信息公开年报", "list", "kp"),
    "F4": ("依申请公开", "page", None),
}

# (catId, id, title, published, doc_no, extras)
ITEMS = [
    ("21", 101, "青岚市生态环境局关于印发青岚市建设项目环境影响评价文件分级审批规定的通知", "2019-09-10",
     "青环〔2019〕18号", {"interp": 301}),
    ("21", 102, "青岚市生态环境局关于印发青岚市排污许可证核发工作规程的通知", "2019-08-01", "青环〔2019〕14号",
     {"interp": 302}),
    ("22", 201, "青岚市生态环境局关于开展2019年秋冬季大气污染防治攻坚行动的通知", "2019-09-16", "青环〔2019〕20号", {}),
    ("22", 202, "青岚市生态环境局关于做好国庆期间突发环境事件应急准备工作的通知", "2019-09-23", "青环办〔2019〕31号",
     {"unsearchable": True}),
    ("23", 301, "《青岚市建设项目环境影响评价文件分级审批规定》解读", "2019-09-11", "", {"doc": 101}),
    ("23", 302, "一图读懂《青岚市排污许可证核发工作规程》", "2019-08-08", "", {"doc": 102}),
    ("31", 401, "市生态环境局召开第三季度环境执法工作推进会", "2019-09-27", "", {}),
    ("31", 402, "市生态环境局开展饮用水水源地保护区专项检查", "2019-09-24", "",
     {"list_title": "市生态环境局开展饮用水水源地专项执法检查"}),
    ("31", 403, "我市启动2019年生态环境宣传周活动", "2019-09-19", "", {}),
    ("31", 404, "市生态环境局组织收看全国生态环境保护大会精神宣讲", "2019-09-12", "", {}),
    ("31", 405, "我市完成第二轮中央环保督察反馈问题整改阶段验收", "2019-09-05", "", {}),
    ("31", 406, "市生态环境局举办环境监测数据质量管理培训班", "2019-08-29", "", {}),
    ("31", 407, "市生态环境局赴企业开展“送政策、解难题”服务活动", "2019-08-20", "", {}),
    ("41", 501, "青岚市生态环境局2018年工作要点", "2018-05-10", "", {}),
    ("51", 601, "青岚市生态环境局2019年部门预算", "2019-02-20", "", {}),
    ("52", 602, "青岚市生态环境局2018年度“三公”经费决算说明", "2019-08-27", "", {}),
    ("61", 701, "青岚市生态环境局关于李明华同志任职的通知", "2019-07-18", "", {}),
    ("71", 801, "关于《青岚市扬尘污染防治管理办法（征求意见稿）》公开征求意见的公告", "2019-09-02", "", {}),
    ("72", 802, "关于《青岚市噪声污染防治管理规定（征求意见稿）》意见采纳情况的说明", "2019-06-20", "", {}),
    ("81", 901, "对市人大十五届三次会议第41号建议的答复", "2019-08-14", "", {}),
    ("91", 1001, "2019年9月建设项目环境影响评价文件审批情况公示", "2019-09-25", "", {"masked_phones": True}),
    ("91", 1002, "2019年8月建设项目环境影响评价文件审批情况公示", "2019-08-28", "", {}),
    ("91", 1003, "2019年7月建设项目环境影响评价文件审批情况公示", "2019-07-26", "", {}),
    ("91", 1004, "2019年6月建设项目环境影响评价文件审批情况公示", "2019-06-27", "", {}),
    ("92", 1101, "青岚市生态环境局行政处罚决定书（青环罚〔2019〕35号）", "2019-09-20", "青环罚〔2019〕35号", {}),
    ("92", 1102, "青岚市生态环境局行政处罚决定书（青环罚〔2019〕34号）", "2019-09-11", "青环罚〔2019〕34号",
     {"same_index": 1101}),
    ("92", 1103, "青岚市生态环境局行政处罚决定书（青环罚〔2019〕33号）", "2019-08-30", "青环罚〔2019〕33号", {}),
    ("92", 1104, "青岚市生态环境局行政处罚决定书（青环罚〔2019〕32号）", "2019-08-16", "青环罚〔2019〕32号", {}),
    ("92", 1105, "青岚市生态环境局行政处罚决定书（青环罚〔2019〕31号）", "2019-07-29", "青环罚〔2019〕31号", {}),
    ("93", 1201, "青岚市生态环境局行政处罚听证告知书送达公告", "2019-09-06", "", {}),
    ("A1", 1301, "青岚市生态环境局2019年驻村帮扶工作队及帮扶责任人名单", "2019-09-18", "", {"phones": True}),
    ("F3", 1401, "青岚市生态环境局2018年政府信息公开工作年度报告", "2019-04-15", "", {}),
]
BY_ID = {it[1]: it for it in ITEMS}


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def _item_path(it) -> str:
    return f"/content/detail/5d8c{it[1]:04x}e4b0a1c2d3{_d(it[3]):%m%d}.html"


def _index_no(it) -> str:
    src = BY_ID[it[5]["same_index"]] if it[5].get("same_index") else it
    return f"{ORG}/{_d(src[3]):%Y%m}-{src[1]:05d}"


def _list_url(cat: str, page: int = 1) -> str:
    u = f"/xxgk/list.jsp?organId={ORGAN}&catId={cat}"
    return u if page == 1 else f"{u}&pageIndex={page}"


def _column_items(cat: str) -> list:
    return sorted((it for it in ITEMS if it[0] == cat), key=lambda it: it[3], reverse=True)


def _pages(cat: str) -> int:
    return max(1, -(-len(_column_items(cat)) // PAGE_SIZE))


def _short(title: str, n: int = 26) -> str:
    return title if len(title) <= n else title[:n - 2] + "…"


# ---------------------------------------------------------------------------------------------
# markup

FOOTER = """<div class="kp-footer"><div class="kp-wrap">
<p>主办单位：青岚市生态环境局　地址：青岚市滨湖路88号　邮编：237000　联系电话：0564-3377120</p>
<p>网站标识码：3415000031　皖ICP备12008866号-1　皖公网安备 34150202000356号</p>
<p>技术支持：开普云</p></div></div>"""


def _shell(title: str, body: str) -> str:
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8">
<meta name="keywords" content="青岚,生态环境,信息公开"><title>{escape(title)}</title>
<link rel="stylesheet" href="/static/css/kp-xxgk.css"></head><body>
<div class="kp-header"><div class="kp-wrap"><a href="/" class="kp-logo"><img src="/static/images/logo.png" alt="{UNIT_NAME}"></a>
<div class="kp-top-links"><a href="/">信息公开首页</a></div></div></div>
{body}
{FOOTER}</body></html>"""


def _crumb(path: str) -> str:
    links = ['<a href="/">首页</a>', '<a href="/">信息公开</a>']
    names = path.split(" > ")
    for i, name in enumerate(names):
        cat = next((c for c, v in COLUMNS.items() if v[0] == " > ".join(names[:i + 1])), None)
        links.append(f'<a href="{_list_url(cat)}">{name}</a>' if cat else f"<span>{name}</span>")
    return '<div class="kp-crumb"><span>当前位置：</span>' + '<i>&gt;</i>'.join(links) + "</div>"


def _tree() -> str:
    out, groups = [], {}
    for cat, (path, _, _) in COLUMNS.items():
        head, _, leaf = path.partition(" > ")
        groups.setdefault(head, []).append((cat, leaf))
    out.append('<div class="kp-side"><div class="kp-side-hd">信息公开目录</div><ul class="kp-tree">')
    for head, cats in groups.items():
        if len(cats) == 1 and not cats[0][1]:
            out.append(f'<li><a href="{_list_url(cats[0][0])}">{head}</a></li>')
            continue
        out.append(f'<li><span class="kp-tree-node">{head}</span><ul>')
        out += [f'<li><a href="{_list_url(c)}">{leaf}</a></li>' for c, leaf in cats]
        out.append("</ul></li>")
    out.append("</ul></div>")
    return "\n".join(out)


SEARCH_FORM = f"""<form class="kp-search" action="/jsearchfront/search.do" method="get">
<input type="hidden" name="websiteid" value="{WEBSITE}"><input type="hidden" name="tpl" value="1401">
<input type="text" name="q" placeholder="请输入关键字"><button type="submit">搜索</button></form>"""


def disclosure_home() -> str:
    latest = sorted(ITEMS, key=lambda it: it[3], reverse=True)[:8]
    rows = "\n".join(f'<li><a href="{_item_path(it)}" title="{escape(it[2])}">{escape(_short(it[2], 24))}</a>'
                     f'<span class="kp-date">{_d(it[3]):%m-%d}</span></li>' for it in latest)
    body = f"""<div class="kp-wrap">{SEARCH_FORM}{_tree()}
<div class="kp-main"><div class="kp-box"><div class="kp-box-hd"><span>最新公开</span></div>
<ul class="kp-news">{rows}</ul></div></div></div>"""
    return _shell(f"{SITE_TITLE} - 政府信息公开", body)


def _laypage(cat: str, page: int) -> str:
    total = len(_column_items(cat))
    return f"""<div id="kp-page" class="kp-page"></div>
<script type="text/javascript">
var listBase = '/xxgk/list.jsp?organId={ORGAN}&catId={cat}';
layui.use(['laypage'], function () {{
  var laypage = layui.laypage;
  laypage.render({{
    elem: 'kp-page', count: {total}, limit: {PAGE_SIZE}, curr: {page}, groups: 5,
    layout: ['count', 'prev', 'page', 'next', 'skip'],
    jump: function (obj, first) {{
      if (!first) {{ location.href = listBase + '&pageIndex=' + obj.curr; }}
    }}
  }});
}});
</script>"""


def _kp_pager(cat: str, page: int) -> str:
    total = len(_column_items(cat))
    return f"""<div class="kp-pager-wrap"><span class="kp-total">共<b>{total}</b>条</span><div id="kpPager"></div></div>
<script>
new KPPager({{ el: '#kpPager', pageSize: {PAGE_SIZE}, current: {page}, showJump: true,
  onChange: function (p) {{ window.location.href = '?organId={ORGAN}&catId={cat}&pageIndex=' + p; }} }});
</script>"""


def _js_links(cat: str, page: int) -> str:
    # an older pager of the platform: links that only call a function of the page
    pages = _pages(cat)
    links = []
    if page > 1:
        links += ['<a href="javascript:void(0)" onclick="goPage(1)">首页</a>',
                  f'<a href="javascript:void(0)" onclick="goPage({page - 1})">上一页</a>']
    if page < pages:
        links += [f'<a href="javascript:void(0)" onclick="goPage({page + 1})">下一页</a>',
                  f'<a href="javascript:goPage({pages})">尾页</a>']
    return f"""<div class="kp-pages">{' '.join(links)} <span>第{page}页</span></div>
<script>function goPage(p) {{ location.href = 'list.jsp?organId={ORGAN}&catId={cat}&pageIndex=' + p; }}</script>"""


def column_page(cat: str, page: int) -> Response:
    path, kind, style = COLUMNS[cat]
    name = path.split(" > ")[-1]
    if kind == "page":
        if page != 1:
            return not_found()
        body = f"""<div class="kp-wrap">{_crumb(path)}{_tree()}<div class="kp-main"><div class="kp-static">
{STATIC[name]}</div></div></div>"""
        return Response(_shell(f"{SITE_TITLE} - {name}", body))
    items = _column_items(cat)
    if not 1 <= page <= _pages(cat):
        return not_found()
    chunk = items[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    rows = "\n".join(f'<li><a href="{_item_path(it)}" target="_blank">{escape(_short(it[5].get("list_title", it[2])))}</a>'
                     f'<span class="kp-date">{it[3]}</span></li>' for it in chunk)
    pager = {"laypage": _laypage, "kp": _kp_pager, "jslinks": _js_links}[style](cat, page)
    body = f"""<div class="kp-wrap">{_crumb(path)}{_tree()}<div class="kp-main">
<div class="kp-list-hd">{name}</div><ul class="kp-list">{rows}</ul>{pager}</div></div>"""
    return Response(_shell(f"{SITE_TITLE} - {name}", body))


PHONES = [("张卫东", "13905641234"), ("刘芳", "15856417788"), ("陈志强", "18955643210")]
MASKED = [("青岚市鑫源化工有限公司", "139****5521"), ("青岚市绿港物流有限公司", "136****0812")]


def _paras(it) -> list[str]:
    _cat, iid, title, ex = it[0], it[1], it[2], it[5]
    if ex.get("phones"):
        return (["根据市委组织部关于选派驻村工作队的部署，现将我局驻村帮扶工作队及帮扶责任人名单公布如下："]
                + [f"帮扶责任人：{n}，联系电话{p}。" for n, p in PHONES] + ["请各帮扶责任人认真履职。"])
    if ex.get("masked_phones"):
        return (["2019年9月，我局共审批建设项目环境影响评价文件2件，现将审批情况公示如下："]
                + [f"建设单位：{n}，项目联系人电话：{p}，审批意见：同意。" for n, p in MASKED]
                + ["公示期5个工作日。"])
    if iid == 801:
        return ["为提高立法质量，现将《青岚市扬尘污染防治管理办法（征求意见稿）》向社会公开征求意见。",
                "征求意见时间为2019年9月2日至2019年10月8日。",
                "意见提交方式：电子邮箱：qlhbj_fg@163.com；通信地址：青岚市滨湖路88号市生态环境局法规科。"]
    if iid == 1401:
        return ["本报告依据《中华人民共和国政府信息公开条例》编制，全文包括总体情况、主动公开政府信息情况、"
                "收到和处理政府信息公开申请情况、存在的主要问题及改进情况等内容。"]
    return [f"{title}。", "市生态环境局高度重视，认真组织实施，确保各项工作取得实效。",
            "下一步，市生态环境局将持续推进生态环境质量改善。"]


def item_page(it, base: dict) -> str:
    cat, iid, title, published, doc_no, ex = it
    path = COLUMNS[cat][0]
    d = _d(published)
    created = d - dt.timedelta(days=1)
    rows = [("索引号", _index_no(it)), ("信息分类", path.split(" > ")[0]), ("发布机构", UNIT_NAME),
            ("生成日期", f"{created:%Y-%m-%d}"), ("发布日期", published), ("文号", doc_no or "无"),
            ("有效性", "有效"), ("内容概述", title)]
    grid = '<table class="kp-meta" width="100%" border="1" cellspacing="0">' + "".join(
        f"<tr><th width='18%'>{k}</th><td>{escape(v)}</td></tr>" for k, v in rows) + "</table>"
    extra = ""
    if ex.get("interp"):
        other = BY_ID[ex["interp"]]
        extra += f'<div class="kp-rel"><span>相关解读：</span><a href="{_item_path(other)}">{escape(other[2])}</a></div>'
    if ex.get("doc"):
        other = BY_ID[ex["doc"]]
        extra += f'<div class="kp-rel"><span>相关文件：</span><a href="{_item_path(other)}">{escape(other[2])}</a></div>'
    paras = "".join(f"<p>{escape(p)}</p>" for p in _paras(it))
    body = f"""<div class="kp-wrap">{_crumb(path)}<div class="kp-detail">{grid}
<div class="kp-article"><div class="kp-article-title"><b>{escape(title)}</b></div>
<div class="kp-article-info">来源：{UNIT_NAME}　　浏览次数：<span id="hits">0</span></div>
<div class="kp-article-body">{paras}</div>{extra}
<div class="kp-tools"><a href="javascript:window.print();">打印</a> <a href="javascript:window.close();">关闭</a></div>
</div></div></div>"""
    # the news column has a template of its own: "标题-单位名" with a bare hyphen
    return _shell(f"{title}-{UNIT_NAME}" if cat == "31" else f"{SITE_TITLE} - {title}", body)


STATIC = {
    "机构设置": "<p>市生态环境局内设办公室、法规科、环境影响评价与排放管理科、大气环境科、水生态环境科等机构。</p>",
    "机关职能": "<p>负责建立健全生态环境基本制度；负责重大生态环境问题的统筹协调和监督管理。</p>",
    "领导信息": "<p>局长：赵文博，主持局全面工作。</p><p>副局长：孙晓燕，负责环评、监测工作。</p>",
    "信息公开指南": """<div class="kp-article-title"><b>青岚市生态环境局政府信息公开指南</b></div>
<p>一、信息分类及编排体系：本机关主动公开的信息按机构职能、政策文件、规划计划等分类编排。</p>
<p>二、获取方式：可通过本机关政府信息公开网、市政务服务中心政府信息查阅点获取主动公开的信息。</p>
<p>三、依申请公开：本机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复。</p>
<p>四、受理机构：机构名称：青岚市生态环境局办公室；办公地址：青岚市滨湖路88号；办公时间：工作日8:30—12:00，14:30—17:30；
联系电话：0564-3377120；传真：0564-3377121；电子邮箱：qlhbj@163.com。</p>""",
    "信息公开制度": "<p>本局建立了政府信息公开保密审查、主动公开、依申请公开、考核与责任追究等工作制度。</p>",
    "依申请公开": """<p>申请方式：申请人可以通过当面提交、信函或在线申请方式向本局提出政府信息公开申请。</p>
<p><a href="/static/files/xxgksqb.doc">青岚市生态环境局政府信息公开申请表.doc</a></p>""",
}


# ---------------------------------------------------------------------------------------------
# search

def search_page(q: str) -> Response:
    q = q.strip()
    hits = [it for it in ITEMS if q and not it[5].get("unsearchable") and (q in it[2] or q == it[4])]
    rows = "\n".join(f"""<div class="jcse-result-box"><div class="jcse-news-title">
<a href="{_item_path(it)}" target="_blank">{escape(it[2])}</a></div>
<div class="jcse-news-abs">{escape(_paras(it)[0][:60])}</div>
<div class="jcse-news-info"><span class="jcse-news-url">{_item_path(it)}</span><span class="jcse-news-date">{it[3]}</span></div></div>"""
                     for it in hits)
    return Response(f"""<html><head><meta charset="utf-8"><title>搜索结果</title></head><body>
<div class="jcse-head">{SEARCH_FORM}</div><div class="jcse-result">
<p>找到相关结果约{len(hits)}个</p>{rows}</div></body></html>""")


# ---------------------------------------------------------------------------------------------
# portal

def _portal_copy(it) -> str:
    return f"/zcwj/{it[1]}.html"


def _portal_policies() -> list:
    return [it for it in ITEMS if it[0] in ("21", "22")]


def portal_home(base: dict) -> str:
    dis = base["disclosure"]
    news = "\n".join(f'<li><a href="{dis}{_item_path(it)}" title="{escape(it[2])}">{escape(_short(it[2], 20))}</a>'
                     f'<em>{_d(it[3]):%m-%d}</em></li>' for it in _column_items("31")[:5])
    docs = "\n".join(f'<li><a href="{_portal_copy(it)}" title="{escape(it[2])}">{escape(_short(it[2], 20))}</a>'
                     f'<em>{_d(it[3]):%m-%d}</em></li>' for it in _portal_policies())
    return f"""<!DOCTYPE html><html><head><meta charset="UTF-8"><title>{SITE_TITLE}</title></head><body>
<div class="header"><a href="/"><img src="/static/images/logo.png" alt="{SITE_TITLE}"></a></div>
<div class="nav"><a href="/">首页</a><a href="{dis}/">信息公开</a></div>
<div class="box"><div class="hd">工作动态</div><ul>{news}</ul></div>
<div class="box"><div class="hd">政策文件</div><ul>{docs}</ul></div>
{FOOTER}</body></html>"""


def portal_copy_page(it, base: dict) -> Response:
    return Response(f"""<html><head><meta charset="utf-8"><title>{SITE_TITLE} - {escape(it[2])}</title></head><body>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; 政策文件</div><div class="tit">{escape(it[2])}</div>
<p>{escape(it[4])}　{it[3]}</p><p>全文见<a href="{base['disclosure']}{_item_path(it)}">信息公开网</a>。</p>
{FOOTER}</body></html>""")


# ---------------------------------------------------------------------------------------------


def respond(req):
    p = req.path
    if req.role == "portal":
        if p in ("/", "/index.html"):
            return Response(portal_home(req.base))
        for it in _portal_policies():
            if p == _portal_copy(it):
                return portal_copy_page(it, req.base)
        return not_found()
    if p in ("/", "/index.html"):
        return Response(disclosure_home())
    if p == "/xxgk/list.jsp":
        cat = req.query.get("catId", "")
        if req.query.get("organId") != ORGAN or cat not in COLUMNS:
            return not_found("栏目不存在")
        page = req.query.get("pageIndex", "1")
        return column_page(cat, int(page)) if page.isdigit() else not_found()
    if p == "/jsearchfront/search.do":
        if req.query.get("websiteid") != WEBSITE:
            return Response("<html><body>参数错误</body></html>", status=400)
        return search_page(req.query.get("q", ""))
    if p == "/static/files/xxgksqb.doc":
        return Response(b"\xd0\xcf\x11\xe0 form", content_type="application/msword")
    for it in ITEMS:
        if p == _item_path(it):
            return Response(item_page(it, req.base))
    return not_found()


def urls(base: dict) -> list[str]:
    dis, portal = base["disclosure"], base["portal"]
    out = [f"{portal}/", f"{dis}/"]
    for cat, (_, kind, _) in COLUMNS.items():
        pages = 1 if kind == "page" else _pages(cat)
        out += [dis + _list_url(cat, n) for n in range(1, pages + 1)]
    out += [dis + _item_path(it) for it in ITEMS]
    out += [portal + _portal_copy(it) for it in _portal_policies()]
    return out


def truth(base: dict) -> list[dict]:
    dis, portal = base["disclosure"], base["portal"]

    def at(i: int) -> str:
        return dis + _item_path(BY_ID[i])

    return [
        {"rule": "META-003", "index_no": _index_no(BY_ID[1102]), "note": "两份处罚决定书共用一个索引号"},
        {"rule": "INTERP-002", "url": at(302), "note": "解读晚于文件5个工作日"},
        {"rule": "PRIV-002", "url": at(1301), "note": "帮扶责任人手机号未打码"},
        {"rule": "REPORT-002", "url": at(1401), "note": "2018年度报告2019-04-15才发布"},
        {"rule": "FRESH-002", "column": "规划计划", "note": "规划计划最新为2018-05-10"},
        {"rule": "SRCH-002", "url": at(202), "note": "国庆应急准备通知检索不到"},
        {"rule": "CONS-002", "url": at(402), "note": "列表标题与详情标题不一致"},
        {"rule": "MEDIA-001", "url": f"{portal}/", "note": "门户没有政务新媒体入口"},
        # decoys
        {"rule": "FRESH-001", "url": f"{portal}/", "decoy": True, "note": "首页日期不带年份"},
        {"rule": "CONS-002", "url": at(101), "decoy": True, "note": "<title>为“站名 - 标题”，列表标题截断"},
        {"rule": "CONS-002", "url": at(401), "decoy": True, "note": "<title>为“标题-青岚市生态环境局”"},
        {"rule": "CONS-002", "url": at(1101), "decoy": True, "note": "<title>站名在前"},
        {"rule": "PRIV-002", "url": at(1001), "decoy": True, "note": "手机号已打码"},
        {"rule": "FRESH-002", "column": "工作动态", "decoy": True, "note": "第3页才有旧信息，最新为09-27"},
        {"rule": "IDENT-001", "url": f"{portal}/", "decoy": True, "note": "页脚齐全"},
    ]
