"""CIN census rules on Disabilities: valid codes, NONE alone, and how fully they are used."""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.cin.common import CHILD, return_level
from safeguard.returns.rules.expr import one_of, present
from safeguard.returns.rules.registry import ReturnData, cin_rule, flag, no_failures
from safeguard.returns.spec import cin_codes

TABLE = "Disabilities"
NONE = "NONE"

#: 2887Q: a return using fewer distinct disability codes than this is queried.
FEWEST_CODES = 8


def _code() -> pl.Expr:
    return pl.col("Disability").str.strip_chars().str.to_uppercase()


def _disabilities(data: ReturnData) -> pl.DataFrame:
    """Valid disability codes other than NONE, one row per record."""
    table = data.table(TABLE)
    return table.filter(one_of("Disability", cin_codes("disabilitytype")) & (_code() != NONE))


@cin_rule("8540", fields=("Disability",))
def disability_valid(data: ReturnData) -> pl.DataFrame:
    table = data.table(TABLE)
    return flag(table.filter(~one_of("Disability", cin_codes("disabilitytype"))), TABLE, "cin")


@cin_rule("2887Q", fields=("Disability",))
def disability_codes_used(data: ReturnData) -> pl.DataFrame:
    if data.table("ChildIdentifiers").height == 0:
        return no_failures()
    used = _disabilities(data).select(_code()).n_unique()
    return return_level(TABLE) if used < FEWEST_CODES else no_failures()


@cin_rule("2888Q", fields=("Disability",))
def several_disabilities_recorded(data: ReturnData) -> pl.DataFrame:
    per_child = _disabilities(data).group_by(CHILD).agg(_code().n_unique().alias("codes"))
    if per_child.height == 0 or per_child["codes"].max() > 1:  # type: ignore[operator]
        return no_failures()
    return return_level(TABLE)


@cin_rule("8790", fields=("Disability",))
def none_alone(data: ReturnData) -> pl.DataFrame:
    table = data.table(TABLE).filter(present("Disability"))
    mixed = table.filter((_code() == NONE).any().over(CHILD) & (_code() != NONE).any().over(CHILD))
    return flag(mixed, TABLE, "cin")


@cin_rule("8794", fields=("Disability",))
def disability_once(data: ReturnData) -> pl.DataFrame:
    table = data.table(TABLE).filter(present("Disability"))
    repeated = table.filter(pl.len().over(CHILD, _code()) > 1)
    return flag(repeated, TABLE, "cin")
