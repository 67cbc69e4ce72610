"""Care plans (versions agreed and reviewed) and permanence plans, through the services."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.care.models import CarePlan, PermanencePlan
from safeguard.care.planning import record_care_plan, record_permanence_plan
from safeguard.care.services import end_looked_after_period
from safeguard.care.tests.helpers import START, message, refused, start_care
from safeguard.core import clock
from safeguard.workforce.models import WorkerRole

pytestmark = pytest.mark.django_db

FIRST = dt.date(2019, 3, 11)
REVIEW = dt.date(2019, 4, 1)


@pytest.fixture
def looked_after(child):
    return start_care(child)


@pytest.fixture
def manager(make_worker):
    return make_worker(role=WorkerRole.TEAM_MANAGER)


def test_first_plan_then_reviewed_versions(looked_after, manager):
    child = looked_after.child
    first = record_care_plan(child=child, agreed_on=FIRST, occasion="initial", agreed_by=manager)
    reviewed = record_care_plan(child=child, agreed_on=REVIEW, occasion="review", agreed_by=manager)
    assert first.period == reviewed.period == looked_after.period
    assert list(CarePlan.objects.values_list("occasion", flat=True)) == ["initial", "review"]
    assert first.version == 1 and first.created_at is not None  # audited through BaseModel


def test_a_review_needs_a_plan_and_the_first_plan_is_once(looked_after, manager):
    child = looked_after.child
    with refused("occasion") as excinfo:
        record_care_plan(child=child, agreed_on=REVIEW, occasion="review", agreed_by=manager)
    assert "no earlier care plan" in message(excinfo, "occasion")
    record_care_plan(child=child, agreed_on=REVIEW, occasion="initial", agreed_by=manager)
    with refused("occasion"):
        record_care_plan(child=child, agreed_on=FIRST, occasion="initial", agreed_by=manager)
    with refused("agreed_on"):
        record_care_plan(child=child, agreed_on=REVIEW, occasion="revised", agreed_by=manager)


def test_a_care_plan_is_for_a_looked_after_child_and_agreed_by_a_manager(
    child, looked_after, manager, make_worker
):
    with refused("agreed_on"):
        record_care_plan(
            child=child,
            agreed_on=START - dt.timedelta(days=1),
            occasion="initial",
            agreed_by=manager,
        )
    with refused("agreed_on"):
        record_care_plan(
            child=child,
            agreed_on=clock.today() + dt.timedelta(days=1),
            occasion="initial",
            agreed_by=manager,
        )
    social_worker = make_worker()
    with refused("agreed_by") as excinfo:
        record_care_plan(child=child, agreed_on=FIRST, occasion="initial", agreed_by=social_worker)
    assert "team manager" in message(excinfo, "agreed_by")
    with refused("agreed_by"):
        record_care_plan(child=child, agreed_on=FIRST, occasion="initial", agreed_by=None)
    with refused("occasion"):
        record_care_plan(child=child, agreed_on=FIRST, occasion="draft", agreed_by=manager)


def test_permanence_plan_decided_and_changed(looked_after):
    child = looked_after.child
    record_permanence_plan(child=child, decided_on=REVIEW, option="return_home")
    with refused("option") as excinfo:
        record_permanence_plan(child=child, decided_on=dt.date(2019, 7, 1), option="return_home")
    assert "already return to parents" in message(excinfo, "option")
    changed = record_permanence_plan(child=child, decided_on=dt.date(2019, 7, 1), option="adoption")
    assert changed.period == looked_after.period
    assert list(PermanencePlan.objects.values_list("option", flat=True)) == [
        "return_home",
        "adoption",
    ]
    with refused("decided_on"):
        record_permanence_plan(child=child, decided_on=REVIEW, option="sgo_cao")


def test_a_permanence_plan_is_for_a_looked_after_child(looked_after):
    child = looked_after.child
    end_looked_after_period(child=child, ended_on=dt.date(2019, 6, 3), reason_ceased="E4A")
    with refused("decided_on"):
        record_permanence_plan(child=child, decided_on=dt.date(2019, 6, 10), option="adoption")
    with refused("option"):
        record_permanence_plan(child=child, decided_on=REVIEW, option="home")
