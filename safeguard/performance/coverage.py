"""Which dates the case records cover, so a report for a period with none says so."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Min
from django.utils import timezone

from safeguard.frontdoor.models import Contact
from safeguard.performance.periods import Period


class NoDataError(ValueError):
    """The period asked for lies outside every case record."""


def records_span() -> tuple[dt.date, dt.date] | None:
    """The first and last days contacts were received: every journey starts with one,
    and earlier history migrated with a child (old referrals) is not a full record."""
    span = Contact.objects.aggregate(first=Min("received_at"), last=Max("received_at"))
    if span["first"] is None:
        return None
    return timezone.localdate(span["first"]), timezone.localdate(span["last"])


def require_records(period: Period) -> None:
    """Raise ``NoDataError`` naming what is held when ``period`` has no records at all."""
    span = records_span()
    if span is None:
        raise NoDataError(
            "There are no case records yet: generate the demo authority (safeguard "
            "generate) or migrate the records before reporting."
        )
    first, last = span
    if period.end < first or period.start > last:
        raise NoDataError(
            f"No case records cover {period.label}: the records run from "
            f"{first:%-d %B %Y} to {last:%-d %B %Y}."
        )
