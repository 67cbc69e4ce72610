"""Writes for the partnership dataset: partners' exception reports and the partner survey.

One function per business action, keyword-only, one transaction each, raising
``ValidationError`` keyed by the field at fault. Who may write which agency's report is
the views' check (``selectors.dataset.may_write``); the services keep the rules of the
record: one report per agency per quarter, not for a quarter that has not started, all
four sections and their ratings before it is submitted, and nothing changed after.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core import clock
from safeguard.core import validation as v
from safeguard.core.exceptions import StaleRecordError
from safeguard.partnership.models.dataset import (
    EXCEPTION_SECTIONS,
    ExceptionReport,
    PartnerSurveyResponse,
    ReportingAgency,
    ReportStatus,
    SectionRag,
    SurveyAgency,
    SurveyRating,
)
from safeguard.partnership.quarters import Quarter

#: A section is a few paragraphs for the QA group, not a document.
MAX_SECTION = 4000
MAX_COMMENTS = 4000
SECTION_FIELDS = tuple(name for name, _, _ in EXCEPTION_SECTIONS)
HEADINGS = {name: heading for name, heading, _ in EXCEPTION_SECTIONS}


def _section_values(sections: dict[str, str], rags: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in SECTION_FIELDS:
        text = (sections.get(name) or "").strip()
        if len(text) > MAX_SECTION:
            raise v.fail(
                name, f"Write no more than {MAX_SECTION:,} characters (this has {len(text):,})."
            )
        rag = rags.get(name) or ""
        if rag and rag not in SectionRag.values:
            raise v.fail(f"{name}_rag", f"Select red, amber or green for {HEADINGS[name].lower()}.")
        values[name] = text
        values[f"{name}_rag"] = rag
    return values


def _check_complete(values: dict[str, Any]) -> None:
    """Every section written and rated: a submitted report says something about each."""
    errors: dict[str, list[str]] = {}
    for name in SECTION_FIELDS:
        heading = HEADINGS[name].lower()
        if not values[name]:
            errors[name] = [f"Write about {heading} (write \u201cNone\u201d if there is nothing)."]
        if not values[f"{name}_rag"]:
            errors[f"{name}_rag"] = [f"Select red, amber or green for {heading}."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_exception_report(
    *,
    agency: str,
    quarter: Quarter,
    sections: dict[str, str],
    rags: dict[str, str],
    submit: bool = False,
    submitted_by: Any = None,
    submitted_on: dt.date | None = None,
    expected_version: int | None = None,
) -> ExceptionReport:
    """Write (or rewrite) the agency's report for the quarter as a draft, or submit it.

    ``sections`` and ``rags`` are keyed by the section (``risks``, ``emerging_priorities``,
    ``resources``, ``workforce``). ``expected_version`` is the version the writer started
    from: None when they saw no report (so one a colleague started meanwhile is not
    overwritten), else the report's version (a stale one raises ``StaleRecordError``).
    A submitted report cannot be changed.
    """
    if agency not in ReportingAgency.values:
        raise v.fail("agency", "Select the agency the report is for.")
    today = clock.today()
    if quarter.start > today:
        raise v.fail("quarter", f"{quarter.label} has not started yet.")
    values = _section_values(sections, rags)
    found = (
        ExceptionReport.objects.select_for_update()
        .filter(agency=agency, quarter=quarter.code)
        .first()
    )
    if found is not None and found.is_submitted:
        raise v.fail(
            "quarter",
            f"The {found.get_agency_display()} report for {quarter.label} was submitted on "
            f"{found.submitted_on:%d/%m/%Y}: it cannot be changed.",
        )
    if found is None and expected_version is not None:
        raise StaleRecordError(
            model_label=str(ExceptionReport._meta.verbose_name),
            pk=None,
            expected=expected_version,
            current=None,
        )
    if found is not None and found.version != expected_version:
        raise StaleRecordError(
            model_label=str(ExceptionReport._meta.verbose_name),
            pk=found.pk,
            expected=expected_version or 0,
            current=found.version,
        )
    if submit:
        _check_complete(values)
        day = submitted_on or today
        v.not_in_future(day, field="submitted_on", label="Date submitted")
        v.not_before(
            day, quarter.start, field="submitted_on", label="Date submitted",
            earliest_label="the start of the quarter",
        )  # fmt: skip
        values |= {
            "status": ReportStatus.SUBMITTED,
            "submitted_on": day,
            "submitted_by_name": _name(submitted_by),
        }
    elif not any(values[name] for name in SECTION_FIELDS) and found is None:
        raise v.fail(SECTION_FIELDS[0], "Write at least one section before saving a draft.")
    what = "submitted" if submit else "saved as a draft"
    if found is None:
        report = ExceptionReport.objects.create(
            agency=agency,
            quarter=quarter.code,
            submitted_by=submitted_by if submit else None,
            **values,
        )
        _audit(report, AuditAction.CREATE, what)
        return report
    for name, value in values.items():
        setattr(found, name, value)
    if submit:
        found.submitted_by = submitted_by
    found.save()
    _audit(found, AuditAction.CHANGE, what)
    return found


def _audit(report: ExceptionReport, action: str, what: str) -> None:
    """The partnership app is not captured automatically: each write says what it did."""
    record_event(
        action=action,
        obj=report,
        summary=f"{report.get_agency_display()} exception report {report.quarter} {what}",
    )


def _name(user: Any) -> str:
    if user is None:
        return ""
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return (full or getattr(user, "username", "") or "")[:160]


@transaction.atomic
def return_to_draft(*, report: ExceptionReport, reason: str) -> ExceptionReport:
    """The business unit sends a submitted report back to its agency to change (the agency
    asked, or it went in by mistake). The reason is kept in the audit log."""
    report = ExceptionReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_submitted:
        raise v.fail("reason", "The report is still a draft: the agency can already change it.")
    if not (reason or "").strip():
        raise v.fail("reason", "Say why the report goes back to the agency.")
    report.status = ReportStatus.DRAFT
    report.submitted_by = None
    report.submitted_by_name = ""
    report.submitted_on = None
    report.save()
    _audit(report, AuditAction.CHANGE, f"returned to draft: {reason.strip()[:200]}")
    return report


@transaction.atomic
def record_survey_response(
    *, agency: str, responded_on: dt.date, rating: str, comments: str = ""
) -> PartnerSurveyResponse:
    """One partner's answer to the survey, as the business unit received it."""
    if agency not in SurveyAgency.values:
        raise v.fail("agency", "Select the agency that answered.")
    if responded_on is None:
        raise v.fail("responded_on", "Enter the date of the response.")
    v.not_in_future(responded_on, field="responded_on", label="Date of the response")
    if rating not in SurveyRating.values:
        raise v.fail("rating", "Select the rating the partner gave.")
    text = (comments or "").strip()
    if len(text) > MAX_COMMENTS:
        raise v.fail(
            "comments", f"Write no more than {MAX_COMMENTS:,} characters (this has {len(text):,})."
        )
    response = PartnerSurveyResponse.objects.create(
        agency=agency, responded_on=responded_on, rating=rating, comments=text
    )
    record_event(
        action=AuditAction.CREATE,
        obj=response,
        summary=f"Partner survey response recorded ({response.get_agency_display()})",
    )
    return response
