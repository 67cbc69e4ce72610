"""Writes of the partnership's processes, one module per process (``lado``)."""
