from __future__ import annotations

import pytest

from safeguard.workforce.models import WorkerRole


@pytest.fixture
def iro(make_worker):
    return make_worker(role=WorkerRole.CONFERENCE_CHAIR)


@pytest.fixture
def adviser(make_worker):
    return make_worker(role=WorkerRole.PERSONAL_ADVISER)
