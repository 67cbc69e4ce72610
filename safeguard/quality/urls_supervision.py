"""URLs for case supervision (mounted under /quality/supervision/)."""

from django.urls import URLPattern, URLResolver, path

from safeguard.quality.views import supervision as views
from safeguard.quality.views import supervision_report as report

urlpatterns: list[URLPattern | URLResolver] = [
    path("supervision/", views.team, name="supervision_team"),
    path("supervision/mine/", views.mine, name="supervision_mine"),
    path("supervision/report/", report.report_page, name="supervision_report"),
    path("supervision/report/<str:fmt>/", report.report_export, name="supervision_report_export"),
    path("supervision/worker/<uuid:worker_id>/", views.worker, name="supervision_worker"),
    path("supervision/worker/<uuid:worker_id>/record/", views.record, name="supervision_record"),
    path("supervision/<uuid:supervision_id>/", views.detail, name="supervision_detail"),
]
