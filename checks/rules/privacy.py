"""Confidentiality (N2017 2.(3), 3.(5); R2019 第十五条): PRIV-001…003 over item bodies and attachment texts.

Masked forms (138****1234, 34**************12) are correct practice: the patterns need every digit."""
from __future__ import annotations

import re
from datetime import date

from ..registry import rule

ID18 = re.compile(r"(?<![0-9A-Za-z*])(\d{17}[\dXx])(?![0-9A-Za-z*])")
MOBILE = re.compile(r"(?<![0-9*])(1[3-9]\d{9})(?![0-9*])")
CARD = re.compile(r"(?<![0-9*])(\d{16,19})(?![0-9*])")
CARD_CONTEXT = re.compile(r"银行卡|卡号|账号|帐号|收款|开户|银行|账户|帐户|存折")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# GB/T 2260 province-level codes: the first two digits of every real 身份证号
REGIONS = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
           50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82}


def valid_id(number: str, today: date) -> bool:
    """GB 11643: known region, a real birth date not after today, the right check character."""
    number = number.upper()
    if int(number[:2]) not in REGIONS:
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not date(1900, 1, 1) <= born <= today:
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS))
    return "10X98765432"[total % 11] == number[17]


def luhn(number: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(number)):
        n = int(d)
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def mask(number: str) -> str:
    """Evidence never repeats the personal data it reports."""
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def documents(audit):
    """(text, where) for each item body and attachment text; attachments carry their item's place."""
    for item in audit.items:
        where = dict(url=item["url"], column_path=item["column_path"], index_no=item["index_no"],
                     fetch_ids=[item["fetch_id"]])
        yield item["body"] or "", "正文", item["title"], where
    for att in audit.attachments:
        item = audit.items_by_url.get(att["item_url"])
        if not att["text"]:
            continue
        where = dict(url=att["url"], column_path=item["column_path"] if item else None,
                     index_no=item["index_no"] if item else None)
        yield att["text"], f"附件（{att['ext'] or '文件'}）", (item["title"] if item else att["name"]), where


def id_numbers(audit):
    for text, part, title, where in documents(audit):
        found = sorted({m for m in ID18.findall(text) if valid_id(m, audit.as_of)})
        if found:
            yield audit.finding(f"“{title}”的{part}含{len(found)}个未脱敏的身份证号（如{mask(found[0])}）",
                                numbers=[mask(n) for n in found[:5]], **where)


rule("PRIV-001", "公开未脱敏的身份证号", "major", "3.(5)", "R2019 第十五条",
     requirement="公开的信息和附件中不得含有未脱敏的公民身份号码（应隐去部分数字）")(id_numbers)


def own_numbers(audit) -> set[str]:
    """Mobile numbers the unit publishes as its own contacts: in its guide, apply page and footers,
    and those its profile lists (`published_contacts:`)."""
    texts = [audit.page_text(c["url"]) for c in audit.columns if c["fixed"] in ("guide", "apply")]
    texts += [p["text"] or "" for p in audit.pages("home")]
    listed = set(audit.profile.get("published_contacts") or ())   # the profile's, digits only
    return {m for t in texts for m in MOBILE.findall(t)} | listed


def mobile_numbers(audit):
    own = own_numbers(audit)
    for text, part, title, where in documents(audit):
        found = sorted(set(MOBILE.findall(text)) - own)
        if len(found) >= audit.param("min_count"):
            yield audit.finding(f"“{title}”的{part}列出{len(found)}个未脱敏的手机号码（如{mask(found[0])}）",
                                numbers=[mask(n) for n in found[:5]], **where)


rule("PRIV-002", "成批公开个人手机号", "major", "3.(5)", "R2019 第十五条",
     requirement="不得公开个人手机号码（单位自身公布的联系电话除外），名单类信息应脱敏", min_count=3)(mobile_numbers)


def bank_cards(audit):
    width = audit.param("context_chars")
    for text, part, title, where in documents(audit):
        found = []
        for m in CARD.finditer(text):
            number = m.group(1)
            if not luhn(number) or (len(number) == 18 and valid_id(number, audit.as_of)):
                continue
            if CARD_CONTEXT.search(text[max(0, m.start() - width):m.end() + width]):
                found.append(number)
        if found:
            yield audit.finding(f"“{title}”的{part}含{len(set(found))}个银行卡号（如{mask(found[0])}）",
                                numbers=[mask(n) for n in sorted(set(found))[:5]], **where)


rule("PRIV-003", "公开银行卡号", "major", "3.(5)", "R2019 第十五条",
     requirement="不得公开个人银行卡号等金融账户信息", context_chars=60)(bank_cards)
