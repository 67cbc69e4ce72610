"""Authorization matrix cases for the worklists pages."""

from __future__ import annotations

from safeguard.access.testing.matrix import Case, holders

CASES = [
    Case(url_name="worklists:my_work", allowed=holders("view_caseload")),
    Case(url_name="worklists:start", allowed=holders("view_notifications")),
]
