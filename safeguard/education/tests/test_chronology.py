"""The chronology sources the people app lists for children out of school."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from safeguard.education import services
from safeguard.people.chronology.education import EDUCATION, EVENT_TYPE

pytestmark = pytest.mark.django_db
D = dt.date


def test_each_record_gives_its_dated_entries_linking_to_the_education_page(make_child):
    child = make_child(date_of_birth=D(2010, 3, 14))
    episode = services.record_missing_education(
        child=child, reported_on=D(2023, 5, 2), reported_by="school", reason="new_to_area"
    )
    services.close_missing_education(episode=episode, ended_on=D(2023, 6, 1), outcome="moved_away")
    services.record_exclusion(
        child=child,
        kind="suspension",
        school_name="Dorset High",
        excluded_on=D(2023, 6, 5),
        days=Decimal("1.5"),
        reason="bullying",
    )
    services.record_part_time_timetable(
        child=child, school_name="Dorset High", started_on=D(2023, 6, 12)
    )
    events = sorted(
        (
            event
            for source in EDUCATION
            for row in source.rows(child)
            for event in source.events(row)
        ),
        key=lambda e: e.on,
    )
    assert [(e.on, e.title) for e in events] == [
        (D(2023, 5, 2), "Missing education reported"),
        (D(2023, 6, 1), "Missing education ended"),
        (D(2023, 6, 5), "Suspension, 1.5 days from Dorset High"),
        (D(2023, 6, 12), "Part-time timetable started"),
    ]
    assert {e.type for e in events} == {EVENT_TYPE}
    assert all(e.url == f"/education/children/{child.pk}/" for e in events)
    assert events[2].detail == "Bullying"
