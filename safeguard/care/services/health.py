"""Health of children in care: health assessments, dental checks and SDQs, and the OC2 outcomes."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.care import rules, selectors
from safeguard.care.models import HealthAssessment, HealthAssessmentKind, OutcomesRecord
from safeguard.care.services.common import _lock_child, _period_on
from safeguard.cin import rules as cin_rules
from safeguard.core import clock
from safeguard.core import validation as v
from safeguard.people.models import Person


@transaction.atomic
def record_health_assessment(
    *,
    child: Person,
    kind: str,
    assessed_on: dt.date,
    sdq_score: int | None = None,
    notes: str = "",
) -> HealthAssessment:
    """An initial or review health assessment, dental check or SDQ.

    Not in the future; while looked after; one initial assessment per period of care; an
    SDQ has a score of 0-40 (180) for a child aged 4 to 17, other kinds have none.
    """
    child = _lock_child(child)
    cin_rules.valid_choice(kind, HealthAssessmentKind, field="kind", label="Assessment type")
    v.require(assessed_on, field="assessed_on", label="Assessment date")
    v.not_in_future(assessed_on, field="assessed_on", label="Assessment date")
    period = _period_on(child, assessed_on, field="assessed_on", label="health assessment")
    if kind == HealthAssessmentKind.SDQ:
        if sdq_score is None or not 0 <= sdq_score <= 40:
            raise v.fail(
                "sdq_score",
                f"An SDQ needs a total difficulties score from 0 to 40; got {sdq_score} "
                "(SSDA903 180).",
            )
        age = rules.age(child, assessed_on)
        if age is not None and not 4 <= age <= 17:
            raise v.fail(
                "kind",
                f"The SDQ is for children aged 4 to 17; {child} is {age} on "
                f"{assessed_on:%d/%m/%Y} (SSDA903 188, 189).",
            )
    elif sdq_score is not None:
        raise v.fail(
            "sdq_score", f"Only an SDQ has a score; this is a {HealthAssessmentKind(kind).label}."
        )
    if kind == HealthAssessmentKind.INITIAL:
        earlier = period.health_assessments.filter(kind=HealthAssessmentKind.INITIAL).first()
        if earlier is not None:
            raise v.fail(
                "kind",
                f"{child} already had an initial health assessment in this period of care "
                f"({earlier.assessed_on:%d/%m/%Y}): record this one as a review assessment.",
            )
    if HealthAssessment.objects.filter(child=child, kind=kind, assessed_on=assessed_on).exists():
        raise v.fail(
            "assessed_on",
            f"{child} already has a {HealthAssessmentKind(kind).label.lower()} on "
            f"{assessed_on:%d/%m/%Y}.",
        )
    return HealthAssessment.objects.create(
        child=child,
        period=period,
        kind=kind,
        assessed_on=assessed_on,
        sdq_score=sdq_score,
        notes=notes,
    )


@transaction.atomic
def record_outcomes(
    *,
    child: Person,
    year_ending: dt.date,
    immunisations_up_to_date: bool | None,
    substance_misuse: bool | None,
    convicted: bool | None = None,
    health_check_up_to_date: bool | None = None,
    intervention_received: bool | None = None,
    intervention_offered: bool | None = None,
    sdq_reason: str = "",
) -> OutcomesRecord:
    """The stored OC2 answers for a year to 31 March (created, or replaced when recorded).

    Only for a child looked after continuously for 12 months at 31 March (190): the period
    began on or before 1 April and has not ended. Immunisations and substance misuse are
    answered (182); convictions for a child 10 or over at 31 March, and only then (542,
    543); the health check for under-5s, and only them (545, 546); intervention received
    only if a substance misuse problem was identified (192, 193), offered only if not
    received (158, 159); a reason for no SDQ only when no SDQ score is recorded (197a).
    """
    child = _lock_child(child)
    v.require(year_ending, field="year_ending", label="Year ending")
    if (year_ending.month, year_ending.day) != (3, 31):
        raise v.fail(
            "year_ending",
            f"OC2 answers are for a year ending 31 March; got {year_ending:%d/%m/%Y}.",
        )
    year = selectors.ReturnYear.ending(year_ending.year)
    if year.start > clock.today():
        raise v.fail(
            "year_ending",
            f"The year {year.start:%d/%m/%Y} to {year.end:%d/%m/%Y} has not started.",
        )
    if selectors.continuous_period(child, year) is None:
        raise v.fail(
            "child",
            f"{child} was not looked after continuously from {year.start:%d/%m/%Y} to "
            f"{year.end:%d/%m/%Y}: OC2 is only for children looked after for 12 months at "
            "31 March (SSDA903 190).",
        )
    dob = rules.needs_date_of_birth(child, field="child", action="recording OC2")
    age = rules.age(child, year.end) or 0
    rules.yes_no(
        immunisations_up_to_date,
        field="immunisations_up_to_date",
        label="Immunisations up to date",
        must_be_blank=False,
        why="it is asked for every child looked after for 12 months (SSDA903 182)",
    )
    rules.yes_no(
        substance_misuse,
        field="substance_misuse",
        label="Substance misuse problem identified",
        must_be_blank=False,
        why="it is asked for every child looked after for 12 months (SSDA903 182)",
    )
    rules.yes_no(
        convicted,
        field="convicted",
        label="Convicted during the year",
        must_be_blank=age < 10,
        why=f"{child} is {age} on {year.end:%d/%m/%Y} (born {dob:%d/%m/%Y}); it is asked for "
        "children 10 or over (SSDA903 542, 543)",
    )
    rules.yes_no(
        health_check_up_to_date,
        field="health_check_up_to_date",
        label="Health (development) check up to date",
        must_be_blank=age >= 5,
        why=f"{child} is {age} on {year.end:%d/%m/%Y}; it is asked for children under 5 "
        "(SSDA903 545, 546)",
    )
    rules.yes_no(
        intervention_received,
        field="intervention_received",
        label="Intervention received",
        must_be_blank=substance_misuse is not True,
        why="it is asked only when a substance misuse problem was identified (SSDA903 192, 193)",
    )
    rules.yes_no(
        intervention_offered,
        field="intervention_offered",
        label="Intervention offered",
        must_be_blank=intervention_received is not False,
        why="it is asked only when an intervention was not received (SSDA903 158, 159, 193)",
    )
    if sdq_reason:
        v.valid_code(sdq_reason, codelist_key="sdq_reason", field="sdq_reason")
        score = selectors.sdq_score_in_year(child, year)
        if score is not None:
            raise v.fail(
                "sdq_reason",
                f"An SDQ score ({score}) is recorded for the year: no reason for a missing "
                "score is needed (SSDA903 197a).",
            )
    values = {
        "convicted": convicted,
        "health_check_up_to_date": health_check_up_to_date,
        "immunisations_up_to_date": immunisations_up_to_date,
        "substance_misuse": substance_misuse,
        "intervention_received": intervention_received,
        "intervention_offered": intervention_offered,
        "sdq_reason": sdq_reason,
    }
    record = (
        OutcomesRecord.objects.select_for_update()
        .filter(child=child, year_ending=year_ending)
        .first()
    )
    if record is None:
        return OutcomesRecord.objects.create(child=child, year_ending=year_ending, **values)
    for name, value in values.items():
        setattr(record, name, value)
    record.save()
    return record
