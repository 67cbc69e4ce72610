"""Every fostering write is in the audit log with what changed, and the helpers the pages
call record who saw which enquiry, household or list: names of adults, no child."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory

from safeguard.access.testing.world import make_user
from safeguard.audit.models import AuditAction, AuditEvent
from safeguard.fostering import auditing, services
from safeguard.fostering.models import (
    FosterCarerReview,
    FosterHousehold,
    FosteringAssessment,
    FosteringEnquiry,
)

pytestmark = pytest.mark.django_db


def entries(obj) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(model_label=obj._meta.label, object_id=str(obj.pk)).order_by(
            "sequence"
        )
    )


def test_each_step_to_approval_is_audited_with_its_changes(approve):
    household = approve()
    assessment = FosteringAssessment.objects.get(household=household)
    enquiry = FosteringEnquiry.objects.get(assessment=assessment)
    on_enquiry = entries(enquiry)
    assert [e.action for e in on_enquiry] == [AuditAction.CREATE, AuditAction.CHANGE]
    assert on_enquiry[1].changes == {
        "outcome": ["open", "assessment"],
        "outcome_on": [None, assessment.stage_one_started_on.isoformat()],
    }
    on_assessment = entries(assessment)
    assert [e.summary for e in on_assessment] == [
        "Fostering assessment: stage 1 started",
        "Fostering assessment: stage 2 started",
        "Fostering assessment: panel recorded",
        "Fostering assessment: the ADM's decision recorded",
    ]
    assert on_assessment[-1].changes == {
        "decided_on": [None, household.approved_on.isoformat()],
        "approved": [None, "True"],
    }
    assert [e.action for e in entries(household)] == [AuditAction.CREATE]
    every = AuditEvent.objects.filter(model_label__startswith="fostering.")
    assert every.count() == 7
    assert all(e.child_id is None for e in every)
    # The log says which record, not whose: no carer's or enquirer's name is copied.
    assert not any("Lane" in e.summary for e in every)


def test_household_changes_and_reviews_are_audited(approve):
    household = approve()
    services.update_vacancies(household=household, vacancies=1)
    review = services.record_review(
        household=household,
        held_on=household.approved_on + dt.timedelta(days=300),
        approval_continues=True,
    )
    services.deregister_household(
        household=household, on=review.held_on + dt.timedelta(days=10), reason="Retired."
    )
    changes = [e.changes for e in entries(household) if e.action == AuditAction.CHANGE]
    assert changes == [
        {"vacancies": ["2", "1"]},
        {
            "deregistered_on": [None, (review.held_on + dt.timedelta(days=10)).isoformat()],
            "deregistration_reason": ["", "Retired."],
            "vacancies": ["1", "0"],
        },
    ]
    assert [e.action for e in entries(review)] == [AuditAction.CREATE]
    assert entries(review)[0].model_label == FosterCarerReview._meta.label


def test_a_closed_enquiry_is_audited():
    enquiry = services.record_enquiry(
        received_on=dt.date(2025, 3, 1), enquirer_name="Kit Moss", source="event"
    )
    services.close_enquiry(enquiry=enquiry, outcome="withdrawn", on=dt.date(2025, 3, 4))
    closed = entries(enquiry)[-1]
    assert closed.summary == "Fostering enquiry: enquiry closed"
    assert closed.changes == {"outcome": ["open", "withdrawn"], "outcome_on": [None, "2025-03-04"]}


def test_a_refused_write_leaves_no_entry():
    with pytest.raises(Exception):  # noqa: B017 - the ValidationError itself is tested elsewhere
        services.record_enquiry(received_on=dt.date(2025, 3, 1), enquirer_name=" ", source="x")
    assert not AuditEvent.objects.filter(model_label__startswith="fostering.").exists()


def test_page_and_list_views_name_the_user_the_address_and_the_record(approve):
    household = approve()
    user = make_user("fostering.viewer", "team_manager")
    request = RequestFactory().get("/fostering/", REMOTE_ADDR="203.0.113.9")
    request.user = user
    shown = auditing.audit_view(request, household, summary="household page")
    assert (shown.action, shown.actor_username, shown.ip) == (
        AuditAction.VIEW,
        "fostering.viewer",
        "203.0.113.9",
    )
    assert (shown.model_label, shown.object_id) == ("fostering.FosterHousehold", str(household.pk))
    assert shown.summary == "Foster household: household page"
    listed = auditing.audit_list(
        request, model=FosterHousehold, summary="carer households (active)", count=25
    )
    assert (listed.action, listed.row_count, listed.object_id) == (AuditAction.VIEW, 25, "")
    assert listed.summary == "Fostering: carer households (active)"
    assert listed.actor_username == "fostering.viewer"


def test_an_unknown_action_is_refused(approve):
    with pytest.raises(ValueError, match="Unknown audit action"):
        auditing.audit_record(approve(), action="peek", summary="x")
