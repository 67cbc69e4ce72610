"""Properties: the issue 8 items' fast due dates are the registry's, and states follow."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from safeguard.core.timescales import compute_due, get_rule, is_on_time
from safeguard.worklists.items import State, fast_due, state_of

days = st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2027, 12, 31))

ISSUE8_KEYS = (
    "mace",
    "ppn_consultation",
    "hrda_plus_review",
    "foster_carer_review",
    "unregistered_approval",
    "unregistered_visit",
    "lado_resolution",
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ISSUE8_KEYS), days)
def test_fast_due_is_the_registry_due(key, start):
    assert fast_due(get_rule(key), start) == compute_due(key, start).due


@given(days, st.sampled_from(["significant", "moderate"]))
def test_fast_mace_review_is_the_registry_due(start, risk):
    due = fast_due(get_rule("mace_review"), start, variant=risk)
    assert due == compute_due("mace_review", start, risk=risk).due
    assert (due - start).days == (42 if risk == "significant" else 84)


@settings(deadline=None)
@given(days)
def test_the_first_mace_is_on_a_working_day_at_least_15_days_on(start):
    due = compute_due("mace", start).due
    assert isinstance(due, dt.date) and due.weekday() < 5
    assert 15 <= (due - start).days <= 19  # rolled past a weekend and bank holidays


@settings(deadline=None)
@given(days)
def test_approval_is_due_on_the_move_in_day_and_late_the_day_after(start):
    assert compute_due("unregistered_approval", start).due == start
    assert is_on_time("unregistered_approval", start, start)
    assert not is_on_time("unregistered_approval", start, start + dt.timedelta(days=1))


@given(days, days)
def test_overdue_exactly_when_the_due_date_has_passed(due, today):
    state = state_of(due, today)
    assert (state is State.OVERDUE) == (due < today)
    assert (state is State.DUE_TODAY) == (due == today)
