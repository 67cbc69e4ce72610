"""URLs of the workforce app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver

app_name = "workforce"
urlpatterns: list[URLPattern | URLResolver] = []
