"""Tests for crawler.dates and crawler.extract on hand-written snippets.

The snippets imitate variants seen on real government sites (TRS, Hanweb, Lonsun, 开普云 styles
and others) with made-up class names: extraction must not depend on them.
"""
from __future__ import annotations

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


def test_footer_identity_labels_without_their_usual_form():
    # "标识码" without 网站; a police number under its label only; a badge link titled, no alt
    html = """<div><p>政府网站标识码 <b>34150000A1</b></p><p>公安机关备案号：<i>34150202000888</i></p></div>"""
    assert ex.footer_identity(html) == {"site_code": "34150000A1", "icp": None, "police": "34150202000888"}
    badge = """<p><a href="/ga.html" title="皖公网安备 34150202000999号"><img src="ga.png"></a> 皖ICP备1234号</p>"""
    assert ex.footer_identity(badge)["police"] == "皖公网安备34150202000999号"


def test_footer_identity_alt_text_and_split_cells():
    # the police badge's number only in an image's alt; the site code in a cell next to a number
    html = """<table><tr><td>标识码：</td><td>网站标识码：<span>34150</span><span>00007</span></td><td>2018</td></tr>
      <tr><td><a href="http://www.beian.gov.cn/"><img src="b.gif" alt="皖公网安备 34150202000777号"></a></td>
      <td>备案：<font>皖ICP备</font>12345678号</td></tr></table>"""
    assert ex.footer_identity(html) == {
        "site_code": "3415000007", "icp": "皖ICP备12345678号", "police": "皖公网安备34150202000777号"}


# ----------------------------------------------------------------------------------- fixed entries, organs

def test_fixed_entry_named_by_navigation_link_text():
    from crawler.spider import fixed_entry_name
    assert fixed_entry_name(" 政府信息公开指南 ") == "政府信息公开指南"
    assert fixed_entry_name("【依申请公开】") == "依申请公开"
    assert fixed_entry_name("信息公开年度报告") == "信息公开年度报告"
    assert fixed_entry_name("信息公开制度") == "信息公开制度"
    # items and prose that quote an entry's name are not the entry
    assert fixed_entry_name("2018年政府信息公开年报") is None
    assert fixed_entry_name("关于修订本局政府信息公开指南的通知") is None
    assert fixed_entry_name("政务动态") is None
    assert fixed_entry_name("关于信息公开指南的通知") is None
    assert fixed_entry_name("政府信息公开工作年度报告>>") == "政府信息公开工作年度报告"


def test_single_unit_on_shared_platform_keeps_to_its_organ():
    from crawler.scope import Scope
    scope = Scope()
    scope.add_unit("town", ["xxgk.example.gov.cn"], ["http://xxgk.example.gov.cn/"])
    other = "http://xxgk.example.gov.cn/public/list?orgid=31&cat=4"
    assert scope.allowed("town", other)       # nothing says which organ the unit is yet
    # the start redirected to the organ's page: the other organs' pages are not the unit's
    scope.learn_start("town", "http://xxgk.example.gov.cn/public/home?OrgId=12")
    assert not scope.allowed("town", other)
    assert scope.allowed("town", "http://xxgk.example.gov.cn/public/list?orgid=12&cat=4")
    assert scope.allowed("town", "http://xxgk.example.gov.cn/public/12/5001.html")
    assert not scope.allowed("town", "http://elsewhere.example.com/public/list?orgid=12")
    # items under another organ's id in the path, once that id has been seen as an organ
    scope.learn_start("town", "http://xxgk.example.gov.cn/public/home?orgId=4521")
    assert scope.allowed("town", "http://xxgk.example.gov.cn/public/4533/7001.html")
    assert not scope.allowed("town", "http://xxgk.example.gov.cn/public/list?orgId=4533")
    assert not scope.allowed("town", "http://xxgk.example.gov.cn/public/4533/7001.html")
    assert scope.allowed("town", "http://xxgk.example.gov.cn/public/4521/7002.html")
    assert scope.allowed("town", "http://xxgk.example.gov.cn/public/2019/31/7003.html")
    # a start URL naming its organ works the same without a redirect
    direct = Scope()
    direct.add_unit("dept", ["p.example.gov.cn"], ["http://p.example.gov.cn/index?siteId=7"])
    assert not direct.allowed("dept", "http://p.example.gov.cn/col?siteId=8&page=2")
    assert direct.allowed("dept", "http://p.example.gov.cn/col?siteId=7&page=2")


# ----------------------------------------------------------------------------------- large pages
# (its speed is measured by benchmarks/extract.py, not asserted here)

def test_large_list_page_yields_every_entry_and_no_menu_link():
    rows = "".join(
        f'<li><a href="/c/{i}.html" title="标题{i}">第{i}条信息标题内容</a><span>2019-09-{i % 28 + 1:02d}</span></li>'
        for i in range(1500))
    menu = "".join(f'<li><a href="/m/{i}">栏目{i}</a></li>' for i in range(300))
    html = f"<html><body><ul>{menu}</ul><ul>{rows}</ul><p>发布日期：2019-09-05</p></body></html>"
    items = ex.listings(ex.parse(html), URL)
    assert [(i.url, i.title, i.date) for i in items] == [
        (f"http://www.qinglan.gov.cn/c/{n}.html", f"第{n}条信息标题内容", date(2019, 9, n % 28 + 1)) for n in range(1500)]


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


def test_a_document_keeps_what_its_extractors_work_out_for_that_page_only():
    doc = ex.Document('<html><body><p>相关解读：<a href="/a">甲</a></p></body></html>')
    assert ex.links(doc, "http://h/x") == [("http://h/a", "甲", "page")]
    assert ("links", "http://h/x") in doc.results and len(doc.anchors) == 1      # worked out once, kept
    assert ex.labelled_links(doc, "http://h/x") == {"相关解读": [("甲", "http://h/a")]}
    # another page at the same URL (fetched again, given as a string or element): never the first's result
    assert ex.links('<html><body><a href="/b">乙</a></body></html>', "http://h/x") == [("http://h/b", "乙", "page")]
    import lxml.html
    third = lxml.html.fromstring('<html><body><a href="/c">丙</a></body></html>')
    assert ex.links(third, "http://h/x") == [("http://h/c", "丙", "page")]
    assert ex.links(doc, "http://h/x") == [("http://h/a", "甲", "page")]


# ----------------------------------------------------------------------------------- spider: redirects, fixed entries

def _spider():
    from types import SimpleNamespace
    from crawler.spider import GatherSpider
    unit = SimpleNamespace(id="town", name="某镇人民政府", portal=None, disclosure="http://xxgk.example.gov.cn/",
                           hosts=["xxgk.example.gov.cn"], overrides={}, media=[], search=None)
    return GatherSpider(program=None, units=[unit], snapshot=None, warc=None), unit


def _response(url, body=b"", status=200, headers=None, **meta):
    from scrapy.http import HtmlResponse, Request as ScrapyRequest
    req = ScrapyRequest(url, meta={"unit": "town", **meta})
    return HtmlResponse(url, status=status, body=body, headers=headers or {}, encoding="utf-8", request=req)


def test_spider_lets_scrapy_follow_redirects_and_learns_the_organ_from_a_start_redirect():
    spider, unit = _spider()
    req = spider.request("http://xxgk.example.gov.cn/", unit.id)
    answered = req.meta["handle_httpstatus_list"]
    assert {301, 302, 303, 307, 308}.isdisjoint(answered) and {404, 410, 500, 503} <= set(answered)
    # RedirectMiddleware hands the final page over with the chain in meta
    resp = _response("http://xxgk.example.gov.cn/public/index?organId=12", b"<html><body><p>x</p></body></html>",
                     kind="home", role="disclosure", redirect_urls=["http://xxgk.example.gov.cn/"],
                     redirect_reasons=[302])
    list(spider.parse(resp))
    assert not spider.scope.allowed("town", "http://xxgk.example.gov.cn/public/index?organId=31")
    assert spider.scope.allowed("town", "http://xxgk.example.gov.cn/public/column?organId=12&catId=3")


def test_page_reached_by_a_fixed_entry_link_is_that_entry_without_a_breadcrumb():
    spider, unit = _spider()
    html = "<html><body><h2>政府信息公开指南</h2><p>办公地址：某镇某路1号</p></body></html>".encode()
    resp = _response("http://xxgk.example.gov.cn/guide.htm", html, fixed_entry="信息公开指南")
    rows = [x for x in spider.parse_html(resp, resp.text, unit) if isinstance(x, dict)]
    cols = [r for r in rows if r["_table"] == "columns"]
    assert [(c["path"], c["fixed"]) for c in cols] == [("信息公开指南", "guide")]
    # a crumb that calls the entry otherwise: the list is counted under the entry, one column only
    html = ("<html><body><div>当前位置：首页 &gt; 公开专栏 &gt; 年度报告</div><ul><li><a href='/r/1.htm'>"
            "2018年度报告</a><span>2019-03-01</span></li></ul></body></html>").encode()
    resp = _response("http://xxgk.example.gov.cn/nb.htm", html, fixed_entry="政府信息公开年报")
    rows = [x for x in spider.parse_html(resp, resp.text, unit) if isinstance(x, dict)]
    assert [(c["path"], c["fixed"]) for c in rows if c["_table"] == "columns"] == [("政府信息公开年报", "annual")]
    assert {r["column_path"] for r in rows if r["_table"] == "listings"} == {"政府信息公开年报"}
    # links named like fixed entries carry their name to the page they lead to
    home = _response("http://xxgk.example.gov.cn/", '<div><a href="/zn.htm">信息公开指南</a> | '
                     '<a href="/news/1.htm">关于修订信息公开指南的通知</a></div>'.encode(), kind="home")
    reqs = {r.url: r.meta.get("fixed_entry") for r in spider.follow_links(home, lxml_html(home.text), unit, None)
            if hasattr(r, "url")}
    assert reqs == {"http://xxgk.example.gov.cn/zn.htm": "信息公开指南", "http://xxgk.example.gov.cn/news/1.htm": None}
    # the entry requested earlier through a link of another text ("详见") is still the entry
    spider, unit = _spider()
    spider.requested.add("http://xxgk.example.gov.cn/ysq.htm")
    nav = _response("http://xxgk.example.gov.cn/", '<p><a href="/ysq.htm">依申请公开</a></p>'.encode(), kind="home")
    assert not [r for r in spider.follow_links(nav, lxml_html(nav.text), unit, None) if hasattr(r, "url")]
    page = _response("http://xxgk.example.gov.cn/ysq.htm", "<p>申请方式：信函</p>".encode())
    cols = [r for r in spider.parse_html(page, page.text, unit) if isinstance(r, dict) and r["_table"] == "columns"]
    assert [(c["path"], c["fixed"]) for c in cols] == [("依申请公开", "apply")]


def lxml_html(text):
    import lxml.html
    return lxml.html.fromstring(text)


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


# ----------------------------------------------------------------------------------- script pagers of any name

def test_pagination_call_of_any_name_current_first():
    # the count and current page handed in either order to a function that is not createPageHTML
    html = """<div id="pb"></div><script>
      var _nPageCount = 4; var _nCurrIndex = 0; var _sPageName = "index"; var _sPageExt = "shtml";
      function navBar(cur, cnt, name, ext) { }
      navBar(_nCurrIndex, _nPageCount, _sPageName, _sPageExt);</script>"""
    assert ex.pagination(html, "http://a.gov.cn/col/tzgg/index.shtml") == [
        "http://a.gov.cn/col/tzgg/index_1.shtml", "http://a.gov.cn/col/tzgg/index_2.shtml",
        "http://a.gov.cn/col/tzgg/index_3.shtml"]
    # the 'page_div' template: container id first, the current page counted from 1, xlist_2 is page 2
    literal = "<script>createPageHTML('page_div', 3, 1, 'xlist', 'shtml', 41);</script>"
    assert ex.pagination(literal, "http://a.gov.cn/c/xlist.shtml") == [
        "http://a.gov.cn/c/xlist_2.shtml", "http://a.gov.cn/c/xlist_3.shtml"]
    later = "<script>showPages('pg', 3, 2, 'xlist', 'shtml', 41);</script>"
    assert ex.pagination(later, "http://a.gov.cn/c/xlist_2.shtml") == [
        "http://a.gov.cn/c/xlist.shtml", "http://a.gov.cn/c/xlist_3.shtml"]


def test_pagination_options_object_records_and_size_with_concatenated_url():
    html = """<div id="p"></div><script>
      var listUrl = '/gk/list.jsp?organ=7&cat=3';
      pagerWidget.render({ box: 'p', count: 10, limit: 4, curr: 1,
        jump: function (o, first) { if (!first) location.href = listUrl + '&pageIndex=' + o.curr; } });
    </script>"""
    assert ex.pagination(html, "http://a.gov.cn/gk/list.jsp?organ=7&cat=3") == [
        "http://a.gov.cn/gk/list.jsp?organ=7&cat=3&pageIndex=2",
        "http://a.gov.cn/gk/list.jsp?organ=7&cat=3&pageIndex=3"]


def test_pagination_total_in_text_size_in_script():
    html = """<ul><li><a href="/a.html">甲</a> 2019-09-01</li></ul>
      <div class="pg"><span>共<b>7</b>条</span><div id="x"></div></div>
      <script>new SomePager({ target: '#x', pageSize: 3,
        go: function (n) { window.location = '?cat=5&pageNo=' + n; } });</script>"""
    assert ex.pagination(html, "http://a.gov.cn/list.do?cat=5") == [
        "http://a.gov.cn/list.do?cat=5&pageNo=2", "http://a.gov.cn/list.do?cat=5&pageNo=3"]
    # only "共N条" and "每页M条" as text, no script: the list URL's own shape
    text_only = "<div>共 8 条 每页 4 条</div>"
    assert ex.pagination(text_only, "http://a.gov.cn/c/index.html") == ["http://a.gov.cn/c/index_1.html"]
    assert ex.pagination("<p>共3页</p>", "http://a.gov.cn/c/index.html") == [
        "http://a.gov.cn/c/index_1.html", "http://a.gov.cn/c/index_2.html"]


def test_pagination_script_pager_negative():
    # prose with 共N条, a record count without a page size, a call without a file stem
    prose = "<p>本次征求意见，共收到意见建议12条，每页均已答复，采纳8条。</p>"
    assert ex.pagination(prose, "http://a.gov.cn/c/index.html") == []
    assert ex.pagination("<script>var total = 40; counter(3, 'x');</script>",
                         "http://a.gov.cn/c/index.html") == []
    assert ex.pagination("<script>stats.render({count: 9, limit: 3});</script>",
                         "http://a.gov.cn/c/index.html") == []


# ----------------------------------------------------------------------------------- title: the site part of <title>

def test_title_site_name_first_learned_from_the_page():
    # "站名 - 标题": no SiteName meta, no heading; the title is a bold block above the body and
    # names the unit itself
    html = """<html><head><title>青岚水利网 - 青岚市水利局关于做好汛后检查的通知</title></head><body>
      <div class="hd"><a href="/"><img src="/logo.png" alt="青岚市水利局"></a></div>
      <table><tr><th>索引号</th><td>003/201909-1</td></tr></table>
      <div class="art"><div class="t"><b>青岚市水利局关于做好汛后检查的通知</b></div><p>正文</p></div>
      </body></html>"""
    assert ex.title(html) == "青岚市水利局关于做好汛后检查的通知"
    # the logo's alt names the site: whichever order the <title> uses
    logo = """<html><head><title>青岚水利网|关于做好汛后检查的通知</title></head><body>
      <a href="/"><img src="/logo.png" alt="青岚水利网"></a><p>关于做好汛后检查的通知全文如下</p></body></html>"""
    assert ex.title(logo) == "关于做好汛后检查的通知"
    # a heading under the site-first <title> is not mistaken for the site name
    heading = """<html><head><title>青岚水利网 - 关于做好汛后检查的通知</title></head><body>
      <h2>关于做好汛后检查的通知</h2><p>正文</p></body></html>"""
    assert ex.title(heading) == "关于做好汛后检查的通知"


def test_title_double_dash_separates_only_the_site():
    footer = "<div class='ft'>主办单位：青岚县人民政府办公室　网站标识码：3415230001</div>"
    html = (f"<html><head><title>关于开展安全检查的通知——青岚县人民政府</title></head><body>"
            f"<p>为切实做好安全生产工作，现就有关事项通知如下。</p>{footer}</body></html>")
    assert ex.title(html) == "关于开展安全检查的通知"
    subtitle = (f"<html><head><title>坚持绿色发展——我县召开生态环境保护委员会全体会议</title></head>"
                f"<body><p>会议强调，要坚持绿色发展。</p>{footer}</body></html>")
    assert ex.title(subtitle) == "坚持绿色发展——我县召开生态环境保护委员会全体会议"


def test_title_site_only_title_tag_reads_the_block_above_the_body():
    # an old table template: <title> is just the site name, no heading; the title is a bold cell
    # between the metadata grid and the body, after a source/date line
    html = """<html><head><title>青岚区人民政府门户网站</title></head><body>
      <table><tr><td><img src="/banner.jpg"></td></tr>
      <tr><td>您当前的位置：<a href="/">首页</a> &gt; <a href="/l">通知公告</a></td></tr></table>
      <table><tr><td>索引号：</td><td>003/201909-00001</td><td>发布日期：</td><td>2019-09-05</td></tr></table>
      <table><tr><td align="center"><font size="5"><b>关于做好秋季学校食品安全工作的通知</b></font></td></tr>
      <tr><td>来源：区教育局　发布时间：2019-09-05</td></tr>
      <tr><td><p>各中小学、幼儿园：为切实保障秋季开学期间师生饮食安全，现就有关事项通知如下。</p>
      <p>一、落实主体责任。各校要严格执行食品安全校长负责制，落实陪餐制度。</p></td></tr></table>
      <div>主办单位：青岚区人民政府办公室　网站标识码：3411000001</div></body></html>"""
    assert ex.title(html) == "关于做好秋季学校食品安全工作的通知"
    # the 名称 field of the metadata block wins over guessing
    named = html.replace("<td>发布日期：</td>", "<td>名称：</td><td>关于做好秋季学校食品安全工作的通知</td><td>发布日期：</td>")
    assert ex.title(named) == "关于做好秋季学校食品安全工作的通知"
    # a <title> naming the unit at its start is still the article title
    own = html.replace("<title>青岚区人民政府门户网站</title>", "<title>青岚区人民政府办公室关于放假的通知</title>")
    assert ex.title(own) == "青岚区人民政府办公室关于放假的通知"


def test_pagination_script_links_and_placeholder_templates():
    # 尾页 drawn as a script link; the URL built by a function of the page's script
    html = """<div class="pg"><a href="javascript:void(0)" onclick="turnTo(2)">下一页</a>
      <a href="javascript:turnTo(4)">尾页</a></div>
      <script>function turnTo(p) { location.href = 'list.jsp?cat=8&pageNo=' + p; }</script>"""
    assert ex.pagination(html, "http://a.gov.cn/gk/list.jsp?cat=8") == [
        f"http://a.gov.cn/gk/list.jsp?cat=8&pageNo={i}" for i in (2, 3, 4)]
    # the head of a concatenation is no page of its own
    assert ex.script_urls(html, "http://a.gov.cn/gk/list.jsp?cat=8") == []
    # a URL template with a placeholder and the page count in an options object
    tpl = "<script>Paging.init({ totalPages: 3, href: 'list.do?cat=3&pg={page}' });</script>"
    assert ex.pagination(tpl, "http://a.gov.cn/c/list.do?cat=3") == [
        "http://a.gov.cn/c/list.do?cat=3&pg=2", "http://a.gov.cn/c/list.do?cat=3&pg=3"]
    concat = "<script>var pageCount = 2; function go(n) { location = 'list.do?cat=3&pg=' + n; }</script>"
    assert ex.pagination(concat, "http://a.gov.cn/c/list.do?cat=3") == [
        "http://a.gov.cn/c/list.do?cat=3&pg=2"]


def test_title_bare_hyphen_before_the_site_name():
    # "标题-某某局": the site named by the footer; or, with no such clue, the page shows the head
    footer = "<div>主办单位：青岚市统计局　网站标识码：3415000012</div>"
    html = (f"<html><head><title>青岚市2019年8月主要经济指标-青岚市统计局</title></head><body>"
            f"<p>8月份，全市规模以上工业增加值同比增长8.6%。</p>{footer}</body></html>")
    assert ex.title(html) == "青岚市2019年8月主要经济指标"
    shown = ("<html><head><title>关于2019-2020学年度校历安排的通知-青岚教育网</title></head><body>"
             "<div class='t'><strong>关于2019-2020学年度校历安排的通知</strong></div>"
             "<p>各学校：现将2019-2020学年度校历安排通知如下。</p></body></html>")
    assert ex.title(shown) == "关于2019-2020学年度校历安排的通知"
    # hyphens inside a title with nothing to tell a site apart stay
    plain = ("<html><head><title>2019-2020学年度校历</title></head><body>"
             "<p>各学校：现将2019-2020学年度校历安排通知如下。</p></body></html>")
    assert ex.title(plain) == "2019-2020学年度校历"


def test_title_cell_heading_a_short_body_beside_a_grid_naming_the_unit():
    """<title> only names the site; the 发布机构 cell holds the same name; the title is the bold cell
    heading a one-line body, and begins with the unit's name."""
    html = """<html><head><title>某某县审计局</title></head><body><table><tr><td><b>某某县审计局政务公开</b></td></tr>
      <tr><td><table><tr><td><font>索引号：</font></td><td><font>003240330/201905-00061</font></td>
      <td><font>发布机构：</font></td><td><font>某某县审计局</font></td></tr>
      <tr><td><font>生成日期：</font></td><td><font>2019年5月6日</font></td></tr></table>
      <table><tr><td align="center"><font size="4"><b>某某县审计局关于张三同志任职的通知</b></font></td></tr>
      <tr><td><p>经研究，张三同志任某某县审计局局长。</p></td></tr></table></td></tr>
      <tr><td>主办单位：某某县审计局</td></tr></table></body></html>"""
    assert ex.title(html) == "某某县审计局关于张三同志任职的通知"
    # a body opening with its salutation is not taken for a title
    letter = html.replace('<font size="4"><b>某某县审计局关于张三同志任职的通知</b></font>', "各股室、局属各单位：")
    assert ex.title(letter) != "各股室、局属各单位："


def test_a_numbered_section_heading_of_the_body_is_not_the_title():
    html = """<html><head><title>某某县审计局</title></head><body><table>
      <tr><td align="center"><b>《审计条例》政策解读</b></td></tr>
      <tr><td><p><b>一、制定依据</b></p><p>根据有关法律法规，结合本县实际。</p><p><b>二、主要内容</b></p></td></tr>
      <tr><td>主办单位：某某县审计局</td></tr></table></body></html>"""
    assert ex.title(html) == "《审计条例》政策解读"


# ----------------------------------------------------------------------------------- postback pagers, POST search

_WEBFORM = """<html><body>
<form method="post" action="./Lists.aspx?cat=7" id="form1">
<input type="hidden" name="__EVENTTARGET" value="" /><input type="hidden" name="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" value="dDwtMTA4==" />
<table><tr><td><a href="Show.aspx?id=1">某通知</a></td><td>2019-09-01</td></tr></table>
<div>记录数：47 页码：1/5页
 <a href="javascript:__doPostBack(&#39;gvList&#39;,&#39;Page$2&#39;)">2</a>
 <a href="javascript:__doPostBack(&#39;gvList&#39;,&#39;Page$3&#39;)">3</a>
 <a href="javascript:void(0)" onclick="__doPostBack('gvList','Page$2');return false;">下一页</a></div>
<a href="javascript:__doPostBack('lnkLogout','')">退出</a>
<input type="checkbox" name="chkAll" /><select name="ddlYear"><option value="2018">2018</option>
<option value="2019" selected="selected">2019</option></select>
<input type="submit" name="btnOk" value="确定" />
</form></body></html>"""


def test_postback_pages_submit_the_form_for_every_page():
    pages = ex.postback_pages(_WEBFORM, "http://x.gov.cn/web/Lists.aspx?cat=7")
    assert [p["page"] for p in pages] == [1, 2, 3, 4, 5]          # "1/5页" names the last page
    p3 = pages[2]
    assert p3["url"] == "http://x.gov.cn/web/Lists.aspx?cat=7" and p3["target"] == "gvList"
    assert p3["argument"] == "Page$3"
    assert p3["fields"] == [("__EVENTTARGET", "gvList"), ("__EVENTARGUMENT", "Page$3"),
                            ("__VIEWSTATE", "dDwtMTA4=="), ("ddlYear", "2019")]


def test_postback_pages_ignores_other_postbacks():
    html = """<form method="post"><input type="hidden" name="__VIEWSTATE" value="v" />
    <a href="javascript:__doPostBack('menu','3')">机构职能</a> <a href="javascript:__doPostBack('lnkLogout','')">退出</a>
    <a href="javascript:__doPostBack('grid','Select$1')">2</a></form>"""
    assert ex.postback_pages(html, "http://x.gov.cn/a.aspx") == []


def test_search_post_form_with_hidden_fields_and_image_button():
    html = """<form action="/web/search.aspx" method="POST" accept-charset="gbk">
    <input type="hidden" name="siteId" value="12" /><input type="hidden" name="chnl" value="0" />
    <input type="text" name="txtWord" /><input type="image" name="ibtnSearch" src="/img/s.gif" alt="检索" /></form>"""
    form = ex.search_post_form(html, "http://x.gov.cn/index.aspx")
    assert form == {"url": "http://x.gov.cn/web/search.aspx", "query": "txtWord", "charset": "gbk",
                    "fields": [("siteId", "12"), ("chnl", "0"), ("txtWord", ""), ("ibtnSearch.x", "1"),
                               ("ibtnSearch.y", "1")]}
    assert ex.search_form(html, "http://x.gov.cn/index.aspx") is None   # not a GET template


def test_search_post_form_defers_to_a_get_search():
    html = """<form action="/s" method="get"><input name="q" /><input type="submit" value="搜索" /></form>
    <form action="/p" method="post"><input name="kw" /><input type="submit" value="搜索" /></form>"""
    assert ex.search_post_form(html, "http://x.gov.cn/") is None
    login = """<form action="/login" method="post"><input name="user" /><input type="password" name="pw" />
    <input type="submit" value="登录" /></form>"""
    assert ex.search_post_form(login, "http://x.gov.cn/") is None


# ----------------------------------------------------------------------------------- single-page applications

def test_app_shell_is_an_empty_mount_with_script_files():
    shell = """<html><head><title>某某中心</title></head><body><noscript>请开启JavaScript</noscript>
    <div id="root"></div><script src="/js/main.8f3a.js"></script></body></html>"""
    assert ex.app_shell(shell)
    assert not ex.app_shell(shell.replace('<script src="/js/main.8f3a.js"></script>', ""))   # nothing would draw it
    page = """<html><body><div id="weather"></div><script src="/js/w.js"></script>
    <ul><li><a href="/a/1.html">关于开展秋季安全检查的通知</a></li><li><a href="/a/2.html">某某局召开会议</a></li>
    <li><a href="/a/3.html">某某局开展宣传活动</a></li><li><a href="/a/4.html">政策解读</a></li></ul></body></html>"""
    assert not ex.app_shell(page)   # a page of its own with an empty widget slot


def test_api_pages_from_total_and_the_requested_page_size():
    from crawler.spider import _api_pages
    url = "http://x.gov.cn/api/list?channelId=7&page=1&size=10"
    assert _api_pages(url, {"total": 23, "data": [{"title": "t", "url": "/d?id=1"}]}) == [
        "http://x.gov.cn/api/list?channelId=7&page=2&size=10", "http://x.gov.cn/api/list?channelId=7&page=3&size=10"]
    assert _api_pages("http://x.gov.cn/api/list?channelId=7&page=1", {"total": 23, "data": []}) == []


def test_search_post_form_in_a_webforms_page_presses_the_button_beside_the_box():
    html = """<form method="post" action="Default.aspx" id="form1">
    <input type="hidden" name="__VIEWSTATE" value="abc" />
    <input type="submit" name="ctl00$btnLogin" value="登录" />
    <input type="text" name="ctl00$txtKey" title="请输入检索关键字" />
    <input type="image" name="ctl00$ibtnSearch" src="/images/ss.gif" />
    <input type="submit" name="ctl00$btnVote" value="投票" /></form>"""
    form = ex.search_post_form(html, "http://x.gov.cn/Default.aspx")
    assert form["fields"] == [("__VIEWSTATE", "abc"), ("ctl00$txtKey", ""), ("ctl00$ibtnSearch.x", "1"),
                              ("ctl00$ibtnSearch.y", "1")]


def test_postback_pages_linkbutton_pager_gives_its_next_page():
    html = """<form method="post" action="News.aspx?t=2"><input type="hidden" name="__VIEWSTATE" value="p1state" />
    <ul><li><a href="News.aspx?id=9">某动态</a></li></ul>
    <div>共 4 页 当前第 1 页 <a href="javascript:__doPostBack('ctl00$cph$lbtnFirst','')">首页</a>
    <a href="javascript:__doPostBack('ctl00$cph$lbtnNext','')">下一页</a>
    <a href="javascript:__doPostBack('ctl00$cph$lbtnLast','')">尾页</a></div></form>"""
    assert ex.postback_pages(html, "http://x.gov.cn/News.aspx?t=2") == [
        {"page": None, "next": True, "last": 4, "url": "http://x.gov.cn/News.aspx?t=2", "target": "ctl00$cph$lbtnNext",
         "argument": "", "fields": [("__EVENTTARGET", "ctl00$cph$lbtnNext"), ("__EVENTARGUMENT", ""),
                                    ("__VIEWSTATE", "p1state")]}]


def test_search_form_get_sends_its_image_button_like_a_browser():
    html = """<form action="/search/index.asp" method="get"><input type="hidden" name="ClassID" value="3">
    <input type="text" name="keyword"><input type="image" name="imgSearch" src="/img/go.gif" alt="搜索"></form>"""
    assert ex.search_form(html, "http://x.gov.cn/") == (
        "http://x.gov.cn/search/index.asp?ClassID=3&keyword={q}&imgSearch.x=1&imgSearch.y=1")
    named = """<form action="/s.asp"><input name="key" type="text"><input type="submit" name="Submit" value="搜 索"></form>"""
    assert ex.search_form(named, "http://x.gov.cn/") == "http://x.gov.cn/s.asp?key={q}&Submit=%E6%90%9C%20%E7%B4%A2"


def test_search_script_builds_the_url_by_concatenation():
    html = """<div class="ss"><input type="text" id="kw" placeholder="请输入关键字">
    <a href="javascript:void(0)" onclick="goSearch()"><img src="/img/ss.png" alt="搜索"></a></div>
    <script>function goSearch(){ var v = document.getElementById('kw').value;
      window.open("/was5/web/search?channelid=229817&searchword=" + encodeURIComponent(v) + "&perpage=15"); }</script>"""
    assert ex.search_script(html, "http://x.gov.cn/zwgk/index.html") == (
        "http://x.gov.cn/was5/web/search?channelid=229817&searchword={q}&perpage=15")
    jq = """<input id="searchKey" type="text"><button onclick="location.href='/site/search/5?keywords='+$('#searchKey').val()">搜索</button>"""
    assert ex.search_script(jq, "http://x.gov.cn/") == "http://x.gov.cn/site/search/5?keywords={q}"


def test_search_script_ignores_other_concatenations():
    html = """<input type="text" id="kw" placeholder="请输入关键字">
    <script>var u = "/content/detail?id=" + id; location.href = "/list?page=" + n;</script>"""
    assert ex.search_script(html, "http://x.gov.cn/") is None
    nobox = """<script>location.href = "/search?q=" + v;</script>"""
    assert ex.search_script(nobox, "http://x.gov.cn/") is None


def test_api_template_puts_the_query_back_where_the_script_sent_it():
    from crawler.spider import _api_template
    got = _api_template("http://x.gov.cn/api/search?siteId=3&kw=%E5%85%AC%E7%A7%AF%E9%87%91&page=1#r", "公积金")
    assert got == "http://x.gov.cn/api/search?siteId=3&kw={q}&page=1"
    assert _api_template("http://x.gov.cn/api/nav?siteId=3", "公积金") is None


def test_postback_pages_gridview_blocks_and_postback_options():
    grid = """<form method="post" action="List.aspx"><input type="hidden" name="__VIEWSTATE" value="s" />
    <table><tr><td><span>1</span></td><td><a href="javascript:__doPostBack('gv','Page$2')">2</a></td>
    <td><a href="javascript:__doPostBack('gv','Page$3')">3</a></td>
    <td><a href="javascript:__doPostBack('gv','Page$4')">...</a></td></tr></table></form>"""
    assert [p["argument"] for p in ex.postback_pages(grid, "http://x.gov.cn/List.aspx")] == [
        "Page$1", "Page$2", "Page$3", "Page$4"]
    options = """<form method="post" action="News.aspx"><input type="hidden" name="__VIEWSTATE" value="s" />
    <p>共 3 页 <a href='javascript:WebForm_DoPostBackWithOptions(new WebForm_PostBackOptions("ctl00$pg", "2", true, "", "", false, true))'>2</a>
    <a href='javascript:WebForm_DoPostBackWithOptions(new WebForm_PostBackOptions("ctl00$pg", "3", true, "", "", false, true))'>3</a></p></form>"""
    got = ex.postback_pages(options, "http://x.gov.cn/News.aspx")
    assert [(p["target"], p["argument"]) for p in got] == [("ctl00$pg", "1"), ("ctl00$pg", "2"), ("ctl00$pg", "3")]


def test_search_box_without_a_form():
    vue = """<div class="hd"><div class="s-wrap"><input type="text" class="el-input__inner" placeholder="请输入关键词">
    <button type="button"><i class="icon"></i>搜索</button></div></div>"""
    assert ex.search_box(vue) == "xpath=(//input)[1]"
    assert ex.search_box('<p><input id="kw" type="text"><img src="/s.png" alt="站内搜索"></p>') == "#kw"
    assert ex.search_box('<form action="/s"><input name="q"></form>') is None          # a form: search_form()
    assert ex.search_box('<p>姓名<input name="xm" type="text"><button>提交</button></p>') is None


def test_api_page_count_nested_and_post_bodies():
    from crawler.spider import _api_page_count, _api_pages, _api_post_pages
    nested = {"code": 200, "data": {"total": 23, "list": [{"title": "t", "url": "/d/1"}]}}
    assert _api_page_count(nested, 10) == 3
    assert _api_page_count({"data": {"pages": 4, "records": []}}, None) == 4
    assert _api_pages("http://x.gov.cn/api/l?pageNo=1&pageSize=10", nested)[-1] == "http://x.gov.cn/api/l?pageNo=3&pageSize=10"
    bodies = _api_post_pages('{"channelId":"7","pageNum":1,"pageSize":10}', "application/json;charset=UTF-8", nested)
    assert bodies == ['{"channelId":"7","pageNum":2,"pageSize":10}', '{"channelId":"7","pageNum":3,"pageSize":10}']
    assert _api_post_pages("catId=7&page=1&rows=10", "application/x-www-form-urlencoded", nested) == [
        "catId=7&page=2&rows=10", "catId=7&page=3&rows=10"]
    assert _api_post_pages('{"id": 5}', "application/json", nested) == []     # no page field: one page


def test_is_datastore_recognises_the_xml_whatever_its_content_type():
    assert ex.is_datastore('<?xml version="1.0" encoding="UTF-8"?>\n<datastore><recordset/></datastore>')
    assert ex.is_datastore("  <datastore>\n<nextgroup/></datastore>")
    assert not ex.is_datastore("<html><body><p>datastore</p></body></html>")
    assert not ex.is_datastore(None)


def test_a_page_asked_as_a_link_is_asked_again_by_its_views_own_pager():
    spider, unit = _spider()
    url = "http://xxgk.example.gov.cn/site/label/8888?classId=3&pageIndex=2"
    assert spider.request(url, unit.id) is not None
    assert spider.request(url, unit.id) is None                                   # a repeat link
    view = {"view": "主题分类/综合政务", "list_key": "主题分类/综合政务", "list_kind": "view"}
    assert spider.request(url, unit.id, view=view["view"]) is None       # a script URL of a view page: not its page
    again = spider.request(url, unit.id, **view)                         # the view's own pager
    assert again is not None and again.meta["view"] == "主题分类/综合政务"
    assert spider.request(url, unit.id, **view) is None


def test_a_page_of_another_organ_asked_before_the_organ_was_learned_is_not_read():
    spider, unit = _spider()
    other = _response("http://xxgk.example.gov.cn/public/column?organId=31&catId=3",
                      "<html><body><ul><li><a href='/x.html'>别的机构的信息</a><span>2019-09-01</span></li></ul></body></html>".encode())
    home = _response("http://xxgk.example.gov.cn/public/index?organId=12", b"<html><body><p>x</p></body></html>",
                     kind="home", role="disclosure", redirect_urls=["http://xxgk.example.gov.cn/"], redirect_reasons=[302])
    from collections import Counter
    from types import SimpleNamespace
    counts = Counter()
    spider.crawler = SimpleNamespace(stats=SimpleNamespace(inc_value=lambda key: counts.update([key])))
    list(spider.parse(home))
    assert list(spider.parse(other)) == []
    assert counts["zwgk/dropped/offsite_after_learning"] == 1
