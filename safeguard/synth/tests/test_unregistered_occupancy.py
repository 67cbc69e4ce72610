"""The cap on unregistered placements open at once, shared by the care planners."""

from __future__ import annotations

import datetime as dt

from safeguard.synth.journeys.care_unregistered import UnregisteredOccupancy

D = dt.date


def test_a_span_is_booked_only_while_fewer_than_the_cap_are_open_all_along():
    occupancy = UnregisteredOccupancy(cap=2)
    assert occupancy.take(D(2023, 1, 1), D(2023, 3, 1))
    assert occupancy.take(D(2023, 2, 1), D(2023, 4, 1))
    # Two open through February: a third starting then, or running into it, is refused.
    assert not occupancy.take(D(2023, 2, 10), D(2023, 2, 20))
    assert not occupancy.take(D(2022, 12, 1), D(2023, 2, 15))
    # From 1 March only one is open (ends are exclusive), so one more fits.
    assert occupancy.take(D(2023, 3, 1), D(2023, 5, 1))
    assert occupancy.open_at(D(2023, 3, 15)) == 2
    assert not occupancy.take(D(2023, 3, 20), D(2023, 3, 25))
    assert occupancy.take(D(2023, 5, 1), D(2023, 6, 1))
    assert occupancy.open_at(D(2023, 5, 1)) == 1
