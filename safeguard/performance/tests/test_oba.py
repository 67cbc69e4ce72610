"""The OBA snapshot: its layout, the trend and RAG rules, and a month computed from records."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from safeguard.cin.models import CINEpisode
from safeguard.frontdoor.models import Contact, ContactChild
from safeguard.performance import registry
from safeguard.performance.periods import Period
from safeguard.performance.products import oba
from safeguard.performance.products.layout import (
    Group,
    Layout,
    Rag,
    Trend,
    compute,
    rag,
    trend,
)
from safeguard.performance.registry import Measure, PeriodType, Polarity, Unit

LONDON = ZoneInfo("Europe/London")
AUGUST = Period.month(2025, 8)

#: measures.md §1, in the seed's order.
SEED_ORDER = {
    "How much did we do?": [
        "OBA1-01", "OBA1-02", "OBA1-04", "OBA1-05", "OBA1-06", "OBA1-07", "OBA1-08",
        "OBA1-09", "OBA1-10", "OBA1-11", "OBA1-12", "OBA1-13", "OBA1-14", "OBA1-15",
    ],
    "How well did we do it?": [f"OBA2-{n:02d}" for n in range(1, 32)],
    "Is anyone better off?": ["OBA3-02", "OBA3-03", "OBA3-04", "OBA3-05", "OBA3-06"],
}  # fmt: skip


def a_measure(*, unit=Unit.PERCENT, polarity=Polarity.HIGHER, good=90.0) -> Measure:
    return Measure(
        id="T-1",
        name="Test",
        cohort="",
        numerator="",
        denominator=None,
        period_type=PeriodType.IN_PERIOD,
        unit=unit,
        polarity=polarity,
        source="test",
        good=good,
        awaiting="test only",
    )


# -- the layout -----------------------------------------------------------------------------


def test_the_layout_is_the_seeds_three_questions_in_order():
    layout = oba.OBA_SNAPSHOT
    assert {g.title: list(g.measure_ids) for g in layout.groups} == SEED_ORDER
    assert [g.title for g in layout.groups] == list(SEED_ORDER)


def test_every_measure_of_the_layout_is_in_the_registry():
    missing = [mid for mid in oba.OBA_SNAPSHOT.measure_ids if mid not in registry.REGISTRY]
    assert missing == []


def test_the_default_month_is_the_last_complete_one():
    assert oba.last_complete_month(dt.date(2025, 9, 1)) == AUGUST
    assert oba.last_complete_month(dt.date(2025, 9, 30)) == AUGUST
    assert oba.last_complete_month(dt.date(2026, 1, 15)) == Period.month(2025, 12)


def test_the_snapshot_is_for_a_month():
    with pytest.raises(ValueError, match="calendar month"):
        oba.snapshot(Period.quarter(2025, 2))


# -- RAG against Good -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (95.0, Rag.GREEN),
        (90.0, Rag.GREEN),  # meets Good exactly
        (89.96, Rag.GREEN),  # shows as 90.0%: rated as shown
        (81.0, Rag.AMBER),  # 10% of 90 below Good
        (80.9, Rag.RED),
        (None, Rag.NO_DATA),
    ],
)
def test_rag_higher_is_better(value, expected):
    assert rag(a_measure(), value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(15.0, Rag.GREEN), (12.0, Rag.GREEN), (16.5, Rag.AMBER), (16.6, Rag.RED)],
)
def test_rag_lower_is_better(value, expected):
    measure = a_measure(unit=Unit.AVERAGE, polarity=Polarity.LOWER, good=15.0)
    assert rag(measure, value) is expected


def test_measures_without_good_or_direction_are_not_rated():
    assert rag(a_measure(good=None), 50.0) is Rag.NOT_RATED
    assert rag(a_measure(polarity=Polarity.NEUTRAL), 50.0) is Rag.NOT_RATED
    assert rag(a_measure(good=None), None) is Rag.NO_DATA  # awaiting: no data yet


@given(
    good=st.floats(min_value=1, max_value=1000),
    lower=st.floats(min_value=0, max_value=2000),
    higher=st.floats(min_value=0, max_value=2000),
)
def test_a_better_value_never_gets_a_worse_rating(good, lower, higher):
    lower, higher = sorted((lower, higher))
    order = [Rag.RED, Rag.AMBER, Rag.GREEN]
    up = a_measure(unit=Unit.AVERAGE, polarity=Polarity.HIGHER, good=good)
    down = a_measure(unit=Unit.AVERAGE, polarity=Polarity.LOWER, good=good)
    assert order.index(rag(up, higher)) >= order.index(rag(up, lower))
    assert order.index(rag(down, lower)) >= order.index(rag(down, higher))


# -- trend ------------------------------------------------------------------------------------


def test_trend_follows_polarity_and_ignores_changes_too_small_to_show():
    higher = a_measure()
    lower = a_measure(polarity=Polarity.LOWER)
    assert trend(higher, 80.0, 85.0) is Trend.IMPROVING
    assert trend(lower, 80.0, 85.0) is Trend.WORSENING
    assert trend(lower, 85.0, 80.0) is Trend.IMPROVING
    assert trend(higher, 85.61, 85.64) is Trend.UNCHANGED  # both show as 85.6%
    assert trend(a_measure(polarity=Polarity.NEUTRAL), 925, 1230) is Trend.UP
    assert trend(a_measure(unit=Unit.COUNT, polarity=Polarity.NEUTRAL), 9, 8) is Trend.DOWN
    assert trend(higher, None, 85.0) is Trend.NONE
    assert trend(higher, 85.0, None) is Trend.NONE


# -- a month from the records -----------------------------------------------------------------


def at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=LONDON)


def contact(day: dt.date, *children) -> None:
    made = Contact.objects.create(
        received_at=at(day),
        source="6",
        channel="professional_line",
        concerns="Worried.",
        consent_asked=True,
        consent_given=True,
    )
    for child in children:
        ContactChild.objects.create(contact=made, child=child)


def referral(child, day: dt.date) -> None:
    CINEpisode.objects.create(child=child, referral_date=day, referral_source="6")


SMALL = Layout(
    key="small",
    title="Small",
    groups=(
        Group("Front door", ("OBA1-04", "OBA2-11")),
        Group("Not yet", ("OBA1-13",)),
    ),
)


@pytest.mark.django_db
def test_a_month_gets_previous_current_trend_rag_and_twelve_months(make_child):
    a, b, c = make_child(), make_child(), make_child()
    contact(dt.date(2025, 7, 3), a, b)  # July: 2 contacts
    contact(dt.date(2025, 8, 4), a)
    contact(dt.date(2025, 8, 20), b, c)  # August: 3
    contact(dt.date(2025, 2, 10), c)  # February: inside the 12 months
    referral(a, dt.date(2025, 1, 10))
    referral(a, dt.date(2025, 8, 5))  # re-referral within 12 months
    referral(b, dt.date(2025, 8, 6))  # first referral
    referral(c, dt.date(2025, 7, 1))  # July: first, so July's rate is 0%

    snapshot = compute(SMALL, AUGUST)
    assert snapshot.periods == AUGUST.trailing(12)
    assert snapshot.periods[0] == Period.month(2024, 9)
    contacts = snapshot.rows_by_id["OBA1-04"]
    assert (contacts.previous_value, contacts.current.value) == (2.0, 3.0)
    assert contacts.trend is Trend.UP  # neither direction is better
    assert contacts.rag is Rag.NOT_RATED
    assert [f.value for _, f in contacts.series] == [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 3]

    rereferrals = snapshot.rows_by_id["OBA2-11"]
    assert rereferrals.current.value == pytest.approx(50.0)
    assert rereferrals.previous_value == 0.0
    assert rereferrals.trend is Trend.WORSENING  # lower is better
    assert rereferrals.rag is Rag.RED  # Good 20%: more than 22% is red
    assert rereferrals.current_text == "50.0%"
    assert rereferrals.good_text == "20.0%"
    spark = rereferrals.sparkline()
    assert spark is not None
    assert len(spark.table.rows) == 12
    assert spark.table.rows[-1] == ("Aug 25", "50.0%")

    waiting = snapshot.rows_by_id["OBA1-13"]
    assert waiting.awaiting
    assert waiting.current.value is None
    assert waiting.rag is Rag.NO_DATA
    assert waiting.trend is Trend.NONE
    assert waiting.sparkline() is None
    assert waiting.current.note == waiting.measure.awaiting
    assert [s.group.title for s in snapshot.sections] == ["Front door", "Not yet"]


@pytest.mark.django_db
def test_the_whole_snapshot_reads_each_table_once(make_child):
    contact(dt.date(2025, 8, 4), make_child())
    with CaptureQueriesContext(connection) as queries:
        snapshot = oba.snapshot(AUGUST)
    statements = [q["sql"] for q in queries.captured_queries]
    repeated = {s for s in statements if statements.count(s) > 1}
    assert repeated == set()
    assert len(snapshot.rows) == len(oba.OBA_SNAPSHOT.measure_ids)
    assert snapshot.rows_by_id["OBA1-04"].current.value == 1
    awaiting = [r for r in snapshot.rows if r.awaiting]
    assert awaiting and all(r.rag is Rag.NO_DATA for r in awaiting)
