"""Authorization matrix cases for children out of school, and the locality hotspot table.

The child pages follow the child's record (the allocated child: Team A's casework roles);
the hotspot table is counts only, for whoever reads performance reports (as the CAROLE
report). The hotspot cases live here because the table is this work's (its URLs are in the
exploitation namespace).
"""

from __future__ import annotations

import datetime as dt

from safeguard.access.testing.matrix import NOBODY, Case, holders
from safeguard.core import calendar, clock

CASEWORK_TEAM_A = {
    "social_worker",
    "consultant_social_worker",
    "team_manager",
    "service_manager",
}
EMPTY = "(empty form: re-rendered with errors)"
REPORT_READERS = holders("view_performance")


def _day() -> dt.date:
    return calendar.previous_working_day(clock.today() - dt.timedelta(days=10))


def _allocated(w):
    return {"child_id": w.child_allocated.pk}


def _episode(w):
    from safeguard.education.services import record_missing_education

    episode = record_missing_education(
        child=w.child_allocated, reported_on=_day(), reported_by="school", reason="other"
    )
    return {"child_id": w.child_allocated.pk, "episode_id": episode.pk}


def _exclusion(w):
    from safeguard.education.services import record_exclusion

    exclusion = record_exclusion(
        child=w.child_allocated,
        kind="permanent",
        school_name="Dorset High",
        excluded_on=_day(),
        reason="damage",
    )
    return {"child_id": w.child_allocated.pk, "exclusion_id": exclusion.pk}


def _timetable(w):
    from safeguard.education.services import record_part_time_timetable

    timetable = record_part_time_timetable(
        child=w.child_allocated, school_name="Dorset High", started_on=_day()
    )
    return {"child_id": w.child_allocated.pk, "timetable_id": timetable.pk}


CASES = [
    Case(url_name="education:overview", kwargs=_allocated, allowed=CASEWORK_TEAM_A),
    Case(
        url_name="education:overview",
        kwargs=lambda w: {"child_id": w.child_other_team.pk},
        allowed=NOBODY,
        note="(another service's child: break-glass only)",
    ),
]
for name, kwargs in (
    ("education:record_cme", _allocated),
    ("education:close_cme", _episode),
    ("education:record_exclusion", _allocated),
    ("education:lift_exclusion", _exclusion),
    ("education:record_reintegration", _exclusion),
    ("education:record_timetable", _allocated),
    ("education:end_timetable", _timetable),
):
    CASES += [
        Case(url_name=name, kwargs=kwargs, allowed=CASEWORK_TEAM_A),
        Case(url_name=name, kwargs=kwargs, allowed=CASEWORK_TEAM_A, method="post", note=EMPTY),
    ]

# -- the locality hotspot table (counts only) --------------------------------------------
CASES += [
    Case(url_name=name, allowed=REPORT_READERS)
    for name in (
        "exploitation:hotspot_report",
        "exploitation:hotspot_report_pdf",
        "exploitation:hotspot_report_csv",
    )
]
