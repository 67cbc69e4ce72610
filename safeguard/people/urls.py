"""The child's record pages (mounted at /children/)."""

from django.urls import path

from safeguard.people import views

app_name = "people"
urlpatterns = [
    path("<uuid:child_id>/", views.child_record, name="child_record"),
]
