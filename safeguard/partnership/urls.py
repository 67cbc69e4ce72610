"""URLs of the partnership app (mounted at /partnership/). Every view declares its rule."""

from django.urls import URLPattern, URLResolver, include, path

from safeguard.partnership.views import lado, lado_report

app_name = "partnership"
CASE = "lado/cases/<uuid:allegation_id>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("lado/", lado.cases, name="lado_cases"),
    path("lado/contact/new/", lado.record_contact, name="lado_record_contact"),
    path(CASE, lado.case, name="lado_case"),
    path(f"{CASE}referral/", lado.referral, name="lado_referral"),
    path(f"{CASE}meeting/", lado.meeting, name="lado_meeting"),
    path(f"{CASE}outcome/", lado.outcome, name="lado_outcome"),
    path(f"{CASE}dbs/", lado.dbs, name="lado_dbs"),
    path(f"{CASE}close/", lado.close, name="lado_close"),
    path("lado/quarterly-report/", lado_report.report_page, name="lado_report"),
    path(
        "lado/quarterly-report/export.<slug:fmt>",
        lado_report.report_export,
        name="lado_report_export",
    ),
    # issue 9: each process's URLs in its own module, in this namespace
    path("", include("safeguard.partnership.urls_reviews")),
    path("", include("safeguard.partnership.urls_child_deaths")),
    path("", include("safeguard.partnership.urls_training")),
    path("", include("safeguard.partnership.urls_dataset")),
]
