from __future__ import annotations

import datetime as dt
import itertools

import pytest

from safeguard.partnership.services import lado as services
from safeguard.workforce.models import WorkerRole

_n = itertools.count(1)
D = dt.date


@pytest.fixture
def lado_officer(make_worker):
    return make_worker(role=WorkerRole.LADO, first_name="Lee", last_name="Officer")


@pytest.fixture
def make_adult(db):
    from safeguard.people.models import Person, PersonKind

    def build(**overrides):
        n = next(_n)
        values = {
            "kind": PersonKind.ADULT,
            "la_child_id": f"A{n:07d}",
            "first_name": "Robin",
            "last_name": f"Carer{n}",
            "date_of_birth": dt.date(1975, 2, 3),
        }
        values.update(overrides)
        return Person.objects.create(**values)

    return build


@pytest.fixture
def make_contact(db):
    """A contact through the service; keyword arguments override the defaults."""
    from safeguard.partnership.services.lado import record_contact

    def build(**overrides):
        values = {
            "lado_informed_on": dt.date(2024, 3, 4),
            "reported_to_employer_on": dt.date(2024, 3, 1),
            "source_agency": "education",
            "subject_name": "Jordan Teacher",
            "subject_role": "education",
            "subject_employer": "Hill Primary School",
            "category": "physical",
            "summary": "A pupil said the teacher grabbed their arm.",
        }
        values.update(overrides)
        return record_contact(**values)

    return build


def _contact(on: dt.date, role: str, source: str, *, reported: dt.date | None = None, **kw):
    return services.record_contact(
        lado_informed_on=on,
        reported_to_employer_on=reported,
        source_agency=source,
        subject_name="Someone",
        subject_role=role,
        category="physical",
        summary="Alleged.",
        **kw,
    )


@pytest.fixture
def quarter_of_contacts(db):
    """Ten contacts in Q1 2020-21 (three become referrals), two the quarter before."""
    made = []
    for n in range(10):
        role = ["foster_carer", "residential_worker", "education", "health", "other"][n % 5]
        source = "health" if n < 3 else "education"
        day = D(2020, 4, 6) + dt.timedelta(days=7 * n)
        # Employer knew the working day before for even n, a week before for odd n.
        reported = (
            day - dt.timedelta(days=3 if day.weekday() == 0 else 1)
            if n % 2 == 0
            else (day - dt.timedelta(days=7))
        )
        made.append(_contact(day, role, source, reported=reported if n < 8 else None))
    for allegation in made[:3]:
        services.progress_to_referral(
            allegation=allegation, referral_on=allegation.lado_informed_on + dt.timedelta(days=1)
        )
    first = made[0]
    services.record_outcome(allegation=first, outcome="unsubstantiated", outcome_on=D(2020, 6, 1))
    services.record_dbs_decision(allegation=first, referred=True, referred_on=D(2020, 6, 3))
    services.close_allegation(allegation=first, closed_on=D(2020, 6, 10))
    _contact(D(2020, 3, 2), "foster_carer", "police")
    previous = _contact(D(2020, 3, 9), "foster_carer", "police")
    services.progress_to_referral(allegation=previous, referral_on=D(2020, 3, 9))
    return made
