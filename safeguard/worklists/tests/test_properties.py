"""Properties: the work list is sorted by urgency, and fast dates match the registry's."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from safeguard.core.timescales import compute_due, get_rule
from safeguard.worklists.items import (
    KIND_ORDER,
    State,
    WorkItem,
    fast_due,
    frequency_context,
    sort_by_urgency,
    state_of,
)

TODAY = dt.date(2025, 12, 22)
days = st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2027, 12, 31))


def _item(due: dt.date, kind: str, name: str) -> WorkItem:
    child = SimpleNamespace(pk=uuid.uuid4(), first_name="A", last_name=name)
    return WorkItem(
        child=child,
        worker=None,
        kind=kind,
        what=kind,
        due=due,
        state=state_of(due, TODAY),
        days_overdue=max(0, (TODAY - due).days),
        start=due,
    )


items = st.builds(
    _item,
    st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 12, 31)),
    st.sampled_from(sorted(KIND_ORDER)),
    st.text(alphabet="abcxyz", max_size=3),
)


@given(st.lists(items, max_size=40))
def test_most_urgent_first(work):
    ordered = sort_by_urgency(work)
    assert sorted(map(id, ordered)) == sorted(map(id, work))
    dues = [i.due for i in ordered]
    assert dues == sorted(dues)
    states = [i.state for i in ordered]
    rank = [State.OVERDUE, State.DUE_TODAY, State.DUE_THIS_WEEK, State.UPCOMING]
    assert [rank.index(s) for s in states] == sorted(rank.index(s) for s in states)
    for a, b in itertools.pairwise(ordered):
        if a.due == b.due:
            assert KIND_ORDER[a.kind] <= KIND_ORDER[b.kind]


SIMPLE_KEYS = (
    "assessment",
    "icpc",
    "core_group",
    "cin_visit",
    "cin_review",
    "rcpc_first",
    "rcpc_next",
    "lac_review_first",
    "lac_review_second",
    "lac_review_next",
    "iha",
    "dental",
    "pathway_plan",
    "section47_to_conference_request",
    "cp_plan_18",
)


@settings(max_examples=300)
@given(st.sampled_from(SIMPLE_KEYS), days)
def test_fast_due_is_the_registry_due(key, start):
    assert fast_due(get_rule(key), start) == compute_due(key, start).due


@given(days, st.sampled_from([None, 1, 2, 4, 3]))
def test_fast_cp_visit_window(start, weeks):
    due = fast_due(get_rule("cp_visit"), start, frequency=weeks)
    assert due == compute_due("cp_visit", start, **frequency_context(weeks)).due
    assert due.weekday() == 6  # the Sunday that closes the week window


@given(days, days, st.booleans())
def test_fast_lac_visit(a, b, long_term):
    from safeguard.worklists.items import lac_visit_variant

    placement_start, start = min(a, b), max(a, b)
    variant = lac_visit_variant(start, placement_start, long_term)
    context = {"placement_start": placement_start, "long_term": long_term}
    assert (
        fast_due(get_rule("lac_visit"), start, variant=variant)
        == compute_due("lac_visit", start, **context).due
    )


@given(days, st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2017, 12, 31)))
def test_fast_rha_by_age(start, dob):
    from safeguard.worklists.items import rha_variant

    variant = rha_variant(start, dob)
    assert (
        fast_due(get_rule("rha"), start, variant=variant) == compute_due("rha", start, dob=dob).due
    )
