"""The audit report for a month or a financial quarter: what the programme found.

Counted as the measures count (``safeguard.performance.measures.quality_audits``): an
audit belongs to the period it was **completed** in; its scores and grade count once QA
has **moderated** it (the moderated grade). Dip samples are counted when completed, by the
manager who did them. Actions are counted as they stood at the period's end (or today).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Q

from safeguard.core.quarters import FinancialQuarter, QuarterError
from safeguard.quality.models import (
    AuditDomain,
    AuditKind,
    CaseAudit,
    CaseAuditAction,
    DomainScore,
    Grade,
    ServiceJudgement,
)

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class ReportPeriod:
    start: dt.date
    end: dt.date  # inclusive
    code: str
    label: str
    quarter: FinancialQuarter | None = None

    @classmethod
    def parse(cls, text: str) -> ReportPeriod:
        """ "2024-06" (a month) or "2024-Q1" (a financial quarter)."""
        typed = text.strip()
        match = MONTH_RE.match(typed)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            if not 1 <= month <= 12:
                raise PeriodError(f"There is no month {month}: enter YYYY-MM, for example 2024-06.")
            return cls.month(dt.date(year, month, 1))
        try:
            return cls.of_quarter(FinancialQuarter.parse(typed))
        except QuarterError as exc:
            raise PeriodError(
                f"Enter a month as YYYY-MM (for example 2024-06) or a quarter as YYYY-Qn "
                f"(for example 2024-Q1) (got {text!r})."
            ) from exc

    @classmethod
    def month(cls, day: dt.date) -> ReportPeriod:
        last = calendar.monthrange(day.year, day.month)[1]
        start = day.replace(day=1)
        return cls(start, start.replace(day=last), f"{start:%Y-%m}", f"{start:%B %Y}")

    @classmethod
    def of_quarter(cls, quarter: FinancialQuarter) -> ReportPeriod:
        return cls(
            quarter.start,
            quarter.end,
            quarter.code,
            f"{quarter.label} ({quarter.months_label})",
            quarter,
        )


@dataclass
class DomainLine:
    domain: str
    label: str
    average: float | None
    scores: int


@dataclass
class ManagerLine:
    name: str
    team: str
    dip_samples: int


@dataclass
class AuditReport:
    period: ReportPeriod
    as_at: dt.date
    completed: int
    moderated: int
    awaiting_moderation: int
    by_kind: list[tuple[str, int]]
    average: float | None
    domains: list[DomainLine]
    grades: list[tuple[str, int]]
    themes: list[tuple[str, int]]
    actions_set: int
    actions_open: int
    actions_overdue: int
    dip_samples: list[ManagerLine]
    judgement: ServiceJudgement | None = None
    changed_grades: int = 0
    notes: list[str] = field(default_factory=list)


def completed_in(start: dt.date, end: dt.date) -> Q:
    return Q(completed_on__gte=start, completed_on__lte=end, cancelled_on__isnull=True)


def audit_report(period: ReportPeriod, *, run_on: dt.date) -> AuditReport:
    as_at = min(period.end, run_on)
    completed = CaseAudit.objects.filter(completed_in(period.start, period.end))
    counted = completed.filter(moderated_on__isnull=False)
    scores = DomainScore.objects.filter(audit__in=counted)
    per_domain = {
        row["domain"]: (row["avg"], row["n"])
        for row in scores.values("domain").annotate(avg=Avg("score"), n=Count("id"))
    }
    overall = scores.aggregate(avg=Avg("score"))["avg"]
    grades = Counter(counted.values_list("moderated_grade", flat=True))
    kinds = Counter(completed.values_list("kind", flat=True))
    themes = (
        counted.values("themes__name")
        .exclude(themes__name__isnull=True)
        .annotate(n=Count("id"))
        .order_by("-n", "themes__name")
    )
    actions = CaseAuditAction.objects.filter(created_at__date__lte=as_at)
    still_open = actions.filter(Q(completed_on__isnull=True) | Q(completed_on__gt=as_at))
    dips = (
        completed.filter(kind=AuditKind.DIP_SAMPLE)
        .values("auditor__first_name", "auditor__last_name", "auditor__team__name")
        .annotate(n=Count("id"))
        .order_by("-n", "auditor__last_name")
    )
    judgement = (
        ServiceJudgement.objects.filter(quarter_start=period.quarter.start).first()
        if period.quarter is not None
        else None
    )
    return AuditReport(
        period=period,
        as_at=as_at,
        completed=completed.count(),
        moderated=counted.count(),
        awaiting_moderation=completed.filter(moderated_on__isnull=True).count(),
        by_kind=[(label, kinds.get(value, 0)) for value, label in AuditKind.choices],
        average=float(overall) if overall is not None else None,
        domains=[
            DomainLine(
                d.value,
                d.label,
                float(per_domain[d.value][0]) if d.value in per_domain else None,
                per_domain.get(d.value, (None, 0))[1],
            )
            for d in AuditDomain
        ],
        grades=[(label, grades.get(value, 0)) for value, label in Grade.choices],
        themes=[(row["themes__name"], row["n"]) for row in themes],
        actions_set=CaseAuditAction.objects.filter(audit__in=completed).count(),
        actions_open=still_open.count(),
        actions_overdue=still_open.filter(due_on__lt=as_at).count(),
        dip_samples=[
            ManagerLine(
                f"{row['auditor__first_name']} {row['auditor__last_name']}",
                row["auditor__team__name"] or "",
                row["n"],
            )
            for row in dips
        ],
        judgement=judgement,
        changed_grades=counted.exclude(moderated_grade=F("grade")).count(),
    )


def months_with_audits(limit: int = 12) -> list[dt.date]:
    """The months in which audits were completed, newest first."""
    days = CaseAudit.objects.filter(completed_on__isnull=False).dates(
        "completed_on", "month", order="DESC"
    )
    return list(days[:limit])
