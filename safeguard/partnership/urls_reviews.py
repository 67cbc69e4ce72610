"""URLs for serious incidents and practice reviews (the partnership business unit's)."""

from django.urls import URLPattern, URLResolver, path

from safeguard.partnership.views import reviews, reviews_cspr, reviews_plan, reviews_report

CASE = "reviews/<uuid:incident_id>/"
ACTION = f"{CASE}actions/<uuid:action_id>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("reviews/", reviews.incidents, name="review_list"),
    path("reviews/new/", reviews.record_incident, name="review_new"),
    path("reviews/tracker/", reviews_report.tracker_page, name="review_tracker"),
    path(
        "reviews/tracker/export.<slug:fmt>",
        reviews_report.tracker_export,
        name="review_tracker_export",
    ),
    path("reviews/themes/", reviews_plan.theme_list, name="review_themes_list"),
    path(
        "reviews/themes/<uuid:theme_id>/active/",
        reviews_plan.theme_active,
        name="review_theme_active",
    ),
    path(CASE, reviews.case, name="review_case"),
    path(f"{CASE}notification/", reviews.notification, name="review_notification"),
    path(f"{CASE}rapid-review/", reviews.rapid_review, name="review_rapid_review"),
    path(f"{CASE}rapid-review/sent/", reviews.rapid_review_sent, name="review_rapid_review_sent"),
    path(f"{CASE}cspr/", reviews_cspr.cspr, name="review_cspr"),
    path(f"{CASE}cspr/planned/", reviews_cspr.plan_publication, name="review_plan_publication"),
    path(f"{CASE}cspr/copy/", reviews_cspr.copy_to_panel, name="review_copy"),
    path(f"{CASE}cspr/published/", reviews_cspr.publication, name="review_publication"),
    path(
        f"{CASE}information-requests/new/",
        reviews_plan.information_request,
        name="review_information_request",
    ),
    path(
        f"{CASE}information-requests/<uuid:request_id>/received/",
        reviews_plan.information_received,
        name="review_information_received",
    ),
    path(f"{CASE}themes/", reviews_plan.themes, name="review_themes"),
    path(f"{CASE}actions/new/", reviews_plan.add_action, name="review_action_add"),
    path(f"{ACTION}start/", reviews_plan.start_action, name="review_action_start"),
    path(f"{ACTION}complete/", reviews_plan.complete_action, name="review_action_complete"),
    path(f"{CASE}products/new/", reviews_plan.add_product, name="review_product_add"),
]
