"""Reads for access control: may this user open this child, which children, notifications.

``child_access`` is the single answer to "may this user open this child's record?", and
``children_visible_to`` the same answer for lists, in one query. Order of the decision:

1. the user's role must hold ``open_child_record`` (a superuser flag does not count);
2. a restricted record opens only for its allocated worker, the team manager of the
   allocated worker's team, or a user with a live grant — never by break-glass;
3. otherwise the role's object rules (``safeguard.access.rules``), a live grant, or a
   live break-glass open it; a user whose role holds ``break_glass`` may then break glass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from safeguard.access import rules
from safeguard.access.backends import capabilities_of
from safeguard.access.models import (
    AccessGrant,
    BreakGlassAccess,
    Capability,
    Notification,
    RestrictedRecord,
    Role,
    User,
)
from safeguard.core import clock


@dataclass(frozen=True)
class AccessDecision:
    """Whether the user may open the child's record, and why (shown to them and logged)."""

    allowed: bool
    reason: str
    restricted: bool = False
    may_break_glass: bool = False
    via: str = ""


def live_restriction(child: Any) -> RestrictedRecord | None:
    return RestrictedRecord.objects.filter(child=child, lifted_at__isnull=True).first()


def _live_grants() -> QuerySet[AccessGrant]:
    now = clock.now()
    return AccessGrant.objects.filter(revoked_at__isnull=True, starts_at__lte=now, ends_at__gt=now)


def live_grant(user: Any, child: Any) -> AccessGrant | None:
    return _live_grants().filter(user=user, child=child).order_by("-ends_at").first()


def _live_break_glass() -> QuerySet[BreakGlassAccess]:
    return BreakGlassAccess.objects.filter(expires_at__gt=clock.now())


def live_break_glass(user: Any, child: Any) -> BreakGlassAccess | None:
    return _live_break_glass().filter(user=user, child=child).order_by("-expires_at").first()


def _until(moment: Any) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y %H:%M}"


def child_access(user: Any, child: Any) -> AccessDecision:
    """May ``user`` open ``child``'s record? See the module docstring for the order."""
    if user is None or not getattr(user, "is_authenticated", False):
        return AccessDecision(False, "Sign in to open children's records.")
    capabilities = capabilities_of(user)
    if "open_child_record" not in capabilities:
        return AccessDecision(False, "Your role does not open children's records.")
    if live_restriction(child) is not None:
        if rules.keeps_restricted_access.test(user, child):
            return AccessDecision(
                True, "Restricted record: you hold the case or manage its team.", True, via="keep"
            )
        grant = live_grant(user, child)
        if grant is not None:
            until = _until(grant.ends_at)
            return AccessDecision(
                True, f"Restricted record: access granted until {until}.", True, via="grant"
            )
        return AccessDecision(
            False,
            "This record is restricted. Only people named in a grant may open it: ask a "
            "service manager who manages restricted records.",
            restricted=True,
        )
    rule = rules.matching_rule(user, child)
    if rule is not None:
        return AccessDecision(True, rule.label, via=f"rule:{rule.code}")
    grant = live_grant(user, child)
    if grant is not None:
        return AccessDecision(True, f"Access granted until {_until(grant.ends_at)}.", via="grant")
    glass = live_break_glass(user, child)
    if glass is not None:
        return AccessDecision(
            True, f"Break-glass access until {_until(glass.expires_at)}.", via="break_glass"
        )
    may_break_glass = "break_glass" in capabilities
    return AccessDecision(
        False,
        "This child is not in your caseload, team or work queue."
        + (" You may break glass if you have a reason to open it." if may_break_glass else ""),
        may_break_glass=may_break_glass,
    )


def children_visible_to(user: Any) -> QuerySet[Any]:
    """Every person whose record ``child_access`` lets the user open, in one query."""
    from safeguard.people.models import Person

    if "open_child_record" not in capabilities_of(user):
        return Person.objects.none()
    restricted = Q(
        Exists(RestrictedRecord.objects.filter(child=OuterRef("pk"), lifted_at__isnull=True))
    )
    granted = Q(Exists(_live_grants().filter(user=user, child=OuterRef("pk"))))
    broken = Q(Exists(_live_break_glass().filter(user=user, child=OuterRef("pk"))))
    open_records = ~restricted & (rules.children_by_rules(user) | granted | broken)
    restricted_records = restricted & (rules.children_kept_when_restricted(user) | granted)
    return Person.objects.filter(open_records | restricted_records)


# --- restrictions and grants --------------------------------------------------------------


def restrictions_of(child: Any) -> QuerySet[RestrictedRecord]:
    return RestrictedRecord.objects.filter(child=child).select_related("restricted_by", "lifted_by")


def grants_for(child: Any) -> QuerySet[AccessGrant]:
    return AccessGrant.objects.filter(child=child).select_related(
        "user", "granted_by", "revoked_by"
    )


def grantable_users() -> QuerySet[User]:
    """Active staff who could be granted access (partner users only through sharing)."""
    return (
        User.objects.filter(is_active=True, role__isnull=False, role__is_partner=False)
        .filter(role__capabilities__code="open_child_record")
        .select_related("role")
        .order_by("last_name", "first_name", "username")
    )


# --- notifications ------------------------------------------------------------------------


def notifications_for(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at")


def unread_notification_count(user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def break_glass_recipients(user: Any) -> list[User]:
    """Who is told when ``user`` breaks glass: their line manager, else every service manager."""
    worker = rules.worker_of(user)
    manager = getattr(worker, "manager", None) if worker is not None else None
    manager_user = getattr(manager, "user", None) if manager is not None else None
    if manager_user is not None and manager_user.is_active and manager_user.pk != user.pk:
        return [manager_user]
    return list(
        User.objects.filter(is_active=True, role__code="service_manager")
        .exclude(pk=user.pk)
        .order_by("username")
    )


# --- the capability matrix -----------------------------------------------------------------


@dataclass(frozen=True)
class CapabilityRow:
    capability: Capability
    held_by: tuple[bool, ...]


def capability_matrix() -> tuple[list[Role], list[CapabilityRow]]:
    """Roles (columns) and, per capability, which roles hold it (two queries)."""
    roles = list(Role.objects.prefetch_related("capabilities").order_by("name"))
    held = {role.pk: {c.pk for c in role.capabilities.all()} for role in roles}
    rows = [
        CapabilityRow(capability, tuple(capability.pk in held[r.pk] for r in roles))
        for capability in Capability.objects.order_by("name")
    ]
    return roles, rows


def object_rules_by_role() -> dict[str, list[str]]:
    """For the capabilities page: which object rules open children for each role."""
    return {
        code: [rules.OBJECT_RULES[r].label for r in rule_codes]
        for code, rule_codes in rules.RULES_BY_ROLE.items()
    }


def visible_among(user: Any, child_ids: Any) -> list[Any]:
    """Which of ``child_ids`` the user may open, as a list of ids.

    For work queues: the queue's own children are few, the people table is large, so the
    rules are asked about those children by id instead of being applied as a subquery over
    everyone (which the database evaluates person by person).
    """
    ids = list(set(child_ids))
    if not ids:
        return []
    return list(children_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
