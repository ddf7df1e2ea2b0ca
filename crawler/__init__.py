"""Gather: Scrapy spiders (Playwright where a page needs a browser) that write a run's snapshot."""
