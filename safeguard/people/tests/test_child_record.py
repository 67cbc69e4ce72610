"""The child's record page: what it shows, to whom, and that every view is audited."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import build_world
from safeguard.core import clock


@pytest.fixture
def world(db):
    return build_world()


def url(child_id) -> str:
    return reverse("people:child_record", kwargs={"child_id": child_id})


@pytest.fixture
def audit_views(monkeypatch):
    """Every record_view call (the audit app's contract), captured as it passes through."""
    from safeguard.audit import services as audit

    calls = []
    original = audit.record_view

    def capture(request, obj, *, child=None, summary="", flagged=False):
        calls.append(
            {
                "obj": obj,
                "child": child,
                "summary": summary,
                "user": request.user,
                "flagged": flagged,
            }
        )
        return original(request, obj, child=child, summary=summary, flagged=flagged)

    monkeypatch.setattr(audit, "record_view", capture)
    return calls


@pytest.mark.django_db
def test_the_allocated_worker_sees_the_record(world, client, audit_views):
    from safeguard.cin.models import CINEpisode

    child = world.child_allocated
    CINEpisode.objects.create(
        child=child, referral_date=clock.today() - dt.timedelta(days=20), referral_source="2A"
    )
    sign_in(client, world.users["social_worker"])
    page = client.get(url(child.pk))
    assert page.status_code == 200
    text = page.text
    assert f"{child.first_name} {child.last_name}" in text
    assert child.la_child_id in text and "9 March 2014" in text
    assert "Open to children&#x27;s social care since" in text
    worker = world.workers["social_worker"]
    assert f"{worker.first_name} {worker.last_name}, Team A" in text
    assert "Allocated worker" in text
    assert "Restriction and access grants" not in text  # not a social worker's capability
    assert len(audit_views) == 1
    assert (
        audit_views[0]["child"] == child and audit_views[0]["user"] == world.users["social_worker"]
    )
    assert "Child record" in audit_views[0]["summary"]


@pytest.mark.django_db
def test_a_refused_view_is_not_audited_as_a_view(world, client, audit_views):
    sign_in(client, world.users["early_help_worker"])
    refused = client.get(url(world.child_allocated.pk))
    assert refused.status_code == 403
    assert "You cannot open this page" in refused.text
    assert "not in your caseload, team or work queue" in refused.text
    assert audit_views == []


@pytest.mark.django_db
def test_a_service_manager_gets_the_restriction_link(world, client):
    sign_in(client, world.users["service_manager"])
    page = client.get(url(world.child_allocated.pk))
    restriction = reverse("access:restriction", kwargs={"child_id": world.child_allocated.pk})
    assert page.status_code == 200 and restriction in page.text


@pytest.mark.django_db
def test_restricted_records_are_marked(world, client):
    sign_in(client, world.users["team_manager"])
    page = client.get(url(world.child_restricted.pk))
    assert page.status_code == 200 and "Restricted record" in page.text


@pytest.mark.django_db
def test_an_unknown_id_is_not_found_for_staff(world, client):
    sign_in(client, world.users["social_worker"])
    assert client.get(url(uuid.uuid4())).status_code == 404


@pytest.mark.django_db
def test_roles_without_children_are_refused(world, client):
    for role in ("performance_analyst", "system_administrator", "partnership_business_unit"):
        sign_in(client, world.users[role])
        assert client.get(url(world.child_allocated.pk)).status_code == 403, role
