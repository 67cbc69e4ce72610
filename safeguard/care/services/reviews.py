"""Looked-after reviews, chaired by an independent reviewing officer (SSDA903 Reviews)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.care import rules
from safeguard.care.models import LookedAfterReview
from safeguard.care.services.common import _check_worker, _lock_child, _period_on
from safeguard.core import validation as v
from safeguard.people.models import Person
from safeguard.workforce.models import Worker, WorkerRole

#: Independent reviewing officers are recorded with the chair/IRO role.
IRO_ROLES = frozenset({WorkerRole.CONFERENCE_CHAIR})


@transaction.atomic
def record_looked_after_review(
    *,
    child: Person,
    held_on: dt.date,
    participation: str,
    chaired_by: Worker,
    notes: str = "",
) -> LookedAfterReview:
    """A looked-after review, chaired by an IRO (SSDA903 Reviews).

    Not in the future; the child was looked after that day; one review a day; PN0 if and
    only if the child was under 4 (440, 441); the chair is an IRO in post.
    """
    child = _lock_child(child)
    v.require(held_on, field="held_on", label="Review date")
    v.not_in_future(held_on, field="held_on", label="Review date")
    v.valid_code(participation, codelist_key="review_participation", field="participation")
    period = _period_on(child, held_on, field="held_on", label="looked-after review")
    age = rules.age(child, held_on)
    if age is not None and (participation == "PN0") != (age < 4):
        raise v.fail(
            "participation",
            f"{child} is {age} on {held_on:%d/%m/%Y}: PN0 is for children under 4 at the "
            f"review and only for them; got {participation} (SSDA903 440, 441).",
        )
    v.require(chaired_by, field="chaired_by", label="Independent reviewing officer")
    _check_worker(
        chaired_by, held_on, field="chaired_by", label="The review's chair", roles=IRO_ROLES
    )
    if LookedAfterReview.objects.filter(child=child, held_on=held_on).exists():
        raise v.fail("held_on", f"{child} already has a looked-after review on {held_on:%d/%m/%Y}.")
    return LookedAfterReview.objects.create(
        child=child,
        period=period,
        held_on=held_on,
        participation=participation,
        chaired_by=chaired_by,
        notes=notes,
    )
