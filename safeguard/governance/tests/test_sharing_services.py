"""The sharing log's services: agreements, disclosures and withholding, with their rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from safeguard.core import clock
from safeguard.governance import services
from safeguard.governance.models import Disclosure, SharingAgreement, WithheldItem

TODAY = clock.today


def agreement(world, **overrides):
    values = {
        "agency": "health",
        "title": "Health and children's social care",
        "purpose": "Safeguarding children.",
        "legal_basis": "public_task_safeguarding",
        "starts_on": TODAY() - dt.timedelta(days=100),
        "signed_by": "Director of Children's Services; ICB Caldicott Guardian",
        "recorded_by": world.users["service_manager"],
    }
    values.update(overrides)
    return services.create_agreement(**values)


def disclose(world, child, **overrides):
    values = {
        "child": child,
        "recipient_kind": "family",
        "recipient_name": "Pat Parent",
        "recipient_role": "Mother",
        "description": "The outcome of the assessment.",
        "purpose": "To involve the family in the plan.",
        "legal_basis": "ca1989_s17",
        "consent_status": "given",
        "disclosed_on": TODAY(),
        "disclosed_by": world.users["social_worker"],
    }
    values.update(overrides)
    return services.record_disclosure(**values)


def errors_of(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


@pytest.mark.django_db
def test_an_agreement_needs_its_details_and_an_end_after_its_start(world):
    with pytest.raises(ValidationError) as excinfo:
        services.create_agreement(
            agency="fire",
            title=" ",
            purpose="",
            legal_basis="right_of_access",
            starts_on=TODAY(),
            ends_on=TODAY(),
            signed_by="",
            recorded_by=world.users["service_manager"],
        )
    assert set(errors_of(excinfo)) == {
        "agency",
        "title",
        "purpose",
        "legal_basis",
        "ends_on",
        "signed_by",
    }
    with pytest.raises(PermissionDenied):
        agreement(world, recorded_by=world.users["social_worker"])


@pytest.mark.django_db
def test_ending_an_agreement_is_never_backdated_and_needs_a_reason(world, audit_events):
    made = agreement(world)
    manager = world.users["service_manager"]
    with pytest.raises(ValidationError) as excinfo:
        services.end_agreement(
            agreement=made, ends_on=TODAY() - dt.timedelta(days=1), reason="", ended_by=manager
        )
    assert "cannot be in the past" in errors_of(excinfo)["ends_on"][0]
    assert "reason" in errors_of(excinfo)
    services.end_agreement(agreement=made, ends_on=TODAY(), reason="Replaced.", ended_by=manager)
    made.refresh_from_db()
    assert made.ends_on == TODAY() and not made.in_force
    with pytest.raises(ValidationError, match="already ended"):
        services.end_agreement(agreement=made, ends_on=TODAY(), reason="Again.", ended_by=manager)
    assert [e["action"] for e in audit_events] == ["create", "change"]


@pytest.mark.django_db
def test_a_partner_disclosure_needs_an_agreement_with_that_agency_in_force_that_day(world):
    child = world.child_allocated
    health = agreement(world, starts_on=TODAY() - dt.timedelta(days=10))
    partner = {"recipient_kind": "partner_agency", "recipient_name": "", "recipient_role": ""}
    with pytest.raises(ValidationError) as excinfo:
        disclose(world, child, **partner)
    assert "Select the sharing agreement" in errors_of(excinfo)["agreement"][0]
    with pytest.raises(ValidationError) as excinfo:
        disclose(world, child, **partner, agency="police", agreement=health)
    assert "is with Health, not Police" in errors_of(excinfo)["agreement"][0]
    with pytest.raises(ValidationError) as excinfo:
        disclose(
            world, child, **partner, agreement=health, disclosed_on=TODAY() - dt.timedelta(days=30)
        )
    assert "was not in force on" in errors_of(excinfo)["agreement"][0]
    made = disclose(world, child, **partner, agreement=health)
    assert made.agency == "health" and made.agreement == health


@pytest.mark.django_db
def test_consent_and_dates_are_checked(world):
    child = world.child_allocated
    with pytest.raises(ValidationError) as excinfo:
        disclose(world, child, legal_basis="consent", consent_status="refused")
    assert "only be the legal basis when it was given" in errors_of(excinfo)["consent_status"][0]
    with pytest.raises(ValidationError) as excinfo:
        disclose(world, child, consent_status="not_sought")
    assert "without consent" in errors_of(excinfo)["consent_note"][0]
    with pytest.raises(ValidationError) as excinfo:
        disclose(world, child, disclosed_on=TODAY() + dt.timedelta(days=1), recipient_name="")
    assert set(errors_of(excinfo)) == {"disclosed_on", "recipient_name"}
    made = disclose(world, child, consent_status="not_sought", consent_note="Immediate risk.")
    assert made.consent_note == "Immediate risk."


@pytest.mark.django_db
def test_a_disclosure_can_name_only_one_of_the_childs_records(world, family, audit_events):
    with pytest.raises(ValidationError) as excinfo:
        disclose(world, family.sibling, record=family.conference)
    assert "Choose one of this child's records." in errors_of(excinfo)["record"]
    made = disclose(world, family.child, record=family.conference)
    assert made.record_label == "Conference, 20/03/2005"
    assert made.referenced_record() == family.conference
    assert audit_events[-1]["action"] == "disclose" and audit_events[-1]["child"] == family.child
    with pytest.raises(PermissionDenied):
        disclose(world, family.child, disclosed_by=world.users["performance_analyst"])


@pytest.mark.django_db
def test_withholding_needs_a_target_a_reason_and_is_not_repeated(world, family, audit_events):
    marker = world.users["social_worker"]
    base = {
        "child": family.child,
        "description": "Police intelligence",
        "reason_category": "police_investigation",
        "reason": "Would prejudice the investigation.",
        "marked_by": marker,
    }
    with pytest.raises(ValidationError) as excinfo:
        services.mark_withheld(**{**base, "description": "", "reason": ""})
    assert set(errors_of(excinfo)) == {"target", "description", "reason"}
    with pytest.raises(ValidationError) as excinfo:
        services.mark_withheld(**base, passage="uncle")
    assert "at least 10 characters" in errors_of(excinfo)["passage"][0]
    with pytest.raises(ValidationError) as excinfo:
        services.mark_withheld(**base, record=family.discussion, field_name="no_such_field")
    assert errors_of(excinfo)["target"] == ["Choose a field of the record."]
    with pytest.raises(ValidationError) as excinfo:
        services.mark_withheld(**base, record=family.sibling)
    assert errors_of(excinfo)["target"] == ["Choose one of this child's records."]

    item = services.mark_withheld(**base, record=family.discussion)
    with pytest.raises(ValidationError, match="already withheld"):
        services.mark_withheld(**base, record=family.discussion, field_name="information_shared")
    passage = services.mark_withheld(**base, passage="Operation Larch is ongoing")
    with pytest.raises(ValidationError, match="already withheld"):
        services.mark_withheld(**base, passage="operation  LARCH is ongoing")
    assert item.record_label == "Strategy discussion, 03/03/2005" and passage.is_live
    assert [e["action"] for e in audit_events] == ["withhold", "withhold"]


@pytest.mark.django_db
def test_lifting_is_recorded_not_deleted(world, family, audit_events):
    item = services.mark_withheld(
        child=family.child,
        record=family.discussion,
        description="Police intelligence",
        reason_category="police_investigation",
        reason="Would prejudice the investigation.",
        marked_by=world.users["social_worker"],
    )
    with pytest.raises(ValidationError) as excinfo:
        services.lift_withheld(item=item, reason=" ", lifted_by=world.users["team_manager"])
    assert "reason" in errors_of(excinfo)
    with pytest.raises(PermissionDenied):
        services.lift_withheld(item=item, reason="Done.", lifted_by=world.users["partner_police"])
    services.lift_withheld(
        item=item, reason="Charging decision made.", lifted_by=world.users["team_manager"]
    )
    item.refresh_from_db()
    assert not item.is_live and item.lifted_by == world.users["team_manager"]
    assert WithheldItem.objects.count() == 1
    assert audit_events[-1]["action"] == "change"
    assert "No longer withheld" in audit_events[-1]["summary"]


@pytest.mark.django_db
def test_the_database_refuses_a_partner_disclosure_without_an_agreement(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Disclosure.objects.create(
            child=world.child_allocated,
            recipient_kind="partner_agency",
            agency="police",
            description="x",
            purpose="y",
            legal_basis="ca1989_s47",
            consent_status="not_required",
            disclosed_on=TODAY(),
            disclosed_by=world.users["social_worker"],
        )
    assert SharingAgreement.objects.filter(agency="police").count() == 1
