"""One reporting run's view of the records: frames read once, figures computed once."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import TypeVar, cast

import polars as pl

from safeguard.core import calendar
from safeguard.performance import registry
from safeguard.performance.frames import FRAMES
from safeguard.performance.periods import Period
from safeguard.performance.registry import Figure

FIRST_DAY = dt.date(2000, 1, 1)
T = TypeVar("T")
HISTORY_YEARS = 1


class Data:
    """Frames and computed figures for one run (a page, an export, a CLI call).

    Measures ask for frames by name; each is read from the database the first time it
    is asked for. ``figure`` caches by (measure, period) so a trend line and the table
    beside it never compute the same figure twice.
    """

    def __init__(
        self, *, since: dt.date | None = None, progress: Callable[[str], None] | None = None
    ) -> None:
        #: The first day any figure in this run looks at; frames skip older records.
        self.since = since
        self._frames: dict[str, pl.DataFrame] = {}
        self._figures: dict[tuple[str, Period], Figure] = {}
        self._derived: dict[str, object] = {}
        self._progress = progress

    def frame(self, name: str) -> pl.DataFrame:
        if name not in self._frames:
            try:
                reader = FRAMES[name]
            except KeyError:
                raise KeyError(f"No frame called {name!r} is registered.") from None
            if self._progress:
                self._progress(f"Reading {name.replace('_', ' ')}")
            self._frames[name] = reader(self.since)
        return self._frames[name]

    @classmethod
    def for_periods(cls, periods: list[Period], **kwargs: object) -> Data:
        """A run covering ``periods``, reading history back to ``HISTORY_YEARS`` before the
        earliest (re-referrals and rolling-year measures look back 12 months; plan and
        care histories, which repeat-plan and stability measures need whole, are never
        windowed)."""
        earliest = min(p.start for p in periods)
        since = calendar.add_months(earliest, -12 * HISTORY_YEARS)
        return cls(since=since, **kwargs)  # type: ignore[arg-type]

    def figure(self, measure_id: str, period: Period) -> Figure:
        key = (measure_id, period)
        if key not in self._figures:
            measure = registry.get(measure_id)
            if measure.compute is None:
                self._figures[key] = Figure(None, note=measure.awaiting)
            else:
                self._figures[key] = measure.compute(self, period)
        return self._figures[key]

    def derived(self, key: str, build: Callable[[Data], T]) -> T:
        """A frame (or value) derived from frames, built once per run: a 12-month trend
        asks for the same enriched frame thirteen times and only filters it differently."""
        if key not in self._derived:
            self._derived[key] = build(self)
        return cast(T, self._derived[key])

    def population(self, year: int) -> int | None:
        """Children aged 0-17 in the mid-year estimate for ``year`` (nearest earlier year
        when that year's estimate is not loaded yet, as ONS publishes a year late)."""
        frame = self.frame("population").filter(pl.col("age") <= 17)
        if frame.is_empty():
            return None
        years = frame.filter(pl.col("year") <= year)["year"]
        chosen = years.max() if years.len() else frame["year"].min()
        total = frame.filter(pl.col("year") == chosen)["count"].sum()
        return int(total) or None

    # -- working days, vectorised ---------------------------------------------------------
    def working_days_between(self, start: pl.Expr, end: pl.Expr) -> pl.Expr:
        """Days after ``start`` up to and including ``end``, skipping weekends and bank
        holidays (the DfE convention; see measures.md)."""
        return pl.business_day_count(
            start + pl.duration(days=1), end + pl.duration(days=1), holidays=self.holidays
        )

    @property
    def holidays(self) -> list[dt.date]:
        if not hasattr(self, "_holidays"):
            last = dt.date(dt.date.today().year + 2, 12, 31)
            self._holidays = [d for d, _ in calendar.bank_holidays_between(FIRST_DAY, last)]
        return self._holidays


def per_run(build: Callable[[Data], T]) -> Callable[[Data], T]:
    """Build a period-independent frame once per run: measures call it for each of the
    thirteen months of a trend and only filter the result differently."""
    key = f"{build.__module__}.{build.__qualname__}"

    @functools.wraps(build)
    def once(data: Data) -> T:
        return data.derived(key, build)

    return once
