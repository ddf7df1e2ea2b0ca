"""More exact rows of PRIV-002: the numbers on the unit's home pages are its own contacts, numbers
on any other page are not, and the evidence shows at most five (tests/minisnap.py snapshots)."""
from __future__ import annotations

from tests.minisnap import PORTAL, Mini
from tests.test_mut_rules_b import rows

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
