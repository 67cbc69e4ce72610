"""Helpers for the care and missing-episode page tests: form data, saved and refused pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from safeguard.care.services import start_looked_after_episode
from safeguard.care.tests.helpers import foster
from safeguard.core import clock

TODAY = clock.today()
CARE_FROM = TODAY - dt.timedelta(days=40)


def date(name: str, day: dt.date) -> dict[str, str]:
    """The three boxes of a GOV.UK date input."""
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def url(name: str, child: Any) -> str:
    return reverse(name, kwargs={"child_id": child.pk})


def record_url(child: Any) -> str:
    return reverse("people:child_record", kwargs={"child_id": child.pk})


def in_care(child: Any, started_on: dt.date = CARE_FROM) -> Any:
    return start_looked_after_episode(
        child=child,
        started_on=started_on,
        legal_status="C2",
        placement=foster(),
        category_of_need="N1",
    )


def assert_error_summary(response: Any, field_anchor: str, message: str) -> None:
    """Re-rendered (200) with the GOV.UK error summary linking the message to its field."""
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert f'href="#{field_anchor}">{message}' in html, html[html.find("error-summary") :][:2000]
    assert "<title>Error: " in html


def assert_saved(client: Any, response: Any, child: Any, message: str) -> None:
    assert response.status_code == 302
    assert response["Location"] == record_url(child)
    page = client.get(response["Location"])
    assert message in page.content.decode()
