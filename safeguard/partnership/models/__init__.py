"""The partnership's records, one module per process (``lado``: allegations against
people who work with children)."""

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
