"""URLs of the assessment app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver, path

from safeguard.assessment import views

app_name = "assessment"
urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "children/<uuid:child_id>/assessment/new/",
        views.start_assessment,
        name="start_assessment",
    ),
    path(
        "children/<uuid:child_id>/assessment/complete/",
        views.complete_assessment,
        name="complete_assessment",
    ),
]
