"""awaiting measures (being written)."""
