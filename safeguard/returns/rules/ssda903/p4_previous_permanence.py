"""SSDA903 rules on previous permanence (PrevPerm): asked of each child starting a period of care.

PREV_PERM says whether the child left an earlier care arrangement through adoption, a special
guardianship, residence or child arrangements order (P1-P4) or not/unknown (Z1); LA_PERM and
DATE_PERM say where and when. DATE_PERM may be partial: ``zz/MM/YYYY`` or ``zz/zz/YYYY``.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.returns.rules.cin.upn import LA_NUMBERS
from safeguard.returns.rules.expr import blank, one_of, present
from safeguard.returns.rules.registry import ReturnData, flag, ssda903_rule
from safeguard.returns.rules.ssda903.p3_common import episodes as parsed_episodes
from safeguard.returns.rules.ssda903.p4_common import children, in_year, text
from safeguard.returns.spec import ssda903_can_be_blank, ssda903_codes

#: The DfE's three-digit codes of English local authorities (the same numbers a UPN
#: carries, retired ones included: an order may have been made years ago), and the codes
#: for elsewhere.
LA_CODES: frozenset[str] = frozenset(LA_NUMBERS) | {"WAL", "SCO", "NIR", "NUK"}

#: Previous permanence is collected for periods of care starting from this day.
PREVIOUS_PERMANENCE_FROM = dt.date(2016, 4, 1)


@ssda903_rule("630")
def previous_permanence_for_new_periods_of_care(data: ReturnData) -> pl.DataFrame:
    """Each child starting a period of care in the year needs a PrevPerm row."""
    started = parsed_episodes(data).filter(
        (text("RNE") == "S").fill_null(False) & in_year(pl.col("_start"), data)
    )
    wrong = started.join(children(data.table("PrevPerm")), on="CHILD", how="anti")
    return flag(wrong, "Episodes", "ssda903")


@ssda903_rule("631")
def previous_permanence_code(data: ReturnData) -> pl.DataFrame:
    valid = one_of("PREV_PERM", ssda903_codes("PrevPerm", "PREV_PERM"))
    allowed_blank = ssda903_can_be_blank("PrevPerm", "PREV_PERM")
    wrong = data.table("PrevPerm").filter(~valid & (present("PREV_PERM") | (not allowed_blank)))
    return flag(wrong, "PrevPerm", "ssda903")


def _earliest_order_date() -> pl.Expr:
    """The first day DATE_PERM can mean: ``zz`` for an unknown day or month counts as 1."""
    parts = text("DATE_PERM").str.extract_groups(r"^(\d{2}|zz)/(\d{2}|zz)/(\d{4})$")
    day, month, year = (parts.struct.field(str(n)) for n in (1, 2, 3))
    known = pl.when(day == "zz").then(pl.lit("01")).otherwise(day)
    month_or_first = pl.when(month == "zz").then(pl.lit("01")).otherwise(month)
    partial_is_whole = ~((day != "zz") & (month == "zz")).fill_null(False)
    date = pl.concat_str(known, month_or_first, year, separator="/").str.strptime(
        pl.Date, "%d/%m/%Y", strict=False
    )
    return pl.when(partial_is_whole).then(date)


@ssda903_rule("632")
def previous_permanence_date(data: ReturnData) -> pl.DataFrame:
    """DATE_PERM is a (possibly partial) date before the period of care began.

    Only a start of care in this return can be checked: for a child in care since an earlier
    year the rule cannot see the start (the DfE's note on false negatives).
    """
    care_started = (
        parsed_episodes(data)
        .filter((text("RNE") == "S").fill_null(False))
        .group_by("CHILD")
        .agg(pl.col("_start").max().alias("_care_started"))
    )
    prev = data.table("PrevPerm").filter(present("DATE_PERM"))
    checked = prev.with_columns(_earliest_order_date().alias("_order")).join(
        care_started, on="CHILD", how="left"
    )
    wrong = checked.filter(
        pl.col("_order").is_null() | (pl.col("_order") >= pl.col("_care_started")).fill_null(False)
    )
    return flag(wrong, "PrevPerm", "ssda903")


@ssda903_rule("633")
def previous_permanence_local_authority(data: ReturnData) -> pl.DataFrame:
    wrong = data.table("PrevPerm").filter(present("LA_PERM") & ~one_of("LA_PERM", LA_CODES))
    return flag(wrong, "PrevPerm", "ssda903")


@ssda903_rule("634")
def previous_permanence_only_since_april_2016(data: ReturnData) -> pl.DataFrame:
    """Previous permanence is not asked of a child whose care began before 1 April 2016.

    The start of care is the child's earliest episode in the return: if that is before
    April 2016, the period of care certainly began before then.
    """
    earliest = (
        parsed_episodes(data).group_by("CHILD").agg(pl.col("_start").min().alias("_first_decom"))
    )
    entries = pl.any_horizontal(present("PREV_PERM"), present("LA_PERM"), present("DATE_PERM"))
    wrong = (
        data.table("PrevPerm")
        .filter(entries)
        .join(earliest, on="CHILD", how="inner")
        .filter((pl.col("_first_decom") < pl.lit(PREVIOUS_PERMANENCE_FROM)).fill_null(False))
    )
    return flag(wrong, "PrevPerm", "ssda903")


@ssda903_rule("635")
def no_order_details_without_previous_permanence(data: ReturnData) -> pl.DataFrame:
    """Z1 says there was no previous permanence option, so there is no order date or LA."""
    wrong = data.table("PrevPerm").filter(
        (text("PREV_PERM") == "Z1").fill_null(False) & ~(blank("DATE_PERM") & blank("LA_PERM"))
    )
    return flag(wrong, "PrevPerm", "ssda903")
