"""The invariant checker names records that break the services' rules.

Each violating record is written straight through the ORM (bypassing the services, as a
buggy generator would); a record set built through the services is clean.
"""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.assessment.models import Assessment, AssessmentFactor
from safeguard.care.models import LookedAfterEpisode, LookedAfterReview, PeriodOfCare
from safeguard.cin.models import CINEpisode, CINPlan, Visit, VisitLocation, VisitType
from safeguard.cin.services import close_cin_episode, open_referral, record_visit, start_cin_plan
from safeguard.earlyhelp.models import EarlyHelpEpisode
from safeguard.exploitation.models import MissingEpisode
from safeguard.protection.models import (
    Conference,
    ConferenceAttendance,
    ConferenceInvitation,
    CPPlan,
)
from safeguard.synth.checker import RULES, check_invariants
from safeguard.workforce.models import Allocation, WorkerRole
from safeguard.workforce.services import allocate_case

pytestmark = pytest.mark.django_db

TODAY = dt.date(2024, 3, 31)
D = dt.date


def rules_for(record) -> set[str]:
    return {v.rule for v in check_invariants(TODAY) if v.record_id == str(record.pk)}


def all_rules() -> set[str]:
    return {v.rule for v in check_invariants(TODAY)}


REFERRAL = dt.date(2023, 1, 9)


def episode(child, referral=REFERRAL, closure=None, **extra):
    return CINEpisode.objects.create(
        child=child, referral_date=referral, referral_source="2A", closure_date=closure, **extra
    )


def dt_(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def test_every_rule_has_a_description():
    assert len(RULES) >= 40
    assert all(description for description, _fn in RULES.values())


def test_an_empty_database_is_clean():
    assert check_invariants(TODAY) == []


def test_records_built_through_the_services_are_clean(child, make_worker):
    manager = make_worker(role=WorkerRole.TEAM_MANAGER)
    worker = make_worker()
    ep = open_referral(
        child=child, referral_date=D(2023, 1, 9), referral_source="2A", primary_need="N1"
    )
    allocate_case(child=child, worker=worker, started_on=D(2023, 1, 9))
    start_cin_plan(episode=ep, start_date=D(2023, 2, 6), lead_worker=worker)
    record_visit(
        child=child,
        visit_date=D(2023, 2, 13),
        visit_type=VisitType.CIN,
        worker=worker,
        child_seen=True,
        seen_alone=True,
        location=VisitLocation.HOME,
    )
    close_cin_episode(
        episode=ep,
        closure_date=D(2023, 9, 4),
        reason_for_closure="RC7",
        signed_off_by=manager,
        closure_summary="Needs met.",
    )
    assert check_invariants(TODAY) == []


def test_generic_future_dates_and_codes(child):
    ep = episode(child, referral=D(2024, 5, 1), primary_need="ZZ")
    assert {"G-FUTURE", "G-CODE"} <= rules_for(ep)
    found = [v for v in check_invariants(TODAY) if v.rule == "G-CODE"]
    assert found[0].la_child_id == child.la_child_id and "primary_need" in found[0].message


def test_generic_not_before_birth(child):
    period = PeriodOfCare.objects.create(child=child, started_on=D(2011, 1, 3))
    assert "G-BIRTH" in rules_for(period)


def test_workforce_allocations(make_child, make_worker):
    worker = make_worker(started_on=D(2020, 1, 6), left_on=D(2022, 1, 7))
    child = make_child()
    first = Allocation.objects.create(child=child, worker=worker, started_on=D(2021, 1, 4))
    # (A second open allocation is also refused by a database constraint, so the
    # WF-ONE-OPEN-ALLOCATION rule cannot be exercised through the ORM.)
    assert "WF-ALLOCATION-EMPLOYMENT" in rules_for(first)


def test_cin_episodes(child, make_child):
    first = episode(child, referral=D(2023, 1, 9), closure=D(2023, 6, 5))
    second = episode(child, referral=D(2023, 3, 6))
    assert "CIN-NO-OVERLAP" in rules_for(second)
    assert "CIN-CLOSURE-SIGNED-OFF" in rules_for(first)
    backwards = episode(
        make_child(), referral=D(2023, 3, 6), closure=D(2023, 3, 1), referral_nfa=True
    )
    assert rules_for(backwards) == {"CIN-CLOSURE-AFTER-REFERRAL"}


def test_cin_plans(child, make_child):
    ep = episode(child, referral=D(2023, 1, 9))
    early = CINPlan.objects.create(episode=ep, start_date=D(2023, 1, 2), end_date=D(2023, 3, 1))
    assert "CIN-PLAN-IN-EPISODE" in rules_for(early)
    second = CINPlan.objects.create(episode=ep, start_date=D(2023, 2, 1))
    assert "CIN-PLAN-NO-OVERLAP" in rules_for(second)
    CPPlan.objects.create(episode=ep, child=child, start_date=D(2023, 4, 3))
    assert "CIN-PLAN-NOT-IN-CP" in rules_for(second)


def test_visits(child, worker):
    ep = episode(child, referral=D(2023, 1, 9), closure=D(2023, 2, 1), referral_nfa=True)
    visit = Visit.objects.create(
        child=child,
        episode=ep,
        visit_date=D(2023, 3, 1),
        visit_type=VisitType.CIN,
        worker=worker,
        child_seen=True,
        seen_alone=False,
        location=VisitLocation.HOME,
    )
    assert "VISIT-IN-EPISODE" in rules_for(visit)
    unborn = Visit.objects.create(
        child=child,
        visit_date=D(2010, 3, 1),
        visit_type=VisitType.OTHER,
        worker=worker,
        child_seen=False,
        seen_alone=False,
        location=VisitLocation.HOME,
    )
    assert "VISIT-AFTER-BIRTH" in rules_for(unborn)
    la = Visit.objects.create(
        child=child,
        visit_date=D(2023, 5, 1),
        visit_type=VisitType.LOOKED_AFTER,
        worker=worker,
        child_seen=True,
        seen_alone=False,
        location=VisitLocation.PLACEMENT,
    )
    assert "LA-VISIT-WHILE-LOOKED-AFTER" in rules_for(la)


def test_assessments(child, make_child):
    ep = episode(child, referral=D(2023, 1, 9))
    early = Assessment.objects.create(episode=ep, start_date=D(2023, 1, 2))
    assert "AS-START-AFTER-REFERRAL" in rules_for(early)
    AssessmentFactor.objects.create(assessment=early, code="2B")
    assert "AS-FACTORS-ON-COMPLETED" in all_rules()
    done = Assessment.objects.create(
        episode=episode(make_child()), start_date=D(2023, 2, 6), authorised_on=D(2023, 2, 8)
    )
    AssessmentFactor.objects.create(assessment=done, code="21")
    AssessmentFactor.objects.create(assessment=done, code="2B")
    assert "AS-21-ALONE" in rules_for(done)


def test_cp_plans(child):
    ep = episode(child, referral=D(2023, 1, 9))
    first = CPPlan.objects.create(
        episode=ep, child=child, start_date=D(2023, 1, 2), end_date=D(2023, 1, 30)
    )
    assert "CP-PLAN-AFTER-REFERRAL" in rules_for(first)
    CPPlan.objects.create(
        episode=ep,
        child=child,
        start_date=D(2023, 2, 6),
        end_date=D(2023, 6, 5),
        end_reason="no_longer_at_risk",
    )
    third = CPPlan.objects.create(episode=ep, child=child, start_date=D(2023, 3, 6))
    assert "CP-PLAN-NO-OVERLAP" in rules_for(third)


def conference(child, ep, day, *, quorate, went):
    """A held conference with the given agencies invited and whether each attended."""
    conf = Conference.objects.create(
        episode=ep,
        child=child,
        conference_type="initial",
        scheduled_for=day,
        held_on=day,
        quorate=quorate,
    )
    for agency, attended in went.items():
        ConferenceInvitation.objects.create(
            conference=conf, agency=agency, invitee=agency, invited_on=day - dt.timedelta(14)
        )
        ConferenceAttendance.objects.create(
            conference=conf,
            agency=agency,
            name=agency,
            status="attended" if attended else "apologies",
        )
    return conf


def test_quorate_flag_agrees_with_the_attendance(child):
    ep = episode(child, referral=D(2023, 1, 9))
    # The family staying away does not matter: it is not a partner agency.
    full = {"social_care": True, "police": True, "school": True, "family": False}
    short = {"social_care": True, "police": False, "school": True, "family": True}
    agrees = conference(child, ep, D(2023, 2, 6), quorate=True, went=full)
    assert "CP-QUORATE-AS-ATTENDED" not in rules_for(agrees)
    claims = conference(child, ep, D(2023, 5, 2), quorate=True, went=short)
    understates = conference(child, ep, D(2023, 8, 1), quorate=False, went=full)
    assert "CP-QUORATE-AS-ATTENDED" in rules_for(claims)
    assert "CP-QUORATE-AS-ATTENDED" in rules_for(understates)
    honest = conference(child, ep, D(2023, 11, 1), quorate=False, went=short)
    assert "CP-QUORATE-AS-ATTENDED" not in rules_for(honest)


def test_plan_ended_looked_after_needs_a_period_of_care(child, make_child):
    ep = episode(child, referral=D(2023, 1, 9))
    plan = CPPlan.objects.create(
        episode=ep,
        child=child,
        start_date=D(2023, 2, 6),
        end_date=D(2023, 6, 5),
        end_reason="looked_after",
    )
    assert "CP-PLAN-LOOKED-AFTER" in rules_for(plan)
    # Looked after during the plan (the plan ran on to the next review): consistent.
    PeriodOfCare.objects.create(child=child, started_on=D(2023, 5, 2))
    assert "CP-PLAN-LOOKED-AFTER" not in rules_for(plan)
    other = make_child()
    late = CPPlan.objects.create(
        episode=episode(other, referral=D(2023, 1, 9)),
        child=other,
        start_date=D(2023, 2, 6),
        end_date=D(2023, 3, 6),
        end_reason="looked_after",
    )
    PeriodOfCare.objects.create(child=other, started_on=D(2023, 4, 3))
    assert "CP-PLAN-LOOKED-AFTER" in rules_for(late)


def test_early_help(child):
    EarlyHelpEpisode.objects.create(
        child=child, requested_on=D(2023, 1, 9), closed_on=D(2023, 3, 1), closure_reason="needs_met"
    )
    second = EarlyHelpEpisode.objects.create(child=child, requested_on=D(2023, 2, 6))
    assert "EH-ONE-OPEN" in rules_for(second)
    episode(child, referral=D(2023, 3, 6))
    assert "EH-NOT-WITH-CIN" in rules_for(second)


def la_episode(child, period, start, end=None, rne="S", rec=""):
    return LookedAfterEpisode.objects.create(
        child=child,
        period=period,
        started_on=start,
        ended_on=end,
        reason_new_episode=rne,
        legal_status="C2",
        category_of_need="N1",
        placement_type="U1",
        placement_provider="PR1",
        reason_ceased=rec,
    )


def test_care(child, make_child):
    period = PeriodOfCare.objects.create(child=child, started_on=D(2023, 1, 9))
    first = la_episode(child, period, D(2023, 1, 9), D(2023, 2, 1), rne="P", rec="X1")
    assert {"LA-FIRST-EPISODE-S", "LA-X1-NEXT-EPISODE"} <= rules_for(first)
    second = la_episode(child, period, D(2023, 1, 20), rne="P")
    assert "LA-EPISODE-NO-OVERLAP" in rules_for(second)
    other = make_child(date_of_birth=D(2021, 6, 1))
    p2 = PeriodOfCare.objects.create(child=other, started_on=D(2023, 1, 9))
    backwards = la_episode(other, p2, D(2023, 1, 9), D(2023, 1, 9), rec="E11")
    assert "LA-EPISODE-SPAN" in rules_for(backwards)
    review = LookedAfterReview.objects.create(
        child=other, period=p2, held_on=D(2023, 1, 9), participation="PN1"
    )
    assert "LA-REVIEW-PN0" in rules_for(review)
    overlapping = PeriodOfCare.objects.create(
        child=child, started_on=D(2023, 1, 30), ended_on=D(2023, 2, 10)
    )
    assert "LA-PERIOD-NO-OVERLAP" in rules_for(overlapping)


def test_missing(child):
    MissingEpisode.objects.create(
        child=child,
        missing_type="M",
        started_at=dt_(D(2023, 1, 9)),
        ended_at=dt_(D(2023, 1, 12)),
    )
    second = MissingEpisode.objects.create(
        child=child,
        missing_type="A",
        started_at=dt_(D(2023, 1, 10)),
        ended_at=dt_(D(2023, 1, 11)),
    )
    assert {"MISS-NO-OVERLAP", "MISS-AWAY-LOOKED-AFTER"} <= rules_for(second)


def test_care_planning(child, make_child):
    from safeguard.care.models import CarePlan, PermanencePlan

    period = PeriodOfCare.objects.create(
        child=child, started_on=D(2023, 1, 9), ended_on=D(2023, 6, 5)
    )
    before = CarePlan.objects.create(
        child=child, period=period, agreed_on=D(2023, 1, 2), occasion="initial"
    )
    assert "LA-PLAN-IN-PERIOD" in rules_for(before)
    second_initial = CarePlan.objects.create(
        child=child, period=period, agreed_on=D(2023, 2, 1), occasion="initial"
    )
    assert "LA-CARE-PLAN-ORDER" in rules_for(second_initial)
    other = make_child()
    someone_elses = PermanencePlan.objects.create(
        child=other, period=period, decided_on=D(2023, 3, 1), option="adoption"
    )
    assert "LA-PLAN-IN-PERIOD" in rules_for(someone_elses)
    after = PermanencePlan.objects.create(
        child=child, period=period, decided_on=D(2023, 6, 6), option="adoption"
    )
    assert "LA-PLAN-IN-PERIOD" in rules_for(after)
    PermanencePlan.objects.create(
        child=child, period=period, decided_on=D(2023, 4, 3), option="sgo_cao"
    )
    same_again = PermanencePlan.objects.create(
        child=child, period=period, decided_on=D(2023, 5, 2), option="sgo_cao"
    )
    assert "LA-CARE-PLAN-ORDER" in rules_for(same_again)


def test_care_plans_built_through_the_services_are_clean(child, make_worker):
    from safeguard.care.planning import record_care_plan, record_permanence_plan
    from safeguard.care.services import Placement, start_looked_after_episode

    manager = make_worker(role=WorkerRole.TEAM_MANAGER)
    start_looked_after_episode(
        child=child,
        started_on=D(2023, 1, 9),
        legal_status="C1",
        category_of_need="N1",
        home_postcode="BH2 2BB",
        placement=Placement(placement_type="U6", provider="PR1", postcode="BH1 1AA"),
    )
    record_care_plan(child=child, agreed_on=D(2023, 1, 16), occasion="initial", agreed_by=manager)
    record_care_plan(child=child, agreed_on=D(2023, 2, 6), occasion="review", agreed_by=manager)
    record_permanence_plan(child=child, decided_on=D(2023, 5, 8), option="return_home")
    record_permanence_plan(child=child, decided_on=D(2023, 11, 6), option="long_term_foster")
    assert check_invariants(TODAY) == []


def test_funded_posts(make_worker):
    from safeguard.workforce.models import FundedPost, Team

    team = Team.objects.create(
        name="Closed team", service_area="cin", opened_on=D(2020, 4, 1), closed_on=D(2022, 4, 1)
    )
    early = FundedPost.objects.create(
        team=team, role="social_worker", fte=2, started_on=D(2020, 1, 1), ended_on=D(2021, 1, 1)
    )
    still_funded = FundedPost.objects.create(
        team=team, role="consultant_sw", fte=1, started_on=D(2020, 4, 1)
    )
    assert "WF-FUNDED-POST-TEAM" in rules_for(early)
    assert "WF-FUNDED-POST-TEAM" in rules_for(still_funded)
