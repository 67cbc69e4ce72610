"""Writes for care planning: versions of a looked-after child's care plan, permanence plans.

The conventions of ``safeguard.care.services``: one transaction per service, keyword-only
arguments, every invariant checked before anything is written, ``ValidationError`` keyed
by the field at fault. History is never overwritten: a re-agreed care plan or a changed
permanence plan is a new row, so the measures can read the plan in force on any past day.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.care.models import (
    CarePlan,
    CarePlanOccasion,
    PermanenceOption,
    PermanencePlan,
)
from safeguard.care.services.common import _check_worker, _lock_child, _period_on
from safeguard.cin import rules as cin_rules
from safeguard.core import validation as v
from safeguard.people.models import Person
from safeguard.workforce.models import Worker, WorkerRole

#: Who agrees a care plan: the team manager, or a service manager above them.
PLAN_APPROVER_ROLES = frozenset({WorkerRole.TEAM_MANAGER, WorkerRole.SERVICE_MANAGER})


@transaction.atomic
def record_care_plan(
    *,
    child: Person,
    agreed_on: dt.date,
    occasion: str,
    agreed_by: Worker | None,
    notes: str = "",
) -> CarePlan:
    """A version of the care plan agreed: the first plan, a review's or a revision.

    Not in the future; the child was looked after that day; one version a day; the first
    version of a period of care is the first care plan and there is only one (a review
    or revision needs a plan to review); agreed by a team or service manager in post.
    """
    child = _lock_child(child)
    cin_rules.valid_choice(occasion, CarePlanOccasion, field="occasion", label="Occasion")
    v.require(agreed_on, field="agreed_on", label="Date the plan was agreed")
    v.not_in_future(agreed_on, field="agreed_on", label="Date the plan was agreed")
    period = _period_on(child, agreed_on, field="agreed_on", label="care plan")
    if CarePlan.objects.filter(child=child, agreed_on=agreed_on).exists():
        raise v.fail(
            "agreed_on", f"{child} already has a care plan agreed on {agreed_on:%d/%m/%Y}."
        )
    v.require(agreed_by, field="agreed_by", label="Manager agreeing the plan")
    _check_worker(
        agreed_by,
        agreed_on,
        field="agreed_by",
        label="The manager agreeing the plan",
        roles=PLAN_APPROVER_ROLES,
    )
    earlier = period.care_plans.filter(agreed_on__lt=agreed_on).order_by("agreed_on").first()
    if occasion == CarePlanOccasion.INITIAL:
        first = period.care_plans.filter(occasion=CarePlanOccasion.INITIAL).first()
        if first is not None:
            raise v.fail(
                "occasion",
                f"{child} already has a first care plan in this period of care (agreed "
                f"{first.agreed_on:%d/%m/%Y}): record this one as reviewed or revised.",
            )
        if earlier is not None:
            raise v.fail(
                "occasion",
                f"A care plan was already agreed on {earlier.agreed_on:%d/%m/%Y} in this period "
                "of care, so this cannot be the first.",
            )
    elif earlier is None:
        raise v.fail(
            "occasion",
            f"{child} has no earlier care plan in this period of care to review or revise: "
            "record the first care plan.",
        )
    return CarePlan.objects.create(
        child=child,
        period=period,
        agreed_on=agreed_on,
        occasion=occasion,
        agreed_by=agreed_by,
        notes=notes,
    )


@transaction.atomic
def record_permanence_plan(
    *, child: Person, decided_on: dt.date, option: str, notes: str = ""
) -> PermanencePlan:
    """The permanence plan decided (or changed), usually at a looked-after review.

    Not in the future; the child was looked after that day; one decision a day; a change
    is a different plan from the one in force (recording the same plan again would make
    the history say it changed when it did not).
    """
    child = _lock_child(child)
    cin_rules.valid_choice(option, PermanenceOption, field="option", label="Permanence plan")
    v.require(decided_on, field="decided_on", label="Date the plan was decided")
    v.not_in_future(decided_on, field="decided_on", label="Date the plan was decided")
    period = _period_on(child, decided_on, field="decided_on", label="permanence plan")
    if PermanencePlan.objects.filter(child=child, decided_on=decided_on).exists():
        raise v.fail(
            "decided_on", f"{child} already has a permanence plan decided on {decided_on:%d/%m/%Y}."
        )
    in_force = (
        period.permanence_plans.filter(decided_on__lt=decided_on).order_by("-decided_on").first()
    )
    if in_force is not None and in_force.option == option:
        raise v.fail(
            "option",
            f"{child}'s permanence plan is already {in_force.get_option_display().lower()} "
            f"(decided {in_force.decided_on:%d/%m/%Y}).",
        )
    return PermanencePlan.objects.create(
        child=child, period=period, decided_on=decided_on, option=option, notes=notes
    )
