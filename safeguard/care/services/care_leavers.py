"""Care leavers: contact with them (OC3) and pathway plan reviews."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.care import rules, selectors
from safeguard.care.models import CareLeaverContact, PathwayPlanReview
from safeguard.care.services.common import _check_worker, _lock_child
from safeguard.core import validation as v
from safeguard.core.codes import codelist
from safeguard.people.models import Person
from safeguard.workforce.models import Worker, WorkerRole


@transaction.atomic
def record_care_leaver_contact(
    *,
    child: Person,
    contact_on: dt.date,
    in_touch: str,
    activity: str,
    accommodation: str,
    personal_adviser: Worker | None = None,
    notes: str = "",
) -> CareLeaverContact:
    """Contact with (or about) a care leaver: in touch, activity, accommodation (OC3).

    Only for a care leaver on that day: looked after for 13 weeks since 14 with some of it
    at 16+, not looked after now, not died in care or transferred (1000, 1001, 1002, 1011),
    aged 16 to 25. In touch (YES) needs a known activity and accommodation (345); any other
    answer records both as 0 (344). No foyer under 18 (347); staying put (Z1/Z2) is from 18
    (3001). The personal adviser has that role and is in post. One contact a day.
    """
    child = _lock_child(child)
    v.require(contact_on, field="contact_on", label="Contact date")
    v.not_in_future(contact_on, field="contact_on", label="Contact date")
    v.valid_code(in_touch, codelist_key="care_leaver_in_touch", field="in_touch")
    v.valid_code(activity, codelist_key="care_leaver_activity", field="activity")
    v.valid_code(accommodation, codelist_key="care_leaver_accommodation", field="accommodation")
    status = selectors.care_leaver_status(child, contact_on)
    if not status.eligible:
        raise v.fail(
            "child",
            f"{child} {status.reason}: care leaver contact is only for a young person who "
            "was looked after and left care as a relevant or former relevant child "
            "(SSDA903 1001, 1002).",
        )
    if in_touch == "YES":
        for field, value, label in (
            ("activity", activity, "main activity"),
            ("accommodation", accommodation, "accommodation"),
        ):
            if value == "0":
                raise v.fail(
                    field,
                    f"The young person is in touch (YES): record their {label}, not 0 "
                    "(SSDA903 345).",
                )
    else:
        for field, value, label in (
            ("activity", activity, "Main activity"),
            ("accommodation", accommodation, "Accommodation"),
        ):
            if value != "0":
                raise v.fail(
                    field,
                    f"{label} is recorded as 0 when the answer to 'in touch' is {in_touch} "
                    f"({codelist('care_leaver_in_touch').label(in_touch)}), not {value} "
                    "(SSDA903 344).",
                )
    age = rules.age(child, contact_on) or 0
    if age < 18 and accommodation in {"T1", "T2"}:
        raise v.fail(
            "accommodation",
            f"A care leaver under 18 cannot live in a foyer ({accommodation}); {child} is "
            f"{age} (SSDA903 347).",
        )
    if age < 18 and accommodation in {"Z1", "Z2"}:
        raise v.fail(
            "accommodation",
            f"Staying put with former foster carers ({accommodation}) is from 18; {child} is "
            f"{age} (SSDA903 3001).",
        )
    _check_worker(
        personal_adviser,
        contact_on,
        field="personal_adviser",
        label="The personal adviser",
        roles=frozenset({WorkerRole.PERSONAL_ADVISER}),
    )
    if CareLeaverContact.objects.filter(child=child, contact_on=contact_on).exists():
        raise v.fail(
            "contact_on", f"{child} already has a care leaver contact on {contact_on:%d/%m/%Y}."
        )
    return CareLeaverContact.objects.create(
        child=child,
        contact_on=contact_on,
        in_touch=in_touch,
        activity=activity,
        accommodation=accommodation,
        personal_adviser=personal_adviser,
        notes=notes,
    )


@transaction.atomic
def record_pathway_plan_review(
    *,
    child: Person,
    reviewed_on: dt.date,
    personal_adviser: Worker | None = None,
    notes: str = "",
) -> PathwayPlanReview:
    """A pathway plan review: for a looked-after young person of 16 or 17, or a care leaver.

    Not in the future; aged 16 to 25; looked after that day or a care leaver; the personal
    adviser has that role and is in post; one review a day.
    """
    child = _lock_child(child)
    v.require(reviewed_on, field="reviewed_on", label="Review date")
    v.not_in_future(reviewed_on, field="reviewed_on", label="Review date")
    dob = rules.needs_date_of_birth(child, field="child", action="a pathway plan review")
    age = rules.age(child, reviewed_on) or 0
    if not 16 <= age <= selectors.CARE_LEAVER_MAX_AGE:
        raise v.fail(
            "reviewed_on",
            f"Pathway plans are for young people aged 16 to 25; {child} is {age} on "
            f"{reviewed_on:%d/%m/%Y} (born {dob:%d/%m/%Y}).",
        )
    if selectors.period_on(child, reviewed_on) is None:
        status = selectors.care_leaver_status(child, reviewed_on)
        if not status.eligible:
            raise v.fail(
                "child",
                f"{child} {status.reason}: a pathway plan is for an eligible (looked-after) "
                "young person or a care leaver.",
            )
    _check_worker(
        personal_adviser,
        reviewed_on,
        field="personal_adviser",
        label="The personal adviser",
        roles=frozenset({WorkerRole.PERSONAL_ADVISER}),
    )
    if PathwayPlanReview.objects.filter(child=child, reviewed_on=reviewed_on).exists():
        raise v.fail(
            "reviewed_on",
            f"{child} already has a pathway plan review on {reviewed_on:%d/%m/%Y}.",
        )
    return PathwayPlanReview.objects.create(
        child=child, reviewed_on=reviewed_on, personal_adviser=personal_adviser, notes=notes
    )
