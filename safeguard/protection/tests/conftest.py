"""Fixtures that walk a child along the protection pathway, one step per fixture."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.cin.services import open_referral
from safeguard.cin.tests.helpers import REFERRAL
from safeguard.protection.models import (
    Agency,
    ConferenceOutcome,
    ConferenceType,
    Section47Enquiry,
    Section47Outcome,
)
from safeguard.protection.services import (
    ActionInput,
    AttendeeInput,
    convene_initial_conference,
    convene_review_conference,
    hold_strategy_discussion,
    record_conference_outcome,
    record_section47_outcome,
    start_cp_plan,
)
from safeguard.workforce.models import WorkerRole

STRATEGY = dt.date(2019, 1, 14)  # Monday
S47_OUTCOME = dt.date(2019, 1, 25)  # Friday
ICPC = dt.date(2019, 2, 1)  # Friday
RCPC = dt.date(2019, 5, 1)  # Wednesday
RCPC2 = dt.date(2019, 11, 1)  # Friday

QUORATE = (
    AttendeeInput(agency=Agency.SOCIAL_CARE, name="Sam Worker", role="Social worker"),
    AttendeeInput(agency=Agency.POLICE, name="DC Ali Khan", role="Child abuse investigation"),
    AttendeeInput(agency=Agency.HEALTH_VISITOR, name="Jo Patel"),
    AttendeeInput(agency=Agency.SCHOOL, name="Ms Green", role="Designated safeguarding lead"),
)


@pytest.fixture
def episode(child):
    return open_referral(
        child=child, referral_date=REFERRAL, referral_source="6", primary_need="N1"
    )


@pytest.fixture
def manager(make_worker):
    return make_worker(role=WorkerRole.TEAM_MANAGER)


@pytest.fixture
def chair(make_worker):
    return make_worker(role=WorkerRole.CONFERENCE_CHAIR)


@pytest.fixture
def discussion(episode, worker):
    return hold_strategy_discussion(
        episode=episode,
        held_on=STRATEGY,
        lead_worker=worker,
        attendees=QUORATE,
        s47_initiated=True,
        criminal_investigation=True,
        actions=[
            ActionInput(
                agency=Agency.POLICE,
                owner="DC Ali Khan",
                action="Interview the child with social care",
                due_by=dt.date(2019, 1, 16),
            )
        ],
    )


@pytest.fixture
def enquiry(discussion):
    return Section47Enquiry.objects.get(strategy_discussion=discussion)


@pytest.fixture
def substantiated(enquiry):
    return record_section47_outcome(
        enquiry=enquiry,
        outcome=Section47Outcome.SUBSTANTIATED,
        outcome_date=S47_OUTCOME,
        conference_requested_on=S47_OUTCOME,
    )


@pytest.fixture
def icpc(substantiated, chair):
    return convene_initial_conference(
        episode=substantiated.episode,
        conference_type=ConferenceType.INITIAL,
        scheduled_for=ICPC,
        chair=chair,
        section47=substantiated,
        room="Room 2, County Hall",
    )


@pytest.fixture
def held_icpc(icpc):
    return record_conference_outcome(
        conference=icpc, held_on=ICPC, quorate=True, outcome=ConferenceOutcome.PLAN, category="NEG"
    )


@pytest.fixture
def plan(held_icpc):
    return start_cp_plan(conference=held_icpc)


@pytest.fixture
def rcpc(plan, chair):
    return convene_review_conference(plan=plan, scheduled_for=RCPC, chair=chair)


# --- page tests: the access world (one user per role) on the real clock ---------------------


@pytest.fixture
def world(db):
    from safeguard.access.testing.world import build_world

    return build_world()


@pytest.fixture
def client_for(world):
    """A signed-in test client for a role of the world."""
    from django.test import Client

    from safeguard.access.testing.login import sign_in

    def build(role: str) -> Client:
        return sign_in(Client(), world.users[role])

    return build
