"""Each statutory item from hand-built records: its due date, state and explanation."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.core.models import SchoolTerm
from safeguard.core.timescales import compute_due
from safeguard.worklists.items import State, WorkItem
from safeguard.worklists.selectors import caseload_for, work_items_for
from safeguard.worklists.tests import factories as f

pytestmark = pytest.mark.django_db

D = dt.date
#: A Monday just after Christmas 2018: 25, 26 December and 1 January are bank holidays.
TODAY = D(2019, 1, 7)


@pytest.fixture
def sw():
    return f.worker(f.team())


def items(holder, child=None, kind=None) -> list[WorkItem]:
    found = work_items_for(holder, TODAY)
    for item in found:  # the fast date is the registry's own date
        assert compute_due(item.kind, item.start, **item.context).due_date == item.due
    return [
        i
        for i in found
        if (child is None or i.child.pk == child.pk) and (kind is None or i.kind == kind)
    ]


def only(holder, child, kind) -> WorkItem:
    found = items(holder, child, kind)
    assert len(found) == 1, found
    return found[0]


def test_icpc_counts_working_days_past_christmas_and_new_year(sw):
    child = f.child(sw)
    f.strategy(f.episode(child), D(2018, 12, 17))
    item = only(sw, child, "icpc")
    assert item.due == D(2019, 1, 10)  # 15 working days; 25, 26 Dec and 1 Jan skipped
    assert item.state is State.DUE_THIS_WEEK
    assert "25/12/2018 Christmas Day" in item.explanation
    assert item.explanation.startswith("Initial child protection conference held. Due 2019-01-10")
    assert (item.url_name, item.url_kwargs) == ("people:child_record", {"child_id": child.pk})


def test_icpc_is_no_longer_due_once_held_or_not_required(sw):
    held, stood_down, no_s47 = f.child(sw), f.child(sw), f.child(sw)
    ep = f.episode(held)
    f.strategy(ep, D(2018, 12, 17))
    f.conference(ep, "initial", D(2019, 1, 3))
    ep2 = f.episode(stood_down)
    sd = f.strategy(ep2, D(2018, 12, 17))
    f.section47(ep2, D(2018, 12, 17), strategy_discussion=sd, icpc_not_required=True)
    f.strategy(f.episode(no_s47), D(2018, 12, 17), s47=False)
    assert items(sw, kind="icpc") == []


def test_conference_request_after_substantiated_s47(sw):
    child = f.child(sw)
    ep = f.episode(child)
    f.section47(ep, D(2018, 12, 20), outcome="substantiated", outcome_date=D(2019, 1, 4))
    item = only(sw, child, "section47_to_conference_request")
    assert (item.due, item.state) == (D(2019, 1, 7), State.DUE_TODAY)


def test_assessment_approaching_45_working_days(sw):
    child = f.child(sw)
    from safeguard.assessment.models import Assessment

    ep = f.episode(child)
    Assessment.objects.create(episode=ep, start_date=D(2018, 11, 1))
    Assessment.objects.create(episode=ep, start_date=D(2018, 10, 2), authorised_on=D(2018, 10, 30))
    item = only(sw, child, "assessment")
    assert (item.due, item.state) == (D(2019, 1, 8), State.DUE_THIS_WEEK)
    assert "bank holidays skipped" in item.explanation


def test_cin_visit_counts_from_the_last_visit_with_the_child_seen(sw):
    child = f.child(sw)
    ep = f.episode(child)
    f.cin_plan(ep, D(2018, 11, 20))
    f.visit(child, sw, D(2018, 12, 10), "cin", ep=ep)
    f.visit(child, sw, D(2018, 12, 20), "cin", ep=ep, seen=False)
    item = only(sw, child, "cin_visit")
    assert item.due == D(2019, 1, 10)
    assert "10/12/2018" in item.detail


def test_cin_plan_review_and_no_cin_visit_under_a_cp_plan(sw):
    child = f.child(sw)
    ep = f.episode(child)
    plan = f.cin_plan(ep, D(2018, 11, 20))
    assert only(sw, child, "cin_review").due == D(2019, 2, 12)
    f.cin_review(plan, D(2018, 12, 18))
    assert only(sw, child, "cin_review").due == D(2019, 3, 12)
    f.cp_plan(ep, D(2018, 12, 20))
    assert items(sw, child, "cin_visit") == []


def test_cp_visit_uses_the_plan_frequency_and_week_window(sw):
    child = f.child(sw)
    ep = f.episode(child)
    f.cp_plan(ep, D(2018, 12, 3), weeks=2)
    f.visit(child, sw, D(2018, 12, 20), "cp", ep=ep)
    item = only(sw, child, "cp_visit")
    assert (item.due, item.state, item.days_overdue) == (D(2019, 1, 6), State.OVERDUE, 1)
    assert "fortnightly visits (set on the plan)" in item.explanation


def test_first_core_group_and_review_conferences(sw):
    child = f.child(sw)
    ep = f.episode(child)
    icpc = f.conference(ep, "initial", D(2018, 12, 10))
    plan = f.cp_plan(ep, D(2018, 12, 10), icpc=icpc)
    core = only(sw, child, "core_group")
    assert (core.due, core.days_overdue) == (D(2018, 12, 24), 14)
    assert only(sw, child, "rcpc_first").due == D(2019, 3, 10)
    f.core_group(plan, D(2018, 12, 20))
    f.conference(ep, "review", D(2019, 1, 3), plan=plan)
    assert items(sw, child, "core_group") == []
    assert items(sw, child, "rcpc_first") == []
    assert only(sw, child, "rcpc_next").due == D(2019, 7, 3)


def test_review_before_a_cp_plan_ends_at_18(sw):
    child = f.child(sw, dob=D(2001, 5, 1))
    f.cp_plan(f.episode(child), D(2018, 12, 3))
    assert only(sw, child, "cp_plan_18").due == D(2019, 4, 30)


def test_looked_after_visits_by_placement_stage(sw):
    new, settled, long_term = f.child(sw), f.child(sw), f.child(sw)
    f.in_care(new, D(2018, 12, 31))
    assert only(sw, new, "lac_visit").due == D(2019, 1, 7)
    f.in_care(settled, D(2018, 6, 1))
    f.visit(settled, sw, D(2018, 11, 30), "looked_after")
    assert only(sw, settled, "lac_visit").due == D(2019, 1, 11)
    f.in_care(long_term, D(2016, 6, 1), placement="U4")
    f.visit(long_term, sw, D(2018, 11, 30), "looked_after")
    item = only(sw, long_term, "lac_visit")
    assert item.due == D(2019, 2, 28)  # 3 months: a long-term placement over a year old
    assert "long-term placement" in item.explanation


def test_legal_status_change_keeps_the_placement(sw):
    child = f.child(sw)
    care = f.in_care(child, D(2018, 6, 1))
    care.episode.ended_on = D(2018, 12, 1)
    care.episode.reason_ceased = "X1"
    care.episode.save()
    from safeguard.care.models import LookedAfterEpisode

    LookedAfterEpisode.objects.create(
        child=child,
        period=care.period,
        started_on=D(2018, 12, 1),
        reason_new_episode="L",
        legal_status="C1",
        category_of_need="N1",
        placement_type="U3",
        placement_provider="PR1",
    )
    f.visit(child, sw, D(2018, 11, 30), "looked_after")
    item = only(sw, child, "lac_visit")
    assert item.context["placement_start"] == D(2018, 6, 1)
    assert item.due == D(2019, 1, 11)


def test_looked_after_reviews_20_working_days_then_3_then_6_months(sw):
    child = f.child(sw)
    care = f.in_care(child, D(2018, 12, 31))
    item = only(sw, child, "lac_review_first")
    assert item.due == D(2019, 1, 29)  # 1 January skipped
    assert "01/01/2019 New Year's Day" in item.explanation
    f.lac_review(care, D(2019, 1, 4))
    assert only(sw, child, "lac_review_second").due == D(2019, 4, 4)
    f.lac_review(care, D(2019, 1, 6))
    assert only(sw, child, "lac_review_next").due == D(2019, 7, 6)


def test_health_assessments_initial_then_by_age(sw):
    baby, older = f.child(sw, dob=D(2016, 1, 1)), f.child(sw, dob=D(2010, 1, 1))
    care = f.in_care(baby, D(2018, 5, 1))
    iha = only(sw, baby, "iha")
    assert iha.due == D(2018, 5, 31)  # 7 and 28 May 2018 are bank holidays
    assert "28/05/2018 Spring Bank Holiday" in iha.explanation
    f.health(care, "initial", D(2018, 6, 1))
    rha = only(sw, baby, "rha")
    assert (rha.due, rha.state) == (D(2018, 12, 1), State.OVERDUE)
    assert items(sw, baby, "iha") == []
    older_care = f.in_care(older, D(2018, 5, 1))
    f.health(older_care, "initial", D(2018, 6, 1))
    assert only(sw, older, "rha").due == D(2019, 6, 1)


def test_dental_check_for_children_in_care_a_year_or_more(sw):
    long_stay, new = f.child(sw), f.child(sw)
    f.in_care(long_stay, D(2017, 6, 1))
    f.in_care(new, D(2018, 6, 1))
    assert only(sw, long_stay, "dental").due == D(2018, 6, 1)
    assert items(sw, new, "dental") == []


def test_pep_first_in_school_days_then_termly(sw):
    assert SchoolTerm.objects.filter(starts_on__year=2019).exists()  # seeded term dates
    child = f.child(sw, dob=D(2010, 1, 1))
    care = f.in_care(child, D(2018, 12, 10))
    first = only(sw, child, "pep")
    assert first.context["stage"] == "first"
    assert first.due > D(2019, 1, 3)  # the Christmas holidays are not school days
    f.pep(care, D(2019, 1, 4))
    termly = only(sw, child, "pep")
    assert termly.context["stage"] == "termly"
    assert D(2019, 4, 1) < termly.due < D(2019, 8, 1)  # by the end of the next term
    assert "termly: by the last school day of" in termly.explanation


def test_return_home_interview_within_72_hours(sw):
    waiting, held, declined = f.child(sw), f.child(sw), f.child(sw)
    f.missing(waiting, dt.datetime(2019, 1, 5, 10, 0))
    f.missing(held, dt.datetime(2019, 1, 5, 10, 0), rhi="held")
    f.missing(declined, dt.datetime(2019, 1, 5, 10, 0), rhi="declined")
    item = only(sw, waiting, "rhi")
    assert item.due == D(2019, 1, 8) and item.due_at is not None
    assert item.due_at.hour == 10
    assert items(sw, held, "rhi") == items(sw, declined, "rhi") == []


def test_care_leaver_contact_and_pathway_plan(sw):
    child = f.child(sw, dob=D(2001, 3, 1))
    f.in_care(child, D(2016, 1, 1), ended=D(2018, 6, 1))
    contact = only(sw, child, "care_leaver_contact")
    assert (contact.due, contact.state) == (D(2019, 4, 1), State.UPCOMING)
    pathway = only(sw, child, "pathway_plan")
    assert pathway.due == D(2017, 9, 1)
    f.leaver_contact(child, D(2018, 12, 15))
    f.pathway_review(child, D(2018, 12, 1))
    assert only(sw, child, "care_leaver_contact").due == D(2020, 4, 1)
    assert only(sw, child, "pathway_plan").due == D(2019, 6, 1)


def test_only_open_allocations_count_and_items_are_sorted(sw):
    mine, gone = f.child(sw), f.child()
    from safeguard.workforce.models import Allocation

    Allocation.objects.create(
        child=gone, worker=sw, started_on=D(2015, 1, 5), ended_on=D(2018, 1, 1)
    )
    f.strategy(f.episode(mine), D(2018, 12, 17))
    f.strategy(f.episode(gone), D(2018, 12, 17))
    f.in_care(mine, D(2017, 6, 1))
    found = items(sw)
    assert {i.child.pk for i in found} == {mine.pk}
    assert [i.due for i in found] == sorted(i.due for i in found)
    caseload = caseload_for([sw], TODAY)
    assert caseload.statuses == {mine.pk: "Looked after"}


def test_team_of_workers_in_one_call():
    team = f.team()
    a, b = f.worker(team), f.worker(team)
    ca, cb = f.child(a), f.child(b)
    f.strategy(f.episode(ca), D(2018, 12, 17))
    f.strategy(f.episode(cb), D(2018, 12, 17))
    found = work_items_for([a, b], TODAY)
    assert {(i.worker.pk, i.child.pk) for i in found} == {(a.pk, ca.pk), (b.pk, cb.pk)}
