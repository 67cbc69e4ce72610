"""Recording supervision: due dates from the registry, the rules, the manager's page and
the management direction on the child's chronology."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safeguard.core import clock
from safeguard.people.chronology import chronology
from safeguard.quality.models import Supervision
from safeguard.quality.selectors import supervision as selectors
from safeguard.quality.services.supervision import record_supervision
from safeguard.workforce.models import Allocation, Team

pytestmark = pytest.mark.django_db
TODAY = clock.today()
STARTED = TODAY - dt.timedelta(days=200)


@pytest.fixture
def team(db):
    return Team.objects.create(name="Team North", service_area="cin")


@pytest.fixture
def manager(make_worker, team):
    return make_worker(role="team_manager", team=team, first_name="Tara", last_name="Lead")


@pytest.fixture
def supervisee(make_worker, team, manager):
    return make_worker(team=team, manager=manager, started_on=STARTED)


@pytest.fixture
def allocated(make_child, supervisee):
    child = make_child(first_name="Robin")
    Allocation.objects.create(child=child, worker=supervisee, started_on=STARTED)
    return child


def test_the_first_is_due_four_weeks_after_starting_then_four_weeks_after_the_last(
    manager, supervisee
):
    assert selectors.next_due(supervisee) == STARTED + dt.timedelta(weeks=4)
    held = STARTED + dt.timedelta(weeks=4, days=3)
    first = record_supervision(supervisor=manager, supervisee=supervisee, held_on=held)
    assert first.due_on == STARTED + dt.timedelta(weeks=4)
    assert not first.on_time
    assert selectors.next_due(supervisee) == held + dt.timedelta(weeks=4)
    missed = record_supervision(
        supervisor=manager, supervisee=supervisee, not_held_reason="sickness"
    )
    assert missed.held_on is None and not missed.on_time
    assert selectors.next_due(supervisee) == missed.due_on + dt.timedelta(weeks=4)


def test_the_direction_shows_on_the_childs_chronology(manager, supervisee, allocated):
    held = TODAY - dt.timedelta(days=2)
    record_supervision(
        supervisor=manager,
        supervisee=supervisee,
        held_on=held,
        cases=[(allocated, "Convene a strategy discussion this week.")],
    )
    events = chronology(allocated, types=["management_direction"])
    assert len(events) == 1
    event = events[0]
    assert event.on == held and event.title == "Management direction in supervision"
    assert event.detail == "Tara Lead: Convene a strategy discussion this week."
    assert event.capability == "access.record_supervision"


def test_only_the_workers_manager_records_and_only_their_cases(
    make_worker, make_child, manager, supervisee, allocated
):
    other = make_worker(role="team_manager")
    with pytest.raises(ValidationError) as caught:
        record_supervision(supervisor=other, supervisee=supervisee, held_on=TODAY)
    assert "supervisee" in caught.value.message_dict
    stranger = make_child(first_name="Kit")
    with pytest.raises(ValidationError) as caught:
        record_supervision(
            supervisor=manager, supervisee=supervisee, held_on=TODAY, cases=[(stranger, "x")]
        )
    assert "caseload" in str(caught.value)
    with pytest.raises(ValidationError):
        record_supervision(
            supervisor=manager, supervisee=supervisee, held_on=TODAY, cases=[(allocated, " ")]
        )
    with pytest.raises(ValidationError):
        record_supervision(supervisor=manager, supervisee=supervisee)
    with pytest.raises(ValidationError):
        record_supervision(
            supervisor=manager, supervisee=supervisee, held_on=TODAY + dt.timedelta(days=1)
        )
    assert not Supervision.objects.exists()


def test_the_team_manager_supervises_the_team_and_not_another(make_worker, manager, team):
    colleague = make_worker(team=team)  # no named manager: the team's manager supervises
    elsewhere = make_worker()
    leaver = make_worker(team=team, left_on=TODAY - dt.timedelta(days=10))
    chair = make_worker(team=team, role="cp_chair")
    managed = set(selectors.managed_workers(manager))
    assert colleague in managed
    assert not {elsewhere, leaver, chair} & managed


def test_the_managers_page_rows(manager, supervisee):
    rows = selectors.manager_overview(manager)
    assert [r.worker for r in rows] == [supervisee]
    assert rows[0].overdue and rows[0].last_held is None and rows[0].on_time_percent is None
    due = selectors.next_due(supervisee)
    record_supervision(supervisor=manager, supervisee=supervisee, held_on=due)
    row = selectors.manager_overview(manager)[0]
    assert row.last_held is not None and row.on_time_percent == 100.0
    assert [r.worker for r in selectors.due_for_manager(manager)] == [supervisee]


def test_the_measures_count_due_held_on_time_and_the_overdue_unrecorded(
    make_worker, manager, supervisee
):
    from safeguard.performance.data import Data
    from safeguard.performance.periods import Period

    first_due = selectors.next_due(supervisee)  # STARTED + 4 weeks
    record_supervision(supervisor=manager, supervisee=supervisee, held_on=first_due)
    second = record_supervision(
        supervisor=manager, supervisee=supervisee, held_on=first_due + dt.timedelta(weeks=5)
    )  # a week late
    record_supervision(supervisor=manager, supervisee=supervisee, not_held_reason="leave")
    overdue_since = selectors.next_due(supervisee)
    assert overdue_since < TODAY  # due a cycle after the missed one, nothing recorded
    period = Period(STARTED, TODAY, "year")
    data = Data.for_periods([period])
    completed = data.figure("OBA2-03", period)
    on_time = data.figure("OBA2-04", period)
    assert (completed.numerator_count, completed.denominator_count) == (2, 4)
    assert (on_time.numerator_count, on_time.denominator_count) == (1, 4)
    rows = completed.denominator.to_dicts()
    assert {r["record"] for r in rows} == {supervisee.staff_id}
    assert {r["on"] for r in rows} >= {first_due, second.due_on, overdue_since}
