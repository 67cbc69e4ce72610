"""Authorization matrix cases for the front door's pages.

Contact pages open by the children's access rules: in the world only the MASH officer
may open ``child_mash`` (on the MASH queue), so only they reach its contact's pages;
the team manager holds ``make_mash_decision`` but none of the MASH queue's children.
"""

from __future__ import annotations

from typing import Any

from safeguard.access.testing.matrix import Case, holders
from safeguard.core import clock


def _mash_contact(w: Any) -> Any:
    from safeguard.frontdoor.models import Contact

    return Contact.objects.get(contact_children__child=w.child_mash)


def _contact_id(w: Any) -> dict[str, Any]:
    return {"contact_id": _mash_contact(w).pk}


def _untriaged_contact_id(w: Any) -> dict[str, Any]:
    """A new contact awaiting screening about a new child (on the MASH queue)."""
    from safeguard.access.testing.world import make_child
    from safeguard.frontdoor import services

    contact = services.record_contact(
        received_at=clock.now(),
        source="2A",
        channel="professional_line",
        concerns="Child said they were hit at home.",
        children=[make_child(first_name="Harper")],
        consent_asked=True,
        consent_given=True,
    )
    return {"contact_id": contact.pk}


def _check_kwargs(w: Any) -> dict[str, Any]:
    from safeguard.frontdoor import services

    contact = _mash_contact(w)
    check = services.request_partner_check(
        triage=contact.triage, agency="police", requested_at=clock.now()
    )
    return {"contact_id": contact.pk, "check_id": check.pk}


MASH = {"mash_officer"}

CASES = [
    Case(url_name="frontdoor:mash_queue", allowed=holders("make_mash_decision")),
    Case(
        url_name="frontdoor:mash_queue",
        allowed=holders("make_mash_decision"),
        query="priority=amber&overdue=on",
        note="(filtered)",
    ),
    Case(url_name="frontdoor:record_contact", allowed=holders("record_contact")),
    Case(
        url_name="frontdoor:record_contact",
        allowed=holders("record_contact"),
        method="post",
        note="(empty form: errors)",
    ),
    Case(url_name="frontdoor:contact", kwargs=_contact_id, allowed=MASH),
    Case(url_name="frontdoor:triage_contact", kwargs=_untriaged_contact_id, allowed=MASH),
    Case(
        url_name="frontdoor:triage_contact",
        kwargs=_untriaged_contact_id,
        allowed=MASH,
        method="post",
        note="(empty form: errors)",
    ),
    Case(url_name="frontdoor:request_partner_check", kwargs=_contact_id, allowed=MASH),
    Case(
        url_name="frontdoor:request_partner_check",
        kwargs=_contact_id,
        allowed=MASH,
        method="post",
        note="(empty form: errors)",
    ),
    Case(url_name="frontdoor:record_partner_check", kwargs=_check_kwargs, allowed=MASH),
    Case(
        url_name="frontdoor:record_partner_check",
        kwargs=_check_kwargs,
        allowed=MASH,
        method="post",
        note="(empty form: errors)",
    ),
    Case(url_name="frontdoor:decide_contact", kwargs=_contact_id, allowed=MASH),
    Case(
        url_name="frontdoor:decide_contact",
        kwargs=_contact_id,
        allowed=MASH,
        method="post",
        note="(empty form: errors)",
    ),
]


def _decision_kwargs(w: Any) -> dict[str, Any]:
    from safeguard.frontdoor import services

    contact = _mash_contact(w)
    decision = services.record_mash_decision(
        triage=contact.triage,
        child=w.child_mash,
        outcome="nfa",
        reasons="No concerns after checks.",
        decided_at=clock.now(),
        decided_by=w.workers["mash_officer"],
    )
    return {"contact_id": contact.pk, "decision_id": decision.pk}


for _name, _kwargs in (
    ("close_contact", _untriaged_contact_id),
    ("add_child", _contact_id),
    ("record_feedback", _decision_kwargs),
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

# The domestic abuse pages declare their cases in their own module.
from safeguard.frontdoor.tests.access_matrix_domestic_abuse import (  # noqa: E402
    CASES as _DOMESTIC_ABUSE,
)

CASES.extend(_DOMESTIC_ABUSE)
