"""A care leaver's personal adviser is allocated only when no social worker holds the case.

At scale 4.0 (seed 1) a re-referred care leaver had the adviser's chain and the new social
worker's allocation open together, and the generator stopped on the database's one open
allocation per child.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from safeguard.synth.journeys.care_leavers import free_spans

D = dt.date
BASE = D(2020, 1, 1)

Span = tuple[dt.date, dt.date | None]


def day(n: int) -> dt.date:
    return BASE + dt.timedelta(days=n)


def test_the_adviser_hands_over_to_a_social_worker_and_back():
    busy: list[Span] = [(D(2022, 3, 1), D(2022, 9, 30))]
    assert free_spans(D(2021, 6, 1), None, busy) == [
        (D(2021, 6, 1), D(2022, 3, 1)),
        (D(2022, 9, 30), None),
    ]


def test_an_open_social_work_case_leaves_no_room_after_it():
    busy: list[Span] = [(D(2022, 3, 1), None)]
    assert free_spans(D(2021, 6, 1), D(2024, 1, 1), busy) == [(D(2021, 6, 1), D(2022, 3, 1))]


def test_spans_before_or_after_the_range_change_nothing():
    busy: list[Span] = [(D(2019, 1, 1), D(2021, 6, 1)), (D(2025, 1, 1), None)]
    assert free_spans(D(2021, 6, 1), D(2024, 1, 1), busy) == [(D(2021, 6, 1), D(2024, 1, 1))]


def test_a_range_wholly_covered_gives_nothing():
    busy: list[Span] = [(D(2021, 1, 1), D(2022, 1, 1)), (D(2021, 12, 1), D(2025, 1, 1))]
    assert free_spans(D(2021, 6, 1), D(2024, 1, 1), busy) == []


spans = st.lists(
    st.tuples(st.integers(0, 400), st.one_of(st.none(), st.integers(0, 120))), max_size=6
)


@given(
    first=st.integers(0, 400),
    length=st.one_of(st.none(), st.integers(1, 300)),
    raw=spans,
)
def test_free_spans_never_overlap_a_busy_span_and_leave_no_free_day_out(first, length, raw):
    busy: list[Span] = [(day(s), None if n is None else day(s + n)) for s, n in raw]
    last = None if length is None else day(first + length)
    free = free_spans(day(first), last, busy)
    horizon = day(first + 800)

    def holds(span: Span, d: dt.date) -> bool:
        # Half-open: an allocation hands over on its last day to one starting that day.
        start, stop = span
        return start <= d and (stop is None or d < stop)

    for start, stop in free:
        assert start >= day(first)
        assert last is None or (stop is not None and stop <= last)
        assert stop is None or start < stop
    # Each day up to the last is held by exactly one: a free span or the social worker.
    d = day(first)
    while d < (last or horizon):
        assert sum(holds(span, d) for span in free) + any(holds(b, d) for b in busy) == 1, d
        d += dt.timedelta(days=1)
