"""A plain hand-made static site of a small county department: table layout and <font> tags, the
charset declared GB2312 in the HTTP header while the bytes are GBK (names with 堃/珺), no <meta> tags
at all, titles only in a bold table cell above the body, dates written 2019年9月5日, the fixed
entries linked only from the footer, list pages with "共2页" and a lone 下一页 link, one column
really stale and one really blank, and no site search at all.
"""
from __future__ import annotations

from datetime import date
from html import escape

from tests.zoo.harness import Request, Response, not_found

FAMILY = "手工静态网站（表格布局、font标签、GB2312声明实为GBK、无meta、标题在加粗单元格、固定栏目只在页脚）"
AS_OF = date(2019, 9, 30)
ROLES = ("disclosure",)
UNIT = {"id": "qxtjj", "name": "清溪县统计局", "type": "dept", "org_code": "003240330"}
ORG = UNIT["org_code"]
NAME = UNIT["name"]

# slug → (column name, parent name or None)
COLUMNS = {
    "jgsz": ("机构设置", "机构职能"), "jgzn": ("机关职能", "机构职能"), "ldxx": ("领导信息", "机构职能"),
    "gfxwj": ("规范性文件", "政策文件"), "qtwj": ("其他文件", "政策文件"), "zcjd": ("政策解读", None),
    "ghjh": ("规划计划", None), "bmyjs": ("部门预决算", "财政资金"), "sgjf": ("三公经费", "财政资金"),
    "rsxx": ("人事信息", None), "yjzj": ("意见征集", "公众参与"), "yjfk": ("意见反馈", "公众参与"),
    "jyta": ("建议提案办理", None), "xzxk": ("行政许可", "行政执法"), "xzcf": ("行政处罚", "行政执法"),
    "tzgg": ("听证公告", "行政执法"), "fp": ("扶贫", None), "gzdt": ("工作动态", None),
}
PAGE_SIZE = 10

ITEMS: dict[str, dict] = {}     # path → item


def _add(slug, n, day, title, body, doc_no="", links=(), summary_free=True):
    y, m, d = (int(x) for x in day.split("-"))
    path = f"/xxgk/{slug}/{y}{m:02d}{d:02d}_{n}.htm"
    ITEMS[path] = dict(slug=slug, day=date(y, m, d), title=title, body=body, doc_no=doc_no,
                       index=f"{ORG}/{y}{m:02d}-{n:05d}", links=list(links))
    return path


def cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


_add("jgsz", 1, "2019-02-20", "清溪县统计局内设机构", "局机关设办公室、综合统计股、农业统计股、工业统计股、社会统计股。")
_add("jgzn", 2, "2019-02-20", "清溪县统计局主要职责", "负责全县统计工作，组织实施各项统计调查，发布全县国民经济和社会发展统计信息。")
_add("ldxx", 3, "2019-04-10", "清溪县统计局领导班子成员", "局长王堃，主持全面工作；副局长李珺，分管综合统计、社会统计工作。")
GFX_A = _add("gfxwj", 11, "2019-08-12", "清溪县统计局关于规范统计数据发布工作的通知",
             "各乡镇统计站、局各股室：为规范统计数据发布，现就有关事项通知如下。", doc_no="清统〔2019〕6号")
GFX_B = _add("gfxwj", 12, "2019-06-17", "清溪县统计局关于印发统计执法检查办法的通知",
             "各乡镇统计站：现将《清溪县统计执法检查办法》印发给你们，请遵照执行。", doc_no="")
GFX_C = _add("gfxwj", 13, "2019-04-22", "清溪县统计局关于加强基层统计基础工作的意见",
             "各乡镇人民政府：为夯实基层统计基础，提出如下意见。", doc_no="清统〔2019〕3号")
JD_A = _add("zcjd", 21, "2019-08-13", "《关于规范统计数据发布工作的通知》政策解读",
            "一、出台背景。二、主要内容：明确统计数据发布的主体、程序和时间。", links=[("原文件", GFX_A)])
JD_B = _add("zcjd", 22, "2019-06-18", "《统计执法检查办法》政策解读",
            "一、制定依据。二、检查对象和方式。三、法律责任。", links=[("原文件", GFX_B)])
ITEMS[GFX_A]["links"].append(("相关解读", JD_A))
ITEMS[GFX_B]["links"].append(("相关解读", JD_B))
_add("qtwj", 31, "2019-09-02", "清溪县统计局关于做好第四次全国经济普查登记工作的通知",
     "各乡镇普查办：第四次全国经济普查登记工作即将开始，请做好各项准备。", doc_no="清统〔2019〕8号")
_add("ghjh", 41, "2018-02-26", "清溪县统计局2018年工作计划", "2018年，我局将围绕统计改革发展，重点做好以下工作。")
_add("bmyjs", 51, "2019-02-15", "清溪县统计局2019年部门预算公开", "2019年部门收支预算总额386.2万元，详见预算公开表。")
_add("sgjf", 52, "2019-02-15", "清溪县统计局2019年“三公”经费预算说明", "2019年“三公”经费预算4.6万元，比上年减少0.3万元。")
_add("rsxx", 61, "2019-05-06", "清溪县统计局关于王堃同志任职的通知", "经研究，王堃同志任清溪县统计局局长。")
_add("yjzj", 71, "2019-05-28", "关于征求《清溪县统计调查项目管理办法（征求意见稿）》意见的公告",
     "为广泛听取社会各界意见，现将征求意见稿全文公布。征求意见时间：2019年6月1日至2019年7月1日。"
     "意见可通过以下方式提交：电子邮箱：qxtjj@qingxi.gov.cn；通信地址：清溪县人民路18号县统计局办公室。")
_add("yjfk", 72, "2019-07-12", "关于《清溪县统计调查项目管理办法（征求意见稿）》意见采纳情况的反馈",
     "征求意见期间共收到意见5条，采纳3条，未采纳的已向提出人说明理由。")
_add("jyta", 81, "2019-07-30", "对县政协十届三次会议第15号提案的答复", "您提出的关于加强统计数据质量的提案收悉，现答复如下。")
_add("xzxk", 91, "2019-07-08", "清溪县统计局行政许可事项目录", "本局无行政许可事项，涉外调查许可由省统计局负责。")
_add("xzcf", 92, "2019-08-26", "清溪县统计局行政处罚决定书（清统罚〔2019〕2号）",
     "当事人：清溪县某某建材有限公司，联系人：刘某，联系电话：139****8856。该公司未按规定报送统计资料，依法予以警告。")
_add("fp", 101, "2019-06-20", "清溪县统计局2019年驻村帮扶工作情况", "今年以来，局驻村工作队帮助帮扶村发展特色种植，贫困户稳定增收。")
NEWS = [("2019-09-27", "县统计局召开经济普查登记工作推进会"), ("2019-09-24", "县统计局开展统计法治宣传进企业活动"),
        ("2019-09-20", "县统计局组织普查员业务培训"), ("2019-09-16", "县统计局开展“不忘初心、牢记使命”主题教育"),
        ("2019-09-11", "县统计局发布上半年经济运行情况"), ("2019-09-05", "县统计局赴乡镇督导普查清查工作"),
        ("2019-08-30", "县统计局召开统计数据质量分析会"), ("2019-08-23", "县统计局开展防汛值班检查"),
        ("2019-08-16", "县统计局参加全市统计业务技能竞赛"), ("2019-08-09", "县统计局完成农业统计年报审核"),
        ("2019-08-02", "县统计局开展“八一”拥军优属活动"), ("2019-07-26", "县统计局召开党风廉政建设会议"),
        ("2019-07-19", "县统计局开展统计执法检查"), ("2019-07-12", "县统计局组织“双随机”抽查")]
for k, (day, title) in enumerate(NEWS):
    _add("gzdt", 200 + k, day, title, f"{title}，局班子成员及相关股室负责人参加，会议对下一步工作作了安排部署。")

REPORTS = {"/xxgk/ndbg/20190315_1.htm": ("清溪县统计局2018年政府信息公开工作年度报告", date(2019, 3, 15), 301),
           "/xxgk/ndbg/20180320_1.htm": ("清溪县统计局2017年政府信息公开工作年度报告", date(2018, 3, 20), 302)}
for path, (title, day, n) in REPORTS.items():
    ITEMS[path] = dict(slug=None, day=day, title=title, doc_no="", index=f"{ORG}/{day.year}{day.month:02d}-{n:05d}",
                       links=[], body="本报告根据《中华人民共和国政府信息公开条例》编制，包括主动公开、依申请公开、复议诉讼等情况。")

GUIDE_PATH, SYSTEM_PATH, ANNUAL_PATH, APPLY_PATH = ("/xxgk/xxgkzn.htm", "/xxgk/xxgkzd.htm", "/xxgk/ndbg/list.htm",
                                                    "/xxgk/ysqgk.htm")


# ---- markup ------------------------------------------------------------------------------

def _menu() -> str:
    rows, last = [], None
    for slug, (name, parent) in COLUMNS.items():
        if parent and parent != last:
            rows.append(f'<tr><td bgcolor="#e6eef7"><font color="#003366"><b>{parent}</b></font></td></tr>')
        last = parent
        pad = "&nbsp;&nbsp;" if parent else ""
        rows.append(f'<tr><td>{pad}<img src="/images/dot.gif"> <a href="/xxgk/{slug}/list.htm"><font color="#333333">{name}</font></a></td></tr>')
    return f'<table width="180" border="0" cellpadding="3">{"".join(rows)}</table>'


def _page(body: str, crumb: str | None = None) -> str:
    where = ""
    if crumb is not None:
        where = (f'<tr><td height="28"><font color="#666666">当前位置：<a href="/">首页</a> &gt;&gt; '
                 f'<a href="/">政府信息公开</a>{crumb}</font></td></tr>')
    return f"""<html>
<head>
<title>{NAME}</title>
</head>
<body bgcolor="#ffffff" topmargin="0">
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td height="90" bgcolor="#1b5fa8"><font color="#ffffff" size="5"><b>{NAME}政府信息公开</b></font></td></tr>
{where}
<tr><td><table width="100%" border="0"><tr><td width="190" valign="top">{_menu()}</td>
<td valign="top">{body}</td></tr></table></td></tr>
<tr><td align="center" bgcolor="#eeeeee"><font size="2">
<a href="{GUIDE_PATH}">政府信息公开指南</a> | <a href="{SYSTEM_PATH}">政府信息公开制度</a> |
<a href="{ANNUAL_PATH}">政府信息公开年报</a> | <a href="{APPLY_PATH}">依申请公开</a><br>
主办：{NAME}　地址：清溪县人民路18号　电话：0550-5123000<br>
皖ICP备05001234号　网站标识码：3415230012</font></td></tr>
</table>
</body>
</html>"""


def _crumb_of(slug: str) -> str:
    name, parent = COLUMNS[slug]
    return (f" &gt;&gt; {parent}" if parent else "") + f' &gt;&gt; <a href="/xxgk/{slug}/list.htm">{name}</a>'


def _rows(entries) -> str:
    return "".join(
        f'<tr><td width="80%"><img src="/images/arrow.gif"> <a href="{p}" target="_blank"><font size="2">{escape(it["title"])}</font></a></td>'
        f'<td align="right"><font size="2" color="#999999">{cn(it["day"])}</font></td></tr>' for p, it in entries)


def column_page(slug: str, page: int) -> str | None:
    entries = sorted(((p, it) for p, it in ITEMS.items() if it["slug"] == slug), key=lambda x: x[1]["day"], reverse=True)
    pages = max(1, -(-len(entries) // PAGE_SIZE))
    if page > pages:
        return None
    shown = entries[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    pager = ""
    if pages > 1:
        link = (f'<a href="list_{page + 1}.htm">下一页</a>' if page < pages else
                f'<a href="{"list.htm" if page == 2 else f"list_{page - 1}.htm"}">上一页</a>')
        pager = f'<tr><td colspan="2" align="center"><font size="2">共{len(entries)}条 共{pages}页 第{page}页 {link}</font></td></tr>'
    if not shown:
        table = '<table width="100%"><tr><td>&nbsp;</td></tr></table>'
    else:
        table = f'<table width="100%" border="0" cellpadding="4">{_rows(shown)}{pager}</table>'
    name = COLUMNS[slug][0]
    return _page(f'<table width="100%"><tr><td><font color="#1b5fa8"><b>{name}</b></font></td></tr></table>{table}',
                 _crumb_of(slug))


def item_page(path: str) -> str:
    it = ITEMS[path]
    related = "".join(f'<tr><td><font size="2">{label}：</font><a href="{other}"><font size="2">'
                      f'{escape(ITEMS[other]["title"])}</font></a></td></tr>' for label, other in it["links"])
    body = "".join(f"<p>　　{escape(s)}</p>" for s in it["body"].split("。") if s)
    meta = f"""<table width="100%" border="1" cellspacing="0" cellpadding="3" bordercolor="#cccccc">
<tr><td width="15%"><font size="2">索引号：</font></td><td width="35%"><font size="2">{it["index"]}</font></td>
<td width="15%"><font size="2">发布机构：</font></td><td><font size="2">{NAME}</font></td></tr>
<tr><td><font size="2">生成日期：</font></td><td><font size="2">{cn(it["day"])}</font></td>
<td><font size="2">文号：</font></td><td><font size="2">{escape(it["doc_no"])}</font></td></tr></table>"""
    crumb = _crumb_of(it["slug"]) if it["slug"] else ""
    return _page(f"""{meta}
<table width="100%" border="0"><tr><td align="center" height="50"><font size="4" color="#000000"><b>{escape(it["title"])}</b></font></td></tr>
<tr><td><font size="3">{body}</font></td></tr>{related}</table>""", crumb)


def home() -> str:
    latest = sorted(((p, it) for p, it in ITEMS.items() if it["slug"]), key=lambda x: x[1]["day"], reverse=True)[:8]
    return _page(f'<table width="100%"><tr><td><b>最新信息</b></td></tr></table>'
                 f'<table width="100%" cellpadding="4">{_rows(latest)}</table>')


GUIDE = f"""<table width="100%"><tr><td align="center"><font size="4"><b>{NAME}政府信息公开指南</b></font></td></tr>
<tr><td><font size="3"><p>　　一、信息分类与编排体系：本局主动公开的政府信息分为机构职能、政策文件、政策解读、规划计划等类别，按类别编排。</p>
<p>　　二、获取方式：公民可通过本网站、县政务服务中心查阅点获取本局主动公开的政府信息。</p>
<p>　　三、依申请公开：本局自收到申请之日起20个工作日内予以答复。</p>
<p>　　四、工作机构：机构名称：清溪县统计局办公室；办公地址：清溪县人民路18号；办公时间：工作日8:00-12:00、14:30-17:30；
联系电话：0550-5123000；传真：0550-5123001；电子邮箱：qxtjj@qingxi.gov.cn。</p></font></td></tr></table>"""
SYSTEM = f"""<table width="100%"><tr><td align="center"><font size="4"><b>{NAME}政府信息公开工作制度</b></font></td></tr>
<tr><td><font size="3"><p>　　第一条 为做好本局政府信息公开工作，制定本制度。</p><p>　　第二条 局办公室负责政府信息公开的日常工作。</p>
<p>　　第三条 公开前应进行保密审查。</p></font></td></tr></table>"""
APPLY = """<table width="100%"><tr><td align="center"><font size="4"><b>依申请公开</b></font></td></tr>
<tr><td><font size="3"><p>　　申请方式：申请人可以采用信函、当面提交等方式提出申请，请填写政府信息公开申请表。</p>
<p>　　受理地址：清溪县人民路18号县统计局办公室。</p></font></td></tr></table>"""


def annual() -> str:
    rows = "".join(f'<tr><td><a href="{p.rsplit("/", 1)[1]}"><font size="2">{t}</font></a></td>'
                   f'<td align="right"><font size="2">{cn(d)}</font></td></tr>' for p, (t, d, _) in REPORTS.items())
    return _page(f'<table width="100%"><tr><td><b>政府信息公开年报</b></td></tr>{rows}</table>')


def _html(text: str) -> Response:
    # declared GB2312, written in GBK (王堃, 李珺 are not in GB2312)
    return Response(text, content_type="text/html; charset=gb2312", encoding="gbk")


def respond(req: Request) -> Response | None:
    path = req.path
    if path in ("/", "/index.htm"):
        return _html(home())
    fixed = {GUIDE_PATH: GUIDE, SYSTEM_PATH: SYSTEM, APPLY_PATH: APPLY}
    if path in fixed:
        return _html(_page(fixed[path]))
    if path == ANNUAL_PATH:
        return _html(annual())
    if path in ITEMS:
        return _html(item_page(path))
    parts = path.strip("/").split("/")
    if len(parts) == 3 and parts[0] == "xxgk" and parts[1] in COLUMNS:
        name = parts[2]
        page = 1 if name == "list.htm" else int(name[5:-4]) if name.startswith("list_") and name[5:-4].isdigit() else 0
        html = column_page(parts[1], page) if page else None
        return _html(html) if html else not_found()
    return not_found()


def truth(base: dict) -> list[dict]:
    d = base["disclosure"]
    index = {p: it["index"] for p, it in ITEMS.items()}
    return [
        {"rule": "FRESH-002", "column": "规划计划", "note": "最新信息为2018年2月26日，年度类栏目超过1年未更新"},
        {"rule": "FRESH-003", "column": "听证公告", "note": "听证公告栏目没有任何信息"},
        {"rule": "SRCH-001", "url": f"{d}/", "note": "整个网站没有站内检索"},
        {"rule": "CAT-004", "url": f"{d}/", "note": "目录信息都没有内容概述"},
        {"rule": "META-001", "url": f"{d}{GFX_B}", "note": "规范性文件没有文号"},
        {"rule": "INTERP-001", "url": f"{d}{GFX_C}", "note": "规范性文件没有政策解读"},
        # decoys
        {"rule": "CAT-003", "column": "信息公开指南", "decoy": True, "note": "固定栏目只在页脚链接"},
        {"rule": "CAT-003", "column": "信息公开制度", "decoy": True, "note": "固定栏目只在页脚链接"},
        {"rule": "CAT-003", "column": "信息公开年报", "decoy": True, "note": "固定栏目只在页脚链接"},
        {"rule": "CAT-003", "column": "依申请公开", "decoy": True, "note": "固定栏目只在页脚链接"},
        {"rule": "GUIDE-001", "column": "信息公开指南", "decoy": True, "note": "指南在页脚链接"},
        {"rule": "GUIDE-002", "column": "信息公开指南", "decoy": True, "note": "指南包含全部要素"},
        {"rule": "APPLY-001", "column": "依申请公开", "decoy": True, "note": "写明信函、当面提交和申请表"},
        {"rule": "REPORT-001", "url": f"{d}/", "decoy": True, "note": "2018年报于2019年3月15日发布"},
        {"rule": "FRESH-002", "column": "工作动态", "decoy": True, "note": "第2页的旧信息不代表栏目过期"},
        {"rule": "PRIV-002", "url": f"{d}/xxgk/xzcf/20190826_92.htm", "decoy": True, "note": "手机号已打码"},
        {"rule": "CONS-002", "index_no": index[GFX_A], "decoy": True, "note": "<title>只有站名，标题在加粗单元格"},
        {"rule": "CONS-002", "index_no": index["/xxgk/rsxx/20190506_61.htm"], "decoy": True,
         "note": "标题中的“堃”“珺”只在GBK中，声明为GB2312"},
        {"rule": "CONSULT-002", "url": f"{d}/xxgk/yjzj/20190528_71.htm", "decoy": True, "note": "已发布意见采纳情况反馈"},
    ]


def urls(base: dict) -> list[str]:
    d = base["disclosure"]
    out = [f"{d}/", f"{d}{GUIDE_PATH}", f"{d}{SYSTEM_PATH}", f"{d}{ANNUAL_PATH}", f"{d}{APPLY_PATH}"]
    for slug in COLUMNS:
        out.append(f"{d}/xxgk/{slug}/list.htm")
        n = sum(1 for it in ITEMS.values() if it["slug"] == slug)
        out += [f"{d}/xxgk/{slug}/list_{k}.htm" for k in range(2, -(-n // PAGE_SIZE) + 1)]
    out += [f"{d}{p}" for p in ITEMS]
    return out
