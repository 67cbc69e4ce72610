"""The chronology shows the unregistered placements register: placed, approved, visited, ended."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.care.models_unregistered import UnregisteredEndReason
from safeguard.care.services import end_looked_after_period
from safeguard.care.services_unregistered import end_unregistered_placement
from safeguard.care.tests.unregistered_helpers import (
    DIRECTOR,
    on_register,
    placed_unregistered,
    visit,
)
from safeguard.core import clock
from safeguard.people.chronology import chronology
from safeguard.workforce.models import WorkerRole

pytestmark = pytest.mark.django_db

TODAY = clock.today()
PLACED = TODAY - dt.timedelta(days=60)


def test_register_events_appear_in_the_chronology(child, make_worker):
    episode = placed_unregistered(child, PLACED)
    entry = on_register(episode, approved_on=PLACED + dt.timedelta(days=3))
    visitor = make_worker(role=WorkerRole.CONFERENCE_CHAIR)
    visit(entry, PLACED + dt.timedelta(days=20), visitor)
    left = TODAY - dt.timedelta(days=2)
    end_looked_after_period(child=child, ended_on=left, reason_ceased="E41")
    end_unregistered_placement(
        placement=entry, ended_on=left, end_reason=UnregisteredEndReason.LEFT_CARE
    )

    events = {(e.on, e.title): e for e in chronology(child, types=["care"])}
    placed = events[(PLACED, "Placed in an unregistered placement")]
    assert "Coastline Care Staffing Ltd" in placed.detail
    approved = events[
        (PLACED + dt.timedelta(days=3), "Unregistered placement approved by the Corporate Director")
    ]
    assert approved.detail == f"{DIRECTOR} (after the child moved in)"
    seen = events[
        (PLACED + dt.timedelta(days=20), "Independent visit to the unregistered placement")
    ]
    assert seen.detail == f"{visitor.first_name} {visitor.last_name}"
    ended = events[(left, "Unregistered placement ended")]
    assert ended.detail == "Ceased to be looked after"


def test_an_unapproved_open_entry_shows_only_the_placement(child):
    on_register(placed_unregistered(child, PLACED), approved_on=None, approved_by="")
    titles = [e.title for e in chronology(child) if "nregistered" in e.title]
    assert titles == ["Placed in an unregistered placement"]
    # Other event types do not query the register.
    assert [e for e in chronology(child, types=["visit"]) if "nregistered" in e.title] == []
