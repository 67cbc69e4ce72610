"""Who is on each Annex A list, and what the list says about them, from hand-built records
read back from the workbook."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.utils import timezone

from safeguard.assessment.models import Assessment
from safeguard.care.models import (
    AdoptionDecision,
    AdoptionMatch,
    CareLeaverContact,
    HealthAssessment,
    LookedAfterEpisode,
    LookedAfterReview,
    PathwayPlanReview,
    PeriodOfCare,
    PermanencePlan,
)
from safeguard.cin.models import CINEpisode, CINPlan, Visit
from safeguard.earlyhelp.models import EarlyHelpEpisode
from safeguard.exploitation.models import MissingEpisode, ReturnHomeInterview
from safeguard.people.models import Disability, Person
from safeguard.protection.models import (
    Conference,
    ConferenceType,
    CPPlan,
    CPPlanCategoryChange,
    Section47Enquiry,
    StrategyDiscussion,
)
from safeguard.returns.annex_a.care import ABSENT, ACCEPTED, MISSING, OFFERED, SECOND
from safeguard.returns.annex_a.cin_cp import EMERGENCY
from safeguard.returns.annex_a.export import annex_a_workbook
from safeguard.returns.tests.test_annex_a import contact
from safeguard.workforce.models import Allocation

AS_AT = dt.date(2025, 3, 31)
D = dt.date
Row = dict[str, Any]


def day(value: Any) -> dt.date | None:
    """A date cell as a date (openpyxl reads Excel dates as midnight datetimes)."""
    assert value is None or isinstance(value, dt.datetime), value
    return value.date() if value is not None else None


class Workbook:
    def __init__(self, as_at: dt.date = AS_AT) -> None:
        self.book = openpyxl.load_workbook(io.BytesIO(annex_a_workbook(as_at)))

    def rows(self, number: int) -> list[Row]:
        sheet = self.book[f"List {number}"]
        headings = [cell.value for cell in sheet[2]]
        return [
            dict(zip(headings, row, strict=True)) for row in sheet.iter_rows(3, values_only=True)
        ]

    def of(self, number: int, child: Person) -> list[Row]:
        key = "Child Unique ID"
        return [row for row in self.rows(number) if row[key] == child.la_child_id]


def episode(child: Person, referral: dt.date, **values: Any) -> CINEpisode:
    defaults: dict[str, Any] = {"referral_source": "3A", "primary_need": "N4"}
    return CINEpisode.objects.create(child=child, referral_date=referral, **{**defaults, **values})


def visit(child: Person, worker: Any, on: dt.date, kind: str, **values: Any) -> Visit:
    defaults: dict[str, Any] = {"child_seen": True, "seen_alone": False, "location": "home"}
    return Visit.objects.create(
        child=child, worker=worker, visit_date=on, visit_type=kind, **{**defaults, **values}
    )


@pytest.mark.django_db
def test_contacts_are_the_six_months_to_the_as_at_day(make_child: Any) -> None:
    inside = make_child(la_child_id="IN")
    contact(inside, D(2024, 10, 1))
    early = make_child(la_child_id="SEVEN-MONTHS")
    contact(early, D(2024, 8, 28))
    late = make_child(la_child_id="AFTER")
    contact(late, D(2025, 4, 1))
    book = Workbook()
    assert [row["Child Unique ID"] for row in book.rows(1)] == ["IN"]
    assert day(book.of(1, inside)[0]["Date of Contact"]) == D(2024, 10, 1)


@pytest.mark.django_db
def test_early_help_assessments_under_way_in_the_window(make_child: Any) -> None:
    current = make_child(la_child_id="EH-NOW")
    EarlyHelpEpisode.objects.create(
        child=current,
        requested_on=D(2024, 12, 1),
        request_source="2A",
        assessment_started_on=D(2024, 12, 5),
        assessment_completed_on=D(2025, 4, 20),
        assessment_agency="school",
    )
    finished = make_child(la_child_id="EH-OLD")
    EarlyHelpEpisode.objects.create(
        child=finished,
        requested_on=D(2024, 1, 1),
        request_source="2A",
        assessment_started_on=D(2024, 1, 5),
        assessment_completed_on=D(2024, 2, 1),
        closed_on=D(2024, 6, 1),
        closure_reason="needs_met",
    )
    book = Workbook()
    assert [row["Child Unique ID"] for row in book.rows(2)] == ["EH-NOW"]
    row = book.of(2, current)[0]
    assert day(row["Assessment start date"]) == D(2024, 12, 5)
    # Completed after the as-at day: not yet known on it.
    assert row["Assessment completion date"] is None
    assert row["Organisation completing assessment"] == "School or college"


@pytest.fixture
def protected(make_child: Any, make_worker: Any) -> dict[str, Any]:
    """A child referred in January, assessed, through s47 and conference onto a CP plan,
    with an older plan and an older referral, and a change of worker."""
    child = make_child(la_child_id="CP1", date_of_birth=D(2016, 4, 2), gender="2")
    Disability.objects.create(person=child, code="MOB")
    first, second = (
        make_worker(first_name="Ann", last_name="First"),
        make_worker(first_name="Bea", last_name="Second"),
    )
    Allocation.objects.create(
        child=child, worker=first, started_on=D(2024, 6, 1), ended_on=D(2025, 2, 1)
    )
    Allocation.objects.create(
        child=child, worker=second, started_on=D(2025, 2, 1), ended_on=D(2025, 4, 2)
    )
    Allocation.objects.create(child=child, worker=first, started_on=D(2025, 4, 2))
    old = episode(child, D(2020, 1, 6), closure_date=D(2020, 12, 1), reason_for_closure="RC7")
    CPPlan.objects.create(
        episode=old,
        child=child,
        start_date=D(2020, 2, 1),
        end_date=D(2020, 11, 1),
        initial_category="NEG",
        latest_category="NEG",
    )
    episode(child, D(2024, 6, 1), closure_date=D(2024, 9, 1), reason_for_closure="RC8")
    now = episode(child, D(2025, 1, 10), referral_source="6")
    Assessment.objects.create(
        episode=now,
        start_date=D(2025, 1, 10),
        authorised_on=D(2025, 2, 14),
        child_seen=True,
        outcome="strategy",
    )
    Assessment.objects.create(
        episode=old, start_date=D(2020, 1, 7), authorised_on=D(2020, 2, 1), outcome="cin_plan"
    )
    discussion = StrategyDiscussion.objects.create(
        episode=now, held_on=D(2025, 2, 5), s47_initiated=True, criminal_investigation=False
    )
    s47 = Section47Enquiry.objects.create(
        episode=now, strategy_discussion=discussion, start_date=D(2025, 2, 6)
    )
    icpc = Conference.objects.create(
        episode=now,
        child=child,
        conference_type=ConferenceType.INITIAL,
        section47=s47,
        scheduled_for=D(2025, 2, 20),
        held_on=D(2025, 2, 20),
        outcome="plan",
    )
    plan = CPPlan.objects.create(
        episode=now,
        child=child,
        initial_conference=icpc,
        start_date=D(2025, 2, 20),
        initial_category="PHY",
        latest_category="MUL",
    )
    CPPlanCategoryChange.objects.create(
        plan=plan, changed_on=D(2025, 3, 10), from_category="PHY", to_category="EMO"
    )
    CPPlanCategoryChange.objects.create(
        plan=plan, changed_on=D(2025, 5, 1), from_category="EMO", to_category="MUL"
    )
    Conference.objects.create(
        episode=now,
        child=child,
        conference_type=ConferenceType.REVIEW,
        plan=plan,
        scheduled_for=D(2025, 3, 25),
        held_on=D(2025, 3, 25),
    )
    visit(child, second, D(2025, 3, 15), "cp", seen_alone=True)
    visit(child, second, D(2025, 3, 28), "cp", child_seen=False)
    visit(child, second, D(2025, 4, 3), "cp", seen_alone=True)
    return {"child": child, "worker": second}


@pytest.mark.django_db
def test_a_protected_child_on_the_lists_from_referral_to_plan(protected: dict[str, Any]) -> None:
    child = protected["child"]
    book = Workbook()
    (referral,) = book.of(3, child)  # the June referral is over six months before
    assert day(referral["Date of referral"]) == D(2025, 1, 10)
    assert referral["Referral Source"] == "q) 6: Police"
    assert referral["Number of Referrals in Last 12 Months"] == 2
    # The worker holding the case on 31 March, not the one before or after.
    worker = protected["worker"]
    assert (referral["Allocated Team"], referral["Allocated Worker"]) == (
        worker.team.name,
        "Bea Second",
    )
    (assessed,) = book.of(4, child)
    assert assessed["Does the Child have a Disability"] == "a) Yes"
    assert day(assessed["Continuous Assessment Date of Authorisation"]) == D(2025, 2, 14)
    assert assessed["Child Seen During Continuous Assessment"] == "a) Yes"
    assert assessed["Was the child assessed as requiring LA children's social care support"] == (
        "a) Yes"
    )
    (enquiry,) = book.of(5, child)
    assert day(enquiry["Strategy discussion initiating Section 47 Enquiry Start Date"]) == D(
        2025, 2, 5
    )
    assert enquiry["Was an Initial Child Protection Conference deemed unnecessary?"] == "b) No"
    assert day(enquiry["Date of Initial Child Protection Conference"]) == D(2025, 2, 20)
    assert (
        enquiry["Did the Initial Child Protection Conference Result in a Child Protection Plan"]
        == "a) Yes"
    )
    assert enquiry["Number of Section 47 Enquiries in the last 12 months"] == 1
    assert enquiry["Number of ICPCs in the last 12 months"] == 1
    (need,) = book.of(6, child)
    assert day(need["CIN Start Date"]) == D(2025, 1, 10)
    assert need["Primary Need Code"] == "N4 - Family in acute stress"
    assert need["Case status"] == "b) Child Protection plan"
    assert day(need["Date Child Was Last Seen"]) == D(2025, 3, 15)
    assert need["CIN Closure Date"] is None and need["Reason for Closure"] is None
    (plan,) = book.of(7, child)  # the 2020 plan ended long before the six months
    assert day(plan["Child Protection Plan Start Date"]) == D(2025, 2, 20)
    assert plan["Initial Category of Abuse"] == "b) Physical abuse"
    # On 31 March the category was emotional abuse: the May change is not yet made.
    assert plan["Latest Category of Abuse"] == "d) Emotional abuse"
    assert day(plan["Date of the Last Statutory Visit"]) == D(2025, 3, 28)
    assert plan["Was the Child Seen Alone?"] == "b) No"
    assert day(plan["Date of latest review conference"]) == D(2025, 3, 25)
    assert plan["Child Protection Plan End Date"] is None
    assert plan[EMERGENCY] == "b) No"
    assert plan["Number of Previous Child Protection Plans"] == 1
    assert book.of(8, child) == [] and book.of(9, child) == [] and book.of(10, child) == []


@pytest.mark.django_db
def test_closed_and_nfa_referrals_on_the_children_in_need_list(make_child: Any) -> None:
    closed = make_child(la_child_id="CLOSED")
    episode(closed, D(2024, 9, 1), closure_date=D(2024, 12, 2), reason_for_closure="RC9")
    long_closed = make_child(la_child_id="LONG-CLOSED")
    episode(long_closed, D(2024, 1, 1), closure_date=D(2024, 9, 30), reason_for_closure="RC7")
    nfa = make_child(la_child_id="NFA")
    episode(
        nfa, D(2025, 1, 1), referral_nfa=True, closure_date=D(2025, 1, 1), reason_for_closure="RC8"
    )
    planned = make_child(la_child_id="PLANNED")
    cin = episode(planned, D(2024, 11, 1))
    CINPlan.objects.create(episode=cin, start_date=D(2024, 12, 1))
    assessing = make_child(la_child_id="ASSESSING")
    Assessment.objects.create(episode=episode(assessing, D(2025, 3, 1)), start_date=D(2025, 3, 2))
    book = Workbook()
    by_id = {row["Child Unique ID"]: row for row in book.rows(6)}
    assert set(by_id) == {"CLOSED", "PLANNED", "ASSESSING"}
    assert by_id["CLOSED"]["Case status"] == "e) Closed episode"
    assert day(by_id["CLOSED"]["CIN Closure Date"]) == D(2024, 12, 2)
    assert by_id["CLOSED"]["Reason for Closure"] == (
        "RC9 - Case closed after assessment, referred to early help"
    )
    assert by_id["PLANNED"]["Case status"] == "c) Child in need plan"
    assert by_id["ASSESSING"]["Case status"] == "d) Open assessment"
    (open_assessment,) = book.of(4, assessing)
    assert open_assessment["Continuous Assessment Date of Authorisation"] is None
    assert (
        open_assessment["Was the child assessed as requiring LA children's social care support"]
        is None
    )
    assert open_assessment["Does the Child have a Disability"] == "c) Unknown"
    assert [row["Referral NFA?"] for row in book.of(3, nfa)] == ["a) Yes"]


def in_care(
    child: Person, spans: list[tuple[dt.date, dt.date | None, str, str, str]], **values: Any
) -> PeriodOfCare:
    """A period of care from (start, end, RNE, legal status, placement) episodes; the last
    end (if any) closes the period with ``values['rec']`` (default E8)."""
    rec = values.pop("rec", "E8")
    period_end = spans[-1][1]
    period = PeriodOfCare.objects.create(child=child, started_on=spans[0][0], ended_on=period_end)
    for i, (start, end, rne, legal, place) in enumerate(spans):
        last = i == len(spans) - 1
        LookedAfterEpisode.objects.create(
            child=child,
            period=period,
            started_on=start,
            ended_on=end,
            reason_new_episode=rne,
            legal_status=legal,
            category_of_need="N1",
            placement_type=place,
            placement_provider="PR1",
            reason_ceased=(rec if last else "X1") if end else "",
            **values,
        )
    return period


@pytest.mark.django_db
def test_a_child_in_care_as_things_stood_on_the_as_at_day(
    make_child: Any, make_worker: Any, settings: Any
) -> None:
    settings.SAFEGUARD_LA_CODE = "931"
    child = make_child(la_child_id="CLA1", is_uasc=True, uasc_ceased_on=D(2024, 6, 1))
    in_care(child, [(D(2023, 1, 1), D(2023, 5, 1), "S", "V2", "U6")], rec="E4A")
    period = in_care(
        child,
        [
            (D(2024, 11, 1), D(2025, 1, 10), "S", "V2", "U6"),
            (D(2025, 1, 10), D(2025, 2, 2), "L", "C1", "U6"),
            (D(2025, 2, 2), D(2025, 4, 10), "P", "C1", "U4"),
            (D(2025, 4, 10), None, "L", "C2", "U4"),
        ],
        placement_la_code="931",
        placement_postcode="ZZ1 1ZZ",
        urn="SC123456",
    )
    worker = make_worker(first_name="Cal", last_name="Carer")
    LookedAfterReview.objects.create(
        child=child, period=period, held_on=D(2024, 11, 20), participation="PN1"
    )
    PermanencePlan.objects.create(
        child=child, period=period, decided_on=D(2025, 3, 1), option="long_term_foster"
    )
    PermanencePlan.objects.create(
        child=child, period=period, decided_on=D(2025, 4, 5), option="adoption"
    )
    HealthAssessment.objects.create(
        child=child, period=period, kind="initial", assessed_on=D(2024, 11, 25)
    )
    visit(child, worker, D(2025, 3, 20), "looked_after")
    placement = LookedAfterEpisode.objects.get(child=child, started_on=D(2025, 2, 2))
    for started, kind in ((dt.datetime(2025, 2, 10, 22), "M"), (dt.datetime(2025, 3, 1, 23), "A")):
        MissingEpisode.objects.create(
            child=child,
            missing_type=kind,
            started_at=timezone.make_aware(started),
            ended_at=timezone.make_aware(started + dt.timedelta(hours=5)),
            looked_after_episode=placement,
        )
    missing = MissingEpisode.objects.get(child=child, missing_type="M")
    ReturnHomeInterview.objects.create(
        missing_episode=missing,
        offered_at=timezone.make_aware(dt.datetime(2025, 2, 11, 20)),
        accepted=False,
    )
    left = make_child(la_child_id="LEFT")
    in_care(left, [(D(2023, 1, 1), D(2024, 9, 1), "S", "C2", "K2")])
    book = Workbook()
    assert book.of(8, left) == []
    (row,) = book.of(8, child)
    assert row["Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)"] == (
        "a) Yes"
    )
    assert day(row["Date Started to be Looked After"]) == D(2024, 11, 1)
    assert row["Child's Category of Need"] == "N1 - Abuse or neglect"
    assert row[SECOND] == "b) No"  # the earlier period ended 18 months before
    assert day(row["Start date of current legal status"]) == D(2025, 1, 10)
    assert row["Child's Legal Status"] == "C1: ICO"  # the full care order came in April
    assert day(row["Date of Latest Statutory Review"]) == D(2024, 11, 20)
    assert day(row["Date of Last Social Work Visit"]) == D(2025, 3, 20)
    assert row["What is the permanence plan for this child?"] == "f) Long-term fostering"
    assert row["Date of Last IRO Visit / Contact to the Child"] is None
    assert day(row["Date of Last Health Assessment"]) == D(2024, 11, 25)
    assert row["Date of Last Dental Check"] is None
    assert row["Number of Placements in the Last 12 months"] == 2
    assert row["Date Ceased to be Looked After"] is None
    assert day(row["Start Date of Most Recent Placement"]) == D(2025, 2, 2)
    assert row["Placement Type"] == "d) U4: Foster placement - long term"
    assert row["Placement Provider"] == "b) PR1: Own provision"
    assert (row["Placement postcode"], row["URN of Placement"]) == ("ZZ1 1ZZ", "SC123456")
    assert (row["Placement Location"], row["LA of Placement"]) == ("a) In", "931")
    assert (row[MISSING], row[ABSENT]) == (1, 1)
    assert (row[OFFERED], row[ACCEPTED]) == ("a) Yes", "b) No")
    # A second period within 12 months of the first, and a placement out of area.
    again = make_child(la_child_id="AGAIN")
    in_care(again, [(D(2024, 5, 1), D(2024, 7, 1), "S", "V2", "U6")], rec="E4A")
    in_care(
        again,
        [(D(2024, 12, 1), D(2025, 3, 1), "S", "V2", "K2")],
        placement_la_code="888",
        rec="E4B",
    )
    (back,) = Workbook().of(8, again)
    assert back[SECOND] == "a) Yes"
    assert day(back["Date Ceased to be Looked After"]) == D(2025, 3, 1)
    assert back["Reason Ceased to be Looked After"] == (
        "f) E4B: Returned home to live with parents or relatives - not part of planning"
    )
    assert (back["Placement Location"], back["LA of Placement"]) == ("b) Out", "888")
    assert back[OFFERED] is None and back[MISSING] == 0


@pytest.mark.django_db
def test_care_leavers_by_their_care_history(make_child: Any, make_worker: Any) -> None:
    adviser = make_worker(first_name="Pat", last_name="Adviser")
    former = make_child(la_child_id="FORMER", date_of_birth=D(2006, 1, 1))
    in_care(former, [(D(2020, 1, 1), D(2023, 6, 1), "S", "C2", "U4")], rec="E5")
    CareLeaverContact.objects.create(
        child=former,
        contact_on=D(2025, 3, 1),
        in_touch="YES",
        activity="F2",
        accommodation="D2",
        personal_adviser=adviser,
    )
    CareLeaverContact.objects.create(
        child=former, contact_on=D(2025, 4, 5), in_touch="NO", activity="G5", accommodation="S2"
    )
    PathwayPlanReview.objects.create(child=former, reviewed_on=D(2025, 2, 1))
    relevant = make_child(la_child_id="RELEVANT", date_of_birth=D(2008, 6, 1))
    in_care(relevant, [(D(2023, 1, 1), D(2025, 1, 1), "S", "V2", "U6")], rec="E4A")
    qualifying = make_child(la_child_id="QUALIFYING", date_of_birth=D(2008, 6, 1))
    in_care(qualifying, [(D(2024, 7, 1), D(2024, 8, 15), "S", "V2", "U6")], rec="E4A")
    still = make_child(la_child_id="STILL", date_of_birth=D(2008, 6, 1))
    in_care(still, [(D(2022, 1, 1), None, "S", "C2", "U4")])
    young = make_child(la_child_id="LEFT-AT-12", date_of_birth=D(2008, 6, 1))
    in_care(young, [(D(2020, 1, 1), D(2021, 1, 1), "S", "C2", "U4")])
    older = make_child(la_child_id="OLDER", date_of_birth=D(2002, 1, 1))
    in_care(older, [(D(2016, 1, 1), D(2020, 1, 1), "S", "C2", "U4")], rec="E5")
    book = Workbook()
    by_id = {row["Child Unique ID"]: row for row in book.rows(9)}
    assert set(by_id) == {"FORMER", "RELEVANT", "QUALIFYING"}
    row = by_id["FORMER"]
    assert row["Eligibity Category"] == "b) Former relevant child"
    assert row["Age of Child (Years)"] == 19
    assert row["Allocated Personal Advisor"] == "Pat Adviser"
    assert day(row["Latest Pathway Plan Review Date"]) == D(2025, 2, 1)
    assert (row["LA in Touch"], day(row["Latest Date of Contact"])) == ("a) Yes", D(2025, 3, 1))
    assert row["Type of accommodation"] == (
        "D: Semi-independent, transitional accommodation and self-contained accommodation"
    )
    assert row["Suitability of Accomodation"] == "b) Unsuitable"
    assert row["Activity Status"] == "F2: Full time in education other than higher"
    assert by_id["RELEVANT"]["Eligibity Category"] == "a) Relevant child"
    assert by_id["QUALIFYING"]["Eligibity Category"] == "c) Qualifying care leaver"
    assert by_id["QUALIFYING"]["LA in Touch"] is None


@pytest.mark.django_db
def test_adoption_decisions_live_in_the_twelve_months(make_child: Any) -> None:
    child = make_child(la_child_id="ADOPT1", date_of_birth=D(2022, 3, 1))
    period = in_care(
        child,
        [
            (D(2023, 5, 1), D(2024, 1, 10), "S", "C1", "U5"),
            (D(2024, 1, 10), D(2025, 2, 1), "L", "E1", "U5"),
            (D(2025, 2, 1), None, "P", "E1", "A5"),
        ],
    )
    decision = AdoptionDecision.objects.create(
        child=child, period=period, decided_on=D(2023, 11, 1)
    )
    AdoptionMatch.objects.create(
        decision=decision,
        matched_on=D(2025, 1, 15),
        number_of_adopters=2,
        adopter_sex="MF",
        adopter_legal_status="L2",
    )
    reversed_child = make_child(la_child_id="REVERSED")
    gone = in_care(reversed_child, [(D(2022, 1, 1), None, "S", "C2", "U4")])
    AdoptionDecision.objects.create(
        child=reversed_child,
        period=gone,
        decided_on=D(2023, 1, 1),
        reversed_on=D(2024, 2, 1),
        reversal_reason="RD3",
    )
    late = make_child(la_child_id="REVERSED-LATE")
    kept = in_care(late, [(D(2022, 1, 1), None, "S", "C2", "U4")])
    AdoptionDecision.objects.create(
        child=late,
        period=kept,
        decided_on=D(2023, 1, 1),
        reversed_on=D(2024, 10, 1),
        reversal_reason="RD3",
    )
    book = Workbook()
    by_id = {row["Child Unique ID"]: row for row in book.rows(10)}
    assert set(by_id) == {"ADOPT1", "REVERSED-LATE"}
    row = by_id["ADOPT1"]
    assert day(row["Date the Child Entered Care"]) == D(2023, 5, 1)
    assert day(row["Date of Decision that Child Should be Placed for Adoption"]) == D(2023, 11, 1)
    assert day(row["Date of Placement Order"]) == D(2024, 1, 10)
    assert day(row["Date of Matching Child and Prospective Adopters"]) == D(2025, 1, 15)
    assert day(row["Date Placed for Adoption"]) == D(2025, 2, 1)
    assert row["Date of Adoption Order"] is None
    ffa = "Date the child was placed for fostering in FFA or concurrent planning placement"
    assert day(row[ffa]) == D(2023, 5, 1)
    assert by_id["REVERSED-LATE"]["Reason Why Child No Longer Placed for Adoption"] == (
        "RD3 - Prospective adopters could not be found"
    )
    assert book.rows(11) == []


def a_child_with_everything(make_child: Any, make_worker: Any, n: int) -> None:
    child = make_child(la_child_id=f"ALL{n}", date_of_birth=D(2008, 6, 1))
    Disability.objects.create(person=child, code="LD")
    worker = make_worker()
    Allocation.objects.create(child=child, worker=worker, started_on=D(2024, 12, 1))
    contact(child, D(2024, 12, 1))
    EarlyHelpEpisode.objects.create(
        child=child,
        requested_on=D(2024, 10, 1),
        request_source="2A",
        assessment_started_on=D(2024, 10, 2),
    )
    cin = episode(child, D(2024, 12, 2))
    Assessment.objects.create(episode=cin, start_date=D(2024, 12, 2))
    Section47Enquiry.objects.create(episode=cin, start_date=D(2024, 12, 3))
    plan = CPPlan.objects.create(
        episode=cin,
        child=child,
        start_date=D(2024, 12, 20),
        initial_category="NEG",
        latest_category="NEG",
    )
    CPPlanCategoryChange.objects.create(
        plan=plan, changed_on=D(2025, 1, 5), from_category="NEG", to_category="EMO"
    )
    visit(child, worker, D(2025, 1, 6), "cp")
    period = in_care(child, [(D(2025, 1, 10), None, "S", "L2", "U6")])
    AdoptionDecision.objects.create(child=child, period=period, decided_on=D(2025, 2, 1))


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_children(make_child: Any, make_worker: Any) -> None:
    """Set-based: each list reads its tables once, however many children are on it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    a_child_with_everything(make_child, make_worker, 0)
    with CaptureQueriesContext(connection) as one:
        first = Workbook()
    for n in range(1, 4):
        a_child_with_everything(make_child, make_worker, n)
    with CaptureQueriesContext(connection) as four:
        second = Workbook()
    assert len(four) == len(one)
    for number in (1, 2, 3, 4, 5, 6, 7, 8, 10):  # in care at 16: not yet a care leaver
        assert len(second.rows(number)) == 4 * len(first.rows(number)) > 0, number
