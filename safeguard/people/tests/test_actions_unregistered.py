"""The child's record links to the child's unregistered placements, when there are any."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import build_world
from safeguard.care.tests.unregistered_helpers import on_register, placed_unregistered
from safeguard.core import clock
from safeguard.people.actions import available_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def link(child) -> str:
    return reverse("care:child_unregistered_placements", kwargs={"child_id": child.pk})


def test_the_record_links_to_the_childs_unregistered_placements(world, client):
    child = world.child_allocated
    on_register(placed_unregistered(child, clock.today() - dt.timedelta(days=30)))
    sign_in(client, world.users["social_worker"])
    page = client.get(reverse("people:child_record", kwargs={"child_id": child.pk}))
    assert page.status_code == 200
    assert link(child) in page.text
    assert client.get(link(child)).status_code == 200


def test_no_link_when_the_child_was_never_on_the_register(world):
    child = world.child_allocated
    actions = available_actions(world.users["social_worker"], child)
    assert link(child) not in [a.url for a in actions]


def test_no_link_for_users_who_may_not_open_the_record(world):
    child = world.child_allocated
    on_register(placed_unregistered(child, clock.today() - dt.timedelta(days=30)))
    for role in ("performance_analyst", "system_administrator"):
        urls = [a.url for a in available_actions(world.users[role], child)]
        assert link(child) not in urls, role
    urls = [a.url for a in available_actions(world.users["social_worker"], child)]
    assert link(child) in urls
