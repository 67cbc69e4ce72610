"""Statutory returns pages, mounted at /returns/."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from safeguard.returns import views

app_name = "returns"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("validation/<slug:kind>/", views.validation, name="validation"),
    path("validation/<slug:kind>/<str:code>/", views.validation_rule, name="validation_rule"),
    path("download/cin-census.xml", views.download_cin_census, name="download_cin_census"),
    path("download/ssda903.zip", views.download_ssda903, name="download_ssda903"),
    path("download/annex-a.xlsx", views.download_annex_a, name="download_annex_a"),
]
