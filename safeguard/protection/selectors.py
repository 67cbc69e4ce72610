"""Reads for child protection, including the CIN census CINdetails projection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

from safeguard.assessment.selectors import assessments_for_episode, factor_codes
from safeguard.cin.models import CINEpisode
from safeguard.cin.selectors import cin_plans_for_episode
from safeguard.core.timescales import compute_due
from safeguard.people.models import Person
from safeguard.protection.models import (
    HEALTH_AGENCIES,
    INITIAL_CONFERENCE_TYPES,
    Agency,
    AttendanceStatus,
    Conference,
    ConferenceInvitation,
    ConferenceType,
    CPPlan,
    Escalation,
    MidwayReview,
    Section47Enquiry,
    Section47Outcome,
    StrategyDiscussion,
)

# --- strategy discussions -----------------------------------------------------------------


@dataclass(frozen=True)
class StrategyQuorum:
    """Working Together 2018: social care, police and health take part at minimum."""

    quorate: bool
    missing: tuple[str, ...]


def strategy_quorum(discussion: StrategyDiscussion) -> StrategyQuorum:
    # .all() so that a prefetch of "attendees" is used when present (lists, admin).
    agencies = {attendee.agency for attendee in discussion.attendees.all()}
    missing: list[str] = []
    if Agency.SOCIAL_CARE not in agencies:
        missing.append(str(Agency.SOCIAL_CARE.label))
    if Agency.POLICE not in agencies:
        missing.append(str(Agency.POLICE.label))
    if not agencies & HEALTH_AGENCIES:
        missing.append("Health")
    return StrategyQuorum(quorate=not missing, missing=tuple(missing))


# --- section 47 enquiries -------------------------------------------------------------------


def live_initial_conferences(enquiry: Section47Enquiry) -> models.QuerySet[Conference]:
    """Initial conferences booked or held for an enquiry (cancelled ones excluded)."""
    return Conference.objects.filter(section47=enquiry, cancelled_on__isnull=True)


def held_initial_conference(enquiry: Section47Enquiry) -> Conference | None:
    return live_initial_conferences(enquiry).filter(held_on__isnull=False).first()


def is_section47_open(enquiry: Section47Enquiry) -> bool:
    """Open until its outcome leads to an ICPC held or to 'ICPC not required' (CIN census
    8868, 8839, 8890)."""
    if enquiry.outcome == "":
        return True
    if enquiry.icpc_not_required or enquiry.outcome == Section47Outcome.NOT_SUBSTANTIATED:
        return False
    return held_initial_conference(enquiry) is None


def open_section47_enquiries(episode: CINEpisode) -> list[Section47Enquiry]:
    return [
        enquiry
        for enquiry in Section47Enquiry.objects.filter(episode=episode).order_by("start_date")
        if is_section47_open(enquiry)
    ]


# --- conferences and plans ------------------------------------------------------------------


def open_cp_plan(child: Person) -> CPPlan | None:
    """The child's open CP plan, if any (there is at most one, across episodes)."""
    return CPPlan.objects.filter(child=child, end_date__isnull=True).first()


def cp_plan_on(child: Person, on: dt.date) -> CPPlan | None:
    """The CP plan in force on a date (start ≤ date ≤ end)."""
    return (
        CPPlan.objects.filter(child=child, start_date__lte=on)
        .filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=on))
        .first()
    )


def number_of_previous_cp_plans(child: Person, *, before: dt.date) -> int:
    """CIN census NumberOfPreviousCPP: the child's CP plans that started before a date."""
    return CPPlan.objects.filter(child=child, start_date__lt=before).count()


def pending_conferences(**filters: Any) -> models.QuerySet[Conference]:
    """Conferences booked but neither held nor cancelled."""
    return Conference.objects.filter(held_on__isnull=True, cancelled_on__isnull=True, **filters)


def review_dates(plan: CPPlan) -> list[dt.date]:
    """CIN census CPPreviewDate: review conferences held for the plan, in date order."""
    held = Conference.objects.filter(
        plan=plan,
        conference_type=ConferenceType.REVIEW,
        held_on__isnull=False,
        cancelled_on__isnull=True,
    ).values_list("held_on", flat=True)
    return sorted(date for date in held if date is not None)


# --- the CIN census projection ------------------------------------------------------------


def cin_details(episode: CINEpisode) -> dict[str, Any]:
    """One CIN census ``CINdetails`` group for an episode, as plain values.

    Keys and order follow the 2024-25 XSD. Initial conferences linked to an s47 enquiry
    are reported at the Section47 level and any other (transfer-in, pre-birth without an
    enquiry) at the CINdetails level, never both (rule 2884). ``InitialCPCtarget`` is
    derived by the timescale registry from each enquiry's ``strategy_discussion_date``
    (given alongside, not a census element). Dates are ``datetime.date``; yes/no values
    are ``bool``; absent optional elements are ``None`` or empty lists.
    """
    episode = CINEpisode.objects.get(pk=episode.pk)  # the stored row, not a caller's copy
    initial_conferences = list(
        Conference.objects.filter(
            episode=episode,
            conference_type__in=INITIAL_CONFERENCE_TYPES,
            held_on__isnull=False,
            cancelled_on__isnull=True,
        ).order_by("held_on")
    )
    icpc_by_s47 = {c.section47_id: c.held_on for c in initial_conferences if c.section47_id}
    unlinked = [c.held_on for c in initial_conferences if c.section47_id is None]

    assessments = [
        {
            "AssessmentActualStartDate": a.start_date,
            "AssessmentInternalReviewDate": a.internal_review_date,
            "AssessmentAuthorisationDate": a.authorised_on,
            "AssessmentFactors": factor_codes(a),
        }
        for a in assessments_for_episode(episode)
    ]
    cin_plans = [
        {"CINPlanStartDate": p.start_date, "CINPlanEndDate": p.end_date}
        for p in cin_plans_for_episode(episode)
    ]
    section47s = [
        {
            "S47ActualStartDate": s.start_date,
            "DateOfInitialCPC": icpc_by_s47.get(s.pk),
            "ICPCnotRequired": s.icpc_not_required,
            "strategy_discussion_date": (
                s.strategy_discussion.held_on if s.strategy_discussion else None
            ),
        }
        for s in Section47Enquiry.objects.filter(episode=episode)
        .select_related("strategy_discussion")
        .order_by("start_date")
    ]
    plans = [
        {
            "CPPstartDate": p.start_date,
            "CPPendDate": p.end_date,
            "InitialCategoryOfAbuse": p.initial_category,
            "LatestCategoryOfAbuse": p.latest_category,
            "NumberOfPreviousCPP": number_of_previous_cp_plans(p.child, before=p.start_date),
            "CPPreviewDate": review_dates(p),
        }
        for p in CPPlan.objects.filter(episode=episode)
        .select_related("child")
        .order_by("start_date")
    ]
    return {
        "CINreferralDate": episode.referral_date,
        "ReferralSource": episode.referral_source,
        "PrimaryNeedCode": episode.primary_need or None,
        "CINclosureDate": episode.closure_date,
        "ReasonForClosure": episode.reason_for_closure or None,
        "DateOfInitialCPC": unlinked[0] if unlinked else None,
        "Assessments": assessments,
        "CINPlanDates": cin_plans,
        "Section47": section47s,
        "ReferralNFA": episode.referral_nfa,
        "ChildProtectionPlans": plans,
    }


def cin_details_for_child(child: Person) -> list[dict[str, Any]]:
    """Every CINdetails group for a child, in referral order."""
    return [
        cin_details(episode)
        for episode in CINEpisode.objects.filter(child=child).order_by("referral_date")
    ]


# --- conference business support and the chair's work -------------------------------------


def last_held_conference(plan: CPPlan) -> Conference | None:
    """The latest conference held about the plan: its last review, else the one that made it."""
    review = (
        Conference.objects.filter(plan=plan, held_on__isnull=False, cancelled_on__isnull=True)
        .order_by("-held_on")
        .first()
    )
    return review or plan.initial_conference


def midway_due_between(last_held: dt.date, first_review: bool) -> dt.date:
    """Halfway from a conference to the review conference due after it (local practice:
    the chair checks progress between conferences)."""
    key = "rcpc_first" if first_review else "rcpc_next"
    next_review = compute_due(key, last_held).due_date
    return last_held + (next_review - last_held) / 2


def midway_review_due(plan: CPPlan) -> dt.date | None:
    """When the plan's current midway review is due; None once it is held or with no
    conference to count from."""
    conference = last_held_conference(plan)
    if conference is None or conference.held_on is None:
        return None
    held = MidwayReview.objects.filter(
        plan=plan, held_on__isnull=False, held_on__gte=conference.held_on
    )
    if held.exists():
        return None
    return midway_due_between(
        conference.held_on, conference.conference_type != ConferenceType.REVIEW
    )


def invitation_deadline(conference: Conference) -> dt.date:
    """The last day invitations can go out: 5 working days before (timescale icpc_notice)."""
    return compute_due("icpc_notice", conference.scheduled_for).due_date


def late_invitations(
    conference: Conference, invitations: Iterable[ConferenceInvitation]
) -> list[ConferenceInvitation]:
    deadline = invitation_deadline(conference)
    return [i for i in invitations if i.invited_on > deadline]


def requests_awaiting_scheduling(
    children: Iterable[Any],
) -> models.QuerySet[Section47Enquiry]:
    """Initial conferences asked for (substantiated s47) with nothing booked yet."""
    live = Conference.objects.filter(section47=models.OuterRef("pk"), cancelled_on__isnull=True)
    return (
        Section47Enquiry.objects.filter(
            outcome=Section47Outcome.SUBSTANTIATED,
            conference_requested_on__isnull=False,
            icpc_not_required=False,
            episode__child__in=children,
        )
        .exclude(models.Exists(live))
        .select_related("episode__child", "strategy_discussion")
        .order_by("conference_requested_on", "pk")
    )


def business_support_children() -> set[Any]:
    """Ids of the children business support's lists can show: on a plan, with a conference
    booked or awaiting minutes, or with an initial conference requested."""
    ids = set(
        CPPlan.objects.filter(end_date__isnull=True).order_by().values_list("child_id", flat=True)
    )
    ids |= set(
        Conference.objects.filter(cancelled_on__isnull=True)
        .filter(models.Q(held_on__isnull=True) | models.Q(minutes_sent_on__isnull=True))
        .order_by()
        .values_list("child_id", flat=True)
    )
    ids |= set(
        Section47Enquiry.objects.filter(
            conference_requested_on__isnull=False, icpc_not_required=False
        )
        .order_by()
        .values_list("episode__child_id", flat=True)
    )
    return ids


def chair_children(worker: Any) -> set[Any]:
    """Ids of the children a chair's page can show: conferences or looked-after reviews
    they chaired, escalations they raised."""
    from safeguard.care.models import LookedAfterReview

    ids = set(Conference.objects.filter(chair=worker).order_by().values_list("child_id", flat=True))
    ids |= set(
        LookedAfterReview.objects.filter(chaired_by=worker)
        .order_by()
        .values_list("child_id", flat=True)
    )
    ids |= set(
        Escalation.objects.filter(raised_by=worker).order_by().values_list("child_id", flat=True)
    )
    return ids


def reviews_to_book(children: Iterable[Any]) -> models.QuerySet[CPPlan]:
    """Open CP plans with no review conference booked, with the latest held conference
    (``last_held_on`` / ``last_held_type``), the one the next review counts from."""
    latest = Conference.objects.filter(
        models.Q(plan=models.OuterRef("pk")) | models.Q(plans_started=models.OuterRef("pk")),
        held_on__isnull=False,
        cancelled_on__isnull=True,
    ).order_by("-held_on")
    booked = pending_conferences(plan=models.OuterRef("pk"))
    return (
        CPPlan.objects.filter(end_date__isnull=True, child__in=children)
        .exclude(models.Exists(booked))
        .annotate(
            last_held_on=models.Subquery(latest.values("held_on")[:1]),
            last_held_type=models.Subquery(latest.values("conference_type")[:1]),
        )
        .select_related("child")
        .order_by("last_held_on", "pk")
    )


def next_review_due(plan: Any) -> dt.date | None:
    """The review conference due date: 3 months after the initial conference, then 6
    months after each review (timescales ``rcpc_first`` / ``rcpc_next``)."""
    from safeguard.core.timescales import compute_due

    held = getattr(plan, "last_held_on", None) or plan.start_date
    key = (
        "rcpc_next"
        if getattr(plan, "last_held_type", "") == ConferenceType.REVIEW
        else "rcpc_first"
    )
    return compute_due(key, held).due_date


def upcoming_conferences(**filters: Any) -> models.QuerySet[Conference]:
    """Booked conferences, soonest first, with what the list pages show of each."""
    return (
        pending_conferences(**filters)
        .select_related("child", "chair")
        .prefetch_related("invitations")
        .order_by("scheduled_for", "start_time", "pk")
    )


def awaiting_minutes(children: Iterable[Any]) -> models.QuerySet[Conference]:
    """Conferences held whose minutes have not gone to the family yet."""
    return (
        Conference.objects.filter(
            held_on__isnull=False,
            minutes_sent_on__isnull=True,
            cancelled_on__isnull=True,
            child__in=children,
        )
        .select_related("child", "chair")
        .order_by("held_on", "pk")
    )


def plans_chaired_by(worker: Any, children: Iterable[Any]) -> models.QuerySet[CPPlan]:
    """Open CP plans whose conferences the worker chairs, with the latest held conference."""
    latest = Conference.objects.filter(
        models.Q(plan=models.OuterRef("pk")) | models.Q(plans_started=models.OuterRef("pk")),
        held_on__isnull=False,
        cancelled_on__isnull=True,
    ).order_by("-held_on")
    chaired = Conference.objects.filter(
        models.Q(plan=models.OuterRef("pk")) | models.Q(plans_started=models.OuterRef("pk")),
        chair=worker,
        cancelled_on__isnull=True,
    )
    return (
        CPPlan.objects.filter(end_date__isnull=True, child__in=children)
        .filter(models.Exists(chaired))
        .annotate(
            last_held_on=models.Subquery(latest.values("held_on")[:1]),
            last_held_type=models.Subquery(latest.values("conference_type")[:1]),
            last_midway_on=models.Max("midway_reviews__held_on"),
        )
        .select_related("child")
        .order_by("last_held_on", "pk")
    )


def escalations_raised_by(worker: Any, children: Iterable[Any]) -> models.QuerySet[Escalation]:
    """The worker's escalations about children they may open, open ones first, oldest first."""
    return (
        Escalation.objects.filter(raised_by=worker, child__in=children)
        .select_related("child")
        .order_by("-status", "raised_on", "pk")
    )


def reviews_chaired_by(worker: Any, children: Iterable[Any]) -> models.QuerySet[Any]:
    """The latest looked-after review of each child still in care that the worker chaired."""
    from safeguard.care.models import LookedAfterReview

    later = LookedAfterReview.objects.filter(
        child=models.OuterRef("child"), held_on__gt=models.OuterRef("held_on")
    )
    return (
        LookedAfterReview.objects.filter(
            chaired_by=worker, period__ended_on__isnull=True, child__in=children
        )
        .exclude(models.Exists(later))
        .annotate(reviews_in_period=models.Count("period__reviews"))
        .select_related("child")
        .order_by("-held_on", "pk")
    )


#: Agencies that are not partner agencies for quoracy (the family's side of the table).
NOT_PARTNERS = frozenset({Agency.SOCIAL_CARE, Agency.FAMILY, Agency.CHILD, Agency.ADVOCATE})


@dataclass(frozen=True)
class ConferenceQuorum:
    """Quoracy as the authority measures it (OBA2-10): every invited partner agency present."""

    known: bool
    quorate: bool
    missing: tuple[str, ...]

    @property
    def summary(self) -> str:
        if not self.known:
            return "Not known yet: record who was invited and who attended."
        if self.quorate:
            return "Quorate: every invited partner agency attended."
        return f"Not quorate: no one attended from {', '.join(self.missing)}."


def conference_quorum(conference: Conference) -> ConferenceQuorum:
    invited = {i.agency for i in conference.invitations.all() if i.agency not in NOT_PARTNERS}
    rows = list(conference.attendance.all())
    if not invited or not rows:
        return ConferenceQuorum(known=False, quorate=False, missing=())
    attended = {a.agency for a in rows if a.status == AttendanceStatus.ATTENDED}
    missing = tuple(sorted(str(Agency(a).label) for a in invited - attended))
    return ConferenceQuorum(known=True, quorate=not missing, missing=missing)
