"""Template helpers for the governance pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.forms.boundfield import BoundField

register = template.Library()


@register.filter
def optgroups(field: BoundField) -> list[tuple[str, list[tuple[str, str, bool]]]]:
    """A select's options as (group label or "", [(value, label, selected)])."""
    current = field.value()
    current = "" if current is None else str(current)
    groups: list[tuple[str, list[tuple[str, str, bool]]]] = []
    loose: list[tuple[str, str, bool]] = []
    for value, label in field.field.choices:  # type: ignore[attr-defined]
        if isinstance(label, list | tuple):
            groups.append((str(value), [(str(v), str(lbl), str(v) == current) for v, lbl in label]))
        else:
            loose.append((str(value), str(label), str(value) == current))
    return ([("", loose)] if loose else []) + groups


@register.filter
def describedby(field: BoundField) -> str:
    """The ids of a control's hint and error message, for aria-describedby."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.filter
def date_parts(field: BoundField) -> list[str]:
    """Day, month and year as typed (or of the initial date), for the date input."""
    value = field.value()
    if isinstance(value, dt.date):
        return [str(value.day), str(value.month), str(value.year)]
    if isinstance(value, list | tuple):
        return [("" if v is None else str(v)) for v in (*value, "", "", "")[:3]]
    return ["", "", ""]


_DATE_PARTS = (
    ("Day", "govuk-input--width-2"),
    ("Month", "govuk-input--width-2"),
    ("Year", "govuk-input--width-4"),
)


@register.filter
def zip_date_labels(parts: list[str]) -> list[tuple[str, str, str]]:
    """(label, width class, value) for the day, month and year boxes."""
    return [(label, width, value) for (label, width), value in zip(_DATE_PARTS, parts, strict=True)]


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None
