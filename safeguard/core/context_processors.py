"""Template context every page needs: the authority's name and the signed-in user's menu."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, Any]:
    from safeguard.access.navigation import menu_for

    return {"la_name": settings.SAFEGUARD_LA_NAME, "nav_items": menu_for(request)}
