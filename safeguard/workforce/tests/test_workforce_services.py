"""Teams, appointments, leaving, and case allocation (SSDA903 SocialWorker episodes)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from safeguard.core import clock
from safeguard.people.models import PersonKind
from safeguard.people.tests.helpers import message, refused
from safeguard.workforce.models import Allocation, ServiceArea, Team, Worker, WorkerRole
from safeguard.workforce.selectors import (
    allocation_history,
    allocation_on,
    caseload,
    current_allocation,
    workers_in_post,
)
from safeguard.workforce.services import (
    allocate_case,
    appoint_worker,
    create_team,
    end_allocation,
    record_worker_leaving,
)

pytestmark = pytest.mark.django_db

JAN = dt.date(2020, 1, 6)
FEB = dt.date(2020, 2, 3)
MAR = dt.date(2020, 3, 2)


def day(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


@pytest.fixture
def team():
    return create_team(name="Northern CIN", service_area=ServiceArea.CHILDREN_IN_NEED)


@pytest.fixture
def other(make_worker):
    return make_worker(first_name="Ola")


# --- create_team -------------------------------------------------------------------------


def test_create_team(team):
    assert Team.objects.get().name == "Northern CIN"


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("name", {"name": "  "}),
        ("name", {"name": "northern cin"}),
        ("service_area", {"service_area": "cake"}),
        ("opened_on", {"opened_on": dt.date(2999, 1, 1)}),
    ],
)
def test_create_team_refuses(team, field, values):
    details = {"name": "Southern CIN", "service_area": ServiceArea.CHILDREN_IN_NEED, **values}
    with refused(field) as excinfo:
        create_team(**details)
    if values.get("name") == "northern cin":
        assert "already exists" in message(excinfo, "name")


# --- appoint_worker ----------------------------------------------------------------------


def appoint(**overrides):
    values = {
        "staff_id": "SW100",
        "first_name": "Priya",
        "last_name": "Shah",
        "role": WorkerRole.SOCIAL_WORKER,
        "started_on": JAN,
    }
    values.update(overrides)
    return appoint_worker(**values)


def test_appoint_worker(team, worker):
    user = get_user_model().objects.create_user(username="pshah")
    appointed = appoint(
        staff_id=" SW100 ", team=team, manager=worker, user=user, fte=Decimal("0.6")
    )
    stored = Worker.objects.get(pk=appointed.pk)
    assert stored.staff_id == "SW100"
    assert (stored.team, stored.manager, stored.user) == (team, worker, user)
    assert stored.fte == Decimal("0.60")


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("staff_id", {"staff_id": ""}),
        ("first_name", {"first_name": " "}),
        ("role", {"role": "wizard"}),
        ("started_on", {"started_on": dt.date(2999, 1, 1)}),
        ("fte", {"fte": Decimal("0")}),
        ("fte", {"fte": Decimal("1.5")}),
    ],
)
def test_appoint_worker_refuses_bad_details(field, overrides):
    with refused(field):
        appoint(**overrides)


def test_staff_id_is_unique_because_it_is_the_sw_id():
    appoint()
    with refused("staff_id") as excinfo:
        appoint(first_name="Other")
    assert "'SW100'" in message(excinfo, "staff_id")
    assert "SW_ID" in message(excinfo, "staff_id")


def test_cannot_join_a_closed_or_unopened_team():
    closed = Team.objects.create(name="Old", service_area="cin", closed_on=dt.date(2019, 12, 31))
    with refused("team"):
        appoint(team=closed)
    later = Team.objects.create(name="New", service_area="cin", opened_on=FEB)
    with refused("team"):
        appoint(team=later)


def test_manager_must_be_in_post(make_worker):
    gone = make_worker(left_on=dt.date(2019, 6, 1))
    with refused("manager") as excinfo:
        appoint(manager=gone)
    assert "not in post on 06/01/2020" in message(excinfo, "manager")


def test_user_linked_to_one_worker_only(worker):
    user = get_user_model().objects.create_user(username="taken")
    worker.user = user
    worker.save()
    with refused("user"):
        appoint(user=user)


# --- allocate_case -----------------------------------------------------------------------


def test_first_allocation_is_first_contact(child, worker):
    allocation = allocate_case(child=child, worker=worker, started_on=JAN)
    assert (allocation.start_reason, allocation.ended_on) == ("FCONTA", None)
    assert current_allocation(child) == allocation


def test_new_allocation_ends_the_current_one_on_the_same_day(child, worker, other):
    first = allocate_case(child=child, worker=worker, started_on=JAN)
    second = allocate_case(
        child=child, worker=other, started_on=FEB, reason_for_previous_end="MANAGE"
    )
    first.refresh_from_db()
    assert (first.ended_on, first.end_reason) == (FEB, "MANAGE")
    assert (second.started_on, second.start_reason) == (FEB, "MANAGE")
    assert current_allocation(child) == second
    assert list(allocation_history(child)) == [first, second]


def test_allocation_cannot_start_in_the_future(child, worker):
    with refused("started_on"):
        allocate_case(child=child, worker=worker, started_on=clock.today() + day(1))


def test_allocation_cannot_start_long_before_birth(child, make_worker):
    worker = make_worker(started_on=dt.date(2000, 1, 1))
    earliest = child.date_of_birth - dt.timedelta(days=280)
    with refused("started_on") as excinfo:
        allocate_case(child=child, worker=worker, started_on=earliest - day(1))
    assert "40 weeks before" in message(excinfo, "started_on")
    assert allocate_case(child=child, worker=worker, started_on=earliest).started_on == earliest


def test_unborn_child_can_be_allocated_before_birth(make_child, worker):
    unborn = make_child(date_of_birth=None, expected_date_of_birth=clock.today() + day(90))
    allocation = allocate_case(child=unborn, worker=worker, started_on=clock.today())
    assert allocation.child == unborn


def test_allocation_cannot_start_after_death(make_child, worker):
    died = make_child(date_of_death=dt.date(2019, 12, 1))
    with refused("started_on") as excinfo:
        allocate_case(child=died, worker=worker, started_on=JAN)
    assert "01/12/2019" in message(excinfo, "started_on")


def test_only_a_childs_case_is_allocated(make_child, worker):
    adult = make_child(kind=PersonKind.ADULT)
    with refused("child"):
        allocate_case(child=adult, worker=worker, started_on=JAN)


@pytest.mark.parametrize(
    "overrides",
    [{"started_on": FEB}, {"started_on": dt.date(2015, 1, 1), "left_on": dt.date(2019, 12, 31)}],
)
def test_worker_must_be_in_post_on_the_start_date(make_worker, child, overrides):
    worker = make_worker(**overrides)
    with refused("worker") as excinfo:
        allocate_case(child=child, worker=worker, started_on=JAN)
    assert "not in post on 06/01/2020" in message(excinfo, "worker")


def test_worker_who_has_left_cannot_take_an_open_allocation(make_worker, child):
    leaver = make_worker(left_on=MAR)
    with refused("worker") as excinfo:
        allocate_case(child=child, worker=leaver, started_on=JAN)
    assert "left on 02/03/2020" in message(excinfo, "worker")


def test_worker_must_hold_cases(make_worker, child):
    chair = make_worker(role=WorkerRole.CONFERENCE_CHAIR)
    with refused("worker") as excinfo:
        allocate_case(child=child, worker=chair, started_on=JAN)
    assert "does not hold" in message(excinfo, "worker")


def test_reallocating_to_the_current_worker_is_refused(child, worker):
    allocate_case(child=child, worker=worker, started_on=JAN)
    with refused("worker") as excinfo:
        allocate_case(child=child, worker=worker, started_on=FEB, reason_for_previous_end="MANAGE")
    assert "already allocated" in message(excinfo, "worker")


def test_new_allocation_must_start_after_the_current_one(child, worker, other):
    allocate_case(child=child, worker=worker, started_on=FEB)
    for start in (FEB, JAN):
        with refused("started_on") as excinfo:
            allocate_case(
                child=child, worker=other, started_on=start, reason_for_previous_end="MANAGE"
            )
        assert "03/02/2020" in message(excinfo, "started_on")


def test_reason_is_needed_to_change_worker(child, worker, other):
    allocate_case(child=child, worker=worker, started_on=JAN)
    with refused("reason_for_previous_end") as excinfo:
        allocate_case(child=child, worker=other, started_on=FEB)
    assert "SW_REASON" in message(excinfo, "reason_for_previous_end")


def test_reason_must_be_a_dfe_code(child, worker):
    with refused("reason_for_previous_end"):
        allocate_case(child=child, worker=worker, started_on=JAN, reason_for_previous_end="BORED")


def test_allocation_cannot_overlap_closed_history(child, worker, other):
    allocation = allocate_case(child=child, worker=worker, started_on=JAN)
    end_allocation(allocation=allocation, ended_on=MAR, reason="OTHERS")
    with refused("started_on") as excinfo:
        allocate_case(child=child, worker=other, started_on=FEB)
    assert "06/01/2020 to 02/03/2020" in message(excinfo, "started_on")
    reopened = allocate_case(child=child, worker=other, started_on=MAR)
    assert reopened.start_reason == "FCONTA"


def test_database_refuses_two_open_allocations(child, worker, other):
    Allocation.objects.create(child=child, worker=worker, started_on=JAN)
    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.create(child=child, worker=other, started_on=FEB)


# --- end_allocation ----------------------------------------------------------------------


def test_end_allocation(child, worker):
    allocation = allocate_case(child=child, worker=worker, started_on=JAN)
    ended = end_allocation(allocation=allocation, ended_on=FEB, reason="OTHERS")
    assert (ended.ended_on, ended.end_reason) == (FEB, "OTHERS")
    assert current_allocation(child) is None


def test_end_allocation_refuses_bad_end(child, worker):
    allocation = allocate_case(child=child, worker=worker, started_on=FEB)
    with refused("ended_on"):
        end_allocation(allocation=allocation, ended_on=JAN, reason="OTHERS")
    with refused("ended_on"):
        end_allocation(allocation=allocation, ended_on=clock.today() + day(1), reason="OTHERS")
    with refused("reason"):
        end_allocation(allocation=allocation, ended_on=MAR, reason="")
    end_allocation(allocation=allocation, ended_on=MAR, reason="OTHERS")
    with refused("ended_on"):
        end_allocation(allocation=allocation, ended_on=MAR, reason="OTHERS")


# --- record_worker_leaving -----------------------------------------------------------------


def test_worker_without_cases_leaves(worker):
    left = record_worker_leaving(worker=worker, left_on=MAR)
    assert Worker.objects.get(pk=left.pk).left_on == MAR


def test_leaving_with_open_allocations_is_refused_naming_how_many(make_child, worker):
    for _ in range(2):
        allocate_case(child=make_child(), worker=worker, started_on=JAN)
    with refused("reallocate_to") as excinfo:
        record_worker_leaving(worker=worker, left_on=MAR)
    assert "2 open allocation(s)" in message(excinfo, "reallocate_to")


def test_leaving_hands_open_cases_to_the_new_worker(make_child, worker, other):
    children = [make_child(), make_child()]
    for child in children:
        allocate_case(child=child, worker=worker, started_on=JAN)
    record_worker_leaving(worker=worker, left_on=MAR, reallocate_to=other)
    for child in children:
        now = current_allocation(child)
        assert now is not None
        assert (now.worker, now.started_on, now.start_reason) == (other, MAR, "LEFTRL")
        old = allocation_history(child).first()
        assert (old.worker, old.ended_on, old.end_reason) == (worker, MAR, "LEFTRL")
    assert not caseload(worker, on=MAR).exists()


@pytest.mark.parametrize(
    "left_on", [dt.date(2014, 12, 31), dt.date(2999, 1, 1)], ids=["before start", "future"]
)
def test_leaving_date_between_start_and_today(worker, left_on):
    with refused("left_on"):
        record_worker_leaving(worker=worker, left_on=left_on)


def test_worker_cannot_leave_twice(worker):
    record_worker_leaving(worker=worker, left_on=FEB)
    with refused("left_on"):
        record_worker_leaving(worker=worker, left_on=MAR)


def test_worker_cannot_leave_before_cases_they_held(child, worker, other):
    allocate_case(child=child, worker=worker, started_on=FEB)
    allocate_case(child=child, worker=other, started_on=MAR, reason_for_previous_end="MANAGE")
    with refused("left_on") as excinfo:
        record_worker_leaving(worker=worker, left_on=JAN)
    assert "1 allocation(s) after 06/01/2020" in message(excinfo, "left_on")


def test_reallocation_target_must_be_able_to_take_the_cases(make_worker, child, worker):
    allocate_case(child=child, worker=worker, started_on=JAN)
    not_started = make_worker(started_on=dt.date(2999, 1, 1))
    analyst = make_worker(role=WorkerRole.ANALYST)
    for target in (worker, not_started, analyst):
        with refused("reallocate_to"):
            record_worker_leaving(worker=worker, left_on=MAR, reallocate_to=target)


def test_refused_handover_is_reported_against_reallocate_to(make_child, worker, other):
    died = make_child(date_of_death=FEB)
    allocate_case(child=died, worker=worker, started_on=JAN)
    with refused("reallocate_to") as excinfo:
        record_worker_leaving(worker=worker, left_on=MAR, reallocate_to=other)
    assert f"Cannot hand {died}'s case to {other}" in message(excinfo, "reallocate_to")


def test_case_allocated_on_the_leaving_day_cannot_be_handed_over(child, worker, other):
    allocate_case(child=child, worker=worker, started_on=MAR)
    with refused("left_on"):
        record_worker_leaving(worker=worker, left_on=MAR, reallocate_to=other)


# --- selectors ---------------------------------------------------------------------------


def test_caseload_counts_the_case_to_the_new_worker_on_handover_day(child, worker, other):
    allocate_case(child=child, worker=worker, started_on=JAN)
    allocate_case(child=child, worker=other, started_on=FEB, reason_for_previous_end="ABSENC")
    assert [a.child for a in caseload(worker, on=FEB - day(1))] == [child]
    assert not caseload(worker, on=FEB).exists()
    assert [a.child for a in caseload(other, on=FEB)] == [child]
    assert not caseload(other, on=JAN).exists()
    assert [a.child for a in caseload(other)] == [child]
    assert allocation_on(child, FEB - day(1)).worker == worker
    assert allocation_on(child, FEB).worker == other
    assert allocation_on(child, JAN - day(1)) is None


def test_caseload_orders_by_childs_name(make_child, worker):
    zed = make_child(last_name="Zed")
    abe = make_child(last_name="Abe")
    for child in (zed, abe):
        allocate_case(child=child, worker=worker, started_on=JAN)
    assert [a.child for a in caseload(worker, on=FEB)] == [abe, zed]


def test_workers_in_post(make_worker, team):
    current = make_worker(team=team)
    make_worker(team=team, left_on=dt.date(2019, 12, 31))
    make_worker()
    assert list(workers_in_post(team=team, on=JAN)) == [current]
    assert current in workers_in_post()
