"""Step up to children's social care and step down to early help, and their round trips."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.cin import services as cin_services
from safeguard.cin.models import CINEpisode
from safeguard.core import clock
from safeguard.earlyhelp import services
from safeguard.earlyhelp.models import EarlyHelpEpisode

pytestmark = pytest.mark.django_db


def step_up(episode, on=dt.date(2020, 11, 10), **overrides):
    values = {
        "episode": episode,
        "stepped_up_on": on,
        "reasons": "Disclosure of physical harm at school.",
    }
    values.update(overrides)
    return services.step_up_to_social_care(**values)


def step_down(cin_episode, manager, on=dt.date(2021, 2, 1), **overrides):
    values = {
        "cin_episode": cin_episode,
        "stepped_down_on": on,
        "signed_off_by": manager,
        "closure_summary": "Assessment: needs can be met by early help with the school.",
    }
    values.update(overrides)
    return services.step_down_to_early_help(**values)


def test_step_up_closes_early_help_and_opens_a_referral_from_early_help(planned_episode):
    closed = step_up(planned_episode, primary_need="N1")
    referral = closed.stepped_up_to
    assert referral is not None
    assert (referral.referral_date, referral.referral_source, referral.primary_need) == (
        dt.date(2020, 11, 10),
        "5D",
        "N1",
    )
    stored = EarlyHelpEpisode.objects.get(pk=planned_episode.pk)
    assert stored.closed_on == dt.date(2020, 11, 10)
    assert stored.closure_reason == "stepped_up"
    assert stored.closure_notes.startswith("Disclosure")
    assert CINEpisode.objects.get(pk=referral.pk).stepped_up_from == stored


def test_step_up_needs_reasons(refused, episode):
    refused("reasons", step_up, episode=episode, reasons="")


def test_step_up_not_before_activity_on_the_episode(refused, planned_episode):
    message = refused("stepped_up_on", step_up, episode=planned_episode, on=dt.date(2020, 9, 20))
    assert "Step-up date (20/09/2020) cannot be before the TAF plan start date" in message


def test_step_up_not_in_the_future(refused, episode):
    refused("stepped_up_on", step_up, episode=episode, on=clock.today() + dt.timedelta(days=1))


def test_step_up_of_a_closed_episode_is_refused(refused, episode):
    services.close_early_help(
        episode=episode, closed_on=dt.date(2020, 10, 1), closure_reason="needs_met"
    )
    refused("episode", step_up, episode=episode)


def test_step_up_refused_by_the_referral_rules_writes_nothing(refused, make_child, make_episode):
    child = make_child()
    episode = make_episode(child=child)
    # The referral rules refuse a referral dated after the child's death.
    child.date_of_death = dt.date(2020, 10, 1)
    child.save()
    message = refused("referral_date", step_up, episode=episode)
    assert "date of death" in message
    assert EarlyHelpEpisode.objects.get(pk=episode.pk).is_open


def test_step_down_after_assessment_closes_with_rc9_and_opens_early_help(child, manager):
    referral = cin_services.open_referral(
        child=child, referral_date=dt.date(2020, 12, 1), referral_source="2A"
    )
    help_episode = step_down(referral, manager)
    closed = CINEpisode.objects.get(pk=referral.pk)
    assert (closed.closure_date, closed.reason_for_closure) == (dt.date(2021, 2, 1), "RC9")
    assert closed.closure_signed_off_by == manager
    assert help_episode.stepped_down_from == closed
    assert (help_episode.requested_on, help_episode.request_source) == (dt.date(2021, 2, 1), "5A")
    assert help_episode.is_open
    assert CINEpisode.objects.get(pk=referral.pk).stepped_down_to == help_episode


def test_step_down_after_a_cin_plan_closes_with_rc7(child, manager, worker):
    referral = cin_services.open_referral(
        child=child, referral_date=dt.date(2020, 6, 1), referral_source="2A"
    )
    cin_services.start_cin_plan(
        episode=referral, start_date=dt.date(2020, 7, 15), lead_worker=worker
    )
    step_down(referral, manager)
    closed = CINEpisode.objects.get(pk=referral.pk)
    assert closed.reason_for_closure == "RC7"
    assert closed.cin_plans.get().end_date == dt.date(2021, 2, 1)


def test_step_down_needs_a_managers_sign_off_and_writes_nothing_without_it(refused, child, worker):
    referral = cin_services.open_referral(
        child=child, referral_date=dt.date(2020, 12, 1), referral_source="2A"
    )
    refused("closure_signed_off_by", step_down, cin_episode=referral, manager=worker)
    assert CINEpisode.objects.get(pk=referral.pk).is_open


def test_step_down_not_before_the_referral(refused, child, manager):
    referral = cin_services.open_referral(
        child=child, referral_date=dt.date(2020, 12, 1), referral_source="2A"
    )
    refused(
        "closure_date", step_down, cin_episode=referral, manager=manager, on=dt.date(2020, 11, 1)
    )
    assert CINEpisode.objects.get(pk=referral.pk).is_open


def test_step_down_of_a_closed_cin_episode_is_refused(refused, child, manager):
    referral = cin_services.open_referral(
        child=child, referral_date=dt.date(2020, 12, 1), referral_source="2A"
    )
    cin_services.close_cin_episode(
        episode=referral,
        closure_date=dt.date(2020, 12, 20),
        reason_for_closure="RC8",
        signed_off_by=manager,
        closure_summary="No further action.",
    )
    refused("closure_date", step_down, cin_episode=referral, manager=manager)


def test_round_trip_up_then_down(planned_episode, manager):
    stepped_up = step_up(planned_episode)
    referral = stepped_up.stepped_up_to
    back = step_down(referral, manager)
    assert back.stepped_down_from == referral
    assert back.is_open
    history = list(EarlyHelpEpisode.objects.filter(child=planned_episode.child))
    assert [e.closure_reason for e in history] == ["stepped_up", ""]
    assert CINEpisode.objects.get(pk=referral.pk).reason_for_closure == "RC9"


def test_round_trip_down_then_up_is_a_re_referral(child, manager):
    first = cin_services.open_referral(
        child=child, referral_date=dt.date(2020, 6, 1), referral_source="3A"
    )
    help_episode = step_down(first, manager, on=dt.date(2020, 8, 3))
    services.start_early_help_assessment(
        episode=help_episode, started_on=dt.date(2020, 8, 4), agency="la_early_help"
    )
    services.complete_early_help_assessment(episode=help_episode, completed_on=dt.date(2020, 8, 20))
    again = step_up(help_episode, on=dt.date(2020, 10, 5))
    second = again.stepped_up_to
    assert second.referral_source == "5D"
    assert second.is_re_referral
    assert list(CINEpisode.objects.filter(child=child).order_by("referral_date")) == [first, second]


def test_a_direct_referral_steps_open_early_help_up(planned_episode):
    """A referral from any route closes open early help as stepped up, linked to it."""
    referral = cin_services.open_referral(
        child=planned_episode.child,
        referral_date=dt.date(2020, 10, 5),
        referral_source="2A",
    )
    stored = EarlyHelpEpisode.objects.get(pk=planned_episode.pk)
    assert stored.closed_on == dt.date(2020, 10, 5)
    assert stored.closure_reason == "stepped_up"
    assert stored.stepped_up_to == referral


def test_a_referral_dated_before_early_help_activity_is_refused(refused, planned_episode):
    """The step-up cannot predate the early help work already recorded; nothing is kept."""
    refused(
        "referral_date",
        cin_services.open_referral,
        child=planned_episode.child,
        referral_date=dt.date(2020, 9, 2),
        referral_source="2A",
    )
    assert EarlyHelpEpisode.objects.get(pk=planned_episode.pk).closed_on is None
