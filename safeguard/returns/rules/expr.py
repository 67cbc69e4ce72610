"""Small Polars expressions the rules share: parsing the return's text columns."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl


def cin_date(column: str) -> pl.Expr:
    """A CIN census date (``YYYY-MM-DD``); null when absent or not a real date."""
    value = pl.col(column).str.strip_chars()
    return (
        pl.when(value.str.contains(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))
        .then(value.str.strptime(pl.Date, "%Y-%m-%d", strict=False))
        .otherwise(None)
    )


def d903(column: str) -> pl.Expr:
    """An SSDA903 date (``DD/MM/YYYY``; a one-digit day or month is read, as the DfE's tool
    reads it, but the year must have four digits); null when absent or not a real date."""
    value = pl.col(column).str.strip_chars()
    return (
        pl.when(value.str.contains(r"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$"))
        .then(value.str.strptime(pl.Date, "%d/%m/%Y", strict=False))
        .otherwise(None)
    )


def blank(column: str) -> pl.Expr:
    """Absent, empty or only spaces."""
    return pl.col(column).is_null() | (pl.col(column).str.strip_chars() == "")


def present(column: str) -> pl.Expr:
    return ~blank(column)


def one_of(column: str, codes: Iterable[str]) -> pl.Expr:
    """The value is one of the codes (a blank value is not)."""
    return pl.col(column).str.strip_chars().is_in(list(codes)).fill_null(False)


def integer(column: str) -> pl.Expr:
    """The value as a whole number; null when absent or not a whole number."""
    return pl.col(column).str.strip_chars().cast(pl.Int64, strict=False)
