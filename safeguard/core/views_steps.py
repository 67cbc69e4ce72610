"""The shape every step form page shares, whatever record the step is about.

GET shows the form; a valid POST runs the service through ``submit_to_service`` and, on
success, redirects with a banner (POST/redirect/GET). A refused service call or a stale
edit re-renders the form with the user's input and the GOV.UK error summary. The view
keeps what differs: which record it loads (and the access check and audit of that),
which service it calls, where it goes afterwards and what the page says. A step that is
not open now (a ``warning`` says why) shows its page but never calls the service.

The pages render ``includes/step_form.html`` inside each app's own form template.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from safeguard.core.forms import submit_to_service

T = TypeVar("T")
Fact = tuple[str, str]


def posted(request: HttpRequest) -> QueryDict | None:
    """The form's data: what was posted, or None on a GET (an unbound form shows no errors)."""
    return request.POST if request.method == "POST" else None


def step_form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    template: str,
    title: str,
    button: str,
    action: Callable[[dict[str, Any]], T | None],
    success: str | Callable[[T], str],
    done: str | Callable[[T], str],
    facts: Sequence[Fact] = (),
    intro: str = "",
    warning: str = "",
    show_form: bool | None = None,
    context: Mapping[str, Any] | None = None,
    on_show: Callable[[], object] | None = None,
) -> HttpResponse:
    """Render ``form`` in ``template``, or run ``action(cleaned_data)`` and go to ``done``.

    ``success`` (the banner) and ``done`` (a URL) may be worked out from what the service
    returned, for a step that creates the record it then shows. The form is shown unless
    there is a ``warning`` (``show_form`` says otherwise, for a warning that informs but
    does not stop the step). ``context`` adds what the app's template needs besides;
    ``on_show`` runs only when the page is shown (e.g. the audit of a record that is not
    a child's, whose view the child's record guard does not write).
    """
    open_now = not warning if show_form is None else show_form
    if request.method == "POST" and open_now and form.is_valid():
        data = form.cleaned_data
        result = submit_to_service(form, lambda: action(data))
        if result is not None:
            messages.success(request, success(result) if callable(success) else success)
            return redirect(done(result) if callable(done) else done)
    if on_show is not None:
        on_show()
    page = {
        "form": form,
        "title": title,
        "button": button,
        "facts": facts,
        "intro": intro,
        "warning": warning,
        "show_form": open_now,
    }
    return render(request, template, {**(context or {}), **page})
