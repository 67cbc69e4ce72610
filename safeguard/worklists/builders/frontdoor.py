"""Front door queue items: police PPNs awaiting their consultation outcome, and HRDA cases
whose risk has not reduced, due at HRDA Plus. The MASH (``make_mash_decision``) works
both, as it works the PPN list and the HRDA meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.http import urlencode

from safeguard.frontdoor.models import Contact, ContactChannel, ContactChild
from safeguard.frontdoor.models_domestic_abuse import HrdaListing, HrdaMeetingKind
from safeguard.frontdoor.rules import local_date
from safeguard.frontdoor.selectors import visible_child_ids
from safeguard.worklists.builders.common import dmy
from safeguard.worklists.items import Rules
from safeguard.worklists.queues.base import QueueItem, make_queue_item

_CHILDREN = Prefetch(
    "contact_children",
    queryset=ContactChild.objects.select_related("child").order_by(
        "child__last_name", "child__first_name"
    ),
)


def _children(user: Any, contacts: list[Contact]) -> tuple[dict[Any, list[Any]], set[Any]]:
    by_contact = {c.pk: [cc.child for cc in c.contact_children.all()] for c in contacts}
    visible = visible_child_ids(user, [k for kids in by_contact.values() for k in kids])
    return by_contact, visible


def ppn_consultations(user: Any, today: dt.date, rules: Rules) -> list[QueueItem]:
    """Every police PPN with no consultation outcome (``ppn_consultation``) that the user
    may open: at least one of its children by their access rules, as the page needs."""
    contacts = list(
        Contact.objects.filter(channel=ContactChannel.POLICE_PPN, ppn_consultation__isnull=True)
        .prefetch_related(_CHILDREN)
        .order_by("received_at")
    )
    by_contact, visible = _children(user, contacts)
    items = []
    for contact in contacts:
        kids = by_contact[contact.pk]
        if not any(k.pk in visible for k in kids):
            continue  # the consultation page opens by the PPN's children's rules
        rating = contact.get_ppn_rating_display() or "not rated"
        received = local_date(contact.received_at)
        items.append(
            make_queue_item(
                rules,
                today,
                "ppn_consultation",
                received,
                what="PPN consultation outcome",
                subject=f"Police PPN received {dmy(received)} (rating: {rating})",
                url=reverse("frontdoor:consult_ppn", kwargs={"contact_id": contact.pk}),
                detail="Agree the consultation outcome with police and early help",
                children=tuple(k for k in kids if k.pk in visible),
                hidden_children=sum(1 for k in kids if k.pk not in visible),
            )
        )
    return items


def hrda_plus_reviews(user: Any, today: dt.date, rules: Rules) -> list[QueueItem]:
    """Open HRDA cases whose latest discussed listing found the risk not reduced: due at
    HRDA Plus within a month (``hrda_plus_review``). Reviewed once a later meeting has
    judged the risk (reduced closes the case; not reduced starts the month again)."""
    latest: dict[Any, Any] = {}
    for listing in (
        HrdaListing.objects.filter(case__closed_on__isnull=True, risk_reduced__isnull=False)
        .select_related("meeting")
        .order_by("case_id", "-meeting__held_on")
    ):
        latest.setdefault(listing.case_id, listing)
    waiting = {case_id: found for case_id, found in latest.items() if found.risk_reduced is False}
    if not waiting:
        return []
    listed_plus: dict[Any, dt.date] = {}
    for case_id, held_on in (
        HrdaListing.objects.filter(
            case_id__in=list(waiting),
            meeting__kind=HrdaMeetingKind.PLUS,
            risk_reduced__isnull=True,
        )
        .order_by("meeting__held_on")
        .values_list("case_id", "meeting__held_on")
    ):
        listed_plus.setdefault(case_id, held_on)
    contacts = list(
        Contact.objects.filter(hrda_case__in=list(waiting))
        .select_related("hrda_case")
        .prefetch_related(_CHILDREN)
    )
    by_contact, visible = _children(user, contacts)
    items = []
    for contact in contacts:
        found = waiting[contact.hrda_case.pk]
        start = found.meeting.held_on
        plus_on = listed_plus.get(contact.hrda_case.pk)
        shown = plus_on or start
        kind = HrdaMeetingKind.PLUS if plus_on else found.meeting.kind
        query = urlencode({"kind": kind, "date": shown.isoformat()})
        kids = by_contact[contact.pk]
        items.append(
            make_queue_item(
                rules,
                today,
                "hrda_plus_review",
                start,
                what="HRDA Plus review",
                subject=f"HRDA case from the PPN received {dmy(local_date(contact.received_at))}",
                url=f"{reverse('frontdoor:hrda_meeting')}?{query}",
                detail=(
                    f"Risk not reduced at the {found.meeting.get_kind_display()} on {dmy(start)}"
                    + (f"; listed at HRDA Plus on {dmy(plus_on)}" if plus_on else "")
                ),
                children=tuple(k for k in kids if k.pk in visible),
                hidden_children=sum(1 for k in kids if k.pk not in visible),
            )
        )
    return items


def front_door(user: Any, today: dt.date, rules: Rules) -> list[QueueItem]:
    return [*ppn_consultations(user, today, rules), *hrda_plus_reviews(user, today, rules)]
