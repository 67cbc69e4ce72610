"""Break-glass: a reason or nothing; then flagged, time-limited, and the manager is told."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from safeguard.access import services
from safeguard.access.models import BreakGlassAccess, Notification
from safeguard.access.selectors import child_access, children_visible_to
from safeguard.core import clock

REASON = "Police called out of hours: child reported missing from placement."


def record_url(child) -> str:
    return reverse("people:child_record", kwargs={"child_id": child.pk})


@pytest.mark.django_db
def test_opening_a_record_outside_the_rules_leads_to_break_glass(world, client_for):
    response = client_for("social_worker").get(record_url(world.child_other_team))
    assert response.status_code == 302
    expected = reverse("access:break_glass", kwargs={"child_id": world.child_other_team.pk})
    assert response["Location"].startswith(expected)
    assert "next=" in response["Location"]


@pytest.mark.django_db
def test_break_glass_without_a_reason_is_refused(world, client_for):
    client = client_for("social_worker")
    url = reverse("access:break_glass", kwargs={"child_id": world.child_other_team.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "outside your access rules" in page.text
    assert world.child_other_team.last_name not in page.text  # no identity before a reason

    for reason, message in (
        ("", "Enter the reason you need to open this record"),
        ("   ", "Enter the reason you need to open this record"),
        ("need it", "The reason must be 20 characters or more"),
    ):
        response = client.post(url, {"reason": reason})
        assert response.status_code == 400
        assert message in response.text
        assert "govuk-error-summary" in response.text and "govuk-form-group--error" in response.text
    assert not BreakGlassAccess.objects.exists()
    assert not Notification.objects.exists()
    assert client.get(record_url(world.child_other_team)).status_code == 302

    with pytest.raises(ValidationError, match="Enter the reason you need to open this record"):
        services.break_glass(
            user=world.users["social_worker"], child=world.child_other_team, reason="", ip=None
        )


@pytest.mark.django_db
def test_break_glass_with_a_reason_opens_the_record_flags_it_and_tells_the_manager(
    world, client_for
):
    client = client_for("social_worker")
    child = world.child_other_team
    url = reverse("access:break_glass", kwargs={"child_id": child.pk})
    response = client.post(url, {"reason": REASON, "next": record_url(child)})
    assert response.status_code == 302 and response["Location"] == record_url(child)

    access = BreakGlassAccess.objects.get(user=world.users["social_worker"], child=child)
    assert access.reason == REASON and access.ip == "127.0.0.1"
    assert access.expires_at - access.at == dt.timedelta(hours=services.BREAK_GLASS_HOURS)

    page = client.get(record_url(child))
    assert page.status_code == 200
    assert "You opened this record by breaking glass" in page.text

    told = Notification.objects.get()
    assert told.recipient == world.users["team_manager"]  # the social worker's manager
    assert REASON in told.body and child.la_child_id in told.body
    assert told.link == record_url(child)

    decision = child_access(world.users["social_worker"], child)
    assert decision.allowed and decision.via == "break_glass"
    assert child in children_visible_to(world.users["social_worker"])


@pytest.mark.django_db
def test_break_glass_is_flagged_in_the_audit_log(world):
    from safeguard.audit import services as audit

    events = []
    original = audit.record_event

    def spy(**kwargs):
        events.append(kwargs)
        return original(**kwargs)

    audit.record_event = spy
    try:
        services.break_glass(
            user=world.users["cp_chair_iro"], child=world.child_allocated, reason=REASON, ip=None
        )
    finally:
        audit.record_event = original
    (event,) = [e for e in events if e["action"] == "break_glass"]
    assert event["flagged"] is True
    assert event["child"] == world.child_allocated
    assert event["user"] == world.users["cp_chair_iro"]
    assert REASON in event["summary"]


@pytest.mark.django_db
def test_without_a_line_manager_every_service_manager_is_told(world):
    from safeguard.access.testing.world import make_user

    second = make_user("second.sm", "service_manager")
    services.break_glass(
        user=world.users["mash_officer"], child=world.child_allocated, reason=REASON, ip=None
    )
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {world.users["service_manager"].username, second.username}


@pytest.mark.django_db
def test_break_glass_access_expires(world):
    user, child = world.users["lado"], world.child_allocated
    access = services.break_glass(user=user, child=child, reason=REASON, ip="10.0.0.1")
    assert child_access(user, child).allowed
    BreakGlassAccess.objects.filter(pk=access.pk).update(
        at=clock.now() - dt.timedelta(hours=9), expires_at=clock.now() - dt.timedelta(hours=1)
    )
    decision = child_access(user, child)
    assert not decision.allowed and decision.may_break_glass
    assert child not in children_visible_to(user)


@pytest.mark.django_db
def test_who_may_not_break_glass(world, client_for):
    child = world.child_other_team
    for role in ("early_help_worker", "conference_support", "partner_police"):
        with pytest.raises(PermissionDenied):
            services.break_glass(user=world.users[role], child=child, reason=REASON, ip=None)
        url = reverse("access:break_glass", kwargs={"child_id": child.pk})
        assert client_for(role).get(url).status_code == 403
    # A restricted record never opens by break-glass: it needs a grant.
    with pytest.raises(PermissionDenied, match="restricted"):
        services.break_glass(
            user=world.users["consultant_social_worker"],
            child=world.child_restricted,
            reason=REASON,
            ip=None,
        )
    url = reverse("access:break_glass", kwargs={"child_id": world.child_restricted.pk})
    assert client_for("consultant_social_worker").get(url).status_code == 403
    # Someone who may already open the record is sent straight to it.
    mine = reverse("access:break_glass", kwargs={"child_id": world.child_allocated.pk})
    response = client_for("social_worker").get(mine)
    assert response.status_code == 302 and response["Location"] == record_url(world.child_allocated)
    with pytest.raises(ValidationError, match="already open"):
        services.break_glass(
            user=world.users["social_worker"], child=world.child_allocated, reason=REASON, ip=None
        )
    assert not BreakGlassAccess.objects.exists()


@pytest.mark.django_db
def test_the_next_address_must_be_on_this_site(world, client_for):
    url = reverse("access:break_glass", kwargs={"child_id": world.child_other_team.pk})
    response = client_for("social_worker").post(
        url, {"reason": REASON, "next": "https://evil.example/steal"}
    )
    assert response["Location"] == record_url(world.child_other_team)
