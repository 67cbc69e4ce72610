"""Children in care: periods, episodes (SSDA903), reviews, visits, care planning."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import F, Q

from safeguard.care.models import (
    SHORT_BREAK_LEGAL_STATUSES,
    CarePlan,
    CarePlanOccasion,
    HealthAssessment,
    HealthAssessmentKind,
    LookedAfterEpisode,
    LookedAfterReview,
    OutcomesRecord,
    PeriodOfCare,
    PermanencePlan,
)
from safeguard.cin.models import Visit, VisitType
from safeguard.core.calendar import age_on
from safeguard.synth.checker import Check, Violation, _overlaps, rule

EP, PER = "care.LookedAfterEpisode", "care.PeriodOfCare"


@rule("LA-PERIOD-NO-OVERLAP", "A child's periods of care do not overlap.")
def periods_overlap(check: Check) -> Iterator[Violation]:
    rows = PeriodOfCare.objects.values_list("pk", "child", "started_on", "ended_on")
    yield from _overlaps(check, "LA-PERIOD-NO-OVERLAP", PER, rows, "Period of care")


@rule("LA-EPISODE-NO-OVERLAP", "A child's looked-after episodes do not overlap.")
def episodes_overlap(check: Check) -> Iterator[Violation]:
    rows = LookedAfterEpisode.objects.values_list("pk", "child", "started_on", "ended_on")
    yield from _overlaps(check, "LA-EPISODE-NO-OVERLAP", EP, rows, "Episode")


@rule("LA-EPISODE-SPAN", "An episode ends after it starts (DEC > DECOM), inside its period.")
def episode_span(check: Check) -> Iterator[Violation]:
    rows = LookedAfterEpisode.objects.filter(ended_on__lte=F("started_on"))
    for row in rows.values("pk", "child"):
        yield check.v(
            "LA-EPISODE-SPAN", EP, row["pk"], row["child"], "Ends on or before it starts."
        )
    rows = LookedAfterEpisode.objects.filter(started_on__lt=F("period__started_on"))
    for row in rows.values("pk", "child"):
        yield check.v("LA-EPISODE-SPAN", EP, row["pk"], row["child"], "Starts before its period.")


@rule("LA-X1-NEXT-EPISODE", "An episode ceasing X1 is followed by an episode the same day.")
def x1(check: Check) -> Iterator[Violation]:
    starts = set(LookedAfterEpisode.objects.values_list("child", "started_on"))
    for pk, child, ended in LookedAfterEpisode.objects.filter(reason_ceased="X1").values_list(
        "pk", "child", "ended_on"
    ):
        if (child, ended) not in starts:
            yield check.v(
                "LA-X1-NEXT-EPISODE",
                EP,
                pk,
                child,
                f"Ceased X1 on {ended} with no episode starting that day.",
            )


@rule("LA-FIRST-EPISODE-S", "The first episode of a period has reason for new episode S.")
def first_s(check: Check) -> Iterator[Violation]:
    first: dict[Any, tuple[Any, Any, Any, str]] = {}
    for pk, child, period, started, rne in LookedAfterEpisode.objects.values_list(
        "pk", "child", "period", "started_on", "reason_new_episode"
    ):
        if period not in first or (started, str(pk)) < (first[period][2], str(first[period][0])):
            first[period] = (pk, child, started, rne)
    for pk, child, _started, rne in first.values():
        if rne != "S":
            yield check.v(
                "LA-FIRST-EPISODE-S", EP, pk, child, f"First episode of its period has RNE {rne!r}."
            )


@rule("LA-REVIEW-PN0", "Review participation is PN0 if and only if the child is under 4.")
def pn0(check: Check) -> Iterator[Violation]:
    for pk, child, held, participation, dob in LookedAfterReview.objects.values_list(
        "pk", "child", "held_on", "participation", "child__date_of_birth"
    ):
        if dob is None or not participation:
            continue
        age = held.year - dob.year - ((held.month, held.day) < (dob.month, dob.day))
        if (participation == "PN0") != (age < 4):
            yield check.v(
                "LA-REVIEW-PN0",
                "care.LookedAfterReview",
                pk,
                child,
                f"Age {age} with participation {participation}.",
            )


@rule("LA-VISIT-WHILE-LOOKED-AFTER", "Looked-after visits happen while the child is looked after.")
def la_visits(check: Check) -> Iterator[Violation]:
    periods: dict[object, list[tuple[object, object]]] = defaultdict(list)
    for child, start, end in PeriodOfCare.objects.values_list("child", "started_on", "ended_on"):
        periods[child].append((start, end))
    for pk, child, day in Visit.objects.filter(visit_type=VisitType.LOOKED_AFTER).values_list(
        "pk", "child", "visit_date"
    ):
        if not any(s <= day and (e is None or day <= e) for s, e in periods.get(child, ())):  # type: ignore[operator]
            yield check.v(
                "LA-VISIT-WHILE-LOOKED-AFTER",
                "cin.Visit",
                pk,
                child,
                f"Visit on {day} while not looked after.",
            )


@rule(
    "LA-PLAN-IN-PERIOD",
    "Care plans and permanence plans are the child's own and dated within their period of care.",
)
def plans_in_period(check: Check) -> Iterator[Violation]:
    for model, on in ((CarePlan, "agreed_on"), (PermanencePlan, "decided_on")):
        outside = model._default_manager.filter(
            ~Q(child=F("period__child"))
            | Q(**{f"{on}__lt": F("period__started_on")})
            | Q(**{f"{on}__gt": F("period__ended_on")})
        )
        for row in outside.values("pk", "child", on, "period__started_on", "period__ended_on"):
            yield check.v(
                "LA-PLAN-IN-PERIOD",
                model._meta.label,
                row["pk"],
                row["child"],
                f"{on} {row[on]} outside the period of care {row['period__started_on']} to "
                f"{row['period__ended_on'] or 'now'} (or another child's period).",
            )


@rule(
    "LA-CARE-PLAN-ORDER",
    "A period's first care plan is its one first plan; a permanence plan change changes it.",
)
def plan_order(check: Check) -> Iterator[Violation]:
    rows = CarePlan.objects.order_by("period", "agreed_on").values_list(
        "pk", "child", "period", "occasion"
    )
    seen: set[object] = set()
    for pk, child, period, occasion in rows:
        if (period not in seen) != (occasion == CarePlanOccasion.INITIAL):
            yield check.v(
                "LA-CARE-PLAN-ORDER",
                "care.CarePlan",
                pk,
                child,
                f"Occasion {occasion!r} is wrong for "
                f"{'the first' if period not in seen else 'a later'} plan of its period.",
            )
        seen.add(period)
    previous: dict[object, str] = {}
    for pk, child, period, option in PermanencePlan.objects.order_by(
        "period", "decided_on"
    ).values_list("pk", "child", "period", "option"):
        if previous.get(period) == option:
            yield check.v(
                "LA-CARE-PLAN-ORDER",
                "care.PermanencePlan",
                pk,
                child,
                f"Records the plan in force ({option}) again as a change.",
            )
        previous[period] = option


@rule(
    "LA-OC2-ANSWERS",
    "OC2 answers are for a child looked after all year to 31 March, each asked only where "
    "it applies (as care.services.record_outcomes insists).",
)
def oc2_answers(check: Check) -> Iterator[Violation]:
    full_care = set(
        LookedAfterEpisode.objects.exclude(legal_status__in=SHORT_BREAK_LEGAL_STATUSES)
        .values_list("period", flat=True)
        .distinct()
    )
    periods: dict[object, list[tuple[Any, Any]]] = defaultdict(list)
    for pk, child, start, end in PeriodOfCare.objects.values_list(
        "pk", "child", "started_on", "ended_on"
    ):
        if pk in full_care:
            periods[child].append((start, end))
    scored = {
        (child, day.year + 1 if day.month >= 4 else day.year)
        for child, day in HealthAssessment.objects.filter(kind=HealthAssessmentKind.SDQ)
        .values_list("child", "assessed_on")
        .iterator(chunk_size=20_000)
    }
    for row in OutcomesRecord.objects.values().iterator(chunk_size=20_000):
        child, ending = row["child_id"], row["year_ending"]
        starts = ending.replace(year=ending.year - 1, day=1, month=4)
        spans = periods.get(child, ())
        dob = check.child(child)[1]
        problems = []
        if not any(s <= starts and (e is None or e > ending) for s, e in spans):
            problems.append("the child was not looked after continuously all year")
        if dob is not None:
            problems += _misplaced_answers(row, age_on(dob, ending))
        if row["sdq_reason"] and (child, ending.year) in scored:
            problems.append("a reason for no SDQ beside an SDQ in the year")
        for problem in problems:
            yield check.v(
                "LA-OC2-ANSWERS",
                "care.OutcomesRecord",
                row["id"],
                child,
                f"OC2 answers for the year to {ending}: {problem}.",
            )


def _misplaced_answers(row: Mapping[str, object], age: int) -> list[str]:
    """The answers given or left blank against ``record_outcomes``' rules."""
    wrong = []
    if row["immunisations_up_to_date"] is None or row["substance_misuse"] is None:
        wrong.append("immunisations or substance misuse unanswered")
    if (row["convicted"] is None) != (age < 10):
        wrong.append(f"convictions {'asked' if age < 10 else 'unanswered'} at {age}")
    if (row["health_check_up_to_date"] is None) != (age >= 5):
        wrong.append(f"the health check {'unanswered' if age < 5 else 'asked'} at {age}")
    if (row["intervention_received"] is None) != (row["substance_misuse"] is not True):
        wrong.append("intervention received does not follow substance misuse")
    if (row["intervention_offered"] is None) != (row["intervention_received"] is not False):
        wrong.append("intervention offered given with one received, or missing without")
    return wrong
