"""URLs of multi-agency training (in the ``partnership`` namespace, under training/)."""

from django.urls import URLPattern, URLResolver, path

from safeguard.partnership.views import training, training_bookings, training_report

SESSION = "training/sessions/<uuid:session_id>/"
BOOKING = "training/bookings/<uuid:booking_id>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("training/", training.programme, name="training_programme"),
    path("training/courses/", training.courses, name="training_courses"),
    path("training/courses/new/", training.course_add, name="training_course_add"),
    path("training/courses/<uuid:course_id>/", training.course, name="training_course"),
    path(
        "training/courses/<uuid:course_id>/sessions/new/",
        training.session_add,
        name="training_session_add",
    ),
    path(SESSION, training_bookings.session, name="training_session"),
    path(f"{SESSION}book/", training_bookings.book, name="training_book"),
    path(f"{SESSION}attendance/", training_bookings.attendance, name="training_attendance"),
    path(f"{BOOKING}cancel/", training_bookings.cancel, name="training_booking_cancel"),
    path(f"{BOOKING}evaluation/", training_bookings.evaluation, name="training_evaluation"),
    path("training/agencies/", training.agencies, name="training_agencies"),
    path("training/agencies/new/", training.agency_add, name="training_agency_add"),
    path("training/quarterly-report/", training_report.report_page, name="training_report"),
    path(
        "training/quarterly-report/export.<slug:fmt>",
        training_report.report_export,
        name="training_report_export",
    ),
]
