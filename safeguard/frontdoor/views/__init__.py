"""The front door's pages: the MASH queue, contacts, triage, partner checks and decisions."""

from safeguard.frontdoor.views.contacts import contact, record_contact
from safeguard.frontdoor.views.mash import (
    decide_contact,
    record_partner_check,
    request_partner_check,
    triage_contact,
)
from safeguard.frontdoor.views.queue import mash_queue
from safeguard.frontdoor.views.screening import add_child, close_contact, record_feedback

__all__ = [
    "add_child",
    "close_contact",
    "contact",
    "decide_contact",
    "mash_queue",
    "record_contact",
    "record_feedback",
    "record_partner_check",
    "request_partner_check",
    "triage_contact",
]
