"""The weekly report and the Ofsted list: issued on schedule, once per period, and kept."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from safeguard.access.services import restrict_record
from safeguard.access.testing.world import make_user
from safeguard.care import reports_unregistered as reports
from safeguard.care import selectors_unregistered as selectors
from safeguard.care.models_unregistered import DocumentKind, IssuedDocument, IssuedDocumentEntry
from safeguard.care.services_unregistered import issue_document, issue_documents
from safeguard.care.tests.helpers import message, refused
from safeguard.care.tests.unregistered_helpers import ADDRESS, on_register, placed_unregistered
from safeguard.core import clock

pytestmark = pytest.mark.django_db

TODAY = clock.today()
PLACED = TODAY - dt.timedelta(days=40)


def test_periods_are_the_iso_week_and_the_calendar_month():
    assert reports.week_of(dt.date(2026, 3, 4)) == (dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    assert reports.week_of(dt.date(2026, 3, 8)) == (dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    assert reports.month_of(dt.date(2024, 2, 10)) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))


def test_the_weekly_report_is_issued_once_a_week_and_kept(child):
    entry = on_register(placed_unregistered(child, PLACED))
    document, created = issue_document(kind=DocumentKind.WEEKLY, as_at=TODAY, with_pdf=False)
    assert created and document.placement_count == 1
    assert document.period_start == reports.week_of(TODAY)[0]
    assert "Executive Director" in document.recipients
    assert f"{child.first_name} {child.last_name}" in document.html
    assert list(IssuedDocumentEntry.objects.values_list("placement", flat=True)) == [entry.pk]
    again, created_again = issue_document(kind=DocumentKind.WEEKLY, as_at=TODAY, with_pdf=False)
    assert again == document and not created_again
    assert IssuedDocument.objects.count() == 1
    # The next report is due a week after this one, by the registry.
    due = selectors.report_due(entry, DocumentKind.WEEKLY)
    assert due.due_date == TODAY + dt.timedelta(days=7) and "1 week" in due.explanation


def test_the_csv_has_a_row_per_child_with_the_register_columns(child):
    on_register(placed_unregistered(child, PLACED))
    document, _ = issue_document(kind=DocumentKind.OFSTED, as_at=TODAY, with_pdf=False)
    rows = list(csv.reader(io.StringIO(document.csv)))
    assert rows[0] == list(reports.CSV_COLUMNS)
    header = rows[0]
    row = dict(zip(header, rows[1], strict=True))
    assert row["Child ID"] == child.la_child_id
    assert row["Address"] == ADDRESS
    assert row["Date placed"] == PLACED.isoformat()
    assert row["Approved by the day placed"] == "Yes"
    assert row["Visits on time"] == "0 of 1 on time"
    assert document.period_start == TODAY.replace(day=1)
    assert document.recipients == reports.OFSTED_RECIPIENTS


def test_the_pdf_is_kept_when_issued(child):
    on_register(placed_unregistered(child, PLACED))
    document, _ = issue_document(kind=DocumentKind.WEEKLY, as_at=TODAY)
    assert bytes(document.pdf).startswith(b"%PDF")


def test_a_restricted_child_is_named_by_id_only(child, make_child):
    on_register(placed_unregistered(child, PLACED))
    restrict_record(
        child=child,
        reason_category="staff_family",
        note="A member of staff's child.",
        restricted_by=make_user("sm.restrict", "service_manager"),
    )
    document, _ = issue_document(kind=DocumentKind.WEEKLY, as_at=TODAY, with_pdf=False)
    assert child.last_name not in document.html and "Restricted record" in document.html
    assert child.la_child_id in document.html and "Harbour View" not in document.html


def test_an_ended_placement_is_reported_in_its_last_period_then_drops_off(child):
    from safeguard.care.models_unregistered import UnregisteredEndReason
    from safeguard.care.services_unregistered import end_unregistered_placement

    entry = on_register(placed_unregistered(child, PLACED))
    end_unregistered_placement(
        placement=entry, ended_on=TODAY, end_reason=UnregisteredEndReason.HOME_REGISTERED
    )
    report = reports.build_report(DocumentKind.WEEKLY, TODAY)
    assert [r.ended_on for r in report.rows] == [TODAY]
    later = reports.build_report(DocumentKind.WEEKLY, TODAY + dt.timedelta(days=7))
    assert later.rows == []


def test_an_empty_period_still_gets_its_document():
    document, created = issue_document(kind=DocumentKind.WEEKLY, as_at=TODAY, with_pdf=False)
    assert created and document.placement_count == 0
    assert "No child was living in an unregistered placement" in document.html


def test_a_report_cannot_be_issued_for_the_future():
    with refused("as_at") as excinfo:
        issue_document(kind=DocumentKind.WEEKLY, as_at=TODAY + dt.timedelta(days=1))
    assert "future" in message(excinfo, "as_at")


def test_the_command_issues_both_documents_once_per_period(child, capsys):
    on_register(placed_unregistered(child, PLACED))
    call_command("issue_unregistered_reports", "--date", TODAY.isoformat(), "--no-pdf")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Issued: Weekly report") and "(1 placement)" in out[0]
    assert out[1].startswith("Issued: Monthly notification to Ofsted")
    call_command("issue_unregistered_reports", "--date", TODAY.isoformat(), "--no-pdf")
    again = capsys.readouterr().out.splitlines()
    assert all(line.startswith("Already issued") for line in again)
    assert IssuedDocument.objects.count() == 2
    # The week before: its own weekly report; its month's notification only if the month differs.
    week_before = TODAY - dt.timedelta(days=7)
    call_command("issue_unregistered_reports", "--date", week_before.isoformat(), "--no-pdf")
    expected = 3 if reports.month_of(week_before) == reports.month_of(TODAY) else 4
    assert IssuedDocument.objects.count() == expected


def test_the_command_says_what_was_wrong_with_the_date():
    with pytest.raises(CommandError) as excinfo:
        call_command("issue_unregistered_reports", "--date", "31/03/2026")
    assert "expected YYYY-MM-DD" in str(excinfo.value)
    assert excinfo.value.returncode == 2


def test_issue_documents_runs_both(child):
    on_register(placed_unregistered(child, PLACED))
    issued = issue_documents(as_at=TODAY, with_pdf=False)
    assert [d.kind for d, _ in issued] == [DocumentKind.WEEKLY, DocumentKind.OFSTED]
