"""The shapes of the timescale registry: rules as frozen data, and the due dates they give."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils import timezone


class Kind(StrEnum):
    """How a rule counts from its start event."""

    WORKING_DAYS = "working_days"
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    HOURS = "hours"
    SCHOOL_DAYS = "school_days"
    # Due in the calendar week (Monday to Sunday) holding start + amount weeks.
    WEEK_WINDOW = "week_window"
    # Due by the last school day of the amount-th term after the start's term.
    TERMS = "terms"
    # Due inside a window around the next birthday (care leavers' "in touch" window).
    BIRTHDAY_WINDOW = "birthday_window"


# Units a local override may switch a simple rule between (the others need context).
SWITCHABLE_KINDS = frozenset({Kind.WORKING_DAYS, Kind.DAYS, Kind.WEEKS, Kind.MONTHS})

_SINGULAR = {
    Kind.WORKING_DAYS: "working day",
    Kind.DAYS: "day",
    Kind.WEEKS: "week",
    Kind.MONTHS: "month",
    Kind.HOURS: "hour",
    Kind.SCHOOL_DAYS: "school day",
    Kind.WEEK_WINDOW: "week",
    Kind.TERMS: "term",
    Kind.BIRTHDAY_WINDOW: "year",
}


@dataclass(frozen=True)
class Step:
    """One counting rule: ``amount`` units of ``kind`` after (or before) the start event."""

    kind: Kind
    amount: int
    # Counted back from the start event: the due date is the latest acceptable date.
    before: bool = False
    # "Days" rules: a due date on a non-working day moves to the next working day.
    roll_forward: bool = False
    # BIRTHDAY_WINDOW only: the window around each birthday, and the birthdays covered.
    months_before: int = 0
    months_after: int = 0
    first_age: int = 0
    last_age: int = 0

    def describe(self, *, brief: bool = False) -> str:
        """Plain English, e.g. ``15 working days`` or ``at least 5 working days before``.

        ``brief`` leaves out the qualifiers, for "X instead of Y" override notes.
        """
        if self.kind is Kind.WEEK_WINDOW:
            if brief:
                return frequency_name(self.amount)
            return f"{frequency_name(self.amount)} (week window, Monday to Sunday)"
        if self.kind is Kind.TERMS:
            return (
                "termly: by the end of the next term"
                if self.amount == 1
                else (f"by the end of the term {self.amount} terms later")
            )
        if self.kind is Kind.BIRTHDAY_WINDOW:
            return (
                f"{self.months_before} months before to {self.months_after} month"
                f"{'' if self.months_after == 1 else 's'} after each birthday from the "
                f"{ordinal(self.first_age)} to the {ordinal(self.last_age)}"
            )
        text = count(self.amount, _SINGULAR[self.kind])
        if self.before:
            text = f"at least {text} before"
        if self.roll_forward and not brief:
            text += " (next working day if it falls on a non-working day)"
        return text


@dataclass(frozen=True)
class Variant:
    """One branch of a rule whose timescale depends on the child or the case."""

    name: str
    when: str
    step: Step
    # The start event for this branch when it differs from the rule's (e.g. "previous PEP").
    start_event: str | None = None


@dataclass(frozen=True)
class Timescale:
    """One row of the timescales table, as data.

    ``step`` is the rule for simple entries; entries whose timescale depends on context
    (age, risk, placement stage) list ``variants`` and name the ``chooser`` that picks one.
    ``context`` lists the keyword arguments :func:`compute_due` accepts for this rule.
    """

    key: str
    what: str
    start_event: str
    due: str
    source: str
    step: Step | None = None
    variants: tuple[Variant, ...] = ()
    chooser: str | None = None
    context: tuple[str, ...] = ()
    interpretation: str = ""
    # For window rules: does an event before the window count as on time?
    early_counts: bool = True
    # Notes added by local overrides from settings, keyed by variant name ("" = the rule).
    local_overrides: tuple[tuple[str, str], ...] = ()

    def variant(self, name: str) -> Variant:
        for variant in self.variants:
            if variant.name == name:
                return variant
        raise KeyError(
            f"Timescale {self.key!r} has no variant {name!r}; "
            f"known: {', '.join(v.name for v in self.variants)}"
        )

    def describe(self) -> str:
        """The rule in words, e.g. for ``safeguard due --list``."""
        if self.step is not None:
            return self.step.describe()
        return "; ".join(f"{v.step.describe()} ({v.when})" for v in self.variants)

    @property
    def kinds(self) -> frozenset[Kind]:
        steps = [self.step] if self.step is not None else [v.step for v in self.variants]
        return frozenset(step.kind for step in steps)


@dataclass(frozen=True)
class Due:
    """A computed deadline that can explain itself.

    ``due`` is a date, or an aware datetime for hours rules. Window rules also carry the
    window; ``due`` is then the window's last day.
    """

    key: str
    start: dt.date | dt.datetime
    due: dt.date | dt.datetime
    explanation: str
    window_start: dt.date | None = None
    window_end: dt.date | None = None
    variant: str | None = None
    overridden: bool = False
    # For window rules: False when an event before the window does not count.
    early_counts: bool = True
    skipped_holidays: tuple[tuple[dt.date, str], ...] = field(default=())

    @property
    def due_date(self) -> dt.date:
        """The due day (the local date for hours rules), for date-only comparisons."""
        if isinstance(self.due, dt.datetime):
            return timezone.localtime(self.due).date()
        return self.due

    def is_met_by(self, actual: dt.date | dt.datetime) -> bool:
        """On time: on or before the due date, or inside the window when early does not count."""
        if isinstance(self.due, dt.datetime):
            if isinstance(actual, dt.datetime):
                return as_aware(actual) <= self.due
            return actual <= self.due_date
        day = local_date(actual)
        if self.window_start is not None and not self.early_counts and day < self.window_start:
            return False
        return day <= self.due

    def isoformat(self) -> str:
        if isinstance(self.due, dt.datetime):
            return self.due.isoformat(timespec="minutes")
        return self.due.isoformat()


class TimescaleError(ValueError):
    """A timescale cannot be computed from what was given (missing or bad context)."""


class UnknownTimescaleError(KeyError):
    """No registry entry has that key; the message lists the keys that exist."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def as_aware(moment: dt.datetime) -> dt.datetime:
    """Naive timestamps are read as local (Europe/London) time."""
    if timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def local_date(moment: dt.date | dt.datetime) -> dt.date:
    if isinstance(moment, dt.datetime):
        return timezone.localtime(as_aware(moment)).date()
    return moment


FREQUENCY_NAMES = {1: "weekly", 2: "fortnightly", 4: "four-weekly"}


def frequency_name(weeks: int) -> str:
    return FREQUENCY_NAMES.get(weeks, f"every {weeks} weeks")


def count(amount: int, singular: str) -> str:
    return f"{amount} {singular}{'' if amount == 1 else 's'}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
