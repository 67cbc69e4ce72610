"""Importing this package registers every measure (see ``registry``)."""

from safeguard.performance.measures import (  # noqa: F401
    awaiting,
    awaiting_self_evaluation,
    care,
    casework,
    common,
    education,  # children out of school: OBA1-09, OBA2-13 (issue 8)
    exploitation,  # CAROLE: OBA1-06, OBA1-07, SE-EXP-01..03 (issue 8)
    fostering,  # fostering (issue 8)
    front_door,
    lado,  # LADO (issue 8)
    missing,
    protection,
    workforce,
)
