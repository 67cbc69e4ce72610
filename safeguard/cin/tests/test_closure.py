"""Closing a CIN episode: sign-off, reasons and CIN-level activity (CIN census 8565, 4000,
2990). Assessment and protection rules for closure are tested in those apps."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.cin.models import CINEpisode, CINPlan, VisitLocation, VisitType
from safeguard.cin.services import (
    close_cin_episode,
    record_visit,
    review_cin_plan,
    start_cin_plan,
)
from safeguard.cin.tests.helpers import REFERRAL, message, refused
from safeguard.core import clock

pytestmark = pytest.mark.django_db

CLOSED = dt.date(2019, 6, 3)


def close(episode, **overrides):
    values = {
        "closure_date": CLOSED,
        "reason_for_closure": "RC7",
        "closure_summary": "Parents engaged; school reports attendance and presentation good.",
    }
    values.update(overrides)
    return close_cin_episode(episode=episode, **values)


def test_close_with_manager_sign_off(episode, manager):
    closed = close(episode, signed_off_by=manager)
    stored = CINEpisode.objects.get(pk=episode.pk)
    assert stored.closure_date == CLOSED
    assert stored.reason_for_closure == "RC7"
    assert stored.closure_signed_off_by == manager
    assert stored.closure_signed_off_on == CLOSED
    assert closed.is_open is False


def test_referral_nfa_closes_without_sign_off(episode):
    closed = close(
        episode,
        closure_date=REFERRAL,
        reason_for_closure="RC8",
        referral_nfa=True,
        closure_summary="",
    )
    assert closed.referral_nfa is True
    assert closed.closure_signed_off_by is None


def test_closure_needs_sign_off(episode):
    with refused("closure_signed_off_by"):
        close(episode)


def test_sign_off_needs_a_manager(episode, worker):
    with refused("closure_signed_off_by") as excinfo:
        close(episode, signed_off_by=worker)
    assert "social worker" in message(excinfo, "closure_signed_off_by")


def test_hard_to_engage_needs_a_service_manager(episode, manager, service_manager):
    with refused("closure_signed_off_by"):
        close(episode, signed_off_by=manager, hard_to_engage=True)
    closed = close(episode, signed_off_by=service_manager, hard_to_engage=True)
    assert closed.closed_hard_to_engage is True


def test_nfa_cannot_be_hard_to_engage(episode):
    with refused("closed_hard_to_engage"):
        close(episode, referral_nfa=True, hard_to_engage=True)


def test_closure_needs_a_summary(episode, manager):
    with refused("closure_summary"):
        close(episode, signed_off_by=manager, closure_summary=" ")


def test_sign_off_cannot_be_in_future(episode, manager):
    with refused("closure_signed_off_on"):
        close(episode, signed_off_by=manager, signed_off_on=clock.today() + dt.timedelta(days=1))


def test_closure_date_rules(episode, manager):
    with refused("closure_date"):
        close(episode, signed_off_by=manager, closure_date=clock.today() + dt.timedelta(days=1))
    with refused("closure_date"):
        close(episode, signed_off_by=manager, closure_date=REFERRAL - dt.timedelta(days=1))
    with refused("reason_for_closure"):
        close(episode, signed_off_by=manager, reason_for_closure="RC99")


def test_cannot_close_twice(episode, manager):
    close(episode, signed_off_by=manager)
    with refused("closure_date"):
        close(episode, signed_off_by=manager)


def test_died_needs_date_of_death(episode, manager):
    with refused("reason_for_closure"):
        close(episode, signed_off_by=manager, reason_for_closure="RC2")
    child = episode.child
    child.date_of_death = dt.date(2019, 5, 1)
    child.save()
    assert close(episode, signed_off_by=manager, reason_for_closure="RC2").closure_date == CLOSED


def test_open_cin_plan_ends_on_the_closure_date(episode, manager):
    start_cin_plan(episode=episode, start_date=dt.date(2019, 2, 4))
    close(episode, signed_off_by=manager)
    plan = CINPlan.objects.get()
    assert plan.end_date == CLOSED
    assert plan.end_reason == "case_closed"


def test_nfa_referral_cannot_have_cin_plans(episode):
    start_cin_plan(episode=episode, start_date=dt.date(2019, 2, 4))
    with refused("referral_nfa") as excinfo:
        close(episode, referral_nfa=True)
    assert "4000" in message(excinfo, "referral_nfa")


def test_closed_after_assessment_cannot_have_cin_plans(episode, manager):
    start_cin_plan(episode=episode, start_date=dt.date(2019, 2, 4))
    with refused("reason_for_closure") as excinfo:
        close(episode, signed_off_by=manager, reason_for_closure="RC8")
    assert "2990" in message(excinfo, "reason_for_closure")


def test_closure_cannot_precede_cin_activity(episode, manager, worker):
    plan = start_cin_plan(episode=episode, start_date=dt.date(2019, 2, 4))
    review_cin_plan(plan=plan, held_on=dt.date(2019, 5, 1))
    with refused("closure_date") as excinfo:
        close(episode, signed_off_by=manager, closure_date=dt.date(2019, 2, 1))
    assert "8565" in message(excinfo, "closure_date")
    with refused("closure_date"):
        close(episode, signed_off_by=manager, closure_date=dt.date(2019, 4, 1))
    record_visit(
        child=episode.child,
        visit_date=dt.date(2019, 6, 10),
        visit_type=VisitType.CIN,
        worker=worker,
        child_seen=True,
        seen_alone=False,
        location=VisitLocation.SCHOOL,
    )
    with refused("closure_date"):
        close(episode, signed_off_by=manager)
    assert close(episode, signed_off_by=manager, closure_date=dt.date(2019, 6, 10)).closure_date


def test_nfa_sign_off_when_given_is_checked(episode, worker):
    with refused("closure_signed_off_by"):
        close(episode, referral_nfa=True, signed_off_by=worker)
