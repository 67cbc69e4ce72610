"""Authorization matrix cases for the team page and case allocation."""

from __future__ import annotations

from safeguard.access.testing.matrix import Case, holders

#: Team A is the team manager's team and in the service manager's service area.
TEAM_A_MANAGERS = {"team_manager", "service_manager"}

CASES = [
    Case(url_name="workforce:team", allowed=holders("manage_team"), note="(own team)"),
    Case(
        url_name="workforce:team",
        kwargs=lambda w: {"team_id": w.teams["team_a"].pk},
        allowed=TEAM_A_MANAGERS,
        note="(Team A)",
    ),
    Case(
        url_name="workforce:team",
        kwargs=lambda w: {"team_id": w.teams["team_b"].pk},
        allowed=set(),
        note="(Team B: outside every manager's teams)",
    ),
    Case(
        url_name="workforce:allocate_case",
        kwargs=lambda w: {"child_id": w.child_allocated.pk},
        allowed=TEAM_A_MANAGERS,
    ),
    Case(
        url_name="workforce:allocate_case",
        method="post",
        kwargs=lambda w: {"child_id": w.child_allocated.pk},
        allowed=TEAM_A_MANAGERS,
        note="(empty form: re-shown with errors)",
    ),
]
