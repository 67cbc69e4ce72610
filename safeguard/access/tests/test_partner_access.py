"""A partner agency user reaches only what was shared with their agency, however they ask."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from safeguard.access.roles import Agency
from safeguard.access.selectors import child_access, children_visible_to

CHILDREN = (
    "child_allocated",
    "child_other_team",
    "child_restricted",
    "child_mash",
    "child_early_help",
    "child_conference",
)


@pytest.mark.django_db
@pytest.mark.parametrize("agency", Agency.CODES)
def test_a_partner_guessing_a_record_url_or_id_is_refused(world, client_for, agency):
    client = client_for(f"partner_{agency}")
    guesses = [getattr(world, name).pk for name in CHILDREN] + [uuid.uuid4(), uuid.uuid4()]
    if agency != Agency.POLICE:
        guesses.append(world.child_shared_police.pk)
    for child_id in guesses:
        for name in ("people:child_record", "access:break_glass", "access:restriction"):
            response = client.get(reverse(name, kwargs={"child_id": child_id}))
            assert response.status_code == 403, (name, child_id, response.status_code)
    # A malformed id matches no page at all.
    assert client.get("/children/1/").status_code == 404


@pytest.mark.django_db
def test_a_partner_sees_only_children_shared_with_their_agency(world, client_for):
    police = world.users["partner_police"]
    expected = {world.child_shared_police} if world.shared_with_police else set()
    assert set(children_visible_to(police)) == expected
    for agency in Agency.CODES:
        if agency != Agency.POLICE:
            assert list(children_visible_to(world.users[f"partner_{agency}"])) == []
    decision = child_access(police, world.child_allocated)
    assert not decision.allowed and not decision.may_break_glass


@pytest.mark.django_db
def test_the_shared_child_opens_for_the_police_without_internal_status(world, client_for):
    if not world.shared_with_police:
        pytest.fail("The world could not share a child with the police (governance app)")
    page = client_for("partner_police").get(
        reverse("people:child_record", kwargs={"child_id": world.child_shared_police.pk})
    )
    assert page.status_code == 200
    assert "Information shared with your agency" in page.text
    assert "Current status" not in page.text
