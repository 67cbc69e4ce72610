"""Authorization matrix cases for the child's record page: one child per kind of rule."""

from __future__ import annotations

from safeguard.access.testing.matrix import NOBODY, Case


def record(child_attr: str, allowed, note: str) -> Case:
    return Case(
        url_name="people:child_record",
        kwargs=lambda w: {"child_id": getattr(w, child_attr).pk},
        allowed=allowed,
        note=note,
    )


CASES = [
    record(
        "child_allocated",
        {"social_worker", "consultant_social_worker", "team_manager", "service_manager"},
        "(allocated to the social worker in Team A)",
    ),
    record("child_other_team", NOBODY, "(another service's child: break-glass only)"),
    record(
        "child_restricted",
        {"social_worker", "team_manager"},
        "(restricted: allocated worker and their team manager only)",
    ),
    record("child_shared_police", {"partner_police"}, "(shared with the police)"),
    record("child_mash", {"mash_officer"}, "(on the MASH queue)"),
    record("child_early_help", {"early_help_worker"}, "(open early help)"),
    record(
        "child_conference",
        {"cp_chair_iro", "conference_support"},
        "(conference booked, chaired by the CP chair)",
    ),
]
