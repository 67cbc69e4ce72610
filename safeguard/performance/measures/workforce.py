"""workforce measures (being written)."""
