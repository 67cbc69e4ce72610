"""Children in care: statutory visits, health assessments, dental checks and PEPs, judged
by the timescale registry (bank holidays, clamped months, week and term rules)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguard.care.services import change_legal_status, record_health_assessment, record_pep
from safeguard.care.tests.helpers import at
from safeguard.core.timescales import compute_due
from safeguard.performance.data import Data
from safeguard.performance.measures.care_cohorts import due_after, step
from safeguard.performance.periods import Period
from safeguard.performance.tests.care_records import (
    denominator,
    details,
    figure,
    ids,
    in_care,
    leave,
    placed,
    visit,
)

pytestmark = pytest.mark.django_db

MARCH = Period.month(2025, 3)


@pytest.fixture
def visited(make_child, worker):
    """Eight children in care at 31/3/2025 and their statutory visits (child seen)."""
    kids = {name: make_child() for name in "ABCDEFGH"}
    in_care(kids["A"], dt.date(2025, 3, 27))  # new placement: due 3/4, not yet
    in_care(kids["B"], dt.date(2025, 3, 17))  # new placement: due 24/3, missed
    in_care(kids["C"], dt.date(2024, 6, 3))
    visit(kids["C"], dt.date(2025, 2, 17), worker)  # 6 weeks: due 31/3, missed that day
    in_care(kids["D"], dt.date(2024, 6, 3))
    visit(kids["D"], dt.date(2025, 2, 18), worker)  # due 1/4
    in_care(kids["E"], dt.date(2023, 1, 9), placed(placement_type="U4"))
    visit(kids["E"], dt.date(2025, 1, 6), worker)  # long-term after a year: due 6/4
    in_care(kids["F"], dt.date(2023, 1, 9))
    visit(kids["F"], dt.date(2025, 1, 6), worker)  # U6 stays 6-weekly: due 17/2
    in_care(kids["G"], dt.date(2023, 1, 9))
    visit(kids["G"], dt.date(2025, 1, 6), worker)
    visit(kids["G"], dt.date(2025, 3, 20), worker, seen=False)  # not seen: not a visit
    visit(kids["G"], dt.date(2025, 3, 21), worker, kind="cp")  # not a looked-after visit
    in_care(kids["H"], dt.date(2024, 6, 3))
    visit(kids["H"], dt.date(2025, 3, 3), worker)
    change_legal_status(child=kids["H"], changed_on=dt.date(2025, 3, 10), legal_status="C2")
    return {name: child.pk.hex for name, child in kids.items()}


def test_visits_on_time_follow_the_lac_visit_rule(visited) -> None:
    result = figure("OBA2-23", MARCH)
    assert ids(denominator(result)) == set(visited.values())
    # H's legal-status change does not restart the placement clock: due 14/4, not 17/3.
    assert ids(result.numerator) == {visited[name] for name in "ADEH"}
    assert result.value == pytest.approx(50.0)
    assert (
        details(result.numerator)[visited["E"]] == "last seen 2025-01-06; next visit due 2025-04-06"
    )
    missed = details(denominator(result))[visited["B"]]
    assert missed == "last seen never; next visit due 2025-03-24"


def test_time_since_last_seen(visited) -> None:
    within = figure("SE-CLA-02", MARCH)  # C 42 days, D 41, H 28
    assert ids(within.numerator) == {visited[name] for name in "CDH"}
    assert within.value == pytest.approx(37.5)
    later = figure("SE-CLA-03", MARCH)  # E, F, G 84 days: exactly 12 weeks
    assert ids(later.numerator) == {visited[name] for name in "EFG"}
    assert details(denominator(later))[visited["A"]] == "not seen since becoming looked after"


def test_initial_health_assessments_count_working_days_past_bank_holidays(make_child) -> None:
    """Looked after Monday 8/12/2025: 20 working days skip 25, 26 December and 1 January,
    so the IHA is due Thursday 8/1/2026 (a count ignoring them would say Monday 5/1)."""
    became = dt.date(2025, 12, 8)
    assert compute_due("iha", became).due == dt.date(2026, 1, 8)
    on_the_day, day_late, only_on_time_with_holidays, never = (
        in_care(make_child(), became) for _ in range(4)
    )
    for child, day in (
        (on_the_day, dt.date(2026, 1, 8)),
        (day_late, dt.date(2026, 1, 9)),
        (only_on_time_with_holidays, dt.date(2026, 1, 7)),
    ):
        record_health_assessment(child=child, kind="initial", assessed_on=day)
    left_before_due = leave(in_care(make_child(), became), dt.date(2025, 12, 19))
    due_in_december = in_care(make_child(), dt.date(2025, 12, 1))  # due 31/12/2025

    result = figure("OBA2-30", Period.month(2026, 1))
    assert ids(denominator(result)) == {
        on_the_day.pk.hex,
        day_late.pk.hex,
        only_on_time_with_holidays.pk.hex,
        never.pk.hex,
    }
    assert ids(result.numerator) == {on_the_day.pk.hex, only_on_time_with_holidays.pk.hex}
    assert result.value == pytest.approx(50.0)
    assert details(denominator(result))[never.pk.hex] == "none recorded; due 2026-01-08"
    december = figure("OBA2-30", Period.month(2025, 12))
    assert ids(denominator(december)) == {due_in_december.pk.hex}
    assert left_before_due.pk.hex not in ids(denominator(december))


def test_review_health_assessments_by_age_at_the_previous_one(make_child) -> None:
    toddler = in_care(make_child(date_of_birth=dt.date(2022, 3, 1)), dt.date(2025, 1, 6))
    record_health_assessment(child=toddler, kind="initial", assessed_on=dt.date(2025, 1, 10))
    record_health_assessment(child=toddler, kind="review", assessed_on=dt.date(2025, 7, 10))
    older = in_care(make_child(date_of_birth=dt.date(2015, 3, 1)), dt.date(2024, 7, 1))
    record_health_assessment(child=older, kind="initial", assessed_on=dt.date(2024, 7, 15))
    record_health_assessment(child=older, kind="review", assessed_on=dt.date(2025, 7, 16))
    # Four at the IHA on 20/1/2025, five by July: the six-month rule still applies.
    turning_five = in_care(make_child(date_of_birth=dt.date(2020, 7, 1)), dt.date(2025, 1, 6))
    record_health_assessment(child=turning_five, kind="initial", assessed_on=dt.date(2025, 1, 20))
    record_health_assessment(child=turning_five, kind="dental", assessed_on=dt.date(2025, 7, 1))

    result = figure("OBA2-31", Period.month(2025, 7))
    assert ids(denominator(result)) == {toddler.pk.hex, older.pk.hex, turning_five.pk.hex}
    assert ids(result.numerator) == {toddler.pk.hex}
    assert result.value == pytest.approx(100 / 3)
    assert "due 2025-07-20" in details(denominator(result))[turning_five.pk.hex]


def test_dental_checks_for_children_in_care_a_year(make_child) -> None:
    in_date, lapsed, never = (in_care(make_child(), dt.date(2023, 1, 9)) for _ in range(3))
    record_health_assessment(child=in_date, kind="dental", assessed_on=dt.date(2024, 6, 1))
    record_health_assessment(child=lapsed, kind="dental", assessed_on=dt.date(2024, 3, 31))
    in_care(make_child(), dt.date(2024, 6, 3))  # not yet a year in care: not in the cohort

    result = figure("SE-CLA-04", MARCH)
    assert ids(denominator(result)) == {in_date.pk.hex, lapsed.pk.hex, never.pk.hex}
    assert ids(result.numerator) == {in_date.pk.hex}


def test_peps_are_due_termly_by_the_school_calendar(make_child) -> None:
    """Spring term 2024/25 ends on 11/4/2025, summer term on 22/7/2025."""
    this_term = in_care(make_child(), dt.date(2024, 9, 2))
    record_pep(child=this_term, held_on=dt.date(2025, 1, 20))  # due end of summer term
    last_autumn = in_care(make_child(), dt.date(2024, 9, 2))
    record_pep(child=last_autumn, held_on=dt.date(2024, 10, 1))  # due 11/4/2025: missed
    # New: 20 school days after 1/4/2025: 8 to the end of spring term, then the Easter
    # holiday and 5 May (a bank holiday) are skipped, so due 14/5/2025.
    new = in_care(make_child(), dt.date(2025, 4, 1))
    in_care(make_child(date_of_birth=dt.date(2023, 1, 5)), dt.date(2024, 9, 2))  # aged 2

    result = figure("SE-CLA-09", Period.month(2025, 4))
    assert ids(denominator(result)) == {this_term.pk.hex, last_autumn.pk.hex, new.pk.hex}
    assert ids(result.numerator) == {this_term.pk.hex, new.pk.hex}
    assert details(denominator(result))[new.pk.hex] == "last PEP none; next due 2025-05-14"
    assert compute_due("pep", dt.date(2025, 4, 1)).due == dt.date(2025, 5, 14)
    assert details(denominator(result))[last_autumn.pk.hex].endswith("next due 2025-04-11")


@settings(max_examples=200, deadline=None)
@given(start=st.dates(dt.date(2015, 1, 1), dt.date(2027, 12, 31)))
def test_due_dates_in_polars_match_the_timescale_registry(start: dt.date) -> None:
    """Every rule the measures count over a frame gives compute_due's due date."""
    rules = [
        ("iha", None, {}),
        ("rha", "under_5", {"dob": start - dt.timedelta(days=400)}),
        ("rha", "5_and_over", {"dob": start.replace(year=start.year - 9, day=1)}),
        ("lac_visit", "new_placement", {}),
        ("lac_visit", "six_weekly", {"placement_start": start - dt.timedelta(days=30)}),
        ("dental", None, {}),
    ]
    data = Data()
    frame = pl.DataFrame({"start": [start]})
    for key, variant, context in rules:
        due = frame.select(due_after(step(key, variant), pl.col("start"), data)).item()
        assert due == compute_due(key, start, **context).due, (key, variant)
    back = at(start.year, start.month, start.day, 13, 45)
    hours = pl.DataFrame({"back": [back]}).with_columns(
        pl.col("back").dt.convert_time_zone("Europe/London")
    )
    due_at = hours.select(due_after(step("rhi", "hours"), pl.col("back"), data)).item()
    assert due_at == compute_due("rhi", back).due
    notified = frame.select(due_after(step("rhi", "working_days"), pl.col("start"), data)).item()
    assert notified == compute_due("rhi", start, basis="working_days").due
