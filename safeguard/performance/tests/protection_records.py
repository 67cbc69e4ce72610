"""Child protection records built straight through the ORM for the CP measure tests.

Rows are created directly (not through the protection services): the tests are about
counting records, including ones the services would refuse today (imported history, data
errors such as a plan left open past 18), and each test states its own dates.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import Any

from safeguard.assessment.models import Assessment, AssessmentFactor
from safeguard.care.models import PeriodOfCare
from safeguard.cin.models import CINEpisode, Visit
from safeguard.people.models import Disability, Person, PopulationEstimate
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.registry import Figure
from safeguard.protection.models import (
    Conference,
    ConferenceAttendance,
    ConferenceInvitation,
    CPPlan,
    Section47Enquiry,
    StrategyDiscussion,
)
from safeguard.workforce.models import Team, Worker, WorkerRole

D = dt.date
_numbers = itertools.count(1)
BORN = D(2015, 6, 1)
REFERRAL = D(2015, 1, 5)


def child(
    dob: dt.date | None = BORN,
    *,
    gender: str = "1",
    ethnicity: str = "WBRI",
    expected: dt.date | None = None,
    disabilities: Iterable[str] = (),
) -> Person:
    n = next(_numbers)
    person = Person.objects.create(
        la_child_id=f"CP{n:06d}",
        first_name="Test",
        last_name=f"Child{n}",
        date_of_birth=dob,
        expected_date_of_birth=expected,
        gender=gender,
        ethnicity=ethnicity,
    )
    for code in disabilities:
        Disability.objects.create(person=person, code=code)
    return person


def worker() -> Worker:
    n = next(_numbers)
    team = Team.objects.create(name=f"CP team {n}", service_area="cin")
    return Worker.objects.create(
        staff_id=f"CPW{n:05d}",
        first_name="Sam",
        last_name=f"Worker{n}",
        role=WorkerRole.SOCIAL_WORKER,
        team=team,
        started_on=D(2010, 1, 4),
    )


def episode(person: Person, referral: dt.date = REFERRAL) -> CINEpisode:
    return CINEpisode.objects.create(child=person, referral_date=referral, referral_source="6")


def _episode_of(person: Person) -> CINEpisode:
    found = CINEpisode.objects.filter(child=person).first()
    return found or episode(person)


def plan(
    person: Person,
    start: dt.date,
    end: dt.date | None = None,
    *,
    category: str = "NEG",
    latest: str | None = None,
    weeks: int = 4,
    end_reason: str = "",
) -> CPPlan:
    return CPPlan.objects.create(
        episode=_episode_of(person),
        child=person,
        start_date=start,
        end_date=end,
        initial_category=category,
        latest_category=latest or category,
        visit_frequency_weeks=weeks,
        end_reason=end_reason or ("no_longer_at_risk" if end else ""),
    )


def enquiry(
    person: Person, strategy_on: dt.date | None, *, start: dt.date | None = None
) -> Section47Enquiry:
    """A section 47 enquiry begun at a strategy discussion on ``strategy_on`` (None: an
    imported enquiry with no discussion recorded, starting on ``start``)."""
    ep = _episode_of(person)
    discussion = None
    if strategy_on is not None:
        discussion = StrategyDiscussion.objects.create(
            episode=ep, held_on=strategy_on, s47_initiated=True, criminal_investigation=False
        )
    start_date = start or strategy_on
    assert start_date is not None
    return Section47Enquiry.objects.create(
        episode=ep,
        strategy_discussion=discussion,
        start_date=start_date,
        outcome="substantiated",
        outcome_date=start_date,
    )


def conference(
    person: Person,
    held: dt.date | None,
    *,
    kind: str = "initial",
    group: str = "",
    s47: Section47Enquiry | None = None,
    outcome: str = "plan",
    quorate: bool | None = None,
    offered: bool | None = None,
    accepted: bool | None = None,
    cancelled: dt.date | None = None,
    scheduled: dt.date | None = None,
) -> Conference:
    when = scheduled or held
    assert when is not None
    return Conference.objects.create(
        episode=_episode_of(person),
        child=person,
        conference_type=kind,
        section47=s47,
        scheduled_for=when,
        held_on=held,
        group_reference=group,
        quorate=quorate,
        advocacy_offered=offered,
        advocacy_accepted=accepted,
        outcome=outcome if held else "",
        category="NEG" if held and outcome == "plan" else "",
        cancelled_on=cancelled,
        cancellation_reason="Family moved away." if cancelled else "",
    )


def invite(meeting: Conference, *agencies: str) -> None:
    for agency in agencies:
        ConferenceInvitation.objects.create(
            conference=meeting,
            agency=agency,
            invitee=agency.title(),
            invited_on=meeting.scheduled_for,
        )


def attend(meeting: Conference, **statuses: str) -> None:
    """``attend(c, police="attended", school="apologies")``."""
    for agency, status in statuses.items():
        ConferenceAttendance.objects.create(
            conference=meeting, agency=agency, name=agency.title(), status=status
        )


def visit(
    person: Person,
    on: dt.date,
    by: Worker,
    *,
    kind: str = "cp",
    seen: bool = True,
    alone: bool = False,
) -> Visit:
    return Visit.objects.create(
        child=person,
        episode=_episode_of(person) if kind != "looked_after" else None,
        visit_date=on,
        visit_type=kind,
        worker=by,
        child_seen=seen,
        seen_alone=alone and seen,
        location="home",
    )


def assessment(
    person: Person,
    start: dt.date,
    *codes: str,
    authorised: dt.date | None = None,
) -> Assessment:
    found = Assessment.objects.create(
        episode=_episode_of(person), start_date=start, authorised_on=authorised
    )
    for code in codes:
        AssessmentFactor.objects.create(assessment=found, code=code)
    return found


def in_care(person: Person, started: dt.date, ended: dt.date | None = None) -> PeriodOfCare:
    return PeriodOfCare.objects.create(child=person, started_on=started, ended_on=ended)


def population(year: int, per_age: int) -> None:
    """``per_age`` children at each age 0-17 (and some 18-year-olds, who are not counted)."""
    for age in range(18):
        PopulationEstimate.objects.create(year=year, age=age, count=per_age)
    PopulationEstimate.objects.create(year=year, age=18, count=per_age)


def figure(measure_id: str, period: Period) -> Figure:
    """A fresh run (nothing cached) for one figure."""
    return Data().figure(measure_id, period)


def ids(frame: Any) -> set[str]:
    return set(frame["child_id"].to_list())


def month(year: int, number: int) -> Period:
    return Period.month(year, number)
