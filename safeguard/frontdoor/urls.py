"""URLs of the frontdoor app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver, include, path

from safeguard.frontdoor import views

app_name = "frontdoor"
urlpatterns: list[URLPattern | URLResolver] = [
    path("mash/", views.mash_queue, name="mash_queue"),
    path("contacts/new/", views.record_contact, name="record_contact"),
    path("contacts/<uuid:contact_id>/", views.contact, name="contact"),
    path("contacts/<uuid:contact_id>/triage/", views.triage_contact, name="triage_contact"),
    path(
        "contacts/<uuid:contact_id>/partner-checks/new/",
        views.request_partner_check,
        name="request_partner_check",
    ),
    path(
        "contacts/<uuid:contact_id>/partner-checks/<uuid:check_id>/answer/",
        views.record_partner_check,
        name="record_partner_check",
    ),
    path("contacts/<uuid:contact_id>/decision/", views.decide_contact, name="decide_contact"),
    path("contacts/<uuid:contact_id>/close/", views.close_contact, name="close_contact"),
    path("contacts/<uuid:contact_id>/children/new/", views.add_child, name="add_child"),
    path(
        "contacts/<uuid:contact_id>/decisions/<uuid:decision_id>/feedback/",
        views.record_feedback,
        name="record_feedback",
    ),
    path("domestic-abuse/", include("safeguard.frontdoor.urls_domestic_abuse")),  # domestic abuse
]
