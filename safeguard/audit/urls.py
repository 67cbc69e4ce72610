"""URLs of the audit app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import path

from safeguard.audit import views

app_name = "audit"
urlpatterns = [
    path(
        "children/<uuid:child_id>/viewed-by/",
        views.record_access_log,
        name="record_access_log",
    ),
    path("reports/", views.access_reports, name="access_reports"),
    path("reports/users/<int:user_id>/", views.user_access_report, name="user_access_report"),
    path(
        "reports/children/<uuid:child_id>/",
        views.child_access_report,
        name="child_access_report",
    ),
    path("verify/", views.verify, name="verify"),
]
