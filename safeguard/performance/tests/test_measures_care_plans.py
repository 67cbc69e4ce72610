"""Care plans in date (OBA2-24) and permanence plans by the second review (SE-CLA-05).

Small hand-built sets of records with hand-computed values. April 2025 ends on Wednesday
30 April; Good Friday (18 April) and Easter Monday (21 April) fall inside the 10 working
days a first care plan is due in.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguard.care.models import (
    CarePlan,
    CarePlanOccasion,
    LookedAfterReview,
    PeriodOfCare,
    PermanenceOption,
    PermanencePlan,
)
from safeguard.core.calendar import add_working_days
from safeguard.core.timescales import compute_due
from safeguard.people.models import Person
from safeguard.performance.data import Data
from safeguard.performance.measures.care_cohorts import due_after, step
from safeguard.performance.measures.care_plans import FIRST_CARE_PLAN
from safeguard.performance.periods import Period
from safeguard.performance.registry import REGISTRY
from safeguard.performance.tests.care_records import (
    denominator,
    details,
    figure,
    ids,
    in_care,
    leave,
    placed,
)

APRIL = Period.month(2025, 4)
D = dt.date


def period_of(child: Person) -> PeriodOfCare:
    return PeriodOfCare.objects.filter(child=child).latest("started_on")


def plan(child: Person, *days: dt.date) -> Person:
    """Versions of the care plan agreed on ``days`` in the child's latest period of care."""
    period = period_of(child)
    for number, day in enumerate(days):
        occasion = CarePlanOccasion.INITIAL if number == 0 else CarePlanOccasion.REVIEW
        CarePlan.objects.create(child=child, period=period, agreed_on=day, occasion=occasion)
    return child


def reviews(child: Person, *days: dt.date) -> Person:
    period = period_of(child)
    for day in days:
        LookedAfterReview.objects.create(
            child=child, period=period, held_on=day, participation="PN1"
        )
    return child


def permanence(child: Person, day: dt.date, option: str) -> Person:
    PermanencePlan.objects.create(
        child=child, period=period_of(child), decided_on=day, option=option
    )
    return child


@pytest.mark.django_db
def test_care_plan_in_date_at_the_end_of_the_period(make_child) -> None:
    entered = D(2024, 1, 8)
    reviewed = plan(in_care(make_child(), entered), D(2024, 1, 15), D(2024, 11, 1))
    # 31 October + 6 months is 30 April (the month end): the review is due on the last day
    # and was not held by its end, so the plan is out of date.
    month_end = plan(in_care(make_child(), entered), D(2024, 1, 15), D(2024, 10, 31))
    later_version = plan(in_care(make_child(), entered), D(2024, 10, 30), D(2025, 5, 2))
    # 10 working days from 14 April skip Good Friday and Easter Monday: due 30 April.
    due_today = in_care(make_child(), D(2025, 4, 14))
    not_due = in_care(make_child(), D(2025, 4, 15))  # due 1 May: not counted at all
    early_plan = plan(in_care(make_child(), D(2025, 4, 15)), D(2025, 4, 16))
    returned = plan(in_care(make_child(), D(2024, 6, 3)), D(2025, 1, 10))
    leave(returned, D(2025, 2, 3))
    in_care(returned, D(2025, 3, 3))  # back in care: the old period's plan does not count
    short_breaks = placed(postcode="", distance_miles=None)
    in_care(make_child(), D(2025, 1, 6), short_breaks, legal_status="V3")

    result = figure("OBA2-24", APRIL)
    assert ids(denominator(result)) == {
        reviewed.pk.hex,
        month_end.pk.hex,
        later_version.pk.hex,
        due_today.pk.hex,
        early_plan.pk.hex,
        returned.pk.hex,
    }
    assert ids(result.numerator) == {reviewed.pk.hex, early_plan.pk.hex}
    assert result.value == pytest.approx(100 * 2 / 6)
    shown = details(denominator(result))
    assert shown[month_end.pk.hex] == "care plan agreed 2024-10-31; next review due 2025-04-30"
    assert shown[later_version.pk.hex].startswith("care plan agreed 2024-10-30")
    assert shown[due_today.pk.hex] == "no care plan; the first was due 2025-04-30"
    assert shown[returned.pk.hex] == "no care plan; the first was due 2025-03-17"
    assert not_due.pk.hex not in ids(denominator(result))
    assert result.note.startswith("1 child(ren) became looked after less than 10 working days")


@pytest.mark.django_db
def test_a_month_earlier_the_plans_agreed_since_are_not_seen(make_child) -> None:
    child = plan(in_care(make_child(), D(2024, 1, 8)), D(2024, 1, 15), D(2024, 10, 31))
    march = figure("OBA2-24", Period.month(2025, 3))
    assert ids(march.numerator) == {child.pk.hex}  # due 30 April: in date on 31 March
    plan_later = plan(in_care(make_child(), D(2025, 3, 3)), D(2025, 4, 2))
    march = Data().figure("OBA2-24", Period.month(2025, 3))
    assert details(denominator(march))[plan_later.pk.hex] == (
        "no care plan; the first was due 2025-03-17"
    )


@pytest.mark.django_db
def test_permanence_plans_of_children_past_their_second_review(make_child) -> None:
    long_term = reviews(in_care(make_child(), D(2024, 6, 3)), D(2024, 7, 1), D(2024, 10, 1))
    permanence(long_term, D(2024, 10, 1), PermanenceOption.LONG_TERM_FOSTER)
    no_plan = reviews(in_care(make_child(), D(2024, 6, 3)), D(2024, 7, 1), D(2024, 10, 1))
    permanence(no_plan, D(2025, 5, 6), PermanenceOption.RETURN_HOME)  # after the period end
    changed = reviews(in_care(make_child(), D(2024, 6, 3)), D(2024, 7, 1), D(2024, 10, 1))
    permanence(changed, D(2024, 10, 1), PermanenceOption.RETURN_HOME)
    permanence(changed, D(2025, 2, 10), PermanenceOption.ADOPTION)
    # First review 3 February: the second is due 3 May, after the period end.
    too_soon = reviews(in_care(make_child(), D(2025, 1, 6)), D(2025, 2, 3))
    permanence(too_soon, D(2025, 2, 3), PermanenceOption.SGO_CAO)
    # No review held: the first was due 2 December 2024 (20 working days from 4 November),
    # the second 3 months on, 2 March 2025: overdue, so the child counts.
    overdue = in_care(make_child(), D(2024, 11, 4))
    left = reviews(in_care(make_child(), D(2024, 6, 3)), D(2024, 7, 1), D(2024, 10, 1))
    permanence(left, D(2024, 10, 1), PermanenceOption.RETURN_HOME)
    leave(left, D(2025, 3, 10))
    again = reviews(in_care(make_child(), D(2022, 1, 10)), D(2022, 2, 7), D(2022, 5, 9))
    permanence(again, D(2022, 5, 9), PermanenceOption.RETURN_HOME)
    leave(again, D(2023, 5, 1))
    reviews(in_care(again, D(2024, 6, 3)), D(2024, 7, 1), D(2024, 10, 1))

    result = figure("SE-CLA-05", APRIL)
    cohort = {long_term, no_plan, changed, overdue, again}
    assert ids(denominator(result)) == {child.pk.hex for child in cohort}
    assert ids(result.numerator) == {long_term.pk.hex, changed.pk.hex}
    assert result.value == pytest.approx(40.0)
    shown = details(denominator(result))
    assert (
        shown[long_term.pk.hex]
        == "second review 2024-10-01; plan: Long-term foster care (2024-10-01)"
    )
    assert shown[changed.pk.hex].endswith("plan: Adoption (2025-02-10)")
    assert shown[overdue.pk.hex] == "second review due 2025-03-02, not held; no permanence plan"
    assert shown[again.pk.hex].endswith("no permanence plan")
    assert too_soon.pk.hex not in ids(denominator(result))


@pytest.mark.django_db
def test_both_measures_have_data_and_cope_with_no_children() -> None:
    for measure_id in ("OBA2-24", "SE-CLA-05"):
        assert REGISTRY[measure_id].has_data
        result = figure(measure_id, APRIL)
        assert result.value is None and result.numerator.height == 0
    assert REGISTRY["OBA2-24"].good == 97.0


@settings(max_examples=150, deadline=None)
@given(start=st.dates(dt.date(2015, 1, 1), dt.date(2027, 12, 31)))
def test_review_and_first_plan_due_dates_match_the_registry(start: dt.date) -> None:
    data = Data()
    frame = pl.DataFrame({"start": [start]})
    for key in ("lac_review_first", "lac_review_second", "lac_review_next"):
        due = frame.select(due_after(step(key), pl.col("start"), data)).item()
        assert due == compute_due(key, start).due, key
    first = frame.select(due_after(FIRST_CARE_PLAN, pl.col("start"), data)).item()
    assert first == add_working_days(start, 10)
