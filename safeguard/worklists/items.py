"""Work items and their due dates, computed fast from the timescale registry.

A caseload page needs hundreds of due dates per request, so dates are counted here from
each rule's ``Step`` with the working-day calendar (a few microseconds each), while
``compute_due`` — slower, because it also writes the explanation — runs only for the
items a page shows (``WorkItem.explanation``). Both read the same registry entry, with
local overrides applied (``get_rule``); a test checks they agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from typing import Any

from safeguard.core import calendar
from safeguard.core.calendar import SchoolCalendar, TermDatesMissingError
from safeguard.core.timescales import Kind, Step, Timescale, TimescaleError, compute_due, get_rule
from safeguard.core.timescales.model import FREQUENCY_NAMES, as_aware, local_date

#: "Due this week": due within this many days after today.
THIS_WEEK_DAYS = 7


class State(StrEnum):
    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_THIS_WEEK = "due_this_week"
    UPCOMING = "upcoming"


STATE_LABELS: dict[State, str] = {
    State.OVERDUE: "Overdue",
    State.DUE_TODAY: "Due today",
    State.DUE_THIS_WEEK: "Due this week",
    State.UPCOMING: "Upcoming",
}

#: GOV.UK tag colour per state (red / orange / grey).
STATE_TAGS: dict[State, str] = {
    State.OVERDUE: "govuk-tag--red",
    State.DUE_TODAY: "govuk-tag--orange",
    State.DUE_THIS_WEEK: "govuk-tag--orange",
    State.UPCOMING: "govuk-tag--grey",
}

#: On the same due date, the item that protects a child most directly comes first.
KIND_ORDER: dict[str, int] = {
    key: n
    for n, key in enumerate(
        (
            "rhi",
            "mace",
            "section47_to_conference_request",
            "icpc",
            "cp_visit",
            "core_group",
            "lac_visit",
            "cin_visit",
            "assessment",
            "rcpc_first",
            "rcpc_next",
            "cp_plan_18",
            "lac_review_first",
            "lac_review_second",
            "lac_review_next",
            "cin_review",
            "mace_review",
            "mace_plan_action",
            "iha",
            "rha",
            "dental",
            "pep",
            "care_leaver_contact",
            "pathway_plan",
        )
    )
}


def state_of(due: dt.date, today: dt.date) -> State:
    if due < today:
        return State.OVERDUE
    if due == today:
        return State.DUE_TODAY
    if due <= today + dt.timedelta(days=THIS_WEEK_DAYS):
        return State.DUE_THIS_WEEK
    return State.UPCOMING


@dataclass(frozen=True)
class WorkItem:
    """One statutory item due for a child on a caseload."""

    child: Any
    worker: Any
    kind: str
    what: str
    due: dt.date
    state: State
    days_overdue: int
    start: dt.date | dt.datetime
    detail: str = ""
    context: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    due_at: dt.datetime | None = None
    url_name: str = "people:child_record"
    #: The registry's own description of the item (its ``what``).
    rule_what: str = ""
    #: The capability ``url_name``'s page needs beyond opening the child (pages show the
    #: child's record instead to a viewer without it).
    capability: str = ""
    #: For a date set on the record itself (a MACE plan action's due date), the account
    #: of it; items counted from the registry leave this empty.
    fixed_explanation: str = ""

    @property
    def url_kwargs(self) -> dict[str, Any]:
        return {"child_id": self.child.pk}

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def tag_class(self) -> str:
        return STATE_TAGS[self.state]

    @cached_property
    def explanation(self) -> str:
        """The registry's own account of the due date (computed only when shown)."""
        if self.fixed_explanation:
            return self.fixed_explanation
        due = compute_due(self.kind, self.start, **self.context)
        what = self.rule_what or get_rule(self.kind).what
        return f"{what}. {due.explanation[:1].upper()}{due.explanation[1:]}."

    def sort_key(self) -> tuple[Any, ...]:
        return urgency_key(self)

    def linked_for(self, capabilities: Collection[str]) -> WorkItem:
        """This item as a viewer holding ``capabilities`` may follow it: to its own page,
        or to the child's record when that page needs a capability they lack."""
        if not self.capability or self.capability in capabilities:
            return self
        return replace(self, url_name="people:child_record", capability="")


def urgency_key(item: WorkItem) -> tuple[Any, ...]:
    """Most overdue first, then soonest due; on the same day by kind, then by child."""
    moment = item.due_at.timestamp() if item.due_at is not None else 0.0
    return (
        item.due,
        moment,
        KIND_ORDER.get(item.kind, len(KIND_ORDER)),
        item.child.last_name,
        item.child.first_name,
        str(item.child.pk),
    )


def sort_by_urgency(items: Iterable[WorkItem]) -> list[WorkItem]:
    return sorted(items, key=urgency_key)


# --- fast due dates -------------------------------------------------------------------------


class Rules:
    """The rules in force for one request: each registry entry read once."""

    def __init__(self) -> None:
        self._rules: dict[str, Timescale] = {}

    def __getitem__(self, key: str) -> Timescale:
        rule = self._rules.get(key)
        if rule is None:
            rule = self._rules[key] = get_rule(key)
        return rule


def step_for(rule: Timescale, variant: str | None) -> Step:
    if rule.step is not None:
        return rule.step
    if variant is None:
        raise TimescaleError(f"Timescale {rule.key!r} needs a variant.")
    return rule.variant(variant).step


def fast_due(
    rule: Timescale,
    start: dt.date | dt.datetime,
    *,
    variant: str | None = None,
    frequency: int | None = None,
    dob: dt.date | None = None,
    school: SchoolCalendar | None = None,
) -> dt.date | dt.datetime:
    """The due date ``compute_due`` gives, without writing its explanation."""
    step = step_for(rule, variant)
    if step.kind is Kind.HOURS:
        moment = (
            as_aware(start)
            if isinstance(start, dt.datetime)
            else as_aware(dt.datetime.combine(start, dt.time()))
        )
        return (moment.astimezone(dt.UTC) + dt.timedelta(hours=step.amount)).astimezone(
            moment.tzinfo
        )
    day = local_date(start)
    sign = -1 if step.before else 1
    if step.kind is Kind.WORKING_DAYS:
        return calendar.add_working_days(day, sign * step.amount)
    if step.kind in {Kind.DAYS, Kind.WEEKS, Kind.MONTHS}:
        if step.kind is Kind.MONTHS:
            raw = calendar.add_months(day, sign * step.amount)
        else:
            per = 7 if step.kind is Kind.WEEKS else 1
            raw = day + dt.timedelta(days=sign * per * step.amount)
        if step.roll_forward and not calendar.is_working_day(raw):
            return (
                calendar.previous_working_day(raw)
                if step.before
                else calendar.next_working_day(raw)
            )
        return raw
    if step.kind is Kind.WEEK_WINDOW:
        weeks = frequency or step.amount
        return calendar.week_end(day + dt.timedelta(weeks=weeks))
    if step.kind is Kind.BIRTHDAY_WINDOW:
        if dob is None:
            raise TimescaleError(f"Timescale {rule.key!r} needs dob (a date).")
        for age in range(step.first_age, step.last_age + 1):
            birthday = calendar.birthday(dob, age)
            if calendar.add_months(birthday, -step.months_before) > day:
                return calendar.add_months(birthday, step.months_after)
        raise TimescaleError(f"No window opens after {day.isoformat()}.")
    if school is None or not school.ordinals:
        raise TermDatesMissingError("No school term dates are held; add the school terms.")
    if step.kind is Kind.SCHOOL_DAYS:
        return school.add_school_days(day, step.amount)
    later = [term for term in school.terms if term.starts_on > day]
    if len(later) < step.amount:
        raise TermDatesMissingError(f"No term dates after {day.isoformat()}.")
    return school.last_school_day(later[step.amount - 1])


def frequency_context(weeks: int | None) -> dict[str, Any]:
    """The ``frequency`` context compute_due takes for a plan's visit frequency."""
    if not weeks:
        return {}
    return {"frequency": FREQUENCY_NAMES.get(weeks, str(weeks))}


def lac_visit_variant(start: dt.date, placement_start: dt.date, long_term: bool) -> str:
    """The placement stage, as the registry's ``placement_stage`` chooser reads it."""
    if start == placement_start:
        return "new_placement"
    if start < calendar.add_months(placement_start, 12) or not long_term:
        return "six_weekly"
    return "long_term"


def rha_variant(previous: dt.date, dob: dt.date) -> str:
    return "under_5" if calendar.age_on(dob, previous) < 5 else "5_and_over"
