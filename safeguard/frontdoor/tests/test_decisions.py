"""MASH decisions per child: rules, feedback, and the referral or early help each one starts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from safeguard.cin import services as cin_services
from safeguard.cin.models import CINEpisode
from safeguard.core import clock
from safeguard.earlyhelp import services as eh_services
from safeguard.earlyhelp.models import EarlyHelpEpisode
from safeguard.frontdoor import services
from safeguard.frontdoor.models import MashDecision, MashTriage
from safeguard.frontdoor.tests.conftest import at

pytestmark = pytest.mark.django_db


def only_child(triage):
    return triage.contact.contact_children.get().child


def decide(triage, worker, **overrides):
    values = {
        "triage": triage,
        "outcome": "assessment",
        "reasons": "Unexplained bruising; police check shows domestic abuse.",
        "decided_at": at(6, 15),
        "decided_by": worker,
    }
    values.update(overrides)
    if "child" not in values:
        values["child"] = only_child(triage)
    return services.record_mash_decision(**values)


def test_assessment_decision_opens_the_referral_with_the_contacts_source_and_date(
    make_contact, make_triage, mash_worker
):
    # 23:30 on 6 July in England is 22:30 UTC: the referral date is the local date.
    contact = make_contact(received_at=at(6, 23, 30), source="3B")
    triage = make_triage(contact=contact, started_at=at(7, 8, 30))
    decision = decide(triage, mash_worker, decided_at=at(7, 11), primary_need="N1")
    episode = decision.cin_episode
    assert episode is not None
    assert episode.child == only_child(triage)
    assert episode.referral_date == dt.date(2020, 7, 6)
    assert episode.referral_source == "3B"
    assert episode.primary_need == "N1"
    assert CINEpisode.objects.get(pk=episode.pk).mash_decision == decision


def test_strategy_discussion_decision_opens_the_referral(triage, mash_worker):
    decision = decide(triage, mash_worker, outcome="strategy_discussion")
    assert decision.cin_episode.referral_source == "2A"


def test_second_referral_within_twelve_months_is_a_re_referral(
    make_contact, make_triage, mash_worker, child, make_worker
):
    manager = make_worker(role="team_manager")
    earlier = cin_services.open_referral(
        child=child, referral_date=dt.date(2020, 1, 10), referral_source="6"
    )
    cin_services.close_cin_episode(
        episode=earlier,
        closure_date=dt.date(2020, 3, 1),
        reason_for_closure="RC8",
        signed_off_by=manager,
        closure_summary="Assessment found no further action needed.",
    )
    triage = make_triage(contact=make_contact(children=[child]))
    decision = decide(triage, mash_worker)
    assert decision.cin_episode.is_re_referral


def test_early_help_decision_starts_an_early_help_episode(triage, mash_worker):
    decision = decide(
        triage,
        mash_worker,
        outcome="early_help",
        reasons="Parenting support needed; below the social care threshold.",
        feedback_given=True,
        feedback_given_on=dt.date(2020, 7, 7),
        feedback_reasons="No evidence of significant harm; family agreed to early help.",
    )
    episode = EarlyHelpEpisode.objects.get(mash_decision=decision)
    assert episode.child == only_child(triage)
    assert episode.requested_on == dt.date(2020, 7, 6)
    assert episode.request_source == "2A"
    assert decision.cin_episode is None
    assert MashDecision.objects.get(pk=decision.pk).early_help_episode == episode


@pytest.mark.parametrize("outcome", ["information_advice", "nfa"])
def test_decisions_below_threshold_open_nothing(triage, mash_worker, outcome):
    decision = decide(triage, mash_worker, outcome=outcome)
    assert decision.cin_episode is None
    assert not EarlyHelpEpisode.objects.exists()
    assert not CINEpisode.objects.exists()


def test_child_must_be_on_the_contact(refused, triage, mash_worker, make_child):
    refused("child", decide, triage=triage, worker=mash_worker, child=make_child())


def test_one_decision_per_child_per_triage(refused, triage, mash_worker):
    decide(triage, mash_worker, outcome="nfa")
    message = refused("child", decide, triage=triage, worker=mash_worker, outcome="assessment")
    assert "already has a MASH decision" in message


def test_decision_not_before_the_contact_was_received(refused, make_contact, mash_worker):
    contact = make_contact()
    triage = MashTriage.objects.create(
        contact=contact, priority="red", started_at=contact.received_at, started_by=mash_worker
    )
    message = refused(
        "decided_at", decide, triage=triage, worker=mash_worker, decided_at=at(6, 9, 0)
    )
    assert message == (
        "Decision time (06/07/2020 09:00) cannot be before the time the contact was received "
        "(06/07/2020 09:30)."
    )


def test_decision_not_before_triage_started(refused, triage, mash_worker):
    message = refused(
        "decided_at", decide, triage=triage, worker=mash_worker, decided_at=at(6, 9, 45)
    )
    assert "cannot be before the start of MASH triage" in message


def test_decision_not_in_the_future(refused, triage, mash_worker):
    refused(
        "decided_at",
        decide,
        triage=triage,
        worker=mash_worker,
        decided_at=clock.now() + dt.timedelta(hours=1),
    )


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("outcome", {"outcome": "adoption"}),
        ("reasons", {"reasons": ""}),
        ("primary_need", {"outcome": "nfa", "primary_need": "N1"}),
        ("primary_need", {"primary_need": "N99"}),
        ("feedback_given_on", {"feedback_given": True}),
        ("feedback_given_on", {"feedback_given_on": dt.date(2020, 7, 7)}),
        (
            "feedback_given_on",
            {"feedback_given": True, "feedback_given_on": dt.date(2020, 7, 5)},
        ),
        (
            "feedback_reasons",
            {"outcome": "nfa", "feedback_given": True, "feedback_given_on": dt.date(2020, 7, 7)},
        ),
    ],
)
def test_invalid_decision_is_refused(refused, triage, mash_worker, field, overrides):
    refused(field, decide, triage=triage, worker=mash_worker, **overrides)


def test_feedback_without_reasons_is_fine_when_the_threshold_is_met(triage, mash_worker):
    decision = decide(
        triage, mash_worker, feedback_given=True, feedback_given_on=dt.date(2020, 7, 6)
    )
    assert decision.feedback_given


def test_deciding_worker_must_be_in_post(refused, triage, make_worker):
    leaver = make_worker(left_on=dt.date(2020, 7, 3))
    refused("decided_by", decide, triage=triage, worker=leaver)


def test_assessment_for_a_child_already_open_to_social_care_writes_nothing(
    refused, make_contact, make_triage, mash_worker, child
):
    cin_services.open_referral(child=child, referral_date=dt.date(2020, 5, 1), referral_source="2A")
    triage = make_triage(contact=make_contact(children=[child]))
    message = refused("referral_date", decide, triage=triage, worker=mash_worker)
    assert "already has an open CIN episode" in message
    assert MashTriage.objects.get(pk=triage.pk).decided_at is None


def test_early_help_for_a_child_already_in_early_help_writes_nothing(
    refused, make_contact, make_triage, mash_worker, child
):
    eh_services.request_early_help(
        child=child, requested_on=dt.date(2020, 6, 1), request_source="1A"
    )
    triage = make_triage(contact=make_contact(children=[child]))
    refused("child", decide, triage=triage, worker=mash_worker, outcome="early_help")
    assert MashTriage.objects.get(pk=triage.pk).decided_at is None


def test_triage_completes_when_every_child_has_a_decision(
    make_contact, make_triage, make_child, mash_worker, make_worker
):
    sister, brother = make_child(), make_child()
    triage = make_triage(contact=make_contact(children=[sister, brother]))
    other = make_worker(role="consultant_sw")
    decide(triage, other, child=sister, decided_at=at(6, 16))
    assert MashTriage.objects.get(pk=triage.pk).decided_at is None
    decide(triage, mash_worker, child=brother, decided_at=at(6, 14), outcome="information_advice")
    stored = MashTriage.objects.get(pk=triage.pk)
    assert stored.decided_at == at(6, 16)
    assert stored.decided_by == other


def test_feedback_recorded_after_the_decision(triage, mash_worker):
    decision = decide(triage, mash_worker, outcome="information_advice")
    services.record_referrer_feedback(
        decision=decision,
        given_on=dt.date(2020, 7, 8),
        reasons="Concerns can be met by the school's pastoral support.",
    )
    stored = MashDecision.objects.get(pk=decision.pk)
    assert stored.feedback_given
    assert stored.feedback_given_on == dt.date(2020, 7, 8)


def test_feedback_below_threshold_needs_reasons(refused, triage, mash_worker):
    decision = decide(triage, mash_worker, outcome="nfa")
    message = refused(
        "feedback_reasons",
        services.record_referrer_feedback,
        decision=decision,
        given_on=dt.date(2020, 7, 8),
    )
    assert "threshold for social care was not met (no further action)" in message
    assert not MashDecision.objects.get(pk=decision.pk).feedback_given


def test_feedback_is_given_once(refused, triage, mash_worker):
    decision = decide(
        triage, mash_worker, feedback_given=True, feedback_given_on=dt.date(2020, 7, 6)
    )
    refused(
        "feedback_given_on",
        services.record_referrer_feedback,
        decision=decision,
        given_on=dt.date(2020, 7, 9),
    )


def test_feedback_not_in_the_future(refused, triage, mash_worker):
    decision = decide(triage, mash_worker)
    refused(
        "feedback_given_on",
        services.record_referrer_feedback,
        decision=decision,
        given_on=clock.today() + dt.timedelta(days=1),
    )


def test_decision_time_shown_in_local_time(triage, mash_worker):
    decision = decide(triage, mash_worker, outcome="nfa")
    assert timezone.localtime(decision.decided_at).hour == 15
