"""Checks on national identifiers: UPN check letters and NHS number check digits.

A wrong identifier breaks matching between agencies and fails the CIN census, so we
refuse it at the door rather than discover it at return time.
"""

from __future__ import annotations

import re

# DfE UPN check-letter alphabet: 23 letters, omitting I, O and S.
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
# Check letter, 11 digits (LA code, establishment, year, serial), then a digit or, for a
# temporary UPN, a letter. Matched with fullmatch: "$" would let a trailing newline through.
_UPN_SHAPE = re.compile(r"[A-Z][0-9]{11}[0-9A-Z]")
_NHS_SEPARATORS = re.compile(r"[ -]")


def normalise_upn(upn: str) -> str:
    """Upper-case and strip a UPN as typed (the XSD accepts either case)."""
    return upn.strip().upper()


def normalise_nhs_number(nhs_number: str) -> str:
    """Drop the spaces or hyphens people type between the 3-3-4 groups."""
    return _NHS_SEPARATORS.sub("", nhs_number.strip())


def upn_check_letter(body: str) -> str:
    """Check letter for the last twelve characters of a UPN (LA code, school, year, serial).

    Characters 2 to 13 are weighted 2 to 13; the sum modulo 23 indexes the alphabet. A
    temporary UPN ends in a letter, which counts as its position in the same alphabet.
    """
    if len(body) != 12:
        raise ValueError("A UPN body has 12 characters after the check letter.")
    total = 0
    for weight, char in enumerate(body, start=2):
        if char.isdigit():
            value = int(char)
        elif weight == 13 and char in UPN_LETTERS:
            value = UPN_LETTERS.index(char)
        else:
            raise ValueError(f"Unexpected character {char!r} in a UPN.")
        total += value * weight
    return UPN_LETTERS[total % 23]


def upn_problem(upn: str) -> str | None:
    """Return why ``upn`` is not a valid UPN, or None when it is."""
    if not _UPN_SHAPE.fullmatch(upn):
        return (
            "A UPN is 13 characters: a check letter, 11 digits, then a digit or a letter "
            "(temporary UPN)."
        )
    if upn[12].isalpha() and upn[12] not in UPN_LETTERS:
        return f"A temporary UPN cannot end in {upn[12]!r} (I, O and S are not used)."
    expected = upn_check_letter(upn[1:])
    if upn[0] != expected:
        return f"The check letter should be {expected!r}, not {upn[0]!r}: the UPN is mistyped."
    return None


def nhs_number_problem(nhs_number: str) -> str | None:
    """Return why ``nhs_number`` is not a valid NHS number (modulus 11), or None.

    The first nine digits are weighted 10 down to 2; eleven minus the sum modulo 11 is the
    check digit (11 counts as 0, and 10 means no valid number has these nine digits).
    """
    digits = normalise_nhs_number(nhs_number)
    if not re.fullmatch(r"[0-9]{10}", digits):
        return "An NHS number is 10 digits."
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10 or check != int(digits[9]):
        return "The check digit does not match: the NHS number is mistyped."
    return None
