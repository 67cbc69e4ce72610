"""Hand-built issue 8 records for the worklist tests: CAROLE, PPNs and HRDA, LADO,
fostering and unregistered placements (through the apps' own services where they check
rules the items depend on)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from safeguard.care.models_unregistered import IndependentVisit, UnregisteredPlacement
from safeguard.core import clock
from safeguard.exploitation import services_carole as carole
from safeguard.exploitation.models_carole import (
    ExploitationRiskAssessment,
    MaceMeeting,
    PlanStrand,
)
from safeguard.exploitation.services_carole import PlanAction
from safeguard.fostering.models import FosterCarerReview, FosterHousehold
from safeguard.frontdoor import services as frontdoor
from safeguard.partnership.models.lado import Allegation
from safeguard.worklists.tests import factories as f

_n = itertools.count(1)


def moderated(child: Any, on: dt.date, level: str = "significant") -> ExploitationRiskAssessment:
    assessment = carole.record_risk_assessment(
        child=child,
        assessed_on=on,
        risk_level=level,
        indicators=["cce"],
        summary="Seen with older associates.",
    )
    return carole.moderate_risk_assessment(
        assessment=assessment, moderated_on=on, police_present=True, health_present=True
    )


def mace(child: Any, on: dt.date, level: str = "significant", *, due: dt.date) -> MaceMeeting:
    actions = [
        PlanAction(strand=s.value, action=f"{s.label} action", owner="Police", due_on=due)
        for s in PlanStrand
    ]
    return carole.record_mace_meeting(
        child=child,
        held_on=on,
        attendees="Police\nHealth\nSocial care",
        risk_level=level,
        actions=actions,
    )


def ppn(children: list[Any], received: dt.datetime, rating: str = "red") -> Any:
    return frontdoor.record_contact(
        received_at=received,
        source="6",
        channel="police_ppn",
        ppn_rating=rating,
        concerns="Police attended a domestic incident; the children were present.",
        children=children,
        consent_asked=False,
        consent_given=False,
    )


def allegation(informed: dt.date, **extra: Any) -> Allegation:
    values: dict[str, Any] = {
        "reference": f"LADO-WL-{next(_n)}",
        "lado_informed_on": informed,
        "source_agency": "education",
        "subject_name": "Pat Teacher",
        "subject_role": "education",
        "category": "physical",
        "summary": "Grabbed a pupil's arm.",
    }
    values.update(extra)
    return Allegation.objects.create(**values)


def household(approved: dt.date, *, reviewed: dt.date | None = None, **extra: Any) -> Any:
    found = FosterHousehold.objects.create(
        name=extra.pop("name", f"The Carers {next(_n)}"),
        carer_names="Jo Carer",
        approved_on=approved,
        approval_type="long_term",
        children_approved=2,
        vacancies=1,
        **extra,
    )
    if reviewed is not None:
        FosterCarerReview.objects.create(household=found, held_on=reviewed)
    return found


def unregistered(child: Any, placed: dt.date, *, approved: dt.date | None = None) -> Any:
    care = f.in_care(child, placed, placement="K2")
    care.episode.is_registered = False
    care.episode.save()
    return UnregisteredPlacement.objects.create(
        child=child,
        episode=care.episode,
        started_on=placed,
        address="1 Holiday Lets, Weymouth",
        provider="Staffing Agency Ltd",
        setting="rented",
        reason="no_vacancy",
        reason_detail="Twelve homes approached; none had a vacancy.",
        approved_on=approved,
        approved_by="C. Director" if approved else "",
    )


def independent_visit(placement: Any, on: dt.date) -> IndependentVisit:
    return IndependentVisit.objects.create(
        placement=placement,
        visited_on=on,
        child_spoken_to="spoken",
        staff_spoken_to="spoken",
        physical_condition="good",
        standard_of_care="good",
        daily_log_checked=True,
        complaints_checked=True,
        sanctions_checked=True,
        restraint_checked=True,
        opinion="Good care.",
    )


def today() -> dt.date:
    return clock.today()
