"""Writes for children-in-need episodes (referral to closure), CIN plans and visits.

Every service is one transaction, takes keyword-only arguments, checks its invariants
before writing anything and raises ``ValidationError`` keyed by the field at fault.
Rules that need facts owned by the assessment and protection apps run through
``safeguard.cin.hooks`` (those apps register them), so cin never imports upwards.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db import transaction

from safeguard.cin import hooks, rules, selectors
from safeguard.cin.models import (
    EPISODE_VISIT_TYPES,
    CINEpisode,
    CINPlan,
    CINPlanEndReason,
    CINPlanReview,
    Visit,
    VisitLocation,
    VisitType,
)
from safeguard.core import validation as v
from safeguard.people.models import Person
from safeguard.workforce.models import Worker, WorkerRole

RE_REFERRAL_WINDOW = relativedelta(months=12)


@transaction.atomic
def open_referral(
    *,
    child: Person,
    referral_date: dt.date,
    referral_source: str,
    primary_need: str = "",
) -> CINEpisode:
    """Open a CIN episode for a referral accepted by children's social care.

    A child has at most one open episode (the CIN census forbids overlapping CINdetails);
    new concerns on an open case are recorded against that episode instead.
    """
    v.require(referral_date, field="referral_date", label="Referral date")
    v.not_in_future(referral_date, field="referral_date", label="Referral date")
    v.valid_code(referral_source, codelist_key="referral_source", field="referral_source")
    v.valid_code(primary_need, codelist_key="primary_need", field="primary_need", required=False)
    if child.date_of_birth is not None:
        v.not_before(
            referral_date,
            child.date_of_birth - relativedelta(months=9),
            field="referral_date",
            label="Referral date",
            earliest_label="nine months before the child's date of birth",
        )
    if child.date_of_death is not None and referral_date > child.date_of_death:
        raise v.fail(
            "referral_date",
            f"Referral date ({referral_date:%d/%m/%Y}) cannot be after the child's date of "
            f"death ({child.date_of_death:%d/%m/%Y}).",
        )
    Person.objects.select_for_update().filter(pk=child.pk).first()
    episodes = list(CINEpisode.objects.filter(child=child).order_by("referral_date"))
    for episode in episodes:
        if episode.closure_date is None:
            raise v.fail(
                "referral_date",
                f"{child} already has an open CIN episode from "
                f"{episode.referral_date:%d/%m/%Y}: record the new referral information on "
                "that episode, or close it first.",
            )
        if episode.referral_date <= referral_date <= episode.closure_date:
            raise v.fail(
                "referral_date",
                f"Referral date ({referral_date:%d/%m/%Y}) falls inside an earlier CIN episode "
                f"({episode.referral_date:%d/%m/%Y} to {episode.closure_date:%d/%m/%Y}); "
                "CIN episodes cannot overlap.",
            )
    is_re_referral = any(
        e.referral_date < referral_date and e.referral_date >= referral_date - RE_REFERRAL_WINDOW
        for e in episodes
    )
    episode = CINEpisode.objects.create(
        child=child,
        referral_date=referral_date,
        referral_source=referral_source,
        primary_need=primary_need,
        is_re_referral=is_re_referral,
    )
    hooks.run_referral_opened_actions(episode)
    return episode


#: Closure reasons meaning "closed after assessment" (CIN census 2990: no CIN plan, s47 or
#: CP plan may be recorded on such an episode).
CLOSED_AFTER_ASSESSMENT = frozenset({"RC8", "RC9"})
CLOSURE_SIGN_OFF_ROLES = frozenset({WorkerRole.TEAM_MANAGER, WorkerRole.SERVICE_MANAGER})
#: "Hard to engage" closures need an operational (service) manager's sign-off.
HARD_TO_ENGAGE_SIGN_OFF_ROLES = frozenset({WorkerRole.SERVICE_MANAGER})


@transaction.atomic
def close_cin_episode(
    *,
    episode: CINEpisode,
    closure_date: dt.date,
    reason_for_closure: str,
    referral_nfa: bool | None = None,
    signed_off_by: Worker | None = None,
    signed_off_on: dt.date | None = None,
    hard_to_engage: bool = False,
    closure_summary: str = "",
    expected_version: int | None = None,
) -> CINEpisode:
    """Close a CIN episode with the DfE reason for closure.

    A referral closed with no further action (ReferralNFA) needs no sign-off and must have
    no activity. Any other closure needs a manager's sign-off (a service manager's when
    closed as "hard to engage") and a closure summary. Nothing may be open or dated after
    the closure (CIN census 8565, 8867, 8868): an open CP plan, assessment or s47 enquiry
    blocks closure; an open CIN plan is ended on the closure date, because ending the plan
    and closing the case are one decision, signed off together. ``expected_version`` (from
    an edit form) refuses a closure made from a stale copy of the episode.
    """
    episode = (
        CINEpisode.objects.select_for_update(of=("self",))
        .select_related("child")
        .get(pk=episode.pk)
    )
    rules.not_stale(episode, expected_version)
    if episode.closure_date is not None:
        raise v.fail(
            "closure_date",
            f"This CIN episode was already closed on {episode.closure_date:%d/%m/%Y}.",
        )
    v.require(closure_date, field="closure_date", label="Closure date")
    v.not_in_future(closure_date, field="closure_date", label="Closure date")
    v.not_before(
        closure_date,
        episode.referral_date,
        field="closure_date",
        label="Closure date",
        earliest_label="the referral date",
    )
    v.valid_code(reason_for_closure, codelist_key="reason_for_closure", field="reason_for_closure")
    child = episode.child
    if reason_for_closure == "RC2":
        if child.date_of_death is None:
            raise v.fail(
                "reason_for_closure",
                "Reason for closure RC2 (died) needs the child's date of death recorded first "
                "(CIN census 8585Q).",
            )
        v.not_before(
            closure_date,
            child.date_of_death,
            field="closure_date",
            label="Closure date",
            earliest_label="the child's date of death",
        )
    nfa = episode.referral_nfa if referral_nfa is None else referral_nfa
    if nfa and hard_to_engage:
        raise v.fail(
            "closed_hard_to_engage",
            "A referral closed with no further action cannot also be a 'hard to engage' closure.",
        )
    if not nfa or signed_off_by is not None:
        _check_closure_sign_off(
            episode=episode,
            closure_date=closure_date,
            signed_off_by=signed_off_by,
            signed_off_on=signed_off_on,
            hard_to_engage=hard_to_engage,
            closure_summary=closure_summary,
        )
    _check_cin_activity_allows_closure(
        episode=episode, closure_date=closure_date, reason=reason_for_closure, nfa=nfa
    )
    hooks.run_closure_checks(
        episode,
        hooks.ClosureRequest(
            closure_date=closure_date, reason_for_closure=reason_for_closure, referral_nfa=nfa
        ),
    )

    open_plan = episode.cin_plans.select_for_update().filter(end_date__isnull=True).first()
    if open_plan is not None:
        open_plan.end_date = closure_date
        open_plan.end_reason = CINPlanEndReason.CASE_CLOSED
        open_plan.save()
    episode.closure_date = closure_date
    episode.reason_for_closure = reason_for_closure
    episode.referral_nfa = nfa
    episode.closed_hard_to_engage = hard_to_engage
    episode.closure_summary = closure_summary
    if signed_off_by is not None:
        episode.closure_signed_off_by = signed_off_by
        episode.closure_signed_off_on = signed_off_on or closure_date
    episode.save()
    return episode


def _check_closure_sign_off(
    *,
    episode: CINEpisode,
    closure_date: dt.date,
    signed_off_by: Worker | None,
    signed_off_on: dt.date | None,
    hard_to_engage: bool,
    closure_summary: str,
) -> None:
    if signed_off_by is None:
        raise v.fail(
            "closure_signed_off_by",
            "Closing a CIN episode after the referral stage needs a manager's sign-off.",
        )
    allowed = HARD_TO_ENGAGE_SIGN_OFF_ROLES if hard_to_engage else CLOSURE_SIGN_OFF_ROLES
    if signed_off_by.role not in allowed:
        needed = (
            "a service (operational) manager"
            if hard_to_engage
            else "a team manager or service manager"
        )
        what = "A 'hard to engage' closure" if hard_to_engage else "A CIN episode closure"
        raise v.fail(
            "closure_signed_off_by",
            f"{what} must be signed off by {needed}; {signed_off_by} is a "
            f"{signed_off_by.get_role_display().lower()}.",
        )
    sign_off_date = signed_off_on or closure_date
    v.not_in_future(sign_off_date, field="closure_signed_off_on", label="Sign-off date")
    v.not_before(
        sign_off_date,
        episode.referral_date,
        field="closure_signed_off_on",
        label="Sign-off date",
        earliest_label="the referral date",
    )
    rules.worker_in_post(
        signed_off_by, sign_off_date, field="closure_signed_off_by", label="The signing manager"
    )
    if not closure_summary.strip():
        raise v.fail(
            "closure_summary",
            "A closure summary (the evidence of improvement or other reason for closing) is "
            "required.",
        )


def _check_cin_activity_allows_closure(
    *, episode: CINEpisode, closure_date: dt.date, reason: str, nfa: bool
) -> None:
    plans = list(episode.cin_plans.all())
    if plans and nfa:
        raise v.fail(
            "referral_nfa",
            "A referral with CIN plans cannot be closed as 'no further action' (CIN census 4000).",
        )
    if plans and reason in CLOSED_AFTER_ASSESSMENT:
        raise v.fail(
            "reason_for_closure",
            f"Reason for closure {reason} (closed after assessment) cannot be used on an "
            f"episode with a CIN plan (CIN census 2990).",
        )
    for plan in plans:
        rules.closure_not_before_activity(
            closure_date, plan.start_date, label="the CIN plan start date"
        )
        rules.closure_not_before_activity(
            closure_date, plan.end_date, label="the CIN plan end date"
        )
    late_review = (
        CINPlanReview.objects.filter(plan__episode=episode, held_on__gt=closure_date)
        .order_by("-held_on")
        .first()
    )
    if late_review is not None:
        rules.closure_not_before_activity(
            closure_date, late_review.held_on, label="a CIN plan review"
        )
    late_visit = episode.visits.filter(visit_date__gt=closure_date).order_by("-visit_date").first()
    if late_visit is not None:
        rules.closure_not_before_activity(
            closure_date, late_visit.visit_date, label="a visit recorded against this episode"
        )


@transaction.atomic
def start_cin_plan(
    *,
    episode: CINEpisode,
    start_date: dt.date,
    lead_worker: Worker | None = None,
) -> CINPlan:
    """Start a child in need plan on an open episode (CIN census CINPlanStartDate).

    One open CIN plan per episode (4004), no overlap with earlier plans (4014: a plan may
    start the day the previous one ended), not before the referral (4015), not after the
    child's death (4008), and not inside a CP plan (4001, 4016: checked by protection).
    """
    episode = (
        CINEpisode.objects.select_for_update(of=("self",))
        .select_related("child")
        .get(pk=episode.pk)
    )
    rules.episode_is_open(episode, field="episode", action="start a CIN plan")
    v.require(start_date, field="start_date", label="CIN plan start date")
    v.not_in_future(start_date, field="start_date", label="CIN plan start date")
    rules.not_before(
        start_date,
        episode.referral_date,
        field="start_date",
        label="CIN plan start date",
        earliest_label="the referral date",
        rule="4015",
    )
    rules.child_alive_on(
        episode.child, start_date, field="start_date", label="CIN plan start date", rule="4008"
    )
    plans = list(episode.cin_plans.select_for_update())
    for plan in plans:
        if plan.end_date is None:
            raise v.fail(
                "start_date",
                f"This episode already has an open CIN plan from {plan.start_date:%d/%m/%Y}; end "
                "it before starting another (CIN census 4004).",
            )
        if plan.end_date > start_date:
            raise v.fail(
                "start_date",
                f"CIN plan start date ({start_date:%d/%m/%Y}) overlaps the CIN plan from "
                f"{plan.start_date:%d/%m/%Y} to {plan.end_date:%d/%m/%Y} (CIN census 4014).",
            )
    hooks.run_cin_plan_start_checks(episode, start_date)
    return CINPlan.objects.create(episode=episode, start_date=start_date, lead_worker=lead_worker)


@transaction.atomic
def review_cin_plan(
    *,
    plan: CINPlan,
    held_on: dt.date,
    chaired_by: Worker | None = None,
    attendees: str = "",
    progress: str = "",
) -> CINPlanReview:
    """Record a CIN plan review held while the plan was in force."""
    plan = CINPlan.objects.select_for_update().get(pk=plan.pk)
    v.require(held_on, field="held_on", label="Review date")
    v.not_in_future(held_on, field="held_on", label="Review date")
    v.not_before(
        held_on,
        plan.start_date,
        field="held_on",
        label="Review date",
        earliest_label="the CIN plan start date",
    )
    rules.not_after(
        held_on,
        plan.end_date,
        field="held_on",
        label="Review date",
        latest_label="the CIN plan end date",
    )
    if chaired_by is not None:
        rules.worker_in_post(chaired_by, held_on, field="chaired_by", label="The chair")
    return CINPlanReview.objects.create(
        plan=plan, held_on=held_on, chaired_by=chaired_by, attendees=attendees, progress=progress
    )


@transaction.atomic
def end_cin_plan(
    *, plan: CINPlan, end_date: dt.date, end_reason: str, expected_version: int | None = None
) -> CINPlan:
    """End a CIN plan (CIN census CINPlanEndDate).

    Not before its start (4011), not in the future, not after the child's death (4009),
    and not before a review already recorded for it; not from a stale copy of the plan.
    """
    plan = (
        CINPlan.objects.select_for_update(of=("self",))
        .select_related("episode__child")
        .get(pk=plan.pk)
    )
    rules.not_stale(plan, expected_version)
    if plan.end_date is not None:
        raise v.fail("end_date", f"This CIN plan already ended on {plan.end_date:%d/%m/%Y}.")
    v.require(end_date, field="end_date", label="CIN plan end date")
    v.not_in_future(end_date, field="end_date", label="CIN plan end date")
    rules.not_before(
        end_date,
        plan.start_date,
        field="end_date",
        label="CIN plan end date",
        earliest_label="its start date",
        rule="4011",
    )
    rules.child_alive_on(
        plan.episode.child, end_date, field="end_date", label="CIN plan end date", rule="4009"
    )
    rules.valid_choice(end_reason, CINPlanEndReason, field="end_reason", label="End reason")
    last_review = plan.reviews.order_by("-held_on").first()
    if last_review is not None:
        v.not_before(
            end_date,
            last_review.held_on,
            field="end_date",
            label="CIN plan end date",
            earliest_label="its last review",
        )
    plan.end_date = end_date
    plan.end_reason = end_reason
    plan.save()
    return plan


@transaction.atomic
def record_visit(
    *,
    child: Person,
    visit_date: dt.date,
    visit_type: str,
    worker: Worker,
    child_seen: bool,
    seen_alone: bool,
    location: str,
    notes: str = "",
    episode: CINEpisode | None = None,
) -> Visit:
    """Record a visit to a child.

    Seen alone implies seen. Not in the future, not before the child's birth (an unborn
    child can be visited, through the expectant parent, but not seen) and not after their
    death. CIN and CP visits belong to the CIN episode open on the visit date (found when
    not given); a CP visit also needs a CP plan in force (checked by protection).
    """
    child = Person.objects.get(pk=child.pk)
    if episode is not None:
        episode = CINEpisode.objects.get(pk=episode.pk)
    v.require(visit_date, field="visit_date", label="Visit date")
    v.not_in_future(visit_date, field="visit_date", label="Visit date")
    rules.valid_choice(visit_type, VisitType, field="visit_type", label="Visit type")
    rules.valid_choice(location, VisitLocation, field="location", label="Visit location")
    if seen_alone and not child_seen:
        raise v.fail("seen_alone", "A child cannot be seen alone without being seen.")
    v.require(worker, field="worker", label="Visiting worker")
    rules.worker_in_post(worker, visit_date, field="worker", label="The visiting worker")
    if child.date_of_birth is not None:
        v.not_before(
            visit_date,
            child.date_of_birth,
            field="visit_date",
            label="Visit date",
            earliest_label="the child's date of birth",
        )
    elif child_seen:
        raise v.fail(
            "child_seen",
            "An unborn child cannot be recorded as seen; record the visit to the expectant "
            "parent with 'child seen' unticked.",
        )
    rules.child_alive_on(child, visit_date, field="visit_date", label="Visit date")
    if episode is not None:
        if episode.child_id != child.pk:
            raise v.fail("episode", f"That CIN episode belongs to {episode.child}, not {child}.")
        rules.within_episode(episode, visit_date, field="visit_date", label="Visit date")
    elif visit_type in EPISODE_VISIT_TYPES:
        episode = selectors.episode_on(child, visit_date)
        if episode is None:
            raise v.fail(
                "episode",
                f"A {VisitType(visit_type).label.lower()} needs a CIN episode open on the visit "
                f"date ({visit_date:%d/%m/%Y}); {child} has none.",
            )
    hooks.run_visit_checks(
        hooks.VisitRequest(
            child=child, episode=episode, visit_date=visit_date, visit_type=visit_type
        )
    )
    return Visit.objects.create(
        child=child,
        episode=episode,
        visit_date=visit_date,
        visit_type=visit_type,
        worker=worker,
        child_seen=child_seen,
        seen_alone=seen_alone,
        location=location,
        notes=notes,
    )
