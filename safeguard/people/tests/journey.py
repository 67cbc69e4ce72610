"""A child's history with one record (or more) from every module, for the record's tests.

Rows are created directly (not through services): the tests are about reading and
showing a history, and a journey with every step in it is quicker to write this way.
Dates run from 2019 (front door) to 2024 (care leaver), one step after another.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

D = dt.date


def moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def full_history(child: Any, worker: Any, *, repeat: int = 1) -> None:
    """One event of every type for ``child`` (``repeat`` times over, for query counts).

    Leaves the child with an open missing episode (the "Missing now" flag).
    """
    from safeguard.assessment.models import Assessment
    from safeguard.care.models import (
        CareLeaverContact,
        CarePlan,
        HealthAssessment,
        LookedAfterEpisode,
        LookedAfterReview,
        PathwayPlanReview,
        PeriodOfCare,
        PermanencePlan,
        PersonalEducationPlan,
    )
    from safeguard.cin.models import CINEpisode, CINPlan, CINPlanReview, Visit
    from safeguard.earlyhelp.models import EarlyHelpEpisode, TafReview, TeamAroundFamilyPlan
    from safeguard.exploitation.models import MissingEpisode, ReturnHomeInterview
    from safeguard.frontdoor.models import Contact, ContactChild, MashDecision, MashTriage
    from safeguard.protection.models import (
        Conference,
        CoreGroupMeeting,
        CPPlan,
        CPPlanCategoryChange,
        Section47Enquiry,
        StrategyDiscussion,
    )

    for n in range(repeat):
        year = 2010 + n  # earlier copies sit in earlier years, so nothing overlaps
        if n == repeat - 1:
            year = 2019
        shift = year - 2019

        def day(y: int, m: int, d: int, shift: int = shift) -> dt.date:
            return D(y + shift, m, d)

        contact = Contact.objects.create(
            received_at=moment(day(2019, 1, 7)),
            source="2A",
            channel="professional_line",
            concerns="Worried about neglect.",
            consent_asked=True,
            consent_given=True,
            outcome="mash",
            outcome_at=moment(day(2019, 1, 7), 12),
        )
        ContactChild.objects.create(contact=contact, child=child)
        triage = MashTriage.objects.create(
            contact=contact,
            priority="amber",
            started_at=moment(day(2019, 1, 7), 13),
            started_by=worker,
        )
        MashDecision.objects.create(
            triage=triage,
            child=child,
            outcome="assessment",
            reasons="Threshold met.",
            decided_at=moment(day(2019, 1, 8)),
            decided_by=worker,
        )
        early = EarlyHelpEpisode.objects.create(
            child=child,
            requested_on=day(2019, 2, 1),
            request_source="2A",
            closed_on=day(2019, 5, 1),
            closure_reason="stepped_up",
        )
        taf = TeamAroundFamilyPlan.objects.create(
            episode=early, started_on=day(2019, 2, 20), outcomes="School attendance."
        )
        TafReview.objects.create(plan=taf, held_on=day(2019, 3, 20), progress="Some.")
        episode = CINEpisode.objects.create(
            child=child,
            referral_date=day(2019, 5, 2),
            referral_source="2A",
            closure_date=day(2020, 12, 1) if n < repeat - 1 else None,
            reason_for_closure="RC8" if n < repeat - 1 else "",
        )
        Assessment.objects.create(
            episode=episode,
            start_date=day(2019, 5, 3),
            authorised_on=day(2019, 6, 1),
            worker=worker,
            outcome="strategy",
        )
        strategy = StrategyDiscussion.objects.create(
            episode=episode,
            held_on=day(2019, 6, 3),
            s47_initiated=True,
            criminal_investigation=False,
        )
        Section47Enquiry.objects.create(
            episode=episode,
            strategy_discussion=strategy,
            start_date=day(2019, 6, 3),
            outcome="substantiated",
            outcome_date=day(2019, 6, 20),
        )
        icpc = Conference.objects.create(
            episode=episode,
            child=child,
            conference_type="initial",
            scheduled_for=day(2019, 7, 1),
            held_on=day(2019, 7, 1),
            outcome="plan",
            category="NEG",
        )
        plan = CPPlan.objects.create(
            episode=episode,
            child=child,
            initial_conference=icpc,
            start_date=day(2019, 7, 1),
            end_date=day(2020, 1, 10),
            initial_category="NEG",
            latest_category="EMO",
            end_reason="no_longer_at_risk",
        )
        CPPlanCategoryChange.objects.create(
            plan=plan, changed_on=day(2019, 10, 1), from_category="NEG", to_category="EMO"
        )
        CoreGroupMeeting.objects.create(plan=plan, held_on=day(2019, 7, 12))
        cin_plan = CINPlan.objects.create(episode=episode, start_date=day(2020, 1, 10))
        CINPlanReview.objects.create(plan=cin_plan, held_on=day(2020, 4, 1))
        Visit.objects.create(
            child=child,
            episode=episode,
            visit_date=day(2020, 2, 3),
            visit_type="cin",
            worker=worker,
            child_seen=True,
            seen_alone=True,
            location="home",
        )
        ended = n < repeat - 1
        period = PeriodOfCare.objects.create(
            child=child, started_on=day(2020, 6, 1), ended_on=day(2020, 9, 1) if ended else None
        )
        LookedAfterEpisode.objects.create(
            child=child,
            period=period,
            started_on=day(2020, 6, 1),
            ended_on=day(2020, 9, 1) if ended else None,
            reason_new_episode="S",
            legal_status="C2",
            category_of_need="N1",
            placement_type="U3",
            placement_provider="PR1",
            reason_ceased="E8" if ended else "",
        )
        LookedAfterReview.objects.create(
            child=child, period=period, held_on=day(2020, 6, 25), participation="PN1"
        )
        CarePlan.objects.create(
            child=child, period=period, agreed_on=day(2020, 6, 8), occasion="initial"
        )
        PermanencePlan.objects.create(
            child=child, period=period, decided_on=day(2020, 6, 25), option="long_term_foster"
        )
        HealthAssessment.objects.create(
            child=child, period=period, kind="initial", assessed_on=day(2020, 6, 20)
        )
        PersonalEducationPlan.objects.create(child=child, period=period, held_on=day(2020, 6, 28))
        CareLeaverContact.objects.create(
            child=child,
            contact_on=day(2020, 8, 1),
            in_touch="YES",
            activity="F1",
            accommodation="B1",
        )
        PathwayPlanReview.objects.create(child=child, reviewed_on=day(2020, 8, 2))
        missing = MissingEpisode.objects.create(
            child=child,
            missing_type="M",
            started_at=moment(day(2020, 7, 1)),
            ended_at=moment(day(2020, 7, 2)),
        )
        ReturnHomeInterview.objects.create(
            missing_episode=missing,
            offered_at=moment(day(2020, 7, 3)),
            accepted=True,
            held_at=moment(day(2020, 7, 4)),
            held_by_agency="Missing children service",
        )
    MissingEpisode.objects.create(child=child, missing_type="M", started_at=moment(D(2021, 3, 1)))
