"""Family-facing documents handed out: produced on request and audited as downloads."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from safeguard.governance.selectors.conference import family_copy
from safeguard.governance.services.common import audit, require


def conference_family_copy_pdf(*, conference: Any, downloaded_by: Any) -> tuple[str, bytes]:
    """The family copy of a conference record as (file name, PDF), withheld items left
    out; refused when the whole record is withheld. Audited as a download."""
    from safeguard.governance import documents

    require(downloaded_by, "record_disclosure", "You may not produce family copies.")
    copy = family_copy(conference)
    if copy.withheld_entirely:
        raise ValidationError("This conference record is withheld from the family.")
    pdf = documents.family_copy_pdf(copy)
    audit(
        action="download",
        user=downloaded_by,
        obj=conference,
        child=conference.child,
        row_count=len(copy.records),
        summary="Family copy of a conference record (PDF)",
    )
    when = conference.held_on or conference.scheduled_for
    return f"conference-{when:%Y%m%d}-family-copy.pdf", pdf
