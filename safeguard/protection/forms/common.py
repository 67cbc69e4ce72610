"""Field builders the protection forms share: yes/no questions, agencies, workers, rows."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from safeguard.core.codes import codelist
from safeguard.protection.models import Agency
from safeguard.workforce.models import Worker, WorkerRole
from safeguard.workforce.selectors import workers_in_post

YES_NO = [("yes", "Yes"), ("no", "No")]


def to_bool(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def yes_no(label: str, required_message: str, *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=required,
        error_messages={"required": required_message},
    )


def agency_field(label: str, *, required: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", "Choose an agency"), *Agency.choices],
        required=required,
        error_messages={"required": "Choose the agency"},
    )


def category_field(label: str, *, required: bool, message: str) -> forms.ChoiceField:
    choices = codelist("category_of_abuse").choices()
    return forms.ChoiceField(
        label=label,
        choices=[("", "Choose a category"), *choices],
        required=required,
        error_messages={"required": message},
    )


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.first_name} {obj.last_name} ({obj.get_role_display()})"


def practitioners() -> QuerySet[Worker]:
    """Social workers and managers in post, who lead discussions, enquiries and plans."""
    roles = [
        WorkerRole.SOCIAL_WORKER,
        WorkerRole.CONSULTANT_SOCIAL_WORKER,
        WorkerRole.TEAM_MANAGER,
        WorkerRole.SERVICE_MANAGER,
    ]
    return workers_in_post().filter(role__in=roles).order_by("last_name", "first_name")


def chairs() -> QuerySet[Worker]:
    return (
        workers_in_post()
        .filter(role=WorkerRole.CONFERENCE_CHAIR)
        .order_by("last_name", "first_name")
    )


def worker_field(
    label: str, queryset: QuerySet[Worker], message: str, *, required: bool = True
) -> WorkerChoiceField:
    return WorkerChoiceField(
        label=label,
        queryset=queryset,
        required=required,
        empty_label="Choose a person",
        error_messages={"required": message, "invalid_choice": message},
    )


def add_rows(form: forms.Form, prefix: str, count: int, make: dict[str, Any]) -> None:
    """Add ``count`` numbered rows of optional fields (``<prefix>_<n>_<name>``); ``make``
    maps each name to a function of the row number giving the field."""
    for n in range(1, count + 1):
        for name, build in make.items():
            field = build(n)
            field.required = False
            form.fields[f"{prefix}_{n}_{name}"] = field


def filled_rows(
    form: forms.Form, prefix: str, count: int, names: tuple[str, ...], *, key: tuple[str, ...]
) -> list[dict[str, Any]]:
    """The rows with anything typed in (ticks alone do not count); a row missing one of
    ``key`` gets an error on that field."""
    rows = []
    for n in range(1, count + 1):
        values = {name: form.cleaned_data.get(f"{prefix}_{n}_{name}") for name in names}
        if not any(values[name] for name in names if not isinstance(values[name], bool)):
            continue
        for name in key:
            if not values[name]:
                label = form.fields[f"{prefix}_{n}_{name}"].label or name
                form.add_error(f"{prefix}_{n}_{name}", f"Enter {str(label).lower()}")
        rows.append(values)
    return rows


def set_queryset(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    """Choices read when the form is built (workers in post today, not at import)."""
    field = form.fields[name]
    if isinstance(field, forms.ModelChoiceField):
        field.queryset = queryset
