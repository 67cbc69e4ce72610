"""Stable ids for reference rows that migrations seed (themes, factors, agencies).

A seeded row's id is derived from its model and natural key, so every database built from
the same migrations holds the same ids: generated records that point at reference rows
hash the same in the determinism test (``synth.canonical``), and a row a test flush
removes comes back with the id it had.
"""

from __future__ import annotations

import uuid

_NAMESPACE = uuid.UUID("5f0b8a64-2c1e-4c53-9d1b-7d3f4b2a9e10")


def reference_id(model_label: str, key: str) -> uuid.UUID:
    """The id of the reference row ``key`` of ``model_label`` (e.g. "quality.PracticeTheme")."""
    return uuid.uuid5(_NAMESPACE, f"{model_label}:{key}")
