"""Issued reports on unregistered placements, and the Corporate Parenting Board page.

Issued documents are shown as they were issued: their PDF and CSV are the stored files
(a document the generator wrote has no stored PDF, so it is drawn from its stored HTML).
The Board page is live: page, PDF and CSV from the same rows. Every page and download
naming children is one audit entry with the number of placements.
"""

from __future__ import annotations

import uuid

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.audit.models import AuditAction
from safeguard.care import reports_unregistered as reports
from safeguard.care import selectors_unregistered as selectors
from safeguard.care.models_unregistered import DocumentKind, IssuedDocument
from safeguard.care.views_unregistered import PER_PAGE, VIEW, audit_list
from safeguard.core import clock

CSV_TYPE = "text/csv; charset=utf-8"
PDF_TYPE = "application/pdf"
KINDS = {"weekly": DocumentKind.WEEKLY, "ofsted": DocumentKind.OFSTED}


def _attachment(content: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _document(document_id: uuid.UUID) -> IssuedDocument:
    document = selectors.issued_document(document_id)
    if document is None:
        raise Http404("There is no issued document with this identifier.")
    return document


def _file_name(document: IssuedDocument, extension: str) -> str:
    return f"unregistered-placements-{document.kind}-{document.period_start:%Y-%m-%d}.{extension}"


@requires(VIEW)
@require_GET
def documents(request: HttpRequest) -> HttpResponse:
    kind = KINDS.get(request.GET.get("kind", ""), "")
    page = Paginator(selectors.issued_documents(kind), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "care/unregistered/documents.html",
        {
            "page": page,
            "kind": kind,
            "kinds": DocumentKind.choices,
            "page_query": f"kind={kind}&" if kind else "",
        },
    )


@requires(VIEW)
@require_GET
def document(request: HttpRequest, document_id: uuid.UUID) -> HttpResponse:
    issued = _document(document_id)
    entries = list(
        issued.entries.select_related("placement__child").order_by("placement__started_on")
    )
    restricted = reports.restricted_children([e.placement for e in entries])
    audit_list(request, f"Issued document: {issued}", len(entries))
    return render(
        request,
        "care/unregistered/document.html",
        {"document": issued, "entries": entries, "restricted": restricted},
    )


@requires(VIEW)
@require_GET
def document_pdf(request: HttpRequest, document_id: uuid.UUID) -> HttpResponse:
    issued = _document(document_id)
    pdf = bytes(issued.pdf) or reports.html_to_pdf(issued.html)
    audit_list(
        request,
        f"Issued document PDF: {issued}",
        issued.placement_count,
        action=AuditAction.DOWNLOAD,
    )
    return _attachment(pdf, PDF_TYPE, _file_name(issued, "pdf"))


@requires(VIEW)
@require_GET
def document_csv(request: HttpRequest, document_id: uuid.UUID) -> HttpResponse:
    issued = _document(document_id)
    audit_list(
        request,
        f"Issued document CSV: {issued}",
        issued.placement_count,
        action=AuditAction.DOWNLOAD,
    )
    return _attachment(issued.csv, CSV_TYPE, _file_name(issued, "csv"))


@requires(VIEW)
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    page = reports.board_page(clock.today())
    audit_list(request, "Corporate Parenting Board page", len(page.current) + len(page.ended))
    return render(request, "care/unregistered/board.html", {"page": page})


@requires(VIEW)
@require_GET
def board_pdf(request: HttpRequest) -> HttpResponse:
    page = reports.board_page(clock.today())
    audit_list(
        request,
        "Corporate Parenting Board PDF",
        len(page.current) + len(page.ended),
        action=AuditAction.DOWNLOAD,
    )
    pdf = reports.html_to_pdf(reports.board_html(page))
    return _attachment(pdf, PDF_TYPE, f"corporate-parenting-board-{page.as_at:%Y-%m-%d}.pdf")


@requires(VIEW)
@require_GET
def board_csv(request: HttpRequest) -> HttpResponse:
    page = reports.board_page(clock.today())
    audit_list(
        request,
        "Corporate Parenting Board CSV",
        len(page.current) + len(page.ended),
        action=AuditAction.DOWNLOAD,
    )
    content = reports.rows_csv(page.current + page.ended)
    return _attachment(content, CSV_TYPE, f"corporate-parenting-board-{page.as_at:%Y-%m-%d}.csv")
