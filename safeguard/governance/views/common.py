"""Helpers shared by the governance pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse

PER_PAGE = 25


def paginate(request: HttpRequest, items: Any, per_page: int = PER_PAGE) -> Page[Any]:
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def download(name: str, content_type: str, content: bytes) -> HttpResponse:
    """A file to save, never shown in the browser or kept by it."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{quote(name)}"'
    response["Cache-Control"] = "no-store"
    return response
