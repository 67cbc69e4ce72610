"""Authorization matrix cases for the partnership dataset.

* The ten basic metrics page and its downloads are counts and rates from the measure
  registry, the same figures the scorecards show to every holder of ``view_performance``
  (the business unit, performance analysts, service and team managers, quality
  assurance): they may open it. Partner agency users may not (they hold no
  ``view_performance``). The exception reports on that page are shown only to the
  business unit (tested in ``test_dataset_views``).
* A partner agency user opens their own agency's exception report form only: police's
  form is for the police user; every other agency's user gets 403, and so does the
  business unit (it reads partners' reports on its own pages, and writes the LA's).
* The business unit reads every agency's report, writes the local authority's, and keeps
  the partner survey; nobody else does.
"""

from __future__ import annotations

from safeguard.access.testing.matrix import Case
from safeguard.core import clock
from safeguard.partnership.quarters import Quarter

UNIT = {"partnership_business_unit"}
READERS = {
    "partnership_business_unit",
    "performance_analyst",
    "service_manager",
    "team_manager",
    "quality_assurance",
}
EMPTY = "(empty form: re-rendered with errors)"


def _last_quarter() -> str:
    return Quarter.containing(clock.today()).previous().code


def _police(w):
    return {"quarter": _last_quarter(), "agency": "police"}


def _health(w):
    return {"quarter": _last_quarter(), "agency": "health"}


def _submitted_police(w):
    """The police report for last quarter, submitted (so it can be sent back)."""
    from safeguard.partnership.services.dataset import save_exception_report

    quarter = Quarter.containing(clock.today()).previous()
    save_exception_report(
        agency="police",
        quarter=quarter,
        sections={n: "Text." for n in ("risks", "emerging_priorities", "resources", "workforce")},
        rags={n: "amber" for n in ("risks", "emerging_priorities", "resources", "workforce")},
        submit=True,
        submitted_by=w.users["partner_police"],
    )
    return {"quarter": quarter.code, "agency": "police"}


def _quarter(w):
    return {"quarter": _last_quarter()}


CASES = [
    Case(url_name="partnership:dataset_page", allowed=READERS),
    Case(url_name="partnership:dataset_page", allowed=READERS, query="quarter=2024-Q3"),
    Case(
        url_name="partnership:dataset_export",
        kwargs=lambda w: {"fmt": "csv"},
        allowed=READERS,
        query="quarter=2024-Q3",
    ),
    Case(
        url_name="partnership:dataset_export",
        kwargs=lambda w: {"fmt": "pdf"},
        allowed=READERS,
        query="quarter=2024-Q3",
        note="(PDF)",
    ),
    Case(url_name="partnership:dataset_report", kwargs=_police, allowed=UNIT),
    Case(
        url_name="partnership:dataset_report",
        kwargs=lambda w: {"quarter": _last_quarter(), "agency": "local_authority"},
        allowed=UNIT,
        note="(the local authority's)",
    ),
    Case(
        url_name="partnership:dataset_report_return",
        kwargs=_submitted_police,
        allowed=UNIT,
        method="post",
        note=EMPTY,
    ),
    Case(url_name="partnership:dataset_la_report_form", kwargs=_quarter, allowed=UNIT),
    Case(
        url_name="partnership:dataset_la_report_form",
        kwargs=_quarter,
        allowed=UNIT,
        method="post",
        note=EMPTY,
    ),
    Case(url_name="partnership:dataset_agency_reports", allowed={"partner_agency"}),
    Case(
        url_name="partnership:dataset_agency_report_form",
        kwargs=_police,
        allowed={"partner_police"},
        note="(police's form: the police user only)",
    ),
    Case(
        url_name="partnership:dataset_agency_report_form",
        kwargs=_health,
        allowed={"partner_health"},
        note="(health's form: the health user only)",
    ),
    Case(
        url_name="partnership:dataset_agency_report_form",
        kwargs=_police,
        allowed={"partner_police"},
        method="post",
        note=EMPTY,
    ),
    Case(
        url_name="partnership:dataset_agency_report_form",
        kwargs=lambda w: {"quarter": _last_quarter(), "agency": "local_authority"},
        allowed=set(),
        note="(the local authority's: not through the partners' form)",
    ),
    Case(url_name="partnership:dataset_survey", allowed=UNIT),
    Case(url_name="partnership:dataset_survey_new", allowed=UNIT),
    Case(url_name="partnership:dataset_survey_new", allowed=UNIT, method="post", note=EMPTY),
]
