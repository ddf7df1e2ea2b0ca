"""zwgk-audit: crawl, audit, score and report on government information-disclosure sites."""
__version__ = "0.1.0"
