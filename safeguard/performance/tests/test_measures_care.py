"""Children in care: how many, where placed, how stable, and leaving care through adoption
or special guardianship. Small hand-built sets of records, hand-computed values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from safeguard.care.services import (
    change_legal_status,
    change_placement,
    place_for_adoption,
    record_adoption_decision,
    record_adoption_match,
)
from safeguard.people.models import PopulationEstimate
from safeguard.performance.measures.care_cohorts import NOT_RECORDED
from safeguard.performance.periods import Period
from safeguard.performance.registry import REGISTRY
from safeguard.performance.tests.care_records import (
    ADOPTERS,
    denominator,
    details,
    figure,
    ids,
    in_care,
    leave,
    placed,
)

pytestmark = pytest.mark.django_db

MARCH = Period.month(2025, 3)
BORN = dt.date(2012, 5, 17)


def test_children_in_care_at_the_end_of_the_period(make_child) -> None:
    stays = in_care(make_child(), dt.date(2025, 1, 6))
    leaves_on_the_last_day = in_care(make_child(), dt.date(2025, 2, 3))
    leave(leaves_on_the_last_day, dt.date(2025, 3, 31))
    starts_on_the_last_day = in_care(make_child(), dt.date(2025, 3, 31))
    short_breaks = placed(postcode="", distance_miles=None)
    in_care(make_child(), dt.date(2025, 1, 6), short_breaks, legal_status="V3")
    PopulationEstimate.objects.create(year=2025, age=5, count=20_000)

    count = figure("SE-CLA-01", MARCH)
    assert count.value == 2
    assert ids(count.numerator) == {stays.pk.hex, starts_on_the_last_day.pk.hex}
    rate = figure("OUT-S02", MARCH)
    assert rate.value == pytest.approx(2 / 20_000 * 10_000)
    assert rate.denominator_count == 20_000
    february = figure("SE-CLA-01", Period.month(2025, 2))
    assert ids(february.numerator) == {stays.pk.hex, leaves_on_the_last_day.pk.hex}


def test_rate_without_a_population_has_no_value(make_child) -> None:
    in_care(make_child(), dt.date(2025, 1, 6))
    result = figure("OUT-S02", MARCH)
    assert result.value is None and result.numerator_count == 1


def test_where_children_are_placed_with_missing_area_and_distance(make_child) -> None:
    near = in_care(make_child(), dt.date(2025, 1, 6))  # PR1 U6, area 001, 4.5 miles
    away = in_care(
        make_child(),
        dt.date(2025, 1, 6),
        placed(
            placement_type="K2",
            provider="PR4",
            postcode="SO14 2AA",
            urn="SC123456",
            la_code="852",
            distance_miles=Decimal("38.0"),
        ),
    )
    unknown = in_care(
        make_child(),
        dt.date(2025, 1, 6),
        placed(provider="PR4", postcode="", la_code="", distance_miles=None),
    )
    middling = in_care(
        make_child(),
        dt.date(2025, 1, 6),
        placed(placement_type="U4", provider="PR4", distance_miles=Decimal("20.0")),
    )
    unregistered = in_care(
        make_child(date_of_birth=dt.date(2009, 5, 17)),
        dt.date(2025, 1, 6),
        placed(
            placement_type="K2",
            provider="PR4",
            postcode="BS1 1AA",
            la_code="801",
            is_registered=False,
            distance_miles=Decimal("20.1"),
        ),
    )

    out_of_area = figure("OBA2-25", MARCH)
    assert out_of_area.value == 2
    assert ids(out_of_area.numerator) == {away.pk.hex, unregistered.pk.hex}
    assert NOT_RECORDED in out_of_area.note and "1 placement" in out_of_area.note

    distant = figure("OBA2-26", MARCH)  # 20.0 miles is not "more than 20"
    assert distant.value == pytest.approx(40.0)
    assert ids(distant.numerator) == {away.pk.hex, unregistered.pk.hex}
    assert ids(denominator(distant)) == {
        near.pk.hex,
        away.pk.hex,
        unknown.pk.hex,
        middling.pk.hex,
        unregistered.pk.hex,
    }
    assert details(denominator(distant))[unknown.pk.hex] == "distance not recorded"
    assert "1 placement" in distant.note

    banded = figure("SE-CLA-11", MARCH)
    assert banded.value == 5
    assert banded.breakdown == [
        ("Up to 10 miles", 1.0),
        ("Over 10 and up to 20 miles", 1.0),
        ("Over 20 miles", 2.0),
        (NOT_RECORDED, 1.0),
    ]
    assert figure("SE-CLA-06", MARCH).value == pytest.approx(60.0)  # U6, U6, U4 of 5
    own = figure("SE-CLA-07", MARCH)
    assert own.value == pytest.approx(20.0) and ids(own.numerator) == {near.pk.hex}
    assert details(denominator(own))[unknown.pk.hex] == "U6 / PR4"
    assert ids(figure("SE-CLA-08", MARCH).numerator) == {unregistered.pk.hex}


def test_long_term_stability(make_child) -> None:
    """At 31/3/2025: looked after since 30/9/2022 or earlier, placed since 31/3/2023."""
    since = dt.date(2022, 1, 10)
    status_change_only = in_care(make_child(date_of_birth=BORN), since)
    change_legal_status(child=status_change_only, changed_on=dt.date(2024, 2, 5), legal_status="C2")
    moved = in_care(make_child(date_of_birth=BORN), since)
    change_placement(
        child=moved,
        changed_on=dt.date(2023, 4, 3),
        placement=placed(carer_name="The Greens"),
        reason_placement_change="CARPL",
    )
    two_years_to_the_day = in_care(make_child(date_of_birth=BORN), since)
    change_placement(
        child=two_years_to_the_day,
        changed_on=dt.date(2023, 3, 31),
        placement=placed(carer_name="The Greens"),
        reason_placement_change="CARPL",
    )
    in_care(make_child(date_of_birth=BORN), dt.date(2022, 10, 3))  # under 2.5 years
    in_care(make_child(date_of_birth=dt.date(2009, 3, 31)), since)  # 16 on 31/3/2025
    adopted = in_care(make_child(date_of_birth=dt.date(2020, 1, 10)), since)
    decision = record_adoption_decision(child=adopted, decided_on=dt.date(2023, 1, 9))
    change_legal_status(child=adopted, changed_on=dt.date(2023, 2, 1), legal_status="E1")
    record_adoption_match(decision=decision, matched_on=dt.date(2024, 5, 1), **ADOPTERS)
    place_for_adoption(
        child=adopted,
        placed_on=dt.date(2024, 6, 3),
        placement=placed(placement_type="A6", carer_name="The Browns"),
    )

    result = figure("OBA2-27", MARCH)
    assert ids(denominator(result)) == {
        status_change_only.pk.hex,
        moved.pk.hex,
        two_years_to_the_day.pk.hex,
        adopted.pk.hex,
    }
    assert ids(result.numerator) == {
        status_change_only.pk.hex,
        two_years_to_the_day.pk.hex,
        adopted.pk.hex,  # the adoptive placement counts with the foster placement before it
    }
    assert result.value == pytest.approx(75.0)
    assert ids(figure("SE-ADO-02", MARCH).numerator) == {adopted.pk.hex}


def test_three_or_more_placements_in_the_last_12_months(make_child) -> None:
    def move(child, day: dt.date, carers: str) -> None:
        change_placement(
            child=child,
            changed_on=day,
            placement=placed(carer_name=carers),
            reason_placement_change="CARPL",
        )

    three = in_care(make_child(), dt.date(2024, 1, 8))  # first placement runs into the window
    move(three, dt.date(2024, 5, 6), "B")
    move(three, dt.date(2024, 9, 2), "C")
    two = in_care(make_child(), dt.date(2024, 3, 4))
    move(two, dt.date(2024, 3, 29), "B")  # ended before the window (1/4/2024)
    move(two, dt.date(2024, 6, 3), "C")
    change_legal_status(child=two, changed_on=dt.date(2024, 8, 5), legal_status="C2")
    in_care(make_child(), dt.date(2024, 1, 8))

    result = figure("SE-CLA-10", MARCH)
    assert ids(result.numerator) == {three.pk.hex}
    assert result.value == pytest.approx(100 / 3)
    assert details(denominator(result))[two.pk.hex] == "2 placements in the 12 months"


def test_leaving_care_through_adoption_and_special_guardianship(make_child) -> None:
    def adopt(placement_type: str, placed_on: dt.date, adopted_on: dt.date, reason: str):
        child = in_care(make_child(date_of_birth=dt.date(2021, 6, 1)), dt.date(2023, 1, 9))
        decision = record_adoption_decision(child=child, decided_on=dt.date(2023, 6, 5))
        change_legal_status(child=child, changed_on=dt.date(2023, 7, 3), legal_status="E1")
        record_adoption_match(decision=decision, matched_on=dt.date(2023, 9, 4), **ADOPTERS)
        place_for_adoption(
            child=child,
            placed_on=placed_on,
            placement=placed(placement_type=placement_type, carer_name="The Browns"),
        )
        return leave(child, adopted_on, reason)

    by_foster_carers = adopt("A5", dt.date(2023, 10, 2), dt.date(2025, 2, 10), "E12")
    by_new_family = adopt("A6", dt.date(2024, 1, 15), dt.date(2025, 3, 3), "E11")
    guardians = leave(
        in_care(make_child(), dt.date(2023, 1, 9), placed(placement_type="U3")),
        dt.date(2025, 2, 17),
        "E45",
    )
    home = leave(in_care(make_child(), dt.date(2023, 1, 9)), dt.date(2025, 3, 10), "E4A")
    leave(in_care(make_child(), dt.date(2023, 1, 9)), dt.date(2025, 4, 7), "E4A")  # next year
    quarter = Period.quarter(2024, 4)  # January to March 2025

    sgo = figure("OUT-L4", quarter)
    assert sgo.value == 1 and ids(sgo.numerator) == {guardians.pk.hex}
    adopted = figure("OUT-L5", quarter)
    assert adopted.value == pytest.approx(50.0)
    assert ids(adopted.numerator) == {by_foster_carers.pk.hex, by_new_family.pk.hex}
    assert ids(denominator(adopted)) == ids(adopted.numerator) | {guardians.pk.hex, home.pk.hex}
    # Adopted by the foster carers: moved in with them when care began (0 days); by a new
    # family: 9/1/2023 to 15/1/2024 = 371 days.
    days = figure("SE-ADO-01", quarter)
    assert days.value == pytest.approx((0 + 371) / 2)
    assert "(371 days)" in details(days.numerator)[by_new_family.pk.hex]


MINE = [
    "OUT-S02",
    "OUT-L4",
    "OUT-L5",
    "OBA2-14",
    "OBA2-20",
    "OBA2-21",
    "OBA2-23",
    "OBA2-24",
    "OBA2-25",
    "OBA2-26",
    "OBA2-27",
    "OBA2-30",
    "OBA2-31",
    "OBA3-05",
    "SE-CLA-01",
    "SE-CLA-02",
    "SE-CLA-03",
    "SE-CLA-04",
    "SE-CLA-05",
    "SE-CLA-06",
    "SE-CLA-07",
    "SE-CLA-08",
    "SE-CLA-09",
    "SE-CLA-10",
    "SE-CLA-11",
    "SE-ADO-01",
    "SE-ADO-02",
    "SE-CL-01",
    "SE-CL-02",
    "SE-CL-03",
    "SE-CL-04",
    "SE-MIS-01",
    "SE-MIS-02",
    "SE-MIS-03",
    "SE-MIS-04",
]


def test_every_measure_computes_on_an_empty_database_for_any_period() -> None:
    periods = [
        MARCH,
        Period.quarter(2024, 4),
        Period.financial_year(2024),
        Period.day(dt.date(2025, 3, 31)),
        Period.months_to(dt.date(2025, 3, 31), 6),
    ]
    for measure_id in MINE:
        measure = REGISTRY[measure_id]
        for period in periods:
            result = figure(measure_id, period)
            assert result.numerator.columns == ["child_id", "record", "on", "detail"]
            assert result.value in (None, 0.0), (measure_id, period)
            if result.breakdown is not None:
                assert sum(value for _, value in result.breakdown) == 0
        assert measure.source and measure.cohort and measure.lead, measure_id
