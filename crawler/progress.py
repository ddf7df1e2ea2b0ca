"""Live progress per unit (pages, items, errors) while a crawl runs, and a summary at the end."""
from __future__ import annotations

from rich.console import Console
from rich.live import Live
from rich.table import Table
from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

STATUS_TEXT = {"ok": "完成", "down": "无法访问", "timeout": "超时", "budget": "达到页面上限"}


def unit_table(spider, final: bool = False) -> Table:
    table = Table(title="抓取汇总" if final else "抓取进度", show_lines=False)
    for col in ("单位", "名称", "页面", "信息", "错误") + (("状态",) if final else ()):
        table.add_column(col, justify="right" if col in ("页面", "信息", "错误") else "left")
    for uid, unit in spider.units.items():
        c = spider.counters[uid]
        row = [uid, unit.name, str(c["pages"]), str(c["items"]), str(c["errors"])]
        if final:
            row.append(STATUS_TEXT.get(spider.status.get(uid, "ok"), spider.status.get(uid, "")))
        table.add_row(*row)
    return table


class Progress:
    """A rich Live table refreshed twice a second; off when ZWGK_PROGRESS is False."""

    def __init__(self, crawler):
        if not crawler.settings.getbool("ZWGK_PROGRESS", True):
            raise NotConfigured("ZWGK_PROGRESS is off")
        self.crawler = crawler
        self.console = Console(stderr=True)
        self.live = None
        self.loop = None
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def opened(self, spider):
        self.spider = spider
        if self.console.is_terminal:
            self.live = Live(unit_table(spider), console=self.console, refresh_per_second=2, transient=True)
            self.live.start()
            self.loop = task.LoopingCall(lambda: self.live.update(unit_table(spider)))
            self.loop.start(0.5, now=False)

    def closed(self, spider, reason):
        if self.loop and self.loop.running:
            self.loop.stop()
        if self.live:
            self.live.stop()
