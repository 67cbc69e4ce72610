# ruff: noqa: E501
"""Calibration targets for complaints, compliments and family feedback (see
``safeguard.synth.calibration``).

Seed 004 §5.5: 10 formal and 28 informal complaints in Q1 2020-21, 96% answered within 20
days, 4% fully and 15% partly justified (the generator aims at about a third, as the
brief asks: the seed's quarter is low), 5 learning points; 31 compliments in the quarter.
§5.6: feedback by SMS at closure and every six months; the seed gives no response rate
(about a quarter of families is the usual for an SMS survey).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from safeguard.synth.calibration import Target

SEED = "004 §5.5 Complaints, Compliments and Comments"
FEEDBACK_SEED = "004 §5.6 Feedback from our children, young people and families"

# fmt: off
TARGETS: list[Target] = [
    Target("complaints_formal_pq", "Formal complaints received a quarter", 7, 13, "count", "new formal complaints (first stage) received in the 12 months to as-at / 4", SEED),
    Target("complaints_informal_pq", "Informal complaints received a quarter", 22, 34, "count", "new informal complaints received in the 12 months to as-at / 4", SEED),
    Target("complaints_on_time", "Complaints answered within 20 working days", 92, 99, "%", "of stages answered in the 12 months to as-at (not withdrawn, not at the Ombudsman)", "004 §5.5 (96% in Q1); SE-CMP-01"),
    Target("complaints_justified", "Complaints justified or partly justified", 25, 40, "%", "of stages answered in the 12 months to as-at (not withdrawn)", SEED),
    Target("compliments_pq", "Compliments received a quarter", 20, 40, "count", "compliments received in the 12 months to as-at / 4", "004 §5.5 (31 in Q1)"),
    Target("feedback_closure_rate", "Closures with family feedback", 18, 32, "%", "CIN episodes (not NFA) closed in the 12 months to 2 weeks before as-at with closure feedback", FEEDBACK_SEED, gap="the seed gives no response rate"),
    Target("feedback_made_difference", "Feedback agreeing the service made a difference", 50, 66, "%", "of responses received in the 12 months to as-at (OBA2-19)", "004 parent survey (58% made a difference)"),
]
# fmt: on


def measures(as_at: dt.date) -> dict[str, Callable[[], float | None]]:
    from safeguard.cin.models import CINEpisode
    from safeguard.quality.models import Complaint, Compliment, FamilyFeedback

    year_ago = as_at - dt.timedelta(days=365)
    received = Complaint.objects.filter(
        received_on__gt=year_ago, received_on__lte=as_at, previous__isnull=True
    )
    answered = (
        Complaint.objects.filter(responded_on__gt=year_ago, responded_on__lte=as_at)
        .exclude(outcome="withdrawn")
        .exclude(stage="ombudsman")
    )

    def pct(part: int, whole: int) -> float | None:
        return None if not whole else 100.0 * part / whole

    def on_time() -> float | None:
        rows = list(answered.values_list("responded_on", "response_due_on"))
        return pct(sum(1 for r, d in rows if d is not None and r is not None and r <= d), len(rows))

    def justified() -> float | None:
        return pct(
            answered.filter(outcome__in=("justified", "partly_justified")).count(), answered.count()
        )

    def closure_rate() -> float | None:
        closed = CINEpisode.objects.filter(
            referral_nfa=False,
            closure_date__gt=year_ago,
            closure_date__lte=as_at - dt.timedelta(days=14),
        )
        with_feedback = closed.filter(family_feedback__occasion="closure").distinct().count()
        return pct(with_feedback, closed.count())

    def made_difference() -> float | None:
        responses = FamilyFeedback.objects.filter(received_on__gt=year_ago, received_on__lte=as_at)
        return pct(responses.filter(made_difference="agree").count(), responses.count())

    return {
        "complaints_formal_pq": lambda: received.filter(kind="formal").count() / 4,
        "complaints_informal_pq": lambda: received.filter(kind="informal").count() / 4,
        "complaints_on_time": on_time,
        "complaints_justified": justified,
        "compliments_pq": lambda: (
            Compliment.objects.filter(received_on__gt=year_ago, received_on__lte=as_at).count() / 4
        ),
        "feedback_closure_rate": closure_rate,
        "feedback_made_difference": made_difference,
    }
