"""Part-1 SSDA903 rules on episodes of care: codes, dates and the sequence of episodes."""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import blank, one_of, present
from safeguard.returns.rules.registry import ReturnData, flag, rows_where, ssda903_rule
from safeguard.returns.rules.ssda903.p1_common import (
    CHILD,
    bad_code,
    bad_date,
    episodes,
    last_episodes,
)
from safeguard.returns.tables import ROW

#: Reasons an episode ends because the child was adopted.
ADOPTED = ("E11", "E12")


@ssda903_rule("141")
def episode_start_date(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "Episodes", bad_date("DECOM", required=True))


@ssda903_rule("147")
def episode_end_date(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "Episodes", bad_date("DEC", required=False))


@ssda903_rule("143")
def reason_for_new_episode(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "Episodes", bad_code("Episodes", "RNE"))


@ssda903_rule("144")
def legal_status(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "Episodes", bad_code("Episodes", "LS"))


@ssda903_rule("145")
def category_of_need(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "Episodes", bad_code("Episodes", "CIN"))


@ssda903_rule("146")
def placement_type(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "Episodes", bad_code("Episodes", "PLACE"))


@ssda903_rule("149")
def reason_episode_ceased(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "Episodes", bad_code("Episodes", "REC"))


@ssda903_rule("178")
def placement_provider(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "Episodes", bad_code("Episodes", "PLACE_PROVIDER"))


@ssda903_rule("1009")
def reason_for_placement_change(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "Episodes", bad_code("Episodes", "REASON_PLACE_CHANGE"))


@ssda903_rule("148")
def end_date_and_reason_together(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "Episodes", present("DEC") != present("REC"))


@ssda903_rule("142")
def previous_episode_not_ended(data: ReturnData) -> pl.DataFrame:
    """Every episode but a child's latest must have ended (episodes ordered by start date)."""
    eps = episodes(data).filter(pl.col("_start").is_not_null()).sort(CHILD, "_start", ROW)
    followed = eps.with_columns(pl.col("_start").shift(-1).over(CHILD).alias("_next_start")).filter(
        pl.col("_next_start").is_not_null() & blank("DEC")
    )
    return flag(followed, "Episodes", "ssda903")


@ssda903_rule("199")
def previously_adopted_from_care(data: ReturnData) -> pl.DataFrame:
    """An episode starting on or after an adoption from care (this year or last)."""
    adoptions = [episodes(data)]
    last = last_episodes(data)
    if last is not None:
        adoptions.append(last)
    adopted = (
        pl.concat([frame.select(CHILD, "_end", "REC") for frame in adoptions])
        .filter(one_of("REC", ADOPTED) & pl.col("_end").is_not_null())
        .group_by(CHILD)
        .agg(pl.col("_end").min().alias("_adopted"))
    )
    after = episodes(data).join(adopted, on=CHILD).filter(pl.col("_start") >= pl.col("_adopted"))
    return flag(after, "Episodes", "ssda903")
