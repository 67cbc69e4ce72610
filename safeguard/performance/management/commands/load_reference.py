"""`safeguard load_reference population|comparators FILE`: load a CSV the authority receives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.performance.loading import LoadError, load_comparators, load_population

LOADERS = {"population": load_population, "comparators": load_comparators}


class Command(BaseCommand):
    help = (
        "Load the child population (year, age, count) or comparator figures "
        "(measure_id, area, area_name, year, value, source) from a CSV file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(LOADERS))
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = LOADERS[options["kind"]](options["file"])
        except LoadError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Loaded {options['file']}: {result.created} new rows, {result.updated} updated."
        )
