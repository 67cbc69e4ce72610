"""Supervision pages: the manager records for their own workers only (403 otherwise), the
record-supervision form posts directions for cases on the caseload, a worker sees their
own history, and pages showing children are audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import make_user
from safeguard.audit.models import AuditEvent
from safeguard.core import clock
from safeguard.quality.models import Supervision
from safeguard.quality.tests.conftest import date_fields
from safeguard.workforce.models import Allocation, Team

pytestmark = pytest.mark.django_db
TODAY = clock.today()


@pytest.fixture
def setting(make_worker, make_child):
    team = Team.objects.create(name="Team East", service_area="cin")
    manager_user = make_user("tm.east", "team_manager")
    manager = make_worker(role="team_manager", team=team, user=manager_user)
    worker_user = make_user("sw.east", "social_worker")
    worker = make_worker(
        team=team, manager=manager, user=worker_user, started_on=TODAY - dt.timedelta(days=90)
    )
    child = make_child(first_name="Jordan", last_name="Reed")
    Allocation.objects.create(child=child, worker=worker, started_on=TODAY - dt.timedelta(days=80))
    other = make_worker()  # another team's worker
    return {"manager": manager_user, "worker": worker, "worker_user": worker_user,
            "child": child, "other": other}  # fmt: skip


def test_the_manager_records_a_supervision_with_a_direction(client, setting):
    sign_in(client, setting["manager"])
    worker, child = setting["worker"], setting["child"]
    page = client.get(reverse("quality:supervision_team"))
    assert page.status_code == 200 and str(worker) in page.text and "Overdue" in page.text
    url = reverse("quality:supervision_record", kwargs={"worker_id": worker.pk})
    form = client.get(url)
    assert "Management direction for Jordan Reed" in form.text
    posted = client.post(
        url,
        {
            "outcome": "held",
            **date_fields("held_on", TODAY - dt.timedelta(days=1)),
            f"case_{child.pk.hex}": "Complete the direct work before the review.",
        },
    )
    record = Supervision.objects.get()
    assert posted.status_code == 302
    assert posted["Location"] == reverse(
        "quality:supervision_detail", kwargs={"supervision_id": record.pk}
    )
    assert record.cases.get().direction == "Complete the direct work before the review."
    detail = client.get(posted["Location"])
    assert "Complete the direct work" in detail.text
    assert AuditEvent.objects.filter(child_id=child.pk, action="view").exists()
    chronology = client.get(reverse("people:child_chronology", kwargs={"child_id": child.pk}))
    assert "Management direction in supervision" in chronology.text
    assert "Complete the direct work before the review." in chronology.text


def test_invalid_posts_show_the_errors(client, setting):
    sign_in(client, setting["manager"])
    url = reverse("quality:supervision_record", kwargs={"worker_id": setting["worker"].pk})
    page = client.post(url, {})
    assert page.status_code == 200 and "There is a problem" in page.text
    page = client.post(url, {"outcome": "held"})
    assert "Enter the date the supervision was held" in page.text
    assert not Supervision.objects.exists()


def test_another_teams_worker_is_refused(client, setting):
    sign_in(client, setting["manager"])
    for name in ("supervision_worker", "supervision_record"):
        url = reverse(f"quality:{name}", kwargs={"worker_id": setting["other"].pk})
        assert client.get(url).status_code == 403


def test_the_worker_sees_their_own_supervision(client, setting):
    sign_in(client, setting["manager"])
    client.post(
        reverse("quality:supervision_record", kwargs={"worker_id": setting["worker"].pk}),
        {"outcome": "not_sickness"},
    )
    assert Supervision.objects.get().not_held_reason == "sickness"
    sign_in(client, setting["worker_user"])
    page = client.get(reverse("quality:supervision_mine"))
    assert page.status_code == 200 and "Not held: Sickness" in page.text
    assert client.get(reverse("quality:supervision_team")).status_code == 403


def test_a_restricted_record_is_not_offered_or_named(client):
    from safeguard.access.selectors import visible_among
    from safeguard.access.testing.world import build_world

    world = build_world()
    manager = world.users["team_manager"]
    restricted = world.child_restricted  # allocated to the social worker, restricted
    may_open = bool(visible_among(manager, [restricted.pk]))
    sign_in(client, manager)
    url = reverse(
        "quality:supervision_record", kwargs={"worker_id": world.workers["social_worker"].pk}
    )
    page = client.get(url)
    assert (restricted.la_child_id in page.text) == may_open
    assert world.child_allocated.la_child_id in page.text
