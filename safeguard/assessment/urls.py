"""URLs of the assessment app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver

app_name = "assessment"
urlpatterns: list[URLPattern | URLResolver] = []
