"""The rules' date parsing: every real date comes back; anything else is null, never a guess."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from safeguard.returns.rules.expr import blank, cin_date, d903, integer, one_of

dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


def _parse(expr: pl.Expr, values: list[str | None]) -> list[dt.date | None]:
    return pl.DataFrame({"v": values}, schema={"v": pl.Utf8}).select(expr)["v"].to_list()


@given(dates)
def test_every_real_date_round_trips(day: dt.date) -> None:
    assert _parse(d903("v"), [day.strftime("%d/%m/%Y")]) == [day]
    assert _parse(cin_date("v"), [day.isoformat()]) == [day]


@given(st.text(max_size=12))
def test_text_that_is_not_a_date_is_null(text: str) -> None:
    real = None
    if re.fullmatch(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}", text.strip()):
        try:
            real = dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
        except ValueError:
            real = None
    assert _parse(d903("v"), [text]) == [real]


def test_two_digit_years_and_impossible_days_are_not_dates() -> None:
    assert _parse(d903("v"), ["01/09/23", "31/02/2024", "1/9/23", None]) == [None] * 4
    assert _parse(d903("v"), ["1/9/2023"]) == [dt.date(2023, 9, 1)]
    assert _parse(cin_date("v"), ["2024-1-1", "2024-02-30", "01/09/2023", None]) == [None] * 4


def test_blank_codes_and_integers() -> None:
    frame = pl.DataFrame({"v": [None, "", "  ", "C2", " 12 ", "1.5"]}, schema={"v": pl.Utf8})
    out = frame.select(
        blank("v").alias("blank"), one_of("v", ["C2"]).alias("code"), integer("v").alias("n")
    )
    assert out["blank"].to_list() == [True, True, True, False, False, False]
    assert out["code"].to_list() == [False, False, False, True, False, False]
    assert out["n"].to_list() == [None, None, None, None, 12, None]
