"""Report: rectification lists, score sheets, the run dashboard and evidence packs."""
