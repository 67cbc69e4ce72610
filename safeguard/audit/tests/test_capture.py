"""Automatic entries: every creation, change and deletion of personal data, and every view."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.testing.world import build_world
from safeguard.audit.models import AuditEvent
from safeguard.audit.selectors import verify_chain
from safeguard.audit.services import capture_suspended, record_event
from safeguard.core.actor import acting_as
from safeguard.core.clock import today

pytestmark = pytest.mark.django_db


def new_events(since: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(sequence__gt=since).order_by("sequence"))


def newest() -> int:
    return AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0


def test_every_view_of_a_childs_page_writes_one_entry(client):
    world = build_world()
    child, user = world.child_allocated, world.users["social_worker"]
    client.force_login(user)
    before = newest()
    page = client.get(
        reverse("people:child_record", kwargs={"child_id": child.pk}), REMOTE_ADDR="192.0.2.7"
    )
    assert page.status_code == 200
    (event,) = new_events(before)
    assert event.action == "view"
    assert (event.actor_id, event.actor_username) == (user.pk, user.username)
    assert event.actor_role == "Social worker"
    assert event.ip == "192.0.2.7"
    assert event.child_id == child.pk
    assert (event.model_label, event.object_id) == ("people.Person", str(child.pk))
    assert "Child record" in event.summary and not event.flagged


def test_a_view_by_break_glass_is_flagged(client):
    from safeguard.access.services import break_glass

    world = build_world()
    chair = world.users["cp_chair_iro"]
    break_glass(
        user=chair,
        child=world.child_allocated,
        reason="Police called out of hours about him.",
        ip=None,
    )
    client.force_login(chair)
    before = newest()
    client.get(reverse("people:child_record", kwargs={"child_id": world.child_allocated.pk}))
    (event,) = new_events(before)
    assert event.flagged and event.action == "view"


def test_a_change_keeps_the_old_and_new_values_with_who_and_where(child):
    user = build_world().users["social_worker"]
    before = newest()
    with acting_as(user, ip="198.51.100.4"):
        child.first_name = "Robin"
        child.date_of_birth = dt.date(2013, 1, 2)
        child.save()
    (event,) = new_events(before)
    assert event.action == "change"
    assert event.changes == {
        "first_name": ["Test", "Robin"],
        "date_of_birth": ["2012-05-17", "2013-01-02"],
    }
    assert (event.actor_username, event.ip, event.child_id) == (
        user.username,
        "198.51.100.4",
        child.pk,
    )
    assert event.summary == "Changed person: date_of_birth, first_name"


def test_a_change_of_a_loaded_record_and_update_fields(child):
    from safeguard.people.models import Person

    loaded = Person.objects.get(pk=child.pk)
    loaded.last_name = "Smith"
    loaded.first_name = "Not saved"
    before = newest()
    loaded.save(update_fields=["last_name"])
    (event,) = new_events(before)
    assert event.changes == {"last_name": [child.last_name, "Smith"]}
    loaded.last_name = "Jones"
    loaded.save(update_fields=["last_name"])
    assert new_events(before)[-1].changes == {"last_name": ["Smith", "Jones"]}


def test_a_save_that_changes_nothing_writes_nothing(child):
    before = newest()
    child.save()
    assert new_events(before) == []


def test_creation_and_deletion_are_recorded_with_the_child(make_child):
    from safeguard.people.models import Disability

    before = newest()
    child = make_child()
    disability = Disability.objects.create(person=child, code="HAND")
    created = new_events(before)
    assert [(e.action, e.model_label) for e in created] == [
        ("create", "people.Person"),
        ("create", "people.Disability"),
    ]
    assert all(e.child_id == child.pk for e in created)
    assert created[0].changes == {}  # the row itself holds the values

    before = newest()
    disability_id = disability.pk
    disability.delete()
    (deleted,) = new_events(before)
    assert (deleted.action, deleted.object_id) == ("delete", str(disability_id))
    assert deleted.child_id == child.pk and deleted.summary == "Deleted disability"


def test_deleting_a_person_records_the_rows_the_delete_cascades_to(make_child):
    from safeguard.people.models import Disability

    child = make_child()
    Disability.objects.create(person=child, code="HAND")
    child_id = child.pk
    before = newest()
    child.delete()
    deleted = new_events(before)
    assert sorted(e.model_label for e in deleted) == ["people.Disability", "people.Person"]
    assert {e.action for e in deleted} == {"delete"} and {e.child_id for e in deleted} == {child_id}


def test_records_below_the_child_are_linked_to_the_child(child):
    from safeguard.cin.models import CINEpisode, CINPlan

    episode = CINEpisode.objects.create(
        child=child, referral_date=today() - dt.timedelta(days=9), referral_source="2A"
    )
    plan = CINPlan.objects.create(episode=episode, start_date=today())
    before = newest()
    fresh = CINPlan.objects.get(pk=plan.pk)  # the episode is not loaded: one small query
    fresh.end_date = today()
    fresh.end_reason = next(iter(CINPlan._meta.get_field("end_reason").choices))[0]
    fresh.save()
    (event,) = new_events(before)
    assert event.model_label == "cin.CINPlan" and event.child_id == child.pk


def test_models_without_personal_data_are_not_captured(db):
    from safeguard.workforce.models import Team

    before = newest()
    Team.objects.create(name="Audit test team", service_area="cin")
    assert new_events(before) == []


def test_bulk_writes_bypass_capture_and_record_one_event(child):
    from safeguard.people.models import Person

    before = newest()
    Person.objects.filter(pk=child.pk).update(first_name="Bulk")
    with capture_suspended():
        child.last_name = "Quiet"
        child.save()
    assert new_events(before) == []
    event = record_event(action="import", row_count=1234, summary="Imported the CIN census")
    assert (event.action, event.row_count) == ("import", 1234)
    assert new_events(before) == [event]
    # The snapshot followed the quiet save: the next change is relative to it.
    child.last_name = "Loud"
    child.save()
    assert new_events(before)[-1].changes == {"last_name": ["Quiet", "Loud"]}
    assert verify_chain().intact


def test_an_unknown_action_is_refused():
    with pytest.raises(ValueError, match="Unknown audit action"):
        record_event(action="peek")


def test_the_access_services_write_their_own_actions():
    from safeguard.access.services import lift_restriction

    world = build_world()
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "restrict" in actions
    before = newest()
    restriction = world.child_restricted.restrictions.get()
    lift_restriction(restriction=restriction, lifted_by=world.users["service_manager"])
    assert [e.action for e in new_events(before)] == ["change", "lift_restriction"]


def test_the_address_is_the_peer_unless_proxies_are_trusted(settings):
    from axes.helpers import get_client_ip_address
    from django.test import RequestFactory

    from safeguard.core.middleware import client_ip

    def request(forwarded: str):
        return RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request("203.0.113.9")) == "10.0.0.2"  # a forged header is ignored
    settings.SAFEGUARD_TRUSTED_PROXIES = 1
    assert client_ip(request("198.51.100.66, 203.0.113.9")) == "203.0.113.9"
    assert client_ip(request("")) == "10.0.0.2"
    assert client_ip(request("not-an-address")) == "10.0.0.2"
    settings.SAFEGUARD_TRUSTED_PROXIES = 2
    assert client_ip(request("203.0.113.9, 10.0.0.1")) == "203.0.113.9"
    # the sign-in lockout sees the same address
    assert get_client_ip_address(request("203.0.113.9, 10.0.0.1")) == "203.0.113.9"
