"""Reads for family feedback: the episode a response is about, and whose feedback is due.

Seed 004 §5.6: families are asked at the point of case closure, and every six months
while a case stays open (an ongoing service). A case is open while the child has an open
child in need episode (which covers child protection plans) or an open period of care.
Six-monthly feedback is due six months after the case opened or after the last response,
whichever is later, and every six months after that; each point (and each closure) is
owed its feedback for four weeks, then the moment has passed and the next point is due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q, QuerySet

from safeguard.care.models import PeriodOfCare
from safeguard.cin.models import CINEpisode
from safeguard.core.calendar import add_months
from safeguard.people.models import Person
from safeguard.quality.models import FamilyFeedback, FeedbackOccasion

#: Seed 004 §5.6: "a SMS is sent at a regular interval (i.e. every six months)".
SIX_MONTHLY_INTERVAL_MONTHS = 6
#: How long after a closure its feedback is still sought (local practice).
CLOSURE_WINDOW_DAYS = 28

Case = tuple[CINEpisode | None, PeriodOfCare | None]


def _involved(qs: QuerySet[CINEpisode]) -> QuerySet[CINEpisode]:
    """Episodes with social care involvement (not referrals closed with no further action)."""
    return qs.filter(referral_nfa=False)


def open_case_on(child: Person, day: dt.date) -> Case | None:
    """The child's episode (or period of care) open on ``day``: the CIN episode first."""
    episode = (
        _involved(CINEpisode.objects.filter(child=child, referral_date__lte=day))
        .filter(Q(closure_date__isnull=True) | Q(closure_date__gte=day))
        .order_by("-referral_date")
        .first()
    )
    if episode is not None:
        return episode, None
    period = (
        PeriodOfCare.objects.filter(child=child, started_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
        .order_by("-started_on")
        .first()
    )
    return (None, period) if period is not None else None


def closed_case_on(child: Person, day: dt.date) -> Case | None:
    """The child's episode (or period of care) closed most recently on or before ``day``."""
    episode = (
        _involved(CINEpisode.objects.filter(child=child, closure_date__lte=day))
        .order_by("-closure_date")
        .first()
    )
    period = (
        PeriodOfCare.objects.filter(child=child, ended_on__lte=day).order_by("-ended_on").first()
    )
    if (
        episode is not None
        and episode.closure_date is not None
        and (period is None or (period.ended_on or day) <= episode.closure_date)
    ):
        return episode, None
    return (None, period) if period is not None else None


def feedback_list() -> QuerySet[FamilyFeedback]:
    return FamilyFeedback.objects.select_related("child", "episode", "period_of_care")


@dataclass(frozen=True)
class FeedbackDue:
    """A child's feedback owed: six-monthly (the case is open) or at closure."""

    child: Any
    occasion: str
    due: dt.date
    since: dt.date
    last_feedback: dt.date | None = None
    episode: CINEpisode | None = None
    period_of_care: PeriodOfCare | None = None

    @property
    def occasion_label(self) -> str:
        return str(FeedbackOccasion(self.occasion).label)


def _last_feedback() -> dict[Any, dt.date]:
    return dict(
        FamilyFeedback.objects.values("child_id")
        .annotate(last=Max("received_on"))
        .values_list("child_id", "last")
    )


def next_six_monthly(since: dt.date, today: dt.date) -> dt.date:
    """The six-month point owed now: the first after ``since`` that is not more than
    ``CLOSURE_WINDOW_DAYS`` past (a point missed longer ago gives way to the next one, as
    the next SMS goes out)."""
    k = 1
    due = add_months(since, SIX_MONTHLY_INTERVAL_MONTHS)
    while due + dt.timedelta(days=CLOSURE_WINDOW_DAYS) < today:
        k += 1
        due = add_months(since, SIX_MONTHLY_INTERVAL_MONTHS * k)
    return due


def six_monthly_due(today: dt.date) -> list[FeedbackDue]:
    """Every child with an open case, and when their next six-monthly feedback is due."""
    opened: dict[Any, tuple[dt.date, CINEpisode | None, PeriodOfCare | None]] = {}
    for episode in _involved(
        CINEpisode.objects.filter(referral_date__lte=today, closure_date__isnull=True)
    ).select_related("child"):
        opened[episode.child_id] = (episode.referral_date, episode, None)
    for period in PeriodOfCare.objects.filter(
        started_on__lte=today, ended_on__isnull=True
    ).select_related("child"):
        held = opened.get(period.child_id)
        if held is None or period.started_on < held[0]:
            opened[period.child_id] = (period.started_on, held[1] if held else None, period)
    last = _last_feedback()
    out = []
    for _child_id, (start, open_episode, open_period) in opened.items():
        owner = open_episode if open_episode is not None else open_period
        assert owner is not None
        child = owner.child
        latest = last.get(child.pk)
        since = max(start, latest) if latest and latest >= start else start
        out.append(
            FeedbackDue(
                child=child,
                occasion=FeedbackOccasion.SIX_MONTHLY,
                due=next_six_monthly(since, today),
                since=since,
                last_feedback=latest if latest and latest >= start else None,
                episode=open_episode,
                period_of_care=open_period,
            )
        )
    return sorted(out, key=lambda d: (d.due, d.child.la_child_id))


def closures_without_feedback(
    today: dt.date, *, window_days: int = CLOSURE_WINDOW_DAYS
) -> list[FeedbackDue]:
    """Episodes and periods of care closed in the last ``window_days`` with no closure
    feedback yet (due on the day of closure)."""
    earliest = today - dt.timedelta(days=window_days)
    answered = FamilyFeedback.objects.filter(occasion=FeedbackOccasion.CLOSURE)
    episodes = (
        _involved(CINEpisode.objects.filter(closure_date__range=(earliest, today)))
        .exclude(pk__in=answered.filter(episode__isnull=False).values("episode_id"))
        .select_related("child")
    )
    periods = (
        PeriodOfCare.objects.filter(ended_on__range=(earliest, today))
        .exclude(pk__in=answered.filter(period_of_care__isnull=False).values("period_of_care_id"))
        .select_related("child")
    )
    out = [
        FeedbackDue(
            child=e.child,
            occasion=FeedbackOccasion.CLOSURE,
            due=e.closure_date,  # type: ignore[arg-type]
            since=e.referral_date,
            episode=e,
        )
        for e in episodes
    ]
    out += [
        FeedbackDue(
            child=p.child,
            occasion=FeedbackOccasion.CLOSURE,
            due=p.ended_on,  # type: ignore[arg-type]
            since=p.started_on,
            period_of_care=p,
        )
        for p in periods
    ]
    return sorted(out, key=lambda d: (d.due, d.child.la_child_id))
