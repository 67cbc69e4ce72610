"""The complaints and feedback measures agree with the quarterly report."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.cin.models import CINEpisode
from safeguard.core.quarters import FinancialQuarter
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.registry import REGISTRY
from safeguard.quality.selectors.complaints_report import complaints_report
from safeguard.quality.services.complaints import (
    answer_complaint,
    escalate_complaint,
    record_complaint,
)
from safeguard.quality.services.feedback import record_feedback

pytestmark = pytest.mark.django_db
Q1 = Period.quarter(2020, 1)
START = dt.date(2020, 4, 1)
DAY = dt.timedelta(days=1)
IDS = ("OBA2-18", "OBA2-19", "SE-CMP-01")


def _complaint(day: dt.date, kind: str = "formal", **extra):
    return record_complaint(
        kind=kind, received_on=day, complainant_name="Pat", complainant_relationship="parent",
        category="delay", summary="Slow.", **extra,
    )  # fmt: skip


@pytest.fixture
def quarter_of_records(make_child):
    child = make_child()
    CINEpisode.objects.create(child=child, referral_date=START - 200 * DAY, referral_source="2A")
    on_time = _complaint(START + DAY, child=child)
    answer_complaint(complaint=on_time, responded_on=START + 10 * DAY, outcome="justified",
                     response_summary="Sorry.")  # fmt: skip
    stage_2 = escalate_complaint(complaint=on_time, received_on=START + 12 * DAY)
    answer_complaint(complaint=stage_2, responded_on=stage_2.response_due_on + 3 * DAY,
                     outcome="not_justified", response_summary="No.")  # fmt: skip
    informal = _complaint(START + 20 * DAY, kind="informal")
    answer_complaint(complaint=informal, responded_on=START + 21 * DAY, outcome="withdrawn")
    _complaint(START - 5 * DAY)  # the previous quarter
    for answer in ("agree", "agree", "disagree", ""):
        answers = {"made_difference": answer, "involved": "agree"}
        record_feedback(child=child, occasion="six_monthly", received_on=START + 30 * DAY,
                        respondent="parent", answers=answers)  # fmt: skip


def test_the_measures_are_computed():
    for measure_id in IDS:
        assert REGISTRY[measure_id].has_data, measure_id
    assert REGISTRY["SE-CMP-01"].good == 96.0


def test_the_measures_count_as_the_report_does(quarter_of_records):
    report = complaints_report(FinancialQuarter(2020, 1), run_on=dt.date(2020, 7, 15))
    data = Data.for_periods([Q1])
    received = data.figure("OBA2-18", Q1)
    assert received.value == report.new_complaints == 2  # the stage 2 is not a new complaint
    assert dict(received.breakdown or []) == {"Formal": 1.0, "Informal": 1.0}
    on_time = data.figure("SE-CMP-01", Q1)
    assert (
        (on_time.numerator_count, on_time.denominator_count)
        == (
            report.answered_on_time,
            report.answered,
        )
        == (1, 2)
    )
    assert on_time.value == pytest.approx(report.percent_on_time) == 50.0
    experience = data.figure("OBA2-19", Q1)
    made = {q.key: q for q in report.questions}["made_difference"]
    assert experience.value == pytest.approx(made.percent_agree) == 50.0
    assert experience.denominator_count == 4


def test_the_drill_down_names_the_complaint(quarter_of_records):
    figure = Data.for_periods([Q1]).figure("OBA2-18", Q1)
    assert all(r["record"].startswith("CMP-2020-") for r in figure.numerator.to_dicts())
