"""The practice review measures: rapid reviews completed, on time, progressed to a local
CSPR, and notifications within 5 working days; the drill-down names no child."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.core import calendar
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.registry import REGISTRY

pytestmark = pytest.mark.django_db
YEAR = Period.financial_year(2020)
IDS = ("PA-CSPR-01", "PA-CSPR-02", "PA-CSPR-03", "PA-CSPR-04")


@pytest.fixture
def year_of_reviews(db):
    """Four incidents aware in 2020/21: three reviewed (one late, one to a local CSPR),
    one notified late and never reviewed; and one incident the year before."""
    from safeguard.partnership.services import reviews as services

    def make(aware: dt.date, *, notify_after: int, review_after: int | None, decision=""):
        incident = services.record_incident(
            child_identifier="Child Z",
            la_area="ours" if aware.month % 2 else "neighbour",
            incident_type="serious_harm",
            aware_on=aware,
        )
        notified = calendar.add_working_days(aware, notify_after)
        services.record_notification(
            incident=incident, panel_notified_on=notified, partners_notified_on=notified
        )
        if review_after is not None:
            sent = calendar.add_working_days(notified, review_after)
            services.record_rapid_review(
                incident=incident,
                held_on=sent,
                sent_on=sent,
                facts="Facts.",
                immediate_actions="",
                decision=decision,
                reasons="Reasons.",
            )
        return incident

    make(dt.date(2020, 5, 4), notify_after=3, review_after=12, decision="local_cspr")
    make(dt.date(2020, 8, 3), notify_after=5, review_after=20, decision="no_further_review")
    make(dt.date(2020, 11, 2), notify_after=2, review_after=15, decision="national_review")
    make(dt.date(2021, 1, 4), notify_after=6, review_after=None)
    make(dt.date(2019, 6, 3), notify_after=1, review_after=10, decision="local_cspr")


def test_the_measures_are_registered_with_data():
    for measure_id in IDS:
        measure = REGISTRY[measure_id]
        assert measure.has_data and measure.area == "Partnership", measure_id
        assert measure.source.startswith("001 Partnership annual report")


def test_rapid_reviews_completed_and_progressed(year_of_reviews):
    data = Data.for_periods([YEAR])
    completed = data.figure("PA-CSPR-01", YEAR)
    assert completed.value == 3
    assert sum(v for _, v in completed.breakdown or []) == 3
    assert data.figure("PA-CSPR-03", YEAR).value == 1


def test_rapid_reviews_within_15_working_days(year_of_reviews):
    figure = Data.for_periods([YEAR]).figure("PA-CSPR-02", YEAR)
    assert (figure.numerator_count, figure.denominator_count) == (2, 3)


def test_notified_within_5_working_days(year_of_reviews):
    figure = Data.for_periods([YEAR]).figure("PA-CSPR-04", YEAR)
    assert (figure.numerator_count, figure.denominator_count) == (3, 4)


def test_the_drill_down_names_no_child(year_of_reviews):
    figure = Data.for_periods([YEAR]).figure("PA-CSPR-01", YEAR)
    found = figure.numerator.to_dicts()
    assert all(r["record"].startswith("SI-2020-") for r in found)
    assert all("Child Z" not in (r["detail"] or "") for r in found)
    assert {r["child_id"] for r in found} == {None}
