"""A placement move the SSDA903 can see (rule 435): the new placement differs from the
old in type, provider, postcode or URN. At scale 4.0 (seed 1) two semi-independent
placements once met on all four."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from safeguard.synth.journeys.care_plan import Planner


@given(seed=st.integers(0, 10_000), kind=st.sampled_from(["H5", "U1", "U4", "K2", "A6"]))
def test_a_move_changes_what_the_return_shows(seed, kind):
    # Two postcodes and one surname make collisions common; every move must still differ.
    planner = Planner(np.random.default_rng(seed), "001", ["E2 3NL", "W7H 9GY"], ["Shah"])
    current = planner.placement(kind, 16)
    moved = planner.moved_to(current, kind, 16)
    assert (moved.kind, moved.provider, moved.postcode, moved.urn) != (
        current.kind,
        current.provider,
        current.postcode,
        current.urn,
    )
