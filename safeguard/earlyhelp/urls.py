"""URLs of the earlyhelp app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver

app_name = "earlyhelp"
urlpatterns: list[URLPattern | URLResolver] = []
