"""Issuing the weekly report to senior officers and the monthly Ofsted notification of the
unregistered placements (seed 000 §4.2), each once for its period. Re-exported by
``safeguard.care.services_unregistered``.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from safeguard.care import reports_unregistered as reports
from safeguard.care import selectors_unregistered as selectors
from safeguard.care.models_unregistered import (
    DocumentKind,
    IssuedDocument,
    IssuedDocumentEntry,
)
from safeguard.care.services_unregistered_rules import (
    choice,
)
from safeguard.core import clock
from safeguard.core import validation as v


@transaction.atomic
def issue_document(
    *, kind: str, as_at: dt.date, with_pdf: bool = True
) -> tuple[IssuedDocument, bool]:
    """Issue the weekly report or the Ofsted notification for the period holding ``as_at``.

    Idempotent: a period that already has its document gets it back unchanged
    (``created`` False). The document keeps its content as issued, and names each
    placement it covered, from which the next report's deadline counts.
    """
    choice(kind, DocumentKind, field="kind", message="Choose the weekly report or Ofsted list")
    if as_at > clock.today():
        raise v.fail("as_at", f"A report cannot be issued as at a future day ({as_at:%d/%m/%Y}).")
    existing = selectors.issued_for(kind, reports.period_of(kind, as_at)[0])
    if existing is not None:
        return existing, False
    report = reports.build_report(kind, as_at)
    html = reports.report_html(report)
    try:
        with transaction.atomic():
            document = IssuedDocument.objects.create(
                kind=kind,
                period_start=report.period_start,
                period_end=report.period_end,
                as_at=as_at,
                issued_at=timezone.now(),
                recipients=report.recipients,
                placement_count=len(report.rows),
                html=html,
                csv=reports.rows_csv(report.rows),
                pdf=reports.html_to_pdf(html) if with_pdf else b"",
            )
    except IntegrityError:
        # Another run issued it a moment ago: that one stands.
        found = selectors.issued_for(kind, report.period_start)
        assert found is not None
        return found, False
    for row in report.rows:
        IssuedDocumentEntry.objects.create(document=document, placement=row.placement)
    return document, True


def issue_documents(*, as_at: dt.date, with_pdf: bool = True) -> list[tuple[IssuedDocument, bool]]:
    """What the schedule runs: this week's report and this month's Ofsted notification."""
    return [
        issue_document(kind=kind, as_at=as_at, with_pdf=with_pdf)
        for kind in (DocumentKind.WEEKLY, DocumentKind.OFSTED)
    ]
