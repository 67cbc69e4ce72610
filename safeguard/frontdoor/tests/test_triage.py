"""MASH triage: priority, consent before information sharing, partner checks and answers."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.core import clock
from safeguard.frontdoor import services
from safeguard.frontdoor.models import Contact, ContactOutcome, PartnerCheck
from safeguard.frontdoor.tests.conftest import at

pytestmark = pytest.mark.django_db


def test_triage_starts_and_the_contact_goes_to_mash(contact, mash_worker):
    triage = services.start_mash_triage(
        contact=contact, started_at=at(6, 10), started_by=mash_worker, priority="red"
    )
    assert triage.priority == "red"
    assert triage.decided_at is None
    stored = Contact.objects.get(pk=contact.pk)
    assert stored.outcome == ContactOutcome.MASH_TRIAGE
    assert stored.outcome_at == at(6, 10)


def test_triage_without_consent_needs_a_reason(refused, make_contact, mash_worker):
    contact = make_contact(consent_asked=True, consent_given=False)
    message = refused(
        "consent_override_reason",
        services.start_mash_triage,
        contact=contact,
        started_at=at(6, 10),
        started_by=mash_worker,
        priority="amber",
    )
    assert "refused" in message
    assert Contact.objects.get(pk=contact.pk).outcome == ""


def test_triage_without_consent_records_the_reason_given(make_contact, mash_worker):
    contact = make_contact(consent_asked=False, consent_given=False)
    services.start_mash_triage(
        contact=contact,
        started_at=at(6, 10),
        started_by=mash_worker,
        priority="red",
        consent_override_reason="Child at risk of significant harm; police investigation.",
    )
    assert Contact.objects.get(pk=contact.pk).consent_override_reason.startswith("Child at risk")


def test_triage_uses_the_reason_already_on_the_contact(make_contact, mash_worker):
    contact = make_contact(
        consent_asked=False, consent_given=False, consent_override_reason="Would increase risk."
    )
    triage = services.start_mash_triage(
        contact=contact, started_at=at(6, 10), started_by=mash_worker, priority="amber"
    )
    assert triage.pk is not None


def test_no_override_reason_when_consent_was_given(refused, contact, mash_worker):
    refused(
        "consent_override_reason",
        services.start_mash_triage,
        contact=contact,
        started_at=at(6, 10),
        started_by=mash_worker,
        priority="amber",
        consent_override_reason="Not needed",
    )


def test_triage_cannot_start_before_the_contact(refused, contact, mash_worker):
    message = refused(
        "started_at",
        services.start_mash_triage,
        contact=contact,
        started_at=at(6, 9, 15),
        started_by=mash_worker,
        priority="amber",
    )
    assert "Triage start time (06/07/2020 09:15) cannot be before" in message


def test_triage_cannot_start_in_the_future(refused, contact, mash_worker):
    refused(
        "started_at",
        services.start_mash_triage,
        contact=contact,
        started_at=clock.now() + dt.timedelta(hours=2),
        started_by=mash_worker,
        priority="amber",
    )


def test_triage_priority_is_red_amber_or_green(refused, contact, mash_worker):
    refused(
        "priority",
        services.start_mash_triage,
        contact=contact,
        started_at=at(6, 10),
        started_by=mash_worker,
        priority="blue",
    )


def test_triage_worker_must_be_in_post(refused, contact, make_worker):
    leaver = make_worker(left_on=dt.date(2020, 1, 31))
    refused(
        "started_by",
        services.start_mash_triage,
        contact=contact,
        started_at=at(6, 10),
        started_by=leaver,
        priority="green",
    )


def test_contact_is_triaged_once(refused, triage, mash_worker):
    refused(
        "contact",
        services.start_mash_triage,
        contact=triage.contact,
        started_at=at(6, 11),
        started_by=mash_worker,
        priority="green",
    )


def test_closed_contact_cannot_be_triaged(refused, contact, mash_worker):
    services.close_contact(
        contact=contact, outcome=ContactOutcome.NO_FURTHER_ACTION, closed_at=at(6, 10)
    )
    refused(
        "contact",
        services.start_mash_triage,
        contact=contact,
        started_at=at(6, 11),
        started_by=mash_worker,
        priority="green",
    )


def test_partner_check_requested_and_answered(triage, mash_worker):
    check = services.request_partner_check(
        triage=triage,
        agency="police",
        requested_at=at(6, 10, 15),
        requested_by=mash_worker,
        information_requested="Domestic abuse call-outs to the address.",
    )
    assert not check.is_answered
    answered = services.record_partner_check_answer(
        check=check,
        answered_at=at(6, 14),
        answer="Two call-outs in the last six months.",
        answered_by="DC Smith",
    )
    assert answered.is_answered
    assert PartnerCheck.objects.get(pk=check.pk).answer.startswith("Two call-outs")


def test_partner_check_agency_must_be_known(refused, triage):
    refused(
        "agency",
        services.request_partner_check,
        triage=triage,
        agency="fire",
        requested_at=at(6, 10, 15),
    )


def test_partner_check_not_before_triage(refused, triage):
    message = refused(
        "requested_at",
        services.request_partner_check,
        triage=triage,
        agency="health",
        requested_at=at(6, 9, 45),
    )
    assert "cannot be before the start of MASH triage (06/07/2020 10:00)" in message


def test_partner_check_not_in_the_future(refused, triage):
    refused(
        "requested_at",
        services.request_partner_check,
        triage=triage,
        agency="health",
        requested_at=clock.now() + dt.timedelta(days=1),
    )


def test_one_outstanding_check_per_agency(refused, triage):
    first = services.request_partner_check(
        triage=triage, agency="health", requested_at=at(6, 10, 15)
    )
    refused(
        "agency",
        services.request_partner_check,
        triage=triage,
        agency="health",
        requested_at=at(6, 11),
    )
    services.record_partner_check_answer(check=first, answered_at=at(6, 12), answer="Not known.")
    again = services.request_partner_check(
        triage=triage,
        agency="health",
        requested_at=at(6, 12, 30),
        information_requested="Follow-up: GP records.",
    )
    assert again.pk != first.pk


def test_no_checks_after_triage_is_complete(refused, triage, mash_worker):
    child = triage.contact.contact_children.get().child
    services.record_mash_decision(
        triage=triage,
        child=child,
        outcome="nfa",
        reasons="No concern.",
        decided_at=at(6, 15),
        decided_by=mash_worker,
    )
    refused(
        "triage",
        services.request_partner_check,
        triage=triage,
        agency="education",
        requested_at=at(6, 16),
    )


@pytest.fixture
def check(triage):
    return services.request_partner_check(
        triage=triage, agency="education", requested_at=at(6, 10, 30)
    )


def test_answer_not_before_the_request(refused, check):
    message = refused(
        "answered_at",
        services.record_partner_check_answer,
        check=check,
        answered_at=at(6, 10, 0),
        answer="Attendance 78%.",
    )
    assert "cannot be before the time the check was requested (06/07/2020 10:30)" in message
    assert PartnerCheck.objects.get(pk=check.pk).answered_at is None


def test_answer_not_in_the_future(refused, check):
    refused(
        "answered_at",
        services.record_partner_check_answer,
        check=check,
        answered_at=clock.now() + dt.timedelta(minutes=30),
        answer="Attendance 78%.",
    )


def test_answer_needs_text(refused, check):
    refused(
        "answer",
        services.record_partner_check_answer,
        check=check,
        answered_at=at(6, 11),
        answer=" ",
    )


def test_check_is_answered_once(refused, check):
    services.record_partner_check_answer(check=check, answered_at=at(6, 11), answer="Known.")
    refused(
        "answered_at",
        services.record_partner_check_answer,
        check=check,
        answered_at=at(6, 12),
        answer="Changed my mind.",
    )
    assert PartnerCheck.objects.get(pk=check.pk).answer == "Known."
