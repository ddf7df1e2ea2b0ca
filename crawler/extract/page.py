"""What a page says about itself: its title, body, breadcrumb and footer identity."""
from __future__ import annotations

import re


from ..dates import find_date_text
from .document import _ANY_LABEL_START_RE, _BLOCK_TAGS, _CRUMB_RE, _FOOTER_RE, _HAS_WORD_RE, _LABEL_JUNK_RE, _LABEL_START_RE, _PROSE_PUNCT, _SKIP_TAGS, _UI_WORDS, _ancestors, _inline_text, _norm, _prev_el, _tag, _text, parse
from .metadata import _label_field, _line_from, meta_tags, metadata


_TITLE_SEP_RE = re.compile(r"\s*(?:_|\||｜| - | -- |－| — | – )\s*")


_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})


def _in_chrome(el) -> bool:
    return any(_tag(a) in _CHROME_TAGS for a in _ancestors(el, 50))


def _logo_names(root) -> list[str]:
    """Names the site gives itself: alt/title of linked images (the logo) and of images in the
    page header."""
    out = []
    for img in root.iter("img"):
        name = _norm(img.get("alt") or img.get("title"))
        if len(name) >= 2 and (any(_tag(a) == "a" for a in _ancestors(img, 3)) or _in_chrome(img)):
            out.append(name)
    return out


_OWNER_RE = re.compile(r"(?:主办单位|主办|版权所有|Copyright\s*(?:©|&copy;|\(c\))?)\s*[：:]?\s*(?:\d{4}\s*)?"
                       r"([\u4e00-\u9fff]{2,22}(?:政府|办公室|办公厅|局|委员会|委|办|中心|厅|院|处|所|站|会|网))", re.I)


_OWNER_OFFICE_RE = re.compile(r"(?:办公室|办公厅|信息中心|大数据中心|数据资源管理局)$")


def _owner_names(root) -> list[str]:
    """Who runs the site, from the footer: 主办单位：青岚县人民政府办公室, 版权所有 青岚县人民政府."""
    text = _text(root)
    tail = text[-600:]
    out = []
    for m in _OWNER_RE.finditer(tail):
        out.append(m.group(1))
        # 主办：青岚县人民政府办公室 runs the site of 青岚县人民政府
        short = _OWNER_OFFICE_RE.sub("", m.group(1))
        if short != m.group(1) and len(short) >= 4:
            out.append(short)
    return out


def _shown_in_body(root, text: str) -> bool:
    """Does the page show ``text`` as a block of its own (a heading, a bold line or a table cell
    above the body), not as a link?"""
    body = next(root.iter("body"), None)
    if body is None or len(text) < 4 or text not in _text(body):
        return False
    for el in body.iter():
        tag = _tag(el)
        if not tag or tag in _SKIP_TAGS or tag == "a" or not (el.text or "").strip() and not len(el):
            continue
        # a box holding just a link (<div class="logo"><a>站名</a></div>) shows the text as a link too
        if _text(el) == text and not any(True for _ in el.iter("a")) and \
                not any(_tag(x) == "a" for x in _ancestors(el, 3)):
            return True
    return False


_SITE_WORDS_RE = re.compile(r"^(?:门户网站|门户网|政府网站|网站|官网|官方网站|网|门户|政务网|政务公开网|信息公开网"
                            r"|政府信息公开网|信息公开|政务公开|欢迎您|首页|主页|\s)*$")


def _is_site_name(text: str, name: str) -> bool:
    """Does ``text`` name the site called ``name``: a piece of the name, or the name with only words
    such as 门户网站 besides it (responsive templates print the name twice, for wide and narrow screens)?"""
    return text in name or (name in text and bool(_SITE_WORDS_RE.match(text.replace(name, ""))))


_SOFT_SEPS = ("——", "--", "—", "－", "-", "–")


def _soft_split(root, part: str, names_site) -> list[str]:
    """``part`` split at a dash that stands between the title and the site name, else whole."""
    for sep in _SOFT_SEPS:
        if sep not in part:
            continue
        head, _, tail = part.rpartition(sep)
        head, tail = head.strip(), tail.strip()
        if head and tail and (names_site(tail) or _shown_in_body(root, head) and not _shown_in_body(root, part)):
            return [head, tail]
        head, _, tail = part.partition(sep)
        head, tail = head.strip(), tail.strip()
        # site first ("某某网-标题") only on the site's own word: a banner printing the site's
        # name would otherwise pass for the title
        if head and tail and names_site(head):
            return [tail, head]
    return [part]


def _title_parts(root, parts: list[str], site: str) -> tuple[list[str], list[str]]:
    """(parts with the article title first, parts that name the site or column) of a <title>
    such as "标题_栏目_站点", "站点 - 标题" or "站点|标题". The site is recognised by what the
    page says about itself (SiteName meta, logo); failing that the part the page shows as a block
    of its own is the title; failing that the first part is."""
    if not parts:
        return parts, []
    known = [n for n in [site, *_logo_names(root), *_owner_names(root)] if len(n) >= 2]

    def names_site(p: str) -> bool:
        # titles often name the unit ("青岚县人民政府关于…"): a part holding a site name is the
        # site only when the rest is a word such as 门户网站 ("青岚县人民政府门户网站")
        return any(_is_site_name(p, n) for n in known)

    # dashes also join a title to its subtitle ("绿色发展——我县…") or stand in dates and numbers
    # (2019-2020): they separate only where one side names the site or the other side is what
    # the page shows as its title
    parts = [x for p in parts for x in _soft_split(root, p, names_site)]
    if len(parts) < 2:
        # a <title> that is only the site's name carries no article title
        return ([], parts) if parts and names_site(parts[0]) else (parts, [])

    site_parts = [p for p in parts if names_site(p)]
    rest = [p for p in parts if p not in site_parts]
    if site_parts:
        return rest, site_parts
    shown = [p for p in parts if _shown_in_body(root, p)]
    # a later part shown on the page is the title only when longer than the first (a site name
    # printed as a banner must not pass for the title of "标题_站点")
    if len(shown) == 1 and (shown[0] == parts[0] or len(shown[0]) > len(parts[0])):
        return shown, [p for p in parts if p != shown[0]]
    return parts, parts[1:]


def title(html) -> str:
    """Article title: <meta name=ArticleTitle>, else the most prominent heading that is not the
    site name, else <title> without its " - site" / "_site" suffix."""
    root = parse(html)
    meta = meta_tags(root)
    for key in ("ArticleTitle", "articletitle", "og:title"):
        if meta.get(key):
            return meta[key]
    page_title = ""
    for t in root.iter("title"):
        page_title = _text(t)
        break
    parts = [p for p in _TITLE_SEP_RE.split(page_title) if p]
    site = meta.get("SiteName", "")
    parts, site_parts = _title_parts(root, parts, site)
    site_names = [n for n in site_parts + [site] if len(n) >= 2]
    column = meta.get("ColumnName", "")
    headings = []
    for level, tag in enumerate(("h1", "h2", "h3", "h4", "h5", "h6")):
        for h in root.iter(tag):
            text = _text(h)
            # a heading naming the site is a banner, unless it is the <title>'s own first part
            # (an article titled "某某街道2018年政府信息公开工作年度报告" names its unit)
            if len(text) < 2 or _in_chrome(h) or text == column or \
                    any(_is_site_name(text, n) for n in site_names):
                continue
            # linked headings are logos or list items, very short ones column names ("政务公开"):
            # try them after plain article-like headings
            linked = any(True for _ in h.iter("a")) or any(_tag(x) == "a" for x in _ancestors(h, 3))
            headings.append((linked, len(text) < 6, level, text))
    headings = [x[-1] for x in sorted(headings, key=lambda x: x[:3])]
    # a heading repeating the <title>'s first part is certainly the article title
    if parts:
        for text in headings:
            if len(text) >= 4 and (text in parts[0] or parts[0] in text):
                return text
    if headings:
        return headings[0]
    if parts:
        return parts[0]
    # no heading and a <title> naming only the site: the 名称 field of the metadata block, else the
    # line printed as a block of its own above the body (table-layout templates)
    return metadata(root).get("title") or _title_block(root, site_parts) or (site_parts[0] if site_parts else "")


_TITLE_BLOCK_TAGS = frozenset({"td", "th", "div", "p", "span", "b", "strong", "font", "center",
                               "h1", "h2", "h3", "h4", "h5", "h6"})


_TITLE_BLOCK_MAX = 120


def _body_start(root):
    """The first paragraph of the article body (the container body_text() would choose)."""
    blocks = _body_blocks(root)
    inside = _body_container(blocks)
    return next((el for el, _ in blocks if el in inside), None)


def _title_block(root, avoid=()) -> str:
    """The nearest single short line printed as a block of its own before the body's first
    paragraph: not a link, a label line (来源：, 发布时间：), a date line, a metadata cell, the
    breadcrumb or page chrome. When the body's first block is itself such a line (a bold title cell
    heading a short body), that line."""
    start = _body_start(root)
    if start is None:
        return ""
    first = _inline_text(start)
    if _title_like(first) and first not in avoid and _next_block_after(root, start):
        return first
    holders = {start, *_ancestors(start, 100)}
    before = []
    for el in root.iter():
        if el is start:
            break
        before.append(el)
    for el in reversed(before[-400:]):
        if _tag(el) not in _TITLE_BLOCK_TAGS or el in holders or _in_chrome(el):
            continue
        text = _inline_text(el)
        if not text or "\n" in text or not 4 <= len(text) <= _TITLE_BLOCK_MAX or not _HAS_WORD_RE.search(text):
            continue
        if any(True for _ in el.iter("a")) or any(_tag(x) == "a" for x in _ancestors(el, 3)):
            continue
        if text in _UI_WORDS or _CRUMB_RE.match(text) or _FOOTER_RE.search(text) or \
                _ANY_LABEL_START_RE.match(text) or _LABEL_START_RE.match(text) or _label_field(el):
            continue
        if _labelled(el):
            continue   # a value cell of the metadata grid, or what it wraps (<td><font>值</font></td>)
        if text in avoid or text.rstrip().endswith(("：", ":")):
            continue   # the site's name, or the salutation opening the body (各单位：)
        token = find_date_text(text, short=True)
        if token and len(text) - len(token) <= 14:
            continue   # "青岚县人民政府办公室 2019-09-26"
        return text
    return ""


def _labelled(el) -> bool:
    """Is `el`, or a box holding it, a value cell of a label grid: does the nearest element with text
    before it, at any level up, read as a label alone (发布机构)? Wrappers and icons inside the cell
    are passed however deep (<td>发布机构</td><td><img><div><font>值</font></div></td>)."""
    for x in (el, *el.iterancestors()):
        p = _prev_el(x)
        while p is not None and not _text(p):
            p = _prev_el(p)
        if p is not None and _label_field(p):
            return True
    return False


_SECTION_NO_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．](?!\d)|第[一二三四五六七八九十\d]+[章节条部分])")


def _title_like(text: str) -> bool:
    """One short line that reads as a title: not a sentence, a salutation (各单位：), a label line or
    a numbered section heading of the body (一、制定依据)."""
    return (bool(text) and "\n" not in text and not _SECTION_NO_RE.match(text) and 4 <= len(text) <= _TITLE_BLOCK_MAX and bool(_HAS_WORD_RE.search(text))
            and not _PROSE_PUNCT.intersection(text.replace("、", "")) and "。" not in text
            and not text.rstrip().endswith(("：", ":")) and not _ANY_LABEL_START_RE.match(text)
            and not _LABEL_START_RE.match(text) and not _CRUMB_RE.match(text) and not _FOOTER_RE.search(text))


def _next_block_after(root, start) -> bool:
    """Is there a body block after `start` (so `start` heads the body rather than being all of it)?"""
    seen = False
    for el, _ in _body_blocks(root):
        if el is start:
            seen = True
        elif seen:
            return True
    return False


def _link_density(el, text_len: int) -> float:
    if not text_len:
        return 0.0
    link_len = sum(len(_text(a)) for a in el.iter("a"))
    return link_len / text_len


def _body_blocks(root) -> list:
    """Paragraph-like blocks that may belong to an article body."""
    blocks = []
    for el in root.iter("p", "div", "td", "section", "article"):
        text = _inline_text(el)
        if not text:
            continue
        if _in_chrome(el) or _FOOTER_RE.search(text) or _CRUMB_RE.match(text):
            continue
        m = _LABEL_START_RE.match(text)
        if m and (m.group("colon") or _label_field(el)):
            continue  # metadata line
        prev = _prev_el(el)
        if prev is not None and _tag(el) in ("td", "th") and _label_field(prev):
            continue  # value cell of a metadata grid
        if _link_density(el, len(text)) > 0.5:
            continue  # menus, link lists
        blocks.append((el, text))
    return blocks


def body_text(html) -> str:
    """The article body text, paragraphs joined by "\\n".

    Blocks (p, divs/cells with own text) score their length for their parent, and half of it for
    the grandparent (bodies whose paragraphs are wrapped one by one); the best-scoring container
    wins and its blocks are returned, without metadata lines, menus and footers.
    """
    blocks = _body_blocks(parse(html))
    inside = _body_container(blocks)
    return "\n".join(text for el, text in blocks if el in inside)


def _body_container(blocks) -> set:
    """The elements of the container holding most of the body's text (parents count in full,
    grandparents half); empty when there is no body."""
    scores: dict = {}
    for el, text in blocks:
        parent = el.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + len(text)
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + len(text) / 2
    return set(max(scores, key=scores.get).iter()) if scores else set()


_CRUMB_SEP_RE = re.compile(r"\s*(?:>>|&gt;|>|›|»|/|→|＞|〉)\s*")


_HOME_WORDS = frozenset({"首页", "网站首页", "门户首页", "主页", "返回首页", "门户网站首页"})


def breadcrumb(html) -> list[str]:
    """The location trail ("当前位置：首页 > 政务公开 > 通知公告") as names, without the leading 首页."""
    root = parse(html)
    for el in root.iter():
        tag = _tag(el)
        # a comment's or script's own text is no crumb, but the text after it may be
        # ("<!-- 位置 -->当前位置：…")
        if tag and tag not in _SKIP_TAGS and el.text and _CRUMB_RE.match(el.text):
            container, line = el, _line_from(el, el.text, 0)
        elif el.tail and _CRUMB_RE.match(el.tail) and el.getparent() is not None:
            # the prefix after an icon or a date in the same box: the line from the prefix on
            container = el.getparent()
            line = _line_from(container, el.tail, container.index(el) + 1)
        else:
            continue
        # climb out of "<span>当前位置：</span>" to the element holding the trail; the line goes on
        # with what follows the span
        for _ in range(3):
            if _CRUMB_RE.sub("", _text(container), count=1).strip() or container.getparent() is None:
                break
            child, container = container, container.getparent()
            line += _line_from(container, child.tail, container.index(child) + 1)
        # the trail is the line after the prefix, up to the first block (not the whole page
        # when the crumb's container also wraps content); lists of links are read whole, after the
        # last prefix (a box holding the trail for wide and for narrow screens prints it twice)
        m = _CRUMB_RE.match(line)
        rest = line[m.end():].strip() or _text(container).rpartition(m.group(0))[2].strip()
        if not rest or len(rest) > 200:
            continue
        parts = [p for p in _CRUMB_SEP_RE.split(rest) if p]
        if len(parts) == 1:
            # arrows drawn by CSS: the link texts are the trail
            anchors = [_text(a) for a in container.iter("a") if _text(a)]
            if len(anchors) > 1:
                parts = anchors
        if parts and parts[0] in _HOME_WORDS:
            parts = parts[1:]
        return parts
    return []


_SITE_CODE_RE = re.compile(r"(?:网站)?标识码\s*[：:]?\s*([A-Za-z0-9]{10})(?![A-Za-z0-9])")


_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"


_ICP_RE = re.compile(rf"[{_PROVINCES}]\s*ICP\s*[备证]\s*\d{{4,}}\s*号(?:\s*-\s*\d+)?", re.I)


_POLICE_RE = re.compile(rf"[{_PROVINCES}]\s*公网安备\s*\d{{6,}}\s*号?")


# "公安机关备案号：34152302000101" without the 皖公网安备 form
_POLICE_LABEL_RE = re.compile(r"公安(?:机关)?备案(?:号|编号)?\s*[：:]?\s*(\d{10,})")


def footer_identity(html) -> dict:
    """{'site_code': 网站标识码 or None, 'icp': e.g. 皖ICP备10340074号, 'police': 公安备案号}."""
    root = parse(html)
    site_code = None
    for m in root.iter("meta"):
        if (m.get("name") or "").lower() == "siteidcode" and m.get("content"):
            site_code = m.get("content").strip()
            break
    text = _identity_text(root)
    if not site_code:
        m = _SITE_CODE_RE.search(text)
        site_code = m.group(1) if m else None
    icp = _ICP_RE.search(text)
    police = _POLICE_RE.search(text) or _POLICE_LABEL_RE.search(text)
    return {
        "site_code": site_code,
        "icp": _LABEL_JUNK_RE.sub("", icp.group(0)) if icp else None,
        "police": (_LABEL_JUNK_RE.sub("", police.group(0)) if police.re is _POLICE_RE else police.group(1))
        if police else None,
    }


def _identity_text(root) -> str:
    """The page's text for reading identity marks: a space at every block boundary (adjacent
    cells "3415000001" | "2019" must not run together into one number), inline pieces joined as
    they show ("网站标识码：<span>3415000001</span>"), and images' alt/title text in place (the
    公安备案 badge often carries its number only as an image's alt text)."""
    out: list[str] = []
    stack: list = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        tag = _tag(item)
        if not tag or (tag in _SKIP_TAGS and item is not root):
            continue
        if tag == "img" or (tag == "a" and item.get("title") and not _text(item)):
            out.append(f" {item.get('alt') or item.get('title') or ''} ")
        block = tag in _BLOCK_TAGS or tag == "br"
        if block:
            stack.append(" ")   # after the element's content
        for child in reversed(item):
            if child.tail:
                stack.append(child.tail)
            stack.append(child)
        if item.text:
            stack.append(item.text)
        if block:
            out.append(" ")
    return _norm("".join(out))
