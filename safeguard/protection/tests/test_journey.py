"""End to end: referral → assessment → strategy discussion → s47 → ICPC → CP plan →
visits → review conferences → plan ended → step down → episode closed, and the CIN
census CINdetails projection of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree

from safeguard.assessment.services import complete_assessment, start_assessment
from safeguard.cin.models import CINPlan, Visit
from safeguard.cin.services import (
    close_cin_episode,
    open_referral,
    record_visit,
    start_cin_plan,
)
from safeguard.protection import selectors
from safeguard.protection.models import Agency, CPPlan
from safeguard.protection.services import (
    ActionInput,
    AttendanceInput,
    AttendeeInput,
    InvitationInput,
    change_cp_category,
    convene_initial_conference,
    convene_review_conference,
    end_cp_plan,
    hold_strategy_discussion,
    record_conference_attendance,
    record_conference_invitations,
    record_conference_minutes_sent,
    record_conference_outcome,
    record_core_group_meeting,
    record_section47_outcome,
    start_cp_plan,
)
from safeguard.workforce.models import WorkerRole

pytestmark = pytest.mark.django_db

XSD = Path(__file__).resolve().parents[2] / "specs" / "cin-census-2024.xsd"
D = dt.date


def census_element_names() -> set[str]:
    tree = etree.parse(str(XSD))
    elements = tree.iterfind(".//{http://www.w3.org/2001/XMLSchema}element")
    return {str(element.get("name")) for element in elements if element.get("name")}


def census_keys(value: object) -> set[str]:
    """Every key of the projection that names a census element (capitalised keys)."""
    keys: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key[0].isupper():
                keys.add(key)
            keys |= census_keys(item)
    elif isinstance(value, list):
        for item in value:
            keys |= census_keys(item)
    return keys


def test_child_protection_journey(child, make_worker):
    social_worker = make_worker()
    manager = make_worker(role=WorkerRole.TEAM_MANAGER)
    chair = make_worker(role=WorkerRole.CONFERENCE_CHAIR)

    # Referral from a school; single assessment starts the same day.
    episode = open_referral(
        child=child, referral_date=D(2019, 1, 7), referral_source="2A", primary_need="N1"
    )
    assessment = start_assessment(episode=episode, start_date=D(2019, 1, 7), worker=social_worker)

    # Strategy discussion initiates s47 enquiries.
    discussion = hold_strategy_discussion(
        episode=episode,
        held_on=D(2019, 1, 14),
        lead_worker=social_worker,
        attendees=[
            AttendeeInput(agency=Agency.SOCIAL_CARE, name="Sam Worker", worker=social_worker),
            AttendeeInput(agency=Agency.POLICE, name="DC Ali Khan"),
            AttendeeInput(agency=Agency.HOSPITAL, name="Dr Rees", role="Paediatrician"),
            AttendeeInput(agency=Agency.SCHOOL, name="Ms Green"),
        ],
        s47_initiated=True,
        criminal_investigation=True,
        information_shared="Bruising reported by school; previous DA call-outs.",
        shared_with_family="Parents told of s47 enquiries and the reasons.",
        withheld_from_family="Date of police interview.",
        actions=[
            ActionInput(
                agency=Agency.HOSPITAL,
                owner="Dr Rees",
                action="Child protection medical",
                due_by=D(2019, 1, 15),
            )
        ],
        minutes_circulated_on=D(2019, 1, 15),
    )
    assert selectors.strategy_quorum(discussion).quorate
    enquiry = discussion.section47_enquiries.get()

    complete_assessment(
        assessment=assessment,
        authorised_on=D(2019, 1, 18),
        authorised_by=manager,
        factors=["3A", "16A"],
        outcome="strategy",
        child_seen=True,
        seen_alone=True,
    )
    record_section47_outcome(
        enquiry=enquiry,
        outcome="substantiated",
        outcome_date=D(2019, 1, 25),
        conference_requested_on=D(2019, 1, 25),
    )

    # Initial conference: booked, invitations, attendance, decision, minutes.
    icpc = convene_initial_conference(
        episode=episode,
        conference_type="initial",
        scheduled_for=D(2019, 2, 1),
        chair=chair,
        section47=enquiry,
        room="Room 2",
    )
    record_conference_invitations(
        conference=icpc,
        invitations=[
            InvitationInput(
                agency=Agency.GP,
                invitee="Dr Amis",
                invited_on=D(2019, 1, 25),
                report_requested=True,
            ),
            InvitationInput(
                agency=Agency.POLICE,
                invitee="DC Ali Khan",
                invited_on=D(2019, 1, 25),
                report_requested=True,
                report_received_on=D(2019, 1, 30),
            ),
        ],
    )
    record_conference_attendance(
        conference=icpc,
        attendance=[
            AttendanceInput(agency=Agency.POLICE, name="DC Ali Khan", status="attended"),
            AttendanceInput(agency=Agency.GP, name="Dr Amis", status="apologies"),
            AttendanceInput(agency=Agency.FAMILY, name="Mother", status="attended"),
        ],
    )
    record_conference_outcome(
        conference=icpc, held_on=D(2019, 2, 1), quorate=True, outcome="plan", category="NEG"
    )
    record_conference_minutes_sent(conference=icpc, sent_on=D(2019, 2, 5))
    plan = start_cp_plan(conference=icpc, visit_frequency_weeks=2, lead_social_worker=social_worker)

    # Core group and fortnightly visits.
    record_core_group_meeting(plan=plan, held_on=D(2019, 2, 12), attendees="SW, HV, school")
    for day in (D(2019, 2, 8), D(2019, 2, 22)):
        record_visit(
            child=child,
            visit_date=day,
            visit_type="cp",
            worker=social_worker,
            child_seen=True,
            seen_alone=True,
            location="home",
        )

    # First review: plan continues, category changes to emotional abuse.
    rcpc1 = convene_review_conference(plan=plan, scheduled_for=D(2019, 5, 1), chair=chair)
    record_conference_outcome(
        conference=rcpc1, held_on=D(2019, 5, 1), quorate=True, outcome="plan", category="EMO"
    )
    change_cp_category(plan=plan, category="EMO", changed_on=D(2019, 5, 1), conference=rcpc1)

    # Second review: no longer at risk; the plan ends and a CIN plan steps down.
    rcpc2 = convene_review_conference(plan=plan, scheduled_for=D(2019, 11, 1), chair=chair)
    record_conference_outcome(
        conference=rcpc2, held_on=D(2019, 11, 1), quorate=True, outcome="no_plan"
    )
    end_cp_plan(
        plan=plan, end_date=D(2019, 11, 1), end_reason="no_longer_at_risk", conference=rcpc2
    )
    start_cin_plan(episode=episode, start_date=D(2019, 11, 1), lead_worker=social_worker)

    close_cin_episode(
        episode=episode,
        closure_date=D(2019, 12, 2),
        reason_for_closure="RC7",
        signed_off_by=manager,
        closure_summary="Father left; mother engaging; school reports improvement.",
    )

    assert Visit.objects.filter(episode=episode, visit_type="cp").count() == 2
    assert CINPlan.objects.get().end_date == D(2019, 12, 2)
    assert CPPlan.objects.get().end_conference == rcpc2

    details = selectors.cin_details(episode)
    assert details == {
        "CINreferralDate": D(2019, 1, 7),
        "ReferralSource": "2A",
        "PrimaryNeedCode": "N1",
        "CINclosureDate": D(2019, 12, 2),
        "ReasonForClosure": "RC7",
        "DateOfInitialCPC": None,
        "Assessments": [
            {
                "AssessmentActualStartDate": D(2019, 1, 7),
                "AssessmentInternalReviewDate": None,
                "AssessmentAuthorisationDate": D(2019, 1, 18),
                "AssessmentFactors": ["16A", "3A"],
            }
        ],
        "CINPlanDates": [{"CINPlanStartDate": D(2019, 11, 1), "CINPlanEndDate": D(2019, 12, 2)}],
        "Section47": [
            {
                "S47ActualStartDate": D(2019, 1, 14),
                "DateOfInitialCPC": D(2019, 2, 1),
                "ICPCnotRequired": False,
                "strategy_discussion_date": D(2019, 1, 14),
            }
        ],
        "ReferralNFA": False,
        "ChildProtectionPlans": [
            {
                "CPPstartDate": D(2019, 2, 1),
                "CPPendDate": D(2019, 11, 1),
                "InitialCategoryOfAbuse": "NEG",
                "LatestCategoryOfAbuse": "EMO",
                "NumberOfPreviousCPP": 0,
                "CPPreviewDate": [D(2019, 5, 1), D(2019, 11, 1)],
            }
        ],
    }
    # Element order follows the XSD (cindetailstype) and every census key is an element.
    assert list(details) == [
        "CINreferralDate",
        "ReferralSource",
        "PrimaryNeedCode",
        "CINclosureDate",
        "ReasonForClosure",
        "DateOfInitialCPC",
        "Assessments",
        "CINPlanDates",
        "Section47",
        "ReferralNFA",
        "ChildProtectionPlans",
    ]
    assert census_keys(details) <= census_element_names()

    # A re-referral within 12 months, as a transfer-in: the ICPC is reported at the
    # CINdetails level (there is no s47) and the earlier plan is counted.
    second = open_referral(child=child, referral_date=D(2020, 1, 6), referral_source="5C")
    assert second.is_re_referral
    transfer = convene_initial_conference(
        episode=second, conference_type="transfer_in", scheduled_for=D(2020, 1, 10), chair=chair
    )
    record_conference_outcome(
        conference=transfer, held_on=D(2020, 1, 10), quorate=True, outcome="plan", category="PHY"
    )
    start_cp_plan(conference=transfer)
    again = selectors.cin_details(second)
    assert again["DateOfInitialCPC"] == D(2020, 1, 10)
    assert again["Section47"] == []
    assert again["ChildProtectionPlans"][0]["NumberOfPreviousCPP"] == 1
    assert again["ChildProtectionPlans"][0]["CPPendDate"] is None
    assert [d["CINreferralDate"] for d in selectors.cin_details_for_child(child)] == [
        D(2019, 1, 7),
        D(2020, 1, 6),
    ]
    assert selectors.number_of_previous_cp_plans(child, before=D(2020, 1, 10)) == 1
    assert selectors.number_of_previous_cp_plans(child, before=D(2019, 2, 1)) == 0
