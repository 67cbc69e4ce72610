"""The checks and helpers the LADO services share: choices, dates, the locked row and
its version, the officer, the children named, and the case reference."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction

from safeguard.core import validation as v
from safeguard.core.exceptions import StaleRecordError
from safeguard.partnership.models import Allegation
from safeguard.people.models import Person, PersonKind
from safeguard.workforce.models import Worker, WorkerRole


def day_text(value: dt.date) -> str:
    return f"{value:%d/%m/%Y}"


def check_choice(value: str, choices: type[Any], *, field: str, label: str) -> None:
    if not value:
        raise v.fail(field, f"Select {label}.")
    if value not in choices.values:
        raise v.fail(field, f"{value!r} is not one of the choices for {label}.")


def check_date(value: dt.date | None, *, field: str, label: str) -> dt.date:
    v.require(value, field=field, label=label)
    assert value is not None
    v.not_in_future(value, field=field, label=label)
    return value


def lock(allegation: Allegation, expected_version: int | None) -> Allegation:
    """The row, locked, after checking nobody saved over the copy the user edited."""
    locked = Allegation.objects.select_for_update().get(pk=allegation.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleRecordError(
            model_label=str(Allegation._meta.verbose_name),
            pk=locked.pk,
            expected=expected_version,
            current=locked.version,
        )
    return locked


def check_open(allegation: Allegation, *, field: str) -> None:
    if allegation.closed_on is not None:
        raise v.fail(
            field, f"{allegation.reference} was closed on {day_text(allegation.closed_on)}."
        )


def referral_date(allegation: Allegation, *, field: str, what: str) -> dt.date:
    if allegation.referral_on is None:
        raise v.fail(
            field,
            f"{allegation.reference} is a contact: progress it to a referral before "
            f"recording {what}.",
        )
    return allegation.referral_on


def not_before(value: dt.date, earliest: dt.date, *, field: str, label: str, what: str) -> None:
    if value < earliest:
        raise v.fail(
            field, f"{label} ({day_text(value)}) cannot be before {what} ({day_text(earliest)})."
        )


def check_officer(officer: Worker | None, on: dt.date) -> None:
    if officer is None:
        return
    if officer.role != WorkerRole.LADO:
        raise v.fail("officer", f"{officer} is not a designated officer (LADO).")
    if on < officer.started_on or (officer.left_on is not None and on > officer.left_on):
        raise v.fail("officer", f"{officer} was not in post on {day_text(on)}.")


def check_children(children: Sequence[Person], subject: Person | None) -> None:
    seen: set[Any] = set()
    for child in children:
        if child.kind != PersonKind.CHILD:
            raise v.fail(
                "children", f"{child} is an adult's record: only children can be named here."
            )
        if child.pk in seen:
            raise v.fail("children", f"{child} is named twice.")
        if subject is not None and child.pk == subject.pk:
            raise v.fail("children", f"{child} is the person the allegation is about.")
        seen.add(child.pk)


def next_reference(year: int) -> str:
    """LADO-<year>-<n>: the next number after the highest used in that year."""
    prefix = f"LADO-{year}-"
    used = Allegation.objects.filter(reference__startswith=prefix).values_list(
        "reference", flat=True
    )
    numbers = [int(ref.removeprefix(prefix)) for ref in used if ref.removeprefix(prefix).isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def create_with_reference(year: int, **values: Any) -> Allegation:
    """Create with the next reference; two LADOs saving at once retry on the clash."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Allegation.objects.create(reference=next_reference(year), **values)
        except IntegrityError:
            continue
    raise v.fail("lado_informed_on", "Could not number the contact: please save again.")
