"""Reads for children out of school: a child's records and who is out of school on a day.

A child is out of school on a day when a missing education episode is open that day or an
exclusion is in force: a suspension from its first to its last school day, a permanent
exclusion until it is lifted or the child starts at a new school. OBA1-09 and OBA2-13
(``safeguard.performance.measures.education``) count the same, from frames.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import models
from django.db.models import Q

from safeguard.education.models import (
    Exclusion,
    ExclusionKind,
    MissingEducationEpisode,
    PartTimeTimetable,
)
from safeguard.people.models import Person


def missing_education_for_child(child: Person) -> models.QuerySet[MissingEducationEpisode]:
    return MissingEducationEpisode.objects.filter(child=child).order_by(
        "-reported_on", "-created_at"
    )


def open_missing_education(child: Person) -> MissingEducationEpisode | None:
    return MissingEducationEpisode.objects.filter(child=child, ended_on__isnull=True).first()


def exclusions_for_child(child: Person) -> models.QuerySet[Exclusion]:
    return Exclusion.objects.filter(child=child).order_by("-excluded_on", "-created_at")


def timetables_for_child(child: Person) -> models.QuerySet[PartTimeTimetable]:
    return PartTimeTimetable.objects.filter(child=child).order_by("-started_on", "-created_at")


def episode_for_child(child: Person, episode_id: uuid.UUID) -> MissingEducationEpisode | None:
    return MissingEducationEpisode.objects.filter(child=child, pk=episode_id).first()


def exclusion_for_child(child: Person, exclusion_id: uuid.UUID) -> Exclusion | None:
    return Exclusion.objects.filter(child=child, pk=exclusion_id).first()


def timetable_for_child(child: Person, timetable_id: uuid.UUID) -> PartTimeTimetable | None:
    return PartTimeTimetable.objects.filter(child=child, pk=timetable_id).first()


def exclusion_end(exclusion: Exclusion) -> dt.date | None:
    """The first day the exclusion is no longer in force (None: still in force)."""
    ends = []
    if exclusion.kind == ExclusionKind.SUSPENSION and exclusion.ends_on is not None:
        ends.append(exclusion.ends_on + dt.timedelta(days=1))
    if exclusion.lifted_on is not None:
        ends.append(exclusion.lifted_on)
    if exclusion.reintegrated_on is not None:
        ends.append(exclusion.reintegrated_on)
    return min(ends) if ends else None


def exclusions_in_force_on(day: dt.date) -> models.QuerySet[Exclusion]:
    started = Exclusion.objects.filter(excluded_on__lte=day).exclude(lifted_on__lte=day)
    suspended = Q(kind=ExclusionKind.SUSPENSION, ends_on__gte=day)
    excluded = Q(kind=ExclusionKind.PERMANENT) & (
        Q(reintegrated_on__isnull=True) | Q(reintegrated_on__gt=day)
    )
    return started.filter(suspended | excluded)


def missing_education_open_on(day: dt.date) -> models.QuerySet[MissingEducationEpisode]:
    return MissingEducationEpisode.objects.filter(reported_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )


@dataclass(frozen=True)
class OutOfSchool:
    """Whether a child is out of school on a day, since when, and why."""

    since: dt.date
    why: str


def out_of_school(child: Person, day: dt.date) -> OutOfSchool | None:
    spells: list[tuple[dt.date, str]] = [
        (e.reported_on, f"Missing education: {e.get_reason_display().lower()}")
        for e in missing_education_open_on(day).filter(child=child)
    ]
    spells += [
        (x.excluded_on, f"{x.get_kind_display()} from {x.school_name}")
        for x in exclusions_in_force_on(day).filter(child=child)
    ]
    if not spells:
        return None
    since, why = min(spells)
    return OutOfSchool(since=since, why=why)
