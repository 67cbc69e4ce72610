"""What the practice review services share: the child's identifier check, dates and
choices, the locked row and its version, the reference, the audit entry, and the
starting list of learning themes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core import validation as v
from safeguard.core.exceptions import StaleRecordError
from safeguard.core.middleware import client_ip
from safeguard.partnership.models import LearningTheme, SeriousIncident

#: The starting list of learning themes (seed 001, Multi-agency CSPRs: themes of the
#: reviews and rapid review referrals); the migration adds the same.
STANDARD_THEMES: tuple[tuple[str, str], ...] = (
    ("neglect", "Neglect"),
    ("domestic_abuse", "Domestic abuse"),
    ("information_sharing", "Information sharing"),
    ("professional_curiosity", "Professional curiosity"),
    ("voice_of_the_child", "Voice of the child"),
    ("mental_health", "Mental health"),
    ("exploitation", "Exploitation (criminal or sexual)"),
    ("safe_sleep", "Safe sleep and co-sleeping"),
    ("adolescent_risk", "Adolescent risk"),
    ("transitions", "Transitions between services"),
    ("non_accidental_injury", "Injuries to babies and young children"),
    ("sexual_abuse", "Sexual abuse"),
)
#: Initials or an agreed name: letters, spaces, full stops, hyphens and apostrophes.
IDENTIFIER = re.compile(r"^[^\W\d_]+(?:[ .'\-]+[^\W\d_]*)*$")


def ensure_standard_themes() -> None:
    """Add any standard theme missing (a flushed test database, a new authority);
    existing entries, and retired ones, are left alone."""
    for order, (code, label) in enumerate(STANDARD_THEMES, start=1):
        LearningTheme.objects.get_or_create(
            code=code, defaults={"label": label, "order": order * 10}
        )


def day_text(value: dt.date) -> str:
    return f"{value:%d/%m/%Y}"


def check_identifier(value: str) -> str:
    """The child's initials or agreed name: never a number (no case number or id)."""
    text = " ".join(value.split())
    if not text:
        raise v.fail("child_identifier", "Enter the child's initials or agreed name.")
    if any(ch.isdigit() for ch in text):
        raise v.fail(
            "child_identifier",
            "Use the child's initials or an agreed name, not a number: never a case number "
            "or person identifier.",
        )
    if not IDENTIFIER.match(text):
        raise v.fail(
            "child_identifier",
            "Use letters only for the child's initials or agreed name (spaces, full stops, "
            "hyphens and apostrophes are allowed).",
        )
    return text


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


def not_before(
    value: dt.date | None, earliest: dt.date | None, *, field: str, label: str, what: str
) -> None:
    if value is not None and earliest is not None and value < earliest:
        raise v.fail(
            field, f"{label} ({day_text(value)}) cannot be before {what} ({day_text(earliest)})."
        )


def required_text(value: str, *, field: str, message: str) -> str:
    text = value.strip()
    if not text:
        raise v.fail(field, message)
    return text


def lock(incident: SeriousIncident, expected_version: int | None) -> SeriousIncident:
    """The row, locked, after checking nobody saved over the copy the user edited."""
    locked = SeriousIncident.objects.select_for_update().get(pk=incident.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleRecordError(
            model_label=str(SeriousIncident._meta.verbose_name),
            pk=locked.pk,
            expected=expected_version,
            current=locked.version,
        )
    return locked


def next_reference(year: int) -> str:
    prefix = f"SI-{year}-"
    used = SeriousIncident.objects.filter(reference__startswith=prefix).values_list(
        "reference", flat=True
    )
    numbers = [int(r.removeprefix(prefix)) for r in used if r.removeprefix(prefix).isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def create_with_reference(year: int, **values: Any) -> SeriousIncident:
    """Create with the next reference; two saves at once retry on the clash."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return SeriousIncident.objects.create(reference=next_reference(year), **values)
        except IntegrityError:
            continue
    raise v.fail("aware_on", "Could not number the incident: please save again.")


def audit(
    incident: SeriousIncident,
    *,
    action: str,
    summary: str,
    request: HttpRequest | None = None,
    changes: dict[str, tuple[Any, Any]] | None = None,
    obj: Any = None,
) -> None:
    """One audit entry about the incident (no child record is linked: the child is known
    here only by initials or an agreed name)."""
    extra: dict[str, Any] = {}
    if request is not None:
        extra = {
            "user": request.user if request.user.is_authenticated else None,
            "ip": client_ip(request),
        }
    target = obj if obj is not None else incident
    record_event(
        action=action,
        model_label=target._meta.label,
        object_id=str(target.pk),
        changes=changes,
        summary=f"Practice review {incident.reference}: {summary}",
        **extra,
    )


def audit_list(request: HttpRequest, *, summary: str, count: int) -> None:
    record_event(
        action=AuditAction.VIEW,
        user=request.user if request.user.is_authenticated else None,
        ip=client_ip(request),
        model_label=SeriousIncident._meta.label,
        row_count=count,
        summary=summary,
    )
