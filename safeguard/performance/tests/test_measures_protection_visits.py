"""CP visits: on time by the registry's week window (OBA2-22), seen in the last 4 weeks and
not seen alone (self-evaluation). Hand-built records, hand-counted answers."""

from __future__ import annotations

import pytest

from safeguard.core.timescales import compute_due
from safeguard.performance.tests.protection_records import (
    D,
    child,
    figure,
    ids,
    month,
    plan,
    visit,
    worker,
)

pytestmark = pytest.mark.django_db


def test_week_window_on_time_late_and_missed_visits() -> None:
    by = worker()
    person = child()
    plan(person, D(2025, 1, 1), D(2025, 4, 10), weeks=2)  # Wednesday, fortnightly
    # Due in the week holding 15 January, so by Sunday 19 January: on time, although it is
    # 18 calendar days after the plan started (the seed's complaint about day counting).
    assert compute_due("cp_visit", D(2025, 1, 1), frequency="fortnightly").due == D(2025, 1, 19)
    visit(person, D(2025, 1, 19), by)
    visit(person, D(2025, 2, 3), by)  # due by Sunday 2 February: late
    visit(person, D(2025, 2, 20), by, kind="cin")  # not a CP visit
    visit(person, D(2025, 2, 21), by, seen=False)  # the child was not seen
    # From 3 February: due by 23 February, 9 March, 23 March; seen again on 24 March.
    assert compute_due("cp_visit", D(2025, 2, 3), frequency=2).due == D(2025, 2, 23)
    visit(person, D(2025, 3, 24), by)
    # From 24 March the next is due by 13 April, after the plan ended on 10 April.

    january = figure("OBA2-22", month(2025, 1))
    assert january.value == 100.0
    assert january.numerator["on"].to_list() == [D(2025, 1, 19)]
    assert january.numerator["detail"].to_list() == ["visited 2025-01-19 (2-weekly visits)"]

    february = figure("OBA2-22", month(2025, 2))
    assert february.value == 0.0
    assert february.denominator is not None
    assert february.denominator["on"].to_list() == [D(2025, 2, 2), D(2025, 2, 23)]
    assert february.denominator["detail"].to_list() == [
        "visited late, on 2025-02-03 (2-weekly visits)",
        "visited late, on 2025-03-24 (2-weekly visits)",
    ]

    march = figure("OBA2-22", month(2025, 3))
    assert march.value == 0.0
    assert march.denominator is not None
    assert march.denominator["on"].to_list() == [D(2025, 3, 9), D(2025, 3, 23)]
    assert (
        march.denominator["detail"].to_list()
        == ["not visited by the due date; seen last 2025-02-03 (2-weekly visits)"] * 2
    )

    april = figure("OBA2-22", month(2025, 4))
    assert april.value is None and april.denominator_count == 0


def test_a_child_never_visited_is_late_every_due_week() -> None:
    person = child()
    plan(person, D(2025, 3, 3), weeks=1)  # Monday, weekly, still open
    march = figure("OBA2-22", month(2025, 3))
    assert march.denominator is not None
    assert march.denominator["on"].to_list() == [D(2025, 3, 16), D(2025, 3, 23), D(2025, 3, 30)]
    assert march.value == 0.0
    assert figure("OBA2-22", month(2025, 4)).denominator_count == 4


def test_two_visits_in_one_week_are_one_visit_due() -> None:
    by = worker()
    person = child()
    plan(person, D(2025, 3, 3), weeks=1)
    for day in (D(2025, 3, 4), D(2025, 3, 6), D(2025, 3, 11)):
        visit(person, day, by)
    march = figure("OBA2-22", month(2025, 3))
    assert march.denominator is not None
    assert march.denominator["on"].to_list() == [D(2025, 3, 16), D(2025, 3, 23), D(2025, 3, 30)]
    assert march.value == pytest.approx(100 / 3)


def test_visits_only_count_for_the_plan_they_fall_in() -> None:
    by = worker()
    person = child()
    plan(person, D(2024, 1, 8), D(2024, 6, 3))
    visit(person, D(2024, 12, 2), by)  # between plans: not a CP plan visit
    plan(person, D(2025, 1, 6), weeks=4)  # Monday: due by Sunday 9 February
    visit(person, D(2025, 2, 7), by)
    february = figure("OBA2-22", month(2025, 2))
    assert february.value == 100.0
    assert ids(february.numerator) == {person.pk.hex}


def test_seen_in_the_last_four_weeks_and_not_seen_alone() -> None:
    by = worker()
    start = D(2025, 1, 6)
    seen_alone, seen_too_early, never, new_plan, in_care = (child() for _ in range(5))
    for person in (seen_alone, seen_too_early, never, in_care):
        plan(person, start)
    plan(new_plan, D(2025, 3, 25))
    visit(seen_alone, D(2025, 3, 3), by, alone=True)  # exactly 4 weeks before 31 March
    visit(seen_too_early, D(2025, 3, 2), by)  # 29 days before
    visit(seen_too_early, D(2025, 3, 30), by, seen=False)  # not seen: does not count
    visit(new_plan, D(2025, 3, 10), by, kind="cin", alone=True)  # before the plan began
    visit(in_care, D(2025, 3, 20), by, kind="looked_after", alone=True)

    march = month(2025, 3)
    seen = figure("SE-CP-02", march)
    assert seen.value == pytest.approx(60.0)
    assert ids(seen.numerator) == {seen_alone.pk.hex, new_plan.pk.hex, in_care.pk.hex}

    not_alone = figure("SE-CP-03", march)
    assert not_alone.value == pytest.approx(60.0)
    assert ids(not_alone.numerator) == {seen_too_early.pk.hex, never.pk.hex, new_plan.pk.hex}
    details = dict(zip(not_alone.numerator["child_id"], not_alone.numerator["detail"], strict=True))
    assert details[new_plan.pk.hex] == "aged 9; not seen since the plan started"
    assert details[seen_too_early.pk.hex] == "aged 9; last seen 2025-03-02, not alone"
