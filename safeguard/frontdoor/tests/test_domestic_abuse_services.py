"""PPN consultations feed the HRDA daily list; risk reviews close cases or go to HRDA Plus."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safeguard.core.timescales import compute_due
from safeguard.frontdoor import selectors_domestic_abuse as selectors
from safeguard.frontdoor import services_domestic_abuse as services
from safeguard.frontdoor.models_domestic_abuse import HrdaCase, HrdaListing, PpnConsultation
from safeguard.frontdoor.tests.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def ppn(make_contact):
    return make_contact(source="6", channel="police_ppn", ppn_rating="red")


def consult(ppn, worker, **overrides):
    values = {
        "contact": ppn,
        "consulted_at": at(6, 14),
        "consulted_by": worker,
        "outcome": "hrda",
        "notes": "Victim assessed as high risk (DASH).",
    }
    values.update(overrides)
    return services.record_ppn_consultation(**values)


def test_hrda_days_are_monday_tuesday_thursday_friday():
    monday = dt.date(2020, 7, 6)
    assert services.next_hrda_day(monday) == dt.date(2020, 7, 7)
    assert services.next_hrda_day(dt.date(2020, 7, 7)) == dt.date(2020, 7, 9)  # not Wednesday
    assert services.next_hrda_day(dt.date(2020, 7, 10)) == dt.date(2020, 7, 13)  # weekend
    assert services.next_hrda_plus_day(dt.date(2020, 7, 9)) == dt.date(2020, 8, 5)


def test_high_risk_ppn_is_listed_at_the_next_hrda_meeting(ppn, mash_worker):
    consultation = consult(ppn, mash_worker)
    assert consultation.outcome == "hrda"
    listing = HrdaListing.objects.get(case__contact=ppn)
    assert listing.meeting.kind == "daily"
    assert listing.meeting.held_on == dt.date(2020, 7, 7)
    assert ppn not in selectors.ppns_awaiting_consultation()


def test_other_outcomes_open_no_hrda_case(ppn, mash_worker):
    consult(ppn, mash_worker, outcome="early_help")
    assert not HrdaCase.objects.exists()


def test_only_police_ppns_are_consulted_on(make_contact, mash_worker):
    with pytest.raises(ValidationError) as err:
        consult(make_contact(), mash_worker)
    assert "Only a police PPN" in str(err.value)
    assert not PpnConsultation.objects.exists()


def test_consultation_cannot_precede_receipt_or_repeat(ppn, mash_worker):
    with pytest.raises(ValidationError) as err:
        consult(ppn, mash_worker, consulted_at=at(6, 8))
    assert "cannot be before the PPN's receipt" in str(err.value)
    consult(ppn, mash_worker)
    with pytest.raises(ValidationError, match="already has a consultation"):
        consult(ppn, mash_worker)


def test_outcome_must_be_known(ppn, mash_worker):
    with pytest.raises(ValidationError, match="Select the consultation outcome"):
        consult(ppn, mash_worker, outcome="maybe")


def test_actions_and_risk_review(ppn, mash_worker):
    consult(ppn, mash_worker)
    listing = HrdaListing.objects.get(case__contact=ppn)
    action = services.record_hrda_action(
        listing=listing,
        action="Refer the victim to the IDVA service.",
        agency="You First",
        due_on=dt.date(2020, 7, 8),
        recorded_by=mash_worker,
    )
    assert list(listing.actions.all()) == [action]
    with pytest.raises(ValidationError, match="cannot be before the meeting"):
        services.record_hrda_action(
            listing=listing,
            action="x",
            agency="Police",
            due_on=dt.date(2020, 7, 1),
            recorded_by=None,
        )
    services.record_hrda_risk_review(listing=listing, risk_reduced=False, chair=mash_worker)
    plus = HrdaListing.objects.get(case__contact=ppn, meeting__kind="plus")
    assert plus.meeting.held_on == dt.date(2020, 8, 5)
    with pytest.raises(ValidationError, match="already reviewed"):
        services.record_hrda_risk_review(listing=listing, risk_reduced=True, chair=None)
    services.record_hrda_risk_review(listing=plus, risk_reduced=True, chair=None)
    assert HrdaCase.objects.get(contact=ppn).closed_on == dt.date(2020, 8, 5)


def test_report_counts_ratings_outcomes_and_hrda(ppn, make_contact, mash_worker):
    consult(ppn, mash_worker)
    make_contact(source="6", channel="police_ppn", ppn_rating="green")
    [row] = selectors.report(dt.date(2020, 7, 1), dt.date(2020, 7, 31))
    assert row.ppns == 2
    assert row.by_rating == {"red": 1, "green": 1}
    assert row.by_outcome == {"hrda": 1, "awaiting": 1}
    assert row.hrda_cases == 1 and row.hrda_cases_with_children == 1


def test_awaiting_list_orders_by_rating(make_contact):
    green = make_contact(source="6", channel="police_ppn", ppn_rating="green")
    blue = make_contact(source="6", channel="police_ppn", ppn_rating="blue")
    assert selectors.ppns_awaiting_consultation() == [green, blue]


def test_ppn_consultation_timescale_is_one_working_day():
    # Friday 10 July 2020: due the next working day, Monday 13 July.
    assert compute_due("ppn_consultation", dt.date(2020, 7, 10)).due == dt.date(2020, 7, 13)
    assert compute_due("hrda_plus_review", dt.date(2020, 7, 7)).due == dt.date(2020, 8, 7)


def test_every_write_is_in_the_audit_log(ppn, mash_worker):
    from safeguard.audit.models import AuditAction, AuditEvent

    consult(ppn, mash_worker)
    created = set(
        AuditEvent.objects.filter(action=AuditAction.CREATE).values_list("model_label", flat=True)
    )
    assert {
        "frontdoor.PpnConsultation",
        "frontdoor.HrdaCase",
        "frontdoor.HrdaMeeting",
        "frontdoor.HrdaListing",
    } <= created
