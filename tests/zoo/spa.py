"""A Vue-style single-page disclosure site: every HTML page is the same shell (an empty mount element
and the app's script bundle); the app draws the menu, lists, item pages and footer from a JSON API.

Lists come from ``/api/list?channelId=…&page=N&size=10`` answering ``{"total": 23, "data": [{…}]}`` (the
page size only in the request), items are ``/detail.html?id=123`` drawn from ``/api/article?id=123``,
and the search box (no form: a script handler in the bundle) leads to ``/search.html?keyword=…``
whose script asks ``/api/search``.
"""
from __future__ import annotations

import json
from datetime import date
from urllib.parse import urlencode

from tests.zoo.harness import Request, Response, not_found

FAMILY = "Vue 式单页应用（HTML 仅为空壳，栏目、列表、详情、检索均由脚本调用 JSON 接口绘制）"
AS_OF = date(2019, 9, 30)
ROLES = ("disclosure",)
ORG = "12341500MB1234567X"
UNIT = {"id": "zoo-spa", "name": "青岚市住房公积金管理中心", "type": "institution", "org_code": ORG}
SITE = "青岚市住房公积金管理中心"
SIZE = 10

CHANNELS = {   # channelId → (name, kind)
    11: ("单位职能", "page"), 12: ("领导简介", "page"), 13: ("内设机构", "page"), 20: ("人事信息", "list"),
    30: ("政策法规", "post"), 40: ("业务文件", "list"), 50: ("办事指南", "page"), 60: ("财务信息", "list"),
    70: ("招标采购", "list"), 80: ("应急管理", "list"), 90: ("收费标准", "page"), 100: ("工作计划", "list"),
    110: ("工作动态", "list"),
}
PAGES = {
    11: "负责全市住房公积金的归集、管理、使用和会计核算；编制、执行住房公积金的归集、使用计划；负责住房公积金贷款的审批和发放。",
    12: "主任：陈立群，主持中心全面工作。副主任：吴海燕，负责归集、信贷工作。副主任：孙建国，负责财务、稽核工作。",
    13: "中心内设综合科、归集科、信贷科、财务科、稽核科、信息科6个科室，下设4个管理部。",
    50: "住房公积金提取办事指南：申请人持本人身份证、提取申请书及相关证明材料到各管理部柜台办理，符合条件的当日办结。",
    90: "住房公积金业务办理不收取任何费用。个人住房公积金贷款担保费、评估费等由中心承担。",
}


def _idx(month: str, n: int) -> str:
    return f"{ORG}/{month}-{n:05d}"


ITEMS: list[dict] = [
    dict(id=2001, ch=20, title="青岚市住房公积金管理中心2019年公开招聘工作人员拟聘用人员公示", pub=date(2019, 8, 26),
         idx=_idx("201908", 61),
         content="经笔试、面试、体检和考察，拟聘用以下人员：张晓伟，联系电话13912345678；李娜娜，联系电话13823456789；"
                 "王志强，联系电话15034567890。公示期5个工作日。"),
    dict(id=2002, ch=20, title="关于孙建国同志任职的通知", pub=date(2019, 5, 13), idx=_idx("201905", 20),
         content="经研究决定，任命孙建国同志为中心副主任。联系人：刘先生，联系电话139****5678。"),
    dict(id=3001, ch=30, title="青岚市住房公积金缴存管理办法", pub=date(2019, 7, 8), idx=_idx("201907", 11),
         doc="青公积金〔2019〕5号"),
    dict(id=3002, ch=30, title="关于调整住房公积金个人住房贷款政策的通知", pub=date(2019, 4, 2), idx=_idx("201904", 7),
         doc="青公积金〔2019〕3号", list_title="关于调整住房公积金个人住房贷款…"),
    *[dict(id=3003 + n, ch=30, title=f"青岚市住房公积金{what}", pub=date.fromordinal(date(2019, 7, 1).toordinal() - 9 * n),
           idx=_idx(date.fromordinal(date(2019, 7, 1).toordinal() - 9 * n).strftime("%Y%m"), 20 + n),
           doc=f"青公积金〔2019〕{30 + n}号")
      for n, what in enumerate(["提取管理办法", "个人住房贷款管理办法", "归集管理实施细则", "缴存基数核定办法",
                                "贷款担保管理规定", "灵活就业人员缴存办法", "异地贷款实施细则", "租房提取实施办法",
                                "逾期贷款催收办法", "业务档案管理办法"])],
    dict(id=4001, ch=40, title="关于做好2019年度住房公积金缴存基数调整工作的通知", pub=date(2019, 6, 25),
         idx=_idx("201906", 40), doc="青公积金〔2019〕4号"),
    dict(id=6001, ch=60, title="青岚市住房公积金2018年年度报告", pub=date(2019, 3, 28), idx=_idx("201903", 15)),
    dict(id=7001, ch=70, title="青岚市住房公积金管理中心档案数字化服务项目招标公告", pub=date(2019, 9, 6),
         idx=_idx("201909", 4)),
    dict(id=8001, ch=80, title="青岚市住房公积金管理中心突发事件应急预案", pub=date(2019, 1, 15), idx=_idx("201901", 3)),
    # FRESH-002: 工作计划 (yearly) last updated 2018-08-20
    dict(id=10001, ch=100, title="青岚市住房公积金管理中心2018年下半年工作计划", pub=date(2018, 8, 20),
         idx=_idx("201808", 12)),
]
_NEWS = ["开展住房公积金政策宣传月活动", "召开第三季度工作推进会", "开展“不见面审批”业务培训", "走访重点缴存单位",
         "推进异地转移接续平台上线", "开展廉政警示教育活动", "召开信贷风险防控专题会", "开展个人信息安全检查",
         "组织业务技能竞赛", "推进灵活就业人员缴存试点", "开展档案管理专项检查", "召开管理委员会全体会议",
         "开展“双随机”执法检查", "推进电子印章应用", "召开半年工作总结会", "开展防汛值班检查", "上线手机公积金服务",
         "开展政务服务满意度调查", "召开党建工作会议", "开展缴存基数调整宣传", "组织消防安全演练", "开展窗口作风评议",
         "召开年度工作部署会"]
for n, what in enumerate(_NEWS):
    d = date.fromordinal(date(2019, 9, 27).toordinal() - n * 6)
    ITEMS.append(dict(id=11001 + n, ch=110, title=f"市住房公积金管理中心{what}", pub=d, idx=_idx(d.strftime("%Y%m"), 200 + n)))
BY_ID = {it["id"]: it for it in ITEMS}

# seeded defects on items listed only by API pages 2 and 3 of 工作动态
BY_ID[11013]["publisher"] = None                                        # META-001: no 发布机构
BY_ID[11014]["list_title"] = "市住房公积金管理中心开展“双随机、一公开”执法检查"  # CONS-002
BY_ID[11021]["unsearchable"] = True                                     # SRCH-002
# FRESH-004 on the last item of 政策法规, listed only by the second POST of its list API
BY_ID[3012]["created"] = date(2019, 3, 1)


def _list_items(ch: int) -> list[dict]:
    return sorted((it for it in ITEMS if it["ch"] == ch), key=lambda it: (-it["pub"].toordinal(), it["id"]))


def _record(it: dict) -> dict:
    return {"id": it["id"], "title": it.get("list_title") or it["title"], "url": f"/detail.html?id={it['id']}",
            "pubDate": f"{it['pub']:%Y-%m-%d}", "channelId": it["ch"]}


SHELL = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>{SITE}</title>
<link href="/static/css/app.css" rel="stylesheet"></head>
<body><noscript>请开启浏览器的 JavaScript 功能后访问本站。</noscript><div id="app"></div>
<script src="/static/js/chunk-vendors.js"></script><script src="/static/js/app.js"></script></body></html>"""

VENDORS = "/* vendor bundle */ window.__vendors__ = true;"

APP = r"""
(function () {
  var app = document.getElementById('app');
  function esc(s) { return String(s == null ? '' : s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); }
  function q(name) { var m = new RegExp('[?&]' + name + '=([^&]*)').exec(location.search); return m ? decodeURIComponent(m[1].replace(/\+/g, ' ')) : ''; }
  function get(url) { return fetch(url, {headers: {'Accept': 'application/json'}}).then(function (r) { return r.json(); }); }
  function frame(nav, crumb, main, site) {
    var menu = nav.map(function (c) { return '<li><a href="/list.html?channelId=' + c.channelId + '">' + esc(c.channelName) + '</a></li>'; }).join('');
    app.innerHTML = '<div class="header"><div class="logo">' + esc(site.siteName) + '信息公开</div>' +
      '<div class="search-box"><input type="text" class="el-input__inner" placeholder="请输入关键字">' +
      '<button type="button" class="el-button"><i class="el-icon-search"></i>搜索</button></div></div>' +
      '<div class="body"><ul class="side-menu">' + menu + '</ul><div class="main">' +
      (crumb ? '<div class="crumb">当前位置：<a href="/">首页</a> &gt; ' + crumb + '</div>' : '') + main + '</div></div>' +
      '<div class="foot"><p>主办单位：' + esc(site.siteName) + ' 地址：' + esc(site.address) + '</p>' +
      '<p>网站标识码：' + esc(site.siteCode) + ' <span>' + esc(site.icp) + '</span> <span>' + esc(site.police) + '</span></p></div>';
    bindSearch();
  }
  function bindSearch() {   // like a Vue @click / @keyup.enter handler: no form, no URL in the page
    var box = document.querySelector('.search-box input'), btn = document.querySelector('.search-box button');
    function go() { location.href = '/search.html?keyword=' + encodeURIComponent(box.value); }
    btn.addEventListener('click', go);
    box.addEventListener('keyup', function (e) { if (e.key === 'Enter') { go(); } });
  }
  function rows(list) {
    return '<ul class="news-list">' + list.map(function (r) {
      return '<li><a href="' + r.url + '" target="_blank">' + esc(r.title) + '</a><span class="time">' + esc(r.pubDate) + '</span></li>';
    }).join('') + '</ul>';
  }
  function crumbOf(nav, id) {
    var c = nav.filter(function (x) { return String(x.channelId) === String(id); })[0];
    return c ? '<a href="/list.html?channelId=' + c.channelId + '">' + esc(c.channelName) + '</a>' : '';
  }
  Promise.all([get('/api/nav'), get('/api/site')]).then(function (res) {
    var nav = res[0].data, site = res[1].data, path = location.pathname;
    if (path === '/list.html') {
      var id = q('channelId'), c = nav.filter(function (x) { return String(x.channelId) === id; })[0] || {};
      if (c.type === 'page') {
        return get('/api/page?channelId=' + id).then(function (p) {
          frame(nav, crumbOf(nav, id), '<div class="page-text"><p>' + esc(p.data.content) + '</p></div>', site);
        });
      }
      var page = parseInt(q('page') || '1', 10);
      var ask = c.type === 'post'   // like $.post / axios.post(qs.stringify(…)): the page number is in the body
        ? fetch('/api/list', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                              body: 'channelId=' + id + '&pageNum=' + page + '&pageSize=10'}).then(function (r) { return r.json(); })
        : get('/api/list?channelId=' + id + '&page=' + page + '&size=10');
      return ask.then(function (d) {
        var pages = Math.ceil(d.total / 10), pager = '<div class="el-pagination"><span>共 ' + d.total + ' 条</span>';
        for (var i = 1; i <= pages; i++) { pager += '<button class="number' + (i === page ? ' active' : '') + '" data-page="' + i + '">' + i + '</button>'; }
        frame(nav, crumbOf(nav, id), '<div class="list-title">' + esc(c.channelName) + '</div>' + rows(d.data) + pager + '</div>', site);
        Array.prototype.forEach.call(document.querySelectorAll('.el-pagination button'), function (b) {
          b.onclick = function () { location.search = '?channelId=' + id + '&page=' + b.getAttribute('data-page'); };
        });
      });
    }
    if (path === '/detail.html') {
      return get('/api/article?id=' + q('id')).then(function (a) {
        var d = a.data, cells = [['索引号', d.indexNo], ['发布机构', d.publisher], ['生成日期', d.createDate],
          ['发布日期', d.pubDate], ['文号', d.docNo], ['主题分类', d.topic], ['内容概述', d.summary]];
        var grid = '', shown = cells.filter(function (x) { return x[1] !== null && x[1] !== undefined; });
        for (var i = 0; i < shown.length; i += 2) {
          grid += '<tr>' + shown.slice(i, i + 2).map(function (x) { return '<th>' + x[0] + '：</th><td>' + esc(x[1]) + '</td>'; }).join('') + '</tr>';
        }
        frame(nav, crumbOf(nav, d.channelId), '<table class="xxgk-meta">' + grid + '</table><h1 class="art-title">' + esc(d.title) +
          '</h1><div class="art-content"><p>' + esc(d.content) + '</p></div>', site);
      });
    }
    if (path === '/search.html') {
      var kw = q('keyword');
      return get('/api/search?keyword=' + encodeURIComponent(kw) + '&page=1&size=10').then(function (d) {
        frame(nav, '站内检索', '<p class="tip">检索“' + esc(kw) + '”，共 ' + d.total + ' 条结果</p>' + rows(d.data), site);
      });
    }
    return get('/api/list?channelId=0&page=1&size=8').then(function (d) {
      frame(nav, '', '<div class="block"><div class="block-title">最新信息</div>' + rows(d.data) + '</div>', site);
    });
  });
})();
"""


def _json(obj, status: int = 200) -> Response:
    return Response(json.dumps(obj, ensure_ascii=False), status=status, content_type="application/json;charset=UTF-8")


def _page_of(items: list[dict], req: Request) -> Response:
    try:
        page = int(req.form.get("pageNum") or req.query.get("page") or 1)
        size = int(req.form.get("pageSize") or req.query.get("size") or SIZE)
    except ValueError:
        return _json({"code": 400, "msg": "参数错误"}, 400)
    return _json({"code": 200, "total": len(items),
                  "data": [_record(it) for it in items[(page - 1) * size:page * size]]})


def respond(req: Request) -> Response:
    p = req.path
    if p in ("/", "/index.html", "/list.html", "/detail.html", "/search.html"):
        return Response(SHELL)
    if p == "/static/js/app.js":
        return Response(APP, content_type="application/javascript")
    if p == "/static/js/chunk-vendors.js":
        return Response(VENDORS, content_type="application/javascript")
    if p == "/static/css/app.css":
        return Response("body{font-family:sans-serif}", content_type="text/css")
    if p == "/api/nav":
        return _json({"code": 200, "data": [{"channelId": c, "channelName": n, "type": k} for c, (n, k) in CHANNELS.items()]})
    if p == "/api/site":
        return _json({"code": 200, "data": {"siteName": SITE, "address": "青岚市淮河路66号", "siteCode": "3415000041",
                                            "icp": "皖ICP备06023456号", "police": "皖公网安备 34150202000456号"}})
    if p == "/api/page":
        ch = int(req.query.get("channelId") or 0)
        return _json({"code": 200, "data": {"content": PAGES[ch]}}) if ch in PAGES else _json({"code": 404}, 404)
    if p == "/api/list":
        ch = (req.form.get("channelId") if req.method == "POST" else req.query.get("channelId")) or ""
        if ch == "0":
            return _page_of(sorted(ITEMS, key=lambda it: (-it["pub"].toordinal(), it["id"])), req)
        if not ch.isdigit() or int(ch) not in CHANNELS:
            return _json({"code": 404, "msg": "栏目不存在"}, 404)
        return _page_of(_list_items(int(ch)), req)
    if p == "/api/article":
        it = BY_ID.get(int(req.query.get("id"))) if (req.query.get("id") or "").isdigit() else None
        if not it:
            return _json({"code": 404, "msg": "信息不存在"}, 404)
        return _json({"code": 200, "data": {
            "id": it["id"], "title": it["title"], "indexNo": it["idx"], "channelId": it["ch"],
            "publisher": it.get("publisher", SITE), "createDate": f"{it.get('created', it['pub']):%Y-%m-%d}",
            "pubDate": f"{it['pub']:%Y-%m-%d}", "docNo": it.get("doc"), "topic": "城乡建设、环境保护（住房）",
            "summary": it["title"][-24:], "content": it.get("content") or f"{it['title']}。现将有关情况公布如下。"}})
    if p == "/api/search":
        kw = (req.query.get("keyword") or "").strip()
        hits = [it for it in ITEMS if kw and not it.get("unsearchable") and (kw in it["title"] or kw == it.get("doc"))]
        return _page_of(hits, req)
    return not_found()


def urls(base: dict[str, str]) -> list[str]:
    b = base["disclosure"]
    out = [f"{b}/", f"{b}/api/nav", f"{b}/api/list?channelId=0&page=1&size=8"]
    for ch, (_, kind) in CHANNELS.items():
        out.append(f"{b}/list.html?channelId={ch}")
        if kind == "page":
            out.append(f"{b}/api/page?channelId={ch}")
            continue
        pages = -(-len(_list_items(ch)) // SIZE)
        if kind == "post":   # the harness merges a POST's form fields into the query
            out += [f"{b}/api/list?{urlencode({'channelId': ch, 'pageNum': n, 'pageSize': SIZE})}"
                    for n in range(1, pages + 1)]
            continue
        out += [f"{b}/api/list?{urlencode({'channelId': ch, 'page': n, 'size': SIZE})}" for n in range(1, pages + 1)]
    for it in ITEMS:
        out += [f"{b}/detail.html?id={it['id']}", f"{b}/api/article?id={it['id']}"]
    return out


def truth(base: dict[str, str]) -> list[dict]:
    b = base["disclosure"]

    def item(i):
        return f"{b}/detail.html?id={i}"
    return [
        {"rule": "FRESH-002", "url": f"{b}/list.html?channelId=100", "column": "工作计划",
         "note": "工作计划（年度类）最新信息为2018-08-20，超过1年未更新"},
        {"rule": "META-001", "url": item(11013), "note": "工作动态接口第2页的一条信息缺发布机构"},
        {"rule": "CONS-002", "url": item(11014), "note": "接口列表标题与详情页标题不同（接口第2页）"},
        {"rule": "SRCH-002", "url": item(11021), "note": "站内检索接口查不到接口第3页的这条信息"},
        {"rule": "FRESH-004", "url": item(3012),
         "note": "生成日期2019-03-01，发布日期2019-04-11，超过20个工作日（政策法规接口 POST 第2页）"},
        {"rule": "PRIV-002", "url": item(2001), "note": "拟聘用人员公示列出3个未脱敏的手机号码"},
        {"rule": "PRIV-002", "url": item(2002), "decoy": True, "note": "手机号已脱敏（139****5678）"},
        {"rule": "CONS-002", "url": item(3002), "decoy": True, "note": "列表标题以“…”截断，不是不一致"},
        {"rule": "IDENT-001", "url": f"{b}/", "decoy": True, "note": "页脚由脚本绘制，网站标识码、ICP、公安备案齐全"},
    ]
