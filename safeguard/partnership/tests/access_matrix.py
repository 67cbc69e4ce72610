"""Authorization matrix cases for the LADO's pages.

A LADO case is visible to the LADO only: not to the social worker allocated to the child
the allegation names, not to their managers, not to partner agencies. The quarterly
report (counts only) is also for service managers and the partnership business unit.
"""

from __future__ import annotations

import datetime as dt

from safeguard.access.testing.matrix import Case
from safeguard.core import clock

LADO = {"lado"}
REPORT_READERS = {"lado", "service_manager", "partnership_business_unit"}


def _allegation(w, *, referral: bool = False):
    """A contact naming the social worker's allocated child (a referral if asked)."""
    from safeguard.partnership.services.lado import progress_to_referral, record_contact

    informed = clock.today() - dt.timedelta(days=10)
    allegation = record_contact(
        lado_informed_on=informed,
        source_agency="education",
        subject_name="Morgan Coach",
        subject_role="sport",
        category="physical",
        summary="Rough handling at training.",
        children=[w.child_allocated],
    )
    if referral:
        progress_to_referral(allegation=allegation, referral_on=informed)
    return {"allegation_id": allegation.pk}


def _contact(w):
    return _allegation(w)


def _referral(w):
    return _allegation(w, referral=True)


def _quarter(w):
    return {"fmt": "csv"}


EMPTY = "(empty form: re-rendered with errors)"
CASES = [
    Case(url_name="partnership:lado_cases", allowed=LADO),
    Case(url_name="partnership:lado_cases", allowed=LADO, query="stage=referral&status=open"),
    Case(url_name="partnership:lado_record_contact", allowed=LADO),
    Case(url_name="partnership:lado_record_contact", allowed=LADO, method="post", note=EMPTY),
    Case(
        url_name="partnership:lado_case",
        kwargs=_contact,
        allowed=LADO,
        note="(names the social worker's allocated child: still LADO only)",
    ),
    Case(url_name="partnership:lado_referral", kwargs=_contact, allowed=LADO),
    Case(
        url_name="partnership:lado_referral",
        kwargs=_contact,
        allowed=LADO,
        method="post",
        note=EMPTY,
    ),
    Case(url_name="partnership:lado_meeting", kwargs=_referral, allowed=LADO),
    Case(
        url_name="partnership:lado_meeting",
        kwargs=_referral,
        allowed=LADO,
        method="post",
        note=EMPTY,
    ),
    Case(url_name="partnership:lado_outcome", kwargs=_referral, allowed=LADO),
    Case(
        url_name="partnership:lado_outcome",
        kwargs=_referral,
        allowed=LADO,
        method="post",
        note=EMPTY,
    ),
    Case(url_name="partnership:lado_dbs", kwargs=_referral, allowed=LADO),
    Case(url_name="partnership:lado_close", kwargs=_contact, allowed=LADO),
    Case(
        url_name="partnership:lado_close",
        kwargs=_contact,
        allowed=LADO,
        method="post",
        note=EMPTY,
    ),
    Case(url_name="partnership:lado_report", allowed=REPORT_READERS),
    Case(url_name="partnership:lado_report", allowed=REPORT_READERS, query="quarter=2020-Q1"),
    Case(
        url_name="partnership:lado_report_export",
        kwargs=_quarter,
        allowed=REPORT_READERS,
        query="quarter=2020-Q1",
    ),
    Case(
        url_name="partnership:lado_report_export",
        kwargs=lambda w: {"fmt": "pdf"},
        allowed=REPORT_READERS,
        query="quarter=2020-Q1",
        note="(PDF)",
    ),
]

# Issue 9: one module per process.
from safeguard.partnership.tests.access_matrix_child_deaths import CASES as _CDOP  # noqa: E402
from safeguard.partnership.tests.access_matrix_dataset import CASES as _DATASET  # noqa: E402
from safeguard.partnership.tests.access_matrix_reviews import CASES as _REVIEWS  # noqa: E402
from safeguard.partnership.tests.access_matrix_training import CASES as _TRAINING  # noqa: E402

CASES += [*_REVIEWS, *_CDOP, *_TRAINING, *_DATASET]
