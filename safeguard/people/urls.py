"""The child's record pages, person search and registration (mounted at /children/)."""

from django.urls import path

from safeguard.people import person_views, views

app_name = "people"
urlpatterns = [
    path("search/", person_views.search, name="search"),
    path("new/", person_views.create_person, name="create_person"),
    path("<uuid:child_id>/", views.child_record, name="child_record"),
    path("<uuid:child_id>/details/edit/", person_views.edit_person, name="edit_person"),
    path("<uuid:child_id>/chronology/", views.child_chronology, name="child_chronology"),
    path("<uuid:child_id>/relationships/", views.child_relationships, name="child_relationships"),
    path("<uuid:child_id>/plans/", views.child_plans, name="child_plans"),
    path("<uuid:child_id>/visits/", views.child_visits, name="child_visits"),
    path("<uuid:child_id>/meetings/", views.child_meetings, name="child_meetings"),
    path("<uuid:child_id>/history/", views.child_history, name="child_history"),
]
