"""Reads for serious incidents and practice reviews: the list, one incident, its stage,
each timescale (met, due, overdue...) from the registry, and the action plan with the
"overdue" status worked out from today."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import models

from safeguard.core import clock
from safeguard.core.timescales import compute_due
from safeguard.partnership.models import (
    ActionStatus,
    InformationRequest,
    LearningProduct,
    LearningTheme,
    ReviewAction,
    ReviewDecision,
    SeriousIncident,
)

MET, LATE, DUE, OVERDUE, WAITING, NOT_APPLICABLE = (
    "met",
    "late",
    "due",
    "overdue",
    "waiting",
    "not_applicable",
)
STATE_LABELS = {
    MET: "Met",
    LATE: "Missed (done late)",
    DUE: "Due",
    OVERDUE: "Overdue",
    WAITING: "Not started",
    NOT_APPLICABLE: "Not applicable",
}
STATE_TAGS = {
    MET: "govuk-tag--green",
    LATE: "govuk-tag--orange",
    DUE: "govuk-tag--blue",
    OVERDUE: "govuk-tag--red",
    WAITING: "govuk-tag--grey",
    NOT_APPLICABLE: "govuk-tag--grey",
}
OVERDUE_STATUS = "overdue"
ACTION_LABELS = {**dict(ActionStatus.choices), OVERDUE_STATUS: "Overdue"}


@dataclass(frozen=True)
class TimescaleState:
    """One timescale of one incident: when due, when done, and whether met."""

    key: str
    label: str
    due: dt.date | None
    done: dt.date | None
    state: str

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def tag(self) -> str:
        return STATE_TAGS[self.state]


def _state(
    key: str, label: str, start: dt.date | None, done: dt.date | None, today: dt.date
) -> TimescaleState:
    if start is None:
        return TimescaleState(key, label, None, done, WAITING)
    due = compute_due(key, start).due_date
    if done is not None:
        return TimescaleState(key, label, due, done, MET if done <= due else LATE)
    return TimescaleState(key, label, due, None, OVERDUE if today > due else DUE)


def notification_done(incident: SeriousIncident) -> dt.date | None:
    """Notified once both the Panel and the partners are told: the later date."""
    if incident.panel_notified_on is None or incident.partners_notified_on is None:
        return None
    return max(incident.panel_notified_on, incident.partners_notified_on)


def timescales(incident: SeriousIncident, today: dt.date | None = None) -> list[TimescaleState]:
    """The four timescales of a review, in order (later ones not applicable where the
    rapid review decided against a local CSPR)."""
    today = today or clock.today()
    i = incident
    out = [
        _state(
            "serious_incident_notification",
            "Notified within 5 working days",
            i.aware_on,
            notification_done(i),
            today,
        ),
        _state(
            "rapid_review",
            "Rapid review sent to the Panel within 15 working days",
            i.panel_notified_on,
            i.rapid_review_sent_on,
            today,
        ),
    ]
    if i.decision and i.decision != ReviewDecision.LOCAL_CSPR:
        for key, label in (
            ("cspr_copy_to_panel", "Final report to the Panel 7 working days before"),
            ("cspr_publication", "Local CSPR published within 6 months"),
        ):
            out.append(TimescaleState(key, label, None, None, NOT_APPLICABLE))
        return out
    out += [
        _state(
            "cspr_copy_to_panel",
            "Final report to the Panel 7 working days before",
            i.planned_publication_on,
            i.copy_sent_on,
            today,
        ),
        _state(
            "cspr_publication",
            "Local CSPR published within 6 months",
            i.cspr_decided_on,
            i.published_on,
            today,
        ),
    ]
    return out


def stage(incident: SeriousIncident) -> str:
    i = incident
    if i.panel_notified_on is None:
        return "Notification"
    if i.rapid_review_held_on is None:
        return "Rapid review"
    if i.decision == ReviewDecision.NO_FURTHER:
        return "Rapid review: no further review"
    if i.decision == ReviewDecision.NATIONAL:
        return "Rapid review: national review recommended"
    if i.cspr_decided_on is None:
        return "Local CSPR: to commission"
    if i.published_on is None:
        return "Local CSPR in progress"
    return "Local CSPR published"


def action_status(action: ReviewAction, today: dt.date | None = None) -> str:
    """The stored status, or "overdue" for an action not complete past its due date."""
    today = today or clock.today()
    if action.status != ActionStatus.COMPLETE and action.due_on < today:
        return OVERDUE_STATUS
    return action.status


@dataclass(frozen=True)
class IncidentFilters:
    text: str = ""
    la_area: str = ""
    stage: str = ""


def incidents(filters: IncidentFilters | None = None) -> models.QuerySet[SeriousIncident]:
    f = filters or IncidentFilters()
    found = SeriousIncident.objects.annotate(
        action_count=models.Count("actions", distinct=True),
    )
    if f.text.strip():
        text = f.text.strip()
        found = found.filter(
            models.Q(reference__icontains=text) | models.Q(child_identifier__icontains=text)
        )
    if f.la_area:
        found = found.filter(la_area=f.la_area)
    if f.stage == "open":
        found = found.exclude(decision__in=[ReviewDecision.NO_FURTHER, ReviewDecision.NATIONAL])
        found = found.filter(published_on__isnull=True)
    return found.order_by("-aware_on", "-reference")


def incident(incident_id: uuid.UUID | str) -> SeriousIncident | None:
    return SeriousIncident.objects.filter(pk=incident_id).first()


def actions(incident: SeriousIncident) -> models.QuerySet[ReviewAction]:
    return ReviewAction.objects.filter(incident=incident).order_by("due_on", "created_at")


def action(incident: SeriousIncident, action_id: uuid.UUID) -> ReviewAction | None:
    return (
        ReviewAction.objects.select_related("incident")
        .filter(incident=incident, pk=action_id)
        .first()
    )


def information_requests(incident: SeriousIncident) -> models.QuerySet[InformationRequest]:
    return InformationRequest.objects.filter(incident=incident).order_by("sent_on", "agency")


def information_request(
    incident: SeriousIncident, request_id: uuid.UUID
) -> InformationRequest | None:
    return (
        InformationRequest.objects.select_related("incident")
        .filter(incident=incident, pk=request_id)
        .first()
    )


def products(incident: SeriousIncident) -> models.QuerySet[LearningProduct]:
    return LearningProduct.objects.filter(incident=incident).order_by("issued_on")


def theme_choices(incident: SeriousIncident | None = None) -> models.QuerySet[LearningTheme]:
    """Active themes, and any retired theme already on the review."""
    found = models.Q(active=True)
    if incident is not None:
        found |= models.Q(incidents=incident)
    return LearningTheme.objects.filter(found).distinct().order_by("order", "label")


def all_themes() -> models.QuerySet[LearningTheme]:
    return LearningTheme.objects.annotate(used=models.Count("incidents")).order_by(
        "-active", "order", "label"
    )
