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
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from safeguard.core.codes import codelist
from safeguard.core.timescales import Due
from safeguard.core.views_steps import Fact, step_form_page

__all__ = ["Fact", "child_form_page", "code_label", "day", "due_text", "moment"]


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
    return step_form_page(
        request,
        form,
        template="care/child_form.html",
        title=title,
        button=button,
        action=action,
        success=success,
        done=reverse("people:child_record", kwargs={"child_id": child.pk}),
        facts=facts,
        intro=intro,
        warning=warning,
        show_form=show_form,
        context={
            "child": child,
            "caption": f"{child.first_name} {child.last_name} ({child.la_child_id})",
        },
    )


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
