"""SSDA903 social worker episodes from the allocations: up to the end of care, none under a day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from safeguard.care.services import end_looked_after_period, start_looked_after_episode
from safeguard.care.tests.helpers import foster
from safeguard.people.models import Person
from safeguard.returns.rules.registry import validate
from safeguard.returns.ssda903.export import ssda903_files, ssda903_tables
from safeguard.returns.ssda903.importer import import_ssda903
from safeguard.returns.tables import ROW
from safeguard.returns.tests.test_cin_census_round_trip import empty_the_case_records
from safeguard.workforce.models import Allocation
from safeguard.workforce.services import allocate_case

pytestmark = pytest.mark.django_db

YEAR = 2024  # 1 April 2023 to 31 March 2024
SW_RULES = (
    "SW01STG1",
    "SW06STG2",
    "SW07STG2",
    "SW09STG2",
    "SW108STG2",
    "SW10STG2",
    "SW11STG2",
    "SW12STG2",
    "SW14STG2",
    "SW15STG2",
)
LEFT_CARE = dt.date(2024, 1, 20)


def episodes(data, child: Person) -> list[tuple[str, str | None, str | None]]:
    table = data.table("SWEpisodes").drop(ROW).to_dicts()
    return [
        (r["SW_ID"], r["SW_DECOM"], r["SW_DEC"]) for r in table if r["CHILD"] == child.la_child_id
    ]


def failing(data) -> list[tuple[str, str]]:
    report = validate(data, SW_RULES)
    return sorted(zip(report["code"].to_list(), report["child"].to_list(), strict=True))


@pytest.fixture
def leaver(make_child, make_worker) -> Person:
    """Looked after from 10/05/2023 to 20/01/2024; social workers from before care.

    SW00001 from 01/03/2023 to 01/09/2023, SW00002 from then, handed on 01/02/2024 (after
    care ended) to SW00003, a leaving care worker, still allocated.
    """
    child = make_child(la_child_id="LA000201", date_of_birth=dt.date(2008, 5, 17))
    workers = [make_worker(staff_id=f"SW0000{n}") for n in (1, 2, 3)]
    allocate_case(child=child, worker=workers[0], started_on=dt.date(2023, 3, 1))
    start_looked_after_episode(
        child=child,
        started_on=dt.date(2023, 5, 10),
        legal_status="C2",
        placement=foster(),
        category_of_need="N1",
    )
    allocate_case(
        child=child,
        worker=workers[1],
        started_on=dt.date(2023, 9, 1),
        reason_for_previous_end="LEFTRL",
    )
    end_looked_after_period(child=child, ended_on=LEFT_CARE, reason_ceased="E13")
    allocate_case(
        child=child,
        worker=workers[2],
        started_on=dt.date(2024, 2, 1),
        reason_for_previous_end="LEFTRL",
    )
    return child


def test_a_child_who_left_care_is_reported_up_to_the_end_of_care(leaver) -> None:
    data = ssda903_tables(YEAR)
    assert episodes(data, leaver) == [
        ("SW00001", "01/03/2023", "01/09/2023"),
        ("SW00002", "01/09/2023", "20/01/2024"),  # handed on 01/02/2024: cut at 20/01/2024
    ]  # SW00003 began after care ended: not reported
    assert failing(data) == []


def test_an_allocation_from_the_day_care_ended_is_not_reported(make_child, make_worker) -> None:
    child = make_child(date_of_birth=dt.date(2008, 5, 17))
    first, after = make_worker(staff_id="SW00011"), make_worker(staff_id="SW00012")
    start_looked_after_episode(
        child=child,
        started_on=dt.date(2023, 5, 10),
        legal_status="C2",
        placement=foster(),
        category_of_need="N1",
    )
    allocate_case(child=child, worker=first, started_on=dt.date(2023, 5, 10))
    end_looked_after_period(child=child, ended_on=LEFT_CARE, reason_ceased="E13")
    allocate_case(child=child, worker=after, started_on=LEFT_CARE, reason_for_previous_end="LEFTRL")
    data = ssda903_tables(YEAR)
    assert episodes(data, child) == [("SW00011", "10/05/2023", "20/01/2024")]
    assert failing(data) == []


def test_an_open_allocation_of_a_child_who_left_ends_with_care(make_child, make_worker) -> None:
    child = make_child(date_of_birth=dt.date(2008, 5, 17))
    start_looked_after_episode(
        child=child,
        started_on=dt.date(2023, 5, 10),
        legal_status="C2",
        placement=foster(),
        category_of_need="N1",
    )
    allocate_case(
        child=child, worker=make_worker(staff_id="SW00021"), started_on=dt.date(2023, 5, 10)
    )
    end_looked_after_period(child=child, ended_on=LEFT_CARE, reason_ceased="E13")
    data = ssda903_tables(YEAR)
    assert episodes(data, child) == [("SW00021", "10/05/2023", "20/01/2024")]
    assert failing(data) == []
    # The next year's return has no episodes of hers: she is not looked after in it.
    assert episodes(ssda903_tables(YEAR + 1), child) == []


def test_a_child_in_care_on_31_march_keeps_every_allocation_of_the_year(
    make_child, make_worker
) -> None:
    child = make_child(date_of_birth=dt.date(2008, 5, 17))
    before, during = make_worker(staff_id="SW00031"), make_worker(staff_id="SW00032")
    allocate_case(child=child, worker=before, started_on=dt.date(2023, 3, 1))
    start_looked_after_episode(
        child=child,
        started_on=dt.date(2023, 5, 10),
        legal_status="C2",
        placement=foster(),
        category_of_need="N1",
    )
    allocate_case(
        child=child, worker=during, started_on=dt.date(2023, 9, 1), reason_for_previous_end="LEFTRL"
    )
    data = ssda903_tables(YEAR)
    assert episodes(data, child) == [
        ("SW00031", "01/03/2023", "01/09/2023"),  # before care: SW12 wants it
        ("SW00032", "01/09/2023", None),
    ]
    assert failing(data) == []


def test_an_allocation_of_under_a_day_is_not_reported(make_child, make_worker) -> None:
    child = make_child(date_of_birth=dt.date(2008, 5, 17))
    start_looked_after_episode(
        child=child,
        started_on=dt.date(2023, 5, 10),
        legal_status="C2",
        placement=foster(),
        category_of_need="N1",
    )
    a, b, c = (make_worker(staff_id=f"SW0004{n}") for n in (1, 2, 3))
    day = dt.date(2023, 9, 1)
    for worker, start, end, reason in (
        (a, dt.date(2023, 5, 10), day, "FCONTA"),
        (b, day, day, "LEFTRL"),  # passed on within the day
        (c, day, None, "LEFTRL"),
    ):
        Allocation.objects.create(
            child=child, worker=worker, started_on=start, ended_on=end, start_reason=reason
        )
    data = ssda903_tables(YEAR)
    assert episodes(data, child) == [
        ("SW00041", "10/05/2023", "01/09/2023"),
        ("SW00043", "01/09/2023", None),
    ]
    assert failing(data) == []


def _write(folder: Path, year: int) -> Path:
    folder.mkdir(parents=True)
    for name, text in ssda903_files(year).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_importing_our_file_keeps_the_allocations_held(leaver, tmp_path: Path) -> None:
    summary = import_ssda903(_write(tmp_path / "903", YEAR), year=YEAR)
    assert not summary.changed
    held = Allocation.objects.filter(child=leaver).order_by("started_on")
    assert [(a.worker.staff_id, a.ended_on) for a in held] == [
        ("SW00001", dt.date(2023, 9, 1)),
        ("SW00002", dt.date(2024, 2, 1)),  # not cut to the end of care
        ("SW00003", None),
    ]


def test_round_trip_into_empty_records(leaver, tmp_path: Path) -> None:
    before = ssda903_files(YEAR)
    folder = _write(tmp_path / "903", YEAR)
    empty_the_case_records()
    summary = import_ssda903(folder, year=YEAR)
    assert summary.rejected == []
    assert ssda903_files(YEAR) == before
    assert not import_ssda903(folder, year=YEAR).changed
    child = Person.objects.get(la_child_id="LA000201")
    held = Allocation.objects.filter(child=child).order_by("started_on")
    assert [(a.worker.staff_id, a.ended_on) for a in held] == [
        ("SW00001", dt.date(2023, 9, 1)),
        ("SW00002", LEFT_CARE),  # all the file says
    ]
