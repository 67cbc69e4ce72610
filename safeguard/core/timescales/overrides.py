"""Local overrides: an authority changes a rule in settings, never in code.

``settings.SAFEGUARD_TIMESCALE_OVERRIDES`` (also settable as JSON in the environment
variable of the same name) maps a rule key to the fields it changes, for example::

    {"cin_visit": {"amount": 15},
     "cp_visit": {"frequency_weeks": 2},
     "mace_review": {"variants": {"moderate": {"amount": 8}}}}

It is read at call time, so a settings change (or a test's ``settings`` fixture) takes
effect at once, and validated strictly: a typo must fail loudly rather than silently leave
the national default in place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from safeguard.core.timescales.model import SWITCHABLE_KINDS, Kind, Step, Timescale

SETTING = "SAFEGUARD_TIMESCALE_OVERRIDES"

# Fields a local override may set, by kind of step. ``frequency_weeks`` is cp_visit's
# natural name for the week-window amount.
_STEP_FIELDS: dict[Kind, frozenset[str]] = {
    Kind.WORKING_DAYS: frozenset({"amount", "unit", "roll_forward"}),
    Kind.DAYS: frozenset({"amount", "unit", "roll_forward"}),
    Kind.WEEKS: frozenset({"amount", "unit", "roll_forward"}),
    Kind.MONTHS: frozenset({"amount", "unit", "roll_forward"}),
    Kind.HOURS: frozenset({"amount"}),
    Kind.SCHOOL_DAYS: frozenset({"amount"}),
    Kind.TERMS: frozenset({"amount"}),
    Kind.WEEK_WINDOW: frozenset({"amount", "frequency_weeks"}),
    Kind.BIRTHDAY_WINDOW: frozenset({"months_before", "months_after", "first_age", "last_age"}),
}


def configured_overrides() -> Mapping[str, Any]:
    overrides = getattr(settings, SETTING, None) or {}
    if not isinstance(overrides, Mapping):
        raise ImproperlyConfigured(
            f"{SETTING} must be a mapping of rule key to fields, not {type(overrides).__name__}."
        )
    return overrides


def check_keys(overrides: Mapping[str, Any], known: Mapping[str, Timescale]) -> None:
    unknown = sorted(set(overrides) - set(known))
    if unknown:
        raise ImproperlyConfigured(
            f"{SETTING} names unknown timescale(s) {', '.join(map(repr, unknown))}; "
            f"known keys: {', '.join(known)}."
        )


def apply_override(rule: Timescale, spec: object) -> Timescale:
    """The rule with the local override applied, carrying notes for its explanations."""
    where = f"{SETTING}[{rule.key!r}]"
    if not isinstance(spec, Mapping):
        raise ImproperlyConfigured(f"{where} must be a mapping of fields, not {spec!r}.")
    if not spec:
        return rule
    if rule.step is not None:
        step = _override_step(where, rule.step, spec)
        note = f"{step.describe(brief=True)} instead of {rule.step.describe(brief=True)}"
        return dataclasses.replace(rule, step=step, local_overrides=(("", note),))
    unknown = sorted(set(spec) - {"variants"})
    if unknown:
        raise ImproperlyConfigured(
            f"{where} has unknown field(s) {', '.join(map(repr, unknown))}; this rule has "
            f"variants ({', '.join(v.name for v in rule.variants)}), so set "
            f"{{'variants': {{'<variant>': {{...}}}}}}."
        )
    by_variant = spec["variants"]
    if not isinstance(by_variant, Mapping):
        raise ImproperlyConfigured(f"{where}['variants'] must map variant names to fields.")
    names = [v.name for v in rule.variants]
    unknown = sorted(set(by_variant) - set(names))
    if unknown:
        raise ImproperlyConfigured(
            f"{where}['variants'] names unknown variant(s) {', '.join(map(repr, unknown))}; "
            f"known: {', '.join(names)}."
        )
    variants = []
    notes = []
    for variant in rule.variants:
        fields = by_variant.get(variant.name)
        if fields:
            if not isinstance(fields, Mapping):
                raise ImproperlyConfigured(
                    f"{where}['variants'][{variant.name!r}] must be a mapping of fields."
                )
            step = _override_step(f"{where}['variants'][{variant.name!r}]", variant.step, fields)
            notes.append(
                (
                    variant.name,
                    f"{step.describe(brief=True)} instead of {variant.step.describe(brief=True)}",
                )
            )
            variant = dataclasses.replace(variant, step=step)
        variants.append(variant)
    return dataclasses.replace(rule, variants=tuple(variants), local_overrides=tuple(notes))


def _override_step(where: str, step: Step, spec: Mapping[str, Any]) -> Step:
    allowed = _STEP_FIELDS[step.kind]
    unknown = sorted(set(spec) - allowed)
    if unknown:
        raise ImproperlyConfigured(
            f"{where} has unknown field(s) {', '.join(map(repr, unknown))}; "
            f"allowed for a {step.kind.value} rule: {', '.join(sorted(allowed))}."
        )
    changes: dict[str, Any] = {}
    for field, value in spec.items():
        if field in {"amount", "frequency_weeks"}:
            changes["amount"] = _positive_int(where, field, value)
        elif field in {"months_before", "months_after"}:
            changes[field] = _non_negative_int(where, field, value)
        elif field in {"first_age", "last_age"}:
            changes[field] = _positive_int(where, field, value)
        elif field == "roll_forward":
            if not isinstance(value, bool):
                raise ImproperlyConfigured(f"{where}['roll_forward'] must be true or false.")
            changes[field] = value
        elif field == "unit":
            choices = sorted(kind.value for kind in SWITCHABLE_KINDS)
            if value not in choices:
                raise ImproperlyConfigured(
                    f"{where}['unit'] must be one of {', '.join(choices)}, not {value!r}."
                )
            changes["kind"] = Kind(value)
            if "roll_forward" not in spec:
                # The table's roll-forward applies to calendar-day rules only.
                changes["roll_forward"] = changes["kind"] is Kind.DAYS
    new = dataclasses.replace(step, **changes)
    if new.kind is Kind.BIRTHDAY_WINDOW and new.first_age > new.last_age:
        raise ImproperlyConfigured(f"{where}: first_age must not be after last_age.")
    return new


def _positive_int(where: str, field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ImproperlyConfigured(f"{where}[{field!r}] must be a positive whole number.")
    return value


def _non_negative_int(where: str, field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ImproperlyConfigured(f"{where}[{field!r}] must be a whole number, 0 or more.")
    return value
