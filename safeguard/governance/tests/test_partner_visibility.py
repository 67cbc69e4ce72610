"""What a partner agency sees: shared children and their shared items only, and only while
the agreement they were shared under is in force."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.selectors import child_access, children_visible_to
from safeguard.core import clock
from safeguard.governance import services
from safeguard.governance.models import SharingAgreement
from safeguard.governance.selectors import (
    agency_may_see_child,
    children_shared_with_agency,
    items_shared_with_agency,
)


def police_agreement():
    return SharingAgreement.objects.get(agency="police")


@pytest.mark.django_db
def test_the_police_see_the_shared_child_and_what_was_shared(world, client_for):
    child = world.child_shared_police
    assert agency_may_see_child("police", child)
    assert not agency_may_see_child("health", child)
    assert not agency_may_see_child("police", world.child_allocated)
    assert list(children_shared_with_agency("police")) == [child]
    items = items_shared_with_agency("police", child)
    assert [i.description for i in items] == [
        "Summary of the concerns and the plan for the strategy discussion."
    ]
    page = client_for("partner_police").get(
        reverse("people:child_record", kwargs={"child_id": child.pk})
    )
    assert page.status_code == 200
    assert "Summary of the concerns and the plan for the strategy discussion." in page.text
    assert "Duty safeguarding officer" not in page.text  # internal detail of the log
    # Another child's items are never listed, even if the id is put in the URL.
    other = client_for("partner_police").get(
        reverse("people:child_record", kwargs={"child_id": world.child_allocated.pk})
    )
    assert other.status_code == 403


@pytest.mark.django_db
def test_ending_the_agreement_ends_the_partners_access(world, client_for):
    police, child = world.users["partner_police"], world.child_shared_police
    assert child_access(police, child).allowed
    services.end_agreement(
        agreement=police_agreement(),
        ends_on=clock.today(),
        reason="Superseded by the new multi-agency agreement.",
        ended_by=world.users["service_manager"],
    )
    assert not child_access(police, child).allowed
    assert list(children_visible_to(police)) == []
    assert items_shared_with_agency("police", child) == []
    page = client_for("partner_police").get(
        reverse("people:child_record", kwargs={"child_id": child.pk})
    )
    assert page.status_code == 403


@pytest.mark.django_db
def test_an_agreement_ending_later_keeps_access_until_then(world):
    child = world.child_shared_police
    services.end_agreement(
        agreement=police_agreement(),
        ends_on=clock.today() + dt.timedelta(days=7),
        reason="Notice given.",
        ended_by=world.users["service_manager"],
    )
    assert agency_may_see_child("police", child)


@pytest.mark.django_db
def test_sharing_with_a_family_or_another_agency_opens_nothing_for_the_police(world):
    child = world.child_allocated
    services.record_disclosure(
        child=child,
        recipient_kind="professional",
        recipient_name="DC Smith",
        recipient_role="Police officer (outside any agreement)",
        description="Address.",
        purpose="Welfare check.",
        legal_basis="vital_interests",
        consent_status="not_sought",
        consent_note="Child missing overnight.",
        disclosed_on=clock.today(),
        disclosed_by=world.users["social_worker"],
    )
    assert not agency_may_see_child("police", child)
    assert child not in children_visible_to(world.users["partner_police"])
