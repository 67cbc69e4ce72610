"""UPN checks as Polars expressions: the DfE check-letter algorithm over a whole column.

``safeguard.people.identifiers`` checks one UPN as it is typed; a census holds thousands,
so the same algorithm (and its alphabet) is written here column-wise. The tests check the
two agree.
"""

from __future__ import annotations

import polars as pl

from safeguard.people.identifiers import UPN_LETTERS


def _numbers(*ranges: tuple[int, int]) -> tuple[str, ...]:
    return tuple(f"{n:03d}" for start, end in ranges for n in range(start, end + 1))


#: The DfE's three-digit local authority numbers (characters 2-4 of a UPN), including
#: numbers retired by reorganisations: a child keeps the UPN issued years ago.
LA_NUMBERS: tuple[str, ...] = _numbers(
    (201, 213),  # inner London
    (301, 320),  # outer London
    (330, 336),  # West Midlands
    (340, 344),  # Merseyside
    (350, 359),  # Greater Manchester
    (370, 373),  # South Yorkshire
    (380, 384),  # West Yorkshire
    (390, 394),  # Tyne and Wear
    (420, 420),  # Isles of Scilly
    (800, 803),
    (805, 808),
    (810, 813),
    (815, 816),
    (821, 823),
    (825, 826),
    (830, 831),
    (835, 841),
    (845, 846),
    (850, 852),
    (855, 857),
    (860, 861),
    (865, 874),
    (876, 896),
    (908, 909),
    (916, 916),
    (919, 919),
    (921, 921),
    (925, 926),
    (928, 929),
    (931, 931),
    (933, 933),
    (935, 938),
    (940, 943),  # North and West Northamptonshire (2021), Cumberland, Westmorland (2023)
)


def upn(column: str) -> pl.Expr:
    """The UPN as compared: trimmed and upper-cased (the XSD accepts either case)."""
    return pl.col(column).str.strip_chars().str.to_uppercase()


def char(column: str, position: int) -> pl.Expr:
    """Character ``position`` (1-based, as the DfE numbers them)."""
    return upn(column).str.slice(position - 1, 1)


def la_number_ok(column: str) -> pl.Expr:
    return upn(column).str.slice(1, 3).is_in(list(LA_NUMBERS)).fill_null(False)


def digits_ok(column: str) -> pl.Expr:
    """Characters 5-12 are all digits."""
    return upn(column).str.slice(4, 8).str.contains(r"^[0-9]{8}$").fill_null(False)


def last_ok(column: str) -> pl.Expr:
    """Character 13 is a digit or a letter of the check alphabet (a temporary UPN)."""
    return char(column, 13).str.contains(f"^[0-9{UPN_LETTERS}]$").fill_null(False)


def body_ok(column: str) -> pl.Expr:
    """Characters 2-13 can be checked: eleven digits then a digit or check-alphabet letter."""
    return upn(column).str.contains(f"^.[0-9]{{11}}[0-9{UPN_LETTERS}]$").fill_null(False)


def well_formed(column: str) -> pl.Expr:
    """A letter, eleven digits, then a digit or check-alphabet letter: 13 characters."""
    return upn(column).str.contains(f"^[A-Z][0-9]{{11}}[0-9{UPN_LETTERS}]$").fill_null(False)


def expected_check_letter(column: str) -> pl.Expr:
    """Characters 2-13 weighted 2-13, summed, modulo 23 into the check alphabet.

    A letter at character 13 counts as its position in the same alphabet. Null where
    characters 2-13 cannot be checked.
    """
    letter_value = {letter: str(i) for i, letter in enumerate(UPN_LETTERS)}
    total = pl.lit(0, dtype=pl.Int64)
    for position in range(2, 13):
        total = total + char(column, position).cast(pl.Int64, strict=False) * position
    last = char(column, 13).replace(letter_value).cast(pl.Int64, strict=False)
    total = total + last * 13
    alphabet = {i: letter for i, letter in enumerate(UPN_LETTERS)}
    remainder = total % len(UPN_LETTERS)
    return pl.when(body_ok(column)).then(remainder.replace_strict(alphabet, default=None))
