"""The shape every child-scoped journey form page shares (care and missing episodes).

GET shows the form; a valid POST runs the service through ``submit_to_service`` and, on
success, redirects to the child's record with a message (POST/redirect/GET). A refused
service call or a stale edit re-renders the form with the user's input and the GOV.UK
error summary. The page itself has no rules: the view says which service to call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from safeguard.core.codes import codelist
from safeguard.core.forms import submit_to_service
from safeguard.core.timescales import Due

Fact = tuple[str, str]


def child_form_page(
    request: HttpRequest,
    child: Any,
    form: forms.Form,
    *,
    title: str,
    button: str,
    action: Callable[[dict[str, Any]], object],
    success: str,
    facts: Sequence[Fact] = (),
    intro: str = "",
    warning: str = "",
    show_form: bool = True,
) -> HttpResponse:
    """Render ``form`` for ``child``, or run ``action(cleaned_data)`` and go back to the record."""
    if request.method == "POST" and show_form and form.is_valid():
        data = form.cleaned_data
        if submit_to_service(form, lambda: action(data)) is not None:
            messages.success(request, success)
            return redirect("people:child_record", child_id=child.pk)
    context = {
        "child": child,
        "form": form,
        "title": title,
        "button": button,
        "facts": facts,
        "intro": intro,
        "warning": warning,
        "show_form": show_form,
    }
    return render(request, "care/child_form.html", context)


def day(value: dt.date | None) -> str:
    return f"{value:%-d %B %Y}" if value is not None else "Not recorded"


def moment(value: dt.datetime | None) -> str:
    if value is None:
        return "Not recorded"
    return f"{timezone.localtime(value):%-d %B %Y at %H:%M}"


def due_text(due: Due) -> str:
    """A deadline from the timescale registry, as a practitioner reads it."""
    when = moment(due.due) if isinstance(due.due, dt.datetime) else day(due.due)
    overdue = due.due_date < timezone.localdate()
    return f"{when}{' (overdue)' if overdue else ''}"


def code_label(key: str, code: str) -> str:
    """A DfE code with its meaning, e.g. "Full care order (C2)"."""
    return f"{codelist(key).label(code)} ({code})" if code else "None"
