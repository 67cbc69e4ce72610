"""Recording and closing contacts: source, channel, PPN rating, consent, children, outcome."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from safeguard.core import clock
from safeguard.frontdoor import services
from safeguard.frontdoor.models import Contact, ContactChild, ContactOutcome
from safeguard.frontdoor.tests.conftest import RECEIVED, at
from safeguard.people.models import PersonKind

pytestmark = pytest.mark.django_db


def contact_args(children, **overrides):
    values = {
        "received_at": RECEIVED,
        "source": "2A",
        "channel": "professional_line",
        "concerns": "Bruising to the arm.",
        "children": children,
        "consent_asked": True,
        "consent_given": True,
    }
    values.update(overrides)
    return values


def test_contact_about_two_children_is_recorded(make_child, mash_worker):
    sister, brother = make_child(), make_child()
    contact = services.record_contact(
        **contact_args([sister, brother], referrer_name="Pat Teacher", recorded_by=mash_worker)
    )
    assert contact.source == "2A"
    assert contact.outcome == ""
    assert contact.outcome_at is None
    assert set(ContactChild.objects.filter(contact=contact).values_list("child", flat=True)) == {
        sister.pk,
        brother.pk,
    }


def test_naive_time_is_read_as_local_time(child):
    contact = services.record_contact(
        **contact_args([child], received_at=dt.datetime(2020, 7, 6, 23, 30))
    )
    assert timezone.localtime(contact.received_at).date() == dt.date(2020, 7, 6)


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("received_at", {"received_at": None}),
        ("source", {"source": "ZZ"}),
        ("channel", {"channel": "pigeon"}),
        ("concerns", {"concerns": "   "}),
        ("consent_given", {"consent_asked": False, "consent_given": True}),
        (
            "consent_override_reason",
            {"consent_given": True, "consent_override_reason": "Risk of harm"},
        ),
        ("outcome", {"outcome": ContactOutcome.MASH_TRIAGE}),
        ("outcome", {"outcome": "lost"}),
        ("outcome_at", {"outcome_at": RECEIVED}),
        ("advice_given", {"outcome": ContactOutcome.INFORMATION_AND_ADVICE}),
    ],
)
def test_invalid_contact_is_refused(refused, child, field, overrides):
    refused(field, services.record_contact, **contact_args([child], **overrides))


def test_contact_cannot_be_received_in_the_future(refused, child):
    tomorrow = clock.now() + dt.timedelta(days=1)
    message = refused(
        "received_at", services.record_contact, **contact_args([child], received_at=tomorrow)
    )
    assert "cannot be in the future" in message


def test_contact_needs_a_child(refused):
    refused("children", services.record_contact, **contact_args([]))


def test_a_child_cannot_be_listed_twice(refused, child):
    refused("children", services.record_contact, **contact_args([child, child]))


def test_contact_is_about_children_not_adults(refused, make_child):
    adult = make_child(kind=PersonKind.ADULT, date_of_birth=dt.date(1985, 1, 1))
    message = refused("children", services.record_contact, **contact_args([adult]))
    assert "adult" in message


def test_contact_cannot_be_about_a_child_who_had_died(refused, make_child):
    child = make_child(date_of_death=dt.date(2020, 6, 1))
    message = refused("children", services.record_contact, **contact_args([child]))
    assert "01/06/2020" in message


def test_unborn_child_can_be_the_subject_of_a_contact(make_child):
    unborn = make_child(date_of_birth=None, expected_date_of_birth=dt.date(2020, 10, 1))
    contact = services.record_contact(**contact_args([unborn]))
    assert contact.contact_children.get().child == unborn


def test_police_ppn_with_colour_rating(child):
    contact = services.record_contact(
        **contact_args([child], source="6", channel="police_ppn", ppn_rating="amber")
    )
    assert contact.is_police_ppn
    assert contact.ppn_rating == "amber"


def test_ppn_colour_only_on_police_ppns(refused, child):
    message = refused(
        "ppn_rating", services.record_contact, **contact_args([child], ppn_rating="red")
    )
    assert "only recorded on police PPNs" in message


def test_ppn_colour_must_be_blue_red_amber_or_green(refused, child):
    refused(
        "ppn_rating",
        services.record_contact,
        **contact_args([child], source="6", channel="police_ppn", ppn_rating="purple"),
    )


def test_police_ppn_comes_from_the_police(refused, child):
    message = refused(
        "source", services.record_contact, **contact_args([child], channel="police_ppn")
    )
    assert "source must be 6" in message


def test_consent_not_asked_with_reason_is_recorded(child):
    contact = services.record_contact(
        **contact_args(
            [child],
            consent_asked=False,
            consent_given=False,
            consent_override_reason="Asking would alert the alleged abuser.",
        )
    )
    assert not contact.consent_asked
    assert contact.consent_override_reason.startswith("Asking")


def test_contact_closed_at_once_with_information_and_advice(child):
    contact = services.record_contact(
        **contact_args(
            [child],
            channel="public_line",
            source="1A",
            outcome=ContactOutcome.INFORMATION_AND_ADVICE,
            advice_given="Signposted to the parenting programme.",
        )
    )
    assert contact.outcome == ContactOutcome.INFORMATION_AND_ADVICE
    assert contact.outcome_at == RECEIVED


def test_contact_closure_cannot_be_before_receipt(refused, child):
    message = refused(
        "outcome_at",
        services.record_contact,
        **contact_args([child], outcome=ContactOutcome.NO_FURTHER_ACTION, outcome_at=at(6, 9, 0)),
    )
    assert "cannot be before the time the contact was received (06/07/2020 09:30)" in message


def test_recorder_must_be_in_post(refused, child, make_worker):
    leaver = make_worker(left_on=dt.date(2019, 12, 31))
    refused("recorded_by", services.record_contact, **contact_args([child], recorded_by=leaver))


def test_close_contact_with_no_further_action(contact):
    closed = services.close_contact(
        contact=contact, outcome=ContactOutcome.NO_FURTHER_ACTION, closed_at=at(6, 11)
    )
    assert closed.outcome == ContactOutcome.NO_FURTHER_ACTION
    assert Contact.objects.get(pk=contact.pk).outcome_at == at(6, 11)


def test_close_contact_needs_the_advice_when_closing_with_advice(refused, contact):
    refused(
        "advice_given",
        services.close_contact,
        contact=contact,
        outcome=ContactOutcome.INFORMATION_AND_ADVICE,
        closed_at=at(6, 11),
    )
    assert Contact.objects.get(pk=contact.pk).outcome == ""


def test_close_contact_not_before_receipt(refused, contact):
    refused(
        "outcome_at",
        services.close_contact,
        contact=contact,
        outcome=ContactOutcome.NO_FURTHER_ACTION,
        closed_at=at(5, 11),
    )


def test_closed_contact_cannot_be_closed_again(refused, contact):
    services.close_contact(
        contact=contact, outcome=ContactOutcome.NO_FURTHER_ACTION, closed_at=at(6, 11)
    )
    refused(
        "outcome",
        services.close_contact,
        contact=contact,
        outcome=ContactOutcome.NO_FURTHER_ACTION,
        closed_at=at(6, 12),
    )


def test_sibling_added_during_triage(triage, make_child):
    sibling = make_child()
    row = services.add_child_to_contact(contact=triage.contact, child=sibling)
    assert row.child == sibling
    assert triage.contact.contact_children.count() == 2


def test_same_child_cannot_be_added_twice(refused, contact):
    child = contact.contact_children.get().child
    refused("child", services.add_child_to_contact, contact=contact, child=child)


def test_child_cannot_be_added_to_a_closed_contact(refused, contact, make_child):
    services.close_contact(
        contact=contact, outcome=ContactOutcome.NO_FURTHER_ACTION, closed_at=at(6, 11)
    )
    refused("child", services.add_child_to_contact, contact=contact, child=make_child())


def test_child_cannot_be_added_after_triage_is_complete(refused, triage, mash_worker, make_child):
    only_child = triage.contact.contact_children.get().child
    services.record_mash_decision(
        triage=triage,
        child=only_child,
        outcome="nfa",
        reasons="No safeguarding concern.",
        decided_at=at(6, 15),
        decided_by=mash_worker,
    )
    message = refused(
        "child", services.add_child_to_contact, contact=triage.contact, child=make_child()
    )
    assert "completed" in message
