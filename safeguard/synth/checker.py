"""The invariant checker: every stored record obeys the rules the services enforce.

Each rule is a function ``(Check) -> Iterator[Violation]`` registered with :func:`rule`.
Rules run set-based queries (joins, aggregates, ``.values()`` streams grouped in
Python) so the whole checker runs in seconds at scale 1.0; none issues a query per row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Count, F, Q

from safeguard.core import clock
from safeguard.core.codes import CodeField, codelist
from safeguard.core.models import BaseModel


@dataclass(frozen=True, order=True)
class Violation:
    rule: str
    model: str
    record_id: str
    la_child_id: str
    message: str


@dataclass
class Check:
    """What every rule gets: the day to judge against and a person lookup."""

    today: dt.date
    _children: dict[Any, tuple[str, dt.date | None]] | None = field(default=None, repr=False)

    def child(self, person_id: Any) -> tuple[str, dt.date | None]:
        if self._children is None:
            from safeguard.people.models import Person

            self._children = {
                pk: (la_id or "", dob)
                for pk, la_id, dob in Person.objects.values_list(
                    "id", "la_child_id", "date_of_birth"
                ).iterator(chunk_size=20_000)
            }
        return self._children.get(person_id, ("", None))

    def v(
        self, rule_id: str, model: str, record_id: Any, person_id: Any, message: str
    ) -> Violation:
        return Violation(rule_id, model, str(record_id), self.child(person_id)[0], message)


RuleFn = Callable[[Check], Iterable[Violation]]
#: rule id -> (one-line description, function)
RULES: dict[str, tuple[str, RuleFn]] = {}


def rule(rule_id: str, description: str) -> Callable[[RuleFn], RuleFn]:
    def register(fn: RuleFn) -> RuleFn:
        RULES[rule_id] = (description, fn)
        return fn

    return register


def check_invariants(today: dt.date | None = None) -> list[Violation]:
    """Run every rule; return the violations, sorted by rule then record."""
    check = Check(today=today or clock.today())
    found: list[Violation] = []
    for _description, fn in RULES.values():
        found.extend(fn(check))
    return sorted(found)


# --------------------------------------------------------------------------- helpers


def _day(value: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _overlaps(
    check: Check,
    rule_id: str,
    model: str,
    rows: Iterable[tuple[Any, Any, Any, Any]],
    what: str,
) -> Iterator[Violation]:
    """Rows are (record id, person id, start, end or None); a record may touch the next
    on the same day (one ends, the next starts) but not overlap it."""
    by_person: dict[Any, list[tuple[Any, Any, Any]]] = defaultdict(list)
    for pk, person, start, end in rows:
        by_person[person].append((start, end, pk))
    for person, spans in by_person.items():
        spans.sort(key=lambda s: (s[0], str(s[2])))
        open_end: Any = None
        open_pk: Any = None
        for index, (start, end, pk) in enumerate(spans):
            if index and (open_end is None or start < open_end):
                yield check.v(
                    rule_id,
                    model,
                    pk,
                    person,
                    f"{what} starting {start} overlaps {open_pk} (open until {open_end or 'now'}).",
                )
            if index == 0 or (open_end is not None and (end is None or end > open_end)):
                open_end, open_pk = end, pk


def _model_label(model: type[models.Model]) -> str:
    return model._meta.label


# --------------------------------------------------------------------------- generic

_TIMESTAMP_FIELDS = {"created_at", "updated_at", "date_joined", "last_login"}


def _base_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if issubclass(m, BaseModel) and m.__module__.startswith("safeguard")
    ]


def _person_path(model: type[models.Model]) -> str | None:
    names = {f.name for f in model._meta.concrete_fields}
    for candidate in ("child", "person"):
        if candidate in names:
            return candidate
    return None


@rule("G-FUTURE", "No recorded date lies after today.")
def _no_future_dates(check: Check) -> Iterator[Violation]:
    tomorrow = check.today + dt.timedelta(days=1)
    for model in _base_models():
        person = _person_path(model)
        for f in model._meta.concrete_fields:
            if f.name in _TIMESTAMP_FIELDS:
                continue
            if isinstance(f, models.DateTimeField):
                bound: Any = dt.datetime.combine(tomorrow, dt.time.min, tzinfo=dt.UTC)
            elif isinstance(f, models.DateField):
                if f.name in {
                    "expected_date_of_birth",
                    "due_by",
                    "due_on",
                    "ends_on",
                    "half_term_ends_on",
                    "half_term_starts_on",
                    "period_end",  # a weekly report issued mid-week covers to Sunday
                    "planned_publication_on",  # a practice review's planned publication
                    "response_due_on",  # a complaint answered in 20 working days
                    "starts_on",
                    "scheduled_for",
                }:
                    continue  # legitimately in the future
                bound = tomorrow
            else:
                continue
            lookup = (
                f"{f.name}__gt"
                if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)
                else f"{f.name}__gte"
            )
            fields = ["pk", f.name] + ([person] if person else [])
            for row in model._default_manager.filter(**{lookup: bound}).values(*fields):
                yield check.v(
                    "G-FUTURE",
                    _model_label(model),
                    row["pk"],
                    row.get(person) if person else None,
                    f"{f.name} {row[f.name]} is after today ({check.today}).",
                )


@rule("G-CODE", "Coded fields hold a code from their DfE code list (or are blank).")
def _valid_codes(check: Check) -> Iterator[Violation]:
    for model in _base_models():
        person = _person_path(model)
        for f in model._meta.concrete_fields:
            if not isinstance(f, CodeField):
                continue
            valid = list(codelist(f.codelist_key))
            qs = (
                model._default_manager.exclude(**{f"{f.name}__in": valid})
                .exclude(**{f.name: ""})
                .exclude(**{f"{f.name}__isnull": True})
            )
            fields = ["pk", f.name] + ([person] if person else [])
            for row in qs.values(*fields):
                yield check.v(
                    "G-CODE",
                    _model_label(model),
                    row["pk"],
                    row.get(person) if person else None,
                    f"{f.name}={row[f.name]!r} is not in code list {f.codelist_key}.",
                )


#: Apps whose records are about a child who has been born (pre-birth work is legitimate in
#: the front door, CIN, assessment and protection, so those are not checked generically).
_BORN_APPS = {"care", "exploitation"}


@rule("G-BIRTH", "Care and missing records are not dated before the child's birth.")
def _not_before_birth(check: Check) -> Iterator[Violation]:
    for model in _base_models():
        if model._meta.app_label not in _BORN_APPS:
            continue
        person = _person_path(model)
        if person is None:
            continue
        for f in model._meta.concrete_fields:
            if f.name in _TIMESTAMP_FIELDS or not isinstance(f, models.DateField):
                continue
            if isinstance(f, models.DateTimeField):
                cond = Q(**{f"{f.name}__date__lt": F(f"{person}__date_of_birth")})
            else:
                cond = Q(**{f"{f.name}__lt": F(f"{person}__date_of_birth")})
            for row in model._default_manager.filter(cond).values("pk", person, f.name):
                yield check.v(
                    "G-BIRTH",
                    _model_label(model),
                    row["pk"],
                    row[person],
                    f"{f.name} {row[f.name]} is before the child's date of birth.",
                )


# Domain rules live in safeguard.synth.checks.*; importing registers them.
from safeguard.synth.checks import (  # noqa: E402,F401
    care,
    case_audits,
    child_deaths,
    cin,
    complaints,
    earlyhelp,
    education,
    exploitation,
    frontdoor,
    lado,
    practice_reviews,
    protection,
    supervision,
    training,
    unregistered,
    workforce,
)

__all__ = ["RULES", "Check", "Violation", "check_invariants", "rule"]
_ = Count  # re-exported for the rule modules
