"""Writes for what a review produces: written information requests to agencies, the
learning themes (and the maintained list of themes), the multi-agency action plan tracked
to completion, and the learning products issued."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.text import slugify

from safeguard.audit.models import AuditAction
from safeguard.core import validation as v
from safeguard.partnership.models import (
    ActionStatus,
    InformationRequest,
    LearningProduct,
    LearningTheme,
    ProductKind,
    ReviewAction,
    SeriousIncident,
)
from safeguard.partnership.services.reviews_checks import (
    audit,
    check_choice,
    check_date,
    day_text,
    lock,
    not_before,
    required_text,
)


def _reviewed(incident: SeriousIncident, field: str) -> dt.date:
    if incident.rapid_review_held_on is None:
        raise v.fail(field, "Record the rapid review first.")
    return incident.rapid_review_held_on


@transaction.atomic
def request_information(
    *,
    incident: SeriousIncident,
    agency: str,
    sent_on: dt.date,
    due_on: dt.date,
    expected_version: int | None = None,
) -> InformationRequest:
    """A written request to an agency for information for the local CSPR."""
    incident = lock(incident, expected_version)
    if incident.cspr_decided_on is None:
        raise v.fail("agency", "Information is requested for a local CSPR: record it first.")
    name = required_text(agency, field="agency", message="Enter the agency asked.")
    sent = check_date(sent_on, field="sent_on", label="Date sent")
    not_before(sent, incident.cspr_decided_on, field="sent_on", label="Date sent", what="the CSPR")
    v.require(due_on, field="due_on", label="Date due")
    not_before(due_on, sent, field="due_on", label="Date due", what="the date sent")
    request = InformationRequest.objects.create(
        incident=incident, agency=name, sent_on=sent, due_on=due_on
    )
    incident.save(update_fields=[])
    audit(incident, action=AuditAction.CREATE, summary=f"information requested from {name}")
    return request


@transaction.atomic
def record_information_received(
    *, request: InformationRequest, received_on: dt.date
) -> InformationRequest:
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if request.received_on is not None:
        raise v.fail("received_on", f"It was received on {day_text(request.received_on)}.")
    day = check_date(received_on, field="received_on", label="Date received")
    not_before(day, request.sent_on, field="received_on", label="Date received", what="the request")
    request.received_on = day
    request.save(update_fields=["received_on"])
    audit(
        request.incident,
        action=AuditAction.CHANGE,
        summary=f"information received from {request.agency}",
        changes={"received_on": (None, day)},
    )
    return request


@transaction.atomic
def set_themes(
    *,
    incident: SeriousIncident,
    themes: Sequence[LearningTheme],
    expected_version: int | None = None,
) -> SeriousIncident:
    """The review's learning themes. A retired theme already on the review may stay; a
    retired theme cannot be newly added."""
    incident = lock(incident, expected_version)
    _reviewed(incident, "themes")
    current = set(incident.themes.values_list("pk", flat=True))
    for theme in themes:
        if not theme.active and theme.pk not in current:
            raise v.fail("themes", f"{theme.label} is retired: choose a current theme.")
    before = sorted(str(t) for t in incident.themes.all())
    incident.themes.set(themes)
    incident.save(update_fields=[])
    audit(
        incident,
        action=AuditAction.CHANGE,
        summary="learning themes recorded",
        changes={"themes": (", ".join(before), ", ".join(sorted(str(t) for t in themes)))},
    )
    return incident


@transaction.atomic
def add_theme(*, label: str) -> LearningTheme:
    """A new theme on the maintained list (offered from now on)."""
    text = required_text(label, field="label", message="Enter the theme.")
    code = slugify(text).replace("-", "_")[:40]
    if not code:
        raise v.fail("label", "Use letters in the theme's name.")
    if LearningTheme.objects.filter(label__iexact=text).exists() or (
        LearningTheme.objects.filter(code=code).exists()
    ):
        raise v.fail("label", f"{text} is already on the list.")
    last = LearningTheme.objects.order_by("-order").values_list("order", flat=True).first()
    return LearningTheme.objects.create(code=code, label=text, order=(last or 0) + 10)


@transaction.atomic
def set_theme_active(*, theme: LearningTheme, active: bool) -> LearningTheme:
    """Retire a theme (reviews keep it) or bring it back."""
    theme = LearningTheme.objects.select_for_update().get(pk=theme.pk)
    theme.active = active
    theme.save(update_fields=["active"])
    return theme


@transaction.atomic
def add_action(
    *,
    incident: SeriousIncident,
    action: str,
    owner_agency: str,
    due_on: dt.date,
    expected_version: int | None = None,
) -> ReviewAction:
    """An action of the multi-agency action plan: what, which agency owns it, by when."""
    incident = lock(incident, expected_version)
    reviewed = _reviewed(incident, "action")
    text = required_text(action, field="action", message="Describe the action.")
    owner = required_text(
        owner_agency, field="owner_agency", message="Enter the agency that owns the action."
    )
    v.require(due_on, field="due_on", label="Due date")
    not_before(due_on, reviewed, field="due_on", label="Due date", what="the rapid review")
    created = ReviewAction.objects.create(
        incident=incident, action=text, owner_agency=owner, due_on=due_on
    )
    incident.save(update_fields=[])
    audit(incident, action=AuditAction.CREATE, summary=f"action added for {owner}", obj=created)
    return created


def _lock_action(action: ReviewAction) -> ReviewAction:
    locked = ReviewAction.objects.select_for_update().select_related("incident").get(pk=action.pk)
    if locked.status == ActionStatus.COMPLETE:
        raise v.fail(
            "completed_on",
            f"This action was completed on {day_text(locked.completed_on)}.",  # type: ignore[arg-type]
        )
    return locked


@transaction.atomic
def start_action(*, action: ReviewAction) -> ReviewAction:
    """The owner agency has started the action."""
    action = _lock_action(action)
    if action.status == ActionStatus.IN_PROGRESS:
        raise v.fail("status", "This action is already in progress.")
    action.status = ActionStatus.IN_PROGRESS
    action.save(update_fields=["status"])
    audit(
        action.incident,
        action=AuditAction.CHANGE,
        summary="action in progress",
        obj=action,
        changes={"status": (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)},
    )
    return action


@transaction.atomic
def complete_action(*, action: ReviewAction, completed_on: dt.date, evidence: str) -> ReviewAction:
    """The action is complete, with the evidence that it is and the date."""
    action = _lock_action(action)
    day = check_date(completed_on, field="completed_on", label="Date completed")
    not_before(
        day,
        action.incident.rapid_review_held_on,
        field="completed_on",
        label="Date completed",
        what="the rapid review",
    )
    before = action.status
    action.status = ActionStatus.COMPLETE
    action.completed_on = day
    action.evidence = required_text(
        evidence, field="evidence", message="Describe the evidence that the action is complete."
    )
    action.save(update_fields=["status", "completed_on", "evidence"])
    audit(
        action.incident,
        action=AuditAction.CHANGE,
        summary="action completed",
        obj=action,
        changes={"status": (before, ActionStatus.COMPLETE), "completed_on": (None, day)},
    )
    return action


@transaction.atomic
def record_learning_product(
    *,
    incident: SeriousIncident,
    kind: str,
    title: str,
    issued_on: dt.date,
    audience: str,
    expected_version: int | None = None,
) -> LearningProduct:
    """A learning product issued from the review (a 7-minute briefing, a webinar...)."""
    incident = lock(incident, expected_version)
    reviewed = _reviewed(incident, "kind")
    check_choice(kind, ProductKind, field="kind", label="the kind of product")
    name = required_text(title, field="title", message="Enter the title.")
    day = check_date(issued_on, field="issued_on", label="Date issued")
    not_before(day, reviewed, field="issued_on", label="Date issued", what="the rapid review")
    who = required_text(audience, field="audience", message="Enter who it is for.")
    product = LearningProduct.objects.create(
        incident=incident, kind=kind, title=name, issued_on=day, audience=who
    )
    incident.save(update_fields=[])
    audit(incident, action=AuditAction.CREATE, summary="learning product issued", obj=product)
    return product
