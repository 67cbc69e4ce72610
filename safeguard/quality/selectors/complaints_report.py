"""The quarterly complaints, compliments and feedback report (seed 004 §5.5 and §5.6).

Counted as the measures count them (``safeguard.performance.measures.quality_complaints``):

- **received**: stage records received in the quarter, formal and informal, by stage; new
  complaints (a first stage, not an escalation) are OBA2-18's count;
- **answered**: stages answered in the quarter (not withdrawn, not at the Ombudsman), and
  how many within 20 working days of being received (SE-CMP-01);
- **outcomes** of the stages answered or withdrawn in the quarter; **categories** of the
  complaints received; the **learning points** recorded on the stages answered;
- **compliments** received; **feedback**: responses received, and for each question the
  share of all responses that agreed (made a difference is OBA2-19).

Counts, teams and learning only: no child or complainant is named, so every reader of
quality reports may read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from safeguard.core.quarters import FinancialQuarter
from safeguard.quality.models import (
    FEEDBACK_QUESTIONS,
    Agreement,
    Complaint,
    ComplaintCategory,
    ComplaintKind,
    ComplaintOutcome,
    ComplaintStage,
    Compliment,
    FamilyFeedback,
    FeedbackOccasion,
)

#: Short names for the report's sentence and CSV rows.
OCCASION_LABELS: dict[str, str] = {
    FeedbackOccasion.CLOSURE: "At case closure",
    FeedbackOccasion.SIX_MONTHLY: "Six-monthly",
}


def pct(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None


@dataclass(frozen=True)
class QuestionResult:
    key: str
    label: str
    agree: int
    neither: int
    disagree: int
    not_answered: int
    responses: int

    @property
    def percent_agree(self) -> float | None:
        return pct(self.agree, self.responses)


@dataclass
class ComplaintsReport:
    quarter: FinancialQuarter
    as_at: dt.date
    #: (stage label, formal, informal) for each stage, in the procedure's order.
    received_by_stage: list[tuple[str, int, int]] = field(default_factory=list)
    new_formal: int = 0
    new_informal: int = 0
    answered: int = 0
    answered_on_time: int = 0
    withdrawn: int = 0
    open_at_end: int = 0
    outcomes: list[tuple[str, int]] = field(default_factory=list)
    categories: list[tuple[str, int]] = field(default_factory=list)
    #: (complaint reference, team or service, the learning point).
    learning: list[tuple[str, str, str]] = field(default_factory=list)
    compliments: int = 0
    compliments_by_team: list[tuple[str, int]] = field(default_factory=list)
    feedback_responses: int = 0
    feedback_by_occasion: list[tuple[str, int]] = field(default_factory=list)
    questions: list[QuestionResult] = field(default_factory=list)

    @property
    def new_complaints(self) -> int:
        return self.new_formal + self.new_informal

    @property
    def received(self) -> int:
        return sum(f + i for _label, f, i in self.received_by_stage)

    @property
    def percent_on_time(self) -> float | None:
        return pct(self.answered_on_time, self.answered)

    @property
    def percent_justified(self) -> float | None:
        """Justified or partly justified, of the stages decided (not withdrawn)."""
        decided = {k: n for k, n in self.outcomes}
        justified = decided.get(str(ComplaintOutcome.JUSTIFIED.label), 0) + decided.get(
            str(ComplaintOutcome.PARTLY_JUSTIFIED.label), 0
        )
        return pct(justified, self.answered)


def _where(complaint: Complaint) -> str:
    if complaint.team is not None:
        return complaint.team.name
    return complaint.get_service_area_display() or "Not recorded"


def _counts(qs: QuerySet[Any], column: str) -> dict[str, int]:
    return dict(qs.values_list(column).annotate(n=Count("pk")).values_list(column, "n"))


def answered_in(start: dt.date, end: dt.date) -> QuerySet[Complaint]:
    """Stages answered in the dates that count towards the 20 working day measure."""
    return (
        Complaint.objects.filter(responded_on__range=(start, end))
        .exclude(outcome=ComplaintOutcome.WITHDRAWN)
        .exclude(stage=ComplaintStage.OMBUDSMAN)
    )


def complaints_report(quarter: FinancialQuarter, *, run_on: dt.date) -> ComplaintsReport:
    start, end = quarter.start, quarter.end
    report = ComplaintsReport(quarter=quarter, as_at=min(run_on, end))
    received = Complaint.objects.filter(received_on__range=(start, end))
    by = {
        (k, s): n
        for k, s, n in received.values_list("kind", "stage")
        .annotate(n=Count("pk"))
        .values_list("kind", "stage", "n")
    }
    report.received_by_stage = [
        (str(label), by.get((ComplaintKind.FORMAL, s), 0), by.get((ComplaintKind.INFORMAL, s), 0))
        for s, label in ComplaintStage.choices
    ]
    new = _counts(received.filter(previous__isnull=True), "kind")
    report.new_formal = new.get(ComplaintKind.FORMAL, 0)
    report.new_informal = new.get(ComplaintKind.INFORMAL, 0)
    answered = answered_in(start, end)
    report.answered = answered.count()
    report.answered_on_time = sum(
        1
        for r, due in answered.values_list("responded_on", "response_due_on")
        if due is not None and r is not None and r <= due
    )
    closed = Complaint.objects.filter(responded_on__range=(start, end))
    outcomes = _counts(closed, "outcome")
    report.withdrawn = outcomes.get(ComplaintOutcome.WITHDRAWN, 0)
    report.outcomes = [(str(label), outcomes.get(o, 0)) for o, label in ComplaintOutcome.choices]
    report.open_at_end = (
        Complaint.objects.filter(received_on__lte=end)
        .exclude(responded_on__lte=end)
        .exclude(stage=ComplaintStage.OMBUDSMAN)
        .count()
    )
    categories = _counts(received, "category")
    report.categories = [(str(lbl), categories.get(c, 0)) for c, lbl in ComplaintCategory.choices]
    report.learning = [
        (c.reference, _where(c), c.learning_points)
        for c in closed.exclude(learning_points="").select_related("team").order_by("reference")
    ]
    compliments = Compliment.objects.filter(received_on__range=(start, end))
    report.compliments = compliments.count()
    report.compliments_by_team = sorted(
        (
            (name or "The service as a whole", n)
            for name, n in compliments.values_list("team__name")
            .annotate(n=Count("pk"))
            .values_list("team__name", "n")
        ),
        key=lambda row: (-row[1], row[0]),
    )
    feedback = FamilyFeedback.objects.filter(received_on__range=(start, end))
    report.feedback_responses = feedback.count()
    occasions = _counts(feedback, "occasion")
    report.feedback_by_occasion = [
        (OCCASION_LABELS[o], occasions.get(o, 0)) for o in FeedbackOccasion.values
    ]
    for key, label in FEEDBACK_QUESTIONS.items():
        answers = _counts(feedback, key)
        report.questions.append(
            QuestionResult(
                key=key,
                label=label,
                agree=answers.get(Agreement.AGREE, 0),
                neither=answers.get(Agreement.NEITHER, 0),
                disagree=answers.get(Agreement.DISAGREE, 0),
                not_answered=answers.get("", 0),
                responses=report.feedback_responses,
            )
        )
    return report


def quarters_with_records(today: dt.date, count: int = 8) -> list[FinancialQuarter]:
    """Recent quarters for the picker (newest first)."""
    return FinancialQuarter.containing(today).recent(count)
