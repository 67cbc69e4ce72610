"""The partnership dataset: partners' quarterly exception reports and the partner
experience survey (seed 001, "Multi-Agency Quality Assurance"; OBA3-06, seed 003).

The ten basic metrics are computed from the social-care records; what is generated here
is what the partners write:

* **exception reports**: one per agency (police, health, education, probation, housing
  and the local authority) per financial quarter over the history, submitted within a
  few weeks of the quarter's end. In the latest complete quarter two agencies have not
  submitted yet (one has a draft, one has not started): the business unit's "missing"
  list. The quarter in progress has none. Volumes do not scale (six agencies whatever
  the size of the authority). RAG ratings mostly green or amber, about one section in
  seven red.
* **the partner survey**: about 90 responses a year at scale 1.0 (within the 60-120 a
  partnership of this size receives; the seeds give no figure), most in the annual survey
  window (mid January to February), the rest through the year; about 70% good or better
  (excellent 18%, good 52%, adequate 22%, poor 8%). The seeds give no rate either:
  "partner experience" is listed in the OBA snapshot without a figure.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from safeguard.core.quarters import FinancialQuarter
from safeguard.partnership.models.dataset import (
    EXCEPTION_SECTIONS,
    ExceptionReport,
    PartnerSurveyResponse,
    ReportingAgency,
    ReportStatus,
)
from safeguard.synth.context import SynthContext
from safeguard.synth.draws import weighted
from safeguard.synth.writer import build

STREAM = "partnership_dataset"
SURVEY_PER_YEAR = 90.0
IN_WINDOW = 0.8
RAGS = (("green", 0.45), ("amber", 0.41), ("red", 0.14))
RATINGS = (("excellent", 0.18), ("good", 0.52), ("adequate", 0.22), ("poor", 0.08))
SURVEY_AGENCIES = (
    ("education", 0.35),
    ("health", 0.22),
    ("police", 0.12),
    ("voluntary", 0.14),
    ("housing", 0.07),
    ("probation", 0.05),
    ("other", 0.05),
)
#: Days after the quarter's end a report is submitted (the QA group meets about then).
SUBMIT_AFTER = (5, 35)
WITH_COMMENT = 0.6
#: What each section says, by its rating (the agency's name is added where it fits).
SECTION_TEXT: dict[str, dict[str, tuple[str, ...]]] = {
    "risks": {
        "green": (
            "No new risks this quarter; the actions agreed last quarter are on track.",
            "Demand is stable and referrals are being screened within timescale.",
        ),
        "amber": (
            "A rise in referrals about neglect in two localities; being tracked weekly.",
            "More young people reported missing from home; return interviews delayed.",
            "Concern about children at risk of criminal exploitation around the town centre.",
        ),
        "red": (
            "A sharp increase in children waiting for mental health assessment (CAMHS).",
            "Domestic abuse notifications are up a third on last quarter; triage is behind.",
        ),
    },
    "emerging_priorities": {
        "green": (
            "Nothing new; we continue with the neglect strategy actions.",
            "Preparing for the new Working Together arrangements; no issues expected.",
        ),
        "amber": (
            "Online harm and image sharing among secondary-age pupils.",
            "Families in temporary accommodation placed out of area.",
            "Emotional wellbeing of children after school closures; a deep dive is proposed.",
        ),
        "red": (
            "Suicide and self-harm among young people: three serious incidents this quarter.",
            "County lines activity linked to two children in care placed in the area.",
        ),
    },
    "resources": {
        "green": (
            "Resources meet demand this quarter.",
            "Funding confirmed for the coming year; no gaps.",
        ),
        "amber": (
            "A fixed-term post ends next quarter and funding is not yet agreed.",
            "Capacity for strategy discussions is stretched at peak times.",
        ),
        "red": (
            "Service funding is reduced from next quarter; waiting lists will grow.",
            "No capacity to attend all initial child protection conferences in person.",
        ),
    },
    "workforce": {
        "green": (
            "Staffing is stable; safeguarding training is up to date for most staff.",
            "New starters completed their safeguarding induction.",
        ),
        "amber": (
            "Two vacancies in the safeguarding team; interim cover in place.",
            "Sickness absence is above target; supervision frequency has dropped.",
        ),
        "red": (
            "High turnover of named professionals; a third of posts are vacant.",
            "Agency staff cover half the team and attendance at multi-agency meetings is low.",
        ),
    },
}
COMMENTS: dict[str, tuple[str, ...]] = {
    "excellent": (
        "The MASH responds quickly and keeps us informed of outcomes.",
        "Social workers are easy to reach and strategy discussions are well run.",
    ),
    "good": (
        "Good communication on the whole; feedback on referrals could be quicker.",
        "Conferences are well chaired; minutes sometimes arrive late.",
        "Helpful advice from the front door when we are unsure whether to refer.",
    ),
    "adequate": (
        "Changes of social worker make it hard to keep track of plans.",
        "We are not always told when a case closes.",
    ),
    "poor": (
        "Referrals are sent back without a decision being explained.",
        "Hard to get hold of the allocated worker; calls are not returned.",
    ),
}


def generate(ctx: SynthContext) -> None:
    rng = ctx.stream(STREAM)
    _exception_reports(ctx, rng)
    _survey(ctx, rng)


# -- exception reports ------------------------------------------------------------------------


def _quarters(start: dt.date, end: dt.date) -> list[FinancialQuarter]:
    """Every complete quarter of the history (ended before ``end``), oldest first."""
    quarter = FinancialQuarter.containing(start)
    out = []
    while quarter.end < end:
        out.append(quarter)
        quarter = quarter.next()
    return out


def _exception_reports(ctx: SynthContext, rng: np.random.Generator) -> None:
    settings = ctx.settings
    fake = ctx.faker(STREAM)
    quarters = _quarters(settings.start, settings.end)
    if not quarters:
        return
    agencies = list(ReportingAgency.values)
    latest = quarters[-1]
    late = list(rng.choice(agencies, size=2, replace=False))  # not submitted yet
    writers = {agency: fake.name() for agency in agencies}
    for quarter in quarters:
        for agency in agencies:
            if rng.random() < 0.08:  # the named writer changes now and then
                writers[agency] = fake.name()
            sections = {name: _rag(rng) for name, _, _ in EXCEPTION_SECTIONS}
            values: dict[str, object] = {
                name: _text(rng, name, rag) for name, rag in sections.items()
            }
            values |= {f"{name}_rag": rag for name, rag in sections.items()}
            if quarter == latest and agency in late:
                if agency == late[1]:
                    continue  # not started
                written = min(settings.end, quarter.end + dt.timedelta(days=3))
                keep: dict[str, object] = {
                    "risks": values["risks"],
                    "risks_rag": values["risks_rag"],
                }
                _add(ctx, agency, quarter, keep, ReportStatus.DRAFT, written)
                continue
            after = int(rng.integers(*SUBMIT_AFTER, endpoint=True))
            submitted = min(settings.end, quarter.end + dt.timedelta(days=after))
            values |= {"submitted_on": submitted, "submitted_by_name": writers[agency]}
            _add(ctx, agency, quarter, values, ReportStatus.SUBMITTED, submitted)


def _rag(rng: np.random.Generator) -> str:
    return str(weighted(rng, list(RAGS)))


def _text(rng: np.random.Generator, section: str, rag: str) -> str:
    bank = SECTION_TEXT[section][rag]
    return str(bank[int(rng.integers(len(bank)))])


def _add(
    ctx: SynthContext,
    agency: str,
    quarter: FinancialQuarter,
    values: dict[str, object],
    status: str,
    written: dt.date,
) -> None:
    ctx.writer.add(
        build(ExceptionReport, agency=agency, quarter=quarter.code, status=status, **values),
        id=ctx.new_id(STREAM),
        at=ctx.at(written, 11),
    )


# -- the partner survey -----------------------------------------------------------------------


def _survey_days(rng: np.random.Generator, start: dt.date, end: dt.date, per_year: float) -> list:
    """Response dates: most in each year's survey window, the rest through the year."""
    days: list[dt.date] = []
    span = (end - start).days + 1
    total = int(rng.poisson(per_year * span / 365.25))
    windows = [
        (max(start, dt.date(y, 1, 15)), min(end, dt.date(y, 2, 28)))
        for y in range(start.year, end.year + 1)
    ]
    windows = [(a, b) for a, b in windows if a <= b]
    for _ in range(total):
        if windows and rng.random() < IN_WINDOW:
            first, last = windows[int(rng.integers(len(windows)))]
            day = first + dt.timedelta(days=int(rng.integers((last - first).days + 1)))
        else:
            day = start + dt.timedelta(days=int(rng.integers(span)))
        days.append(day)
    return sorted(days)


def _survey(ctx: SynthContext, rng: np.random.Generator) -> None:
    settings = ctx.settings
    per_year = SURVEY_PER_YEAR * settings.scale
    for day in _survey_days(rng, settings.start, settings.end, per_year):
        rating = str(weighted(rng, list(RATINGS)))
        comments = ""
        if rng.random() < WITH_COMMENT:
            bank = COMMENTS[rating]
            comments = bank[int(rng.integers(len(bank)))]
        ctx.writer.add(
            build(
                PartnerSurveyResponse,
                agency=str(weighted(rng, list(SURVEY_AGENCIES))),
                responded_on=day,
                rating=rating,
                comments=comments,
            ),
            id=ctx.new_id(STREAM),
            at=ctx.at(day, 14),
        )
