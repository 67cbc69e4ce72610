"""URLs of the partnership dataset (in the ``partnership`` namespace, under dataset/): the
ten basic metrics page and downloads, partners' exception reports, the partner survey."""

from django.urls import URLPattern, URLResolver, path

from safeguard.partnership.views import dataset, dataset_reports, dataset_survey

REPORT = "dataset/exception-reports/<str:quarter>/<slug:agency>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("dataset/", dataset.page, name="dataset_page"),
    path("dataset/export.<slug:fmt>", dataset.export, name="dataset_export"),
    path(REPORT, dataset_reports.report, name="dataset_report"),
    path(f"{REPORT}return/", dataset_reports.return_report, name="dataset_report_return"),
    path(
        "dataset/local-authority/<str:quarter>/",
        dataset_reports.la_report_form,
        name="dataset_la_report_form",
    ),
    path("dataset/our-reports/", dataset_reports.agency_reports, name="dataset_agency_reports"),
    path(
        "dataset/our-reports/<str:quarter>/<slug:agency>/",
        dataset_reports.agency_report_form,
        name="dataset_agency_report_form",
    ),
    path("dataset/survey/", dataset_survey.survey, name="dataset_survey"),
    path("dataset/survey/new/", dataset_survey.survey_new, name="dataset_survey_new"),
]
