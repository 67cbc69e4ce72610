"""Forms of the audit pages: the access-report search and the date range filter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms


class ReportSearchForm(forms.Form):
    q = forms.CharField(
        label="Username, name or LA child identifier",
        max_length=150,
        error_messages={"required": "Enter a username, a name or a child's LA identifier"},
    )


class DateRangeForm(forms.Form):
    """From and to as GOV.UK date inputs (day, month, year); both optional.

    After ``is_valid()``, ``start`` and ``end`` are the dates (None when left blank).
    """

    from_day = forms.CharField(required=False, max_length=2)
    from_month = forms.CharField(required=False, max_length=2)
    from_year = forms.CharField(required=False, max_length=4)
    to_day = forms.CharField(required=False, max_length=2)
    to_month = forms.CharField(required=False, max_length=2)
    to_year = forms.CharField(required=False, max_length=4)

    start: dt.date | None = None
    end: dt.date | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.start = self._date(cleaned, "from", "start date")
        self.end = self._date(cleaned, "to", "end date")
        if self.start and self.end and self.end < self.start:
            self.add_error("to_day", "The end date must be the same as or after the start date")
        return cleaned

    def _date(self, cleaned: dict[str, Any], prefix: str, name: str) -> dt.date | None:
        parts = [str(cleaned.get(f"{prefix}_{part}") or "").strip() for part in PARTS]
        if not any(parts):
            return None
        missing = [part for part, text in zip(PARTS, parts, strict=True) if not text]
        if missing:
            self.add_error(f"{prefix}_day", f"The {name} must include a {' and '.join(missing)}")
            return None
        try:
            day, month, year = (int(text) for text in parts)
            if year < 1000:
                raise ValueError("two-digit year")
            return dt.date(year, month, day)
        except ValueError:
            self.add_error(
                f"{prefix}_day", f"The {name} must be a real date, for example 27 3 2024"
            )
            return None

    def query(self) -> str:
        """The filter as a query string (for pagination and download links)."""
        from django.utils.http import urlencode

        values = {name: self.data.get(name, "") for name in self.fields}
        return urlencode({k: v for k, v in values.items() if v})


PARTS = ("day", "month", "year")
