"""Pages of the access app: capabilities, notifications. Child pages are in record_views."""

from __future__ import annotations

import uuid

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from safeguard.access import selectors, services
from safeguard.access.decorators import requires
from safeguard.access.guards import signed_in_user
from safeguard.access.models import Notification
from safeguard.access.roles import ROLES_BY_CODE

NOTIFICATIONS_PER_PAGE = 20
#: Column headings of the capability matrix (the full names are in the key and <abbr>).
ROLE_SHORT_NAMES = {
    "social_worker": "SW",
    "consultant_social_worker": "CSW",
    "team_manager": "TM",
    "service_manager": "SM",
    "mash_officer": "MASH",
    "early_help_worker": "EH",
    "conference_support": "CBS",
    "cp_chair_iro": "Chair",
    "lado": "LADO",
    "partnership_business_unit": "PBU",
    "performance_analyst": "PA",
    "partner_agency": "PAU",
    "system_administrator": "SA",
}


@requires("access.view_capabilities")
@require_GET
def capabilities(request: HttpRequest) -> HttpResponse:
    roles, rows = selectors.capability_matrix()
    for role in roles:
        role.short = ROLE_SHORT_NAMES.get(role.code, role.name)  # type: ignore[attr-defined]
    rules_by_role = selectors.object_rules_by_role()
    role_details = [
        {
            "role": role,
            "rules": rules_by_role.get(role.code, []),
            "capabilities": [row.capability for row in rows if row.held_by[i]],
            "in_catalogue": role.code in ROLES_BY_CODE,
        }
        for i, role in enumerate(roles)
    ]
    return render(
        request,
        "access/capabilities.html",
        {"roles": roles, "rows": rows, "role_details": role_details},
    )


@requires("access.view_notifications")
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "access/notifications.html",
        {"page": page, "unread": selectors.unread_notification_count(request.user)},
    )


@requires("access.view_notifications")
@require_POST
def mark_notifications_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification (``notification`` in the form) or all of them as read."""
    notification_id = request.POST.get("notification", "")
    if notification_id:
        try:
            pk = uuid.UUID(notification_id)
        except ValueError as exc:
            raise Http404("There is no such notification.") from exc
        notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
        services.mark_notification_read(user=signed_in_user(request), notification=notification)
    else:
        services.mark_all_notifications_read(user=signed_in_user(request))
    url = reverse("access:notifications")
    page = request.POST.get("page", "")
    return redirect(f"{url}?page={page}" if page.isdigit() else url)
