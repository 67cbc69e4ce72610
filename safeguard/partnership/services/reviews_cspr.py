"""The local child safeguarding practice review (CSPR): from commissioning to publication."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.audit.models import AuditAction
from safeguard.core import validation as v
from safeguard.partnership.models import ReviewDecision, SeriousIncident
from safeguard.partnership.services.reviews_checks import (
    audit,
    check_date,
    day_text,
    lock,
    not_before,
    required_text,
)


@transaction.atomic
def start_cspr(
    *,
    incident: SeriousIncident,
    decided_on: dt.date,
    reviewer_name: str,
    reviewer_organisation: str,
    coi_declared: bool | None,
    coi_checked_on: dt.date | None,
    coi_outcome: str,
    planned_publication_on: dt.date | None = None,
    expected_version: int | None = None,
) -> SeriousIncident:
    """A local CSPR is commissioned: the decision date, the independent reviewer and the
    conflict of interest check (declared or not, when, and its outcome), once. Only where
    the rapid review decided on a local CSPR."""
    incident = lock(incident, expected_version)
    if incident.decision != ReviewDecision.LOCAL_CSPR:
        raise v.fail("decided_on", "The rapid review did not decide on a local CSPR.")
    if incident.cspr_decided_on is not None:
        raise v.fail(
            "decided_on", f"The local CSPR was decided on {day_text(incident.cspr_decided_on)}."
        )
    label = "Date the local CSPR was decided"
    day = check_date(decided_on, field="decided_on", label=label)
    not_before(
        day, incident.rapid_review_held_on, field="decided_on", label=label, what="the rapid review"
    )
    name = required_text(reviewer_name, field="reviewer_name", message="Enter the reviewer's name.")
    organisation = required_text(
        reviewer_organisation,
        field="reviewer_organisation",
        message="Enter the reviewer's organisation.",
    )
    if coi_declared is None:
        raise v.fail("coi_declared", "Select whether the reviewer declared a conflict of interest.")
    checked = check_date(
        coi_checked_on, field="coi_checked_on", label="Date of the conflict of interest check"
    )
    outcome = required_text(
        coi_outcome,
        field="coi_outcome",
        message="Record the outcome of the conflict of interest check.",
    )
    if planned_publication_on is not None:
        not_before(
            planned_publication_on,
            day,
            field="planned_publication_on",
            label="Planned publication date",
            what="the decision",
        )
    incident.cspr_decided_on = day
    incident.reviewer_name = name
    incident.reviewer_organisation = organisation
    incident.coi_declared = coi_declared
    incident.coi_checked_on = checked
    incident.coi_outcome = outcome
    incident.planned_publication_on = planned_publication_on
    incident.save(
        update_fields=[
            "cspr_decided_on",
            "reviewer_name",
            "reviewer_organisation",
            "coi_declared",
            "coi_checked_on",
            "coi_outcome",
            "planned_publication_on",
        ]
    )
    audit(
        incident,
        action=AuditAction.CHANGE,
        summary="local CSPR commissioned",
        changes={"cspr_decided_on": (None, day), "coi_declared": (None, coi_declared)},
    )
    return incident


def _open_cspr(incident: SeriousIncident, field: str) -> dt.date:
    if incident.cspr_decided_on is None:
        raise v.fail(field, "Record the decision on the local CSPR first.")
    if incident.published_on is not None:
        raise v.fail(field, f"The review was published on {day_text(incident.published_on)}.")
    return incident.cspr_decided_on


@transaction.atomic
def plan_publication(
    *,
    incident: SeriousIncident,
    planned_publication_on: dt.date,
    expected_version: int | None = None,
) -> SeriousIncident:
    """Set (or move) the planned publication date: the copy to the Panel is due 7
    working days before it."""
    incident = lock(incident, expected_version)
    decided = _open_cspr(incident, "planned_publication_on")
    v.require(planned_publication_on, field="planned_publication_on", label="Planned publication")
    not_before(
        planned_publication_on,
        decided,
        field="planned_publication_on",
        label="Planned publication date",
        what="the decision",
    )
    before = incident.planned_publication_on
    incident.planned_publication_on = planned_publication_on
    incident.save(update_fields=["planned_publication_on"])
    audit(
        incident,
        action=AuditAction.CHANGE,
        summary="publication planned",
        changes={"planned_publication_on": (before, planned_publication_on)},
    )
    return incident


@transaction.atomic
def record_copy_to_panel(
    *, incident: SeriousIncident, sent_on: dt.date, expected_version: int | None = None
) -> SeriousIncident:
    """The final report went to the Panel and the Secretary of State (once)."""
    incident = lock(incident, expected_version)
    decided = _open_cspr(incident, "sent_on")
    if incident.copy_sent_on is not None:
        raise v.fail("sent_on", f"The final report was sent on {day_text(incident.copy_sent_on)}.")
    label = "Date the final report was sent"
    day = check_date(sent_on, field="sent_on", label=label)
    not_before(day, decided, field="sent_on", label=label, what="the decision")
    incident.copy_sent_on = day
    incident.save(update_fields=["copy_sent_on"])
    audit(
        incident,
        action=AuditAction.CHANGE,
        summary="final report sent to the Panel and the Secretary of State",
        changes={"copy_sent_on": (None, day)},
    )
    return incident


@transaction.atomic
def record_publication(
    *, incident: SeriousIncident, published_on: dt.date, expected_version: int | None = None
) -> SeriousIncident:
    """The review is published, after its final report went to the Panel."""
    incident = lock(incident, expected_version)
    _open_cspr(incident, "published_on")
    if incident.copy_sent_on is None:
        raise v.fail(
            "published_on",
            "Record when the final report went to the Panel and the Secretary of State first.",
        )
    day = check_date(published_on, field="published_on", label="Date published")
    not_before(
        day,
        incident.copy_sent_on,
        field="published_on",
        label="Date published",
        what="the final report going to the Panel",
    )
    incident.published_on = day
    incident.save(update_fields=["published_on"])
    audit(
        incident,
        action=AuditAction.CHANGE,
        summary="review published",
        changes={"published_on": (None, day)},
    )
    return incident
