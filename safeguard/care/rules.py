"""Small checks shared by the care and exploitation services.

Each raises a ``ValidationError`` keyed by the field, naming the rule (the SSDA903
validation rule number where there is one) and the values, in the style of
``safeguard.core.validation``.
"""

from __future__ import annotations

import datetime as dt
import re

from safeguard.core import validation as v
from safeguard.core.calendar import age_on
from safeguard.people.models import Person

#: A UK postcode in its usual written form (outward code, space, inward code).
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
#: An Ofsted unique reference number: 6-7 digits, or SC and 6 digits for social care; the
#: DfE's XXXXXXX stands for a provider with no URN (an unregistered setting).
URN = re.compile(r"^(SC[0-9]{6}|[0-9]{6,7}|XXXXXXX)$")
#: An authority code (LA_PERM, placement authority): letters and digits.
LA_CODE = re.compile(r"^[A-Z0-9]{1,10}$")


def cite(rule: str) -> str:
    return f" (SSDA903 {rule})" if rule else ""


def not_before(
    value: dt.date | None,
    earliest: dt.date | None,
    *,
    field: str,
    label: str,
    earliest_label: str,
    rule: str = "",
) -> None:
    if value is None or earliest is None:
        return
    if value < earliest:
        raise v.fail(
            field,
            f"{label} ({value:%d/%m/%Y}) cannot be before {earliest_label} "
            f"({earliest:%d/%m/%Y}){cite(rule)}.",
        )


def not_after(
    value: dt.date | None,
    latest: dt.date | None,
    *,
    field: str,
    label: str,
    latest_label: str,
    rule: str = "",
) -> None:
    if value is None or latest is None:
        return
    if value > latest:
        raise v.fail(
            field,
            f"{label} ({value:%d/%m/%Y}) cannot be after {latest_label} "
            f"({latest:%d/%m/%Y}){cite(rule)}.",
        )


def after(
    value: dt.date,
    earliest: dt.date,
    *,
    field: str,
    label: str,
    earliest_label: str,
    rule: str = "",
) -> None:
    """``value`` is strictly later than ``earliest`` (an episode lasts at least a day)."""
    if value <= earliest:
        raise v.fail(
            field,
            f"{label} ({value:%d/%m/%Y}) must be after {earliest_label} "
            f"({earliest:%d/%m/%Y}){cite(rule)}.",
        )


def child_alive_and_born(
    child: Person, on: dt.date, *, field: str, label: str, birth_rule: str = ""
) -> None:
    """``on`` falls in the child's life: on or after birth, on or before death."""
    not_before(
        on,
        child.date_of_birth,
        field=field,
        label=label,
        earliest_label="the child's date of birth",
        rule=birth_rule,
    )
    not_after(
        on, child.date_of_death, field=field, label=label, latest_label="the child's date of death"
    )


def needs_date_of_birth(child: Person, *, field: str, action: str) -> dt.date:
    if child.date_of_birth is None:
        raise v.fail(
            field,
            f"{child} has no date of birth recorded: record it before {action}.",
        )
    return child.date_of_birth


def age(child: Person, on: dt.date) -> int | None:
    if child.date_of_birth is None or on < child.date_of_birth:
        return None
    return age_on(child.date_of_birth, on)


def postcode(value: str, *, field: str, label: str) -> str:
    """Normalise a postcode to upper case with one space; '' stays ''."""
    cleaned = " ".join(value.upper().split())
    if not cleaned:
        return ""
    match = POSTCODE.match(cleaned)
    if match is None:
        raise v.fail(field, f"{label} {value!r} is not a valid UK postcode (SSDA903 392c).")
    return f"{match.group(1)} {match.group(2)}"


def la_code(value: str, *, field: str, label: str) -> str:
    cleaned = value.strip().upper()
    if cleaned and LA_CODE.match(cleaned) is None:
        raise v.fail(field, f"{label} {value!r} is not a valid local authority code.")
    return cleaned


def yes_no(value: bool | None, *, field: str, label: str, must_be_blank: bool, why: str) -> None:
    """An OC2 item that must be (or must not be) answered."""
    if must_be_blank and value is not None:
        raise v.fail(field, f"{label} must be left blank: {why}.")
    if not must_be_blank and value is None:
        raise v.fail(field, f"{label} must be answered: {why}.")
