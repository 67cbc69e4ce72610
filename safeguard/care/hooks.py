"""Checks that apps above ``care`` contribute to ``care``'s services.

Apps depend downwards only (exploitation may import care, not the reverse), yet some
SSDA903 rules about looked-after episodes need facts exploitation owns: a placement cannot
end while the child is missing from it (rule 575), and care cannot end while a missing
episode is open (577, 580). Care publishes this registry; exploitation registers its
check in ``AppConfig.ready``.

A check is a plain function that raises ``ValidationError`` keyed by ``request.field``
and writes nothing. Checks run inside the service's transaction, before it writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from safeguard.care.models import LookedAfterEpisode
from safeguard.people.models import Person


@dataclass(frozen=True)
class EpisodeEndRequest:
    """What a care service is about to write: ``episode`` ends on ``ends_on``.

    ``ends_placement`` is False only for a change of legal status (the child stays where
    they are); ``ends_care`` is True when the period of care ends. ``field`` is the date
    argument of the calling service, for the error key.
    """

    child: Person
    episode: LookedAfterEpisode
    ends_on: dt.date
    ends_placement: bool
    ends_care: bool
    field: str


EpisodeEndCheck = Callable[[EpisodeEndRequest], None]

_episode_end_checks: list[EpisodeEndCheck] = []


def register_episode_end_check(check: EpisodeEndCheck) -> None:
    if check not in _episode_end_checks:
        _episode_end_checks.append(check)


def run_episode_end_checks(request: EpisodeEndRequest) -> None:
    for check in _episode_end_checks:
        check(request)
