"""The fostering pages through the test client: an enquiry to an approved household,
GOV.UK error summaries, the household's steps, paging and the report's PDF and CSV."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import make_user
from safeguard.audit.models import AuditEvent
from safeguard.core import clock
from safeguard.fostering import services
from safeguard.fostering.models import FosterHousehold, FosteringEnquiry

pytestmark = pytest.mark.django_db
TODAY = clock.today()


def date(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def assert_error(response: Any, anchor: str, message: str) -> None:
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and "<title>Error: " in html
    assert f'href="#{anchor}">{message}' in html, html[html.find("error-summary") :][:1500]


@pytest.fixture
def manager(client, db):
    return sign_in(client, make_user("fostering.manager", "team_manager"))


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"fostering:{name}", kwargs=kwargs)


def test_empty_enquiry_shows_error_summary(manager):
    response = manager.post(url("record_enquiry"), {})
    assert_error(response, "id_enquirer_name", "Enter the name of the enquirer")
    assert not FosteringEnquiry.objects.exists()


def test_enquiry_to_approved_household(manager, worker):
    response = manager.post(
        url("record_enquiry"),
        {
            **date("received_on", TODAY - dt.timedelta(days=300)),
            "enquirer_name": "Ash Green",
            "source": "website",
        },
    )
    enquiry = FosteringEnquiry.objects.get()
    assert response.status_code == 302
    e = {"enquiry_id": enquiry.pk}
    started = TODAY - dt.timedelta(days=280)
    r = manager.post(
        url("start_assessment", **e),
        {**date("started_on", started), "assessing_worker": str(worker.pk)},
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    r = manager.post(
        url("stage_two", **e),
        {
            **date("stage_one_completed_on", started + dt.timedelta(days=50)),
            **date("started_on", started + dt.timedelta(days=51)),
        },
    )
    assert r.status_code == 302
    r = manager.post(
        url("panel", **e),
        {
            **date("stage_two_completed_on", started + dt.timedelta(days=150)),
            **date("panel_on", started + dt.timedelta(days=170)),
            "recommendation": "approve",
        },
    )
    assert r.status_code == 302
    r = manager.post(
        url("decision", **e),
        {
            **date("decided_on", started + dt.timedelta(days=180)),
            "approved": "yes",
            "household_name": "The Greens",
            "carer_names": "Ash Green",
            "approval_type": "respite",
            "age_from": "5",
            "age_to": "2",
            "children_approved": "1",
        },
    )
    assert_error(r, "id_age_to", "The age band (5 to 2) must run from 0 to 17, youngest age first.")
    r = manager.post(
        url("decision", **e),
        {
            **date("decided_on", started + dt.timedelta(days=180)),
            "approved": "yes",
            "household_name": "The Greens",
            "carer_names": "Ash Green",
            "approval_type": "respite",
            "age_from": "2",
            "age_to": "12",
            "children_approved": "2",
        },
    )
    assert r.status_code == 302
    household = FosterHousehold.objects.get()
    page = manager.get(url("enquiry", **e)).content.decode()
    assert "The Greens" in page and "Approved" in page
    h = {"household_id": household.pk}
    assert "Respite" in manager.get(url("household", **h)).content.decode()
    r = manager.post(url("vacancies", **h), {"vacancies": "3"})
    assert_error(
        r,
        "id_vacancies",
        "Vacancies must be 0 to 2 (the number of children the household is approved for).",
    )
    assert manager.post(url("vacancies", **h), {"vacancies": "1"}).status_code == 302
    r = manager.post(url("review", **h), {**date("held_on", TODAY), "approval_continues": "yes"})
    assert r.status_code == 302
    assert "Approval continues" in manager.get(url("household", **h)).content.decode()


def test_step_not_open_shows_warning_and_writes_nothing(manager):
    enquiry = services.record_enquiry(received_on=TODAY, enquirer_name="Kim Lo", source="phone")
    r = manager.post(url("panel", enquiry_id=enquiry.pk), {})
    assert r.status_code == 200
    assert "This step is not open for this enquiry now." in r.content.decode()


def test_lists_page_and_empty_states(manager):
    assert "No enquiries are at this stage." in manager.get(url("enquiries")).content.decode()
    assert "No foster carer households" in manager.get(url("households")).content.decode()
    for n in range(30):
        services.record_enquiry(received_on=TODAY, enquirer_name=f"Person {n:02d}", source="event")
    first = manager.get(url("enquiries")).content.decode()
    assert first.count('cell"><a class="govuk-link" href="/fostering/enquiries/') == 25
    second = manager.get(url("enquiries") + "?stage=open&page=2").content.decode()
    assert second.count('cell"><a class="govuk-link" href="/fostering/enquiries/') == 5


def test_report_page_pdf_and_csv(manager, approve):
    approve(enquiry_on=TODAY - dt.timedelta(days=330), months=6)
    query = f"?from={(TODAY - dt.timedelta(days=364)).isoformat()}&to={TODAY.isoformat()}"
    page = manager.get(url("report") + query)
    assert page.status_code == 200 and "Median months from assessment to approval" in (
        page.content.decode()
    )
    csv = manager.get(url("report_export", fmt="csv") + query)
    assert csv["Content-Type"].startswith("text/csv")
    body = csv.content.decode()
    assert "Journey,Period,Approvals,1" in body and "Conversion % (OBA2-28),100.0" in body
    assert "same span six months before, as measure OBA2-28 counts it" in page.content.decode()
    pdf = manager.get(url("report_export", fmt="pdf") + query)
    assert pdf.content[:4] == b"%PDF"
    assert (
        AuditEvent.objects.filter(summary__startswith="Fostering sufficiency report").count() == 2
    )


def test_report_rejects_bad_period(manager):
    r = manager.get(url("report") + "?from=2025-13-01")
    assert r.status_code == 400 and "There is a problem" in r.content.decode()


def test_pages_that_show_carers_or_enquirers_are_audited(manager, approve):
    household = approve()
    enquiry = FosteringEnquiry.objects.get()
    before = AuditEvent.objects.count()
    manager.get(url("enquiries"))
    manager.get(url("enquiry", enquiry_id=enquiry.pk))
    manager.get(url("households"))
    manager.get(url("household", household_id=household.pk))
    manager.get(url("review", household_id=household.pk))
    summaries = list(AuditEvent.objects.order_by("pk").values_list("summary", flat=True)[before:])
    assert summaries == [
        "Fostering: enquiries: Enquiries (not yet assessed)",
        "Fostering enquiry: enquiry page",
        "Fostering: carer households (active)",
        "Foster household: household page",
        "Foster household: Annual review form",
    ], summaries
    listed = AuditEvent.objects.get(summary="Fostering: carer households (active)")
    assert listed.row_count == 1 and listed.actor_username == "fostering.manager"
