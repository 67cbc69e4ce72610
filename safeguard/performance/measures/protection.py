"""protection measures (being written)."""
