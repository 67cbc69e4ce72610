"""URLs of the child death reviews (CDOP), in the ``partnership`` namespace."""

from django.urls import URLPattern, URLResolver, path

from safeguard.partnership.views import child_deaths as views
from safeguard.partnership.views import child_deaths_report as report

DEATH = "child-deaths/<uuid:death_id>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("child-deaths/", views.deaths, name="child_death_list"),
    path("child-deaths/notify/", views.notify, name="child_death_notify"),
    path("child-deaths/statistics/", report.statistics_page, name="child_death_statistics"),
    path(
        "child-deaths/statistics/export.<slug:fmt>",
        report.statistics_export,
        name="child_death_statistics_export",
    ),
    path("child-deaths/ncmd-extract.csv", report.ncmd_export, name="child_death_ncmd_export"),
    path(DEATH, views.case, name="child_death_case"),
    path(f"{DEATH}joint-agency-response/", views.joint_agency_response, name="child_death_jar"),
    path(f"{DEATH}coroner/", views.coroner, name="child_death_coroner"),
    path(f"{DEATH}registration/", views.registrar, name="child_death_registrar"),
    path(f"{DEATH}review-meeting/", views.review_meeting, name="child_death_review_meeting"),
    path(f"{DEATH}panel-date/", views.panel_date, name="child_death_panel_date"),
    path(f"{DEATH}panel-review/", views.panel_review, name="child_death_panel_review"),
]
