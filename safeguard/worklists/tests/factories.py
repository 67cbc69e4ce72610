"""Hand-built records for worklist tests: a team, a worker and children with casework."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from safeguard.care.models import (
    CareLeaverContact,
    HealthAssessment,
    LookedAfterEpisode,
    LookedAfterReview,
    PathwayPlanReview,
    PeriodOfCare,
    PersonalEducationPlan,
)
from safeguard.cin.models import CINEpisode, CINPlan, CINPlanReview, Visit
from safeguard.exploitation.models import MissingEpisode, ReturnHomeInterview
from safeguard.people.models import Person
from safeguard.protection.models import (
    Conference,
    CoreGroupMeeting,
    CPPlan,
    Section47Enquiry,
    StrategyDiscussion,
)
from safeguard.workforce.models import Allocation, Team, Worker

_n = itertools.count(1)
D = dt.date


def team(name: str = "", area: str = "cin") -> Team:
    return Team.objects.create(name=name or f"Worklist team {next(_n)}", service_area=area)


def worker(team: Team | None = None, role: str = "social_worker", user: Any = None) -> Worker:
    n = next(_n)
    return Worker.objects.create(
        user=user,
        staff_id=f"WL{n:05d}",
        first_name="Sam",
        last_name=f"Worker{n}",
        role=role,
        team=team,
        started_on=D(2010, 1, 4),
    )


DEFAULT_DOB = D(2012, 5, 1)
DEFAULT_REFERRAL = D(2018, 10, 1)


def child(holder: Worker | None = None, *, dob: dt.date = DEFAULT_DOB, **extra: Any) -> Person:
    n = next(_n)
    person = Person.objects.create(
        la_child_id=f"WL{n:06d}",
        first_name=extra.pop("first_name", "Child"),
        last_name=extra.pop("last_name", f"Number{n:03d}"),
        date_of_birth=dob,
        gender="1",
        ethnicity="WBRI",
        **extra,
    )
    if holder is not None:
        Allocation.objects.create(
            child=person, worker=holder, started_on=D(2015, 1, 5), start_reason="FCONTA"
        )
    return person


def episode(person: Person, referral: dt.date = DEFAULT_REFERRAL) -> CINEpisode:
    return CINEpisode.objects.create(child=person, referral_date=referral, referral_source="2A")


def cin_plan(ep: CINEpisode, start: dt.date) -> CINPlan:
    return CINPlan.objects.create(episode=ep, start_date=start)


def cin_review(plan: CINPlan, held_on: dt.date) -> CINPlanReview:
    return CINPlanReview.objects.create(plan=plan, held_on=held_on)


def visit(
    person: Person, by: Worker, on: dt.date, kind: str, *, seen: bool = True, ep: Any = None
) -> Visit:
    return Visit.objects.create(
        child=person,
        episode=ep,
        visit_date=on,
        visit_type=kind,
        worker=by,
        child_seen=seen,
        seen_alone=False,
        location="home",
    )


def strategy(ep: CINEpisode, held_on: dt.date, *, s47: bool = True) -> StrategyDiscussion:
    return StrategyDiscussion.objects.create(
        episode=ep, held_on=held_on, s47_initiated=s47, criminal_investigation=False
    )


def section47(ep: CINEpisode, start: dt.date, **extra: Any) -> Section47Enquiry:
    return Section47Enquiry.objects.create(episode=ep, start_date=start, **extra)


def conference(ep: CINEpisode, kind: str, held_on: dt.date | None, **extra: Any) -> Conference:
    return Conference.objects.create(
        episode=ep,
        child=ep.child,
        conference_type=kind,
        scheduled_for=held_on or D(2019, 1, 1),
        held_on=held_on,
        **extra,
    )


def cp_plan(
    ep: CINEpisode, start: dt.date, *, weeks: int | None = None, icpc: Any = None
) -> CPPlan:
    extra = {"visit_frequency_weeks": weeks} if weeks else {}
    return CPPlan.objects.create(
        episode=ep,
        child=ep.child,
        start_date=start,
        initial_category="NEG",
        latest_category="NEG",
        initial_conference=icpc,
        **extra,
    )


def core_group(plan: CPPlan, held_on: dt.date) -> CoreGroupMeeting:
    return CoreGroupMeeting.objects.create(plan=plan, held_on=held_on)


@dataclass
class Care:
    period: PeriodOfCare
    episode: LookedAfterEpisode


def in_care(
    person: Person,
    start: dt.date,
    *,
    ended: dt.date | None = None,
    placement: str = "U3",
    reason: str = "S",
) -> Care:
    period = PeriodOfCare.objects.create(child=person, started_on=start, ended_on=ended)
    ep = LookedAfterEpisode.objects.create(
        child=person,
        period=period,
        started_on=start,
        ended_on=ended,
        reason_new_episode=reason,
        legal_status="C2",
        category_of_need="N1",
        placement_type=placement,
        placement_provider="PR1",
        reason_ceased="E8" if ended else "",
    )
    return Care(period, ep)


def lac_review(care: Care, held_on: dt.date) -> LookedAfterReview:
    return LookedAfterReview.objects.create(
        child=care.period.child, period=care.period, held_on=held_on, participation="PN1"
    )


def health(care: Care, kind: str, on: dt.date) -> HealthAssessment:
    return HealthAssessment.objects.create(
        child=care.period.child, period=care.period, kind=kind, assessed_on=on
    )


def pep(care: Care, on: dt.date) -> PersonalEducationPlan:
    return PersonalEducationPlan.objects.create(
        child=care.period.child, period=care.period, held_on=on
    )


def missing(person: Person, returned: dt.datetime, *, rhi: str = "") -> MissingEpisode:
    aware = timezone.make_aware(returned)
    episode = MissingEpisode.objects.create(
        child=person,
        missing_type="M",
        started_at=aware - dt.timedelta(hours=20),
        ended_at=aware,
    )
    if rhi:
        ReturnHomeInterview.objects.create(
            missing_episode=episode,
            offered_at=aware + dt.timedelta(hours=5),
            accepted=rhi != "declined",
            held_at=aware + dt.timedelta(hours=30) if rhi == "held" else None,
            held_by_agency="Missing children service" if rhi == "held" else "",
        )
    return episode


def leaver_contact(person: Person, on: dt.date) -> CareLeaverContact:
    return CareLeaverContact.objects.create(
        child=person, contact_on=on, in_touch="YES", activity="F1", accommodation="B1"
    )


def pathway_review(person: Person, on: dt.date) -> PathwayPlanReview:
    return PathwayPlanReview.objects.create(child=person, reviewed_on=on)
