"""Writes for serious incidents and practice reviews: the notification, the rapid review
and its decision.

One function per business step, keyword-only, one transaction each; the rules are
checked before writing and a refusal is a ``ValidationError`` keyed by the field at
fault; an edit from a stale copy raises ``StaleRecordError``. A step done late is
recorded (the tracker shows the timescale missed): deadlines are the registry's, never
checked here. Every write is audited. The local child safeguarding practice review
(reviewer, conflict of interest check, final report to the Panel, publication) is in
``reviews_cspr``; the action plan, information requests, themes and learning products
are in ``reviews_plan``.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.audit.models import AuditAction
from safeguard.core import validation as v
from safeguard.partnership.models import (
    IncidentType,
    ReviewArea,
    ReviewDecision,
    SeriousIncident,
)
from safeguard.partnership.services.reviews_checks import (
    audit,
    check_choice,
    check_date,
    check_identifier,
    create_with_reference,
    day_text,
    lock,
    not_before,
    required_text,
)


def _check_notification(
    *,
    looked_after_death: bool,
    aware_on: dt.date,
    panel_notified_on: dt.date | None,
    partners_notified_on: dt.date | None,
    secretary_of_state_notified_on: dt.date | None,
    ofsted_notified_on: dt.date | None,
) -> None:
    """The Panel and the partners are both notified; for a looked-after child's death
    the Secretary of State and Ofsted too. None before the LA became aware."""
    dates = [
        (panel_notified_on, "panel_notified_on", "Date notified to the national Panel"),
        (partners_notified_on, "partners_notified_on", "Date notified to the partners"),
    ]
    if looked_after_death:
        dates += [
            (
                secretary_of_state_notified_on,
                "secretary_of_state_notified_on",
                "Date notified to the Secretary of State (the death of a looked-after child)",
            ),
            (
                ofsted_notified_on,
                "ofsted_notified_on",
                "Date notified to Ofsted (the death of a looked-after child)",
            ),
        ]
    else:
        for value, field in (
            (secretary_of_state_notified_on, "secretary_of_state_notified_on"),
            (ofsted_notified_on, "ofsted_notified_on"),
        ):
            if value is not None:
                raise v.fail(
                    field,
                    "The Secretary of State and Ofsted are notified of the death of a "
                    "looked-after child: leave this empty.",
                )
    for value, field, label in dates:
        day = check_date(value, field=field, label=label)
        not_before(day, aware_on, field=field, label=label, what="the date the LA became aware")


@transaction.atomic
def record_incident(
    *,
    child_identifier: str,
    la_area: str,
    incident_type: str,
    aware_on: dt.date,
    looked_after: bool = False,
    incident_on: dt.date | None = None,
    summary: str = "",
    panel_notified_on: dt.date | None = None,
    partners_notified_on: dt.date | None = None,
    secretary_of_state_notified_on: dt.date | None = None,
    ofsted_notified_on: dt.date | None = None,
) -> SeriousIncident:
    """A serious incident is on record: the child by initials or an agreed name, the
    area, what happened and when the LA became aware; the notification dates now, or
    later (``record_notification``) while it is due."""
    identifier = check_identifier(child_identifier)
    check_choice(la_area, ReviewArea, field="la_area", label="the local authority area")
    check_choice(incident_type, IncidentType, field="incident_type", label="the type of incident")
    aware = check_date(aware_on, field="aware_on", label="Date the LA became aware")
    if incident_on is not None:
        v.not_in_future(incident_on, field="incident_on", label="Date of the incident")
        if incident_on > aware:
            raise v.fail(
                "incident_on",
                f"Date of the incident ({day_text(incident_on)}) cannot be after the date the "
                f"LA became aware ({day_text(aware)}).",
            )
    any_date = any(
        d is not None
        for d in (
            panel_notified_on,
            partners_notified_on,
            secretary_of_state_notified_on,
            ofsted_notified_on,
        )
    )
    if any_date:
        _check_notification(
            looked_after_death=looked_after and incident_type == IncidentType.DEATH,
            aware_on=aware,
            panel_notified_on=panel_notified_on,
            partners_notified_on=partners_notified_on,
            secretary_of_state_notified_on=secretary_of_state_notified_on,
            ofsted_notified_on=ofsted_notified_on,
        )
    incident = create_with_reference(
        aware.year,
        child_identifier=identifier,
        la_area=la_area,
        incident_type=incident_type,
        looked_after=looked_after,
        incident_on=incident_on,
        aware_on=aware,
        summary=summary.strip(),
        panel_notified_on=panel_notified_on,
        partners_notified_on=partners_notified_on,
        secretary_of_state_notified_on=secretary_of_state_notified_on,
        ofsted_notified_on=ofsted_notified_on,
    )
    audit(incident, action=AuditAction.CREATE, summary="serious incident recorded")
    return incident


@transaction.atomic
def record_notification(
    *,
    incident: SeriousIncident,
    panel_notified_on: dt.date | None,
    partners_notified_on: dt.date | None,
    secretary_of_state_notified_on: dt.date | None = None,
    ofsted_notified_on: dt.date | None = None,
    expected_version: int | None = None,
) -> SeriousIncident:
    """The notification to the Panel and the partners (and, for a looked-after child's
    death, the Secretary of State and Ofsted), once."""
    incident = lock(incident, expected_version)
    if incident.panel_notified_on is not None:
        raise v.fail(
            "panel_notified_on",
            f"{incident.reference} was notified on {day_text(incident.panel_notified_on)}.",
        )
    _check_notification(
        looked_after_death=incident.is_looked_after_death,
        aware_on=incident.aware_on,
        panel_notified_on=panel_notified_on,
        partners_notified_on=partners_notified_on,
        secretary_of_state_notified_on=secretary_of_state_notified_on,
        ofsted_notified_on=ofsted_notified_on,
    )
    incident.panel_notified_on = panel_notified_on
    incident.partners_notified_on = partners_notified_on
    incident.secretary_of_state_notified_on = secretary_of_state_notified_on
    incident.ofsted_notified_on = ofsted_notified_on
    fields = [
        "panel_notified_on",
        "partners_notified_on",
        "secretary_of_state_notified_on",
        "ofsted_notified_on",
    ]
    incident.save(update_fields=fields)
    audit(
        incident,
        action=AuditAction.CHANGE,
        summary="notification recorded",
        changes={f: (None, getattr(incident, f)) for f in fields},
    )
    return incident


@transaction.atomic
def record_rapid_review(
    *,
    incident: SeriousIncident,
    held_on: dt.date,
    sent_on: dt.date | None,
    facts: str,
    immediate_actions: str,
    decision: str,
    reasons: str,
    expected_version: int | None = None,
) -> SeriousIncident:
    """The rapid review, once, after the notification: when held and sent to the Panel,
    the facts, immediate actions, and the decision with its reasons."""
    incident = lock(incident, expected_version)
    if incident.panel_notified_on is None:
        raise v.fail("held_on", "Record the notification to the Panel before the rapid review.")
    if incident.rapid_review_held_on is not None:
        raise v.fail(
            "held_on",
            f"The rapid review was held on {day_text(incident.rapid_review_held_on)}.",
        )
    held = check_date(held_on, field="held_on", label="Date the rapid review was held")
    not_before(
        held,
        incident.panel_notified_on,
        field="held_on",
        label="Date the rapid review was held",
        what="the notification",
    )
    if sent_on is not None:
        v.not_in_future(sent_on, field="sent_on", label="Date sent to the Panel")
        not_before(
            sent_on, held, field="sent_on", label="Date sent to the Panel", what="the rapid review"
        )
    check_choice(decision, ReviewDecision, field="decision", label="the decision")
    incident.rapid_review_held_on = held
    incident.rapid_review_sent_on = sent_on
    incident.rapid_review_facts = required_text(
        facts, field="facts", message="Summarise the facts of the case."
    )
    incident.immediate_actions = immediate_actions.strip()
    incident.decision = decision
    incident.decision_reasons = required_text(
        reasons, field="reasons", message="Give the reasons for the decision."
    )
    incident.save(
        update_fields=[
            "rapid_review_held_on",
            "rapid_review_sent_on",
            "rapid_review_facts",
            "immediate_actions",
            "decision",
            "decision_reasons",
        ]
    )
    audit(
        incident,
        action=AuditAction.CHANGE,
        summary="rapid review recorded",
        changes={"rapid_review_held_on": (None, held), "decision": ("", decision)},
    )
    return incident


@transaction.atomic
def record_rapid_review_sent(
    *, incident: SeriousIncident, sent_on: dt.date, expected_version: int | None = None
) -> SeriousIncident:
    """The rapid review went to the Panel after the meeting (a day or two later)."""
    incident = lock(incident, expected_version)
    if incident.rapid_review_held_on is None:
        raise v.fail("sent_on", "Record the rapid review before sending it to the Panel.")
    if incident.rapid_review_sent_on is not None:
        raise v.fail(
            "sent_on", f"It was sent to the Panel on {day_text(incident.rapid_review_sent_on)}."
        )
    day = check_date(sent_on, field="sent_on", label="Date sent to the Panel")
    not_before(
        day,
        incident.rapid_review_held_on,
        field="sent_on",
        label="Date sent to the Panel",
        what="the rapid review",
    )
    incident.rapid_review_sent_on = day
    incident.save(update_fields=["rapid_review_sent_on"])
    audit(
        incident,
        action=AuditAction.CHANGE,
        summary="rapid review sent to the Panel",
        changes={"rapid_review_sent_on": (None, day)},
    )
    return incident
