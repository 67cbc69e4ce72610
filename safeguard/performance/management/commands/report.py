"""`safeguard report cp-annual|self-evaluation|outcomes ... -o FILE`: the reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.performance import report_exports
from safeguard.performance.coverage import NoDataError, require_records
from safeguard.performance.management.commands._reporting import (
    FORMATS,
    Progress,
    output_format,
    write_output,
)
from safeguard.performance.periods import Period, PeriodError
from safeguard.performance.products import cp_annual, outcomes_export, self_evaluation
from safeguard.performance.products.outcomes import compute_all
from safeguard.performance.products.report import Report, build_report


class Command(BaseCommand):
    help = (
        "Write a report: cp-annual --year YYYY (the financial year starting April YYYY); "
        "self-evaluation --date YYYY-MM-DD; outcomes --quarter YYYY-Qn."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        reports = parser.add_subparsers(dest="report", required=True, metavar="REPORT")
        annual = reports.add_parser("cp-annual", help="the annual child protection report")
        annual.add_argument("--year", required=True, help="YYYY: the year April falls in")
        pack = reports.add_parser("self-evaluation", help="the self-evaluation data pack")
        pack.add_argument("--date", required=True, help="as at YYYY-MM-DD")
        outcomes = reports.add_parser("outcomes", help="outcomes-focused monitoring")
        outcomes.add_argument("--quarter", required=True, help="YYYY-Qn (Q1 = April to June)")
        for sub in (annual, pack, outcomes):
            sub.add_argument("--format", choices=FORMATS, help="default: from the file name")
            sub.add_argument("-o", "--output", required=True, type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["output"]
        fmt = output_format(path, options["format"])
        progress = Progress(options["verbosity"])
        try:
            if options["report"] == "outcomes":
                content = self._outcomes(options["quarter"], fmt, progress)
                label = f"outcomes-focused monitoring for {options['quarter']}"
            else:
                report = self._section_report(options, progress)
                progress(f"Writing {fmt.upper()}")
                content = self._render(report, fmt)
                label = f"{report.title.lower()} for {report.subtitle}"
        except (PeriodError, NoDataError) as error:
            raise CommandError(str(error)) from None
        write_output(path, content)
        self.stdout.write(f"Wrote the {label} to {path}.")

    def _section_report(self, options: dict[str, Any], progress: Progress) -> Report:
        if options["report"] == "cp-annual":
            year = Period.parse_year(options["year"])
            require_records(year)
            return build_report(key="cp-annual", title=cp_annual.TITLE,
                                sections=cp_annual.SECTIONS, periods=[year],
                                progress=progress)  # fmt: skip
        as_at = Period.parse_day(options["date"]).start
        spans = self_evaluation.spans(as_at)
        require_records(spans[-1])
        return build_report(key="self-evaluation", title=self_evaluation.TITLE,
                            sections=self_evaluation.SECTIONS, periods=spans,
                            subtitle=f"as at {as_at:%-d %B %Y}", progress=progress)  # fmt: skip

    def _render(self, report: Report, fmt: str) -> str | bytes:
        if fmt == "csv":
            return report_exports.report_csv(report)
        if fmt == "xlsx":
            return report_exports.report_xlsx(report)
        if fmt == "pdf":
            return report_exports.report_pdf(report)
        return report_exports.report_html(report)

    def _outcomes(self, quarter: str, fmt: str, progress: Progress) -> str | bytes:
        period = Period.parse_quarter(quarter)
        require_records(period)
        if fmt == "xlsx":
            raise CommandError("The outcomes report is written as PDF, HTML or CSV.")
        progress(f"Computing the indicators for {period.label}")
        outcomes = compute_all(period)
        progress(f"Writing {fmt.upper()}")
        if fmt == "csv":
            return outcomes_export.outcomes_csv(outcomes)
        if fmt == "pdf":
            return outcomes_export.outcomes_pdf(outcomes)
        return outcomes_export.outcomes_html(outcomes)
