"""URLs of children out of school (mounted at /education/). Every view declares its rule."""

from django.urls import URLPattern, URLResolver, path

from safeguard.education import views

app_name = "education"
CHILD = "children/<uuid:child_id>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(CHILD, views.overview, name="overview"),
    path(f"{CHILD}missing-education/new/", views.record_missing_education, name="record_cme"),
    path(
        f"{CHILD}missing-education/<uuid:episode_id>/end/",
        views.close_missing_education,
        name="close_cme",
    ),
    path(f"{CHILD}exclusions/new/", views.record_exclusion, name="record_exclusion"),
    path(
        f"{CHILD}exclusions/<uuid:exclusion_id>/lifted/",
        views.lift_exclusion,
        name="lift_exclusion",
    ),
    path(
        f"{CHILD}exclusions/<uuid:exclusion_id>/new-school/",
        views.record_reintegration,
        name="record_reintegration",
    ),
    path(f"{CHILD}part-time-timetables/new/", views.record_timetable, name="record_timetable"),
    path(
        f"{CHILD}part-time-timetables/<uuid:timetable_id>/end/",
        views.end_timetable,
        name="end_timetable",
    ),
]
