"""URLs of the domestic abuse pages (PPN consultations, HRDA meetings, the report)."""

from django.urls import URLPattern, path

from safeguard.frontdoor.views import domestic_abuse as views

urlpatterns: list[URLPattern] = [
    path("ppns/", views.ppn_list, name="ppn_list"),
    path("ppns/<uuid:contact_id>/consultation/", views.consult_ppn, name="consult_ppn"),
    path("hrda/", views.hrda_meeting, name="hrda_meeting"),
    path("hrda/listings/<uuid:listing_id>/action/", views.add_hrda_action, name="add_hrda_action"),
    path("hrda/listings/<uuid:listing_id>/risk/", views.review_hrda_risk, name="review_hrda_risk"),
    path("report/", views.domestic_abuse_report, name="domestic_abuse_report"),
    path(
        "report.csv", views.domestic_abuse_report, {"fmt": "csv"}, name="domestic_abuse_report_csv"
    ),
    path(
        "report.pdf", views.domestic_abuse_report, {"fmt": "pdf"}, name="domestic_abuse_report_pdf"
    ),
]
