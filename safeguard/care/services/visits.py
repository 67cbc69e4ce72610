"""The visit check registered with cin: looked-after visits and care-leaver contacts."""

from __future__ import annotations

from safeguard.care import selectors
from safeguard.cin.hooks import VisitRequest
from safeguard.cin.models import VisitType
from safeguard.core import validation as v


def check_visit_for_child_in_care(request: VisitRequest) -> None:
    """A looked-after visit needs a child in care that day; a care-leaver contact a care leaver.

    Registered with cin's visit checks so that the statutory-visit counts (seen within six
    weeks) are only ever made of children who were looked after on the visit date.
    """
    if request.visit_type == VisitType.LOOKED_AFTER:
        if selectors.period_on(request.child, request.visit_date) is None:
            raise v.fail(
                "visit_type",
                f"{request.child} was not looked after on {request.visit_date:%d/%m/%Y}, so "
                "this cannot be a looked-after child visit.",
            )
    elif request.visit_type == VisitType.CARE_LEAVER:
        status = selectors.care_leaver_status(request.child, request.visit_date)
        if not status.eligible:
            raise v.fail(
                "visit_type",
                f"{request.child} {status.reason}, so this cannot be a care leaver contact.",
            )
