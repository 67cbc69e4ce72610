"""The SSDA903 Header from the records: the UPN's unknown reason, MOTHER and MC_DOB, both ways."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguard.care.services import end_looked_after_period, start_looked_after_episode
from safeguard.care.tests.helpers import foster
from safeguard.people.models import Person, PersonKind, Relationship, RelationshipType
from safeguard.returns.rules.registry import validate
from safeguard.returns.ssda903 import mothers
from safeguard.returns.ssda903.cohorts import CareYear, Year
from safeguard.returns.ssda903.export import ssda903_files, ssda903_tables
from safeguard.returns.ssda903.importer import import_ssda903
from safeguard.returns.tables import ROW, SSDA903_TABLES

pytestmark = pytest.mark.django_db

#: Collection year 2023-24.
YEAR = 2024
#: The Header rules on MOTHER and MC_DOB (and 168, the UPN's form).
MOTHER_RULES = ("165", "393", "399", "607", "611", "612", "620", "621", "625", "628", "174")


def looked_after(child: Person, start: dt.date, end: dt.date | None = None, **kw: str) -> Person:
    legal_status = kw.get("legal_status", "C2")
    start_looked_after_episode(
        child=child,
        started_on=start,
        legal_status=legal_status,
        # Short breaks record no placement postcode (214).
        placement=foster(postcode="", distance_miles=None, la_code="")
        if legal_status in ("V3", "V4")
        else foster(),
        category_of_need="N1",
    )
    if end is not None:
        end_looked_after_period(child=child, ended_on=end, reason_ceased=kw.get("rec", "E13"))
    return child


def baby_of(mother: Person, born: dt.date, make_child, *, ended: dt.date | None = None) -> Person:
    baby = make_child(date_of_birth=born, gender="0", first_name="Baby")
    Relationship.objects.create(
        person=mother,
        related_to=baby,
        relationship_type=RelationshipType.PARENT,
        has_parental_responsibility=ended is None,
        started_on=born,
        ended_on=ended,
    )
    return baby


def header(data, child: Person) -> dict[str, str | None]:
    rows = data.table("Header").filter(pl.col("CHILD") == child.la_child_id).drop(ROW).to_dicts()
    assert len(rows) == 1
    return rows[0]


def failing(data, codes: tuple[str, ...]) -> list[tuple[str, str]]:
    report = validate(data, codes)
    return sorted(zip(report["code"].to_list(), report["child"].to_list(), strict=True))


# --- UPN ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("held", "sent", "fails_168"),
    [
        ("UN6", "UN1", False),  # the census's "under 6" is the SSDA903's "not of school age"
        ("UN4", "UN4", False),
        ("UN7", "UN7", True),  # no SSDA903 counterpart: the record needs putting right
    ],
)
def test_upn_unknown_reason_in_the_ssda903_codes(
    make_child, held: str, sent: str, fails_168: bool
) -> None:
    child = looked_after(
        make_child(date_of_birth=dt.date(2020, 5, 1), upn_unknown_reason=held),
        dt.date(2023, 5, 10),
    )
    data = ssda903_tables(YEAR)
    assert header(data, child)["UPN"] == sent
    assert failing(data, ("168",)) == ([("168", child.la_child_id)] if fails_168 else [])


def test_a_upn_is_sent_as_held(make_child) -> None:
    child = looked_after(make_child(upn="A123456789012"), dt.date(2023, 5, 10))
    assert header(ssda903_tables(YEAR), child)["UPN"] == "A123456789012"


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_importing_our_un1_keeps_the_un6_held(make_child, tmp_path: Path) -> None:
    child = looked_after(
        make_child(date_of_birth=dt.date(2020, 5, 1), upn_unknown_reason="UN6"),
        dt.date(2023, 5, 10),
    )
    folder = _write(tmp_path / "903", ssda903_files(YEAR))
    summary = import_ssda903(folder, year=YEAR)
    assert not summary.changed
    child.refresh_from_db()
    assert child.upn_unknown_reason == "UN6"  # the CIN census still says UN6


def test_importing_un1_over_another_reason_records_it(make_child, tmp_path: Path) -> None:
    child = looked_after(
        make_child(date_of_birth=dt.date(2020, 5, 1), upn_unknown_reason="UN4"),
        dt.date(2023, 5, 10),
    )
    files = ssda903_files(YEAR)
    files["Header.csv"] = files["Header.csv"].replace(",UN4,", ",UN1,")
    summary = import_ssda903(_write(tmp_path / "903", files), year=YEAR)
    assert summary.updated == {"person": 1}
    child.refresh_from_db()
    assert child.upn_unknown_reason == "UN1"


# --- MOTHER and MC_DOB: export --------------------------------------------------------------


@pytest.fixture
def girl(make_child) -> Person:
    """A girl of 15 at 31 March 2024, looked after from 10/05/2023."""
    return looked_after(make_child(date_of_birth=dt.date(2008, 6, 1)), dt.date(2023, 5, 10))


def test_a_mother_in_care_has_her_first_childs_birth_date(girl, make_child) -> None:
    baby_of(girl, dt.date(2024, 1, 20), make_child)
    baby_of(girl, dt.date(2023, 2, 3), make_child, ended=dt.date(2023, 9, 1))  # adopted
    baby_of(girl, dt.date(2024, 4, 2), make_child)  # after 31 March: next year's
    data = ssda903_tables(YEAR)
    assert (header(data, girl)["MOTHER"], header(data, girl)["MC_DOB"]) == ("1", "03/02/2023")
    assert failing(data, MOTHER_RULES) == []


def test_a_girl_of_12_or_more_not_a_mother_is_0(girl, make_child) -> None:
    baby_of(girl, dt.date(2024, 4, 2), make_child)  # born after the year
    data = ssda903_tables(YEAR)
    assert (header(data, girl)["MOTHER"], header(data, girl)["MC_DOB"]) == ("0", None)
    assert failing(data, MOTHER_RULES) == []


def test_a_baby_born_after_the_mother_left_care_is_not_counted(make_child) -> None:
    girl = looked_after(
        make_child(date_of_birth=dt.date(2007, 6, 1)), dt.date(2023, 5, 10), dt.date(2023, 10, 1)
    )
    baby_of(girl, dt.date(2024, 2, 1), make_child)
    data = ssda903_tables(YEAR)
    assert (header(data, girl)["MOTHER"], header(data, girl)["MC_DOB"]) == ("0", None)
    assert failing(data, MOTHER_RULES) == []
    # Had she been reported a mother, 625 would fail: born after she ceased to be looked after.
    header_rows = data.table("Header").with_columns(MOTHER=pl.lit("1"), MC_DOB=pl.lit("01/02/2024"))
    wrong = dataclasses.replace(data, tables={**data.tables, "Header": header_rows}, derived={})
    assert ("625", girl.la_child_id) in failing(wrong, ("625",))


def test_who_is_asked_and_who_is_not(make_child) -> None:
    under_12 = looked_after(make_child(date_of_birth=dt.date(2013, 1, 1)), dt.date(2023, 5, 10))
    left_under_12 = looked_after(
        make_child(date_of_birth=dt.date(2013, 1, 1)), dt.date(2023, 5, 10), dt.date(2023, 9, 1)
    )
    boy = looked_after(
        make_child(date_of_birth=dt.date(2008, 1, 1), gender="1"), dt.date(2023, 5, 10)
    )
    short_breaks = looked_after(
        make_child(date_of_birth=dt.date(2008, 1, 1)), dt.date(2023, 5, 10), legal_status="V3"
    )
    data = ssda903_tables(YEAR)
    values = {c.la_child_id: header(data, c)["MOTHER"] for c in (under_12, left_under_12, boy)}
    assert values == {
        under_12.la_child_id: None,
        left_under_12.la_child_id: "0",
        boy.la_child_id: None,
    }
    assert header(data, short_breaks)["MOTHER"] is None  # 399: only short breaks
    assert failing(data, MOTHER_RULES) == []


def test_a_care_leaver_in_oc3_only_has_no_motherhood_details(make_child) -> None:
    """She left care before the year; her 17th birthday puts her in OC3 (628)."""
    leaver = looked_after(
        make_child(date_of_birth=dt.date(2006, 6, 1)), dt.date(2022, 7, 1), dt.date(2023, 1, 15)
    )
    baby_of(leaver, dt.date(2023, 12, 1), make_child)
    data = ssda903_tables(YEAR)
    assert leaver.la_child_id in data.table("OC3")["CHILD"].to_list()
    assert (header(data, leaver)["MOTHER"], header(data, leaver)["MC_DOB"]) == (None, None)
    assert failing(data, ("628", "EPI")) == []


def test_the_year_s_mothers_are_read_in_one_query(make_child) -> None:
    girls = [
        looked_after(make_child(date_of_birth=dt.date(2008, 1, 1)), dt.date(2023, 5, 10))
        for _ in range(3)
    ]
    for girl in girls:
        baby_of(girl, dt.date(2023, 12, 1), make_child)
    people = {g.id: {"gender": "2", "date_of_birth": g.date_of_birth} for g in girls}
    care = {g.id: CareYear(left_on=None, full_care=True, ceased=False) for g in girls}
    with CaptureQueriesContext(connection) as queries:
        values = mothers.header_mothers(
            Year(dt.date(2023, 4, 1), dt.date(2024, 3, 31)), people, care
        )
    assert len(queries.captured_queries) == 1
    assert {v["MC_DOB"] for v in values.values()} == {"01/12/2023"}


# --- MOTHER and MC_DOB: import --------------------------------------------------------------

EPISODE = "{child},10/05/2023,S,C2,N1,U6,PR1,,,,,BH1 1AA,"


def files(child: str, mother: str, mc_dob: str, dob: str = "01/06/2008") -> dict[str, str]:
    head = ",".join(SSDA903_TABLES["Header"])
    episodes = ",".join(SSDA903_TABLES["Episodes"])
    return {
        "Header.csv": f"{head}\n{child},2,{dob},WBRI,UN4,{mother},{mc_dob}\n",
        "Episodes.csv": f"{episodes}\n{EPISODE.format(child=child)}\n",
    }


def test_a_mother_s_first_child_is_recorded_once(tmp_path: Path) -> None:
    folder = _write(tmp_path / "903", files("C800", "1", "20/01/2024"))
    summary = import_ssda903(folder, year=YEAR)
    assert summary.rejected == []
    assert summary.created["parent relationship"] == 1
    assert summary.created["person"] == 2  # the mother and her child
    mother = Person.objects.get(la_child_id="C800")
    link = Relationship.objects.get(person=mother, relationship_type=RelationshipType.PARENT)
    baby = link.related_to
    assert (baby.kind, baby.date_of_birth, baby.gender, baby.first_name, baby.last_name) == (
        PersonKind.CHILD,
        dt.date(2024, 1, 20),
        "0",
        "Baby",
        mother.last_name,
    )
    assert (baby.la_child_id, link.started_on, link.has_parental_responsibility) == (
        "C800-B1",
        dt.date(2024, 1, 20),
        True,
    )
    again = import_ssda903(folder, year=YEAR)
    assert not again.changed
    assert again.unchanged["parent relationship"] == 1
    exported = ssda903_files(YEAR)["Header.csv"].splitlines()[1:]
    assert exported == ["C800,2,01/06/2008,WBRI,UN4,1,20/01/2024"]


@pytest.mark.parametrize("mother", ["0", ""])
def test_not_a_mother_or_not_said_changes_nothing(tmp_path: Path, mother: str) -> None:
    summary = import_ssda903(_write(tmp_path / "903", files("C801", mother, "")), year=YEAR)
    assert summary.rejected == []
    assert not Relationship.objects.exists()
    assert Person.objects.count() == 1


def test_a_mother_without_her_child_s_birth_date_is_rejected_alone(tmp_path: Path) -> None:
    summary = import_ssda903(_write(tmp_path / "903", files("C802", "1", "")), year=YEAR)
    assert [(r.child, r.line) for r in summary.rejected] == [("C802", 2)]
    assert "MC_DOB is blank" in summary.rejected[0].reason
    assert summary.created["looked-after episode"] == 1  # the rest is imported
    assert not Relationship.objects.exists()


def test_a_first_child_contradicting_the_records_is_rejected(tmp_path: Path, make_child) -> None:
    mother = make_child(la_child_id="C803", date_of_birth=dt.date(2008, 6, 1))
    baby_of(mother, dt.date(2023, 8, 1), make_child)
    summary = import_ssda903(_write(tmp_path / "903", files("C803", "1", "20/01/2024")), year=YEAR)
    assert [r.child for r in summary.rejected] == ["C803"]
    assert "first child born on 01/08/2023" in summary.rejected[0].reason
    assert Relationship.objects.count() == 1


def test_a_child_born_before_the_mother_is_rejected(tmp_path: Path) -> None:
    folder = _write(tmp_path / "903", files("C804", "1", "01/01/2007"))
    summary = import_ssda903(folder, year=YEAR)
    assert [r.child for r in summary.rejected] == ["C804"]
    assert "before the mother's own birth" in summary.rejected[0].reason


def test_the_child_s_identifier_fits_and_is_unique(make_child) -> None:
    long_id = "M" * 20
    assert mothers.baby_id(long_id) == "M" * 17 + "-B1"
    make_child(la_child_id="C805-B1")
    assert mothers.baby_id("C805") == "C805-B2"
