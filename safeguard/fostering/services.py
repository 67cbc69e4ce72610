"""Writes for fostering: one function per step from enquiry to approved household.

Each is one transaction, takes keyword-only arguments, checks its rules before writing
and raises ``ValidationError`` keyed by the field at fault, naming the dates involved.
Each write is audited in the same transaction (``auditing.audit_record``), with the old
and new values of what changed: the app is outside the log's automatic capture.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.audit.models import AuditAction
from safeguard.core import validation as v
from safeguard.fostering.auditing import audit_record
from safeguard.fostering.models import (
    ApprovalType,
    EnquiryOutcome,
    EnquirySource,
    FosterCarerReview,
    FosterHousehold,
    FosteringAssessment,
    FosteringEnquiry,
    PanelRecommendation,
)
from safeguard.workforce.models import Worker


def _day(
    value: dt.date | None, *, field: str, label: str, after: dt.date | None, after_label: str
) -> None:
    v.require(value, field=field, label=label)
    v.not_in_future(value, field=field, label=label)
    v.not_before(value, after, field=field, label=label, earliest_label=after_label)


@transaction.atomic
def record_enquiry(
    *, received_on: dt.date, enquirer_name: str, source: str, notes: str = ""
) -> FosteringEnquiry:
    """Someone asks about fostering: the start of the OBA2-28 conversion."""
    _day(received_on, field="received_on", label="Date of enquiry", after=None, after_label="")
    v.require(enquirer_name.strip(), field="enquirer_name", label="Name of the enquirer")
    if source not in EnquirySource.values:
        raise v.fail("source", f"'{source}' is not a source of enquiry: choose one listed.")
    enquiry = FosteringEnquiry.objects.create(
        received_on=received_on, enquirer_name=enquirer_name.strip(), source=source, notes=notes
    )
    audit_record(enquiry, action=AuditAction.CREATE, summary="enquiry recorded")
    return enquiry


@transaction.atomic
def close_enquiry(*, enquiry: FosteringEnquiry, outcome: str, on: dt.date) -> FosteringEnquiry:
    """The enquirer withdraws, or the service does not take the enquiry further."""
    enquiry = FosteringEnquiry.objects.select_for_update().get(pk=enquiry.pk)
    if enquiry.outcome != EnquiryOutcome.OPEN:
        raise v.fail("outcome", f"This enquiry is already closed: {enquiry.get_outcome_display()}.")
    if outcome not in {EnquiryOutcome.WITHDRAWN, EnquiryOutcome.NOT_PROGRESSED}:
        raise v.fail("outcome", "Choose withdrawn or not progressed.")
    _day(on, field="on", label="Date closed", after=enquiry.received_on, after_label="the enquiry")
    enquiry.outcome, enquiry.outcome_on = outcome, on
    enquiry.save()
    audit_record(
        enquiry,
        action=AuditAction.CHANGE,
        summary="enquiry closed",
        changes={"outcome": (EnquiryOutcome.OPEN, outcome), "outcome_on": (None, on)},
    )
    return enquiry


@transaction.atomic
def start_assessment(
    *, enquiry: FosteringEnquiry, started_on: dt.date, assessing_worker: Worker
) -> FosteringAssessment:
    """Stage 1 of the assessment starts (the start of the OBA2-29 months)."""
    enquiry = FosteringEnquiry.objects.select_for_update().get(pk=enquiry.pk)
    if enquiry.outcome != EnquiryOutcome.OPEN:
        raise v.fail(
            "started_on",
            f"This enquiry is {enquiry.get_outcome_display().lower()}: only an open enquiry "
            "can progress to assessment.",
        )
    _day(
        started_on,
        field="started_on",
        label="Date stage 1 started",
        after=enquiry.received_on,
        after_label="the enquiry",
    )
    enquiry.outcome, enquiry.outcome_on = EnquiryOutcome.ASSESSMENT, started_on
    enquiry.save()
    audit_record(
        enquiry,
        action=AuditAction.CHANGE,
        summary="progressed to assessment",
        changes={
            "outcome": (EnquiryOutcome.OPEN, EnquiryOutcome.ASSESSMENT),
            "outcome_on": (None, started_on),
        },
    )
    assessment = FosteringAssessment.objects.create(
        enquiry=enquiry, assessing_worker=assessing_worker, stage_one_started_on=started_on
    )
    audit_record(assessment, action=AuditAction.CREATE, summary="stage 1 started")
    return assessment


def _lock(assessment: FosteringAssessment) -> FosteringAssessment:
    locked = FosteringAssessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.decided_on is not None or locked.ended_on is not None:
        raise v.fail("__all__", f"This assessment is finished: {locked.stage.lower()}.")
    return locked


@transaction.atomic
def start_stage_two(
    *, assessment: FosteringAssessment, stage_one_completed_on: dt.date, started_on: dt.date
) -> FosteringAssessment:
    """Stage 1 (checks and references) done; the full (stage 2) assessment starts."""
    assessment = _lock(assessment)
    if assessment.stage_two_started_on is not None:
        raise v.fail("started_on", "Stage 2 has already started.")
    _day(
        stage_one_completed_on,
        field="stage_one_completed_on",
        label="Date stage 1 completed",
        after=assessment.stage_one_started_on,
        after_label="the start of stage 1",
    )
    _day(
        started_on,
        field="started_on",
        label="Date stage 2 started",
        after=stage_one_completed_on,
        after_label="the end of stage 1",
    )
    assessment.stage_one_completed_on = stage_one_completed_on
    assessment.stage_two_started_on = started_on
    assessment.save()
    audit_record(
        assessment,
        action=AuditAction.CHANGE,
        summary="stage 2 started",
        changes={
            "stage_one_completed_on": (None, stage_one_completed_on),
            "stage_two_started_on": (None, started_on),
        },
    )
    return assessment


@transaction.atomic
def record_panel(
    *,
    assessment: FosteringAssessment,
    stage_two_completed_on: dt.date,
    panel_on: dt.date,
    recommendation: str,
) -> FosteringAssessment:
    """The fostering panel hears the completed assessment and makes its recommendation."""
    assessment = _lock(assessment)
    if assessment.stage_two_started_on is None:
        raise v.fail("panel_on", "Stage 2 has not started: a panel hears a completed stage 2.")
    _day(
        stage_two_completed_on,
        field="stage_two_completed_on",
        label="Date stage 2 completed",
        after=assessment.stage_two_started_on,
        after_label="the start of stage 2",
    )
    _day(
        panel_on,
        field="panel_on",
        label="Date of panel",
        after=stage_two_completed_on,
        after_label="the end of stage 2",
    )
    if recommendation not in PanelRecommendation.values:
        raise v.fail("recommendation", "Choose the panel's recommendation.")
    assessment.stage_two_completed_on = stage_two_completed_on
    assessment.panel_on, assessment.panel_recommendation = panel_on, recommendation
    assessment.save()
    audit_record(
        assessment,
        action=AuditAction.CHANGE,
        summary="panel recorded",
        changes={
            "stage_two_completed_on": (None, stage_two_completed_on),
            "panel_on": (None, panel_on),
            "panel_recommendation": ("", recommendation),
        },
    )
    return assessment


@transaction.atomic
def record_adm_decision(
    *,
    assessment: FosteringAssessment,
    decided_on: dt.date,
    approved: bool,
    household_name: str = "",
    carer_names: str = "",
    approval_type: str = "",
    age_from: int = 0,
    age_to: int = 17,
    children_approved: int = 1,
) -> FosteringAssessment:
    """The Agency Decision Maker decides; an approval creates the carer household."""
    assessment = _lock(assessment)
    if assessment.panel_on is None:
        raise v.fail("decided_on", "The panel has not heard this assessment yet.")
    _day(
        decided_on,
        field="decided_on",
        label="Date of the decision",
        after=assessment.panel_on,
        after_label="the panel",
    )
    assessment.decided_on, assessment.approved = decided_on, approved
    assessment.save()
    audit_record(
        assessment,
        action=AuditAction.CHANGE,
        summary="the ADM's decision recorded",
        changes={"decided_on": (None, decided_on), "approved": (None, approved)},
    )
    if approved:
        _check_terms(
            household_name, carer_names, approval_type, age_from, age_to, children_approved
        )
        household = FosterHousehold.objects.create(
            assessment=assessment,
            name=household_name.strip(),
            carer_names=carer_names.strip(),
            approved_on=decided_on,
            approval_type=approval_type,
            age_from=age_from,
            age_to=age_to,
            children_approved=children_approved,
            vacancies=children_approved,
        )
        audit_record(household, action=AuditAction.CREATE, summary="household approved")
    return assessment


def _check_terms(
    name: str, carers: str, approval_type: str, age_from: int, age_to: int, children: int
) -> None:
    v.require(name.strip(), field="household_name", label="Name of the household")
    v.require(carers.strip(), field="carer_names", label="Names of the carers")
    if approval_type not in ApprovalType.values:
        raise v.fail("approval_type", "Choose the type of approval.")
    if not 0 <= age_from <= age_to <= 17:
        raise v.fail(
            "age_to",
            f"The age band ({age_from} to {age_to}) must run from 0 to 17, youngest age first.",
        )
    if not 1 <= children <= 6:
        raise v.fail("children_approved", f"Approve for 1 to 6 children, not {children}.")


@transaction.atomic
def update_vacancies(*, household: FosterHousehold, vacancies: int) -> FosterHousehold:
    """Places free in the household now (never more than it is approved for)."""
    household = FosterHousehold.objects.select_for_update().get(pk=household.pk)
    if not household.is_active:
        raise v.fail("vacancies", "This household is de-registered.")
    if not 0 <= vacancies <= household.children_approved:
        raise v.fail(
            "vacancies",
            f"Vacancies must be 0 to {household.children_approved} (the number of children "
            "the household is approved for).",
        )
    before = household.vacancies
    household.vacancies = vacancies
    household.save()
    audit_record(
        household,
        action=AuditAction.CHANGE,
        summary="vacancies updated",
        changes={"vacancies": (before, vacancies)},
    )
    return household


@transaction.atomic
def record_review(
    *, household: FosterHousehold, held_on: dt.date, approval_continues: bool, notes: str = ""
) -> FosterCarerReview:
    """The annual review of approval (due yearly from approval or the last review)."""
    household = FosterHousehold.objects.select_for_update().get(pk=household.pk)
    if not household.is_active:
        raise v.fail("held_on", "This household is de-registered.")
    last = household.reviews.order_by("-held_on").first()
    after, label = (
        (last.held_on, "the last review")
        if last is not None
        else (household.approved_on, "approval")
    )
    _day(held_on, field="held_on", label="Date of review", after=after, after_label=label)
    if last is not None and held_on == last.held_on:
        raise v.fail("held_on", f"A review on {held_on:%d/%m/%Y} is already recorded.")
    review = FosterCarerReview.objects.create(
        household=household, held_on=held_on, approval_continues=approval_continues, notes=notes
    )
    audit_record(review, action=AuditAction.CREATE, summary="annual review recorded")
    return review


@transaction.atomic
def deregister_household(
    *, household: FosterHousehold, on: dt.date, reason: str
) -> FosterHousehold:
    """The household stops fostering for us (resignation or termination of approval)."""
    household = FosterHousehold.objects.select_for_update().get(pk=household.pk)
    if not household.is_active:
        raise v.fail("on", f"Already de-registered on {household.deregistered_on:%d/%m/%Y}.")
    _day(
        on,
        field="on",
        label="Date of de-registration",
        after=household.approved_on,
        after_label="approval",
    )
    v.require(reason.strip(), field="reason", label="Reason for de-registration")
    before = household.vacancies
    household.deregistered_on, household.deregistration_reason = on, reason.strip()
    household.vacancies = 0
    household.save()
    audit_record(
        household,
        action=AuditAction.CHANGE,
        summary="de-registered",
        changes={
            "deregistered_on": (None, on),
            "deregistration_reason": ("", household.deregistration_reason),
            "vacancies": (before, 0),
        },
    )
    return household
