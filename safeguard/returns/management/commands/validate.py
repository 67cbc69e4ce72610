"""`safeguard validate cin-census FILE` / `validate ssda903 DIR [--previous DIR]`.

Runs every DfE rule on a return file (ours or another system's) and prints the error
report. Exit status 0 when there are no errors, 1 when there are (queries alone, the
CIN census's "Q" rules, do not fail unless ``--strict``), 2 for a file that cannot be read.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.returns import error_report
from safeguard.returns.importing import ReturnFileError
from safeguard.returns.periods import CollectionYearError, collection_year
from safeguard.returns.rules.registry import ReturnData, rules, validate


class Command(BaseCommand):
    help = "Validate a CIN census XML file or a folder of SSDA903 CSV files against the DfE rules."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="return_name", required=True, metavar="RETURN")
        cin = kinds.add_parser("cin-census", help="a CIN census XML file")
        cin.add_argument("path", type=Path)
        ssda = kinds.add_parser("ssda903", help="a folder of SSDA903 CSV files")
        ssda.add_argument("path", type=Path)
        ssda.add_argument("--previous", type=Path, help="last year's folder (rules that compare)")
        for sub in (cin, ssda):
            sub.add_argument("--year", help="YYYY: the collection year (default: from the file)")
            sub.add_argument("--format", choices=error_report.FORMATS, default="table")
            sub.add_argument("-o", "--output", type=Path, help="write the report to a file")
            sub.add_argument("--rule", action="append", help="run only this rule (repeatable)")
            sub.add_argument("--strict", action="store_true", help="queries fail too")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        try:
            year = collection_year(options["year"]) if options.get("year") else None
            data = self._read(options["return_name"], path, year, options.get("previous"))
        except (ReturnFileError, CollectionYearError) as error:
            raise CommandError(str(error), returncode=2) from None
        report = validate(data, codes=options.get("rule"))
        run = [r for r in rules(data.kind) if r.implemented]
        where = f"{path} ({data.collection_start:%d/%m/%Y} to {data.collection_end:%d/%m/%Y})"
        self._write(report, options, where)
        for line in error_report.summary_lines(report, run, where):
            self.stderr.write(line)
        errors = report.filter(report["severity"] == "error").height
        if errors or (options["strict"] and report.height):
            sys.exit(1)

    def _read(self, name: str, path: Path, year: int | None, previous: Path | None) -> ReturnData:
        if name == "cin-census":
            from safeguard.returns.cin_census.reader import read_cin_census

            return read_cin_census(path, year=year)
        from safeguard.returns.ssda903.reader import read_ssda903

        if previous is not None and not previous.exists():
            raise CommandError(f"{previous} does not exist.", returncode=2)
        return read_ssda903(path, year=year, previous=previous)

    def _write(self, report: Any, options: dict[str, Any], where: str) -> None:
        fmt = options["format"]
        output: Path | None = options.get("output")
        if fmt == "xlsx":
            if output is None:
                raise CommandError("--format xlsx needs -o FILE.xlsx.", returncode=2)
            output.write_bytes(error_report.as_xlsx(report, f"Validation of {where}"))
            return
        if fmt == "csv":
            text = error_report.as_csv(report)
        elif fmt == "json":
            text = error_report.as_json(report)
        else:
            text = error_report.as_table(report) if report.height else ""
        if output is not None:
            output.write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
