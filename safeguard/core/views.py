"""Pages owned by core: the landing redirect and the health check."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, resolve_url
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from safeguard.access.backends import capabilities_of
from safeguard.access.decorators import public
from safeguard.access.rules import role_code

#: The start page of roles with no work list of their own (the pages their role opens).
START_PAGE = "worklists:start"


def _first_url(*names: str) -> str:
    """The first of ``names`` that exists: pages other parts of the product add later
    become a role's home without a change here."""
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return "/admin/"


def role_home(user: Any) -> str:
    """Where a signed-in user's work starts, from their role and what it may do."""
    role = role_code(user)
    capabilities = capabilities_of(user)
    if not capabilities and user.is_staff:
        # Staff with no role yet (e.g. an administrator being set up) use the admin site.
        return "/admin/"
    if role == "mash_officer":
        return _first_url("frontdoor:mash_queue", "worklists:my_work", START_PAGE)
    if role == "team_manager" or (
        "manage_team" in capabilities and "view_caseload" not in capabilities
    ):
        return _first_url("workforce:team", START_PAGE)
    if "view_caseload" in capabilities:
        return _first_url("worklists:my_work", START_PAGE)
    if "manage_conferences" in capabilities:
        return _first_url("protection:business_support", START_PAGE)
    if "chair_conferences" in capabilities:
        return _first_url("protection:chair_home", START_PAGE)
    if "manage_lado_cases" in capabilities:
        # No caseload, team or conferences: the LADO's work is the allegations list.
        return _first_url("partnership:lado_cases", START_PAGE)
    return _first_url(START_PAGE)


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its own work; anyone not signed in goes to sign in."""
    if not request.user.is_authenticated:
        return redirect(resolve_url(settings.LOGIN_URL))
    return redirect(role_home(request.user))


@public
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
