"""The manager's supervision queue: their workers due within a week or overdue, off the
queue once recorded; never another team's worker."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.testing.world import make_user
from safeguard.core import clock
from safeguard.quality.services.supervision import record_supervision
from safeguard.workforce.models import Team
from safeguard.worklists.builders.supervision import supervisions
from safeguard.worklists.items import Rules, State

pytestmark = pytest.mark.django_db


def test_due_and_overdue_supervisions_of_the_managers_workers(make_worker):
    today = clock.today()
    team = Team.objects.create(name="Team Queue", service_area="cin")
    user = make_user("tm.queue", "team_manager")
    manager = make_worker(role="team_manager", team=team, user=user)
    overdue = make_worker(team=team, started_on=today - dt.timedelta(days=60))
    soon = make_worker(team=team, started_on=today - dt.timedelta(days=25))
    make_worker(team=team, started_on=today - dt.timedelta(days=5))  # due in 23 days
    make_worker(started_on=today - dt.timedelta(days=60))  # another team's

    items = supervisions(user, today, Rules())
    assert [i.subject.split(" (")[0] for i in items] == [str(overdue), str(soon)]
    assert items[0].state == State.OVERDUE and items[0].due == today - dt.timedelta(days=32)
    assert items[0].url == reverse("quality:supervision_record", kwargs={"worker_id": overdue.pk})

    record_supervision(supervisor=manager, supervisee=overdue, held_on=today)
    assert [i.subject.split(" (")[0] for i in supervisions(user, today, Rules())] == [str(soon)]
