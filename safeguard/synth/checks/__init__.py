"""Domain rules for the invariant checker, one module per app (importing registers them)."""
