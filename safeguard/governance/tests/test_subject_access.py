"""Subject access: what is collected, deadlines, the redaction review, and the exports."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from safeguard.core import clock
from safeguard.governance import documents, services
from safeguard.governance.models import Disclosure, RedactionItem, SubjectAccessStatus
from safeguard.governance.selectors.records import records_about
from safeguard.governance.selectors.subject_access import REDACTED, releasable_records
from safeguard.governance.services.subject_access import due_date
from safeguard.governance.tests.helpers import POLICE_PASSAGE


def open_request(world, person, **overrides):
    values = {
        "person": person,
        "requester_name": "Robin Ashdown",
        "requester_relationship": "self",
        "received_on": clock.today(),
        "opened_by": world.users["service_manager"],
    }
    values.update(overrides)
    return services.create_subject_access_request(**values)


def decide_all(world, sar, decision="release", reason=""):
    for item in sar.redaction_items.all():
        services.decide_redaction(
            item=item, decision=decision, reason=reason, decided_by=world.users["team_manager"]
        )


def read_zip(content: bytes) -> dict[str, object]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name: (json.loads(archive.read(name)) if name.endswith(".json") else archive.read(name))
            for name in archive.namelist()
        }


@pytest.mark.django_db
def test_everything_about_the_person_is_found_from_the_models(family):
    labels = {r.ref.model_label for r in records_about(family.child)}
    assert {
        "people.Person",
        "people.Relationship",
        "people.HouseholdMember",
        "people.Household",
        "frontdoor.ContactChild",
        "frontdoor.Contact",
        "frontdoor.MashTriage",
        "frontdoor.MashDecision",
        "cin.CINEpisode",
        "protection.StrategyDiscussion",
        "protection.StrategyAttendee",
        "protection.Conference",
        "protection.ConferenceAttendance",
        "protection.ConferenceInvitation",
        "protection.CPPlan",
    } <= labels
    records = records_about(family.child)
    decisions = [r for r in records if r.ref.model_label == "frontdoor.MashDecision"]
    assert len(decisions) == 1  # the sibling's decision is theirs, not Robin's
    assert decisions[0].field("reasons").value == "Decision about Robin."
    contact = next(r for r in records if r.ref.model_label == "frontdoor.Contact")
    assert [f.value for f in contact.fields if f.name.startswith("other_person:")] == [
        "Sky Ashdown"
    ]


@pytest.mark.django_db
def test_the_deadline_is_a_calendar_month_moved_to_a_working_day(world, family):
    assert due_date(dt.date(2025, 1, 31)) == dt.date(2025, 2, 28)  # a Friday
    assert due_date(dt.date(2025, 3, 3)) == dt.date(2025, 4, 3)
    assert due_date(dt.date(2025, 4, 5)) == dt.date(2025, 5, 6)  # 5 May: bank holiday Monday
    sar = open_request(world, family.child, received_on=clock.today() - dt.timedelta(days=3))
    assert sar.due_on == due_date(sar.received_on)
    with pytest.raises(ValidationError) as excinfo:
        services.extend_deadline(
            request=sar, months=3, reason="", extended_by=world.users["service_manager"]
        )
    assert set(excinfo.value.message_dict) == {"months", "reason"}
    services.extend_deadline(
        request=sar,
        months=2,
        reason="Forty years of records across three systems.",
        extended_by=world.users["service_manager"],
    )
    sar.refresh_from_db()
    assert sar.extended_due_on == due_date(sar.received_on, 3)
    with pytest.raises(ValidationError, match="already been extended"):
        services.extend_deadline(
            request=sar, months=1, reason="More.", extended_by=world.users["service_manager"]
        )


@pytest.mark.django_db
def test_an_extension_after_the_first_deadline_is_refused(world, family):
    sar = open_request(world, family.child, received_on=clock.today() - dt.timedelta(days=60))
    with pytest.raises(ValidationError, match="has passed"):
        services.extend_deadline(
            request=sar, months=1, reason="Complex.", extended_by=world.users["service_manager"]
        )


@pytest.mark.django_db
def test_a_request_for_someone_else_needs_their_authority(world, family):
    with pytest.raises(ValidationError) as excinfo:
        open_request(world, family.child, requester_relationship="parent")
    assert "requester_detail" in excinfo.value.message_dict
    with pytest.raises(PermissionDenied):
        open_request(world, family.child, opened_by=world.users["team_manager"])


@pytest.mark.django_db
def test_export_is_refused_until_every_third_party_item_is_decided(world, family, audit_events):
    sar = open_request(world, family.child)
    manager = world.users["service_manager"]
    with pytest.raises(ValidationError, match="review of third-party information"):
        services.export_subject_access(request=sar, exported_by=manager, fmt="zip")
    new = services.start_review(request=sar, started_by=manager)
    sar.refresh_from_db()
    assert new > 5 and sar.status == SubjectAccessStatus.BEING_REVIEWED
    flagged = {(i.model_label, i.field_label) for i in sar.redaction_items.all()}
    assert ("frontdoor.Contact", "Referrer name") in flagged
    assert ("people.Relationship", "Person") in flagged
    assert ("people.Household", "Other person on this record (household member)") in flagged
    assert not any(i.field_name == "withheld_from_family" for i in sar.redaction_items.all())
    with pytest.raises(ValidationError):
        services.export_subject_access(request=sar, exported_by=manager, fmt="pdf")

    item = sar.redaction_items.first()
    with pytest.raises(ValidationError) as excinfo:
        services.decide_redaction(
            item=item, decision="redact", reason="", decided_by=world.users["team_manager"]
        )
    assert "reason" in excinfo.value.message_dict
    with pytest.raises(PermissionDenied):
        services.decide_redaction(
            item=item, decision="release", reason="", decided_by=world.users["social_worker"]
        )
    decide_all(world, sar)
    sar.refresh_from_db()
    assert sar.status == SubjectAccessStatus.READY
    assert services.start_review(request=sar, started_by=manager) == 0
    name, content_type, _ = services.export_subject_access(
        request=sar, exported_by=manager, fmt="zip"
    )
    assert name.endswith(".zip") and content_type == "application/zip"
    exported = [e for e in audit_events if e["action"] == "export"]
    assert len(exported) == 1 and exported[0]["row_count"] == len(releasable_records(family.child))


@pytest.mark.django_db
def test_a_change_after_the_review_needs_a_new_decision(world, family):
    sar = open_request(world, family.child)
    services.start_review(request=sar, started_by=world.users["service_manager"])
    decide_all(world, sar)
    family.contact.concerns = "Robin said the uncle, Lee Dorn, shouts."
    family.contact.save()
    with pytest.raises(ValidationError, match="no decision"):
        services.export_subject_access(
            request=sar, exported_by=world.users["service_manager"], fmt="zip"
        )
    assert services.start_review(request=sar, started_by=world.users["service_manager"]) == 1


@pytest.mark.django_db
def test_the_zip_and_pdf_apply_redactions_and_leave_out_withheld_items(world, family):
    marker = world.users["social_worker"]
    common = {
        "child": family.child,
        "reason_category": "police_investigation",
        "reason": "Would prejudice the investigation.",
        "marked_by": marker,
    }
    services.mark_withheld(**common, record=family.attendance_police, description="DC at ICPC")
    services.mark_withheld(**common, passage=POLICE_PASSAGE, description="Operation name")
    sar = open_request(world, family.child)
    services.start_review(request=sar, started_by=world.users["service_manager"])
    referrer = sar.redaction_items.get(field_name="referrer_name")
    services.decide_redaction(
        item=referrer,
        decision="redact",
        reason="The referrer gave information in confidence.",
        decided_by=world.users["team_manager"],
    )
    for item in [i for i in sar.redaction_items.all() if not i.is_decided]:
        services.decide_redaction(
            item=item, decision="release", reason="", decided_by=world.users["team_manager"]
        )

    _, _, content = services.export_subject_access(
        request=sar, exported_by=world.users["service_manager"], fmt="zip"
    )
    files = read_zip(content)
    manifest = files["manifest.json"]
    assert manifest["person"] == family.child.la_child_id
    assert manifest["redacted_fields"] == 1
    assert manifest["pdf"] in files and files[manifest["pdf"]].startswith(b"%PDF")
    for entry in manifest["files"]:
        assert files[entry["file"]]["count"] == entry["count"]
    everything = json.dumps([files[e["file"]] for e in manifest["files"]])
    contact = files["records/frontdoor_contact.json"]["records"][0]["fields"]
    assert contact["referrer_name"] == REDACTED
    assert contact["referrer_agency"] == "Larch Primary"
    assert "Mrs Teacher" in everything  # the invitation's name was released
    assert "Operation Larch" not in everything and "under police investigation" not in everything
    assert "until charging decision" not in everything  # an internal field, never released
    attendance = files["records/protection_conferenceattendance.json"]["records"]
    assert [a["fields"]["name"] for a in attendance] == ["Morgan Ashdown"]
    assert "governance_withhelditem" not in " ".join(files)

    package = services.build_package(request=sar, generated_by=world.users["service_manager"])
    html = documents.subject_access_html(package)
    assert REDACTED in html and "Mrs Teacher" in html
    assert "Operation Larch" not in html
    assert html.count("DC Fenn") == 1  # at the strategy discussion; not at the conference


@pytest.mark.django_db
def test_release_closes_the_request_and_logs_the_disclosure(world, family, audit_events):
    sar = open_request(world, family.child)
    manager = world.users["service_manager"]
    with pytest.raises(ValidationError, match="Finish the review"):
        services.release_request(request=sar, released_by=manager)
    services.start_review(request=sar, started_by=manager)
    decide_all(world, sar)
    services.release_request(request=sar, released_by=manager)
    sar.refresh_from_db()
    assert sar.status == SubjectAccessStatus.RELEASED and sar.closed_on == clock.today()
    logged = Disclosure.objects.get(child=family.child, legal_basis="right_of_access")
    assert logged.recipient_kind == "subject" and "records" in logged.description
    assert audit_events[-1]["action"] == "disclose"
    with pytest.raises(ValidationError, match="already released"):
        services.refuse_request(request=sar, reason="Too late.", refused_by=manager)
    with pytest.raises(ValidationError, match="already released"):
        services.decide_redaction(
            item=RedactionItem.objects.filter(request=sar).first(),
            decision="redact",
            reason="Second thoughts.",
            decided_by=world.users["team_manager"],
        )


@pytest.mark.django_db
def test_a_refusal_needs_a_reason(world, family):
    sar = open_request(world, family.child)
    with pytest.raises(ValidationError):
        services.refuse_request(request=sar, reason=" ", refused_by=world.users["service_manager"])
    services.refuse_request(
        request=sar,
        reason="Manifestly unfounded: a copy was sent last week.",
        refused_by=world.users["service_manager"],
    )
    sar.refresh_from_db()
    assert sar.status == SubjectAccessStatus.REFUSED


@pytest.mark.django_db
def test_the_export_command_writes_the_file_or_says_why_not(world, family, tmp_path):
    from django.core.management import CommandError, call_command

    sar = open_request(world, family.child)
    target = tmp_path / "export.zip"
    username = world.users["service_manager"].username
    with pytest.raises(CommandError, match="review of third-party information"):
        call_command("subject_access", "export", str(sar.pk), "-o", str(target), "--user", username)
    services.start_review(request=sar, started_by=world.users["service_manager"])
    decide_all(world, sar)
    with pytest.raises(CommandError, match="may not export"):
        call_command(
            "subject_access",
            "export",
            str(sar.pk),
            "-o",
            str(target),
            "--user",
            world.users["team_manager"].username,
        )
    call_command("subject_access", "export", str(sar.pk), "-o", str(target), "--user", username)
    assert "manifest.json" in read_zip(target.read_bytes())


def test_every_model_that_points_to_a_person_is_searched():
    """No list of models to keep up to date: any model with a person field is walked."""
    from django.apps import apps

    from safeguard.governance.selectors.records import (
        NOT_ABOUT_PEOPLE,
        REFERENCE_APPS,
        case_models,
        person_fields,
    )

    searched = set(case_models())
    for model in apps.get_models():
        if not model.__module__.startswith("safeguard.") or not person_fields(model):
            continue
        if model._meta.app_label in REFERENCE_APPS or model._meta.label in NOT_ABOUT_PEOPLE:
            continue
        assert model in searched, model._meta.label
