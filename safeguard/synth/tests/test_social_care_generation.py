"""The social care journeys exist end to end, stay open at the end date, and keep their
own key invariants (small scale)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count, F, Q

from safeguard.assessment.models import Assessment, AssessmentFactor
from safeguard.care.models import PeriodOfCare
from safeguard.cin.models import CINEpisode, CINPlan, Visit
from safeguard.earlyhelp.models import EarlyHelpEpisode, TafReview, TeamAroundFamilyPlan
from safeguard.frontdoor.models import Contact, MashDecision
from safeguard.people.models import Disability, Person
from safeguard.protection.models import (
    Conference,
    ConferenceAttendance,
    CPPlan,
    Section47Enquiry,
    StrategyDiscussion,
)
from safeguard.protection.selectors import conference_quorum
from safeguard.synth.context import GenerationSettings
from safeguard.synth.generate import generate_authority
from safeguard.synth.workforce import pick_worker  # noqa: F401  (public API)
from safeguard.workforce.models import Allocation, Worker

END = dt.date(2026, 11, 20)


@pytest.mark.django_db
def test_social_care_journeys() -> None:
    """One small generation (a few seconds), then the three families of checks."""
    settings = GenerationSettings(
        scale=0.03, years=1, seed=3, end=END, la_code="001", la_name="Test"
    )
    generate_authority(settings)
    check_journeys_exist_end_to_end()
    check_open_work_on_the_end_date()
    check_key_invariants()
    check_early_help()
    check_conferences_and_care_from_plans()


def check_early_help() -> None:
    episodes = EarlyHelpEpisode.objects
    # All three ways in: a MASH decision, a step down from CIN, a direct request.
    from_mash = episodes.filter(mash_decision__isnull=False)
    assert from_mash.exists()
    assert not from_mash.exclude(mash_decision__outcome="early_help").exists()
    assert not from_mash.exclude(mash_decision__child=F("child")).exists()
    stepped_down = episodes.filter(stepped_down_from__isnull=False)
    assert stepped_down.exists()
    assert not stepped_down.exclude(request_source="5A").exists()
    assert not stepped_down.exclude(requested_on=F("stepped_down_from__closure_date")).exists()
    assert not stepped_down.exclude(
        stepped_down_from__reason_for_closure__in=["RC7", "RC9"]
    ).exists()
    assert episodes.filter(mash_decision__isnull=True, stepped_down_from__isnull=True).exists()
    # Stepping up closes early help on the referral date, linked to the referral.
    stepped_up = episodes.filter(stepped_up_to__isnull=False)
    assert stepped_up.exists()
    assert not stepped_up.exclude(closure_reason="stepped_up").exists()
    assert not stepped_up.exclude(closed_on=F("stepped_up_to__referral_date")).exists()
    # TAF plans follow a completed assessment; reviews fall inside the episode.
    plans = TeamAroundFamilyPlan.objects
    assert plans.exists()
    assert not plans.filter(episode__assessment_completed_on__isnull=True).exists()
    assert not plans.filter(started_on__lt=F("episode__assessment_completed_on")).exists()
    assert TafReview.objects.exists()
    assert not TafReview.objects.filter(held_on__gt=F("plan__episode__closed_on")).exists()
    assert episodes.filter(closed_on__isnull=True).exists()
    assert not episodes.filter(requested_on__gt=END).exists()


def check_journeys_exist_end_to_end() -> None:
    assert Contact.objects.filter(channel="police_ppn").exclude(ppn_rating="").exists()
    assert MashDecision.objects.filter(cin_episode__isnull=False).exists()
    assert Assessment.objects.filter(authorised_on__isnull=False).exists()
    assert AssessmentFactor.objects.filter(code="3B").exists()
    assert StrategyDiscussion.objects.exists()
    assert Section47Enquiry.objects.filter(outcome="substantiated").exists()
    assert Conference.objects.filter(conference_type="initial", held_on__isnull=False).exists()
    assert Conference.objects.filter(conference_type="review", held_on__isnull=False).exists()
    assert CPPlan.objects.exists()
    assert Visit.objects.filter(visit_type="cp").exists()
    assert Visit.objects.filter(visit_type="cin").exists()
    assert CINPlan.objects.exists()
    assert Worker.objects.filter(role="social_worker", is_agency=True).exists()


def check_open_work_on_the_end_date() -> None:
    assert CINEpisode.objects.filter(closure_date__isnull=True).exists()
    assert Assessment.objects.filter(authorised_on__isnull=True).exists()
    assert CPPlan.objects.filter(end_date__isnull=True).exists()
    assert CINPlan.objects.filter(end_date__isnull=True).exists()
    assert Allocation.objects.filter(ended_on__isnull=True).exists()


def check_key_invariants() -> None:
    # Nothing recorded as happening after the end date.
    assert not Visit.objects.filter(visit_date__gt=END).exists()
    assert not CINEpisode.objects.filter(referral_date__gt=END).exists()
    assert not CPPlan.objects.filter(start_date__gt=END).exists()
    assert not Conference.objects.filter(held_on__gt=END).exists()
    # One open CP plan per child; plans start on or after the referral.
    assert not (
        CPPlan.objects.filter(end_date__isnull=True)
        .values("child")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .exists()
    )
    assert not CPPlan.objects.filter(start_date__lt=F("episode__referral_date")).exists()
    # Initial conferences follow a substantiated s47 and are held on weekdays.
    initial = Conference.objects.filter(conference_type="initial")
    assert not initial.exclude(section47__outcome="substantiated").exists()
    for held in Conference.objects.filter(held_on__isnull=False).values_list("held_on", flat=True):
        assert held is not None and held.weekday() < 5
    # Seen alone implies seen; closures are signed off with a summary.
    assert not Visit.objects.filter(seen_alone=True, child_seen=False).exists()
    closed = CINEpisode.objects.filter(closure_date__isnull=False)
    assert not closed.filter(Q(closure_signed_off_by__isnull=True) | Q(closure_summary="")).exists()
    # Completed assessments have factors.
    done = Assessment.objects.filter(authorised_on__isnull=False)
    assert not done.filter(factors__isnull=True).exists()
    # No overlapping CIN episodes per child.
    last: dict[object, dt.date | None] = {}
    for child, ref, closure in CINEpisode.objects.order_by("child", "referral_date").values_list(
        "child", "referral_date", "closure_date"
    ):
        if child in last:
            previous = last[child]
            assert previous is not None and previous <= ref
        last[child] = closure


def check_conferences_and_care_from_plans() -> None:
    held = Conference.objects.filter(held_on__isnull=False)
    # The chair's quorate answer is the product's rule applied to the attendance list, and
    # some conferences are not quorate.
    for conf in held.prefetch_related("invitations", "attendance")[:300]:
        quorum = conference_quorum(conf)
        assert quorum.known and quorum.quorate == conf.quorate
    assert held.filter(quorate=False).exists() and held.filter(quorate=True).exists()
    # Siblings are conferenced together: one group reference, one day.
    meetings = held.values("group_reference", "held_on").annotate(n=Count("id"))
    assert meetings.filter(n__gt=1).exists()
    # Advocates appear only where the child accepted advocacy; not every child is offered.
    advocates = ConferenceAttendance.objects.filter(agency="advocate")
    assert not advocates.exclude(conference__advocacy_accepted=True).exists()
    assert held.filter(advocacy_offered=False).exists()
    # A plan ended because the child became looked after: a period of care from the plan,
    # and the CIN episode stays open until the child leaves care (or the plan ends, when it
    # ran on alongside a short stay).
    for plan in CPPlan.objects.filter(end_reason="looked_after").select_related("episode"):
        assert plan.end_date is not None
        period = PeriodOfCare.objects.get(
            child=plan.child_id, started_on__gte=plan.start_date, started_on__lte=plan.end_date
        )
        closes = None if period.ended_on is None else max(period.ended_on, plan.end_date)
        assert plan.episode.closure_date == closes
    # Characteristics: no disability is recorded as NONE for most children; some
    # ethnicities were not obtained or refused.
    assert Disability.objects.filter(code="NONE").exists()
    assert Person.objects.filter(ethnicity__in=["NOBT", "REFU"]).exists()
