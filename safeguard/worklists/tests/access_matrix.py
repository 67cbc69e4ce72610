"""Authorization matrix cases for the worklists pages."""

from __future__ import annotations

from safeguard.access.testing.matrix import Case, holders

CASES = [
    Case(url_name="worklists:my_work", allowed=holders("view_caseload")),
    Case(url_name="worklists:start", allowed=holders("view_notifications")),
    # Work queues (issue 8): each behind the capability its records' pages need.
    Case(url_name="worklists:queue_front_door", allowed=holders("make_mash_decision")),
    Case(url_name="worklists:queue_lado", allowed=holders("manage_lado_cases")),
    Case(url_name="worklists:queue_fostering", allowed=holders("manage_fostering")),
    Case(url_name="worklists:queue_unregistered", allowed=holders("view_unregistered_placements")),
]
