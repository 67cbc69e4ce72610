"""SSDA903 rules on social worker episodes (the SocialWorker file, table ``SWEpisodes``).

Each row is a span with one social worker: SW_ID, from SW_DECOM to SW_DEC (blank while
open), and SW_REASON, why the social worker changed to start it. The DfE wants them for
children looked after on 31 March, covering the whole collection year without gaps or
overlaps, and this year's first episode must carry on last year's open one.
"""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import blank, d903, one_of, present
from safeguard.returns.rules.registry import ReturnData, flag, no_failures, per_return, ssda903_rule
from safeguard.returns.rules.ssda903.p4_common import (
    before,
    children,
    in_year,
    looked_after_on_31_march,
    text,
)
from safeguard.returns.spec import ssda903_codes

TABLE = "SWEpisodes"


def _reasons() -> tuple[str, ...]:
    # The published code list carries a stray space ("PCCHAN "); the code is the trimmed text.
    return tuple(code.strip() for code in ssda903_codes(TABLE, "SW_REASON"))


@per_return
def _in_order(data: ReturnData) -> pl.DataFrame:
    """Each child's episodes by start date, with the neighbours' dates and rows.

    Worked out once per return for the eight rules that use it; sorted by child, the
    neighbours are the rows above and below when the child is the same (far cheaper
    than windows over thousands of children).
    """
    frame = (
        data.table(TABLE)
        .filter(present("CHILD"))
        .with_columns(d903("SW_DECOM").alias("_start"), d903("SW_DEC").alias("_end"))
        .sort("CHILD", "_start", "_row", nulls_last=True)
    )
    same_before = pl.col("CHILD").shift(1).eq_missing(pl.col("CHILD"))
    same_after = pl.col("CHILD").shift(-1).eq_missing(pl.col("CHILD"))
    index = pl.int_range(pl.len())
    return frame.with_columns(
        pl.when(same_before).then(pl.col("_end").shift(1)).alias("_previous_end"),
        pl.when(same_after).then(pl.col("_row").shift(-1)).alias("_next_row"),
        (index - pl.when(~same_before).then(index).forward_fill()).alias("_position"),
    )


def _flag(frame: pl.DataFrame) -> pl.DataFrame:
    return flag(frame, TABLE, "ssda903")


@ssda903_rule("SW01STG1")
def social_worker_for_children_in_care(data: ReturnData) -> pl.DataFrame:
    """A child looked after on 31 March needs social worker episodes."""
    wrong = looked_after_on_31_march(data).join(children(data.table(TABLE)), on="CHILD", how="anti")
    return flag(wrong, "Episodes", "ssda903")


@ssda903_rule("SW02STG1")
def social_worker_id_prefix(data: ReturnData) -> pl.DataFrame:
    """Social Work England registration numbers begin SW; XX stands for an unregistered worker."""
    sw_id = text("SW_ID")
    wrong = data.table(TABLE).filter(
        present("SW_ID") & ~(sw_id.str.starts_with("SW") | sw_id.str.starts_with("XX"))
    )
    return _flag(wrong)


@ssda903_rule("SW03STG1")
def social_worker_episode_complete(data: ReturnData) -> pl.DataFrame:
    wrong = data.table(TABLE).filter(blank("SW_ID") | blank("SW_DECOM") | blank("SW_REASON"))
    return _flag(wrong)


@ssda903_rule("SW04STG1")
def start_is_a_date(data: ReturnData) -> pl.DataFrame:
    wrong = data.table(TABLE).filter(present("SW_DECOM") & d903("SW_DECOM").is_null())
    return _flag(wrong)


@ssda903_rule("SW05STG1")
def end_is_a_date(data: ReturnData) -> pl.DataFrame:
    wrong = data.table(TABLE).filter(present("SW_DEC") & d903("SW_DEC").is_null())
    return _flag(wrong)


@ssda903_rule("SW06STG2")
def start_not_after_the_year(data: ReturnData) -> pl.DataFrame:
    """An episode may have begun in an earlier year (still open on 1 April), never a later one."""
    wrong = data.table(TABLE).filter(
        (d903("SW_DECOM") > pl.lit(data.collection_end)).fill_null(False)
    )
    return _flag(wrong)


@ssda903_rule("SW07STG2")
def end_within_the_year(data: ReturnData) -> pl.DataFrame:
    """An episode that ended before 1 April belongs to last year's return."""
    ended = d903("SW_DEC")
    wrong = data.table(TABLE).filter(ended.is_not_null() & ~in_year(ended, data))
    return _flag(wrong)


@ssda903_rule("SW09STG2")
def lasted_a_day_at_least(data: ReturnData) -> pl.DataFrame:
    """Ending on (or before) the day it began: under 24 hours, most likely a keying error."""
    wrong = data.table(TABLE).filter((d903("SW_DEC") <= d903("SW_DECOM")).fill_null(False))
    return _flag(wrong)


@ssda903_rule("SW108STG2")
def previous_episode_ended(data: ReturnData) -> pl.DataFrame:
    """Only a child's latest episode may be open: a later one means this one ended."""
    wrong = _in_order(data).filter(pl.col("_next_row").is_not_null() & blank("SW_DEC"))
    return _flag(wrong)


@ssda903_rule("SW10STG2")
def no_overlap_with_previous_episode(data: ReturnData) -> pl.DataFrame:
    """A child has one social worker at a time; an episode may start on the day the last ended."""
    wrong = _in_order(data).filter((pl.col("_start") < pl.col("_previous_end")).fill_null(False))
    return _flag(wrong)


@ssda903_rule("SW11STG2")
def no_gap_at_31_march(data: ReturnData) -> pl.DataFrame:
    """For a child in care on 31 March, the latest episode cannot have ended before that day."""
    latest = _in_order(data).filter(pl.col("_next_row").is_null())
    wrong = latest.filter(before(pl.col("_end"), data.collection_end)).join(
        children(looked_after_on_31_march(data)), on="CHILD", how="semi"
    )
    return _flag(wrong)


@ssda903_rule("SW12STG2")
def episodes_cover_the_year(data: ReturnData) -> pl.DataFrame:
    """For a child in care on 31 March the episodes begin by 1 April, or by when care began.

    Episodes before care are wanted too, but a child may have had no social worker before
    coming into care; the check is only that the episodes cover the time in care this year.
    """
    episodes = data.table("Episodes").filter(d903("DECOM").is_not_null())
    care_from = (
        episodes.join(children(looked_after_on_31_march(data)), on="CHILD", how="semi")
        .group_by("CHILD")
        .agg(d903("DECOM").min().alias("_in_care_from"))
        .with_columns(
            pl.max_horizontal(pl.col("_in_care_from"), pl.lit(data.collection_start)).alias(
                "_needed_from"
            )
        )
    )
    first = _in_order(data).filter(pl.col("_position") == 0)
    wrong = first.join(care_from, on="CHILD", how="inner").filter(
        (pl.col("_start") > pl.col("_needed_from")).fill_null(False)
    )
    return _flag(wrong)


@ssda903_rule("SW13STG1")
def reason_is_a_code(data: ReturnData) -> pl.DataFrame:
    wrong = data.table(TABLE).filter(~one_of("SW_REASON", _reasons()))
    return _flag(wrong)


@ssda903_rule("SW14STG2")
def end_given_once_out_of_care(data: ReturnData) -> pl.DataFrame:
    """A child's open episode needs an end once they are no longer looked after on 31 March.

    (An open episode followed by a later one is SW108STG2.)
    """
    in_care = children(looked_after_on_31_march(data))
    out_of_care = children(data.table("Episodes")).join(in_care, on="CHILD", how="anti")
    latest = _in_order(data).filter(pl.col("_next_row").is_null() & blank("SW_DEC"))
    return _flag(latest.join(out_of_care, on="CHILD", how="semi"))


@ssda903_rule("SW15STG2")
def reason_given_for_changes_in_the_year(data: ReturnData) -> pl.DataFrame:
    """An episode that began in the year began with a change of social worker, so has a reason.

    (An episode already open on 1 April may predate the recording of reasons.)
    """
    wrong = data.table(TABLE).filter(blank("SW_REASON") & in_year(d903("SW_DECOM"), data))
    return _flag(wrong)


@per_return
def _carried_on(data: ReturnData) -> pl.DataFrame | None:
    """This year's first episode of each child beside last year's open one."""
    last = data.last(TABLE)
    if last is None:
        return None
    still_open = (
        last.filter(blank("SW_DEC") & present("CHILD"))
        .with_columns(d903("SW_DECOM").alias("_start"))
        .sort("CHILD", "_start", "_row", nulls_last=False)
        .unique("CHILD", keep="last", maintain_order=True)
        .select("CHILD", "SW_ID", "SW_DECOM", "SW_REASON")
    )
    first = _in_order(data).filter(pl.col("_position") == 0)
    return first.join(still_open, on="CHILD", how="inner", suffix="_last")


def _differs_from_last_year(column: str, *, is_date: bool = False) -> pl.Expr:
    as_text = text(column).ne_missing(text(f"{column}_last"))
    if not is_date:
        return as_text
    return pl.coalesce(d903(column) != d903(f"{column}_last"), as_text)


def _check_carried_on(data: ReturnData, column: str, *, is_date: bool = False) -> pl.DataFrame:
    both = _carried_on(data)
    if both is None:
        return no_failures()
    return _flag(both.filter(_differs_from_last_year(column, is_date=is_date)))


@ssda903_rule("SW16aSTG2")
def same_social_worker_as_last_year(data: ReturnData) -> pl.DataFrame:
    return _check_carried_on(data, "SW_ID")


@ssda903_rule("SW16bSTG2")
def same_start_as_last_year(data: ReturnData) -> pl.DataFrame:
    return _check_carried_on(data, "SW_DECOM", is_date=True)


@ssda903_rule("SW16cSTG2")
def same_reason_as_last_year(data: ReturnData) -> pl.DataFrame:
    return _check_carried_on(data, "SW_REASON")
