"""Reading a folder of SSDA903 CSV files: text as in the file, line numbers, clear refusals."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from safeguard.returns.importing import ReturnFileError
from safeguard.returns.ssda903.reader import read_ssda903
from safeguard.returns.tables import ROW, SSDA903_TABLES

HEADER = ",".join(SSDA903_TABLES["Header"])
EPISODES = ",".join(SSDA903_TABLES["Episodes"])


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path, "Header.csv", f"{HEADER}\nC1,1,17/05/2012,WBRI,,,\n\nC2,2,01/02/2010,,UN4,,\n")
    write(
        tmp_path,
        "Episodes.csv",
        f"{EPISODES}\n"
        "C1,10/05/2023,S,C2,N1,U6,PR1,15/01/2024,X1,CARPL,,BH1 1AA,\n"
        "C1,15/01/2024,P,C2,N1,K2,PR4,,,,,SO14 2AA,SC123456\n",
    )
    return tmp_path


def test_values_are_text_as_in_the_file_with_their_lines(folder: Path) -> None:
    data = read_ssda903(folder)
    header = data.table("Header")
    assert header.to_dicts() == [
        {
            "CHILD": "C1",
            "SEX": "1",
            "DOB": "17/05/2012",
            "ETHNIC": "WBRI",
            "UPN": None,
            "MOTHER": None,
            "MC_DOB": None,
            ROW: 2,
        },
        # The blank line 3 is skipped but still counted.
        {
            "CHILD": "C2",
            "SEX": "2",
            "DOB": "01/02/2010",
            "ETHNIC": None,
            "UPN": "UN4",
            "MOTHER": None,
            "MC_DOB": None,
            ROW: 4,
        },
    ]
    assert data.table("Episodes")["DECOM"].to_list() == ["10/05/2023", "15/01/2024"]
    assert data.table("Episodes")[ROW].to_list() == [2, 3]


def test_missing_files_are_empty_tables_with_every_column(folder: Path) -> None:
    data = read_ssda903(folder)
    for name in ("Reviews", "AD1", "SWEpisodes"):
        assert data.table(name).height == 0
        assert data.table(name).columns == [*SSDA903_TABLES[name], ROW]
    assert set(data.tables) == set(SSDA903_TABLES)


def test_year_from_the_latest_event_date_or_as_given(folder: Path) -> None:
    data = read_ssda903(folder)
    assert (data.collection_start, data.collection_end) == (
        dt.date(2023, 4, 1),
        dt.date(2024, 3, 31),
    )
    given = read_ssda903(folder, year=2025)
    assert given.collection_end == dt.date(2025, 3, 31)


def test_a_folder_without_event_dates_needs_the_year(tmp_path: Path) -> None:
    write(tmp_path, "Header.csv", f"{HEADER}\nC1,1,17/05/2012,WBRI,,,\n")
    with pytest.raises(ReturnFileError, match="cannot tell the collection year"):
        read_ssda903(tmp_path)
    assert read_ssda903(tmp_path, year=2024).table("Header").height == 1


def test_names_differing_in_case_a_bom_and_windows_1252(tmp_path: Path) -> None:
    write(tmp_path, "HEADER.CSV", f"\ufeff{HEADER}\nC1,1,17/05/2012,WBRI,,,\n")
    write(tmp_path, "episodes.csv", f"{EPISODES}\nC1,10/05/2023,S,C2,N1,U6,PR1,,,,,,\n")
    write(
        tmp_path,
        "reviews.csv",
        "CHILD,DOB,REVIEW,REVIEW_CODE\nC\u00e91,17/05/2012,01/06/2023,PN1\n",
        encoding="cp1252",
    )
    data = read_ssda903(tmp_path)
    assert data.table("Header")["CHILD"].to_list() == ["C1"]
    assert data.table("Episodes").height == 1
    assert data.table("Reviews")["CHILD"].to_list() == ["C\u00e91"]


def test_columns_in_another_order_are_read_by_name(tmp_path: Path) -> None:
    write(tmp_path, "Reviews.csv", "REVIEW,CHILD,REVIEW_CODE,DOB,\n01/06/2023,C1,PN1,17/05/2012,\n")
    reviews = read_ssda903(tmp_path).table("Reviews")
    assert reviews.drop(ROW).to_dicts() == [
        {"CHILD": "C1", "DOB": "17/05/2012", "REVIEW": "01/06/2023", "REVIEW_CODE": "PN1"}
    ]


def test_unknown_files_are_listed(folder: Path) -> None:
    write(folder, "Header_last.csv", f"{HEADER}\n")
    write(folder, "notes.txt", "not a return file")
    data = read_ssda903(folder)
    assert data.reference["unknown_files"]["file"].to_list() == ["Header_last.csv"]


def test_no_unknown_files_no_reference(folder: Path) -> None:
    assert read_ssda903(folder).reference == {}


def test_a_missing_column_is_refused_naming_file_column_and_expected(tmp_path: Path) -> None:
    write(tmp_path, "Reviews.csv", "CHILD,DOB,REVIEW\nC1,17/05/2012,01/06/2023\n")
    with pytest.raises(ReturnFileError) as error:
        read_ssda903(tmp_path, year=2024)
    assert error.value.file == "Reviews.csv"
    assert error.value.field_name == "REVIEW_CODE"
    assert error.value.expected == "CHILD, DOB, REVIEW, REVIEW_CODE"
    assert str(error.value) == (
        "Reviews.csv, line 1: field REVIEW_CODE: the header row lacks a column "
        "(expected CHILD, DOB, REVIEW, REVIEW_CODE)"
    )


def test_an_unknown_column_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "Reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE,IRO\n")
    with pytest.raises(ReturnFileError, match="field IRO: the header row has a column") as error:
        read_ssda903(tmp_path, year=2024)
    assert error.value.expected == "CHILD, DOB, REVIEW, REVIEW_CODE"


def test_a_row_with_too_many_cells_is_refused_with_its_line(tmp_path: Path) -> None:
    write(tmp_path, "Reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\nC1,a,b,c\nC1,a,b,c,d\n")
    with pytest.raises(
        ReturnFileError, match=re.escape("Reviews.csv, line 3: the row has 5 cells")
    ):
        read_ssda903(tmp_path, year=2024)


def test_a_quoted_cell_over_two_lines_keeps_the_next_rows_line(tmp_path: Path) -> None:
    write(
        tmp_path,
        "Reviews.csv",
        'CHILD,DOB,REVIEW,REVIEW_CODE\n"C\n1",17/05/2012,01/06/2023,PN1\nC2,,,PN2\n',
    )
    assert read_ssda903(tmp_path, year=2024).table("Reviews")[ROW].to_list() == [2, 4]


def test_previous_year_folder(folder: Path, tmp_path: Path) -> None:
    last = write(tmp_path / "last", "Header.csv", f"{HEADER}\nC1,2,17/05/2012,WBRI,,,\n").parent
    data = read_ssda903(folder, previous=last)
    assert data.has_previous
    previous = data.last("Header")
    assert previous is not None and previous["SEX"].to_list() == ["2"]
    assert read_ssda903(folder).last("Header") is None


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ReturnFileError, match="is not a folder"):
        read_ssda903(tmp_path / "nowhere")
