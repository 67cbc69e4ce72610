"""URLs of the protection app. Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver, path

from safeguard.protection.views import casework, conferences, plans, queues

app_name = "protection"

CHILD = "children/<uuid:child_id>/"
CONFERENCE = CHILD + "conferences/<uuid:conference_id>/"
ENQUIRY = CHILD + "section-47/<uuid:enquiry_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("conferences/", queues.business_support, name="business_support"),
    path("chair/", queues.chair_home, name="chair_home"),
    path(
        CHILD + "strategy-discussions/new/",
        casework.record_strategy_discussion,
        name="record_strategy_discussion",
    ),
    path(CHILD + "section-47/new/", casework.start_section47, name="start_section47"),
    path(ENQUIRY + "outcome/", casework.record_section47_outcome, name="record_section47_outcome"),
    path(ENQUIRY + "conference-request/", casework.request_conference, name="request_conference"),
    path(
        ENQUIRY + "conference-not-required/",
        casework.mark_icpc_not_required,
        name="mark_icpc_not_required",
    ),
    path(CHILD + "conferences/new/", conferences.schedule_conference, name="schedule_conference"),
    path(CONFERENCE + "cancel/", conferences.cancel_conference, name="cancel_conference"),
    path(CONFERENCE + "invitations/new/", conferences.invite, name="invite"),
    path(
        CONFERENCE + "invitations/<uuid:invitation_id>/report/",
        conferences.record_agency_report,
        name="record_agency_report",
    ),
    path(CONFERENCE + "attendance/new/", conferences.record_attendance, name="record_attendance"),
    path(
        CONFERENCE + "outcome/",
        conferences.record_conference_outcome,
        name="record_conference_outcome",
    ),
    path(CONFERENCE + "minutes/", conferences.record_minutes_sent, name="record_minutes_sent"),
    path(CHILD + "cp-plan/category/", plans.change_cp_category, name="change_cp_category"),
    path(CHILD + "cp-plan/end/", plans.end_cp_plan, name="end_cp_plan"),
    path(CHILD + "core-group/new/", plans.record_core_group, name="record_core_group"),
    path(CHILD + "midway-reviews/new/", plans.record_midway_review, name="record_midway_review"),
    path(CHILD + "escalations/new/", plans.raise_escalation, name="raise_escalation"),
    path(
        CHILD + "escalations/<uuid:escalation_id>/resolve/",
        plans.resolve_escalation,
        name="resolve_escalation",
    ),
]
