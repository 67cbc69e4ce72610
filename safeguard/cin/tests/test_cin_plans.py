"""CIN plans and their reviews: start, review, end (CIN census CINPlanDates)."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.cin.models import CINPlan, CINPlanEndReason, CINPlanReview
from safeguard.cin.services import end_cin_plan, review_cin_plan, start_cin_plan
from safeguard.cin.tests.helpers import REFERRAL, message, refused
from safeguard.core import clock

pytestmark = pytest.mark.django_db

START = dt.date(2019, 2, 4)


@pytest.fixture
def plan(episode, worker):
    return start_cin_plan(episode=episode, start_date=START, lead_worker=worker)


def test_start_cin_plan(episode, worker):
    plan = start_cin_plan(episode=episode, start_date=REFERRAL, lead_worker=worker)
    assert plan.is_open
    assert plan.episode == episode
    assert CINPlan.objects.get().start_date == REFERRAL


def test_cin_plan_cannot_start_before_referral(episode):
    with refused("start_date") as excinfo:
        start_cin_plan(episode=episode, start_date=REFERRAL - dt.timedelta(days=1))
    assert "4015" in message(excinfo, "start_date")
    assert "06/01/2019" in message(excinfo, "start_date")
    assert "07/01/2019" in message(excinfo, "start_date")


def test_cin_plan_cannot_start_in_future(episode):
    with refused("start_date"):
        start_cin_plan(episode=episode, start_date=clock.today() + dt.timedelta(days=1))


def test_cin_plan_cannot_start_after_death(make_child, episode):
    child = episode.child
    child.date_of_death = dt.date(2019, 1, 20)
    child.save()
    with refused("start_date"):
        start_cin_plan(episode=episode, start_date=START)


def test_only_one_open_cin_plan_per_episode(plan):
    with refused("start_date") as excinfo:
        start_cin_plan(episode=plan.episode, start_date=START + dt.timedelta(days=7))
    assert "4004" in message(excinfo, "start_date")


def test_cin_plans_cannot_overlap(plan):
    end_cin_plan(plan=plan, end_date=dt.date(2019, 4, 1), end_reason=CINPlanEndReason.NEEDS_MET)
    with refused("start_date") as excinfo:
        start_cin_plan(episode=plan.episode, start_date=dt.date(2019, 3, 1))
    assert "4014" in message(excinfo, "start_date")


def test_cin_plan_may_start_the_day_the_last_ended(plan):
    end_cin_plan(plan=plan, end_date=dt.date(2019, 4, 1), end_reason=CINPlanEndReason.NEEDS_MET)
    second = start_cin_plan(episode=plan.episode, start_date=dt.date(2019, 4, 1))
    assert second.is_open


def test_cin_plan_needs_an_open_episode(episode, manager):
    from safeguard.cin.services import close_cin_episode

    close_cin_episode(
        episode=episode,
        closure_date=dt.date(2019, 3, 1),
        reason_for_closure="RC7",
        signed_off_by=manager,
        closure_summary="Needs met.",
    )
    with refused("episode"):
        start_cin_plan(episode=episode, start_date=dt.date(2019, 2, 1))


def test_review_cin_plan(plan, manager):
    review = review_cin_plan(
        plan=plan, held_on=dt.date(2019, 4, 29), chaired_by=manager, progress="Good progress."
    )
    assert CINPlanReview.objects.get() == review


def test_review_cannot_precede_plan(plan):
    with refused("held_on"):
        review_cin_plan(plan=plan, held_on=START - dt.timedelta(days=1))


def test_review_cannot_follow_plan_end(plan):
    end_cin_plan(plan=plan, end_date=dt.date(2019, 4, 1), end_reason=CINPlanEndReason.NEEDS_MET)
    with refused("held_on"):
        review_cin_plan(plan=plan, held_on=dt.date(2019, 4, 2))


def test_review_cannot_be_in_future(plan):
    with refused("held_on"):
        review_cin_plan(plan=plan, held_on=clock.today() + dt.timedelta(days=1))


def test_end_cin_plan(plan):
    ended = end_cin_plan(
        plan=plan, end_date=dt.date(2019, 6, 3), end_reason=CINPlanEndReason.STEPPED_DOWN
    )
    assert ended.end_date == dt.date(2019, 6, 3)
    assert CINPlan.objects.get().end_reason == "early_help"


def test_cin_plan_may_end_on_its_start_day(plan):
    assert end_cin_plan(plan=plan, end_date=START, end_reason=CINPlanEndReason.OTHER).end_date


def test_cin_plan_cannot_end_before_start(plan):
    with refused("end_date"):
        end_cin_plan(
            plan=plan, end_date=START - dt.timedelta(days=1), end_reason=CINPlanEndReason.OTHER
        )


def test_cin_plan_cannot_end_in_future(plan):
    with refused("end_date"):
        end_cin_plan(
            plan=plan,
            end_date=clock.today() + dt.timedelta(days=1),
            end_reason=CINPlanEndReason.OTHER,
        )


def test_cin_plan_cannot_end_twice(plan):
    end_cin_plan(plan=plan, end_date=dt.date(2019, 6, 3), end_reason=CINPlanEndReason.OTHER)
    with refused("end_date"):
        end_cin_plan(plan=plan, end_date=dt.date(2019, 6, 4), end_reason=CINPlanEndReason.OTHER)


def test_cin_plan_end_reason_must_be_known(plan):
    with refused("end_reason"):
        end_cin_plan(plan=plan, end_date=dt.date(2019, 6, 3), end_reason="bored")


def test_cin_plan_cannot_end_before_its_last_review(plan):
    review_cin_plan(plan=plan, held_on=dt.date(2019, 4, 29))
    with refused("end_date"):
        end_cin_plan(plan=plan, end_date=dt.date(2019, 4, 1), end_reason=CINPlanEndReason.OTHER)


def test_cin_plan_cannot_end_after_death(plan):
    child = plan.episode.child
    child.date_of_death = dt.date(2019, 3, 1)
    child.save()
    with refused("end_date"):
        end_cin_plan(plan=plan, end_date=dt.date(2019, 3, 2), end_reason=CINPlanEndReason.OTHER)
