"""Page, CSV and PDF helpers for quality assurance reports, shared by every quality process.

A report is exported as long-form rows (section, row, measure, value) so a spreadsheet
can pivot it, and as a PDF that WeasyPrint draws from a template with inline styles only.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from safeguard.core import clock
from safeguard.core.quarters import FinancialQuarter, QuarterError

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
PDF_CONTENT_TYPE = "application/pdf"
FORMATS = {"csv": CSV_CONTENT_TYPE, "pdf": PDF_CONTENT_TYPE}


def requested_quarter(request: HttpRequest) -> tuple[FinancialQuarter | None, str]:
    """The financial quarter a quarterly report's ``?quarter=`` names, or the last complete
    one when none is given; (None, what to type) when it cannot be read."""
    text = request.GET.get("quarter", "").strip()
    if text:
        try:
            return FinancialQuarter.parse(text), ""
        except QuarterError as exc:
            return None, str(exc)
    return FinancialQuarter.containing(clock.today()).previous(), ""


def cell(value: Any) -> Any:
    """A value as a CSV cell: blanks for None, one decimal, no formula injection."""
    if value is None:
        return ""
    if isinstance(value, float):
        return round(value, 1)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # a spreadsheet must not run it as a formula
    return value


def rows_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(list(header))
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return out.getvalue()


def render_pdf_html(template: str, context: dict[str, Any]) -> str:
    return render_to_string(
        template,
        {
            "la_name": getattr(settings, "SAFEGUARD_LA_NAME", ""),
            "computed_at": timezone.localtime(),
            **context,
        },
    )


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint with ``data:`` URLs only: every style is inline, nothing is fetched."""
    from weasyprint import HTML, URLFetcher

    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def download(content: str | bytes, *, fmt: str, filename: str) -> HttpResponse:
    """An attachment response that no cache keeps."""
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def report_download(
    request: HttpRequest,
    fmt: str,
    *,
    pdf_template: str,
    report: Any,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    model_label: str,
    title: str,
    count: int,
    filename: str,
) -> HttpResponse:
    """A quality report as PDF (from its template) or CSV (long-form rows), written to the
    audit log as a download: the one export path every quality report takes."""
    from safeguard.quality.auditing import audit_download

    content: str | bytes
    if fmt == "pdf":
        content = html_to_pdf(render_pdf_html(pdf_template, {"report": report}))
    else:
        content = rows_csv(header, rows)
    audit_download(
        request, model_label=model_label, summary=f"{title} ({fmt.upper()})", count=count
    )
    return download(content, fmt=fmt, filename=f"{filename}.{fmt}")
