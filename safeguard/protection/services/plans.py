"""Child protection plans: start, change of category, end, and core group meetings."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db import transaction

from safeguard.cin import rules
from safeguard.cin.models import CINPlan, CINPlanEndReason
from safeguard.cin.services import end_cin_plan
from safeguard.core import validation as v
from safeguard.people.models import Person
from safeguard.protection import selectors
from safeguard.protection.models import (
    CONFERENCE_END_REASONS,
    INITIAL_CONFERENCE_TYPES,
    Conference,
    ConferenceOutcome,
    ConferenceType,
    CoreGroupMeeting,
    CPPlan,
    CPPlanCategoryChange,
    CPPlanEndReason,
    VisitFrequency,
)
from safeguard.protection.services.common import (
    _check_not_cancelled,
    _locked_episode,
    check_version,
)
from safeguard.workforce.models import Worker


@transaction.atomic
def start_cp_plan(
    *,
    conference: Conference,
    visit_frequency_weeks: int = VisitFrequency.FOUR_WEEKLY,
    lead_social_worker: Worker | None = None,
) -> CPPlan:
    """Start the CP plan an initial (transfer-in, pre-birth) conference decided on.

    Starts on the conference date (2885) with its category as both initial and latest
    category; within an open CIN episode and not before its referral (1105); one open CP
    plan per child across episodes (8935) and no overlap with earlier plans (8940);
    not after the child's death (8915). An open CIN plan ends on the same day (4001, 4017).
    """
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    episode = _locked_episode(conference.episode)
    child = episode.child
    Person.objects.select_for_update().filter(pk=child.pk).first()
    _check_not_cancelled(conference)
    if conference.conference_type not in INITIAL_CONFERENCE_TYPES:
        raise v.fail(
            "conference",
            "A CP plan is made by an initial, transfer-in or pre-birth conference, not a "
            f"{conference.get_conference_type_display().lower()} conference.",
        )
    if conference.held_on is None or conference.outcome != ConferenceOutcome.PLAN:
        raise v.fail(
            "conference",
            "Record the conference as held with the outcome 'child protection plan' first.",
        )
    if CPPlan.objects.filter(initial_conference=conference).exists():
        raise v.fail("conference", "This conference's CP plan is already recorded.")
    start_date = conference.held_on
    rules.episode_is_open(episode, field="episode", action="start a CP plan")
    rules.not_before(
        start_date,
        episode.referral_date,
        field="start_date",
        label="CP plan start date",
        earliest_label="the referral date",
        rule="1105",
    )
    rules.child_alive_on(
        child, start_date, field="start_date", label="CP plan start date", rule="8915"
    )
    for earlier in CPPlan.objects.filter(child=child).order_by("start_date"):
        if earlier.end_date is None:
            raise v.fail(
                "start_date",
                f"{child} already has an open CP plan from {earlier.start_date:%d/%m/%Y}; a "
                "child has one CP plan at a time (CIN census 8935).",
            )
        if earlier.end_date >= start_date:
            raise v.fail(
                "start_date",
                f"CP plan start date ({start_date:%d/%m/%Y}) must be after the end of the "
                f"previous plan ({earlier.start_date:%d/%m/%Y} to "
                f"{earlier.end_date:%d/%m/%Y}) (CIN census 8940).",
            )
    open_cin_plan: CINPlan | None = None
    for cin_plan in CINPlan.objects.filter(episode=episode):
        if cin_plan.end_date is None:
            open_cin_plan = cin_plan
        elif cin_plan.start_date <= start_date < cin_plan.end_date:
            raise v.fail(
                "start_date",
                f"CP plan start date ({start_date:%d/%m/%Y}) falls inside the CIN plan from "
                f"{cin_plan.start_date:%d/%m/%Y} to {cin_plan.end_date:%d/%m/%Y} "
                "(CIN census 4017).",
            )
    if int(visit_frequency_weeks) not in VisitFrequency.values:
        raise v.fail(
            "visit_frequency_weeks",
            f"Visit frequency must be every 1, 2 or 4 weeks, not {visit_frequency_weeks}.",
        )
    if lead_social_worker is not None:
        rules.worker_in_post(
            lead_social_worker,
            start_date,
            field="lead_social_worker",
            label="The lead social worker",
        )
    if open_cin_plan is not None:
        end_cin_plan(
            plan=open_cin_plan, end_date=start_date, end_reason=CINPlanEndReason.STEPPED_UP_TO_CP
        )
    return CPPlan.objects.create(
        episode=episode,
        child=child,
        initial_conference=conference,
        start_date=start_date,
        initial_category=conference.category,
        latest_category=conference.category,
        visit_frequency_weeks=int(visit_frequency_weeks),
        lead_social_worker=lead_social_worker,
    )


@transaction.atomic
def change_cp_category(
    *,
    plan: CPPlan,
    category: str,
    changed_on: dt.date,
    conference: Conference | None = None,
    expected_version: int | None = None,
) -> CPPlan:
    """Change an open plan's category of abuse (LatestCategoryOfAbuse), keeping history.

    After the plan's start and any earlier change, not in the future; when made at a
    review conference, that conference decided this category on this date.
    """
    plan = CPPlan.objects.select_for_update().get(pk=plan.pk)
    check_version(plan, expected_version)
    if plan.end_date is not None:
        raise v.fail("plan", f"This CP plan ended on {plan.end_date:%d/%m/%Y}.")
    v.valid_code(category, codelist_key="category_of_abuse", field="category")
    if category == plan.latest_category:
        raise v.fail("category", f"The plan's category is already {category}.")
    v.require(changed_on, field="changed_on", label="Date of change")
    v.not_in_future(changed_on, field="changed_on", label="Date of change")
    if changed_on <= plan.start_date:
        raise v.fail(
            "changed_on",
            f"Date of change ({changed_on:%d/%m/%Y}) must be after the plan started "
            f"({plan.start_date:%d/%m/%Y}); correct the initial category instead.",
        )
    last = CPPlanCategoryChange.objects.filter(plan=plan).order_by("-changed_on").first()
    if last is not None:
        v.not_before(
            changed_on,
            last.changed_on,
            field="changed_on",
            label="Date of change",
            earliest_label="the previous category change",
        )
    if conference is not None:
        conference = Conference.objects.get(pk=conference.pk)
        if (
            conference.plan_id != plan.pk
            or conference.held_on != changed_on
            or conference.outcome != ConferenceOutcome.PLAN
            or conference.category != category
            or conference.cancelled_on is not None
        ):
            raise v.fail(
                "conference",
                f"That conference did not decide category {category} for this plan on "
                f"{changed_on:%d/%m/%Y}.",
            )
    CPPlanCategoryChange.objects.create(
        plan=plan,
        changed_on=changed_on,
        from_category=plan.latest_category,
        to_category=category,
        conference=conference,
    )
    plan.latest_category = category
    plan.save()
    return plan


@transaction.atomic
def end_cp_plan(
    *,
    plan: CPPlan,
    end_date: dt.date,
    end_reason: str,
    conference: Conference | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> CPPlan:
    """End a CP plan (CPPendDate).

    After its start (8840, 8925), not in the future, not after the child's death (8920),
    not before anything recorded on the plan, and with no review still booked. "No longer
    at risk", "became looked after" and "other" are a review conference's decision (held on
    the end date with the outcome 'no plan'); "turned 18" ends on the 18th birthday;
    "died" on the recorded date of death; a move to another authority names it.
    """
    plan = CPPlan.objects.select_for_update(of=("self",)).select_related("child").get(pk=plan.pk)
    check_version(plan, expected_version)
    child = plan.child
    if plan.end_date is not None:
        raise v.fail("end_date", f"This CP plan already ended on {plan.end_date:%d/%m/%Y}.")
    v.require(end_date, field="end_date", label="CP plan end date")
    v.not_in_future(end_date, field="end_date", label="CP plan end date")
    if end_date <= plan.start_date:
        raise v.fail(
            "end_date",
            f"CP plan end date ({end_date:%d/%m/%Y}) must be after its start date "
            f"({plan.start_date:%d/%m/%Y}): a plan cannot start and end on the same day "
            "(CIN census 8840, 8925).",
        )
    rules.child_alive_on(child, end_date, field="end_date", label="CP plan end date", rule="8920")
    rules.valid_choice(end_reason, CPPlanEndReason, field="end_reason", label="End reason")
    if conference is not None:
        conference = Conference.objects.get(pk=conference.pk)
        if (
            conference.conference_type != ConferenceType.REVIEW
            or conference.plan_id != plan.pk
            or conference.held_on != end_date
            or conference.outcome != ConferenceOutcome.NO_PLAN
            or conference.cancelled_on is not None
        ):
            raise v.fail(
                "conference",
                f"The plan ends at a review conference of this plan held on {end_date:%d/%m/%Y} "
                "that decided 'no plan'; that conference did not.",
            )
    elif end_reason in CONFERENCE_END_REASONS:
        raise v.fail(
            "conference",
            f"Ending a plan because '{CPPlanEndReason(end_reason).label.lower()}' is a review "
            "conference's decision: give the conference.",
        )
    if end_reason == CPPlanEndReason.TURNED_18:
        if child.date_of_birth is None:
            raise v.fail("end_reason", f"{child}'s date of birth is not recorded.")
        birthday = child.date_of_birth + relativedelta(years=18)
        if end_date != birthday:
            raise v.fail(
                "end_date",
                f"A plan ending at 18 ends on the 18th birthday ({birthday:%d/%m/%Y}), not "
                f"{end_date:%d/%m/%Y}.",
            )
    if end_reason == CPPlanEndReason.DIED:
        if child.date_of_death is None:
            raise v.fail(
                "end_reason", f"Record {child}'s date of death before ending the plan for it."
            )
        if end_date != child.date_of_death:
            raise v.fail(
                "end_date",
                f"The plan ends on the date of death ({child.date_of_death:%d/%m/%Y}), not "
                f"{end_date:%d/%m/%Y}.",
            )
    if end_reason == CPPlanEndReason.MOVED_LA and not note.strip():
        raise v.fail("note", "Name the receiving authority (and the date of its conference).")
    latest = _latest_plan_activity(plan)
    if latest is not None and latest[0] > end_date:
        raise v.fail(
            "end_date",
            f"CP plan end date ({end_date:%d/%m/%Y}) cannot be before {latest[1]} "
            f"({latest[0]:%d/%m/%Y}).",
        )
    pending = selectors.pending_conferences(plan=plan).first()
    if pending is not None:
        raise v.fail(
            "end_date",
            f"A review conference is booked for {pending.scheduled_for:%d/%m/%Y}: cancel it "
            "before ending the plan.",
        )
    plan.end_date = end_date
    plan.end_reason = end_reason
    plan.end_conference = conference
    plan.end_note = note
    plan.save()
    return plan


def _latest_plan_activity(plan: CPPlan) -> tuple[dt.date, str] | None:
    dated: list[tuple[dt.date, str]] = []
    change = CPPlanCategoryChange.objects.filter(plan=plan).order_by("-changed_on").first()
    if change is not None:
        dated.append((change.changed_on, "a category change"))
    meeting = CoreGroupMeeting.objects.filter(plan=plan).order_by("-held_on").first()
    if meeting is not None:
        dated.append((meeting.held_on, "a core group meeting"))
    reviews = selectors.review_dates(plan)
    if reviews:
        dated.append((reviews[-1], "a review conference"))
    return max(dated) if dated else None


@transaction.atomic
def record_core_group_meeting(
    *, plan: CPPlan, held_on: dt.date, attendees: str = "", notes: str = ""
) -> CoreGroupMeeting:
    """Record a core group meeting held while the plan was in force."""
    plan = CPPlan.objects.select_for_update().get(pk=plan.pk)
    v.require(held_on, field="held_on", label="Core group date")
    v.not_in_future(held_on, field="held_on", label="Core group date")
    v.not_before(
        held_on,
        plan.start_date,
        field="held_on",
        label="Core group date",
        earliest_label="the CP plan start date",
    )
    rules.not_after(
        held_on,
        plan.end_date,
        field="held_on",
        label="Core group date",
        latest_label="the plan end",
    )
    return CoreGroupMeeting.objects.create(
        plan=plan, held_on=held_on, attendees=attendees, notes=notes
    )
