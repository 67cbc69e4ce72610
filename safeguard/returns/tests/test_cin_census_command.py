"""`safeguard returns cin-census --year YYYY -o FILE`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from safeguard.cin.models import CINEpisode
from safeguard.returns.cin_census.reader import read_cin_census
from safeguard.returns.spec import cin_xsd


@pytest.fixture
def two_children(make_child: Any) -> None:
    for child_id, referral in (("CMD2", dt.date(2023, 7, 1)), ("CMD1", dt.date(2024, 1, 8))):
        CINEpisode.objects.create(
            child=make_child(la_child_id=child_id), referral_date=referral, referral_source="1A"
        )


def test_writes_the_census_file(
    two_children: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cin-2024.xml"
    call_command("returns", "cin-census", "--year", "2024", "-o", str(path))
    assert f"Wrote the CIN census 2023-24 to {path}." in capsys.readouterr().out
    document = etree.parse(str(path))
    assert cin_xsd().validate(document), cin_xsd().error_log
    data = read_cin_census(path)
    assert data.tables["ChildIdentifiers"]["LAchildID"].to_list() == ["CMD1", "CMD2"]
    assert data.collection_end == dt.date(2024, 3, 31)


def test_a_year_outside_the_records_has_no_children_and_no_file(
    two_children: None, tmp_path: Path
) -> None:
    path = tmp_path / "cin-2020.xml"
    with pytest.raises(CommandError, match="no child in need in the collection year 2019-20"):
        call_command("returns", "cin-census", "--year", "2020", "-o", str(path))
    assert not path.exists()


@pytest.mark.parametrize(
    ("year", "message"), [("24", "four digits"), ("1999", "outside 2000-2100")]
)
def test_a_bad_year_is_refused(db: None, tmp_path: Path, year: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("returns", "cin-census", "--year", year, "-o", str(tmp_path / "x.xml"))


def test_a_missing_folder_is_refused(two_children: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "returns", "cin-census", "--year", "2024", "-o", str(tmp_path / "no" / "x.xml")
        )
