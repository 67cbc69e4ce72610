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
    Case(
        url_name="worklists:queue_carole_tactical",
        allowed=holders("manage_exploitation_intelligence"),
    ),
    # Issue 9: the partnership's and quality assurance's queues.
    Case(url_name="worklists:queue_practice_reviews", allowed=holders("manage_practice_reviews")),
    Case(url_name="worklists:queue_child_deaths", allowed=holders("manage_child_deaths")),
    Case(url_name="worklists:queue_training", allowed=holders("manage_training")),
    Case(url_name="worklists:queue_case_audits", allowed=holders("manage_case_audits")),
    Case(url_name="worklists:queue_supervision", allowed=holders("record_supervision")),
    Case(url_name="worklists:queue_complaints", allowed=holders("manage_complaints")),
]
