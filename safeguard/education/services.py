"""Writes for children out of school: missing education episodes, exclusions, timetables.

One transaction per business action, keyword-only; each checks its rules before writing
and raises ``ValidationError`` keyed by the form field at fault. The child's row is locked
first so two colleagues cannot open two episodes at once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from safeguard.care import rules as care_rules
from safeguard.core import calendar
from safeguard.core import validation as v
from safeguard.core.exceptions import StaleRecordError
from safeguard.core.models import BaseModel
from safeguard.core.timescales import load_school_calendar
from safeguard.education import rules
from safeguard.education.models import (
    Exclusion,
    ExclusionKind,
    ExclusionReason,
    MissingEducationEpisode,
    MissingEducationOutcome,
    MissingEducationReason,
    PartTimeTimetable,
    ReporterKind,
)
from safeguard.people.models import Person


def _lock_child(child: Person) -> Person:
    return Person.objects.select_for_update().get(pk=child.pk)


def _check_version(record: BaseModel, expected_version: int | None) -> None:
    if expected_version is not None and record.version != expected_version:
        raise StaleRecordError(
            model_label=str(record._meta.verbose_name),
            pk=record.pk,
            expected=expected_version,
            current=record.version,
        )


def _day(child: Person, day: dt.date | None, *, field: str, label: str) -> dt.date:
    """Required, not in the future, within the child's life."""
    v.require(day, field=field, label=label)
    assert day is not None
    v.not_in_future(day, field=field, label=label)
    care_rules.child_alive_and_born(child, day, field=field, label=label)
    return day


def _aged(child: Person, day: dt.date, *, low: int, high: int, field: str, what: str) -> None:
    dob = care_rules.needs_date_of_birth(child, field=field, action=f"recording {what}")
    age = calendar.age_on(dob, day)
    if not low <= age <= high:
        raise v.fail(
            field,
            f"{child.first_name} is {age} on {day:%d/%m/%Y}: {what} is recorded for children "
            f"aged {low} to {high}.",
        )


def _choice(value: str, choices: type, *, field: str, message: str) -> str:
    if value not in choices.values:  # type: ignore[attr-defined]
        raise v.fail(field, message)
    return value


def _end(
    day: dt.date | None, start: dt.date, *, field: str, label: str, start_label: str
) -> dt.date:
    v.require(day, field=field, label=label)
    assert day is not None
    v.not_in_future(day, field=field, label=label)
    v.not_before(day, start, field=field, label=label, earliest_label=start_label)
    return day


# -- missing education ------------------------------------------------------------------


@transaction.atomic
def record_missing_education(
    *,
    child: Person,
    reported_on: dt.date | None,
    reported_by: str,
    reason: str,
    reporter_name: str = "",
    notes: str = "",
) -> MissingEducationEpisode:
    """The Children Missing Education group learns a child of compulsory school age has no
    school place or suitable education. One open episode at a time, and none overlapping."""
    _lock_child(child)
    day = _day(child, reported_on, field="reported_on", label="Date reported")
    _aged(
        child,
        day,
        low=rules.SCHOOL_AGE_FROM,
        high=rules.SCHOOL_AGE_TO,
        field="reported_on",
        what="missing education",
    )
    _choice(reported_by, ReporterKind, field="reported_by", message="Select who reported it")
    _choice(
        reason,
        MissingEducationReason,
        field="reason",
        message="Select why the child is missing education",
    )
    episodes = MissingEducationEpisode.objects.filter(child=child)
    current = episodes.filter(ended_on__isnull=True).first()
    if current is not None:
        raise v.fail(
            "reported_on",
            f"{child.first_name} has been missing education since "
            f"{current.reported_on:%d/%m/%Y}: end that episode first.",
        )
    overlapping = episodes.filter(reported_on__lte=day, ended_on__gt=day).first()
    if overlapping is not None:
        raise v.fail(
            "reported_on",
            f"The date reported ({day:%d/%m/%Y}) falls within an earlier episode "
            f"({overlapping.reported_on:%d/%m/%Y} to {overlapping.ended_on:%d/%m/%Y}).",
        )
    later = episodes.filter(reported_on__gt=day).order_by("reported_on").first()
    if later is not None:
        raise v.fail(
            "reported_on",
            f"A later episode (from {later.reported_on:%d/%m/%Y}) is already recorded: an "
            "open episode reported earlier would overlap it.",
        )
    return MissingEducationEpisode.objects.create(
        child=child,
        reported_on=day,
        reported_by=reported_by,
        reporter_name=reporter_name.strip(),
        reason=reason,
        notes=notes.strip(),
    )


@transaction.atomic
def close_missing_education(
    *,
    episode: MissingEducationEpisode,
    ended_on: dt.date | None,
    outcome: str,
    notes: str = "",
    expected_version: int | None = None,
) -> MissingEducationEpisode:
    """The episode ends: back on roll, home educated, moved away ... (not before the report)."""
    _lock_child(episode.child)
    found = MissingEducationEpisode.objects.select_for_update().get(pk=episode.pk)
    _check_version(found, expected_version)
    if found.ended_on is not None:
        raise v.fail("ended_on", f"This episode already ended on {found.ended_on:%d/%m/%Y}.")
    day = _end(
        ended_on,
        found.reported_on,
        field="ended_on",
        label="Date the episode ended",
        start_label="the date it was reported",
    )
    _choice(
        outcome,
        MissingEducationOutcome,
        field="outcome",
        message="Select how the episode ended",
    )
    found.ended_on = day
    found.outcome = outcome
    if notes.strip():
        found.notes = f"{found.notes}\n{notes.strip()}".strip()
    found.save(update_fields=["ended_on", "outcome", "notes"])
    return found


# -- exclusions -------------------------------------------------------------------------


def suspension_days_in_school_year(child: Person, day: dt.date) -> Decimal:
    """Days of suspension already recorded in the school year holding ``day`` (not lifted)."""
    first, last = rules.school_year_of(day)
    total = Exclusion.objects.filter(
        child=child,
        kind=ExclusionKind.SUSPENSION,
        lifted=False,
        excluded_on__range=(first, last),
    ).aggregate(total=Sum("days"))["total"]
    return Decimal(total or 0)


@transaction.atomic
def record_exclusion(
    *,
    child: Person,
    kind: str,
    school_name: str,
    excluded_on: dt.date | None,
    reason: str,
    days: Decimal | None = None,
    notes: str = "",
) -> Exclusion:
    """A suspension (school days, in half days, at most 45 in a school year) or a permanent
    exclusion (no days). The first day is a working day; the reason is from the DfE list."""
    _lock_child(child)
    kind = _choice(
        kind,
        ExclusionKind,
        field="kind",
        message="Select whether it is a suspension or a permanent exclusion",
    )
    v.require(school_name.strip(), field="school_name", label="School name")
    day = _day(child, excluded_on, field="excluded_on", label="First day of the exclusion")
    if not calendar.is_working_day(day):
        raise v.fail(
            "excluded_on",
            f"The first day of the exclusion ({day:%d/%m/%Y}) must be a school day, not a "
            "weekend or bank holiday.",
        )
    _aged(
        child,
        day,
        low=rules.PUPIL_AGE_FROM,
        high=rules.PUPIL_AGE_TO,
        field="excluded_on",
        what="an exclusion",
    )
    _choice(reason, ExclusionReason, field="reason", message="Select the reason for the exclusion")
    last_day: dt.date | None = None
    if kind == ExclusionKind.SUSPENSION:
        if days is None:
            raise v.fail("days", "Enter the number of school days of the suspension.")
        if not rules.is_half_day_step(days):
            raise v.fail(
                "days", "Enter the school days of the suspension in half days, for example 1.5."
            )
        used = suspension_days_in_school_year(child, day)
        if used + days > rules.MAX_SUSPENSION_DAYS_A_YEAR:
            raise v.fail(
                "days",
                f"{child.first_name} already has {used} days of suspension this school year: "
                f"a pupil may be suspended for at most {rules.MAX_SUSPENSION_DAYS_A_YEAR} "
                "school days in a school year.",
            )
        last_day = rules.suspension_last_day(day, days, load_school_calendar())
    else:
        if days is not None:
            raise v.fail("days", "A permanent exclusion has no number of days: leave it blank.")
        if Exclusion.objects.filter(
            child=child, kind=ExclusionKind.PERMANENT, lifted=False, reintegrated_on__isnull=True
        ).exists():
            raise v.fail(
                "kind",
                f"{child.first_name} already has a permanent exclusion in force: record their "
                "new school (or the exclusion lifted) first.",
            )
    return Exclusion.objects.create(
        child=child,
        kind=kind,
        school_name=school_name.strip(),
        excluded_on=day,
        days=days if kind == ExclusionKind.SUSPENSION else None,
        ends_on=last_day,
        reason=reason,
        notes=notes.strip(),
    )


@transaction.atomic
def lift_exclusion(
    *, exclusion: Exclusion, lifted_on: dt.date | None, expected_version: int | None = None
) -> Exclusion:
    """The exclusion is withdrawn or overturned (the governors or a review reinstate the
    child): it no longer counts as in force from ``lifted_on``."""
    _lock_child(exclusion.child)
    found = Exclusion.objects.select_for_update().get(pk=exclusion.pk)
    _check_version(found, expected_version)
    if found.lifted:
        raise v.fail("lifted_on", "This exclusion is already recorded as lifted.")
    if found.reintegrated_on is not None:
        raise v.fail(
            "lifted_on",
            f"The child started at a new school on {found.reintegrated_on:%d/%m/%Y}: the "
            "exclusion can no longer be lifted.",
        )
    day = _end(
        lifted_on,
        found.excluded_on,
        field="lifted_on",
        label="Date the exclusion was lifted",
        start_label="the first day of the exclusion",
    )
    found.lifted, found.lifted_on = True, day
    found.save(update_fields=["lifted", "lifted_on"])
    return found


@transaction.atomic
def record_reintegration(
    *, exclusion: Exclusion, reintegrated_on: dt.date | None, expected_version: int | None = None
) -> Exclusion:
    """After a permanent exclusion the child starts at a new school or full-time provision
    (the Children Missing Education group's aim: as soon as possible)."""
    _lock_child(exclusion.child)
    found = Exclusion.objects.select_for_update().get(pk=exclusion.pk)
    _check_version(found, expected_version)
    if found.kind != ExclusionKind.PERMANENT:
        raise v.fail(
            "reintegrated_on", "A new school is recorded only after a permanent exclusion."
        )
    if found.lifted:
        raise v.fail("reintegrated_on", "The exclusion was lifted: the child went back.")
    if found.reintegrated_on is not None:
        raise v.fail(
            "reintegrated_on",
            f"The new school is already recorded ({found.reintegrated_on:%d/%m/%Y}).",
        )
    day = _end(
        reintegrated_on,
        found.excluded_on,
        field="reintegrated_on",
        label="Date the child started at the new school",
        start_label="the first day of the exclusion",
    )
    found.reintegrated_on = day
    found.save(update_fields=["reintegrated_on"])
    return found


# -- part-time timetables ---------------------------------------------------------------


@transaction.atomic
def record_part_time_timetable(
    *,
    child: Person,
    school_name: str,
    started_on: dt.date | None,
    ended_on: dt.date | None = None,
    hours_per_week: Decimal | None = None,
    reason: str = "",
) -> PartTimeTimetable:
    """A reduced timetable: one open at a time, never overlapping another."""
    _lock_child(child)
    v.require(school_name.strip(), field="school_name", label="School name")
    day = _day(child, started_on, field="started_on", label="Start of the part-time timetable")
    _aged(
        child,
        day,
        low=rules.PUPIL_AGE_FROM,
        high=rules.PUPIL_AGE_TO,
        field="started_on",
        what="a part-time timetable",
    )
    if ended_on is not None:
        v.not_before(
            ended_on,
            day,
            field="ended_on",
            label="End of the part-time timetable",
            earliest_label="its start",
        )
    if hours_per_week is not None and not Decimal(0) < hours_per_week < Decimal("32.5"):
        raise v.fail(
            "hours_per_week",
            "Hours a week must be more than 0 and less than a full school week (32.5).",
        )
    for other in PartTimeTimetable.objects.filter(child=child):
        other_end = other.ended_on or dt.date.max
        this_end = ended_on or dt.date.max
        if other.started_on <= this_end and day <= other_end:
            raise v.fail(
                "started_on",
                f"{child.first_name} already has a part-time timetable from "
                f"{other.started_on:%d/%m/%Y}"
                + (f" to {other.ended_on:%d/%m/%Y}" if other.ended_on else " (still running)")
                + ": the two would overlap.",
            )
    return PartTimeTimetable.objects.create(
        child=child,
        school_name=school_name.strip(),
        started_on=day,
        ended_on=ended_on,
        hours_per_week=hours_per_week,
        reason=reason.strip(),
    )


@transaction.atomic
def end_part_time_timetable(
    *,
    timetable: PartTimeTimetable,
    ended_on: dt.date | None,
    expected_version: int | None = None,
) -> PartTimeTimetable:
    """The child is back on a full timetable."""
    _lock_child(timetable.child)
    found = PartTimeTimetable.objects.select_for_update().get(pk=timetable.pk)
    _check_version(found, expected_version)
    if found.ended_on is not None:
        raise v.fail("ended_on", f"This timetable already ended on {found.ended_on:%d/%m/%Y}.")
    found.ended_on = _end(
        ended_on,
        found.started_on,
        field="ended_on",
        label="End of the part-time timetable",
        start_label="its start",
    )
    found.save(update_fields=["ended_on"])
    return found
