"""The LADO's quarterly report: contacts, referrals, conversion, by role and by source,
timeliness, outcomes and DBS referrals (the figures of seed 004's LADO section).

Definitions (stated on the page, in the PDF and in the CSV):

* **contacts**: allegations whose contact reached the LADO in the quarter;
* **referrals**: those contacts that progressed to a referral (by the day the report is
  run: a contact late in a quarter may progress after it);
* **conversion**: referrals as a percentage of contacts;
* **by role / by source**: the same, split by the role of the adult and by who made the
  contact; "share of referrals" is each row's part of all the quarter's referrals;
* **informed within 1 working day**: contacts whose employer date is known, LADO told by
  the due date of timescale ``lado_informed``;
* **outcomes** and **DBS referrals**: those recorded in the quarter, whenever the contact.

Counts only: the report names no one, so it is for the LADO's managers and the
partnership as well as the LADO.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models

from safeguard.core.timescales import compute_due
from safeguard.partnership.models import Allegation, Outcome, SourceAgency, SubjectRole
from safeguard.partnership.quarters import Quarter


def percent(numerator: int, denominator: int) -> float | None:
    return 100.0 * numerator / denominator if denominator else None


@dataclass(frozen=True)
class Line:
    """One row of a breakdown: contacts and referrals for a role or a source."""

    key: str
    label: str
    contacts: int
    referrals: int
    referrals_total: int

    @property
    def conversion(self) -> float | None:
        return percent(self.referrals, self.contacts)

    @property
    def share_of_referrals(self) -> float | None:
        return percent(self.referrals, self.referrals_total)


@dataclass(frozen=True)
class Headline:
    quarter: Quarter
    contacts: int
    referrals: int

    @property
    def conversion(self) -> float | None:
        return percent(self.referrals, self.contacts)


@dataclass
class QuarterlyReport:
    quarter: Quarter
    run_on: dt.date
    headline: Headline
    previous: Headline
    by_role: list[Line]
    by_source: list[Line]
    informed_known: int
    informed_on_time: int
    outcomes: list[tuple[str, str, int]] = field(default_factory=list)
    dbs_referrals: int = 0
    open_referrals_at_end: int = 0

    @property
    def informed_on_time_percent(self) -> float | None:
        return percent(self.informed_on_time, self.informed_known)

    @property
    def breakdowns(self) -> list[tuple[str, list[Line], str]]:
        """(title, rows, anchor) of the two breakdown tables."""
        return [
            ("By the role of the person", self.by_role, "by-role"),
            ("By who made the contact", self.by_source, "by-source"),
        ]

    @property
    def outcomes_total(self) -> int:
        return sum(n for _, _, n in self.outcomes)


def _contacts(quarter: Quarter) -> models.QuerySet[Allegation]:
    return Allegation.objects.filter(lado_informed_on__range=(quarter.start, quarter.end))


def _headline(quarter: Quarter) -> Headline:
    found = _contacts(quarter).aggregate(
        contacts=models.Count("pk"),
        referrals=models.Count("pk", filter=models.Q(referral_on__isnull=False)),
    )
    return Headline(quarter, found["contacts"], found["referrals"])


def _lines(
    rows: list[tuple[str, bool]], choices: Iterable[tuple[str, str]], referrals_total: int
) -> list[Line]:
    contacts = Counter(key for key, _ in rows)
    referrals = Counter(key for key, referred in rows if referred)
    return [
        Line(key, str(label), contacts[key], referrals[key], referrals_total)
        for key, label in choices
    ]


def _on_time(rows: Iterable[tuple[dt.date | None, dt.date]]) -> tuple[int, int]:
    known = on_time = 0
    for reported, informed in rows:
        if reported is None:
            continue
        known += 1
        on_time += compute_due("lado_informed", reported).is_met_by(informed)
    return known, on_time


def quarterly_report(quarter: Quarter, *, run_on: dt.date) -> QuarterlyReport:
    contacts = list(
        _contacts(quarter).values_list(
            "subject_role", "source_agency", "referral_on", "reported_to_employer_on",
            "lado_informed_on",
        )
    )  # fmt: skip
    referrals_total = sum(1 for row in contacts if row[2] is not None)
    known, on_time = _on_time((row[3], row[4]) for row in contacts)
    outcome_counts = Counter(
        Allegation.objects.filter(outcome_on__range=(quarter.start, quarter.end)).values_list(
            "outcome", flat=True
        )
    )
    open_at_end = (
        Allegation.objects.filter(referral_on__lte=quarter.end)
        .filter(models.Q(closed_on__isnull=True) | models.Q(closed_on__gt=quarter.end))
        .count()
    )
    return QuarterlyReport(
        quarter=quarter,
        run_on=run_on,
        headline=Headline(quarter, len(contacts), referrals_total),
        previous=_headline(quarter.previous()),
        by_role=_lines(
            [(row[0], row[2] is not None) for row in contacts], SubjectRole.choices, referrals_total
        ),
        by_source=_lines(
            [(row[1], row[2] is not None) for row in contacts],
            SourceAgency.choices,
            referrals_total,
        ),
        informed_known=known,
        informed_on_time=on_time,
        outcomes=[(key, str(label), outcome_counts[key]) for key, label in Outcome.choices],
        dbs_referrals=Allegation.objects.filter(
            dbs_referral=True, dbs_referred_on__range=(quarter.start, quarter.end)
        ).count(),
        open_referrals_at_end=open_at_end,
    )


def quarters_with_contacts() -> list[Quarter]:
    """Every quarter from the first contact to the latest, newest first (report choices)."""
    span = Allegation.objects.aggregate(
        first=models.Min("lado_informed_on"), last=models.Max("lado_informed_on")
    )
    if span["first"] is None:
        return []
    first, last = Quarter.containing(span["first"]), Quarter.containing(span["last"])
    out = [last]
    while out[-1] > first:
        out.append(out[-1].previous())
    return out
