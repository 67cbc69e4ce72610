"""The partnership dataset's pages through the test client: the dataset page for the
business unit and for an analyst, the downloads, a partner's exception report (draft,
errors, submit, another agency's refused), the local authority's, sending one back, and
the partner survey."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import make_user
from safeguard.audit.models import AuditEvent
from safeguard.core import clock
from safeguard.partnership.models.dataset import ExceptionReport, PartnerSurveyResponse
from safeguard.partnership.quarters import Quarter
from safeguard.partnership.services import dataset as services

pytestmark = pytest.mark.django_db
TODAY = clock.today()
LAST = Quarter.containing(TODAY).previous()
NAMES = ("risks", "emerging_priorities", "resources", "workforce")


def full_post(action: str = "submit", **extra: str) -> dict[str, str]:
    data = {"action": action}
    for n in NAMES:
        data[n] = f"Our {n.replace('_', ' ')} this quarter."
        data[f"{n}_rag"] = "amber"
    data.update(extra)
    return data


def assert_error(response: Any, anchor: str, message: str) -> None:
    html = response.content.decode()
    assert "govuk-error-summary" in html and "<title>Error: " in html
    assert f'href="#{anchor}">{message}' in html, html[html.find("error-summary") :][:1500]


@pytest.fixture
def unit(client):
    return sign_in(client, make_user("pbu.data", "partnership_business_unit"))


@pytest.fixture
def police(client):
    user = make_user("pc.data", "partner_agency", agency="police", last_name="Cole")
    sign_in(client, user)
    return client


def _police_url(quarter: Quarter = LAST, agency: str = "police") -> str:
    return reverse(
        "partnership:dataset_agency_report_form", kwargs={"quarter": quarter.code, "agency": agency}
    )


def _submitted(agency: str = "police") -> ExceptionReport:
    return services.save_exception_report(
        agency=agency,
        quarter=LAST,
        sections={n: f"{agency} {n}" for n in NAMES},
        rags={n: "red" if n == "risks" else "green" for n in NAMES},
        submit=True,
    )


def test_the_unit_sees_the_metrics_and_the_quarters_reports(unit):
    _submitted("police")
    response = unit.get(reverse("partnership:dataset_page"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Partnership dataset: {LAST.label}" in html  # the last complete quarter
    assert "1. Contacts received through the MASH" in html
    assert "10. Missing episodes" in html and "Children at risk of exploitation" in html
    assert 'id="reports"' in html and "police risks" in html
    missing = html[html.find('id="missing-reports"') :][:600]
    assert "Health (not started)" in missing and "Police" not in missing


def test_an_analyst_sees_the_metrics_but_not_the_partners_reports(client):
    _submitted("police")
    sign_in(client, make_user("analyst.data", "performance_analyst"))
    html = client.get(reverse("partnership:dataset_page")).content.decode()
    assert "Ten basic metrics" in html
    assert "police risks" not in html and 'id="reports"' not in html
    csv = client.get(
        reverse("partnership:dataset_export", kwargs={"fmt": "csv"}) + f"?quarter={LAST.code}"
    ).content.decode()
    assert "Ten basic metrics" in csv and "police risks" not in csv


def test_a_quarter_that_cannot_be_read_is_an_error(unit):
    response = unit.get(reverse("partnership:dataset_page") + "?quarter=2025-5")
    assert response.status_code == 400
    assert "Enter the quarter as YYYY-Qn" in response.content.decode()


def test_the_downloads_carry_the_metrics_and_the_reports_and_are_audited(unit):
    _submitted("police")
    url = reverse("partnership:dataset_export", kwargs={"fmt": "csv"}) + f"?quarter={LAST.code}"
    response = unit.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert text.splitlines()[0] == "Quarter,Section,Row,Column,Value"
    assert "1. Contacts received through the MASH (OBA1-04)" in text
    assert "Police,Current risks RAG,Red" in text and "police risks" in text
    assert "Health,Status,Not started" in text
    pdf = unit.get(reverse("partnership:dataset_export", kwargs={"fmt": "pdf"}))
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    assert AuditEvent.objects.filter(summary__startswith="Partnership dataset").count() == 2
    assert unit.get(reverse("partnership:dataset_export", kwargs={"fmt": "xls"})).status_code == 404


def test_a_partner_saves_a_draft_then_submits_their_agencys_report(police):
    listing = police.get(reverse("partnership:dataset_agency_reports")).content.decode()
    assert "Police exception reports" in listing and LAST.label in listing
    assert police.get(_police_url()).status_code == 200
    response = police.post(
        _police_url(), {"action": "draft", "risks": "Knife crime up.", "risks_rag": "red"}
    )
    assert response.status_code == 302
    draft = ExceptionReport.objects.get(agency="police", quarter=LAST.code)
    assert not draft.is_submitted and draft.risks_rag == "red"
    # Submitting without every section: the errors, nothing submitted.
    response = police.post(_police_url(), {"action": "submit", "version": draft.version})
    assert response.status_code == 200
    assert_error(
        response, "id_workforce", "Write about workforce (write “None” if there is nothing)."
    )
    response = police.post(_police_url(), full_post(version=str(draft.version)))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_submitted and draft.submitted_by_name == "pc.data Cole"
    page = police.get(_police_url()).content.decode()
    assert "Submitted" in page and "<textarea" not in page
    # A post after submission changes nothing.
    police.post(_police_url(), full_post(risks="Changed"))
    draft.refresh_from_db()
    assert draft.risks == "Our risks this quarter."


def test_a_partner_cannot_open_another_agencys_or_a_future_quarters_form(police):
    assert police.get(_police_url(agency="health")).status_code == 403
    assert police.post(_police_url(agency="health"), full_post()).status_code == 403
    assert police.get(_police_url(agency="local_authority")).status_code == 403
    assert not ExceptionReport.objects.exists()
    later = Quarter.containing(TODAY).next()
    assert police.get(_police_url(quarter=later)).status_code == 404
    bad = reverse(
        "partnership:dataset_agency_report_form", kwargs={"quarter": "2025-Q9", "agency": "police"}
    )
    assert police.get(bad).status_code == 404


def test_the_unit_writes_the_local_authoritys_report(unit):
    url = reverse("partnership:dataset_la_report_form", kwargs={"quarter": LAST.code})
    assert "Local authority (children" in unit.get(url).content.decode()
    response = unit.post(url, full_post())
    assert response.status_code == 302
    report = ExceptionReport.objects.get(agency="local_authority")
    assert report.is_submitted and report.submitted_by_name == "pbu.data"
    page = unit.get(
        reverse(
            "partnership:dataset_report", kwargs={"quarter": LAST.code, "agency": "local_authority"}
        )
    )
    assert "Submitted" in page.content.decode()


def test_the_unit_reads_a_report_and_sends_it_back(unit):
    report = _submitted("police")
    url = reverse("partnership:dataset_report", kwargs={"quarter": LAST.code, "agency": "police"})
    html = unit.get(url).content.decode()
    assert "police risks" in html and "Send back as a draft" in html
    back = reverse(
        "partnership:dataset_report_return", kwargs={"quarter": LAST.code, "agency": "police"}
    )
    response = unit.post(back, {"reason": ""})
    assert_error(response, "id_reason", "Say why the report goes back to the agency")
    assert unit.post(back, {"reason": "Police asked to correct it."}).status_code == 302
    report.refresh_from_db()
    assert not report.is_submitted
    missing = unit.get(
        reverse("partnership:dataset_report", kwargs={"quarter": LAST.code, "agency": "housing"})
    )
    assert "has not started its report" in missing.content.decode()


def test_the_survey_page_shows_oba3_06_and_a_response_is_recorded(unit):
    year = TODAY.year if TODAY.month >= 4 else TODAY.year - 1
    for rating in ("excellent", "good", "good", "poor"):
        services.record_survey_response(agency="education", responded_on=TODAY, rating=rating)
    html = unit.get(reverse("partnership:dataset_survey")).content.decode()
    assert "OBA3-06 Partner experience: 75.0%" in html
    assert "3 of 4 responses good or better" in html
    new = reverse("partnership:dataset_survey_new")
    response = unit.post(new, {})
    assert_error(response, "id_agency", "Select the agency that answered")
    response = unit.post(
        new,
        {
            "agency": "police",
            "responded_on_0": str(TODAY.day),
            "responded_on_1": str(TODAY.month),
            "responded_on_2": str(TODAY.year),
            "rating": "adequate",
            "comments": "Slow feedback on referrals.",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith(f"?year={year}")
    assert PartnerSurveyResponse.objects.count() == 5
    assert AuditEvent.objects.filter(summary__startswith="Partner survey responses").exists()
