"""Weighted draws shared by the journey generators."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import numpy as np

T = TypeVar("T")


def weighted(rng: np.random.Generator, pairs: Sequence[tuple[T, float]]) -> T:
    """One value from (value, weight) pairs; weights need not sum to 1.

    A single uniform draw per call, so adding a value to a table does not shift the other
    draws of the stream more than one would.
    """
    total = sum(w for _, w in pairs)
    x = float(rng.random()) * total
    for value, weight in pairs:
        x -= weight
        if x < 0:
            return value
    return pairs[-1][0]
