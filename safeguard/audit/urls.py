"""URLs of the audit app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import path

app_name = "audit"
urlpatterns: list = []
