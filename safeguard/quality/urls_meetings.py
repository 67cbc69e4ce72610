"""URLs for practice meetings (mounted under /quality/practice-meetings/)."""

from django.urls import URLPattern, URLResolver, path

from safeguard.quality.views import meetings as views
from safeguard.quality.views import meetings_report as report

urlpatterns: list[URLPattern | URLResolver] = [
    path("practice-meetings/", views.meeting_list, name="meeting_list"),
    path("practice-meetings/new/", views.schedule, name="meeting_schedule"),
    path("practice-meetings/report/", report.report_page, name="meeting_report"),
    path("practice-meetings/report/<str:fmt>/", report.report_export, name="meeting_report_export"),
    path("practice-meetings/<uuid:meeting_id>/", views.detail, name="meeting_detail"),
    path("practice-meetings/<uuid:meeting_id>/invite/", views.invite, name="meeting_invite"),
    path(
        "practice-meetings/<uuid:meeting_id>/apologies/", views.apologies, name="meeting_apologies"
    ),
    path(
        "practice-meetings/<uuid:meeting_id>/attendance/",
        views.attendance,
        name="meeting_attendance",
    ),
]
