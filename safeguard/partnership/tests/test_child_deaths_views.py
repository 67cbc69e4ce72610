"""The child death pages through the test client: a death from notification to the
panel's review, errors, the list's filters, the audit of every page, and that the
review never reaches the child's chronology or anyone outside the business unit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import make_user
from safeguard.audit.models import AuditEvent
from safeguard.core import clock
from safeguard.partnership.models import ChildDeath
from safeguard.partnership.services.child_deaths_checks import ensure_standard_factors
from safeguard.partnership.tests.test_child_deaths_support import notify
from safeguard.people.chronology import chronology

pytestmark = pytest.mark.django_db
TODAY = clock.today()
DIED = TODAY - dt.timedelta(days=60)


def date(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def url(name: str, death: ChildDeath) -> str:
    return reverse(f"partnership:{name}", kwargs={"death_id": death.pk})


def assert_error(response: Any, anchor: str, message: str) -> None:
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and "<title>Error: " in html
    assert f'href="#{anchor}">{message}' in html, html[html.find("error-summary") :][:1500]


@pytest.fixture
def cdop(client):
    return sign_in(client, make_user("cdop.officer", "partnership_business_unit"))


def notification(**overrides: str) -> dict[str, str]:
    data = {
        "first_name": "Riley",
        "last_name": "Stone",
        **date("date_of_birth", DIED - dt.timedelta(days=200)),
        **date("date_of_death", DIED),
        "sex": "2",
        "ethnicity": "WBRI",
        "resident_area": "neighbour",
        **date("notified_on", DIED + dt.timedelta(days=1)),
        "notified_by": "ambulance",
        "place_of_death": "home",
        "expectation": "unexpected",
        "known_to_social_care": "no",
        "circumstances": "Found unresponsive in the morning.",
    }
    data.update(overrides)
    return data


def test_a_death_from_notification_to_the_panels_review(cdop, make_child):
    ensure_standard_factors()
    child = make_child(date_of_birth=DIED - dt.timedelta(days=200))
    response = cdop.post(
        reverse("partnership:child_death_notify"),
        notification(known_to_social_care="yes", person=child.la_child_id),
    )
    death = ChildDeath.objects.get()
    assert response.status_code == 302 and response["Location"] == url("child_death_case", death)
    assert death.age_band == "28-364d" and not death.neonatal and death.person == child
    page = cdop.get(url("child_death_case", death)).content.decode()
    assert "Record the Joint Agency Response" in page and "Next step:" in page
    steps = [
        ("child_death_jar", {**date("started_on", DIED), "lead": "Dr Lane, paediatrician"}),
        (
            "child_death_coroner",
            {**date("decision_on", DIED + dt.timedelta(days=1)), "investigation": "yes",
             "post_mortem": "yes"},
        ),
        ("child_death_registrar", date("registered_on", DIED + dt.timedelta(days=5))),
        (
            "child_death_review_meeting",
            {**date("meeting_on", DIED + dt.timedelta(days=30)), "held": "yes"},
        ),
        ("child_death_panel_date", date("panel_on", DIED + dt.timedelta(days=50))),
    ]  # fmt: skip
    for name, data in steps:
        death.refresh_from_db()
        response = cdop.post(url(name, death), {"version": death.version, **data})
        assert response.status_code == 302, (name, response.content.decode()[:3000])
    death.refresh_from_db()
    sleep = death.factors.model.objects.get(code="unsafe_sleeping")
    response = cdop.post(
        url("child_death_panel_review", death),
        {
            "version": death.version,
            **date("reviewed_on", DIED + dt.timedelta(days=50)),
            "category": "10",
            "modifiable": "yes",
            "factors": [str(sleep.pk)],
            "learning": "Safer sleep advice at every health visitor contact.",
        },
    )
    assert response.status_code == 302
    death.refresh_from_db()
    assert death.is_reviewed and death.category == "10" and list(death.factors.all()) == [sleep]
    page = cdop.get(url("child_death_case", death)).content.decode()
    assert "The review is complete" in page and "Unsafe sleeping environment" in page
    assert "not received yet" in page  # the coroner's notice and registrar's particulars
    # The review is not on the child's chronology.
    assert chronology(child) == [] or all("CDOP" not in e.title for e in chronology(child))
    assert all(death.reference not in (e.title + e.detail) for e in chronology(child))


def test_errors_are_shown_on_the_form(cdop):
    response = cdop.post(reverse("partnership:child_death_notify"), {})
    assert_error(response, "id_sex_1", "Select the child&#x27;s sex")
    response = cdop.post(
        reverse("partnership:child_death_notify"),
        notification(**date("notified_on", DIED - dt.timedelta(days=1))),
    )
    assert "cannot be before the date of death" in response.content.decode()
    death = notify()
    response = cdop.post(
        url("child_death_panel_review", death), {"version": death.version, "category": "8"}
    )
    assert "Record the child death review meeting as held first." in response.content.decode()
    assert not ChildDeath.objects.filter(reviewed_on__isnull=False).exists()


def test_the_list_filters_and_every_page_is_audited(cdop):
    expected = notify(first_name="Quinn")
    unexpected = notify(first_name="Harper", expectation="unexpected")
    before = AuditEvent.objects.filter(action="view").count()
    page = cdop.get(reverse("partnership:child_death_list"), {"expectation": "unexpected"})
    html = page.content.decode()
    table = html[html.index('id="deaths"') :]
    assert unexpected.reference in table and f">{expected.reference}<" not in table
    listed = AuditEvent.objects.filter(action="view", summary="CDOP child death list").get()
    assert listed.row_count == 1
    cdop.get(url("child_death_case", unexpected))
    cdop.get(url("child_death_jar", unexpected))
    views = AuditEvent.objects.filter(action="view", object_id=str(unexpected.pk))
    assert views.count() == 2
    assert AuditEvent.objects.filter(action="view").count() == before + 3


def test_the_statistics_page_and_downloads(cdop):
    notify()
    page = cdop.get(reverse("partnership:child_death_statistics"), {"year": "2020"})
    html = page.content.decode()
    assert page.status_code == 200 and "2020-21 (April 2020 to March 2021)" in html
    assert "case_reference" in html  # the extract's documented columns
    assert (
        cdop.get(reverse("partnership:child_death_statistics"), {"year": "20"}).status_code == 400
    )
    csv = cdop.get(
        reverse("partnership:child_death_statistics_export", kwargs={"fmt": "csv"}),
        {"year": "2020"},
    )
    assert csv["Content-Disposition"] == 'attachment; filename="cdop-statistics-2020-21.csv"'
    assert "2020-21,Summary,This year,Notifications,1" in csv.content.decode()
    pdf = cdop.get(
        reverse("partnership:child_death_statistics_export", kwargs={"fmt": "pdf"}),
        {"year": "2020"},
    )
    assert pdf.content.startswith(b"%PDF")
    ncmd = cdop.get(reverse("partnership:child_death_ncmd_export"), {"year": "all"})
    assert ncmd.content.decode().splitlines()[0].startswith("case_reference,date_of_birth")
    downloads = AuditEvent.objects.filter(action="download", model_label="partnership.ChildDeath")
    assert downloads.count() == 3


def test_a_social_worker_cannot_open_the_review_of_their_childs_death(client, make_child):
    child = make_child(date_of_birth=dt.date(2020, 3, 1))
    death = notify(person=child, known_to_social_care=True)
    sign_in(client, make_user("sw", "social_worker"))
    assert client.get(url("child_death_case", death)).status_code == 403
    assert client.get(reverse("partnership:child_death_list")).status_code == 403
