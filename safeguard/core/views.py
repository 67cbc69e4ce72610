"""Pages owned by core: the landing redirect and the health check."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from safeguard.access.decorators import public


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Until the practitioners' pages exist, the front door is the administration site."""
    return redirect("admin:index")


@public
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
