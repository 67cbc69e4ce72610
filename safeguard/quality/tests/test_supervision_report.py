"""The quarterly supervision report: what it counts per team and in total (the on-time
boundary on the due date, the overdue with nothing recorded, leavers), that its totals are
OBA2-03's and OBA2-04's figures, and the page, CSV and PDF with their audit entries."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from safeguard.audit.models import AuditAction, AuditEvent
from safeguard.core.quarters import FinancialQuarter
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.quality.models import Supervision
from safeguard.quality.selectors import supervision as selectors
from safeguard.quality.selectors.supervision_report import NO_TEAM, quarterly_report
from safeguard.quality.services.supervision import record_supervision
from safeguard.workforce.models import Allocation, Team, Worker

pytestmark = pytest.mark.django_db
Q1 = FinancialQuarter(2020, 1)  # April to June 2020
DIRECTION = "Visit this week and update the plan."


def _held_on_due(manager: Worker, worker: Worker, *, late: int = 0, cases: Any = ()) -> None:
    """Record the worker's next supervision as held ``late`` days after its due date."""
    due = selectors.next_due(worker)
    record_supervision(
        supervisor=manager,
        supervisee=worker,
        held_on=due + dt.timedelta(days=late),
        cases=cases,
    )


@pytest.fixture
def quarter_of_records(make_worker, make_child) -> dict[str, Any]:
    """Two teams and a caseworker with no team, supervision due in 2020-Q1 (the due dates
    are 4 weeks apart, from the registry):

    - Team Ash: A1 (held on the due date 17 April, held a day late, not held: leave) and
      A2 (first due 29 April, nothing recorded: overdue);
    - Team Birch: B1 (held on time 24 April with two cases discussed, then overdue from
      22 May; the one before was due in March) and a leaver who left before the first
      was due (not counted);
    - no team: N (held on time 8 May, then overdue from 5 June).
    """
    ash = Team.objects.create(name="Team Ash", service_area="cin")
    birch = Team.objects.create(name="Team Birch", service_area="cin")
    boss = make_worker(role="team_manager", team=ash)
    birch_boss = make_worker(role="team_manager", team=birch)
    a1 = make_worker(team=ash, manager=boss, started_on=dt.date(2020, 3, 20))
    a2 = make_worker(team=ash, manager=boss, started_on=dt.date(2020, 4, 1))
    b1 = make_worker(team=birch, manager=birch_boss, started_on=dt.date(2020, 3, 1))
    make_worker(
        team=birch, started_on=dt.date(2020, 3, 20), left_on=dt.date(2020, 4, 10)
    )  # first due 17 April, after leaving
    n = make_worker(team=ash, manager=boss, started_on=dt.date(2020, 4, 10))
    Worker.objects.filter(pk=n.pk).update(team=None)
    n.refresh_from_db()

    _held_on_due(boss, a1)  # due and held 17 April: on time
    _held_on_due(boss, a1, late=1)  # due 15 May, held 16 May: late
    record_supervision(supervisor=boss, supervisee=a1, not_held_reason="leave")  # 13 June
    children = [make_child(first_name=name) for name in ("Robin", "Ash")]
    for child in children:
        Allocation.objects.create(child=child, worker=b1, started_on=dt.date(2020, 3, 1))
    _held_on_due(birch_boss, b1, late=-2)  # due 29 March (2019-Q4), held 27 March
    _held_on_due(birch_boss, b1, cases=[(c, DIRECTION) for c in children])  # 24 April
    _held_on_due(boss, n)  # 8 May
    return {"a1": a1, "a2": a2, "b1": b1, "n": n, "manager": boss}


def test_the_report_counts_per_team_and_in_total(quarter_of_records):
    report = quarterly_report(Q1)
    assert [t.label for t in report.teams] == ["Team Ash", "Team Birch", NO_TEAM]
    ash, birch, none = report.teams
    assert (ash.workers, ash.due, ash.held, ash.on_time, ash.not_held, ash.overdue) == (
        2, 4, 2, 1, 1, 1,
    )  # fmt: skip
    assert (birch.workers, birch.due, birch.held, birch.on_time, birch.overdue) == (1, 2, 1, 1, 1)
    assert (birch.cases_discussed, birch.directions) == (2, 2)
    assert (none.workers, none.due, none.held, none.on_time, none.overdue) == (1, 2, 1, 1, 1)
    total = report.total
    assert (total.workers, total.due, total.held, total.on_time) == (4, 8, 4, 3)
    assert (total.not_held, total.overdue, total.cases_discussed, total.directions) == (1, 3, 2, 2)
    assert total.held_percent == pytest.approx(50.0)
    assert total.on_time_percent == pytest.approx(37.5)
    assert ash.on_time_percent == pytest.approx(25.0)
    assert not report.empty


def test_held_on_the_due_date_is_on_time_and_a_day_later_is_not(make_worker):
    team = Team.objects.create(name="Team Elm", service_area="cin")
    manager = make_worker(role="team_manager", team=team)
    on_the_day = make_worker(team=team, manager=manager, started_on=dt.date(2020, 3, 20))
    a_day_late = make_worker(team=team, manager=manager, started_on=dt.date(2020, 3, 20))
    _held_on_due(manager, on_the_day)
    _held_on_due(manager, a_day_late, late=1)
    found = {s.supervisee_id: s for s in Supervision.objects.all()}
    assert found[on_the_day.pk].held_on == found[on_the_day.pk].due_on == dt.date(2020, 4, 17)
    row = quarterly_report(Q1).total
    assert (row.held, row.on_time) == (2, 1)
    assert (row.due, row.overdue) == (4, 2)  # and each next one, due in May and June


def test_the_totals_are_the_measures_figures(quarter_of_records):
    """OBA2-03 (held / due) and OBA2-04 (on time / due) on the same data and quarter, and
    the quarters either side (a record due in March, an overdue one due in July)."""
    quarters = [Q1.previous(), Q1, Q1.next()]
    periods = [Period.of_quarter(q) for q in quarters]
    data = Data.for_periods(periods)
    for quarter, period in zip(quarters, periods, strict=True):
        total = quarterly_report(quarter).total
        completed = data.figure("OBA2-03", period)
        on_time = data.figure("OBA2-04", period)
        assert (completed.numerator_count, completed.denominator_count) == (
            total.held,
            total.due,
        ), quarter
        assert (on_time.numerator_count, on_time.denominator_count) == (
            total.on_time,
            total.due,
        ), quarter
        assert completed.value == total.held_percent and on_time.value == total.on_time_percent
    assert quarterly_report(Q1.previous()).total.due == 1  # B1's, due 29 March
    assert quarterly_report(Q1.next()).total.overdue == 1  # A1's, due 11 July


def test_a_quarter_with_nothing_due_is_empty(quarter_of_records):
    report = quarterly_report(FinancialQuarter(2018, 1))
    assert report.empty and report.teams == [] and report.total.held_percent is None


# --- the page, the CSV and the PDF ---------------------------------------------------


def _page(client: Any, **query: str) -> Any:
    return client.get(reverse("quality:supervision_report"), query)


def test_the_page_for_a_reader_of_quality_reports(quarter_of_records, qa_client):
    page = _page(qa_client, quarter=Q1.code)
    assert page.status_code == 200
    text = page.text
    assert "Supervision report: Q1 2020-21" in text and 'id="by-team"' in text
    assert "Team Birch" in text and "37.5%" in text and "25.0%" in text
    for worker in quarter_of_records.values():
        assert worker.last_name not in text  # teams only: no member of staff is named
    assert 'id="downloads"' in text and "No supervision was due" not in text


def test_the_empty_state_and_a_bad_quarter(quarter_of_records, qa_client):
    empty = _page(qa_client, quarter="2018-Q1")
    assert empty.status_code == 200 and 'id="empty"' in empty.text
    assert "No supervision was due in Q1 2018-19" in empty.text
    assert 'id="downloads"' not in empty.text
    bad = _page(qa_client, quarter="2020-Q5")
    assert bad.status_code == 400 and "There is a problem" in bad.text
    assert "Enter the quarter as YYYY-Qn, for example 2025-Q2" in bad.text
    assert _page(qa_client).status_code == 200  # the last complete quarter


def test_who_may_open_the_report(client, client_for, social_worker_user, team_manager_user):
    url = reverse("quality:supervision_report")
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert client_for(social_worker_user).get(url).status_code == 403
    csv_url = reverse("quality:supervision_report_export", kwargs={"fmt": "csv"})
    assert client_for(social_worker_user).get(csv_url).status_code == 403
    manager = client_for(team_manager_user)
    assert manager.get(url).status_code == 200
    team_page = manager.get(reverse("quality:supervision_team"))
    assert f'href="{url}"' in team_page.text  # linked from the manager's page


def test_the_csv_download_is_audited(quarter_of_records, qa_client, qa_user):
    response = qa_client.get(
        reverse("quality:supervision_report_export", kwargs={"fmt": "csv"}), {"quarter": Q1.code}
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="supervision-2020-Q1.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "row", "measure", "value"]
    assert ["total", "All teams", "supervisions due", "8"] in rows
    assert ["total", "All teams", "held on time %", "37.5"] in rows
    assert ["by team", "Team Ash", "overdue (nothing recorded)", "1"] in rows
    assert ["by team", "Team Birch", "cases with a management direction", "2"] in rows
    assert len(rows) == 1 + 4 * 10  # the total and three teams, ten figures each
    event = AuditEvent.objects.get(action=AuditAction.DOWNLOAD)
    assert event.model_label == "quality.Supervision" and event.row_count == 8
    assert event.summary == "Supervision report 2020-Q1 (CSV)"
    assert event.actor_id == qa_user.pk


def test_the_pdf_download_is_audited(quarter_of_records, qa_client):
    response = qa_client.get(
        reverse("quality:supervision_report_export", kwargs={"fmt": "pdf"}), {"quarter": Q1.code}
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'attachment; filename="supervision-2020-Q1.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(
        action=AuditAction.DOWNLOAD, summary="Supervision report 2020-Q1 (PDF)"
    ).exists()


def test_a_bad_quarter_or_format_is_not_downloaded(qa_client):
    csv_url = reverse("quality:supervision_report_export", kwargs={"fmt": "csv"})
    bad = qa_client.get(csv_url, {"quarter": "April"})
    assert bad.status_code == 400 and "Enter the quarter as YYYY-Qn" in bad.content.decode()
    xls = reverse("quality:supervision_report_export", kwargs={"fmt": "xls"})
    assert qa_client.get(xls, {"quarter": Q1.code}).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).exists()
