"""Writes for the independent (Regulation 44-style) visits to an unregistered placement
(seed 000 §4.3). Re-exported by ``safeguard.care.services_unregistered``.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.care.models_unregistered import (
    IndependentVisit,
    Judgement,
    PrivateConversation,
    UnregisteredPlacement,
)
from safeguard.care.services_unregistered_rules import (
    choice,
    lock,
    text,
    within,
)
from safeguard.core import validation as v
from safeguard.workforce.models import Worker

RECORDS = {
    "daily_log_checked": "the daily log",
    "complaints_checked": "the complaints record",
    "sanctions_checked": "the sanctions record",
    "restraint_checked": "the restraint record",
}


@transaction.atomic
def record_independent_visit(
    *,
    placement: UnregisteredPlacement,
    visited_on: dt.date,
    visitor: Worker,
    child_spoken_to: str,
    staff_spoken_to: str,
    physical_condition: str,
    daily_log_checked: bool,
    complaints_checked: bool,
    sanctions_checked: bool,
    restraint_checked: bool,
    standard_of_care: str,
    opinion: str,
    records_note: str = "",
    actions: str = "",
) -> IndependentVisit:
    """A monthly Regulation 44-style visit (seed 000 §4.3).

    The visitor is independent of the child's care, so never their allocated worker. A
    record not checked needs a note saying why; an inadequate judgement needs the actions
    agreed. One visit per placement per day.
    """
    from safeguard.people.record import allocated_worker

    placement = lock(placement)
    v.require(visited_on, field="visited_on", label="Date of the visit")
    within(placement, visited_on, field="visited_on", label="Date of the visit")
    if visitor is None:
        raise v.fail("visitor", "Select who made the visit")
    allocated = allocated_worker(placement.child)
    if allocated is not None and allocated.pk == visitor.pk:
        raise v.fail(
            "visitor",
            f"{visitor.first_name} {visitor.last_name} is the child's allocated worker: the "
            "visit must be made by someone independent of the child's care.",
        )
    for field, value, who in (
        ("child_spoken_to", child_spoken_to, "the child was"),
        ("staff_spoken_to", staff_spoken_to, "the staff were"),
    ):
        choice(
            value,
            PrivateConversation,
            field=field,
            message=f"Say whether {who} spoken to in private",
        )
    choice(
        physical_condition,
        Judgement,
        field="physical_condition",
        message="Select your judgement of the physical condition of the home",
    )
    checks = {
        "daily_log_checked": daily_log_checked,
        "complaints_checked": complaints_checked,
        "sanctions_checked": sanctions_checked,
        "restraint_checked": restraint_checked,
    }
    missed = [RECORDS[name] for name, done in checks.items() if not done]
    if missed and not records_note.strip():
        raise v.fail(
            "records_note",
            f"Say why {' and '.join(missed)} {'was' if len(missed) == 1 else 'were'} not checked",
        )
    choice(
        standard_of_care,
        Judgement,
        field="standard_of_care",
        message="Select your judgement of the standard of care",
    )
    opinion = text(opinion, field="opinion", message="Give your opinion of the standard of care")
    inadequate = Judgement.INADEQUATE in {physical_condition, standard_of_care}
    if inadequate and not actions.strip():
        raise v.fail("actions", "Say what actions were agreed: a judgement is inadequate")
    if IndependentVisit.objects.filter(placement=placement, visited_on=visited_on).exists():
        raise v.fail(
            "visited_on",
            f"A visit on {visited_on:%d/%m/%Y} is already recorded for this placement.",
        )
    return IndependentVisit.objects.create(
        placement=placement,
        visited_on=visited_on,
        visitor=visitor,
        child_spoken_to=child_spoken_to,
        staff_spoken_to=staff_spoken_to,
        physical_condition=physical_condition,
        standard_of_care=standard_of_care,
        records_note=records_note.strip(),
        opinion=opinion,
        actions=actions.strip(),
        **checks,
    )
