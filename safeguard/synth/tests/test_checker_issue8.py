"""The checker's rules for the unregistered placements register and LADO allegations.

A bad record is written straight through the ORM (as a buggy generator would); records
built through the services, and the generators' output, are clean.
"""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.care.models_unregistered import (
    IndependentVisit,
    UnregisteredEndReason,
    UnregisteredPlacement,
)
from safeguard.care.services import change_placement, end_looked_after_period
from safeguard.care.services_unregistered import end_unregistered_placement
from safeguard.care.tests.helpers import foster
from safeguard.care.tests.unregistered_helpers import on_register, placed_unregistered, visit
from safeguard.core import clock
from safeguard.partnership.models import Allegation, AllegationMeeting, Outcome
from safeguard.partnership.services import lado as lado_services
from safeguard.synth.checker import RULES, check_invariants
from safeguard.synth.context import GenerationSettings, SynthContext
from safeguard.synth.journeys import lado, unregistered
from safeguard.workforce.models import WorkerRole

pytestmark = pytest.mark.django_db

TODAY = clock.today()
PLACED = TODAY - dt.timedelta(days=90)
D = dt.date
NEW_RULES = {
    "UNREG-MATCHES-EPISODE",
    "UNREG-VISIT-IN-PLACEMENT",
    "UNREG-APPROVAL-WHILE-PLACED",
    "UNREG-ENDS-WITH-EPISODE",
    "LADO-DATES-IN-ORDER",
    "LADO-MEETINGS-IN-REFERRAL",
    "LADO-DBS-AFTER-OUTCOME",
}


def ours(today: dt.date = TODAY) -> list:
    return [v for v in check_invariants(today) if v.rule in NEW_RULES]


def rules_for(record, today: dt.date = TODAY) -> set[str]:
    return {v.rule for v in ours(today) if v.record_id == str(record.pk)}


def test_the_rules_are_registered_with_descriptions():
    assert set(RULES) >= NEW_RULES
    assert all(RULES[r][0] for r in NEW_RULES)


# --- the register ----------------------------------------------------------------------


@pytest.fixture
def visitor(make_worker):
    return make_worker(role=WorkerRole.CONFERENCE_CHAIR)


def moved_on(child, day):
    change_placement(
        child=child, changed_on=day, placement=foster(), reason_placement_change="CARPL"
    )


def test_register_entries_built_through_the_services_are_clean(make_child, visitor):
    moved = on_register(placed_unregistered(make_child(), PLACED))
    visit(moved, PLACED + dt.timedelta(days=25), visitor)
    moved_on(moved.child, PLACED + dt.timedelta(days=40))
    end_unregistered_placement(
        placement=moved,
        ended_on=PLACED + dt.timedelta(days=40),
        end_reason=UnregisteredEndReason.MOVED_REGISTERED,
    )
    left = on_register(placed_unregistered(make_child(), PLACED))
    end_looked_after_period(
        child=left.child, ended_on=TODAY - dt.timedelta(days=3), reason_ceased="E41"
    )
    end_unregistered_placement(
        placement=left,
        ended_on=TODAY - dt.timedelta(days=3),
        end_reason=UnregisteredEndReason.LEFT_CARE,
    )
    registered = on_register(placed_unregistered(make_child(), PLACED))
    end_unregistered_placement(
        placement=registered,
        ended_on=TODAY - dt.timedelta(days=10),
        end_reason=UnregisteredEndReason.HOME_REGISTERED,
    )
    on_register(placed_unregistered(make_child(), PLACED), approved_on=None, approved_by="")
    assert ours() == []


def test_an_entry_that_does_not_match_its_episode(make_child):
    entry = on_register(placed_unregistered(make_child(), PLACED))
    UnregisteredPlacement.objects.filter(pk=entry.pk).update(
        started_on=PLACED + dt.timedelta(days=2)
    )
    assert "UNREG-MATCHES-EPISODE" in rules_for(entry)
    other = make_child()
    UnregisteredPlacement.objects.filter(pk=entry.pk).update(started_on=PLACED, child=other)
    assert "UNREG-MATCHES-EPISODE" in rules_for(entry)


def test_a_visit_outside_the_placement(make_child, visitor):
    entry = on_register(placed_unregistered(make_child(), PLACED))
    made = visit(entry, PLACED + dt.timedelta(days=20), visitor)
    assert rules_for(made) == set()
    IndependentVisit.objects.filter(pk=made.pk).update(visited_on=PLACED - dt.timedelta(days=1))
    assert rules_for(made) == {"UNREG-VISIT-IN-PLACEMENT"}
    moved_on(entry.child, PLACED + dt.timedelta(days=30))
    end_unregistered_placement(
        placement=entry,
        ended_on=PLACED + dt.timedelta(days=30),
        end_reason=UnregisteredEndReason.MOVED_REGISTERED,
    )
    IndependentVisit.objects.filter(pk=made.pk).update(visited_on=PLACED + dt.timedelta(days=31))
    assert rules_for(made) == {"UNREG-VISIT-IN-PLACEMENT"}


def test_an_approval_after_the_placement_ended(make_child):
    entry = on_register(placed_unregistered(make_child(), PLACED), approved_on=None, approved_by="")
    ended = PLACED + dt.timedelta(days=30)
    moved_on(entry.child, ended)
    end_unregistered_placement(
        placement=entry, ended_on=ended, end_reason=UnregisteredEndReason.MOVED_REGISTERED
    )
    assert rules_for(entry) == set()
    UnregisteredPlacement.objects.filter(pk=entry.pk).update(
        approved_on=ended + dt.timedelta(days=1), approved_by="Jo Pemberton"
    )
    assert rules_for(entry) == {"UNREG-APPROVAL-WHILE-PLACED"}


def test_an_end_the_care_record_does_not_show(make_child):
    moved = on_register(placed_unregistered(make_child(), PLACED))
    moved_on(moved.child, PLACED + dt.timedelta(days=30))
    UnregisteredPlacement.objects.filter(pk=moved.pk).update(
        ended_on=PLACED + dt.timedelta(days=29), end_reason=UnregisteredEndReason.MOVED_REGISTERED
    )
    assert rules_for(moved) == {"UNREG-ENDS-WITH-EPISODE"}
    still_there = on_register(placed_unregistered(make_child(), PLACED))
    UnregisteredPlacement.objects.filter(pk=still_there.pk).update(
        ended_on=TODAY - dt.timedelta(days=1), end_reason=UnregisteredEndReason.LEFT_CARE
    )
    assert rules_for(still_there) == {"UNREG-ENDS-WITH-EPISODE"}
    # "The home was registered" while the care record shows the child had already left.
    left = on_register(placed_unregistered(make_child(), PLACED))
    moved_on(left.child, PLACED + dt.timedelta(days=10))
    UnregisteredPlacement.objects.filter(pk=left.pk).update(
        ended_on=PLACED + dt.timedelta(days=12), end_reason=UnregisteredEndReason.HOME_REGISTERED
    )
    assert rules_for(left) == {"UNREG-ENDS-WITH-EPISODE"}


def test_the_register_generator_output_is_clean(make_child):
    end = D(2026, 3, 31)
    moved = placed_unregistered(make_child(), D(2025, 9, 1))
    moved_on(moved.child, D(2025, 12, 15))
    placed_unregistered(make_child(), D(2026, 2, 2))
    settings = GenerationSettings(
        scale=0.05, years=1, seed=3, end=end, la_code="886", la_name="Test Shire"
    )
    ctx = SynthContext(settings)
    unregistered.generate(ctx)
    ctx.writer.flush()
    assert UnregisteredPlacement.objects.count() == 2
    assert IndependentVisit.objects.exists()
    assert ours(end) == []


# --- LADO --------------------------------------------------------------------------------


def make_contact(**overrides):
    values = {
        "lado_informed_on": D(2024, 3, 4),
        "reported_to_employer_on": D(2024, 3, 1),
        "source_agency": "education",
        "subject_name": "Jordan Teacher",
        "subject_role": "education",
        "subject_employer": "Hill Primary School",
        "category": "physical",
        "summary": "A pupil said the teacher grabbed their arm.",
    }
    values.update(overrides)
    return lado_services.record_contact(**values)


@pytest.fixture
def referral():
    case = make_contact()
    case = lado_services.progress_to_referral(allegation=case, referral_on=D(2024, 3, 6))
    lado_services.record_meeting(allegation=case, held_on=D(2024, 3, 11))
    return case


def test_a_case_built_through_the_services_is_clean(referral):
    case = lado_services.record_outcome(
        allegation=referral, outcome=Outcome.SUBSTANTIATED, outcome_on=D(2024, 5, 1)
    )
    lado_services.record_meeting(allegation=case, held_on=D(2024, 5, 8))  # a review after it
    case = lado_services.record_dbs_decision(
        allegation=Allegation.objects.get(pk=case.pk), referred=True, referred_on=D(2024, 5, 10)
    )
    lado_services.close_allegation(allegation=case, closed_on=D(2024, 5, 20))
    assert ours(D(2024, 6, 30)) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("referral_on", D(2024, 3, 1)),  # before the LADO was told
        ("outcome_on", D(2024, 3, 5)),  # before the referral
        ("dbs_referred_on", D(2024, 4, 30)),  # before the outcome
        ("closed_on", D(2024, 5, 5)),  # before the DBS referral
    ],
)
def test_dates_out_of_order(referral, field, value):
    Allegation.objects.filter(pk=referral.pk).update(
        outcome=Outcome.SUBSTANTIATED,
        outcome_on=D(2024, 5, 1),
        dbs_referral=True,
        dbs_referred_on=D(2024, 5, 10),
        closed_on=D(2024, 5, 20),
    )
    assert "LADO-DATES-IN-ORDER" not in rules_for(referral, D(2024, 6, 30))
    Allegation.objects.filter(pk=referral.pk).update(**{field: value})
    assert "LADO-DATES-IN-ORDER" in rules_for(referral, D(2024, 6, 30))


def test_meetings_outside_the_referral(referral):
    meeting = referral.meetings.get()
    today = D(2024, 6, 30)
    AllegationMeeting.objects.filter(pk=meeting.pk).update(held_on=D(2024, 3, 5))
    assert rules_for(meeting, today) == {"LADO-MEETINGS-IN-REFERRAL"}
    AllegationMeeting.objects.filter(pk=meeting.pk).update(held_on=D(2024, 4, 10))
    Allegation.objects.filter(pk=referral.pk).update(
        outcome=Outcome.FALSE, outcome_on=D(2024, 4, 1)
    )
    assert rules_for(meeting, today) == {"LADO-MEETINGS-IN-REFERRAL"}  # strategy after outcome


def test_a_meeting_on_a_contact():
    contact = make_contact()
    meeting = AllegationMeeting.objects.create(
        allegation=contact, kind="strategy", held_on=D(2024, 3, 8)
    )
    assert rules_for(meeting, D(2024, 6, 30)) == {"LADO-MEETINGS-IN-REFERRAL"}


@pytest.mark.parametrize("outcome", [Outcome.FALSE, Outcome.MALICIOUS, Outcome.UNFOUNDED, ""])
def test_a_dbs_referral_after_an_outcome_that_disproved_the_harm(referral, outcome):
    Allegation.objects.filter(pk=referral.pk).update(
        outcome=outcome,
        outcome_on=D(2024, 5, 1) if outcome else None,
        dbs_referral=True,
        dbs_referred_on=D(2024, 5, 10),
    )
    assert "LADO-DBS-AFTER-OUTCOME" in rules_for(referral, D(2024, 6, 30))


def test_the_lado_generator_output_is_clean():
    end = D(2026, 3, 31)
    settings = GenerationSettings(
        scale=0.3, years=2, seed=5, end=end, la_code="886", la_name="Test Shire"
    )
    ctx = SynthContext(settings)
    lado.generate(ctx)
    ctx.writer.flush()
    assert Allegation.objects.filter(referral_on__isnull=False, outcome_on__isnull=False).exists()
    assert AllegationMeeting.objects.exists()
    assert ours(end) == []
