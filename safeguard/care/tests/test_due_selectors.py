"""The deadlines the care pages show: next looked-after review and initial health assessment."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.care import selectors
from safeguard.care.services import record_health_assessment, record_looked_after_review
from safeguard.care.tests.helpers import START, start_care
from safeguard.core.timescales import compute_due

pytestmark = pytest.mark.django_db


def test_reviews_follow_20_working_days_then_3_then_6_months(child, iro):
    period = start_care(child).period
    assert selectors.next_review_due(period) == compute_due("lac_review_first", START)
    first, second = START + dt.timedelta(days=20), START + dt.timedelta(days=100)
    for held_on in (first, second):
        record_looked_after_review(
            child=child, held_on=held_on, participation="PN1", chaired_by=iro
        )
        expected = "lac_review_second" if held_on == first else "lac_review_next"
        assert selectors.next_review_due(period) == compute_due(expected, held_on)
    # 6 months after the second review (12/06/2019).
    assert selectors.next_review_due(period).due == dt.date(2019, 12, 12)


def test_initial_health_assessment_due_until_recorded(child):
    period = start_care(child).period
    due = selectors.initial_health_assessment_due(period)
    assert due is not None and due == compute_due("iha", START)
    record_health_assessment(child=child, kind="initial", assessed_on=START + dt.timedelta(days=9))
    assert selectors.initial_health_assessment_due(period) is None
