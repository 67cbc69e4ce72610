"""The analysts' pseudonymised list: no names or identifiers, stable pseudonyms, filters, CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from safeguard.access import pseudonymised

URL = "access:pseudonymised_children"


def test_pseudonyms_are_stable_distinct_and_keyed(settings):
    import uuid

    first, second = uuid.uuid4(), uuid.uuid4()
    assert pseudonymised.pseudonym(first) == pseudonymised.pseudonym(first)
    assert pseudonymised.pseudonym(first) != pseudonymised.pseudonym(second)
    assert pseudonymised.pseudonym(first).startswith("P-")
    before = pseudonymised.pseudonym(first)
    settings.SAFEGUARD_PSEUDONYM_KEY = "another key"
    assert pseudonymised.pseudonym(first) != before


@given(
    born=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2026, 1, 1)),
    today=st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2027, 12, 31)),
)
def test_age_band_agrees_with_the_age_in_whole_years(born, today):
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    band = pseudonymised.age_band(born, today)
    if age > 25:
        assert band == "Over 25"
    else:
        low, high, label = next(b for b in pseudonymised.AGE_BANDS if b[0] <= age <= b[1])
        assert band == label and low <= age <= high


def test_age_band_of_a_missing_date_is_not_recorded():
    assert pseudonymised.age_band(None, dt.date(2026, 1, 1)) == "Not recorded"


@pytest.mark.django_db
def test_the_analyst_sees_pseudonyms_never_names_or_identifiers(world, client_for):
    response = client_for("performance_analyst").get(reverse(URL))
    assert response.status_code == 200
    for child in (world.child_allocated, world.child_early_help, world.child_conference):
        assert pseudonymised.pseudonym(child.pk) in response.text
        assert child.last_name not in response.text
        assert child.la_child_id not in response.text
        assert str(child.pk) not in response.text
    # Only children worked with: the MASH child has a contact but no episode yet.
    assert pseudonymised.pseudonym(world.child_mash.pk) not in response.text


@pytest.mark.django_db
def test_filtering_by_status_keeps_the_most_intensive_status_only(world, client_for):
    client = client_for("performance_analyst")
    early = client.get(reverse(URL), {"status": "early_help"})
    assert pseudonymised.pseudonym(world.child_early_help.pk) in early.text
    assert pseudonymised.pseudonym(world.child_conference.pk) not in early.text
    cin = client.get(reverse(URL), {"status": "cin"})
    assert pseudonymised.pseudonym(world.child_conference.pk) in cin.text
    bad = client.get(reverse(URL), {"status": "nonsense"})
    assert bad.status_code == 400
    assert "Select a status from the list" in bad.text
    assert "govuk-error-summary" in bad.text


@pytest.mark.django_db
def test_csv_download_has_no_personal_identifiers_and_is_audited(world, client_for, monkeypatch):
    events: list[dict] = []
    monkeypatch.setattr("safeguard.audit.services.record_event", lambda **kw: events.append(kw))
    response = client_for("performance_analyst").get(reverse(URL), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == pseudonymised.CSV_COLUMNS
    body = response.content.decode()
    for child in (world.child_allocated, world.child_early_help):
        assert pseudonymised.pseudonym(child.pk) in body
        assert child.last_name not in body and child.la_child_id not in body
        assert child.date_of_birth.isoformat() not in body
    assert [e["action"] for e in events] == ["download"]
    assert events[0]["row_count"] == len(rows) - 1
    assert events[0]["user"] == world.users["performance_analyst"]


@pytest.mark.django_db
def test_a_social_worker_cannot_see_the_pseudonymised_list(client_for):
    assert client_for("social_worker").get(reverse(URL)).status_code == 403
