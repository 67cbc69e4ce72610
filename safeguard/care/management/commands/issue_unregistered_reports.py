"""`safeguard issue_unregistered_reports [--date YYYY-MM-DD]`: the scheduled reports.

Issues the weekly report on unregistered placements (to the Executive Director, the IRO
service manager and the Corporate Parenting Officer) for the week holding the date, and
the monthly Ofsted notification for its month, each as at the date, and keeps them. Run
it every day or every Monday from the scheduler: a period that already has its document is
left as it was, so running it again changes nothing. One line per document; a mistake in
what was typed is one line on stderr and exit status 2.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.care.services_unregistered import issue_documents
from safeguard.core import clock

USAGE_ERROR = 2


class Command(BaseCommand):
    help = (
        "Issue this week's report and this month's Ofsted notification on unregistered "
        "placements (each once per period)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="Issue as at this day, YYYY-MM-DD (default: today in England)."
        )
        parser.add_argument(
            "--no-pdf", action="store_true", help="Keep the HTML and CSV only (faster)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        text = options.get("date")
        try:
            as_at = dt.date.fromisoformat(text) if text else clock.today()
        except ValueError:
            raise CommandError(
                f"Malformed --date {text!r}: expected YYYY-MM-DD.", returncode=USAGE_ERROR
            ) from None
        try:
            issued = issue_documents(as_at=as_at, with_pdf=not options["no_pdf"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=USAGE_ERROR) from None
        for document, created in issued:
            verb = "Issued" if created else "Already issued"
            self.stdout.write(
                f"{verb}: {document.get_kind_display()} for {document.period_start:%d/%m/%Y}"
                f" to {document.period_end:%d/%m/%Y}, as at {document.as_at:%d/%m/%Y}"
                f" ({document.placement_count} placement"
                f"{'' if document.placement_count == 1 else 's'})"
            )
