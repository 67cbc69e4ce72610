"""URLs of the case audit programme (included into the ``quality`` namespace)."""

from django.urls import URLPattern, URLResolver, path

from safeguard.quality.views import audits, audits_actions, audits_report

urlpatterns: list[URLPattern | URLResolver] = [
    path("audits/", audits.programme, name="audit_programme"),
    path("audits/plan/", audits.plan, name="audit_plan"),
    path("audits/groups/new/", audits.new_group, name="audit_group_new"),
    path("audits/groups/<uuid:group_id>/", audits.group, name="audit_group"),
    path("audits/mine/", audits.mine, name="audit_mine"),
    path("audits/actions/", audits_actions.my_actions, name="audit_my_actions"),
    path(
        "audits/actions/<uuid:action_id>/done/",
        audits_actions.complete_action,
        name="audit_action_done",
    ),
    path("audits/judgements/", audits_report.judgements, name="audit_judgements"),
    path("audits/report/", audits_report.report_page, name="audit_report"),
    path("audits/report/<str:fmt>/", audits_report.report_export, name="audit_report_export"),
    path("audits/<uuid:audit_id>/", audits.detail, name="audit_detail"),
    path("audits/<uuid:audit_id>/complete/", audits.complete, name="audit_complete"),
    path("audits/<uuid:audit_id>/actions/new/", audits.add_action, name="audit_add_action"),
    path("audits/<uuid:audit_id>/moderate/", audits.moderate, name="audit_moderate"),
    path("audits/<uuid:audit_id>/cancel/", audits.cancel, name="audit_cancel"),
]
