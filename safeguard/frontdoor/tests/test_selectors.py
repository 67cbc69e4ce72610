"""The MASH queue and the other front door reads."""

from __future__ import annotations

import pytest

from safeguard.frontdoor import selectors, services
from safeguard.frontdoor.models import ContactOutcome
from safeguard.frontdoor.tests.conftest import at

pytestmark = pytest.mark.django_db


def test_mash_queue_lists_contacts_awaiting_a_decision_oldest_first(
    make_contact, make_triage, make_child, mash_worker
):
    unscreened = make_contact(received_at=at(6, 11))
    oldest = make_contact(received_at=at(3, 9), children=[make_child(), make_child()])
    closed = make_contact(received_at=at(2, 9))
    services.close_contact(
        contact=closed, outcome=ContactOutcome.NO_FURTHER_ACTION, closed_at=at(2, 10)
    )
    decided = make_triage(contact=make_contact(received_at=at(1, 9)), started_at=at(1, 10))
    services.record_mash_decision(
        triage=decided,
        child=decided.contact.contact_children.get().child,
        outcome="nfa",
        reasons="No concern.",
        decided_at=at(1, 12),
        decided_by=mash_worker,
    )
    in_triage = make_triage(contact=oldest, started_at=at(3, 10))
    services.request_partner_check(triage=in_triage, agency="police", requested_at=at(3, 10, 5))
    answered = services.request_partner_check(
        triage=in_triage, agency="health", requested_at=at(3, 10, 6)
    )
    services.record_partner_check_answer(check=answered, answered_at=at(3, 12), answer="Known.")
    services.record_mash_decision(
        triage=in_triage,
        child=oldest.contact_children.first().child,
        outcome="information_advice",
        reasons="Advice to the family.",
        decided_at=at(3, 13),
        decided_by=mash_worker,
    )

    queue = list(selectors.mash_queue())

    assert queue == [oldest, unscreened]
    first = queue[0]
    assert (first.children_count, first.decided_count, first.outstanding_checks) == (2, 1, 1)
    second = queue[1]
    assert (second.children_count, second.decided_count, second.outstanding_checks) == (1, 0, 0)


def test_outstanding_partner_checks_oldest_first(triage):
    later = services.request_partner_check(triage=triage, agency="housing", requested_at=at(6, 11))
    earlier = services.request_partner_check(
        triage=triage, agency="probation", requested_at=at(6, 10, 30)
    )
    done = services.request_partner_check(triage=triage, agency="yos", requested_at=at(6, 10, 10))
    services.record_partner_check_answer(check=done, answered_at=at(6, 10, 20), answer="Unknown.")
    assert list(selectors.outstanding_partner_checks()) == [earlier, later]
    assert list(selectors.outstanding_partner_checks(agency="housing")) == [later]


def test_contacts_and_decisions_for_a_child(make_contact, make_triage, child, mash_worker):
    first = make_contact(children=[child], received_at=at(1, 9))
    second = make_contact(children=[child], received_at=at(6, 9))
    triage = make_triage(contact=second)
    decision = services.record_mash_decision(
        triage=triage,
        child=child,
        outcome="nfa",
        reasons="Already known; no new concern.",
        decided_at=at(6, 12),
        decided_by=mash_worker,
    )
    assert list(selectors.contacts_for_child(child)) == [second, first]
    assert list(selectors.decisions_for_child(child)) == [decision]
