"""Authorization matrix cases for the child's record, its sections, search and registration."""

from __future__ import annotations

from safeguard.access.testing.matrix import NOBODY, Case, holders

ALLOCATED = {"social_worker", "consultant_social_worker", "team_manager", "service_manager"}
RESTRICTED = {"social_worker", "team_manager"}
SECTIONS = (
    "people:child_chronology",
    "people:child_relationships",
    "people:child_plans",
    "people:child_visits",
    "people:child_meetings",
    "people:child_history",
)


def record(child_attr: str, allowed, note: str, url_name: str = "people:child_record") -> Case:
    return Case(
        url_name=url_name,
        kwargs=lambda w: {"child_id": getattr(w, child_attr).pk},
        allowed=allowed,
        note=note,
    )


CASES = [
    record("child_allocated", ALLOCATED, "(allocated to the social worker in Team A)"),
    record("child_other_team", NOBODY, "(another service's child: break-glass only)"),
    record(
        "child_restricted",
        RESTRICTED,
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
    # The record's section pages: the same rules, but never for partner agencies.
    *[
        case
        for name in SECTIONS
        for case in (
            record("child_allocated", ALLOCATED, "(allocated in Team A)", name),
            record("child_restricted", RESTRICTED, "(restricted)", name),
            record("child_shared_police", NOBODY, "(shared with police: summary only)", name),
        )
    ],
    record("child_mash", {"mash_officer"}, "(on the MASH queue)", "people:child_chronology"),
    record(
        "child_conference",
        {"cp_chair_iro", "conference_support"},
        "(conference booked)",
        "people:child_chronology",
    ),
    Case(url_name="people:search", allowed=holders("search_people"), note="(empty form)"),
    Case(
        url_name="people:search",
        allowed=holders("search_people"),
        query="name=Alex",
        note="(a search)",
    ),
    Case(url_name="people:create_person", allowed=holders("record_contact")),
    Case(
        url_name="people:create_person",
        method="post",
        data=lambda w: {},
        allowed=holders("record_contact"),
        note="(empty form: errors)",
    ),
    Case(
        url_name="people:edit_person",
        kwargs=lambda w: {"child_id": w.child_allocated.pk},
        allowed={"social_worker", "consultant_social_worker", "team_manager"},
        note="(record_contact and the child's rules)",
    ),
    Case(
        url_name="people:edit_person",
        method="post",
        kwargs=lambda w: {"child_id": w.child_allocated.pk},
        data=lambda w: {},
        allowed={"social_worker", "consultant_social_worker", "team_manager"},
        note="(empty form: errors)",
    ),
    Case(
        url_name="people:edit_person",
        kwargs=lambda w: {"child_id": w.child_mash.pk},
        allowed={"mash_officer"},
        note="(MASH queue child)",
    ),
]
