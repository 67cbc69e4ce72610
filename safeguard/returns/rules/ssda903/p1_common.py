"""Shared building blocks of the part-1 SSDA903 rules: codes, ages, care status, postcodes.

Several rules ask the same questions of a child (how old at the start or end of the year,
looked after for 12 months at 31 March, care leaver data given); they are answered once
here so each rule reads as its published message, and the answers that whole tables give
are worked out once per return (``per_return``) for every rule that asks.
"""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import blank, d903, one_of, present
from safeguard.returns.rules.registry import ReturnData, flag, per_return
from safeguard.returns.rules.ssda903.history import history_episodes
from safeguard.returns.spec import ssda903_can_be_blank, ssda903_codes
from safeguard.returns.tables import ROW

CHILD = "CHILD"

#: Short breaks (respite): not a period of care for the continuity and relevance tests.
RESPITE = ("V3", "V4")

#: The care leaver (OC3) items.
CARE_LEAVER_ITEMS = ("IN_TOUCH", "ACTIV", "ACCOM")

#: The adoption (AD1) items.
ADOPTION_ITEMS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")

#: The items of children looked after for 12 months (OC2), other than the SDQ.
OC2_ITEMS = (
    "CONVICTED",
    "HEALTH_CHECK",
    "IMMUNISATIONS",
    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE",
    "INTERVENTION_RECEIVED",
    "INTERVENTION_OFFERED",
)

#: The ``postcodes`` look-up (``ReturnData.reference``): one row per postcode, text like
#: every table: the postcode, its local authority code and its OS grid reference (metres).
POSTCODE_COLUMNS = ("POSTCODE", "LA_CODE", "EASTING", "NORTHING")

METRES_PER_MILE = 1609.344

DATE_SHAPE = r"^\d{2}/\d{2}/\d{4}$"


def bad_code(table: str, column: str) -> pl.Expr:
    """Not one of the published codes; blank only counts where the column may not be blank."""
    wrong = present(column) & ~one_of(column, ssda903_codes(table, column))
    if ssda903_can_be_blank(table, column):
        return wrong
    return wrong | blank(column)


def bad_present_code(table: str, column: str) -> pl.Expr:
    """Given but not a published code (for items whose blanks another rule reports)."""
    return present(column) & ~one_of(column, ssda903_codes(table, column))


def bad_date(column: str, *, required: bool) -> pl.Expr:
    """Given but not a DD/MM/YYYY date, or (when required) not given at all.

    ``d903`` alone reads "01/09/23" as the year 23, so the shape is checked too.
    """
    shaped = pl.col(column).str.strip_chars().str.contains(DATE_SHAPE).fill_null(False)
    wrong = present(column) & (d903(column).is_null() | ~shaped)
    return (wrong | blank(column)) if required else wrong


def any_present(columns: tuple[str, ...]) -> pl.Expr:
    return pl.any_horizontal([present(c) for c in columns])


def any_blank(columns: tuple[str, ...]) -> pl.Expr:
    return pl.any_horizontal([blank(c) for c in columns])


def all_present(columns: tuple[str, ...]) -> pl.Expr:
    return pl.all_horizontal([present(c) for c in columns])


def birthday(column: str, years: int) -> pl.Expr:
    """The date a child born on ``column`` turns ``years`` (29 February → 28 February)."""
    return d903(column).dt.offset_by(f"{years}y")


def aged_at_least(column: str, years: int, on: object) -> pl.Expr:
    """The child has had their ``years`` birthday by the day ``on`` (a date literal)."""
    return birthday(column, years) <= pl.lit(on)


def age_on(column: str, on: object) -> pl.Expr:
    """Whole years of age on the day ``on``."""
    dob = d903(column)
    day = pl.lit(on)
    years = day.dt.year() - dob.dt.year()
    before_birthday = (day.dt.month() < dob.dt.month()) | (
        (day.dt.month() == dob.dt.month()) & (day.dt.day() < dob.dt.day())
    )
    return years - before_birthday.cast(pl.Int32)


@per_return
def episodes(data: ReturnData) -> pl.DataFrame:
    """This year's episodes with parsed start and end dates."""
    return data.table("Episodes").with_columns(
        d903("DECOM").alias("_start"), d903("DEC").alias("_end")
    )


@per_return
def last_episodes(data: ReturnData) -> pl.DataFrame | None:
    found = data.last("Episodes")
    if found is None:
        return None
    return found.with_columns(d903("DECOM").alias("_start"), d903("DEC").alias("_end"))


@per_return
def known_episodes(data: ReturnData) -> pl.DataFrame:
    """This year's and last year's episodes and, when the export supplies it, the care
    history's (``history``): each episode once (this year's copy wins, then last year's)."""
    current = episodes(data).select(CHILD, "_start", "_end", "LS", "REC")
    frames = [current]
    seen = current.select(CHILD, "_start")
    for other in (last_episodes(data), history_episodes(data)):
        if other is None:
            continue
        extra = other.select(CHILD, "_start", "_end", "LS", "REC").join(
            seen, on=[CHILD, "_start"], how="anti"
        )
        frames.append(extra)
        seen = pl.concat([seen, extra.select(CHILD, "_start")])
    return pl.concat(frames)


@per_return
def latest_episodes(data: ReturnData) -> pl.DataFrame:
    """Each child's latest episode this year (by start date)."""
    eps = episodes(data).filter(pl.col("_start").is_not_null())
    return eps.sort(CHILD, "_start", ROW).group_by(CHILD, maintain_order=True).last()


@per_return
def children_with_episodes(data: ReturnData) -> pl.DataFrame:
    return data.table("Episodes").select(CHILD).drop_nulls().unique()


@per_return
def looked_after_12_months(data: ReturnData) -> pl.DataFrame:
    """Children looked after continuously for at least 12 months at 31 March (one column).

    In care (other than short breaks) on 1 April, still in care after 31 March, and not
    ceasing care (an end with a reason other than X1) in between.
    """
    start, end = data.collection_start, data.collection_end
    eps = episodes(data).filter(
        ~one_of("LS", RESPITE) & pl.col("_start").is_not_null(),
        pl.col("_end").is_null() | (pl.col("_end") >= pl.lit(start)),
    )
    left_care = (
        pl.col("_end").is_not_null()
        & (pl.col("_end") <= pl.lit(end))
        & ~pl.col("REC").fill_null("").str.strip_chars().eq("X1")
    )
    summary = eps.group_by(CHILD).agg(
        (pl.col("_start").min() <= pl.lit(start)).alias("_from_start"),
        (pl.col("_end").is_null() | (pl.col("_end") > pl.lit(end))).any().alias("_open"),
        left_care.any().alias("_left"),
    )
    return summary.filter(pl.col("_from_start") & pl.col("_open") & ~pl.col("_left")).select(CHILD)


def care_leaver_rows(data: ReturnData) -> pl.DataFrame:
    """OC3 rows with any care leaver item given."""
    return data.table("OC3").filter(any_present(CARE_LEAVER_ITEMS))


def postcodes(data: ReturnData) -> pl.DataFrame | None:
    """The postcode look-up keyed by the postcode without spaces, or None when not given."""
    found = data.reference.get("postcodes")
    if found is None:
        return None
    return found.select(
        normalised("POSTCODE").alias("_postcode"),
        pl.col("LA_CODE").str.strip_chars().alias("_la"),
        pl.col("EASTING").str.strip_chars().cast(pl.Float64, strict=False).alias("_east"),
        pl.col("NORTHING").str.strip_chars().cast(pl.Float64, strict=False).alias("_north"),
    ).unique("_postcode", keep="first")


def normalised(column: str) -> pl.Expr:
    return pl.col(column).str.to_uppercase().str.replace_all(" ", "")


def with_postcode(
    frame: pl.DataFrame, look_up: pl.DataFrame, column: str, prefix: str
) -> pl.DataFrame:
    """Join the look-up's LA and grid reference for one postcode column (``prefix`` + name)."""
    renamed = look_up.rename({c: f"{prefix}{c}" for c in look_up.columns})
    return frame.with_columns(normalised(column).alias(f"{prefix}_postcode")).join(
        renamed, on=f"{prefix}_postcode", how="left"
    )


def placement_fields(frame: pl.DataFrame, look_up: pl.DataFrame) -> pl.DataFrame:
    """Add the placement items the DfE derives from HOME_POST and PL_POST, which no file carries.

    ``_pl_la`` is the placement postcode's LA (PL_LA) and ``_distance`` the straight line
    from home to placement in miles to one decimal place (PL_DISTANCE); each is null where
    a postcode it needs is blank or unknown, as the DfE then leaves it blank.
    """
    eps = with_postcode(frame, look_up, "PL_POST", "pl")
    eps = with_postcode(eps, look_up, "HOME_POST", "home")
    miles = (
        ((pl.col("pl_east") - pl.col("home_east")) ** 2)
        + ((pl.col("pl_north") - pl.col("home_north")) ** 2)
    ).sqrt() / METRES_PER_MILE
    return eps.with_columns(
        pl.when(pl.col("pl_la").str.len_chars() > 0).then(pl.col("pl_la")).alias("_pl_la"),
        miles.round(1).alias("_distance"),
    )


@per_return
def placed_episodes(data: ReturnData) -> pl.DataFrame | None:
    """This year's episodes with ``placement_fields``; None without the postcode look-up."""
    look_up = postcodes(data)
    if look_up is None:
        return None
    return placement_fields(data.table("Episodes"), look_up)


@per_return
def uasc_children(data: ReturnData) -> pl.DataFrame:
    """Children who are or were UASC: in this year's or last year's UASC file (one column)."""
    frames = [data.table("UASC").select(CHILD)]
    last = data.last("UASC")
    if last is not None:
        frames.append(last.select(CHILD))
    return pl.concat(frames).drop_nulls().unique()


def flag_many(*parts: tuple[pl.DataFrame, str]) -> pl.DataFrame:
    """Failing rows from several tables at once."""
    return pl.concat([flag(frame, table, "ssda903") for frame, table in parts])
