"""The audit pages: who has viewed a record, access reports with CSV, and the chain check."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safeguard.access.testing.world import build_world
from safeguard.audit.models import AuditEvent
from safeguard.audit.tests.helpers import edit_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def signed_in(world, principal: str) -> Client:
    client = Client()
    client.force_login(world.users[principal])
    return client


def record_url(child) -> str:
    return reverse("people:child_record", kwargs={"child_id": child.pk})


def viewed_by_url(child) -> str:
    return reverse("audit:record_access_log", kwargs={"child_id": child.pk})


def test_who_has_viewed_lists_viewers_and_is_itself_audited(world):
    from safeguard.access.services import break_glass

    child = world.child_allocated
    signed_in(world, "social_worker").get(record_url(child), REMOTE_ADDR="192.0.2.10")
    chair = world.users["cp_chair_iro"]
    break_glass(user=chair, child=child, reason="Police called out of hours about him.", ip=None)
    signed_in(world, "cp_chair_iro").get(record_url(child))

    manager = signed_in(world, "team_manager")
    page = manager.get(viewed_by_url(child))
    assert page.status_code == 200
    text = page.text
    assert "Who has viewed this record" in text
    assert "matrix.social_worker" in text and "Social worker" in text and "192.0.2.10" in text
    assert "matrix.cp_chair_iro" in text and "Break-glass" in text
    assert "Child record: " in text  # why the social worker could open it
    newest = AuditEvent.objects.order_by("-sequence").first()
    assert newest.action == "view" and newest.actor_username == "matrix.team_manager"
    assert newest.child_id == child.pk and newest.summary.startswith("Who has viewed this record")


def test_who_has_viewed_is_refused_for_a_child_outside_the_managers_rules(world):
    before = AuditEvent.objects.count()
    refused = signed_in(world, "team_manager").get(viewed_by_url(world.child_other_team))
    assert refused.status_code == 403
    assert AuditEvent.objects.count() == before
    # and for someone without the capability, even for their own child
    assert (
        signed_in(world, "social_worker").get(viewed_by_url(world.child_allocated)).status_code
        == 403
    )


def test_the_child_record_links_to_the_audit_pages_for_managers(world):
    page = signed_in(world, "service_manager").get(record_url(world.child_allocated))
    assert viewed_by_url(world.child_allocated) in page.text
    assert (
        reverse("audit:child_access_report", kwargs={"child_id": world.child_allocated.pk})
        in page.text
    )


def test_access_report_search_finds_users_and_children(world):
    manager = signed_in(world, "service_manager")
    empty = manager.get(reverse("audit:access_reports"), {"q": ""})
    assert empty.status_code == 400 and "Enter a username" in empty.text
    found = manager.get(reverse("audit:access_reports"), {"q": "matrix.social"})
    assert (
        reverse("audit:user_access_report", kwargs={"user_id": world.users["social_worker"].pk})
        in found.text
    )
    child = world.child_allocated
    found = manager.get(reverse("audit:access_reports"), {"q": child.la_child_id})
    assert reverse("audit:child_access_report", kwargs={"child_id": child.pk}) in found.text


def test_user_access_report_lists_what_they_did_in_the_dates(world):
    worker = world.users["social_worker"]
    signed_in(world, "social_worker").get(record_url(world.child_allocated))
    url = reverse("audit:user_access_report", kwargs={"user_id": worker.pk})
    manager = signed_in(world, "service_manager")
    page = manager.get(url)
    assert page.status_code == 200
    assert world.child_allocated.la_child_id in page.text and "Viewed" in page.text
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    old = manager.get(
        url, {"to_day": yesterday.day, "to_month": yesterday.month, "to_year": yesterday.year}
    )
    assert "There are no entries in these dates" in old.text


def test_report_dates_are_validated_with_an_error_summary(world):
    url = reverse("audit:child_access_report", kwargs={"child_id": world.child_allocated.pk})
    manager = signed_in(world, "service_manager")
    bad = manager.get(url, {"from_day": "31", "from_month": "2", "from_year": "2024"})
    assert bad.status_code == 400
    assert "There is a problem" in bad.text and "The start date must be a real date" in bad.text
    partial = manager.get(url, {"to_day": "3", "to_year": "2024"})
    assert "The end date must include a month" in partial.text
    backwards = manager.get(
        url,
        {
            "from_day": "2",
            "from_month": "3",
            "from_year": "2024",
            "to_day": "1",
            "to_month": "3",
            "to_year": "2024",
        },
    )
    assert "The end date must be the same as or after the start date" in backwards.text


def test_child_access_report_csv_download_is_itself_an_audit_event(world):
    child = world.child_allocated
    signed_in(world, "social_worker").get(record_url(child))
    manager = signed_in(world, "service_manager")
    url = reverse("audit:child_access_report", kwargs={"child_id": child.pk})
    response = manager.get(url, {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    lines = body.strip().splitlines()
    assert lines[0].startswith("Entry,When,Who,Role,Address,Action")
    assert any("matrix.social_worker" in line and "Viewed" in line for line in lines[1:])
    download = AuditEvent.objects.order_by("-sequence").first()
    assert download.action == "download" and download.actor_username == "matrix.service_manager"
    assert download.child_id == child.pk and download.row_count == len(lines) - 1
    assert f"child {child.la_child_id}" in download.summary


def test_csv_cells_cannot_run_as_spreadsheet_formulas():
    from safeguard.audit.views import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _cell("Fine") == "Fine"


def test_the_verify_page_shows_the_result(world):
    manager = signed_in(world, "system_administrator")
    page = manager.get(reverse("audit:verify"))
    assert page.status_code == 200 and "The audit log is intact" in page.text
    first = AuditEvent.objects.order_by("sequence").first()
    edit_row(first.sequence, "summary", "Edited")
    page = manager.get(reverse("audit:verify"))
    assert "The audit log has been tampered with" in page.text
    assert f"Audit log broken at entry #{first.sequence}" in page.text


def test_the_admin_lists_entries_read_only(world):
    admin = signed_in(world, "system_administrator")
    listing = admin.get(reverse("admin:audit_auditevent_changelist"))
    assert listing.status_code == 200
    event = AuditEvent.objects.order_by("sequence").first()
    detail = admin.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert detail.status_code == 200 and "Save" not in detail.text
    assert admin.get(reverse("admin:audit_auditevent_add")).status_code == 403
