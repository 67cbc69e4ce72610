"""What every casework form page shares (early help, assessment, children in need).

A page opens the child through ``open_child_record`` (in the view), builds its form, runs
one service through ``submit_to_service`` and, on success, goes back to the child's record
with a message. On a refusal the form comes back with the user's input and the service's
message on the field it names. The pages use one template, ``cin/casework_form.html``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from safeguard.core.forms import GovukForm, VersionedForm, submit_to_service
from safeguard.workforce.models import Worker
from safeguard.workforce.selectors import MANAGER_ROLES, workers_in_post

FORM_TEMPLATE = "cin/casework_form.html"
NOTHING_OPEN_TEMPLATE = "cin/nothing_open.html"


@dataclass(frozen=True)
class Fact:
    """One row of the summary list above a form (what the user is editing)."""

    key: str
    value: str


def child_record_url(child: Any) -> str:
    return reverse("people:child_record", kwargs={"child_id": child.pk})


def form_page(
    request: HttpRequest,
    *,
    child: Any,
    form: GovukForm,
    action: Callable[[dict[str, Any]], object],
    success: str,
    title: str,
    caption: str,
    button: str,
    facts: Sequence[Fact] = (),
    inset: str = "",
    intro: str = "",
) -> HttpResponse:
    """Show the form; on a valid POST run ``action`` (the service) and redirect."""
    saved = (
        request.method == "POST"
        and form.is_valid()
        and submit_to_service(form, lambda: action(form.cleaned_data)) is not None
    )
    if saved:
        messages.success(request, success)
        return redirect(child_record_url(child))
    return render(
        request,
        FORM_TEMPLATE,
        {
            "child": child,
            "form": form,
            "title": title,
            "caption": caption,
            "button": button,
            "facts": facts,
            "inset": inset,
            "intro": intro,
            "cancel_url": child_record_url(child),
        },
    )


def nothing_open(
    request: HttpRequest,
    *,
    child: Any,
    title: str,
    caption: str,
    message: str,
    next_url: str = "",
    next_label: str = "",
) -> HttpResponse:
    """The page shown instead of a form when there is nothing for it to act on."""
    return render(
        request,
        NOTHING_OPEN_TEMPLATE,
        {
            "child": child,
            "title": title,
            "caption": caption,
            "message": message,
            "next_url": next_url,
            "next_label": next_label,
            "record_url": child_record_url(child),
        },
    )


def data(request: HttpRequest) -> Any:
    """The form data: the POST body, or None for a GET (an unbound form)."""
    return request.POST if request.method == "POST" else None


def current_worker(request: HttpRequest) -> Worker | None:
    """The signed-in user's own staff record, the default for "who did this"."""
    if not request.user.is_authenticated:
        return None
    return Worker.objects.filter(user_id=request.user.pk).first()


class WorkerChoiceField(forms.ModelChoiceField):
    """Choose a member of staff in post today (managers only when ``managers``)."""

    def __init__(self, *, managers: bool = False, **kwargs: Any) -> None:
        self.managers = managers
        super().__init__(queryset=Worker.objects.none(), **kwargs)

    def fresh_queryset(self) -> models.QuerySet[Worker]:
        queryset = workers_in_post()
        if self.managers:
            queryset = queryset.filter(role__in=MANAGER_ROLES)
        return queryset.order_by("last_name", "first_name")

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.get_role_display()})"


def worker_field(label: str, *, required_message: str = "", managers: bool = False) -> Any:
    """A select of workers in post; its list is read when the form is built."""
    return WorkerChoiceField(
        managers=managers,
        label=label,
        required=bool(required_message),
        empty_label="Choose a person",
        error_messages={
            "required": required_message,
            "invalid_choice": f"Choose a person from the list for: {label.lower()}",
        },
    )


class WorkersInPost:
    """Form mixin: every worker select lists the workers in post on the day it is shown."""

    fields: dict[str, Any]
    helper: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, WorkerChoiceField):
                field.queryset = field.fresh_queryset()
        # The page template writes the <form> tag and its CSRF token.
        self.helper.disable_csrf = True


class CaseworkForm(WorkersInPost, GovukForm):
    """A casework form that creates a record."""


class CaseworkEditForm(WorkersInPost, VersionedForm):
    """A casework form that changes an existing record (carries its version)."""


YES_NO = [("yes", "Yes"), ("no", "No")]


def yes_no_field(label: str, *, required_message: str, help_text: str = "") -> Any:
    """A GOV.UK Yes / No radio question, cleaned to a bool."""
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": required_message},
    )


def text_field(
    label: str, *, required_message: str = "", help_text: str = "", rows: int = 5
) -> Any:
    """A GOV.UK textarea; optional unless a required message is given."""
    return forms.CharField(
        label=label,
        required=bool(required_message),
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message} if required_message else None,
    )


def choice_field(
    label: str,
    choices: Sequence[tuple[str, str]],
    *,
    required_message: str = "",
    radios: bool = False,
    help_text: str = "",
) -> Any:
    """A select (or radios) from a TextChoices or DfE code list."""
    options = list(choices) if radios else [("", "Choose an option"), *choices]
    return forms.ChoiceField(
        label=label,
        choices=options,
        required=bool(required_message),
        help_text=help_text,
        widget=forms.RadioSelect if radios else forms.Select,
        error_messages={
            "required": required_message,
            "invalid_choice": f"Choose one of the options for: {label.lower()}",
        },
    )
