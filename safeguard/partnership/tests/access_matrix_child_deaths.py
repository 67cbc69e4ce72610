"""Authorization matrix cases for the child death review (CDOP) pages.

A child death review is the partnership business unit's only: not the social worker
allocated to the child (even when the review links the child's record), not their
managers, not the LADO, not quality assurance, not partner agencies. The statistics and
the National Child Mortality Database extract are the business unit's too.
"""

from __future__ import annotations

import datetime as dt

from safeguard.access.testing.matrix import Case
from safeguard.core import clock

CDOP = {"partnership_business_unit"}
EMPTY = "(empty form: re-rendered with errors)"


def _death(w, *, meeting: bool = False):
    """An unexpected death of the social worker's allocated child (meeting held if asked)."""
    from safeguard.partnership.services import child_deaths as services

    died = clock.today() - dt.timedelta(days=20)
    death = services.notify_death(
        first_name=w.child_allocated.first_name,
        last_name=w.child_allocated.last_name,
        date_of_birth=w.child_allocated.date_of_birth,
        date_of_death=died,
        sex="1",
        ethnicity="WBRI",
        resident_area="ours",
        notified_on=died,
        notified_by="hospital",
        place_of_death="hospital",
        expectation="unexpected",
        known_to_social_care=True,
        person=w.child_allocated,
    )
    if meeting:
        services.record_review_meeting(
            death=death, meeting_on=died + dt.timedelta(days=7), held=True
        )
    return {"death_id": death.pk}


def _open(w):
    return _death(w)


def _met(w):
    return _death(w, meeting=True)


def _step(name: str, kwargs=_open) -> list[Case]:
    return [
        Case(url_name=f"partnership:{name}", kwargs=kwargs, allowed=CDOP),
        Case(
            url_name=f"partnership:{name}", kwargs=kwargs, allowed=CDOP, method="post", note=EMPTY
        ),
    ]


CASES = [
    Case(url_name="partnership:child_death_list", allowed=CDOP),
    Case(
        url_name="partnership:child_death_list",
        allowed=CDOP,
        query="status=open&expectation=unexpected",
    ),
    Case(url_name="partnership:child_death_notify", allowed=CDOP),
    Case(url_name="partnership:child_death_notify", allowed=CDOP, method="post", note=EMPTY),
    Case(
        url_name="partnership:child_death_case",
        kwargs=_open,
        allowed=CDOP,
        note="(links the social worker's allocated child: still the business unit only)",
    ),
    *_step("child_death_jar"),
    *_step("child_death_coroner"),
    *_step("child_death_registrar"),
    *_step("child_death_review_meeting"),
    *_step("child_death_panel_date", _met),
    *_step("child_death_panel_review", _met),
    Case(url_name="partnership:child_death_statistics", allowed=CDOP),
    Case(url_name="partnership:child_death_statistics", allowed=CDOP, query="year=2020"),
    Case(
        url_name="partnership:child_death_statistics_export",
        kwargs=lambda w: {"fmt": "csv"},
        allowed=CDOP,
        query="year=2020",
    ),
    Case(
        url_name="partnership:child_death_statistics_export",
        kwargs=lambda w: {"fmt": "pdf"},
        allowed=CDOP,
        query="year=2020",
        note="(PDF)",
    ),
    Case(url_name="partnership:child_death_ncmd_export", allowed=CDOP, query="year=2020"),
]
