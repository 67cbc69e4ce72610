"""URLs of complaints, compliments and family feedback (included into ``quality``)."""

from django.urls import URLPattern, URLResolver, path

from safeguard.quality.views import complaints, complaints_compliments, complaints_report, feedback

urlpatterns: list[URLPattern | URLResolver] = [
    path("complaints/", complaints.register, name="complaint_list"),
    path("complaints/new/", complaints.new, name="complaint_new"),
    path("complaints/report/", complaints_report.report_page, name="complaint_report"),
    path(
        "complaints/report/<str:fmt>/",
        complaints_report.report_export,
        name="complaint_report_export",
    ),
    path("complaints/<uuid:complaint_id>/", complaints.detail, name="complaint_detail"),
    path("complaints/<uuid:complaint_id>/answer/", complaints.answer, name="complaint_answer"),
    path(
        "complaints/<uuid:complaint_id>/escalate/",
        complaints.escalate,
        name="complaint_escalate",
    ),
    path("compliments/", complaints_compliments.compliments, name="compliment_list"),
    path("compliments/new/", complaints_compliments.new_compliment, name="compliment_new"),
    path("feedback/", feedback.feedback_list, name="feedback_list"),
    path("feedback/new/", feedback.new_feedback, name="feedback_new"),
    path("feedback/due/", feedback.feedback_due, name="feedback_due"),
    path("feedback/<uuid:feedback_id>/", feedback.feedback_detail, name="feedback_detail"),
]
