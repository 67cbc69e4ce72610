"""casework measures (being written)."""
