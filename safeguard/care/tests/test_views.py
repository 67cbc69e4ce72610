"""The care pages: each form writes through its service, shows its errors, refuses others."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import allocate, build_world
from safeguard.care import selectors
from safeguard.care.models import (
    CareLeaverContact,
    HealthAssessment,
    LookedAfterReview,
    PathwayPlanReview,
    PeriodOfCare,
    PersonalEducationPlan,
)
from safeguard.care.services import end_looked_after_period, start_looked_after_episode
from safeguard.care.tests.helpers import foster
from safeguard.care.tests.pages import (
    CARE_FROM,
    TODAY,
    assert_error_summary,
    assert_saved,
    date,
    in_care,
    url,
)
from safeguard.workforce.models import WorkerRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def worker_client(client, world):
    return sign_in(client, world.users["social_worker"])


@pytest.fixture
def child(world):
    return world.child_allocated


PLACEMENT = {
    "placement_type": "U6",
    "placement_provider": "PR1",
    "carer_name": "Jo and Sam Smith",
    "placement_postcode": "BH1 1AA",
    "placement_la_code": "001",
    "distance_miles": "4.5",
    "is_registered": "yes",
}


# --- becoming looked after ----------------------------------------------------------------


def test_start_care_writes_a_period_and_first_episode(worker_client, child):
    data = {
        **date("started_on", CARE_FROM),
        "legal_status": "C2",
        "category_of_need": "N1",
        "home_postcode": "BH8 8AA",
        **PLACEMENT,
    }
    response = worker_client.post(url("care:start_care", child), data)
    assert_saved(worker_client, response, child, "is recorded as looked after")
    episode = selectors.current_episode(child)
    assert episode is not None
    assert (episode.reason_new_episode, episode.legal_status, episode.placement_type) == (
        "S",
        "C2",
        "U6",
    )
    assert episode.period.started_on == CARE_FROM
    assert str(episode.distance_miles) == "4.5"
    assert episode.home_postcode == "BH8 8AA"


def test_start_care_empty_form_names_each_field(worker_client, child):
    response = worker_client.post(url("care:start_care", child), {})
    assert_error_summary(
        response, "id_started_on_0", "Enter the date the child became looked after"
    )
    assert_error_summary(response, "id_legal_status", "Select the legal status")
    assert_error_summary(response, "id_placement_type", "Select the placement type")
    assert "This field is required" not in response.content.decode()
    assert not PeriodOfCare.objects.filter(child=child).exists()


def test_start_care_service_rule_lands_on_its_field_and_keeps_input(worker_client, child):
    data = {
        **date("started_on", CARE_FROM),
        "legal_status": "C2",
        "category_of_need": "N1",
        **PLACEMENT,
        "placement_type": "T1",
        "placement_provider": "",
        "carer_name": "Emergency carers",
    }
    response = worker_client.post(url("care:start_care", child), data)
    assert_error_summary(
        response,
        "id_placement_type",
        "A period of care cannot start with a temporary placement (T1) (SSDA903 380).",
    )
    assert 'value="Emergency carers"' in response.content.decode()
    assert not PeriodOfCare.objects.filter(child=child).exists()


def test_start_care_needs_a_category_of_need_without_a_cin_episode(worker_client, child):
    data = {**date("started_on", CARE_FROM), "legal_status": "C2", **PLACEMENT}
    response = worker_client.post(url("care:start_care", child), data)
    assert response.status_code == 200
    assert "Category of need (N1-N8) is required" in response.content.decode()


def test_roles_without_casework_are_refused(client, world, child):
    sign_in(client, world.users["cp_chair_iro"])
    for name in ("care:start_care", "care:change_placement", "care:record_review"):
        assert client.get(url(name, child)).status_code == 403
    response = client.post(url("care:start_care", child), {**date("started_on", CARE_FROM)})
    assert response.status_code == 403
    assert not PeriodOfCare.objects.filter(child=child).exists()


def test_a_child_outside_the_users_rules_is_not_opened(worker_client, world):
    response = worker_client.get(url("care:start_care", world.child_other_team))
    assert response.status_code == 302
    assert "/break-glass/" in response["Location"]


# --- placement and legal status -----------------------------------------------------------


def test_change_placement_opens_the_next_episode(worker_client, child):
    in_care(child)
    data = {
        **date("changed_on", TODAY - dt.timedelta(days=5)),
        "reason_placement_change": "CARPL",
        "same_carers": "no",
        **PLACEMENT,
        "carer_name": "Pat Jones",
        "placement_postcode": "BH2 5AA",
    }
    page = worker_client.get(url("care:change_placement", child))
    assert "Full care order (C2)" in page.content.decode()
    response = worker_client.post(url("care:change_placement", child), data)
    assert_saved(worker_client, response, child, "change of placement")
    episode = selectors.current_episode(child)
    assert episode is not None
    assert (episode.reason_new_episode, episode.carer_name) == ("P", "Pat Jones")
    previous = selectors.episodes_for_period(episode.period)[0]
    assert (previous.reason_ceased, previous.reason_placement_change) == ("X1", "CARPL")


def test_change_placement_without_a_reason_is_refused_by_rule_225(worker_client, child):
    in_care(child)
    data = {
        **date("changed_on", TODAY - dt.timedelta(days=5)),
        "same_carers": "no",
        **PLACEMENT,
    }
    response = worker_client.post(url("care:change_placement", child), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_reason_placement_change"' in html
    assert "(SSDA903 225)" in html
    assert len(selectors.episodes_for_period(selectors.current_period(child))) == 1


def test_change_placement_empty_form(worker_client, child):
    response = worker_client.post(url("care:change_placement", child), {})
    assert_error_summary(response, "id_changed_on_0", "Enter the date of the move")
    assert_error_summary(
        response, "id_same_carers_1", "Select whether the child is staying with the same carers"
    )


def test_change_legal_status(worker_client, child):
    in_care(child)
    data = {**date("changed_on", TODAY - dt.timedelta(days=3)), "legal_status": "E1"}
    response = worker_client.post(url("care:change_legal_status", child), data)
    assert response.status_code == 200  # E1 needs the adoption decision first
    html = response.content.decode()
    assert "govuk-error-summary" in html and 'href="#id_legal_status"' in html
    data["legal_status"] = "C1"
    response = worker_client.post(url("care:change_legal_status", child), data)
    assert_saved(worker_client, response, child, "change of legal status")
    episode = selectors.current_episode(child)
    assert episode is not None and (episode.reason_new_episode, episode.legal_status) == (
        "L",
        "C1",
    )


def test_change_legal_status_empty_form(worker_client, child):
    response = worker_client.post(url("care:change_legal_status", child), {})
    assert_error_summary(response, "id_legal_status", "Select the legal status")


def test_end_care(worker_client, child):
    in_care(child)
    data = {**date("ended_on", TODAY - dt.timedelta(days=1)), "reason_ceased": "E4A"}
    response = worker_client.post(url("care:end_care", child), data)
    assert_saved(worker_client, response, child, "having left care")
    period = PeriodOfCare.objects.get(child=child)
    assert period.ended_on == TODAY - dt.timedelta(days=1)


def test_end_care_does_not_offer_x1(worker_client, child):
    in_care(child)
    data = {**date("ended_on", TODAY), "reason_ceased": "X1"}
    response = worker_client.post(url("care:end_care", child), data)
    assert_error_summary(
        response, "id_reason_ceased", "Select why the child ceased to be looked after"
    )
    assert PeriodOfCare.objects.get(child=child).ended_on is None


# --- reviews, health, education -----------------------------------------------------------


def test_record_review_with_the_iro_and_participation(worker_client, child, world):
    in_care(child)
    page = worker_client.get(url("care:record_review", child)).content.decode()
    assert "Next review due" in page
    iro = world.workers["cp_chair_iro"]
    data = {
        **date("held_on", TODAY - dt.timedelta(days=2)),
        "participation": "PN1",
        "chaired_by": str(iro.pk),
        "notes": "Alex spoke about school.",
    }
    response = worker_client.post(url("care:record_review", child), data)
    assert_saved(worker_client, response, child, "looked-after review")
    review = LookedAfterReview.objects.get(child=child)
    assert (review.participation, review.chaired_by) == ("PN1", iro)


def test_record_review_errors(worker_client, child, world):
    in_care(child)
    response = worker_client.post(url("care:record_review", child), {})
    assert_error_summary(
        response, "id_participation_1", "Select how the child took part in the review"
    )
    assert_error_summary(
        response,
        "id_chaired_by",
        "Choose the independent reviewing officer who chaired the review",
    )
    # PN0 is only for under-4s: the service's rule comes back on the field.
    data = {
        **date("held_on", TODAY - dt.timedelta(days=2)),
        "participation": "PN0",
        "chaired_by": str(world.workers["cp_chair_iro"].pk),
    }
    response = worker_client.post(url("care:record_review", child), data)
    assert response.status_code == 200
    assert "(SSDA903 440, 441)" in response.content.decode()
    assert not LookedAfterReview.objects.exists()


def test_record_health_assessment(worker_client, child):
    in_care(child)
    assert "Initial health assessment due" in (
        worker_client.get(url("care:record_health_assessment", child)).content.decode()
    )
    data = {**date("assessed_on", TODAY - dt.timedelta(days=3)), "kind": "sdq"}
    response = worker_client.post(url("care:record_health_assessment", child), data)
    assert response.status_code == 200
    assert 'href="#id_sdq_score"' in response.content.decode()
    response = worker_client.post(
        url("care:record_health_assessment", child), {**data, "sdq_score": "14"}
    )
    assert_saved(worker_client, response, child, "health assessment")
    assert HealthAssessment.objects.get(child=child).sdq_score == 14


def test_record_health_assessment_empty_form(worker_client, child):
    response = worker_client.post(url("care:record_health_assessment", child), {})
    assert_error_summary(response, "id_kind_1", "Select the kind of assessment")
    assert_error_summary(response, "id_assessed_on_0", "Enter the date of the assessment")


def test_record_pep(worker_client, child):
    in_care(child)
    data = {**date("held_on", TODAY - dt.timedelta(days=3)), "school_name": "Hill Primary"}
    response = worker_client.post(url("care:record_pep", child), data)
    assert_saved(worker_client, response, child, "personal education plan")
    assert PersonalEducationPlan.objects.get(child=child).school_name == "Hill Primary"


def test_record_pep_when_not_looked_after(worker_client, child):
    data = {**date("held_on", TODAY - dt.timedelta(days=3))}
    response = worker_client.post(url("care:record_pep", child), data)
    assert response.status_code == 200
    assert 'href="#id_held_on_0"' in response.content.decode()
    assert "was not looked after" in response.content.decode()
    response = worker_client.post(url("care:record_pep", child), {})
    assert_error_summary(
        response, "id_held_on_0", "Enter the date of the personal education plan meeting"
    )


# --- care leavers -------------------------------------------------------------------------


@pytest.fixture
def leaver(world, make_worker):
    """Looked after from 14 to 18 (allocated to the world's social worker), now a care leaver."""
    from safeguard.access.testing.world import make_child

    young_person = make_child(first_name="Robin", date_of_birth=dt.date(2003, 6, 1))
    allocate(young_person, world.workers["social_worker"])
    start_looked_after_episode(
        child=young_person,
        started_on=dt.date(2018, 1, 10),
        legal_status="C2",
        placement=foster(),
        category_of_need="N1",
    )
    end_looked_after_period(child=young_person, ended_on=dt.date(2021, 6, 1), reason_ceased="E17")
    return young_person


def test_record_care_leaver_contact(worker_client, leaver, make_worker):
    adviser = make_worker(role=WorkerRole.PERSONAL_ADVISER)
    data = {
        **date("contact_on", dt.date(2021, 6, 15)),
        "in_touch": "YES",
        "activity": "F2",
        "accommodation": "Z1",
        "personal_adviser": str(adviser.pk),
    }
    response = worker_client.post(url("care:record_care_leaver_contact", leaver), data)
    assert_saved(worker_client, response, leaver, "The contact with Robin is saved")
    contact = CareLeaverContact.objects.get(child=leaver)
    assert (contact.accommodation, contact.personal_adviser) == ("Z1", adviser)


def test_care_leaver_contact_errors(worker_client, leaver):
    response = worker_client.post(url("care:record_care_leaver_contact", leaver), {})
    assert_error_summary(response, "id_in_touch", "Select whether the young person is in touch")
    data = {
        **date("contact_on", dt.date(2021, 6, 15)),
        "in_touch": "NO",
        "activity": "F2",
        "accommodation": "Z1",
    }
    response = worker_client.post(url("care:record_care_leaver_contact", leaver), data)
    assert response.status_code == 200
    assert 'href="#id_activity"' in response.content.decode()
    assert "(SSDA903 344)" in response.content.decode()
    assert not CareLeaverContact.objects.exists()


def test_record_pathway_plan_review(worker_client, leaver):
    data = {**date("reviewed_on", dt.date(2021, 9, 1)), "notes": "Plan for college."}
    response = worker_client.post(url("care:record_pathway_plan_review", leaver), data)
    assert_saved(worker_client, response, leaver, "pathway plan review")
    assert PathwayPlanReview.objects.get(child=leaver).notes == "Plan for college."
    response = worker_client.post(url("care:record_pathway_plan_review", leaver), {})
    assert_error_summary(response, "id_reviewed_on_0", "Enter the date of the pathway plan review")
