"""What the SSDA903 needs of the generated workforce and children: SW_IDs, UPNs and
social worker episodes one at a time."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from safeguard.people.models import Person, PersonKind
from safeguard.synth import workforce
from safeguard.synth.checker import check_invariants
from safeguard.synth.context import GenerationSettings, SynthContext
from safeguard.synth.families import UPN_NOT_YET_ALLOCATED, FamilyFactory, school_age_by
from safeguard.synth.journeys.sc_util import ALLOCATIONS, Allocator
from safeguard.synth.workforce import QUALIFIED_ROLES, WorkerIndex, pick_worker, staff_id
from safeguard.synth.writer import build
from safeguard.workforce.models import Allocation, ServiceArea, Team, Worker, WorkerRole

SETTINGS = GenerationSettings(
    scale=0.1, years=2, seed=7, end=dt.date(2024, 3, 31), la_code="001", la_name="Test"
)
D = dt.date


# --- SW_ID (SW02STG1) -------------------------------------------------------------------
def test_staff_ids_are_registration_numbers_or_xx_and_unique():
    ids = [staff_id(n, qualified=True) for n in range(1, 5000)]
    assert all(re.fullmatch(r"SW\d{6}", i) for i in ids)
    assert len(set(ids)) == len(ids)
    assert staff_id(12, qualified=False) == "XX000012"


@pytest.mark.django_db
def test_generated_workers_have_sw_ids_by_registration():
    ctx = SynthContext(SETTINGS)
    workforce.generate(ctx)
    workers: list[Worker] = ctx.registry["workers"]
    assert len({w.staff_id for w in workers}) == len(workers)
    for worker in workers:
        registered = worker.role in QUALIFIED_ROLES
        assert worker.staff_id.startswith("SW" if registered else "XX"), worker
        assert worker.is_qualified_social_worker == registered
    assert any(w.is_agency and w.staff_id.startswith("SW") for w in workers)


# --- UPN (SSDA903 209, 210) -------------------------------------------------------------
def test_school_age_is_five_by_the_31_august_on_or_before_the_end():
    assert school_age_by(D(2026, 3, 31)) == D(2020, 8, 31)
    assert school_age_by(D(2025, 8, 31)) == D(2020, 8, 31)
    assert school_age_by(D(2025, 8, 30)) == D(2019, 8, 31)


@pytest.mark.django_db
def test_children_of_school_age_by_the_end_have_upns_the_rest_un6():
    ctx = SynthContext(SETTINGS)
    factory = FamilyFactory.of(ctx)
    cut = school_age_by(SETTINGS.end)  # 2018-08-31
    for n in range(40):
        factory.new_family(on=D(2022, 5, 1) + dt.timedelta(days=9 * n), child_ages=[0, 3, 4, 8])
    ctx.writer.flush()
    children = list(Person.objects.filter(kind=PersonKind.CHILD))
    assert len(children) == 160
    upns = [c.upn for c in children if c.upn]
    assert len(set(upns)) == len(upns)
    for child in children:
        assert child.date_of_birth is not None
        if child.date_of_birth <= cut:
            assert child.upn and not child.upn_unknown_reason, child.date_of_birth
        else:
            assert (child.upn, child.upn_unknown_reason) == ("", UPN_NOT_YET_ALLOCATED)
    assert not any(c.upn_unknown_reason == "UN4" for c in children)
    # Both sides of the cut occur among the 3- and 4-year-olds.
    assert any(c.upn for c in children if c.date_of_birth > D(2017, 5, 1))
    assert any(not c.upn for c in children if c.date_of_birth < D(2019, 5, 1))


# --- social worker episodes (SW09, SW10, SW11, SW108; one open allocation) --------------
@pytest.fixture
def chain_of_workers(db):
    """A CIN team whose one post passes W1 -> W2 -> W3, and a care team with C1."""
    ctx = SynthContext(SETTINGS)
    at = ctx.at(D(2020, 1, 1))
    cin = build(
        Team, name="CIN", service_area=ServiceArea.CHILDREN_IN_NEED, opened_on=D(2020, 1, 1)
    )
    cic = build(
        Team, name="CIC", service_area=ServiceArea.CHILDREN_IN_CARE, opened_on=D(2020, 1, 1)
    )
    for team in (cin, cic):
        ctx.writer.add(team, id=ctx.new_id("test"), at=at)
    workers = []
    for n, (team, started, left) in enumerate(
        [
            (cin, D(2020, 1, 1), D(2023, 1, 10)),
            (cin, D(2023, 1, 5), D(2023, 3, 1)),
            (cin, D(2023, 2, 20), None),
            (cic, D(2020, 1, 1), None),
        ],
        start=1,
    ):
        worker = build(
            Worker,
            staff_id=staff_id(n, qualified=True),
            first_name="W",
            last_name=str(n),
            role=WorkerRole.SOCIAL_WORKER,
            team=team,
            is_qualified_social_worker=True,
            started_on=started,
            left_on=left,
        )
        workers.append(ctx.writer.add(worker, id=ctx.new_id("test"), at=at))
    area_of: dict[object, str] = {cin.id: cin.service_area, cic.id: cic.service_area}
    ctx.registry["worker_index"] = WorkerIndex(workers, area_of)
    child = FamilyFactory.of(ctx).new_family(on=D(2022, 6, 1), child_ages=[9]).children[0]
    return ctx, child, workers


def _episodes(child: Person) -> list[tuple[dt.date, dt.date | None, str, str, str]]:
    return [
        (a.started_on, a.ended_on, a.worker.last_name, a.start_reason, a.end_reason)
        for a in Allocation.objects.filter(child=child).select_related("worker")
    ]


def _one_at_a_time(episodes: list[tuple[dt.date, dt.date | None, str, str, str]]) -> None:
    for (_, end, *_), (next_start, *_) in itertools.pairwise(episodes):
        assert end is not None and next_start >= end, episodes
    assert all(end is None or end > start for start, end, *_ in episodes), episodes


def test_a_case_closed_behind_visits_drawn_ahead_ends_on_the_day(chain_of_workers):
    """A CP plan running on alongside care: its visits look up the worker to the plan's
    end, then the case closes on the (earlier) day the child came into care."""
    ctx, child, _ = chain_of_workers
    alloc = Allocator(ctx, "test")
    alloc.start(child, ServiceArea.CHILDREN_IN_NEED, D(2022, 11, 1), first=True)
    assert alloc.current(child, D(2023, 1, 20)).last_name == "2"
    assert alloc.current(child, D(2023, 5, 1)).last_name == "3"  # W2 left on 1 March
    alloc.close(child, D(2023, 2, 1))
    alloc.finish()
    ctx.writer.flush()
    assert _episodes(child) == [
        (D(2022, 11, 1), D(2023, 1, 10), "1", "FCONTA", "LEFTRL"),
        (D(2023, 1, 11), D(2023, 2, 1), "2", "LEFTRL", ""),
    ]
    # Published for the care phase's chains (a care leaver's adviser) to keep clear of.
    assert ctx.registry[ALLOCATIONS][child.id] == [
        (D(2022, 11, 1), D(2023, 1, 10)),
        (D(2023, 1, 11), D(2023, 2, 1)),
    ]


def test_no_handover_on_the_day_a_case_closes_or_moves(chain_of_workers):
    ctx, child, _ = chain_of_workers
    alloc = Allocator(ctx, "test")
    alloc.start(child, ServiceArea.CHILDREN_IN_NEED, D(2022, 11, 1), first=True)
    alloc.current(child, D(2023, 2, 1))
    # Moved to the care team the day after W1's last day: W2 never takes the case.
    alloc.start(child, ServiceArea.CHILDREN_IN_CARE, D(2023, 1, 11))
    alloc.close(child, D(2023, 4, 1))
    other = FamilyFactory.of(ctx).new_family(on=D(2022, 6, 1), child_ages=[7]).children[0]
    alloc.start(other, ServiceArea.CHILDREN_IN_NEED, D(2022, 12, 1), first=True)
    alloc.current(other, D(2023, 2, 1))
    alloc.close(other, D(2023, 1, 11))
    alloc.finish()
    ctx.writer.flush()
    moved = _episodes(child)
    assert moved == [
        (D(2022, 11, 1), D(2023, 1, 10), "1", "FCONTA", "MANAGE"),
        (D(2023, 1, 11), D(2023, 4, 1), "4", "MANAGE", ""),
    ]
    assert _episodes(other) == [(D(2022, 12, 1), D(2023, 1, 10), "1", "FCONTA", "")]


def test_a_case_open_at_the_end_is_one_open_allocation(chain_of_workers):
    ctx, child, _ = chain_of_workers
    alloc = Allocator(ctx, "test")
    alloc.start(child, ServiceArea.CHILDREN_IN_NEED, D(2022, 11, 1), first=True)
    alloc.current(child, D(2023, 6, 1))
    alloc.finish()
    ctx.writer.flush()
    episodes = _episodes(child)
    _one_at_a_time(episodes)
    assert [e[2] for e in episodes] == ["1", "2", "3"]
    assert episodes[-1][1] is None


def test_a_worker_on_their_last_day_is_given_no_new_work(chain_of_workers):
    ctx, _, _ = chain_of_workers
    # On 10 January 2023 W1 (last day) and W2 are in post: every draw falls to W2, and
    # the stream moves on by one draw as it did before.
    picks = {
        pick_worker(
            ctx,
            role=WorkerRole.SOCIAL_WORKER,
            on=D(2023, 1, 10),
            stream="picks",
            team_area=ServiceArea.CHILDREN_IN_NEED,
        ).last_name
        for _ in range(20)
    }
    assert picks == {"2"}
    fresh = SynthContext(SETTINGS).stream("picks")
    fresh.integers(0, 2, size=20)
    assert ctx.stream("picks").random() == fresh.random()


@pytest.mark.django_db
def test_the_checker_names_overlapping_allocations(child, make_worker):
    first, second = make_worker(started_on=D(2020, 1, 6)), make_worker(started_on=D(2020, 1, 6))
    Allocation.objects.create(
        child=child, worker=first, started_on=D(2022, 1, 3), ended_on=D(2022, 5, 1)
    )
    handed_over = Allocation.objects.create(child=child, worker=second, started_on=D(2022, 5, 1))
    assert "WF-ALLOCATION-OVERLAP" not in {v.rule for v in check_invariants(D(2024, 3, 31))}
    handed_over.started_on = D(2022, 4, 20)
    handed_over.save()
    named = [v for v in check_invariants(D(2024, 3, 31)) if v.rule == "WF-ALLOCATION-OVERLAP"]
    assert [v.record_id for v in named] == [str(handed_over.pk)]
