"""Writes for the unregistered placements register, its visits and its issued reports.

One function per business action, keyword-only, in one transaction. Each checks its rules
before writing anything and raises ``ValidationError`` keyed by the field at fault. An
edit of an existing entry carries the version the user started from and is refused if
someone has saved since (``StaleRecordError``). Every row written goes through the model,
so the audit log records it with the child it is about.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from safeguard.care import reports_unregistered as reports
from safeguard.care import selectors_unregistered as selectors
from safeguard.care.models import LookedAfterEpisode
from safeguard.care.models_unregistered import (
    DocumentKind,
    IndependentVisit,
    IssuedDocument,
    IssuedDocumentEntry,
    Judgement,
    NoRegisteredPlaceReason,
    PrivateConversation,
    ProgressStep,
    ProgressUpdate,
    UnregisteredEndReason,
    UnregisteredPlacement,
    UnregisteredSetting,
)
from safeguard.care.selectors import period_on
from safeguard.core import clock
from safeguard.core import validation as v
from safeguard.core.exceptions import StaleRecordError
from safeguard.workforce.models import Worker


def _check_version(placement: UnregisteredPlacement, expected_version: int | None) -> None:
    if expected_version is not None and placement.version != expected_version:
        raise StaleRecordError(
            model_label=str(placement._meta.verbose_name),
            pk=placement.pk,
            expected=expected_version,
            current=placement.version,
        )


def _lock(placement: UnregisteredPlacement) -> UnregisteredPlacement:
    return UnregisteredPlacement.objects.select_for_update().get(pk=placement.pk)


def _choice(value: str, choices: type, *, field: str, message: str) -> None:
    if value not in choices.values:  # type: ignore[attr-defined]
        raise v.fail(field, message)


def _text(value: str, *, field: str, message: str) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise v.fail(field, message)
    return cleaned


def _within(placement: UnregisteredPlacement, day: dt.date, *, field: str, label: str) -> None:
    """On or after the day the child moved in, not after the end, not in the future."""
    v.not_in_future(day, field=field, label=label)
    if day < placement.started_on:
        raise v.fail(
            field,
            f"{label} ({day:%d/%m/%Y}) cannot be before the child moved in "
            f"({placement.started_on:%d/%m/%Y}).",
        )
    if placement.ended_on is not None and day > placement.ended_on:
        raise v.fail(
            field,
            f"{label} ({day:%d/%m/%Y}) cannot be after the placement ended "
            f"({placement.ended_on:%d/%m/%Y}).",
        )


def _check_reason(reason: str, reason_detail: str) -> str:
    _choice(
        reason,
        NoRegisteredPlaceReason,
        field="reason",
        message="Select why no registered place was available",
    )
    return _text(
        reason_detail,
        field="reason_detail",
        message="Say which registered homes were approached and why none could offer a place",
    )


def _check_approval(
    approved_on: dt.date | None, approved_by: str, *, ended_on: dt.date | None
) -> str:
    if approved_on is None:
        raise v.fail("approved_on", "Enter the date the Corporate Director approved the placement")
    v.not_in_future(approved_on, field="approved_on", label="Date of approval")
    if ended_on is not None and approved_on > ended_on:
        raise v.fail(
            "approved_on",
            f"The placement ended on {ended_on:%d/%m/%Y}: an approval dated "
            f"{approved_on:%d/%m/%Y} cannot be recorded for it.",
        )
    return _text(
        approved_by, field="approved_by", message="Enter the name of the Corporate Director"
    )


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
    address = _text(address, field="address", message="Enter the address the child is living at")
    provider = _text(provider, field="provider", message="Enter who provides the care and staffing")
    _choice(
        setting,
        UnregisteredSetting,
        field="setting",
        message="Select the kind of accommodation",
    )
    reason_detail = _check_reason(reason, reason_detail)
    left = selectors.placement_ended_on(first)
    if approved_on is not None or approved_by.strip():
        approved_by = _check_approval(approved_on, approved_by, ended_on=left)
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
    placement = _lock(placement)
    _check_version(placement, expected_version)
    if placement.approved_on is not None:
        raise v.fail(
            "approved_on",
            f"The Corporate Director's approval is already recorded "
            f"({placement.approved_on:%d/%m/%Y}, {placement.approved_by}).",
        )
    placement.approved_by = _check_approval(approved_on, approved_by, ended_on=placement.ended_on)
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
    placement = _lock(placement)
    _check_version(placement, expected_version)
    placement.reason_detail = _check_reason(reason, reason_detail)
    placement.reason = reason
    placement.save()
    return placement


@transaction.atomic
def record_progress(
    *, placement: UnregisteredPlacement, recorded_on: dt.date, step: str, note: str
) -> ProgressUpdate:
    """Progress towards a registered place, or towards the home's registration."""
    placement = _lock(placement)
    v.require(recorded_on, field="recorded_on", label="Date of the update")
    _within(placement, recorded_on, field="recorded_on", label="Date of the update")
    _choice(step, ProgressStep, field="step", message="Select where things have got to")
    note = _text(note, field="note", message="Say what has happened and what happens next")
    return ProgressUpdate.objects.create(
        placement=placement, recorded_on=recorded_on, step=step, note=note
    )


RECORDS = {
    "daily_log_checked": "the daily log",
    "complaints_checked": "the complaints record",
    "sanctions_checked": "the sanctions record",
    "restraint_checked": "the restraint record",
}


@transaction.atomic
def record_independent_visit(
    *,
    placement: UnregisteredPlacement,
    visited_on: dt.date,
    visitor: Worker,
    child_spoken_to: str,
    staff_spoken_to: str,
    physical_condition: str,
    daily_log_checked: bool,
    complaints_checked: bool,
    sanctions_checked: bool,
    restraint_checked: bool,
    standard_of_care: str,
    opinion: str,
    records_note: str = "",
    actions: str = "",
) -> IndependentVisit:
    """A monthly Regulation 44-style visit (seed 000 §4.3).

    The visitor is independent of the child's care, so never their allocated worker. A
    record not checked needs a note saying why; an inadequate judgement needs the actions
    agreed. One visit per placement per day.
    """
    from safeguard.people.record import allocated_worker

    placement = _lock(placement)
    v.require(visited_on, field="visited_on", label="Date of the visit")
    _within(placement, visited_on, field="visited_on", label="Date of the visit")
    if visitor is None:
        raise v.fail("visitor", "Select who made the visit")
    allocated = allocated_worker(placement.child)
    if allocated is not None and allocated.pk == visitor.pk:
        raise v.fail(
            "visitor",
            f"{visitor.first_name} {visitor.last_name} is the child's allocated worker: the "
            "visit must be made by someone independent of the child's care.",
        )
    for field, value, who in (
        ("child_spoken_to", child_spoken_to, "the child was"),
        ("staff_spoken_to", staff_spoken_to, "the staff were"),
    ):
        _choice(
            value,
            PrivateConversation,
            field=field,
            message=f"Say whether {who} spoken to in private",
        )
    _choice(
        physical_condition,
        Judgement,
        field="physical_condition",
        message="Select your judgement of the physical condition of the home",
    )
    checks = {
        "daily_log_checked": daily_log_checked,
        "complaints_checked": complaints_checked,
        "sanctions_checked": sanctions_checked,
        "restraint_checked": restraint_checked,
    }
    missed = [RECORDS[name] for name, done in checks.items() if not done]
    if missed and not records_note.strip():
        raise v.fail(
            "records_note",
            f"Say why {' and '.join(missed)} {'was' if len(missed) == 1 else 'were'} not checked",
        )
    _choice(
        standard_of_care,
        Judgement,
        field="standard_of_care",
        message="Select your judgement of the standard of care",
    )
    opinion = _text(opinion, field="opinion", message="Give your opinion of the standard of care")
    inadequate = Judgement.INADEQUATE in {physical_condition, standard_of_care}
    if inadequate and not actions.strip():
        raise v.fail("actions", "Say what actions were agreed: a judgement is inadequate")
    if IndependentVisit.objects.filter(placement=placement, visited_on=visited_on).exists():
        raise v.fail(
            "visited_on",
            f"A visit on {visited_on:%d/%m/%Y} is already recorded for this placement.",
        )
    return IndependentVisit.objects.create(
        placement=placement,
        visited_on=visited_on,
        visitor=visitor,
        child_spoken_to=child_spoken_to,
        staff_spoken_to=staff_spoken_to,
        physical_condition=physical_condition,
        standard_of_care=standard_of_care,
        records_note=records_note.strip(),
        opinion=opinion,
        actions=actions.strip(),
        **checks,
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
    placement = _lock(placement)
    _check_version(placement, expected_version)
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
    _choice(end_reason, UnregisteredEndReason, field="end_reason", message="Select how it ended")
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


@transaction.atomic
def issue_document(
    *, kind: str, as_at: dt.date, with_pdf: bool = True
) -> tuple[IssuedDocument, bool]:
    """Issue the weekly report or the Ofsted notification for the period holding ``as_at``.

    Idempotent: a period that already has its document gets it back unchanged
    (``created`` False). The document keeps its content as issued, and names each
    placement it covered, from which the next report's deadline counts.
    """
    _choice(kind, DocumentKind, field="kind", message="Choose the weekly report or Ofsted list")
    if as_at > clock.today():
        raise v.fail("as_at", f"A report cannot be issued as at a future day ({as_at:%d/%m/%Y}).")
    existing = selectors.issued_for(kind, reports.period_of(kind, as_at)[0])
    if existing is not None:
        return existing, False
    report = reports.build_report(kind, as_at)
    html = reports.report_html(report)
    try:
        with transaction.atomic():
            document = IssuedDocument.objects.create(
                kind=kind,
                period_start=report.period_start,
                period_end=report.period_end,
                as_at=as_at,
                issued_at=timezone.now(),
                recipients=report.recipients,
                placement_count=len(report.rows),
                html=html,
                csv=reports.rows_csv(report.rows),
                pdf=reports.html_to_pdf(html) if with_pdf else b"",
            )
    except IntegrityError:
        # Another run issued it a moment ago: that one stands.
        found = selectors.issued_for(kind, report.period_start)
        assert found is not None
        return found, False
    for row in report.rows:
        IssuedDocumentEntry.objects.create(document=document, placement=row.placement)
    return document, True


def issue_documents(*, as_at: dt.date, with_pdf: bool = True) -> list[tuple[IssuedDocument, bool]]:
    """What the schedule runs: this week's report and this month's Ofsted notification."""
    return [
        issue_document(kind=kind, as_at=as_at, with_pdf=with_pdf)
        for kind in (DocumentKind.WEEKLY, DocumentKind.OFSTED)
    ]
