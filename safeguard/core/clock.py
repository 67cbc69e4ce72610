"""The product's idea of 'today', in England.

One place so that rules like "not in the future" use the local date, not UTC, and so the
generator can write history as if it were a given day.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()


def now() -> dt.datetime:
    return timezone.now()
