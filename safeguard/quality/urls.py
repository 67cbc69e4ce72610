"""URLs of the quality assurance app (mounted at /quality/). Every view declares its rule."""

from django.urls import URLPattern, URLResolver, include, path

app_name = "quality"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("safeguard.quality.urls_audits")),
    path("", include("safeguard.quality.urls_supervision")),
    path("", include("safeguard.quality.urls_meetings")),
    path("", include("safeguard.quality.urls_complaints")),
]
