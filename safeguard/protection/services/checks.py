"""The protection checks registered with cin.hooks: episode closure, CIN plan start, CP visits."""

from __future__ import annotations

import datetime as dt

from safeguard.cin import hooks, rules
from safeguard.cin.models import CINEpisode, VisitType
from safeguard.cin.services import CLOSED_AFTER_ASSESSMENT
from safeguard.core import validation as v
from safeguard.protection import selectors
from safeguard.protection.models import (
    INITIAL_CONFERENCE_TYPES,
    Conference,
    ConferenceOutcome,
    CPPlan,
    Section47Enquiry,
    StrategyDiscussion,
)


def check_episode_closure(episode: CINEpisode, request: hooks.ClosureRequest) -> None:
    """Protection rules for closing a CIN episode.

    No s47 or CP activity on a 'no further action' referral (8831, 8832) or on a case
    closed after assessment (2990); no open CP plan, open s47 enquiry (8868), booked
    conference or conference decision for a plan not yet started (2883); nothing dated
    after the closure (8565).
    """
    discussions = list(StrategyDiscussion.objects.filter(episode=episode))
    enquiries = list(Section47Enquiry.objects.filter(episode=episode))
    plans = list(CPPlan.objects.filter(episode=episode))
    conferences = list(
        Conference.objects.filter(episode=episode, cancelled_on__isnull=True, held_on__isnull=False)
    )
    if request.referral_nfa and (discussions or enquiries or plans or conferences):
        raise v.fail(
            "referral_nfa",
            "A referral with strategy discussions, s47 enquiries, conferences or CP plans "
            "cannot be closed as 'no further action' (CIN census 8831, 8832).",
        )
    if request.reason_for_closure in CLOSED_AFTER_ASSESSMENT and (enquiries or plans):
        raise v.fail(
            "reason_for_closure",
            f"Reason for closure {request.reason_for_closure} (closed after assessment) "
            "cannot be used on an episode with a section 47 enquiry or CP plan "
            "(CIN census 2990).",
        )
    for plan in plans:
        if plan.end_date is None:
            raise v.fail(
                "closure_date",
                f"The CP plan from {plan.start_date:%d/%m/%Y} is still open: end it before "
                "closing the episode.",
            )
    for enquiry in enquiries:
        if selectors.is_section47_open(enquiry):
            raise v.fail(
                "closure_date",
                f"The section 47 enquiry from {enquiry.start_date:%d/%m/%Y} is not complete "
                "(it needs an outcome and an initial conference held or recorded as not "
                "required) (CIN census 8868).",
            )
    pending = selectors.pending_conferences(episode=episode).first()
    if pending is not None:
        raise v.fail(
            "closure_date",
            f"A conference is booked for {pending.scheduled_for:%d/%m/%Y}: hold or cancel it "
            "before closing the episode.",
        )
    started_from = {plan.initial_conference_id for plan in plans}
    for conference in conferences:
        if (
            conference.conference_type in INITIAL_CONFERENCE_TYPES
            and conference.outcome == ConferenceOutcome.PLAN
            and conference.pk not in started_from
        ):
            raise v.fail(
                "closure_date",
                f"The conference on {conference.held_on:%d/%m/%Y} decided on a CP plan that is "
                "not recorded: start the plan before closing the episode.",
            )
    closure_date = request.closure_date
    for discussion in discussions:
        rules.closure_not_before_activity(
            closure_date, discussion.held_on, label="a strategy discussion"
        )
    for enquiry in enquiries:
        rules.closure_not_before_activity(
            closure_date, enquiry.start_date, label="a section 47 start date"
        )
        rules.closure_not_before_activity(
            closure_date, enquiry.outcome_date, label="a section 47 outcome date"
        )
    for conference in conferences:
        rules.closure_not_before_activity(closure_date, conference.held_on, label="a conference")
    for plan in plans:
        rules.closure_not_before_activity(closure_date, plan.end_date, label="a CP plan end date")


def check_cin_plan_start(episode: CINEpisode, start_date: dt.date) -> None:
    """A CIN plan cannot start while a CP plan is in force (4001, 4016); it may start on
    the day a CP plan ends (a step down)."""
    for plan in CPPlan.objects.filter(child_id=episode.child_id, start_date__lte=start_date):
        if plan.end_date is None or start_date < plan.end_date:
            ends = f"ended {plan.end_date:%d/%m/%Y}" if plan.end_date else "still open"
            raise v.fail(
                "start_date",
                f"A CIN plan cannot run alongside a CP plan: CIN plan start date "
                f"({start_date:%d/%m/%Y}) falls in the CP plan from "
                f"{plan.start_date:%d/%m/%Y} ({ends}) (CIN census 4001, 4016).",
            )


def check_visit(request: hooks.VisitRequest) -> None:
    """A CP visit is made while the child is subject to a CP plan."""
    if request.visit_type != VisitType.CP:
        return
    if selectors.cp_plan_on(request.child, request.visit_date) is None:
        raise v.fail(
            "visit_type",
            f"{request.child} was not subject to a CP plan on {request.visit_date:%d/%m/%Y}: "
            "record a CIN or other visit instead.",
        )
