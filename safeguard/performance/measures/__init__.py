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
    partnership_child_deaths,  # CDOP (issue 9)
    partnership_dataset,  # OBA3-06 partner survey (issue 9)
    partnership_reviews,  # practice reviews (issue 9)
    partnership_training,  # multi-agency training (issue 9)
    protection,
    quality_audits,  # OBA1-15, OBA3-02/03/04 (issue 9)
    quality_complaints,  # OBA2-18/19, SE-CMP-01 (issue 9)
    quality_supervision,  # OBA2-03/04, OBA2-07/08 (issue 9)
    workforce,
)
