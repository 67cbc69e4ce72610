"""SSDA903 rules on adoption details (AD1) and on looked-after mothers (Header MOTHER, MC_DOB)."""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import blank, d903, one_of, present
from safeguard.returns.rules.registry import (
    ReturnData,
    flag,
    no_failures,
    ssda903_rule,
)
from safeguard.returns.rules.ssda903.p3_common import episodes as parsed_episodes
from safeguard.returns.rules.ssda903.p4_common import (
    ADOPTED,
    SHORT_BREAKS,
    before,
    children,
    in_year,
    text,
)

#: The AD1 fields the DfE needs for each adoption.
ADOPTION_DETAILS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")


def _adopted_in_year(data: ReturnData) -> pl.DataFrame:
    return data.table("Episodes").filter(one_of("REC", ADOPTED) & in_year(d903("DEC"), data))


@ssda903_rule("601")
def adoption_details_given_for_adoptions(data: ReturnData) -> pl.DataFrame:
    """An adoption in the year needs its AD1 details, every one of them."""
    adopted = _adopted_in_year(data)
    ad1 = data.table("AD1")
    incomplete = pl.any_horizontal([blank(name) for name in ADOPTION_DETAILS])
    complete = children(ad1.filter(~incomplete))
    episodes = adopted.join(complete, on="CHILD", how="anti")
    details = ad1.filter(incomplete).join(children(adopted), on="CHILD", how="semi")
    return pl.concat([flag(episodes, "Episodes", "ssda903"), flag(details, "AD1", "ssda903")])


@ssda903_rule("602")
def adoption_details_only_for_adoptions(data: ReturnData) -> pl.DataFrame:
    """AD1 is for children adopted in the year; anyone else's AD1 row is misplaced."""
    wrong = data.table("AD1").join(children(_adopted_in_year(data)), on="CHILD", how="anti")
    return flag(wrong, "AD1", "ssda903")


@ssda903_rule("607")
def mother_given_for_girls_leaving_care(data: ReturnData) -> pl.DataFrame:
    """A girl who left care in the year (not from short breaks) must say whether she is a mother."""
    header = data.table("Header").filter((text("SEX") == "2").fill_null(False) & blank("MOTHER"))
    ceased = parsed_episodes(data).filter(
        in_year(pl.col("_end"), data)
        & present("REC")
        & (text("REC") != "X1").fill_null(False)
        & ~one_of("LS", SHORT_BREAKS)
    )
    episodes = ceased.join(children(header), on="CHILD", how="semi")
    girls = header.join(children(ceased), on="CHILD", how="semi")
    return pl.concat([flag(episodes, "Episodes", "ssda903"), flag(girls, "Header", "ssda903")])


@ssda903_rule("611")
def mother_has_childs_birth_date(data: ReturnData) -> pl.DataFrame:
    wrong = data.table("Header").filter((text("MOTHER") == "1").fill_null(False) & blank("MC_DOB"))
    return flag(wrong, "Header", "ssda903")


@ssda903_rule("612")
def childs_birth_date_only_for_mothers(data: ReturnData) -> pl.DataFrame:
    """A birth date of a first child contradicts a girl recorded as not a mother (MOTHER 0)."""
    wrong = data.table("Header").filter(
        (text("SEX") == "2").fill_null(False)
        & (text("MOTHER") == "0").fill_null(False)
        & present("MC_DOB")
    )
    return flag(wrong, "Header", "ssda903")


@ssda903_rule("620")
def mother_at_least_eleven(data: ReturnData) -> pl.DataFrame:
    """A mother under 11 at the start of the year is almost surely a wrong birth date."""
    eleventh_birthday = d903("DOB").dt.offset_by("11y")
    wrong = data.table("Header").filter(
        (text("MOTHER") == "1").fill_null(False)
        & (eleventh_birthday > pl.lit(data.collection_start)).fill_null(False)
    )
    return flag(wrong, "Header", "ssda903")


@ssda903_rule("621")
def mother_older_than_her_child(data: ReturnData) -> pl.DataFrame:
    wrong = data.table("Header").filter((d903("MC_DOB") < d903("DOB")).fill_null(False))
    return flag(wrong, "Header", "ssda903")


def _with_last_header(data: ReturnData) -> pl.DataFrame | None:
    last = data.last("Header")
    if last is None:
        return None
    return data.table("Header").join(
        last.select("CHILD", "MOTHER", "MC_DOB").unique("CHILD", keep="first"),
        on="CHILD",
        how="inner",
        suffix="_last",
    )


@ssda903_rule("624")
def childs_birth_date_as_last_year(data: ReturnData) -> pl.DataFrame:
    """A first child's birth date does not change from one year to the next."""
    both = _with_last_header(data)
    if both is None:
        return no_failures()
    same_date = d903("MC_DOB") == d903("MC_DOB_last")
    same_text = text("MC_DOB") == text("MC_DOB_last")
    wrong = both.filter(
        present("MC_DOB") & present("MC_DOB_last") & ~pl.coalesce(same_date, same_text)
    )
    return flag(wrong, "Header", "ssda903")


@ssda903_rule("625")
def childs_birth_date_not_after_leaving_care(data: ReturnData) -> pl.DataFrame:
    """The first child is born by the end of the year and by the mother's last episode's end."""
    header = data.table("Header").filter(d903("MC_DOB").is_not_null())
    latest = (
        parsed_episodes(data)
        .sort("CHILD", "_start", "_row", nulls_last=False)  # ties: the later line
        .unique("CHILD", keep="last", maintain_order=True)
        .select("CHILD", pl.col("_end").alias("_dec"), pl.col("_row").alias("_episode_row"))
    )
    joined = header.join(latest, on="CHILD", how="left").filter(
        (d903("MC_DOB") > pl.lit(data.collection_end))
        | (d903("MC_DOB") > pl.col("_dec")).fill_null(False)
    )
    episodes = joined.filter(pl.col("_episode_row").is_not_null()).with_columns(
        pl.col("_episode_row").alias("_row")
    )
    return pl.concat([flag(joined, "Header", "ssda903"), flag(episodes, "Episodes", "ssda903")])


@ssda903_rule("626")
def new_mother_had_child_this_year(data: ReturnData) -> pl.DataFrame:
    """Not a mother last year but a mother now: the first child was born this year, not before."""
    both = _with_last_header(data)
    if both is None:
        return no_failures()
    wrong = both.filter(
        (text("MOTHER") == "1").fill_null(False)
        & (text("MOTHER_last") == "0").fill_null(False)
        & before(d903("MC_DOB"), data.collection_start)
    )
    return flag(wrong, "Header", "ssda903")


@ssda903_rule("628")
def no_motherhood_for_care_leavers_not_in_care(data: ReturnData) -> pl.DataFrame:
    """A care leaver (OC3) with no episode this year has no motherhood details to give."""
    wrong = (
        data.table("Header")
        .filter(present("MOTHER"))
        .join(children(data.table("OC3")), on="CHILD", how="semi")
        .join(children(data.table("Episodes")), on="CHILD", how="anti")
    )
    return flag(wrong, "Header", "ssda903")
