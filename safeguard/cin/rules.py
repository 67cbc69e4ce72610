"""Small checks shared by the cin, assessment and protection services.

Each raises a ``ValidationError`` keyed by the field, naming the rule and the values, in
the style of ``safeguard.core.validation``.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db import models

from safeguard.cin.models import CINEpisode
from safeguard.core import validation as v
from safeguard.core.exceptions import StaleRecordError
from safeguard.people.models import Person
from safeguard.workforce.models import Worker


def not_before(
    value: dt.date | None,
    earliest: dt.date | None,
    *,
    field: str,
    label: str,
    earliest_label: str,
    rule: str = "",
) -> None:
    """Like ``core.validation.not_before``, citing a DfE rule when there is one."""
    if value is None or earliest is None:
        return
    if value < earliest:
        cite = f" (CIN census {rule})" if rule else ""
        raise v.fail(
            field,
            f"{label} ({value:%d/%m/%Y}) cannot be before {earliest_label} "
            f"({earliest:%d/%m/%Y}){cite}.",
        )


def not_after(
    value: dt.date | None,
    latest: dt.date | None,
    *,
    field: str,
    label: str,
    latest_label: str,
    rule: str = "",
) -> None:
    if value is None or latest is None:
        return
    if value > latest:
        cite = f" (CIN census {rule})" if rule else ""
        raise v.fail(
            field,
            f"{label} ({value:%d/%m/%Y}) cannot be after {latest_label} ({latest:%d/%m/%Y}){cite}.",
        )


def valid_choice(value: str, choices: type[models.TextChoices], *, field: str, label: str) -> None:
    if value == "":
        raise v.fail(field, f"{label} is required.")
    if value not in choices.values:
        allowed = ", ".join(f"{c.value} ({c.label})" for c in choices)
        raise v.fail(field, f"{value!r} is not a valid {label.lower()}; expected one of {allowed}.")


def episode_is_open(episode: CINEpisode, *, field: str, action: str) -> None:
    """The episode must not be closed (CIN census 8565: no activity after closure)."""
    if episode.closure_date is not None:
        raise v.fail(
            field,
            f"Cannot {action}: the CIN episode from {episode.referral_date:%d/%m/%Y} was closed "
            f"on {episode.closure_date:%d/%m/%Y}.",
        )


def within_episode(episode: CINEpisode, on: dt.date, *, field: str, label: str) -> None:
    """``on`` falls between the episode's referral and closure dates (inclusive)."""
    v.not_before(
        on, episode.referral_date, field=field, label=label, earliest_label="the referral date"
    )
    not_after(
        on, episode.closure_date, field=field, label=label, latest_label="the CIN closure date"
    )


def child_alive_on(child: Person, on: dt.date, *, field: str, label: str, rule: str = "") -> None:
    not_after(
        on,
        child.date_of_death,
        field=field,
        label=label,
        latest_label="the child's date of death",
        rule=rule,
    )


def age_on(child: Person, on: dt.date) -> int | None:
    """Whole years of age on a date; None for an unborn child or unknown date of birth."""
    if child.date_of_birth is None or on < child.date_of_birth:
        return None
    return relativedelta(on, child.date_of_birth).years


def worker_in_post(worker: Worker, on: dt.date, *, field: str, label: str) -> None:
    if on < worker.started_on or (worker.left_on is not None and on > worker.left_on):
        raise v.fail(
            field,
            f"{label} ({worker}) was not in post on {on:%d/%m/%Y} (started "
            f"{worker.started_on:%d/%m/%Y}"
            + (f", left {worker.left_on:%d/%m/%Y}" if worker.left_on else "")
            + ").",
        )


def closure_not_before_activity(
    closure_date: dt.date, activity_date: dt.date | None, *, label: str
) -> None:
    """An episode cannot close before anything recorded on it (CIN census 8565)."""
    if activity_date is not None and activity_date > closure_date:
        raise v.fail(
            "closure_date",
            f"Closure date ({closure_date:%d/%m/%Y}) cannot be before {label} "
            f"({activity_date:%d/%m/%Y}) (CIN census 8565).",
        )


def not_stale(record: models.Model, expected_version: int | None) -> None:
    """Refuse an edit made from a copy someone else has since saved over.

    ``expected_version`` is the version the user's form was built from (None when the
    caller is not an edit form). Checked before anything else, so the user is told the
    record changed rather than a rule the colleague's save now breaks.
    """
    current = getattr(record, "version", None)
    if expected_version is None or current == expected_version:
        return
    raise StaleRecordError(
        model_label=str(record._meta.verbose_name),
        pk=record.pk,
        expected=expected_version,
        current=current,
    )
