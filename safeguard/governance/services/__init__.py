"""Writes of the governance app, one function per business action (see each module)."""

from safeguard.governance.services.family import conference_family_copy_pdf
from safeguard.governance.services.retention import (
    approve_destruction,
    propose_destruction,
    reject_destruction,
    update_rule,
)
from safeguard.governance.services.sharing import (
    create_agreement,
    end_agreement,
    lift_withheld,
    mark_withheld,
    record_disclosure,
)
from safeguard.governance.services.subject_access import (
    build_package,
    create_subject_access_request,
    decide_redaction,
    due_date,
    export_subject_access,
    extend_deadline,
    refuse_request,
    release_request,
    start_review,
)

__all__ = [
    "approve_destruction",
    "build_package",
    "conference_family_copy_pdf",
    "create_agreement",
    "create_subject_access_request",
    "decide_redaction",
    "due_date",
    "end_agreement",
    "export_subject_access",
    "extend_deadline",
    "lift_withheld",
    "mark_withheld",
    "propose_destruction",
    "record_disclosure",
    "refuse_request",
    "reject_destruction",
    "release_request",
    "start_review",
    "update_rule",
]
