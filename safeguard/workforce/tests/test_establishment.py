"""The establishment: posts funded by team and role, dated (vacancies are derived)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from safeguard.core import clock
from safeguard.people.tests.helpers import message, refused
from safeguard.workforce.models import FundedPost, Team
from safeguard.workforce.services import create_team, end_funded_posts, fund_posts

pytestmark = pytest.mark.django_db

APRIL = dt.date(2020, 4, 1)


@pytest.fixture
def team() -> Team:
    return create_team(name="Children in Need North", service_area="cin", opened_on=APRIL)


def test_fund_and_end_posts(team: Team) -> None:
    posts = fund_posts(team=team, role="social_worker", fte=Decimal("11"), started_on=APRIL)
    assert posts.is_funded_on(APRIL) and not posts.is_funded_on(APRIL - dt.timedelta(days=1))
    ended = end_funded_posts(funded_post=posts, ended_on=dt.date(2021, 3, 31))
    assert ended.is_funded_on(dt.date(2021, 3, 30)) and not ended.is_funded_on(dt.date(2021, 3, 31))
    assert str(ended) == "Children in Need North: 11.00 FTE social worker"
    with refused("ended_on"):
        end_funded_posts(funded_post=ended, ended_on=dt.date(2021, 4, 30))


def test_funding_rules(team: Team) -> None:
    with refused("fte") as excinfo:
        fund_posts(team=team, role="social_worker", fte=Decimal("0"), started_on=APRIL)
    assert "more than 0" in message(excinfo, "fte")
    with refused("role"):
        fund_posts(team=team, role="wizard", fte=Decimal("1"), started_on=APRIL)
    with refused("started_on"):
        fund_posts(
            team=team, role="social_worker", fte=Decimal("1"), started_on=dt.date(2020, 3, 1)
        )
    with refused("started_on"):
        fund_posts(
            team=team,
            role="social_worker",
            fte=Decimal("1"),
            started_on=clock.today() + dt.timedelta(days=1),
        )
    posts = fund_posts(team=team, role="social_worker", fte=Decimal("2.5"), started_on=APRIL)
    with refused("started_on"):
        fund_posts(team=team, role="social_worker", fte=Decimal("1"), started_on=APRIL)
    with refused("ended_on"):
        end_funded_posts(funded_post=posts, ended_on=APRIL)


def test_the_database_refuses_impossible_rows(team: Team) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        FundedPost.objects.create(team=team, role="social_worker", fte=0, started_on=APRIL)
    with pytest.raises(IntegrityError), transaction.atomic():
        FundedPost.objects.create(
            team=team, role="social_worker", fte=1, started_on=APRIL, ended_on=APRIL
        )
