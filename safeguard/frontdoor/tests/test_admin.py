"""The front door and early help admin pages render, with their inlines, for real rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from safeguard.earlyhelp import services as eh_services
from safeguard.frontdoor import services
from safeguard.frontdoor.tests.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw-Secret-1")
    client.force_login(user)
    return client


@pytest.fixture
def rows(triage, mash_worker):
    check = services.request_partner_check(triage=triage, agency="police", requested_at=at(6, 11))
    services.record_partner_check_answer(check=check, answered_at=at(6, 12), answer="Known.")
    decision = services.record_mash_decision(
        triage=triage,
        child=triage.contact.contact_children.get().child,
        outcome="early_help",
        reasons="Parenting support.",
        decided_at=at(6, 15),
        decided_by=mash_worker,
    )
    episode = decision.early_help_episode
    eh_services.start_early_help_assessment(
        episode=episode, started_on=dt.date(2020, 7, 7), agency="la_early_help"
    )
    eh_services.complete_early_help_assessment(episode=episode, completed_on=dt.date(2020, 7, 20))
    eh_services.appoint_lead_professional(episode=episode, name="Jo Head", agency="school")
    plan = eh_services.start_taf_plan(
        episode=episode, started_on=dt.date(2020, 7, 27), outcomes="Attendance above 90%."
    )
    review = eh_services.review_taf_plan(
        plan=plan, held_on=dt.date(2020, 9, 7), progress="Attendance 91%."
    )
    return {
        "frontdoor_contact": triage.contact,
        "frontdoor_contactchild": triage.contact.contact_children.get(),
        "frontdoor_mashtriage": triage,
        "frontdoor_partnercheck": check,
        "frontdoor_mashdecision": decision,
        "earlyhelp_earlyhelpepisode": episode,
        "earlyhelp_teamaroundfamilyplan": plan,
        "earlyhelp_tafreview": review,
    }


def test_changelists_and_change_pages_render(admin_client, rows):
    for name, obj in rows.items():
        changelist = admin_client.get(reverse(f"admin:{name}_changelist"))
        assert changelist.status_code == 200, name
        change = admin_client.get(reverse(f"admin:{name}_change", args=[obj.pk]))
        assert change.status_code == 200, name
