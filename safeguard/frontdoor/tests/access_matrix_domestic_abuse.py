"""Authorization matrix cases for the domestic abuse pages (PPNs, HRDA, the report).

The lists need ``make_mash_decision``; a PPN's and an HRDA case's pages open by its
children's rules, so only the MASH officer (who may open ``child_mash``) reaches them.
The report is counts only, for ``view_performance`` holders; partners see none of it.
Imported by ``access_matrix`` (the file the matrix test collects).
"""

from __future__ import annotations

from typing import Any

from safeguard.access.testing.matrix import Case, holders
from safeguard.core import clock


def _ppn(w: Any) -> Any:
    from safeguard.frontdoor import services

    return services.record_contact(
        received_at=clock.now(),
        source="6",
        channel="police_ppn",
        ppn_rating="red",
        concerns="Police attended a domestic incident; the child was present.",
        children=[w.child_mash],
        consent_asked=False,
        consent_given=False,
    )


def _ppn_id(w: Any) -> dict[str, Any]:
    return {"contact_id": _ppn(w).pk}


def _listing_id(w: Any) -> dict[str, Any]:
    from safeguard.frontdoor import services_domestic_abuse as services
    from safeguard.frontdoor.models_domestic_abuse import HrdaListing

    contact = _ppn(w)
    services.record_ppn_consultation(
        contact=contact,
        consulted_at=clock.now(),
        consulted_by=w.workers["mash_officer"],
        outcome="hrda",
    )
    return {"listing_id": HrdaListing.objects.get(case__contact=contact).pk}


MASH = {"mash_officer"}
TRIAGE = holders("make_mash_decision")
REPORT = holders("view_performance")

CASES = [
    Case(url_name="frontdoor:ppn_list", allowed=TRIAGE),
    Case(url_name="frontdoor:hrda_meeting", allowed=TRIAGE),
    Case(url_name="frontdoor:hrda_meeting", allowed=TRIAGE, query="kind=plus", note="(plus)"),
    Case(url_name="frontdoor:domestic_abuse_report", allowed=REPORT),
    Case(url_name="frontdoor:domestic_abuse_report_csv", allowed=REPORT),
    Case(url_name="frontdoor:domestic_abuse_report_pdf", allowed=REPORT),
]
for _name, _kwargs in (
    ("consult_ppn", _ppn_id),
    ("add_hrda_action", _listing_id),
    ("review_hrda_risk", _listing_id),
):
    CASES.append(Case(url_name=f"frontdoor:{_name}", kwargs=_kwargs, allowed=MASH))
    CASES.append(
        Case(
            url_name=f"frontdoor:{_name}",
            kwargs=_kwargs,
            allowed=MASH,
            method="post",
            note="(empty form: errors)",
        )
    )
