"""Importing this package registers every measure (see ``registry``)."""

from safeguard.performance.measures import (  # noqa: F401
    awaiting,
    awaiting_self_evaluation,
    care,
    casework,
    common,
    exploitation,  # CAROLE: OBA1-06, OBA1-07 (issue 8)
    fostering,  # fostering (issue 8)
    front_door,
    lado,  # LADO (issue 8)
    missing,
    protection,
    workforce,
)
