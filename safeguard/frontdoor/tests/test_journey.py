"""The whole front door path: contact → triage → partner checks → decisions per child."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.cin.models import CINEpisode
from safeguard.earlyhelp.models import EarlyHelpEpisode
from safeguard.frontdoor import selectors, services
from safeguard.frontdoor.models import ContactOutcome, MashTriage
from safeguard.frontdoor.tests.conftest import at

pytestmark = pytest.mark.django_db


def test_police_ppn_about_two_children_through_mash(make_child, mash_worker):
    older, younger = make_child(), make_child(date_of_birth=dt.date(2019, 2, 3))
    contact = services.record_contact(
        received_at=at(6, 8, 5),
        source="6",
        channel="police_ppn",
        ppn_rating="red",
        concerns="Domestic abuse incident overnight; children present.",
        children=[older, younger],
        consent_asked=False,
        consent_given=False,
        consent_override_reason="Seeking consent could increase the risk to the children.",
        referrer_name="PC Jones",
        referrer_agency="Dorset Police",
        recorded_by=mash_worker,
    )
    assert list(selectors.mash_queue()) == [contact]

    triage = services.start_mash_triage(
        contact=contact, started_at=at(6, 9), started_by=mash_worker, priority="red"
    )
    checks = [
        services.request_partner_check(
            triage=triage, agency=agency, requested_at=at(6, 9, 10), requested_by=mash_worker
        )
        for agency in ("police", "health", "education")
    ]
    for n, check in enumerate(checks):
        services.record_partner_check_answer(
            check=check, answered_at=at(6, 11, n), answer=f"Answer {n}", answered_by="Partner"
        )

    strategy = services.record_mash_decision(
        triage=triage,
        child=older,
        outcome="assessment",
        reasons="Repeat domestic abuse; child disclosed fear at school.",
        decided_at=at(6, 14),
        decided_by=mash_worker,
        primary_need="N1",
    )
    early_help = services.record_mash_decision(
        triage=triage,
        child=younger,
        outcome="early_help",
        reasons="Health visitor engaged; parenting support needed.",
        decided_at=at(6, 14, 30),
        decided_by=mash_worker,
        feedback_given=True,
        feedback_given_on=dt.date(2020, 7, 7),
        feedback_reasons="Needs can be met by early help with the health visitor.",
    )

    episode = CINEpisode.objects.get(child=older)
    assert strategy.cin_episode == episode
    assert episode.referral_date == dt.date(2020, 7, 6)
    assert episode.referral_source == "6"
    assert episode.is_open
    help_episode = EarlyHelpEpisode.objects.get(child=younger)
    assert help_episode.mash_decision == early_help
    assert help_episode.is_open
    assert not CINEpisode.objects.filter(child=younger).exists()

    stored = MashTriage.objects.get(pk=triage.pk)
    assert stored.decided_at == at(6, 14, 30)
    assert stored.contact.outcome == ContactOutcome.MASH_TRIAGE
    assert list(selectors.mash_queue()) == []
    assert list(selectors.outstanding_partner_checks()) == []
