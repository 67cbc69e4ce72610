"""The case audit programme: monthly case audits, managers' dip samples, thematic and
multi-agency audits, their actions and the quarterly service-wide judgement.

Calibration (seed 003, the SIP's audit programme and OBA1-15, OBA3-02..04): about 25
case audits a month at scale 1.0 by the QA officers (and some by service managers), and
one or two dip samples a month by each team manager whose team holds cases; each quarter
a thematic audit (absent parents, family history, partnership working) or a multi-agency
audit of five cases with partner participants. The seven domain scores average about 5.1
at the start of the history rising to about 5.9 at the end (target 7.5), so grades are
mostly requires improvement, some good, some inadequate and few outstanding. QA moderates
most audits within three weeks, changing about one grade in seven. Most audits set one or
two actions for the allocated worker, most completed, some late. The service-wide
judgement is inadequate for the first half of the history, requires improvement after.

Children are drawn from those with a case allocated on the first of the month (the team
manager's own team for a dip sample). Anything after the end of the history is left open.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import numpy as np

from safeguard.quality.models import (
    AuditDomain,
    AuditGroup,
    AuditKind,
    AuditParticipant,
    CaseAudit,
    CaseAuditAction,
    DomainScore,
    Grade,
    PracticeTheme,
    ServiceJudgement,
)
from safeguard.synth.context import SynthContext
from safeguard.synth.writer import build
from safeguard.workforce.models import Allocation, Worker, WorkerRole

STREAM = "case_audits"
#: Cases in each quarter's thematic or multi-agency audit at scale 1.0.
GROUP_CASES = 5
CASE_AUDITS_PER_MONTH = 25.0
#: Average score at the start and end of the history (seed 003: 5.1 → 5.9).
SCORE_FROM, SCORE_TO = 5.1, 5.9
AUDIT_SPREAD, DOMAIN_SPREAD = 0.9, 0.9
#: How each domain sits against the audit's own average (oversight and impact weakest).
DOMAIN_OFFSET = {
    AuditDomain.VOICE: 0.3,
    AuditDomain.ASSESSMENT: 0.0,
    AuditDomain.PLANNING: -0.1,
    AuditDomain.OVERSIGHT: -0.5,
    AuditDomain.MULTI_AGENCY: 0.2,
    AuditDomain.RECORDING: 0.4,
    AuditDomain.IMPACT: -0.3,
}
GRADE_STEPS: list[str] = [
    Grade.OUTSTANDING,
    Grade.GOOD,
    Grade.REQUIRES_IMPROVEMENT,
    Grade.INADEQUATE,
]
THEMATIC = (
    ("thematic", "Absent parents, partners and family history"),
    ("multi_agency", "Effective partnership working"),
    ("thematic", "Family history"),
    ("multi_agency", "Neglect: multi-agency response"),
)
PARTNERS = (("Police", "Detective sergeant"), ("Health", "Named nurse"),
            ("Education", "Designated safeguarding lead"))  # fmt: skip
STRENGTHS = (
    "The child was seen alone and their views are recorded in their own words.",
    "Visits are within timescale and purposeful.",
    "Good relationship with the family; the worker knows the child well.",
    "Partners attend core groups and share information promptly.",
)
DEVELOPMENT = (
    "The assessment describes but does not analyse risk.",
    "The plan is not SMART; the family cannot say what must change.",
    "Management oversight is not evident at key decision points.",
    "The chronology is out of date.",
    "Fathers and new partners are not assessed.",
)
ACTIONS = (
    "Update the chronology.",
    "Review the plan with the family and make the actions SMART.",
    "Arrange a visit to see the child alone and record their views.",
    "Include the father in the assessment.",
    "Record the management decision and its rationale.",
)


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    """The whole programme months of the history (the first that starts in it on)."""
    month = start if start.day == 1 else (start.replace(day=1) + dt.timedelta(days=32))
    months, month = [], month.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def _grade(mean: float) -> str:
    if mean < 4.0:
        return Grade.INADEQUATE
    if mean < 6.6:
        return Grade.REQUIRES_IMPROVEMENT
    if mean < 8.4:
        return Grade.GOOD
    return Grade.OUTSTANDING


class _Cases:
    """Allocations read once: who holds which child, so a month's open cases are known."""

    def __init__(self) -> None:
        self.rows = list(
            Allocation.objects.values_list(
                "child_id", "worker_id", "worker__team_id", "started_on", "ended_on"
            ).order_by("started_on", "child_id")
        )

    def open_on(self, day: dt.date) -> list[tuple[Any, Any, Any]]:
        return [
            (child, worker, team)
            for child, worker, team, start, end in self.rows
            if start <= day and (end is None or end > day)
        ]


def _in_post(workers: list[Any], day: dt.date) -> list[Any]:
    return [w for w in workers if w.started_on <= day and (w.left_on is None or w.left_on > day)]


def generate(ctx: SynthContext) -> None:
    settings = ctx.settings
    rng = ctx.stream(STREAM)
    months = _months(settings.start, settings.end)
    if not months:
        return
    cases = _Cases()
    staff = list(
        Worker.objects.filter(
            role__in=[WorkerRole.QA_OFFICER, WorkerRole.SERVICE_MANAGER, WorkerRole.TEAM_MANAGER]
        )
    )
    by_role: dict[str, list[Any]] = defaultdict(list)
    for w in staff:
        by_role[w.role].append(w)
    themes = list(PracticeTheme.objects.filter(active=True).order_by("name"))
    writer = _Writer(ctx, rng, themes)
    span = max(len(months) - 1, 1)
    for index, month in enumerate(months):
        progress = index / span
        open_cases = cases.open_on(month)
        if not open_cases:
            continue
        qa = _in_post(by_role[WorkerRole.QA_OFFICER], month)
        managers = _in_post(by_role[WorkerRole.SERVICE_MANAGER], month)
        auditors = [(w, 0.8 / max(len(qa), 1)) for w in qa] + [
            (w, 0.2 / max(len(managers), 1)) for w in managers
        ]
        if auditors:
            for _ in range(int(rng.poisson(CASE_AUDITS_PER_MONTH * settings.scale))):
                child, practitioner, _ = open_cases[int(rng.integers(0, len(open_cases)))]
                auditor = auditors[_pick(rng, [a[1] for a in auditors])][0]
                writer.audit(month, AuditKind.CASE_AUDIT, child, practitioner, auditor, progress)
            if index % 3 == 1:
                writer.group(month, open_cases, [a[0] for a in auditors], progress, index // 3)
        by_team: dict[Any, list[tuple[Any, Any, Any]]] = defaultdict(list)
        for row in open_cases:
            by_team[row[2]].append(row)
        for manager in _in_post(by_role[WorkerRole.TEAM_MANAGER], month):
            team_cases = by_team.get(manager.team_id, [])
            if not team_cases:
                continue
            for _ in range(1 + int(rng.random() < 0.5)):
                child, practitioner, _ = team_cases[int(rng.integers(0, len(team_cases)))]
                writer.audit(month, AuditKind.DIP_SAMPLE, child, practitioner, manager, progress)
    writer.finish()
    _judgements(ctx, months)


def _pick(rng: np.random.Generator, weights: list[float]) -> int:
    total = sum(weights)
    draw, acc = float(rng.random()) * total, 0.0
    for i, weight in enumerate(weights):
        acc += weight
        if draw < acc:
            return i
    return len(weights) - 1


class _Writer:
    def __init__(self, ctx: SynthContext, rng: np.random.Generator, themes: list[Any]) -> None:
        self.ctx, self.rng, self.themes = ctx, rng, themes
        self.numbers: dict[int, int] = defaultdict(int)
        self.group_numbers: dict[int, int] = defaultdict(int)
        self.theme_links: list[tuple[Any, Any]] = []

    def _later(self, day: dt.date, low: int, high: int) -> dt.date:
        return day + dt.timedelta(days=int(self.rng.integers(low, high + 1)))

    def group(
        self, month: dt.date, open_cases: list[Any], auditors: list[Any], progress: float, n: int
    ) -> None:
        kind, theme = THEMATIC[n % len(THEMATIC)]
        self.group_numbers[month.year] += 1
        group = self.ctx.writer.add(
            build(
                AuditGroup,
                reference=f"AG-{month.year}-{self.group_numbers[month.year]:04d}",
                kind=kind,
                theme=theme,
                programme_month=month,
            ),
            id=self.ctx.new_id(STREAM),
            at=self.ctx.at(month, 9),
        )
        if kind == AuditKind.MULTI_AGENCY:
            for agency, role in PARTNERS:
                self.ctx.writer.add(
                    build(
                        AuditParticipant,
                        group=group,
                        agency=agency,
                        name=self.ctx.faker(STREAM).name(),
                        role_title=role,
                    ),
                    id=self.ctx.new_id(STREAM),
                    at=self.ctx.at(month, 9),
                )
        for _ in range(max(2, round(GROUP_CASES * self.ctx.settings.scale))):
            child, practitioner, _ = open_cases[int(self.rng.integers(0, len(open_cases)))]
            auditor = auditors[int(self.rng.integers(0, len(auditors)))]
            self.audit(month, kind, child, practitioner, auditor, progress, group=group)

    def audit(
        self,
        month: dt.date,
        kind: str,
        child: Any,
        practitioner: Any,
        auditor: Any,
        progress: float,
        group: Any = None,
    ) -> None:
        rng, end = self.rng, self.ctx.settings.end
        self.numbers[month.year] += 1
        due = self._later(month, 14, 27)
        values: dict[str, Any] = {
            "reference": f"CA-{month.year}-{self.numbers[month.year]:04d}",
            "kind": kind,
            "group": group,
            "child_id": child,
            "auditor": auditor,
            "practitioner_id": practitioner,
            "programme_month": month,
            "due_on": due,
        }
        late = rng.random() < 0.2
        completed = self._later(due, 1, 25) if late else self._later(due, -12, 0)
        completed = max(completed, month)
        if rng.random() < 0.03 and completed <= end:
            values |= {"cancelled_on": completed, "cancel_reason": "Case closed before audit."}
            self._add(CaseAudit, values, month)
            return
        if completed > end or (auditor.left_on is not None and auditor.left_on <= completed):
            self._add(CaseAudit, values, month)
            return
        mean = SCORE_FROM + (SCORE_TO - SCORE_FROM) * progress + rng.normal(0, AUDIT_SPREAD)
        scores = {
            d: int(np.clip(round(mean + DOMAIN_OFFSET[d] + rng.normal(0, DOMAIN_SPREAD)), 1, 10))
            for d in AuditDomain
        }
        grade = _grade(sum(scores.values()) / len(scores))
        values |= {
            "completed_on": completed,
            "grade": grade,
            "strengths": str(rng.choice(STRENGTHS)),
            "areas_for_development": str(rng.choice(DEVELOPMENT)),
        }
        moderated = self._later(completed, 2, 21)
        if rng.random() < 0.95 and moderated <= end:
            final = grade
            reason = ""
            if rng.random() < 0.14:
                step = GRADE_STEPS.index(grade) + (1 if rng.random() < 0.6 else -1)
                final = GRADE_STEPS[int(np.clip(step, 0, 3))]
                reason = (
                    "" if final == grade else "Evidence on the file does not support the grade."
                )
            values |= {
                "moderated_on": moderated,
                "moderated_grade": final,
                "moderation_reason": reason,
            }
        audit = self._add(CaseAudit, values, month)
        for domain, score in scores.items():
            self._add(DomainScore, {"audit": audit, "domain": domain, "score": score,
                                    "evidence": "Seen on the file."}, completed)  # fmt: skip
        if self.themes:
            chosen = rng.choice(len(self.themes), size=int(rng.integers(1, 3)), replace=False)
            self.theme_links += [(audit.id, self.themes[int(i)].id) for i in chosen]
        if practitioner is None or rng.random() < 0.25:
            return
        for _ in range(1 + int(rng.random() < 0.4)):
            action_due = self._later(completed, 14, 42)
            done = (
                self._later(action_due, -20, 2)
                if rng.random() < 0.8
                else self._later(action_due, 3, 40)
            )
            done = max(done, completed)
            action: dict[str, Any] = {
                "audit": audit,
                "action": str(rng.choice(ACTIONS)),
                "worker_id": practitioner,
                "due_on": action_due,
            }
            if rng.random() < 0.9 and done <= end:
                action |= {"completed_on": done, "completion_note": "Done."}
            self._add(CaseAuditAction, action, completed)

    def _add(self, model: Any, values: dict[str, Any], on: dt.date) -> Any:
        return self.ctx.writer.add(
            build(model, **values), id=self.ctx.new_id(STREAM), at=self.ctx.at(on, 10)
        )

    def finish(self) -> None:
        """Practice themes are a many-to-many link: written once the audits are in."""
        self.ctx.writer.flush()
        through = CaseAudit.themes.through
        through.objects.bulk_create(
            [through(caseaudit_id=a, practicetheme_id=t) for a, t in self.theme_links],
            batch_size=2_000,
        )


def _judgements(ctx: SynthContext, months: list[dt.date]) -> None:
    """One a quarter, recorded ten days after its end: inadequate, then requires
    improvement from half way through the history."""
    from safeguard.core.quarters import FinancialQuarter

    end = ctx.settings.end
    quarter = FinancialQuarter.containing(months[0])
    last = FinancialQuarter.containing(end)
    quarters = []
    while quarter <= last:
        quarters.append(quarter)
        quarter = quarter.next()
    for i, q in enumerate(quarters):
        recorded = q.end + dt.timedelta(days=10)
        if recorded > end:
            continue
        rating = 4 if i < len(quarters) / 2 else 3
        ctx.writer.add(
            build(
                ServiceJudgement,
                quarter_start=q.start,
                rating=rating,
                rationale="Audit grades mostly requires improvement; compliance improving."
                if rating == 3
                else "Audit grades and compliance show the service remains inadequate.",
                recorded_on=recorded,
            ),
            id=ctx.new_id(STREAM),
            at=ctx.at(recorded, 12),
        )
