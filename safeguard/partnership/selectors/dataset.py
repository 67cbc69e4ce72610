"""Reads for the partnership dataset: who may write which exception report, the reports of
a quarter (and which are missing), an agency's own reports, and the partner survey.

Who writes what (seed 001's exception reporting; ``access.roles``):

* a partner agency's user (``submit_exception_report``) writes and submits their own
  agency's report (``User.agency``), never another agency's;
* the partnership business unit (``manage_partnership_dataset``) reads every agency's
  report and writes the local authority's own.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import models

from safeguard.core import clock
from safeguard.partnership.models.dataset import (
    EXCEPTION_SECTIONS,
    GOOD_OR_BETTER,
    ExceptionReport,
    PartnerSurveyResponse,
    ReportingAgency,
    SectionRag,
    SurveyAgency,
    SurveyRating,
)
from safeguard.partnership.quarters import Quarter
from safeguard.performance import registry
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.registry import Figure

SUBMIT = "access.submit_exception_report"
MANAGE = "access.manage_partnership_dataset"
RAG_TAGS: dict[str, str] = {
    str(SectionRag.RED): "govuk-tag--red",
    str(SectionRag.AMBER): "govuk-tag--yellow",
    str(SectionRag.GREEN): "govuk-tag--green",
}
EXPERIENCE = "OBA3-06"
#: Quarters offered on the pages (about two years).
RECENT_QUARTERS = 8


# -- who may write ----------------------------------------------------------------------------


def may_write(user: Any, agency: str) -> bool:
    """Whether ``user`` may write ``agency``'s report (own agency, or the LA for the unit)."""
    if agency == ReportingAgency.LOCAL_AUTHORITY:
        return bool(user.has_perm(MANAGE))
    return bool(user.has_perm(SUBMIT)) and bool(agency) and getattr(user, "agency", "") == agency


def sees_all_reports(user: Any) -> bool:
    return bool(user.has_perm(MANAGE))


# -- quarters ---------------------------------------------------------------------------------


def current_quarter(today: dt.date | None = None) -> Quarter:
    return Quarter.containing(today or clock.today())


def default_quarter(today: dt.date | None = None) -> Quarter:
    """The last complete quarter: the one whose figures and reports the QA group reads."""
    return current_quarter(today).previous()


def recent_quarters(today: dt.date | None = None) -> list[Quarter]:
    """The current quarter and the ones before it, newest first."""
    return current_quarter(today).recent(RECENT_QUARTERS)


def parse_quarter(text: str) -> Quarter | None:
    try:
        return Quarter.parse(text)
    except ValueError:
        return None


# -- a report's sections, for display ---------------------------------------------------------


@dataclass(frozen=True)
class Section:
    field: str
    heading: str
    text: str
    rag: str
    rag_label: str
    rag_tag: str


def sections_of(report: ExceptionReport | None) -> list[Section]:
    out = []
    for name, heading, _ in EXCEPTION_SECTIONS:
        text = getattr(report, name, "") if report else ""
        rag = getattr(report, f"{name}_rag", "") if report else ""
        out.append(
            Section(
                name,
                heading,
                text,
                rag,
                SectionRag(rag).label if rag else "Not rated",
                RAG_TAGS.get(rag, "govuk-tag--grey") if rag else "govuk-tag--grey",
            )
        )
    return out


# -- a quarter's reports ----------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyLine:
    """One agency's report for the quarter: submitted, a draft, or missing."""

    agency: str
    label: str
    report: ExceptionReport | None
    sections: list[Section]

    @property
    def status(self) -> str:
        if self.report is None:
            return "Not started"
        return "Submitted" if self.report.is_submitted else "Draft"

    @property
    def status_tag(self) -> str:
        return {"Submitted": "govuk-tag--green", "Draft": "govuk-tag--blue"}.get(
            self.status, "govuk-tag--grey"
        )

    @property
    def missing(self) -> bool:
        """Not submitted (a draft the agency has not sent is missing to the partnership)."""
        return self.report is None or not self.report.is_submitted


@dataclass
class QuarterReports:
    quarter: Quarter
    lines: list[AgencyLine]

    @property
    def submitted(self) -> list[AgencyLine]:
        return [line for line in self.lines if not line.missing]

    @property
    def missing(self) -> list[AgencyLine]:
        return [line for line in self.lines if line.missing]

    @property
    def red_sections(self) -> int:
        return sum(1 for line in self.submitted for s in line.sections if s.rag == SectionRag.RED)


def quarter_reports(quarter: Quarter) -> QuarterReports:
    """Every agency's report for the quarter, in the agencies' order, missing ones too."""
    found = {
        r.agency: r
        for r in ExceptionReport.objects.filter(quarter=quarter.code).select_related("submitted_by")
    }
    lines = [
        AgencyLine(code, str(label), found.get(code), sections_of(found.get(code)))
        for code, label in ReportingAgency.choices
    ]
    return QuarterReports(quarter, lines)


def find_report(agency: str, quarter: Quarter) -> ExceptionReport | None:
    return ExceptionReport.objects.filter(agency=agency, quarter=quarter.code).first()


@dataclass(frozen=True)
class OwnLine:
    quarter: Quarter
    report: ExceptionReport | None
    is_current: bool

    @property
    def status(self) -> str:
        if self.report is None:
            return "Not started"
        return "Submitted" if self.report.is_submitted else "Draft"


def agency_reports(agency: str, today: dt.date | None = None) -> list[OwnLine]:
    """An agency's reports for the recent quarters, newest first (their work list)."""
    quarters = recent_quarters(today)
    found = {
        r.quarter: r
        for r in ExceptionReport.objects.filter(
            agency=agency, quarter__in=[q.code for q in quarters]
        )
    }
    current = quarters[0]
    return [OwnLine(q, found.get(q.code), q == current) for q in quarters]


# -- the partner survey -----------------------------------------------------------------------


@dataclass
class SurveyYear:
    """One financial year's responses: counts by rating and by agency, % good or better."""

    year: int
    responses: int
    by_rating: list[tuple[str, int]]
    by_agency: list[tuple[str, int, int]]  # (agency, responses, good or better)

    @property
    def label(self) -> str:
        return f"{self.year}-{str(self.year + 1)[2:]}"

    #: OBA3-06 for the year, from the measure registry (the survey page never recounts it).
    measure_text: str = ""
    good_or_better: int = 0


def _year_span(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def survey_year(year: int) -> SurveyYear:
    found = list(
        PartnerSurveyResponse.objects.filter(responded_on__range=_year_span(year)).values_list(
            "agency", "rating"
        )
    )
    ratings = Counter(rating for _, rating in found)
    agencies = Counter(agency for agency, _ in found)
    good = Counter(agency for agency, rating in found if rating in GOOD_OR_BETTER)
    figure = partner_experience(year)
    return SurveyYear(
        year=year,
        responses=len(found),
        by_rating=[(str(label), ratings[k]) for k, label in SurveyRating.choices],
        by_agency=[(str(label), agencies[k], good[k]) for k, label in SurveyAgency.choices],
        measure_text=registry.get(EXPERIENCE).format(figure.value),
        good_or_better=figure.numerator_count,
    )


def partner_experience(year: int) -> Figure:
    """OBA3-06 for the financial year starting in April of ``year``."""
    period = Period.financial_year(year)
    return Data.for_periods([period]).figure(EXPERIENCE, period)


def survey_years(today: dt.date | None = None) -> list[int]:
    """Financial years from the first response to this one, newest first."""
    day = today or clock.today()
    this = day.year if day.month >= 4 else day.year - 1
    first = PartnerSurveyResponse.objects.aggregate(first=models.Min("responded_on"))["first"]
    start = (first.year if first.month >= 4 else first.year - 1) if first else this
    return list(range(this, min(start, this) - 1, -1))


def survey_responses(year: int) -> models.QuerySet[PartnerSurveyResponse]:
    return PartnerSurveyResponse.objects.filter(responded_on__range=_year_span(year)).order_by(
        "-responded_on", "agency", "id"
    )
