"""Early help fixtures: episodes built through the services, and a 'nothing written' check."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safeguard.workforce.models import WorkerRole


@pytest.fixture
def manager(make_worker):
    return make_worker(role=WorkerRole.TEAM_MANAGER)


@pytest.fixture
def make_episode(make_child):
    from safeguard.earlyhelp import services

    def build(**overrides):
        values = {
            "child": overrides.pop("child", None) or make_child(),
            "requested_on": dt.date(2020, 9, 1),
            "request_source": "2A",
            "request_details": "School worried about attendance and hygiene.",
        }
        values.update(overrides)
        return services.request_early_help(**values)

    return build


@pytest.fixture
def episode(make_episode):
    return make_episode()


@pytest.fixture
def planned_episode(episode):
    """An episode assessed, with a lead professional from the school and a TAF plan."""
    from safeguard.earlyhelp import services

    services.start_early_help_assessment(
        episode=episode, started_on=dt.date(2020, 9, 3), agency="la_early_help"
    )
    services.complete_early_help_assessment(episode=episode, completed_on=dt.date(2020, 9, 15))
    services.appoint_lead_professional(
        episode=episode,
        name="Jo Head",
        agency="school",
        role="Designated safeguarding lead",
    )
    services.start_taf_plan(
        episode=episode,
        started_on=dt.date(2020, 9, 22),
        outcomes="Attendance above 90% by half term (school, parent).",
        members="School, health visitor, family worker",
    )
    episode.refresh_from_db()
    return episode


@pytest.fixture
def counts():
    from safeguard.cin.models import CINEpisode
    from safeguard.earlyhelp.models import EarlyHelpEpisode, TafReview, TeamAroundFamilyPlan

    models = (EarlyHelpEpisode, TeamAroundFamilyPlan, TafReview, CINEpisode)

    def snapshot():
        return {m.__name__: m.objects.count() for m in models}

    return snapshot


@pytest.fixture
def refused(counts):
    """Call a service, expect a ValidationError on ``field``, and prove no rows were added."""

    def check(field, service, **kwargs):
        before = counts()
        with pytest.raises(ValidationError) as excinfo:
            service(**kwargs)
        errors = excinfo.value.message_dict
        assert list(errors) == [field], errors
        assert counts() == before
        return errors[field][0]

    return check
