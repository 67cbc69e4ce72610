"""URLs of the workforce app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver, path

from safeguard.workforce import views

app_name = "workforce"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.team, name="team"),
    path("<uuid:team_id>/", views.team, name="team"),
    path("children/<uuid:child_id>/allocation/new/", views.allocate_case, name="allocate_case"),
]
