"""URLs of the worklists app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver, path

from safeguard.worklists import views, views_queues

app_name = "worklists"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.my_work, name="my_work"),
    path("start/", views.start, name="start"),
    # Work queues (issue 8): work held by a role rather than a child's allocated worker.
    path("queues/front-door/", views_queues.front_door, name="queue_front_door"),
    path("queues/lado/", views_queues.lado, name="queue_lado"),
    path("queues/fostering/", views_queues.fostering, name="queue_fostering"),
    path("queues/unregistered/", views_queues.unregistered, name="queue_unregistered"),
]
