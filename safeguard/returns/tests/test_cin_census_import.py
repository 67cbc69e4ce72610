"""Importing another system's CIN census: matching, idempotence, rejections, all-or-nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from safeguard.assessment.models import Assessment, AssessmentFactor
from safeguard.cin.models import CINEpisode, CINPlan
from safeguard.people.models import Disability, Person
from safeguard.protection.models import Conference, ConferenceType, CPPlan, Section47Enquiry
from safeguard.returns.cin_census.importer import LAST_NAME_NOT_KNOWN, import_cin_census
from safeguard.returns.importing import ReturnFileError

D = dt.date


def child_xml(child_id: str, *, birth: str = "2015-06-01", episodes: str = "") -> str:
    return f"""<Child>
  <ChildIdentifiers>
    <LAchildID>{child_id}</LAchildID>
    <UPN>A123456789012</UPN>
    <PersonBirthDate>{birth}</PersonBirthDate>
    <GenderCurrent>2</GenderCurrent>
  </ChildIdentifiers>
  <ChildCharacteristics>
    <Ethnicity>WBRI</Ethnicity>
    <Disabilities><Disability>MOB</Disability><Disability>HAND</Disability></Disabilities>
  </ChildCharacteristics>
  {episodes}
</Child>"""


def simple_episode(referral: str, closure: str = "") -> str:
    closed = (
        f"<CINclosureDate>{closure}</CINclosureDate><ReasonForClosure>RC1</ReasonForClosure>"
        if closure
        else ""
    )
    return f"""<CINdetails>
    <CINreferralDate>{referral}</CINreferralDate>
    <ReferralSource>1A</ReferralSource>
    <PrimaryNeedCode>N1</PrimaryNeedCode>
    {closed}
    <ReferralNFA>false</ReferralNFA>
  </CINdetails>"""


PROTECTION_EPISODE = """<CINdetails>
    <CINreferralDate>2023-09-04</CINreferralDate>
    <ReferralSource>1A</ReferralSource>
    <PrimaryNeedCode>N1</PrimaryNeedCode>
    <Assessments>
      <AssessmentActualStartDate>2023-09-04</AssessmentActualStartDate>
      <AssessmentAuthorisationDate>2023-10-02</AssessmentAuthorisationDate>
      <FactorsIdentifiedAtAssessment>
        <AssessmentFactors>1B</AssessmentFactors>
        <AssessmentFactors>3A</AssessmentFactors>
      </FactorsIdentifiedAtAssessment>
    </Assessments>
    <CINPlanDates>
      <CINPlanStartDate>2023-10-02</CINPlanStartDate>
      <CINPlanEndDate>2023-10-20</CINPlanEndDate>
    </CINPlanDates>
    <Section47>
      <S47ActualStartDate>2023-10-17</S47ActualStartDate>
      <InitialCPCtarget>2023-11-06</InitialCPCtarget>
      <DateOfInitialCPC>2023-11-01</DateOfInitialCPC>
      <ICPCnotRequired>false</ICPCnotRequired>
    </Section47>
    <ReferralNFA>false</ReferralNFA>
    <ChildProtectionPlans>
      <CPPstartDate>2023-11-01</CPPstartDate>
      <InitialCategoryOfAbuse>PHY</InitialCategoryOfAbuse>
      <LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse>
      <NumberOfPreviousCPP>0</NumberOfPreviousCPP>
      <Reviews><CPPreviewDate>2024-02-01</CPPreviewDate></Reviews>
    </ChildProtectionPlans>
  </CINdetails>"""


def census_file(tmp_path: Path, *children: str, name: str = "census.xml") -> Path:
    path = tmp_path / name
    body = "\n".join(children)
    path.write_text(
        "<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year>"
        "<ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails><Source><LEA>873</LEA>"
        f"</Source></Header>\n<Children>\n{body}\n</Children></Message>\n",
        encoding="utf-8",
    )
    return path


def case_rows() -> dict[str, int]:
    return {
        "people": Person.objects.count(),
        "episodes": CINEpisode.objects.count(),
        "assessments": Assessment.objects.count(),
        "s47": Section47Enquiry.objects.count(),
        "conferences": Conference.objects.count(),
        "plans": CPPlan.objects.count(),
    }


@pytest.mark.django_db
def test_a_new_child_is_created_with_the_whole_episode(tmp_path: Path) -> None:
    path = census_file(tmp_path, child_xml("N1", episodes=PROTECTION_EPISODE))
    summary = import_cin_census(path)
    assert summary.rejected == []
    assert summary.created == {
        "children": 1,
        "disabilities": 1,
        "CIN episodes": 1,
        "assessments": 1,
        "CIN plans": 1,
        "section 47 enquiries": 1,
        "initial conferences": 1,
        "CP plans": 1,
        "CP plan reviews": 1,
    }
    child = Person.objects.get(la_child_id="N1")
    assert (child.date_of_birth, child.upn, child.gender, child.ethnicity) == (
        D(2015, 6, 1),
        "A123456789012",
        "2",
        "WBRI",
    )
    assert child.last_name == LAST_NAME_NOT_KNOWN
    assert set(Disability.objects.filter(person=child).values_list("code", flat=True)) == {
        "MOB",
        "HAND",
    }
    episode = CINEpisode.objects.get(child=child)
    assert (episode.referral_date, episode.referral_source, episode.closure_date) == (
        D(2023, 9, 4),
        "1A",
        None,
    )
    assessment = Assessment.objects.get(episode=episode)
    assert assessment.authorised_on == D(2023, 10, 2)
    assert sorted(AssessmentFactor.objects.values_list("code", flat=True)) == ["1B", "3A"]
    assert CINPlan.objects.get(episode=episode).end_date == D(2023, 10, 20)
    s47 = Section47Enquiry.objects.get(episode=episode)
    icpc = Conference.objects.get(section47=s47)
    assert (icpc.conference_type, icpc.held_on, icpc.outcome, icpc.category) == (
        ConferenceType.INITIAL,
        D(2023, 11, 1),
        "plan",
        "PHY",
    )
    plan = CPPlan.objects.get(child=child)
    assert plan.initial_conference == icpc
    assert (plan.initial_category, plan.latest_category, plan.end_date) == ("PHY", "EMO", None)
    review = Conference.objects.get(plan=plan)
    assert (review.conference_type, review.held_on) == (ConferenceType.REVIEW, D(2024, 2, 1))


@pytest.mark.django_db
def test_importing_the_same_file_twice_changes_nothing(tmp_path: Path) -> None:
    path = census_file(
        tmp_path,
        child_xml("N1", episodes=PROTECTION_EPISODE),
        child_xml("N2", episodes=simple_episode("2023-05-01", "2023-08-01")),
    )
    first = import_cin_census(path)
    before = case_rows()
    versions = sorted(Person.objects.values_list("version", flat=True))
    second = import_cin_census(path)
    assert first.changed
    assert not second.changed
    assert second.created == {} and second.updated == {}
    assert second.unchanged["children"] == 2
    assert second.unchanged["CIN episodes"] == 2
    assert case_rows() == before
    assert sorted(Person.objects.values_list("version", flat=True)) == versions


@pytest.mark.django_db
def test_a_later_file_updates_what_changed(tmp_path: Path) -> None:
    import_cin_census(census_file(tmp_path, child_xml("N2", episodes=simple_episode("2023-05-01"))))
    later = census_file(
        tmp_path,
        child_xml("N2", episodes=simple_episode("2023-05-01", "2023-08-01")),
        name="later.xml",
    )
    summary = import_cin_census(later)
    assert summary.updated == {"CIN episodes": 1}
    assert summary.unchanged == {"children": 1, "disabilities": 1}
    episode = CINEpisode.objects.get(child__la_child_id="N2")
    assert (episode.closure_date, episode.reason_for_closure) == (D(2023, 8, 1), "RC1")


@pytest.mark.django_db
def test_a_child_held_with_another_birth_date_is_rejected(tmp_path: Path, make_child: Any) -> None:
    make_child(la_child_id="HELD", date_of_birth=D(2014, 1, 1))
    path = census_file(
        tmp_path,
        child_xml("HELD", episodes=simple_episode("2023-05-01")),
        child_xml("NEW", episodes=simple_episode("2023-06-01")),
    )
    summary = import_cin_census(path)
    assert [(r.child, r.line) for r in summary.rejected] == [("HELD", 4)]  # its <ChildIdentifiers>
    assert "date of birth 2014-01-01" in summary.rejected[0].reason
    assert not CINEpisode.objects.filter(child__la_child_id="HELD").exists()
    assert CINEpisode.objects.filter(child__la_child_id="NEW").exists()
    assert summary.created["children"] == 1
    assert any("rejected   child HELD (line 4)" in line for line in summary.lines())


@pytest.mark.django_db
def test_overlapping_episodes_reject_the_child_and_leave_no_trace(tmp_path: Path) -> None:
    episodes = simple_episode("2023-05-01") + simple_episode("2023-09-01", "2023-10-01")
    summary = import_cin_census(census_file(tmp_path, child_xml("OVER", episodes=episodes)))
    assert [r.child for r in summary.rejected] == ["OVER"]
    assert "overlaps" in summary.rejected[0].reason
    assert case_rows()["people"] == 0 and case_rows()["episodes"] == 0
    assert not summary.changed


@pytest.mark.django_db
def test_a_file_error_leaves_nothing_behind(tmp_path: Path) -> None:
    path = census_file(
        tmp_path,
        child_xml("GOOD", episodes=PROTECTION_EPISODE),
        child_xml("BAD", episodes=simple_episode("2023-02-30")),
    )
    with pytest.raises(ReturnFileError) as caught:
        import_cin_census(path)
    error = caught.value
    assert (error.element, error.value, error.expected) == (
        "CINreferralDate",
        "2023-02-30",
        "a date YYYY-MM-DD",
    )
    lines = [n for n, text in enumerate(path.read_text().splitlines(), 1) if "<CINdetails>" in text]
    assert error.line == lines[1]  # the second child's episode
    assert "GOOD" not in str(error)
    assert case_rows() == dict.fromkeys(case_rows(), 0)


@pytest.mark.django_db
def test_an_unknown_code_is_a_file_error(tmp_path: Path) -> None:
    bad = child_xml("CODE", episodes=simple_episode("2023-05-01")).replace(
        "<ReferralSource>1A</ReferralSource>", "<ReferralSource>ZZ</ReferralSource>"
    )
    with pytest.raises(ReturnFileError, match="not a DfE code"):
        import_cin_census(census_file(tmp_path, bad))
    assert case_rows()["people"] == 0


@pytest.mark.django_db
def test_the_import_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = census_file(tmp_path, child_xml("CMD", episodes=simple_episode("2023-05-01")))
    call_command("import", "cin-census", str(path))
    out = capsys.readouterr().out
    assert "created          1  children" in out
    call_command("import", "cin-census", str(path))
    assert "Nothing changed" in capsys.readouterr().out
    broken = tmp_path / "broken.xml"
    broken.write_text("<Message><Children>")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import", "cin-census", str(broken))
