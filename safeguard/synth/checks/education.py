"""Children out of school: the services' rules, so generated records obey them too."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from safeguard.core import calendar
from safeguard.education import rules
from safeguard.education.models import Exclusion, MissingEducationEpisode, PartTimeTimetable
from safeguard.synth.checker import Check, Violation, _overlaps, rule

CME, EXC = "education.MissingEducationEpisode", "education.Exclusion"


@rule("EDU-CME-NO-OVERLAP", "A child's missing education episodes do not overlap.")
def cme_overlap(check: Check) -> Iterator[Violation]:
    rows = MissingEducationEpisode.objects.values_list("pk", "child", "reported_on", "ended_on")
    yield from _overlaps(check, "EDU-CME-NO-OVERLAP", CME, rows, "Missing education episode")


@rule("EDU-TIMETABLE-NO-OVERLAP", "A child's part-time timetables do not overlap.")
def timetable_overlap(check: Check) -> Iterator[Violation]:
    rows = PartTimeTimetable.objects.values_list("pk", "child", "started_on", "ended_on")
    yield from _overlaps(
        check, "EDU-TIMETABLE-NO-OVERLAP", "education.PartTimeTimetable", rows, "Timetable"
    )


@rule("EDU-CME-SCHOOL-AGE", "A child missing education is of compulsory school age (5 to 16).")
def cme_school_age(check: Check) -> Iterator[Violation]:
    rows = MissingEducationEpisode.objects.values_list("pk", "child", "reported_on")
    for pk, child, reported in rows.iterator(chunk_size=5_000):
        _, dob = check.child(child)
        if dob is None:
            continue
        age = calendar.age_on(dob, reported)
        if not rules.SCHOOL_AGE_FROM <= age <= rules.SCHOOL_AGE_TO:
            yield check.v("EDU-CME-SCHOOL-AGE", CME, pk, child, f"Aged {age} when reported.")


@rule("EDU-EXCLUSION-SCHOOL-DAY", "An exclusion starts on a working day.")
def exclusion_working_day(check: Check) -> Iterator[Violation]:
    for pk, child, day in Exclusion.objects.values_list("pk", "child", "excluded_on"):
        if not calendar.is_working_day(day):
            yield check.v("EDU-EXCLUSION-SCHOOL-DAY", EXC, pk, child, f"Starts on {day}.")


@rule(
    "EDU-SUSPENSION-45-DAYS",
    "A child's suspensions (not lifted) total at most 45 school days in a school year.",
)
def suspension_limit(check: Check) -> Iterator[Violation]:
    totals: dict[tuple[Any, dt.date], Decimal] = defaultdict(Decimal)
    last: dict[tuple[Any, dt.date], Any] = {}
    rows = Exclusion.objects.filter(kind="suspension", lifted=False).values_list(
        "pk", "child", "excluded_on", "days"
    )
    for pk, child, day, days in rows.order_by("excluded_on"):
        key = (child, rules.school_year_of(day)[0])
        totals[key] += Decimal(days or 0)
        last[key] = pk
    for (child, year), total in totals.items():
        if total > rules.MAX_SUSPENSION_DAYS_A_YEAR:
            yield check.v(
                "EDU-SUSPENSION-45-DAYS",
                EXC,
                last[(child, year)],
                child,
                f"{total} days of suspension in the school year from {year}.",
            )


@rule(
    "EDU-ONE-PERMANENT-IN-FORCE",
    "A child has one permanent exclusion in force at a time (a new one follows a new school "
    "or the last one lifted).",
)
def one_permanent(check: Check) -> Iterator[Violation]:
    rows = [
        (pk, child, day, lifted_on or reintegrated_on)
        for pk, child, day, lifted_on, reintegrated_on in Exclusion.objects.filter(
            kind="permanent"
        ).values_list("pk", "child", "excluded_on", "lifted_on", "reintegrated_on")
    ]
    yield from _overlaps(check, "EDU-ONE-PERMANENT-IN-FORCE", EXC, rows, "Permanent exclusion")
