"""The item pipeline: every row the spider yields goes to its snapshot table (batched)."""
from __future__ import annotations


class SnapshotPipeline:
    def process_item(self, item, spider):
        row = dict(item)
        table = row.pop("_table")
        spider.snapshot.add(table, row)
        return None   # rows end here; nothing downstream needs them
