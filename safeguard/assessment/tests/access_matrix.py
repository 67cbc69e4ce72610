"""Authorization matrix cases for the assessment pages (Team A's child, open referral)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from safeguard.cin.tests.access_matrix import open_episode, pair


def open_assessment(w: Any) -> dict[str, Any]:
    """An assessment in progress on Team A's child, started 38 days ago."""
    from safeguard.assessment.services import start_assessment
    from safeguard.cin.selectors import open_episode as episode_of
    from safeguard.core import clock

    kwargs = open_episode(w)
    episode = episode_of(w.child_allocated)
    assert episode is not None
    start_assessment(
        episode=episode,
        start_date=clock.today() - dt.timedelta(days=38),
        worker=w.workers["social_worker"],
    )
    return kwargs


CASES = [
    *pair("assessment:start_assessment", open_episode, "(open referral on Team A's child)"),
    *pair("assessment:complete_assessment", open_assessment, "(assessment in progress)"),
]
