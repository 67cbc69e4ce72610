"""Errors the core raises for the rest of the product to handle."""

from __future__ import annotations


class StaleRecordError(Exception):
    """A save was attempted against a version someone else has already replaced.

    Nothing is written; the user keeps their input and is told to reload.
    """

    def __init__(self, *, model_label: str, pk: object, expected: int, current: int | None):
        self.model_label = model_label
        self.pk = pk
        self.expected = expected
        self.current = current
        if current is None:
            detail = "it has since been deleted"
        else:
            detail = f"it is now at version {current}, you were editing version {expected}"
        super().__init__(
            f"This {model_label} was changed by someone else while you were editing it "
            f"({detail}). Nothing was saved: reload the record to see their changes."
        )
