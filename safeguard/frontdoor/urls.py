"""URLs of the frontdoor app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver

app_name = "frontdoor"
urlpatterns: list[URLPattern | URLResolver] = []
