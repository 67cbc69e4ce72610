"""What every chronology module shares: the event types, the event, a source, helpers.

A source is one model's contribution: one query for the child (the few related rows it
names joined in) and a builder that turns each row into events. Each journey area's
module (front door, casework, care, outside the home, domestic abuse) lists its sources;
the package puts them together in journey order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone

from safeguard.core.codes import codelist
from safeguard.people.models import Person


@dataclass(frozen=True)
class EventType:
    key: str
    label: str


#: The filter's checkboxes, in journey order.
EVENT_TYPES: tuple[EventType, ...] = (
    EventType("front_door", "Contacts and MASH decisions"),
    EventType("domestic_abuse", "Police PPNs and HRDA meetings"),
    EventType("early_help", "Early help"),
    EventType("referral", "Referrals and CIN episodes"),
    EventType("assessment", "Assessments"),
    EventType("protection", "Strategy discussions and section 47 enquiries"),
    EventType("conference", "Conferences and child protection plans"),
    EventType("cin_plan", "CIN plans and reviews"),
    EventType("visit", "Visits"),
    EventType("care", "Care: periods, placements, reviews and plans"),
    EventType("health_education", "Health assessments and PEPs"),
    EventType("care_leaver", "Care leaver contacts and pathway plans"),
    EventType("missing", "Missing episodes and return home interviews"),
    EventType("exploitation", "Exploitation: CAROLE screening, risk assessment and MACE"),
    EventType("education", "Education: missing education, exclusions and part-time timetables"),
    EventType("allocation", "Allocations"),
    EventType("management_direction", "Management direction in supervision"),
)
EVENT_TYPE_LABELS = {t.key: t.label for t in EVENT_TYPES}


@dataclass(frozen=True)
class ChronologyEvent:
    """One dated line of the chronology.

    ``url`` links to the page that holds the record, shown only to a user holding
    ``capability`` (a permission such as ``access.record_casework``): the chronology is
    read by roles that may not open every page it points to.
    """

    on: dt.date
    type: str
    title: str
    detail: str = ""
    url: str = ""
    capability: str = ""

    @property
    def type_label(self) -> str:
        return EVENT_TYPE_LABELS[self.type]


Rows = Callable[[Person], Iterable[Any]]
Events = Callable[[Any], Iterator[ChronologyEvent]]


@dataclass(frozen=True)
class Source:
    """One model's contribution: its rows for the child and the events each row gives."""

    type: str
    rows: Rows
    events: Events


def day_of(moment: dt.datetime | dt.date | None) -> dt.date | None:
    """A moment's local date (the chronology is by day)."""
    if isinstance(moment, dt.datetime):
        return timezone.localtime(moment).date()
    return moment


def name_of(worker: Any) -> str:
    return f"{worker.first_name} {worker.last_name}" if worker is not None else ""


def code_label(key: str, code: str) -> str:
    return codelist(key).label(code) if code else ""


def rows_of(label: str, **lookups: Any) -> models.QuerySet[Any]:
    """The model's rows matching ``lookups`` (models by label: no import cycles)."""
    model = apps.get_model(label)
    return model._default_manager.filter(**lookups)


def link(name: str, query: str = "", **kwargs: Any) -> str:
    url = reverse(name, kwargs=kwargs)
    return f"{url}?{query}" if query else url
