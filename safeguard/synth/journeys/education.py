"""Children out of school: suspensions, permanent exclusions, missing education episodes and
part-time timetables, for children of school age (5-15) while open to children's social care
(a CIN episode, CP plan or period of care, from the earlier phases).

The seeds give few volumes: 21 children in the Children Missing Education group at one time
(seed 002, 2018) and 14 managed moves in 2017-18 (managed moves are not recorded here). The
rest are national rates (DfE "Suspensions and permanent exclusions in England" 2022/23: 9.3
suspensions and 0.11 permanent exclusions per 100 pupils a year) raised for children in need
(DfE "Outcomes for children in need": about 3 times the suspension rate and 4 times the
permanent exclusion rate), so per child-year open to social care: 0.28 suspensions, 0.5%
permanently excluded. Children with an exploitation risk assessment or three or more
missing episodes are 3 times as likely again (seed 003: excluded children are "particularly
vulnerable to being exploited"), and exclusions for them are more often drug related.

A suspension is 0.5-10 school days (most 1-3), never past 45 in a school year. A permanent
exclusion is lifted (reinstated) in 5% of cases within 3 weeks; otherwise the child is
reported to the Children Missing Education group 6-20 days later and the episode ends after
1-5 months (back on roll 60%, full-time alternative provision 25%, home education 10%,
moved away 5%), the exclusion's new school that day. Other missing education episodes
start at 0.04 per child-year (3 times for children at risk), lasting 2 weeks to 6 months;
with the permanent exclusions that gives about 20 open at a time at scale 1.0. Part-time
timetables: 0.04 per child-year, 4-12 weeks.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

import numpy as np
from dateutil.relativedelta import relativedelta

from safeguard.care.models import PeriodOfCare
from safeguard.cin.models import CINEpisode
from safeguard.core import calendar
from safeguard.core.calendar import SchoolCalendar
from safeguard.core.timescales import load_school_calendar
from safeguard.education import rules
from safeguard.education.models import (
    Exclusion,
    MissingEducationEpisode,
    PartTimeTimetable,
)
from safeguard.exploitation.models import MissingEpisode
from safeguard.exploitation.models_carole import ExploitationRiskAssessment
from safeguard.people.models import Person
from safeguard.protection.models import CPPlan
from safeguard.synth.context import SynthContext
from safeguard.synth.writer import build

STREAM = "education"
SUSPENSIONS_A_YEAR = 0.28
PERMANENT_A_YEAR = 0.005
CME_A_YEAR = 0.04
TIMETABLES_A_YEAR = 0.04
AT_RISK = 3.0
LIFTED = 0.05
SUSPENSION_DAYS = (0.5, 1, 1.5, 2, 3, 4, 5, 10)
SUSPENSION_DAY_SHARES = (0.08, 0.34, 0.06, 0.2, 0.16, 0.06, 0.08, 0.02)
#: DfE reasons with national shares (persistent disruptive behaviour leads).
REASONS = (
    ("persistent_disruptive", 0.38),
    ("verbal_abuse_adult", 0.17),
    ("physical_assault_pupil", 0.12),
    ("physical_assault_adult", 0.07),
    ("verbal_abuse_pupil", 0.05),
    ("drug_alcohol", 0.05),
    ("offensive_weapon", 0.03),
    ("damage", 0.03),
    ("bullying", 0.02),
    ("racist_abuse", 0.02),
    ("online", 0.01),
    ("theft", 0.01),
    ("sexual_misconduct", 0.01),
    ("other", 0.03),
)
CME_REASONS = (
    ("removed_from_roll", 0.3),
    ("non_attendance", 0.25),
    ("new_to_area", 0.15),
    ("not_attending_provision", 0.15),
    ("not_on_roll", 0.1),
    ("other", 0.05),
)
CME_REPORTERS = (("school", 0.55), ("attendance", 0.2), ("social_care", 0.15), ("police", 0.1))
CME_OUTCOMES = (
    ("back_on_roll", 0.6),
    ("alternative_provision", 0.25),
    ("elective_home_education", 0.1),
    ("moved_away", 0.05),
)
SCHOOLS = (
    "Dorchester Academy",
    "Weymouth Community College",
    "Poole High School",
    "Bridport Secondary School",
    "Shaftesbury School",
    "Wimborne Primary School",
    "Swanage St Mark's Primary",
    "Gillingham School",
)


def _pick(rng: np.random.Generator, options: tuple[tuple[str, float], ...]) -> str:
    values, weights = zip(*options, strict=True)
    p = np.array(weights, dtype=float)
    return str(rng.choice(values, p=p / p.sum()))


def _open_spans(start: dt.date, end: dt.date) -> dict[object, list[tuple[dt.date, dt.date]]]:
    """Each child's days open to children's social care in the history, merged."""
    raw: dict[object, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    sources = (
        CINEpisode.objects.values_list("child", "referral_date", "closure_date"),
        CPPlan.objects.values_list("child", "start_date", "end_date"),
        PeriodOfCare.objects.values_list("child", "started_on", "ended_on"),
    )
    for rows in sources:
        for child, first, last in rows:
            first, last = max(first, start), min(last or end, end)
            if first <= last:
                raw[child].append((first, last))
    merged: dict[object, list[tuple[dt.date, dt.date]]] = {}
    for person, spans in raw.items():
        spans.sort()
        out = [spans[0]]
        for first, last in spans[1:]:
            if first <= out[-1][1] + dt.timedelta(days=1):
                out[-1] = (out[-1][0], max(out[-1][1], last))
            else:
                out.append((first, last))
        merged[person] = out
    return merged


def _at_risk() -> set[object]:
    risk = set(ExploitationRiskAssessment.objects.values_list("child", flat=True))
    counts: dict[object, int] = defaultdict(int)
    for child in MissingEpisode.objects.values_list("child", flat=True):
        counts[child] += 1
    return risk | {child for child, n in counts.items() if n >= 3}


def _school_day(day: dt.date, last: dt.date) -> dt.date | None:
    """The first working day on or after ``day`` outside August, if by ``last``."""
    if day.month == 8:
        day = dt.date(day.year, 9, 1)
    while not calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day if day <= last else None


class _Child:
    """One child's records as they are drawn, so the services' rules hold."""

    def __init__(self, ctx: SynthContext, person_id: object, school: SchoolCalendar) -> None:
        self.ctx, self.person_id, self.school = ctx, person_id, school
        self.cme: list[tuple[dt.date, dt.date | None]] = []
        self.suspended: dict[dt.date, Decimal] = defaultdict(Decimal)
        self.excluded_until: dt.date | None = None
        self.timetable_until: dt.date | None = None

    def add(self, obj: object, day: dt.date) -> None:
        self.ctx.writer.add(obj, id=self.ctx.new_id(STREAM), at=self.ctx.at(day, 14))

    def cme_free(self, first: dt.date, last: dt.date | None) -> bool:
        far = dt.date.max
        return all(first >= (end or far) or (last or far) <= start for start, end in self.cme)

    def suspend(self, rng: np.random.Generator, day: dt.date, at_risk: bool) -> None:
        days = Decimal(str(rng.choice(SUSPENSION_DAYS, p=SUSPENSION_DAY_SHARES)))
        year = rules.school_year_of(day)[0]
        if self.suspended[year] + days > rules.MAX_SUSPENSION_DAYS_A_YEAR:
            return
        self.suspended[year] += days
        reason = "drug_alcohol" if at_risk and rng.random() < 0.15 else _pick(rng, REASONS)
        self.add(
            build(
                Exclusion,
                child_id=self.person_id,
                kind="suspension",
                school_name=str(rng.choice(SCHOOLS)),
                excluded_on=day,
                days=days,
                ends_on=rules.suspension_last_day(day, days, self.school),
                reason=reason,
            ),
            day,
        )

    def exclude(
        self, rng: np.random.Generator, day: dt.date, end: dt.date, at_risk: bool, dob: dt.date
    ) -> None:
        if self.excluded_until is not None and day < self.excluded_until:
            return
        reason = "drug_alcohol" if at_risk and rng.random() < 0.3 else _pick(rng, REASONS)
        lifted_on = day + dt.timedelta(days=int(rng.integers(5, 21)))
        lifted = bool(rng.random() < LIFTED) and lifted_on <= end
        reported = day + dt.timedelta(days=int(rng.integers(6, 21)))
        ended = reported + dt.timedelta(days=int(rng.integers(30, 150)))
        outcome = _pick(rng, CME_OUTCOMES)
        if ended >= dob + relativedelta(years=rules.SCHOOL_AGE_TO + 1):
            ended, outcome = dob + relativedelta(years=rules.SCHOOL_AGE_TO + 1), "left_school_age"
        closed = ended if ended <= end else None
        with_cme = not lifted and reported <= end and self.cme_free(reported, closed)
        new_school = (
            closed if with_cme and outcome in ("back_on_roll", "alternative_provision") else None
        )
        self.excluded_until = lifted_on if lifted else (new_school or dt.date.max)
        self.add(
            build(
                Exclusion,
                child_id=self.person_id,
                kind="permanent",
                school_name=str(rng.choice(SCHOOLS)),
                excluded_on=day,
                reason=reason,
                lifted=lifted,
                lifted_on=lifted_on if lifted else None,
                reintegrated_on=new_school,
            ),
            day,
        )
        if with_cme:
            self.missing(rng, reported, closed, outcome, reason="permanently_excluded")

    def missing(
        self,
        rng: np.random.Generator,
        reported: dt.date,
        ended: dt.date | None,
        outcome: str,
        *,
        reason: str,
    ) -> None:
        self.cme.append((reported, ended))
        self.add(
            build(
                MissingEducationEpisode,
                child_id=self.person_id,
                reported_on=reported,
                reported_by="school"
                if reason == "permanently_excluded"
                else _pick(rng, CME_REPORTERS),
                reporter_name=str(rng.choice(SCHOOLS)),
                reason=reason,
                ended_on=ended,
                outcome=outcome if ended is not None else "",
            ),
            reported,
        )

    def timetable(self, rng: np.random.Generator, day: dt.date, end: dt.date) -> None:
        if self.timetable_until is not None and day <= self.timetable_until:
            return
        until = day + dt.timedelta(weeks=int(rng.integers(4, 13)))
        self.timetable_until = until
        self.add(
            build(
                PartTimeTimetable,
                child_id=self.person_id,
                school_name=str(rng.choice(SCHOOLS)),
                started_on=day,
                ended_on=until if until <= end else None,
                hours_per_week=Decimal(int(rng.integers(6, 21))),
                reason="Agreed with the school while support is put in place.",
            ),
            day,
        )


def generate(ctx: SynthContext) -> None:
    rng = ctx.stream(STREAM)
    start, end = ctx.settings.start, ctx.settings.end
    spans = _open_spans(start, end)
    at_risk = _at_risk()
    school = load_school_calendar()
    people = Person.objects.filter(pk__in=list(spans), date_of_death__isnull=True)
    births: dict[object, dt.date] = {
        pk: dob for pk, dob in people.values_list("pk", "date_of_birth") if dob is not None
    }
    for person_id in sorted(births, key=str):
        dob = births[person_id]
        first_age = dob + relativedelta(years=rules.SCHOOL_AGE_FROM)
        last_age = dob + relativedelta(years=rules.SCHOOL_AGE_TO) - dt.timedelta(days=1)
        risky = person_id in at_risk
        factor = AT_RISK if risky else 1.0
        child = _Child(ctx, person_id, school)
        events: list[tuple[dt.date, str]] = []
        for first, last in spans[person_id]:
            first, last = max(first, first_age), min(last, last_age)
            if first > last:
                continue
            years = ((last - first).days + 1) / 365.25
            for what, rate in (
                ("suspension", SUSPENSIONS_A_YEAR),
                ("permanent", PERMANENT_A_YEAR),
                ("cme", CME_A_YEAR),
                ("timetable", TIMETABLES_A_YEAR),
            ):
                for _ in range(int(rng.poisson(rate * factor * years))):
                    offset = int(rng.integers(0, (last - first).days + 1))
                    day = _school_day(first + dt.timedelta(days=offset), last)
                    if day is not None:
                        events.append((day, what))
        for day, what in sorted(events):
            if what == "suspension":
                child.suspend(rng, day, risky)
            elif what == "permanent":
                child.exclude(rng, day, end, risky, dob)
            elif what == "timetable":
                child.timetable(rng, day, end)
            else:
                ended = day + dt.timedelta(days=int(rng.integers(14, 183)))
                outcome = _pick(rng, CME_OUTCOMES)
                if ended > last_age:
                    ended, outcome = last_age + dt.timedelta(days=1), "left_school_age"
                closed = ended if ended <= end else None
                if child.cme_free(day, closed) and all(e is not None for _, e in child.cme):
                    child.missing(rng, day, closed, outcome, reason=_pick(rng, CME_REASONS))
