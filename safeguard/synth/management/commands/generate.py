"""`safeguard generate`: write a reproducible synthetic local authority."""

from __future__ import annotations

import datetime as dt
import re
from typing import IO, Any, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from safeguard.audit.services import record_event
from safeguard.core import clock
from safeguard.synth.context import GenerationSettings
from safeguard.synth.generate import PHASES, GenerationRefused, generate_authority


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise CommandError(f"--scale must be a number such as 1.0, not {text!r}.") from None
    if not 0 < value <= 20:
        raise CommandError(f"--scale must be above 0 and at most 20, not {value}.")
    return value


class Command(BaseCommand):
    help = "Generate a synthetic local authority (synthetic data only) into an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", default="1.0", help="1.0 = a shire county of ~70,000 children"
        )
        parser.add_argument("--years", type=int, default=6, help="years of history (1 to 15)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--end", default=None, help="last day of history, YYYY-MM-DD (default today)"
        )
        parser.add_argument("--la-code", default=settings.SAFEGUARD_LA_CODE)
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        scale = _positive_float(str(options["scale"]))
        years = options["years"]
        if not 1 <= years <= 15:
            raise CommandError(f"--years must be between 1 and 15, not {years}.")
        if options["end"] is None:
            end = clock.today()
        else:
            try:
                end = dt.date.fromisoformat(options["end"])
            except ValueError:
                raise CommandError(
                    f"--end must be a date YYYY-MM-DD, not {options['end']!r}."
                ) from None
            if end > clock.today():
                raise CommandError(f"--end ({end.isoformat()}) cannot be in the future.")
        la_code = options["la_code"]
        if not re.fullmatch(r"\d{3}", la_code):
            raise CommandError(f"--la-code must be three digits, not {la_code!r}.")
        gen_settings = GenerationSettings(
            scale=scale,
            years=years,
            seed=options["seed"],
            end=end,
            la_code=la_code,
            la_name=settings.SAFEGUARD_LA_NAME,
        )
        console = Console(file=cast(IO[str], self.stdout._out))
        quiet = options["quiet"] or int(options.get("verbosity", 1)) == 0
        self.stdout.write(
            f"Generating {gen_settings.la_name} (LA {la_code}): scale {scale}, {years} years "
            f"{gen_settings.start.isoformat()} to {end.isoformat()}, seed {options['seed']}"
        )
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[rows]:,} rows"),
            TimeElapsedColumn(),
            console=console,
            disable=quiet,
        ) as progress:
            task = progress.add_task("Starting", total=len(PHASES), rows=0)
            written = 0

            def on_phase(label: str, number: int, total: int) -> None:
                progress.update(
                    task, description=f"[{number}/{total}] {label}", completed=number - 1
                )

            def on_rows(count: int) -> None:
                nonlocal written
                written += count
                progress.update(task, rows=written)

            try:
                result = generate_authority(gen_settings, on_phase=on_phase, on_rows=on_rows)
            except GenerationRefused as refused:
                raise CommandError(str(refused)) from None
            progress.update(task, completed=len(PHASES), description="Done")
        total = sum(result.counts.values())
        record_event(
            action="generate",
            row_count=total,
            summary=f"Generated the synthetic authority {gen_settings.la_name} (LA {la_code}): "
            f"scale {scale}, {years} years to {end.isoformat()}, seed {options['seed']}",
        )
        self.stdout.write(f"Wrote {total:,} rows in {result.seconds:.1f} s:")
        for label, count in sorted(result.counts.items()):
            self.stdout.write(f"  {label:40s} {count:>10,}")
