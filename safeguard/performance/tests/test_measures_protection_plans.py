"""CP plans: on a plan at a period end, rates, starts and ends, repeat plans and the
parenting factors behind them, children also looked after. Hand-built records, hand-
counted answers."""

from __future__ import annotations

import pytest

from safeguard.performance.periods import Period
from safeguard.performance.tests.protection_records import (
    D,
    assessment,
    child,
    figure,
    ids,
    in_care,
    month,
    plan,
    population,
)

pytestmark = pytest.mark.django_db

NEW_START = D(2025, 6, 15)  # two years before: 2023-06-15


@pytest.fixture
def repeats() -> dict[str, str]:
    """Four plans starting in June 2025: three repeats (previous plan ended 2 years minus
    a day, exactly 2 years, and 2 years plus a day before) and a first plan."""
    under, exactly, over, first = child(), child(), child(), child()
    plan(under, D(2022, 1, 10), D(2023, 6, 16))  # 2 years minus 1 day: within
    plan(exactly, D(2022, 1, 10), D(2023, 6, 15))  # exactly 2 years: within
    plan(over, D(2022, 1, 10), D(2023, 6, 14))  # 2 years plus 1 day: over
    for person in (under, exactly, over):
        plan(person, NEW_START)
    plan(first, D(2025, 6, 20))
    return {
        "under": under.pk.hex,
        "exactly": exactly.pk.hex,
        "over": over.pk.hex,
        "first": first.pk.hex,
    }


def test_repeat_plans_ever_and_within_two_years(repeats: dict[str, str]) -> None:
    june = month(2025, 6)
    ever = figure("OBA2-12", june)
    assert ever.value == pytest.approx(75.0)
    assert ids(ever.numerator) == {repeats["under"], repeats["exactly"], repeats["over"]}
    assert ids(ever.denominator) == set(repeats.values())

    within = figure("CP-07", june)
    assert within.value == pytest.approx(50.0)
    assert ids(within.numerator) == {repeats["under"], repeats["exactly"]}

    over = figure("CP-08", june)
    assert over.value == pytest.approx(25.0)
    assert ids(over.numerator) == {repeats["over"]}
    detail = over.numerator["detail"].to_list()
    assert detail == ["plan 2; previous plan ended 2023-06-14"]


def test_repeat_plans_by_time_since_previous(repeats: dict[str, str]) -> None:
    late_child = child()
    plan(late_child, D(2024, 1, 1), D(2024, 6, 15))  # exactly 12 months before: "12 or less"
    plan(late_child, NEW_START)
    found = figure("CP-09", month(2025, 6))
    assert found.value == 4
    assert found.breakdown == [
        ("12 months or less", 1.0),
        ("Over 12 months to 2 years", 2.0),
        ("Over 2 years", 1.0),
    ]


def test_new_and_ceased_plans(repeats: dict[str, str]) -> None:
    assert figure("CP-05", month(2025, 6)).value == 4
    assert figure("CP-06", month(2025, 6)).value == 0
    ceased = figure("CP-06", month(2023, 6))
    assert ceased.value == 3
    assert set(ceased.numerator["detail"]) == {"No longer at risk of significant harm"}


def test_plan_spanning_a_period_end_is_counted_at_that_end_only() -> None:
    spanning, ends_on_last_day = child(), child()
    plan(spanning, D(2025, 3, 20), D(2025, 4, 10))
    plan(ends_on_last_day, D(2025, 1, 6), D(2025, 3, 31))
    march, april = month(2025, 3), month(2025, 4)
    on_plan_march = figure("CP-04", march)
    assert on_plan_march.value == 1  # the plan ending on 31 March is no longer open
    assert ids(on_plan_march.numerator) == {spanning.pk.hex}
    assert figure("CP-04", april).value == 0
    assert figure("CP-05", march).value == 1
    assert figure("CP-06", march).value == 1
    assert figure("CP-06", april).value == 1
    year = Period.financial_year(2024)  # April 2024 to March 2025
    assert figure("CP-04", year).value == 1
    assert figure("CP-05", year).value == 2
    assert figure("CP-06", year).value == 1


def test_cp_plan_rate_per_10000() -> None:
    population(2025, 1_000)  # 18,000 children aged 0-17
    for _ in range(3):
        plan(child(), D(2025, 5, 1))
    plan(child(), D(2025, 5, 1), D(2025, 6, 30))  # ended on the day: not counted
    rate = figure("OUT-S01", month(2025, 6))
    assert rate.value == pytest.approx(3 / 18_000 * 10_000)
    assert rate.denominator_count == 18_000
    assert rate.numerator_count == 3


def test_cp_plan_rate_without_population_has_no_value() -> None:
    plan(child(), D(2025, 5, 1))
    rate = figure("OUT-S01", month(2025, 6))
    assert rate.value is None and rate.numerator_count == 1
    assert "population" in rate.note


def test_child_turning_18_during_the_plan() -> None:
    turns_18 = child(D(2007, 7, 15))
    plan(turns_18, D(2025, 1, 10), D(2025, 7, 15), end_reason="turned_18")
    left_open = child(D(2007, 5, 1))  # a data error: still open after the 18th birthday
    plan(left_open, D(2025, 1, 10))

    june = figure("CP-12", month(2025, 6))
    assert dict(june.breakdown or [])["16 to 17"] == 1
    assert dict(june.breakdown or [])["18 or over"] == 1  # counted, not dropped
    july = figure("CP-12", month(2025, 7))
    assert july.value == 1
    assert dict(july.breakdown or [])["16 to 17"] == 0

    ended = figure("CP-06", month(2025, 7))
    assert ended.numerator["detail"].to_list() == ["Reached 18"]
    durations = figure("SE-CP-01", month(2025, 7))
    assert dict(durations.breakdown or [])["6 to 12 months"] == 1


def test_the_day_before_the_18th_birthday_is_still_16_to_17() -> None:
    person = child(D(2007, 6, 30))  # 18 on 30 June 2025
    plan(person, D(2025, 1, 10))
    may = dict(figure("CP-12", month(2025, 5)).breakdown or [])
    june = dict(figure("CP-12", month(2025, 6)).breakdown or [])
    assert may["16 to 17"] == 1
    assert june["18 or over"] == 1


def test_profile_counts_missing_characteristics_as_not_recorded() -> None:
    day = D(2025, 1, 10)
    plan(child(ethnicity="WBRI", disabilities=["AUT"]), day)
    plan(child(ethnicity="", gender="0", disabilities=["NONE"]), day)
    plan(child(ethnicity="NOBT", gender="2"), day)
    plan(child(ethnicity="REFU", gender="2", dob=None, expected=D(2025, 8, 1)), day)
    plan(child(ethnicity="WBRI", dob=None), day)
    march = month(2025, 3)

    ethnicity = dict(figure("CP-13", march).breakdown or [])
    assert ethnicity["White British"] == 2
    assert ethnicity["Refused"] == 1
    assert ethnicity["Not recorded"] == 2
    assert sum(ethnicity.values()) == 5
    assert "Information not yet obtained" not in ethnicity

    sex = figure("CP-11", march).breakdown
    assert sex == [
        ("Male", 2.0),
        ("Female", 2.0),
        ("Indeterminate", 0.0),
        ("Not recorded", 1.0),
    ]
    disability = figure("CP-14", march).breakdown
    assert disability == [
        ("Disability recorded", 1.0),
        ("No disability", 1.0),
        ("Not recorded", 3.0),
    ]
    ages = dict(figure("CP-12", march).breakdown or [])
    assert ages["Unborn"] == 1
    assert ages["Not recorded"] == 1
    assert ages["5 to 9"] == 3  # born 1 June 2015: 9 on 31 March 2025


def test_a_child_born_after_the_day_is_unborn_then() -> None:
    person = child(D(2025, 2, 10))
    plan(person, D(2025, 1, 6))  # a pre-birth plan
    assert dict(figure("CP-12", month(2025, 1)).breakdown or [])["Unborn"] == 1
    assert dict(figure("CP-12", month(2025, 2)).breakdown or [])["Under 1"] == 1


def test_category_of_abuse_latest_at_the_end_and_initial_for_new_plans() -> None:
    plan(child(), D(2024, 11, 4), category="NEG", latest="EMO")
    plan(child(), D(2025, 3, 3), category="PHY")
    plan(child(), D(2025, 3, 10), D(2025, 3, 20), category="SAB")
    march = month(2025, 3)
    latest = dict(figure("CP-18", march).breakdown or [])
    assert latest == {
        "Neglect": 0,
        "Physical abuse": 1,
        "Sexual abuse": 0,
        "Emotional abuse": 1,
        "Multiple/not recommended": 0,
        "Not recorded": 0,
    }
    initial = dict(figure("CP-19", march).breakdown or [])
    assert initial["Physical abuse"] == 1 and initial["Sexual abuse"] == 1
    assert figure("CP-19", march).value == 2


def test_duration_bands_of_ended_and_open_plans() -> None:
    plan(child(), D(2025, 1, 31), D(2025, 4, 30))  # 31 Jan + 3 months = 30 Apr: 3-6 months
    plan(child(), D(2025, 2, 1), D(2025, 4, 30))  # under 3 months
    plan(child(), D(2023, 4, 15), D(2025, 4, 15))  # exactly 2 years: 2 years or more
    plan(child(), D(2023, 4, 16), D(2025, 4, 15))  # a day under 2 years: 1-2 years
    plan(child(), D(2023, 3, 1))  # open: 2 years or more at 31 March 2025
    ended = figure("SE-CP-01", month(2025, 4))
    assert ended.value == 4
    assert ended.breakdown == [
        ("Under 3 months", 1.0),
        ("3 to 6 months", 1.0),
        ("6 to 12 months", 0.0),
        ("1 to 2 years", 1.0),
        ("2 years or more", 1.0),
    ]
    march = month(2025, 3)
    open_now = figure("CP-15", march)
    assert open_now.breakdown == [
        ("Under 3 months", 2.0),
        ("3 to 6 months", 0.0),
        ("6 to 12 months", 0.0),
        ("1 to 2 years", 2.0),
        ("2 years or more", 1.0),
    ]
    assert figure("CP-16", march).value == pytest.approx(20.0)


def test_parenting_factors_come_from_the_assessment_nearest_before_the_plan() -> None:
    with_factors, without, first_plan = child(), child(), child()
    for person in (with_factors, without):
        plan(person, D(2022, 1, 10), D(2023, 1, 10))
    assessment(with_factors, D(2024, 1, 2), "1B", authorised=D(2024, 2, 1))  # older
    assessment(with_factors, D(2025, 5, 1), "3B", "4B", "2B", authorised=D(2025, 5, 30))
    assessment(with_factors, D(2025, 7, 1), "5B")  # after the plan started: not used
    assessment(first_plan, D(2025, 5, 1), "3A")  # not a repeat plan: not in the cohort
    for person in (with_factors, without, first_plan):
        plan(person, D(2025, 6, 2))
    found = figure("CP-10", month(2025, 6))
    assert found.value == 2
    assert found.breakdown == [
        ("Domestic abuse", 1.0),
        ("Substance misuse (alcohol or drugs)", 1.0),
        ("Alcohol misuse by a parent, carer or adult in the household", 0.0),
        ("Drug misuse by a parent, carer or adult in the household", 1.0),
        ("Mental health of a parent or carer", 1.0),
        ("Learning disability of a parent or carer", 0.0),
        ("Physical disability or illness of a parent or carer", 0.0),
        ("No assessment factors recorded", 1.0),
    ]
    details = dict(zip(found.numerator["child_id"], found.numerator["detail"], strict=True))
    assert details[without.pk.hex] == "no assessment on or before the plan's start"


def test_parenting_factors_tie_goes_to_the_later_authorised_assessment() -> None:
    person = child()
    plan(person, D(2022, 1, 10), D(2023, 1, 10))
    assessment(person, D(2025, 5, 1), "6B", authorised=D(2025, 5, 10))
    assessment(person, D(2025, 5, 1), "3A", authorised=D(2025, 5, 20))
    plan(person, D(2025, 6, 2))
    found = dict(figure("CP-10", month(2025, 6)).breakdown or [])
    assert found["Domestic abuse"] == 1
    assert found["Physical disability or illness of a parent or carer"] == 0


def test_children_on_a_plan_also_looked_after_at_the_month_end() -> None:
    in_care_now, left_care, left_on_last_day, never = child(), child(), child(), child()
    for person in (in_care_now, left_care, left_on_last_day, never):
        plan(person, D(2025, 4, 1))
    in_care(in_care_now, D(2025, 5, 10))
    in_care(left_care, D(2025, 5, 1), D(2025, 5, 20))
    in_care(left_on_last_day, D(2025, 5, 1), D(2025, 5, 31))
    found = figure("CP-17", month(2025, 5))
    assert found.value == 1
    assert ids(found.numerator) == {in_care_now.pk.hex}
    assert figure("CP-17", month(2025, 4)).value == 0
