"""`safeguard synth_calibration`: the generated authority against calibration.md's seeds."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.core import clock
from safeguard.synth.calibration import format_table, measure_calibration


class Command(BaseCommand):
    help = "Print each calibrated quantity: target, generated, within 15% or not."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-at", default=None, help="YYYY-MM-DD (default today)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_at = dt.date.fromisoformat(options["as_at"]) if options["as_at"] else clock.today()
        except ValueError:
            raise CommandError(f"--as-at must be YYYY-MM-DD, not {options['as_at']!r}.") from None
        rows = measure_calibration(as_at)
        self.stdout.write(f"Calibration as at {as_at} (counts scaled to the child population)")
        self.stdout.write(format_table(rows))
        out = [r.target.quantity for r in rows if not r.within]
        self.stdout.write(f"{len(rows) - len(out)} of {len(rows)} within tolerance.")
