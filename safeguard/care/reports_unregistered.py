"""The unregistered placements reports: what each contains, and how it is drawn.

Three reports share one row shape (``ReportRow``): the weekly report to the Executive
Director, the IRO service manager and the Corporate Parenting Officer; the monthly list
for Ofsted; and the Corporate Parenting Board page (seed 000 §4.2). The weekly and Ofsted
reports are issued and kept (``services_unregistered.issue_documents``); the Board page is
drawn live. Each is HTML (the page and, through WeasyPrint, the PDF) and CSV from the same
rows, so the paper and the spreadsheet cannot disagree.

A restricted child's name and address never appear in these multi-child reports: the row
shows the local authority's child ID and "Restricted record" instead.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from safeguard.care import selectors_unregistered as selectors
from safeguard.care.models_unregistered import (
    DocumentKind,
    Judgement,
    UnregisteredPlacement,
)
from safeguard.core import calendar
from safeguard.core.codes import codelist
from safeguard.core.timescales import compute_due

WEEKLY_RECIPIENTS = (
    "Executive Director of Children's Services; Manager of the Independent Reviewing "
    "Officer service; Corporate Parenting Officer"
)
OFSTED_RECIPIENTS = "Ofsted, social care regulatory inspection team"
TITLES = {
    DocumentKind.WEEKLY: "Weekly report: children in unregistered placements",
    DocumentKind.OFSTED: "Monthly notification to Ofsted: children in unregistered placements",
}
RESTRICTED = "Restricted record"


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The ISO week (Monday to Sunday) holding ``day``: the weekly report's period."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar month holding ``day``: the Ofsted notification's period."""
    first = day.replace(day=1)
    return first, calendar.add_months(first, 1) - dt.timedelta(days=1)


def period_of(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    return week_of(day) if kind == DocumentKind.WEEKLY else month_of(day)


def restricted_children(placements: Iterable[UnregisteredPlacement]) -> set[Any]:
    """Ids of the children among ``placements`` whose records are restricted (one query)."""
    return restricted_among({p.child_id for p in placements})


def restricted_among(ids: set[Any]) -> set[Any]:
    from safeguard.access.models import RestrictedRecord

    return set(
        RestrictedRecord.objects.filter(child_id__in=ids, lifted_at__isnull=True).values_list(
            "child_id", flat=True
        )
    )


@dataclass(frozen=True)
class VisitRecord:
    """How the placement's independent visits have kept to the monthly timescale."""

    on_time: int
    due: int
    last_on: dt.date | None
    last_care: str
    next_due: dt.date
    overdue: bool

    @property
    def text(self) -> str:
        return f"{self.on_time} of {self.due} on time" if self.due else "None due yet"


def visit_record(placement: UnregisteredPlacement, as_at: dt.date) -> VisitRecord:
    """Each visit is on time when made within a month of the last (or of the move in); a
    visit now overdue counts as one due and not made."""
    base = placement.started_on
    on_time = due = 0
    last = None
    for visit in placement.visits.all():
        if visit.visited_on > as_at:
            break
        due += 1
        if visit.visited_on <= compute_due(selectors.VISIT, base).due_date:
            on_time += 1
        base, last = visit.visited_on, visit
    next_due = compute_due(selectors.VISIT, base).due_date
    ended = placement.ended_on
    still_open = ended is None or ended > as_at
    missed = next_due < (as_at if ended is None or ended > as_at else ended)
    if missed:
        due += 1
    return VisitRecord(
        on_time=on_time,
        due=due,
        last_on=last.visited_on if last else None,
        last_care=last.get_standard_of_care_display() if last else "",
        next_due=next_due,
        overdue=missed and still_open,
    )


@dataclass(frozen=True)
class ReportRow:
    placement: UnregisteredPlacement
    name: str
    la_child_id: str
    date_of_birth: dt.date | None
    age: int | None
    legal_status: str
    address: str
    provider: str
    setting: str
    started_on: dt.date
    days: int
    ended_on: dt.date | None
    end_reason: str
    reason: str
    reason_detail: str
    approval: str
    approved_in_time: bool
    visits: VisitRecord
    last_opinion: str
    progress: str
    progress_on: dt.date | None

    @property
    def weeks(self) -> int:
        return self.days // 7


def report_row(
    placement: UnregisteredPlacement, as_at: dt.date, *, restricted: bool = False
) -> ReportRow:
    child = placement.child
    until = placement.ended_on if placement.ended_on and placement.ended_on < as_at else as_at
    age = None
    if child.date_of_birth is not None:
        age = calendar.age_on(child.date_of_birth, until)
    status = selectors.legal_status_on(placement, until)
    if placement.approved_on is not None:
        approval = f"Approved {placement.approved_on:%d/%m/%Y} by {placement.approved_by}"
        if not placement.approved_in_time:
            approval += " (after the child moved in)"
    else:
        approval = "Not yet approved"
    last = selectors.last_visit(placement, as_at)
    progress = selectors.latest_progress(placement)
    return ReportRow(
        placement=placement,
        name=RESTRICTED if restricted else f"{child.first_name} {child.last_name}",
        la_child_id=child.la_child_id,
        date_of_birth=None if restricted else child.date_of_birth,
        age=age,
        legal_status=f"{codelist('legal_status').label(status)} ({status})" if status else "",
        address=RESTRICTED if restricted else placement.address,
        provider=placement.provider,
        setting=placement.get_setting_display(),
        started_on=placement.started_on,
        days=(until - placement.started_on).days,
        ended_on=placement.ended_on if placement.ended_on and placement.ended_on <= as_at else None,
        end_reason=placement.get_end_reason_display() if placement.ended_on else "",
        reason=placement.get_reason_display(),
        reason_detail=placement.reason_detail,
        approval=approval,
        approved_in_time=placement.approved_in_time,
        visits=visit_record(placement, as_at),
        last_opinion=last.opinion if last is not None else "",
        progress=f"{progress.get_step_display()}: {progress.note}" if progress else "None recorded",
        progress_on=progress.recorded_on if progress else None,
    )


def report_rows(placements: Sequence[UnregisteredPlacement], as_at: dt.date) -> list[ReportRow]:
    restricted = restricted_children(placements)
    return [report_row(p, as_at, restricted=p.child_id in restricted) for p in placements]


@dataclass
class Report:
    kind: str
    title: str
    recipients: str
    period_start: dt.date
    period_end: dt.date
    as_at: dt.date
    rows: list[ReportRow] = field(default_factory=list)

    @property
    def open_rows(self) -> list[ReportRow]:
        return [r for r in self.rows if r.ended_on is None]

    @property
    def ended_rows(self) -> list[ReportRow]:
        return [r for r in self.rows if r.ended_on is not None]


def build_report(kind: str, as_at: dt.date) -> Report:
    """The weekly report (placements in use this week up to ``as_at``) or the Ofsted list
    (in use this month up to ``as_at``)."""
    start, end = period_of(kind, as_at)
    placements = selectors.placements_in_use(start, as_at)
    return Report(
        kind=kind,
        title=TITLES[DocumentKind(kind)],
        recipients=WEEKLY_RECIPIENTS if kind == DocumentKind.WEEKLY else OFSTED_RECIPIENTS,
        period_start=start,
        period_end=end,
        as_at=as_at,
        rows=report_rows(placements, as_at),
    )


# --- drawing ------------------------------------------------------------------------------

CSV_COLUMNS = (
    "Child ID",
    "Name",
    "Date of birth",
    "Age",
    "Legal status",
    "Address",
    "Provider",
    "Accommodation",
    "Date placed",
    "Days in placement",
    "Ended",
    "How it ended",
    "Why no registered place",
    "Search for a registered place",
    "Corporate Director approval",
    "Approved by the day placed",
    "Last independent visit",
    "Standard of care at last visit",
    "Visits on time",
    "Next visit due",
    "Latest progress",
)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # a spreadsheet would run it as a formula (CSV injection)
    return value


def rows_csv(rows: Sequence[ReportRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow(
            [
                _cell(v)
                for v in (
                    r.la_child_id,
                    r.name,
                    r.date_of_birth,
                    r.age,
                    r.legal_status,
                    r.address,
                    r.provider,
                    r.setting,
                    r.started_on,
                    r.days,
                    r.ended_on,
                    r.end_reason,
                    r.reason,
                    r.reason_detail,
                    r.approval,
                    r.approved_in_time,
                    r.visits.last_on,
                    r.visits.last_care,
                    r.visits.text,
                    r.visits.next_due if r.ended_on is None else None,
                    r.progress,
                )
            ]
        )
    return out.getvalue()


def _context(**extra: Any) -> dict[str, Any]:
    return {"la_name": getattr(settings, "SAFEGUARD_LA_NAME", ""), **extra}


def report_html(report: Report) -> str:
    return render_to_string("care/unregistered/print/document.html", _context(report=report))


def html_to_pdf(html: str) -> bytes:
    """A PDF of the HTML (WeasyPrint; nothing fetched: every style is in the page)."""
    from weasyprint import HTML

    return bytes(HTML(string=html).write_pdf())


# --- the Corporate Parenting Board page -----------------------------------------------------


@dataclass
class BoardPage:
    as_at: dt.date
    current: list[ReportRow]
    ended: list[ReportRow]

    @property
    def count(self) -> int:
        return len(self.current)

    @property
    def average_weeks(self) -> float | None:
        return sum(r.days for r in self.current) / 7 / len(self.current) if self.current else None

    @property
    def approved_in_time(self) -> int:
        return sum(1 for r in self.current if r.approved_in_time)

    @property
    def visits_on_time(self) -> tuple[int, int]:
        rows = self.current + self.ended
        return sum(r.visits.on_time for r in rows), sum(r.visits.due for r in rows)

    @property
    def inadequate(self) -> list[ReportRow]:
        label = Judgement.INADEQUATE.label
        return [r for r in self.current if r.visits.last_care == label]


#: The Board page also lists placements that ended in this many months before the day.
BOARD_ENDED_MONTHS = 12


def board_page(as_at: dt.date) -> BoardPage:
    """Current placements (length, progress, visits) and those ended in the last year."""
    since = calendar.add_months(as_at, -BOARD_ENDED_MONTHS)
    placements = selectors.placements_in_use(since, as_at)
    rows = report_rows(placements, as_at)
    return BoardPage(
        as_at=as_at,
        current=[r for r in rows if r.ended_on is None],
        ended=[r for r in rows if r.ended_on is not None],
    )


def board_html(page: BoardPage) -> str:
    return render_to_string("care/unregistered/print/board.html", _context(page=page))
