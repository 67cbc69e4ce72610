"""`safeguard scorecard --month YYYY-MM --format html|pdf|xlsx|csv -o FILE`: the OBA snapshot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.performance import exports
from safeguard.performance.coverage import NoDataError, require_records
from safeguard.performance.management.commands._reporting import (
    FORMATS,
    Progress,
    output_format,
    write_output,
)
from safeguard.performance.periods import Period, PeriodError
from safeguard.performance.products import oba


class Command(BaseCommand):
    help = "Write the OBA snapshot (scorecard) for a month, with 12-month trends."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="YYYY-MM, e.g. 2025-08")
        parser.add_argument("--format", choices=FORMATS, help="default: from the file name")
        parser.add_argument("-o", "--output", required=True, type=Path, help="the file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = Period.parse_month(options["month"])
            require_records(month)
        except (PeriodError, NoDataError) as error:
            raise CommandError(str(error)) from None
        path: Path = options["output"]
        fmt = output_format(path, options["format"])
        progress = Progress(options["verbosity"])
        snapshot = oba.snapshot(month, progress=progress)
        progress(f"Writing {fmt.upper()}")
        content: str | bytes
        if fmt == "csv":
            content = exports.snapshot_csv(snapshot)
        elif fmt == "xlsx":
            content = exports.snapshot_xlsx(snapshot)
        elif fmt == "pdf":
            content = exports.snapshot_pdf(snapshot)
        else:
            content = exports.snapshot_html(snapshot)
        write_output(path, content)
        self.stdout.write(f"Wrote the OBA snapshot for {month.label} to {path}.")
