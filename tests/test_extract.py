"""Tests for crawler.dates and crawler.extract on hand-written snippets.

The snippets imitate variants seen on real government sites (TRS, Hanweb, Lonsun, 开普云 styles
and others) with made-up class names: extraction must not depend on them.
"""
from __future__ import annotations

import time
from datetime import date

import pytest

from crawler import extract as ex
from crawler.dates import all_dates, find_date_text, parse_date

URL = "http://www.qinglan.gov.cn/zwgk/col/col123/index.html"


# ----------------------------------------------------------------------------------- dates

@pytest.mark.parametrize("text", [
    "2019-09-05", "2019-9-5", "2019年09月05日", "2019年9月5日", "2019/9/5", "发布于 20190905",
    "[2019-09-05]", "发布时间：2019-09-05 10:30:00", "2019 年 9 月 5 日", "２０１９－０９－０５",
])
def test_parse_date_formats(text):
    assert parse_date(text) == date(2019, 9, 5)


def test_parse_date_dots():
    assert parse_date("2019.09.26") == date(2019, 9, 26)


@pytest.mark.parametrize("text", [
    "青政办〔2019〕12号", "皖政〔2019〕5号", "003240560/201909-00012", "11340100003240560X",
    "t20190905_123456", "电话：0564-3371234", "2019年1-9月统计", "第1-2页", "版本 2019.9", "",
    None, "20191345",
])
def test_no_date_in_non_dates(text):
    assert parse_date(text) is None
    assert find_date_text(text) is None


def test_impossible_date_is_reported_raw():
    assert parse_date("2019-02-30") is None
    assert find_date_text("成文日期：2019-02-30") == "2019-02-30"
    assert find_date_text("2019年13月01日") == "2019年13月01日"
    # the first token decides: a wrong date is not silently replaced by a later one
    assert parse_date("2019-02-30 至 2019-03-01") is None


def test_year_less_dates_need_default_year():
    assert parse_date("09-05") is None
    assert parse_date("[09-05]", default_year=2019) == date(2019, 9, 5)
    assert parse_date("9月5日", default_year=2018) == date(2018, 9, 5)
    assert find_date_text("[09-05]") is None
    assert find_date_text("[09-05]", short=True) == "09-05"
    # a full date still wins over its year-less tail
    assert parse_date("2019-09-05", default_year=2000) == date(2019, 9, 5)
    # page ranges and times are not year-less dates
    assert parse_date("第1-2页 10:30", default_year=2019) is None


def test_all_dates():
    text = "成文日期：2019年9月1日，发布日期：2019-09-05，废止：2019-02-30"
    assert all_dates(text) == [date(2019, 9, 1), date(2019, 9, 5)]
    assert all_dates("09-05 与 09-06", default_year=2019) == [date(2019, 9, 5), date(2019, 9, 6)]
    assert all_dates("") == []


# ----------------------------------------------------------------------------------- labels

@pytest.mark.parametrize("raw,field", [
    ("索 引 号：", "index_no"), ("文\u3000\u3000号", "doc_no"), ("索引号:", "index_no"),
    ("发\xa0布\xa0机\xa0构", "publisher"), ("【发文字号】", "doc_no"), ("服务对象分类：", "audience"),
    ("是否有效", "validity"), ("主 题 词：", "keywords"), ("信息来源", "publisher"),
])
def test_label_key_variants(raw, field):
    assert ex.LABEL_INDEX[ex.label_key(raw)] == field


def test_labels_cover_brief():
    assert set(ex.LABELS) >= {"index_no", "publisher", "created", "published", "doc_no", "topic",
                              "combo", "genre", "audience", "keywords", "summary", "validity",
                              "title"}
    assert ex.label_key("来源") not in ex.LABEL_INDEX


# ----------------------------------------------------------------------------------- metadata

TRS_GRID = """
<html><head><meta name="ArticleTitle" content="关于做好2019年秋季开学工作的通知"></head><body>
<div class="gk-head">
<table class="tb_xxgk">
 <tr><th>索 引 号：</th><td>003240560/201909-00012</td><th>主题分类：</th><td>教育</td></tr>
 <tr><th>发布机构：</th><td>青岚区教育局</td><th>生成日期：</th><td>2019-09-05</td></tr>
 <tr><th>名\u3000\u3000称：</th><td colspan="3">关于做好2019年秋季开学工作的通知</td></tr>
 <tr><th>文\u3000\u3000号：</th><td>青教〔2019〕12号</td><th>有 效 性：</th><td></td></tr>
</table>
</div>
<div class="mobile-only">
 <dl><dt>索引号</dt><dd>MOBILE-COPY</dd><dt>发布机构</dt><dd>MOBILE</dd></dl>
</div>
<div class="article"><p>各学校：</p><p>现将有关事项通知如下。</p></div>
</body></html>"""


def test_metadata_trs_four_column_grid_and_mobile_copy():
    meta = ex.metadata(TRS_GRID)
    assert meta["index_no"] == "003240560/201909-00012"
    assert meta["topic"] == "教育"
    assert meta["publisher"] == "青岚区教育局"      # desktop copy wins over the mobile copy
    assert meta["created"] == "2019-09-05"
    assert meta["title"] == "关于做好2019年秋季开学工作的通知"
    assert meta["doc_no"] == "青教〔2019〕12号"
    assert meta["validity"] == ""                   # label present, value empty
    assert "published" not in meta                   # no label at all


def test_metadata_hanweb_dl():
    html = """<div class="xxgk_info"><dl>
      <dt>索引号:</dt><dd>11340100003240560X/2019-00239</dd>
      <dt>信息分类:</dt><dd>政务公开 / 通知公告</dd>
      <dt>发文机关:</dt><dd>市统计局</dd>
      <dt>发文字号:</dt><dd> 统〔2019〕3号 </dd>
      <dt>成文日期:</dt><dd>2019年9月1日</dd>
      <dt>发布日期:</dt><dd>2019年9月2日</dd>
      <dt>组配分类:</dt><dd>统计信息</dd><dt>体裁分类:</dt><dd>通知</dd>
      <dt>服务对象分类:</dt><dd>企业</dd>
    </dl></div>"""
    meta = ex.metadata(html)
    assert meta == {
        "index_no": "11340100003240560X/2019-00239", "topic": "政务公开 / 通知公告",
        "publisher": "市统计局", "doc_no": "统〔2019〕3号", "created": "2019年9月1日",
        "published": "2019年9月2日", "combo": "统计信息", "genre": "通知", "audience": "企业",
    }


def test_metadata_lonsun_spans_and_labels_with_tail_text():
    html = """<ul class="zf-meta">
      <li><span class="a1">索引号：</span><span class="a2">003240560/201705-00239</span></li>
      <li><label>发布机构：</label>桃源镇人民政府</li>
      <li><b>关键词</b>：开学 安全</li>
      <li><span>内容概述：</span></li>
    </ul>"""
    meta = ex.metadata(html)
    assert meta["index_no"] == "003240560/201705-00239"
    assert meta["publisher"] == "桃源镇人民政府"
    assert meta["keywords"] == "开学 安全"
    assert meta["summary"] == ""


def test_metadata_div_grid_with_wrapped_labels():
    html = """<div class="kp-grid">
      <div class="r"><div class="k"><span><b>发文字号</b></span></div><div class="v">东政〔2019〕7号</div></div>
      <div class="r"><div class="k">公开日期</div><div class="v"><span>2019/9/5</span></div></div>
      <div class="r"><div class="k">是否有效</div><div class="v">有效</div></div>
    </div>"""
    meta = ex.metadata(html)
    assert meta == {"doc_no": "东政〔2019〕7号", "published": "2019/9/5", "validity": "有效"}


def test_metadata_inline_label_value_text():
    html = """<div class="info">
      <p>发布日期：2019-09-05</p>
      <span>索引号：003240560/201909-00012</span>
      <div class="src">信息来源：青岚区人民政府办公室 浏览次数：<span>123</span> 字号：[大 中 小]</div>
      <p>文件编号：<em>青政</em>〔2019〕8号<br>成文时间：2019年9月1日</p>
    </div>"""
    meta = ex.metadata(html)
    assert meta["published"] == "2019-09-05"
    assert meta["index_no"] == "003240560/201909-00012"
    assert meta["publisher"] == "青岚区人民政府办公室"   # stops at the next (unknown) label
    assert meta["doc_no"] == "青政〔2019〕8号"
    assert meta["created"] == "2019年9月1日"


def test_metadata_ignores_labels_in_body_prose():
    html = """<div class="content">
      <p>本办法所称发布日期：是指政府信息在网站上公开的日期，行政机关应当在信息形成之日起二十个工作日内予以公开。</p>
      <p>发布日期：应当以信息实际公开的日期为准，行政机关应当自该政府信息形成或者变更之日起二十个工作日内及时公开，法律另有规定的除外。</p>
      <p>名称：不得随意变更。</p>
    </div>"""
    assert ex.metadata(html) == {}


def test_metadata_ignores_list_headers_and_classification_menus():
    html = """<div><h4>主题分类</h4><ul><li><a href="/a">综合政务</a></li><li><a href="/b">经济管理</a></li>
      <li><a href="/c">国土资源</a></li></ul></div>
      <table><tr><th>索引号</th><th>名称</th><th>生成日期</th></tr>
      <tr><td>003240560/201909-00001</td><td><a href="/x.html">某通知</a></td><td>2019-09-01</td></tr></table>"""
    meta = ex.metadata(html)
    assert "topic" not in meta and "index_no" not in meta and "title" not in meta


def test_metadata_accepts_tree_and_odd_input():
    tree = ex.parse(TRS_GRID)
    assert ex.metadata(tree)["index_no"] == "003240560/201909-00012"
    assert ex.metadata("") == {}
    xml_decl = '<?xml version="1.0" encoding="utf-8"?><html><body><p>发布日期：2019-09-05</p></body></html>'
    assert ex.metadata(xml_decl) == {"published": "2019-09-05"}
    gbk = "<html><head><meta charset='gbk'></head><body><p>索引号：A1/2019-1</p></body></html>"
    assert ex.metadata(gbk.encode("gbk")) == {"index_no": "A1/2019-1"}


# ----------------------------------------------------------------------------------- title

def test_title_prefers_meta_article_title():
    assert ex.title(TRS_GRID) == "关于做好2019年秋季开学工作的通知"


def test_title_skips_site_name_heading():
    html = """<html><head><title>2019年政府信息公开工作年度报告 - 青岚区人民政府</title></head><body>
      <header><h1>青岚区人民政府</h1></header><div class="side"><h3>热点专题</h3></div>
      <div class="main"><h2 class="t">2019年政府信息公开工作年度报告</h2><p>正文</p></div></body></html>"""
    assert ex.title(html) == "2019年政府信息公开工作年度报告"


def test_title_site_name_h1_outside_header_tag():
    html = """<html><head><title>关于公布权责清单的通知_东城街道办事处</title></head><body>
      <div class="logo"><h1>东城街道办事处</h1></div><div><h3>关于公布权责清单的通知</h3></div></body></html>"""
    assert ex.title(html) == "关于公布权责清单的通知"


def test_title_falls_back_to_title_tag_without_suffix():
    html = """<html><head><title>关于开展安全检查的通知_通知公告_桃源镇</title></head>
      <body><div class="tit">关于开展安全检查的通知</div></body></html>"""
    assert ex.title(html) == "关于开展安全检查的通知"
    assert ex.title("<html><body><p>x</p></body></html>") == ""


# ----------------------------------------------------------------------------------- body

ARTICLE = """<html><body>
<div class="top"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/hd/">互动交流</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>
<div class="meta"><p>发布机构：青岚区人民政府办公室</p><p>发布日期：2019-09-05</p></div>
<div class="zoom">
  <p>各乡镇人民政府，区政府各部门：</p>
  <p>为进一步做好政府信息公开工作，根据《中华人民共和国政府信息公开条例》，现将有关事项通知如下。</p>
  <p>一、加强组织领导。各单位要高度重视，明确分管领导和工作人员。</p>
  <p>二、规范公开内容。按照公开目录及时发布信息，确保发布日期：准确。</p>
</div>
<div class="foot"><p>主办单位：青岚区人民政府办公室 版权所有 皖ICP备10340074号</p></div>
</body></html>"""


def test_body_text_picks_article_paragraphs():
    body = ex.body_text(ARTICLE)
    lines = body.split("\n")
    assert lines[0] == "各乡镇人民政府，区政府各部门："
    assert len(lines) == 4
    assert "主办单位" not in body and "当前位置" not in body and "发布机构" not in body
    assert "互动交流" not in body


def test_body_text_wrapped_paragraphs_and_br_lines():
    wrapped = """<div class="art"><div><p>第一段内容比较长一些，讲述了工作背景。</p></div>
      <div><p>第二段内容也比较长，讲述了工作要求和具体措施。</p></div>
      <div><p>第三段内容：联系人张三，电话1234567。</p></div></div>
      <div class="side"><p>侧栏短文</p></div>"""
    body = ex.body_text(wrapped)
    assert body.split("\n") == ["第一段内容比较长一些，讲述了工作背景。",
                                "第二段内容也比较长，讲述了工作要求和具体措施。",
                                "第三段内容：联系人张三，电话1234567。"]
    old_site = """<table><tr><td class="nav"><a href="/a">栏目一</a> <a href="/b">栏目二</a></td></tr>
      <tr><td><font size="3">　　第一行正文内容，关于做好防汛工作。<br>　　第二行正文内容，各单位要落实责任。</font></td></tr></table>"""
    assert ex.body_text(old_site) == "第一行正文内容，关于做好防汛工作。\n第二行正文内容，各单位要落实责任。"


def test_body_text_empty_for_menu_only_page():
    html = """<div><ul><li><a href="/1">栏目一</a></li><li><a href="/2">栏目二</a></li></ul>
      <div><a href="/3">网站地图</a> <a href="/4">联系我们</a></div></div>"""
    assert ex.body_text(html) == ""


# ----------------------------------------------------------------------------------- breadcrumb

@pytest.mark.parametrize("html", [
    '<div>当前位置：<a href="/">首页</a> &gt; <a href="/a">政务公开</a> &gt; <a href="/b">通知公告</a></div>',
    '<div class="loc"><span>您当前的位置：</span><a href="/">首页</a>&nbsp;›&nbsp;<a>政务公开</a>&nbsp;›&nbsp;<a>通知公告</a></div>',
    '<p>您的位置: 首页 » 政务公开 » 通知公告</p>',
    '<div><b>所在位置：</b><a>网站首页</a> / <a>政务公开</a> / <span>通知公告</span></div>',
    '<td>位置：首页→政务公开→通知公告</td>',
    '<div>当前位置：首页 &amp;gt; 政务公开 &amp;gt; 通知公告</div>',  # double-escaped separators
    '<div class="path"><span>当前位置：</span><a href="/">首页</a><a href="/a">政务公开</a><a href="/b">通知公告</a></div>',
])
def test_breadcrumb_separators(html):
    assert ex.breadcrumb(html) == ["政务公开", "通知公告"]


def test_breadcrumb_negative():
    assert ex.breadcrumb("<p>项目位置位于城区东部，交通便利。</p>") == []
    assert ex.breadcrumb("<div><a href='/'>首页</a> &gt; <a>政务公开</a></div>") == []
    long_text = "<p>当前位置：" + "很长的正文" * 60 + "</p>"
    assert ex.breadcrumb(long_text) == []


# ----------------------------------------------------------------------------------- listings

LIST_PAGE = """<html><body>
<div class="head"><span>今天是：2019年9月30日 星期一</span><a href="/">设为首页</a><a href="/fav">加入收藏</a></div>
<ul class="menu"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hd/">互动交流</a></li></ul>
<ul class="list-a">
  <li><a href="./201909/t20190926_1.html" title="关于印发青岚区2019年秋季开学工作方案的通知" target="_blank">关于印发青岚区2019年秋季…</a><span>2019-09-26</span></li>
  <li><span class="cat">[通知]</span><a href="/c/2.html">做好<font color="red">开学</font>工作<em>安排</em>的通知</a><i>[09-05]</i></li>
  <li><a href="/c/3.html">关于2019年9月1日起调整公交线路的公告</a></li>
</ul>
<div class="cards">
  <a class="card" href="/c/4.html"><h3>卡片式标题第一条</h3><span>2019.09.01</span></a>
  <a class="card" href="/c/5.html"><h3>卡片式标题第二条</h3><span>2019.09.02</span></a>
</div>
<dl class="hw"><dd><a href="/c/6.html">汉维风格标题</a><span>2019年08月30日</span></dd>
  <dd><a href="/c/7.html">汉维风格标题二</a><span>2019年08月29日</span></dd></dl>
<table class="grid">
  <tr><th>序号</th><th>索引号</th><th>信息名称</th><th>文号</th><th>生成日期</th></tr>
  <tr><td>1</td><td>003240560/201909-00012</td><td><a href="/p/1.html">表格里的文件</a></td><td>青政〔2019〕1号</td><td>2019-09-05</td></tr>
  <tr><td>2</td><td>003240560/201909-00013</td><td><a href="/p/2.html">表格里无日期的文件</a></td><td></td><td></td></tr>
</table>
<div class="search-result">
  <div class="item"><a href="/s/1.html">政府信息<em>公开</em>年度报告</a>
    <p>摘要：……2018年度政府信息公开工作情况如下……</p><span class="d">发布时间：2019-01-31</span></div>
  <div class="item"><a href="/s/2.html"><font color="red">公开</font>指南</a>
    <p>摘要：本指南所称政府信息……</p><span class="d">发布时间：2019/1/2</span></div>
</div>
</body></html>"""


def _by_url(items):
    return {i.url.split("qinglan.gov.cn", 1)[-1]: i for i in items}


def test_listings_rows_with_dates():
    items = _by_url(ex.listings(LIST_PAGE, URL, default_year=2019))
    first = items["/zwgk/col/col123/201909/t20190926_1.html"]
    assert first.url == "http://www.qinglan.gov.cn/zwgk/col/col123/201909/t20190926_1.html"
    assert first.title == "关于印发青岚区2019年秋季…"
    assert first.title_attr == "关于印发青岚区2019年秋季开学工作方案的通知"
    assert first.date == date(2019, 9, 26) and first.date_text == "2019-09-26"
    assert items["/c/2.html"].title == "做好开学工作安排的通知"           # highlights flattened
    assert items["/c/2.html"].date == date(2019, 9, 5)
    assert items["/c/4.html"].title == "卡片式标题第一条" and items["/c/4.html"].date == date(2019, 9, 1)
    assert items["/c/6.html"].date == date(2019, 8, 30)
    assert items["/s/1.html"].title == "政府信息公开年度报告"
    assert items["/s/1.html"].date == date(2019, 1, 31)
    assert items["/c/2.html"].date_text == "09-05"


def test_listings_header_table_takes_index_no_and_dateless_rows():
    table_rows = [i for i in ex.listings(LIST_PAGE, URL) if i.index_no]
    assert [(r.title, r.index_no, r.date) for r in table_rows] == [
        ("表格里的文件", "003240560/201909-00012", date(2019, 9, 5)),
        ("表格里无日期的文件", "003240560/201909-00013", None),
    ]


def test_listings_skip_navigation_and_title_dates():
    urls = {i.url for i in ex.listings(LIST_PAGE, URL)}
    assert "http://www.qinglan.gov.cn/" not in urls             # nav / 设为首页 beside today's date
    assert "http://www.qinglan.gov.cn/fav" not in urls
    assert "http://www.qinglan.gov.cn/zwgk/" not in urls
    assert "http://www.qinglan.gov.cn/c/3.html" not in urls      # the date is part of the title only


def test_listings_year_less_date_without_default_year():
    items = _by_url(ex.listings(LIST_PAGE, URL))
    assert items["/c/2.html"].date is None and items["/c/2.html"].date_text == "09-05"


def test_listings_document_order_and_no_duplicates():
    html = """<ul><li><a href="/a.html">第一条标题文字</a> 2019-09-03</li>
      <li><a href="/b.html">第二条标题文字</a> 2019-09-02</li></ul>
      <ul class="m"><li><a href="/a.html">第一条标题文字</a> 2019-09-03</li></ul>"""
    items = ex.listings(html, "http://x.gov.cn/list/")
    assert [i.url for i in items] == ["http://x.gov.cn/a.html", "http://x.gov.cn/b.html"]


# ----------------------------------------------------------------------------------- pagination

def test_pagination_query_string_with_last_page():
    html = """<div class="pagebar">共5页 <a href="?organId=3&amp;catId=5&amp;page=1">首页</a>
      <a href="javascript:;">上一页</a><a href="?organId=3&amp;catId=5&amp;page=2">下一页</a>
      <a href="?organId=3&amp;catId=5&amp;page=5">尾页</a></div>"""
    pages = ex.pagination(html, "http://gk.qinglan.gov.cn/public/list?organId=3&catId=5")
    assert pages == [f"http://gk.qinglan.gov.cn/public/list?organId=3&catId=5&page={i}"
                     for i in range(2, 6)]


def test_pagination_last_page_other_param_names_and_current_page():
    html = """<p><a href="list.jsp?pageNo=1&amp;cid=9">首页</a> <a href="list.jsp?pageNo=2&amp;cid=9">2</a>
      <a href="list.jsp?pageNo=4&amp;cid=9">末页</a></p>"""
    pages = ex.pagination(html, "http://a.gov.cn/x/list.jsp?pageNo=2&cid=9")
    assert pages == ["http://a.gov.cn/x/list.jsp?pageNo=1&cid=9",
                     "http://a.gov.cn/x/list.jsp?pageNo=3&cid=9",
                     "http://a.gov.cn/x/list.jsp?pageNo=4&cid=9"]


def test_pagination_trs_create_page_html():
    html = '<div id="pager"></div><script>createPageHTML(4, 0, "index", "shtml");</script>'
    assert ex.pagination(html, "http://a.gov.cn/col/tzgg/index.shtml") == [
        "http://a.gov.cn/col/tzgg/index_1.shtml", "http://a.gov.cn/col/tzgg/index_2.shtml",
        "http://a.gov.cn/col/tzgg/index_3.shtml"]
    # counter in a variable, viewed from page index_2 of a folder URL
    html2 = ('<script>var countPage = 3//共多少页\n'
             'createPageHTML(countPage, 2, "index", "html");</script>')
    assert ex.pagination(html2, "http://a.gov.cn/col/tzgg/index_2.html") == [
        "http://a.gov.cn/col/tzgg/index.html", "http://a.gov.cn/col/tzgg/index_1.html"]


def test_pagination_count_variables_and_url_shape():
    assert ex.pagination("<script>var totalPage=3;</script>", "http://a.gov.cn/c/index.html") == [
        "http://a.gov.cn/c/index_1.html", "http://a.gov.cn/c/index_2.html"]
    html = "<script>$('#p').pager({pageCount: 3, current: 1, size: 20});</script>"
    assert ex.pagination(html, "http://a.gov.cn/site/tpl/1?catId=7") == [
        "http://a.gov.cn/site/tpl/1?catId=7&page=2", "http://a.gov.cn/site/tpl/1?catId=7&page=3"]
    html = '<script>var pageInfo = {"totalPage": 3, "pageIndex": 2};</script>'
    assert ex.pagination(html, "http://a.gov.cn/l?catId=7&pageIndex=2") == [
        "http://a.gov.cn/l?catId=7&pageIndex=1", "http://a.gov.cn/l?catId=7&pageIndex=3"]


def test_pagination_static_number_links():
    html = """<div class="pg"><span>1</span><a href="index_1.html">2</a><a href="index_2.html">3</a>
      <a href="index_1.html">下一页</a><a href="index_9.html">尾页</a></div>"""
    pages = ex.pagination(html, "http://a.gov.cn/c/index.html")
    assert pages[0] == "http://a.gov.cn/c/index_1.html"
    assert pages[-1] == "http://a.gov.cn/c/index_9.html"
    assert len(pages) == 9


def test_pagination_negative():
    # a navigation 首页 and a calendar of day numbers are not a pager
    html = """<ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul>
      <table class="cal"><tr>""" + "".join(
        f'<td><a href="/cal?d={d}">{d}</a></td>' for d in range(1, 31)) + "</tr></table>"
    assert ex.pagination(html, "http://a.gov.cn/c/index.html") == []
    assert ex.pagination("<script>var countPage = 1;</script>", "http://a.gov.cn/c/index.html") == []
    assert ex.pagination("<p>下一页</p>", "http://a.gov.cn/c/") == []


# ----------------------------------------------------------------------------------- labelled links

def test_labelled_links_variants():
    html = """<div class="fl">
      <p>主题分类：<a href="/t/1">综合政务</a>、<a href="/t/2">教育</a></p>
      <h5>按体裁分类</h5><a href="/g/1">通知</a><a href="/g/2">公告</a>
      <div><h4>相关解读</h4><p><a href="/jd/1.html">图解：开学工作方案</a></p></div>
      <table><tr><td>原文件</td><td><a href="/yw/1.html">关于开学工作的通知</a></td></tr></table>
      <dl><dt>服务对象</dt><dd><ul><li><a href="/s/1">企业</a></li><li><a href="/s/2">个人</a></li></ul></dd></dl>
      <p>附件：<a href="/u/a.xlsx">1.统计表.xlsx</a></p>
      <p><span>组配分类</span><a href="/z/1">计划总结</a></p>
    </div>"""
    got = ex.labelled_links(html, "http://a.gov.cn/x/")
    assert got["主题分类"] == [("综合政务", "http://a.gov.cn/t/1"), ("教育", "http://a.gov.cn/t/2")]
    assert got["体裁分类"] == [("通知", "http://a.gov.cn/g/1"), ("公告", "http://a.gov.cn/g/2")]
    assert got["相关解读"] == [("图解：开学工作方案", "http://a.gov.cn/jd/1.html")]
    assert got["原文件"] == [("关于开学工作的通知", "http://a.gov.cn/yw/1.html")]
    assert got["服务对象"] == [("企业", "http://a.gov.cn/s/1"), ("个人", "http://a.gov.cn/s/2")]
    assert got["附件"] == [("1.统计表.xlsx", "http://a.gov.cn/u/a.xlsx")]
    assert got["组配分类"] == [("计划总结", "http://a.gov.cn/z/1")]


def test_labelled_links_negative():
    html = """<div><h4>相关解读</h4>
      <p>这是一段很长的正文，说明了本政策出台的背景、依据和主要内容，不是任何链接的标题。</p>
      <p><a href="/x.html">正文里的链接</a></p></div>
      <ul><li><a href="/a">无标签一</a></li><li><a href="/b">无标签二</a></li></ul>
      <a href="javascript:void(0)">脚本</a>"""
    got = ex.labelled_links(html, "http://a.gov.cn/")
    assert got == {}


# ----------------------------------------------------------------------------------- links

def test_links_kinds_and_resolution():
    html = """<html><head><base href="http://cdn.a.gov.cn/base/"></head><body>
      <a href="doc/1.html#top">页面</a><a href="/group1/M00/00/P0.PDF">附件</a>
      <a href="/down.jsp?file=report.xlsx">下载</a><a href="mailto:a@b.cn">邮件</a>
      <a href="javascript:void(0)">脚本</a><a href="tel:0564-123">电话</a>
      <a href=" \n/spaces.html ">空白</a><a href="">空</a><a>无href</a>
      <a href="/img"><img src="x.png" alt="政务微博"></a>
      <map><area href="/area.html" alt="地图"></map></body></html>"""
    got = ex.links(html, URL)
    assert got == [
        ("http://cdn.a.gov.cn/base/doc/1.html", "页面", "page"),
        ("http://cdn.a.gov.cn/group1/M00/00/P0.PDF", "附件", "attachment"),
        ("http://cdn.a.gov.cn/down.jsp?file=report.xlsx", "下载", "attachment"),
        ("mailto:a@b.cn", "邮件", "mailto"),
        ("javascript:void(0)", "脚本", "javascript"),
        ("tel:0564-123", "电话", "other"),
        ("http://cdn.a.gov.cn/spaces.html", "空白", "page"),
        ("http://cdn.a.gov.cn/img", "政务微博", "page"),
        ("http://cdn.a.gov.cn/area.html", "", "page"),
    ]


def test_script_urls_same_host_only():
    html = """<div data-url="/site/label/8888?labelName=publicInfoList&amp;pageIndex=1" data-id="42"></div>
      <script>
        $.get("/api/list.json?catId=5", function(){});
        var more = 'more/index.html'; var cdn = "http://other.cn/list.html";
        loadScript("/js/jquery.js"); var img = "/images/a.png"; var re = /a\\/b/g;
      </script>
      <script src="/x.js">"/ignored.html"</script>"""
    got = ex.script_urls(html, "http://a.gov.cn/col/1/index.html")
    assert got == [
        "http://a.gov.cn/site/label/8888?labelName=publicInfoList&pageIndex=1",
        "http://a.gov.cn/api/list.json?catId=5",
        "http://a.gov.cn/col/1/more/index.html",
    ]


# ----------------------------------------------------------------------------------- search form

def test_search_form_trs_was5():
    html = """<form action="/was5/web/search?old=1" method="get" target="_blank">
      <input type="hidden" name="channelid" value="234439">
      <input type="text" name="searchword" placeholder="请输入关键字">
      <input type="hidden" name="perpage" value="10"><input type="submit" value="搜索"></form>"""
    assert ex.search_form(html, URL) == (
        "http://www.qinglan.gov.cn/was5/web/search?channelid=234439&searchword={q}&perpage=10")


def test_search_form_variants():
    hanweb = """<form name="searchform" action="http://s.a.gov.cn/jrobotfront/search.action">
      <input name="webid" type="hidden" value="1"><select name="pg"><option value="10">10</option>
      <option value="20" selected>20</option></select>
      <input name="q" type="text"><button type="submit">检索</button></form>"""
    assert ex.search_form(hanweb, URL) == (
        "http://s.a.gov.cn/jrobotfront/search.action?webid=1&pg=20&q={q}")
    plain = '<form action="search"><input type="search" name="kw"></form>'
    assert ex.search_form(plain, "http://a.gov.cn/x/") == "http://a.gov.cn/x/search?kw={q}"


def test_search_form_negative():
    login = """<form action="/login" method="get"><input name="username" type="text">
      <input name="password" type="password"><input type="submit" value="登录"></form>"""
    post = """<form action="/search" method="post"><input name="keyword" type="text">
      <input type="submit" value="搜索"></form>"""
    assert ex.search_form(login, URL) is None
    assert ex.search_form(post, URL) is None
    assert ex.search_form("<p>no form</p>", URL) is None


# ----------------------------------------------------------------------------------- footer

def test_footer_identity_text_variants():
    html = """<div class="ft"><p>主办单位：青岚区人民政府办公室 联系电话：0564-1234567</p>
      <p>网站标识码：3415000001 <a href="https://beian.miit.gov.cn">皖ICP备10340074号-1</a></p>
      <p><a href="http://www.beian.gov.cn/portal?recordcode=34150202000123"><img src="ga.png">皖公网安备 34150202000123号</a></p></div>"""
    assert ex.footer_identity(html) == {
        "site_code": "3415000001", "icp": "皖ICP备10340074号-1", "police": "皖公网安备34150202000123号"}


def test_footer_identity_meta_and_negative():
    html = """<html><head><meta name="SiteIDCode" content="341500A001"></head>
      <body><p>ICP备案号：皖ICP备 05001234号</p></body></html>"""
    assert ex.footer_identity(html) == {
        "site_code": "341500A001", "icp": "皖ICP备05001234号", "police": None}
    none = "<p>网站标识码：12345 联系我们 备案中</p><p>电话 34150202000123</p>"
    assert ex.footer_identity(none) == {"site_code": None, "icp": None, "police": None}


# ----------------------------------------------------------------------------------- performance

def test_large_list_page_is_fast():
    rows = "".join(
        f'<li><a href="/c/{i}.html" title="标题{i}">第{i}条信息标题内容</a><span>2019-09-{i % 28 + 1:02d}</span></li>'
        for i in range(1500))
    menu = "".join(f'<li><a href="/m/{i}">栏目{i}</a></li>' for i in range(300))
    html = f"<html><body><ul>{menu}</ul><ul>{rows}</ul><p>发布日期：2019-09-05</p></body></html>"
    tree = ex.parse(html)
    start = time.perf_counter()
    items = ex.listings(tree, URL)
    ex.metadata(tree)
    ex.body_text(tree)
    ex.labelled_links(tree, URL)
    ex.pagination(tree, URL)
    assert time.perf_counter() - start < 5
    assert len(items) == 1500


# ----------------------------------------------------------------------------------- more variants

def test_metadata_info_line_starting_with_unmapped_label():
    html = """<div class="article-info">来源：青岚区政府办&nbsp;&nbsp;发布时间：2019-09-05 10:30&nbsp;&nbsp;
      浏览次数：<span id="hits">100</span></div>
      <div>【发布日期：2019-09-05】【字体：大 中 小】</div>"""
    assert ex.metadata(html) == {"published": "2019-09-05 10:30"}
    bracketed = "<div>【发布日期：2019-09-06】【字体：大 中 小】</div>"
    assert ex.metadata(bracketed) == {"published": "2019-09-06"}


def test_metadata_label_spaced_with_inline_tags_and_prose_negative():
    html = """<table><tr><td>索<span style="padding:0 1em"></span>引<span></span>号：</td><td>A1/2019-1</td>
      <td>发<i></i>布日期</td><td>2019-09-05</td></tr></table>"""
    assert ex.metadata(html) == {"index_no": "A1/2019-1", "published": "2019-09-05"}
    prose = "<p>通知如下：各单位要严格执行，不得随意变更，发布日期：须准确</p>"
    assert ex.metadata(prose) == {}


def test_title_skips_linked_logo_and_column_headings():
    html = """<html><head><title>青岚区人民政府门户网站</title>
      <meta name="SiteName" content="青岚区人民政府门户网站"></head><body>
      <a href="/"><h1>青岚区人民政府</h1></a><div class="l"><h2>政务公开</h2></div>
      <div class="r"><h3>关于开展2019年度考核工作的通知</h3></div></body></html>"""
    assert ex.title(html) == "关于开展2019年度考核工作的通知"
    site_first = """<html><head><title>青岚区人民政府_关于开展考核的通知</title>
      <meta name="SiteName" content="青岚区人民政府"></head><body><div>x</div></body></html>"""
    assert ex.title(site_first) == "关于开展考核的通知"


def test_labelled_links_heading_box_with_more_link():
    html = """<div class="box"><div class="hd"><h3>政策解读</h3><a href="/more">更多&gt;&gt;</a></div>
      <div class="bd"><ul><li><a href="/j/1.html">解读一</a></li><li><a href="/j/2.html">解读二</a></li></ul></div></div>"""
    got = ex.labelled_links(html, "http://a.gov.cn/")
    assert ("解读一", "http://a.gov.cn/j/1.html") in got["政策解读"]
    assert ("解读二", "http://a.gov.cn/j/2.html") in got["政策解读"]


def test_listings_date_at_end_of_link_text():
    html = """<ul><li><a href="/a.html">关于开展考核的通知 2019-09-05</a></li>
      <li><a href="/b.html">关于开展检查的通知[2019-09-06]</a></li>
      <li><a href="/c.html">2019年9月5日会议纪要摘登</a></li></ul>"""
    got = [(i.title, i.date) for i in ex.listings(html, "http://a.gov.cn/")]
    assert got == [("关于开展考核的通知", date(2019, 9, 5)), ("关于开展检查的通知", date(2019, 9, 6))]


def test_search_form_prefers_site_search_over_lookup():
    html = """<form action="/bjcx"><input name="lsh" placeholder="请输入流水号查询"></form>
      <form action="/s"><input name="sw"><input type="submit" value="搜索"></form>"""
    assert ex.search_form(html, "http://a.gov.cn/") == "http://a.gov.cn/s?sw={q}"
    js_only = """<form action="javascript:doSearch()"><input name="searchword"></form>"""
    assert ex.search_form(js_only, "http://a.gov.cn/") is None


def test_pagination_column_index_shape():
    html = """<div class="pages"><a href="column-index-2.shtml">下一页</a>
      <a href="column-index-5.shtml">尾页</a></div>"""
    assert ex.pagination(html, "http://a.gov.cn/col/column-index-1.shtml") == [
        f"http://a.gov.cn/col/column-index-{i}.shtml" for i in range(2, 6)]


def test_breadcrumb_container_wrapping_content_or_link_list():
    wrapped = ('<div>当前位置：<a href="/">首页</a> &gt; <a href="/a">政务公开</a>'
               '<div class="content">' + "正文很长" * 100 + "</div></div>")
    assert ex.breadcrumb(wrapped) == ["政务公开"]
    as_list = """<div class="crumb"><span>当前位置：</span><ul><li><a href="/">首页</a></li>
      <li><a href="/a">政务公开</a></li><li><a href="/b">通知公告</a></li></ul></div>"""
    assert ex.breadcrumb(as_list) == ["政务公开", "通知公告"]


def test_body_text_short_notice_beats_metadata_values():
    html = """<table><tr><td>索引号：</td><td>003240560/201909-00012</td>
      <td>发布机构：</td><td>青岚区人民政府办公室综合科</td></tr>
      <tr><td>名称：</td><td colspan="3">关于开展2019年秋季安全检查的通知</td></tr></table>
      <div><p>各单位：请做好检查。</p></div>"""
    assert ex.body_text(html) == "各单位：请做好检查。"


def test_metadata_ignores_a_heading_over_a_run_of_menu_links():
    html = """<html><body><aside><h5>主题分类</h5><a href="/a">综合政务</a> <a href="/b">城乡建设</a>
    <a href="/c">卫生、体育</a></aside><main><dl><dt>索引号</dt><dd>003240560/201909-00012</dd>
    <dt>主题分类</dt><dd>卫生、体育</dd><dt>发布机构</dt><dd>某局</dd></dl></main></body></html>"""
    md = ex.metadata(html)
    assert md["topic"] == "卫生、体育" and md["index_no"] == "003240560/201909-00012"


def test_metadata_ignores_an_inline_menu_of_classification_links():
    html = """<div><p>体裁分类：<a href="/g1">通知</a> <a href="/g2">公告</a> <a href="/g3">办法</a></p></div>
    <table><tr><td>索引号</td><td>003240560/201909-00012</td><td>体裁分类</td><td>办法</td></tr>
    <tr><td>发布机构</td><td>某局</td><td>生成日期</td><td>2019-09-05</td></tr></table>"""
    assert ex.metadata(html)["genre"] == "办法"


def test_memoised_results_belong_to_one_document():
    import lxml.html
    first = lxml.html.fromstring('<html><body><a href="/a">甲</a></body></html>')
    assert ex.links(first, "http://h/x") == [("http://h/a", "甲", "page")]
    # another document at the same URL (a page fetched again, a string): never the first's result
    assert ex.links('<html><body><a href="/b">乙</a></body></html>', "http://h/x") == [("http://h/b", "乙", "page")]
    second = lxml.html.fromstring('<html><body><p>相关解读：<a href="/c">丙</a></p></body></html>')
    assert ex.labelled_links(second, "http://h/x") == {"相关解读": [("丙", "http://h/c")]}
    assert ex.links(second, "http://h/x") == [("http://h/c", "丙", "page")]


# ----------------------------------------------------------------------------------- data lists and copies

def test_listings_from_an_inline_xml_datastore():
    html = """<html><body><div id="w7"><script type="text/xml">
      <datastore><nextgroup><![CDATA[<a href="/proxy.jsp?cid=7"></a>]]></nextgroup>
      <recordset>
        <record><![CDATA[<p class="r"><a href="/art/2020/3/2/art_7_1.html">春耕备耕工作安排</a><i>2020-03-02</i></p>]]></record>
        <record><![CDATA[<p class="r"><a href="/art/2020/2/8/art_7_2.html">疫情防控告知书</a><i>2020-02-08</i></p>]]></record>
      </recordset></datastore></script></div>
      <script>$("#w7").pager({totalRecord: 2});</script></body></html>"""
    got = ex.listings(html, "http://x.gov.cn/col/col7/index.html")
    assert [(li.title, li.url, li.date) for li in got] == [
        ("春耕备耕工作安排", "http://x.gov.cn/art/2020/3/2/art_7_1.html", date(2020, 3, 2)),
        ("疫情防控告知书", "http://x.gov.cn/art/2020/2/8/art_7_2.html", date(2020, 2, 8)),
    ]


def test_xml_proxy_answer_read_as_a_list_without_its_nextgroup():
    xml = """<?xml version="1.0" encoding="UTF-8"?><datastore>
      <nextgroup><![CDATA[<a href="/proxy.jsp?cid=7&page=2">下一组</a>]]></nextgroup><recordset>
      <record><![CDATA[<div><a href="/art/2019/1/4/art_7_9.html">年度工作总结</a> 2019-01-04</div>]]></record>
      </recordset></datastore>"""
    html = ex.xml_as_html(xml)
    got = ex.listings(html, "http://x.gov.cn/proxy.jsp?startrecord=9")
    assert [(li.title, li.url) for li in got] == [("年度工作总结", "http://x.gov.cn/art/2019/1/4/art_7_9.html")]
    assert "proxy.jsp" not in html
    assert ex.xml_as_html("<rss><item><title>x</title></item></rss>") is None


def test_script_urls_datastore_groups_from_total_and_per_page():
    records = "".join(f'<record><![CDATA[<li><a href="/a/{n}.html">t{n}</a></li>]]></record>' for n in range(6))
    html = f"""<div><script type="text/xml"><datastore>
      <nextgroup><![CDATA[<a href="/mod/proxy.jsp?page=1&amp;col=3&amp;site=9"></a>]]></nextgroup>
      <recordset>{records}</recordset></datastore></script></div>
      <script>$('#d').jpage({{ perPage: 3, totalRecord: 14, groupSize: 2 }});</script>"""
    got = [u for u in ex.script_urls(html, "http://x.gov.cn/col/col3/index.html") if "startrecord" in u]
    assert got == [
        "http://x.gov.cn/mod/proxy.jsp?startrecord=7&endrecord=12&perpage=3&col=3&site=9",
        "http://x.gov.cn/mod/proxy.jsp?startrecord=13&endrecord=18&perpage=3&col=3&site=9",
    ]


def test_pagination_fragment_that_states_only_its_page_count():
    frag = """<ul><li><a href="/p/1.html">一</a><span>2019-09-01</span></li></ul>
      <div><span>共25条</span> <span>共3页</span> <a href="javascript:;" onclick="go(2)">2</a>
      <a href="javascript:;" onclick="go(2)">下一页</a></div>"""
    url = "http://x.gov.cn/site/label/8888?labelName=list&catId=5&pageIndex=1&pageSize=10"
    assert ex.pagination(frag, url) == [
        "http://x.gov.cn/site/label/8888?labelName=list&catId=5&pageIndex=2&pageSize=10",
        "http://x.gov.cn/site/label/8888?labelName=list&catId=5&pageIndex=3&pageSize=10",
    ]
    # prose that mentions pages, and a page without a page parameter, give nothing
    prose = "<p>本册共3页，请按顺序阅读全部内容后再填写申请表并提交到窗口。</p>"
    assert ex.pagination(prose, url) == []
    assert ex.pagination(frag, "http://x.gov.cn/public/column/5?type=4&catId=5") == []


def test_metadata_empty_desktop_cell_does_not_hide_the_mobile_value():
    html = """<div class="wide"><table><tr><td>索引号：</td><td>11340000/2019-01</td>
      <td>摘要：</td><td></td></tr></table></div>
      <div class="narrow"><p><em>索引号：</em>11340000/2019-01</p><p><em>摘要：</em>明确补贴标准和申领流程</p></div>"""
    md = ex.metadata(html)
    assert md["summary"] == "明确补贴标准和申领流程"
    assert md["index_no"] == "11340000/2019-01"


def test_metadata_cell_holding_both_copies_reads_once():
    html = """<table><tr><th>文号</th><td><b class="w">皖政办〔2019〕3号</b><b class="n">皖政办〔2019〕3号</b></td></tr>
      <tr><th>内容概述</th><td><span>规范公共资源交易行为</span> <span>规范公共资源交易行为</span></td></tr></table>"""
    md = ex.metadata(html)
    assert md["doc_no"] == "皖政办〔2019〕3号"
    assert md["summary"] == "规范公共资源交易行为"


def test_metadata_summary_runs_on_through_inner_word_colons():
    html = """<ul><li>索引号：003/201909-00001</li>
      <li>内容概述：现将有关事项公告如下：（一）补贴对象：在册困难群众；（二）发放方式：按月发放。</li>
      <li>发布日期：2019-09-02</li></ul>
      <p>内容概述：项目简介 浏览次数：12</p>"""
    md = ex.metadata(html)
    assert md["summary"] == "现将有关事项公告如下：（一）补贴对象：在册困难群众；（二）发放方式：按月发放。"
    assert md["published"] == "2019-09-02"
    assert ex.metadata("<p>内容概述：项目简介 浏览次数：12</p>")["summary"] == "项目简介"


def test_title_keeps_a_heading_that_names_the_unit_when_it_is_the_page_title():
    html = """<html><head><title>青岚镇2018年政府信息公开工作年度报告_青岚镇</title></head><body>
      <div class="logo"><h2>青岚镇</h2></div><div><h3>导航</h3>
      <h1>青岚镇2018年政府信息公开工作年度报告</h1></div></body></html>"""
    assert ex.title(html) == "青岚镇2018年政府信息公开工作年度报告"


def test_pagination_fragment_pager_drawn_from_data_attributes():
    url = "http://x.gov.cn/site/label/9?name=list&classId=2&pageNo=1&size=8"
    frag = '<ul><li><a href="/p/1.html">一</a> 2019-09-01</li></ul><div class="pg" data-total="20" data-current="1"></div>'
    assert ex.pagination(frag, url) == [
        "http://x.gov.cn/site/label/9?name=list&classId=2&pageNo=2&size=8",
        "http://x.gov.cn/site/label/9?name=list&classId=2&pageNo=3&size=8",
    ]
    assert len(ex.pagination('<div data-pages="4"></div>', url)) == 3
    assert ex.pagination('<div data-total="20"></div>', "http://x.gov.cn/l?pageNo=1") == []   # no page size


def test_script_urls_take_the_literal_fields_of_a_request_options_object():
    html = """<script>
      jQuery.ajax({ type: 'POST', url: '/data/proxy.do?start=1&end=20',
                    data: { siteId: 12, path: '/', name: "东城区", open: true }, dataType: 'xml' });
      $.ajax({ url: '/data/other.do', data: { id: pageId } });
    </script>"""
    got = ex.script_urls(html, "http://x.gov.cn/col/col9/index.html")
    assert got[0] == ("http://x.gov.cn/data/proxy.do?start=1&end=20&siteId=12&path=/"
                      "&name=%E4%B8%9C%E5%9F%8E%E5%8C%BA&open=true")
    assert "http://x.gov.cn/data/other.do" in got   # a variable field: the URL as written


def test_datastore_next_groups_from_the_total_an_xml_answer_states():
    xml = "<datastore><recordset><record><![CDATA[<li>x</li>]]></record></recordset><totalRecord>25</totalRecord></datastore>"
    first = "http://x.gov.cn/proxy.jsp?startrecord=1&endrecord=10&perpage=5&cid=4"
    assert ex.datastore_next_groups(xml, first) == [
        "http://x.gov.cn/proxy.jsp?startrecord=11&endrecord=20&perpage=5&cid=4",
        "http://x.gov.cn/proxy.jsp?startrecord=21&endrecord=30&perpage=5&cid=4",
    ]
    assert ex.datastore_next_groups(xml, first.replace("startrecord=1&endrecord=10", "startrecord=11&endrecord=20")) == []
    assert ex.datastore_next_groups("<datastore/>", first) == []


def test_is_datastore_recognises_the_xml_whatever_its_content_type():
    assert ex.is_datastore('<?xml version="1.0" encoding="UTF-8"?>\n<datastore><recordset/></datastore>')
    assert ex.is_datastore("  <datastore>\n<nextgroup/></datastore>")
    assert not ex.is_datastore("<html><body><p>datastore</p></body></html>")
    assert not ex.is_datastore(None)
