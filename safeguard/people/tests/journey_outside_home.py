"""Risks outside the home for the record's tests: CAROLE to MACE, and a police PPN to HRDA.

Rows are created directly (as journey.py does), one step after another in 2021 (after
the full history's last event), ``repeat`` times over in earlier years for query counts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from safeguard.people.tests.journey import moment

D = dt.date


def outside_home_history(child: Any, worker: Any, *, repeat: int = 1) -> None:
    """A screening, a moderated significant risk, a first MACE and a review (with plan
    actions); a red police PPN consulted to HRDA and discussed at the daily meeting; a
    two-day suspension from school."""
    from safeguard.education.models import Exclusion
    from safeguard.exploitation.models_carole import (
        ExploitationRiskAssessment,
        ExploitationScreening,
        MaceMeeting,
        MacePlanAction,
        ScreeningQuestion,
    )
    from safeguard.frontdoor.models import Contact, ContactChild
    from safeguard.frontdoor.models_domestic_abuse import (
        HrdaAction,
        HrdaCase,
        HrdaListing,
        HrdaMeeting,
        PpnConsultation,
    )

    for n in range(repeat):
        shift = 0 if n == repeat - 1 else n - 10  # earlier copies sit in earlier years

        def day(y: int, m: int, d: int, shift: int = shift) -> dt.date:
            return D(y + shift, m, d)

        answers = {q: q == ScreeningQuestion.MISSING for q in ScreeningQuestion.values}
        screening = ExploitationScreening.objects.create(
            child=child, screened_on=day(2021, 1, 11), screened_by=worker, answers=answers
        )
        assessment = ExploitationRiskAssessment.objects.create(
            child=child,
            screening=screening,
            assessed_on=day(2021, 1, 13),
            risk_level="significant",
            indicators=["cce", "missing"],
            moderated_on=day(2021, 1, 15),
            police_present=True,
            health_present=True,
            agreed_level="significant",
        )
        first = MaceMeeting.objects.create(
            child=child,
            risk_assessment=assessment,
            kind="first",
            held_on=day(2021, 1, 27),
            attendees="Dorset Police\nSocial worker",
            risk_level="significant",
        )
        MacePlanAction.objects.create(
            meeting=first,
            strand="protect",
            action="Safety plan",
            owner="Social worker",
            due_on=day(2021, 2, 10),
        )
        MaceMeeting.objects.create(
            child=child,
            risk_assessment=assessment,
            kind="review",
            held_on=day(2021, 3, 10),
            attendees="Dorset Police\nSocial worker",
            risk_level="moderate",
        )
        ppn = Contact.objects.create(
            received_at=moment(day(2021, 2, 1)),
            source="6",
            channel="police_ppn",
            ppn_rating="red",
            concerns="Domestic abuse incident at home.",
            consent_asked=False,
            consent_given=False,
        )
        ContactChild.objects.create(contact=ppn, child=child)
        PpnConsultation.objects.create(
            contact=ppn,
            consulted_at=moment(day(2021, 2, 1), 15),
            consulted_by=worker,
            outcome="hrda",
        )
        case = HrdaCase.objects.create(contact=ppn, opened_at=moment(day(2021, 2, 1), 15))
        meeting, _ = HrdaMeeting.objects.get_or_create(kind="daily", held_on=day(2021, 2, 2))
        listing = HrdaListing.objects.create(meeting=meeting, case=case, risk_reduced=False)
        HrdaAction.objects.create(
            listing=listing,
            action="Target hardening at the home",
            agency="Police",
            due_on=day(2021, 2, 9),
        )
        Exclusion.objects.create(
            child=child,
            kind="suspension",
            school_name="Hillside Academy",
            excluded_on=day(2021, 3, 1),
            days=2,
            ends_on=day(2021, 3, 2),
            reason="persistent_disruptive",
        )
