"""Reusable checks for service invariants.

Each raises a ``ValidationError`` keyed by the field, whose message names the rule, so a
form can show it beside the field and a command can print it in one line.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from safeguard.core import clock
from safeguard.core.codes import codelist


def fail(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})


def require(value: object, *, field: str, label: str) -> None:
    if value is None or value == "":
        raise fail(field, f"{label} is required.")


def not_in_future(value: dt.date | dt.datetime | None, *, field: str, label: str) -> None:
    if value is None:
        return
    if isinstance(value, dt.datetime):
        if value > clock.now():
            raise fail(field, f"{label} ({value:%d/%m/%Y %H:%M}) cannot be in the future.")
    elif value > clock.today():
        raise fail(field, f"{label} ({value:%d/%m/%Y}) cannot be in the future.")


def not_before(
    value: dt.date | None,
    earliest: dt.date | None,
    *,
    field: str,
    label: str,
    earliest_label: str,
) -> None:
    if value is None or earliest is None:
        return
    if value < earliest:
        raise fail(
            field,
            f"{label} ({value:%d/%m/%Y}) cannot be before {earliest_label} ({earliest:%d/%m/%Y}).",
        )


def valid_code(value: str | None, *, codelist_key: str, field: str, required: bool = True) -> None:
    if value is None or value == "":
        if required:
            raise fail(field, f"{codelist(codelist_key).title} is required.")
        return
    codelist(codelist_key).validate(value, field=field)
