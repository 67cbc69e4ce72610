"""CIN census rule 100: the header's reference date is the census day, 31 March."""

from __future__ import annotations

import pytest

from safeguard.returns.testing.builders import failing_rows
from safeguard.returns.tests.test_cin_rules_valid import HEADER, census, with_


@pytest.mark.parametrize(
    ("year", "reference_date", "fails"),
    [
        (2024, "2024-03-31", False),
        (2024, "2024-04-01", True),
        (2024, "2023-03-31", True),
        (2025, "2025-03-31", False),
        (2024, None, True),
        (2024, "31/03/2024", True),  # not an XML date
    ],
)
def test_100_reference_date(year: int, reference_date: str | None, fails: bool) -> None:
    data = census(year=year, Header=[with_(HEADER, ReferenceDate=reference_date)])
    assert failing_rows("cin", "100", data) == ([("Header", 3, None)] if fails else [])
