"""The Annex A workbook: sheets, headings and codes as Ofsted's map gives them, real dates,
and the command that writes it."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone

from safeguard.cin.models import CINEpisode
from safeguard.frontdoor.models import Contact, ContactChild
from safeguard.people.models import Disability
from safeguard.returns.annex_a import codes
from safeguard.returns.annex_a.export import annex_a_workbook
from safeguard.returns.annex_a.layout import LISTS, Window
from safeguard.returns.annex_a.workbook import FIRST_DATA_ROW

AS_AT = dt.date(2025, 3, 31)
D = dt.date


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def contact(child: Any, day: dt.date, source: str = "6") -> Contact:
    received = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 15)))
    made = Contact.objects.create(
        received_at=received,
        source=source,
        channel="professional_line",
        concerns="Synthetic concern.",
        consent_asked=True,
        consent_given=True,
    )
    ContactChild.objects.create(contact=made, child=child)
    return made


def test_six_months_before_31_march_is_1_october_to_31_march() -> None:
    window = Window.months_before(AS_AT, 6)
    assert (window.start, window.as_at) == (D(2024, 10, 1), AS_AT)
    assert Window.months_before(D(2025, 8, 31), 6).start == D(2025, 3, 1)
    assert window.year().start == D(2024, 4, 1)


def test_every_coded_column_of_the_map_is_a_heading_of_its_list() -> None:
    """The layout is typed by hand from Ofsted's template; the map is the published spec."""
    for annex in LISTS:
        missing = set(codes.coded_columns(annex.number)) - set(annex.columns)
        assert not missing, f"{annex.sheet} lacks the map's columns {missing}"


def test_map_values_are_found_by_dfe_code_and_by_letter() -> None:
    assert codes.values(1, "Contact Source")["1A"] == "a) 1A: Individual"
    assert codes.values(1, "Contact Source")["4"] == "m) 4: Housing"
    assert codes.values(6, "Primary Need Code")["N4"] == "N4 - Family in acute stress"
    assert codes.values(6, "Case status")["c)"] == "c) Child in need plan"
    assert (
        codes.values(8, "Placement Type")["T4"]
        == "zz) T4: Temporary placement - seven days or less"
    )
    assert codes.translation(1, "Gender", codes.GENDER)["9"] == "c) Not stated/recorded"
    with pytest.raises(codes.AnnexMapError):
        codes.values(1, "Primary Need Code")


@pytest.mark.django_db
def test_the_workbook_has_one_sheet_per_list_with_the_headings_in_order() -> None:
    book = load(annex_a_workbook(AS_AT))
    assert book.sheetnames == [f"List {n}" for n in range(1, 12)]
    for annex in LISTS:
        sheet = book[annex.sheet]
        title = [cell.value for cell in sheet[1]]
        assert title[:2] == [annex.heading, "As at"]
        assert sheet.cell(1, 3).value == dt.datetime(2025, 3, 31)
        headings = tuple(cell.value for cell in sheet[2])
        assert headings == annex.columns
        assert sheet.max_row == 2  # an empty authority: headings and no rows


@pytest.mark.django_db
def test_rows_carry_the_maps_codes_and_real_dates(make_child: Any) -> None:
    child = make_child(
        la_child_id="ANNEX1", date_of_birth=D(2015, 6, 1), gender="1", ethnicity="MWBA"
    )
    Disability.objects.create(person=child, code="NONE")
    contact(child, D(2025, 1, 15), source="5D")
    CINEpisode.objects.create(child=child, referral_date=D(2025, 1, 16), referral_source="2A")
    book = load(annex_a_workbook(AS_AT))
    sheet = book["List 1"]
    values = [cell.value for cell in sheet[FIRST_DATA_ROW]]
    assert values == [
        "ANNEX1",
        "a) Male",
        "g) MWBA",
        dt.datetime(2015, 6, 1),
        9,
        dt.datetime(2025, 1, 15),
        "p1) 5D: LA services",
    ]
    for column in (4, 6):
        cell = sheet.cell(FIRST_DATA_ROW, column)
        assert cell.is_date
        assert cell.number_format == "dd/mm/yyyy"
    referral = book["List 3"][FIRST_DATA_ROW]
    assert [cell.value for cell in referral][5:9] == [
        dt.datetime(2025, 1, 16),
        "e) 2A: Schools",
        "b) No",
        1,
    ]
    # The child has a NONE disability row: "No", not "Unknown".
    cin = {
        c.value: v.value
        for c, v in zip(book["List 6"][2], book["List 6"][FIRST_DATA_ROW], strict=True)
    }
    assert cin["Does the Child have a Disability"] == "b) No"
    assert cin["Case status"] == "c) Child in need plan"


@pytest.mark.django_db
def test_text_that_xml_cannot_hold_is_escaped_or_dropped(make_child: Any, make_worker: Any) -> None:
    from safeguard.workforce.models import Allocation, Team

    team = Team.objects.create(name="Fostering & <Adoption>", service_area="cin")
    worker = make_worker(team=team, first_name="Zoë\x07", last_name="O'Brien")
    child = make_child(la_child_id="ESC1")
    CINEpisode.objects.create(child=child, referral_date=D(2025, 2, 3), referral_source="1A")
    Allocation.objects.create(child=child, worker=worker, started_on=D(2025, 2, 3))
    row = [cell.value for cell in load(annex_a_workbook(AS_AT))["List 3"][FIRST_DATA_ROW]]
    assert row[-2:] == ["Fostering & <Adoption>", "Zoë O'Brien"]


@pytest.mark.django_db
def test_the_command_writes_the_workbook(make_child: Any, tmp_path: Path) -> None:
    contact(make_child(la_child_id="CMD1"), D(2025, 3, 1))
    target = tmp_path / "annex-a.xlsx"
    out = io.StringIO()
    call_command("returns", "annex-a", "--date", "2025-03-31", "-o", str(target), stdout=out)
    assert "Wrote Annex A as at 31/03/2025" in out.getvalue()
    sheet = load(target.read_bytes())["List 1"]
    assert sheet.cell(FIRST_DATA_ROW, 1).value == "CMD1"
    assert sheet.max_row == FIRST_DATA_ROW
