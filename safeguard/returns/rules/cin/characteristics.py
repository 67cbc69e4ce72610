"""CIN census rules on ChildCharacteristics: ethnicity."""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import one_of
from safeguard.returns.rules.registry import ReturnData, cin_rule, flag
from safeguard.returns.spec import cin_codes


@cin_rule("4220", fields=("Ethnicity",))
def ethnicity_valid(data: ReturnData) -> pl.DataFrame:
    table = data.table("ChildCharacteristics")
    wrong = table.filter(~one_of("Ethnicity", cin_codes("ethnicitytype")))
    return flag(wrong, "ChildCharacteristics", "cin")
