"""Item metadata (N2017 3.(2)): META-001…003."""
from __future__ import annotations

import re
from collections import defaultdict

from ..registry import rule

REQUIRED = {"index_no": "索引号", "publisher": "发布机构", "created": "生成日期"}
NORMATIVE = re.compile(r"规范性文件")
# Anhui form: 组织机构代码 (9) or 统一社会信用代码 (18) / YYYYMM - serial
INDEX_NO = re.compile(r"^(?P<org>[0-9A-Z]{9}|[0-9A-Z]{18})/(?P<year>\d{4})(?P<month>\d{2})-(?P<seq>\d{3,6})$")


def _where(item) -> dict:
    return dict(url=item["url"], column_path=item["column_path"], index_no=item["index_no"] or None,
                fetch_ids=[item["fetch_id"]])


def missing_metadata(audit):
    for item in audit.items:
        need = dict(REQUIRED)
        if NORMATIVE.search(item["column_path"] or ""):
            need["doc_no"] = "文号"
        lacking = [label for field, label in need.items() if not (item[field] or "").strip()]
        if field_text := "、".join(lacking):
            yield audit.finding(f"“{item['title']}”缺少{field_text}", **_where(item))


rule("META-001", "信息缺少必要元数据", "minor", "3.(2)", "N2017 3.(2)",
     requirement="每条信息应标注索引号、发布机构、生成日期，规范性文件还应标注文号")(missing_metadata)


def malformed_index_numbers(audit):
    own = audit.org_code.upper()
    for item in audit.items:
        index_no = (item["index_no"] or "").strip()
        if not index_no:
            continue   # META-001
        m = INDEX_NO.match(index_no.upper())
        if not m or not 1 <= int(m["month"]) <= 12:
            yield audit.finding(f"“{item['title']}”的索引号“{index_no}”格式不符合“机构代码/年月-序号”", **_where(item))
        elif own and m["org"] != own:
            yield audit.finding(f"“{item['title']}”的索引号“{index_no}”中的机构代码{m['org']}不是本单位的（{own}）",
                                **_where(item))


rule("META-002", "索引号不规范", "minor", "3.(2)", "platform convention",
     requirement="索引号应为“本单位组织机构代码（或统一社会信用代码）/年月-序号”，如003240560/201705-00239")(malformed_index_numbers)


def duplicate_index_numbers(audit):
    by_index = defaultdict(list)
    for item in audit.items:
        if (item["index_no"] or "").strip():
            by_index[item["index_no"].strip()].append(item)
    for index_no, items in by_index.items():
        if len(items) > 1:
            titles = "”“".join(i["title"] for i in items[:3])
            yield audit.finding(f"索引号{index_no}同时用于{len(items)}条不同信息：“{titles}”",
                                url=items[-1]["url"], column_path=items[-1]["column_path"], index_no=index_no,
                                fetch_ids=[i["fetch_id"] for i in items], urls=[i["url"] for i in items])


rule("META-003", "索引号重复", "major", "3.(2)", "platform convention",
     requirement="索引号应唯一标识一条信息，不同信息不得使用同一索引号")(duplicate_index_numbers)
