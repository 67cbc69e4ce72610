"""Authorization matrix cases for the serious incident and practice review pages.

These records are about a child but belong to the partnership business unit alone: the
social worker, their managers, the LADO, quality assurance and partner agencies are all
refused, whatever the page (list, incident, steps, tracker, downloads, themes).
"""

from __future__ import annotations

import datetime as dt

from safeguard.access.testing.matrix import Case
from safeguard.core import calendar, clock

UNIT = {"partnership_business_unit"}
EMPTY = "(empty form: re-rendered with errors)"


def _incident(w, *, stage: str = "new"):
    """A serious incident at ``stage``: new, reviewed (local CSPR decided), commissioned."""
    from safeguard.partnership.services import reviews as services
    from safeguard.partnership.services import reviews_cspr as cspr
    from safeguard.partnership.services import reviews_plan as plan

    aware = calendar.add_working_days(clock.today(), -30)
    incident = services.record_incident(
        child_identifier="Child K",
        la_area="ours",
        incident_type="serious_harm",
        aware_on=aware,
    )
    out = {"incident_id": incident.pk}
    if stage == "new":
        return out
    services.record_notification(
        incident=incident, panel_notified_on=aware, partners_notified_on=aware
    )
    held = aware + dt.timedelta(days=7)
    services.record_rapid_review(
        incident=incident,
        held_on=held,
        sent_on=None,
        facts="Facts.",
        immediate_actions="",
        decision="local_cspr",
        reasons="Learning.",
    )
    if stage == "reviewed":
        return out
    cspr.start_cspr(
        incident=incident,
        decided_on=held,
        reviewer_name="R",
        reviewer_organisation="O",
        coi_declared=False,
        coi_checked_on=held,
        coi_outcome="None.",
    )
    if stage == "commissioned":
        return out
    if stage == "request":
        asked = plan.request_information(
            incident=incident, agency="Police", sent_on=held, due_on=held
        )
        return {**out, "request_id": asked.pk}
    action = plan.add_action(
        incident=incident, action="Act.", owner_agency="Health", due_on=clock.today()
    )
    if stage == "started":
        plan.start_action(action=action)
    return {**out, "action_id": action.pk}


def _new(w):
    return _incident(w)


def _reviewed(w):
    return _incident(w, stage="reviewed")


def _commissioned(w):
    return _incident(w, stage="commissioned")


def _request(w):
    return _incident(w, stage="request")


def _action(w):
    return _incident(w, stage="action")


def _started(w):
    return _incident(w, stage="started")


def _theme(w):
    from safeguard.partnership.services import reviews_plan as plan

    return {"theme_id": plan.add_theme(label="Matrix theme").pk}


def _step(name: str, kwargs=_new) -> list[Case]:
    return [
        Case(url_name=f"partnership:{name}", kwargs=kwargs, allowed=UNIT),
        Case(
            url_name=f"partnership:{name}", kwargs=kwargs, allowed=UNIT, method="post", note=EMPTY
        ),
    ]


CASES = [
    Case(url_name="partnership:review_list", allowed=UNIT),
    Case(url_name="partnership:review_list", allowed=UNIT, query="la_area=ours&stage=open"),
    *_step("review_new", kwargs=lambda w: {}),
    Case(url_name="partnership:review_case", kwargs=_new, allowed=UNIT),
    *_step("review_notification"),
    *_step("review_rapid_review", _new),
    *_step("review_rapid_review_sent", _reviewed),
    *_step("review_cspr", _reviewed),
    *_step("review_plan_publication", _commissioned),
    *_step("review_copy", _commissioned),
    *_step("review_publication", _commissioned),
    *_step("review_information_request", _commissioned),
    *_step("review_information_received", _request),
    *_step("review_themes", _reviewed),
    *_step("review_action_add", _reviewed),
    Case(url_name="partnership:review_action_start", kwargs=_action, allowed=UNIT),
    Case(
        url_name="partnership:review_action_start",
        kwargs=_started,
        allowed=UNIT,
        method="post",
        note="(already in progress: the page says so)",
    ),
    *_step("review_action_complete", _action),
    *_step("review_product_add", _reviewed),
    Case(url_name="partnership:review_tracker", allowed=UNIT),
    Case(
        url_name="partnership:review_tracker_export",
        kwargs=lambda w: {"fmt": "csv"},
        allowed=UNIT,
    ),
    Case(
        url_name="partnership:review_tracker_export",
        kwargs=lambda w: {"fmt": "pdf"},
        allowed=UNIT,
        note="(PDF)",
    ),
    *_step("review_themes_list", kwargs=lambda w: {}),
    Case(
        url_name="partnership:review_theme_active",
        kwargs=_theme,
        allowed=UNIT,
        method="post",
        data=lambda w: {"active": "no"},
        ok_status=302,
        redirect_to="partnership:review_themes_list",
    ),
]
