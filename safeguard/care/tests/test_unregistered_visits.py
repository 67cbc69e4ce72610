"""Independent (Regulation 44-style) visits: the checklist, the visitor, the monthly clock."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.care import reports_unregistered as reports
from safeguard.care import selectors_unregistered as selectors
from safeguard.care.models_unregistered import Judgement
from safeguard.care.tests.helpers import message, refused
from safeguard.care.tests.unregistered_helpers import on_register, placed_unregistered, visit
from safeguard.core import calendar, clock
from safeguard.workforce.models import Allocation, WorkerRole

pytestmark = pytest.mark.django_db

TODAY = clock.today()
PLACED = TODAY - dt.timedelta(days=100)


@pytest.fixture
def visitor(make_worker):
    return make_worker(role=WorkerRole.CONFERENCE_CHAIR)


@pytest.fixture
def entry(child):
    return on_register(placed_unregistered(child, PLACED))


def test_a_visit_is_recorded_with_its_checklist_and_restarts_the_clock(entry, visitor):
    first_due = selectors.visit_due(entry)
    assert first_due.due_date == calendar.add_months(PLACED, 1)
    assert "1 month" in first_due.explanation
    made = visit(entry, PLACED + dt.timedelta(days=20), visitor)
    assert made.all_records_checked
    fresh = selectors.placement_by_id(entry.pk)
    assert selectors.visit_due(fresh).due_date == calendar.add_months(made.visited_on, 1)


def test_the_childs_own_worker_cannot_be_the_independent_visitor(entry, make_worker):
    own = make_worker()
    Allocation.objects.create(
        child=entry.child, worker=own, started_on=PLACED, start_reason="FCONTA"
    )
    with refused("visitor") as excinfo:
        visit(entry, TODAY, own)
    assert "independent of the child's care" in message(excinfo, "visitor")


def test_a_record_not_checked_needs_a_reason(entry, visitor):
    with refused("records_note") as excinfo:
        visit(entry, TODAY, visitor, sanctions_checked=False, restraint_checked=False)
    assert message(excinfo, "records_note") == (
        "Say why the sanctions record and the restraint record were not checked"
    )
    made = visit(
        entry, TODAY, visitor, sanctions_checked=False, records_note="Manager off site with keys."
    )
    assert not made.all_records_checked


def test_an_inadequate_judgement_needs_the_actions_agreed(entry, visitor):
    with refused("actions"):
        visit(entry, TODAY, visitor, standard_of_care=Judgement.INADEQUATE)
    made = visit(
        entry,
        TODAY,
        visitor,
        standard_of_care=Judgement.INADEQUATE,
        actions="Agency to replace the night staff by Friday.",
    )
    assert made.standard_of_care == Judgement.INADEQUATE


@pytest.mark.parametrize(
    ("field", "overrides", "text"),
    [
        ("visited_on", {"visited_on": PLACED - dt.timedelta(days=1)}, "before the child moved in"),
        ("visited_on", {"visited_on": TODAY + dt.timedelta(days=1)}, "cannot be in the future"),
        ("child_spoken_to", {"child_spoken_to": ""}, "Say whether the child was spoken to"),
        ("staff_spoken_to", {"staff_spoken_to": "x"}, "Say whether the staff were spoken to"),
        ("physical_condition", {"physical_condition": ""}, "physical condition of the home"),
        ("standard_of_care", {"standard_of_care": ""}, "judgement of the standard of care"),
        ("opinion", {"opinion": " "}, "Give your opinion of the standard of care"),
    ],
)
def test_what_a_visit_needs_is_asked_for_by_name(entry, visitor, field, overrides, text):
    with refused(field) as excinfo:
        visit(entry, overrides.pop("visited_on", TODAY), visitor, **overrides)
    assert text in message(excinfo, field)


def test_one_visit_a_day(entry, visitor):
    visit(entry, TODAY, visitor)
    with refused("visited_on") as excinfo:
        visit(entry, TODAY, visitor)
    assert "already recorded" in message(excinfo, "visited_on")


def test_visits_on_time_count_the_months_missed(entry, visitor):
    # Placed 100 days ago: a visit 20 days in is on time; the next, 50 days later, is late;
    # the one after that is not due yet.
    visit(entry, PLACED + dt.timedelta(days=20), visitor)
    visit(entry, PLACED + dt.timedelta(days=70), visitor)
    record = reports.visit_record(selectors.placement_by_id(entry.pk), TODAY)
    assert (record.on_time, record.due) == (1, 2)
    assert record.last_on == PLACED + dt.timedelta(days=70)
    assert not record.overdue
    none_yet = on_register(placed_unregistered(visitor_child(entry), PLACED))
    empty = reports.visit_record(selectors.placement_by_id(none_yet.pk), TODAY)
    assert (empty.on_time, empty.due, empty.overdue) == (0, 1, True)
    assert empty.text == "0 of 1 on time"


def visitor_child(entry):
    from safeguard.people.models import Person

    return Person.objects.create(
        la_child_id=f"X{entry.child.la_child_id}",
        first_name="Other",
        last_name="Child",
        date_of_birth=dt.date(2010, 1, 1),
        gender="1",
        ethnicity="WBRI",
    )
