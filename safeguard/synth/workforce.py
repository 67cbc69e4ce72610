"""Teams and workers over the whole span: starters, leavers, vacancies and agency staff.

Every *post* (a funded slot in a team) is filled by a chain of workers: each worker stays
for a drawn tenure (permanent staff ~3.5 years on average, agency staff ~9 months), then
the post stands vacant for a drawn gap (mostly a few weeks) before the next starter. Chains
start years before the generated history so the first day already has a settled
workforce with staggered start dates. 13% of social-worker posts are covered by agency
locums throughout (``AGENCY_POSTS``), and a few other appointments are agency by role
(``AGENCY_SHARE``): about 11-12% of social workers in post on a day are agency
(calibration: agency rate ~11%). Leavers: about 4-5 social workers a month.

The establishment (``FundedPost``) is one row per team and role: the number of posts
whose chains are drawn here, 1.0 FTE each, funded from the chain start. Vacancies are
derived (funded FTE minus permanent staff in post), so they come from the chains' gaps,
the agency locums covering posts and the part-time (0.8 FTE) permanent staff in full-time
posts: about 16-18% vacant (calibration: 13-25%).

Staff ids are the SSDA903 SW_ID (rule SW02STG1): registered social workers (the
``QUALIFIED_ROLES``, agency locums too) carry an invented Social Work England registration
number, "SW" and six digits; everyone else "XX" and a staff number (no registration).

Other modules pick workers with :func:`pick_worker` (deterministic, fast). A worker on
their last day is given no new work while a colleague is in post: a case allocated that
day would be handed over the next, an allocation that began and ended on one day (SSDA903
SW09STG2).
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from safeguard.synth.context import SynthContext
from safeguard.synth.families import LOCALITIES
from safeguard.synth.writer import build
from safeguard.workforce.models import FundedPost, ServiceArea, Team, Worker, WorkerRole

STREAM = "workforce"
#: Ids of the establishment rows come from their own stream (worker ids do not shift).
ESTABLISHMENT_STREAM = "establishment"
#: Chains begin this long before the history starts (a settled workforce on day one).
BURN_IN_YEARS = 8
#: Workers who left this long before the history started are not written.
KEEP_LEFT_AFTER_YEARS = 3

R = WorkerRole
A = ServiceArea

#: (team name, service area, locality, {role: posts at scale 1.0}). Social workers sum to
#: ~139 posts plus team managers; chains' vacancy gaps leave ~5% unfilled on a day.
_LOC = LOCALITIES  # North, South, East, West, Coast, Vale


def _team_plan() -> list[tuple[str, str, str, dict[str, float]]]:
    plan: list[tuple[str, str, str, dict[str, float]]] = [
        ("MASH", A.MASH, "", {R.SOCIAL_WORKER: 8, R.MASH_OFFICER: 10, R.TEAM_MANAGER: 1}),
    ]
    for loc in ("North", "South", "East"):
        plan.append(
            (
                f"Assessment {loc}",
                A.ASSESSMENT,
                loc,
                {R.SOCIAL_WORKER: 11, R.CONSULTANT_SOCIAL_WORKER: 1, R.TEAM_MANAGER: 1},
            )
        )
    for loc in _LOC:
        plan.append(
            (
                f"Children in Need {loc}",
                A.CHILDREN_IN_NEED,
                loc,
                {R.SOCIAL_WORKER: 11, R.CONSULTANT_SOCIAL_WORKER: 1, R.TEAM_MANAGER: 1},
            )
        )
    for loc in ("North", "South"):
        plan.append(
            (
                f"Early Help {loc}",
                A.EARLY_HELP,
                loc,
                {R.EARLY_HELP_WORKER: 14, R.TEAM_MANAGER: 1},
            )
        )
    for loc in ("North", "South", "East"):
        plan.append(
            (
                f"Children in Care {loc}",
                A.CHILDREN_IN_CARE,
                loc,
                {R.SOCIAL_WORKER: 8, R.TEAM_MANAGER: 1},
            )
        )
    plan += [
        ("Care Leavers", A.CARE_LEAVERS, "", {R.PERSONAL_ADVISER: 12, R.TEAM_MANAGER: 1}),
        (
            "Children with Disabilities",
            A.DISABILITY,
            "",
            {R.SOCIAL_WORKER: 12, R.TEAM_MANAGER: 1},
        ),
        (
            "Safeguarding and Quality Assurance",
            A.QUALITY_ASSURANCE,
            "",
            {R.CONFERENCE_CHAIR: 12, R.LADO: 1, R.TEAM_MANAGER: 1},
        ),
        ("Conference Business Support", A.BUSINESS_SUPPORT, "", {R.BUSINESS_SUPPORT: 6}),
        ("Safeguarding Partnership", A.PARTNERSHIP, "", {R.PARTNERSHIP: 2}),
        ("Performance and Intelligence", A.PERFORMANCE, "", {R.ANALYST: 4}),
        ("Quality Assurance Unit", A.QUALITY_ASSURANCE, "", {R.QA_OFFICER: 3}),
    ]
    return plan


#: Service managers (one per service area group), not in a team's chain of posts.
SERVICE_MANAGER_AREAS = (
    A.MASH,
    A.ASSESSMENT,
    A.CHILDREN_IN_NEED,
    A.CHILDREN_IN_CARE,
    A.QUALITY_ASSURANCE,
)

#: Share of social-worker posts filled by agency locums throughout.
AGENCY_POSTS = 0.13
#: Mean tenure in years (permanent, agency) and probability an appointment is agency.
TENURE_YEARS = {"permanent": 3.5, "agency": 0.75}
AGENCY_SHARE: dict[str, float] = {
    R.SOCIAL_WORKER: 0.04,
    R.CONSULTANT_SOCIAL_WORKER: 0.10,
    R.TEAM_MANAGER: 0.15,
    R.SERVICE_MANAGER: 0.05,
    R.CONFERENCE_CHAIR: 0.10,
}
QUALIFIED_ROLES = {
    R.SOCIAL_WORKER,
    R.CONSULTANT_SOCIAL_WORKER,
    R.TEAM_MANAGER,
    R.SERVICE_MANAGER,
    R.CONFERENCE_CHAIR,
    R.LADO,
}


#: Social Work England registration numbers are "SW" and digits; the invented ones are
#: spread over six digits by a bijection of the worker's serial (unique, no draws).
_REGISTRATION_SPAN = 900_000
_REGISTRATION_STEP = 7919  # prime, coprime to the span


def staff_id(serial: int, *, qualified: bool) -> str:
    """The SSDA903 SW_ID (rule SW02STG1): a registered social worker's Social Work England
    number ("SW" + 6 digits, agency staff too), else "XX" and the authority's staff number."""
    if not qualified:
        return f"XX{serial:06d}"
    number = 100_000 + (serial * _REGISTRATION_STEP) % _REGISTRATION_SPAN
    return f"SW{number:06d}"


@dataclass(frozen=True)
class _Span:
    started_on: dt.date
    left_on: dt.date | None
    worker: Worker


class WorkerIndex:
    """Workers by (role, service area), sorted by start date, for fast in-post picks."""

    def __init__(self, workers: list[Worker], area_of: dict[object, str]) -> None:
        self._by_key: dict[tuple[str, str | None], list[_Span]] = {}
        for worker in workers:
            area = area_of.get(worker.team_id) if worker.team_id else None
            span = _Span(worker.started_on, worker.left_on, worker)
            self._by_key.setdefault((worker.role, area), []).append(span)
            self._by_key.setdefault((worker.role, None), []).append(span)
        self._starts: dict[tuple[str, str | None], list[dt.date]] = {}
        for key, spans in self._by_key.items():
            spans.sort(key=lambda s: (s.started_on, s.worker.staff_id))
            self._starts[key] = [s.started_on for s in spans]
        self._cache: dict[tuple[str, str | None, dt.date], list[Worker]] = {}

    def in_post(self, role: str, area: str | None, on: dt.date) -> list[Worker]:
        """Workers of ``role`` (in ``area`` if given) employed on ``on``; may be empty."""
        key = (role, area, on)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        spans = self._by_key.get((role, area), [])
        upto = bisect.bisect_right(self._starts.get((role, area), []), on)
        found = [s.worker for s in spans[:upto] if s.left_on is None or s.left_on >= on]
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = found
        return found

    def nearest(self, role: str, on: dt.date) -> Worker | None:
        """When nobody of ``role`` is in post at all: the worker nearest in time."""
        spans = self._by_key.get((role, None), [])
        if not spans:
            return None
        best = min(
            spans,
            key=lambda s: (
                (s.started_on - on).days if s.started_on > on else (on - (s.left_on or on)).days,
                s.worker.staff_id,
            ),
        )
        return best.worker


def pick_worker(
    ctx: SynthContext,
    *,
    role: str,
    on: dt.date,
    stream: str,
    team_area: str | None = None,
) -> Worker:
    """A deterministic choice among workers of ``role`` in post on ``on``.

    ``team_area`` narrows to a service area (e.g. ``"cic"``); if nobody of that role is in
    post there, any worker of the role in post is chosen, and only if the whole role is
    vacant the worker nearest in time. Draws from ``ctx.stream(stream)``.

    A worker on their last day takes on no new work while a colleague is in post: the draw
    falls to the next colleague instead (one draw all the same, so the stream's later draws
    stay put). A case allocated on a worker's last day would be handed over the next
    day, an allocation starting and ending the same day (SSDA903 SW09).
    """
    index: WorkerIndex = ctx.registry["worker_index"]
    candidates = index.in_post(role, team_area, on)
    if not candidates and team_area is not None:
        candidates = index.in_post(role, None, on)
    if not candidates:
        nearest = index.nearest(role, on)
        if nearest is None:
            raise LookupError(f"no worker with role {role!r} generated")
        return nearest
    if len(candidates) == 1:
        return candidates[0]
    drawn = int(ctx.stream(stream).integers(0, len(candidates)))
    for step in range(len(candidates)):
        worker = candidates[(drawn + step) % len(candidates)]
        if worker.left_on != on:
            return worker
    return candidates[drawn]


def generate(ctx: SynthContext) -> None:
    rng = ctx.stream(STREAM)
    fake = ctx.faker(STREAM)
    settings = ctx.settings
    chain_start = dt.date(settings.start.year - BURN_IN_YEARS, 1, 1)
    keep_after = dt.date(settings.start.year - KEEP_LEFT_AFTER_YEARS, 1, 1)
    serial = 0
    teams: list[Team] = []
    workers: list[Worker] = []
    area_of: dict[object, str] = {}
    at = ctx.at(chain_start)

    def make_worker(
        role: str,
        team: Team | None,
        started: dt.date,
        left: dt.date | None,
        agency: bool,
        managers: list[Worker],
    ) -> Worker:
        nonlocal serial
        serial += 1
        worker = build(
            Worker,
            staff_id=staff_id(serial, qualified=role in QUALIFIED_ROLES),
            first_name=fake.first_name(),
            last_name=fake.last_name(),
            role=role,
            team=team,
            is_agency=agency,
            is_qualified_social_worker=role in QUALIFIED_ROLES,
            fte=1 if rng.random() < 0.85 else 0.8,
            started_on=started,
            left_on=left,
            manager=_manager_on(managers, started),
        )
        ctx.writer.add(worker, id=ctx.new_id(STREAM), at=ctx.at(started))
        workers.append(worker)
        return worker

    def chain(
        role: str,
        team: Team | None,
        managers: list[Worker] | None = None,
        *,
        agency_post: bool = False,
    ) -> list[Worker]:
        """Fill one post from ``chain_start`` to the end; return workers written."""
        made: list[Worker] = []
        day = chain_start - dt.timedelta(days=int(rng.integers(0, 4 * 365)))
        agency_p = 1.0 if agency_post else AGENCY_SHARE.get(role, 0.0)
        while day <= settings.end:
            agency = bool(rng.random() < agency_p)
            mean = TENURE_YEARS["agency" if agency else "permanent"]
            tenure = max(30, int(rng.exponential(mean * 365)))
            left = day + dt.timedelta(days=tenure)
            left_on = None if left > settings.end else left
            if left >= keep_after:
                made.append(make_worker(role, team, day, left_on, agency, managers or []))
            # Vacancy gap before the next starter: mostly weeks, some months.
            gap = 1 + int(rng.gamma(1.2, 25 if role != R.TEAM_MANAGER else 15))
            day = left + dt.timedelta(days=gap)
        return made

    def fund(team: Team, role: str, posts: int) -> None:
        funded = build(FundedPost, team=team, role=role, fte=Decimal(posts), started_on=chain_start)
        ctx.writer.add(funded, id=ctx.new_id(ESTABLISHMENT_STREAM), at=at)

    sw_posts = 0
    for name, area, locality, posts in _team_plan():
        team = build(Team, name=name, service_area=area, locality=locality, opened_on=chain_start)
        ctx.writer.add(team, id=ctx.new_id(STREAM), at=at)
        teams.append(team)
        area_of[team.id] = area
        for role, count in posts.items():
            fund(team, role, 1 if role == R.TEAM_MANAGER else ctx.scaled(count))
        managers = chain(R.TEAM_MANAGER, team) if R.TEAM_MANAGER in posts else []
        for role, count in posts.items():
            if role == R.TEAM_MANAGER:
                continue
            n = ctx.scaled(count)
            for _ in range(n):
                # Every so many social-worker posts across the service is covered by agency
                # locums throughout (a steady ~11% agency, not a coin toss per appointment).
                agency_post = False
                if role == R.SOCIAL_WORKER:
                    sw_posts += 1
                    agency_post = int(sw_posts * AGENCY_POSTS) > int((sw_posts - 1) * AGENCY_POSTS)
                chain(role, team, managers, agency_post=agency_post)
    service_managers: list[Worker] = []
    for area in SERVICE_MANAGER_AREAS:
        home = next(t for t in teams if t.service_area == area)
        fund(home, R.SERVICE_MANAGER, 1)
        service_managers += chain(R.SERVICE_MANAGER, home)

    ctx.registry["teams"] = teams
    ctx.registry["workers"] = workers
    ctx.registry["service_managers"] = service_managers
    ctx.registry["worker_index"] = WorkerIndex(workers, area_of)


def _manager_on(managers: list[Worker], day: dt.date) -> Worker | None:
    for manager in managers:
        if manager.started_on <= day and (manager.left_on is None or manager.left_on >= day):
            return manager
    return managers[-1] if managers else None
