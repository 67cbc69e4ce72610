"""Writes for allegations against people who work with children (the LADO's cases).

One function per step of the LADO process: record the contact, progress it to a referral,
record strategy and review meetings, the outcome, the DBS decision, and close. Each is one
transaction, takes keyword-only arguments, checks its rules before writing and raises
``ValidationError`` keyed by the field at fault; an edit from a stale copy raises
``StaleRecordError``. Every write is audited once per child the case names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from safeguard.audit.models import AuditAction
from safeguard.core import validation as v
from safeguard.partnership.auditing import audit_case
from safeguard.partnership.models import (
    DBS_OUTCOMES,
    Allegation,
    AllegationChild,
    AllegationMeeting,
    Category,
    ContactOutcome,
    MeetingKind,
    Outcome,
    SourceAgency,
    Stage,
    SubjectRole,
)
from safeguard.partnership.services.lado_checks import (
    check_children,
    check_choice,
    check_date,
    check_officer,
    check_open,
    create_with_reference,
    day_text,
    lock,
    not_before,
    referral_date,
)
from safeguard.people.models import Person, PersonKind
from safeguard.workforce.models import Worker


@transaction.atomic
def record_contact(
    *,
    lado_informed_on: dt.date,
    source_agency: str,
    subject_name: str,
    subject_role: str,
    category: str,
    summary: str,
    reported_to_employer_on: dt.date | None = None,
    source_detail: str = "",
    subject_person: Person | None = None,
    subject_employer: str = "",
    children: Sequence[Person] = (),
    other_children: str = "",
    officer: Worker | None = None,
) -> Allegation:
    """A contact reaches the LADO: the allegation is on record, at the contact stage.

    Dates not in the future; the employer knew on or before the LADO was told (the
    ``lado_informed`` timescale counts from then). The subject is named (their record, if
    linked, is an adult's); the children named are children's records, each once; the
    officer is a LADO in post on the day.
    """
    informed = check_date(
        lado_informed_on, field="lado_informed_on", label="Date the LADO was informed"
    )
    if reported_to_employer_on is not None:
        v.not_in_future(
            reported_to_employer_on,
            field="reported_to_employer_on",
            label="Date the employer knew",
        )
        if reported_to_employer_on > informed:
            raise v.fail(
                "reported_to_employer_on",
                f"Date the employer knew ({day_text(reported_to_employer_on)}) cannot be after "
                f"the date the LADO was informed ({day_text(informed)}).",
            )
    check_choice(source_agency, SourceAgency, field="source_agency", label="who made the contact")
    check_choice(subject_role, SubjectRole, field="subject_role", label="the person's role")
    check_choice(category, Category, field="category", label="the category of the allegation")
    name = subject_name.strip()
    if subject_person is not None:
        if subject_person.kind != PersonKind.ADULT:
            raise v.fail(
                "subject_person",
                f"{subject_person} is a child's record: the allegation is about an adult "
                "who works with children.",
            )
        name = name or f"{subject_person.first_name} {subject_person.last_name}"
    if not name:
        raise v.fail("subject_name", "Enter the name of the person the allegation is about.")
    if not summary.strip():
        raise v.fail("summary", "Describe what is alleged.")
    check_children(children, subject_person)
    check_officer(officer, informed)
    allegation = create_with_reference(
        informed.year,
        lado_informed_on=informed,
        reported_to_employer_on=reported_to_employer_on,
        source_agency=source_agency,
        source_detail=source_detail.strip(),
        subject_name=name,
        subject_person=subject_person,
        subject_role=subject_role,
        subject_employer=subject_employer.strip(),
        category=category,
        summary=summary.strip(),
        other_children=other_children.strip(),
        officer=officer,
    )
    AllegationChild.objects.bulk_create(
        [AllegationChild(allegation=allegation, child=child) for child in children]
    )
    audit_case(allegation, action=AuditAction.CREATE, summary="contact recorded")
    return allegation


@transaction.atomic
def progress_to_referral(
    *, allegation: Allegation, referral_on: dt.date, expected_version: int | None = None
) -> Allegation:
    """The contact meets the harm threshold: it becomes a referral (on or after the
    contact, not in the future; an open contact only)."""
    allegation = lock(allegation, expected_version)
    check_open(allegation, field="referral_on")
    if allegation.referral_on is not None:
        raise v.fail(
            "referral_on",
            f"{allegation.reference} became a referral on {day_text(allegation.referral_on)}.",
        )
    day = check_date(referral_on, field="referral_on", label="Date it became a referral")
    not_before(
        day,
        allegation.lado_informed_on,
        field="referral_on",
        label="Date it became a referral",
        what="the contact",
    )
    allegation.stage = Stage.REFERRAL
    allegation.referral_on = day
    allegation.save(update_fields=["stage", "referral_on"])
    audit_case(
        allegation,
        action=AuditAction.CHANGE,
        summary="progressed to referral",
        changes={"stage": (Stage.CONTACT, Stage.REFERRAL), "referral_on": (None, day)},
    )
    return allegation


@transaction.atomic
def record_meeting(
    *,
    allegation: Allegation,
    held_on: dt.date,
    police_involved: bool = False,
    notes: str = "",
    expected_version: int | None = None,
) -> AllegationMeeting:
    """A strategy meeting (the first) or review meeting (any later one) on a referral:
    an open referral, on or after the referral date and after the previous meeting."""
    allegation = lock(allegation, expected_version)
    check_open(allegation, field="held_on")
    referral_on = referral_date(allegation, field="held_on", what="a strategy meeting")
    day = check_date(held_on, field="held_on", label="Date of the meeting")
    not_before(day, referral_on, field="held_on", label="Date of the meeting", what="the referral")
    previous = allegation.meetings.order_by("-held_on").first()
    if previous is not None:
        not_before(
            day,
            previous.held_on,
            field="held_on",
            label="Date of the meeting",
            what=f"the last meeting, the {previous.get_kind_display().lower()}",
        )
    meeting = AllegationMeeting.objects.create(
        allegation=allegation,
        kind=MeetingKind.STRATEGY if previous is None else MeetingKind.REVIEW,
        held_on=day,
        police_involved=police_involved,
        notes=notes.strip(),
    )
    allegation.save(update_fields=[])  # a new version: the case page's copy is now stale
    audit_case(
        allegation,
        action=AuditAction.CREATE,
        summary=f"{meeting.get_kind_display().lower()} recorded",
        obj=meeting,
    )
    return meeting


@transaction.atomic
def record_outcome(
    *,
    allegation: Allegation,
    outcome: str,
    outcome_on: dt.date,
    expected_version: int | None = None,
) -> Allegation:
    """The outcome of a referral, once: on or after the referral and its meetings."""
    allegation = lock(allegation, expected_version)
    check_open(allegation, field="outcome")
    referral_on = referral_date(allegation, field="outcome", what="an outcome")
    if allegation.outcome:
        raise v.fail(
            "outcome",
            f"The outcome was recorded on {day_text(allegation.outcome_on)}: "  # type: ignore[arg-type]
            f"{allegation.get_outcome_display()}.",
        )
    check_choice(outcome, Outcome, field="outcome", label="the outcome")
    day = check_date(outcome_on, field="outcome_on", label="Date of the outcome")
    not_before(
        day, referral_on, field="outcome_on", label="Date of the outcome", what="the referral"
    )
    last = allegation.meetings.order_by("-held_on").first()
    if last is not None:
        not_before(
            day,
            last.held_on,
            field="outcome_on",
            label="Date of the outcome",
            what="the last meeting",
        )
    allegation.outcome = outcome
    allegation.outcome_on = day
    allegation.save(update_fields=["outcome", "outcome_on"])
    audit_case(
        allegation,
        action=AuditAction.CHANGE,
        summary="outcome recorded",
        changes={"outcome": ("", outcome), "outcome_on": (None, day)},
    )
    return allegation


@transaction.atomic
def record_dbs_decision(
    *,
    allegation: Allegation,
    referred: bool,
    referred_on: dt.date | None = None,
    expected_version: int | None = None,
) -> Allegation:
    """Whether the person was referred to the DBS, after the outcome, once.

    A referral to the DBS follows a substantiated or unsubstantiated outcome (not one
    shown false, malicious or unfounded), dated on or after the outcome.
    """
    allegation = lock(allegation, expected_version)
    check_open(allegation, field="referred")
    referral_date(allegation, field="referred", what="a DBS decision")
    if not allegation.outcome or allegation.outcome_on is None:
        raise v.fail("referred", "Record the outcome before the decision on a DBS referral.")
    if allegation.dbs_referral is not None:
        raise v.fail("referred", "The decision on a DBS referral is already recorded.")
    if referred:
        if allegation.outcome not in DBS_OUTCOMES:
            raise v.fail(
                "referred",
                f"The allegation was found {allegation.get_outcome_display().lower()}: a DBS "
                "referral follows only a substantiated or unsubstantiated outcome.",
            )
        day = check_date(referred_on, field="referred_on", label="Date referred to the DBS")
        not_before(
            day,
            allegation.outcome_on,
            field="referred_on",
            label="Date referred to the DBS",
            what="the outcome",
        )
    elif referred_on is not None:
        raise v.fail("referred_on", "Leave the date empty when the person was not referred.")
    else:
        day = None
    allegation.dbs_referral = referred
    allegation.dbs_referred_on = day
    allegation.save(update_fields=["dbs_referral", "dbs_referred_on"])
    audit_case(
        allegation,
        action=AuditAction.CHANGE,
        summary="DBS decision recorded",
        changes={"dbs_referral": (None, referred), "dbs_referred_on": (None, day)},
    )
    return allegation


@transaction.atomic
def close_allegation(
    *,
    allegation: Allegation,
    closed_on: dt.date,
    contact_outcome: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> Allegation:
    """Close the case, not before anything recorded on it.

    A contact closes with how it was resolved (advice, for the employer…); a referral
    closes once its outcome and the DBS decision are recorded.
    """
    allegation = lock(allegation, expected_version)
    check_open(allegation, field="closed_on")
    day = check_date(closed_on, field="closed_on", label="Date closed")
    if allegation.referral_on is None:
        check_choice(contact_outcome, ContactOutcome, field="contact_outcome", label="how it ended")
        latest, what = allegation.lado_informed_on, "the contact"
    else:
        if contact_outcome:
            raise v.fail(
                "contact_outcome",
                "A referral closes with its outcome: leave 'how the contact ended' empty.",
            )
        if not allegation.outcome:
            raise v.fail("closed_on", "Record the outcome of the referral before closing it.")
        if allegation.dbs_referral is None:
            raise v.fail("closed_on", "Record the decision on a DBS referral before closing.")
        dates = [
            (allegation.referral_on, "the referral"),
            (allegation.outcome_on, "the outcome"),
            (allegation.dbs_referred_on, "the DBS referral"),
        ]
        dates += [(m.held_on, "the last meeting") for m in allegation.meetings.all()]
        latest, what = max(((d, w) for d, w in dates if d is not None), key=lambda p: p[0])
    not_before(day, latest, field="closed_on", label="Date closed", what=what)
    allegation.closed_on = day
    allegation.contact_outcome = contact_outcome
    allegation.closure_note = note.strip()
    allegation.save(update_fields=["closed_on", "contact_outcome", "closure_note"])
    audit_case(
        allegation,
        action=AuditAction.CHANGE,
        summary="closed",
        changes={"closed_on": (None, day), "contact_outcome": ("", contact_outcome)},
    )
    return allegation
