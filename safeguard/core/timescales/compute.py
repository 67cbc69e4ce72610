"""Turning a registry entry and a start event into a due date that explains itself."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.utils import timezone

from safeguard.core import calendar
from safeguard.core.calendar import SchoolCalendar, Term, TermDatesMissingError
from safeguard.core.timescales.model import (
    FREQUENCY_NAMES,
    Due,
    Kind,
    Step,
    Timescale,
    TimescaleError,
    UnknownTimescaleError,
    as_aware,
    count,
    frequency_name,
    local_date,
    ordinal,
)
from safeguard.core.timescales.overrides import apply_override, check_keys, configured_overrides
from safeguard.core.timescales.registry import REGISTRY

_BY_KEY: dict[str, Timescale] = {rule.key: rule for rule in REGISTRY}
if len(_BY_KEY) != len(REGISTRY):  # pragma: no cover - guards the data file itself
    raise RuntimeError("Duplicate key in the timescale registry.")

Moment = dt.date | dt.datetime


def get_rule(key: str) -> Timescale:
    """The rule as in force here: the registry entry with any local override applied."""
    base = _BY_KEY.get(key)
    if base is None:
        raise UnknownTimescaleError(f"Unknown timescale {key!r}; known keys: {', '.join(_BY_KEY)}")
    overrides = configured_overrides()
    check_keys(overrides, _BY_KEY)
    spec = overrides.get(key)
    return apply_override(base, spec) if spec is not None else base


def all_rules() -> tuple[Timescale, ...]:
    """Every rule in the table's order, with local overrides applied."""
    return tuple(get_rule(key) for key in _BY_KEY)


def registry_keys() -> tuple[str, ...]:
    return tuple(_BY_KEY)


def load_school_calendar() -> SchoolCalendar:
    """The authority's term dates from the database, built once for many calculations."""
    from safeguard.core.models import SchoolTerm

    return SchoolCalendar.from_terms(term.as_term() for term in SchoolTerm.objects.all())


def compute_due(key: str, start: Moment, **context: object) -> Due:
    """When ``key`` is due for an event that started on ``start``, and why.

    ``context`` carries what a rule needs beyond the start (date of birth, risk level,
    visit frequency, term dates); each rule lists what it accepts in ``Timescale.context``.
    """
    rule = get_rule(key)
    _check_context(rule, context)
    variant_name: str | None = None
    reason = ""
    if rule.step is not None:
        step = rule.step
    else:
        assert rule.chooser is not None
        variant_name, reason = _CHOOSERS[rule.chooser](rule, local_date(start), context)
        variant = rule.variant(variant_name)
        step = variant.step
        if variant.start_event:
            rule = dataclasses.replace(rule, start_event=variant.start_event)
    result = _count(rule, step, start, context)
    notes = [note for name, note in rule.local_overrides if name in {"", variant_name}]
    parts = [f"due {result.due_text}: {result.body}"]
    if reason:
        parts[0] += f" ({reason})"
    parts.extend(result.extra)
    if notes:
        parts.append(f"local override: {'; '.join(notes)}")
    return Due(
        key=rule.key,
        start=start,
        due=result.due,
        explanation="; ".join(parts),
        window_start=result.window_start,
        window_end=result.window_end,
        variant=variant_name,
        overridden=bool(notes),
        early_counts=rule.early_counts,
        skipped_holidays=result.skipped,
    )


def is_on_time(key: str, start: Moment, actual: Moment, **context: object) -> bool:
    """The event happened on or before the due date (or inside its window)."""
    return compute_due(key, start, **context).is_met_by(actual)


# --- context ---------------------------------------------------------------------------


def _check_context(rule: Timescale, context: Mapping[str, object]) -> None:
    accepted = set(rule.context)
    if rule.kinds & {Kind.SCHOOL_DAYS, Kind.TERMS}:
        accepted.add("terms")
    unknown = sorted(set(context) - accepted)
    if unknown:
        takes = ", ".join(sorted(accepted)) if accepted else "nothing"
        raise TimescaleError(
            f"Timescale {rule.key!r} does not take {', '.join(unknown)}; it takes {takes}."
        )


def _date_context(rule: Timescale, context: Mapping[str, object], name: str) -> dt.date:
    value = context.get(name)
    if value is None:
        raise TimescaleError(f"Timescale {rule.key!r} needs {name} (a date).")
    if isinstance(value, dt.datetime):
        return local_date(value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise TimescaleError(f"Timescale {rule.key!r}: {name} must be a date, not {value!r}.")


def _choice_context(
    rule: Timescale, context: Mapping[str, object], name: str, default: str | None
) -> str:
    value = context.get(name, default)
    names = [variant.name for variant in rule.variants]
    if value is None:
        raise TimescaleError(f"Timescale {rule.key!r} needs {name} ({' or '.join(names)}).")
    chosen = str(value).strip().lower().replace("-", "_")
    if chosen not in names:
        raise TimescaleError(
            f"Timescale {rule.key!r}: {name} must be one of {', '.join(names)}, not {value!r}."
        )
    return chosen


def _school_calendar(context: Mapping[str, object]) -> SchoolCalendar:
    terms = context.get("terms")
    if terms is None:
        built = load_school_calendar()
    elif isinstance(terms, SchoolCalendar):
        built = terms
    elif isinstance(terms, Iterable):
        built = SchoolCalendar.from_terms(_as_term(term) for term in terms)
    else:
        raise TimescaleError(f"terms must be a SchoolCalendar or a list of terms, not {terms!r}.")
    if not built.ordinals:
        raise TermDatesMissingError("No school term dates are held; add the school terms.")
    return built


def _as_term(term: object) -> Term:
    if isinstance(term, Term):
        return term
    as_term = getattr(term, "as_term", None)
    if callable(as_term):
        result = as_term()
        if isinstance(result, Term):
            return result
    raise TimescaleError(f"Not a school term: {term!r}.")


def _frequency_weeks(rule: Timescale, context: Mapping[str, object]) -> int | None:
    """The plan's visit frequency in weeks, or None when the plan does not set one."""
    value = context.get("frequency")
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        text = value.strip().lower().replace("_", "-")
        by_name = {name: weeks for weeks, name in FREQUENCY_NAMES.items()}
        by_name.update({"4-weekly": 4, "2-weekly": 2, "1-weekly": 1})
        if text in by_name:
            return by_name[text]
        if text.isdigit() and int(text) > 0:
            return int(text)
    raise TimescaleError(
        f"Timescale {rule.key!r}: frequency must be weekly, fortnightly, four-weekly or a "
        f"number of weeks, not {value!r}."
    )


# --- choosing a variant ------------------------------------------------------------------

Chooser = Callable[[Timescale, dt.date, Mapping[str, object]], tuple[str, str]]


def _choose_by_age(
    rule: Timescale, start: dt.date, context: Mapping[str, object]
) -> tuple[str, str]:
    dob = _date_context(rule, context, "dob")
    if dob > start:
        raise TimescaleError(f"Date of birth {dob.isoformat()} is after {start.isoformat()}.")
    age = calendar.age_on(dob, start)
    name = "under_5" if age < 5 else "5_and_over"
    return name, f"{rule.variant(name).when}: aged {age} on {start.isoformat()}"


def _choose_placement_stage(
    rule: Timescale, start: dt.date, context: Mapping[str, object]
) -> tuple[str, str]:
    placement_start = (
        _date_context(rule, context, "placement_start")
        if context.get("placement_start") is not None
        else start
    )
    long_term = bool(context.get("long_term", False))
    if start < placement_start:
        raise TimescaleError(
            f"The previous visit ({start.isoformat()}) is before the placement started "
            f"({placement_start.isoformat()})."
        )
    if start == placement_start:
        return "new_placement", f"new placement started on {placement_start.isoformat()}"
    first_year_ends = calendar.add_months(placement_start, 12)
    if start < first_year_ends:
        return "six_weekly", (
            f"first year of the placement that started on {placement_start.isoformat()}"
        )
    if long_term:
        return "long_term", (
            f"long-term placement in place since {placement_start.isoformat()}, over a year"
        )
    return "six_weekly", (
        f"placement since {placement_start.isoformat()} is not agreed as long-term"
    )


def _choose_pep_stage(
    rule: Timescale, start: dt.date, context: Mapping[str, object]
) -> tuple[str, str]:
    # Chosen explicitly by the caller, and the counting text already names the start.
    return _choice_context(rule, context, "stage", "first"), ""


def _choose_rhi_basis(
    rule: Timescale, start: dt.date, context: Mapping[str, object]
) -> tuple[str, str]:
    return _choice_context(rule, context, "basis", "hours"), ""


def _choose_risk(rule: Timescale, start: dt.date, context: Mapping[str, object]) -> tuple[str, str]:
    name = _choice_context(rule, context, "risk", None)
    return name, rule.variant(name).when


_CHOOSERS: dict[str, Chooser] = {
    "age_under_5": _choose_by_age,
    "placement_stage": _choose_placement_stage,
    "pep_stage": _choose_pep_stage,
    "rhi_basis": _choose_rhi_basis,
    "risk": _choose_risk,
}


def check_registry() -> None:
    """Every variant rule names a chooser that exists; run by the tests."""
    for rule in REGISTRY:
        if (rule.step is None) == (not rule.variants):
            raise RuntimeError(f"{rule.key}: give either a step or variants, not both/neither.")
        if rule.variants and rule.chooser not in _CHOOSERS:
            raise RuntimeError(f"{rule.key}: unknown chooser {rule.chooser!r}.")


# --- counting -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Counted:
    due: dt.date | dt.datetime
    due_text: str
    body: str
    extra: tuple[str, ...] = ()
    window_start: dt.date | None = None
    window_end: dt.date | None = None
    skipped: tuple[tuple[dt.date, str], ...] = ()


def _dmy(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _weekday_holidays(first: dt.date, last: dt.date) -> tuple[tuple[dt.date, str], ...]:
    """Bank holidays on weekdays in ``first..last``: the ones a count actually skipped."""
    if last < first:
        return ()
    return tuple(
        (day, name)
        for day, name in calendar.bank_holidays_between(first, last)
        if day.weekday() < 5
    )


def _holiday_text(skipped: tuple[tuple[dt.date, str], ...]) -> str:
    if not skipped:
        return "no bank holidays in the period"
    return "bank holidays skipped: " + ", ".join(f"{_dmy(day)} {name}" for day, name in skipped)


def _non_working_reason(day: dt.date) -> str:
    name = calendar.bank_holiday_name(day)
    if name and day.weekday() < 5:
        return f"{name}, a bank holiday"
    return f"a {day.strftime('%A')}"


def _count(rule: Timescale, step: Step, start: Moment, context: Mapping[str, object]) -> _Counted:
    if step.kind is Kind.HOURS:
        return _count_hours(rule, step, start)
    day = local_date(start)
    if step.kind is Kind.WORKING_DAYS:
        return _count_working_days(rule, step, day)
    if step.kind in {Kind.DAYS, Kind.WEEKS, Kind.MONTHS}:
        return _count_calendar(rule, step, day)
    if step.kind is Kind.SCHOOL_DAYS:
        return _count_school_days(rule, step, day, _school_calendar(context))
    if step.kind is Kind.TERMS:
        return _count_terms(rule, step, day, _school_calendar(context))
    if step.kind is Kind.WEEK_WINDOW:
        return _count_week_window(rule, step, day, context)
    return _count_birthday_window(rule, step, day, context)


def _count_working_days(rule: Timescale, step: Step, start: dt.date) -> _Counted:
    amount = step.amount
    phrase = count(amount, "working day")
    if step.before:
        due = calendar.add_working_days(start, -amount)
        skipped = _weekday_holidays(due, start - dt.timedelta(days=1))
        body = f"{phrase} before {rule.start_event} on {start.isoformat()} (the latest date)"
    else:
        due = calendar.add_working_days(start, amount)
        skipped = _weekday_holidays(start + dt.timedelta(days=1), due)
        body = f"{phrase} after {rule.start_event} on {start.isoformat()}"
    return _Counted(due, due.isoformat(), body, (_holiday_text(skipped),), skipped=skipped)


def _count_calendar(rule: Timescale, step: Step, start: dt.date) -> _Counted:
    sign = -1 if step.before else 1
    if step.kind is Kind.MONTHS:
        raw = calendar.add_months(start, sign * step.amount)
        phrase = count(step.amount, "month")
    else:
        per = 7 if step.kind is Kind.WEEKS else 1
        raw = start + dt.timedelta(days=sign * per * step.amount)
        phrase = count(step.amount, "week" if step.kind is Kind.WEEKS else "day")
    direction = "before" if step.before else "after"
    body = f"{phrase} {direction} {rule.start_event} on {start.isoformat()}"
    if step.amount == 0:
        # A rule due on the start day itself (unregistered_approval) reads as such.
        body = f"on the day of {rule.start_event}, {start.isoformat()}"
    extra: list[str] = []
    if step.kind is Kind.MONTHS and raw.day != start.day:
        extra.append(f"day {start.day} does not exist in {raw:%B %Y}, so clamped to the month end")
    due = raw
    skipped: tuple[tuple[dt.date, str], ...] = ()
    if step.roll_forward and not calendar.is_working_day(raw):
        if step.before:
            due = calendar.previous_working_day(raw)
            skipped = _weekday_holidays(due + dt.timedelta(days=1), raw)
            move = "previous"
        else:
            due = calendar.next_working_day(raw)
            skipped = _weekday_holidays(raw, due - dt.timedelta(days=1))
            move = "next"
        extra.append(
            f"{raw.isoformat()} is {_non_working_reason(raw)}, not a working day, so moved to "
            f"the {move} working day"
        )
        extra.append(_holiday_text(skipped))
    return _Counted(due, due.isoformat(), body, tuple(extra), skipped=skipped)


def _count_hours(rule: Timescale, step: Step, start: Moment) -> _Counted:
    extra: tuple[str, ...] = ()
    if isinstance(start, dt.datetime):
        moment = as_aware(start)
    else:
        moment = as_aware(dt.datetime.combine(start, dt.time()))
        extra = ("no time recorded, so counted from midnight",)
    # Elapsed hours: add in UTC so a clock change does not stretch or shrink the period.
    due = (moment.astimezone(dt.UTC) + dt.timedelta(hours=step.amount)).astimezone(moment.tzinfo)
    due = timezone.localtime(due)
    shown = timezone.localtime(moment).isoformat(timespec="minutes")
    body = f"{count(step.amount, 'hour')} after {rule.start_event} at {shown}"
    return _Counted(due, due.isoformat(timespec="minutes"), body, extra)


def _count_school_days(
    rule: Timescale, step: Step, start: dt.date, school: SchoolCalendar
) -> _Counted:
    due = school.add_school_days(start, step.amount)
    body = f"{count(step.amount, 'school day')} after {rule.start_event} on {start.isoformat()}"
    terms = [t for t in school.terms if t.ends_on > start and t.starts_on <= due]
    extra = [f"counted in term time: {', '.join(t.name for t in terms)}"]
    half_terms = [
        f"half-term {_dmy(t.half_term_starts_on)} to {_dmy(t.half_term_ends_on)}"
        for t in terms
        if t.half_term_starts_on
        and t.half_term_ends_on
        and t.half_term_ends_on > start
        and t.half_term_starts_on <= due
    ]
    if len(terms) > 1 or (terms and terms[0].starts_on > start):
        half_terms.append("school holidays between terms")
    if half_terms:
        extra.append("skipped: " + ", ".join(half_terms))
    skipped = _weekday_holidays(start + dt.timedelta(days=1), due)
    extra.append(_holiday_text(skipped))
    return _Counted(due, due.isoformat(), body, tuple(extra), skipped=skipped)


def _count_terms(rule: Timescale, step: Step, start: dt.date, school: SchoolCalendar) -> _Counted:
    later = [term for term in school.terms if term.starts_on > start]
    if len(later) < step.amount:
        raise TermDatesMissingError(
            f"No term dates {count(step.amount, 'term')} after {start.isoformat()}; "
            "add the school terms."
        )
    target = later[step.amount - 1]
    due = school.last_school_day(target)
    held_in = school.term_containing(start)
    where = f"in {held_in.name}" if held_in else "in a school holiday"
    body = (
        f"termly: by the last school day of {target.name}, the next term after "
        f"{rule.start_event} on {start.isoformat()} {where}"
    )
    return _Counted(due, due.isoformat(), body)


def _count_week_window(
    rule: Timescale, step: Step, start: dt.date, context: Mapping[str, object]
) -> _Counted:
    from_plan = _frequency_weeks(rule, context)
    weeks = from_plan or step.amount
    source = "set on the plan" if from_plan else "default"
    target = start + dt.timedelta(weeks=weeks)
    window_start, window_end = calendar.week_start(target), calendar.week_end(target)
    body = (
        f"{frequency_name(weeks)} visits ({source}), in the week Monday "
        f"{_dmy(window_start)} to Sunday {_dmy(window_end)}, which holds "
        f"{count(weeks, 'week')} after {rule.start_event} on {start.isoformat()} "
        f"({target.isoformat()})"
    )
    extra = (f"on time if made by Sunday {_dmy(window_end)}",)
    return _Counted(
        window_end,
        window_end.isoformat(),
        body,
        extra,
        window_start=window_start,
        window_end=window_end,
    )


def _count_birthday_window(
    rule: Timescale, step: Step, start: dt.date, context: Mapping[str, object]
) -> _Counted:
    dob = _date_context(rule, context, "dob")
    for age in range(step.first_age, step.last_age + 1):
        birthday = calendar.birthday(dob, age)
        opens = calendar.add_months(birthday, -step.months_before)
        closes = calendar.add_months(birthday, step.months_after)
        if opens > start:
            body = (
                f"contact around the {ordinal(age)} birthday on {birthday.isoformat()}: between "
                f"{opens.isoformat()} and {closes.isoformat()} ({step.months_before} months "
                f"before to {count(step.months_after, 'month')} after), the next window "
                f"opening after {rule.start_event} on {start.isoformat()}"
            )
            return _Counted(closes, closes.isoformat(), body, window_start=opens, window_end=closes)
    raise TimescaleError(
        f"No keeping-in-touch contact is due after {start.isoformat()}: the last window "
        f"(the {ordinal(step.last_age)} birthday) has opened."
    )
