"""URLs of the protection app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver

app_name = "protection"
urlpatterns: list[URLPattern | URLResolver] = []
