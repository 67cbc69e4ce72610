"""The register's pages: each form writes through its service, shows its errors, is audited."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import build_world
from safeguard.audit.models import AuditEvent
from safeguard.care.models_unregistered import (
    DocumentKind,
    IndependentVisit,
    ProgressUpdate,
    UnregisteredPlacement,
)
from safeguard.care.services_unregistered import issue_document
from safeguard.care.tests.pages import TODAY, assert_error_summary, date
from safeguard.care.tests.unregistered_helpers import ADDRESS, on_register, placed_unregistered

pytestmark = pytest.mark.django_db

PLACED = TODAY - dt.timedelta(days=40)


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def manager(client, world):
    return sign_in(client, world.users["service_manager"])


@pytest.fixture
def entry(world):
    return on_register(
        placed_unregistered(world.child_other_team, PLACED), approved_on=None, approved_by=""
    )


def entry_url(name: str, placement) -> str:
    return reverse(name, kwargs={"placement_id": placement.pk})


def assert_back_at_entry(client, response, placement, message: str) -> str:
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == entry_url("care:unregistered_entry", placement)
    page = client.get(response["Location"]).content.decode()
    assert message in page
    return page


def test_adding_a_placement_from_the_worklist(manager, world):
    episode = placed_unregistered(world.child_other_team, PLACED)
    register = manager.get(reverse("care:unregistered_register")).content.decode()
    add_url = reverse("care:unregistered_add", kwargs={"episode_id": episode.pk})
    assert "Add the placement to the register" in register and add_url in register
    form = manager.get(add_url).content.decode()
    assert "Coastline Care Staffing Ltd" in form  # the provider, from the care record
    response = manager.post(
        add_url,
        {
            "address": ADDRESS,
            "provider": "Coastline Care Staffing Ltd",
            "setting": "council_property",
            "reason": "no_vacancy",
            "reason_detail": "Nine homes approached.",
            **date("approved_on", PLACED),
            "approved_by": "Jo Pemberton",
        },
    )
    entry = UnregisteredPlacement.objects.get()
    page = assert_back_at_entry(manager, response, entry, "placement is on the register")
    assert "Approved" in page and "Jo Pemberton" in page
    assert entry.approved_in_time


def test_the_add_form_names_what_is_missing(manager, world):
    episode = placed_unregistered(world.child_other_team, PLACED)
    response = manager.post(
        reverse("care:unregistered_add", kwargs={"episode_id": episode.pk}),
        {"address": ADDRESS, "provider": "X", "setting": "rented", "reason": "no_vacancy"},
    )
    assert_error_summary(
        response,
        "id_reason_detail",
        "Say which registered homes were approached and why none could offer a place",
    )
    assert not UnregisteredPlacement.objects.exists()


def test_approval_then_progress_then_end(manager, entry):
    response = manager.post(
        entry_url("care:unregistered_approval", entry),
        {
            **date("approved_on", PLACED + dt.timedelta(days=1)),
            "approved_by": "Jo Pemberton",
            "version": entry.version,
        },
    )
    page = assert_back_at_entry(manager, response, entry, "approval is saved")
    assert "(after the child moved in)" in page
    response = manager.post(
        entry_url("care:unregistered_progress", entry),
        {**date("recorded_on", TODAY), "step": "registration_applied", "note": "Applied."},
    )
    assert_back_at_entry(manager, response, entry, "progress update is saved")
    assert ProgressUpdate.objects.get().step == "registration_applied"
    entry.refresh_from_db()
    response = manager.post(
        entry_url("care:unregistered_end", entry),
        {**date("ended_on", TODAY), "end_reason": "home_registered", "version": entry.version},
    )
    page = assert_back_at_entry(manager, response, entry, "end of the placement is saved")
    assert "The home was registered with Ofsted" in page


def test_a_stale_approval_form_is_refused_with_the_input_kept(manager, entry):
    stale = entry.version
    manager.post(
        entry_url("care:unregistered_reason", entry),
        {"reason": "declined", "reason_detail": "Four declined.", "version": stale},
    )
    response = manager.post(
        entry_url("care:unregistered_approval", entry),
        {**date("approved_on", PLACED), "approved_by": "Jo Pemberton", "version": stale},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert 'value="Jo Pemberton"' in response.content.decode()
    entry.refresh_from_db()
    assert entry.approved_on is None


def test_the_visit_form_records_the_checklist(client, world, entry):
    iro = sign_in(client, world.users["cp_chair_iro"])
    visitor = world.workers["cp_chair_iro"]
    form = iro.get(entry_url("care:unregistered_visit", entry)).content.decode()
    assert "Visit due by" in form and "Daily log" in form
    response = iro.post(
        entry_url("care:unregistered_visit", entry),
        {
            **date("visited_on", TODAY),
            "visitor": str(visitor.pk),
            "child_spoken_to": "spoken",
            "staff_spoken_to": "declined",
            "physical_condition": "adequate",
            "records_checked": ["daily_log_checked", "complaints_checked", "restraint_checked"],
            "records_note": "Sanctions book with the manager, who was on leave.",
            "standard_of_care": "good",
            "opinion": "Warm relationships; routines clear.",
        },
    )
    page = assert_back_at_entry(iro, response, entry, "independent visit is saved")
    made = IndependentVisit.objects.get()
    assert made.daily_log_checked and not made.sanctions_checked and made.visitor == visitor
    assert "Warm relationships" in page
    assert "Record the end" not in page  # an IRO visits; managers keep the register


def test_a_visit_with_a_record_unchecked_and_no_reason_is_refused(client, world, entry):
    iro = sign_in(client, world.users["cp_chair_iro"])
    response = iro.post(
        entry_url("care:unregistered_visit", entry),
        {
            **date("visited_on", TODAY),
            "visitor": str(world.workers["cp_chair_iro"].pk),
            "child_spoken_to": "spoken",
            "staff_spoken_to": "spoken",
            "physical_condition": "good",
            "standard_of_care": "good",
            "opinion": "Fine.",
        },
    )
    assert_error_summary(
        response,
        "id_records_note",
        "Say why the daily log and the complaints record and the sanctions record and the "
        "restraint record were not checked",
    )


def test_every_view_of_an_entry_is_audited_with_the_child(manager, entry):
    manager.get(entry_url("care:unregistered_entry", entry))
    event = AuditEvent.objects.filter(action="view", model_label="care.UnregisteredPlacement")
    assert event.filter(child_id=entry.child_id).exists()
    manager.get(reverse("care:unregistered_register"))
    listed = AuditEvent.objects.filter(summary="Unregistered placements register").get()
    assert listed.row_count == 1


def test_documents_page_and_downloads(manager, entry):
    document, _ = issue_document(kind=DocumentKind.WEEKLY, as_at=TODAY, with_pdf=False)
    listing = manager.get(reverse("care:unregistered_documents")).content.decode()
    assert "Weekly report on unregistered placements" in listing
    detail = manager.get(reverse("care:unregistered_document", kwargs={"document_id": document.pk}))
    assert entry.child.last_name in detail.content.decode()
    csv_response = manager.get(
        reverse("care:unregistered_document_csv", kwargs={"document_id": document.pk})
    )
    assert csv_response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode())))
    assert rows[1][0] == entry.child.la_child_id
    pdf = manager.get(
        reverse("care:unregistered_document_pdf", kwargs={"document_id": document.pk})
    )
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    downloads = AuditEvent.objects.filter(
        action="download", model_label="care.UnregisteredPlacement"
    )
    assert downloads.count() == 2 and {e.row_count for e in downloads} == {1}
    filtered = manager.get(reverse("care:unregistered_documents"), {"kind": "ofsted"})
    assert "No report has been issued yet" in filtered.content.decode()


def test_the_board_page_as_page_pdf_and_csv(manager, entry):
    page = manager.get(reverse("care:unregistered_board")).content.decode()
    assert "Children in unregistered placements now" in page
    assert entry.child.last_name in page and "0 of 1" in page
    board_csv = manager.get(reverse("care:unregistered_board_csv"))
    assert entry.child.la_child_id in board_csv.content.decode()
    board_pdf = manager.get(reverse("care:unregistered_board_pdf"))
    assert board_pdf.content.startswith(b"%PDF")


def test_the_childs_page_shows_their_entries_to_their_worker(client, world):
    on_register(placed_unregistered(world.child_allocated, PLACED))
    worker = sign_in(client, world.users["social_worker"])
    page = worker.get(
        reverse("care:child_unregistered_placements", kwargs={"child_id": world.child_allocated.pk})
    ).content.decode()
    assert "Coastline Care Staffing Ltd" in page
    assert "Open the register entry" not in page  # the register itself is for managers


def test_an_empty_register_says_so(manager):
    page = manager.get(reverse("care:unregistered_register")).content.decode()
    assert "No child is living in an unregistered placement." in page
    assert "Nothing is due." in page
