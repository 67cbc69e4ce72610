"""The review tracker: every serious incident notified, its stage and each timescale met,
due or overdue; and every action of the action plans that is overdue. The page, PDF and
CSV all read this one report. The child is shown by initials or agreed name only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from safeguard.partnership.models import ActionStatus, ReviewAction, SeriousIncident
from safeguard.partnership.selectors.reviews import (
    DUE,
    LATE,
    MET,
    OVERDUE,
    TimescaleState,
    stage,
    timescales,
)


@dataclass(frozen=True)
class TrackerRow:
    incident: SeriousIncident
    stage: str
    timescales: list[TimescaleState]
    actions: int
    actions_complete: int
    actions_overdue: int


@dataclass(frozen=True)
class OverdueAction:
    action: ReviewAction
    reference: str
    days_overdue: int


@dataclass(frozen=True)
class Tracker:
    run_on: dt.date
    rows: list[TrackerRow]
    overdue_actions: list[OverdueAction]

    def count(self, key: str, state: str) -> int:
        return sum(1 for r in self.rows for t in r.timescales if t.key == key and t.state == state)

    @property
    def summary(self) -> list[tuple[str, int, int, int, int]]:
        """Per timescale: (label, met, missed, due, overdue)."""
        if not self.rows:
            return []
        out = []
        for t in self.rows[0].timescales:
            out.append(
                (
                    t.label,
                    self.count(t.key, MET),
                    self.count(t.key, LATE),
                    self.count(t.key, DUE),
                    self.count(t.key, OVERDUE),
                )
            )
        return out


def tracker(run_on: dt.date) -> Tracker:
    incidents = list(SeriousIncident.objects.order_by("-aware_on", "-reference"))
    plan: dict[object, list[ReviewAction]] = {}
    for action in ReviewAction.objects.order_by("due_on", "created_at"):
        plan.setdefault(action.incident_id, []).append(action)
    rows = []
    references = {i.pk: i.reference for i in incidents}
    overdue: list[OverdueAction] = []
    for incident in incidents:
        actions = plan.get(incident.pk, [])
        late = [a for a in actions if a.status != ActionStatus.COMPLETE and a.due_on < run_on]
        rows.append(
            TrackerRow(
                incident=incident,
                stage=stage(incident),
                timescales=timescales(incident, run_on),
                actions=len(actions),
                actions_complete=sum(1 for a in actions if a.status == ActionStatus.COMPLETE),
                actions_overdue=len(late),
            )
        )
        overdue += [
            OverdueAction(a, references[incident.pk], (run_on - a.due_on).days) for a in late
        ]
    overdue.sort(key=lambda o: (o.action.due_on, o.reference))
    return Tracker(run_on=run_on, rows=rows, overdue_actions=overdue)
