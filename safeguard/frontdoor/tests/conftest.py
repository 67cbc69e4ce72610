"""Front door fixtures: a MASH worker, contacts and triage built through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from safeguard.workforce.models import WorkerRole

#: A Monday morning in July 2020 (British Summer Time).
RECEIVED = timezone.make_aware(dt.datetime(2020, 7, 6, 9, 30))


def at(day: int, hour: int, minute: int = 0, month: int = 7, year: int = 2020) -> dt.datetime:
    """An aware local (Europe/London) datetime."""
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


@pytest.fixture
def mash_worker(make_worker):
    return make_worker(role=WorkerRole.MASH_OFFICER)


@pytest.fixture
def make_contact(make_child, mash_worker):
    from safeguard.frontdoor import services

    def build(**overrides):
        values = {
            "received_at": RECEIVED,
            "source": "2A",
            "channel": "professional_line",
            "concerns": "Child arrived at school with bruising to the arm.",
            "children": overrides.pop("children", None) or [make_child()],
            "consent_asked": True,
            "consent_given": True,
            "referrer_name": "Pat Teacher",
            "referrer_agency": "Anytown Primary School",
            "recorded_by": mash_worker,
        }
        values.update(overrides)
        return services.record_contact(**values)

    return build


@pytest.fixture
def contact(make_contact):
    return make_contact()


@pytest.fixture
def make_triage(make_contact, mash_worker):
    from safeguard.frontdoor import services

    def build(contact=None, **overrides):
        values = {
            "contact": contact or make_contact(),
            "started_at": at(6, 10),
            "started_by": mash_worker,
            "priority": "amber",
        }
        values.update(overrides)
        return services.start_mash_triage(**values)

    return build


@pytest.fixture
def triage(make_triage):
    return make_triage()


@pytest.fixture
def counts():
    """Row counts of every front door, early help and CIN table, to prove nothing was written."""
    from safeguard.cin.models import CINEpisode
    from safeguard.earlyhelp.models import EarlyHelpEpisode
    from safeguard.frontdoor.models import (
        Contact,
        ContactChild,
        MashDecision,
        MashTriage,
        PartnerCheck,
    )

    models = (
        Contact,
        ContactChild,
        MashTriage,
        PartnerCheck,
        MashDecision,
        CINEpisode,
        EarlyHelpEpisode,
    )

    def snapshot():
        return {m.__name__: m.objects.count() for m in models}

    return snapshot


@pytest.fixture
def refused(counts):
    """Call a service, expect a ValidationError on ``field``, and prove nothing was written.

    Returns the message for the field.
    """
    from django.core.exceptions import ValidationError

    def check(field, service, **kwargs):
        before = counts()
        with pytest.raises(ValidationError) as excinfo:
            service(**kwargs)
        errors = excinfo.value.message_dict
        assert list(errors) == [field], errors
        assert counts() == before
        return errors[field][0]

    return check
