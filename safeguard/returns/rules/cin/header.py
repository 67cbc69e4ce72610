"""CIN census rules on the Header."""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import cin_date
from safeguard.returns.rules.registry import ReturnData, cin_rule, flag


@cin_rule("100", fields=("ReferenceDate",))
def reference_date_is_collection_end(data: ReturnData) -> pl.DataFrame:
    header = data.table("Header")
    wrong = header.filter(cin_date("ReferenceDate").ne_missing(pl.lit(data.collection_end)))
    # The header has no child; flag() needs the child column.
    return flag(wrong.with_columns(pl.lit(None, dtype=pl.Utf8).alias("LAchildID")), "Header", "cin")
