"""Issue 8 work queues: PPN consultations and HRDA Plus (front door), allegations (LADO),
carer reviews (fostering), approvals and visits (unregistered placements): due, overdue,
done when the record is completed, and only for the role that works them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safeguard.access.backends import capabilities_of
from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import build_world
from safeguard.audit.models import AuditEvent
from safeguard.core import calendar, clock
from safeguard.core.timescales import compute_due
from safeguard.frontdoor import services_domestic_abuse as da
from safeguard.frontdoor.models_domestic_abuse import HrdaListing
from safeguard.worklists.items import Rules, State
from safeguard.worklists.queues import queue_by_slug, queues_for
from safeguard.worklists.tests import factories as f
from safeguard.worklists.tests import issue8 as i8

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def world():
    return build_world()


def _items(slug, user, kind=None):
    found = queue_by_slug(slug).items(user, clock.today(), Rules())
    return [i for i in found if kind is None or i.kind == kind]


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


# --- which queues a role holds -------------------------------------------------------------


def test_each_queue_belongs_to_the_roles_that_open_its_records(world):
    held = {
        role: [q.slug for q in queues_for(capabilities_of(user))]
        for role, user in world.users.items()
    }
    assert held["mash_officer"] == ["front-door"]
    assert held["lado"] == ["lado"]
    assert held["team_manager"] == ["front-door", "fostering", "unregistered", "supervision"]
    assert held["service_manager"][-3:] == ["carole-tactical", "case-audits", "supervision"]
    assert held["partnership_business_unit"] == [
        "practice-reviews",
        "child-deaths",
        "training",
    ]
    assert held["quality_assurance"] == ["case-audits", "complaints"]
    assert held["cp_chair_iro"] == ["unregistered"]
    assert held["social_worker"] == []
    assert held["partner_police"] == []
    assert held["performance_analyst"] == []


# --- front door -----------------------------------------------------------------------------


def test_a_ppn_is_due_its_consultation_in_a_working_day_and_done_when_recorded(world):
    officer = world.users["mash_officer"]
    today = clock.today()
    child = f.child()
    received = calendar.add_working_days(today, -2)
    contact = i8.ppn([child], _aware(received), rating="amber")
    [item] = _items("front-door", officer, "ppn_consultation")
    assert item.due == compute_due("ppn_consultation", received).due
    assert item.state is State.OVERDUE
    assert "rating: Amber" in item.subject
    assert item.url == reverse("frontdoor:consult_ppn", kwargs={"contact_id": contact.pk})
    assert [c.pk for c in item.children] == [child.pk] and item.hidden_children == 0
    assert "1 working day after PPN received" in item.explanation
    da.record_ppn_consultation(
        contact=contact,
        consulted_at=clock.now(),
        consulted_by=world.workers["mash_officer"],
        outcome="early_help",
    )
    assert not _items("front-door", officer, "ppn_consultation")


def test_hrda_risk_not_reduced_is_due_at_hrda_plus_within_a_month(world):
    officer = world.users["mash_officer"]
    mash = world.workers["mash_officer"]
    today = clock.today()
    contact = i8.ppn([f.child()], _aware(today - 20 * DAY))
    da.record_ppn_consultation(
        contact=contact,
        consulted_at=_aware(today - 20 * DAY, 12),
        consulted_by=mash,
        outcome="hrda",
    )
    daily = HrdaListing.objects.get(case__contact=contact)
    assert not _items("front-door", officer, "hrda_plus_review")  # not yet discussed
    da.record_hrda_risk_review(listing=daily, risk_reduced=False, chair=mash)
    [item] = _items("front-door", officer, "hrda_plus_review")
    held_on = daily.meeting.held_on
    assert item.start == held_on and item.due == calendar.add_months(held_on, 1)
    plus = HrdaListing.objects.get(case__contact=contact, meeting__kind="plus")
    assert f"listed at HRDA Plus on {plus.meeting.held_on:%d/%m/%Y}" in item.detail
    assert "kind=plus" in item.url and plus.meeting.held_on.isoformat() in item.url
    # HRDA Plus judges the risk reduced: the case closes and the item is done.
    da.record_hrda_risk_review(listing=plus, risk_reduced=True, chair=mash)
    assert not _items("front-door", officer, "hrda_plus_review")


# --- LADO -----------------------------------------------------------------------------------


def test_open_allegations_are_due_resolution_a_month_after_the_lado_was_informed(world):
    lado = world.users["lado"]
    today = clock.today()
    late = i8.allegation(
        today - 40 * DAY,
        reported_to_employer_on=today - 45 * DAY,
        officer=world.workers["lado"],
    )
    fresh = i8.allegation(today - 3 * DAY)
    items = {i.subject.split(":")[0]: i for i in _items("lado", lado)}
    assert set(items) == {late.reference, fresh.reference}
    old = items[late.reference]
    assert old.kind == "lado_resolution" and old.state is State.OVERDUE
    assert old.due == calendar.add_months(today - 40 * DAY, 1)
    assert old.what.startswith("Contact: decide")
    assert "late: the employer knew on" in old.detail and "officer:" in old.detail
    assert old.url == reverse("partnership:lado_case", kwargs={"allegation_id": late.pk})
    assert "no officer assigned" in items[fresh.reference].detail
    # Closed, or a referral with its outcome: resolved, off the queue.
    late.contact_outcome, late.closed_on = "advice", today
    late.save()
    fresh.stage, fresh.referral_on = "referral", today - 2 * DAY
    fresh.outcome, fresh.outcome_on = "unfounded", today
    fresh.save()
    assert not _items("lado", lado)


# --- fostering ------------------------------------------------------------------------------


def test_a_household_is_due_its_review_a_year_after_approval_or_its_last_review(world):
    manager = world.users["team_manager"]
    today = clock.today()
    overdue = i8.household(calendar.add_months(today, -13), name="The Overdues")
    reviewed = i8.household(
        calendar.add_months(today, -30),
        reviewed=calendar.add_months(today, -11) + 3 * DAY,
        name="The Reviewed",
    )
    i8.household(calendar.add_months(today, -2), name="The New")  # due in 10 months
    i8.household(calendar.add_months(today, -20), name="The Gone", deregistered_on=today)
    items = {i.subject.split(" (")[0]: i for i in _items("fostering", manager)}
    assert set(items) == {"The Overdues", "The Reviewed"}
    assert items["The Overdues"].state is State.OVERDUE
    assert "not reviewed since" in items["The Overdues"].detail
    assert items["The Reviewed"].state is not State.OVERDUE
    assert items["The Reviewed"].url == reverse(
        "fostering:household", kwargs={"household_id": reviewed.pk}
    )
    i8.FosterCarerReview.objects.create(household=overdue, held_on=today)
    assert "The Overdues" not in {i.subject.split(" (")[0] for i in _items("fostering", manager)}


# --- unregistered placements -----------------------------------------------------------------


def test_an_unapproved_placement_is_overdue_from_the_day_after_the_move(world):
    manager = world.users["team_manager"]
    today = clock.today()
    placement = i8.unregistered(f.child(dob=dt.date(2009, 1, 1)), today - 10 * DAY)
    [approval] = _items("unregistered", manager, "unregistered_approval")
    assert approval.due == today - 10 * DAY and approval.state is State.OVERDUE
    assert "on the day of the child moving in" in approval.explanation
    [visit] = _items("unregistered", manager, "unregistered_visit")
    assert visit.due == calendar.add_months(today - 10 * DAY, 1)
    assert visit.url == reverse("care:unregistered_entry", kwargs={"placement_id": placement.pk})
    placement.approved_on, placement.approved_by = today - 9 * DAY, "C. Director"
    placement.save()
    i8.independent_visit(placement, today)
    assert not _items("unregistered", manager, "unregistered_approval")
    [visit] = _items("unregistered", manager, "unregistered_visit")
    assert visit.start == today and "Last independent visit" in visit.detail


def test_the_register_and_the_queue_read_the_same_approval_rule(world, settings):
    from safeguard.care.selectors_unregistered import worklist

    today = clock.today()
    i8.unregistered(f.child(dob=dt.date(2009, 1, 1)), today - 2 * DAY)
    [entry] = [i for i in worklist(today).items if "approval" in i.what]
    assert entry.due == today - 2 * DAY and entry.overdue
    # A local rule (e.g. 5 working days to confirm an emergency move) moves both.
    settings.SAFEGUARD_TIMESCALE_OVERRIDES = {
        "unregistered_approval": {"unit": "working_days", "amount": 5}
    }
    [entry] = [i for i in worklist(today).items if "approval" in i.what]
    [item] = _items("unregistered", world.users["team_manager"], "unregistered_approval")
    assert entry.due == item.due == calendar.add_working_days(today - 2 * DAY, 5)
    assert not entry.overdue and item.state is not State.OVERDUE
    assert "local override" in entry.explanation


# --- pages ----------------------------------------------------------------------------------

QUEUE_PAGES = {
    "worklists:queue_front_door": "mash_officer",
    "worklists:queue_lado": "lado",
    "worklists:queue_fostering": "team_manager",
    "worklists:queue_unregistered": "cp_chair_iro",
}


@pytest.mark.parametrize(("url_name", "role"), sorted(QUEUE_PAGES.items()))
def test_queue_pages_open_for_their_role_only_and_are_audited(world, url_name, role):
    i8.allegation(clock.today() - 40 * DAY)
    i8.household(calendar.add_months(clock.today(), -13))
    i8.unregistered(f.child(dob=dt.date(2009, 1, 1)), clock.today() - 3 * DAY)
    i8.ppn([f.child()], _aware(clock.today() - 5 * DAY))
    before = AuditEvent.objects.count()
    response = sign_in(Client(), world.users[role]).get(reverse(url_name))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Why this date" in page and "govuk-tag--red" in page
    assert AuditEvent.objects.count() == before + 1
    refused = sign_in(Client(), world.users["social_worker"]).get(reverse(url_name))
    assert refused.status_code == 403


def test_an_empty_queue_says_so(world):
    page = sign_in(Client(), world.users["lado"]).get(reverse("worklists:queue_lado"))
    assert "Nothing is overdue or due in the next six weeks." in page.content.decode()


def test_a_long_queue_is_paginated(world):
    for n in range(55):
        i8.allegation(clock.today() - (n % 30) * DAY)
    client = sign_in(Client(), world.users["lado"])
    page1 = client.get(reverse("worklists:queue_lado")).content.decode()
    assert "page 1 of 2" in page1 and 'rel="next"' in page1


def test_the_start_page_and_my_work_link_the_users_queues(world):
    i8.allegation(clock.today() - 40 * DAY)
    page = sign_in(Client(), world.users["lado"]).get(reverse("worklists:start"))
    html = page.content.decode()
    assert reverse("worklists:queue_lado") in html and "1 overdue" in html
    mine = sign_in(Client(), world.users["mash_officer"]).get(reverse("worklists:my_work"))
    assert reverse("worklists:queue_front_door") in mine.content.decode()
    worker = sign_in(Client(), world.users["social_worker"]).get(reverse("worklists:my_work"))
    assert "Work queues" not in worker.content.decode()


# --- access: items only for users who can open their page ------------------------------------


def test_a_ppn_is_on_the_queue_only_for_users_who_may_open_one_of_its_children(world):
    i8.ppn([f.child()], _aware(clock.today() - 2 * DAY))
    assert len(_items("front-door", world.users["mash_officer"], "ppn_consultation")) == 1
    # A team manager holds the front door queue, but not these children's records.
    assert not _items("front-door", world.users["team_manager"], "ppn_consultation")


def test_a_restricted_childs_placement_is_unnamed_and_only_for_those_with_access(world):
    child = world.child_restricted  # restricted, allocated to the social worker (Team A)
    i8.unregistered(child, clock.today() - 5 * DAY)
    manager_items = _items("unregistered", world.users["team_manager"])
    iro_items = _items("unregistered", world.users["cp_chair_iro"])
    for items in (manager_items, iro_items):
        assert all(child.first_name not in i.subject for i in items)
    from safeguard.access.selectors import child_access

    for role, items in (("team_manager", manager_items), ("cp_chair_iro", iro_items)):
        allowed = child_access(world.users[role], child).allowed
        assert bool(items) == allowed, role
        if items:
            assert items[0].subject.startswith("A child (restricted record)")
