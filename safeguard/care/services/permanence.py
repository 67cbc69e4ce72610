"""Previous permanence: adoption, an SGO or a CAO before this period of care (PrevPerm)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.care import rules
from safeguard.care.models import PeriodOfCare, PreviousPermanence
from safeguard.care.services.common import _lock_child
from safeguard.core import validation as v
from safeguard.core.codes import codelist


@transaction.atomic
def record_previous_permanence(
    *,
    period: PeriodOfCare,
    option: str,
    la_code: str = "",
    order_date: dt.date | None = None,
) -> PreviousPermanence:
    """Whether the child had adoption, an SGO or a CAO before this period (PrevPerm).

    Created or corrected (one per period). Z1 (none) and P4 (not known) have no authority
    or date (635); an order date is not in the future, not before birth and before the
    period began (632); the authority code is letters and digits (633).
    """
    period = PeriodOfCare.objects.select_related("child").get(pk=period.pk)
    _lock_child(period.child)
    v.valid_code(option, codelist_key="previous_permanence", field="option")
    la = rules.la_code(la_code, field="la_code", label="Authority that arranged the order")
    if option in {"Z1", "P4"}:
        if la:
            raise v.fail(
                "la_code",
                f"No authority is recorded with {option} ("
                f"{codelist('previous_permanence').label(option).lower()}) (SSDA903 635).",
            )
        if order_date is not None:
            raise v.fail(
                "order_date",
                f"No order date is recorded with {option} ("
                f"{codelist('previous_permanence').label(option).lower()}) (SSDA903 635).",
            )
    if order_date is not None:
        v.not_in_future(order_date, field="order_date", label="Date of the order")
        rules.not_before(
            order_date,
            period.child.date_of_birth,
            field="order_date",
            label="Date of the order",
            earliest_label="the child's date of birth",
            rule="632",
        )
        rules.not_after(
            order_date,
            period.started_on,
            field="order_date",
            label="Date of the order",
            latest_label="the start of this period of care",
            rule="632",
        )
    record = PreviousPermanence.objects.select_for_update().filter(period=period).first()
    if record is None:
        return PreviousPermanence.objects.create(
            period=period, option=option, la_code=la, order_date=order_date
        )
    record.option = option
    record.la_code = la
    record.order_date = order_date
    record.save()
    return record
