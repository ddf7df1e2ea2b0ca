"""A small disclosure site written by hand, unlike the demo world in every class name and layout:
definition-list metadata with spaced labels, a table list with a query-string pager, a date-first
list with truncated titles, GBK pages, a search page with its own markup. The crawler has never
been tuned on it; tests crawl it to prove extraction keys on labels and structure."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ORG = "113415000030011223"
DOCS = [  # (id, title, 文号, 生成日期, 发布日期, column)
    (101, "关于印发《某某市城市道路挖掘管理办法》的通知", "某建〔2019〕12号", "2019-08-01", "2019-08-05", "zcwj"),
    (102, "关于做好2019年防汛工作的通知", "某建〔2019〕9号", "2019-06-10", "2019-06-12", "zcwj"),
    (103, "关于开展建筑施工安全大检查的通知", "某建〔2019〕7号", "2019-05-06", "2019-05-08", "zcwj"),
    (104, "关于公布第二批绿色建筑示范项目名单的通知", "某建〔2019〕5号", "2019-03-01", "2019-03-04", "zcwj"),
    (201, "市住建局召开全市建筑工地扬尘治理现场推进会暨安全生产工作会议", "", "2019-09-18", "2019-09-20", "gzdt"),
    (202, "市住建局赴某某区调研老旧小区改造工作", "", "2019-09-10", "2019-09-11", "gzdt"),
    (301, "《某某市城市道路挖掘管理办法》政策解读", "", "2019-08-06", "2019-08-06", "zcjd"),
]
COLUMNS = {"zcwj": "政策文件", "gzdt": "工作动态", "zcjd": "政策解读"}


def doc(i):
    return next(d for d in DOCS if d[0] == i)


def page(title: str, crumb: str, body: str) -> str:
    menu = "".join(f'<dd><a href="/gk/{k}/list.jsp">{v}</a></dd>' for k, v in COLUMNS.items())
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{title}</title></head><body><div class="top-ban">某某市住房和城乡建设局</div>
<form action="/search/q.jsp" method="get" name="sform"><input type="text" name="wd" placeholder="请输入关键字">
<input type="submit" value="搜索"></form>
<div class="lmenu"><dl><dt>公开目录</dt>{menu}</dl></div>
<div class="route">您现在的位置：<a href="/">首页</a> &gt;&gt; {crumb}</div>
<div class="cnt">{body}</div><div class="foot">主办：某某市住房和城乡建设局</div></body></html>"""


def list_page(col: str, page_no: int) -> str:
    docs = [d for d in DOCS if d[5] == col]
    if col == "zcwj":
        per = 2
        shown = docs[(page_no - 1) * per:page_no * per]
        rows = "".join(f'<tr><td>{n}</td><td class="t"><a href="/gk/art/{d[0]}.jsp" target="_blank">{d[1]}</a></td>'
                       f"<td>{d[2]}</td><td>{d[4]}</td></tr>" for n, d in enumerate(shown, 1))
        pages = (len(docs) + per - 1) // per
        nxt = f'<a href="/gk/zcwj/list.jsp?pageNo={page_no + 1}">下一页</a>' if page_no < pages else ""
        body = (f'<table class="gl"><tr><th>序号</th><th>标题</th><th>文号</th><th>发布日期</th></tr>{rows}</table>'
                f'<div class="pg">共{pages}页 当前第{page_no}页 {nxt} <a href="/gk/zcwj/list.jsp?pageNo={pages}">尾页</a></div>')
    else:
        items = "".join(f'<li><i>[{d[4].replace("-", ".")}]</i><a href="/gk/art/{d[0]}.jsp" title="{d[1]}">'
                        f'{d[1][:14] + "…" if len(d[1]) > 15 else d[1]}</a></li>' for d in docs)
        body = f'<ul class="news_l">{items}</ul>'
    return page(COLUMNS[col], f"信息公开 &gt;&gt; {COLUMNS[col]}", body)


def item_page(i: int) -> str:
    d = doc(i)
    spaced = {"索 引 号": f"{ORG}/{d[3][:4]}{d[3][5:7]}-{d[0]:05d}", "发布机构": "某某市住房和城乡建设局",
              "生成日期": d[3], "文　　号": d[2], "发布日期": d[4]}
    meta = "".join(f"<dt>{k}：</dt><dd>{v}</dd>" for k, v in spaced.items())
    extra = ""
    if i == 101:
        extra = ('<p>附件：<a href="/files/101.pdf">道路挖掘申请表.pdf</a></p>'
                 '<p class="rel">相关解读：<a href="/gk/art/301.jsp">《某某市城市道路挖掘管理办法》政策解读</a></p>')
    if i == 301:
        extra = '<p class="rel">原文件：<a href="/gk/art/101.jsp">关于印发《某某市城市道路挖掘管理办法》的通知</a></p>'
    body = (f'<dl class="xxgk-info">{meta}</dl><h1 class="bt">{d[1]}</h1>'
            f'<div id="zoom"><p>各区住建局：</p><p>现将有关事项通知如下，请认真贯彻执行。</p>{extra}</div>')
    return page(d[1], f"信息公开 &gt;&gt; {COLUMNS[d[5]]}", body)


def search_page(q: str) -> str:
    hits = [d for d in DOCS if q and (q in d[1] or q == d[2])]
    rows = "".join(f'<div class="res"><h3><a href="/gk/art/{d[0]}.jsp">{d[1].replace(q, "<font color=red>" + q + "</font>")}'
                   f'</a></h3><p>发布时间：{d[4]}</p></div>' for d in hits)
    return page("检索结果", "站内检索", rows or "<p>没有找到相关结果</p>")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        parts = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(parts.query).items()}
        path = parts.path
        body, ctype, status = None, "text/html; charset=gbk", 200
        if path == "/robots.txt":
            body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
        elif path in ("/", "/index.jsp"):
            latest = "".join(f'<li><a href="/gk/art/{d[0]}.jsp">{d[1]}</a><em>{d[4]}</em></li>' for d in DOCS[:3])
            body = page("某某市住房和城乡建设局信息公开", "信息公开", f"<ul>{latest}</ul>").encode("gbk")
        elif path.startswith("/gk/") and path.endswith("/list.jsp") and path.split("/")[2] in COLUMNS:
            body = list_page(path.split("/")[2], int(q.get("pageNo", "1"))).encode("gbk")
        elif path.startswith("/gk/art/") and path.endswith(".jsp"):
            try:
                body = item_page(int(path.split("/")[-1][:-4])).encode("gbk")
            except (ValueError, StopIteration):
                body, status = "<h1>404</h1>".encode("gbk"), 404
        elif path == "/search/q.jsp":
            body = search_page(q.get("wd", "")).encode("gbk")
        elif path == "/files/101.pdf":
            body, ctype = b"%PDF-1.4\n%%EOF\n", "application/pdf"
        else:
            body, status = "<h1>页面不存在</h1>".encode("gbk"), 404
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(host: str = "127.0.0.1") -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer((host, 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}/"
