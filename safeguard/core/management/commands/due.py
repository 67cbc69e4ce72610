"""`safeguard due RULE DATE`: when is it due, and why.

The first line is the due date alone (ISO), so scripts can read it; the explanation
follows for people. Mistakes in what was typed (an unknown rule, a malformed date, missing
context) are one line on stderr and exit status 2, the usual code for a usage error.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from safeguard.core.timescales import (
    Kind,
    Timescale,
    TimescaleError,
    UnknownTimescaleError,
    all_rules,
    compute_due,
    get_rule,
)

USAGE_ERROR = 2
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?")

# Command-line flag -> the context keyword compute_due takes.
_CONTEXT_FLAGS = {
    "dob": "dob",
    "risk": "risk",
    "frequency": "frequency",
    "placement_start": "placement_start",
    "long_term": "long_term",
    "stage": "stage",
    "basis": "basis",
}


def usage_error(message: str) -> CommandError:
    return CommandError(" ".join(message.split()), returncode=USAGE_ERROR)


def parse_start(rule: Timescale, text: str) -> dt.date | dt.datetime:
    """A strict ISO date (or, for hours rules, date and time) so typos cannot slip through."""
    takes_time = Kind.HOURS in rule.kinds
    try:
        if _DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
        if takes_time and _DATETIME.fullmatch(text):
            return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    expected = "YYYY-MM-DD or YYYY-MM-DDTHH:MM" if takes_time else "YYYY-MM-DD"
    raise usage_error(f"Malformed date {text!r}: expected {expected}.")


class Command(BaseCommand):
    help = (
        "Print when a timescale is due: the ISO date on the first line, then the explanation. "
        "Use --list to see the rules."
    )
    # A calculator needs neither the system checks nor a migrated database (except pep).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("rule", nargs="?", help="Rule key, e.g. icpc (see --list).")
        parser.add_argument(
            "date", nargs="?", help="Start date YYYY-MM-DD (hours rules: YYYY-MM-DDTHH:MM)."
        )
        parser.add_argument("--list", action="store_true", help="List the rules and sources.")
        parser.add_argument("--dob", help="Date of birth (rha, care_leaver_contact).")
        parser.add_argument("--risk", help="significant or moderate (mace_review).")
        parser.add_argument(
            "--frequency",
            help="Visit frequency: weekly, fortnightly, four-weekly or weeks (cp_visit).",
        )
        parser.add_argument("--placement-start", help="Placement start date (lac_visit).")
        parser.add_argument(
            "--long-term", action="store_true", default=None, help="Long-term placement."
        )
        parser.add_argument("--stage", help="first or termly (pep).")
        parser.add_argument("--basis", help="hours or working_days (rhi).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["list"]:
                self._list()
                return
            rule_key, date_text = options["rule"], options["date"]
            if not rule_key or not date_text:
                raise usage_error("Give a RULE and a DATE (e.g. `due icpc 2018-12-17`), or --list.")
            try:
                rule = get_rule(rule_key)
            except UnknownTimescaleError as error:
                raise usage_error(str(error)) from None
            start = parse_start(rule, date_text)
            context = {
                keyword: options[flag]
                for flag, keyword in _CONTEXT_FLAGS.items()
                if options.get(flag) is not None
            }
            due = compute_due(rule.key, start, **context)
        except (TimescaleError, ImproperlyConfigured, DatabaseError, ValueError) as error:
            raise usage_error(str(error)) from None
        self.stdout.write(due.isoformat())
        self.stdout.write(due.explanation)

    def _list(self) -> None:
        rules = all_rules()
        width = max(len(rule.key) for rule in rules)
        for rule in rules:
            local = " (local override)" if rule.local_overrides else ""
            self.stdout.write(
                f"{rule.key:<{width}}  {rule.what} | due: {rule.describe()}{local} "
                f"| from: {rule.start_event} | source: {rule.source}"
            )
