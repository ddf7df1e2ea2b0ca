"""龙讯 Lonsun-style Anhui disclosure platform: one 乡镇 organ on its county's platform.

Catalog pages `/public/column/{organId}?type=4&catId=…&action=list` are shells: their list is an
HTML label fragment `/site/label/8888?labelName=publicInfoList&organId=…&catId=…&pageIndex=N&pageSize=10`
loaded by jQuery; the fragment's pager is drawn with javascript: links and states "共N页".
Classification views (主题分类) are column-like shells loading the same fragment by classId, whose
pager is an empty element with data-total (records; the page size is the URL's pageSize).
Items at `/public/{organId}/{id}.html` print the metadata grid twice (a desktop table and a mobile
list hidden by CSS): on some items the mobile copy comes first and its 内容概述 runs on through
"（一）适用范围：…", on others the desktop grid's 内容概述 cell is empty and the text sits in a block
under the title. Fixed entries
(指南/制度/年报/依申请公开) sit in a tab bar. Search: `/site/search/{siteId}?keywords=` (GET form).
"""
from __future__ import annotations

import datetime as dt
from html import escape

from tests.zoo.harness import Response, not_found

FAMILY = "龙讯 Lonsun: /site/label fragments with 共N页, duplicated desktop/mobile metadata grid, 主题分类 views"
AS_OF = dt.date(2019, 9, 30)
ROLES = ("disclosure",)
ORG = "003123456"
ORGAN = "2653861"
SITE = "三河镇人民政府"
UNIT = {"id": "zoo-lonsun", "name": SITE, "type": "town", "org_code": ORG}
PAGE_SIZE = 10
D = dt.date

# catId -> (name, parent, kind)
COLUMNS = {
    8101: ("机构设置", "机构职能", "text"),
    8102: ("领导信息", "机构职能", "text"),
    8151: ("政策文件", None, "list"),
    8152: ("政策解读", None, "list"),
    8153: ("惠民政策", None, "list"),
    8154: ("财政专项惠民资金", None, "list"),
    8155: ("扶贫攻坚", None, "list"),
    8156: ("公益项目建设", None, "list"),
    8157: ("筹资筹劳", None, "list"),
    8158: ("土地利用管理", None, "list"),
    8159: ("农村危房改造与保障房", None, "list"),
    8160: ("社会保障(救助)", None, "list"),
    8162: ("工作动态", None, "list"),          # 计生政策 is missing: CAT-001
}
FIXED = {1: ("信息公开指南", "guide"), 2: ("信息公开制度", 9002), 3: ("信息公开年报", 9003), 5: ("依申请公开", "apply")}
LIST_NAMES = {9002: "信息公开制度", 9003: "信息公开年报"}
VIEWS = {21: "综合政务", 22: "城乡建设", 23: "社会保障"}      # 主题分类 views offered


def _items():
    out = []

    def add(cat, n, title, pub, topic, **kw):
        created = kw.pop("created", pub - dt.timedelta(days=3))
        out.append({"cat": cat, "id": 1187400 + n, "title": title, "pub": pub, "created": created, "topic": topic,
                    "index_no": kw.pop("index_no", f"{ORG}/{pub:%Y%m}-{n:05d}"), **kw})

    add(8151, 1, "三河镇2019年春季森林防火工作方案", D(2019, 2, 20), "综合政务", doc_no="三政〔2019〕8号")  # FRESH-002
    add(8151, 2, "三河镇关于进一步加强农村人居环境整治的实施意见", D(2019, 1, 10), "综合政务", doc_no="三政〔2019〕2号")
    add(8151, 3, "三河镇村级组织运转经费管理办法", D(2018, 11, 5), "综合政务", doc_no="三政〔2018〕41号")
    add(8152, 4, "《三河镇村级组织运转经费管理办法》解读", D(2019, 4, 8), "综合政务")
    add(8153, 5, "2019年城乡居民基本医疗保险缴费政策问答", D(2019, 9, 6), "社会保障")
    add(8153, 6, "三河镇高龄津贴发放办法", D(2019, 6, 12), "社会保障", no_view=True)          # CONS-001
    add(8154, 7, "2019年上半年惠民惠农财政补贴资金发放情况", D(2019, 7, 18), "财政金融")
    add(8155, 8, "三河镇2019年脱贫攻坚项目库公示", D(2019, 8, 26), "农业农村", masked_phones=True)   # decoy PRIV-002
    add(8155, 9, "三河镇2019年扶贫小额信贷贴息名单", D(2019, 5, 16), "农业农村")
    add(8156, 10, "三河镇2019年一事一议财政奖补项目计划", D(2019, 6, 3), "城乡建设")
    add(8157, 11, "2019年度村级公益事业筹资筹劳情况公示", D(2019, 3, 28), "城乡建设")
    add(8158, 12, "三河镇2019年土地征收补偿安置方案公告", D(2019, 8, 2), "城乡建设",
        created=D(2019, 6, 24))                                                                  # FRESH-004
    add(8159, 13, "2019年农村危房改造对象公示", D(2019, 7, 25), "城乡建设", index_no="三河镇2019-013")  # META-002
    add(8160, 14, "2019年8月农村低保资金发放情况", D(2019, 9, 10), "社会保障")
    add(8160, 15, "2019年第二季度特困人员供养情况", D(2019, 7, 9), "社会保障")
    news = ["三河镇召开秋季秸秆禁烧工作部署会", "三河镇开展国庆节前安全生产大检查", "三河镇举办农民丰收节庆祝活动",
            "三河镇组织收听收看全县脱贫攻坚推进会", "三河镇开展主题教育集中学习研讨", "三河镇推进农村人居环境整治",
            "三河镇开展防溺水安全教育进校园活动", "三河镇召开村级换届工作会议", "三河镇开展夏季防汛演练",
            "三河镇举办退役军人座谈会", "三河镇开展扫黑除恶专项斗争宣传", "三河镇召开八月份重点工作调度会",
            "三河镇开展食品安全专项检查", "三河镇组织开展消防安全培训", "三河镇召开党建工作推进会",
            "三河镇开展环境卫生集中整治行动", "三河镇推进美丽乡村建设", "三河镇举办农技培训班",
            "三河镇开展义务植树活动回头看", "三河镇召开农村产权制度改革推进会", "三河镇开展文明村镇创建",
            "三河镇组织党员志愿服务活动", "三河镇召开七月份重点工作调度会"]
    for i, t in enumerate(news):
        add(8162, 20 + i, t, D(2019, 9, 27) - dt.timedelta(days=4 * i), "综合政务")
    out[-21]["list_title"] = "三河镇举办农民丰收节庆祝活动…"   # decoy: a cut title
    add(9002, 50, "三河镇政府信息公开工作制度", D(2019, 5, 20), "综合政务")
    add(9003, 51, "三河镇人民政府2018年政府信息公开工作年度报告", D(2019, 3, 26), "综合政务")
    return out


ITEMS = _items()
BY_ID = {i["id"]: i for i in ITEMS}


def _path(it):
    return f"/public/{ORGAN}/{it['id']}.html"


def _col_url(cat):
    return f"/public/column/{ORGAN}?type=4&catId={cat}&action=list"


def _fixed_url(t):
    return f"/public/column/{ORGAN}?type={t}"


def _view_url(cls):
    return f"/public/column/{ORGAN}?type=4&action=list&classId={cls}"


def _frag_url(key, value, page=1):
    return f"/site/label/8888?labelName=publicInfoList&organId={ORGAN}&{key}={value}&pageIndex={page}&pageSize={PAGE_SIZE}"


def _page(title, body, crumbs=()):
    trail = "".join(f" &gt; <a href=\"{u}\">{escape(n)}</a>" if u else f" &gt; <span>{escape(n)}</span>"
                    for n, u in crumbs)
    crumb = (f'<div class="ls-crumb">当前位置：<a href="/">首页</a> &gt; <a href="/">信息公开</a> &gt; '
             f'<a href="/">{SITE}</a>{trail}</div>' if crumbs else "")
    tabs = "".join(f'<li><a href="{_fixed_url(t)}">{n}</a></li>' for t, (n, _) in FIXED.items())
    tree, parents = [], set()
    for cat, (name, parent, _) in COLUMNS.items():
        if parent and parent not in parents:
            parents.add(parent)
            tree.append(f'<li class="ls-node"><span>{parent}</span></li>')
        tree.append(f'<li><a href="{_col_url(cat)}">{escape(name)}</a></li>')
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{escape(title)}</title>
<script src="/assets/js/jquery.min.js"></script>
<style>@media (max-width:768px){{.ls-pc{{display:none}}}} @media (min-width:769px){{.ls-m{{display:none}}}}</style></head>
<body><div class="ls-top"><div class="ls-organ">{SITE}信息公开</div>
<form action="/site/search/{ORGAN}" method="get" class="ls-search">
<input type="hidden" name="platformCode" value="sanhe"><input type="hidden" name="isAllSite" value="false">
<input type="hidden" name="typeCode" value="public_content">
<input type="text" name="keywords" placeholder="请输入关键词"><button type="submit">搜索</button></form></div>
<ul class="ls-tabs">{tabs}</ul>
<div class="ls-wrap"><div class="ls-left"><div class="ls-tree-title">主动公开目录</div><ul>{''.join(tree)}</ul>
<div class="ls-classify"><h4>主题分类</h4><ul>{''.join(f'<li><a href="{_view_url(c)}">{n}</a></li>' for c, n in VIEWS.items())}</ul></div></div>
<div class="ls-right">{crumb}{body}</div></div>
<div class="ls-footer"><p>主办：{SITE} 地址：三河镇人民路1号 电话：0551-65860001</p>
<p>网站标识码：<span>3401230019</span> 皖ICP备11012345号 <img src="/assets/img/police.png" alt="">皖公网安备 34012302000456号</p></div>
</body></html>"""


def _col_items(cat):
    return sorted((i for i in ITEMS if i["cat"] == cat), key=lambda i: i["pub"], reverse=True)


def _view_items(cls):
    name = VIEWS[cls]
    return sorted((i for i in ITEMS if i["topic"] == name and not i.get("no_view") and i["cat"] < 9000),
                  key=lambda i: i["pub"], reverse=True)


def _shell(title, key, value, crumbs):
    body = f"""<div class="ls-list-title">{escape(title)}</div>
<div id="publicInfoList" class="ls-list"></div>
<script type="text/javascript">
  var organId = "{ORGAN}";
  function pageTo(n) {{
    $("#publicInfoList").load("/site/label/8888?labelName=publicInfoList&organId=" + organId + "&{key}={value}&pageSize={PAGE_SIZE}&pageIndex=" + n);
  }}
  $(function () {{
    $("#publicInfoList").load("{_frag_url(key, value)}");
  }});
</script>"""
    return _page(f"{title}-{SITE}", body, crumbs)


def _fragment(items, page, data_pager=False):
    pages = max(1, -(-len(items) // PAGE_SIZE))
    rows = items[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    lis = "".join(
        f'<li><a href="{_path(i)}" target="_blank" title="{escape(i.get("list_title", i["title"]))}">'
        f'{escape(i.get("list_title", i["title"]))}</a><span class="ls-date">{i["pub"]:%Y-%m-%d}</span></li>'
        for i in rows)
    active = ' class="active"'
    links = "".join(f'<a href="javascript:;" onclick="pageTo({n})"{active if n == page else ""}>{n}</a>'
                    for n in range(1, pages + 1))
    nxt = f'<a href="javascript:;" onclick="pageTo({min(page + 1, pages)})">下一页</a>'
    if data_pager:   # the views' pager is drawn by script from data-* attributes, no text at all
        return (f'<ul class="ls-info-list">{lis or "<li>暂无信息</li>"}</ul>'
                f'<div class="ls-pagination" data-total="{len(items)}" data-current="{page}"></div>')
    return (f'<ul class="ls-info-list">{lis or "<li>暂无信息</li>"}</ul>'
            f'<div class="ls-pagination"><span>共{len(items)}条</span> <span>共{pages}页</span> {links} {nxt}</div>')


def _text_page(cat):
    name, parent, _ = COLUMNS[cat]
    text = {8101: "三河镇人民政府内设党政办公室、经济发展办公室、社会事务办公室、农业综合服务中心、村镇建设办公室等机构。",
            8102: "镇长：张某某，主持镇政府全面工作。副镇长：李某某，负责农业农村、扶贫开发工作。"}[cat]
    return _page(f"{name}-{SITE}", f'<div class="ls-article"><h2>{name}</h2><p>{text}</p></div>',
                 [(parent, None), (name, _col_url(cat))])


def _guide():
    body = """<div class="ls-article"><h2>三河镇人民政府信息公开指南</h2>
<p>一、信息分类与编排体系：本机关主动公开的政府信息按主动公开目录分类，按主题分类编排，每条信息标注索引号、名称、生成日期。</p>
<p>二、获取方式：公民、法人和其他组织可通过三河镇信息公开网、镇便民服务中心查阅点获取。</p>
<p>三、依申请公开受理机构：机构名称：三河镇党政办公室；办公地址：三河镇人民路1号；办公时间：周一至周五8:30-12:00、14:30-17:30；
联系电话：0551-65860001；传真：0551-65860002；互联网联系方式：sanhe@example.gov.cn。</p>
<p>四、答复期限：自收到申请之日起20个工作日内予以答复。</p></div>"""
    return _page(f"信息公开指南-{SITE}", body, [("信息公开指南", _fixed_url(1))])


def _apply():
    body = f"""<div class="ls-article"><h2>依申请公开</h2>
<p>申请方式：申请人可通过<a href="/public/apply/{ORGAN}">在线申请</a>、信函或当面提交申请表提出申请。</p></div>"""
    return _page(f"依申请公开-{SITE}", body, [("依申请公开", _fixed_url(5))])


def _apply_form():
    body = """<div class="ls-article"><h2>政府信息公开在线申请</h2>
<form action="#" method="post"><table><tr><td>申请人姓名</td><td><input name="name"></td></tr>
<tr><td>所需信息描述</td><td><textarea name="desc"></textarea></td></tr></table><button>提交申请</button></form></div>"""
    return _page(f"在线申请-{SITE}", body, [("依申请公开", _fixed_url(5))])


def _column_of(it):
    cat = it["cat"]
    if cat in LIST_NAMES:
        name = LIST_NAMES[cat]
        return [(name, _fixed_url({9002: 2, 9003: 3}[cat]))]
    return [(COLUMNS[cat][0], _col_url(cat))]


def _content(it):
    if it.get("masked_phones"):
        rows = [("许某某", "138****2345"), ("刘某某", "139****6677"), ("孙某某", "151****8090")]
        cells = "".join(f"<tr><td>{n}</td><td>{p}</td></tr>" for n, p in rows)
        return f"<p>现将项目联系人公示如下：</p><table><tr><td>联系人</td><td>联系电话</td></tr>{cells}</table>"
    return (f"<p>{escape(it['title'])}。</p><p>为做好相关工作，根据上级部署要求，结合我镇实际，现将有关事项公开如下，"
            f"欢迎社会各界监督。</p><p style=\"text-align:right\">{SITE}</p>")


def _variant(it):
    """0: mobile copy printed first; 1: the desktop grid's 内容概述 cell left empty (shown under the
    title instead); 2: desktop copy first, filled."""
    return (it["id"] - 1187400) % 3


def _summary(it):
    if _variant(it) == 0:
        return f"为做好{it['title']}相关工作，现公开如下：（一）适用范围：全镇；（二）办理要求：按规定程序办理。"
    return f"本信息公开{it['title']}的主要内容、适用范围和办理要求。"


def _detail(it):
    pub, created = it["pub"], it["created"]
    doc_no = it.get("doc_no", "")
    combo = _column_of(it)[0][0]
    pc = f"""<div class="ls-pc"><table class="ls-meta">
<tr><th>索&nbsp;引&nbsp;号：</th><td>{it['index_no']}</td><th>组配分类：</th><td>{combo}</td></tr>
<tr><th>发布机构：</th><td>{SITE}</td><th>主题分类：</th><td>{it['topic']}</td></tr>
<tr><th>名&emsp;&emsp;称：</th><td colspan="3">{escape(it['title'])}</td></tr>
<tr><th>文&emsp;&emsp;号：</th><td>{doc_no}</td><th>生成日期：</th><td>{created:%Y-%m-%d}</td></tr>
<tr><th>发布日期：</th><td>{pub:%Y-%m-%d}</td><th>有&nbsp;效&nbsp;性：</th><td>有效</td></tr>
<tr><th>内容概述：</th><td colspan="3">{"" if _variant(it) == 1 else escape(_summary(it))}</td></tr>
</table></div>"""
    mobile = f"""<div class="ls-m"><ul class="ls-meta-m">
<li><span>索引号：</span>{it['index_no']}</li>
<li><span>组配分类：</span>{combo}</li>
<li><span>发布机构：</span>{SITE}</li>
<li><span>主题分类：</span>{it['topic']}</li>
<li><span>名称：</span>{escape(it['title'])}</li>
<li><span>文号：</span>{doc_no}</li>
<li><span>生成日期：</span>{created:%Y-%m-%d}</li>
<li><span>发布日期：</span>{pub:%Y-%m-%d}</li>
<li><span>内容概述：</span>{escape(_summary(it))}</li>
</ul></div>"""
    summary_block = (f'<div class="ls-summary ls-pc"><div class="ls-summary-hd">内容概述</div>'
                     f'<div class="ls-summary-bd">{escape(_summary(it))}</div></div>' if _variant(it) == 1 else "")
    body = f"""{mobile + pc if _variant(it) == 0 else pc + mobile}
<div class="ls-article"><h1 class="ls-title">{escape(it['title'])}</h1>
{summary_block}
<div class="ls-content">{_content(it)}</div></div>"""
    return _page(f"{it['title']}-{SITE}", body, _column_of(it))


def _home():
    latest = sorted((i for i in ITEMS if i["cat"] < 9000), key=lambda i: i["pub"], reverse=True)[:8]
    lis = "".join(f'<li><a href="{_path(i)}" title="{escape(i["title"])}">{escape(i["title"])}</a>'
                  f'<span>[{i["pub"]:%m-%d}]</span></li>' for i in latest)
    return _page(f"{SITE}信息公开", f'<div class="ls-box"><h3>最新公开</h3><ul>{lis}</ul></div>')


def _search(req):
    q = (req.query.get("keywords") or "").strip()
    hits = [i for i in ITEMS if q and (q in i["title"] or q == i.get("doc_no"))]
    lis = "".join(
        f'<li><div class="s-title"><a href="{_path(i)}" target="_blank">'
        f'{escape(i["title"]).replace(escape(q), "<font color=red>" + escape(q) + "</font>")}</a></div>'
        f'<div class="s-text">{escape(_summary(i))}</div><div class="s-info">发布时间：{i["pub"]:%Y-%m-%d}</div></li>'
        for i in hits)
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>站内搜索</title></head><body>
<div class="s-count">共找到 {len(hits)} 条结果</div><ul class="s-list">{lis}</ul></body></html>"""
    return Response(html)


def respond(req):
    p, q = req.path, req.query
    if p == "/":
        return Response(_home())
    if p == f"/public/column/{ORGAN}":
        t = q.get("type")
        if t == "4" and q.get("action") == "list":
            if "catId" in q:
                try:
                    cat = int(q["catId"])
                except ValueError:
                    return not_found()
                if cat not in COLUMNS:
                    return not_found()
                name, parent, kind = COLUMNS[cat]
                crumbs = ([(parent, None)] if parent else []) + [(name, _col_url(cat))]
                return Response(_text_page(cat) if kind == "text" else _shell(name, "catId", cat, crumbs))
            if q.get("classId", "").isdigit() and int(q["classId"]) in VIEWS:
                cls = int(q["classId"])
                return Response(_shell(VIEWS[cls], "classId", cls, [("主题分类", None), (VIEWS[cls], _view_url(cls))]))
            return not_found()
        if t in ("1", "2", "3", "5"):
            name, what = FIXED[int(t)]
            if what == "guide":
                return Response(_guide())
            if what == "apply":
                return Response(_apply())
            return Response(_shell(name, "catId", what, [(name, _fixed_url(int(t)))]))
        return not_found()
    if p == "/site/label/8888" and q.get("labelName") == "publicInfoList" and q.get("organId") == ORGAN:
        try:
            page = int(q.get("pageIndex") or 1)
        except ValueError:
            page = 1
        if q.get("catId", "").isdigit():
            return Response(_fragment(_col_items(int(q["catId"])), page))
        if q.get("classId", "").isdigit() and int(q["classId"]) in VIEWS:
            return Response(_fragment(_view_items(int(q["classId"])), page, data_pager=True))
        return Response(_fragment([], page))
    if p == f"/public/apply/{ORGAN}":
        return Response(_apply_form())
    if p.startswith(f"/public/{ORGAN}/") and p.endswith(".html"):
        try:
            it = BY_ID.get(int(p.rsplit("/", 1)[1][:-5]))
        except ValueError:
            it = None
        return Response(_detail(it)) if it else not_found()
    if p == f"/site/search/{ORGAN}":
        return _search(req)
    if p.startswith("/assets/"):
        return Response(b"", content_type="application/octet-stream")
    return not_found()


def urls(base):
    b = base["disclosure"]
    out = [f"{b}/"]
    for cat, (_, _, kind) in COLUMNS.items():
        out.append(b + _col_url(cat))
        if kind == "list":
            pages = max(1, -(-len(_col_items(cat)) // PAGE_SIZE))
            out += [b + _frag_url("catId", cat, n) for n in range(1, pages + 1)]
    for t, (_, what) in FIXED.items():
        out.append(b + _fixed_url(t))
        if isinstance(what, int):
            out.append(b + _frag_url("catId", what))
    for cls in VIEWS:
        out.append(b + _view_url(cls))
        pages = max(1, -(-len(_view_items(cls)) // PAGE_SIZE))
        out += [b + _frag_url("classId", cls, n) for n in range(1, pages + 1)]
    out += [b + _path(i) for i in ITEMS]
    return out


def truth(base):
    b = base["disclosure"]
    url = {i["id"] - 1187400: b + _path(i) for i in ITEMS}
    return [
        {"rule": "CAT-001", "column": "计生政策", "note": "乡镇必备栏目“计生政策”未设置"},
        {"rule": "FRESH-002", "column": "政策文件", "url": b + _col_url(8151),
         "note": "政策文件类栏目最新信息为2019-02-20，超过6个月未更新"},
        {"rule": "CONS-001", "url": url[6], "note": "主题分类为社会保障，但“社会保障”分类视图中没有该信息"},
        {"rule": "FRESH-004", "url": url[12], "note": "生成日期2019-06-24，发布日期2019-08-02，超过20个工作日"},
        {"rule": "META-002", "url": url[13], "note": "索引号“三河镇2019-013”格式不符"},
        # decoys
        {"rule": "CAT-004", "url": b + "/", "decoy": True,
         "note": "内容概述在桌面版位于标题下方、移动版网格内，均不为空"},
        {"rule": "PRIV-002", "url": url[8], "decoy": True, "note": "联系电话已遮蔽（138****2345）"},
        {"rule": "CONS-002", "url": url[22], "decoy": True, "note": "列表标题截断为“…”"},
        {"rule": "CONS-002", "url": url[20], "decoy": True, "note": "首页列表只显示无年份日期[09-27]；<title>带“-三河镇人民政府”"},
        {"rule": "FRESH-002", "column": "工作动态", "decoy": True, "note": "动态类栏目2019-09-27更新，分3页加载"},
        {"rule": "CONS-001", "url": url[35], "decoy": True, "note": "综合政务视图第2页列出该信息（片段翻页）"},
        {"rule": "CONS-001", "url": url[42], "decoy": True, "note": "综合政务视图第3页列出该信息（片段翻页）"},
    ]
