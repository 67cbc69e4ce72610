"""The annual CDOP statistics as CSV and PDF, and the National Child Mortality Database
extract as CSV (as ``safeguard.partnership.exports`` does for the LADO report)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from safeguard.partnership.exports import _cell
from safeguard.partnership.selectors.child_deaths_report import (
    NCMD_COLUMNS,
    AnnualStatistics,
    ncmd_rows,
)


def statistics_filename(stats: AnnualStatistics, extension: str) -> str:
    return f"cdop-statistics-{stats.code}.{extension}"


def statistics_rows(stats: AnnualStatistics) -> list[list[Any]]:
    """Long form: section, row, measure, value (percentages 0-100, one decimal)."""
    rows: list[list[Any]] = [
        ["Summary", "This year", "Notifications", stats.notifications],
        ["Summary", "Previous year", "Notifications", stats.previous_notifications],
        ["Summary", "This year", "Neonatal deaths", stats.neonatal],
        ["Summary", "This year", "Neonatal %", stats.neonatal_percent],
        ["Summary", "This year", "Known to children's social care", stats.known_to_social_care],
        ["Summary", "This year", "Joint Agency Responses", stats.joint_agency_responses],
        ["Summary", "This year", "Reviews completed", stats.reviews_completed],
        ["Summary", "Previous year", "Reviews completed", stats.previous_reviews_completed],
        ["Summary", "This year", "Reviews with modifiable factors", stats.with_modifiable],
        ["Summary", "This year", "Reviews with modifiable factors %", stats.modifiable_percent],
        ["Summary", "End of year", "Notified, not yet reviewed", stats.open_at_end],
    ]
    for title, _anchor, lines, _column in (*stats.notification_tables, *stats.review_tables):
        for line in lines:
            rows += [
                [title, line.label, "Count", line.count],
                [title, line.label, "Share %", line.share],
            ]
    return rows


def statistics_csv(stats: AnnualStatistics) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Financial year", "Section", "Row", "Measure", "Value"])
    for row in statistics_rows(stats):
        writer.writerow([stats.code, *(_cell(v) for v in row)])
    return out.getvalue()


def statistics_html(stats: AnnualStatistics) -> str:
    return render_to_string(
        "partnership/pdf/child_deaths_statistics.html",
        {
            "stats": stats,
            "la_name": getattr(settings, "SAFEGUARD_LA_NAME", ""),
            "computed_at": timezone.localtime(),
        },
    )


def statistics_pdf(stats: AnnualStatistics) -> bytes:
    """WeasyPrint with ``data:`` URLs only: every style is inline, nothing is fetched."""
    from weasyprint import HTML, URLFetcher

    pdf = HTML(
        string=statistics_html(stats), url_fetcher=URLFetcher(allowed_protocols={"data"})
    ).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def ncmd_filename(year: int | None) -> str:
    return f"ncmd-extract-{year}.csv" if year is not None else "ncmd-extract-all.csv"


def ncmd_csv(year: int | None) -> tuple[str, int]:
    """The extract and how many rows it has."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([name for name, _ in NCMD_COLUMNS])
    rows = ncmd_rows(year)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue(), len(rows)
