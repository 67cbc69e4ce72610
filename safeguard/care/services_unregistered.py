"""Writes for the unregistered placements register, its visits and its issued reports
(the visits in ``services_unregistered_visits``, the reports in
``services_unregistered_documents``, the shared checks in ``services_unregistered_rules``;
all importable from here).

One function per business action, keyword-only, in one transaction. Each checks its rules
before writing anything and raises ``ValidationError`` keyed by the field at fault. An
edit of an existing entry carries the version the user started from and is refused if
someone has saved since (``StaleRecordError``). Every row written goes through the model,
so the audit log records it with the child it is about.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.care import selectors_unregistered as selectors
from safeguard.care.models import LookedAfterEpisode
from safeguard.care.models_unregistered import (
    ProgressStep,
    ProgressUpdate,
    UnregisteredEndReason,
    UnregisteredPlacement,
    UnregisteredSetting,
)
from safeguard.care.selectors import period_on
from safeguard.care.services_unregistered_documents import issue_document, issue_documents
from safeguard.care.services_unregistered_rules import (
    check_approval,
    check_reason,
    check_version,
    choice,
    lock,
    text,
    within,
)
from safeguard.care.services_unregistered_visits import RECORDS, record_independent_visit
from safeguard.core import validation as v

__all__ = [
    "RECORDS",
    "end_unregistered_placement",
    "issue_document",
    "issue_documents",
    "record_director_approval",
    "record_independent_visit",
    "record_no_registered_place_reason",
    "record_progress",
    "record_unregistered_placement",
]


@transaction.atomic
def record_unregistered_placement(
    *,
    episode: LookedAfterEpisode,
    address: str,
    provider: str,
    setting: str,
    reason: str,
    reason_detail: str,
    approved_on: dt.date | None = None,
    approved_by: str = "",
    approval_note: str = "",
) -> UnregisteredPlacement:
    """Add a placement the care record shows as unregistered to the register.

    The entry belongs to the placement, not to one episode of it: a change of legal status
    in the same placement (RNE L) is followed back to the move in. A placement goes on the
    register once. The Corporate Director's approval may be recorded now or later.
    """
    episode = LookedAfterEpisode.objects.select_for_update().get(pk=episode.pk)
    if episode.is_registered:
        raise v.fail(
            "episode",
            f"The placement from {episode.started_on:%d/%m/%Y} is recorded as registered with "
            "Ofsted: only unregistered placements go on the register (correct the placement "
            "in the care record first if it is not registered).",
        )
    first = selectors.placement_start(episode)
    if UnregisteredPlacement.objects.filter(episode=first).exists():
        raise v.fail(
            "episode",
            f"The placement from {first.started_on:%d/%m/%Y} is already on the register.",
        )
    address = text(address, field="address", message="Enter the address the child is living at")
    provider = text(provider, field="provider", message="Enter who provides the care and staffing")
    choice(
        setting,
        UnregisteredSetting,
        field="setting",
        message="Select the kind of accommodation",
    )
    reason_detail = check_reason(reason, reason_detail)
    left = selectors.placement_ended_on(first)
    if approved_on is not None or approved_by.strip():
        approved_by = check_approval(approved_on, approved_by, ended_on=left)
    return UnregisteredPlacement.objects.create(
        child_id=first.child_id,
        episode=first,
        started_on=first.started_on,
        address=address,
        provider=provider,
        setting=setting,
        reason=reason,
        reason_detail=reason_detail,
        approved_on=approved_on,
        approved_by=approved_by,
        approval_note=approval_note.strip(),
    )


@transaction.atomic
def record_director_approval(
    *,
    placement: UnregisteredPlacement,
    approved_on: dt.date,
    approved_by: str,
    note: str = "",
    expected_version: int | None = None,
) -> UnregisteredPlacement:
    """The Corporate Director agreed the placement (due by the day the child moved in; a
    later approval is recorded with its own date, and counts as late)."""
    placement = lock(placement)
    check_version(placement, expected_version)
    if placement.approved_on is not None:
        raise v.fail(
            "approved_on",
            f"The Corporate Director's approval is already recorded "
            f"({placement.approved_on:%d/%m/%Y}, {placement.approved_by}).",
        )
    placement.approved_by = check_approval(approved_on, approved_by, ended_on=placement.ended_on)
    placement.approved_on = approved_on
    placement.approval_note = note.strip()
    placement.save()
    return placement


@transaction.atomic
def record_no_registered_place_reason(
    *,
    placement: UnregisteredPlacement,
    reason: str,
    reason_detail: str,
    expected_version: int | None = None,
) -> UnregisteredPlacement:
    """Correct or bring up to date why no registered place could be found."""
    placement = lock(placement)
    check_version(placement, expected_version)
    placement.reason_detail = check_reason(reason, reason_detail)
    placement.reason = reason
    placement.save()
    return placement


@transaction.atomic
def record_progress(
    *, placement: UnregisteredPlacement, recorded_on: dt.date, step: str, note: str
) -> ProgressUpdate:
    """Progress towards a registered place, or towards the home's registration."""
    placement = lock(placement)
    v.require(recorded_on, field="recorded_on", label="Date of the update")
    within(placement, recorded_on, field="recorded_on", label="Date of the update")
    choice(step, ProgressStep, field="step", message="Select where things have got to")
    note = text(note, field="note", message="Say what has happened and what happens next")
    return ProgressUpdate.objects.create(
        placement=placement, recorded_on=recorded_on, step=step, note=note
    )


@transaction.atomic
def end_unregistered_placement(
    *,
    placement: UnregisteredPlacement,
    ended_on: dt.date,
    end_reason: str,
    note: str = "",
    expected_version: int | None = None,
) -> UnregisteredPlacement:
    """The child no longer lives in an unregistered placement.

    The end must agree with the care record: a move (to a registered placement or another
    unregistered one) is the day the care record shows the placement ended; leaving care
    is the day the period of care ended; the home being registered is a day the child was
    still living there.
    """
    placement = lock(placement)
    check_version(placement, expected_version)
    if placement.ended_on is not None:
        raise v.fail(
            "ended_on",
            f"The placement is already recorded as ended ({placement.ended_on:%d/%m/%Y}).",
        )
    v.require(ended_on, field="ended_on", label="Date the placement ended")
    v.not_in_future(ended_on, field="ended_on", label="Date the placement ended")
    if ended_on < placement.started_on:
        raise v.fail(
            "ended_on",
            f"The end ({ended_on:%d/%m/%Y}) cannot be before the child moved in "
            f"({placement.started_on:%d/%m/%Y}).",
        )
    choice(end_reason, UnregisteredEndReason, field="end_reason", message="Select how it ended")
    left = selectors.placement_left_on(placement)
    if end_reason == UnregisteredEndReason.HOME_REGISTERED:
        if left is not None and left <= ended_on:
            raise v.fail(
                "ended_on",
                f"The care record shows the child left this placement on {left:%d/%m/%Y}: "
                "the home's registration must be dated while they still lived there.",
            )
    elif end_reason == UnregisteredEndReason.LEFT_CARE:
        period = period_on(placement.child, ended_on)
        if period is None or period.ended_on != ended_on:
            raise v.fail(
                "ended_on",
                f"The care record does not show the child leaving care on {ended_on:%d/%m/%Y}: "
                "record the end of care first.",
            )
    elif left != ended_on:
        shown = f"shows the move on {left:%d/%m/%Y}" if left else "shows no move yet"
        raise v.fail(
            "ended_on",
            f"The care record {shown}: record the change of placement first, then end the "
            "entry on the day of the move.",
        )
    placement.ended_on = ended_on
    placement.end_reason = end_reason
    placement.end_note = note.strip()
    placement.save()
    return placement


# --- issued documents -----------------------------------------------------------------------
