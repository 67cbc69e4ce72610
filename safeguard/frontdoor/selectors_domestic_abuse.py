"""Reads for domestic abuse at the front door: PPNs to triage, HRDA lists, the report."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from safeguard.core.timescales import compute_due
from safeguard.frontdoor.models import Contact, ContactChannel, PpnRating
from safeguard.frontdoor.models_domestic_abuse import (
    HrdaListing,
    HrdaMeeting,
    HrdaMeetingKind,
    PpnConsultationOutcome,
)
from safeguard.frontdoor.rules import local_date

#: The MASH queue's order of urgency: red, amber, not rated, green, then blue.
RATING_ORDER: dict[str, int] = {
    PpnRating.RED: 0,
    PpnRating.AMBER: 1,
    "": 2,
    PpnRating.GREEN: 3,
    PpnRating.BLUE: 4,
}


def ppns_awaiting_consultation() -> list[Contact]:
    """Police PPNs with no consultation outcome yet, most urgent rating then oldest first."""
    rows = list(
        Contact.objects.filter(channel=ContactChannel.POLICE_PPN, ppn_consultation__isnull=True)
        .prefetch_related("contact_children__child")
        .order_by("received_at")
    )
    return sorted(rows, key=lambda c: (RATING_ORDER.get(c.ppn_rating, 4), c.received_at))


def consultation_due(contact: Contact) -> dt.date:
    """When the PPN's consultation outcome is due (the ``ppn_consultation`` timescale)."""
    return compute_due("ppn_consultation", local_date(contact.received_at)).due


def meeting_on(kind: str, held_on: dt.date) -> HrdaMeeting | None:
    return HrdaMeeting.objects.filter(kind=kind, held_on=held_on).first()


def listings_for(meeting: HrdaMeeting) -> QuerySet[HrdaListing]:
    """The meeting's cases with their PPN, children in the household and actions."""
    return (
        HrdaListing.objects.filter(meeting=meeting)
        .select_related("case__contact", "case__contact__ppn_consultation")
        .prefetch_related("case__contact__contact_children__child", Prefetch("actions"))
        .order_by("created_at")
    )


def listing(listing_id: uuid.UUID | str) -> HrdaListing:
    return HrdaListing.objects.select_related("meeting", "case__contact").get(pk=listing_id)


def upcoming_meetings(today: dt.date, *, limit: int = 10) -> list[HrdaMeeting]:
    return list(HrdaMeeting.objects.filter(held_on__gte=today).order_by("held_on")[:limit])


@dataclass
class MonthRow:
    month: dt.date
    by_rating: Counter[str] = field(default_factory=Counter)
    by_outcome: Counter[str] = field(default_factory=Counter)
    ppns: int = 0
    hrda_cases: int = 0
    hrda_cases_with_children: int = 0
    hrda_plus_listings: int = 0


RATINGS = [
    (PpnRating.BLUE, "Blue"),
    (PpnRating.RED, "Red"),
    (PpnRating.AMBER, "Amber"),
    (PpnRating.GREEN, "Green"),
    ("", "No rating"),
]


def report(start: dt.date, end: dt.date) -> list[MonthRow]:
    """Per month: PPNs by rating and consultation outcome, HRDA cases and HRDA Plus."""
    months: dict[dt.date, MonthRow] = {}

    def row(day: dt.date) -> MonthRow:
        key = day.replace(day=1)
        return months.setdefault(key, MonthRow(month=key))

    ppns = Contact.objects.filter(
        channel=ContactChannel.POLICE_PPN,
        received_at__date__gte=start,
        received_at__date__lte=end,
    ).select_related("ppn_consultation", "hrda_case")
    for contact in ppns.prefetch_related("contact_children"):
        r = row(local_date(contact.received_at))
        r.ppns += 1
        r.by_rating[contact.ppn_rating] += 1
        consultation = getattr(contact, "ppn_consultation", None)
        r.by_outcome[consultation.outcome if consultation else "awaiting"] += 1
        if getattr(contact, "hrda_case", None) is not None:
            r.hrda_cases += 1
            if contact.contact_children.exists():
                r.hrda_cases_with_children += 1
    plus = HrdaListing.objects.filter(
        meeting__kind=HrdaMeetingKind.PLUS, meeting__held_on__gte=start, meeting__held_on__lte=end
    ).select_related("meeting")
    for item in plus:
        row(item.meeting.held_on).hrda_plus_listings += 1
    return [months[k] for k in sorted(months)]


OUTCOMES = [*PpnConsultationOutcome.choices, ("awaiting", "Awaiting consultation")]
