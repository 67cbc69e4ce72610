"""The annual CDOP statistics for a financial year, and the National Child Mortality
Database (NCMD) extract (the figures of seed 000 §3 and seed 001's CDOP section).

Definitions (stated on the page, in the PDF and in the CSV):

* **notifications**: deaths notified to CDOP in the year (April to March), split by the
  area the child lived in, sex, age band, neonatal (died in the first 27 days) and
  expected / unexpected;
* **reviews completed**: deaths whose panel review was completed in the year, whenever
  notified; **with modifiable factors**: those where the panel identified at least one,
  as a percentage of the reviews completed; **by category** and **by factor**: the same
  reviews by the national category of death and by each factor cited (a review may cite
  several factors);
* **open at the year end**: notified by the last day of the year, not reviewed by then.

Counts only: the statistics name no child.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models

from safeguard.core.codes import codelist
from safeguard.partnership.models import (
    AgeBand,
    ChildDeath,
    DeathCategory,
    Expectation,
    ModifiableFactor,
    ResidentArea,
)
from safeguard.performance.periods import Period

#: The sexes, in the order the statistics show them (DfE gender codes).
SEX_ORDER = ("1", "2", "9", "0")


def percent(numerator: int, denominator: int) -> float | None:
    return 100.0 * numerator / denominator if denominator else None


def year_label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d} (April {year} to March {year + 1})"


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int
    total: int

    @property
    def share(self) -> float | None:
        return percent(self.count, self.total)


@dataclass
class AnnualStatistics:
    year: int
    run_on: dt.date
    notifications: int
    previous_notifications: int
    by_area: list[Row]
    by_sex: list[Row]
    by_age_band: list[Row]
    by_expectation: list[Row]
    neonatal: int
    known_to_social_care: int
    joint_agency_responses: int
    reviews_completed: int
    previous_reviews_completed: int
    with_modifiable: int
    by_category: list[Row]
    by_factor: list[Row]
    open_at_end: int

    @property
    def period(self) -> Period:
        return Period.financial_year(self.year)

    @property
    def label(self) -> str:
        return year_label(self.year)

    @property
    def code(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d}"

    @property
    def modifiable_percent(self) -> float | None:
        return percent(self.with_modifiable, self.reviews_completed)

    @property
    def neonatal_percent(self) -> float | None:
        return percent(self.neonatal, self.notifications)

    @property
    def notification_tables(self) -> list[tuple[str, str, list[Row], str]]:
        """(title, anchor, rows, first column's heading) of the notification breakdowns."""
        return [
            ("By the area the child lived in", "by-area", self.by_area, "Area"),
            ("By sex", "by-sex", self.by_sex, "Sex"),
            ("By age at death", "by-age", self.by_age_band, "Age at death"),
            ("Expected and unexpected deaths", "by-expectation", self.by_expectation, "Death"),
        ]

    @property
    def review_tables(self) -> list[tuple[str, str, list[Row], str]]:
        return [
            ("Reviews by category of death", "by-category", self.by_category, "Category"),
            ("Modifiable factors cited", "by-factor", self.by_factor, "Factor"),
        ]


def _rows(values: Iterable[str], choices: Iterable[tuple[str, str]], total: int) -> list[Row]:
    counts = Counter(values)
    return [Row(str(key), str(label), counts[key], total) for key, label in choices]


def _notified(period: Period) -> models.QuerySet[ChildDeath]:
    return ChildDeath.objects.filter(notified_on__range=(period.start, period.end))


def _reviewed(period: Period) -> models.QuerySet[ChildDeath]:
    return ChildDeath.objects.filter(reviewed_on__range=(period.start, period.end))


def annual_statistics(year: int, *, run_on: dt.date) -> AnnualStatistics:
    period = Period.financial_year(year)
    notified = list(
        _notified(period).values_list(
            "resident_area", "sex", "age_band", "expectation", "neonatal",
            "known_to_social_care", "jar_started_on",
        )
    )  # fmt: skip
    total = len(notified)
    sexes = codelist("gender")
    reviewed = list(_reviewed(period).values_list("pk", "category", "modifiable"))
    reviews = len(reviewed)
    cited = Counter(
        ModifiableFactor.objects.filter(
            child_deaths__pk__in=[pk for pk, _, _ in reviewed]
        ).values_list("code", flat=True)
    )
    factor_rows = [
        Row(f.code, f.label, cited[f.code], reviews)
        for f in ModifiableFactor.objects.order_by("order", "label")
        if f.active or cited[f.code]
    ]
    open_at_end = (
        ChildDeath.objects.filter(notified_on__lte=period.end)
        .filter(models.Q(reviewed_on__isnull=True) | models.Q(reviewed_on__gt=period.end))
        .count()
    )
    previous = period.previous()
    return AnnualStatistics(
        year=year,
        run_on=run_on,
        notifications=total,
        previous_notifications=_notified(previous).count(),
        by_area=_rows((r[0] for r in notified), ResidentArea.choices, total),
        by_sex=_rows((r[1] for r in notified), [(c, sexes.label(c)) for c in SEX_ORDER], total),
        by_age_band=_rows((r[2] for r in notified), AgeBand.choices, total),
        by_expectation=_rows((r[3] for r in notified), Expectation.choices, total),
        neonatal=sum(1 for r in notified if r[4]),
        known_to_social_care=sum(1 for r in notified if r[5]),
        joint_agency_responses=sum(1 for r in notified if r[6] is not None),
        reviews_completed=reviews,
        previous_reviews_completed=_reviewed(previous).count(),
        with_modifiable=sum(1 for _, _, m in reviewed if m),
        by_category=_rows((c for _, c, _ in reviewed), DeathCategory.choices, reviews),
        by_factor=factor_rows,
        open_at_end=open_at_end,
    )


# -- the National Child Mortality Database extract ---------------------------------------

#: The extract's columns: (header, meaning). One row per reviewed death; no name.
NCMD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("case_reference", "The CDOP reference (CDOP-year-number); the only identifier."),
    ("date_of_birth", "The child's date of birth (YYYY-MM-DD)."),
    ("date_of_death", "The date of death (YYYY-MM-DD)."),
    ("date_notified", "The date CDOP was notified (YYYY-MM-DD)."),
    ("age_band", "Age at death: 0-27d, 28-364d, 1-4, 5-9, 10-14 or 15-17."),
    ("neonatal", "Y when the child died in the first 27 days of life, else N."),
    ("sex_code", "DfE gender code: 1 male, 2 female, 9 indeterminate, 0 not recorded."),
    ("ethnicity_code", "DfE ethnicity code (CIN census), e.g. WBRI; NOBT not obtained."),
    ("resident_area", "ours, neighbour (the partnership's other authority) or out_of_area."),
    ("expected", "expected or unexpected."),
    ("place_of_death", "hospital, neonatal_unit, home, hospice, public_place or other."),
    ("joint_agency_response", "Y when a Joint Agency Response was started, else N."),
    ("coroner_involved", "Y when the coroner investigated or ordered a post-mortem, else N."),
    ("review_meeting_date", "The child death review meeting (YYYY-MM-DD)."),
    ("panel_review_date", "The date the CDOP panel completed its review (YYYY-MM-DD)."),
    ("category_code", "The national category of death, 1 to 10."),
    ("category", "The category's name."),
    ("modifiable_factors_identified", "Y when the panel identified modifiable factors, else N."),
    ("modifiable_factors", "The factors' codes from the maintained list, separated by ';'."),
)


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else ""


def _yn(value: bool | None) -> str:
    return "Y" if value else "N"


def ncmd_rows(year: int | None = None) -> list[list[str]]:
    """The extract's rows (reviews completed in financial year ``year``; all when None),
    oldest review first, in ``NCMD_COLUMNS`` order."""
    found = ChildDeath.objects.filter(reviewed_on__isnull=False).prefetch_related("factors")
    if year is not None:
        period = Period.financial_year(year)
        found = found.filter(reviewed_on__range=(period.start, period.end))
    out = []
    for d in found.order_by("reviewed_on", "reference"):
        codes = sorted(f.code for f in d.factors.all())
        out.append(
            [
                d.reference,
                _iso(d.date_of_birth),
                _iso(d.date_of_death),
                _iso(d.notified_on),
                d.age_band,
                _yn(d.neonatal),
                d.sex,
                d.ethnicity,
                d.resident_area,
                d.expectation,
                d.place_of_death,
                _yn(d.jar_started_on is not None),
                _yn(d.coroner_decision_on is not None),
                _iso(d.review_meeting_on),
                _iso(d.reviewed_on),
                d.category,
                str(DeathCategory(d.category).label).split(": ", 1)[-1] if d.category else "",
                _yn(d.modifiable),
                ";".join(codes),
            ]
        )
    return out
