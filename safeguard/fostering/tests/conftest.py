from __future__ import annotations

import datetime as dt

import pytest

from safeguard.fostering import services
from safeguard.fostering.models import FosterHousehold


@pytest.fixture
def approve(worker):
    """Run one enquiry through to approval; returns the household."""

    def build(
        *, enquiry_on: dt.date = dt.date(2025, 1, 6), months: int = 6, approval_type="short_term"
    ) -> FosterHousehold:
        enquiry = services.record_enquiry(
            received_on=enquiry_on, enquirer_name="Robin Lane", source="website"
        )
        started = enquiry_on + dt.timedelta(days=14)
        assessment = services.start_assessment(
            enquiry=enquiry, started_on=started, assessing_worker=worker
        )
        services.start_stage_two(
            assessment=assessment,
            stage_one_completed_on=started + dt.timedelta(days=60),
            started_on=started + dt.timedelta(days=61),
        )
        panel = started + dt.timedelta(days=months * 30)
        services.record_panel(
            assessment=assessment,
            stage_two_completed_on=panel - dt.timedelta(days=20),
            panel_on=panel,
            recommendation="approve",
        )
        services.record_adm_decision(
            assessment=assessment,
            decided_on=panel + dt.timedelta(days=7),
            approved=True,
            household_name="The Lanes",
            carer_names="Robin Lane and Sam Lane",
            approval_type=approval_type,
            age_from=0,
            age_to=10,
            children_approved=2,
        )
        return FosterHousehold.objects.get(assessment=assessment)

    return build
