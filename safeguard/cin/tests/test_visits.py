"""Visits: seen / seen alone, dates against birth, death and the CIN episode."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.cin.models import Visit, VisitLocation, VisitType
from safeguard.cin.services import close_cin_episode, record_visit
from safeguard.cin.tests.helpers import refused
from safeguard.core import clock

pytestmark = pytest.mark.django_db

ON = dt.date(2019, 2, 11)


def visit(**overrides):
    values = {
        "visit_date": ON,
        "visit_type": VisitType.CIN,
        "child_seen": True,
        "seen_alone": True,
        "location": VisitLocation.HOME,
    }
    values.update(overrides)
    return record_visit(**values)


def test_cin_visit_finds_the_open_episode(episode, worker):
    recorded = visit(child=episode.child, worker=worker)
    assert recorded.episode == episode
    assert Visit.objects.get().seen_alone is True


def test_seen_alone_implies_seen(episode, worker):
    with refused("seen_alone"):
        visit(child=episode.child, worker=worker, child_seen=False, seen_alone=True)


def test_visit_cannot_be_in_future(episode, worker):
    with refused("visit_date"):
        visit(child=episode.child, worker=worker, visit_date=clock.today() + dt.timedelta(days=1))


def test_visit_cannot_precede_birth(make_child, worker):
    baby = make_child(date_of_birth=dt.date(2019, 3, 1))
    with refused("visit_date"):
        visit(child=baby, worker=worker, visit_type=VisitType.OTHER, visit_date=dt.date(2019, 2, 1))


def test_unborn_child_cannot_be_seen(make_child, worker):
    unborn = make_child(date_of_birth=None, expected_date_of_birth=dt.date(2019, 6, 1))
    with refused("child_seen"):
        visit(child=unborn, worker=worker, visit_type=VisitType.OTHER)


def test_unborn_child_visit_to_expectant_parent(make_child, worker):
    unborn = make_child(date_of_birth=None, expected_date_of_birth=dt.date(2019, 6, 1))
    recorded = visit(
        child=unborn, worker=worker, visit_type=VisitType.OTHER, child_seen=False, seen_alone=False
    )
    assert recorded.child_seen is False


def test_visit_cannot_follow_death(episode, worker):
    child = episode.child
    child.date_of_death = dt.date(2019, 2, 1)
    child.save()
    with refused("visit_date"):
        visit(child=child, worker=worker)


def test_cin_visit_needs_an_episode(child, worker):
    with refused("episode"):
        visit(child=child, worker=worker)


def test_cin_visit_needs_the_episode_open_on_the_day(episode, worker, manager):
    close_cin_episode(
        episode=episode,
        closure_date=dt.date(2019, 2, 1),
        reason_for_closure="RC7",
        signed_off_by=manager,
        closure_summary="Needs met.",
    )
    with refused("episode"):
        visit(child=episode.child, worker=worker)
    with refused("visit_date"):
        visit(child=episode.child, worker=worker, episode=episode)


def test_episode_must_be_the_childs(episode, make_child, worker):
    other = make_child()
    with refused("episode"):
        visit(child=other, worker=worker, episode=episode)


def test_looked_after_visit_needs_no_cin_episode(child, worker):
    from safeguard.care.tests.helpers import start_care

    start_care(child, started_on=ON - dt.timedelta(days=30))
    recorded = visit(
        child=child,
        worker=worker,
        visit_type=VisitType.LOOKED_AFTER,
        location=VisitLocation.PLACEMENT,
    )
    assert recorded.episode is None


def test_looked_after_visit_needs_a_child_in_care_that_day(child, worker):
    with refused("visit_type"):
        visit(
            child=child,
            worker=worker,
            visit_type=VisitType.LOOKED_AFTER,
            location=VisitLocation.PLACEMENT,
        )


def test_care_leaver_contact_needs_a_care_leaver(child, worker):
    with refused("visit_type"):
        visit(
            child=child,
            worker=worker,
            visit_type=VisitType.CARE_LEAVER,
            location=VisitLocation.OTHER,
        )


def test_visit_type_and_location_must_be_known(episode, worker):
    with refused("visit_type"):
        visit(child=episode.child, worker=worker, visit_type="social")
    with refused("location"):
        visit(child=episode.child, worker=worker, location="moon")


def test_visiting_worker_must_be_in_post(episode, make_worker):
    leaver = make_worker(left_on=dt.date(2019, 1, 31))
    with refused("worker"):
        visit(child=episode.child, worker=leaver)
