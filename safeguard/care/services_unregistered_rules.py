"""The checks the unregistered placement services share: the version and row lock of an
entry, coded values, required text, dates within the placement, the reason no
registered place was found and the Corporate Director's approval.
"""

from __future__ import annotations

import datetime as dt

from safeguard.care.models_unregistered import (
    NoRegisteredPlaceReason,
    UnregisteredPlacement,
)
from safeguard.core import validation as v
from safeguard.core.exceptions import StaleRecordError


def check_version(placement: UnregisteredPlacement, expected_version: int | None) -> None:
    if expected_version is not None and placement.version != expected_version:
        raise StaleRecordError(
            model_label=str(placement._meta.verbose_name),
            pk=placement.pk,
            expected=expected_version,
            current=placement.version,
        )


def lock(placement: UnregisteredPlacement) -> UnregisteredPlacement:
    return UnregisteredPlacement.objects.select_for_update().get(pk=placement.pk)


def choice(value: str, choices: type, *, field: str, message: str) -> None:
    if value not in choices.values:  # type: ignore[attr-defined]
        raise v.fail(field, message)


def text(value: str, *, field: str, message: str) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise v.fail(field, message)
    return cleaned


def within(placement: UnregisteredPlacement, day: dt.date, *, field: str, label: str) -> None:
    """On or after the day the child moved in, not after the end, not in the future."""
    v.not_in_future(day, field=field, label=label)
    if day < placement.started_on:
        raise v.fail(
            field,
            f"{label} ({day:%d/%m/%Y}) cannot be before the child moved in "
            f"({placement.started_on:%d/%m/%Y}).",
        )
    if placement.ended_on is not None and day > placement.ended_on:
        raise v.fail(
            field,
            f"{label} ({day:%d/%m/%Y}) cannot be after the placement ended "
            f"({placement.ended_on:%d/%m/%Y}).",
        )


def check_reason(reason: str, reason_detail: str) -> str:
    choice(
        reason,
        NoRegisteredPlaceReason,
        field="reason",
        message="Select why no registered place was available",
    )
    return text(
        reason_detail,
        field="reason_detail",
        message="Say which registered homes were approached and why none could offer a place",
    )


def check_approval(
    approved_on: dt.date | None, approved_by: str, *, ended_on: dt.date | None
) -> str:
    if approved_on is None:
        raise v.fail("approved_on", "Enter the date the Corporate Director approved the placement")
    v.not_in_future(approved_on, field="approved_on", label="Date of approval")
    if ended_on is not None and approved_on > ended_on:
        raise v.fail(
            "approved_on",
            f"The placement ended on {ended_on:%d/%m/%Y}: an approval dated "
            f"{approved_on:%d/%m/%Y} cannot be recorded for it.",
        )
    return text(
        approved_by, field="approved_by", message="Enter the name of the Corporate Director"
    )
