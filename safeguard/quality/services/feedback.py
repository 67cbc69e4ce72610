"""Writes for family feedback: one family's answers to the parent survey (seed 004 §5.6).

A response is collected at case closure or six-monthly while the case is open. It is about
a child and the episode of involvement it reflects: the child in need episode (CIN and
child protection work) or, for a child looked after, the period of care. Left out, the
episode is the one the occasion implies: open on the day for a six-monthly response,
the latest closed by the day for a closure response.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import transaction

from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.care.models import PeriodOfCare
from safeguard.cin.models import CINEpisode
from safeguard.core import validation as v
from safeguard.people.models import Person, PersonKind
from safeguard.quality.models import (
    FEEDBACK_QUESTIONS,
    Agreement,
    Complainant,
    FamilyFeedback,
    FeedbackOccasion,
)
from safeguard.quality.selectors.feedback import closed_case_on, open_case_on


def _day(day: dt.date) -> str:
    return day.strftime("%-d %B %Y")


def _check_episode(
    *,
    child: Person,
    occasion: str,
    on: dt.date,
    episode: CINEpisode | None,
    period_of_care: PeriodOfCare | None,
) -> tuple[CINEpisode | None, PeriodOfCare | None]:
    if episode is None and period_of_care is None:
        found = open_case_on(child, on) if occasion == FeedbackOccasion.SIX_MONTHLY else (
            closed_case_on(child, on)
        )  # fmt: skip
        if found is None:
            what = "open on" if occasion == FeedbackOccasion.SIX_MONTHLY else "closed by"
            raise v.fail(
                "occasion", f"{child} has no child in need episode or period of care {what} "
                f"{_day(on)}.",
            )  # fmt: skip
        return found
    for record, field in ((episode, "episode"), (period_of_care, "period_of_care")):
        if record is None:
            continue
        if record.child_id != child.pk:
            raise v.fail(field, f"That {record._meta.verbose_name} is another child's.")
        start = record.referral_date if isinstance(record, CINEpisode) else record.started_on
        end = record.closure_date if isinstance(record, CINEpisode) else record.ended_on
        if start > on:
            raise v.fail(field, f"The {record._meta.verbose_name} started after {_day(on)}.")
        if occasion == FeedbackOccasion.CLOSURE and (end is None or end > on):
            raise v.fail(
                "occasion", f"The {record._meta.verbose_name} was not closed by {_day(on)}."
            )
        if occasion == FeedbackOccasion.SIX_MONTHLY and end is not None and end < on:
            raise v.fail(
                "occasion",
                f"The {record._meta.verbose_name} closed on {_day(end)}: record it as closure "
                "feedback.",
            )
    return episode, period_of_care


@transaction.atomic
def record_feedback(
    *,
    child: Person,
    occasion: str,
    received_on: dt.date,
    respondent: str,
    answers: Mapping[str, str],
    comments: str = "",
    episode: CINEpisode | None = None,
    period_of_care: PeriodOfCare | None = None,
) -> FamilyFeedback:
    """A family's survey response is received.

    Each answer is agree / neither / disagree or blank (not answered); a response answers
    at least one question or says something in its own words.
    """
    if child.kind != PersonKind.CHILD:
        raise v.fail("child", f"{child} is an adult's record: name the child.")
    if occasion not in FeedbackOccasion.values:
        raise v.fail("occasion", "Select when the feedback was collected.")
    v.require(received_on, field="received_on", label="Date received")
    v.not_in_future(received_on, field="received_on", label="Date received")
    if respondent not in Complainant.values:
        raise v.fail("respondent", "Select who gave the feedback.")
    unknown = set(answers) - set(FEEDBACK_QUESTIONS)
    if unknown:
        raise ValueError(f"Unknown survey questions: {sorted(unknown)}")
    for question, answer in answers.items():
        if answer and answer not in Agreement.values:
            raise v.fail(question, f"{answer!r} is not agree, neither or disagree.")
    if not any(answers.values()) and not comments.strip():
        raise v.fail(
            "clear_information", "Record an answer to at least one question, or the comments."
        )
    found_episode, found_period = _check_episode(
        child=child,
        occasion=occasion,
        on=received_on,
        episode=episode,
        period_of_care=period_of_care,
    )
    feedback = FamilyFeedback.objects.create(
        child=child,
        episode=found_episode,
        period_of_care=found_period,
        occasion=occasion,
        received_on=received_on,
        respondent=respondent,
        comments=comments.strip(),
        **{q: answers.get(q, "") for q in FEEDBACK_QUESTIONS},
    )
    record_event(
        action=AuditAction.CREATE,
        obj=feedback,
        child=child.pk,
        summary=f"Family feedback ({feedback.get_occasion_display().lower()}) received",
    )
    return feedback
