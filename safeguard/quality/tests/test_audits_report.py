"""The audit report: periods, what it counts, and the PDF and CSV downloads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.core import clock
from safeguard.quality.models import Grade
from safeguard.quality.selectors.audits_report import PeriodError, ReportPeriod, audit_report
from safeguard.quality.services import audits as services
from safeguard.quality.tests.conftest import all_scores

pytestmark = pytest.mark.django_db
TODAY = clock.today()


def test_periods_read_months_and_quarters():
    month = ReportPeriod.parse("2024-06")
    assert (month.start, month.end) == (dt.date(2024, 6, 1), dt.date(2024, 6, 30))
    quarter = ReportPeriod.parse("2024-Q1")
    assert (quarter.start, quarter.end) == (dt.date(2024, 4, 1), dt.date(2024, 6, 30))
    for bad in ("2024-13", "June", ""):
        with pytest.raises(PeriodError):
            ReportPeriod.parse(bad)


def test_the_report_counts_moderated_audits(make_audit, qa_user, social_worker_user):
    audit = services.complete_audit(
        audit=make_audit(), scores=all_scores(4), grade=Grade.REQUIRES_IMPROVEMENT,
        strengths="s", areas_for_development="a", themes=[],
    )  # fmt: skip
    services.add_action(audit=audit, action="a", worker=social_worker_user.worker, due_on=TODAY)
    period = ReportPeriod.month(TODAY)
    before = audit_report(period, run_on=TODAY)
    assert (before.completed, before.moderated, before.average) == (1, 0, None)
    services.moderate_audit(
        audit=audit, by=qa_user, agreed=False, grade=Grade.INADEQUATE, reason="r"
    )
    after = audit_report(period, run_on=TODAY)
    assert after.moderated == 1 and after.average == pytest.approx(4.0)
    assert dict(after.grades)["Inadequate"] == 1 and after.changed_grades == 1
    assert after.actions_set == 1 and after.actions_open == 1


def test_the_pdf_download(qa_client, make_audit):
    make_audit()
    response = qa_client.get(
        reverse("quality:audit_report_export", kwargs={"fmt": "pdf"}),
        {"period": f"{TODAY:%Y-%m}"},
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert (
        response["Content-Disposition"] == f'attachment; filename="case-audits-{TODAY:%Y-%m}.pdf"'
    )
