"""The partnership's records, one module per process: ``lado`` (allegations against
people who work with children), ``reviews`` (serious incidents and practice reviews),
``child_deaths`` (CDOP), ``training`` and ``dataset`` (the partnership dataset)."""

from safeguard.partnership.models.child_deaths import *  # noqa: F403
from safeguard.partnership.models.dataset import *  # noqa: F403
from safeguard.partnership.models.lado import (
    DBS_OUTCOMES,
    OUTCOME_MEANINGS,
    Allegation,
    AllegationChild,
    AllegationMeeting,
    Category,
    ContactOutcome,
    MeetingKind,
    Outcome,
    SourceAgency,
    Stage,
    SubjectRole,
)
from safeguard.partnership.models.reviews import *  # noqa: F403
from safeguard.partnership.models.training import *  # noqa: F403

__all__ = [
    "DBS_OUTCOMES",
    "OUTCOME_MEANINGS",
    "Allegation",
    "AllegationChild",
    "AllegationMeeting",
    "Category",
    "ContactOutcome",
    "MeetingKind",
    "Outcome",
    "SourceAgency",
    "Stage",
    "SubjectRole",
]
