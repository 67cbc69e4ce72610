"""The CIN census export: who is in the year, what is known on 31 March, and the XML."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest
from lxml import etree

from safeguard.assessment.models import Assessment, AssessmentFactor
from safeguard.cin.models import CINEpisode, CINPlan
from safeguard.people.models import Disability, Person
from safeguard.protection.models import (
    Conference,
    ConferenceType,
    CPPlan,
    CPPlanCategoryChange,
    Section47Enquiry,
    StrategyDiscussion,
)
from safeguard.returns.cin_census.export import (
    CensusSchemaError,
    NoChildrenError,
    cin_census_tables,
    cin_census_xml,
)
from safeguard.returns.spec import cin_xsd
from safeguard.returns.tables import CIN_TABLES, ROW
from safeguard.returns.year_round import child_links

YEAR = 2024  # 1 April 2023 to 31 March 2024
D = dt.date
NOW = dt.datetime(2024, 4, 2, 10, 30, 0)


def episode(child: Person, referral: dt.date, **values: Any) -> CINEpisode:
    defaults: dict[str, Any] = {"referral_source": "1A", "primary_need": "N1"}
    return CINEpisode.objects.create(child=child, referral_date=referral, **{**defaults, **values})


def rows(table: str, **where: str) -> list[dict[str, Any]]:
    frame = cin_census_tables(YEAR).tables[table]
    for column, value in where.items():
        frame = frame.filter(pl.col(column) == value)
    return [{k: v for k, v in r.items() if k != ROW} for r in frame.to_dicts()]


@pytest.fixture
def protected_child(make_child: Any) -> Person:
    """A child whose episode spans the year end, with the work of a CP case."""
    child = make_child(la_child_id="PROT1", upn="A123456789012", date_of_birth=D(2015, 6, 1))
    Disability.objects.create(person=child, code="MOB")
    Disability.objects.create(person=child, code="HAND")
    earlier = episode(child, D(2020, 1, 6), closure_date=D(2021, 1, 4), reason_for_closure="RC1")
    CPPlan.objects.create(
        episode=earlier,
        child=child,
        start_date=D(2020, 2, 3),
        end_date=D(2020, 12, 1),
        initial_category="NEG",
        latest_category="NEG",
    )
    now = episode(child, D(2023, 9, 4), closure_date=D(2024, 6, 3), reason_for_closure="RC1")
    assessment = Assessment.objects.create(
        episode=now, start_date=D(2023, 9, 4), authorised_on=D(2023, 10, 2)
    )
    for code in ("3A", "1B"):
        AssessmentFactor.objects.create(assessment=assessment, code=code)
    late = Assessment.objects.create(
        episode=now, start_date=D(2024, 3, 1), authorised_on=D(2024, 4, 10)
    )
    AssessmentFactor.objects.create(assessment=late, code="2A")
    CINPlan.objects.create(episode=now, start_date=D(2023, 10, 2), end_date=D(2023, 10, 20))
    discussion = StrategyDiscussion.objects.create(
        episode=now, held_on=D(2023, 10, 16), s47_initiated=True, criminal_investigation=False
    )
    s47 = Section47Enquiry.objects.create(
        episode=now, strategy_discussion=discussion, start_date=D(2023, 10, 17)
    )
    icpc = Conference.objects.create(
        episode=now,
        child=child,
        conference_type=ConferenceType.INITIAL,
        section47=s47,
        scheduled_for=D(2023, 11, 1),
        held_on=D(2023, 11, 1),
    )
    plan = CPPlan.objects.create(
        episode=now,
        child=child,
        initial_conference=icpc,
        start_date=D(2023, 11, 1),
        end_date=D(2024, 5, 1),
        initial_category="PHY",
        latest_category="MUL",
    )
    CPPlanCategoryChange.objects.create(
        plan=plan, changed_on=D(2024, 2, 1), from_category="PHY", to_category="EMO"
    )
    CPPlanCategoryChange.objects.create(
        plan=plan, changed_on=D(2024, 4, 20), from_category="EMO", to_category="MUL"
    )
    for held in (D(2024, 2, 1), D(2024, 4, 25)):
        Conference.objects.create(
            episode=now,
            child=child,
            conference_type=ConferenceType.REVIEW,
            plan=plan,
            scheduled_for=held,
            held_on=held,
        )
    return child


def test_children_in_the_year_are_those_with_an_episode_open_in_it(make_child: Any) -> None:
    kept = {
        "OPEN": episode(make_child(la_child_id="OPEN"), D(2022, 5, 1)),
        "CLOSED-IN": episode(
            make_child(la_child_id="CLOSED-IN"),
            D(2022, 5, 1),
            closure_date=D(2023, 4, 1),
            reason_for_closure="RC1",
        ),
        "NFA": episode(
            make_child(la_child_id="NFA"),
            D(2024, 3, 31),
            closure_date=D(2024, 3, 31),
            reason_for_closure="RC8",
            referral_nfa=True,
        ),
    }
    episode(
        make_child(la_child_id="BEFORE"),
        D(2022, 5, 1),
        closure_date=D(2023, 3, 31),
        reason_for_closure="RC1",
    )
    episode(make_child(la_child_id="AFTER"), D(2024, 4, 1))
    data = cin_census_tables(YEAR)
    assert data.tables["ChildIdentifiers"]["LAchildID"].to_list() == ["CLOSED-IN", "NFA", "OPEN"]
    nfa = rows("CINdetails", LAchildID="NFA")[0]
    assert (nfa["ReferralNFA"], nfa["CINclosureDate"], nfa["ReasonForClosure"]) == (
        "true",
        "2024-03-31",
        "RC8",
    )
    assert child_links(data) == {key: str(e.child_id).replace("-", "") for key, e in kept.items()}
    assert set(data.tables) == set(CIN_TABLES)
    for name, frame in data.tables.items():
        assert frame.columns == [*CIN_TABLES[name], ROW]
        assert frame.schema[ROW] == pl.Int64
        assert all(frame.schema[c] == pl.Utf8 for c in CIN_TABLES[name])
        assert set(frame[ROW].to_list()) <= {0}


def test_the_census_is_as_known_on_the_reference_date(protected_child: Person) -> None:
    child = "PROT1"
    assert rows("ChildIdentifiers") == [
        {
            "LAchildID": child,
            "UPN": "A123456789012",
            "FormerUPN": None,
            "UPNunknown": None,
            "PersonBirthDate": "2015-06-01",
            "ExpectedPersonBirthDate": None,
            "GenderCurrent": "2",
            "PersonDeathDate": None,
        }
    ]
    assert [r["Disability"] for r in rows("Disabilities")] == ["HAND", "MOB"]
    # Only the episode open in the year; its closure (June 2024) is not known yet.
    assert rows("CINdetails") == [
        {
            "LAchildID": child,
            "CINdetailsID": "1",
            "CINreferralDate": "2023-09-04",
            "ReferralSource": "1A",
            "PrimaryNeedCode": "N1",
            "CINclosureDate": None,
            "ReasonForClosure": None,
            "DateOfInitialCPC": None,
            "ReferralNFA": "false",
        }
    ]
    assert [
        (r["AssessmentID"], r["AssessmentActualStartDate"], r["AssessmentAuthorisationDate"])
        for r in rows("Assessments")
    ] == [("1", "2023-09-04", "2023-10-02"), ("2", "2024-03-01", None)]
    # Factors of the completed assessment, in code order; none yet for the open one.
    assert [(r["AssessmentID"], r["AssessmentFactors"]) for r in rows("AssessmentFactors")] == [
        ("1", "1B"),
        ("1", "3A"),
    ]
    assert [(r["CINPlanStartDate"], r["CINPlanEndDate"]) for r in rows("CINplanDates")] == [
        ("2023-10-02", "2023-10-20")
    ]
    # 15 working days from the strategy discussion on Monday 16 October 2023.
    assert rows("Section47") == [
        {
            "LAchildID": child,
            "CINdetailsID": "1",
            "S47ActualStartDate": "2023-10-17",
            "InitialCPCtarget": "2023-11-06",
            "DateOfInitialCPC": "2023-11-01",
            "ICPCnotRequired": "false",
        }
    ]
    # One plan before (in the earlier episode); the May end and April change are later.
    assert rows("ChildProtectionPlans") == [
        {
            "LAchildID": child,
            "CINdetailsID": "1",
            "CPPID": "1",
            "CPPstartDate": "2023-11-01",
            "CPPendDate": None,
            "InitialCategoryOfAbuse": "PHY",
            "LatestCategoryOfAbuse": "EMO",
            "NumberOfPreviousCPP": "1",
        }
    ]
    assert [r["CPPreviewDate"] for r in rows("Reviews")] == ["2024-02-01"]


def test_a_child_born_after_the_reference_date_was_unborn_on_it(make_child: Any) -> None:
    """The birth clears the expected date, so a past year's census shows the birth as the
    expected date, with the sex not yet known; the next year's shows the birth."""
    baby = make_child(
        la_child_id="BABY", date_of_birth=D(2024, 5, 2), gender="1", upn_unknown_reason="UN6"
    )
    episode(baby, D(2024, 1, 8))
    unborn = rows("ChildIdentifiers", LAchildID="BABY")[0]
    assert (unborn["PersonBirthDate"], unborn["ExpectedPersonBirthDate"]) == (None, "2024-05-02")
    assert (unborn["GenderCurrent"], unborn["UPNunknown"]) == ("0", "UN6")
    born = cin_census_tables(YEAR + 1).tables["ChildIdentifiers"].row(0, named=True)
    assert (born["PersonBirthDate"], born["ExpectedPersonBirthDate"]) == ("2024-05-02", None)
    assert born["GenderCurrent"] == "1"


def test_transfer_in_conference_is_reported_on_the_episode(make_child: Any) -> None:
    child = make_child(la_child_id="TIN")
    now = episode(child, D(2023, 6, 1))
    Conference.objects.create(
        episode=now,
        child=child,
        conference_type=ConferenceType.TRANSFER_IN,
        scheduled_for=D(2023, 6, 14),
        held_on=D(2023, 6, 14),
    )
    assert rows("CINdetails")[0]["DateOfInitialCPC"] == "2023-06-14"
    assert rows("Section47") == []


def test_xml_follows_the_xsd_and_the_header(protected_child: Person, settings: Any) -> None:
    settings.SAFEGUARD_LA_CODE = "873"
    content = cin_census_xml(YEAR, generated_at=NOW)
    document = etree.fromstring(content)
    assert content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    source = document.find("Header/Source")
    assert source is not None
    assert source.findtext("LEA") == "873"
    assert source.findtext("SoftwareCode") == "Safeguard"
    assert source.findtext("SourceLevel") == "L"
    assert source.findtext("DateTime") == "2024-04-02T10:30:00"
    assert document.findtext("Header/CollectionDetails/Collection") == "CIN"
    assert document.findtext("Header/CollectionDetails/Year") == "2024"
    assert document.findtext("Header/CollectionDetails/ReferenceDate") == "2024-03-31"
    details = document.find("Children/Child/CINdetails")
    assert details is not None
    assert [e.tag for e in details] == [
        "CINreferralDate",
        "ReferralSource",
        "PrimaryNeedCode",
        "Assessments",
        "Assessments",
        "CINPlanDates",
        "Section47",
        "ReferralNFA",
        "ChildProtectionPlans",
    ]
    schema = cin_xsd()
    assert schema.validate(document), schema.error_log


def test_the_published_xsd_rejects_only_a_zero_number_of_previous_plans(
    make_child: Any,
) -> None:
    """The XSD copy types NumberOfPreviousCPP as positiveInteger; a first plan is 0."""
    child = make_child(la_child_id="FIRST")
    now = episode(child, D(2023, 6, 1))
    CPPlan.objects.create(
        episode=now,
        child=child,
        start_date=D(2023, 7, 3),
        initial_category="NEG",
        latest_category="NEG",
    )
    document = etree.fromstring(cin_census_xml(YEAR, generated_at=NOW))
    schema = cin_xsd()
    assert not schema.validate(document)
    log: Any = schema.error_log
    assert {e.message for e in log} == {
        "Element 'NumberOfPreviousCPP': '0' is not a valid value of the atomic type "
        "'xs:positiveInteger'."
    }


def test_two_exports_differ_only_in_the_date_time(protected_child: Person) -> None:
    first = cin_census_xml(YEAR, generated_at=NOW)
    again = cin_census_xml(YEAR, generated_at=NOW)
    later = cin_census_xml(YEAR, generated_at=NOW + dt.timedelta(hours=1))
    assert first == again
    assert first != later
    assert first.replace(b"T10:30:00", b"T11:30:00") == later


def test_invalid_records_are_not_written(make_child: Any) -> None:
    child = make_child(la_child_id="BADUPN")
    Person.objects.filter(pk=child.pk).update(upn="NOT-A-UPN")
    episode(child, D(2023, 6, 1))
    with pytest.raises(CensusSchemaError, match="UPN"):
        cin_census_xml(YEAR, generated_at=NOW)


def test_an_empty_year_is_refused_rather_than_written(db: None) -> None:
    """The XSD needs at least one child: a census with none is not a valid file."""
    with pytest.raises(NoChildrenError, match="no child in need"):
        cin_census_xml(YEAR, generated_at=NOW)
