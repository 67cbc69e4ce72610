"""`safeguard returns cin-census|ssda903|annex-a`: the statutory returns from the records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.performance.management.commands._reporting import Progress, write_output
from safeguard.returns.periods import CollectionYearError, collection_year


class Command(BaseCommand):
    help = (
        "Write a statutory return: cin-census --year YYYY -o FILE.xml; ssda903 --year YYYY "
        "-o DIR; annex-a --date YYYY-MM-DD -o FILE.xlsx. YYYY is the collection year ending "
        "31 March YYYY."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="return_name", required=True, metavar="RETURN")
        cin = kinds.add_parser("cin-census", help="the CIN census XML")
        cin.add_argument("--year", required=True, help="YYYY: the collection year ending 31 March")
        cin.add_argument("-o", "--output", required=True, type=Path, help="the XML file to write")
        ssda = kinds.add_parser("ssda903", help="the SSDA903 CSV files")
        ssda.add_argument("--year", required=True, help="YYYY: the collection year ending 31 March")
        ssda.add_argument("-o", "--output", required=True, type=Path, help="the folder to write")
        annex = kinds.add_parser("annex-a", help="Ofsted's Annex A lists (XLSX)")
        annex.add_argument("--date", required=True, help="as at YYYY-MM-DD")
        annex.add_argument("-o", "--output", required=True, type=Path, help="the XLSX file")

    def handle(self, *args: Any, **options: Any) -> None:
        progress = Progress(options["verbosity"])
        name = options["return_name"]
        path: Path = options["output"]
        try:
            if name == "annex-a":
                self._annex_a(_as_at(options["date"]), path, progress)
                return
            year = collection_year(options["year"])
        except CollectionYearError as error:
            raise CommandError(str(error)) from None
        if name == "cin-census":
            from safeguard.returns.cin_census.export import cin_census_xml

            try:
                content = cin_census_xml(year, progress=progress)
            except ValueError as error:  # no child in the year, or not valid against the XSD
                raise CommandError(str(error)) from None
            write_output(path, content)
            self.stdout.write(f"Wrote the CIN census {year - 1}-{year % 100:02d} to {path}.")
        else:
            from safeguard.returns.ssda903.export import ssda903_files

            files = ssda903_files(year, progress=progress)
            path.mkdir(parents=True, exist_ok=True)
            for file_name, text in files.items():
                write_output(path / file_name, text)
            self.stdout.write(
                f"Wrote the SSDA903 {year - 1}-{year % 100:02d} ({len(files)} files) to {path}."
            )

    def _annex_a(self, as_at: dt.date, path: Path, progress: Progress) -> None:
        from safeguard.returns.annex_a.export import annex_a_workbook

        write_output(path, annex_a_workbook(as_at, progress=progress))
        self.stdout.write(f"Wrote Annex A as at {as_at:%d/%m/%Y} to {path}.")


def _as_at(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CollectionYearError(f"--date must be YYYY-MM-DD (got {text!r}).") from None
