"""URLs of the worklists app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver, path

from safeguard.worklists import views, views_queues
from safeguard.worklists.queues.catalogue import QUEUES

app_name = "worklists"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.my_work, name="my_work"),
    path("start/", views.start, name="start"),
    # Work queues: work held by a role rather than a child's allocated worker, one page each.
    *(
        path(
            f"queues/{queue.slug}/",
            views_queues.queue_view(queue.slug),
            name=queue.url_name.removeprefix("worklists:"),
        )
        for queue in QUEUES
    ),
]
