"""Authorization matrix cases for the fostering pages.

Carer households and enquiries are for the fostering managers (``manage_fostering``:
team and service managers); the sufficiency report (counts only) also for performance
analysts. Partner agencies, social workers and everyone else are denied.
"""

from __future__ import annotations

import datetime as dt

from safeguard.access.testing.matrix import Case
from safeguard.core import clock

MANAGERS = {"team_manager", "service_manager"}
REPORT_READERS = {"team_manager", "service_manager", "performance_analyst"}
EMPTY = "(empty form: re-rendered with errors)"


def _enquiry(w):
    from safeguard.fostering.services import record_enquiry

    enquiry = record_enquiry(
        received_on=clock.today() - dt.timedelta(days=5), enquirer_name="Jo Reed", source="phone"
    )
    return {"enquiry_id": enquiry.pk}


def _household(w):
    from safeguard.fostering.models import FosterHousehold

    household = FosterHousehold.objects.create(
        name="The Reeds",
        carer_names="Jo Reed",
        approved_on=clock.today() - dt.timedelta(days=400),
        approval_type="long_term",
        children_approved=2,
        vacancies=1,
    )
    return {"household_id": household.pk}


CASES = [
    Case(url_name="fostering:enquiries", allowed=MANAGERS),
    Case(url_name="fostering:enquiries", allowed=MANAGERS, query="stage=approved&page=2"),
    Case(url_name="fostering:record_enquiry", allowed=MANAGERS),
    Case(url_name="fostering:record_enquiry", allowed=MANAGERS, method="post", note=EMPTY),
    Case(url_name="fostering:enquiry", kwargs=_enquiry, allowed=MANAGERS),
    Case(url_name="fostering:close_enquiry", kwargs=_enquiry, allowed=MANAGERS),
    Case(url_name="fostering:start_assessment", kwargs=_enquiry, allowed=MANAGERS),
    Case(
        url_name="fostering:start_assessment",
        kwargs=_enquiry,
        allowed=MANAGERS,
        method="post",
        note=EMPTY,
    ),
    Case(
        url_name="fostering:stage_two",
        kwargs=_enquiry,
        allowed=MANAGERS,
        note="(not open yet: a warning)",
    ),
    Case(url_name="fostering:panel", kwargs=_enquiry, allowed=MANAGERS),
    Case(url_name="fostering:decision", kwargs=_enquiry, allowed=MANAGERS),
    Case(url_name="fostering:households", allowed=MANAGERS),
    Case(url_name="fostering:households", allowed=MANAGERS, query="show=all"),
    Case(url_name="fostering:household", kwargs=_household, allowed=MANAGERS),
    Case(url_name="fostering:vacancies", kwargs=_household, allowed=MANAGERS),
    Case(
        url_name="fostering:vacancies",
        kwargs=_household,
        allowed=MANAGERS,
        method="post",
        note=EMPTY,
    ),
    Case(url_name="fostering:review", kwargs=_household, allowed=MANAGERS),
    Case(url_name="fostering:deregister", kwargs=_household, allowed=MANAGERS),
    Case(url_name="fostering:report", allowed=REPORT_READERS),
    Case(
        url_name="fostering:report_export", kwargs=lambda w: {"fmt": "csv"}, allowed=REPORT_READERS
    ),
]
