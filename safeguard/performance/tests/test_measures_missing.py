"""Missing episodes and return home interviews: incidents by the month they started,
interviews by the return they follow, 72 elapsed hours and 3 working days."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from safeguard.care.tests.helpers import at
from safeguard.core.timescales import compute_due
from safeguard.exploitation.models import MissingEpisode
from safeguard.exploitation.services import (
    offer_and_record_return_home_interview,
    record_missing_episode,
)
from safeguard.performance.measures.care_cohorts import NOT_RECORDED
from safeguard.performance.periods import Period
from safeguard.performance.tests.care_records import (
    denominator,
    details,
    figure,
    ids,
    in_care,
    leave,
)

pytestmark = pytest.mark.django_db

JULY, AUGUST = Period.month(2025, 7), Period.month(2025, 8)


def missing(child, went: dt.datetime, back: dt.datetime | None, **extra: Any) -> MissingEpisode:
    return record_missing_episode(child=child, started_at=went, ended_at=back, **extra)


def interview(episode: MissingEpisode, held: dt.datetime | None = None, **extra: Any) -> None:
    offered = episode.ended_at + dt.timedelta(hours=1) if episode.ended_at else None
    values: dict[str, Any] = {"offered_at": offered, "accepted": True}
    if held is not None:
        values.update(held_at=held, engaged=True, held_by_agency="Harbour Outreach")
    values.update(extra)
    offer_and_record_return_home_interview(missing_episode=episode, **values)


def test_an_episode_counts_where_it_starts_and_its_interview_where_it_ends(make_child) -> None:
    child, other = make_child(), make_child()
    over_month_end = missing(child, at(2025, 7, 31, 22), at(2025, 8, 1, 10))
    interview(over_month_end, at(2025, 8, 2, 10))
    missing(other, at(2025, 7, 31, 23, 30), at(2025, 7, 31, 23, 50))  # 22:30 UTC: July
    missing(other, at(2025, 8, 31, 23, 30), at(2025, 9, 1, 2))  # returns in September
    missing(child, at(2025, 8, 10, 18), at(2025, 8, 11, 9))

    july = figure("OBA2-14", JULY)
    assert july.value == 2 and set(july.numerator["on"]) == {dt.date(2025, 7, 31)}
    august = figure("OBA2-14", AUGUST)  # 10/8 and the one that started late on 31/8
    assert sorted(august.numerator["on"]) == [dt.date(2025, 8, 10), dt.date(2025, 8, 31)]
    completion = figure("OBA2-20", AUGUST)  # returns in August: 1 Aug and 11 Aug
    assert ids(denominator(completion)) == {child.pk.hex}
    assert denominator(completion).height == 2 and completion.numerator.height == 1
    assert completion.value == pytest.approx(50.0)
    assert figure("OBA2-20", JULY).value == 0  # the 23:50 return, no interview


def test_72_hours_to_the_minute_and_across_a_clock_change(make_child) -> None:
    exactly, a_minute_over, clocks_back = make_child(), make_child(), make_child()
    back = at(2025, 10, 6, 10)
    interview(missing(exactly, at(2025, 10, 5, 20), back), back + dt.timedelta(hours=72))
    back = at(2025, 10, 7, 10)
    interview(missing(a_minute_over, at(2025, 10, 6, 20), back), at(2025, 10, 10, 10, 1))
    # Friday 24/10 12:00 BST to Monday 27/10 11:30 GMT: 71.5 hours on the clock, 72.5 elapsed.
    back = at(2025, 10, 24, 12)
    assert not compute_due("rhi", back).is_met_by(at(2025, 10, 27, 11, 30))
    interview(missing(clocks_back, at(2025, 10, 23, 20), back), at(2025, 10, 27, 11, 30))

    october = Period.month(2025, 10)
    completion = figure("OBA2-20", october)
    assert completion.value == 100.0
    timely = figure("OBA2-21", october)
    assert ids(timely.numerator) == {exactly.pk.hex}
    assert timely.value == pytest.approx(100 / 3)
    assert "interview held 2025-10-10 10:01" in details(denominator(timely))[a_minute_over.pk.hex]


def test_offered_declined_and_not_offered(make_child) -> None:
    held, declined, pending, none = (make_child() for _ in range(4))
    interview(missing(held, at(2025, 8, 4, 20), at(2025, 8, 5, 8)), at(2025, 8, 6, 16))
    episode = missing(declined, at(2025, 8, 4, 20), at(2025, 8, 5, 8))
    interview(episode, accepted=False, declined_reason="Did not want to talk")
    interview(missing(pending, at(2025, 8, 4, 20), at(2025, 8, 5, 8)))
    missing(none, at(2025, 8, 4, 20), at(2025, 8, 5, 8))
    missing(make_child(), at(2025, 8, 30, 20), None)  # still missing: no interview due yet

    offered = figure("SE-MIS-03", AUGUST)
    assert ids(offered.numerator) == {held.pk.hex, declined.pk.hex, pending.pk.hex}
    assert offered.value == pytest.approx(75.0)
    shown = details(denominator(offered))
    assert shown[declined.pk.hex].endswith("interview offered and declined")
    assert shown[pending.pk.hex].endswith("interview offered, not held")
    assert shown[none.pk.hex].endswith("no interview offered")
    assert figure("OBA2-20", AUGUST).value == pytest.approx(25.0)


def test_three_working_days_from_notification_skip_the_bank_holiday(make_child) -> None:
    """Told of the return on Friday 22/8/2025; Monday 25/8 is a bank holiday: due 28/8."""
    notified = at(2025, 8, 22, 18)
    assert compute_due("rhi", notified, basis="working_days").due == dt.date(2025, 8, 28)
    on_the_day, day_after, unknown = make_child(), make_child(), make_child()
    for child, held in ((on_the_day, at(2025, 8, 28, 17)), (day_after, at(2025, 8, 29, 9))):
        episode = missing(
            child,
            at(2025, 8, 21, 20),
            at(2025, 8, 22, 16),
            return_notification_received_at=notified,
        )
        interview(episode, held)
    interview(missing(unknown, at(2025, 8, 21, 20), at(2025, 8, 22, 16)), at(2025, 8, 26, 9))

    result = figure("SE-MIS-04", AUGUST)
    assert ids(result.numerator) == {on_the_day.pk.hex}
    assert ids(denominator(result)) == {on_the_day.pk.hex, day_after.pk.hex, unknown.pk.hex}
    assert NOT_RECORDED in result.note and "1 return" in result.note


def test_children_missing_and_children_in_care_who_went_missing(make_child) -> None:
    cared_for = in_care(make_child(), dt.date(2024, 9, 2))
    missing(cared_for, at(2025, 8, 4, 20), at(2025, 8, 5, 8))
    missing(cared_for, at(2025, 8, 9, 20), at(2025, 8, 10, 8), missing_type="A")
    at_home = make_child()
    missing(at_home, at(2025, 8, 12, 20), at(2025, 8, 13, 8))
    left_care = in_care(make_child(), dt.date(2024, 9, 2))  # in care part of the 12 months
    leave(left_care, dt.date(2025, 1, 6))
    missing(left_care, at(2024, 12, 1, 20), at(2024, 12, 2, 8))
    missing(left_care, at(2025, 2, 1, 20), at(2025, 2, 2, 8))  # from home by then
    never_missing = in_care(make_child(), dt.date(2024, 9, 2))
    earlier = in_care(make_child(), dt.date(2023, 9, 4))
    missing(earlier, at(2024, 8, 20, 20), at(2024, 8, 21, 8))  # before the 12 months

    children = figure("SE-MIS-02", AUGUST)
    assert children.value == 2
    assert children.breakdown == [("Children in care", 1.0), ("Other children", 1.0)]
    assert figure("OBA2-14", AUGUST).value == 3
    in_care_missing = figure("SE-MIS-01", AUGUST)  # 12 months: 1/9/2024 to 31/8/2025
    assert ids(denominator(in_care_missing)) == {
        cared_for.pk.hex,
        left_care.pk.hex,
        never_missing.pk.hex,
        earlier.pk.hex,
    }
    assert ids(in_care_missing.numerator) == {cared_for.pk.hex, left_care.pk.hex}
    assert in_care_missing.value == pytest.approx(50.0)
