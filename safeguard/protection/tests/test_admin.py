"""Every cin, assessment and protection model is in the admin; its pages render."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from safeguard.assessment.services import complete_assessment, start_assessment
from safeguard.cin.services import record_visit, review_cin_plan, start_cin_plan
from safeguard.protection.conferencing import raise_escalation, record_midway_review
from safeguard.protection.services import (
    AttendanceInput,
    InvitationInput,
    change_cp_category,
    end_cp_plan,
    record_conference_attendance,
    record_conference_invitations,
    record_conference_outcome,
    record_core_group_meeting,
)
from safeguard.protection.tests.conftest import RCPC

pytestmark = pytest.mark.django_db

APPS = ("cin", "assessment", "protection")


def all_models():
    return [model for label in APPS for model in apps.get_app_config(label).get_models()]


def test_every_model_is_registered():
    missing = [m._meta.label for m in all_models() if not admin.site.is_registered(m)]
    assert missing == []


@pytest.fixture
def everything(rcpc, worker):
    """At least one row of every model."""
    plan = rcpc.plan
    episode = plan.episode
    assessment = start_assessment(episode=episode, start_date=dt.date(2019, 1, 7), worker=worker)
    complete_assessment(
        assessment=assessment,
        authorised_on=dt.date(2019, 1, 18),
        factors=["16A"],
        outcome="strategy",
        child_seen=True,
        seen_alone=False,
    )
    record_conference_invitations(
        conference=rcpc,
        invitations=[
            InvitationInput(agency="gp", invitee="Dr Amis", invited_on=dt.date(2019, 4, 23))
        ],
    )
    record_conference_attendance(
        conference=rcpc,
        attendance=[AttendanceInput(agency="gp", name="Dr Amis", status="dna")],
    )
    record_conference_outcome(
        conference=rcpc, held_on=RCPC, quorate=False, outcome="no_plan", category=""
    )
    record_core_group_meeting(plan=plan, held_on=dt.date(2019, 2, 12))
    record_midway_review(plan=plan, held_on=dt.date(2019, 3, 15), chair=rcpc.chair)
    raise_escalation(
        child=plan.child, raised_on=dt.date(2019, 3, 1), raised_by=rcpc.chair, about="Drift."
    )
    change_cp_category(plan=plan, category="EMO", changed_on=dt.date(2019, 3, 1))
    record_visit(
        child=plan.child,
        visit_date=dt.date(2019, 2, 8),
        visit_type="cp",
        worker=worker,
        child_seen=True,
        seen_alone=True,
        location="home",
    )
    end_cp_plan(plan=plan, end_date=RCPC, end_reason="no_longer_at_risk", conference=rcpc)
    cin_plan = start_cin_plan(episode=episode, start_date=RCPC)
    review_cin_plan(plan=cin_plan, held_on=dt.date(2019, 6, 3))
    for model in all_models():
        assert model._default_manager.exists(), model._meta.label
    return episode


def test_admin_pages_render(admin_client, everything):
    for model in all_models():
        info = (model._meta.app_label, model._meta.model_name)
        changelist = reverse("admin:{}_{}_changelist".format(*info))
        assert admin_client.get(changelist).status_code == 200, changelist
        assert admin_client.get(changelist, {"q": "Child"}).status_code == 200, changelist
        assert admin_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200
        obj = model._default_manager.first()
        change = reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
        assert admin_client.get(change).status_code == 200, change
