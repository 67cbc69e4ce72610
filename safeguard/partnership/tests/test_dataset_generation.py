"""The partnership dataset generator (scale 1.0, two years): an exception report per agency
per quarter, a few missing in the latest; the partner survey's volume and OBA3-06 rate.

The rules a generated record must keep (as the services would) are checked here, since
this area has no invariant-checker module: a submitted report has every section written
and rated, was submitted after its quarter began and by the end of the history, and
names who submitted it; a draft has no submission; no agency has two reports for a
quarter; no survey response is dated after the end of the history.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from safeguard.core.actor import acting_as
from safeguard.partnership.models.dataset import (
    EXCEPTION_SECTIONS,
    ExceptionReport,
    PartnerSurveyResponse,
    ReportingAgency,
)
from safeguard.partnership.quarters import Quarter
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.synth.context import GenerationSettings, SynthContext
from safeguard.synth.journeys import partnership_dataset

END = dt.date(2026, 3, 31)
SETTINGS = GenerationSettings(scale=1.0, years=2, seed=5, end=END, la_code="886", la_name="Shire")
SECTIONS = [name for name, _, _ in EXCEPTION_SECTIONS]


@pytest.fixture(scope="module")
def authority(django_db_setup, django_db_blocker):
    """The dataset journey alone (it reads no social-care records), rolled back after."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        ctx = SynthContext(SETTINGS)
        with acting_as(None):
            partnership_dataset.generate(ctx)
            ctx.writer.flush()
        yield ctx
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_six_reports_a_quarter_and_a_few_missing_in_the_latest(authority):
    by_quarter = Counter(ExceptionReport.objects.values_list("quarter", flat=True))
    # The quarter the dataset page opens on at the end of the history (the one before
    # the quarter END is in): the newest with reports; none yet for the one in progress.
    latest = Quarter.containing(END).previous()
    first = Quarter.containing(SETTINGS.start)
    quarters = [q for q in latest.recent(12) if q >= first]
    assert set(by_quarter) == {q.code for q in quarters}
    for quarter in quarters[1:]:
        assert by_quarter[quarter.code] == len(ReportingAgency.values)
        assert ExceptionReport.objects.filter(quarter=quarter.code, status="submitted").count() == 6
    newest = Counter(
        ExceptionReport.objects.filter(quarter=latest.code).values_list("status", flat=True)
    )
    assert newest == {"submitted": 4, "draft": 1}  # and one agency has not started


@pytest.mark.django_db
def test_the_reports_keep_the_services_rules(authority):
    for report in ExceptionReport.objects.all():
        quarter = Quarter.parse(report.quarter)
        if report.is_submitted:
            assert all(getattr(report, n) and getattr(report, f"{n}_rag") for n in SECTIONS)
            assert quarter.start <= report.submitted_on <= END
            assert report.submitted_on > quarter.end or report.submitted_on == END
            assert report.submitted_by_name
        else:
            assert report.submitted_on is None and not report.submitted_by_name
    pairs = list(ExceptionReport.objects.values_list("agency", "quarter"))
    assert len(pairs) == len(set(pairs))
    rags = Counter(
        rag
        for values in ExceptionReport.objects.filter(status="submitted").values_list(
            *[f"{n}_rag" for n in SECTIONS]
        )
        for rag in values
    )
    total = sum(rags.values())
    assert 0.05 <= rags["red"] / total <= 0.25
    assert rags["green"] > rags["red"] and rags["amber"] > rags["red"]


@pytest.mark.django_db
def test_the_survey_has_60_to_120_responses_a_year_about_70_percent_good(authority):
    assert not PartnerSurveyResponse.objects.filter(responded_on__gt=END).exists()
    for year in (2024, 2025):  # the two whole financial years of the history
        period = Period.financial_year(year)
        count = PartnerSurveyResponse.objects.filter(
            responded_on__range=(period.start, period.end)
        ).count()
        assert 60 <= count <= 120, year
        figure = Data.for_periods([period]).figure("OBA3-06", period)
        assert figure.value is not None and 58 <= figure.value <= 82, year
    with_comments = PartnerSurveyResponse.objects.exclude(comments="").count()
    assert 0.45 <= with_comments / PartnerSurveyResponse.objects.count() <= 0.75
