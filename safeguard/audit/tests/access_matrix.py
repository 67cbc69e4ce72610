"""Authorization matrix cases for the audit pages."""

from __future__ import annotations

from safeguard.access.testing.matrix import NOBODY, Case, holders

REPORTERS = holders("view_access_reports")

CASES = [
    Case(
        url_name="audit:record_access_log",
        kwargs=lambda w: {"child_id": w.child_allocated.pk},
        allowed=holders("view_record_access_log"),
        note="(a Team A child: their team manager and service manager)",
    ),
    Case(
        url_name="audit:record_access_log",
        kwargs=lambda w: {"child_id": w.child_other_team.pk},
        allowed=NOBODY,
        note="(a child outside the managers' rules)",
    ),
    Case(url_name="audit:access_reports", allowed=REPORTERS),
    Case(url_name="audit:access_reports", query="q=matrix", allowed=REPORTERS, note="(search)"),
    Case(
        url_name="audit:user_access_report",
        kwargs=lambda w: {"user_id": w.users["social_worker"].pk},
        allowed=REPORTERS,
    ),
    Case(
        url_name="audit:child_access_report",
        kwargs=lambda w: {"child_id": w.child_restricted.pk},
        allowed=REPORTERS,
        note="(any child, restricted ones included)",
    ),
    Case(
        url_name="audit:child_access_report",
        kwargs=lambda w: {"child_id": w.child_allocated.pk},
        query="format=csv",
        allowed=REPORTERS,
        note="(CSV download)",
    ),
    Case(url_name="audit:verify", allowed=holders("verify_audit_log")),
]
