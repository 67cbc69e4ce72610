"""What a worker has done lately: the other half of "My work".

A visit, an assessment or a return home interview recorded in the last week drops its
item off the due list; showing it here, with its date, tells the worker the system has
it (and a manager can see the work was done).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

#: How far back "done lately" reaches.
DONE_DAYS = 7


@dataclass(frozen=True)
class DoneItem:
    child: Any
    what: str
    on: dt.date


def done_lately(worker: Any, today: dt.date, *, days: int = DONE_DAYS) -> list[DoneItem]:
    """Visits, authorised assessments and return home interviews the worker recorded in the
    last ``days`` days, newest first (three queries)."""
    from safeguard.assessment.models import Assessment
    from safeguard.cin.models import Visit
    from safeguard.exploitation.models import ReturnHomeInterview

    since = today - dt.timedelta(days=days)
    done: list[DoneItem] = []
    for visit in Visit.objects.filter(
        worker=worker, visit_date__gt=since, visit_date__lte=today
    ).select_related("child"):
        seen = "seen alone" if visit.seen_alone else "seen" if visit.child_seen else "not seen"
        done.append(
            DoneItem(visit.child, f"{visit.get_visit_type_display()} ({seen})", visit.visit_date)
        )
    for assessment in Assessment.objects.filter(
        worker=worker, authorised_on__gt=since, authorised_on__lte=today
    ).select_related("episode__child"):
        assert assessment.authorised_on is not None
        done.append(
            DoneItem(assessment.episode.child, "Assessment completed", assessment.authorised_on)
        )
    for interview in ReturnHomeInterview.objects.filter(
        held_by_worker=worker, held_at__date__gt=since, held_at__date__lte=today
    ).select_related("missing_episode__child"):
        assert interview.held_at is not None
        done.append(
            DoneItem(
                interview.missing_episode.child, "Return home interview", interview.held_at.date()
            )
        )
    return sorted(done, key=lambda item: (item.on, item.what), reverse=True)
