"""Sharing fixtures for access tests, through the governance app's own services."""

from __future__ import annotations

import datetime as dt
from typing import Any


def share_with_agency(*, child: Any, agency: str, by: Any) -> bool:
    """Put ``child`` in scope for ``agency``: an agreement in force (made if there is none)
    and a disclosure under it today, both recorded by ``by`` through the services."""
    from safeguard.access.roles import Agency
    from safeguard.core import clock
    from safeguard.governance import services
    from safeguard.governance.models import ConsentStatus, LegalBasis, RecipientKind
    from safeguard.governance.selectors import agreements_in_force

    today = clock.today()
    agreement = agreements_in_force(today).filter(agency=agency).first()
    if agreement is None:
        agreement = services.create_agreement(
            agency=agency,
            title=f"{dict(Agency.CHOICES)[agency]} and children's social care: safeguarding",
            purpose="Sharing information to safeguard children at risk of significant harm.",
            legal_basis=LegalBasis.PUBLIC_TASK_SAFEGUARDING,
            starts_on=today - dt.timedelta(days=365),
            signed_by="Director of Children's Services; the agency's Caldicott Guardian",
            recorded_by=by,
        )
    services.record_disclosure(
        child=child,
        recipient_kind=RecipientKind.PARTNER_AGENCY,
        agency=agency,
        agreement=agreement,
        recipient_name="Duty safeguarding officer",
        description="Summary of the concerns and the plan for the strategy discussion.",
        purpose="Joint planning of section 47 enquiries.",
        legal_basis=LegalBasis.CHILDREN_ACT_S47,
        consent_status=ConsentStatus.NOT_SOUGHT,
        consent_note="Seeking consent could place the child at increased risk.",
        disclosed_on=today,
        disclosed_by=by,
    )
    return True
