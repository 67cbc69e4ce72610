"""Helpers for the protection page tests: posting GOV.UK dates and checking error pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse


def date_parts(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"protection:{name}", kwargs=kwargs)


def assert_error_summary(response: Any, message: str, anchor: str) -> None:
    """The page is re-shown (200) with the GOV.UK error summary linking to the field."""
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html, message
    assert f'href="#{anchor}"' in html, anchor
    assert "<title>Error:" in html


def assert_stale(response: Any, kept: str) -> None:
    """A stale edit is refused with a clear message and the user's input kept."""
    assert response.status_code == 200
    html = response.content.decode()
    assert "changed by someone else" in html
    assert kept in html


def bump(record: Any) -> None:
    """Someone else saves the record (its version moves on)."""
    record.refresh_from_db()
    record.save()
