"""How to search a site: its search form (GET or POST), a script-built search, a search box without a form."""
from __future__ import annotations

import re
from urllib.parse import quote, urldefrag, urlsplit, urlunsplit


from .document import _ancestors, _tag, _text, parse, visible_text
from .urls import _base, _crawlable, _join, _resolve
from .pagination import form_fields


_SEARCH_STRONG_RE = re.compile(r"搜\s*索|检\s*索|search|keyword|sousuo|jrobot|was5", re.I)


_SEARCH_WEAK_RE = re.compile(r"查\s*询|query", re.I)


_SEARCH_NAMES = frozenset({"q", "wd", "kw", "key", "keys", "word", "words", "searchword",
                           "keyword", "keywords", "searchkey", "query", "qt", "sw", "searchtext"})


def _hint_text(hints) -> str:
    """Attribute values and texts in one string to search; " | " between them keeps a word from
    being read across two (年检 closing a title, 索引号 opening the form's text is no 检索)."""
    return " | ".join(h or "" for h in hints)


def _search_score(form, text_input) -> int:
    """2: clearly a site search (搜索/检索/search…), 1: only 查询 (could be a case lookup), 0: no."""
    hints = [form.get("action"), form.get("name"), form.get("id"), text_input.get("placeholder"),
             text_input.get("value"), text_input.get("title"), text_input.get("id"), _text(form)]
    for b in form.iter("button", "input"):
        if _tag(b) == "button" or (b.get("type") or "").lower() in ("submit", "image", "button"):
            hints += [b.get("value"), b.get("alt"), b.get("title"), _text(b)]
    name = (text_input.get("name") or "").lower()
    joined = _hint_text(hints + [name])
    if name in _SEARCH_NAMES or _SEARCH_STRONG_RE.search(joined):
        return 2
    return 1 if _SEARCH_WEAK_RE.search(joined) else 0


def search_form(html, url: str) -> str | None:
    """URL template of the site search with "{q}" for the query (first GET search form).

    Hidden and other inputs keep their values in document order; like a browser, the action's own
    query string is replaced by the form data. The caller encodes the query in the site's charset.
    """
    root = parse(html)
    base = _base(root, url)
    best, best_score = None, 0
    for form in root.iter("form"):
        if (form.get("method") or "get").strip().lower() != "get":
            continue
        inputs = [i for i in form.iter("input", "select") if i.get("name") and
                  i.get("disabled") is None]
        text_input = next((i for i in inputs if _tag(i) == "input" and
                           (i.get("type") or "text").lower() in ("text", "search", "")), None)
        if text_input is None:
            continue
        score = _search_score(form, text_input)
        if score > best_score:
            template = _form_template(form, inputs, text_input, base)
            if template:
                best, best_score = template, score
            if best_score == 2:
                break
    return best


def search_post_form(html, url: str) -> dict | None:
    """The site search when it is a POST form that outranks every GET search form.

    ``{"url": action, "fields": [(name, value)], "query": name of the text input, "charset": the
    form's accept-charset or None}``: hidden fields keep their values, an image button is sent as
    browsers send it (``name.x``/``name.y``), a submit button with its name and value.
    """
    root = parse(html)
    base = _base(root, url)
    best, best_score = None, 0
    for form in root.iter("form"):
        method = (form.get("method") or "get").strip().lower()
        inputs = [i for i in form.iter("input") if i.get("disabled") is None]
        text_input = next((i for i in inputs if i.get("name") and
                           (i.get("type") or "text").lower() in ("text", "search", "")), None)
        if text_input is None:
            continue
        score = _search_score(form, text_input)
        if score <= best_score:
            continue
        best_score = score
        if method != "post":
            best = None   # a GET form ranks first: search_form() has it
            continue
        action = _resolve(base, form.get("action")) or urldefrag(url)[0]
        if urlsplit(action).scheme not in ("http", "https"):
            best = None
            continue
        fields = form_fields(form)
        fields += _pressed_button(form, text_input)
        charset = (form.get("accept-charset") or "").replace(",", " ").split()
        best = {"url": action, "fields": fields, "query": text_input.get("name"),
                "charset": charset[0] if charset else None}
    return best


# `location.href = "/search?channelid=1&searchword=" + encodeURIComponent(kw) + "&page=1"` in a
# page script or an onclick: the search URL is built by concatenation, there is no form
_SEARCH_CONCAT_RE = re.compile(r"""(['"])([^'"\s<>]*\?[^'"\s<>]*?([A-Za-z_][\w.]*)=)\1\s*\+""")


_CONCAT_TAIL_RE = re.compile(r"""\+\s*(['"])(&[^'"\s<>]*)\1""")


_NAVIGATE_RE = re.compile(r"location|window\.open|\.href|\.src\b|\$\.(?:get|ajax|getJSON)|fetch\(|\burl\s*[:=]")


def search_script(html, url: str) -> str | None:
    """URL template of a search that a script builds (no form): a page with a search box whose
    script or button handler navigates to ``"…?searchword=" + box.value``. Only URLs whose
    parameter is a query name or whose path says search count."""
    root = parse(html)
    base = _base(root, url)
    boxes = [i for i in root.iter("input") if (i.get("type") or "text").lower() in ("text", "search", "")]
    if not any(_SEARCH_STRONG_RE.search(_hint_text(i.get(k) for k in ("placeholder", "value", "title", "id",
                                                                      "name", "class")))
               or (i.get("name") or i.get("id") or "").lower() in _SEARCH_NAMES for i in boxes):
        return None
    code = [s.text or "" for s in root.iter("script") if not s.get("src")]
    code += [el.get(k) or "" for el in root.iter() if isinstance(el.tag, str)
             for k in ("onclick", "onkeydown", "onkeyup", "onkeypress", "onsubmit", "href")
             if "+" in (el.get(k) or "")]
    for text in code:
        for m in _SEARCH_CONCAT_RE.finditer(text):
            head, param = m.group(2), m.group(3)
            rest = re.split(r"[;\n]", text[m.end():m.end() + 200], maxsplit=1)[0]
            t = _CONCAT_TAIL_RE.search(rest)
            tail = t.group(2) if t else ""
            if param.lower() not in _SEARCH_NAMES and not _SEARCH_STRONG_RE.search(head.split("?")[0]):
                continue
            if not _NAVIGATE_RE.search(text[max(0, m.start() - 80):m.start()]):
                continue
            target = _join(base, head)
            if target and urlsplit(target).scheme in ("http", "https"):
                return f"{target}{{q}}{tail}"
    return None


_CSS_IDENT_RE = re.compile(r"^[A-Za-z][\w-]*$")


def search_box(html) -> str | None:
    """A selector of the page's search box when no form or page script says where it searches
    (its handler lives in a script file: a browser must type into it to find out). The box is a
    text input outside any form whose own attributes, or the button beside it, speak of search."""
    root = parse(html)
    inputs = list(root.iter("input"))
    for n, i in enumerate(inputs, 1):
        if (i.get("type") or "text").lower() not in ("text", "search", "") or i.get("disabled") is not None:
            continue
        if any(_tag(a) == "form" for a in _ancestors(i, 60)):
            continue   # search_form() / search_post_form() read forms
        hints = [i.get(k) for k in ("placeholder", "title", "value", "id", "name", "class", "aria-label")]
        parent = i.getparent()
        if parent is not None:   # the button beside it: 搜索, an icon with alt="搜索"
            hints += [_text(parent)] + [x.get(k) for x in parent.iter("img", "button", "a", "input") if x is not i
                                        for k in ("alt", "title", "value")]
        hints = _hint_text(hints)
        name = (i.get("name") or i.get("id") or "").lower()
        if not (_SEARCH_STRONG_RE.search(hints) or name in _SEARCH_NAMES or re.search(r"关键[字词]", hints)):
            continue
        if i.get("id") and _CSS_IDENT_RE.match(i.get("id")):
            return f"#{i.get('id')}"
        if i.get("name") and '"' not in i.get("name"):
            return f'input[name="{i.get("name")}"]'
        return f"xpath=(//input)[{n}]"
    return None


def _pressed_button(form, text_input) -> list[tuple[str, str]]:
    """What the search button adds to a submission, as a browser sends it: a named submit button
    its name and value, an image button ``name.x``/``name.y``. The button is the first one after
    the text box (a WebForms page is one form holding every button of the page), else the last
    one before it."""
    order = {el: n for n, el in enumerate(form.iter())}
    buttons = [b for b in form.iter("input", "button") if b.get("disabled") is None
               and (_tag(b) == "button" and (b.get("type") or "submit").lower() == "submit"
                    or (b.get("type") or "").lower() in ("submit", "image"))]
    after = [b for b in buttons if order[b] > order[text_input]]
    button = after[0] if after else (buttons[-1] if buttons else None)
    if button is None or not button.get("name"):
        return []
    if (button.get("type") or "").lower() == "image":
        return [(f"{button.get('name')}.x", "1"), (f"{button.get('name')}.y", "1")]
    return [(button.get("name"), button.get("value") or "")]


def _form_template(form, inputs, text_input, base: str) -> str | None:
    """GET submission URL of ``form`` with "{q}" in the text input's place."""
    pairs = []
    for i in inputs:
        kind = (i.get("type") or "text").lower() if _tag(i) == "input" else "select"
        name = quote(i.get("name"), safe="")
        if i is text_input:
            pairs.append(f"{name}={{q}}")
        elif kind in ("hidden", "text", "search"):
            pairs.append(f"{name}={quote(i.get('value') or '', safe='')}")
        elif kind in ("checkbox", "radio") and i.get("checked") is not None:
            pairs.append(f"{name}={quote(i.get('value') or 'on', safe='')}")
        elif kind == "select":
            options = list(i.iter("option"))
            chosen = next((o for o in options if o.get("selected") is not None),
                          options[0] if options else None)
            if chosen is not None:
                value = chosen.get("value") if chosen.get("value") is not None else _text(chosen)
                pairs.append(f"{name}={quote(value, safe='')}")
    pairs += [f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in _pressed_button(form, text_input)]
    action = _resolve(base, form.get("action")) or urldefrag(base)[0]
    parts = urlsplit(action)
    if parts.scheme not in ("http", "https"):
        return None  # javascript: actions build the URL in script
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(pairs), ""))


_SHELL_TEXT_MAX = 200   # a noscript notice, a title: more text is a page of its own


_SHELL_LINKS_MAX = 3


def app_shell(html) -> bool:
    """Is this the shell of a single-page application (Vue/React builds): an empty mount element
    with an id, script files of its own, and almost no text or links? Everything on such a page,
    menu and footer included, is drawn by its scripts, so only a browser sees it."""
    root = parse(html)
    if not any(s.get("src") for s in root.iter("script")):
        return False
    body = next(root.iter("body"), root)
    if sum(1 for a in body.iter("a") if _crawlable(a.get("href"))) > _SHELL_LINKS_MAX:
        return False
    if len(visible_text(root)) > _SHELL_TEXT_MAX:
        return False
    return any(el.get("id") and len(el) == 0 and not (el.text or "").strip()
               for el in body.iter("div", "main", "section", "app"))
