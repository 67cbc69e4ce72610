"""Due and overdue statutory work for one worker's caseload or a whole team's.

``work_items_for`` reads every record it needs in a fixed number of queries
(``facts.read_facts``), counts each due date in Python from the timescale registry
(``items.fast_due``) and sorts most urgent first. The explanation of an item comes from
``compute_due`` only when a page shows it.

What the data model holds and what it does not (so no item is invented):

* later core groups have no registry rule (only the first, 10 working days after the
  ICPC), so only the first core group is tracked;
* no model records a CP plan "to be written", so there are no "plan to write" items;
* early help (TAF reviews) has no caseload item yet: the registry holds no rule for it;
* MACE meetings (``mace``, ``mace_review``) and the actions of the latest MACE plan are
  the allocated worker's (``builders.exploitation``): a plan action's owner is a person or
  agency in words, and the action has no completion date, so it is chased until the next
  MACE reviews the plan;
* work held by a role rather than an allocated worker (PPN consultations and HRDA Plus,
  LADO allegations, foster carer reviews, unregistered placements' approval and visits)
  is on the work queues (``worklists.queues``), each behind the capability its records'
  pages need;
* a care leaver is read from the periods of care (no open period, one that ended, aged
  16 to 25); the 13-week qualifying test of ``care.selectors.care_leaver_status`` needs
  every episode and is left to the child's record.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Q

from safeguard.core.calendar import SchoolCalendar, Term, TermDatesMissingError
from safeguard.core.timescales import TimescaleError
from safeguard.worklists import builders
from safeguard.worklists.facts import CaseloadFacts, read_facts
from safeguard.worklists.items import Rules, State, WorkItem, sort_by_urgency


def held_on(today: dt.date, prefix: str = "") -> Q:
    """Open on ``today``: ``safeguard.access.rules.open_allocation`` for any day."""
    return Q(**{f"{prefix}started_on__lte": today}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": today})
    )


def caseload_allocations(workers: Iterable[Any], today: dt.date) -> list[Any]:
    """Open allocations of ``workers`` on ``today``, with child and worker, by child's name."""
    from safeguard.workforce.models import Allocation

    return list(
        Allocation.objects.filter(held_on(today), worker__in=[w.pk for w in workers])
        .select_related("child", "worker")
        # Only what the pages show: loading whole records costs more than the queries.
        .only(
            "child_id",
            "worker_id",
            "started_on",
            "ended_on",
            "child__first_name",
            "child__last_name",
            "child__date_of_birth",
            "worker__first_name",
            "worker__last_name",
            "worker__role",
            "worker__team_id",
        )
        .order_by("child__last_name", "child__first_name", "child_id")
    )


@dataclass
class Caseload:
    """A caseload's children with their status and their work items, most urgent first."""

    allocations: list[Any]
    items: list[WorkItem]
    statuses: dict[UUID, str]
    school_terms_missing: bool = False
    by_child: dict[UUID, list[WorkItem]] = field(default_factory=dict)

    @property
    def children(self) -> list[Any]:
        return [a.child for a in self.allocations]

    def status_counts(self) -> list[tuple[str, int]]:
        counts = Counter(self.statuses.values())
        return [(label, counts[label]) for label in STATUS_ORDER if counts[label]]

    def in_state(self, *states: State) -> list[WorkItem]:
        return [item for item in self.items if item.state in states]


#: Status labels, most intensive first (a child shows under the first that applies).
STATUS_ORDER = (
    "Looked after",
    "Child protection",
    "Child in need",
    "Care leaver",
    "Early help",
    "Other",
)


def status_of(child_id: UUID, facts: CaseloadFacts, today: dt.date, child: Any) -> str:
    if facts.open_period(child_id) is not None:
        return "Looked after"
    if child_id in facts.cp_plans:
        return "Child protection"
    if child_id in facts.cin_episodes:
        return "Child in need"
    if builders.is_care_leaver(child, facts.periods.get(child_id, []), today):
        return "Care leaver"
    if child_id in facts.early_help:
        return "Early help"
    return "Other"


#: The last school calendar built, keyed by the term dates it was built from: building
#: one walks every day of every term, so it is rebuilt only when the terms change.
_SCHOOL_CALENDAR: list[tuple[tuple[Term, ...], SchoolCalendar]] = []


def school_calendar() -> SchoolCalendar:
    """The authority's term dates (one query), built again only when they have changed."""
    from safeguard.core.models import SchoolTerm

    terms = tuple(term.as_term() for term in SchoolTerm.objects.order_by("starts_on"))
    if _SCHOOL_CALENDAR and _SCHOOL_CALENDAR[0][0] == terms:
        return _SCHOOL_CALENDAR[0][1]
    built = SchoolCalendar.from_terms(terms)
    _SCHOOL_CALENDAR[:] = [(terms, built)]
    return built


class _Terms:
    """The school calendar, read once and only when a PEP needs it."""

    def __init__(self) -> None:
        self._calendar: SchoolCalendar | None = None
        self.missing = False

    def get(self) -> SchoolCalendar | None:
        if self._calendar is None and not self.missing:
            self._calendar = school_calendar()
            self.missing = not self._calendar.ordinals
        return None if self.missing else self._calendar


def caseload_for(workers: Sequence[Any], today: dt.date) -> Caseload:
    """The open caseload of ``workers`` on ``today`` with every statutory item due."""
    from safeguard.workforce.models import Allocation

    allocations = caseload_allocations(workers, today)
    held = Allocation.objects.filter(held_on(today), worker__in=[w.pk for w in workers])
    facts = read_facts(held.values("child_id") if allocations else [], today)
    terms = _Terms()
    rules = Rules()
    items: list[WorkItem] = []
    statuses: dict[UUID, str] = {}
    by_child: dict[UUID, list[WorkItem]] = defaultdict(list)
    for allocation in allocations:
        child = allocation.child
        statuses[child.pk] = status_of(child.pk, facts, today, child)
        for build in builders.BUILDERS:
            try:
                made = list(build(child, allocation.worker, facts, rules, today, terms.get))
            except (TimescaleError, TermDatesMissingError):
                # A rule that cannot be counted from what is held (no dob, no term dates).
                continue
            items.extend(made)
            by_child[child.pk].extend(made)
    return Caseload(
        allocations=allocations,
        items=sort_by_urgency(items),
        statuses=statuses,
        school_terms_missing=terms.missing,
        by_child=dict(by_child),
    )


def work_items_for(workers: Any, today: dt.date) -> list[WorkItem]:
    """Every statutory item due for the open caseload of one worker or many, most urgent first."""
    group = [workers] if not isinstance(workers, Iterable) else list(workers)
    return caseload_for(group, today).items


@dataclass(frozen=True)
class WorkerSummary:
    worker: Any
    caseload: int
    overdue: int
    next_due: WorkItem | None


def worker_summaries(workers: Sequence[Any], caseload: Caseload) -> list[WorkerSummary]:
    """Per worker: children held, items overdue, and the next item due (not yet overdue)."""
    held = Counter(a.worker_id for a in caseload.allocations)
    overdue: Counter[UUID] = Counter()
    next_due: dict[UUID, WorkItem] = {}
    for item in caseload.items:
        if item.state is State.OVERDUE:
            overdue[item.worker.pk] += 1
        elif item.worker.pk not in next_due:
            next_due[item.worker.pk] = item
    return [
        WorkerSummary(w, held[w.pk], overdue[w.pk], next_due.get(w.pk))
        for w in sorted(workers, key=lambda w: (w.last_name, w.first_name))
    ]
