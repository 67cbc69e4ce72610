"""`safeguard import cin-census FILE | ssda903 DIR`: load another system's returns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.returns.importing import ImportSummary, ReturnFileError


class Command(BaseCommand):
    help = (
        "Import a CIN census XML file or a folder of SSDA903 CSV files into the records. "
        "Children are matched by LA child id; importing the same files again changes nothing; "
        "a file with an error is refused whole."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="return_name", required=True, metavar="RETURN")
        cin = kinds.add_parser("cin-census", help="a CIN census XML file")
        cin.add_argument("path", type=Path)
        ssda = kinds.add_parser("ssda903", help="a folder of SSDA903 CSV files")
        ssda.add_argument("path", type=Path)
        ssda.add_argument("--year", help="YYYY: the collection year (default: from the files)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        summary: ImportSummary
        try:
            if options["return_name"] == "cin-census":
                from safeguard.returns.cin_census.importer import import_cin_census

                summary = import_cin_census(path)
            else:
                from safeguard.returns.ssda903.importer import import_ssda903

                year = int(options["year"]) if options.get("year") else None
                summary = import_ssda903(path, year=year)
        except ReturnFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        for line in summary.lines():
            self.stdout.write(line)
        if not summary.changed:
            self.stdout.write("Nothing changed: the records already hold these files.")
