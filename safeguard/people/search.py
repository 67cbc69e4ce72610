"""Finding a person by name (despite spelling), date of birth or identifier.

Names arrive from police notices, schools and GPs, spelt as heard. The database narrows
the candidates with plain, portable lookups (SQLite and PostgreSQL alike: same first
letter and a similar length, a prefix, or the exact date of birth or identifier); the
names are then compared in Python with ``matching`` (accents, case, a slip of one or two
letters, Soundex) — the same rules the duplicate check uses.

A search result is not an opened record: opening one goes through the access rules.
Restricted records (an adopted child's new identity) are left out of the results unless
the user may open them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.db.models.functions import Length

from safeguard.people.identifiers import normalise_nhs_number, normalise_upn
from safeguard.people.matching import name_parts, words_alike
from safeguard.people.models import Person

NAME_FIELDS = ("first_name", "last_name", "preferred_name")
#: Most results a search returns (ten pages): narrow the search rather than page further.
RESULT_LIMIT = 200
EXACT, PREFIX, ALIKE = 0, 1, 2


@dataclass(frozen=True)
class SearchResult:
    person: Person
    #: 0 exact name (or no name asked), 1 a name starting with the words, 2 spelt differently.
    rank: int


def _word_filter(word: str) -> Q:
    """Rows where some name could match ``word``: a prefix, a contained word (double-barrelled
    surnames), or the same first letter and a length within two letters."""
    low, high = max(1, len(word) - 2), len(word) + 2
    q = Q()
    for name in NAME_FIELDS:
        q |= Q(**{f"{name}__istartswith": word}) | Q(**{f"{name}__icontains": word})
        q |= Q(**{f"{name}__istartswith": word[0], f"_{name}_length__range": (low, high)})
    return q


def _word_rank(word: str, candidates: list[str]) -> int | None:
    best: int | None = None
    for candidate in candidates:
        if candidate == word:
            return EXACT
        if candidate.startswith(word):
            rank = PREFIX
        elif words_alike(word, candidate):
            rank = ALIKE
        else:
            continue
        best = rank if best is None else min(best, rank)
    return best


def name_rank(query_words: list[str], person: Person) -> int | None:
    """How well the person's names match every word asked for (None: not a match)."""
    candidates = name_parts(
        " ".join((person.first_name, person.last_name, person.preferred_name, person.other_names))
    )
    ranks = []
    for word in query_words:
        rank = _word_rank(word, candidates)
        if rank is None:
            return None
        ranks.append(rank)
    return max(ranks)


def identifier_filter(identifier: str) -> Q:
    """The LA person identifier, a UPN (or former UPN) or an NHS number, as typed."""
    text = identifier.strip()
    q = Q(la_child_id__iexact=text)
    upn = normalise_upn(text)
    if upn:
        q |= Q(upn=upn) | Q(former_upn=upn)
    nhs = normalise_nhs_number(text)
    if nhs.isdigit():
        q |= Q(nhs_number=nhs)
    return q


def search_people(
    *,
    user: Any,
    name: str = "",
    date_of_birth: dt.date | None = None,
    identifier: str = "",
) -> list[SearchResult]:
    """People matching every criterion given, best name match first.

    One query for the candidates and at most two for restricted records, whatever the
    number of results.
    """
    people = Person.objects.annotate(
        **{f"_{name}_length": Length(name) for name in NAME_FIELDS}
    ).only(
        "id",
        "kind",
        "la_child_id",
        "first_name",
        "last_name",
        "preferred_name",
        "other_names",
        "date_of_birth",
        "expected_date_of_birth",
    )
    if identifier.strip():
        people = people.filter(identifier_filter(identifier))
    if date_of_birth is not None:
        people = people.filter(
            Q(date_of_birth=date_of_birth) | Q(expected_date_of_birth=date_of_birth)
        )
    words = name_parts(name)
    for word in words:
        people = people.filter(_word_filter(word))
    results = []
    for person in people:
        rank = name_rank(words, person) if words else EXACT
        if rank is not None:
            results.append(SearchResult(person, rank))
    results.sort(key=lambda r: (r.rank, r.person.last_name, r.person.first_name))
    return _without_hidden_restricted(user, results[:RESULT_LIMIT])


def _without_hidden_restricted(user: Any, results: list[SearchResult]) -> list[SearchResult]:
    from safeguard.access.models import RestrictedRecord
    from safeguard.access.selectors import children_visible_to

    ids = [result.person.pk for result in results]
    restricted = set(
        RestrictedRecord.objects.filter(child_id__in=ids, lifted_at__isnull=True).values_list(
            "child_id", flat=True
        )
    )
    if not restricted:
        return results
    allowed = set(children_visible_to(user).filter(pk__in=restricted).values_list("pk", flat=True))
    return [r for r in results if r.person.pk not in restricted or r.person.pk in allowed]


def visible_ids(user: Any, people: list[Person]) -> set[Any]:
    """Which of ``people`` the user may open by their rules (one query)."""
    from safeguard.access.selectors import children_visible_to

    ids = [person.pk for person in people]
    return set(children_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
