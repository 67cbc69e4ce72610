"""URLs of the earlyhelp app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver, path

from safeguard.earlyhelp import views

app_name = "earlyhelp"
urlpatterns: list[URLPattern | URLResolver] = [
    path("children/<uuid:child_id>/new/", views.start_early_help, name="start_early_help"),
    path(
        "children/<uuid:child_id>/assessment/",
        views.record_early_help_assessment,
        name="record_early_help_assessment",
    ),
    path(
        "children/<uuid:child_id>/lead-professional/",
        views.appoint_lead_professional,
        name="appoint_lead_professional",
    ),
    path("children/<uuid:child_id>/taf-plan/new/", views.record_taf_plan, name="record_taf_plan"),
    path(
        "children/<uuid:child_id>/taf-review/new/",
        views.record_taf_review,
        name="record_taf_review",
    ),
    path("children/<uuid:child_id>/step-up/", views.step_up, name="step_up"),
    path("children/<uuid:child_id>/step-down/", views.step_down, name="step_down"),
    path("children/<uuid:child_id>/close/", views.close_early_help, name="close_early_help"),
]
