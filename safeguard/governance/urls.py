"""URLs of the governance app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import path

from safeguard.governance.views import agreements, retention, sharing, subject_access

app_name = "governance"
urlpatterns = [
    # Sharing agreements.
    path("agreements/", agreements.agreements, name="agreements"),
    path("agreements/new/", agreements.agreement_create, name="agreement_create"),
    path("agreements/<uuid:agreement_id>/end/", agreements.agreement_end, name="agreement_end"),
    # A child's sharing history, disclosures, withholding, family copies.
    path("children/<uuid:child_id>/sharing/", sharing.sharing_history, name="sharing_history"),
    path(
        "children/<uuid:child_id>/sharing/disclose/",
        sharing.record_disclosure,
        name="record_disclosure",
    ),
    path("children/<uuid:child_id>/sharing/withhold/", sharing.withhold, name="withhold"),
    path("withheld/<uuid:item_id>/lift/", sharing.lift_withheld, name="lift_withheld"),
    path(
        "children/<uuid:child_id>/conferences/<uuid:conference_id>/family-copy/",
        sharing.conference_family_copy,
        name="conference_family_copy",
    ),
    path(
        "children/<uuid:child_id>/conferences/<uuid:conference_id>/family-copy.pdf",
        sharing.conference_family_copy_pdf,
        name="conference_family_copy_pdf",
    ),
    # Subject access requests.
    path(
        "subject-access/",
        subject_access.subject_access_requests,
        name="subject_access_requests",
    ),
    path("subject-access/new/", subject_access.sar_create, name="sar_create"),
    path("subject-access/<uuid:request_id>/", subject_access.sar_detail, name="sar_detail"),
    path("subject-access/<uuid:request_id>/extend/", subject_access.sar_extend, name="sar_extend"),
    path("subject-access/<uuid:request_id>/refuse/", subject_access.sar_refuse, name="sar_refuse"),
    path(
        "subject-access/<uuid:request_id>/review/",
        subject_access.sar_start_review,
        name="sar_start_review",
    ),
    path(
        "subject-access/<uuid:request_id>/release/",
        subject_access.sar_release,
        name="sar_release",
    ),
    path(
        "subject-access/<uuid:request_id>/export.zip",
        subject_access.sar_export_zip,
        name="sar_export_zip",
    ),
    path(
        "subject-access/<uuid:request_id>/export.pdf",
        subject_access.sar_export_pdf,
        name="sar_export_pdf",
    ),
    path(
        "subject-access/<uuid:request_id>/redactions/",
        subject_access.sar_redactions,
        name="sar_redactions",
    ),
    path(
        "redactions/<uuid:item_id>/decide/",
        subject_access.sar_decide_redaction,
        name="sar_decide_redaction",
    ),
    path("redactions/", subject_access.redaction_reviews, name="redaction_reviews"),
    # Retention and destruction.
    path("retention/", retention.retention, name="retention"),
    path(
        "retention/rules/<uuid:rule_id>/",
        retention.retention_rule_edit,
        name="retention_rule_edit",
    ),
    path("retention/report/", retention.retention_report, name="retention_report"),
    path("retention/report.csv", retention.retention_report_csv, name="retention_report_csv"),
    path("retention/destruction/", retention.destruction_requests, name="destruction_requests"),
    path(
        "retention/destruction/propose/",
        retention.destruction_propose,
        name="destruction_propose",
    ),
    path(
        "retention/destruction/<uuid:request_id>/",
        retention.destruction_request,
        name="destruction_request",
    ),
    path(
        "retention/destruction/<uuid:request_id>/approve/",
        retention.destruction_approve,
        name="destruction_approve",
    ),
    path(
        "retention/destruction/<uuid:request_id>/reject/",
        retention.destruction_reject,
        name="destruction_reject",
    ),
]
