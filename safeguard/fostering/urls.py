"""URLs of the fostering app (mounted at /fostering/). Every view declares its rule."""

from django.urls import URLPattern, URLResolver, path

from safeguard.fostering import views, views_report, views_steps

app_name = "fostering"
ENQUIRY = "enquiries/<uuid:enquiry_id>/"
HOUSEHOLD = "households/<uuid:household_id>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.enquiries, name="enquiries"),
    path("enquiries/new/", views.record_enquiry, name="record_enquiry"),
    path(ENQUIRY, views.enquiry, name="enquiry"),
    path(f"{ENQUIRY}close/", views_steps.close_enquiry, name="close_enquiry"),
    path(f"{ENQUIRY}assessment/", views_steps.start_assessment, name="start_assessment"),
    path(f"{ENQUIRY}stage-2/", views_steps.stage_two, name="stage_two"),
    path(f"{ENQUIRY}panel/", views_steps.panel, name="panel"),
    path(f"{ENQUIRY}decision/", views_steps.decision, name="decision"),
    path("households/", views_steps.households, name="households"),
    path(HOUSEHOLD, views_steps.household, name="household"),
    path(f"{HOUSEHOLD}vacancies/", views_steps.vacancies, name="vacancies"),
    path(f"{HOUSEHOLD}review/", views_steps.review, name="review"),
    path(f"{HOUSEHOLD}deregister/", views_steps.deregister, name="deregister"),
    path("sufficiency-report/", views_report.report_page, name="report"),
    path("sufficiency-report/export.<slug:fmt>", views_report.report_export, name="report_export"),
]
