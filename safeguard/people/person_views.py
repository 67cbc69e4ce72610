"""Finding a person, registering one after the duplicate check, and editing their details.

A search result is not an opened record (the links go through ``open_child_record``), so
searching needs only ``search_people``; it is written to the audit log with what was
searched on, never the name typed.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.backends import capabilities_of
from safeguard.access.decorators import requires
from safeguard.access.guards import open_child_record
from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core.forms import submit_to_service
from safeguard.people import services
from safeguard.people.forms import CreatePersonForm, EditPersonForm, PersonSearchForm
from safeguard.people.record import statuses_for
from safeguard.people.search import search_people, visible_ids
from safeguard.people.selectors import find_possible_duplicates, suggest_la_child_id

RESULTS_PER_PAGE = 20
SEARCH_FIELDS = ("name", "identifier", "date_of_birth_0", "date_of_birth_1", "date_of_birth_2")
DETAIL_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "other_names",
    "date_of_birth",
    "expected_date_of_birth",
    "gender",
    "ethnicity",
    "la_child_id",
    "upn",
    "nhs_number",
)


def _record_url(child_id: Any) -> str:
    return reverse("people:child_record", kwargs={"child_id": child_id})


@requires("access.search_people")
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    bound = any(request.GET.get(key) is not None for key in SEARCH_FIELDS)
    form = PersonSearchForm(request.GET if bound else None)
    may_create = "record_contact" in capabilities_of(request.user)
    context: dict[str, Any] = {"form": form, "searched": False, "may_create": may_create}
    if bound and form.is_valid():
        data = form.cleaned_data
        results = search_people(
            user=request.user,
            name=data["name"],
            date_of_birth=data["date_of_birth"],
            identifier=data["identifier"],
        )
        page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        people = [result.person for result in page.object_list]
        statuses = statuses_for(people)
        may_open = visible_ids(request.user, people)
        rows = [
            {
                "person": person,
                "url": _record_url(person.pk),
                "status": statuses[person.pk] if person.pk in may_open else "",
            }
            for person in people
        ]
        query = request.GET.copy()
        query.pop("page", None)
        record_event(
            action=AuditAction.VIEW,
            user=request.user,
            summary=f"Person search: {', '.join(form.criteria())}",
            row_count=len(results),
        )
        context.update(
            {
                "searched": True,
                "page": page,
                "rows": rows,
                "total": len(results),
                "page_query": f"{query.urlencode()}&",
            }
        )
    return render(request, "people/search.html", context)


@requires("access.record_contact")
@require_http_methods(["GET", "POST"])
def create_person(request: HttpRequest) -> HttpResponse:
    form = CreatePersonForm(
        request.POST if request.method == "POST" else None,
        initial={"la_child_id": suggest_la_child_id()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data["confirm"]:
            matches = find_possible_duplicates(
                data["first_name"],
                data["last_name"],
                data["date_of_birth"] or data["expected_date_of_birth"],
                upn=data["upn"],
                nhs_number=data["nhs_number"],
            )
            if matches:
                return _duplicate_warning(request, form, matches)
        details = {name: data[name] for name in DETAIL_FIELDS}
        person = submit_to_service(form, lambda: services.register_person(**details))
        if person is not None:
            messages.success(request, f"{person.first_name} {person.last_name} has been added.")
            return redirect(_record_url(person.pk))
    return render(
        request,
        "people/person_form.html",
        {
            "form": form,
            "title": "Add a person",
            "button": "Continue",
            "cancel_url": reverse("people:search"),
        },
    )


def _duplicate_warning(
    request: HttpRequest, form: CreatePersonForm, matches: list[Any]
) -> HttpResponse:
    """Possible duplicates, before anything is created. Restricted records the user may not
    open are counted, not named."""
    from safeguard.access.models import RestrictedRecord

    people = [match.person for match in matches]
    restricted = set(
        RestrictedRecord.objects.filter(
            child_id__in=[p.pk for p in people], lifted_at__isnull=True
        ).values_list("child_id", flat=True)
    )
    openable = visible_ids(request.user, [p for p in people if p.pk in restricted])
    shown = [m for m in matches if m.person.pk not in restricted or m.person.pk in openable]
    hidden = len(matches) - len(shown)
    carried = [
        (key, value)
        for key, value in request.POST.items()
        if key not in {"csrfmiddlewaretoken", "confirm"}
    ]
    rows = [{"match": m, "url": _record_url(m.person.pk)} for m in shown]
    return render(
        request,
        "people/duplicates.html",
        {"form": form, "rows": rows, "hidden": hidden, "carried": carried},
    )


@requires("access.record_contact")
@require_http_methods(["GET", "POST"])
def edit_person(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    person = open_child_record(request, child_id, summary="Edit person's details")
    initial = {name: getattr(person, name) for name in DETAIL_FIELDS}
    initial["version"] = person.version
    form = EditPersonForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {name: data[name] for name in DETAIL_FIELDS}
        saved = submit_to_service(
            form,
            lambda: services.update_person_details(
                person=person, expected_version=data["version"], **changes
            ),
        )
        if saved is not None:
            messages.success(request, "The person's details have been saved.")
            return redirect(_record_url(person.pk))
    return render(
        request,
        "people/person_form.html",
        {
            "form": form,
            "child": person,
            "title": f"Change {person.first_name} {person.last_name}'s details",
            "button": "Save the details",
            "cancel_url": _record_url(person.pk),
        },
    )
