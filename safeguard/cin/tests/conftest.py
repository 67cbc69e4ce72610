from __future__ import annotations

import pytest

from safeguard.cin.services import open_referral
from safeguard.cin.tests.helpers import REFERRAL
from safeguard.workforce.models import WorkerRole


@pytest.fixture
def episode(child):
    return open_referral(
        child=child, referral_date=REFERRAL, referral_source="2A", primary_need="N1"
    )


@pytest.fixture
def manager(make_worker):
    return make_worker(role=WorkerRole.TEAM_MANAGER)


@pytest.fixture
def service_manager(make_worker):
    return make_worker(role=WorkerRole.SERVICE_MANAGER)
