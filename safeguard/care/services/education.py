"""Education of children in care: personal education plan (PEP) meetings."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.care.models import PersonalEducationPlan
from safeguard.care.services.common import _lock_child, _period_on
from safeguard.core import validation as v
from safeguard.people.models import Person


@transaction.atomic
def record_pep(
    *, child: Person, held_on: dt.date, school_name: str = "", notes: str = ""
) -> PersonalEducationPlan:
    """A personal education plan meeting: not in the future, while looked after, one a day."""
    child = _lock_child(child)
    v.require(held_on, field="held_on", label="PEP date")
    v.not_in_future(held_on, field="held_on", label="PEP date")
    period = _period_on(child, held_on, field="held_on", label="personal education plan")
    if PersonalEducationPlan.objects.filter(child=child, held_on=held_on).exists():
        raise v.fail("held_on", f"{child} already has a PEP on {held_on:%d/%m/%Y}.")
    return PersonalEducationPlan.objects.create(
        child=child, period=period, held_on=held_on, school_name=school_name, notes=notes
    )
