"""care measures (being written)."""
