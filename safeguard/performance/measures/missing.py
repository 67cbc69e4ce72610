"""missing measures (being written)."""
