"""Reading a CIN census file: the flattened tables, their lines, and files refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from safeguard.returns.cin_census.reader import read_cin_census
from safeguard.returns.importing import ReturnFileError
from safeguard.returns.tables import CIN_TABLES, ROW

HEADER = """<Header>
    <CollectionDetails>
      <Collection>CIN</Collection>
      <Year>2024</Year>
      <ReferenceDate>2024-03-31</ReferenceDate>
    </CollectionDetails>
    <Source>
      <SourceLevel>L</SourceLevel>
      <LEA>873</LEA>
      <SoftwareCode>Other system</SoftwareCode>
      <DateTime>2024-04-02T10:00:00</DateTime>
    </Source>
  </Header>"""

CHILD_A = """<Child>
      <ChildIdentifiers>
        <LAchildID>A1</LAchildID>
        <UPN>A123456789012</UPN>
        <PersonBirthDate>2015-06-01</PersonBirthDate>
        <GenderCurrent>2</GenderCurrent>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>WBRI</Ethnicity>
        <Disabilities>
          <Disability>MOB</Disability>
          <Disability>HAND</Disability>
        </Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2023-09-04</CINreferralDate>
        <ReferralSource>1A</ReferralSource>
        <Assessments>
          <AssessmentActualStartDate>2023-09-04</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2023-10-02</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment>
            <AssessmentFactors>1B</AssessmentFactors>
            <AssessmentFactors>3A</AssessmentFactors>
          </FactorsIdentifiedAtAssessment>
        </Assessments>
        <Assessments>
          <AssessmentActualStartDate>2024-03-01</AssessmentActualStartDate>
        </Assessments>
        <Section47>
          <S47ActualStartDate>2023-10-17</S47ActualStartDate>
          <DateOfInitialCPC>2023-11-01</DateOfInitialCPC>
          <ICPCnotRequired>false</ICPCnotRequired>
        </Section47>
        <ReferralNFA>false</ReferralNFA>
        <ChildProtectionPlans>
          <CPPstartDate>2023-11-01</CPPstartDate>
          <InitialCategoryOfAbuse>PHY</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>1</NumberOfPreviousCPP>
          <Reviews>
            <CPPreviewDate>2024-02-01</CPPreviewDate>
          </Reviews>
        </ChildProtectionPlans>
      </CINdetails>
      <CINdetails>
        <CINreferralDate>not a date</CINreferralDate>
        <ReferralSource>1A</ReferralSource>
        <ReferralNFA>true</ReferralNFA>
      </CINdetails>
    </Child>"""

CHILD_B = """<Child>
      <ChildIdentifiers>
        <LAchildID>B2</LAchildID>
        <GenderCurrent>1</GenderCurrent>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>  </Ethnicity>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2023-05-01</CINreferralDate>
        <ReferralSource>5A</ReferralSource>
        <CINPlanDates>
          <CINPlanStartDate>2023-06-01</CINPlanStartDate>
        </CINPlanDates>
        <ReferralNFA>false</ReferralNFA>
      </CINdetails>
    </Child>"""


def census(tmp_path: Path, children: str, *, header: str = HEADER, root: str = "Message") -> Path:
    path = tmp_path / "census.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<{root}>\n  {header}\n  <Children>\n    '
        f"{children}\n  </Children>\n</{root}>\n",
        encoding="utf-8",
    )
    return path


def line_of(path: Path, text: str, occurrence: int = 1) -> int:
    """The line of the n-th line of the file containing ``text`` (1-based)."""
    found = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    return found[occurrence - 1]


def plain(frame: object) -> list[dict[str, object]]:
    return [{k: v for k, v in r.items() if k != ROW} for r in frame.to_dicts()]  # type: ignore[attr-defined]


def test_flattens_every_table_with_keys_and_lines(tmp_path: Path) -> None:
    path = census(tmp_path, CHILD_A + CHILD_B)
    data = read_cin_census(path)
    tables = data.tables
    assert set(tables) == set(CIN_TABLES)
    assert (data.collection_start, data.collection_end) == (
        dt.date(2023, 4, 1),
        dt.date(2024, 3, 31),
    )
    assert data.la_code == "873"
    assert plain(tables["Header"]) == [
        {
            "Collection": "CIN",
            "Year": "2024",
            "ReferenceDate": "2024-03-31",
            "SourceLevel": "L",
            "LEA": "873",
            "SoftwareCode": "Other system",
            "Release": None,
            "SerialNo": None,
            "DateTime": "2024-04-02T10:00:00",
        }
    ]
    assert tables["ChildIdentifiers"]["LAchildID"].to_list() == ["A1", "B2"]
    assert tables["ChildIdentifiers"][ROW].to_list() == [
        line_of(path, "<ChildIdentifiers>"),
        line_of(path, "<ChildIdentifiers>", 2),
    ]
    # Blank text is null; a value the XSD would reject is kept as it is, for the rules.
    assert tables["ChildCharacteristics"]["Ethnicity"].to_list() == ["WBRI", None]
    assert plain(tables["Disabilities"]) == [
        {"LAchildID": "A1", "Disability": "MOB"},
        {"LAchildID": "A1", "Disability": "HAND"},
    ]
    assert tables["Disabilities"][ROW].to_list() == [
        line_of(path, "<Disability>MOB"),
        line_of(path, "<Disability>HAND"),
    ]
    details = tables["CINdetails"]
    assert details.select("LAchildID", "CINdetailsID", "CINreferralDate").rows() == [
        ("A1", "1", "2023-09-04"),
        ("A1", "2", "not a date"),
        ("B2", "1", "2023-05-01"),
    ]
    # The episode's own DateOfInitialCPC, not the enquiry's.
    assert details["DateOfInitialCPC"].to_list() == [None, None, None]
    assert details[ROW].to_list()[0] == line_of(path, "<CINdetails>")
    assert tables["Assessments"].select(
        "CINdetailsID", "AssessmentID", "AssessmentAuthorisationDate"
    ).rows() == [("1", "1", "2023-10-02"), ("1", "2", None)]
    assert tables["AssessmentFactors"].select("AssessmentID", "AssessmentFactors").rows() == [
        ("1", "1B"),
        ("1", "3A"),
    ]
    assert plain(tables["Section47"]) == [
        {
            "LAchildID": "A1",
            "CINdetailsID": "1",
            "S47ActualStartDate": "2023-10-17",
            "InitialCPCtarget": None,
            "DateOfInitialCPC": "2023-11-01",
            "ICPCnotRequired": "false",
        }
    ]
    assert tables["CINplanDates"].select("LAchildID", "CINPlanStartDate").rows() == [
        ("B2", "2023-06-01")
    ]
    plans = tables["ChildProtectionPlans"]
    assert plans.select("CPPID", "NumberOfPreviousCPP", "CPPendDate").rows() == [("1", "1", None)]
    assert plans[ROW].to_list() == [line_of(path, "<ChildProtectionPlans>")]
    assert tables["Reviews"].select("CPPID", "CPPreviewDate", ROW).rows() == [
        ("1", "2024-02-01", line_of(path, "<CPPreviewDate>"))
    ]
    for name, frame in tables.items():
        assert frame.columns == [*CIN_TABLES[name], ROW], name


def test_the_year_argument_overrides_the_header(tmp_path: Path) -> None:
    data = read_cin_census(census(tmp_path, CHILD_B), year=2025)
    assert data.collection_end == dt.date(2025, 3, 31)


def test_a_namespaced_file_from_another_system_reads_the_same(tmp_path: Path) -> None:
    plain_file = read_cin_census(census(tmp_path, CHILD_A))
    other = tmp_path / "other"
    other.mkdir()
    path = census(other, CHILD_A, root='Message xmlns="urn:example:cin"')
    path.write_text(path.read_text().replace('</Message xmlns="urn:example:cin">', "</Message>"))
    namespaced = read_cin_census(path)
    for name in CIN_TABLES:
        assert plain(namespaced.tables[name]) == plain(plain_file.tables[name]), name


def refused(path: Path, **kwargs: object) -> ReturnFileError:
    with pytest.raises(ReturnFileError) as caught:
        read_cin_census(path, **kwargs)  # type: ignore[arg-type]
    assert str(path) in str(caught.value)
    return caught.value


def test_xml_that_is_not_well_formed_is_refused_with_its_line(tmp_path: Path) -> None:
    path = census(tmp_path, CHILD_B.replace("</ReferralSource>", "</Referral>"))
    error = refused(path)
    assert error.line == line_of(path, "</Referral>")
    assert "not well formed" in str(error)
    assert error.expected == "well-formed XML"


def test_a_file_that_is_not_a_census_is_refused(tmp_path: Path) -> None:
    error = refused(census(tmp_path, CHILD_B, root="Return"))
    assert (error.element, error.line, error.expected) == (
        "Return",
        2,
        "the root element <Message>",
    )
    empty = tmp_path / "empty.xml"
    empty.write_text("")
    assert "not well formed" in str(refused(empty))


def test_a_census_without_children_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "census.xml"
    path.write_text(f"<Message>{HEADER}</Message>")
    error = refused(path)
    assert error.expected == "<Children> after the <Header>"


def test_a_child_without_an_la_child_id_is_refused(tmp_path: Path) -> None:
    path = census(tmp_path, CHILD_A + CHILD_B.replace("<LAchildID>B2</LAchildID>", ""))
    error = refused(path)
    assert error.element == "Child"
    assert error.line == line_of(path, "<ChildIdentifiers>", 2)
    assert "LA child id" in str(error)


def test_no_reference_date_needs_a_year(tmp_path: Path) -> None:
    header = HEADER.replace("<ReferenceDate>2024-03-31</ReferenceDate>", "")
    path = census(tmp_path, CHILD_B, header=header)
    assert refused(path).element == "ReferenceDate"
    assert read_cin_census(path, year=2024).collection_end == dt.date(2024, 3, 31)
    bad = census(tmp_path, CHILD_B, header=HEADER.replace("2024-03-31", "31/03/2024"))
    error = refused(bad)
    assert (error.value, error.line) == ("31/03/2024", line_of(bad, "<Header>"))
