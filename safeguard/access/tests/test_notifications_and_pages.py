"""Notifications, the capabilities page and the navigation menu."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape

from safeguard.access import navigation, services
from safeguard.access.models import Notification
from safeguard.access.roles import CAPABILITIES, ROLES
from safeguard.access.testing.world import make_user


@pytest.mark.django_db
def test_notify_rejects_an_empty_subject(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Enter a subject"):
        services.notify(recipient=world.users["social_worker"], subject=" ", body="x")
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_notifications_page_shows_only_ones_own_paginated_and_marks_read(world, client_for):
    me, other = world.users["team_manager"], world.users["social_worker"]
    for n in range(25):
        services.notify(recipient=me, subject=f"Message {n:02d}", body="Body", link="/x")
    services.notify(recipient=other, subject="Someone else's", body="Private")
    client = client_for("team_manager")
    url = reverse("access:notifications")

    first = client.get(url)
    assert first.status_code == 200
    assert "Message 24" in first.text and "Message 04" not in first.text
    assert "Someone else" not in first.text
    assert "govuk-pagination" in first.text
    assert "Notifications (25)" in first.text  # the count in the navigation
    second = client.get(url, {"page": 2})
    assert "Message 04" in second.text and "Message 24" not in second.text

    target = Notification.objects.get(recipient=me, subject="Message 03")
    client.post(reverse("access:mark_notifications_read"), {"notification": target.pk})
    target.refresh_from_db()
    assert target.read_at is not None
    assert "Notifications (24)" in client.get(url).text

    theirs = Notification.objects.get(recipient=other)
    response = client.post(reverse("access:mark_notifications_read"), {"notification": theirs.pk})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert (
        client.post(
            reverse("access:mark_notifications_read"), {"notification": "not-an-id"}
        ).status_code
        == 404
    )

    client.post(reverse("access:mark_notifications_read"))
    assert not Notification.objects.filter(recipient=me, read_at__isnull=True).exists()
    page = client.get(url).text
    assert "Notifications (" not in page and "Unread" not in page


@pytest.mark.django_db
def test_empty_notifications_page_says_so(world, client_for):
    page = client_for("social_worker").get(reverse("access:notifications"))
    assert "You have no notifications" in page.text


@pytest.mark.django_db
def test_capabilities_page_shows_every_role_and_capability(world, client_for):
    page = client_for("system_administrator").get(reverse("access:capabilities"))
    assert page.status_code == 200
    for role in ROLES:
        assert escape(role.name) in page.text
    for capability in CAPABILITIES:
        assert escape(capability.name) in page.text
    assert "On the MASH queue" in page.text  # the object rules per role


def _menu(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    from django.urls import resolve

    request.resolver_match = resolve(path)
    return navigation.menu_for(request)


@pytest.mark.django_db
def test_the_menu_follows_capabilities_and_existing_pages(world):
    from django.contrib.auth.models import AnonymousUser

    assert _menu(AnonymousUser()) == []
    labels = [item["label"] for item in _menu(world.users["social_worker"])]
    assert labels == [
        "My work",
        "My supervision",
        "My audit actions",
        "Find a person",
        "Record a contact",
        "Notifications",
    ]
    admin_items = _menu(world.users["system_administrator"], reverse("access:capabilities"))
    assert [i["label"] for i in admin_items][:2] == ["Notifications", "Capabilities"]
    assert [i["active"] for i in admin_items][:2] == [False, True]
    services.notify(recipient=world.users["social_worker"], subject="Hello", body="")
    labels = [item["label"] for item in _menu(world.users["social_worker"])]
    assert labels[-1] == "Notifications (1)"
    manager = [item["label"] for item in _menu(world.users["team_manager"])]
    assert manager[:5] == ["My work", "My supervision", "My audit actions", "Team", "MASH queue"]
    assert "Team" not in labels and "MASH queue" not in labels


def test_menu_entries_whose_page_does_not_exist_are_left_out(monkeypatch, db):
    user = make_user("pbu", "partnership_business_unit")
    monkeypatch.setattr(
        navigation,
        "MENU",
        (
            navigation.MenuEntry("Missing", "view_notifications", ("nowhere:page",)),
            navigation.MenuEntry(
                "Found", "view_notifications", ("nowhere:page", "access:notifications")
            ),
            navigation.MenuEntry("Not allowed", "manage_users", ("access:capabilities",)),
        ),
    )
    assert [i["label"] for i in _menu(user)] == ["Found"]
