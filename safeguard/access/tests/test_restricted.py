"""Restricted records: who keeps access, grants, revocation, expiry, and the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from safeguard.access import services
from safeguard.access.models import AccessGrant, Notification, RestrictedRecord
from safeguard.access.selectors import child_access, children_visible_to
from safeguard.core import clock


def in_days(days: float) -> dt.datetime:
    return clock.now() + dt.timedelta(days=days)


@pytest.mark.django_db
def test_only_the_allocated_worker_and_their_team_manager_keep_a_restricted_record(world):
    child = world.child_restricted
    assert child_access(world.users["social_worker"], child).allowed
    assert child_access(world.users["team_manager"], child).allowed
    for role in ("consultant_social_worker", "service_manager", "mash_officer", "lado"):
        decision = child_access(world.users[role], child)
        assert not decision.allowed and decision.restricted, role
        assert not decision.may_break_glass, f"{role} must not break glass into it"
    assert child not in children_visible_to(world.users["consultant_social_worker"])
    assert child in children_visible_to(world.users["team_manager"])


@pytest.mark.django_db
def test_a_grant_opens_a_restricted_record_until_it_ends_or_is_revoked(world):
    child, consultant = world.child_restricted, world.users["consultant_social_worker"]
    grant = services.grant_access(
        user=consultant,
        child=child,
        granted_by=world.users["service_manager"],
        reason="Covering while the allocated worker is on leave.",
        until=in_days(2),
    )
    decision = child_access(consultant, child)
    assert decision.allowed and decision.restricted and decision.via == "grant"
    assert child in children_visible_to(consultant)
    told = Notification.objects.get(recipient=consultant)
    assert child.la_child_id in told.body and child.first_name not in told.subject

    services.revoke_grant(grant=grant, revoked_by=world.users["service_manager"])
    assert not child_access(consultant, child).allowed
    with pytest.raises(ValidationError, match="already been revoked"):
        services.revoke_grant(grant=grant, revoked_by=world.users["service_manager"])

    expired = services.grant_access(
        user=consultant,
        child=child,
        granted_by=world.users["service_manager"],
        reason="Another short task.",
        until=in_days(1),
    )
    AccessGrant.objects.filter(pk=expired.pk).update(
        starts_at=in_days(-3), ends_at=clock.now() - dt.timedelta(seconds=1)
    )
    assert not child_access(consultant, child).allowed
    assert child not in children_visible_to(consultant)


@pytest.mark.django_db
def test_grant_rules(world):
    manager, child = world.users["service_manager"], world.child_restricted

    def grant(**overrides):
        values = {
            "user": world.users["mash_officer"],
            "child": child,
            "granted_by": manager,
            "reason": "Needed for the strategy discussion.",
            "until": in_days(5),
        }
        values.update(overrides)
        return services.grant_access(**values)

    cases = [
        ({"user": manager}, "cannot grant access to yourself"),
        ({"user": world.users["partner_police"]}, "record a disclosure instead"),
        ({"user": world.users["performance_analyst"]}, "does not open children's records"),
        ({"reason": "  "}, "Enter why this person needs access"),
        ({"until": in_days(-1)}, "must be in the future"),
        ({"until": in_days(services.GRANT_MAX_DAYS + 1)}, "at most 90 days"),
    ]
    for overrides, message in cases:
        with pytest.raises(ValidationError, match=message):
            grant(**overrides)
    with pytest.raises(PermissionDenied):
        grant(granted_by=world.users["team_manager"])
    assert not AccessGrant.objects.exists()


@pytest.mark.django_db
def test_restricting_and_lifting(world):
    manager, child = world.users["service_manager"], world.child_allocated
    consultant = world.users["consultant_social_worker"]
    assert child_access(consultant, child).allowed
    with pytest.raises(PermissionDenied):
        services.restrict_record(
            child=child, reason_category="adoption", note="", restricted_by=consultant
        )
    with pytest.raises(ValidationError, match="Enter why the record is restricted"):
        services.restrict_record(
            child=child, reason_category="other", note=" ", restricted_by=manager
        )
    with pytest.raises(ValidationError, match="Select why"):
        services.restrict_record(
            child=child, reason_category="nosy", note="", restricted_by=manager
        )
    restriction = services.restrict_record(
        child=child, reason_category="staff_family", note="", restricted_by=manager
    )
    assert not child_access(consultant, child).allowed
    with pytest.raises(ValidationError, match="already restricted"):
        services.restrict_record(
            child=child, reason_category="high_profile", note="", restricted_by=manager
        )
    services.lift_restriction(restriction=restriction, lifted_by=manager)
    assert child_access(consultant, child).allowed
    assert RestrictedRecord.objects.filter(child=child).count() == 1


@pytest.mark.django_db
def test_the_restriction_and_grant_pages(world, client_for):
    manager = client_for("service_manager")
    child = world.child_allocated
    url = reverse("access:restriction", kwargs={"child_id": child.pk})
    page = manager.get(url)
    assert page.status_code == 200 and "This record is not restricted" in page.text

    refused = manager.post(url, {"action": "restrict", "reason_category": "other", "note": ""})
    assert refused.status_code == 400
    assert "Enter why the record is restricted." in refused.text
    assert "govuk-error-summary" in refused.text
    assert not RestrictedRecord.objects.filter(child=child).exists()

    done = manager.post(url, {"action": "restrict", "reason_category": "high_profile"})
    assert done.status_code == 302
    assert RestrictedRecord.objects.get(child=child, lifted_at__isnull=True)
    assert "Restricted" in manager.get(url).text

    grant_url = reverse("access:grant_access", kwargs={"child_id": child.pk})
    consultant = world.users["consultant_social_worker"]
    bad = manager.post(grant_url, {"user": consultant.pk, "reason": "", "days": "400"})
    assert bad.status_code == 400
    assert "Enter why this person needs access." in bad.text
    assert "A grant can last at most 90 days." in bad.text
    good = manager.post(grant_url, {"user": consultant.pk, "reason": "Cover.", "days": "3"})
    assert good.status_code == 302
    grant = AccessGrant.objects.get(child=child, user=consultant)
    assert child_access(consultant, child).allowed
    assert (
        client_for("consultant_social_worker")
        .get(reverse("people:child_record", kwargs={"child_id": child.pk}))
        .status_code
        == 200
    )

    manager.post(reverse("access:revoke_grant", kwargs={"grant_id": grant.pk}))
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    manager.post(url, {"action": "lift"})
    assert not RestrictedRecord.objects.filter(child=child, lifted_at__isnull=True).exists()
