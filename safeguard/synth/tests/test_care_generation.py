"""The children-in-care, care-leaver and missing generators on a small authority."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict

import pytest

from safeguard.care import selectors
from safeguard.care.models import (
    CareLeaverContact,
    LookedAfterEpisode,
    LookedAfterReview,
    PeriodOfCare,
)
from safeguard.cin.models import CINEpisode
from safeguard.exploitation.models import MissingEpisode, ReturnHomeInterview
from safeguard.synth.context import GenerationSettings
from safeguard.synth.generate import generate_authority

END = dt.date(2026, 3, 31)
SETTINGS = GenerationSettings(
    scale=0.05, years=2, seed=3, end=END, la_code="886", la_name="Test Shire"
)


def _flush_keeping(seeded: str) -> None:
    """Empty the database, then put back what migrations seeded (roles, school terms,
    retention rules, the audit chain head): later tests on this worker rely on them."""
    from django.core.management import call_command
    from django.db import connection

    call_command("flush", interactive=False, verbosity=0)
    connection.creation.deserialize_db_from_string(seeded)


@pytest.fixture(scope="module")
def authority(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import connection

        seeded = connection.creation.serialize_db_to_string()
        _flush_keeping(seeded)
        result = generate_authority(SETTINGS)
        yield result
        _flush_keeping(seeded)


@pytest.mark.django_db
def test_episodes_are_contiguous_and_periods_do_not_overlap(authority):
    by_period = defaultdict(list)
    for episode in LookedAfterEpisode.objects.order_by("started_on"):
        by_period[episode.period_id].append(episode)
    periods = {p.id: p for p in PeriodOfCare.objects.all()}
    assert periods
    for period_id, episodes in by_period.items():
        period = periods[period_id]
        assert episodes[0].started_on == period.started_on
        assert episodes[0].reason_new_episode == "S"
        for before, after in itertools.pairwise(episodes):
            assert before.ended_on == after.started_on
            assert before.reason_ceased == "X1"
            assert after.reason_new_episode in {"P", "T", "B", "U", "L"}
            changed_legal = before.legal_status != after.legal_status
            changed_place = (before.placement_type, before.carer_name, before.urn) != (
                after.placement_type,
                after.carer_name,
                after.urn,
            )
            if after.reason_new_episode == "L":
                assert changed_legal and not changed_place
            if after.reason_new_episode in {"B", "U"}:
                assert changed_legal
            if after.reason_new_episode in {"P", "T"}:
                assert not changed_legal
            if after.reason_new_episode != "L":
                assert before.reason_placement_change
            assert after.started_on > before.started_on
        last = episodes[-1]
        assert last.ended_on == period.ended_on
        assert (last.reason_ceased == "") == (period.ended_on is None)
        assert last.reason_ceased != "X1"
    by_child = defaultdict(list)
    for period in periods.values():
        by_child[period.child_id].append(period)
    for spans in by_child.values():
        spans.sort(key=lambda p: p.started_on)
        for before, after in itertools.pairwise(spans):
            assert before.ended_on is not None and before.ended_on < after.started_on


@pytest.mark.django_db
def test_history_ends_open_on_the_end_date(authority):
    open_episodes = LookedAfterEpisode.objects.filter(ended_on__isnull=True)
    assert open_episodes.count() >= 10
    assert not LookedAfterEpisode.objects.filter(started_on__gt=END).exists()
    assert not LookedAfterEpisode.objects.filter(ended_on__gt=END).exists()
    # Every child looked after on the end date has an open CIN episode.
    open_cin = set(
        CINEpisode.objects.filter(closure_date__isnull=True).values_list("child_id", flat=True)
    )
    assert set(open_episodes.values_list("child_id", flat=True)) <= open_cin
    assert LookedAfterReview.objects.filter(held_on__gt=END - dt.timedelta(days=90)).exists()


@pytest.mark.django_db
def test_missing_episodes_and_return_home_interviews(authority):
    missing = MissingEpisode.objects.all()
    assert missing.count() > 20
    assert missing.filter(looked_after_episode__isnull=False).exists()
    assert not missing.filter(missing_type="A", looked_after_episode__isnull=True).exists()
    interviews = ReturnHomeInterview.objects.select_related("missing_episode")
    assert interviews.exists()
    for interview in interviews:
        assert interview.offered_at >= interview.missing_episode.ended_at
        if interview.held_at is not None:
            assert interview.held_at >= interview.offered_at


@pytest.mark.django_db
def test_care_leavers_have_contacts(authority):
    contacts = CareLeaverContact.objects.select_related("child")
    assert contacts.exists()
    for contact in contacts[:200]:
        status = selectors.care_leaver_status(contact.child, contact.contact_on)
        assert status.eligible, status.reason
        if contact.in_touch != "YES":
            assert contact.activity == "0" and contact.accommodation == "0"


@pytest.mark.django_db
def test_903_projection_works_on_generated_data(authority):
    year = selectors.ReturnYear.ending(2026)
    rows = selectors.episode_rows(year=year)
    assert rows
    assert {row["RNE"] for row in rows} >= {"S", "P"}
    assert all(row["PLACE_PROVIDER"] or row["PLACE"].startswith("T") for row in rows)
    assert selectors.review_rows(year)
    assert selectors.oc3_rows(year)
