"""Complaints and family feedback: dates in order, the response due date from the
timescale, escalations that follow the procedure, and feedback on the right episode."""

from __future__ import annotations

from collections.abc import Iterator

from safeguard.quality.models import NEXT_STAGE, Complaint, FamilyFeedback
from safeguard.quality.services.complaints import response_due
from safeguard.synth.checker import Check, Violation, rule

CMP, FB = "quality.Complaint", "quality.FamilyFeedback"


@rule(
    "CMP-DATES-AND-DUE",
    "A complaint stage is answered on or after it was received, and its response is due 20 "
    "working days after receipt (timescale complaint_response; none at the Ombudsman).",
)
def dates_and_due(check: Check) -> Iterator[Violation]:
    for pk, child, stage, received, due, answered in Complaint.objects.values_list(
        "pk", "child", "stage", "received_on", "response_due_on", "responded_on"
    ).iterator(chunk_size=5_000):
        if answered is not None and answered < received:
            message = f"answered ({answered}) before it was received ({received})."
            yield check.v("CMP-DATES-AND-DUE", CMP, pk, child, message)
        expected = response_due(stage, received)
        if due != expected:
            yield check.v("CMP-DATES-AND-DUE", CMP, pk, child,
                          f"response due {due}, the timescale gives {expected}.")  # fmt: skip


@rule(
    "CMP-ESCALATION",
    "An escalation follows an answered, not withdrawn stage, after its answer, at the next "
    "stage (an informal complaint becomes formal stage 1), for the same child.",
)
def escalations(check: Check) -> Iterator[Violation]:
    for c in Complaint.objects.filter(previous__isnull=False).select_related("previous"):
        p = c.previous
        assert p is not None
        expected = "stage_1" if p.kind == "informal" else NEXT_STAGE.get(p.stage)
        problems = []
        if p.responded_on is None or p.outcome == "withdrawn":
            problems.append(f"{p.reference} was not answered (or was withdrawn)")
        elif c.received_on < p.responded_on:
            problems.append(f"received before {p.reference} was answered")
        if c.kind != "formal" or c.stage != expected:
            problems.append(f"at {c.kind} {c.stage}, the next stage is formal {expected}")
        if c.child_id != p.child_id:
            problems.append("about a different child from the stage before")
        for problem in problems:
            yield check.v("CMP-ESCALATION", CMP, c.pk, c.child_id, problem)


@rule(
    "FEEDBACK-ON-ITS-EPISODE",
    "Family feedback is about one of the child's own episodes (or periods of care): within "
    "it for six-monthly feedback, on or after its closure for closure feedback.",
)
def feedback_episode(check: Check) -> Iterator[Violation]:
    qs = FamilyFeedback.objects.select_related("episode", "period_of_care")
    for f in qs.iterator(chunk_size=5_000):
        record = f.episode or f.period_of_care
        if record is None:
            yield check.v("FEEDBACK-ON-ITS-EPISODE", FB, f.pk, f.child_id, "no episode linked.")
            continue
        if record.child_id != f.child_id:
            yield check.v("FEEDBACK-ON-ITS-EPISODE", FB, f.pk, f.child_id, "another child's.")
            continue
        start = f.episode.referral_date if f.episode else f.period_of_care.started_on  # type: ignore[union-attr]
        end = f.episode.closure_date if f.episode else f.period_of_care.ended_on  # type: ignore[union-attr]
        message = ""
        if f.received_on < start:
            message = f"received {f.received_on}, before the case opened ({start})."
        elif f.occasion == "closure" and (end is None or f.received_on < end):
            message = f"closure feedback received {f.received_on}, the case closed {end}."
        elif f.occasion == "six_monthly" and end is not None and f.received_on > end:
            message = f"six-monthly feedback received {f.received_on}, after closure ({end})."
        if message:
            yield check.v("FEEDBACK-ON-ITS-EPISODE", FB, f.pk, f.child_id, message)
