"""`safeguard synth_check`: run the invariant checker; exit 1 if any rule is broken."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections import defaultdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.core import clock
from safeguard.synth.checker import RULES, Violation, check_invariants


class Command(BaseCommand):
    help = "Check every record against the rules the services enforce."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", default=None, help="judge as at YYYY-MM-DD (default today)")
        parser.add_argument("--limit", type=int, default=10, help="examples shown per rule")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = dt.date.fromisoformat(options["today"]) if options["today"] else clock.today()
        except ValueError:
            raise CommandError(f"--today must be YYYY-MM-DD, not {options['today']!r}.") from None
        started = time.perf_counter()
        violations = check_invariants(today)
        by_rule: dict[str, list[Violation]] = defaultdict(list)
        for v in violations:
            by_rule[v.rule].append(v)
        self.stdout.write(
            f"Checked {len(RULES)} rules as at {today} in {time.perf_counter() - started:.1f} s."
        )
        for rule_id, (description, _fn) in RULES.items():
            found = by_rule.get(rule_id, [])
            self.stdout.write(
                f"{'FAIL' if found else 'ok  '} {rule_id:32s} {len(found):>6}  {description}"
            )
            for v in found[: options["limit"]]:
                self.stdout.write(
                    f"       {v.model} {v.record_id} child {v.la_child_id}: {v.message}"
                )
        if violations:
            self.stderr.write(f"{len(violations)} violations.")
            sys.exit(1)
        self.stdout.write("No violations.")
