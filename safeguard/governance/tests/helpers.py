"""A family for governance tests: a child, a sibling and their mother, with a household,
a contact about both children, a closed CIN episode with a strategy discussion and a
conference for the child — records of many kinds, some shared with the sibling."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

_ids = itertools.count(1)

POLICE_PASSAGE = "Operation Larch: the uncle is under police investigation"


@dataclasses.dataclass
class Family:
    child: Any
    sibling: Any
    mother: Any
    household: Any
    contact: Any
    episode: Any
    discussion: Any
    conference: Any
    attendance_police: Any
    attendance_mother: Any
    plan: Any


def person(**values: Any) -> Any:
    from safeguard.people.models import Person

    n = next(_ids)
    defaults: dict[str, Any] = {
        "la_child_id": f"G{n:07d}",
        "first_name": "Gov",
        "last_name": f"Person{n}",
        "date_of_birth": dt.date(1990, 6, 1),
        "gender": "1",
        "ethnicity": "WBRI",
    }
    defaults.update(values)
    return Person.objects.create(**defaults)


def build_family(*, worker: Any, born: dt.date = dt.date(1990, 6, 1)) -> Family:
    """The family's records; ``worker`` leads and chairs (a ``workforce.Worker``)."""
    from safeguard.cin.models import CINEpisode
    from safeguard.frontdoor.models import Contact, ContactChild, MashDecision, MashTriage
    from safeguard.people.models import Household, HouseholdMember, Relationship
    from safeguard.protection.models import (
        Conference,
        ConferenceAttendance,
        ConferenceInvitation,
        CPPlan,
        StrategyAttendee,
        StrategyDiscussion,
    )

    child = person(first_name="Robin", last_name="Ashdown", date_of_birth=born)
    sibling = person(first_name="Sky", last_name="Ashdown", date_of_birth=born + dt.timedelta(700))
    mother = person(
        first_name="Morgan", last_name="Ashdown", kind="adult", date_of_birth=dt.date(1970, 1, 2)
    )
    household = Household.objects.create(address_line_1="1 Larch Row", postcode="WV1 1AA")
    for member in (child, sibling, mother):
        HouseholdMember.objects.create(household=household, person=member)
    Relationship.objects.create(
        person=mother,
        related_to=child,
        relationship_type="parent",
        has_parental_responsibility=True,
    )
    received = timezone.make_aware(dt.datetime(2005, 3, 1, 10, 0))
    contact = Contact.objects.create(
        received_at=received,
        source="2A",
        channel="professional_line",
        referrer_name="Mrs Teacher",
        referrer_agency="Larch Primary",
        concerns="Robin and Sky arrived hungry; Robin said the uncle shouts.",
        consent_asked=True,
        consent_given=True,
        outcome="mash",
        outcome_at=received + dt.timedelta(hours=2),
    )
    for member in (child, sibling):
        ContactChild.objects.create(contact=contact, child=member)
    triage = MashTriage.objects.create(
        contact=contact,
        priority="amber",
        started_at=received + dt.timedelta(hours=2),
        started_by=worker,
    )
    episode = CINEpisode.objects.create(
        child=child,
        referral_date=dt.date(2005, 3, 2),
        referral_source="2A",
        closure_date=dt.date(2006, 3, 1),
        reason_for_closure="RC8",
    )
    for member, outcome in ((child, "strategy_discussion"), (sibling, "nfa")):
        MashDecision.objects.create(
            triage=triage,
            child=member,
            outcome=outcome,
            reasons=f"Decision about {member.first_name}.",
            decided_at=received + dt.timedelta(hours=5),
            decided_by=worker,
            cin_episode=episode if member == child else None,
        )
    discussion = StrategyDiscussion.objects.create(
        episode=episode,
        held_on=dt.date(2005, 3, 3),
        s47_initiated=True,
        criminal_investigation=True,
        information_shared=f"Police shared: {POLICE_PASSAGE}.",
        withheld_from_family="The police intelligence, until charging decision.",
    )
    StrategyAttendee.objects.create(discussion=discussion, agency="police", name="DC Fenn")
    conference = Conference.objects.create(
        episode=episode,
        child=child,
        conference_type="initial",
        scheduled_for=dt.date(2005, 3, 20),
        held_on=dt.date(2005, 3, 20),
        chair=worker,
        outcome="plan",
        category="PHY",
        quorate=True,
    )
    attendance_police = ConferenceAttendance.objects.create(
        conference=conference, agency="police", name="DC Fenn", status="attended"
    )
    attendance_mother = ConferenceAttendance.objects.create(
        conference=conference, agency="family", name="Morgan Ashdown", status="attended"
    )
    ConferenceInvitation.objects.create(
        conference=conference,
        agency="school",
        invitee="Mrs Teacher",
        invited_on=dt.date(2005, 3, 10),
        report_requested=True,
    )
    plan = CPPlan.objects.create(
        episode=episode,
        child=child,
        initial_conference=conference,
        start_date=dt.date(2005, 3, 20),
        end_date=dt.date(2006, 2, 1),
        initial_category="PHY",
        latest_category="PHY",
        end_reason="no_longer_at_risk",
    )
    return Family(
        child,
        sibling,
        mother,
        household,
        contact,
        episode,
        discussion,
        conference,
        attendance_police,
        attendance_mother,
        plan,
    )
