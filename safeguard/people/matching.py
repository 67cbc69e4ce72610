"""Pure helpers for matching people by name despite spelling, accents and typing slips.

Duplicate records are a safeguarding risk: two files for one child split the history that
shows a pattern. Names are typed by different people from different sources (a police
notice, a school, a GP), so matching must forgive the usual differences: case, accents,
hyphens and apostrophes, a transposed letter, and spellings that sound the same.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_LETTERS = re.compile(r"[^a-z]+")
_SOUNDEX_CODES = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}


def name_parts(name: str) -> list[str]:
    """Lower-case ASCII words of a name: "Zoë O'Brien-Smith" → ["zoe", "obrien", "smith"].

    Apostrophes join (O'Brien is one word); spaces and hyphens separate.
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_only = ascii_only.replace("'", "").replace("\u2019", "")
    return [part for part in _NOT_LETTERS.split(ascii_only) if part]


def normalise_name(name: str) -> str:
    """A name reduced to its letters, for comparing: "O'Brien-Smith" → "obriensmith"."""
    return "".join(name_parts(name))


def soundex(word: str) -> str:
    """American Soundex of one word (Robert → R163), or "" for a word with no letters.

    Catches spellings that sound alike: Jayden/Jaden, Mohammed/Muhammad, Sean/Shaun.
    """
    letters = normalise_name(word)
    if not letters:
        return ""
    first = letters[0]
    digits = []
    previous = _SOUNDEX_CODES.get(first, "")
    for char in letters[1:]:
        code = _SOUNDEX_CODES.get(char, "")
        if code and code != previous:
            digits.append(code)
        if char not in "hw":  # h and w do not separate letters with the same code
            previous = code
    return (first.upper() + "".join(digits) + "000")[:4]


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, swaps.

    A swapped pair of neighbouring letters (Smtih for Smith) counts as one slip.
    """
    previous_row: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before_previous, previous_row = previous_row, row
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], before_previous[j - 2] + 1)
    return row[len(b)]


def _words_alike(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < 2 or len(b) < 2:
        return False
    allowed_slips = 1 if max(len(a), len(b)) <= 6 else 2
    if edit_distance(a, b) <= allowed_slips:
        return True
    # Sound-alike only for words of four letters or more: Amy and Ann share a Soundex.
    return min(len(a), len(b)) >= 4 and soundex(a) == soundex(b)


def names_alike(a: str, b: str) -> bool:
    """Whether two names could be the same name written differently.

    Alike when the whole names are alike, or any word of one is alike any word of the
    other (a double-barrelled surname, a middle name typed into the first-name box).
    """
    whole_a, whole_b = normalise_name(a), normalise_name(b)
    if not whole_a or not whole_b:
        return False
    if _words_alike(whole_a, whole_b):
        return True
    return any(_words_alike(x, y) for x in name_parts(a) for y in name_parts(b))


def words_alike(a: str, b: str) -> bool:
    """Whether two normalised single words could be one word spelt differently."""
    return _words_alike(a, b)
