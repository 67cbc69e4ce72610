"""The register generator: derived from the care records, consistent with them, and with
the reports the schedule would have issued."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.care import selectors
from safeguard.care.models import LookedAfterEpisode
from safeguard.care.models_unregistered import (
    DocumentKind,
    IndependentVisit,
    IssuedDocument,
    IssuedDocumentEntry,
    ProgressUpdate,
    UnregisteredEndReason,
    UnregisteredPlacement,
)
from safeguard.care.services import change_placement
from safeguard.care.tests.helpers import foster
from safeguard.care.tests.unregistered_helpers import placed_unregistered
from safeguard.synth.context import GenerationSettings, SynthContext
from safeguard.synth.journeys import unregistered

END = dt.date(2026, 3, 31)
SETTINGS = GenerationSettings(
    scale=0.05, years=1, seed=3, end=END, la_code="886", la_name="Test Shire"
)


def _generate() -> None:
    ctx = SynthContext(SETTINGS)
    unregistered.generate(ctx)
    ctx.writer.flush()


@pytest.mark.django_db
def test_the_register_follows_the_care_records(make_child):
    moved = placed_unregistered(make_child(), dt.date(2025, 9, 1))
    change_placement(
        child=moved.child,
        changed_on=dt.date(2025, 12, 15),
        placement=foster(),
        reason_placement_change="CARPL",
    )
    staying = placed_unregistered(make_child(), dt.date(2026, 2, 2))
    before = list(LookedAfterEpisode.objects.order_by("pk").values())
    _generate()
    assert list(LookedAfterEpisode.objects.order_by("pk").values()) == before  # read, not changed
    entries = {p.episode_id: p for p in UnregisteredPlacement.objects.all()}
    assert set(entries) == {moved.pk, staying.pk}
    ended = entries[moved.pk]
    assert ended.ended_on == dt.date(2025, 12, 15)
    assert ended.end_reason == UnregisteredEndReason.MOVED_REGISTERED
    assert entries[staying.pk].is_open
    for entry in entries.values():
        assert entry.child_id == LookedAfterEpisode.objects.get(pk=entry.episode_id).child_id
        last = entry.ended_on or END
        for visit in IndependentVisit.objects.filter(placement=entry):
            assert entry.started_on <= visit.visited_on <= last
    # Three and a half months: three or four visits, nearly all within the month.
    assert 2 <= IndependentVisit.objects.filter(placement=ended).count() <= 4


@pytest.mark.django_db
def test_the_reports_are_issued_each_monday_and_each_first_of_the_month(make_child):
    entry_episode = placed_unregistered(make_child(), dt.date(2026, 1, 12))
    _generate()
    weekly = IssuedDocument.objects.filter(kind=DocumentKind.WEEKLY)
    assert all(d.as_at.weekday() == 0 for d in weekly)
    assert weekly.count() == 52
    assert IssuedDocument.objects.filter(kind=DocumentKind.OFSTED).count() == 12
    named = IssuedDocument.objects.filter(entries__placement__episode=entry_episode)
    first = named.filter(kind=DocumentKind.WEEKLY).order_by("as_at").first()
    assert first is not None and first.as_at == dt.date(2026, 1, 12)
    assert entry_episode.child.last_name in first.html and first.pdf == b""
    entry = UnregisteredPlacement.objects.get()
    # Reported every week of the placement: the weekly report is never overdue.
    assert selectors.episode_on(entry.child, END) is not None
    assert named.filter(kind=DocumentKind.WEEKLY).count() == 12


@pytest.mark.django_db
def test_generation_is_reproducible(make_child):
    placed_unregistered(make_child(), dt.date(2025, 11, 3))
    _generate()
    first = list(
        IndependentVisit.objects.order_by("visited_on").values_list("visited_on", "opinion")
    )
    approvals = list(UnregisteredPlacement.objects.values_list("approved_on", "address"))
    for model in (IssuedDocumentEntry, IssuedDocument, IndependentVisit, ProgressUpdate):
        model.objects.all().delete()  # bulk deletes, children first (foreign keys protect)
    UnregisteredPlacement.objects.all().delete()
    _generate()
    assert (
        list(IndependentVisit.objects.order_by("visited_on").values_list("visited_on", "opinion"))
        == first
    )
    assert list(UnregisteredPlacement.objects.values_list("approved_on", "address")) == approvals
