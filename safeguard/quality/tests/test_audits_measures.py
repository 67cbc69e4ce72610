"""The audit measures (OBA1-15, OBA3-02, OBA3-03, OBA3-04) agree with the audit report."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.core import clock
from safeguard.core.quarters import FinancialQuarter
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.registry import REGISTRY
from safeguard.quality.models import Grade
from safeguard.quality.selectors.audits_report import ReportPeriod, audit_report
from safeguard.quality.services import audits as services
from safeguard.quality.services.audits_judgement import record_judgement
from safeguard.quality.tests.conftest import all_scores

pytestmark = pytest.mark.django_db
TODAY = clock.today()
LAST = (TODAY.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
MONTH = Period.month(LAST.year, LAST.month)


@pytest.fixture
def month_of_audits(make_audit, qa_user, team_manager_user):
    """Last month: three audits completed and moderated (scores 5, 6, 7; one grade changed
    to inadequate), one completed not moderated, two dip samples by the team manager."""
    on = LAST + dt.timedelta(days=10)
    made = []
    for score, grade in (
        (5, Grade.REQUIRES_IMPROVEMENT),
        (6, Grade.REQUIRES_IMPROVEMENT),
        (7, Grade.GOOD),
    ):
        audit = make_audit(programme_month=LAST, due_on=on)
        services.complete_audit(
            audit=audit, scores=all_scores(score), grade=grade, strengths="s",
            areas_for_development="a", completed_on=on,
        )  # fmt: skip
        made.append(audit)
    services.moderate_audit(audit=made[0], by=qa_user, agreed=True, moderated_on=on)
    services.moderate_audit(audit=made[1], by=qa_user, agreed=True, moderated_on=on)
    services.moderate_audit(
        audit=made[2], by=qa_user, agreed=False, grade=Grade.INADEQUATE, reason="r", moderated_on=on
    )
    services.complete_audit(
        audit=make_audit(programme_month=LAST, due_on=on), scores=all_scores(1),
        grade=Grade.INADEQUATE, strengths="s", areas_for_development="a", completed_on=on,
    )  # fmt: skip
    for _ in range(2):
        dip = make_audit(
            programme_month=LAST, due_on=on, kind="dip_sample", auditor=team_manager_user.worker
        )
        services.complete_audit(
            audit=dip, scores=all_scores(6), grade=Grade.REQUIRES_IMPROVEMENT, strengths="s",
            areas_for_development="a", completed_on=on,
        )  # fmt: skip
    return made


def test_the_measures_are_connected():
    for measure_id in ("OBA1-15", "OBA3-02", "OBA3-03", "OBA3-04"):
        assert REGISTRY[measure_id].has_data, measure_id
    assert REGISTRY["OBA3-02"].good == 7.5


def test_the_measures_count_as_the_report_does(month_of_audits):
    report = audit_report(ReportPeriod.month(LAST), run_on=TODAY)
    data = Data.for_periods([MONTH])
    dips = data.figure("OBA1-15", MONTH)
    assert dips.value == 2 == sum(m.dip_samples for m in report.dip_samples)
    score = data.figure("OBA3-02", MONTH)
    assert score.value == pytest.approx(6.0) == pytest.approx(report.average)
    assert score.numerator_count == 3 and score.denominator_count == 21
    grades = data.figure("OBA3-03", MONTH)
    assert grades.value == 3 == report.moderated
    by_grade = dict(grades.breakdown or [])
    assert by_grade == {"Outstanding": 0, "Good": 0, "Requires improvement": 2, "Inadequate": 1}
    assert dict(report.grades) == by_grade
    assert len({r["child_id"] for r in grades.numerator.to_dicts()}) == 1  # one child


def test_the_estimated_rating_is_the_latest_judgement():
    quarter = FinancialQuarter.containing(TODAY)
    period = Period.month(TODAY.year, TODAY.month)
    assert Data.for_periods([period]).figure("OBA3-04", period).value is None
    record_judgement(quarter=quarter.previous(), rating=4, rationale="Inadequate.")
    record_judgement(quarter=quarter, rating=3, rationale="RI.")
    figure = Data.for_periods([period]).figure("OBA3-04", period)
    assert figure.value == 3 and figure.numerator_count == 1
