"""The annual CP report and the self-evaluation pack: pages, errors and downloads."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from safeguard.access.testing.world import make_user
from safeguard.cin.models import CINEpisode
from safeguard.performance.periods import last_complete_financial_year, last_month_end
from safeguard.performance.products import cp_annual, self_evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(client):
    user = make_user("analyst", "performance_analyst")
    client.force_login(user)
    return user


def test_the_defaults_are_the_last_complete_year_and_month_end() -> None:
    assert last_complete_financial_year(dt.date(2026, 3, 31)) == 2024
    assert last_complete_financial_year(dt.date(2026, 4, 1)) == 2025
    assert last_month_end(dt.date(2026, 3, 1)) == dt.date(2026, 2, 28)


def test_the_cp_report_shows_every_section_with_drill_down_links(client, analyst) -> None:
    response = client.get(reverse("performance:cp_annual"), {"year": "2024"})
    assert response.status_code == 200
    page = response.content.decode()
    for section in cp_annual.SECTIONS:
        assert section.title in page
    assert "Annual child protection report: 2024-25" in page
    assert "?period=month%3A2024-04" in page  # the April figure opens its drill-down
    assert 'data-chart-spec="chart-' in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "2024-25"}, "the year it starts"),
        ({"year": "2999"}, "has not started yet"),
    ],
)
def test_a_bad_year_gets_the_form_back_with_the_error(client, analyst, query, message) -> None:
    response = client.get(reverse("performance:cp_annual"), query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()


def test_the_cp_report_downloads_as_pdf_spreadsheet_and_csv(client, analyst) -> None:
    url = lambda fmt: reverse("performance:cp_annual_export", kwargs={"fmt": fmt})  # noqa: E731
    pdf = client.get(url("pdf"), {"year": "2024"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert 'filename="cp-annual-2024.pdf"' in pdf["Content-Disposition"]
    book = load_workbook(io.BytesIO(client.get(url("xlsx"), {"year": "2024"}).content))
    assert book.sheetnames[0] == "1 Children conferenced and conf"
    assert len(book.sheetnames) == len(cp_annual.SECTIONS) + 1
    lines = list(csv.DictReader(io.StringIO(client.get(url("csv"), {"year": "2024"}).text)))
    april = [
        line for line in lines
        if line["Measure"] == "CP-04" and line["Row"] == "Apr 24"
    ]  # fmt: skip
    assert april and april[0]["Value"] == "0.0"
    assert client.get(url("docx"), {"year": "2024"}).status_code == 404
    assert client.get(url("pdf"), {"year": "nope"}).status_code == 400


def test_the_self_evaluation_pack_has_six_and_twelve_month_columns(
    client, analyst, make_child
) -> None:
    child = make_child()
    CINEpisode.objects.create(child=child, referral_date=dt.date(2025, 7, 1), referral_source="6")
    CINEpisode.objects.create(child=child, referral_date=dt.date(2024, 9, 1), referral_source="6")
    response = client.get(reverse("performance:self_evaluation"), {"date": "2025-07-31"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 February 2025 to 31 July 2025" in page
    assert "1 August 2024 to 31 July 2025" in page
    for section in self_evaluation.SECTIONS:
        assert section.title in page
    lines = list(
        csv.DictReader(
            io.StringIO(
                client.get(
                    reverse("performance:self_evaluation_export", kwargs={"fmt": "csv"}),
                    {"date": "2025-07-31"},
                ).text
            )
        )
    )
    referrals = {line["Column"]: line["Value"] for line in lines if line["Measure"] == "SE-FD-01"}
    assert referrals == {
        "1 February 2025 to 31 July 2025": "1.0",
        "1 August 2024 to 31 July 2025": "2.0",
    }
    exploitation = [line for line in lines if line["Section"] == "Exploitation"]
    assert exploitation and {line["As shown"] for line in exploitation} == {"0"}


def test_a_future_as_at_date_is_refused(client, analyst) -> None:
    response = client.get(reverse("performance:self_evaluation"), {"date": "2999-01-01"})
    assert response.status_code == 400
    assert "today or in the past" in response.content.decode()
