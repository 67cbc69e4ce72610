"""Which dates the case records cover, so a report for a period with none says so."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Min

from safeguard.cin.models import CINEpisode
from safeguard.performance.periods import Period


class NoDataError(ValueError):
    """The period asked for lies outside every case record."""


def records_span() -> tuple[dt.date, dt.date] | None:
    """The first and last referral dates held (referrals start every journey past MASH)."""
    span = CINEpisode.objects.aggregate(first=Min("referral_date"), last=Max("referral_date"))
    if span["first"] is None:
        return None
    return span["first"], span["last"]


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
