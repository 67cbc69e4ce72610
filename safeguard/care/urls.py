"""URLs of the care app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver

app_name = "care"
urlpatterns: list[URLPattern | URLResolver] = []
