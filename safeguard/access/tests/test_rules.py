"""Each object rule lets in the children it should and no others, as predicate and as Q."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.access import rules
from safeguard.access.selectors import child_access, children_visible_to
from safeguard.access.testing.world import allocate, make_user
from safeguard.core import clock
from safeguard.workforce.models import Team

TODAY = clock.today


@pytest.fixture
def staff(make_worker):
    """A user with a role and a worker record in a team."""

    def build(role: str, *, team=None, manager=None, agency=""):
        user = make_user(f"u{role}{make_worker().pk.hex[:6]}", role, agency=agency)
        worker = make_worker(user=user, team=team, manager=manager)
        return user, worker

    return build


def sees(user, child, rule) -> bool:
    """The predicate's answer, checked against the Q form over Person."""
    from safeguard.people.models import Person

    by_predicate = rule.predicate.test(user, child)
    by_query = Person.objects.filter(rule.children(user), pk=child.pk).exists()
    assert by_predicate == by_query, f"{rule.code}: predicate {by_predicate}, query {by_query}"
    return by_predicate


RULE = rules.OBJECT_RULES


@pytest.mark.django_db
def test_allocated_worker(staff, make_worker, make_child):
    user, worker = staff("social_worker")
    mine, theirs, ended, future = make_child(), make_child(), make_child(), make_child()
    allocate(mine, worker)
    allocate(theirs, make_worker())
    allocation = allocate(ended, worker, since=TODAY() - dt.timedelta(days=90))
    allocation.ended_on = TODAY()  # handed over today: the new worker holds it
    allocation.save()
    allocate(future, worker, since=TODAY() + dt.timedelta(days=3))
    assert sees(user, mine, RULE["allocated"])
    assert not sees(user, theirs, RULE["allocated"])
    assert not sees(user, ended, RULE["allocated"])
    assert not sees(user, future, RULE["allocated"])


@pytest.mark.django_db
def test_a_worker_who_has_left_sees_nothing(staff, make_child):
    user, worker = staff("social_worker")
    child = make_child()
    allocate(child, worker)
    worker.left_on = TODAY()
    worker.save()
    assert not sees(user, child, RULE["allocated"])
    assert not child_access(user, child).allowed


@pytest.mark.django_db
def test_own_team(staff, make_worker, make_child):
    from safeguard.earlyhelp.models import EarlyHelpEpisode

    team = Team.objects.create(name="Team Own", service_area="cin")
    user, _ = staff("consultant_social_worker", team=team)
    colleague = make_worker(team=team)
    in_team, elsewhere, early = make_child(), make_child(), make_child()
    allocate(in_team, colleague)
    allocate(elsewhere, make_worker())
    EarlyHelpEpisode.objects.create(
        child=early, requested_on=TODAY(), request_source="2A", lead_professional_worker=colleague
    )
    assert sees(user, in_team, RULE["own_team"])
    assert sees(user, early, RULE["own_team"])
    assert not sees(user, elsewhere, RULE["own_team"])


@pytest.mark.django_db
def test_service_area_and_manager_chain(staff, make_worker, make_child):
    cin = Team.objects.create(name="CIN East", service_area="cin")
    home = Team.objects.create(name="CIN management", service_area="cin")
    care = Team.objects.create(name="Care North", service_area="cic")
    user, manager = staff("service_manager", team=home)
    team_manager = make_worker(team=care, manager=manager)
    in_area, reports, outside = make_child(), make_child(), make_child()
    allocate(in_area, make_worker(team=cin))
    allocate(reports, make_worker(team=care, manager=team_manager))  # manager's manager
    allocate(outside, make_worker(team=care))
    assert sees(user, in_area, RULE["service_area"])
    assert sees(user, reports, RULE["service_area"])
    assert not sees(user, outside, RULE["service_area"])


def _contact(child, *, outcome="", decided_days_ago=None, started_by=None):
    from safeguard.frontdoor.models import Contact, ContactChild, MashTriage

    received = clock.now() - dt.timedelta(days=(decided_days_ago or 0) + 2)
    contact = Contact.objects.create(
        received_at=received,
        source="2A",
        channel="email",
        concerns="Worried.",
        consent_asked=False,
        consent_given=False,
        outcome=outcome,
        outcome_at=received + dt.timedelta(hours=1) if outcome else None,
    )
    ContactChild.objects.create(contact=contact, child=child)
    if outcome == "mash":
        MashTriage.objects.create(
            contact=contact,
            priority="green",
            started_at=received + dt.timedelta(hours=1),
            started_by=started_by,
            decided_at=(received + dt.timedelta(days=1) if decided_days_ago is not None else None),
        )
    return contact


@pytest.mark.django_db
def test_mash_queue(staff, make_child):
    user, worker = staff("mash_officer")
    waiting, triaging, recent, old, closed_old = (make_child() for _ in range(5))
    _contact(waiting)
    _contact(triaging, outcome="mash", started_by=worker)
    _contact(recent, outcome="mash", decided_days_ago=5, started_by=worker)
    _contact(old, outcome="mash", decided_days_ago=rules.MASH_RECENT_DAYS + 5, started_by=worker)
    _contact(closed_old, outcome="nfa", decided_days_ago=rules.MASH_RECENT_DAYS + 5)
    for child in (waiting, triaging, recent):
        assert sees(user, child, RULE["mash_queue"])
    for child in (old, closed_old):
        assert not sees(user, child, RULE["mash_queue"])


@pytest.mark.django_db
def test_only_a_mash_team_manager_works_the_mash_queue(staff, make_child):
    mash_team = Team.objects.create(name="MASH", service_area="mash")
    cin_team = Team.objects.create(name="CIN 1", service_area="cin")
    mash_manager, _ = staff("team_manager", team=mash_team)
    cin_manager, _ = staff("team_manager", team=cin_team)
    waiting = make_child()
    _contact(waiting)
    assert sees(mash_manager, waiting, RULE["mash_queue"])
    assert child_access(mash_manager, waiting).allowed
    assert not sees(cin_manager, waiting, RULE["mash_queue"])
    assert not child_access(cin_manager, waiting).allowed


def _conference(child, chair, **fields):
    from safeguard.cin.models import CINEpisode
    from safeguard.protection.models import Conference

    episode = CINEpisode.objects.create(
        child=child, referral_date=TODAY() - dt.timedelta(days=400), referral_source="2A"
    )
    values = {"scheduled_for": TODAY() + dt.timedelta(days=3), "conference_type": "initial"}
    values.update(fields)
    return Conference.objects.create(episode=episode, child=child, chair=chair, **values)


@pytest.mark.django_db
def test_conference_chair_and_iro(staff, make_worker, make_child):
    from safeguard.care.models import LookedAfterReview, PeriodOfCare

    user, chair = staff("cp_chair_iro")
    upcoming, recent, long_ago, cancelled, other_chair, looked_after, left_care = (
        make_child() for _ in range(7)
    )
    _conference(upcoming, chair)
    _conference(recent, chair, held_on=TODAY() - dt.timedelta(days=100))
    _conference(long_ago, chair, held_on=TODAY() - dt.timedelta(days=rules.CHAIR_RECENT_DAYS + 1))
    _conference(cancelled, chair, cancelled_on=TODAY())
    _conference(other_chair, make_worker())
    for child, ended in ((looked_after, None), (left_care, TODAY())):
        period = PeriodOfCare.objects.create(
            child=child, started_on=TODAY() - dt.timedelta(days=300), ended_on=ended
        )
        LookedAfterReview.objects.create(
            child=child,
            period=period,
            held_on=TODAY() - dt.timedelta(days=20),
            participation="PN1",
            chaired_by=chair,
        )
    for child in (upcoming, recent, looked_after):
        assert sees(user, child, RULE["chair"])
    for child in (long_ago, cancelled, other_chair, left_care):
        assert not sees(user, child, RULE["chair"])


@pytest.mark.django_db
def test_conference_business_support_queue(staff, make_worker, make_child):
    user, _ = staff("conference_support")
    chair = make_worker()
    to_book, to_minute, minuted, stale = (make_child() for _ in range(4))
    _conference(to_book, chair)
    _conference(to_minute, chair, held_on=TODAY() - dt.timedelta(days=3))
    _conference(minuted, chair, held_on=TODAY() - dt.timedelta(days=3), minutes_sent_on=TODAY())
    _conference(stale, chair, scheduled_for=TODAY() - dt.timedelta(days=90))
    assert sees(user, to_book, RULE["conference_queue"])
    assert sees(user, to_minute, RULE["conference_queue"])
    assert not sees(user, minuted, RULE["conference_queue"])
    assert not sees(user, stale, RULE["conference_queue"])


@pytest.mark.django_db
def test_a_requested_initial_conference_is_on_the_business_support_queue(staff, make_child):
    from safeguard.cin.models import CINEpisode
    from safeguard.protection.models import Section47Enquiry

    user, _ = staff("conference_support")
    requested, not_required, long_ago = (make_child() for _ in range(3))
    for child, fields in (
        (requested, {"conference_requested_on": TODAY() - dt.timedelta(days=2)}),
        (not_required, {"icpc_not_required": True}),
        (long_ago, {"conference_requested_on": TODAY() - dt.timedelta(days=200)}),
    ):
        episode = CINEpisode.objects.create(
            child=child, referral_date=TODAY() - dt.timedelta(days=20), referral_source="2A"
        )
        Section47Enquiry.objects.create(
            episode=episode,
            start_date=TODAY() - dt.timedelta(days=10),
            outcome="substantiated",
            outcome_date=TODAY() - dt.timedelta(days=2),
            **fields,
        )
    assert sees(user, requested, RULE["conference_queue"])
    assert not sees(user, not_required, RULE["conference_queue"])
    assert not sees(user, long_ago, RULE["conference_queue"])


@pytest.mark.django_db
def test_early_help_lead(staff, make_worker, make_child):
    from safeguard.earlyhelp.models import EarlyHelpEpisode

    team = Team.objects.create(name="Early help West", service_area="early_help")
    user, worker = staff("early_help_worker", team=team)
    led, team_led, closed, elsewhere = (make_child() for _ in range(4))
    for child, lead in ((led, worker), (team_led, make_worker(team=team)), (closed, worker)):
        EarlyHelpEpisode.objects.create(
            child=child,
            requested_on=TODAY() - dt.timedelta(days=10),
            request_source="2A",
            lead_professional_worker=lead,
            closed_on=TODAY() if child is closed else None,
            closure_reason="needs_met" if child is closed else "",
        )
    EarlyHelpEpisode.objects.create(
        child=elsewhere, requested_on=TODAY(), request_source="2A",
        lead_professional_worker=make_worker(),
    )  # fmt: skip
    assert sees(user, led, RULE["early_help"])
    assert sees(user, team_led, RULE["early_help"])
    assert not sees(user, closed, RULE["early_help"])
    assert not sees(user, elsewhere, RULE["early_help"])


@pytest.mark.django_db
def test_partner_agency_rule_follows_the_sharing_log(world):
    police = world.users["partner_police"]
    health = world.users["partner_health"]
    rule = RULE["shared_with_agency"]
    assert sees(police, world.child_shared_police, rule) is world.shared_with_police
    assert not sees(health, world.child_shared_police, rule)
    assert not sees(police, world.child_allocated, rule)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role",
    ["lado", "partnership_business_unit", "performance_analyst", "system_administrator"],
)
def test_roles_with_no_child_by_rule(world, role):
    user = world.users[role]
    assert rules.rules_for(user) == []
    assert list(children_visible_to(user)) == []
    for child in (world.child_allocated, world.child_mash, world.child_conference):
        assert not child_access(user, child).allowed


@pytest.mark.django_db
def test_the_rules_compose_with_or(staff, make_worker, make_child):
    """A role's children are the union of its rules' children (rules' ``|``)."""
    user, worker = staff("mash_officer")
    allocated, queued, neither = make_child(), make_child(), make_child()
    allocate(allocated, worker)
    _contact(queued)
    combined = (
        rules.OBJECT_RULES["allocated"].predicate | rules.OBJECT_RULES["mash_queue"].predicate
    )
    assert combined.test(user, allocated) and combined.test(user, queued)
    assert not combined.test(user, neither)
    assert rules.matching_rule(user, allocated).code == "allocated"
    assert rules.matching_rule(user, queued).code == "mash_queue"
    assert set(children_visible_to(user)) == {allocated, queued}


@pytest.mark.django_db
def test_managers_who_allocate_referrals_see_unallocated_cases(staff, make_worker, make_child):
    from safeguard.cin.models import CINEpisode

    assessment = Team.objects.create(name="Assessment 1", service_area="assessment")
    care = Team.objects.create(name="Children in care 1", service_area="cic")
    allocating, _ = staff("team_manager", team=assessment)
    elsewhere, _ = staff("team_manager", team=care)
    social_worker, _ = staff("social_worker", team=assessment)
    waiting, allocated_child, closed = (make_child() for _ in range(3))
    for child in (waiting, allocated_child, closed):
        CINEpisode.objects.create(
            child=child,
            referral_date=TODAY() - dt.timedelta(days=5),
            referral_source="2A",
            closure_date=TODAY() - dt.timedelta(days=1) if child is closed else None,
            reason_for_closure="RC8" if child is closed else "",
        )
    allocate(allocated_child, make_worker(team=care))
    rule = RULE["unallocated"]
    assert sees(allocating, waiting, rule)
    assert not sees(allocating, allocated_child, rule)
    assert not sees(allocating, closed, rule)
    assert not sees(elsewhere, waiting, rule)
    assert not sees(social_worker, waiting, rule)
    assert child_access(allocating, waiting).allowed
    assert not child_access(elsewhere, waiting).allowed


@pytest.mark.django_db
def test_business_support_reaches_children_on_a_plan_for_their_reviews(staff, make_child):
    from safeguard.cin.models import CINEpisode
    from safeguard.protection.models import CPPlan

    user, _ = staff("conference_support")
    on_plan, plan_ended = make_child(), make_child()
    for child, ended in ((on_plan, None), (plan_ended, TODAY() - dt.timedelta(days=10))):
        episode = CINEpisode.objects.create(
            child=child, referral_date=TODAY() - dt.timedelta(days=300), referral_source="2A"
        )
        CPPlan.objects.create(
            episode=episode,
            child=child,
            start_date=TODAY() - dt.timedelta(days=200),
            end_date=ended,
            end_reason="no_longer_at_risk" if ended else "",
            initial_category="N",
            latest_category="N",
        )
    assert sees(user, on_plan, RULE["conference_queue"])
    assert not sees(user, plan_ended, RULE["conference_queue"])
