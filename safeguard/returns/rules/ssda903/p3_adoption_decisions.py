"""SSDA903 rules on decisions that a child should be placed for adoption (PlacedAdoption).

A decision (DATE_PLACED) comes before the placement for adoption (PLACE A3-A6) and before
the placement order (LS E1) or freeing order (LS D1); it stays open until the child is
adopted or the decision is reversed (DATE_PLACED_CEASED with REASON_PLACED_CEASED). A
child may have several decisions over time, one after the other.
"""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import blank, one_of, present
from safeguard.returns.rules.registry import ReturnData, flag, ssda903_rule
from safeguard.returns.rules.ssda903.p3_common import (
    ADOPTED,
    ADOPTION_PLACEMENTS,
    CHILD,
    episodes,
    flag_many,
    latest_decisions,
    left_care_at_last,
    placed_adoption,
    previous,
    same_child_as_previous_row,
)
from safeguard.returns.tables import ROW

PLACEMENT_ORDER = "E1"
FREEING_ORDER = "D1"


def _flag(frame: pl.DataFrame) -> pl.DataFrame:
    return flag(frame, "PlacedAdoption", "ssda903")


def _pairs(episodes_: pl.DataFrame, decisions: pl.DataFrame) -> pl.DataFrame:
    """Episodes beside the same child's decisions (the decision's ``_row`` is ``_decision``)."""
    return episodes_.join(
        decisions.rename({ROW: "_decision"}), on=CHILD, how="inner", suffix="_decision"
    )


def _episodes_and_decisions(pairs: pl.DataFrame) -> pl.DataFrame:
    return flag_many(
        (pairs, "Episodes"),
        (pairs.select(CHILD, pl.col("_decision").alias(ROW)), "PlacedAdoption"),
    )


@ssda903_rule("522")
def decision_before_it_ceased(data: ReturnData) -> pl.DataFrame:
    decisions = placed_adoption(data)
    return _flag(decisions.filter((pl.col("_placed") > pl.col("_ceased")).fill_null(False)))


def _without_decision(data: ReturnData, episodes_: pl.DataFrame) -> pl.DataFrame:
    """The episodes of children with no dated decision, and those children's undated rows."""
    decisions = placed_adoption(data)
    dated = decisions.filter(pl.col("_placed").is_not_null()).select(CHILD).unique()
    lacking = episodes_.join(dated, on=CHILD, how="anti")
    undated = decisions.filter(blank("DATE_PLACED")).join(lacking, on=CHILD, how="semi")
    return flag_many((lacking, "Episodes"), (undated, "PlacedAdoption"))


@ssda903_rule("551")
def placed_for_adoption_has_decision(data: ReturnData) -> pl.DataFrame:
    placed = episodes(data).filter(one_of("PLACE", ADOPTION_PLACEMENTS))
    return _without_decision(data, placed)


def _first_episode_with_order(data: ReturnData, status: str) -> pl.DataFrame:
    """Each child's first episode with the legal status: when the order was granted."""
    eps = episodes(data).filter(one_of("LS", [status]) & pl.col("_start").is_not_null())
    return eps.group_by(CHILD, maintain_order=True).first()


def _decision_after(data: ReturnData, eps: pl.DataFrame) -> pl.DataFrame:
    """Episodes that start before the child's earliest decision, beside that decision."""
    decisions = placed_adoption(data).filter(pl.col("_placed").is_not_null())
    earliest = decisions.group_by(CHILD, maintain_order=True).first().select(CHILD, ROW, "_placed")
    pairs = _pairs(eps, earliest)
    return _episodes_and_decisions(pairs.filter(pl.col("_placed") > pl.col("_start")))


@ssda903_rule("552")
def decision_before_placed_for_adoption(data: ReturnData) -> pl.DataFrame:
    placed = episodes(data).filter(one_of("PLACE", ADOPTION_PLACEMENTS))
    return _decision_after(data, placed.filter(pl.col("_start").is_not_null()))


@ssda903_rule("553")
def placement_order_has_decision(data: ReturnData) -> pl.DataFrame:
    return _without_decision(data, episodes(data).filter(one_of("LS", [PLACEMENT_ORDER])))


@ssda903_rule("554")
def decision_before_placement_order(data: ReturnData) -> pl.DataFrame:
    return _decision_after(data, _first_episode_with_order(data, PLACEMENT_ORDER))


@ssda903_rule("555")
def freeing_order_has_decision(data: ReturnData) -> pl.DataFrame:
    return _without_decision(data, episodes(data).filter(one_of("LS", [FREEING_ORDER])))


@ssda903_rule("556")
def decision_before_freeing_order(data: ReturnData) -> pl.DataFrame:
    return _decision_after(data, _first_episode_with_order(data, FREEING_ORDER))


@ssda903_rule("557")
def reversed_when_leaving_care_unadopted(data: ReturnData) -> pl.DataFrame:
    """The decision open when the child left care must be recorded as reversed."""
    left = left_care_at_last(data).filter(~one_of("REC", ADOPTED))
    decisions = latest_decisions(data).filter(pl.col("_placed").is_not_null())
    pairs = _pairs(
        left, decisions.select(CHILD, ROW, "_placed", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED")
    )
    made_before_leaving = pl.col("_placed") <= pl.col("_end")
    not_reversed = blank("DATE_PLACED_CEASED") | blank("REASON_PLACED_CEASED")
    return _episodes_and_decisions(pairs.filter(made_before_leaving & not_reversed))


@ssda903_rule("558")
def adopted_decision_not_reversed(data: ReturnData) -> pl.DataFrame:
    adopted = episodes(data).filter(one_of("REC", ADOPTED))
    decisions = latest_decisions(data).filter(present("DATE_PLACED_CEASED"))
    return _episodes_and_decisions(_pairs(adopted, decisions.select(CHILD, ROW)))


@ssda903_rule("563")
def reversed_decision_has_date(data: ReturnData) -> pl.DataFrame:
    decisions = data.table("PlacedAdoption")
    reversed_ = present("DATE_PLACED_CEASED") | present("REASON_PLACED_CEASED")
    return _flag(decisions.filter(reversed_ & blank("DATE_PLACED")))


@ssda903_rule("579")
def decisions_do_not_overlap(data: ReturnData) -> pl.DataFrame:
    decisions = placed_adoption(data).filter(pl.col("_placed").is_not_null())
    previous_open = blank("DATE_PLACED_CEASED").shift(1)
    overlaps = (pl.col("_placed") < previous("_ceased")).fill_null(False)
    return _flag(decisions.filter(same_child_as_previous_row() & (previous_open | overlaps)))


@ssda903_rule("583")
def earlier_decision_revoked(data: ReturnData) -> pl.DataFrame:
    decisions = placed_adoption(data)
    # Only a child with a later decision has rows that are not their latest.
    not_revoked = ~pl.col("_latest") & blank("DATE_PLACED_CEASED")
    return _flag(decisions.filter(not_revoked & pl.col(CHILD).is_not_null()))
