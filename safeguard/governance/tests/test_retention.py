"""Retention: the rules, the report of records due, and destruction by two people."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguard.access.testing.world import make_user
from safeguard.core import clock
from safeguard.governance import services
from safeguard.governance.models import DestructionStatus, RetentionRule
from safeguard.governance.retention import RECORD_TYPES
from safeguard.governance.selectors.destruction import destruction_plan
from safeguard.governance.selectors.retention import (
    cutoff,
    due_on,
    due_queryset,
    rule_counts,
)
from safeguard.people.models import Person

dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2150, 12, 31))


@settings(max_examples=500, deadline=None)
@given(dates, st.integers(min_value=1, max_value=120), dates)
def test_the_cutoff_is_exactly_the_inverse_of_the_due_date(start, years, as_at):
    assert (due_on(start, years) <= as_at) == (start <= cutoff(as_at, years))


def test_a_29_february_birthday_is_due_on_28_february():
    assert due_on(dt.date(2000, 2, 29), 25) == dt.date(2025, 2, 28)
    assert cutoff(dt.date(2025, 2, 28), 25) == dt.date(2000, 2, 29)


def latest_sequence() -> int | None:
    try:
        from safeguard.audit.models import AuditEvent
    except ImportError:  # the audit app is being built in parallel
        return None
    newest = AuditEvent.objects.order_by("-sequence").first()
    return newest.sequence if newest is not None else 0


def stored_tombstones(after: int | None) -> list | None:
    """Destroy entries written to the audit app's log after ``after`` (None: no log yet)."""
    if after is None:
        return None
    from safeguard.audit.models import AuditEvent

    return list(AuditEvent.objects.filter(action="destroy", sequence__gt=after))


def rule(code: str) -> RetentionRule:
    return RetentionRule.objects.get(record_type=code)


@pytest.mark.django_db
def test_every_record_type_has_a_seeded_rule():
    assert {r.record_type for r in RetentionRule.objects.all()} == {t.code for t in RECORD_TYPES}
    assert rule("child_looked_after").years == 75
    assert rule("child_adopted").years == 100
    assert rule("child_other").years == 25


@pytest.mark.django_db
def test_the_report_lists_children_past_their_25th_birthday_with_no_open_work(world, family):
    today = clock.today()
    due = set(due_queryset(rule("child_other"), today))
    assert {family.child, family.sibling} <= due
    assert family.mother not in due  # adults are kept with the children's records
    assert world.child_allocated not in due  # born 2014
    assert not set(due_queryset(rule("child_other"), dt.date(2014, 6, 1))) & {family.child}
    counts = {c.rule.record_type: c for c in rule_counts(today)}
    assert counts["child_other"].due == len(due)
    # An open allocation is open work: the child is not due, whatever their age.
    from safeguard.access.testing.world import allocate

    allocate(family.sibling, world.workers["social_worker"])
    assert family.sibling not in set(due_queryset(rule("child_other"), today))


@pytest.mark.django_db
def test_changing_a_rule_is_checked_and_audited(world, audit_events):
    child_rule = rule("child_other")
    manager = world.users["service_manager"]
    with pytest.raises(ValidationError) as excinfo:
        services.update_rule(
            rule=child_rule,
            years=0,
            date_basis="received_at",
            action="burn",
            basis_note="",
            is_active=True,
            changed_by=manager,
        )
    assert set(excinfo.value.message_dict) == {"years", "date_basis", "action", "basis_note"}
    with pytest.raises(PermissionDenied):
        services.update_rule(
            rule=child_rule,
            years=30,
            date_basis="date_of_birth",
            action="review",
            basis_note="x",
            is_active=True,
            changed_by=world.users["team_manager"],
        )
    services.update_rule(
        rule=child_rule,
        years=30,
        date_basis="date_of_birth",
        action="review",
        basis_note="Extended while the inquiry's moratorium stands.",
        is_active=True,
        changed_by=manager,
    )
    assert rule("child_other").years == 30
    assert audit_events[-1]["changes"]["years"] == (25, 30)


@pytest.mark.django_db
def test_destruction_needs_a_second_person_and_leaves_tombstones(world, family, audit_events):
    proposer = world.users["service_manager"]
    approver = make_user("gov.service_manager_2", "service_manager")
    child_id, sibling = family.child.pk, family.sibling
    plan = destruction_plan(family.child, case_file=True)
    assert plan.can_destroy and plan.kept == 3  # the contact, triage and household are shared
    proposal = services.propose_destruction(
        rule=rule("child_other"),
        as_at=clock.today(),
        object_ids=[str(child_id)],
        proposed_by=proposer,
        note="Reviewed: no open complaint or inquiry hold.",
    )
    with pytest.raises(ValidationError, match="already awaiting approval"):
        services.propose_destruction(
            rule=rule("child_other"),
            as_at=clock.today(),
            object_ids=[str(child_id)],
            proposed_by=approver,
        )
    with pytest.raises(ValidationError, match="you cannot approve it"):
        services.approve_destruction(request=proposal, approved_by=proposer)
    with pytest.raises(PermissionDenied):
        services.approve_destruction(request=proposal, approved_by=world.users["team_manager"])
    assert Person.objects.filter(pk=child_id).exists()

    before = len(audit_events)
    before_sequence = latest_sequence()
    done = services.approve_destruction(request=proposal, approved_by=approver)
    assert done.status == DestructionStatus.DESTROYED and done.destroyed_count == len(plan.rows)
    assert not Person.objects.filter(pk=child_id).exists()
    from safeguard.cin.models import CINEpisode
    from safeguard.frontdoor.models import Contact, MashDecision
    from safeguard.people.models import Household
    from safeguard.protection.models import Conference, StrategyAttendee

    assert not CINEpisode.objects.filter(child_id=child_id).exists()
    assert not Conference.objects.filter(child_id=child_id).exists()
    assert not StrategyAttendee.objects.filter(discussion__episode__child_id=child_id).exists()
    # What the sibling shares stays, with the sibling's own rows.
    contact = Contact.objects.get(pk=family.contact.pk)
    assert [c.child for c in contact.contact_children.all()] == [sibling]
    assert MashDecision.objects.filter(child=sibling).count() == 1
    assert set(
        Household.objects.get(pk=family.household.pk).members.values_list("person", flat=True)
    ) == {
        sibling.pk,
        family.mother.pk,
    }

    tombstones = [e for e in audit_events[before:] if e["action"] == "destroy"]
    assert len(tombstones) == len(plan.rows)
    assert {(t["model_label"], t["object_id"]) for t in tombstones} == {
        (ref.model_label, ref.object_id) for ref, _ in plan.rows
    }
    for tombstone in tombstones:
        summary = tombstone["summary"]
        assert str(child_id) in summary and "child_other" in summary
        assert approver.username in summary and proposer.username in summary
        assert "Robin" not in summary and "Ashdown" not in summary
        assert family.child.la_child_id not in summary
        assert tombstone.get("obj") is None and tombstone["child"] == child_id
    stored = stored_tombstones(before_sequence)
    if stored is not None:  # the audit app keeps them (hash-chained)
        assert {(e.model_label, e.object_id) for e in stored} == {
            (ref.model_label, ref.object_id) for ref, _ in plan.rows
        }
        assert {e.child_id for e in stored} == {child_id}
        assert all("Ashdown" not in e.summary and not e.changes for e in stored)
    item = proposal.items.get()
    assert item.label == "Destroyed" and item.destroyed_rows == len(plan.rows)


@pytest.mark.django_db
def test_records_that_others_depend_on_are_reported_not_destroyed(world, family):
    manager = world.users["service_manager"]
    services.create_subject_access_request(
        person=family.sibling,
        requester_name="Sky Ashdown",
        requester_relationship="self",
        received_on=clock.today(),
        opened_by=manager,
    )
    plan = destruction_plan(family.sibling, case_file=True)
    assert not plan.can_destroy and plan.blocker_text() == "1 Subject access requests"
    with pytest.raises(ValidationError) as excinfo:
        services.propose_destruction(
            rule=rule("child_other"),
            as_at=clock.today(),
            object_ids=[str(family.sibling.pk)],
            proposed_by=manager,
        )
    message = " ".join(excinfo.value.messages)
    assert "cannot yet be destroyed because other records depend on it" in message
    assert "1 Subject access requests" in message
    assert Person.objects.filter(pk=family.sibling.pk).exists()


@pytest.mark.django_db
def test_an_agreement_the_sharing_log_refers_to_cannot_be_destroyed(world):
    from safeguard.governance.models import SharingAgreement

    police = SharingAgreement.objects.get(agency="police")
    police.starts_on, police.ends_on = dt.date(2000, 1, 1), dt.date(2010, 1, 1)
    police.save()
    assert police in set(due_queryset(rule("sharing_agreement_ended"), clock.today()))
    assert destruction_plan(police, case_file=False).blocker_text() == "1 Disclosures"


@pytest.mark.django_db
def test_a_rejected_request_destroys_nothing(world, family):
    proposal = services.propose_destruction(
        rule=rule("child_other"),
        as_at=clock.today(),
        object_ids=[str(family.child.pk)],
        proposed_by=world.users["service_manager"],
    )
    with pytest.raises(ValidationError):
        services.reject_destruction(
            request=proposal, rejected_by=world.users["service_manager"], note=""
        )
    services.reject_destruction(
        request=proposal,
        rejected_by=world.users["service_manager"],
        note="Withdrawn: a complaint is open.",
    )
    proposal.refresh_from_db()
    assert proposal.status == DestructionStatus.REJECTED
    assert Person.objects.filter(pk=family.child.pk).exists()
    with pytest.raises(ValidationError, match="already rejected"):
        services.approve_destruction(
            request=proposal, approved_by=make_user("gov.sm3", "service_manager")
        )


@pytest.mark.django_db
def test_records_not_yet_due_cannot_be_proposed(world):
    with pytest.raises(ValidationError) as excinfo:
        services.propose_destruction(
            rule=rule("child_other"),
            as_at=clock.today(),
            object_ids=[str(world.child_allocated.pk)],
            proposed_by=world.users["service_manager"],
        )
    assert "is not due" in " ".join(excinfo.value.messages)
    with pytest.raises(ValidationError) as excinfo:
        services.propose_destruction(
            rule=rule("child_other"),
            as_at=clock.today() + dt.timedelta(days=1),
            object_ids=[],
            proposed_by=world.users["service_manager"],
        )
    assert set(excinfo.value.message_dict) == {"as_at", "records"}
