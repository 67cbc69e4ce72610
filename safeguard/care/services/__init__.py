"""Writes for children in care, adoption and care leavers, one concept per module.

Every service is one transaction, takes keyword-only arguments, checks its invariants
before writing anything and raises ``ValidationError`` keyed by the field at fault, naming
the rule (the SSDA903 validation rule where there is one) and the values.

Episodes follow the SSDA903: a period of care starts with RNE S; any change of placement
or legal status closes the current episode with REC X1 and opens the next the same day
(RNE P, T, B, U or L); the period ends with any other REC. Missing-episode rules that
need exploitation's records run through ``safeguard.care.hooks``.

The modules: ``periods`` (starting and ending a period of care), ``episodes`` (changes of
placement or legal status), ``episode_checks`` (the checks every new episode passes, and
``Placement``), ``reviews``, ``health``, ``education``, ``care_leavers``, ``adoption``,
``permanence`` (previous permanence), ``visits`` (the check registered with cin) and
``common`` (what they share). Every public name is importable from here.
"""

from safeguard.care.services.adoption import (
    end_adoption_placement,
    place_for_adoption,
    record_adoption_decision,
    record_adoption_match,
    reverse_adoption_decision,
)
from safeguard.care.services.care_leavers import (
    record_care_leaver_contact,
    record_pathway_plan_review,
)
from safeguard.care.services.education import record_pep
from safeguard.care.services.episode_checks import (
    ADOPTION_ACT_2002,
    MAX_DISTANCE,
    NEED_CODES,
    PLACEMENT_MIN_AGE,
    PROVIDER_EXCLUDES,
    YOUTH_JUSTICE_LEGAL_STATUSES,
    Placement,
)
from safeguard.care.services.episodes import RNE_FOR_CHANGE, change_legal_status, change_placement
from safeguard.care.services.health import record_health_assessment, record_outcomes
from safeguard.care.services.periods import (
    CHILDREN_ACT_1989,
    END_REASON_AGES,
    SGO_TO_FOSTER_CARERS,
    end_looked_after_period,
    start_looked_after_episode,
)
from safeguard.care.services.permanence import record_previous_permanence
from safeguard.care.services.reviews import IRO_ROLES, record_looked_after_review
from safeguard.care.services.visits import check_visit_for_child_in_care

__all__ = [
    "ADOPTION_ACT_2002",
    "CHILDREN_ACT_1989",
    "END_REASON_AGES",
    "IRO_ROLES",
    "MAX_DISTANCE",
    "NEED_CODES",
    "PLACEMENT_MIN_AGE",
    "PROVIDER_EXCLUDES",
    "RNE_FOR_CHANGE",
    "SGO_TO_FOSTER_CARERS",
    "YOUTH_JUSTICE_LEGAL_STATUSES",
    "Placement",
    "change_legal_status",
    "change_placement",
    "check_visit_for_child_in_care",
    "end_adoption_placement",
    "end_looked_after_period",
    "place_for_adoption",
    "record_adoption_decision",
    "record_adoption_match",
    "record_care_leaver_contact",
    "record_health_assessment",
    "record_looked_after_review",
    "record_outcomes",
    "record_pathway_plan_review",
    "record_pep",
    "record_previous_permanence",
    "reverse_adoption_decision",
    "start_looked_after_episode",
]
