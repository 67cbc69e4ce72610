"""PPN consultations and HRDA meetings, fed by the police PPNs the front door received.

Every police PPN gets a consultation outcome, ~85% within 1 working day. High-risk
outcomes are sized to seed 004's HRDA volume (269 cases in 6 months at scale 1.0, i.e.
~45 a month, 2-3 a meeting) and drawn by the PPN's colour rating (a Red PPN about seven
times as likely to go to HRDA as a Blue one; the seed gives no split), then listed at
the next HRDA day (Mon, Tue, Thu, Fri); each listing has one to three actions. About a
fifth of cases have not reduced risk and go on to the monthly HRDA Plus; most of those
are then closed. Every HRDA case here comes from a PPN about children, so all have
children in the household (seed 004: 65% of all HRDA cases; the rest are not known to
children's social care).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from safeguard.frontdoor.models import Contact, ContactChannel, ContactOutcome
from safeguard.frontdoor.models_domestic_abuse import (
    HrdaAction,
    HrdaCase,
    HrdaListing,
    HrdaMeeting,
    HrdaMeetingKind,
    PpnConsultation,
    PpnConsultationOutcome,
)
from safeguard.frontdoor.services_domestic_abuse import next_hrda_day, next_hrda_plus_day
from safeguard.synth.context import SynthContext
from safeguard.synth.workforce import pick_worker
from safeguard.synth.writer import build
from safeguard.workforce.models import ServiceArea, WorkerRole

STREAM = "domestic_abuse"
HRDA_CASES_PER_MONTH = 45.0
CONSULTED_WITHIN_A_DAY = 0.85
RISK_NOT_REDUCED = 0.2
RISK_NOT_REDUCED_AT_PLUS = 0.3
AGENCIES = ["Police", "You First", "Children's social care", "Health visiting", "Housing"]
ACTIONS = [
    "Refer the victim to the IDVA service and agree a safety plan.",
    "Share the incident with the children's school (Operation Encompass).",
    "Flag the address for a police priority response.",
    "Social worker to visit and speak to the children.",
    "Offer the perpetrator a behaviour change programme.",
]
#: How much likelier a PPN of each colour is to be judged high risk (relative weights).
HRDA_WEIGHT = {"red": 2.0, "amber": 1.2, "green": 0.6, "blue": 0.3}
OTHER_OUTCOMES = [
    PpnConsultationOutcome.NO_FURTHER_ACTION,
    PpnConsultationOutcome.INFORMATION_SHARED,
    PpnConsultationOutcome.EARLY_HELP,
]


def generate(ctx: SynthContext) -> None:
    rng = ctx.stream(STREAM)
    end = ctx.settings.end
    ppns = list(
        Contact.objects.filter(channel=ContactChannel.POLICE_PPN)
        .only("id", "received_at", "outcome", "ppn_rating")
        .order_by("received_at")
    )
    per_month: defaultdict[str, float] = defaultdict(float)
    for c in ppns:
        per_month[timezone.localtime(c.received_at).strftime("%Y-%m")] += _weight(c)
    meetings: dict[tuple[str, dt.date], HrdaMeeting] = {}

    def meeting(kind: str, day: dt.date) -> HrdaMeeting:
        key = (kind, day)
        if key not in meetings:
            chair = pick_worker(
                ctx,
                role=WorkerRole.TEAM_MANAGER,
                on=day,
                stream=STREAM,
                team_area=ServiceArea.MASH,
            )
            at = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))
            meetings[key] = ctx.writer.add(
                build(HrdaMeeting, kind=kind, held_on=day, chair=chair),
                id=ctx.new_id(STREAM),
                at=at,
            )
        return meetings[key]

    def plan(day: dt.date) -> list[tuple[str, dt.date, bool]]:
        """The case's listings: daily first, then HRDA Plus until the risk has reduced."""
        listings: list[tuple[str, dt.date, bool]] = []
        kind = HrdaMeetingKind.DAILY
        while day <= end:
            threshold = (
                RISK_NOT_REDUCED if kind == HrdaMeetingKind.DAILY else RISK_NOT_REDUCED_AT_PLUS
            )
            reduced = len(listings) >= 3 or rng.random() >= threshold
            listings.append((kind, day, reduced))
            if reduced:
                break
            kind, day = HrdaMeetingKind.PLUS, next_hrda_plus_day(day)
        return listings

    def list_case(case: HrdaCase, kind: str, day: dt.date, reduced: bool) -> None:
        held = meeting(kind, day)
        at = timezone.make_aware(dt.datetime.combine(day, dt.time(11, 0)))
        listing = ctx.writer.add(
            build(HrdaListing, meeting=held, case=case, risk_reduced=reduced),
            id=ctx.new_id(STREAM),
            at=at,
        )
        for _ in range(int(rng.integers(1, 4))):
            ctx.writer.add(
                build(
                    HrdaAction,
                    listing=listing,
                    action=ACTIONS[int(rng.integers(0, len(ACTIONS)))],
                    agency=AGENCIES[int(rng.integers(0, len(AGENCIES)))],
                    due_on=day + dt.timedelta(days=int(rng.integers(1, 15))),
                    recorded_by=held.chair,
                ),
                id=ctx.new_id(STREAM),
                at=at,
            )

    scale = ctx.settings.scale
    for contact in ppns:
        received = timezone.localtime(contact.received_at)
        hours = rng.uniform(1, 20) if rng.random() < CONSULTED_WITHIN_A_DAY else rng.uniform(26, 96)
        consulted = received + dt.timedelta(hours=float(hours))
        if consulted.date() > end:
            continue
        monthly = per_month[received.strftime("%Y-%m")] or 1.0
        if rng.random() < min(0.9, HRDA_CASES_PER_MONTH * scale * _weight(contact) / monthly):
            outcome = PpnConsultationOutcome.HRDA
        elif contact.outcome == ContactOutcome.MASH_TRIAGE:
            outcome = PpnConsultationOutcome.MASH_TRIAGE
        else:
            outcome = OTHER_OUTCOMES[int(rng.integers(0, len(OTHER_OUTCOMES)))]
        worker = pick_worker(
            ctx,
            role=WorkerRole.MASH_OFFICER,
            on=consulted.date(),
            stream=STREAM,
            team_area=ServiceArea.MASH,
        )
        ctx.writer.add(
            build(
                PpnConsultation,
                contact=contact,
                consulted_at=consulted,
                consulted_by=worker,
                outcome=outcome,
                notes="Discussed with police and early help (PPN consultation).",
            ),
            id=ctx.new_id(STREAM),
            at=consulted,
        )
        if outcome == PpnConsultationOutcome.HRDA:
            listings = plan(next_hrda_day(consulted.date()))
            closed = listings[-1][1] if listings and listings[-1][2] else None
            case = ctx.writer.add(
                build(HrdaCase, contact=contact, opened_at=consulted, closed_on=closed),
                id=ctx.new_id(STREAM),
                at=consulted,
            )
            for kind, day, reduced in listings:
                list_case(case, kind, day, reduced)


def _weight(contact: Contact) -> float:
    return HRDA_WEIGHT.get(contact.ppn_rating, 1.0)
