"""Every work queue, in the order pages list them."""

from __future__ import annotations

from safeguard.worklists.builders import fostering, frontdoor, lado, unregistered
from safeguard.worklists.queues.base import Queue

QUEUES: tuple[Queue, ...] = (
    Queue(
        slug="front-door",
        title="Front door: PPNs and HRDA Plus",
        capability="make_mash_decision",
        url_name="worklists:queue_front_door",
        intro="Police PPNs waiting for their consultation outcome, and HRDA cases whose "
        "risk has not reduced, due at the monthly HRDA Plus meeting.",
        read=frontdoor.front_door,
    ),
    Queue(
        slug="lado",
        title="LADO: allegations to resolve",
        capability="manage_lado_cases",
        url_name="worklists:queue_lado",
        intro="Open allegations against people who work with children, until the contact "
        "is closed or the referral's outcome is recorded.",
        read=lado.allegations,
    ),
    Queue(
        slug="fostering",
        title="Fostering: carer reviews",
        capability="manage_fostering",
        url_name="worklists:queue_fostering",
        intro="Approved foster carer households due their yearly review.",
        read=fostering.carer_reviews,
    ),
    Queue(
        slug="unregistered",
        title="Unregistered placements: approvals and visits",
        capability="view_unregistered_placements",
        url_name="worklists:queue_unregistered",
        intro="Placements on the register without the Corporate Director's approval, and "
        "each placement's monthly independent visit.",
        read=unregistered.placements,
    ),
)
