"""Authorization matrix cases for the early help pages.

The world's ``child_early_help`` is in open early help led by the early help worker, who
alone may open them; Team A's child (``child_allocated``) is open to its social workers
and managers, for starting early help and for stepping a referral down.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from safeguard.access.testing.matrix import Case
from safeguard.cin.tests.access_matrix import TEAM_A_CASEWORK, open_episode

EARLY_HELP = {"early_help_worker"}


def early_help_child(w: Any) -> dict[str, Any]:
    return {"child_id": w.child_early_help.pk}


def allocated_child(w: Any) -> dict[str, Any]:
    return {"child_id": w.child_allocated.pk}


def with_taf_plan(w: Any) -> dict[str, Any]:
    """The world's early help episode assessed, with a lead professional and a TAF plan."""
    from safeguard.core import clock
    from safeguard.earlyhelp import services
    from safeguard.earlyhelp.selectors import open_episode as episode_of

    episode = episode_of(w.child_early_help)
    assert episode is not None
    today = clock.today()
    services.start_early_help_assessment(
        episode=episode, started_on=today - dt.timedelta(days=28), agency="la_early_help"
    )
    services.complete_early_help_assessment(
        episode=episode, completed_on=today - dt.timedelta(days=20)
    )
    services.appoint_lead_professional(
        episode=episode,
        name="Early Help Worker",
        agency="la_early_help",
        worker=w.workers["early_help_worker"],  # still leads it, so still opens the child
    )
    services.start_taf_plan(
        episode=episode, started_on=today - dt.timedelta(days=15), outcomes="Attendance up."
    )
    return early_help_child(w)


def pair(url_name: str, kwargs: Any, allowed: set[str], note: str) -> list[Case]:
    """The form (GET) and an empty submission (POST: re-rendered with errors, 200)."""
    return [
        Case(url_name=url_name, kwargs=kwargs, allowed=allowed, note=note),
        Case(
            url_name=url_name,
            kwargs=kwargs,
            allowed=allowed,
            method="post",
            note=f"{note} (empty form)",
        ),
    ]


IN_EARLY_HELP = "(child in early help, led by the early help worker)"

CASES = [
    *pair("earlyhelp:start_early_help", allocated_child, TEAM_A_CASEWORK, "(Team A's child)"),
    *pair("earlyhelp:start_early_help", early_help_child, EARLY_HELP, IN_EARLY_HELP),
    *pair("earlyhelp:record_early_help_assessment", early_help_child, EARLY_HELP, IN_EARLY_HELP),
    *pair("earlyhelp:appoint_lead_professional", early_help_child, EARLY_HELP, IN_EARLY_HELP),
    *pair("earlyhelp:record_taf_plan", early_help_child, EARLY_HELP, IN_EARLY_HELP),
    *pair("earlyhelp:record_taf_review", with_taf_plan, EARLY_HELP, "(with a TAF plan)"),
    *pair("earlyhelp:step_up", early_help_child, EARLY_HELP, IN_EARLY_HELP),
    *pair("earlyhelp:close_early_help", early_help_child, EARLY_HELP, IN_EARLY_HELP),
    *pair(
        "earlyhelp:step_down", open_episode, TEAM_A_CASEWORK, "(open referral on Team A's child)"
    ),
]
