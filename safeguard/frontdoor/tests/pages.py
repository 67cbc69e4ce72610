"""Helpers for the front door's page tests: the access world, signed-in clients, posts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import make_child
from safeguard.core import clock
from safeguard.frontdoor import services


def client_for(world: Any, role: str) -> Client:
    return sign_in(Client(), world.users[role])


def moment(name: str, when: dt.datetime) -> dict[str, str]:
    """Form data for a date-and-time pair (``name`` date parts and ``name_time``)."""
    local = timezone.localtime(when)
    return {
        f"{name}_0": str(local.day),
        f"{name}_1": str(local.month),
        f"{name}_2": str(local.year),
        f"{name}_time": f"{local:%H:%M}",
    }


def new_contact(*, hours_ago: float = 1, children: list[Any] | None = None, **extra: Any) -> Any:
    """A contact awaiting screening (so its children are on the MASH queue)."""
    values: dict[str, Any] = {
        "received_at": clock.now() - dt.timedelta(hours=hours_ago),
        "source": "2A",
        "channel": "professional_line",
        "concerns": "Child said they were hit at home.",
        "children": children or [make_child()],
        "consent_asked": True,
        "consent_given": True,
    }
    values.update(extra)
    return services.record_contact(**values)


def triaged(world: Any, *, priority: str = "amber", hours_ago: float = 1, **extra: Any) -> Any:
    contact = new_contact(hours_ago=hours_ago, **extra)
    return services.start_mash_triage(
        contact=contact,
        started_at=contact.received_at + dt.timedelta(minutes=5),
        started_by=world.workers["mash_officer"],
        priority=priority,
    )


def error_summary(response: Any) -> str:
    """The GOV.UK error summary's HTML (fails when the page has none)."""
    html = response.content.decode()
    start = html.index('<div class="govuk-error-summary"')
    return html[start : html.index("</ul>", start)]
