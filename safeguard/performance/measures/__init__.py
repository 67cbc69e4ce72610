"""Importing this package registers every measure (see ``registry``)."""

from safeguard.performance.measures import (  # noqa: F401
    awaiting,
    awaiting_self_evaluation,
    care,
    casework,
    common,
    front_door,
    missing,
    protection,
    workforce,
)
