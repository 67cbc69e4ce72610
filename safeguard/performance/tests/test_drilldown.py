"""Who a drill-down row is about: a child (named or pseudonymised), a worker or a team."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.access.pseudonymised import pseudonym
from safeguard.access.testing.world import make_user
from safeguard.performance.views.drilldown import identify
from safeguard.workforce.models import Team

pytestmark = pytest.mark.django_db


def test_teams_children_and_unknown_ids(make_child) -> None:
    team = Team.objects.create(name="Assessment North", service_area="assessment",
                               opened_on=dt.date(2020, 1, 1))  # fmt: skip
    child = make_child(first_name="Ada", last_name="Tester")
    analyst = make_user("analyst", "performance_analyst")
    who = identify(analyst, [team.pk.hex, child.pk.hex, "not-an-id"])
    assert who[team.pk.hex].label == "Team Assessment North"
    assert who[team.pk.hex].kind == "team"
    assert who[child.pk.hex].label == pseudonym(child.pk)  # analysts never see names
    assert "not-an-id" not in who
