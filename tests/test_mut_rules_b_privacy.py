"""Exact finding rows of the confidentiality rules (PRIV-001…003): message, place and the masked
numbers shown as evidence, for item bodies and attachment texts (tests/minisnap.py snapshots)."""
from __future__ import annotations

from tests.minisnap import PORTAL, Mini
from tests.test_mut_rules_b import rows

IDS = ["530102198001010015", "341502198001011234", "34150219800101104X", "320106199003074566",
       "11010519491231002x", "11010519491231002X"]   # valid (see test_thresholds.GOOD_IDS), unsorted


def test_id_number_row_masks_and_sorts_the_numbers(tmp_path):
    mini = Mini(tmp_path)
    fid = mini.fetch("http://xxgk.example.gov.cn/art/1.html", 200)
    it = mini.item(body="名单：" + "，".join(IDS), fetch_id=fid, column_path="法定主动公开内容 > 公示公告")
    assert rows(mini, "PRIV-001") == [
        {"rule": "PRIV-001", "said": f"“{it['title']}”的正文含6个未脱敏的身份证号（如110{'*' * 11}002X）", "url": it["url"],
         "column_path": "法定主动公开内容 > 公示公告", "index_no": it["index_no"], "severity": "major",
         "evidence": {"numbers": ["110" + "*" * 11 + "002X", "110" + "*" * 11 + "002x", "320" + "*" * 11 + "4566",
                                  "341" + "*" * 11 + "104X", "341" + "*" * 11 + "1234"],
                      "fetch_ids": [fid]}, "gap": 0}]


def test_id_numbers_in_attachments(tmp_path):
    mini = Mini(tmp_path)
    it = mini.item(column_path="法定主动公开内容 > 公示公告")
    mini.add("attachments", item_url=it["url"], url="http://xxgk.example.gov.cn/att/0.pdf", ext="pdf", status=200,
             text=None, name="空")                                                      # no text: skipped
    mini.add("attachments", item_url=it["url"], url="http://xxgk.example.gov.cn/att/1.xlsx", ext="xlsx", status=200,
             text="王五 530102198001010015", name="名单.xlsx")
    mini.add("attachments", item_url="http://elsewhere.example.com/x.html", url="http://xxgk.example.gov.cn/att/2",
             ext=None, status=200, text="赵六 341502198001011234", name="附件二")          # its item not read
    got = sorted(rows(mini, "PRIV-001"), key=lambda r: r["url"])
    assert got == [
        {"rule": "PRIV-001", "said": f"“{it['title']}”的附件（xlsx）含1个未脱敏的身份证号（如530{'*' * 11}0015）",
         "url": "http://xxgk.example.gov.cn/att/1.xlsx", "column_path": "法定主动公开内容 > 公示公告",
         "index_no": it["index_no"], "severity": "major", "evidence": {"numbers": ["530" + "*" * 11 + "0015"]}, "gap": 0},
        {"rule": "PRIV-001", "said": f"“附件二”的附件（文件）含1个未脱敏的身份证号（如341{'*' * 11}1234）",
         "url": "http://xxgk.example.gov.cn/att/2", "column_path": None, "index_no": None, "severity": "major",
         "evidence": {"numbers": ["341" + "*" * 11 + "1234"]}, "gap": 0},
    ]


def test_mobile_number_row(tmp_path):
    mini = Mini(tmp_path)
    apply = mini.column("依申请公开", fixed="apply")
    mini.add("pages", url=apply["url"], kind="page", site="disclosure", text="咨询电话：13905641234")
    mini.column("其他", fixed=None)
    it = mini.item(body="张三13805640003，李四13805640001，王五13805640002，咨询13905641234")
    assert rows(mini, "PRIV-002") == [
        {"rule": "PRIV-002", "said": f"“{it['title']}”的正文列出3个未脱敏的手机号码（如138****0001）", "url": it["url"],
         "column_path": it["column_path"], "index_no": it["index_no"], "severity": "major",
         "evidence": {"numbers": ["138****0001", "138****0002", "138****0003"]}, "gap": 0}]


def test_bank_card_row(tmp_path):
    mini = Mini(tmp_path)
    it = mini.item(body="收款人：张三 卡号：5555555555554444，4111111111111111，5555555555554444")
    assert rows(mini, "PRIV-003") == [
        {"rule": "PRIV-003", "said": f"“{it['title']}”的正文含2个银行卡号（如555{'*' * 9}4444）", "url": it["url"],
         "column_path": it["column_path"], "index_no": it["index_no"], "severity": "major",
         "evidence": {"numbers": ["411" + "*" * 9 + "1111", "555" + "*" * 9 + "4444"]}, "gap": 0}]


# ---- the unit's own mobile numbers and at most five shown ----------------------------------------

LISTED = "张三13805640001，李四13805640002，王五13805640003"


def test_a_number_in_a_home_page_footer_is_the_units_own(tmp_path):
    mini = Mini(tmp_path)
    mini.add("pages", url=PORTAL, kind="home", site="portal", text="版权所有 值班电话：13805640003")
    mini.item(body=LISTED)
    assert rows(mini, "PRIV-002") == []


def test_a_number_on_an_item_page_is_not_the_units_own(tmp_path):
    mini = Mini(tmp_path)
    it = mini.item(body=LISTED)
    mini.add("pages", url=it["url"], kind="item", site="disclosure", text=LISTED)
    assert [(r["url"], r["evidence"]) for r in rows(mini, "PRIV-002")] == [
        (it["url"], {"numbers": ["138****0001", "138****0002", "138****0003"]})]


def test_the_evidence_shows_at_most_five_numbers(tmp_path):
    mini = Mini(tmp_path)
    it = mini.item(body="，".join(f"1380564000{i}" for i in range(6, 0, -1)))
    assert [(r["said"], r["evidence"]) for r in rows(mini, "PRIV-002")] == [
        (f"“{it['title']}”的正文列出6个未脱敏的手机号码（如138****0001）",
         {"numbers": [f"138****000{i}" for i in range(1, 6)]})]


def test_a_number_failing_luhn_does_not_hide_the_cards_after_it(tmp_path):
    mini = Mini(tmp_path)
    it = mini.item(body="收款账号：4111111111111112，开户银行卡号：5555555555554444")
    assert [(r["said"], r["evidence"]) for r in rows(mini, "PRIV-003")] == [
        (f"“{it['title']}”的正文含1个银行卡号（如555{'*' * 9}4444）", {"numbers": ["555" + "*" * 9 + "4444"]})]


def test_the_card_evidence_shows_at_most_five_numbers(tmp_path):
    mini = Mini(tmp_path)
    cards = ["6011111111111117", "5555555555554444", "5105105105105100", "4111111111111111", "4012888888881881",
             "3530111333300000"]
    it = mini.item(body="；".join(f"收款卡号：{n}" for n in cards))
    assert [(r["said"], r["evidence"]) for r in rows(mini, "PRIV-003")] == [
        (f"“{it['title']}”的正文含6个银行卡号（如601{'*' * 9}1117）",
         {"numbers": [n[:3] + "*" * 9 + n[-4:] for n in sorted(cards)[:5]]})]
