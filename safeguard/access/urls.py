"""URLs of the access app. Every view declares its access rule (safeguard.access.decorators).

Mounted at the site root. The sign-in pages (``safeguard.access.signin``, another part of
the app) add their patterns to the same ``access`` namespace when that package exists.
"""

from __future__ import annotations

import importlib
import importlib.util

from django.urls import URLPattern, URLResolver, path

from safeguard.access import analysis_views, record_views, views

app_name = "access"
urlpatterns: list[URLPattern | URLResolver] = [
    path("access/capabilities/", views.capabilities, name="capabilities"),
    path(
        "analysis/children/",
        analysis_views.pseudonymised_children,
        name="pseudonymised_children",
    ),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.mark_notifications_read, name="mark_notifications_read"),
    path("children/<uuid:child_id>/break-glass/", record_views.break_glass, name="break_glass"),
    path("children/<uuid:child_id>/restriction/", record_views.restriction, name="restriction"),
    path(
        "children/<uuid:child_id>/restriction/grant/",
        record_views.grant_access,
        name="grant_access",
    ),
    path("access/grants/<uuid:grant_id>/revoke/", record_views.revoke_grant, name="revoke_grant"),
]

if importlib.util.find_spec("safeguard.access.signin") and importlib.util.find_spec(
    "safeguard.access.signin.urls"
):
    urlpatterns += importlib.import_module("safeguard.access.signin.urls").urlpatterns
