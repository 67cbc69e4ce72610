"""URLs of the cin app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver, path

from safeguard.cin import views

app_name = "cin"
urlpatterns: list[URLPattern | URLResolver] = [
    path("children/<uuid:child_id>/cin-plan/new/", views.start_cin_plan, name="start_cin_plan"),
    path(
        "children/<uuid:child_id>/cin-plan/review/new/",
        views.review_cin_plan,
        name="review_cin_plan",
    ),
    path("children/<uuid:child_id>/cin-plan/end/", views.end_cin_plan, name="end_cin_plan"),
    path("children/<uuid:child_id>/visit/new/", views.record_visit, name="record_visit"),
    path("children/<uuid:child_id>/close/", views.close_episode, name="close_episode"),
]
