"""The register: adding a placement, approval, why no registered place, progress, the end."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.audit.models import AuditEvent
from safeguard.care import selectors_unregistered as selectors
from safeguard.care.models_unregistered import (
    NoRegisteredPlaceReason,
    ProgressStep,
    UnregisteredEndReason,
    UnregisteredPlacement,
)
from safeguard.care.services import change_legal_status, change_placement, end_looked_after_period
from safeguard.care.services_unregistered import (
    end_unregistered_placement,
    record_director_approval,
    record_no_registered_place_reason,
    record_progress,
)
from safeguard.care.tests.helpers import foster, message, refused, start_care
from safeguard.care.tests.unregistered_helpers import (
    DIRECTOR,
    on_register,
    placed_unregistered,
)
from safeguard.core import clock
from safeguard.core.exceptions import StaleRecordError

pytestmark = pytest.mark.django_db

TODAY = clock.today()
PLACED = TODAY - dt.timedelta(days=70)


def test_an_unregistered_placement_goes_on_the_register_with_its_episode(child):
    episode = placed_unregistered(child, PLACED)
    entry = on_register(episode)
    assert entry.child == child and entry.episode == episode
    assert entry.started_on == PLACED and entry.is_open and entry.approved_in_time
    assert list(selectors.register()) == [entry]
    assert selectors.placements_for_child(child) == [entry]
    created = AuditEvent.objects.filter(
        action="create", model_label="care.UnregisteredPlacement", object_id=str(entry.pk)
    ).get()
    assert created.child_id == child.pk


def test_a_registered_placement_is_refused(child):
    episode = start_care(child)
    with refused("episode") as excinfo:
        on_register(episode)
    assert "recorded as registered with Ofsted" in message(excinfo, "episode")


def test_a_placement_goes_on_the_register_once_even_after_a_change_of_legal_status(child):
    episode = placed_unregistered(child, PLACED)
    change_legal_status(child=child, changed_on=PLACED + dt.timedelta(days=20), legal_status="C1")
    later = selectors.episode_on(child, TODAY)
    assert later is not None and later.reason_new_episode == "L"
    entry = on_register(later)
    assert entry.episode == episode and entry.started_on == PLACED
    with refused("episode") as excinfo:
        on_register(later)
    assert "already on the register" in message(excinfo, "episode")


@pytest.mark.parametrize(
    ("field", "overrides", "text"),
    [
        ("address", {"address": "  "}, "Enter the address the child is living at"),
        ("provider", {"provider": ""}, "Enter who provides the care and staffing"),
        ("setting", {"setting": "tent"}, "Select the kind of accommodation"),
        ("reason", {"reason": ""}, "Select why no registered place was available"),
        ("reason_detail", {"reason_detail": ""}, "Say which registered homes were approached"),
        ("approved_by", {"approved_by": ""}, "Enter the name of the Corporate Director"),
        ("approved_on", {"approved_on": None}, "Enter the date the Corporate Director approved"),
        ("approved_on", {"approved_on": TODAY + dt.timedelta(days=1)}, "cannot be in the future"),
    ],
)
def test_what_the_register_needs_is_asked_for_by_name(child, field, overrides, text):
    episode = placed_unregistered(child, PLACED)
    with refused(field) as excinfo:
        on_register(episode, **overrides)
    assert text in message(excinfo, field)


def test_approval_can_follow_and_is_late_after_the_move_in(child):
    entry = on_register(placed_unregistered(child, PLACED), approved_on=None, approved_by="")
    assert not entry.is_approved
    items = [i.what for i in selectors.worklist(TODAY).overdue]
    assert "Corporate Director's approval" in items
    approved = record_director_approval(
        placement=entry,
        approved_on=PLACED + dt.timedelta(days=3),
        approved_by=DIRECTOR,
        expected_version=entry.version,
    )
    assert approved.is_approved and not approved.approved_in_time
    with refused("approved_on") as excinfo:
        record_director_approval(placement=approved, approved_on=TODAY, approved_by="Someone")
    assert "already recorded" in message(excinfo, "approved_on")


def test_a_stale_edit_is_refused(child):
    entry = on_register(placed_unregistered(child, PLACED), approved_on=None, approved_by="")
    stale = entry.version
    record_no_registered_place_reason(
        placement=entry,
        reason=NoRegisteredPlaceReason.DECLINED,
        reason_detail="Four providers declined after reading the referral.",
        expected_version=stale,
    )
    with pytest.raises(StaleRecordError):
        record_director_approval(
            placement=entry, approved_on=PLACED, approved_by=DIRECTOR, expected_version=stale
        )
    entry.refresh_from_db()
    assert entry.reason == NoRegisteredPlaceReason.DECLINED and entry.approved_on is None


def test_progress_is_dated_inside_the_placement(child):
    entry = on_register(placed_unregistered(child, PLACED))
    update = record_progress(
        placement=entry,
        recorded_on=TODAY,
        step=ProgressStep.APPLIED,
        note="Provider's application went to Ofsted on Monday.",
    )
    assert selectors.latest_progress(selectors.placement_by_id(entry.pk)) == update
    with refused("recorded_on") as excinfo:
        record_progress(
            placement=entry,
            recorded_on=PLACED - dt.timedelta(days=1),
            step=ProgressStep.SEARCHING,
            note="Early.",
        )
    assert "before the child moved in" in message(excinfo, "recorded_on")
    with refused("note"):
        record_progress(placement=entry, recorded_on=TODAY, step=ProgressStep.SEARCHING, note="")
    with refused("step"):
        record_progress(placement=entry, recorded_on=TODAY, step="hoping", note="Hope.")


def test_a_move_ends_the_entry_on_the_day_the_care_record_shows(child):
    entry = on_register(placed_unregistered(child, PLACED))
    moved = TODAY - dt.timedelta(days=5)
    with refused("ended_on") as excinfo:
        end_unregistered_placement(
            placement=entry, ended_on=moved, end_reason=UnregisteredEndReason.MOVED_REGISTERED
        )
    assert "shows no move yet" in message(excinfo, "ended_on")
    change_placement(
        child=child, changed_on=moved, placement=foster(), reason_placement_change="CARPL"
    )
    # The child has left: the register asks for the end, and no longer for a visit.
    assert [i.what for i in selectors.worklist(TODAY).items if i.placement == entry] == [
        "Record the end of the placement"
    ]
    with refused("ended_on") as excinfo:
        end_unregistered_placement(
            placement=entry,
            ended_on=moved - dt.timedelta(days=1),
            end_reason=UnregisteredEndReason.MOVED_REGISTERED,
        )
    assert "shows the move on" in message(excinfo, "ended_on")
    ended = end_unregistered_placement(
        placement=entry, ended_on=moved, end_reason=UnregisteredEndReason.MOVED_REGISTERED
    )
    assert not ended.is_open and list(selectors.register()) == []
    assert list(selectors.register(current_only=False)) == [ended]
    with refused("ended_on"):
        end_unregistered_placement(
            placement=ended, ended_on=moved, end_reason=UnregisteredEndReason.MOVED_REGISTERED
        )


def test_registration_of_the_home_ends_the_entry_while_the_child_lives_there(child):
    entry = on_register(placed_unregistered(child, PLACED))
    ended = end_unregistered_placement(
        placement=entry, ended_on=TODAY, end_reason=UnregisteredEndReason.HOME_REGISTERED
    )
    assert ended.end_reason == UnregisteredEndReason.HOME_REGISTERED


def test_leaving_care_ends_the_entry_on_the_day_care_ended(child):
    entry = on_register(placed_unregistered(child, PLACED))
    left = TODAY - dt.timedelta(days=2)
    with refused("ended_on") as excinfo:
        end_unregistered_placement(
            placement=entry, ended_on=left, end_reason=UnregisteredEndReason.LEFT_CARE
        )
    assert "record the end of care first" in message(excinfo, "ended_on")
    end_looked_after_period(child=child, ended_on=left, reason_ceased="E41")
    ended = end_unregistered_placement(
        placement=entry, ended_on=left, end_reason=UnregisteredEndReason.LEFT_CARE
    )
    assert ended.ended_on == left


def test_an_unregistered_placement_nobody_added_is_on_the_worklist(child):
    episode = placed_unregistered(child, PLACED)
    work = selectors.worklist(TODAY)
    assert [(i.what, i.episode) for i in work.items] == [
        ("Add the placement to the register", episode)
    ]
    on_register(episode)
    assert UnregisteredPlacement.objects.count() == 1
    assert "Add the placement to the register" not in [
        i.what for i in selectors.worklist(TODAY).items
    ]
