"""URLs of the worklists app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver

app_name = "worklists"
urlpatterns: list[URLPattern | URLResolver] = []
