"""URLs of the governance app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import path

app_name = "governance"
urlpatterns: list = []
