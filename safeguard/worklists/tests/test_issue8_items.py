"""Issue 8 items on the allocated worker's caseload: the MACE meetings and plan actions
(due, overdue, done when recorded, and whose they are)."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.core.timescales import compute_due
from safeguard.worklists.items import State
from safeguard.worklists.selectors import caseload_for, work_items_for
from safeguard.worklists.tests import factories as f
from safeguard.worklists.tests import issue8 as i8

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def _kinds(worker, today, *kinds):
    return [item for item in work_items_for(worker, today) if item.kind in kinds]


@pytest.fixture
def held():
    """A worker and a child allocated to them, old enough for a CAROLE record."""
    worker = f.worker(f.team())
    return worker, f.child(worker, dob=dt.date(2009, 6, 1))


def test_a_moderated_assessment_makes_the_first_mace_due_in_15_days(held):
    worker, child = held
    today = i8.today()
    i8.moderated(child, today - 3 * DAY)
    [item] = _kinds(worker, today, "mace")
    assert item.due == compute_due("mace", today - 3 * DAY).due
    assert item.state in {State.DUE_THIS_WEEK, State.UPCOMING}
    assert item.url_name == "exploitation:carole" and item.worker == worker
    assert "moderated on" in item.detail and "significant risk" in item.detail
    assert "15 days after" in item.explanation
    assert not _kinds(worker, today, "mace_review", "mace_plan_action")


def test_an_unmoderated_or_emerging_assessment_has_no_mace(held):
    worker, child = held
    today = i8.today()
    from safeguard.exploitation import services_carole as carole

    carole.record_risk_assessment(
        child=child, assessed_on=today - 30 * DAY, risk_level="moderate", indicators=["cse"]
    )
    assert not _kinds(worker, today, "mace", "mace_review")
    carole.record_risk_assessment(
        child=child, assessed_on=today - 2 * DAY, risk_level="emerging", indicators=["cse"]
    )
    assert not _kinds(worker, today, "mace", "mace_review")


def test_the_first_mace_is_overdue_after_15_days(held):
    worker, child = held
    today = i8.today()
    i8.moderated(child, today - 40 * DAY)
    [item] = _kinds(worker, today, "mace")
    assert item.state is State.OVERDUE and item.days_overdue == (today - item.due).days > 0


@pytest.mark.parametrize(("level", "weeks"), [("significant", 6), ("moderate", 12)])
def test_holding_the_mace_makes_the_review_due_by_the_agreed_risk(held, level, weeks):
    worker, child = held
    today = i8.today()
    i8.moderated(child, today - 20 * DAY)
    held_on = today - 10 * DAY
    i8.mace(child, held_on, level, due=today + 5 * DAY)
    assert not _kinds(worker, today, "mace")  # done: the meeting is recorded
    [review] = _kinds(worker, today, "mace_review")
    assert review.due == held_on + dt.timedelta(weeks=weeks)
    assert review.context == {"risk": level}
    assert f"{weeks} weeks after previous MACE" in review.explanation
    assert f"agreed {level} risk" in review.detail


def test_a_review_held_restarts_the_clock_and_an_overdue_review_shows_red(held):
    worker, child = held
    today = i8.today()
    i8.moderated(child, today - 120 * DAY)
    i8.mace(child, today - 110 * DAY, "significant", due=today - 100 * DAY)
    [late] = _kinds(worker, today, "mace_review")
    assert late.state is State.OVERDUE and late.tag_class == "govuk-tag--red"
    i8.mace(child, today - 1 * DAY, "moderate", due=today + 20 * DAY)
    [review] = _kinds(worker, today, "mace_review")
    assert review.due == today - DAY + dt.timedelta(weeks=12)
    assert review.state is State.UPCOMING


def test_a_mace_that_agrees_emerging_risk_ends_the_reviews(held):
    worker, child = held
    today = i8.today()
    i8.moderated(child, today - 30 * DAY)
    i8.mace(child, today - 2 * DAY, "emerging", due=today + 10 * DAY)
    assert not _kinds(worker, today, "mace", "mace_review", "mace_plan_action")


def test_plan_actions_are_the_workers_until_the_next_mace_reviews_them(held):
    worker, child = held
    today = i8.today()
    i8.moderated(child, today - 60 * DAY)
    i8.mace(child, today - 50 * DAY, "significant", due=today - 5 * DAY)
    actions = _kinds(worker, today, "mace_plan_action")
    assert len(actions) == 4  # one per strand
    assert {a.what for a in actions} == {
        "MACE plan action (prepare)",
        "MACE plan action (prevent)",
        "MACE plan action (protect)",
        "MACE plan action (pursue)",
    }
    assert all(a.state is State.OVERDUE and a.days_overdue == 5 for a in actions)
    assert all(a.worker == worker and "owner: Police" in a.detail for a in actions)
    assert "the date the meeting set" in actions[0].explanation
    i8.mace(child, today, "significant", due=today + 14 * DAY)
    later = _kinds(worker, today, "mace_plan_action")
    assert len(later) == 4 and all(a.due == today + 14 * DAY for a in later)


def test_a_completed_plan_action_leaves_the_list(held):
    from safeguard.exploitation.services_carole import complete_mace_action

    worker, child = held
    today = i8.today()
    i8.moderated(child, today - 60 * DAY)
    meeting = i8.mace(child, today - 50 * DAY, "significant", due=today - 5 * DAY)
    protect = meeting.actions.get(strand="protect")
    complete_mace_action(action=protect, completed_on=today - 2 * DAY)
    left = _kinds(worker, today, "mace_plan_action")
    assert sorted(a.what for a in left) == [
        "MACE plan action (prepare)",
        "MACE plan action (prevent)",
        "MACE plan action (pursue)",
    ]


def test_mace_items_follow_the_allocation_to_the_worker_holding_the_child(held):
    worker, child = held
    other = f.worker(worker.team)
    today = i8.today()
    i8.moderated(child, today - 3 * DAY)
    assert _kinds(worker, today, "mace")
    assert not _kinds(other, today, "mace")
    team = caseload_for([worker, other], today)
    assert [i.worker for i in team.items if i.kind == "mace"] == [worker]


def test_mace_items_link_to_the_carole_page_only_for_caseworkers(held):
    worker, child = held
    today = i8.today()
    i8.moderated(child, today - 3 * DAY)
    [item] = _kinds(worker, today, "mace")
    assert item.linked_for({"record_casework"}) is item
    plain = item.linked_for({"view_caseload"})
    assert plain.url_name == "people:child_record" and plain.due == item.due


def test_mace_facts_cost_the_same_queries_for_one_child_or_many(
    held, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    worker, child = held
    today = i8.today()
    i8.moderated(child, today - 60 * DAY)
    i8.mace(child, today - 50 * DAY, due=today)
    with CaptureQueriesContext(connection) as one:
        caseload_for([worker], today)
    for _ in range(4):
        other = f.child(worker, dob=dt.date(2009, 6, 1))
        i8.moderated(other, today - 60 * DAY)
        i8.mace(other, today - 50 * DAY, due=today)
    with CaptureQueriesContext(connection) as five:
        caseload_for([worker], today)
    assert len(five) == len(one)
