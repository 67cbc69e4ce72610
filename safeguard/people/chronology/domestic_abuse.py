"""Chronology sources of domestic abuse: police PPNs (received with their colour rating,
the consultation outcome) and the HRDA meetings that discussed the child's household.

A PPN and an HRDA case are about a household; a child is on them through the PPN's
children (``frontdoor.ContactChild``), so each of those children's chronologies shows
them. The PPN's entries link to the contact page; the HRDA entries to the meeting's list,
which only the front door's decision makers may open.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch

from safeguard.people.chronology.base import (
    ChronologyEvent,
    Source,
    day_of,
    link,
    name_of,
    rows_of,
)
from safeguard.people.chronology.front_door import POLICE_PPN

#: The contact page's rule (it then applies the child access rules itself).
CONTACT_CAPABILITY = "access.open_child_record"
#: The HRDA meeting pages' rule.
HRDA_CAPABILITY = "access.make_mash_decision"


def _ppn_event(title: str, on: Any, contact: Any, detail: str) -> ChronologyEvent:
    return ChronologyEvent(
        on,
        "domestic_abuse",
        title,
        detail,
        url=link("frontdoor:contact", contact_id=contact.pk),
        capability=CONTACT_CAPABILITY,
    )


def _ppn(row: Any) -> Iterator[ChronologyEvent]:
    """The PPN received (its rating), its consultation outcome, its HRDA case closing."""
    contact = row.contact
    rating = f"{contact.get_ppn_rating_display()} rating" if contact.ppn_rating else "Not rated"
    yield _ppn_event("Police PPN received", day_of(contact.received_at), contact, rating)
    consultation = getattr(contact, "ppn_consultation", None)
    if consultation is not None:
        yield _ppn_event(
            "PPN consultation outcome",
            day_of(consultation.consulted_at),
            contact,
            f"{consultation.get_outcome_display()} ({name_of(consultation.consulted_by)})",
        )
    case = getattr(contact, "hrda_case", None)
    if case is not None and case.closed_on:
        yield _ppn_event("HRDA case closed", case.closed_on, contact, "")


#: HRDA meeting kinds as the chronology names them.
MEETING_TITLES = {
    "daily": "Discussed at the HRDA daily meeting",
    "plus": "Discussed at the HRDA Plus meeting",
}


def _risk(listing: Any) -> str:
    if listing.risk_reduced is None:
        return "Risk not yet reviewed"
    return "Risk reduced" if listing.risk_reduced else "Risk not reduced"


def hrda_discussion(row: Any) -> Iterator[ChronologyEvent]:
    meeting = row.meeting
    actions = [
        f"{action.agency}: {action.action} (due {action.due_on:%-d %b %Y})"
        for action in row.actions.all()
    ]
    detail = _risk(row)
    if actions:
        detail = f"{detail}. Actions: {'; '.join(actions)}"
    yield ChronologyEvent(
        meeting.held_on,
        "domestic_abuse",
        MEETING_TITLES.get(meeting.kind, f"Discussed at the {meeting.get_kind_display()}"),
        detail,
        url=link("frontdoor:hrda_meeting", f"date={meeting.held_on:%Y-%m-%d}&kind={meeting.kind}"),
        capability=HRDA_CAPABILITY,
    )


DOMESTIC_ABUSE: tuple[Source, ...] = (
    Source(
        "domestic_abuse",
        lambda c: rows_of(
            "frontdoor.ContactChild", child=c, contact__channel=POLICE_PPN
        ).select_related(
            "contact", "contact__ppn_consultation__consulted_by", "contact__hrda_case"
        ),
        _ppn,
    ),
    Source(
        "domestic_abuse",
        lambda c: (
            rows_of("frontdoor.HrdaListing", case__contact__contact_children__child=c)
            .select_related("meeting")
            .prefetch_related(Prefetch("actions"))
        ),
        hrda_discussion,
    ),
)
