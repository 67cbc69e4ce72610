"""Writes for domestic abuse at the front door: PPN consultations and HRDA meetings.

Each service is one transaction with keyword-only arguments; it checks its rules before
writing and raises ``ValidationError`` keyed by the field at fault. The HRDA daily list
is fed by the PPN consultation: a high-risk outcome lists the case at the next HRDA day.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.core import validation as v
from safeguard.frontdoor import rules
from safeguard.frontdoor.models import Contact, ContactChannel
from safeguard.frontdoor.models_domestic_abuse import (
    HrdaAction,
    HrdaCase,
    HrdaListing,
    HrdaMeeting,
    HrdaMeetingKind,
    PpnConsultation,
    PpnConsultationOutcome,
)
from safeguard.workforce.models import Worker

#: HRDA daily meetings are held Monday, Tuesday, Thursday and Friday (seed 004).
HRDA_WEEKDAYS = frozenset({0, 1, 3, 4})
#: HRDA Plus is monthly; it is held on the first Wednesday of the month (local decision).
HRDA_PLUS_WEEKDAY = 2


def next_hrda_day(after: dt.date) -> dt.date:
    """The first HRDA meeting day strictly after ``after``."""
    day = after + dt.timedelta(days=1)
    while day.weekday() not in HRDA_WEEKDAYS:
        day += dt.timedelta(days=1)
    return day


def next_hrda_plus_day(after: dt.date) -> dt.date:
    """The first Wednesday of the month after ``after``'s month."""
    first = (after.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return first + dt.timedelta(days=(HRDA_PLUS_WEEKDAY - first.weekday()) % 7)


def _meeting(kind: str, held_on: dt.date) -> HrdaMeeting:
    meeting, _ = HrdaMeeting.objects.get_or_create(kind=kind, held_on=held_on)
    return meeting


@transaction.atomic
def record_ppn_consultation(
    *,
    contact: Contact,
    consulted_at: dt.datetime | None,
    consulted_by: Worker,
    outcome: str,
    notes: str = "",
) -> PpnConsultation:
    """Record the outcome agreed on a police PPN; a high-risk one goes to HRDA."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.channel != ContactChannel.POLICE_PPN:
        raise v.fail(
            "outcome",
            f"Only a police PPN has a PPN consultation; this contact came by "
            f"{contact.get_channel_display().lower()}.",
        )
    if PpnConsultation.objects.filter(contact=contact).exists():
        raise v.fail("outcome", "This PPN already has a consultation outcome.")
    when = rules.required_time(consulted_at, field="consulted_at", label="Date of consultation")
    rules.not_before_time(
        when,
        contact.received_at,
        field="consulted_at",
        label="The consultation",
        earliest_label="the PPN's receipt",
    )
    if outcome not in PpnConsultationOutcome.values:
        raise v.fail("outcome", "Select the consultation outcome.")
    consultation = PpnConsultation.objects.create(
        contact=contact,
        consulted_at=when,
        consulted_by=consulted_by,
        outcome=outcome,
        notes=(notes or "").strip(),
    )
    if outcome == PpnConsultationOutcome.HRDA:
        case = HrdaCase.objects.create(contact=contact, opened_at=when)
        meeting = _meeting(HrdaMeetingKind.DAILY, next_hrda_day(rules.local_date(when)))
        HrdaListing.objects.create(meeting=meeting, case=case)
    return consultation


@transaction.atomic
def record_hrda_action(
    *,
    listing: HrdaListing,
    action: str,
    agency: str,
    due_on: dt.date | None,
    recorded_by: Worker | None,
) -> HrdaAction:
    """An action the meeting agreed for a case: what, by which agency, by when."""
    text = rules.required_text(action, field="action", label="The action")
    who = rules.required_text(agency, field="agency", label="The agency responsible")
    if due_on is None:
        raise v.fail("due_on", "Enter the date the action is due.")
    if due_on < listing.meeting.held_on:
        raise v.fail(
            "due_on",
            f"The action's due date ({due_on:%d/%m/%Y}) cannot be before the meeting "
            f"({listing.meeting.held_on:%d/%m/%Y}).",
        )
    return HrdaAction.objects.create(
        listing=listing, action=text, agency=who, due_on=due_on, recorded_by=recorded_by
    )


@transaction.atomic
def record_hrda_risk_review(
    *, listing: HrdaListing, risk_reduced: bool | None, chair: Worker | None
) -> HrdaListing:
    """The meeting's view of the risk: reduced closes the case; not reduced goes to HRDA Plus."""
    listing = (
        HrdaListing.objects.select_for_update().select_related("meeting", "case").get(pk=listing.pk)
    )
    if risk_reduced is None:
        raise v.fail("risk_reduced", "Select whether the risk has reduced.")
    if listing.risk_reduced is not None:
        raise v.fail("risk_reduced", "The meeting has already reviewed this case's risk.")
    listing.risk_reduced = risk_reduced
    listing.save(update_fields=["risk_reduced", "updated_at"])
    meeting = listing.meeting
    if meeting.chair_id is None and chair is not None:
        meeting.chair = chair
        meeting.save(update_fields=["chair", "updated_at"])
    case = listing.case
    if risk_reduced:
        case.closed_on = meeting.held_on
        case.save(update_fields=["closed_on", "updated_at"])
    else:
        plus = _meeting(HrdaMeetingKind.PLUS, next_hrda_plus_day(meeting.held_on))
        HrdaListing.objects.get_or_create(meeting=plus, case=case)
    return listing
