"""Mutation tests for crawler.extract.page: title, body, breadcrumb and footer identity of real pages.

Article pages as the zoo families print them (TRS grids under an <h2>, Hanweb title cells of old
table templates, kaipu "站名 - 标题" <title>s, footers with 主办单位/网站标识码/ICP), called through
the public extractors with exact expected results.
"""
from __future__ import annotations

import pytest

from crawler import extract as ex

SITE = "青岚区人民政府门户网站"
FOOT = "<div class='ft'>主办单位：青岚区人民政府办公室　网站标识码：3411000001</div>"


def boxed(inner, boxes):
    """`inner` inside `boxes` nested <div>s."""
    return "<div>" * boxes + inner + "</div>" * boxes


def page(body, title=SITE, head=""):
    return f"<html><head><title>{title}</title>{head}</head><body>{body}{FOOT}</body></html>"


# ----------------------------------------------------------------------------------- title: meta and headings

@pytest.mark.parametrize("meta", [
    '<meta name="ArticleTitle" content="关于开展秋季安全检查的通知">',
    '<meta name="articletitle" content="关于开展秋季安全检查的通知">',
    '<meta property="og:title" content="关于开展秋季安全检查的通知">',
])
def test_title_from_each_article_title_meta(meta):
    html = page("<h2>热点专题推荐阅读</h2><p>正文</p>", head=meta)
    assert ex.title(html) == "关于开展秋季安全检查的通知"


def test_title_skips_the_heading_naming_the_column():
    html = page("""<div class="lm"><h2>政府信息公开工作年度报告</h2></div>
      <div class="art"><h3>青岚区2019年度政务公开工作总结</h3><p>正文</p></div>""",
                title="", head='<meta name="ColumnName" content="政府信息公开工作年度报告">')
    assert ex.title(html) == "青岚区2019年度政务公开工作总结"


@pytest.mark.parametrize("tag", ["h4", "h5", "h6"])
def test_title_from_a_low_level_heading(tag):
    html = page(f"<div class='art'><{tag}>关于开展秋季安全检查的通知</{tag}><p>正文</p></div>", title="通知公告_青岚区人民政府")
    assert ex.title(html) == "关于开展秋季安全检查的通知"


@pytest.mark.parametrize("heading, expected", [("公告", "公告"), ("告", SITE)])
def test_title_two_character_heading_is_kept(heading, expected):
    assert ex.title(page(f"<h2>{heading}</h2>", title=SITE)) == expected


def test_title_linked_headings_come_after_plain_ones():
    html = page("""<a href="/"><h1>青岚区教育局</h1></a><div class="nav"><h2><a href="/tz/">通知公告栏目首页</a></h2></div>
      <div class="art"><h3>关于开展秋季安全检查的通知</h3><p>正文</p></div>""", title="")
    assert ex.title(html) == "关于开展秋季安全检查的通知"


@pytest.mark.parametrize("depth, expected", [
    (3, "关于开展秋季安全检查的通知"),   # a card heading three boxes inside its link: linked
    (4, "图片新闻推荐位第一条"),           # four boxes inside: read as a plain heading
])
def test_title_heading_inside_a_link_three_boxes_up(depth, expected):
    card = "<h2>图片新闻推荐位第一条</h2>"
    for _ in range(depth - 1):
        card = f"<div>{card}</div>"
    html = page(f'<a href="/tp/1.html">{card}</a><div class="art"><h3>关于开展秋季安全检查的通知</h3></div>', title="")
    assert ex.title(html) == expected


@pytest.mark.parametrize("h2, expected", [
    ("防汛工作通知", "防汛工作通知"),     # six characters: an article heading, first by level
    ("防汛通知", "相关链接与推荐阅读"),    # five or fewer: a column name, tried after longer ones
])
def test_title_short_headings_are_tried_last(h2, expected):
    html = page(f"<h2>{h2}</h2><div class='side'><h3>相关链接与推荐阅读</h3></div>", title="")
    assert ex.title(html) == expected


def test_title_headings_of_one_rank_in_document_order():
    html = page("<h2>关于开展秋季安全检查的通知</h2><p>正文</p><h2>2019年度工作要点汇编</h2>", title="")
    assert ex.title(html) == "关于开展秋季安全检查的通知"


@pytest.mark.parametrize("page_title, h3", [
    ("关于开展秋季安全检查的通知_通知公告_青岚区", "秋季安全检查的通知"),          # heading inside the <title>
    ("秋季安全检查的通知_通知公告_青岚区", "关于开展秋季安全检查的通知"),          # <title> inside the heading
])
def test_title_heading_repeating_the_title_tag_beats_higher_headings(page_title, h3):
    html = page(f"<div class='side'><h2>热点专题推荐</h2></div><div class='art'><h3>{h3}</h3></div>", title=page_title)
    assert ex.title(html) == h3


def test_title_metadata_name_field_when_the_title_tag_is_the_site():
    html = page("""<table><tr><td>索引号：</td><td>003/201909-00001</td></tr>
      <tr><td>名称：</td><td>关于做好秋季学校食品安全工作的通知</td></tr></table>
      <div class="zoom"><p>各中小学、幼儿园：为切实保障秋季开学期间师生饮食安全，现就有关事项通知如下。</p>
      <p>一、落实主体责任。各校要严格执行食品安全校长负责制。</p></div>""")
    assert ex.title(html) == "关于做好秋季学校食品安全工作的通知"


def test_title_of_an_empty_page_is_the_site_name():
    assert ex.title(f"<html><head><title>{SITE}</title></head><body></body></html>") == SITE


# ----------------------------------------------------------------------------------- title: the line above the body

_TABLE_PAGE = """<table><tr><td><img src="/banner.jpg"></td></tr>
  <tr><td align="center"><font size="5"><b>关于做好秋季学校食品安全工作的通知</b></font></td></tr>
  <tr><td>{decoy}</td></tr></table>
  <div class="zoom"><p>各中小学、幼儿园：为切实保障秋季开学期间师生饮食安全，现就有关事项通知如下。</p>
  <p>一、落实主体责任。各校要严格执行食品安全校长负责制，落实陪餐制度。</p>
  <p>二、加强日常监管。各校要每周开展食品安全自查，发现问题及时整改到位。</p>
  <p>三、做好应急处置。发生食品安全事故要立即报告，不得迟报、漏报和瞒报。</p></div>"""


@pytest.mark.parametrize("decoy", [
    '<a href="/print">打印本页面内容</a>',                 # a link
    '<a href="/x"><span><b>返回上一级栏目</b></span></a>',  # inside a link
    "打印本页",                                          # a UI word
    "当前位置：首页",                                     # the breadcrumb
    "来源：区教育局",                                     # a label line
    "发布日期：2019-09-05",
    "青岚区教育局 2019-09-26",                           # a signature with its date
    "—————————",                                       # a rule drawn with dashes
    "各中小学:",                                          # the salutation
    "第一行<br>第二行",                                   # two lines
    "请阅",                                               # too short
    "发布机构 青岚区教育局办公室",                          # a known label without its colon
    "当前位置 首页 > 通知公告",                            # the breadcrumb without its colon
    "版权所有 青岚区教育局",                               # footer words
    "各乡镇人民政府、区直各单位:",                          # a long salutation
    "青岚区教育局 09-26",                                  # a signature with a year-less date
])
def test_title_line_above_the_body_skips_what_is_no_title(decoy):
    assert ex.title(page(_TABLE_PAGE.format(decoy=decoy))) == "关于做好秋季学校食品安全工作的通知"


@pytest.mark.parametrize("line, expected", [
    ("青岚区教育局办公室综合科二股 2019-09-26", "青岚区教育局办公室综合科二股 2019-09-26"),  # 15 besides the date
    ("青岚区教育局办公室综合科二 2019-09-26", "关于做好秋季学校食品安全工作的通知"),        # 14: a signature line
    ("防汛通知", "防汛通知"),                                                        # four characters
    ("秋" * 120, "秋" * 120),                                                        # the longest line
    ("秋" * 121, "关于做好秋季学校食品安全工作的通知"),
])
def test_title_line_above_the_body_limits(line, expected):
    assert ex.title(page(_TABLE_PAGE.format(decoy=line))) == expected


def test_title_line_above_the_body_skips_page_chrome_and_grid_values():
    html = page("""<table><tr><td align="center"><b>关于做好秋季学校食品安全工作的通知</b></td></tr></table>
      <header><div>青岚区教育局欢迎您</div></header>
      <table><tr><td>发布机构</td><td><font>青岚区教育局办公室</font></td></tr></table>
      <div class="zoom"><p>各中小学、幼儿园：为切实保障秋季开学期间师生饮食安全，现就有关事项通知如下。</p>
      <p>一、落实主体责任。各校要严格执行食品安全校长负责制，落实陪餐制度。</p></div>""")
    assert ex.title(html) == "关于做好秋季学校食品安全工作的通知"


@pytest.mark.parametrize("depth", [0, 1, 3, 4, 6])
def test_title_line_above_the_body_skips_a_grid_value_however_deeply_wrapped(depth):
    """A template may wrap the value of 发布机构 in any number of boxes (<td><div><span><font>…):
    the wrapped value is the cell's, never the title line above the body."""
    value = boxed("青岚区教育局办公室", depth)
    html = page(_TABLE_PAGE.format(decoy=f"<table><tr><td>发布机构</td><td>{value}</td></tr></table>"))
    assert ex.title(html) == "关于做好秋季学校食品安全工作的通知"


@pytest.mark.parametrize("cell", [
    "<td>（牵头）<div><div>青岚区教育局办公室通知</div></div></td>",       # a note before the boxed value
    "<td><img src='/i/dot.gif'><div><p>青岚区教育局办公室通知</p></div></td>",  # an icon before it
    "<td><span></span><div>青岚区教育局办公室通知</div></td>",              # an empty span before it
])
def test_title_line_above_the_body_skips_a_grid_value_after_a_note_or_an_icon(cell):
    html = page(_TABLE_PAGE.format(decoy=f"<table><tr><td>发布机构</td>{cell}</tr></table>"))
    assert ex.title(html) == "关于做好秋季学校食品安全工作的通知"


@pytest.mark.parametrize("cell, expected", [
    ("<div><span>青岚区</span><div>教育局办公室通知公告</div></div>", "教育局办公室通知公告"),  # no label before it
    ("<div><span>发布机构</span><img src='/i/dot.gif'><div>教育局办公室通知公告</div></div>",   # a label, an icon
     "关于做好秋季学校食品安全工作的通知"),
    ("<table><tr><td>发布机构</td><td><span>注</span><div>教育局办公室通知公告</div></td></tr></table>",
     "关于做好秋季学校食品安全工作的通知"),                                       # a part of a labelled cell
])
def test_title_line_above_the_body_a_value_is_what_a_label_precedes(cell, expected):
    assert ex.title(page(_TABLE_PAGE.format(decoy=cell))) == expected


@pytest.mark.parametrize("first, expected", [
    ("关于做好防汛工作的紧急通知", "关于做好防汛工作的紧急通知"),    # the body opens with its title
    ("关于做好防汛、抗旱工作的通知", "关于做好防汛、抗旱工作的通知"),  # 、 joins words of a title
    ("防汛通知", "防汛通知"),
    ("为做好防汛工作，现通知如下", "上面的标题行"),                   # a sentence
    ("各乡镇：", "上面的标题行"),
    ("各乡镇:", "上面的标题行"),
    ("各乡镇人民政府、区直各单位：", "上面的标题行"),
    ("各乡镇人民政府、区直各单位:", "上面的标题行"),
    ("来源：区水利局", "上面的标题行"),
    ("发布日期 2019-09-05", "上面的标题行"),
    ("一、工作目标", "上面的标题行"),
    ("汛期通", "上面的标题行"),
    ("秋" * 120, "秋" * 120),
    ("秋" * 121, "上面的标题行"),
    ("第一行<br>第二行", "上面的标题行"),
])
def test_title_first_line_of_the_body(first, expected):
    html = page(f"""<table><tr><td><b>上面的标题行</b></td></tr></table>
      <div class="zoom"><p><b>{first}</b></p><p>各乡镇人民政府，区直各单位：现就做好今年防汛工作有关事项通知如下。</p>
      <p>一、提高思想认识。各单位要充分认识防汛工作的重要性和紧迫性。</p></div>""")
    assert ex.title(html) == expected


def test_title_line_above_the_body_skips_list_items():
    html = page("""<table><tr><td align="center"><b>关于做好秋季学校食品安全工作的通知</b></td></tr></table>
      <ul class="tools"><li>青岚区教育局</li></ul>
      <div class="zoom"><p>各中小学、幼儿园：为切实保障秋季开学期间师生饮食安全，现就有关事项通知如下。</p>
      <p>一、落实主体责任。各校要严格执行食品安全校长负责制，落实陪餐制度。</p></div>""")
    assert ex.title(html) == "关于做好秋季学校食品安全工作的通知"


def test_title_one_line_body_is_no_title_of_itself():
    html = page("""<table><tr><td><b>关于防汛的紧急通知</b></td></tr></table>
      <div class="zoom"><p>请各单位立即落实防汛责任</p></div>""")
    assert ex.title(html) == "关于防汛的紧急通知"


def test_title_block_avoids_the_site_name_and_uses_the_owner_dash_split():
    html = page("""<table><tr><td><b>关于做好秋季学校食品安全工作的通知</b></td></tr>
      <tr><td><b>青岚区人民政府门户网站</b></td></tr></table>
      <div class="zoom"><p>各中小学、幼儿园：为切实保障秋季开学期间师生饮食安全，现就有关事项通知如下。</p>
      <p>一、落实主体责任。各校要严格执行食品安全校长负责制，落实陪餐制度。</p></div>""")
    assert ex.title(html) == "关于做好秋季学校食品安全工作的通知"


# ----------------------------------------------------------------------------------- title: the site's name

def test_title_site_named_by_a_logo_title_attribute():
    html = """<html><head><title>青岚水利网|关于做好汛后检查的通知</title></head><body>
      <a href="/"><img src="/logo.png" title="青岚水利网"></a><p>关于做好汛后检查的通知全文如下</p></body></html>"""
    assert ex.title(html) == "关于做好汛后检查的通知"


def test_title_picture_news_image_alt_is_no_site_name():
    html = """<html><head><title>我区举行秋季运动会_青岚区人民政府</title></head><body>
      <div class="art"><p><img src="/p/1.jpg" alt="我区举行秋季运动会"></p><p>9月5日，我区举行秋季运动会。</p></div></body></html>"""
    assert ex.title(html) == "我区举行秋季运动会"


@pytest.mark.parametrize("site, expected", [
    ("水利网", "防汛通知"),     # the part the page prints is longer than the first part
    ("水利之窗", "水利之窗"),    # as long: the first part stays
    ("青岚水利网", "青岚水利网"),  # not longer: the first part stays
])
def test_title_part_shown_on_the_page_from_four_characters(site, expected):
    html = f"""<html><head><title>{site}_防汛通知</title></head><body>
      <div class="t"><b>防汛通知</b></div><p>各乡镇：请做好防汛准备工作。</p></body></html>"""
    assert ex.title(html) == expected


@pytest.mark.parametrize("pad, expected", [
    (588, "青岚县2019年8月主要经济指标"),                 # the owner within the page's last 600 characters
    (589, "青岚县2019年8月主要经济指标-青岚县人民政府"),    # one more: out of reach, the dash stays
])
def test_title_owner_read_from_the_last_600_characters(pad, expected):
    html = ("<html><head><title>青岚县2019年8月主要经济指标-青岚县人民政府</title></head><body>"
            "<p>8月份全县规模以上工业增加值同比增长</p><div>主办单位：青岚县人民政府</div>"
            f"<div>{'字' * pad}</div></body></html>")
    assert ex.title(html) == expected


# ----------------------------------------------------------------------------------- body text

_PARAS = ("<p>为进一步做好政府信息公开工作，现将有关事项通知如下。</p>"
          "<p>一、加强组织领导。各单位要高度重视，明确分管领导。</p>"
          "<p>二、规范公开内容。按照公开目录及时发布信息。</p>")
_LINES = ["为进一步做好政府信息公开工作，现将有关事项通知如下。", "一、加强组织领导。各单位要高度重视，明确分管领导。",
          "二、规范公开内容。按照公开目录及时发布信息。"]


@pytest.mark.parametrize("tag", ["section", "article"])
def test_body_text_written_straight_into_section_or_article(tag):
    html = f"<{tag}>本通知自印发之日起施行，由区政府办公室负责解释。</{tag}>"
    assert ex.body_text(html) == "本通知自印发之日起施行，由区政府办公室负责解释。"


def test_body_text_leaves_out_footer_chrome_and_label_lines_inside_the_article():
    html = f"""<article><header><p>青岚区人民政府办公室发布的信息</p></header>{_PARAS}
      <p>发布日期：2019-09-05</p><p>版权所有：青岚区人民政府</p></article>"""
    assert ex.body_text(html).split("\n") == _LINES


def test_body_text_keeps_a_paragraph_with_a_link_of_half_its_text():
    html = f"<div class='zoom'>{_PARAS}<p>下载附件<a href='/f/1.doc'>申请表格</a></p></div>"
    assert ex.body_text(html).split("\n") == _LINES + ["下载附件申请表格"]


def test_body_text_container_with_most_text_beats_a_long_sidebar_paragraph():
    short = "".join(f"<p>第{i}段正文内容写得比较短一些。</p>" for i in range(1, 4))
    html = (f"<div class='main'><div class='zoom'>{short}</div>"
            f"<div class='side'><p>{'侧栏介绍文字' * 5}</p></div></div>")
    assert ex.body_text(html).split("\n") == [f"第{i}段正文内容写得比较短一些。" for i in range(1, 4)]


# ----------------------------------------------------------------------------------- breadcrumb

def test_breadcrumb_in_a_full_page_after_the_head():
    html = page('<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/a">政务公开</a></div><p>正文</p>',
                head="<script>var x = 1;</script><style>p{}</style>")
    assert ex.breadcrumb(html) == ["政务公开"]


def test_breadcrumb_prefix_in_the_tail_of_an_icon():
    html = '<div class="crumb"><img src="/home.png">当前位置：<a href="/">首页</a> &gt; <a href="/a">政务公开</a></div>'
    assert ex.breadcrumb(html) == ["政务公开"]


def test_breadcrumb_without_home_and_with_arrows_drawn_by_css():
    assert ex.breadcrumb('<div>当前位置：<a href="/a">政务公开</a> &gt; <a href="/b">通知公告</a></div>') == [
        "政务公开", "通知公告"]
    assert ex.breadcrumb('<div>当前位置：<a href="/a">政务公开</a> &gt; <a href="/b">通知公告</a> &gt; 正文</div>') == [
        "政务公开", "通知公告", "正文"]
    assert ex.breadcrumb('<div class="path">当前位置：<a href="/">首页</a><a href="/a">政务公开</a></div>') == ["政务公开"]


@pytest.mark.parametrize("n, found", [(195, True), (196, False)])
def test_breadcrumb_trail_up_to_200_characters(n, found):
    rest = "政务 > " + "栏" * n     # 5 + n characters after the prefix
    assert ex.breadcrumb(f"<div>当前位置：{rest}</div>") == (["政务", "栏" * n] if found else [])


def test_breadcrumb_after_a_long_location_line():
    html = ("<div class='map'>位置：" + "青岚区政务服务中心位于城区东部" * 15 + "</div>"
            '<div>当前位置：<a href="/">首页</a> &gt; <a href="/a">政务公开</a></div>')
    assert ex.breadcrumb(html) == ["政务公开"]


# ----------------------------------------------------------------------------------- footer identity

def test_footer_identity_ignores_other_meta_and_commented_out_marks():
    html = """<html><head><meta name="keywords" content="政务公开"></head><body>
      <!-- 皖ICP备00000000号 --><script>var icp = "皖ICP备11111111号";</script>
      <div>网站标识码：3415000001</div></body></html>"""
    assert ex.footer_identity(html) == {"site_code": "3415000001", "icp": None, "police": None}


def test_footer_identity_declared_only_by_a_meta_tag():
    """Only <meta name="SiteIDCode"> declares the mark: a shared widget's element of that name (here a
    statistics snippet's span carrying another site's code) is not the page's declaration; the
    footer's own line is read instead."""
    html = """<html><head><meta name="description" content="青岚区"></head><body>
      <span name="SiteIDCode" content="0000000000" style="display:none"></span>
      <div class="ft">网站标识码：3415000001</div></body></html>"""
    assert ex.footer_identity(html)["site_code"] == "3415000001"
    declared = html.replace('<meta name="description" content="青岚区">', '<meta name="SiteIDCode" content="3415000009">')
    assert ex.footer_identity(declared)["site_code"] == "3415000009"


def test_footer_identity_icons_line_breaks_and_blocks_keep_numbers_apart():
    html = """<div class="ft"><p>网站标识码：<img src="/i/code.png">3415000001<br>2019 版权所有</p>
      <p>皖ICP备10340074号</p><p>3415000002</p></div>"""
    assert ex.footer_identity(html) == {"site_code": "3415000001", "icp": "皖ICP备10340074号", "police": None}
    blocks = "<div><p>网站标识码：3415000003</p><p>2019版权所有</p></div>"
    assert ex.footer_identity(blocks)["site_code"] == "3415000003"


def test_title_first_part_when_no_part_is_shown_or_named():
    html = """<html><head><title>关于开展安全检查的通知_通知公告</title></head><body>
      <p>各单位要认真开展安全检查。</p></body></html>"""
    assert ex.title(html) == "关于开展安全检查的通知"


def test_title_heading_naming_a_later_part_of_the_title_tag_is_the_site():
    html = """<html><head><title>关于开展秋季安全检查的通知_青岚区水利局</title></head><body>
      <div class="logo"><h1>青岚区水利局</h1></div><p>各单位要认真开展安全检查。</p></body></html>"""
    assert ex.title(html) == "关于开展秋季安全检查的通知"


def test_title_heading_in_the_page_header_is_a_banner():
    html = page("<header><h1>欢迎访问本网站</h1></header><div class='art'><p>正文</p></div>", title="关于开展安全检查的通知")
    assert ex.title(html) == "关于开展安全检查的通知"


def test_title_heading_after_an_empty_logo_heading_of_the_same_rank():
    html = page("<div class='logo'><h2><img src='/logo.png'></h2></div><div class='art'><h2>关于开展秋季安全检查的通知</h2></div>",
                title="")
    assert ex.title(html) == "关于开展秋季安全检查的通知"


@pytest.mark.parametrize("nav", [
    '<a href="/">青岚区教育体育局门户网站</a>',
    '<a href="/"><b>青岚区教育体育局门户网站</b></a>',
])
def test_title_part_shown_only_as_a_link_is_not_shown(nav):
    html = f"""<html><head><title>防汛通知_青岚区教育体育局门户网站</title></head><body>
      <div class="nav">{nav}</div><p>各学校：请做好防汛工作。</p></body></html>"""
    assert ex.title(html) == "防汛通知"


def test_title_part_shown_in_pieces_of_one_line():
    html = """<html><head><title>水利网_防汛通知</title></head><body>
      <div class="t"><b><span>防汛</span><span>通知</span></b></div><p>各乡镇：请做好防汛准备工作。</p></body></html>"""
    assert ex.title(html) == "防汛通知"


def test_title_site_first_before_a_title_with_a_year_range():
    html = """<html><head><title>青岚水利网-关于2019-2020年度防汛值班安排的通知</title></head><body>
      <a href="/"><img src="/logo.png" alt="青岚水利网"></a><p>各科室：现将值班安排通知如下。</p></body></html>"""
    assert ex.title(html) == "关于2019-2020年度防汛值班安排的通知"


def test_body_text_skips_value_cells_of_a_grid_drawn_with_th():
    html = """<table><tr><th>索引号：</th><th>003240560/201909-00012</th><th>发布机构：</th>
      <th>青岚区人民政府办公室综合科</th></tr></table><div><p>各单位：请做好检查。</p></div>"""
    assert ex.body_text(html) == "各单位：请做好检查。"


@pytest.mark.parametrize("owner, site, expected", [
    ("岚县政府办公室", "岚县政府门户网站", "关于做好防汛工作的通知"),   # 主办 by its office: 岚县政府 (4) runs the site
    ("岚县委办公室", "岚县委门户网站", "岚县委门户网站"),               # 岚县委 (3) is too short a name to tell
])
def test_title_site_named_by_the_owner_without_its_office(owner, site, expected):
    html = f"""<html><head><title>{site}_关于做好防汛工作的通知</title></head><body>
      <p>各乡镇：请做好防汛准备工作。</p><div>主办单位：{owner}</div></body></html>"""
    assert ex.title(html) == expected


@pytest.mark.parametrize("logo", [
    "青岚区",                  # a piece of the site's name
    "青岚区人民政府门户网站",    # the site's name with the words 门户网站
])
def test_title_logo_headings_naming_the_site_are_banners(logo):
    html = page(f"<div class='logo'><h1>{logo}</h1></div><div class='art'><p>各单位要认真开展安全检查。</p></div>",
                title="关于开展安全检查的通知_青岚区人民政府")
    assert ex.title(html) == "关于开展安全检查的通知"


# ----------------------------------------------------------------------------------- title: what the page shows

def test_title_of_a_frameset_shell_is_the_first_part():
    # a frameset page has no <body>; its <noframes> fallback is not shown by a browser with frames
    html = """<html><head><title>青岚县政务公开_青岚县人民政府门户网站</title></head>
      <frameset rows="120,*"><frame src="/top.html"><frame src="/main.html">
      <noframes>青岚县人民政府门户网站</noframes></frameset></html>"""
    assert ex.title(html) == "青岚县政务公开"


def test_title_month_range_is_not_split_at_a_pager_number():
    # the current page number of the pager prints "1" as a block; "1-8月份" is a range, not "1" and a title
    html = """<html><head><title>1-8月份全县主要经济指标_青岚县统计局</title></head><body>
      <div class="con"><p>8月份，全县规模以上工业增加值同比增长6.5%。</p><p>固定资产投资同比增长8.1%。</p></div>
      <div class="page"><span>1</span><a href="index_1.html">2</a></div></body></html>"""
    assert ex.title(html) == "1-8月份全县主要经济指标"


def test_title_part_listed_in_a_links_dropdown_is_not_shown():
    # the 友情链接 <select> lists the department's own site: an option is no block the page shows
    html = """<html><head><title>防汛通知_青岚县水利局</title></head><body>
      <div class="top"><a href="/">青岚县水利局</a></div><p>各乡镇：请做好防汛准备工作。</p>
      <div class="yqlj"><select onchange="window.open(this.value)"><option>县直部门网站</option>
      <option value="http://slj.ql.gov.cn/">青岚县水利局</option></select></div></body></html>"""
    assert ex.title(html) == "防汛通知"


@pytest.mark.parametrize("depth, expected", [
    (3, "水利网"),     # a card line three boxes inside its link is a link
    (4, "防汛通知"),   # four boxes inside: shown as a block of its own
])
def test_title_part_shown_inside_a_link_three_boxes_up(depth, expected):
    card = boxed("<b>防汛通知</b>", depth - 1)
    html = f"""<html><head><title>水利网_防汛通知</title></head><body>
      <a href="/tz/1.html">{card}</a><p>各乡镇：请做好防汛准备工作。</p></body></html>"""
    assert ex.title(html) == expected


# ----------------------------------------------------------------------------------- title: short site names

def test_title_two_character_logo_names_the_site():
    # 岚县, 沛县, 歙县: a county's logo may carry a two-character name
    html = """<html><head><title>岚县门户网站_关于做好防汛工作的通知</title></head><body>
      <a href="/"><img src="/logo.png" alt="岚县"></a><p>各乡镇：请做好防汛准备工作。</p></body></html>"""
    assert ex.title(html) == "关于做好防汛工作的通知"


@pytest.mark.parametrize("depth, expected", [
    (3, "关于做好汛后检查的通知"),   # a logo three boxes inside the home link names the site
    (4, "青岚水利网"),               # four boxes inside: no longer read as the linked logo
])
def test_title_logo_inside_the_home_link_three_boxes_up(depth, expected):
    logo = boxed('<img src="/logo.png" alt="青岚水利网">', depth - 1)
    html = f"""<html><head><title>青岚水利网|关于做好汛后检查的通知</title></head><body>
      <a href="/">{logo}</a><p>关于做好汛后检查的通知全文如下</p></body></html>"""
    assert ex.title(html) == expected


def test_title_related_articles_with_title_tooltips_name_no_site():
    # the sidebar lists the current article too, its link's title attribute holding the full title
    html = """<html><head><title>关于开展秋季安全检查的通知_青岚区应急管理局</title></head><body>
      <div class="art"><p>各单位要认真开展秋季安全检查，及时消除隐患。</p></div>
      <aside><ul><li><a href="/tz/2.html" title="关于开展秋季安全检查的通知">关于开展秋季安全检查…</a></li>
      <li><a href="/tz/1.html" title="关于做好国庆假期值班工作的通知">关于做好国庆假期值班…</a></li></ul></aside>
      </body></html>"""
    assert ex.title(html) == "关于开展秋季安全检查的通知"


def test_title_banner_heading_on_a_two_character_site_part():
    html = """<html><head><title>关于做好防汛工作的通知_岚县</title></head><body>
      <div class="logo"><h1>岚县门户网站</h1></div><p>各乡镇：请做好防汛准备工作。</p>
      <div>主办单位：岚县人民政府办公室</div></body></html>"""
    assert ex.title(html) == "关于做好防汛工作的通知"


@pytest.mark.parametrize("placeholder", ["XXX", "XXXX"])
def test_title_unfilled_placeholder_heading_is_kept(placeholder):
    # an article published from an unfilled template: the audit must see its placeholder title,
    # not the source line under it (no SiteName or ColumnName meta makes it a banner or a column)
    html = page(f"""<div class='art'><h2>{placeholder}</h2><div class='ly'>青岚区防汛抗旱指挥部办公室</div>
      <p>各单位：请做好防汛准备工作。</p></div>""")
    assert ex.title(html) == placeholder


def test_title_heading_naming_the_unit_before_its_subject():
    html = """<html><head><title>关于做好防汛工作的通知_青岚县人民政府</title></head><body>
      <div class="art"><h1>青岚县人民政府关于做好防汛工作的通知</h1><p>各乡镇：请做好防汛准备工作。</p></div>
      <div>主办单位：青岚县人民政府办公室</div></body></html>"""
    assert ex.title(html) == "青岚县人民政府关于做好防汛工作的通知"


@pytest.mark.parametrize("heading, expected", [
    ("防汛令", "热点专题推荐阅读"),   # three characters: too short to be sure it repeats the <title>
    ("防汛通知", "防汛通知"),          # four: the heading repeating the <title> wins
    ("防汛的通知", "防汛的通知"),
])
def test_title_short_heading_repeating_the_title_tag(heading, expected):
    html = page(f"<div class='side'><h2>热点专题推荐阅读</h2></div><div class='art'><h3>{heading}</h3></div>",
                title=f"{heading}_青岚区人民政府")
    assert ex.title(html) == expected


@pytest.mark.parametrize("depth, expected", [
    (50, "关于开展安全检查的通知"),      # the page header 50 boxes up: a banner heading
    (51, "欢迎访问青岚区应急管理局网站"),  # 51 up: beyond the reach of the chrome test
])
def test_title_heading_deep_inside_the_page_header(depth, expected):
    heading = "<h1>欢迎访问青岚区应急管理局网站</h1>"
    for _ in range(depth - 1):
        heading = f"<div>{heading}</div>"
    html = page(f"<header>{heading}</header><div class='art'><p>正文</p></div>", title="关于开展安全检查的通知")
    assert ex.title(html) == expected


# ----------------------------------------------------------------------------------- title: line above the body, limits

_ZOOM = ("<div class='zoom'><p>各中小学、幼儿园：为切实保障秋季开学期间师生饮食安全，现就有关事项通知如下。</p>"
         "<p>一、落实主体责任。各校要严格执行食品安全校长负责制，落实陪餐制度。</p></div>")


@pytest.mark.parametrize("spacers, expected", [
    (398, "关于做好秋季学校食品安全工作的通知"),   # the 400th element before the body's first paragraph
    (399, SITE),                                # the 401st: out of reach
])
def test_title_line_above_the_body_within_400_elements(spacers, expected):
    # old table templates pad the page with spacer images
    html = page("<b>关于做好秋季学校食品安全工作的通知</b>" + '<img src="/i/dot.gif">' * spacers + _ZOOM)
    assert ex.title(html) == expected


@pytest.mark.parametrize("wrappers, expected", [
    (98, SITE),                                  # the box 100 levels up holds the body: not a line above it
    (99, "关于做好秋季学校食品安全工作的通知"),    # 101 levels up: read as a line of its own
])
def test_title_line_above_the_body_holders_100_levels_up(wrappers, expected):
    html = page("<div>关于做好秋季学校食品安全工作的通知" + "<div>" * wrappers + _ZOOM + "</div>" * wrappers + "</div>")
    assert ex.title(html) == expected


@pytest.mark.parametrize("depth, expected", [
    (3, SITE),                                  # three boxes inside a link: a link
    (4, "关于做好秋季学校食品安全工作的通知"),    # four: a line of its own
])
def test_title_line_above_the_body_inside_a_link_three_boxes_up(depth, expected):
    line = "<b>关于做好秋季学校食品安全工作的通知</b>"
    for _ in range(depth - 1):
        line = f"<div>{line}</div>"
    html = page(f'<a href="/tz/">{line}</a>' + _ZOOM)
    assert ex.title(html) == expected


# ----------------------------------------------------------------------------------- body: container scores

@pytest.mark.parametrize("side_len, expected", [
    (16, "正文"),   # three wrapped paragraphs of 11 score 16.5 for their grandparent: more than 16
    (17, "侧栏"),   # a sidebar paragraph of 17 beats them
])
def test_body_text_wrapped_paragraphs_against_a_sidebar_paragraph(side_len, expected):
    wrapped = "".join(f"<div><p>{'正文' * 5}。</p></div>" for _ in range(3))
    side = "侧栏" * (side_len // 2) + "。" * (side_len % 2)
    html = f"<html><body><div class='side'><p>{side}</p></div><div class='zoom'>{wrapped}</div></body></html>"
    assert ex.body_text(html).startswith(expected)


# ----------------------------------------------------------------------------------- breadcrumb

@pytest.mark.parametrize("before", ["<!-- 当前位置 -->", "<script>var crumb = 1;</script>"])
def test_breadcrumb_prefix_after_a_comment_or_script(before):
    html = f'<div class="position">{before}当前位置：<a href="/">首页</a> &gt; <a href="/a">政务公开</a></div>'
    assert ex.breadcrumb(html) == ["政务公开"]


@pytest.mark.parametrize("wrappers, expected", [(3, ["政务公开"]), (4, [])])
def test_breadcrumb_prefix_wrapped_up_to_three_times(wrappers, expected):
    prefix = "当前位置："
    for _ in range(wrappers):
        prefix = f"<span>{prefix}</span>"
    html = f'<div class="crumb">{prefix}<a href="/">首页</a> &gt; <a href="/a">政务公开</a></div>'
    assert ex.breadcrumb(html) == expected


# ----------------------------------------------------------------------------------- footer identity

def test_footer_identity_number_linked_with_a_tooltip():
    html = """<div class="ft">公安机关备案号：<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=34152302000101"
      title="全国互联网安全管理服务平台">34152302000101</a></div>"""
    assert ex.footer_identity(html)["police"] == "34152302000101"


def test_footer_identity_icon_with_a_tooltip_before_the_number():
    html = '<div class="ft">公安机关备案号：<i class="ico-beian" title="公安备案图标"></i>34152302000101</div>'
    assert ex.footer_identity(html)["police"] == "34152302000101"


def test_title_banner_printing_the_site_name_twice():
    # responsive templates print the name for wide and for narrow screens in one heading
    html = """<html><head><title>关于开展秋季安全检查的通知_青岚县人民政府</title></head><body>
      <div class="logo"><h1><span class="pc">青岚县人民政府门户网站</span><span class="m">青岚县人民政府</span></h1></div>
      <div class="art"><p>各单位要认真开展秋季安全检查，及时消除隐患。</p></div></body></html>"""
    assert ex.title(html) == "关于开展秋季安全检查的通知"


def test_title_part_printing_the_site_name_twice():
    html = """<html><head><title>青岚水利网 青岚水利网|关于做好汛后检查的通知</title></head><body>
      <a href="/"><img src="/logo.png" alt="青岚水利网"></a><p>关于做好汛后检查的通知全文如下</p></body></html>"""
    assert ex.title(html) == "关于做好汛后检查的通知"


@pytest.mark.parametrize("before", [
    '<i class="iconfont">&#xe61b;</i>',                  # an icon-font glyph
    '<span class="date">2019年9月5日 星期四</span>',       # the date printed in the same bar
])
@pytest.mark.parametrize("prefix", ["当前位置：", "<span>当前位置：</span>"])
def test_breadcrumb_prefix_after_an_icon_or_a_date_in_the_same_box(before, prefix):
    # a trail without 首页: each of its names counts
    html = f'<div class="position">{before}{prefix}<a href="/a">政务公开</a> &gt; <a href="/b">通知公告</a> &gt; 正文</div>'
    assert ex.breadcrumb(html) == ["政务公开", "通知公告", "正文"]


def test_breadcrumb_plain_trail_after_the_prefix_span_stops_at_a_box():
    # the date box floated right inside the crumb bar is no part of the trail
    html = '<div class="crumb"><span>当前位置：</span>首页 &gt; 政务公开<div class="fr">2019-09-05</div></div>'
    assert ex.breadcrumb(html) == ["政务公开"]


def test_breadcrumb_list_after_an_icon_and_the_prefix():
    html = ('<div class="position"><i class="iconfont">&#xe61b;</i><span>当前位置：</span>'
            '<ul><li><a href="/">首页</a></li><li><a href="/a">政务公开</a></li></ul></div>')
    assert ex.breadcrumb(html) == ["政务公开"]


def test_breadcrumb_empty_bar_after_an_icon_is_no_trail():
    # the trail is filled in by a script the crawler did not run
    html = ('<div class="position"><i class="iconfont">&#xe61b;</i><span>当前位置：</span></div>'
            '<div class="crumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/b">通知公告</a></div>')
    assert ex.breadcrumb(html) == ["通知公告"]


def test_breadcrumb_space_after_the_colon():
    assert ex.breadcrumb('<div>当前位置： <a href="/">首页</a> &gt; <a href="/a">政务公开</a></div>') == ["政务公开"]


def test_breadcrumb_one_link_after_the_line_is_not_the_trail():
    # an unlinked trail, and a print link in a box of its own below it in the same cell
    html = ('<table><tr><td class="position">当前位置：政务公开'
            '<div class="tools"><a href="javascript:window.print()">打印本页</a></div></td></tr></table>')
    assert ex.breadcrumb(html) == ["政务公开"]


def test_breadcrumb_list_and_its_narrow_screen_copy_in_one_box():
    html = ('<div class="crumb"><span>当前位置：</span><ul class="pc"><li>首页</li><li>政务公开</li><li>通知公告</li></ul>'
            '<p class="m">当前位置：首页 &gt; 政务公开 &gt; 通知公告</p></div>')
    assert ex.breadcrumb(html) == ["政务公开", "通知公告"]
