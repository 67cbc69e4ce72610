"""Authorization matrix cases for the CIN pages: record_casework holders who may open the
child (the world's ``child_allocated``, Team A's) get the form; everyone else is refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

from safeguard.access.testing.matrix import Case

#: Record-casework holders whose rules open Team A's child.
TEAM_A_CASEWORK = {
    "social_worker",
    "consultant_social_worker",
    "team_manager",
    "service_manager",
}


def open_episode(w: Any) -> dict[str, Any]:
    """A referral open on Team A's child, 40 days ago."""
    from safeguard.cin.services import open_referral
    from safeguard.core import clock

    open_referral(
        child=w.child_allocated,
        referral_date=clock.today() - dt.timedelta(days=40),
        referral_source="2A",
    )
    return {"child_id": w.child_allocated.pk}


def open_plan(w: Any) -> dict[str, Any]:
    """An open referral with a CIN plan started 30 days ago."""
    from safeguard.cin.selectors import open_episode as episode_of
    from safeguard.cin.services import start_cin_plan
    from safeguard.core import clock

    kwargs = open_episode(w)
    episode = episode_of(w.child_allocated)
    assert episode is not None
    start_cin_plan(episode=episode, start_date=clock.today() - dt.timedelta(days=30))
    return kwargs


def pair(url_name: str, kwargs: Any, note: str) -> list[Case]:
    """The form (GET) and an empty submission (POST: re-rendered with errors, 200)."""
    return [
        Case(url_name=url_name, kwargs=kwargs, allowed=TEAM_A_CASEWORK, note=note),
        Case(
            url_name=url_name,
            kwargs=kwargs,
            allowed=TEAM_A_CASEWORK,
            method="post",
            note=f"{note} (empty form)",
        ),
    ]


CASES = [
    *pair("cin:start_cin_plan", open_episode, "(open referral on Team A's child)"),
    *pair("cin:review_cin_plan", open_plan, "(open CIN plan on Team A's child)"),
    *pair("cin:end_cin_plan", open_plan, "(open CIN plan on Team A's child)"),
    *pair("cin:record_visit", open_episode, "(open referral on Team A's child)"),
    *pair("cin:close_episode", open_episode, "(open referral on Team A's child)"),
]
