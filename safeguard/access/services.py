"""Writes for access control: roles, restricted records, grants, break-glass, notifications.

Every service is one transaction with keyword-only arguments. Bad input raises
``ValidationError`` keyed by the form field at fault; acting without the capability
raises ``PermissionDenied``. Restrictions, grants and break-glass are written to the
audit log as events of their own (the row changes are captured automatically too).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from safeguard.access import selectors
from safeguard.access.backends import capabilities_of, forget_capabilities
from safeguard.access.models import (
    AccessGrant,
    BreakGlassAccess,
    Notification,
    RestrictedRecord,
    RestrictionReason,
    Role,
    User,
)
from safeguard.access.roles import Agency
from safeguard.core import clock

#: How long a break-glass opening lasts before the user must give a new reason.
BREAK_GLASS_HOURS = 8
#: A reason shorter than this says nothing a reviewer could check.
REASON_MIN_LENGTH = 20
#: Grants are for a task, not for ever.
GRANT_MAX_DAYS = 90

NO_REASON = "Enter the reason you need to open this record"


def _audit(**kwargs: Any) -> None:
    from safeguard.audit.services import record_event

    record_event(**kwargs)


def _require(user: Any, capability: str, message: str) -> None:
    if capability not in capabilities_of(user):
        raise PermissionDenied(message)


def _child_link(child: Any) -> str:
    try:
        return reverse("people:child_record", kwargs={"child_id": child.pk})
    except NoReverseMatch:
        return ""


# --- roles ----------------------------------------------------------------------------------


@transaction.atomic
def assign_role(*, user: User, role_code: str, agency: str = "") -> User:
    """Give a user a role (and, for partner roles, their agency)."""
    role = Role.objects.filter(code=role_code).first()
    if role is None:
        raise ValidationError({"role": f"There is no role with the code {role_code!r}."})
    if agency and agency not in Agency.CODES:
        raise ValidationError(
            {"agency": f"Unknown agency {agency!r}: choose one of {', '.join(Agency.CODES)}."}
        )
    user.role = role
    user.agency = agency
    user.clean()
    user.save(update_fields=["role", "agency"])
    forget_capabilities(user)
    return user


# --- notifications --------------------------------------------------------------------------


@transaction.atomic
def notify(*, recipient: User, subject: str, body: str, link: str = "") -> Notification:
    """Leave an in-app message for one user."""
    if not subject.strip():
        raise ValidationError({"subject": "Enter a subject for the notification."})
    return Notification.objects.create(
        recipient=recipient, subject=subject.strip()[:200], body=body, link=link
    )


@transaction.atomic
def mark_notification_read(*, user: User, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise PermissionDenied("You can only mark your own notifications as read.")
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_notifications_read(*, user: User) -> int:
    unread = list(Notification.objects.filter(recipient=user, read_at__isnull=True))
    now = clock.now()
    for notification in unread:
        notification.read_at = now
        notification.save(update_fields=["read_at"])
    return len(unread)


# --- restricted records and grants ----------------------------------------------------------


@transaction.atomic
def restrict_record(
    *, child: Any, reason_category: str, note: str, restricted_by: User
) -> RestrictedRecord:
    """Restrict a child's record: from now only named people may open it."""
    _require(restricted_by, "grant_restricted_access", "You may not restrict records.")
    if reason_category not in RestrictionReason.values:
        raise ValidationError({"reason_category": "Select why the record is restricted."})
    note = note.strip()
    if reason_category == RestrictionReason.OTHER and not note:
        raise ValidationError({"note": "Enter why the record is restricted."})
    if (
        RestrictedRecord.objects.select_for_update()
        .filter(child=child, lifted_at__isnull=True)
        .exists()
    ):
        raise ValidationError({"reason_category": "This record is already restricted."})
    restriction = RestrictedRecord.objects.create(
        child=child, reason_category=reason_category, note=note, restricted_by=restricted_by
    )
    _audit(
        action="restrict",
        user=restricted_by,
        obj=restriction,
        child=child,
        summary=f"Record restricted ({restriction.get_reason_category_display()})",
    )
    return restriction


@transaction.atomic
def lift_restriction(*, restriction: RestrictedRecord, lifted_by: User) -> RestrictedRecord:
    _require(lifted_by, "grant_restricted_access", "You may not lift restrictions.")
    if restriction.lifted_at is not None:
        raise ValidationError("This restriction has already been lifted.")
    restriction.lifted_at = clock.now()
    restriction.lifted_by = lifted_by
    restriction.save(update_fields=["lifted_at", "lifted_by"])
    _audit(
        action="lift_restriction",
        user=lifted_by,
        obj=restriction,
        child=restriction.child,
        summary="Restriction lifted",
    )
    return restriction


@transaction.atomic
def grant_access(
    *,
    user: User,
    child: Any,
    granted_by: User,
    reason: str,
    until: dt.datetime,
    starts_at: dt.datetime | None = None,
) -> AccessGrant:
    """Let one named user open one child's record until a time (a second person decides)."""
    _require(granted_by, "grant_restricted_access", "You may not grant access to records.")
    now = clock.now()
    starts_at = starts_at or now
    errors: dict[str, str] = {}
    if user.pk == granted_by.pk:
        errors["user"] = "You cannot grant access to yourself: ask another manager."
    elif not user.is_active:
        errors["user"] = f"{user.get_username()} is not an active user."
    elif user.role is not None and user.role.is_partner:
        errors["user"] = (
            "Partner agency users see only what is shared with their agency: record a "
            "disclosure instead of granting access."
        )
    elif "open_child_record" not in capabilities_of(user):
        errors["user"] = (
            f"{user.get_username()}'s role does not open children's records, so a grant "
            "would not let them in."
        )
    if not reason.strip():
        errors["reason"] = "Enter why this person needs access."
    if until <= max(now, starts_at):
        errors["until"] = "The end of the grant must be in the future."
    elif until - starts_at > dt.timedelta(days=GRANT_MAX_DAYS):
        errors["until"] = f"A grant can last at most {GRANT_MAX_DAYS} days."
    if errors:
        raise ValidationError(errors)
    grant = AccessGrant.objects.create(
        user=user,
        child=child,
        granted_by=granted_by,
        reason=reason.strip(),
        starts_at=starts_at,
        ends_at=until,
    )
    _audit(
        action="grant",
        user=granted_by,
        obj=grant,
        child=child,
        summary=f"Access granted to {user.get_username()} until "
        f"{timezone.localtime(until):%d/%m/%Y %H:%M}: {grant.reason}",
    )
    notify(
        recipient=user,
        subject="You have been given access to a restricted record",
        body=f"{granted_by.get_full_name() or granted_by.get_username()} gave you access to "
        f"child {child.la_child_id} until {timezone.localtime(until):%d/%m/%Y %H:%M}. "
        f"Reason: {grant.reason}",
        link=_child_link(child),
    )
    return grant


@transaction.atomic
def revoke_grant(*, grant: AccessGrant, revoked_by: User) -> AccessGrant:
    _require(revoked_by, "grant_restricted_access", "You may not revoke grants.")
    if grant.revoked_at is not None:
        raise ValidationError("This grant has already been revoked.")
    grant.revoked_at = clock.now()
    grant.revoked_by = revoked_by
    grant.save(update_fields=["revoked_at", "revoked_by"])
    _audit(
        action="revoke",
        user=revoked_by,
        obj=grant,
        child=grant.child,
        summary=f"Access revoked for {grant.user.get_username()}",
    )
    return grant


# --- break-glass ----------------------------------------------------------------------------


@transaction.atomic
def break_glass(*, user: User, child: Any, reason: str, ip: str | None) -> BreakGlassAccess:
    """Open a record outside the user's rules: needs a reason, is flagged, tells a manager."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": NO_REASON})
    if len(reason) < REASON_MIN_LENGTH:
        raise ValidationError(
            {
                "reason": f"The reason must be {REASON_MIN_LENGTH} characters or more: say "
                "why you need to open this record now"
            }
        )
    decision = selectors.child_access(user, child)
    if decision.restricted and not decision.allowed:
        raise PermissionDenied(
            "This record is restricted: break-glass cannot open it. Ask a service manager "
            "for a grant."
        )
    if decision.allowed:
        raise ValidationError("You can already open this record: there is no need to break glass.")
    if not decision.may_break_glass:
        raise PermissionDenied("Your role may not break glass.")
    now = clock.now()
    access = BreakGlassAccess.objects.create(
        user=user,
        child=child,
        reason=reason,
        at=now,
        expires_at=now + dt.timedelta(hours=BREAK_GLASS_HOURS),
        ip=ip or None,
    )
    _audit(
        action="break_glass",
        user=user,
        ip=ip,
        obj=access,
        child=child,
        summary=f"Break-glass: {reason}",
        flagged=True,
    )
    who = user.get_full_name() or user.get_username()
    role = user.role.name if user.role is not None else "no role"
    for recipient in selectors.break_glass_recipients(user):
        notify(
            recipient=recipient,
            subject=f"{who} used break-glass access",
            body=f"{who} ({role}) opened the record of child {child.la_child_id} outside "
            f"their access rules at {timezone.localtime(now):%d/%m/%Y %H:%M}, until "
            f"{timezone.localtime(access.expires_at):%H:%M}. Reason given: {reason}. "
            "Check that this was justified: the audit log flags it.",
            link=_child_link(child),
        )
    return access
