"""Writes for early help: requests, assessments, TAF plans and reviews, step up and down, closure.

Every service is one transaction, takes keyword-only arguments, checks its invariants
before writing and raises ``ValidationError`` keyed by the field at fault, so nothing is
half-written. Referrals are opened and CIN episodes closed only through
``safeguard.cin.services`` (``open_referral``, ``close_cin_episode``).
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from safeguard.cin import rules as cin_rules
from safeguard.cin import selectors as cin_selectors
from safeguard.cin import services as cin_services
from safeguard.cin.models import CINEpisode
from safeguard.core import clock
from safeguard.core import validation as v
from safeguard.earlyhelp.models import (
    EARLY_HELP_SOURCE,
    SOCIAL_CARE_SOURCE,
    EarlyHelpClosureReason,
    EarlyHelpEpisode,
    LeadProfessionalAgency,
    TafReview,
    TeamAroundFamilyPlan,
)
from safeguard.frontdoor.models import MashDecision
from safeguard.people.models import Person, PersonKind
from safeguard.workforce.models import Worker

#: CIN reason for closure when a child steps down to early help straight after assessment.
STEP_DOWN_AFTER_ASSESSMENT = "RC9"
#: CIN reason for closure when a child steps down after a CIN plan: RC9 is "closed after
#: assessment" and cannot be used on an episode with a CIN plan (CIN census 2990).
STEP_DOWN_AFTER_CIN_PLAN = "RC7"


@transaction.atomic
def request_early_help(
    *,
    child: Person,
    requested_on: dt.date,
    request_source: str,
    request_details: str = "",
    mash_decision: MashDecision | None = None,
    stepped_down_from: CINEpisode | None = None,
) -> EarlyHelpEpisode:
    """Open an early help episode for a child.

    One open episode per child and no overlap with an earlier one; not in the future, not
    after the child's death or more than nine months before birth; not while the child
    is open to children's social care (a CIN episode is stepped down instead).
    """
    v.require(requested_on, field="requested_on", label="Early help request date")
    v.not_in_future(requested_on, field="requested_on", label="Early help request date")
    v.valid_code(request_source, codelist_key="referral_source", field="request_source")
    if child.kind != PersonKind.CHILD:
        raise v.fail("child", f"{child} is recorded as an adult; early help is for a child.")
    if child.date_of_birth is not None:
        v.not_before(
            requested_on,
            child.date_of_birth - relativedelta(months=9),
            field="requested_on",
            label="Early help request date",
            earliest_label="nine months before the child's date of birth",
        )
    cin_rules.child_alive_on(
        child, requested_on, field="requested_on", label="Early help request date"
    )
    if mash_decision is not None and mash_decision.child_id != child.pk:
        raise v.fail("mash_decision", f"That MASH decision is about {mash_decision.child}.")
    if stepped_down_from is not None:
        if stepped_down_from.child_id != child.pk:
            raise v.fail(
                "stepped_down_from", f"That CIN episode belongs to {stepped_down_from.child}."
            )
        v.not_before(
            requested_on,
            stepped_down_from.closure_date,
            field="requested_on",
            label="Early help request date",
            earliest_label="the closure of the CIN episode stepped down from",
        )

    Person.objects.select_for_update().filter(pk=child.pk).first()
    _check_no_overlapping_early_help(child, requested_on)
    _check_not_open_to_social_care(child, requested_on)
    return EarlyHelpEpisode.objects.create(
        child=child,
        requested_on=requested_on,
        request_source=request_source,
        request_details=request_details.strip(),
        mash_decision=mash_decision,
        stepped_down_from=stepped_down_from,
    )


def start_early_help_for_mash_decision(decision: MashDecision) -> EarlyHelpEpisode:
    """The starter registered with ``safeguard.frontdoor.hooks``.

    The episode is requested on the decision's date, with the contact's source.
    """
    return request_early_help(
        child=decision.child,
        requested_on=timezone.localtime(decision.decided_at).date(),
        request_source=decision.triage.contact.source,
        request_details=decision.reasons,
        mash_decision=decision,
    )


@transaction.atomic
def start_early_help_assessment(
    *,
    episode: EarlyHelpEpisode,
    started_on: dt.date,
    agency: str,
    expected_version: int | None = None,
) -> EarlyHelpEpisode:
    """Start the early help assessment, naming the organisation completing it.

    Not before the request, not in the future, once per episode.
    """
    episode = _locked_open(
        episode, action="start an early help assessment", expected_version=expected_version
    )
    if episode.assessment_started_on is not None:
        raise v.fail(
            "assessment_started_on",
            f"The early help assessment already started on "
            f"{episode.assessment_started_on:%d/%m/%Y}.",
        )
    _check_date(started_on, field="assessment_started_on", label="Assessment start date")
    v.not_before(
        started_on,
        episode.requested_on,
        field="assessment_started_on",
        label="Assessment start date",
        earliest_label="the early help request",
    )
    cin_rules.valid_choice(
        agency,
        LeadProfessionalAgency,
        field="assessment_agency",
        label="Organisation completing the assessment",
    )
    episode.assessment_started_on = started_on
    episode.assessment_agency = agency
    episode.save()
    return episode


@transaction.atomic
def complete_early_help_assessment(
    *, episode: EarlyHelpEpisode, completed_on: dt.date, expected_version: int | None = None
) -> EarlyHelpEpisode:
    """Record the early help assessment's completion: after its start, not in the future."""
    episode = _locked_open(
        episode, action="complete an early help assessment", expected_version=expected_version
    )
    if episode.assessment_completed_on is not None:
        raise v.fail(
            "assessment_completed_on",
            f"The early help assessment was already completed on "
            f"{episode.assessment_completed_on:%d/%m/%Y}.",
        )
    _check_date(completed_on, field="assessment_completed_on", label="Assessment completion date")
    if episode.assessment_started_on is None:
        raise v.fail(
            "assessment_completed_on",
            "The early help assessment has not been started: record its start first.",
        )
    v.not_before(
        completed_on,
        episode.assessment_started_on,
        field="assessment_completed_on",
        label="Assessment completion date",
        earliest_label="the assessment's start",
    )
    episode.assessment_completed_on = completed_on
    episode.save()
    return episode


@transaction.atomic
def appoint_lead_professional(
    *,
    episode: EarlyHelpEpisode,
    name: str,
    agency: str,
    role: str = "",
    worker: Worker | None = None,
    expected_version: int | None = None,
) -> EarlyHelpEpisode:
    """Name the lead professional (who may work for a partner, e.g. a school)."""
    episode = _locked_open(
        episode, action="appoint a lead professional", expected_version=expected_version
    )
    name = (name or "").strip() or (str(worker) if worker is not None else "")
    if not name:
        raise v.fail("lead_professional_name", "The lead professional's name is required.")
    cin_rules.valid_choice(
        agency,
        LeadProfessionalAgency,
        field="lead_professional_agency",
        label="Lead professional's agency",
    )
    if worker is not None:
        cin_rules.worker_in_post(
            worker, clock.today(), field="lead_professional_worker", label="The lead professional"
        )
    episode.lead_professional_name = name
    episode.lead_professional_agency = agency
    episode.lead_professional_role = role.strip()
    episode.lead_professional_worker = worker
    episode.save()
    return episode


@transaction.atomic
def start_taf_plan(
    *,
    episode: EarlyHelpEpisode,
    started_on: dt.date,
    outcomes: str,
    members: str = "",
) -> TeamAroundFamilyPlan:
    """Start the SMART Team Around the Family plan.

    It follows the early help assessment (not before its completion) and needs a lead
    professional and its outcomes; one plan per episode (later changes go in reviews).
    """
    episode = _locked_open(episode, action="start a Team Around the Family plan")
    existing = TeamAroundFamilyPlan.objects.filter(episode=episode).first()
    if existing is not None:
        raise v.fail(
            "episode",
            f"This episode already has a Team Around the Family plan from "
            f"{existing.started_on:%d/%m/%Y}; record changes at its reviews.",
        )
    _check_date(started_on, field="started_on", label="TAF plan start date")
    if episode.assessment_completed_on is None:
        raise v.fail(
            "started_on",
            "A Team Around the Family plan follows the early help assessment: record the "
            "assessment's completion first.",
        )
    v.not_before(
        started_on,
        episode.assessment_completed_on,
        field="started_on",
        label="TAF plan start date",
        earliest_label="the early help assessment's completion",
    )
    if not episode.lead_professional_name:
        raise v.fail(
            "lead_professional_name",
            "A Team Around the Family plan needs a lead professional: appoint one first.",
        )
    text = (outcomes or "").strip()
    if not text:
        raise v.fail("outcomes", "The plan's outcomes are required.")
    return TeamAroundFamilyPlan.objects.create(
        episode=episode, started_on=started_on, outcomes=text, members=members.strip()
    )


@transaction.atomic
def review_taf_plan(
    *,
    plan: TeamAroundFamilyPlan,
    held_on: dt.date,
    progress: str,
    attendees: str = "",
) -> TafReview:
    """Record a TAF review held while the plan was in force (from its start to closure)."""
    plan = (
        TeamAroundFamilyPlan.objects.select_for_update(of=("self",))
        .select_related("episode")
        .get(pk=plan.pk)
    )
    _check_date(held_on, field="held_on", label="Review date")
    v.not_before(
        held_on,
        plan.started_on,
        field="held_on",
        label="Review date",
        earliest_label="the TAF plan start date",
    )
    cin_rules.not_after(
        held_on,
        plan.episode.closed_on,
        field="held_on",
        label="Review date",
        latest_label="the closure of the early help episode",
    )
    text = (progress or "").strip()
    if not text:
        raise v.fail("progress", "The progress against the plan is required.")
    return TafReview.objects.create(
        plan=plan, held_on=held_on, progress=text, attendees=attendees.strip()
    )


@transaction.atomic
def close_early_help(
    *,
    episode: EarlyHelpEpisode,
    closed_on: dt.date,
    closure_reason: str,
    closure_notes: str = "",
    expected_version: int | None = None,
) -> EarlyHelpEpisode:
    """Close an early help episode (needs met, disengaged, moved or other).

    Not before anything recorded on it; "other" needs notes. Stepping up to social care
    is ``step_up_to_social_care``, which also opens the referral.
    """
    episode = _locked_open(episode, action="close it", expected_version=expected_version)
    cin_rules.valid_choice(
        closure_reason, EarlyHelpClosureReason, field="closure_reason", label="Closure reason"
    )
    if closure_reason == EarlyHelpClosureReason.STEPPED_UP:
        raise v.fail(
            "closure_reason",
            "Stepping up to children's social care also opens a referral: use step up to "
            "social care rather than closing the episode.",
        )
    if closure_reason == EarlyHelpClosureReason.OTHER and not closure_notes.strip():
        raise v.fail("closure_notes", "Closing early help for an 'other' reason needs notes.")
    _check_closure_date(episode, closed_on, field="closed_on", label="Closure date")
    episode.closed_on = closed_on
    episode.closure_reason = closure_reason
    episode.closure_notes = closure_notes.strip()
    episode.save()
    return episode


@transaction.atomic
def step_up_to_social_care(
    *,
    episode: EarlyHelpEpisode,
    stepped_up_on: dt.date,
    reasons: str,
    primary_need: str = "",
    expected_version: int | None = None,
) -> EarlyHelpEpisode:
    """Close early help as stepped up and open a referral (source 5D, early help).

    The referral is dated the day of the step up; the usual referral rules apply (one open
    CIN episode, no overlap, not in the future). Returns the closed early help episode,
    linked to the new CIN episode (``stepped_up_to``).
    """
    episode = _locked_open(episode, action="step it up", expected_version=expected_version)
    text = (reasons or "").strip()
    if not text:
        raise v.fail("reasons", "The reasons for stepping up to social care are required.")
    _check_closure_date(episode, stepped_up_on, field="stepped_up_on", label="Step-up date")
    cin_services.open_referral(
        child=episode.child,
        referral_date=stepped_up_on,
        referral_source=EARLY_HELP_SOURCE,
        primary_need=primary_need,
    )
    # Opening the referral stepped the episode up (step_up_on_referral); add the reasons.
    episode.refresh_from_db()
    episode.closure_notes = text
    episode.save()
    return episode


def step_up_on_referral(cin_episode: CINEpisode) -> None:
    """Close any open early help as stepped up when a referral opens for the child.

    Runs inside ``open_referral``'s transaction (registered with cin's hooks), so a MASH
    "assessment" decision or a direct referral never leaves early help silently open.
    """
    open_episode = (
        EarlyHelpEpisode.objects.select_for_update()
        .filter(child=cin_episode.child, closed_on__isnull=True)
        .first()
    )
    if open_episode is None:
        return
    _check_closure_date(
        open_episode, cin_episode.referral_date, field="referral_date", label="Referral date"
    )
    open_episode.closed_on = cin_episode.referral_date
    open_episode.closure_reason = EarlyHelpClosureReason.STEPPED_UP
    open_episode.closure_notes = "Stepped up: referral to children's social care opened."
    open_episode.stepped_up_to = cin_episode
    open_episode.save()


@transaction.atomic
def step_down_to_early_help(
    *,
    cin_episode: CINEpisode,
    stepped_down_on: dt.date,
    signed_off_by: Worker,
    closure_summary: str,
    signed_off_on: dt.date | None = None,
    request_details: str = "",
    expected_version: int | None = None,
) -> EarlyHelpEpisode:
    """Close a CIN episode as referred to early help and open an early help episode.

    The CIN episode closes through ``close_cin_episode`` (manager sign-off, summary, nothing
    open on it) with reason RC9 (closed after assessment, referred to early help), or RC7
    (services ceased) when the episode had a CIN plan, since RC9 cannot close an episode
    with a CIN plan (CIN census 2990). The early help episode is requested the same day,
    source 5A (social care).
    """
    child = cin_episode.child
    current = EarlyHelpEpisode.objects.filter(child=child, closed_on__isnull=True).first()
    if current is not None:
        raise v.fail(
            "cin_episode",
            f"{child} already has an open early help episode from "
            f"{current.requested_on:%d/%m/%Y}; close the CIN episode without stepping down.",
        )
    had_cin_plan = cin_selectors.cin_plans_for_episode(cin_episode).exists()
    reason = STEP_DOWN_AFTER_CIN_PLAN if had_cin_plan else STEP_DOWN_AFTER_ASSESSMENT
    closed = cin_services.close_cin_episode(
        episode=cin_episode,
        closure_date=stepped_down_on,
        reason_for_closure=reason,
        signed_off_by=signed_off_by,
        signed_off_on=signed_off_on,
        closure_summary=closure_summary,
        expected_version=expected_version,
    )
    return request_early_help(
        child=closed.child,
        requested_on=stepped_down_on,
        request_source=SOCIAL_CARE_SOURCE,
        request_details=(request_details or closure_summary).strip(),
        stepped_down_from=closed,
    )


def _locked_open(
    episode: EarlyHelpEpisode, *, action: str, expected_version: int | None = None
) -> EarlyHelpEpisode:
    """The episode, locked; refused when closed or edited since the user's copy."""
    episode = (
        EarlyHelpEpisode.objects.select_for_update(of=("self",))
        .select_related("child")
        .get(pk=episode.pk)
    )
    cin_rules.not_stale(episode, expected_version)
    if episode.closed_on is not None:
        raise v.fail(
            "episode",
            f"Cannot {action}: the early help episode from {episode.requested_on:%d/%m/%Y} was "
            f"closed on {episode.closed_on:%d/%m/%Y}.",
        )
    return episode


def _check_date(value: dt.date | None, *, field: str, label: str) -> None:
    v.require(value, field=field, label=label)
    v.not_in_future(value, field=field, label=label)


def _check_closure_date(
    episode: EarlyHelpEpisode, closed_on: dt.date, *, field: str, label: str
) -> None:
    """Not in the future and not before anything recorded on the episode."""
    _check_date(closed_on, field=field, label=label)
    v.not_before(
        closed_on, episode.requested_on, field=field, label=label, earliest_label="the request"
    )
    v.not_before(
        closed_on,
        episode.assessment_started_on,
        field=field,
        label=label,
        earliest_label="the early help assessment's start",
    )
    v.not_before(
        closed_on,
        episode.assessment_completed_on,
        field=field,
        label=label,
        earliest_label="the early help assessment's completion",
    )
    plan = TeamAroundFamilyPlan.objects.filter(episode=episode).first()
    if plan is not None:
        v.not_before(
            closed_on,
            plan.started_on,
            field=field,
            label=label,
            earliest_label="the TAF plan start date",
        )
        last_review = plan.reviews.order_by("-held_on").first()
        if last_review is not None:
            v.not_before(
                closed_on,
                last_review.held_on,
                field=field,
                label=label,
                earliest_label="the last TAF review",
            )


def _check_no_overlapping_early_help(child: Person, requested_on: dt.date) -> None:
    """A new episode is open from its request, so it must follow every earlier episode."""
    current = EarlyHelpEpisode.objects.filter(child=child, closed_on__isnull=True).first()
    if current is not None:
        raise v.fail(
            "child",
            f"{child} already has an open early help episode from "
            f"{current.requested_on:%d/%m/%Y}; a child has one open early help episode.",
        )
    later = (
        EarlyHelpEpisode.objects.filter(child=child, closed_on__gt=requested_on)
        .order_by("-closed_on")
        .first()
    )
    if later is not None and later.closed_on is not None:
        raise v.fail(
            "requested_on",
            f"Early help request date ({requested_on:%d/%m/%Y}) cannot be before the end of an "
            f"earlier early help episode ({later.requested_on:%d/%m/%Y} to "
            f"{later.closed_on:%d/%m/%Y}); early help episodes cannot overlap.",
        )


def _check_not_open_to_social_care(child: Person, requested_on: dt.date) -> None:
    """Early help and children's social care do not run at once for the same child."""
    open_episode = cin_selectors.open_episode(child)
    if open_episode is not None:
        raise v.fail(
            "child",
            f"{child} is open to children's social care (CIN episode from "
            f"{open_episode.referral_date:%d/%m/%Y}): step the CIN episode down to early help "
            "instead.",
        )
    later = (
        CINEpisode.objects.filter(child=child, closure_date__gt=requested_on)
        .order_by("-closure_date")
        .first()
    )
    if later is not None and later.closure_date is not None:
        raise v.fail(
            "requested_on",
            f"Early help request date ({requested_on:%d/%m/%Y}) cannot be before the end of "
            f"the child's CIN episode ({later.referral_date:%d/%m/%Y} to "
            f"{later.closure_date:%d/%m/%Y}): early help and social care cannot overlap.",
        )
