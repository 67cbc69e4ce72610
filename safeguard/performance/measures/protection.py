"""Child protection measures: the OBA ones, every table of the annual child protection
report (measures.md §2) and the CP parts of outcomes (§3) and self-evaluation (§4).

Split by concept; importing this module registers them all.
"""

from safeguard.performance.measures import (  # noqa: F401
    protection_common,
    protection_conferences,
    protection_oba,
    protection_plans,
    protection_profile,
    protection_visits,
)
