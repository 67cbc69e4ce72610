"""Recording a contact and the contact's page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.testing.world import build_world, make_child
from safeguard.audit.models import AuditEvent
from safeguard.core import clock
from safeguard.frontdoor.models import Contact
from safeguard.frontdoor.tests.pages import client_for, error_summary, moment, new_contact

pytestmark = pytest.mark.django_db

URL = reverse("frontdoor:record_contact")


@pytest.fixture
def world():
    return build_world()


def contact_data(**overrides):
    data = {
        **moment("received_at", clock.now() - dt.timedelta(hours=2)),
        "source": "2A",
        "channel": "professional_line",
        "ppn_rating": "",
        "referrer_name": "Pat Teacher",
        "referrer_agency": "Anytown Primary School",
        "concerns": "Bruising to the arm, child says dad did it.",
        "consent_asked": "yes",
        "consent_given": "yes",
        "children": "",
        "outcome": "",
    }
    data.update(overrides)
    return data


def test_a_contact_is_recorded_and_the_user_sees_it(world):
    first, second = make_child(), make_child()
    response = client_for(world, "mash_officer").post(
        URL, contact_data(children=f"{first.la_child_id}, {second.la_child_id}")
    )
    contact = Contact.objects.exclude(contact_children__child=world.child_mash).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("frontdoor:contact", kwargs={"contact_id": contact.pk})
    assert {cc.child for cc in contact.contact_children.all()} == {first, second}
    assert contact.recorded_by == world.workers["mash_officer"]
    assert contact.outcome == "" and contact.referrer_name == "Pat Teacher"


def test_a_child_is_found_by_exact_name_and_date_of_birth(world):
    child = make_child(first_name="Sasha", last_name="Lowe", date_of_birth=dt.date(2016, 2, 3))
    response = client_for(world, "social_worker").post(
        URL,
        contact_data(
            child_first_name="sasha",
            child_last_name="LOWE",
            child_date_of_birth_0="3",
            child_date_of_birth_1="2",
            child_date_of_birth_2="2016",
        ),
    )
    assert response.status_code == 302
    # A social worker cannot open a child on the MASH queue: they go home, with a message.
    assert response["Location"] == reverse("home")
    assert Contact.objects.filter(contact_children__child=child).exists()


def test_a_closed_contact_records_the_advice(world):
    child = make_child()
    client_for(world, "mash_officer").post(
        URL,
        contact_data(
            children=child.la_child_id,
            outcome="information_advice",
            advice_given="Signposted to the school nurse.",
        ),
    )
    contact = Contact.objects.get(contact_children__child=child)
    assert contact.outcome == "information_advice" and contact.outcome_at is not None


def test_an_empty_form_names_each_missing_field(world):
    response = client_for(world, "mash_officer").post(URL, {})
    assert response.status_code == 200
    summary = error_summary(response)
    assert "Enter what the referrer is worried about" in summary
    assert 'href="#id_concerns"' in summary
    assert "Select how the contact came in" in summary
    assert 'href="#id_channel_1"' in summary
    assert "Enter the date the contact was received" in summary
    assert "Enter the LA child ID of each child" in summary
    assert "This field is required" not in response.content.decode()
    assert response.content.decode().count("<title>Error: Record a contact") == 1


def test_an_unknown_child_id_is_named(world):
    response = client_for(world, "mash_officer").post(URL, contact_data(children="NOPE123"))
    assert "No child has the LA child ID NOPE123" in error_summary(response)
    assert 'href="#id_children"' in error_summary(response)


def test_a_service_rule_lands_on_its_field_and_the_input_is_kept(world):
    child = make_child()
    response = client_for(world, "mash_officer").post(
        URL, contact_data(children=child.la_child_id, ppn_rating="red")
    )
    summary = error_summary(response)
    assert "A PPN colour rating is only recorded on police PPNs" in summary
    assert 'href="#id_ppn_rating"' in summary
    assert "Bruising to the arm, child says dad did it." in response.content.decode()
    assert not Contact.objects.filter(contact_children__child=child).exists()


def test_a_bad_time_is_explained(world):
    response = client_for(world, "mash_officer").post(
        URL, contact_data(children=make_child().la_child_id, received_at_time="25:00")
    )
    assert "Enter the time the contact was received as hours and minutes" in error_summary(response)


def test_roles_without_record_contact_are_refused(world):
    client = client_for(world, "early_help_worker")
    assert client.get(URL).status_code == 403
    assert client.post(URL, contact_data()).status_code == 403


# --- the contact's page ------------------------------------------------------------------


def test_the_contact_page_shows_the_contact_and_is_audited(world):
    contact = Contact.objects.get(contact_children__child=world.child_mash)
    url = reverse("frontdoor:contact", kwargs={"contact_id": contact.pk})
    response = client_for(world, "mash_officer").get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bruising noticed at school." in html
    assert "Record the MASH decision" in html and "Request a partner check" in html
    event = AuditEvent.objects.filter(action="view").order_by("-pk").first()
    assert event is not None and event.child_id == world.child_mash.pk


def test_an_untriaged_contact_offers_triage(world):
    contact = new_contact()
    url = reverse("frontdoor:contact", kwargs={"contact_id": contact.pk})
    html = client_for(world, "mash_officer").get(url).content.decode()
    assert reverse("frontdoor:triage_contact", kwargs={"contact_id": contact.pk}) in html


def test_the_contact_page_is_refused_without_access_to_its_children(world):
    contact = Contact.objects.get(contact_children__child=world.child_mash)
    url = reverse("frontdoor:contact", kwargs={"contact_id": contact.pk})
    assert client_for(world, "social_worker").get(url).status_code == 403
    assert client_for(world, "partner_police").get(url).status_code == 403


def test_an_allocated_worker_sees_their_childs_contact_without_mash_actions(world):
    contact = new_contact(children=[world.child_allocated])
    url = reverse("frontdoor:contact", kwargs={"contact_id": contact.pk})
    response = client_for(world, "social_worker").get(url)
    assert response.status_code == 200
    assert "Start MASH triage" not in response.content.decode()


def test_an_unknown_contact_is_not_found(world):
    url = reverse(
        "frontdoor:contact", kwargs={"contact_id": "00000000-0000-0000-0000-000000000000"}
    )
    assert client_for(world, "mash_officer").get(url).status_code == 404
