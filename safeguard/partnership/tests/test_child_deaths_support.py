"""Helpers the child death tests share (no tests here): a notification through the
service with defaults, and a death taken to the end of the panel's review."""

from __future__ import annotations

import datetime as dt
from typing import Any

from safeguard.partnership.models import ChildDeath, ModifiableFactor
from safeguard.partnership.services import child_deaths as services
from safeguard.partnership.services.child_deaths_checks import ensure_standard_factors

D = dt.date


def notify(**overrides: Any) -> ChildDeath:
    values: dict[str, Any] = {
        "first_name": "Alex",
        "last_name": "Example",
        "date_of_birth": D(2020, 3, 1),
        "date_of_death": D(2020, 3, 10),
        "sex": "1",
        "ethnicity": "WBRI",
        "resident_area": "ours",
        "notified_on": D(2020, 4, 6),
        "notified_by": "hospital",
        "place_of_death": "neonatal_unit",
        "expectation": "expected",
        "known_to_social_care": False,
    }
    values.update(overrides)
    return services.notify_death(**values)


def factor(code: str) -> ModifiableFactor:
    ensure_standard_factors()
    return ModifiableFactor.objects.get(code=code)


def reviewed(
    death: ChildDeath,
    *,
    on: dt.date,
    category: str = "8",
    factors: tuple[str, ...] = (),
) -> ChildDeath:
    """Review meeting a week before ``on``, then the panel's review on ``on``."""
    if death.unexpected and death.jar_started_on is None:
        services.record_joint_agency_response(
            death=death, started_on=death.date_of_death, lead="Dr Paediatrician"
        )
    services.record_review_meeting(death=death, meeting_on=on - dt.timedelta(days=7), held=True)
    return services.record_panel_review(
        death=death,
        reviewed_on=on,
        category=category,
        modifiable=bool(factors),
        factors=[factor(c) for c in factors],
        learning="Safer sleep messages." if factors else "",
    )
