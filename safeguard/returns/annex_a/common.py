"""What every list says about a child: identifiers, age, disability and allocated worker.

Each list reads its own rows with the child's fields joined in (one query), then asks for
the disabilities and allocations of the same children through a subquery of that query,
so no list runs a query per child or carries a list of ids.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from dateutil.relativedelta import relativedelta
from django.db.models import Q, QuerySet
from django.utils import timezone

from safeguard.people.models import Disability
from safeguard.performance.frames import read
from safeguard.returns.annex_a import codes
from safeguard.returns.annex_a.layout import CHILD, DISABILITY, TEAM, WORKER
from safeguard.workforce.models import Allocation


def child_fields(path: str = "child") -> dict[str, str]:
    """The child's fields a list's query reads alongside its own (as ``read`` renames)."""
    return {
        "child": path,
        "la_child_id": f"{path}__la_child_id",
        "gender": f"{path}__gender",
        "ethnicity": f"{path}__ethnicity",
        "dob": f"{path}__date_of_birth",
    }


CHILD_FIELDS = child_fields()


def local_midnight(day: dt.date) -> dt.datetime:
    """The start of a day in the authority's time zone (contacts and missing episodes are
    timed; the lists count them by the day they happened here)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def date_of(expr: pl.Expr, as_at: dt.date) -> pl.Expr:
    """A date known on the as-at day, else blank (later records are not yet history)."""
    return pl.when(expr <= as_at).then(expr).otherwise(None)


def age_on(dob: pl.Expr, day: dt.date) -> pl.Expr:
    """Whole years of age on ``day`` (blank for an unborn child)."""
    before_birthday = (dob.dt.month() > day.month) | (
        (dob.dt.month() == day.month) & (dob.dt.day() > day.day)
    )
    return (pl.lit(day.year) - dob.dt.year() - before_birthday.cast(pl.Int32)).cast(pl.Int64)


def child_columns(frame: pl.DataFrame, list_number: int, as_at: dt.date) -> pl.DataFrame:
    """Add Ofsted's child columns from ``la_child_id``, ``gender``, ``ethnicity``, ``dob``."""
    unique_id, gender, ethnicity, birth, age = CHILD
    return frame.with_columns(
        pl.col("la_child_id").alias(unique_id),
        codes.coded(pl.col("gender"), list_number, "Gender", codes.GENDER).alias(gender),
        codes.coded(pl.col("ethnicity"), list_number, "Ethnicity").alias(ethnicity),
        pl.col("dob").alias(birth),
        age_on(pl.col("dob"), as_at).alias(age),
    )


def disability_column(
    frame: pl.DataFrame,
    children: QuerySet[Any],
    list_number: int,
    column: str = DISABILITY,
    *,
    path: str = "child",
) -> pl.DataFrame:
    """Yes for any DfE disability code, No for "NONE" alone, Unknown with no record.

    ``children`` is the list's own queryset; ``path`` leads from its rows to the child.
    """
    rows = read(
        Disability.objects.filter(person__in=children.values(path)).order_by(),
        child="person",
        code="code",
    )
    per_child = rows.group_by("child").agg((pl.col("code") != "NONE").any().alias("_disabled"))
    joined = frame.join(per_child, on="child", how="left")
    return joined.with_columns(
        codes.yes_no(pl.col("_disabled"), list_number, column, unknown=True).alias(column)
    ).drop("_disabled")


def allocation_columns(
    frame: pl.DataFrame, children: QuerySet[Any], as_at: dt.date, *, path: str = "child"
) -> pl.DataFrame:
    """The worker holding the case on the as-at day, else the last one before it.

    A closed case keeps the name of the worker who last held it, as inspectors ask who
    did the work; a child with no allocation in the 12 months is blank (older allocations
    are not read: a child on a list was worked with in its months).
    """
    since = as_at - relativedelta(years=1)
    rows = read(
        Allocation.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=since),
            child__in=children.values(path),
            started_on__lte=as_at,
        ).order_by(),
        child="child",
        started_on="started_on",
        ended_on="ended_on",
        first_name="worker__first_name",
        last_name="worker__last_name",
        team="worker__team__name",
    )
    current = rows.with_columns(
        (pl.col("ended_on").is_null() | (pl.col("ended_on") > as_at)).alias("_in_force")
    )
    chosen = (
        current.sort(["child", "_in_force", "started_on"])
        .group_by("child", maintain_order=True)
        .last()
        .select(
            "child",
            pl.col("team").alias(TEAM),
            pl.concat_str(["first_name", "last_name"], separator=" ").alias(WORKER),
        )
    )
    return frame.join(chosen, on="child", how="left")


def counts_in(
    frame: pl.DataFrame, events: pl.DataFrame, column: str, *, on: str = "child"
) -> pl.DataFrame:
    """Join a per-child count of ``events`` rows as ``column`` (0 when none)."""
    per_child = events.group_by(on).agg(pl.len().cast(pl.Int64).alias(column))
    return frame.join(per_child, on=on, how="left").with_columns(pl.col(column).fill_null(0))


def finish(frame: pl.DataFrame, columns: tuple[str, ...], *sort: str) -> pl.DataFrame:
    """Keep the list's columns in Ofsted's order, sorted for a stable, readable sheet."""
    ordered = frame.sort([*sort, "Child Unique ID"] if "Child Unique ID" in columns else [*sort])
    return ordered.select(columns)
