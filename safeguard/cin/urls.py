"""URLs of the cin app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver

app_name = "cin"
urlpatterns: list[URLPattern | URLResolver] = []
