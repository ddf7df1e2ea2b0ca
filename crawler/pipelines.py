"""The item pipeline: every row the spider yields goes to its snapshot table (batched)."""
from __future__ import annotations


class SnapshotPipeline:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        row = dict(item)
        table = row.pop("_table")
        self.crawler.spider.snapshot.add(table, row)
        return None   # rows end here; nothing downstream needs them
