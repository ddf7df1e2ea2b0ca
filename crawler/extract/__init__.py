"""Pure extraction functions over the HTML of government disclosure pages.

Every function takes the page (a `Document`, or HTML as ``str``/``bytes``, or an lxml element) and,
where links are resolved, the page URL. Nothing here does I/O. A caller that runs several
extractors over one page parses it once, ``doc = Document(html)``, and hands `doc` to each: what
they work out more than once (link texts, links) is kept on the document, for that page only.

Real sites are built by many vendors with arbitrary class names, so nothing keys on classes or ids:
extraction relies on the standard Chinese labels (索引号, 发布日期 …), date patterns, link text and
document structure (rows, siblings, parents).

The modules, by concern: `document` (the parsed page, labels, text), `urls` (resolving, page numbers
in URLs), `metadata` (the label/value block), `links` (links, script URLs, data proxies, labelled
links), `page` (title, body, breadcrumb, footer identity), `listings` (list entries), `pagination`
(the other pages of a list), `forms` (how to search a site).
"""
from __future__ import annotations

from .document import LABEL_INDEX, LABELS, Document, document, label_key, parse, visible_text
from .forms import app_shell, search_box, search_form, search_post_form, search_script
from .links import (datastore_next_groups, embedded_markup, is_datastore, labelled_links, links, script_urls,
                    xml_as_html)
from .listings import Listing, listings
from .metadata import meta_tags, metadata
from .page import body_text, breadcrumb, footer_identity, title
from .pagination import form_fields, pagination, postback_pages
from .urls import _is_attachment as is_attachment, page_number

__all__ = [
    "LABELS", "LABEL_INDEX", "Document", "document", "Listing", "parse", "label_key", "visible_text", "metadata",
    "meta_tags", "title", "body_text", "breadcrumb", "footer_identity", "listings", "pagination", "postback_pages",
    "form_fields", "page_number", "is_attachment", "labelled_links", "links", "script_urls", "embedded_markup", "xml_as_html",
    "datastore_next_groups", "is_datastore", "search_form", "search_post_form", "search_script", "search_box", "app_shell",
]
