"""URLs of the care app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver, include, path

from safeguard.care import views

app_name = "care"
CHILD = "children/<uuid:child_id>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(f"{CHILD}period-of-care/new/", views.start_care, name="start_care"),
    path(f"{CHILD}period-of-care/end/", views.end_care, name="end_care"),
    path(f"{CHILD}placement/new/", views.change_placement, name="change_placement"),
    path(f"{CHILD}legal-status/new/", views.change_legal_status, name="change_legal_status"),
    path(f"{CHILD}review/new/", views.record_review, name="record_review"),
    path(
        f"{CHILD}health-assessment/new/",
        views.record_health_assessment,
        name="record_health_assessment",
    ),
    path(f"{CHILD}pep/new/", views.record_pep, name="record_pep"),
    path(
        f"{CHILD}care-leaver-contact/new/",
        views.record_care_leaver_contact,
        name="record_care_leaver_contact",
    ),
    path(
        f"{CHILD}pathway-plan-review/new/",
        views.record_pathway_plan_review,
        name="record_pathway_plan_review",
    ),
    # Unregistered placements: the register, its reports and the Board page.
    path("", include("safeguard.care.urls_unregistered")),
]
