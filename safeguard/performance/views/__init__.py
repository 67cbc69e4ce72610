"""The performance pages: the products, each measure with its drill-down, and downloads.

Every view needs ``access.view_performance``. Figures are aggregates; the drill-down
lists behind them are child-level, so each page of one and each CSV download of one is
written to the audit log (``drilldown``).
"""
