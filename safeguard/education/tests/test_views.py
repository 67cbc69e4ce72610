"""Children out of school pages: recording, errors, refusals, audit, another child's ids."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import build_world
from safeguard.audit import capture
from safeguard.audit.models import AuditEvent
from safeguard.care.tests.pages import assert_error_summary, date
from safeguard.core import calendar, clock
from safeguard.education import services
from safeguard.education.models import Exclusion, MissingEducationEpisode, PartTimeTimetable

pytestmark = pytest.mark.django_db

#: A recent working day (the pages refuse dates in the future).
DAY = calendar.previous_working_day(clock.today() - dt.timedelta(days=20))


def url(name: str, child: Any, **ids: Any) -> str:
    return reverse(f"education:{name}", kwargs={"child_id": child.pk, **ids})


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def child(world):
    return world.child_allocated  # born 2014: of school age


@pytest.fixture
def worker_client(client, world):
    return sign_in(client, world.users["social_worker"])


def saved(client: Any, response: Any, child: Any, text: str) -> str:
    assert response.status_code == 302
    assert response["Location"] == url("overview", child)
    page = client.get(response["Location"]).content.decode()
    assert text in page
    return page


def test_the_overview_is_empty_then_lists_records_and_is_audited(worker_client, child):
    page = worker_client.get(url("overview", child)).content.decode()
    assert "No missing education episode recorded." in page
    assert "No exclusion recorded." in page and "No part-time timetable recorded." in page
    viewed = AuditEvent.objects.filter(child_id=child.pk, action="view").order_by("-sequence")
    assert "View children out of school record" in viewed.first().summary


def test_record_and_end_a_missing_education_episode(worker_client, child):
    data = {
        **date("reported_on", DAY),
        "reported_by": "school",
        "reporter_name": "Dorset High",
        "reason": "removed_from_roll",
    }
    response = worker_client.post(url("record_cme", child), data)
    page = saved(worker_client, response, child, "missing education episode")
    assert "Removed from roll" in page and "Out of school today" in page
    episode = MissingEducationEpisode.objects.get(child=child)
    assert episode.reporter_name == "Dorset High"
    # A second one is refused while this one is open.
    again = worker_client.get(url("record_cme", child)).content.decode()
    assert "end that episode first" in again
    data = {**date("ended_on", DAY), "outcome": "back_on_roll", "version": str(episode.version)}
    response = worker_client.post(url("close_cme", child, episode_id=episode.pk), data)
    saved(worker_client, response, child, "back on a school roll")


def test_missing_education_empty_form_names_each_field(worker_client, child):
    response = worker_client.post(url("record_cme", child), {})
    assert_error_summary(response, "id_reported_on_0", "Enter the date reported")
    assert_error_summary(response, "id_reported_by_1", "Select who reported it")


def test_record_a_suspension_and_a_permanent_exclusion(worker_client, child):
    data = {
        "kind": "suspension",
        "school_name": "Dorset High",
        **date("excluded_on", DAY),
        "days": "1.5",
        "reason": "physical_assault_adult",
    }
    response = worker_client.post(url("record_exclusion", child), data)
    page = saved(worker_client, response, child, "exclusion for")
    assert "Physical assault against an adult" in page and "1.5 days" in page
    data.update(kind="permanent", reason="drug_alcohol")
    response = worker_client.post(url("record_exclusion", child), data)
    assert response.status_code == 200
    assert "leave it blank" in response.content.decode()
    data["days"] = ""
    response = worker_client.post(url("record_exclusion", child), data)
    saved(worker_client, response, child, "Drug and alcohol related")
    permanent = Exclusion.objects.get(child=child, kind="permanent")
    new_school = {**date("reintegrated_on", DAY), "version": str(permanent.version)}
    response = worker_client.post(
        url("record_reintegration", child, exclusion_id=permanent.pk), new_school
    )
    saved(worker_client, response, child, "New school")


def test_lift_an_exclusion(worker_client, child):
    exclusion = services.record_exclusion(
        child=child, kind="permanent", school_name="X", excluded_on=DAY, reason="damage"
    )
    data = {**date("lifted_on", DAY), "version": str(exclusion.version)}
    response = worker_client.post(url("lift_exclusion", child, exclusion_id=exclusion.pk), data)
    saved(worker_client, response, child, "Lifted")
    exclusion.refresh_from_db()
    assert exclusion.lifted and exclusion.lifted_on == DAY


def test_record_and_end_a_part_time_timetable(worker_client, child):
    data = {"school_name": "Dorset High", **date("started_on", DAY), "hours_per_week": "12.5"}
    response = worker_client.post(url("record_timetable", child), data)
    saved(worker_client, response, child, "12.5")
    timetable = PartTimeTimetable.objects.get(child=child)
    data = {**date("ended_on", DAY), "version": str(timetable.version)}
    response = worker_client.post(url("end_timetable", child, timetable_id=timetable.pk), data)
    saved(worker_client, response, child, "back on a full timetable")


def test_a_stale_edit_is_refused(worker_client, child):
    episode = services.record_missing_education(
        child=child, reported_on=DAY, reported_by="school", reason="other"
    )
    data = {**date("ended_on", DAY), "outcome": "other", "version": "99"}
    response = worker_client.post(url("close_cme", child, episode_id=episode.pk), data)
    assert response.status_code == 200 and "changed by someone else" in response.content.decode()


def test_roles_without_the_capability_are_refused(client, world, child):
    sign_in(client, world.users["performance_analyst"])
    assert client.get(url("overview", child)).status_code == 403
    sign_in(client, world.users["cp_chair_iro"])
    assert client.get(url("record_exclusion", child)).status_code == 403
    assert client.post(url("record_cme", child), {}).status_code == 403
    assert not MissingEducationEpisode.objects.exists()


def test_another_childs_record_is_not_found(worker_client, world, child):
    other = world.child_restricted
    exclusion = services.record_exclusion(
        child=other, kind="permanent", school_name="X", excluded_on=DAY, reason="damage"
    )
    response = worker_client.get(url("lift_exclusion", child, exclusion_id=exclusion.pk))
    assert response.status_code == 404


def test_exclusions_are_paginated(worker_client, child):
    day = DAY - dt.timedelta(days=700)
    for _ in range(22):
        day = calendar.add_working_days(day, 10)
        services.record_exclusion(
            child=child,
            kind="suspension",
            school_name="Dorset High",
            excluded_on=day,
            days=Decimal(1),
            reason="theft",
        )
    page = worker_client.get(url("overview", child)).content.decode()
    assert 'class="govuk-pagination"' in page
    second = worker_client.get(url("overview", child) + "?page=2").content.decode()
    assert second.count("Theft") == 2


@pytest.mark.xfail(
    "education" not in capture.TRACKED_APPS,
    strict=True,
    reason="the lead adds 'education' to safeguard.audit.capture.TRACKED_APPS",
)
def test_writes_are_audited_against_the_child(worker_client, child):
    services.record_missing_education(
        child=child, reported_on=DAY, reported_by="school", reason="other"
    )
    created = AuditEvent.objects.filter(
        child_id=child.pk, action="create", model_label="education.MissingEducationEpisode"
    )
    assert created.exists()
