"""The care history the DfE portal holds: every earlier episode of the return's children.

A file-based check sees two years of episodes, so a child in care since before last year's
collection looks as if their first episode in the files were their first ever (357), and a
care leaver who left care years ago looks as if they had never been looked after (1002) or
had too little care from 14 to be a relevant child (1001); the rules' notes warn of these
false positives. The portal holds every earlier year, and so do the live records: the
export supplies ``reference["care_history"]`` (CHILD, DECOM, DEC, LS, REC of every episode
begun by 31 March, as text like every table), and the rules on care histories then judge
by it, as the portal does. Files from another system have no such table, and the rules
fall back to the two years they can see.
"""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import d903
from safeguard.returns.rules.registry import ReturnData

CARE_HISTORY = "care_history"
CARE_HISTORY_COLUMNS = ("CHILD", "DECOM", "DEC", "LS", "REC")


def has_history(data: ReturnData) -> bool:
    return CARE_HISTORY in data.reference


def history_episodes(data: ReturnData) -> pl.DataFrame | None:
    """The history's episodes with ``_start`` and ``_end`` parsed; None when not supplied."""
    found = data.reference.get(CARE_HISTORY)
    if found is None:
        return None
    return found.select(
        pl.col("CHILD"),
        d903("DECOM").alias("_start"),
        d903("DEC").alias("_end"),
        pl.col("LS"),
        pl.col("REC"),
    )


def first_episode_dates(data: ReturnData) -> pl.DataFrame | None:
    """CHILD and ``_first_ever`` (a date), one row per child; None when not supplied."""
    found = history_episodes(data)
    if found is None:
        return None
    return (
        found.drop_nulls("_start")
        .group_by("CHILD")
        .agg(pl.col("_start").min().alias("_first_ever"))
    )
