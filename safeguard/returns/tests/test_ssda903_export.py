"""The SSDA903 export from records made through the services: which rows, in what form."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safeguard.audit.models import AuditEvent
from safeguard.care.services import (
    change_placement,
    end_looked_after_period,
    record_looked_after_review,
    start_looked_after_episode,
)
from safeguard.care.tests.helpers import at, childrens_home, foster
from safeguard.exploitation.services import record_missing_episode
from safeguard.returns.ssda903.export import ssda903_files, ssda903_tables
from safeguard.returns.tables import ROW, SSDA903_FILES, SSDA903_TABLES
from safeguard.workforce.models import WorkerRole
from safeguard.workforce.services import allocate_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_care(make_child, make_worker):
    """A child in care from 10/05/2023, moved on 15/01/2024, leaving care on 20/06/2024."""
    child = make_child(la_child_id="LA000101", date_of_birth=dt.date(2012, 5, 17), gender="1")
    start_looked_after_episode(
        child=child,
        started_on=dt.date(2023, 5, 10),
        legal_status="C2",
        placement=foster(),
        category_of_need="N1",
    )
    change_placement(
        child=child,
        changed_on=dt.date(2024, 1, 15),
        placement=childrens_home(),
        reason_placement_change="CARPL",
    )
    end_looked_after_period(child=child, ended_on=dt.date(2024, 6, 20), reason_ceased="E13")
    iro = make_worker(role=WorkerRole.CONFERENCE_CHAIR)
    for day in (dt.date(2023, 12, 20), dt.date(2024, 1, 5), dt.date(2024, 4, 2)):
        record_looked_after_review(child=child, held_on=day, participation="PN1", chaired_by=iro)
    social_worker = make_worker(staff_id="SW90001", started_on=dt.date(2020, 1, 6))
    allocate_case(child=child, worker=social_worker, started_on=dt.date(2023, 5, 10))
    return child


def rows(data, table):
    return data.table(table).drop(ROW).to_dicts()


def test_episodes_of_the_year_in_dfe_formats(in_care) -> None:
    data = ssda903_tables(2024)
    assert rows(data, "Episodes") == [
        {
            "CHILD": "LA000101",
            "DECOM": "10/05/2023",
            "RNE": "S",
            "LS": "C2",
            "CIN": "N1",
            "PLACE": "U6",
            "PLACE_PROVIDER": "PR1",
            "DEC": "15/01/2024",
            "REC": "X1",
            "REASON_PLACE_CHANGE": "CARPL",
            "HOME_POST": None,
            "PL_POST": "BH1 1AA",
            "URN": None,
        },
        {
            "CHILD": "LA000101",
            "DECOM": "15/01/2024",
            "RNE": "P",
            "LS": "C2",
            "CIN": "N1",
            "PLACE": "K2",
            "PLACE_PROVIDER": "PR4",
            # Care ended on 20/06/2024, after this year's 31 March: still open in 2023-24.
            "DEC": None,
            "REC": None,
            "REASON_PLACE_CHANGE": None,
            "HOME_POST": None,
            "PL_POST": "SO14 2AA",
            "URN": "SC123456",
        },
    ]
    assert data.table("Episodes")[ROW].to_list() == [0, 0]
    assert (data.collection_start, data.collection_end) == (
        dt.date(2023, 4, 1),
        dt.date(2024, 3, 31),
    )


def test_next_year_has_the_open_episode_with_its_end(in_care) -> None:
    episodes = rows(ssda903_tables(2025), "Episodes")
    assert [(e["DECOM"], e["DEC"], e["REC"]) for e in episodes] == [
        ("15/01/2024", "20/06/2024", "E13")
    ]
    assert rows(ssda903_tables(2023), "Episodes") == []


def test_header_reviews_social_workers_and_the_way_back_to_the_child(in_care) -> None:
    data = ssda903_tables(2024)
    assert rows(data, "Header") == [
        {
            "CHILD": "LA000101",
            "SEX": "1",
            "DOB": "17/05/2012",
            "ETHNIC": "WBRI",
            "UPN": None,
            "MOTHER": None,
            "MC_DOB": None,
        }
    ]
    # Reviews in the year only, in date order (not the text order of DD/MM/YYYY).
    assert [r["REVIEW"] for r in rows(data, "Reviews")] == ["20/12/2023", "05/01/2024"]
    assert rows(data, "SWEpisodes") == [
        {
            "CHILD": "LA000101",
            "DOB": "17/05/2012",
            "SW_ID": "SW90001",
            "SW_DECOM": "10/05/2023",
            "SW_DEC": None,
            "SW_REASON": "FCONTA",
        }
    ]
    assert data.reference["children"].to_dicts() == [
        {"CHILD": "LA000101", "person_id": str(in_care.pk)}
    ]
    assert "provider_info" not in data.reference
    assert all(list(data.table(n).columns) == [*c, ROW] for n, c in SSDA903_TABLES.items())


def test_missing_from_care_is_in_the_year_it_happened(in_care) -> None:
    record_missing_episode(
        child=in_care, started_at=at(2024, 2, 3, 22), ended_at=at(2024, 2, 5, 9), missing_type="A"
    )
    assert rows(ssda903_tables(2024), "Missing") == [
        {
            "CHILD": "LA000101",
            "DOB": "17/05/2012",
            "MISSING": "A",
            "MIS_START": "03/02/2024",
            "MIS_END": "05/02/2024",
        }
    ]
    assert rows(ssda903_tables(2025), "Missing") == []


def test_a_child_not_looked_after_in_the_year_is_not_in_the_return(in_care, make_child) -> None:
    make_child(la_child_id="LA000999")
    data = ssda903_tables(2024)
    assert data.table("Header")["CHILD"].to_list() == ["LA000101"]
    assert ssda903_tables(2026).table("Header").height == 0


def test_files_are_csv_in_dfe_column_order_and_identical_twice(in_care) -> None:
    first = ssda903_files(2024)
    assert first == ssda903_files(2024)
    assert list(first) == list(SSDA903_FILES.values())
    for table, file_name in SSDA903_FILES.items():
        lines = list(csv.reader(io.StringIO(first[file_name])))
        assert tuple(lines[0]) == SSDA903_TABLES[table]
    reviews = list(csv.reader(io.StringIO(first["Reviews.csv"])))
    assert reviews[1:] == [
        ["LA000101", "17/05/2012", "20/12/2023", "PN1"],
        ["LA000101", "17/05/2012", "05/01/2024", "PN1"],
    ]
    assert first["AD1.csv"] == ",".join(SSDA903_TABLES["AD1"]) + "\n"
    assert AuditEvent.objects.filter(action="export", row_count__gt=0).count() == 2


def test_the_returns_command_writes_the_folder(in_care, tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("returns", "ssda903", "--year", "2024", "-o", str(tmp_path / "903"), stdout=out)
    written = sorted(p.name for p in (tmp_path / "903").iterdir())
    assert written == sorted(SSDA903_FILES.values())
    assert (tmp_path / "903" / "Episodes.csv").read_text() == ssda903_files(2024)["Episodes.csv"]
    assert "SSDA903 2023-24 (11 files)" in out.getvalue()


def test_the_returns_command_refuses_a_bad_year(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="four digits"):
        call_command("returns", "ssda903", "--year", "24", "-o", str(tmp_path))
