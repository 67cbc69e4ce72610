"""The domestic abuse pages: PPN list, consultation, HRDA meeting, actions, risk, report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.testing.world import build_world
from safeguard.audit.models import AuditAction, AuditEvent
from safeguard.core import clock
from safeguard.frontdoor import services_domestic_abuse as services
from safeguard.frontdoor.models_domestic_abuse import HrdaAction, HrdaListing, PpnConsultation
from safeguard.frontdoor.tests.pages import client_for, error_summary, moment, new_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def mash(world):
    return client_for(world, "mash_officer")


def police_ppn(world, rating="amber"):
    return new_contact(
        children=[world.child_mash], source="6", channel="police_ppn", ppn_rating=rating
    )


def test_ppn_list_shows_rating_and_due_date(world, mash):
    ppn = police_ppn(world, "blue")
    response = mash.get(reverse("frontdoor:ppn_list"))
    assert response.status_code == 200
    assert b"Blue" in response.content
    assert reverse("frontdoor:consult_ppn", kwargs={"contact_id": ppn.pk}).encode() in (
        response.content
    )


def test_ppn_list_empty_state(world, mash):
    response = mash.get(reverse("frontdoor:ppn_list"))
    assert b"no police PPNs waiting" in response.content


def test_consultation_lists_case_on_hrda_day_and_is_audited(world, mash):
    ppn = police_ppn(world)
    url = reverse("frontdoor:consult_ppn", kwargs={"contact_id": ppn.pk})
    assert mash.get(url).status_code == 200
    data = {"outcome": "hrda", "notes": "High risk DASH.", **moment("consulted_at", clock.now())}
    response = mash.post(url, data)
    assert response.status_code == 302
    assert PpnConsultation.objects.get(contact=ppn).outcome == "hrda"
    listing = HrdaListing.objects.get(case__contact=ppn)
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, child_id=world.child_mash.pk).exists()
    meeting = mash.get(
        reverse("frontdoor:hrda_meeting"), {"date": listing.meeting.held_on.isoformat()}
    )
    assert b"High risk DASH." in meeting.content
    assert world.child_mash.first_name.encode() in meeting.content


def test_consultation_errors_are_specific(world, mash):
    ppn = police_ppn(world)
    url = reverse("frontdoor:consult_ppn", kwargs={"contact_id": ppn.pk})
    response = mash.post(url, {})
    assert "Select the consultation outcome" in error_summary(response)


def test_consultation_only_for_ppns(world, mash):
    contact = new_contact(children=[world.child_mash])
    url = reverse("frontdoor:consult_ppn", kwargs={"contact_id": contact.pk})
    assert mash.get(url).status_code == 404


def hrda_listing(world):
    ppn = police_ppn(world)
    services.record_ppn_consultation(
        contact=ppn,
        consulted_at=clock.now(),
        consulted_by=world.workers["mash_officer"],
        outcome="hrda",
    )
    return HrdaListing.objects.get(case__contact=ppn)


def test_action_and_risk_review_from_the_meeting(world, mash):
    listing = hrda_listing(world)
    due = listing.meeting.held_on + dt.timedelta(days=2)
    url = reverse("frontdoor:add_hrda_action", kwargs={"listing_id": listing.pk})
    response = mash.post(
        url,
        {
            "action": "Safety plan",
            "agency": "You First",
            "due_on_0": due.day,
            "due_on_1": due.month,
            "due_on_2": due.year,
        },
    )
    assert response.status_code == 302
    assert HrdaAction.objects.get(listing=listing).agency == "You First"
    url = reverse("frontdoor:review_hrda_risk", kwargs={"listing_id": listing.pk})
    assert mash.post(url, {"risk_reduced": "no"}).status_code == 302
    assert HrdaListing.objects.filter(case=listing.case, meeting__kind="plus").exists()


def test_action_needs_what_who_and_when(world, mash):
    listing = hrda_listing(world)
    url = reverse("frontdoor:add_hrda_action", kwargs={"listing_id": listing.pk})
    summary = error_summary(mash.post(url, {}))
    assert "Enter the action agreed" in summary
    assert "Enter the agency responsible" in summary


def test_report_page_csv_and_pdf(world):
    hrda_listing(world)
    manager = client_for(world, "service_manager")
    page = manager.get(reverse("frontdoor:domestic_abuse_report"))
    assert page.status_code == 200
    assert b"HRDA cases" in page.content
    csv = manager.get(reverse("frontdoor:domestic_abuse_report_csv"))
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("Month,PPNs,Rating: Blue")
    assert lines[-1].split(",")[1] == "1"
    pdf = manager.get(reverse("frontdoor:domestic_abuse_report_pdf"))
    assert pdf.content.startswith(b"%PDF")


def test_partners_are_refused(world):
    partner = client_for(world, "partner_police")
    for name in ("ppn_list", "hrda_meeting", "domestic_abuse_report"):
        assert partner.get(reverse(f"frontdoor:{name}")).status_code == 403
