"""The partnership dataset's services: exception reports (draft, submit, the rules of a
submitted report, stale edits, sending back) and the partner survey."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safeguard.access.testing.world import make_user
from safeguard.audit.models import AuditEvent
from safeguard.core import clock
from safeguard.core.exceptions import StaleRecordError
from safeguard.partnership.models.dataset import (
    ExceptionReport,
    PartnerSurveyResponse,
    ReportStatus,
)
from safeguard.partnership.quarters import Quarter
from safeguard.partnership.services import dataset as services

pytestmark = pytest.mark.django_db
TODAY = clock.today()
LAST = Quarter.containing(TODAY).previous()
NAMES = ("risks", "emerging_priorities", "resources", "workforce")
FULL = {n: f"{n} text" for n in NAMES}
RAGS = {"risks": "red", "emerging_priorities": "amber", "resources": "green", "workforce": "amber"}


def _save(**kw):
    values = {
        "agency": "police",
        "quarter": LAST,
        "sections": {"risks": "County lines in the north."},
        "rags": {"risks": "amber"},
    }
    values.update(kw)
    return services.save_exception_report(**values)


def test_a_draft_is_saved_and_changed_with_its_version():
    draft = _save()
    assert draft.status == ReportStatus.DRAFT and draft.quarter == LAST.code
    assert draft.risks_rag == "amber" and draft.workforce == ""
    changed = _save(sections=FULL, rags=RAGS, expected_version=draft.version)
    assert changed.pk == draft.pk and changed.workforce == "workforce text"
    assert ExceptionReport.objects.count() == 1
    assert AuditEvent.objects.filter(summary__contains="Police exception report").count() == 2


def test_a_stale_edit_or_a_second_new_report_is_refused():
    draft = _save()
    _save(sections=FULL, rags=RAGS, expected_version=draft.version)
    with pytest.raises(StaleRecordError):
        _save(expected_version=draft.version)  # someone saved since
    with pytest.raises(StaleRecordError):
        _save()  # they saw no report, but one exists now


def test_an_empty_draft_is_refused():
    with pytest.raises(ValidationError) as exc:
        _save(sections={}, rags={})
    assert "at least one section" in str(exc.value)


def test_submitting_needs_every_section_and_rating():
    with pytest.raises(ValidationError) as exc:
        _save(submit=True)
    errors = exc.value.message_dict
    assert "emerging_priorities" in errors and "workforce_rag" in errors
    assert "risks" not in errors
    assert not ExceptionReport.objects.exists()


def test_a_submitted_report_records_who_and_when_and_cannot_change():
    user = make_user("pc.report", "partner_agency", agency="police", last_name="Cole")
    report = _save(sections=FULL, rags=RAGS, submit=True, submitted_by=user)
    assert report.is_submitted and report.submitted_on == TODAY
    assert report.submitted_by == user and report.submitted_by_name == "pc.report Cole"
    with pytest.raises(ValidationError) as exc:
        _save(sections=FULL, rags=RAGS, expected_version=report.version)
    assert "cannot be changed" in str(exc.value)


def test_a_quarter_not_started_and_a_bad_rating_are_refused():
    later = Quarter.containing(TODAY).next()
    with pytest.raises(ValidationError) as exc:
        _save(quarter=later)
    assert "has not started" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        _save(rags={"risks": "purple"})
    assert "risks_rag" in exc.value.message_dict
    with pytest.raises(ValidationError):
        _save(agency="fire_service")


def test_the_business_unit_sends_a_submitted_report_back():
    report = _save(sections=FULL, rags=RAGS, submit=True)
    with pytest.raises(ValidationError):
        services.return_to_draft(report=report, reason="  ")
    back = services.return_to_draft(report=report, reason="Police asked to add the new figures.")
    assert back.status == ReportStatus.DRAFT and back.submitted_on is None
    with pytest.raises(ValidationError):
        services.return_to_draft(report=back, reason="Again")
    assert AuditEvent.objects.filter(summary__contains="returned to draft").count() == 1
    again = _save(sections=FULL, rags=RAGS, submit=True, expected_version=back.version)
    assert again.is_submitted


def test_a_survey_response_is_recorded():
    response = services.record_survey_response(
        agency="health", responded_on=TODAY, rating="good", comments="  Quick replies. "
    )
    assert response.comments == "Quick replies."
    assert PartnerSurveyResponse.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("agency", {"agency": "council"}),
        ("rating", {"rating": "superb"}),
        ("responded_on", {"responded_on": TODAY + dt.timedelta(days=1)}),
        ("comments", {"comments": "x" * 4001}),
    ],
)
def test_a_survey_response_breaking_a_rule_is_refused(field, values):
    kwargs = {"agency": "health", "responded_on": TODAY, "rating": "good", **values}
    with pytest.raises(ValidationError) as exc:
        services.record_survey_response(**kwargs)
    assert field in exc.value.message_dict
