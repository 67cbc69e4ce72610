"""The code values Ofsted's Annex A lists expect, read from the published data map.

The map (specs/annex-a-data-map.yml) gives, for each list and coded column, the exact
cell values Ofsted's template uses ("a) 1A: Individual", "N1 - Abuse or neglect", ...).
Each value starts with an optional letter ("a) ") and then a token: the DfE code where
there is one ("1A", "N1", "E11", "PR0") or the answer's first word ("Yes", "Male"). The
lists translate our stored DfE codes to tokens and the tokens to the map's values, so a
change to the map changes the export without a code change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

import polars as pl
import yaml

from safeguard.returns.spec import ANNEX_A_YML

_LETTER = re.compile(r"^[a-z]{1,2}\d?\)\s*")
_TOKEN = re.compile(r"^[A-Za-z0-9]+")

#: Codes our records hold that the map has no value for (DfE codes newer than the map):
#: written in the same style as the map's neighbours so a reader still recognises them.
NOT_IN_MAP: dict[str, dict[str, str]] = {
    "Contact Source": {"5D": "p1) 5D: LA services"},
    "Referral Source": {"5D": "p1) 5D: LA services"},
    "Reason for Closure": {"RC9": "RC9 - Case closed after assessment, referred to early help"},
    "Activity Status": {
        "F4": "F4: Full time in an apprenticeship or traineeship",
        "P4": "P4: Part time in an apprenticeship or traineeship",
        "F5": "F5: Full time in employment (other than apprenticeship or traineeship)",
        "P5": "P5: Part time in employment (other than apprenticeship or traineeship)",
    },
}

#: Our codes → the map's tokens, for the columns whose tokens are words, not DfE codes.
GENDER = {"1": "Male", "2": "Female", "0": "Not", "9": "Not"}
CATEGORY_OF_ABUSE = {
    "NEG": "Neglect",
    "PHY": "Physical",
    "SAB": "Sexual",
    "EMO": "Emotional",
    "MUL": "Multiple",
}
IN_TOUCH = {
    "YES": "Yes",
    "NO": "No",
    "DIED": "Died",
    "REFU": "Refu",
    "NREQ": "NREQ",
    "RHOM": "Rhom",
}


class AnnexMapError(LookupError):
    """The data map has no such list or column (the export and the map disagree)."""


@cache
def data_map() -> dict[str, dict[str, list[dict[str, object]]]]:
    with ANNEX_A_YML.open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle)
    config: dict[str, dict[str, list[dict[str, object]]]] = loaded["data_config"]
    return config


def coded_columns(list_number: int) -> tuple[str, ...]:
    """The columns the map gives code values for, in the map's spelling."""
    return tuple(data_map()[f"List {list_number}"])


def token(value: str) -> str:
    """``'a) 1A: Individual'`` → ``'1A'``; ``'N1 - Abuse or neglect'`` → ``'N1'``."""
    rest = _LETTER.sub("", value.strip(), count=1)
    found = _TOKEN.match(rest)
    return found.group(0) if found else rest


@cache
def values(list_number: int, column: str) -> dict[str, str]:
    """Token (and letter, "c)") → the map's cell value for one list's column.

    Tokens can repeat ("Child Protection plan", "Child in need plan"): the first entry
    keeps the token, and the letter tells the others apart.
    """
    try:
        entries = data_map()[f"List {list_number}"][column]
    except KeyError:
        raise AnnexMapError(
            f"The Annex A map has no column {column!r} in List {list_number}."
        ) from None
    found: dict[str, str] = {}
    for entry in entries:
        code = str(entry["code"])
        found.setdefault(token(code), code)
        letter = _LETTER.match(code)
        if letter:
            found.setdefault(letter.group(0).strip(), code)
    for code, value in NOT_IN_MAP.get(column, {}).items():
        found.setdefault(code, value)
    return found


def translation(
    list_number: int, column: str, ours: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Our stored code → the map's value; ``ours`` maps codes to tokens where they differ."""
    by_token = values(list_number, column)
    if ours is None:
        return dict(by_token)
    return {code: by_token[tok] for code, tok in ours.items() if tok in by_token}


def coded(
    expr: pl.Expr, list_number: int, column: str, ours: Mapping[str, str] | None = None
) -> pl.Expr:
    """An expression giving the map's value for the stored code in ``expr`` (null if none)."""
    return expr.replace_strict(
        translation(list_number, column, ours), default=None, return_dtype=pl.Utf8
    )


def yes_no(expr: pl.Expr, list_number: int, column: str, *, unknown: bool = False) -> pl.Expr:
    """A boolean as the map's "a) Yes" / "b) No"; a null as "c) Unknown" or blank."""
    answers = values(list_number, column)
    missing = pl.lit(answers["Unknown"]) if unknown else pl.lit(None, dtype=pl.Utf8)
    return (
        pl.when(expr.is_null())
        .then(missing)
        .when(expr)
        .then(pl.lit(answers["Yes"]))
        .otherwise(pl.lit(answers["No"]))
    )


def answer(list_number: int, column: str, word: str) -> str:
    """The map's value for one answer (``answer(6, "Case status", "c)")``)."""
    return values(list_number, column)[word]
