"""The MASH's forms: start triage, request and answer partner checks, decide per child."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.testing.world import build_world, make_child
from safeguard.cin.models import CINEpisode
from safeguard.core import clock
from safeguard.frontdoor import services
from safeguard.frontdoor.models import Contact, MashDecision, MashTriage, PartnerCheck
from safeguard.frontdoor.tests.pages import (
    client_for,
    error_summary,
    moment,
    new_contact,
    triaged,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def mash(world):
    return client_for(world, "mash_officer")


def url(name, contact, **extra):
    return reverse(f"frontdoor:{name}", kwargs={"contact_id": contact.pk, **extra})


def world_triage(world):
    return MashTriage.objects.get(contact__contact_children__child=world.child_mash)


# --- triage --------------------------------------------------------------------------------


def triage_data(contact, **overrides):
    data = {
        "priority": "red",
        **moment("started_at", clock.now()),
        "consent_override_reason": "",
        "version": str(contact.version),
    }
    data.update(overrides)
    return data


def test_triage_starts_with_a_priority(world, mash):
    contact = new_contact()
    response = mash.post(url("triage_contact", contact), triage_data(contact))
    assert response.status_code == 302
    assert response["Location"] == url("contact", contact)
    triage = MashTriage.objects.get(contact=contact)
    assert triage.priority == "red" and triage.started_by == world.workers["mash_officer"]


def test_triage_without_consent_needs_the_reason_on_its_field(mash):
    contact = new_contact(consent_given=False)
    response = mash.post(url("triage_contact", contact), triage_data(contact))
    summary = error_summary(response)
    assert "needs the reason for proceeding without it" in summary
    assert 'href="#id_consent_override_reason"' in summary
    assert not MashTriage.objects.filter(contact=contact).exists()


def test_triage_with_nothing_chosen_names_the_priority(mash):
    contact = new_contact()
    response = mash.post(url("triage_contact", contact), {"version": contact.version})
    assert "Select the MASH priority" in error_summary(response)
    assert 'href="#id_priority_1"' in error_summary(response)


def test_triage_of_a_contact_changed_since_is_refused_and_the_input_kept(mash):
    contact = new_contact(consent_given=False)
    data = triage_data(contact, consent_override_reason="Risk of serious harm if we wait.")
    Contact.objects.get(pk=contact.pk).save()  # a colleague saved the contact meanwhile
    response = mash.post(url("triage_contact", contact), data)
    assert response.status_code == 200
    assert "changed by someone else" in error_summary(response)
    assert "Risk of serious harm if we wait." in response.content.decode()
    assert not MashTriage.objects.filter(contact=contact).exists()


def test_triage_is_refused_to_roles_without_mash_decisions(world):
    contact = new_contact()
    client = client_for(world, "social_worker")
    assert client.post(url("triage_contact", contact), triage_data(contact)).status_code == 403
    # The team manager may decide but cannot open the MASH queue's children.
    manager = client_for(world, "team_manager")
    assert manager.get(url("triage_contact", contact)).status_code == 403


def test_a_triaged_contact_goes_back_to_its_page(world, mash):
    contact = world_triage(world).contact
    assert mash.get(url("triage_contact", contact))["Location"] == url("contact", contact)


# --- partner checks ------------------------------------------------------------------------


def test_a_partner_check_is_requested(world, mash):
    triage = world_triage(world)
    data = {
        "agency": "police",
        **moment("requested_at", clock.now()),
        "information_requested": "Any domestic abuse call-outs?",
    }
    response = mash.post(url("request_partner_check", triage.contact), data)
    assert response.status_code == 302
    check = PartnerCheck.objects.get(triage=triage)
    assert check.agency == "police" and check.requested_by == world.workers["mash_officer"]


def test_a_second_outstanding_check_to_the_same_agency_is_named(world, mash):
    triage = world_triage(world)
    services.request_partner_check(triage=triage, agency="health", requested_at=clock.now())
    data = {"agency": "health", **moment("requested_at", clock.now())}
    response = mash.post(url("request_partner_check", triage.contact), data)
    assert "is still awaiting an answer" in error_summary(response)
    assert 'href="#id_agency_1"' in error_summary(response)


def test_an_empty_check_request_names_the_agency(world, mash):
    response = mash.post(url("request_partner_check", world_triage(world).contact), {})
    assert "Select the partner agency" in error_summary(response)


def test_checks_need_triage_first(mash):
    assert mash.get(url("request_partner_check", new_contact())).status_code == 404


def test_partner_checks_are_refused_to_other_roles(world):
    contact = world_triage(world).contact
    client = client_for(world, "early_help_worker")
    assert client.get(url("request_partner_check", contact)).status_code == 403


def answer_data(check, **overrides):
    data = {
        **moment("answered_at", clock.now()),
        "answered_by": "DC Jones",
        "answer": "Two call-outs in the last year.",
        "version": str(check.version),
    }
    data.update(overrides)
    return data


@pytest.fixture
def check(world):
    return services.request_partner_check(
        triage=world_triage(world),
        agency="police",
        requested_at=clock.now() - dt.timedelta(minutes=10),
    )


def answer_url(world, check):
    return url("record_partner_check", world_triage(world).contact, check_id=check.pk)


def test_a_partner_answer_is_recorded(world, mash, check):
    response = mash.post(answer_url(world, check), answer_data(check))
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.answer == "Two call-outs in the last year." and check.answered_by == "DC Jones"


def test_an_answer_without_words_names_the_field(world, mash, check):
    response = mash.post(answer_url(world, check), answer_data(check, answer=""))
    assert "Enter what the partner told us" in error_summary(response)
    assert 'href="#id_answer"' in error_summary(response)


def test_an_answer_before_the_request_is_refused_on_the_date(world, mash, check):
    early = clock.now() - dt.timedelta(days=2)
    response = mash.post(
        answer_url(world, check), answer_data(check, **moment("answered_at", early))
    )
    assert "cannot be before the time the check was requested" in error_summary(response)
    assert 'href="#id_answered_at_0"' in error_summary(response)


def test_a_stale_answer_is_refused_and_the_input_kept(world, mash, check):
    data = answer_data(check, answer="Known to police: MARAC in March.")
    fresh = PartnerCheck.objects.get(pk=check.pk)
    fresh.information_requested = "Also any firearms licence?"
    fresh.save()
    response = mash.post(answer_url(world, check), data)
    assert "changed by someone else" in error_summary(response)
    assert "Known to police: MARAC in March." in response.content.decode()
    assert PartnerCheck.objects.get(pk=check.pk).answered_at is None


def test_answers_are_refused_to_other_roles(world, check):
    client = client_for(world, "social_worker")
    assert client.post(answer_url(world, check), answer_data(check)).status_code == 403


# --- the decision --------------------------------------------------------------------------


def decision_data(child, **overrides):
    data = {
        "child": str(child.pk),
        "outcome": "assessment",
        "reasons": "Disclosure of physical harm; police know of domestic abuse.",
        **moment("decided_at", clock.now()),
        "primary_need": "N1",
        "feedback_given": "no",
    }
    data.update(overrides)
    return data


def test_a_referral_decision_opens_the_cin_episode_and_goes_to_the_child(world, mash):
    triage = world_triage(world)
    response = mash.post(url("decide_contact", triage.contact), decision_data(world.child_mash))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "people:child_record", kwargs={"child_id": world.child_mash.pk}
    )
    decision = MashDecision.objects.get(triage=triage)
    assert decision.cin_episode == CINEpisode.objects.get(child=world.child_mash)
    triage.refresh_from_db()
    assert triage.decided_at is not None


def test_with_two_children_the_first_decision_returns_to_the_contact(world, mash):
    first, second = make_child(), make_child()
    triage = triaged(world, children=[first, second])
    response = mash.post(
        url("decide_contact", triage.contact), decision_data(first, outcome="nfa", primary_need="")
    )
    assert response["Location"] == url("contact", triage.contact)
    page = mash.get(url("decide_contact", triage.contact)).content.decode()
    assert str(second.pk) in page and str(first.pk) not in page


def test_feedback_reasons_are_required_when_the_threshold_is_not_met(world, mash):
    triage = world_triage(world)
    data = decision_data(
        world.child_mash,
        outcome="nfa",
        primary_need="",
        feedback_given="yes",
        feedback_given_on_0=str(clock.today().day),
        feedback_given_on_1=str(clock.today().month),
        feedback_given_on_2=str(clock.today().year),
    )
    response = mash.post(url("decide_contact", triage.contact), data)
    assert "feedback to the referrer must give the reasons" in error_summary(response)
    assert 'href="#id_feedback_reasons"' in error_summary(response)
    assert not MashDecision.objects.filter(triage=triage).exists()


def test_an_empty_decision_names_each_field(world, mash):
    response = mash.post(url("decide_contact", world_triage(world).contact), {})
    summary = error_summary(response)
    for message in (
        "Select the decision",
        "Enter the reasons for the decision",
        "Enter the date of the decision",
        "Select whether feedback has been given to the referrer",
    ):
        assert message in summary


def test_a_decision_made_meanwhile_by_a_colleague_is_refused_and_the_input_kept(world, mash):
    triage = world_triage(world)
    data = decision_data(world.child_mash, reasons="My own reasons, typed at length.")
    services.record_mash_decision(
        triage=triage,
        child=world.child_mash,
        outcome="nfa",
        reasons="Colleague's decision.",
        decided_at=clock.now(),
        decided_by=world.workers["mash_officer"],
    )
    response = mash.post(url("decide_contact", triage.contact), data)
    assert response.status_code == 200
    assert "already has a MASH decision on this contact" in error_summary(response)
    assert "My own reasons, typed at length." in response.content.decode()
    assert MashDecision.objects.filter(triage=triage).count() == 1


def test_decisions_are_refused_to_roles_without_mash_decisions(world):
    triage = world_triage(world)
    client = client_for(world, "social_worker")
    data = decision_data(world.child_mash)
    assert client.post(url("decide_contact", triage.contact), data).status_code == 403
