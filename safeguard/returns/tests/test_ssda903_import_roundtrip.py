"""The SSDA903 round trip on a small synthetic authority: export, import, export again.

The export reads each table once for the year; it must give the rows the one-child-at-a-
time builders in ``care.selectors`` give (they are the definitions). Then every year's
files are imported, in order, into empty records: exporting again gives the same files,
and importing them a second time changes nothing.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguard.care import selectors as care
from safeguard.care.models import PeriodOfCare
from safeguard.exploitation.selectors import missing_rows
from safeguard.people.models import Person
from safeguard.returns.importing import ReturnFileError
from safeguard.returns.ssda903.export import ssda903_files, ssda903_tables
from safeguard.returns.ssda903.importer import IMPORTED_TEAM, import_ssda903
from safeguard.returns.tables import ROW
from safeguard.synth.context import GenerationSettings
from safeguard.synth.generate import generate_authority
from safeguard.workforce.models import Worker

END = dt.date(2026, 3, 31)
SETTINGS = GenerationSettings(
    scale=0.05, years=2, seed=3, end=END, la_code="886", la_name="Test Shire"
)


def _flush_keeping(seeded: str) -> None:
    """Empty the database, then put back what migrations seeded (roles, school terms,
    retention rules, the audit chain head)."""
    call_command("flush", interactive=False, verbosity=0)
    connection.creation.deserialize_db_from_string(seeded)


@pytest.fixture(scope="module")
def seeded(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock():
        text = connection.creation.serialize_db_to_string()
        _flush_keeping(text)
        generate_authority(SETTINGS)
        yield text
        _flush_keeping(text)


@pytest.fixture(scope="module")
def years(seeded: Any, django_db_blocker: Any) -> range:
    """Every collection year with an episode, from the first period of care to 2026."""
    with django_db_blocker.unblock():
        first = PeriodOfCare.objects.order_by("started_on").values_list("started_on", flat=True)[0]
    start = first.year + 1 if first.month >= 4 else first.year
    return range(start, END.year + 1)


def _iso_to_dfe(value: Any) -> str | None:
    if value is None or value == "":
        return None
    text = str(value)
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    return text


def _rows(rows: list[dict[str, Any]]) -> list[tuple[tuple[str, str], ...]]:
    """Rows as sorted (column, DfE text) pairs; blank is ""."""
    return sorted(tuple(sorted((k, _iso_to_dfe(v) or "") for k, v in r.items())) for r in rows)


@pytest.mark.django_db
@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_export_gives_the_rows_of_the_care_builders(seeded: Any, year: int) -> None:
    data = ssda903_tables(year)
    span = care.ReturnYear.ending(year)
    builders = {
        "Episodes": care.episode_rows(year=span),
        "Reviews": care.review_rows(span),
        "OC2": care.oc2_rows(span),
        "OC3": care.oc3_rows(span),
        "AD1": care.ad1_rows(span),
        "PlacedAdoption": care.placed_adoption_rows(span),
        "PrevPerm": care.prev_perm_rows(span),
        "UASC": care.uasc_rows(span),
        "Missing": missing_rows(span),
    }
    for table, expected in builders.items():
        assert _rows(data.table(table).drop(ROW).to_dicts()) == _rows(expected), table
    assert data.table("Episodes").height and data.table("OC3").height
    children = set(data.table("Header")["CHILD"])
    for table in builders:
        assert set(data.table(table)["CHILD"]) <= children, table


@pytest.mark.django_db
def test_export_asks_a_fixed_number_of_queries(seeded: Any) -> None:
    with CaptureQueriesContext(connection) as queries:
        ssda903_tables(2026)
    assert len(queries.captured_queries) <= 20


@pytest.mark.django_db
def test_export_twice_gives_identical_files(seeded: Any) -> None:
    assert ssda903_files(2026) == ssda903_files(2026)


def _refuses_a_malformed_copy(folder: Path, broken: Path) -> None:
    """An impossible date on line 3 of Episodes: a clear error, and nothing written."""
    shutil.copytree(folder, broken)
    episodes = broken / "Episodes.csv"
    lines = episodes.read_text(encoding="utf-8").splitlines()
    cells = lines[2].split(",")
    cells[1] = "31/02/2026"
    lines[2] = ",".join(cells)
    episodes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReturnFileError) as error:
        import_ssda903(broken)
    found = error.value
    assert (found.file, found.line, found.field_name, found.value) == (
        "Episodes.csv",
        3,
        "DECOM",
        "31/02/2026",
    )
    assert not Person.objects.exists()
    assert not PeriodOfCare.objects.exists()


def _export(folder: Path, years: range) -> dict[int, dict[str, str]]:
    exported = {}
    for year in years:
        files = ssda903_files(year)
        (folder / str(year)).mkdir(parents=True)
        for name, text in files.items():
            (folder / str(year) / name).write_text(text, encoding="utf-8")
        exported[year] = files
    return exported


@pytest.mark.django_db
def test_round_trip_into_empty_records(seeded: str, years: range, tmp_path: Path) -> None:
    before = _export(tmp_path / "from-records", years)
    assert sum(len(f["Episodes.csv"].splitlines()) - 1 for f in before.values()) > 100
    _flush_keeping(seeded)
    assert not Person.objects.exists()
    _refuses_a_malformed_copy(tmp_path / "from-records" / str(years[-1]), tmp_path / "broken")

    for year in years:
        summary = import_ssda903(tmp_path / "from-records" / str(year), year=year)
        assert summary.rejected == [], (year, summary.rejected[:3])
    after = _export(tmp_path / "from-import", years)
    for year in years:
        for name, text in before[year].items():
            assert after[year][name] == text, (year, name)

    for year in years:
        again = import_ssda903(tmp_path / "from-records" / str(year), year=year)
        assert not again.changed, (year, again.created, again.updated)
    assert Worker.objects.exclude(team__name=IMPORTED_TEAM).count() == 0
