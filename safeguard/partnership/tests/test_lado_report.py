"""The LADO quarterly report: its figures, the page, the PDF and the CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import make_user
from safeguard.audit.models import AuditEvent
from safeguard.partnership.quarters import Quarter, QuarterError
from safeguard.partnership.selectors.lado_report import quarterly_report, quarters_with_contacts

pytestmark = pytest.mark.django_db
D = dt.date
Q1 = Quarter(2020, 1)  # April to June 2020


def test_quarters_read_and_label():
    assert Quarter.parse("2020-q1") == Q1
    assert (Q1.start, Q1.end) == (D(2020, 4, 1), D(2020, 6, 30))
    assert Q1.label == "Q1 2020-21 (April to June 2020)"
    assert Quarter(2020, 4).end == D(2021, 3, 31)
    assert Q1.previous() == Quarter(2019, 4) and Quarter.containing(D(2021, 2, 1)) == Quarter(
        2020, 4
    )
    with pytest.raises(QuarterError, match="for example 2020-Q1"):
        Quarter.parse("Spring 2020")


def test_the_figures(quarter_of_contacts):
    report = quarterly_report(Q1, run_on=D(2020, 7, 15))
    assert (report.headline.contacts, report.headline.referrals) == (10, 3)
    assert report.headline.conversion == pytest.approx(30.0)
    assert (report.previous.contacts, report.previous.referrals) == (2, 1)
    roles = {line.key: line for line in report.by_role}
    assert (roles["foster_carer"].contacts, roles["foster_carer"].referrals) == (2, 1)
    assert roles["foster_carer"].share_of_referrals == pytest.approx(100 / 3)
    assert roles["connected_person"].contacts == 0 and roles["connected_person"].conversion is None
    sources = {line.key: line for line in report.by_source}
    assert (sources["health"].contacts, sources["health"].referrals) == (3, 3)
    assert sources["health"].share_of_referrals == pytest.approx(100.0)
    # Eight record when the employer knew: the four told the next working day are on time.
    assert (report.informed_known, report.informed_on_time) == (8, 4)
    assert dict((k, n) for k, _, n in report.outcomes)["unsubstantiated"] == 1
    assert report.outcomes_total == 1 and report.dbs_referrals == 1
    assert report.open_referrals_at_end == 3  # two of this quarter, one from March
    assert quarters_with_contacts()[:2] == [Q1, Quarter(2019, 4)]


def test_an_empty_quarter_has_no_conversion():
    report = quarterly_report(Q1, run_on=D(2020, 7, 15))
    assert report.headline.contacts == 0 and report.headline.conversion is None
    assert report.informed_on_time_percent is None


@pytest.fixture
def manager(client):
    return sign_in(client, make_user("sm", "service_manager"))


def test_the_page_names_no_one(manager, quarter_of_contacts):
    response = manager.get(reverse("partnership:lado_report"), {"quarter": "2020-Q1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "LADO quarterly report: Q1 2020-21 (April to June 2020)" in html
    assert "30%" in html and "Someone" not in html and "LADO-2020" not in html
    assert "4 of 8 contacts (50%)" in html


def test_a_quarter_that_cannot_be_read(manager):
    response = manager.get(reverse("partnership:lado_report"), {"quarter": "last spring"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and "for example 2020-Q1" in html


def test_the_csv(manager, quarter_of_contacts):
    response = manager.get(
        reverse("partnership:lado_report_export", kwargs={"fmt": "csv"}), {"quarter": "2020-Q1"}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="lado-quarterly-2020-Q1.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Quarter", "Section", "Row", "Measure", "Value"]
    assert ["2020-Q1", "Summary", "This quarter", "Conversion %", "30.0"] in rows
    assert ["2020-Q1", "By source", "Health", "Referrals", "3"] in rows
    assert ["2020-Q1", "Outcomes recorded", "Unsubstantiated", "Referrals", "1"] in rows
    entry = AuditEvent.objects.filter(action="download").latest("sequence")
    assert entry.summary == "LADO quarterly report 2020-Q1 (CSV)" and entry.row_count == 10


def test_the_pdf(manager, quarter_of_contacts):
    response = manager.get(
        reverse("partnership:lado_report_export", kwargs={"fmt": "pdf"}), {"quarter": "2020-Q1"}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        manager.get(reverse("partnership:lado_report_export", kwargs={"fmt": "docx"})).status_code
        == 404
    )
