"""Information governance records: the sharing log, subject access, retention.

Split by subject so each module stays small; import from here.
"""

from safeguard.governance.models.retention import (
    DestructionItem,
    DestructionRequest,
    DestructionStatus,
    RetentionAction,
    RetentionRule,
)
from safeguard.governance.models.sharing import (
    ConsentStatus,
    Disclosure,
    LegalBasis,
    RecipientKind,
    SharingAgreement,
    WithheldItem,
    WithholdReason,
)
from safeguard.governance.models.subject_access import (
    RedactionDecision,
    RedactionItem,
    RequesterRelationship,
    SubjectAccessRequest,
    SubjectAccessStatus,
)

__all__ = [
    "ConsentStatus",
    "DestructionItem",
    "DestructionRequest",
    "DestructionStatus",
    "Disclosure",
    "LegalBasis",
    "RecipientKind",
    "RedactionDecision",
    "RedactionItem",
    "RequesterRelationship",
    "RetentionAction",
    "RetentionRule",
    "SharingAgreement",
    "SubjectAccessRequest",
    "SubjectAccessStatus",
    "WithheldItem",
    "WithholdReason",
]
