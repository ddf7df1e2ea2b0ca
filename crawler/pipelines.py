"""The item pipeline: every row the spider yields goes to its snapshot table (batched)."""
from __future__ import annotations

from .middlewares import CrawlerBound


class SnapshotPipeline(CrawlerBound):
    def process_item(self, item):
        row = dict(item)
        table = row.pop("_table")
        self.spider.snapshot.add(table, row)
        return None   # rows end here; nothing downstream needs them
