"""Loading population and comparator CSVs: all or nothing, with exact error messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from safeguard.people.models import PopulationEstimate
from safeguard.performance.loading import LoadError, load_comparators, load_population
from safeguard.performance.models import ComparatorValue

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "input.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_population_loads_and_reloads_as_updates(tmp_path: Path) -> None:
    path = write(tmp_path, "year,age,count\n2024,0,700\n2024,1,710\n")
    assert load_population(path).created == 2
    again = write(tmp_path, "year,age,count\n2024,0,705\n")
    result = load_population(again)
    assert (result.created, result.updated) == (0, 1)
    assert PopulationEstimate.objects.get(year=2024, age=0).count == 705


def test_a_bad_row_leaves_nothing_behind(tmp_path: Path) -> None:
    path = write(tmp_path, "year,age,count\n2024,0,700\n2024,21,5\n")
    with pytest.raises(LoadError, match=r"input.csv, row 3, age: expected 0 to 19, found 21"):
        load_population(path)
    assert not PopulationEstimate.objects.exists()


def test_missing_columns_and_non_numbers_are_named(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="header row lacks count"):
        load_population(write(tmp_path, "year,age\n2024,1\n"))
    with pytest.raises(LoadError, match=r"row 2, count: expected a whole number of children"):
        load_population(write(tmp_path, "year,age,count\n2024,1,many\n"))
    with pytest.raises(LoadError, match="appears twice"):
        load_population(write(tmp_path, "year,age,count\n2024,1,1\n2024,1,2\n"))


def test_comparators_check_the_measure_and_area(tmp_path: Path) -> None:
    good = "measure_id,area,area_name,year,value,source\nOBA2-11,england,England,2017,21.9,DfE\n"
    assert load_comparators(write(tmp_path, good)).created == 1
    assert ComparatorValue.objects.get().value == pytest.approx(21.9)
    with pytest.raises(LoadError, match=r"row 2, measure_id: 'NOPE' is not a measure"):
        load_comparators(write(tmp_path, good.replace("OBA2-11", "NOPE")))
    with pytest.raises(LoadError, match=r"row 2, area: expected one of england, region"):
        load_comparators(write(tmp_path, good.replace(",england,", ",county,")))


def test_the_command_exits_non_zero_with_the_message(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("load_reference", "population", str(tmp_path / "absent.csv"))
    path = write(tmp_path, "year,age,count\n2025,3,800\n")
    call_command("load_reference", "population", str(path))
    assert PopulationEstimate.objects.get(year=2025, age=3).count == 800
