"""From enquiry to approved household: the rules each step enforces."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safeguard.core.timescales.compute import compute_due
from safeguard.fostering import selectors, services
from safeguard.fostering.models import EnquiryOutcome, FosterHousehold

pytestmark = pytest.mark.django_db


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_journey_to_approval_creates_household_with_vacancies(approve):
    household = approve()
    assert household.vacancies == 2
    assert household.approved_on == household.assessment.decided_on
    assert household.assessment.stage == "Approved"
    assert household.assessment.enquiry.outcome == EnquiryOutcome.ASSESSMENT


def test_enquiry_cannot_be_in_the_future():
    with pytest.raises(ValidationError) as exc:
        services.record_enquiry(
            received_on=dt.date.today() + dt.timedelta(days=1), enquirer_name="A", source="phone"
        )
    assert "cannot be in the future" in _errors(exc)["received_on"][0]


def test_assessment_cannot_start_before_enquiry_or_from_closed_enquiry(worker):
    enquiry = services.record_enquiry(
        received_on=dt.date(2025, 3, 1), enquirer_name="Kit", source="event"
    )
    with pytest.raises(ValidationError) as exc:
        services.start_assessment(
            enquiry=enquiry, started_on=dt.date(2025, 2, 1), assessing_worker=worker
        )
    assert "cannot be before the enquiry (01/03/2025)" in _errors(exc)["started_on"][0]
    services.close_enquiry(enquiry=enquiry, outcome="withdrawn", on=dt.date(2025, 3, 5))
    with pytest.raises(ValidationError) as exc:
        services.start_assessment(
            enquiry=enquiry, started_on=dt.date(2025, 3, 6), assessing_worker=worker
        )
    assert "only an open enquiry" in _errors(exc)["started_on"][0]


def test_panel_needs_stage_two_and_decision_needs_panel(worker):
    enquiry = services.record_enquiry(
        received_on=dt.date(2025, 3, 1), enquirer_name="Kit", source="event"
    )
    assessment = services.start_assessment(
        enquiry=enquiry, started_on=dt.date(2025, 3, 10), assessing_worker=worker
    )
    with pytest.raises(ValidationError) as exc:
        services.record_adm_decision(
            assessment=assessment, decided_on=dt.date(2025, 6, 1), approved=False
        )
    assert "panel has not heard" in _errors(exc)["decided_on"][0]
    with pytest.raises(ValidationError):
        services.record_panel(
            assessment=assessment,
            stage_two_completed_on=dt.date(2025, 5, 1),
            panel_on=dt.date(2025, 5, 10),
            recommendation="approve",
        )


def test_approval_terms_are_checked(worker):
    enquiry = services.record_enquiry(
        received_on=dt.date(2025, 1, 1), enquirer_name="Kit", source="phone"
    )
    a = services.start_assessment(
        enquiry=enquiry, started_on=dt.date(2025, 1, 5), assessing_worker=worker
    )
    services.start_stage_two(
        assessment=a, stage_one_completed_on=dt.date(2025, 2, 1), started_on=dt.date(2025, 2, 2)
    )
    services.record_panel(
        assessment=a,
        stage_two_completed_on=dt.date(2025, 6, 1),
        panel_on=dt.date(2025, 6, 10),
        recommendation="approve",
    )
    with pytest.raises(ValidationError) as exc:
        services.record_adm_decision(
            assessment=a,
            decided_on=dt.date(2025, 6, 20),
            approved=True,
            household_name="Kits",
            carer_names="Kit",
            approval_type="respite",
            age_from=12,
            age_to=5,
        )
    assert "age band (12 to 5)" in _errors(exc)["age_to"][0]
    assert not FosterHousehold.objects.exists()


def test_vacancies_within_approval(approve):
    household = approve()
    services.update_vacancies(household=household, vacancies=0)
    with pytest.raises(ValidationError) as exc:
        services.update_vacancies(household=household, vacancies=3)
    assert "0 to 2" in _errors(exc)["vacancies"][0]


def test_annual_review_due_yearly_from_approval_then_last_review(approve):
    household = approve()
    approved = household.approved_on
    assert selectors.review_due(household) == compute_due("foster_carer_review", approved).due_date
    assert selectors.review_due(household) == approved.replace(year=approved.year + 1)
    held = approved + dt.timedelta(days=300)
    services.record_review(household=household, held_on=held, approval_continues=True)
    household.refresh_from_db()
    assert selectors.review_due(household) == held.replace(year=held.year + 1)
    assert selectors.review_overdue(household, held.replace(year=held.year + 1) + dt.timedelta(1))


def test_foster_carer_review_timescale_is_twelve_months():
    due = compute_due("foster_carer_review", dt.date(2024, 2, 29))
    assert due.due_date == dt.date(2025, 2, 28)


def test_deregistration_ends_vacancies_and_reviews(approve):
    household = approve()
    services.deregister_household(
        household=household, on=household.approved_on + dt.timedelta(days=30), reason="Retired"
    )
    household.refresh_from_db()
    assert household.vacancies == 0 and not household.is_active
    with pytest.raises(ValidationError):
        services.record_review(
            household=household, held_on=dt.date.today(), approval_continues=True
        )


def test_sufficiency_report_counts_conversion_and_median(approve, worker):
    approve(enquiry_on=dt.date(2025, 1, 6), months=6)
    approve(enquiry_on=dt.date(2025, 2, 3), months=8, approval_type="long_term")
    for n in range(8):
        services.record_enquiry(
            received_on=dt.date(2025, 3, 1 + n), enquirer_name=f"E{n}", source="website"
        )
    report = selectors.sufficiency_report(
        dt.date(2025, 1, 1), dt.date(2025, 12, 31), today=dt.date(2025, 12, 31)
    )
    assert report.enquiries == 10
    assert report.assessments_started == 2
    assert report.approvals == 2
    assert report.conversion_percent == 20.0
    assert report.median_months_to_approval is not None
    assert 6.0 <= report.median_months_to_approval <= 8.5
    rows = {r.label: r for r in report.by_type}
    assert rows["Short term"].households == 1 and rows["Long term"].vacancies == 2
    assert report.total_households == 2


def test_stage_lists(approve, worker):
    approve()
    services.record_enquiry(received_on=dt.date(2025, 3, 1), enquirer_name="Open", source="phone")
    counts = selectors.stage_counts()
    assert counts["open"] == 1 and counts["approved"] == 1 and counts["stage_1"] == 0
