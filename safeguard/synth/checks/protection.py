"""Child protection: enquiries, conferences (and their quoracy) and plans."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import F, Q

from safeguard.care.models import PeriodOfCare
from safeguard.protection.models import (
    AttendanceStatus,
    Conference,
    ConferenceAttendance,
    ConferenceInvitation,
    ConferenceType,
    CPPlan,
    CPPlanEndReason,
    Section47Enquiry,
    Section47Outcome,
)
from safeguard.protection.selectors import NOT_PARTNERS
from safeguard.synth.checker import Check, Violation, _overlaps, rule

S47, CONF, PLAN = "protection.Section47Enquiry", "protection.Conference", "protection.CPPlan"


@rule("CP-S47-AFTER-STRATEGY", "A section 47 enquiry starts on or after its strategy discussion.")
def s47_after_strategy(check: Check) -> Iterator[Violation]:
    rows = Section47Enquiry.objects.filter(
        Q(start_date__lt=F("strategy_discussion__held_on")) | Q(outcome_date__lt=F("start_date"))
    )
    for row in rows.values("pk", "episode__child"):
        yield check.v(
            "CP-S47-AFTER-STRATEGY",
            S47,
            row["pk"],
            row["episode__child"],
            "Starts before its strategy discussion (or concludes before it starts).",
        )


@rule(
    "CP-ICPC-BASIS",
    "An initial conference follows a substantiated section 47 (transfer-in and pre-birth aside).",
)
def icpc_basis(check: Check) -> Iterator[Violation]:
    rows = Conference.objects.filter(conference_type=ConferenceType.INITIAL).filter(
        Q(section47__isnull=True)
        | ~Q(section47__outcome=Section47Outcome.SUBSTANTIATED)
        | Q(held_on__lt=F("section47__outcome_date"))
    )
    for row in rows.values("pk", "child"):
        yield check.v(
            "CP-ICPC-BASIS",
            CONF,
            row["pk"],
            row["child"],
            "Initial conference without a substantiated section 47 enquiry before it.",
        )


@rule("CP-CONFERENCE-WEEKDAY", "Conferences are held on weekdays.")
def weekday(check: Check) -> Iterator[Violation]:
    for pk, child, held in Conference.objects.filter(held_on__isnull=False).values_list(
        "pk", "child", "held_on"
    ):
        if held is not None and held.weekday() >= 5:
            yield check.v("CP-CONFERENCE-WEEKDAY", CONF, pk, child, f"Held on a weekend ({held}).")


@rule("CP-PLAN-AFTER-REFERRAL", "A CP plan starts on or after its episode's referral.")
def plan_after_referral(check: Check) -> Iterator[Violation]:
    rows = CPPlan.objects.filter(start_date__lt=F("episode__referral_date"))
    for row in rows.values("pk", "child"):
        yield check.v(
            "CP-PLAN-AFTER-REFERRAL", PLAN, row["pk"], row["child"], "Starts before the referral."
        )


@rule("CP-PLAN-SPAN", "A CP plan ends after it starts.")
def plan_span(check: Check) -> Iterator[Violation]:
    for row in CPPlan.objects.filter(end_date__lte=F("start_date")).values("pk", "child"):
        yield check.v("CP-PLAN-SPAN", PLAN, row["pk"], row["child"], "Ends on or before its start.")


@rule("CP-PLAN-NO-OVERLAP", "A child has one CP plan at a time.")
def plans_overlap(check: Check) -> Iterator[Violation]:
    rows = CPPlan.objects.values_list("pk", "child", "start_date", "end_date")
    yield from _overlaps(check, "CP-PLAN-NO-OVERLAP", PLAN, rows, "CP plan")


@rule(
    "CP-QUORATE-AS-ATTENDED",
    "A held conference recorded as quorate had every invited partner agency attend, and one "
    "recorded as not quorate did not (where invitations and attendance are both recorded).",
)
def quorate_as_attended(check: Check) -> Iterator[Violation]:
    held = Conference.objects.filter(held_on__isnull=False, quorate__isnull=False)
    invited: dict[object, set[str]] = defaultdict(set)
    for conference, agency in ConferenceInvitation.objects.filter(
        conference__in=held.values("pk")
    ).values_list("conference", "agency"):
        if agency not in NOT_PARTNERS:
            invited[conference].add(agency)
    listed: set[object] = set()
    attended: dict[object, set[str]] = defaultdict(set)
    for conference, agency, status in ConferenceAttendance.objects.filter(
        conference__in=held.values("pk")
    ).values_list("conference", "agency", "status"):
        listed.add(conference)
        if status == AttendanceStatus.ATTENDED:
            attended[conference].add(agency)
    for pk, child, quorate in held.values_list("pk", "child", "quorate"):
        if pk not in listed or not invited.get(pk):
            continue
        missing = invited[pk] - attended[pk]
        if bool(quorate) == bool(missing):
            yield check.v(
                "CP-QUORATE-AS-ATTENDED",
                CONF,
                pk,
                child,
                f"Recorded {'quorate' if quorate else 'not quorate'} but "
                + (
                    f"no one attended from {', '.join(sorted(missing))}."
                    if missing
                    else "every invited partner agency attended."
                ),
            )


@rule(
    "CP-PLAN-LOOKED-AFTER",
    "A plan ended because the child became looked after has a period of care starting "
    "between the plan's start and its end.",
)
def plan_looked_after(check: Check) -> Iterator[Violation]:
    periods: dict[object, list[dt.date]] = defaultdict(list)
    for child, started in PeriodOfCare.objects.values_list("child", "started_on"):
        periods[child].append(started)
    rows = CPPlan.objects.filter(end_reason=CPPlanEndReason.LOOKED_AFTER).values_list(
        "pk", "child", "start_date", "end_date"
    )
    for pk, child, start, end in rows:
        if end is None or not any(start <= s <= end for s in periods.get(child, [])):
            yield check.v(
                "CP-PLAN-LOOKED-AFTER",
                PLAN,
                pk,
                child,
                f"Ended 'became looked after' on {end} with no period of care starting "
                f"during the plan ({start} to {end}).",
            )
