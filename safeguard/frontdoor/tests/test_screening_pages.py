"""Closing a contact at the front door, adding a child, and feedback to the referrer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safeguard.access.testing.world import build_world, make_child
from safeguard.core import clock
from safeguard.frontdoor import services
from safeguard.frontdoor.models import Contact, ContactChild, MashDecision
from safeguard.frontdoor.tests.pages import client_for, error_summary, moment, new_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def mash(world):
    return client_for(world, "mash_officer")


def url(name, contact, **extra):
    return reverse(f"frontdoor:{name}", kwargs={"contact_id": contact.pk, **extra})


def world_contact(world):
    return Contact.objects.get(contact_children__child=world.child_mash)


# --- closing at the front door -------------------------------------------------------------


def close_data(contact, **overrides):
    data = {
        "outcome": "information_advice",
        **moment("outcome_at", clock.now()),
        "advice_given": "Signposted to the family hub.",
        "version": str(contact.version),
    }
    data.update(overrides)
    return data


def test_a_contact_closes_with_advice(mash):
    contact = new_contact()
    response = mash.post(url("close_contact", contact), close_data(contact))
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.outcome == "information_advice"
    assert contact.advice_given == "Signposted to the family hub."


def test_advice_is_required_for_information_and_advice(mash):
    contact = new_contact()
    response = mash.post(url("close_contact", contact), close_data(contact, advice_given=""))
    assert "must record the advice given" in error_summary(response)
    assert 'href="#id_advice_given"' in error_summary(response)


def test_an_empty_close_names_the_reason(mash):
    contact = new_contact()
    response = mash.post(url("close_contact", contact), {"version": contact.version})
    assert "Select why the contact is closing" in error_summary(response)


def test_a_missing_version_is_in_the_error_summary(mash):
    contact = new_contact()
    data = close_data(contact)
    del data["version"]
    response = mash.post(url("close_contact", contact), data)
    assert "This page is out of date" in error_summary(response)


def test_closing_a_contact_changed_since_is_refused_and_the_input_kept(mash):
    contact = new_contact()
    data = close_data(contact, advice_given="Advice typed before the colleague saved.")
    Contact.objects.get(pk=contact.pk).save()
    response = mash.post(url("close_contact", contact), data)
    assert "changed by someone else" in error_summary(response)
    assert "Advice typed before the colleague saved." in response.content.decode()
    contact.refresh_from_db()
    assert contact.outcome == ""


def test_closing_is_refused_to_other_roles(world):
    contact = new_contact()
    client = client_for(world, "social_worker")
    assert client.post(url("close_contact", contact), close_data(contact)).status_code == 403


# --- adding a child ------------------------------------------------------------------------


def test_a_sibling_is_added(world, mash):
    sibling = make_child()
    contact = world_contact(world)
    response = mash.post(url("add_child", contact), {"child": sibling.la_child_id})
    assert response.status_code == 302
    assert ContactChild.objects.filter(contact=contact, child=sibling).exists()


def test_an_unknown_or_duplicate_child_is_named(world, mash):
    contact = world_contact(world)
    response = mash.post(url("add_child", contact), {"child": "NOPE"})
    assert "No child has the LA child ID NOPE" in error_summary(response)
    response = mash.post(url("add_child", contact), {"child": world.child_mash.la_child_id})
    assert "is already on this contact" in error_summary(response)
    assert 'href="#id_child"' in error_summary(response)


def test_an_empty_add_child_names_the_field(world, mash):
    response = mash.post(url("add_child", world_contact(world)), {})
    assert "Enter the LA child ID of the child to add" in error_summary(response)


def test_adding_is_refused_to_other_roles(world):
    client = client_for(world, "consultant_social_worker")
    assert client.get(url("add_child", world_contact(world))).status_code == 403


# --- feedback to the referrer --------------------------------------------------------------


@pytest.fixture
def decision(world):
    contact = world_contact(world)
    return services.record_mash_decision(
        triage=contact.triage,
        child=world.child_mash,
        outcome="early_help",
        reasons="Needs support with routines; no safeguarding concern.",
        decided_at=clock.now(),
        decided_by=world.workers["mash_officer"],
    )


def feedback_data(decision, **overrides):
    today = clock.today()
    data = {
        "feedback_given_on_0": str(today.day),
        "feedback_given_on_1": str(today.month),
        "feedback_given_on_2": str(today.year),
        "feedback_reasons": "Threshold for social care not met; early help offered.",
        "version": str(decision.version),
    }
    data.update(overrides)
    return data


def feedback_url(world, decision):
    return url("record_feedback", world_contact(world), decision_id=decision.pk)


def test_feedback_is_recorded(world, mash, decision):
    response = mash.post(feedback_url(world, decision), feedback_data(decision))
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.feedback_given and decision.feedback_given_on == clock.today()


def test_feedback_reasons_are_required_below_the_threshold(world, mash, decision):
    response = mash.post(
        feedback_url(world, decision), feedback_data(decision, feedback_reasons="")
    )
    assert "feedback to the referrer must give the reasons" in error_summary(response)
    assert 'href="#id_feedback_reasons"' in error_summary(response)


def test_an_empty_feedback_form_names_the_date(world, mash, decision):
    response = mash.post(feedback_url(world, decision), {"version": decision.version})
    assert "Enter the date feedback was given" in error_summary(response)


def test_stale_feedback_is_refused_and_the_input_kept(world, mash, decision):
    data = feedback_data(decision, feedback_reasons="My careful words to the school.")
    MashDecision.objects.get(pk=decision.pk).save()
    response = mash.post(feedback_url(world, decision), data)
    assert "changed by someone else" in error_summary(response)
    assert "My careful words to the school." in response.content.decode()


def test_feedback_is_refused_to_other_roles(world, decision):
    client = client_for(world, "team_manager")
    assert client.get(feedback_url(world, decision)).status_code == 403
