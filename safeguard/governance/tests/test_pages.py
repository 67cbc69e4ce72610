"""The governance pages: forms name the field at fault, and each flow works end to end."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import allocate, make_user
from safeguard.core import clock
from safeguard.governance.models import (
    DestructionRequest,
    Disclosure,
    RetentionRule,
    SharingAgreement,
    SubjectAccessRequest,
    WithheldItem,
)


def date_fields(name: str, day) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@pytest.fixture
def allocated_family(world, family):
    allocate(family.child, world.workers["social_worker"])
    return family


@pytest.mark.django_db
def test_recording_a_disclosure_names_each_missing_field(world, allocated_family, client_for):
    child = allocated_family.child
    client = client_for("social_worker")
    url = reverse("governance:record_disclosure", kwargs={"child_id": child.pk})
    page = client.get(url)
    assert page.status_code == 200 and "Conference, 20/03/2005" in page.text
    refused = client.post(url, {})
    assert refused.status_code == 400
    assert "<title>Error: Record a disclosure" in refused.text
    for anchor, message in (
        ("id_recipient_kind_0", "Select who the information was shared with."),
        ("id_description", "Enter what was shared."),
        ("id_disclosed_on_0", "Enter the date shared"),
        ("id_consent_status_0", "Select whether consent was given."),
    ):
        assert f'<a href="#{anchor}">{message}</a>' in refused.text
    # The service's rule comes back beside its field.
    no_name = client.post(
        url,
        {
            "recipient_kind": "family",
            "description": "The conference outcome.",
            "purpose": "So the family know the plan.",
            "legal_basis": "ca1989_s47",
            "consent_status": "given",
            **date_fields("disclosed_on", clock.today()),
        },
    )
    assert no_name.status_code == 400
    assert '<a href="#id_recipient_name">Enter the name of the person it was shared with.</a>' in (
        no_name.text
    )
    done = client.post(
        url,
        {
            "recipient_kind": "family",
            "recipient_name": "Morgan Ashdown",
            "recipient_role": "Mother",
            "description": "The conference outcome.",
            "record": f"protection.Conference|{allocated_family.conference.pk}",
            "purpose": "So the family know the plan.",
            "legal_basis": "ca1989_s47",
            "consent_status": "given",
            **date_fields("disclosed_on", clock.today()),
        },
    )
    assert done.status_code == 302
    disclosure = Disclosure.objects.get(child=child)
    assert disclosure.referenced_record() == allocated_family.conference
    history = client.get(done["Location"])
    assert "Morgan Ashdown (Mother)" in history.text and "Conference, 20/03/2005" in history.text


@pytest.mark.django_db
def test_withholding_and_lifting_through_the_pages(world, allocated_family, client_for):
    family = allocated_family
    client = client_for("social_worker")
    url = reverse("governance:withhold", kwargs={"child_id": family.child.pk})
    target = f"protection.StrategyDiscussion|{family.discussion.pk}|information_shared"
    page = client.get(url)
    assert f'value="{target}"' in page.text
    short = client.post(
        url, {"passage": "uncle", "description": "x", "reason_category": "other", "reason": "y"}
    )
    assert short.status_code == 400 and 'href="#id_passage"' in short.text
    done = client.post(
        url,
        {
            "target": target,
            "description": "Police information at the strategy discussion",
            "reason_category": "police_investigation",
            "reason": "Charging decision awaited.",
            **date_fields("review_on", clock.today()),
        },
    )
    assert done.status_code == 302
    item = WithheldItem.objects.get(child=family.child)
    assert item.field_name == "information_shared" and item.review_on == clock.today()
    lift_url = reverse("governance:lift_withheld", kwargs={"item_id": item.pk})
    assert client.post(lift_url, {}).status_code == 400
    assert client.post(lift_url, {"reason": "Charged; disclosed in court."}).status_code == 302
    item.refresh_from_db()
    assert not item.is_live


@pytest.mark.django_db
def test_agreements_through_the_pages(world, client_for):
    client = client_for("partnership_business_unit")
    url = reverse("governance:agreement_create")
    refused = client.post(url, {**date_fields("starts_on", clock.today()), "ends_on_0": "40"})
    assert refused.status_code == 400
    assert 'href="#id_agency_0"' in refused.text and 'href="#id_ends_on_0"' in refused.text
    done = client.post(
        url,
        {
            "agency": "education",
            "title": "Schools safeguarding agreement",
            "purpose": "Sharing between schools' designated leads and children's social care.",
            "legal_basis": "public_task_safeguarding",
            "signed_by": "Director of Education; Director of Children's Services",
            **date_fields("starts_on", clock.today() - dt.timedelta(days=30)),
        },
    )
    assert done.status_code == 302
    made = SharingAgreement.objects.get(agency="education")
    listing = client.get(reverse("governance:agreements"))
    assert "Schools safeguarding agreement" in listing.text and "In force" in listing.text
    end_url = reverse("governance:agreement_end", kwargs={"agreement_id": made.pk})
    assert (
        client.post(
            end_url, {"reason": "Replaced.", **date_fields("ends_on", clock.today())}
        ).status_code
        == 302
    )
    made.refresh_from_db()
    assert made.ends_on == clock.today()


@pytest.mark.django_db
def test_a_subject_access_request_through_the_pages(world, family, client_for):
    manager = client_for("service_manager")
    reviewer = client_for("team_manager")
    create = reverse("governance:sar_create")
    unknown = manager.post(
        create,
        {
            "la_person_id": "NOPE",
            "requester_name": "Robin Ashdown",
            "requester_relationship": "self",
            **date_fields("received_on", clock.today()),
        },
    )
    assert unknown.status_code == 400 and "There is no person with that identifier." in unknown.text
    made = manager.post(
        create,
        {
            "la_person_id": family.child.la_child_id,
            "requester_name": "Robin Ashdown",
            "requester_relationship": "self",
            **date_fields("received_on", clock.today()),
        },
    )
    sar = SubjectAccessRequest.objects.get(person=family.child)
    detail = reverse("governance:sar_detail", kwargs={"request_id": sar.pk})
    assert made["Location"] == detail
    early = manager.get(reverse("governance:sar_export_zip", kwargs={"request_id": sar.pk}))
    assert early.status_code == 302
    manager.post(reverse("governance:sar_start_review", kwargs={"request_id": sar.pk}))
    page = manager.get(detail)
    assert "0 of" in page.text and "Review redactions" in page.text

    redactions = reverse("governance:sar_redactions", kwargs={"request_id": sar.pk})
    listing = reviewer.get(redactions)
    assert listing.status_code == 200 and "Referrer name" in listing.text
    assert (
        reviewer.get(reverse("governance:redaction_reviews")).text.count(family.child.la_child_id)
        == 1
    )
    items = list(sar.redaction_items.all())
    decide = reverse("governance:sar_decide_redaction", kwargs={"item_id": items[0].pk})
    prefix = f"item-{items[0].pk}"
    refused = reviewer.post(decide, {f"{prefix}-decision": "redact"})
    assert refused.status_code == 400
    assert f'href="#id_{prefix}-reason"' in refused.text
    for item in items:
        prefix = f"item-{item.pk}"
        answer = {f"{prefix}-decision": "redact", f"{prefix}-reason": "Third party."}
        if item.field_name != "referrer_name":
            answer = {f"{prefix}-decision": "release"}
        assert (
            reviewer.post(
                reverse("governance:sar_decide_redaction", kwargs={"item_id": item.pk}), answer
            ).status_code
            == 302
        )
    archive = manager.get(reverse("governance:sar_export_zip", kwargs={"request_id": sar.pk}))
    assert archive.status_code == 200 and archive["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(archive.content)) as opened:
        assert "manifest.json" in opened.namelist()
        assert b"[REDACTED]" in opened.read("records/frontdoor_contact.json")
    pdf = manager.get(reverse("governance:sar_export_pdf", kwargs={"request_id": sar.pk}))
    assert pdf.content.startswith(b"%PDF")
    assert (
        manager.post(reverse("governance:sar_release", kwargs={"request_id": sar.pk})).status_code
        == 302
    )
    sar.refresh_from_db()
    assert sar.status == "released"


@pytest.mark.django_db
def test_retention_report_proposal_and_approval_through_the_pages(world, family, client_for):
    client = client_for("service_manager")
    report = reverse("governance:retention_report")
    page = client.get(report, {"rule": "child_other"})
    assert page.status_code == 200
    assert family.child.la_child_id in page.text and "Yes: " in page.text
    csv_file = client.get(reverse("governance:retention_report_csv"), {"rule": "child_other"})
    assert csv_file["Content-Type"] == "text/csv"
    assert family.child.la_child_id in csv_file.content.decode()
    today = clock.today()
    proposed = client.post(
        reverse("governance:destruction_propose"),
        {"rule": "child_other", "as_at": today.isoformat(), "records": [str(family.child.pk)]},
    )
    proposal = DestructionRequest.objects.get()
    assert proposed["Location"] == reverse(
        "governance:destruction_request", kwargs={"request_id": proposal.pk}
    )
    detail = client.get(proposed["Location"])
    assert "You proposed this destruction" in detail.text
    approve = reverse("governance:destruction_approve", kwargs={"request_id": proposal.pk})
    refused = client.post(approve, follow=True)
    assert "you cannot approve it" in refused.text
    other = sign_in(client.__class__(), make_user("gov.sm.pages", "service_manager"))
    assert other.post(approve).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "destroyed"
    rules_page = client.get(reverse("governance:retention"))
    assert "Child&#x27;s social care record (never looked after)" in rules_page.text
    rule = RetentionRule.objects.get(record_type="child_other")
    edit = reverse("governance:retention_rule_edit", kwargs={"rule_id": rule.pk})
    bad = client.post(
        edit, {"years": "0", "date_basis": "date_of_birth", "action": "review", "basis_note": "x"}
    )
    assert bad.status_code == 400 and 'href="#id_years"' in bad.text
