"""Building unregistered placements for the tests: a child placed, then on the register."""

from __future__ import annotations

import datetime as dt
from typing import Any

from safeguard.care.models_unregistered import (
    Judgement,
    NoRegisteredPlaceReason,
    PrivateConversation,
    UnregisteredSetting,
)
from safeguard.care.services import start_looked_after_episode
from safeguard.care.services_unregistered import (
    record_independent_visit,
    record_unregistered_placement,
)
from safeguard.care.tests.helpers import childrens_home

ADDRESS = "Flat 2, 14 Harbour View\nWeymouth\nDT4 8AA"
DIRECTOR = "Jo Pemberton"


def unregistered_home(**overrides: Any) -> Any:
    values: dict[str, Any] = {
        "urn": "",
        "is_registered": False,
        "carer_name": "Harbour View",
        "provider_name": "Coastline Care Staffing Ltd",
        "postcode": "DT4 8AA",
    }
    values.update(overrides)
    return childrens_home(**values)


def placed_unregistered(child: Any, started_on: dt.date, **overrides: Any) -> Any:
    """Start a period of care in an unregistered home; return the episode."""
    return start_looked_after_episode(
        child=child,
        started_on=started_on,
        legal_status="C2",
        placement=unregistered_home(**overrides),
        category_of_need="N1",
    )


def on_register(episode: Any, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "episode": episode,
        "address": ADDRESS,
        "provider": "Coastline Care Staffing Ltd",
        "setting": UnregisteredSetting.RENTED,
        "reason": NoRegisteredPlaceReason.NO_VACANCY,
        "reason_detail": "Eleven registered homes approached; none could meet the needs.",
        "approved_on": episode.started_on,
        "approved_by": DIRECTOR,
    }
    values.update(overrides)
    return record_unregistered_placement(**values)


def visit(placement: Any, visited_on: dt.date, visitor: Any, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "placement": placement,
        "visited_on": visited_on,
        "visitor": visitor,
        "child_spoken_to": PrivateConversation.SPOKEN,
        "staff_spoken_to": PrivateConversation.SPOKEN,
        "physical_condition": Judgement.GOOD,
        "daily_log_checked": True,
        "complaints_checked": True,
        "sanctions_checked": True,
        "restraint_checked": True,
        "standard_of_care": Judgement.ADEQUATE,
        "opinion": "Staff know the young person well; the home is clean and warm.",
    }
    values.update(overrides)
    return record_independent_visit(**values)
