"""The quarterly supervision report: per team and in total, for a financial quarter.

The cohort is the one the measures count (OBA2-03 supervisions completed, OBA2-04 on
time, ``safeguard.performance.measures.quality_supervision``), so the report's totals are
those measures' figures for the quarter: every supervision recorded with its due date in
the quarter, and the one each caseworker is overdue for with nothing recorded yet (due a
cycle after their last record, or after they started; before today and not after they
left), which counts as not held. Due dates come from the timescale registry
(``supervision``). A supervision counts to its worker's team; staff are not named.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import models

from safeguard.core import clock
from safeguard.core.quarters import FinancialQuarter
from safeguard.quality.models import SUPERVISEE_ROLES, Supervision
from safeguard.quality.selectors.supervision import due_following
from safeguard.workforce.models import Team, Worker

#: The row label of caseworkers who belong to no team.
NO_TEAM = "No team"
#: The label of the total row.
ALL_TEAMS = "All teams"


@dataclass
class SupervisionCounts:
    """One row of the report: a team's figures, or the total over every team."""

    label: str
    worker_ids: set[uuid.UUID] = field(default_factory=set)
    due: int = 0
    held: int = 0
    on_time: int = 0
    not_held: int = 0  # recorded as not held, with the reason
    overdue: int = 0  # due before today, nothing recorded
    cases_discussed: int = 0
    directions: int = 0  # cases discussed with a management direction recorded

    @property
    def workers(self) -> int:
        """Caseworkers with at least one supervision due in the quarter."""
        return len(self.worker_ids)

    @property
    def held_percent(self) -> float | None:
        """OBA2-03's value: held out of due (none, not 0%, when nothing was due)."""
        return 100.0 * self.held / self.due if self.due else None

    @property
    def on_time_percent(self) -> float | None:
        """OBA2-04's value: held on or before the due date, out of due."""
        return 100.0 * self.on_time / self.due if self.due else None

    def add(self, due: DueSupervision) -> None:
        self.worker_ids.add(due.worker_id)
        self.due += 1
        if due.held_on is not None:
            self.held += 1
            if due.held_on <= due.due_on:
                self.on_time += 1
        elif due.recorded:
            self.not_held += 1
        else:
            self.overdue += 1
        self.cases_discussed += due.cases
        self.directions += due.directions


@dataclass(frozen=True)
class DueSupervision:
    """One supervision in the cohort: recorded, or overdue with nothing recorded."""

    worker_id: uuid.UUID
    team: Team | None
    due_on: dt.date
    held_on: dt.date | None
    recorded: bool
    cases: int = 0
    directions: int = 0


@dataclass
class SupervisionReport:
    quarter: FinancialQuarter
    teams: list[SupervisionCounts]
    total: SupervisionCounts
    as_at: dt.date  # overdue supervisions are counted as at this day

    @property
    def empty(self) -> bool:
        """No supervision fell due in the quarter (none recorded, none overdue)."""
        return self.total.due == 0


def _recorded(quarter: FinancialQuarter) -> Iterator[DueSupervision]:
    """The supervisions recorded with their due date in the quarter, with the number of
    cases discussed and of those with a (non-blank) management direction."""
    found = (
        Supervision.objects.filter(due_on__range=(quarter.start, quarter.end))
        .select_related("supervisee__team")
        .annotate(
            case_count=models.Count("cases"),
            direction_count=models.Count("cases", filter=models.Q(cases__direction__regex=r"\S")),
        )
    )
    for row in found:
        yield DueSupervision(
            worker_id=row.supervisee_id,
            team=row.supervisee.team,
            due_on=row.due_on,
            held_on=row.held_on,
            recorded=True,
            cases=row.case_count,
            directions=row.direction_count,
        )


def _overdue(quarter: FinancialQuarter, today: dt.date) -> Iterator[DueSupervision]:
    """For each caseworker, the next supervision after their last record (or after they
    started) when it fell due in the quarter, before today, while they were in post."""
    last = Supervision.objects.filter(supervisee=models.OuterRef("pk")).order_by("-due_on")
    workers = (
        Worker.objects.filter(role__in=SUPERVISEE_ROLES)
        .filter(models.Q(left_on__isnull=True) | models.Q(left_on__gte=quarter.start))
        .select_related("team")
        .annotate(
            last_due=models.Subquery(last.values("due_on")[:1]),
            last_held=models.Subquery(last.values("held_on")[:1]),
        )
    )
    for worker in workers:
        due_on = due_following(
            started_on=worker.started_on, last_due=worker.last_due, last_held=worker.last_held
        )
        if not quarter.start <= due_on <= quarter.end or due_on >= today:
            continue
        if worker.left_on is not None and worker.left_on < due_on:
            continue
        yield DueSupervision(
            worker_id=worker.pk, team=worker.team, due_on=due_on, held_on=None, recorded=False
        )


def quarterly_report(
    quarter: FinancialQuarter, *, today: dt.date | None = None
) -> SupervisionReport:
    """Workers, supervisions due, held, on time, not held and overdue, cases discussed and
    directions recorded, for each team with a supervision due in the quarter (by name, the
    workers without a team last) and in total."""
    day = clock.today() if today is None else today
    by_team: dict[uuid.UUID | None, SupervisionCounts] = {}
    total = SupervisionCounts(ALL_TEAMS)
    for due in (*_recorded(quarter), *_overdue(quarter, day)):
        key = due.team.pk if due.team is not None else None
        if key not in by_team:
            by_team[key] = SupervisionCounts(str(due.team) if due.team is not None else NO_TEAM)
        by_team[key].add(due)
        total.add(due)
    teams = sorted(by_team.items(), key=lambda item: (item[0] is None, item[1].label))
    return SupervisionReport(quarter, [row for _, row in teams], total, as_at=day)


def quarters_with_supervision() -> list[FinancialQuarter]:
    """The quarters in which a recorded supervision fell due, newest first."""
    seen: list[FinancialQuarter] = []
    for day in Supervision.objects.dates("due_on", "month", order="DESC"):
        quarter = FinancialQuarter.containing(day)
        if quarter not in seen:
            seen.append(quarter)
    return seen
