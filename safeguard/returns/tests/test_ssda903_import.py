"""Importing another system's SSDA903: matching, counts, idempotence, refusals, rollback."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safeguard.care.models import (
    AdoptionDecision,
    CareLeaverContact,
    HealthAssessment,
    LookedAfterEpisode,
    LookedAfterReview,
    OutcomesRecord,
    PeriodOfCare,
)
from safeguard.exploitation.models import MissingEpisode
from safeguard.people.models import Person
from safeguard.returns.importing import ReturnFileError
from safeguard.returns.ssda903.export import ssda903_files
from safeguard.returns.ssda903.importer import IMPORTED_TEAM, import_ssda903
from safeguard.returns.tables import SSDA903_TABLES
from safeguard.workforce.models import Allocation, Worker

pytestmark = pytest.mark.django_db

FILES = {
    "Header": ["C100,1,17/05/2012,WBRI,UN4,,", "C200,2,03/09/2009,APKN,,,"],
    "Episodes": [
        "C100,10/05/2023,S,C2,N1,U6,PR1,15/01/2024,X1,CARPL,,BH1 1AA,",
        "C100,15/01/2024,P,C2,N1,K2,PR4,,,,,SO14 2AA,SC123456",
        "C200,01/02/2023,P,V2,N4,U4,PR1,01/06/2023,E13,,,BH2 2BB,",
    ],
    "Reviews": ["C100,17/05/2012,20/06/2023,PN1", "C100,17/05/2012,05/01/2024,PN2"],
    "OC2": [],
    "Missing": ["C100,17/05/2012,M,03/02/2024,05/02/2024"],
    "SWEpisodes": [
        "C100,17/05/2012,SW1234,10/05/2023,01/09/2023,FCONTA",
        "C100,17/05/2012,SW5678,01/09/2023,,LEFTRL",
    ],
}


def write(folder: Path, files: dict[str, list[str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for table, lines in files.items():
        text = "\n".join([",".join(SSDA903_TABLES[table]), *lines]) + "\n"
        (folder / f"{table}.csv").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write(tmp_path / "903", FILES)


def test_import_creates_the_records(folder: Path) -> None:
    summary = import_ssda903(folder)
    assert summary.rejected == []
    assert summary.created == {
        "person": 2,
        "period of care": 2,
        "looked-after episode": 3,
        "looked-after review": 2,
        "missing episode": 1,
        "team": 1,
        "worker": 2,
        "social worker episode": 2,
    }
    child = Person.objects.get(la_child_id="C100")
    assert (child.date_of_birth, child.gender, child.upn_unknown_reason) == (
        dt.date(2012, 5, 17),
        "1",
        "UN4",
    )
    period = PeriodOfCare.objects.get(child=child)
    assert (period.started_on, period.ended_on) == (dt.date(2023, 5, 10), None)
    first, second = LookedAfterEpisode.objects.filter(child=child).order_by("started_on")
    assert (first.reason_ceased, first.reason_placement_change, first.period) == (
        "X1",
        "CARPL",
        period,
    )
    assert (second.placement_type, second.urn, second.ended_on) == ("K2", "SC123456", None)
    assert LookedAfterReview.objects.filter(child=child, period=period).count() == 2
    missing = MissingEpisode.objects.get(child=child)
    assert missing.looked_after_episode == second
    worker = Worker.objects.get(staff_id="SW5678")
    assert worker.team is not None and worker.team.name == IMPORTED_TEAM
    first_sw, second_sw = Allocation.objects.filter(child=child).order_by("started_on")
    assert (first_sw.ended_on, first_sw.end_reason, second_sw.start_reason) == (
        dt.date(2023, 9, 1),
        "LEFTRL",
        "LEFTRL",
    )
    other = PeriodOfCare.objects.get(child__la_child_id="C200")
    assert (other.started_on, other.ended_on) == (dt.date(2023, 2, 1), dt.date(2023, 6, 1))


def test_importing_again_changes_nothing(folder: Path) -> None:
    import_ssda903(folder)
    again = import_ssda903(folder)
    assert not again.changed
    assert again.unchanged["looked-after episode"] == 3
    assert again.unchanged["person"] == 2


def test_export_of_the_imported_year_gives_the_files_back(folder: Path, tmp_path: Path) -> None:
    import_ssda903(folder)
    files = ssda903_files(2024)
    for table in ("Episodes", "Reviews", "Missing", "SWEpisodes"):
        lines = files[f"{table}.csv"].splitlines()[1:]
        assert sorted(lines) == sorted(FILES[table]), table


def test_an_earlier_year_extends_the_period_back(tmp_path: Path) -> None:
    later = write(
        tmp_path / "2025",
        {
            "Header": ["C300,1,01/01/2010,WBRI,,,"],
            "Episodes": ["C300,01/03/2024,P,C2,N1,K2,PR4,,,,,,"],
        },
    )
    earlier = write(
        tmp_path / "2024",
        {
            "Header": ["C300,1,01/01/2010,WBRI,,,"],
            "Episodes": [
                "C300,01/06/2023,S,C2,N1,U6,PR1,01/03/2024,X1,CARPL,,,",
                "C300,01/03/2024,P,C2,N1,K2,PR4,,,,,,",
            ],
        },
    )
    import_ssda903(later, year=2025)
    period = PeriodOfCare.objects.get(child__la_child_id="C300")
    assert period.started_on == dt.date(2024, 3, 1)
    summary = import_ssda903(earlier, year=2024)
    assert summary.updated == {"period of care": 1}
    period.refresh_from_db()
    assert period.started_on == dt.date(2023, 6, 1)
    assert PeriodOfCare.objects.filter(child__la_child_id="C300").count() == 1


def test_a_blank_end_after_31_march_keeps_the_end_the_records_hold(tmp_path: Path) -> None:
    year_2025 = write(
        tmp_path / "2025",
        {
            "Header": ["C400,2,01/01/2010,WBRI,,,"],
            "Episodes": ["C400,01/06/2023,S,C2,N1,U6,PR1,01/05/2024,E13,,,,"],
        },
    )
    year_2024 = write(
        tmp_path / "2024",
        {
            "Header": ["C400,2,01/01/2010,WBRI,,,"],
            "Episodes": ["C400,01/06/2023,S,C2,N1,U6,PR1,,,,,,"],
        },
    )
    import_ssda903(year_2025, year=2025)
    assert not import_ssda903(year_2024, year=2024).changed
    episode = LookedAfterEpisode.objects.get(child__la_child_id="C400")
    assert (episode.ended_on, episode.reason_ceased) == (dt.date(2024, 5, 1), "E13")


def test_oc2_facts_without_dates_are_recorded_on_31_march(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "903",
        {
            "Header": ["C500,1,17/05/2012,WBRI,,,"],
            "Episodes": ["C500,10/05/2021,S,C2,N1,U6,PR1,,,,,,"],
            "OC2": ["C500,17/05/2012,14,,0,,1,1,1,0,,"],
        },
    )
    summary = import_ssda903(folder, year=2024)
    assert summary.created["health assessment"] == 3  # the assessment, dental check and SDQ
    record = OutcomesRecord.objects.get(child__la_child_id="C500")
    assert (record.convicted, record.immunisations_up_to_date, record.substance_misuse) == (
        False,
        True,
        False,
    )
    sdq = HealthAssessment.objects.get(child__la_child_id="C500", kind="sdq")
    assert (sdq.assessed_on, sdq.sdq_score) == (dt.date(2024, 3, 31), 14)
    assert "gives no date" in sdq.notes
    oc2 = ssda903_files(2024)["OC2.csv"].splitlines()[1:]
    assert oc2 == ["C500,17/05/2012,14,,0,,1,1,1,0,,"]
    assert not import_ssda903(folder, year=2024).changed


def test_a_child_held_with_another_date_of_birth_is_rejected(folder: Path, make_child) -> None:
    make_child(la_child_id="C200", date_of_birth=dt.date(2009, 9, 4))
    summary = import_ssda903(folder)
    assert [(r.child, r.line) for r in summary.rejected] == [("C200", 3)]
    assert "04/09/2009, not 03/09/2009" in summary.rejected[0].reason
    assert not PeriodOfCare.objects.filter(child__la_child_id="C200").exists()
    assert PeriodOfCare.objects.filter(child__la_child_id="C100").exists()


def test_a_review_when_not_looked_after_is_rejected_alone(folder: Path, tmp_path: Path) -> None:
    files = {**FILES, "Reviews": [*FILES["Reviews"], "C100,17/05/2012,01/04/2023,PN1"]}
    summary = import_ssda903(write(tmp_path / "other", files))
    assert [(r.child, r.line) for r in summary.rejected] == [("C100", 4)]
    assert "not looked after that day" in summary.rejected[0].reason
    assert summary.created["looked-after review"] == 2


def test_an_unreadable_date_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    files = {**FILES, "Reviews": ["C100,17/05/2012,31/02/2024,PN1"]}
    with pytest.raises(ReturnFileError) as error:
        import_ssda903(write(tmp_path / "bad", files))
    found = error.value
    assert (found.file, found.line, found.field_name, found.value) == (
        "Reviews.csv",
        2,
        "REVIEW",
        "31/02/2024",
    )
    assert found.expected == "a real date as DD/MM/YYYY"
    assert not Person.objects.exists()


def test_an_unknown_code_is_refused(tmp_path: Path) -> None:
    files = {**FILES, "Episodes": ["C100,10/05/2023,S,C9,N1,U6,PR1,,,,,,"]}
    with pytest.raises(
        ReturnFileError,
        match=re.escape("Episodes.csv, line 2: field LS value 'C9': not a code the DfE lists"),
    ):
        import_ssda903(write(tmp_path / "bad", files))


def test_a_refusal_midway_leaves_nothing_behind(tmp_path: Path) -> None:
    # People are written before episodes; the blank legal status is found after them.
    files = {**FILES, "Episodes": [*FILES["Episodes"], "C200,01/07/2023,S,,N4,U4,PR1,,,,,,"]}
    with pytest.raises(ReturnFileError, match=re.escape("Episodes.csv, line 5: field LS")):
        import_ssda903(write(tmp_path / "bad", files))
    assert not Person.objects.exists()
    assert not Worker.objects.exists()


def test_the_import_command(folder: Path) -> None:
    out = io.StringIO()
    call_command("import", "ssda903", str(folder), stdout=out)
    assert "created          3  looked-after episode" in out.getvalue()
    out = io.StringIO()
    call_command("import", "ssda903", str(folder), "--year", "2024", stdout=out)
    assert "Nothing changed" in out.getvalue()


def test_the_import_command_refuses_a_bad_file(tmp_path: Path) -> None:
    files = {**FILES, "Reviews": ["C100,17/05/2012,2024-01-05,PN1"]}
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import", "ssda903", str(write(tmp_path / "bad", files)))
    assert not Person.objects.exists()


def test_uasc_status_and_the_date_it_ceased(tmp_path: Path) -> None:
    files = {**FILES, "UASC": ["C100,17/05/2012,1,01/03/2024"]}
    folder = write(tmp_path / "uasc", files)
    assert import_ssda903(folder).updated == {"UASC status": 1}
    child = Person.objects.get(la_child_id="C100")
    assert (child.is_uasc, child.uasc_ceased_on) == (True, dt.date(2024, 3, 1))
    assert ssda903_files(2024)["UASC.csv"].splitlines()[1:] == ["C100,17/05/2012,1,01/03/2024"]
    assert not import_ssda903(folder).changed


def test_a_care_leaver_contact_is_dated_on_the_birthday(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "oc3",
        {"Header": ["C600,2,10/10/2005,WBRI,,,"], "OC3": ["C600,10/10/2005,YES,F1,B1"]},
    )
    summary = import_ssda903(folder, year=2024)
    assert summary.created == {"person": 1, "care leaver contact": 1}
    contact = CareLeaverContact.objects.get(child__la_child_id="C600")
    assert (contact.contact_on, contact.in_touch, contact.activity, contact.accommodation) == (
        dt.date(2023, 10, 10),
        "YES",
        "F1",
        "B1",
    )
    assert not import_ssda903(folder, year=2024).changed
    # No care history is held for them: the contact makes them a care leaver in OC3.
    files = ssda903_files(2024)
    assert files["OC3.csv"].splitlines()[1:] == ["C600,10/10/2005,YES,F1,B1"]
    assert files["Header.csv"].splitlines()[1:] == ["C600,2,10/10/2005,WBRI,,,"]
    changed = write(
        tmp_path / "oc3-changed",
        {"Header": ["C600,2,10/10/2005,WBRI,,,"], "OC3": ["C600,10/10/2005,YES,F2,B1"]},
    )
    assert import_ssda903(changed, year=2024).updated == {"care leaver contact": 1}


@pytest.mark.parametrize(("rne", "attached"), [("P", True), ("S", False)])
def test_a_decision_before_the_episodes_held(tmp_path: Path, rne: str, attached: bool) -> None:
    """A year's file starts a period with the episode open on 1 April; a decision made
    before it belongs to that period unless the episode is the period's first (RNE S)."""
    folder = write(
        tmp_path / rne,
        {
            "Header": ["C700,1,01/01/2010,WBRI,,,"],
            "Episodes": [f"C700,01/06/2023,{rne},C2,N1,U6,PR1,,,,,,"],
            "PlacedAdoption": ["C700,01/01/2010,01/02/2023,,"],
        },
    )
    summary = import_ssda903(folder, year=2024)
    decisions = AdoptionDecision.objects.filter(child__la_child_id="C700")
    assert decisions.exists() is attached
    assert [r.line for r in summary.rejected] == ([] if attached else [2])
