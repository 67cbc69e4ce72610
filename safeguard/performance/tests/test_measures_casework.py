"""Casework measures (early help, assessments, CIN reviews, visits, allocation, CIN rate)
on small hand-built sets of records, with hand-computed values."""

from __future__ import annotations

import datetime as dt
import functools

import polars as pl
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from safeguard.assessment.models import Assessment
from safeguard.care.models import PeriodOfCare
from safeguard.cin.models import CINEpisode, CINPlan, CINPlanReview, Visit
from safeguard.core.calendar import add_months, add_working_days, next_working_day
from safeguard.core.timescales import Kind, Step
from safeguard.earlyhelp.models import EarlyHelpEpisode, TeamAroundFamilyPlan
from safeguard.people.models import Person, PopulationEstimate
from safeguard.performance.data import Data
from safeguard.performance.measures.casework import due_after
from safeguard.performance.periods import Period
from safeguard.performance.registry import Figure
from safeguard.protection.models import CPPlan
from safeguard.workforce.models import Allocation, Worker

AUGUST = Period.month(2025, 8)
D = dt.date


def figure(measure_id: str, period: Period = AUGUST) -> Figure:
    return Data().figure(measure_id, period)


def denominator(result: Figure) -> pl.DataFrame:
    assert result.denominator is not None
    return result.denominator


def episode(child: Person, referred: dt.date, closed: dt.date | None = None) -> CINEpisode:
    return CINEpisode.objects.create(
        child=child, referral_date=referred, referral_source="6", closure_date=closed
    )


def early_help(
    child: Person, requested: dt.date, closed: dt.date | None = None
) -> EarlyHelpEpisode:
    return EarlyHelpEpisode.objects.create(
        child=child,
        requested_on=requested,
        request_source="2A",
        closed_on=closed,
        closure_reason="needs_met" if closed else "",
    )


@pytest.mark.django_db
def test_open_early_help_cases_at_the_end_of_the_month(make_child) -> None:
    early_help(make_child(), D(2025, 7, 1))  # open
    early_help(make_child(), D(2025, 7, 1), D(2025, 8, 31))  # closed on the last day: not open
    early_help(make_child(), D(2025, 7, 1), D(2025, 9, 1))  # closed after: open at the end
    early_help(make_child(), D(2025, 9, 1))  # not yet requested
    early_help(make_child(), D(2025, 6, 1), D(2025, 8, 15))
    assert figure("OBA1-10").value == 2


@pytest.mark.django_db
def test_team_around_the_family_plans_started_in_the_month(make_child) -> None:
    for started in (D(2025, 7, 31), D(2025, 8, 1), D(2025, 8, 31), D(2025, 9, 1)):
        made = early_help(make_child(), D(2025, 7, 1))
        TeamAroundFamilyPlan.objects.create(episode=made, started_on=started, outcomes="SMART.")
    assert figure("OBA1-11").value == 2


@pytest.mark.django_db
def test_assessment_timeliness_skips_the_august_bank_holiday(make_child) -> None:
    def assess(start: dt.date, done: dt.date | None) -> None:
        Assessment.objects.create(
            episode=episode(make_child(), start), start_date=start, authorised_on=done
        )

    # Thu 26 Jun to Fri 29 Aug 2025: 2 (June) + 23 (July) + 21 weekdays in August less the
    # bank holiday on Mon 25 Aug = 45 working days: on time (46 if the holiday counted).
    assess(D(2025, 6, 26), D(2025, 8, 29))
    assess(D(2025, 6, 25), D(2025, 8, 29))  # 46 working days: late
    assess(D(2025, 8, 1), D(2025, 8, 1))  # authorised on its start day: 0 days
    assess(D(2025, 7, 1), D(2025, 9, 1))  # completed in September
    assess(D(2025, 7, 2), None)  # not completed
    result = figure("OBA2-01")
    assert result.denominator_count == 3
    assert result.value == pytest.approx(200 / 3)
    assert sorted(denominator(result)["detail"]) == [
        "0 working days",
        "45 working days",
        "46 working days",
    ]


def cin_plan(
    child: Person, start: dt.date, reviews: tuple[dt.date, ...] = (), end: dt.date | None = None
) -> CINPlan:
    plan = CINPlan.objects.create(
        episode=episode(child, start), start_date=start, end_date=end,
        end_reason="needs_met" if end else "",
    )  # fmt: skip
    for held in reviews:
        CINPlanReview.objects.create(plan=plan, held_on=held)
    return plan


@pytest.mark.django_db
def test_cin_reviews_due_in_the_month_and_held_by_their_due_date(make_child) -> None:
    on_the_day, late, none, early, ended, next_month = (make_child() for _ in range(6))
    cin_plan(on_the_day, D(2025, 5, 20), (D(2025, 8, 12),))  # due 12 Aug, held 12 Aug
    cin_plan(late, D(2025, 5, 27), (D(2025, 8, 22),))  # due 19 Aug, held 22 Aug
    cin_plan(none, D(2025, 6, 3))  # due 26 Aug, not held
    # due 20 May (held), then 12 Aug: held early on 1 Aug
    cin_plan(early, D(2025, 2, 25), (D(2025, 5, 20), D(2025, 8, 1)))
    cin_plan(ended, D(2025, 5, 13), end=D(2025, 8, 5))  # ends on its due date: none due
    cin_plan(next_month, D(2025, 6, 10))  # due 2 Sep
    result = figure("OBA1-05")
    assert result.denominator_count == 4
    assert result.value == pytest.approx(50.0)
    assert sorted(result.numerator["child_id"]) == sorted([on_the_day.pk.hex, early.pk.hex])
    details = dict(zip(denominator(result)["child_id"], denominator(result)["detail"], strict=True))
    assert details[late.pk.hex] == "held late 2025-08-22"
    assert details[none.pk.hex] == "not held"


@pytest.mark.django_db
def test_cin_reviews_follow_a_local_override_of_the_timescale(make_child, settings) -> None:
    settings.SAFEGUARD_TIMESCALE_OVERRIDES = {"cin_review": {"amount": 8}}
    child = make_child()
    cin_plan(child, D(2025, 6, 17))  # 8 weeks: due 12 Aug (12 weeks would be 9 Sep)
    result = figure("OBA1-05")
    assert result.denominator_count == 1 and result.value == 0.0
    assert denominator(result)["on"].to_list() == [D(2025, 8, 12)]


def visit(child: Person, worker: Worker, day: dt.date, kind: str, seen: bool, alone: bool) -> None:
    Visit.objects.create(
        child=child, visit_date=day, visit_type=kind, worker=worker, child_seen=seen,
        seen_alone=alone, location="home",
    )  # fmt: skip


@pytest.mark.django_db
def test_children_seen_and_seen_alone_at_statutory_visits(make_child, worker) -> None:
    child = make_child()
    visit(child, worker, D(2025, 8, 4), "cin", seen=True, alone=True)
    visit(child, worker, D(2025, 8, 11), "cp", seen=True, alone=False)
    visit(child, worker, D(2025, 8, 18), "looked_after", seen=False, alone=False)
    visit(child, worker, D(2025, 8, 19), "care_leaver", seen=True, alone=True)  # not statutory
    visit(child, worker, D(2025, 8, 20), "other", seen=True, alone=True)
    visit(child, worker, D(2025, 7, 31), "cin", seen=False, alone=False)  # July
    seen = figure("OBA1-12")
    assert seen.value == pytest.approx(200 / 3)
    assert seen.numerator["record"].to_list() == ["CIN visit", "CP visit"]
    alone = figure("OBA2-15")
    assert alone.value == pytest.approx(100 / 3)
    assert sorted(denominator(alone)["detail"]) == ["not seen", "seen alone", "seen, not alone"]


def allocate(child: Person, worker: Worker, start: dt.date, end: dt.date | None = None) -> None:
    Allocation.objects.create(child=child, worker=worker, started_on=start, ended_on=end)


@pytest.mark.django_db
def test_unallocated_cases_in_the_last_week_of_the_month(make_child, worker) -> None:
    held, never, new, gap, handover, closed, nfa = (make_child() for _ in range(7))
    episode(held, D(2025, 7, 1))
    allocate(held, worker, D(2025, 7, 1))
    episode(never, D(2025, 7, 1))  # open all week, nobody allocated: 7 days
    episode(new, D(2025, 8, 29))  # referred Friday 29th, allocated Monday 1 Sep: 3 days
    allocate(new, worker, D(2025, 9, 1))
    episode(gap, D(2025, 7, 1))  # allocation ends 27th, next starts 28th: 27th uncovered
    allocate(gap, worker, D(2025, 7, 1), D(2025, 8, 27))
    allocate(gap, worker, D(2025, 8, 28))
    episode(handover, D(2025, 7, 1))  # handed over on the day: always allocated
    allocate(handover, worker, D(2025, 7, 1), D(2025, 8, 27))
    allocate(handover, worker, D(2025, 8, 27))
    episode(closed, D(2025, 7, 1), D(2025, 8, 24))  # closed before the last week
    episode(nfa, D(2025, 8, 30), D(2025, 8, 30))  # opened and closed the same day: never open
    result = figure("OBA1-14")
    assert result.value == 3
    found = dict(zip(result.numerator["child_id"], result.numerator["detail"], strict=True))
    assert found == {
        never.pk.hex: "no allocated worker on 7 of the last 7 days",
        new.pk.hex: "no allocated worker on 3 of the last 7 days",
        gap.pk.hex: "no allocated worker on 1 of the last 7 days",
    }


@pytest.mark.django_db
def test_cin_rate_counts_each_child_in_need_once(make_child) -> None:
    PopulationEstimate.objects.create(year=2025, age=10, count=2_000)
    cin_only, cp, in_care, closed, left_care = (make_child() for _ in range(5))
    episode(cin_only, D(2025, 3, 1))
    cp_episode = episode(cp, D(2025, 3, 1))
    CPPlan.objects.create(
        episode=cp_episode, child=cp, start_date=D(2025, 4, 1), initial_category="NEG",
        latest_category="NEG",
    )  # fmt: skip
    # In care, but the CIN episode was closed in error: still a child in need.
    episode(in_care, D(2024, 1, 1), D(2024, 6, 1))
    PeriodOfCare.objects.create(child=in_care, started_on=D(2024, 6, 1))
    episode(closed, D(2025, 3, 1), D(2025, 8, 31))  # closed on the last day
    PeriodOfCare.objects.create(child=left_care, started_on=D(2024, 1, 1), ended_on=D(2025, 8, 31))
    result = figure("OUT-L1")
    assert result.value == pytest.approx(15.0)  # 3 / 2,000 x 10,000
    assert sorted(result.numerator["child_id"]) == sorted(
        [cin_only.pk.hex, cp.pk.hex, in_care.pk.hex]
    )
    why = dict(zip(result.numerator["child_id"], result.numerator["detail"], strict=True))
    assert why[cp.pk.hex] == "Open CIN episode" and why[in_care.pk.hex] == "In care"


# -- the timescale step applied to a column matches the registry's own calculator ------

# Data.holidays reaches two years past today; stay inside it.
DAYS = st.dates(min_value=D(2015, 1, 1), max_value=D(2027, 6, 30))


@functools.cache
def holidays() -> list[dt.date]:
    return Data().holidays


def apply(step: Step, day: dt.date) -> dt.date:
    frame = pl.DataFrame({"start": [day]})
    return frame.select(due_after(pl.col("start"), step, holidays())).item()


@hypothesis_settings(max_examples=60, deadline=None)
@given(day=DAYS, amount=st.integers(min_value=1, max_value=60))
def test_working_day_steps_match_the_calendar(day: dt.date, amount: int) -> None:
    assert apply(Step(Kind.WORKING_DAYS, amount), day) == add_working_days(day, amount)


@hypothesis_settings(max_examples=60, deadline=None)
@given(day=DAYS, amount=st.integers(min_value=1, max_value=24))
def test_month_steps_clamp_to_the_month_end_like_the_calendar(day: dt.date, amount: int) -> None:
    assert apply(Step(Kind.MONTHS, amount), day) == add_months(day, amount)


@hypothesis_settings(max_examples=60, deadline=None)
@given(day=DAYS, amount=st.integers(min_value=1, max_value=90))
def test_day_steps_roll_forward_to_a_working_day(day: dt.date, amount: int) -> None:
    due = apply(Step(Kind.DAYS, amount, roll_forward=True), day)
    assert due == next_working_day(day + dt.timedelta(days=amount))
