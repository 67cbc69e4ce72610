"""What the child death services share: the age band worked out from the dates, the
checks on dates and choices, the locked row, the reference, the audit entry, and the
starting list of modifiable factors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core import validation as v
from safeguard.core.exceptions import StaleRecordError
from safeguard.core.middleware import client_ip
from safeguard.core.reference import reference_id
from safeguard.partnership.models import AgeBand, ChildDeath, ModifiableFactor

#: The neonatal period: the first 28 days of life (day 0 to day 27).
NEONATAL_DAYS = 28

#: The starting list of modifiable factors (seed 000 §3.4, seed 001 CDOP section); the
#: migration adds the same, administrators maintain it after.
STANDARD_FACTORS: tuple[tuple[str, str], ...] = (
    ("alcohol", "Alcohol use"),
    ("smoking_in_pregnancy", "Smoking in pregnancy"),
    ("household_smoking", "Smoking in the household"),
    ("co_sleeping", "Co-sleeping"),
    ("unsafe_sleeping", "Unsafe sleeping environment"),
    ("maternal_obesity", "Maternal obesity (high BMI)"),
    ("domestic_abuse", "Domestic abuse"),
    ("mental_health", "Mental health (parent or child)"),
    ("substance_misuse", "Substance misuse"),
    ("access_to_healthcare", "Access to healthcare"),
    ("road_safety", "Road safety"),
    ("water_safety", "Water safety"),
    ("bullying", "Bullying or online harm"),
    ("other", "Other factor (described in the learning)"),
)


def ensure_standard_factors() -> None:
    """Add any standard factor missing from the list (a flushed test database, a new
    authority); existing entries, and those an administrator retired, are left alone."""
    for order, (code, label) in enumerate(STANDARD_FACTORS, start=1):
        ModifiableFactor.objects.get_or_create(
            code=code,
            defaults={
                "id": reference_id("partnership.ModifiableFactor", code),
                "label": label,
                "order": order * 10,
            },
        )


def years_between(born: dt.date, on: dt.date) -> int:
    """Whole years of age on ``on`` (a 29 February birthday falls on 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_band(born: dt.date, died: dt.date) -> AgeBand:
    """The national age band of a death: days for infants, whole years after."""
    if (died - born).days < NEONATAL_DAYS:
        return AgeBand.NEONATAL
    years = years_between(born, died)
    if years < 1:
        return AgeBand.INFANT
    if years < 5:
        return AgeBand.AGE_1_4
    if years < 10:
        return AgeBand.AGE_5_9
    if years < 15:
        return AgeBand.AGE_10_14
    return AgeBand.AGE_15_17


def is_neonatal(born: dt.date, died: dt.date) -> bool:
    return (died - born).days < NEONATAL_DAYS


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


def not_before(value: dt.date, earliest: dt.date, *, field: str, label: str, what: str) -> None:
    if value < earliest:
        raise v.fail(
            field, f"{label} ({day_text(value)}) cannot be before {what} ({day_text(earliest)})."
        )


def lock(death: ChildDeath, expected_version: int | None) -> ChildDeath:
    """The row, locked, after checking nobody saved over the copy the user edited."""
    locked = ChildDeath.objects.select_for_update().get(pk=death.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleRecordError(
            model_label=str(ChildDeath._meta.verbose_name),
            pk=locked.pk,
            expected=expected_version,
            current=locked.version,
        )
    return locked


def check_not_reviewed(death: ChildDeath, *, field: str) -> None:
    if death.reviewed_on is not None:
        raise v.fail(
            field,
            f"The panel completed its review of {death.reference} on "
            f"{day_text(death.reviewed_on)}: the record is closed.",
        )


def next_reference(year: int) -> str:
    """CDOP-<year>-<n>: the next number after the highest used in that year."""
    prefix = f"CDOP-{year}-"
    used = ChildDeath.objects.filter(reference__startswith=prefix).values_list(
        "reference", flat=True
    )
    numbers = [int(ref.removeprefix(prefix)) for ref in used if ref.removeprefix(prefix).isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def create_with_reference(year: int, **values: Any) -> ChildDeath:
    """Create with the next reference; two people saving at once retry on the clash."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return ChildDeath.objects.create(reference=next_reference(year), **values)
        except IntegrityError:
            continue
    raise v.fail("notified_on", "Could not number the notification: please save again.")


def audit(
    death: ChildDeath,
    *,
    action: str,
    summary: str,
    request: HttpRequest | None = None,
    changes: dict[str, tuple[Any, Any]] | None = None,
) -> None:
    """One audit entry for a read or a write of the record, about the child's record when
    it is linked (so the child's access report shows who read the review)."""
    extra: dict[str, Any] = {}
    if request is not None:
        user = request.user if request.user.is_authenticated else None
        extra = {"user": user, "ip": client_ip(request)}
    record_event(
        action=action,
        obj=death,
        child=death.person_id,
        changes=changes,
        summary=f"CDOP {death.reference}: {summary}",
        **extra,
    )


def audit_list(request: HttpRequest, *, summary: str, count: int) -> None:
    """A list of child deaths was shown (names of children: audited with the row count)."""
    user = request.user if request.user.is_authenticated else None
    record_event(
        action=AuditAction.VIEW,
        user=user,
        ip=client_ip(request),
        model_label=ChildDeath._meta.label,
        row_count=count,
        summary=summary,
    )
