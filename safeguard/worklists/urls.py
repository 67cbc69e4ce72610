"""URLs of the worklists app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver, path

from safeguard.worklists import views

app_name = "worklists"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.my_work, name="my_work"),
    path("start/", views.start, name="start"),
]
