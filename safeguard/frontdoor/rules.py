"""Small checks for the front door's timestamps and children.

Contacts, triage, partner checks and decisions are timed to the minute (the 1 working day
decision timescale starts when the contact is received), so these checks compare
datetimes and show them in England's local time. Each raises a ``ValidationError`` keyed
by the field, in the style of ``safeguard.core.validation``.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from safeguard.core import clock
from safeguard.core import validation as v
from safeguard.people.models import Person, PersonKind


def aware(value: dt.datetime | None) -> dt.datetime | None:
    """A naive datetime is read as England's local time."""
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value)


def local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def shown(value: dt.datetime) -> str:
    return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"


def required_time(value: dt.datetime | None, *, field: str, label: str) -> dt.datetime:
    value = aware(value)
    if value is None:
        raise v.fail(field, f"{label} is required.")
    if value > clock.now():
        raise v.fail(field, f"{label} ({shown(value)}) cannot be in the future.")
    return value


def not_before_time(
    value: dt.datetime,
    earliest: dt.datetime | None,
    *,
    field: str,
    label: str,
    earliest_label: str,
) -> None:
    if earliest is not None and value < earliest:
        raise v.fail(
            field,
            f"{label} ({shown(value)}) cannot be before {earliest_label} ({shown(earliest)}).",
        )


def required_text(value: str, *, field: str, label: str) -> str:
    text = (value or "").strip()
    if not text:
        raise v.fail(field, f"{label} is required.")
    return text


def child_can_be_on_contact(child: Person, received_at: dt.datetime, *, field: str) -> None:
    """Only a child (born or unborn) alive when the contact came in can be its subject."""
    if child.kind != PersonKind.CHILD:
        raise v.fail(
            field,
            f"{child} is recorded as an adult; a contact is about children (record adults as "
            "the child's relationships).",
        )
    received_on = local_date(received_at)
    if child.date_of_death is not None and received_on > child.date_of_death:
        raise v.fail(
            field,
            f"The contact ({received_on:%d/%m/%Y}) cannot be about {child}, who died on "
            f"{child.date_of_death:%d/%m/%Y}.",
        )
