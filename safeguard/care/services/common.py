"""What the care services share: locks, the worker and episode-end checks, closing an episode."""

from __future__ import annotations

import datetime as dt

from safeguard.care import rules, selectors
from safeguard.care.models import LookedAfterEpisode, PeriodOfCare
from safeguard.cin import rules as cin_rules
from safeguard.core import validation as v
from safeguard.people.models import Person
from safeguard.workforce.models import Worker, WorkerRole


def _lock_child(child: Person) -> Person:
    """Serialise writes for one child: concurrent changes queue instead of interleaving."""
    return Person.objects.select_for_update().get(pk=child.pk)


def _current_episode_for_update(child: Person, *, action: str) -> LookedAfterEpisode:
    episode = (
        LookedAfterEpisode.objects.select_for_update(of=("self",))
        .select_related("period")
        .filter(child=child, ended_on__isnull=True)
        .first()
    )
    if episode is None:
        raise v.fail("child", f"Cannot {action}: {child} is not looked after.")
    return episode


def _check_episode_end(
    child: Person, current: LookedAfterEpisode, on: dt.date, *, field: str, label: str
) -> None:
    """An episode ends after it started (at least a day: 355, 356), not in the future."""
    v.require(on, field=field, label=label)
    v.not_in_future(on, field=field, label=label)
    rules.after(
        on,
        current.started_on,
        field=field,
        label=label,
        earliest_label="the start of the current episode",
        rule="355, 356",
    )
    rules.not_after(
        on, child.date_of_death, field=field, label=label, latest_label="the child's date of death"
    )


def _check_worker(
    worker: Worker | None, on: dt.date, *, field: str, label: str, roles: frozenset[str]
) -> None:
    if worker is None:
        return
    if worker.role not in roles:
        allowed = ", ".join(WorkerRole(r).label for r in sorted(roles))
        raise v.fail(
            field,
            f"{label} must be a {allowed.lower()}; {worker} is a "
            f"{worker.get_role_display().lower()}.",
        )
    cin_rules.worker_in_post(worker, on, field=field, label=label)


def _close(
    episode: LookedAfterEpisode, *, ended_on: dt.date, reason: str, place_change: str = ""
) -> None:
    episode.ended_on = ended_on
    episode.reason_ceased = reason
    episode.reason_placement_change = place_change
    episode.save(update_fields=["ended_on", "reason_ceased", "reason_placement_change"])


def _period_on(child: Person, on: dt.date, *, field: str, label: str) -> PeriodOfCare:
    period = selectors.period_on(child, on)
    if period is None:
        raise v.fail(
            field,
            f"{child} was not looked after on {on:%d/%m/%Y}: a {label} is for a looked-after "
            "child.",
        )
    return period
