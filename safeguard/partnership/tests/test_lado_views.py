"""The LADO pages through the test client: a case from contact to closure, errors,
stale edits, the list's filters and paging, and the audit of every page that names a child."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import make_user
from safeguard.audit.models import AuditEvent
from safeguard.core import clock
from safeguard.partnership.models import Allegation, Stage
from safeguard.partnership.services import lado as services

pytestmark = pytest.mark.django_db
TODAY = clock.today()
INFORMED = TODAY - dt.timedelta(days=30)


def date(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def case_url(name: str, allegation: Allegation) -> str:
    return reverse(f"partnership:{name}", kwargs={"allegation_id": allegation.pk})


def assert_error(response: Any, anchor: str, message: str) -> None:
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and "<title>Error: " in html
    assert f'href="#{anchor}">{message}' in html, html[html.find("error-summary") :][:1500]


@pytest.fixture
def lado_user(make_worker):
    user = make_user("lado.officer", "lado")
    make_worker(role="lado", user=user, first_name="Lee", last_name="Officer")
    return user


@pytest.fixture
def lado(client, lado_user):
    return sign_in(client, lado_user)


def contact_data(**overrides: str) -> dict[str, str]:
    data = {
        **date("lado_informed_on", INFORMED),
        **date("reported_to_employer_on", INFORMED - dt.timedelta(days=1)),
        "source_agency": "fostering",
        "source_detail": "Supervising social worker, Vale Fostering",
        "subject_name": "Pat Foster",
        "subject_role": "foster_carer",
        "subject_employer": "Vale Fostering",
        "category": "physical",
        "summary": "The child said the carer slapped them.",
    }
    data.update(overrides)
    return data


def test_a_case_from_contact_to_closure(lado, lado_user, make_child):
    child = make_child(first_name="Robin")
    form = lado.get(reverse("partnership:lado_record_contact")).content.decode()
    officer = lado_user.worker
    assert f'<option value="{officer.pk}" selected>' in form  # the signed-in LADO
    response = lado.post(
        reverse("partnership:lado_record_contact"),
        contact_data(
            children=child.la_child_id, other_children="A younger sibling", officer=str(officer.pk)
        ),
    )
    allegation = Allegation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == case_url("lado_case", allegation)
    page = lado.get(response["Location"]).content.decode()
    assert f"Contact {allegation.reference} is recorded" in page
    assert "Robin" in page and "A younger sibling" in page
    assert "the LADO was told within 1 working day" in page
    assert allegation.officer == officer

    referral_on = INFORMED + dt.timedelta(days=1)
    response = lado.post(
        case_url("lado_referral", allegation),
        {**date("referral_on", referral_on), "version": allegation.version},
    )
    assert response.status_code == 302
    allegation.refresh_from_db()
    assert allegation.stage == Stage.REFERRAL
    for held_on in (referral_on + dt.timedelta(days=2), referral_on + dt.timedelta(days=9)):
        allegation.refresh_from_db()
        response = lado.post(
            case_url("lado_meeting", allegation),
            {**date("held_on", held_on), "police_involved": "no", "version": allegation.version},
        )
        assert response.status_code == 302, response.content.decode()[:3000]
    assert [m.kind for m in allegation.meetings.order_by("held_on")] == ["strategy", "review"]
    allegation.refresh_from_db()
    response = lado.post(
        case_url("lado_outcome", allegation),
        {
            "outcome": "substantiated",
            **date("outcome_on", referral_on + dt.timedelta(days=12)),
            "version": allegation.version,
        },
    )
    assert response.status_code == 302
    allegation.refresh_from_db()
    response = lado.post(
        case_url("lado_dbs", allegation),
        {
            "referred": "yes",
            **date("referred_on", referral_on + dt.timedelta(days=14)),
            "version": allegation.version,
        },
    )
    assert response.status_code == 302
    allegation.refresh_from_db()
    response = lado.post(
        case_url("lado_close", allegation),
        {**date("closed_on", referral_on + dt.timedelta(days=15)), "version": allegation.version},
    )
    assert response.status_code == 302
    allegation.refresh_from_db()
    assert allegation.closed_on == referral_on + dt.timedelta(days=15)
    assert allegation.dbs_referral is True
    page = lado.get(case_url("lado_case", allegation)).content.decode()
    assert "This case is closed." in page and "Substantiated" in page


def test_every_page_showing_the_case_is_audited_per_named_child(lado, make_child):
    first, second = make_child(), make_child()
    allegation = services.record_contact(
        lado_informed_on=INFORMED,
        source_agency="police",
        subject_name="Sam Coach",
        subject_role="sport",
        category="sexual",
        summary="Messages to a child.",
        children=[first, second],
    )
    before = AuditEvent.objects.filter(action="view").count()
    assert lado.get(case_url("lado_case", allegation)).status_code == 200
    assert lado.get(case_url("lado_referral", allegation)).status_code == 200
    views = AuditEvent.objects.filter(action="view", object_id=str(allegation.pk))
    assert views.count() == 4 and AuditEvent.objects.filter(action="view").count() == before + 4
    assert {v.child_id for v in views} == {first.pk, second.pk}
    assert all(v.actor_username == "lado.officer" for v in views)
    lado.get(reverse("partnership:lado_cases"))
    listed = AuditEvent.objects.filter(action="view", summary="LADO case list").get()
    assert listed.row_count == 1 and listed.child_id is None


def test_form_errors_are_listed_in_the_error_summary(lado, make_adult):
    response = lado.post(reverse("partnership:lado_record_contact"), {})
    assert_error(response, "id_lado_informed_on_0", "Enter the date the LADO was informed")
    assert_error(response, "id_source_agency", "Select who made the contact")
    assert_error(response, "id_category_1", "Select the category of the allegation")
    response = lado.post(
        reverse("partnership:lado_record_contact"),
        contact_data(children="NOPE123", subject_person="XX99"),
    )
    assert_error(response, "id_subject_person", "There is no person record with identifier XX99")
    assert_error(
        response,
        "id_children",
        "There is no record with identifier NOPE123: check the identifiers, or describe the "
        "children in the box below",
    )
    adult = make_adult()
    response = lado.post(
        reverse("partnership:lado_record_contact"), contact_data(children=adult.la_child_id)
    )
    assert_error(response, "id_children", f"{adult} is an adult&#x27;s record: only children")
    assert not Allegation.objects.exists()


def test_a_service_rule_lands_on_its_field(lado):
    allegation = services.record_contact(
        lado_informed_on=INFORMED,
        source_agency="health",
        subject_name="Jo Nurse",
        subject_role="health",
        category="neglect",
        summary="Left a child unattended.",
    )
    response = lado.post(
        case_url("lado_referral", allegation),
        {**date("referral_on", INFORMED - dt.timedelta(days=3)), "version": allegation.version},
    )
    assert_error(
        response,
        "id_referral_on_0",
        f"Date it became a referral ({INFORMED - dt.timedelta(days=3):%d/%m/%Y}) cannot be "
        f"before the contact ({INFORMED:%d/%m/%Y}).",
    )


def test_a_stale_form_is_refused_and_nothing_saved(lado):
    allegation = services.record_contact(
        lado_informed_on=INFORMED,
        source_agency="health",
        subject_name="Jo Nurse",
        subject_role="health",
        category="neglect",
        summary="Left a child unattended.",
    )
    services.progress_to_referral(allegation=allegation, referral_on=INFORMED)
    allegation.refresh_from_db()
    seen = allegation.version
    # A colleague records the strategy meeting while this user has the outcome form open.
    services.record_meeting(allegation=allegation, held_on=INFORMED + dt.timedelta(days=1))
    response = lado.post(
        case_url("lado_outcome", allegation),
        {"outcome": "false", **date("outcome_on", INFORMED), "version": seen},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "changed by someone else while you were editing it" in html
    assert "govuk-error-summary" in html
    allegation.refresh_from_db()
    assert allegation.outcome == ""


def test_steps_that_do_not_apply_show_a_warning_not_a_form(lado):
    allegation = services.record_contact(
        lado_informed_on=INFORMED,
        source_agency="health",
        subject_name="Jo Nurse",
        subject_role="health",
        category="neglect",
        summary="Left a child unattended.",
    )
    page = lado.get(case_url("lado_outcome", allegation)).content.decode()
    assert "progress it to a referral before recording an outcome" in page
    assert "Save the outcome" not in page
    response = lado.post(
        case_url("lado_outcome", allegation),
        {"outcome": "false", **date("outcome_on", INFORMED), "version": allegation.version},
    )
    assert response.status_code == 200
    allegation.refresh_from_db()
    assert allegation.outcome == ""


def test_the_list_filters_and_pages(lado):
    for n in range(30):
        services.record_contact(
            lado_informed_on=INFORMED - dt.timedelta(days=n),
            source_agency="education" if n % 2 else "health",
            subject_name=f"Person {n:02d}",
            subject_role="education",
            category="physical",
            summary="Alleged.",
        )
    page = lado.get(reverse("partnership:lado_cases")).content.decode()
    assert "30 cases" in page and "Person 00" in page and "Person 29" not in page
    assert 'href="?page=2"' in page
    page = lado.get(reverse("partnership:lado_cases"), {"source_agency": "health"}).content.decode()
    assert "15 cases match the filters" in page and "Person 01" not in page
    page = lado.get(
        reverse("partnership:lado_cases"), {"source_agency": "health", "page": "1"}
    ).content.decode()
    assert "Clear the filters" in page
    page = lado.get(reverse("partnership:lado_cases"), {"text": "nobody"}).content.decode()
    assert "No cases match the filters" in page


def test_the_list_when_there_is_nothing(lado):
    page = lado.get(reverse("partnership:lado_cases")).content.decode()
    assert "No LADO contacts have been recorded yet." in page


def test_the_allocated_social_worker_cannot_see_the_case(client, make_child, worker):
    child = make_child()
    user = make_user("sw", "social_worker")
    worker.user = user
    worker.save()
    allegation = services.record_contact(
        lado_informed_on=INFORMED,
        source_agency="police",
        subject_name="Sam Coach",
        subject_role="sport",
        category="sexual",
        summary="Messages to a child.",
        children=[child],
    )
    sign_in(client, user)
    assert client.get(case_url("lado_case", allegation)).status_code == 403
    assert client.get(reverse("partnership:lado_cases")).status_code == 403
    record = client.get(reverse("people:child_record", kwargs={"child_id": child.pk}))
    assert allegation.reference not in record.content.decode()
