"""Early help requests, assessments, lead professionals, TAF plans, reviews and closure."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.cin import services as cin_services
from safeguard.core import clock
from safeguard.earlyhelp import selectors, services
from safeguard.earlyhelp.models import EarlyHelpEpisode, TafReview
from safeguard.people.models import PersonKind

pytestmark = pytest.mark.django_db


def close(episode, on=dt.date(2020, 12, 1), reason="needs_met", notes=""):
    return services.close_early_help(
        episode=episode, closed_on=on, closure_reason=reason, closure_notes=notes
    )


def assess(episode, started_on=dt.date(2020, 9, 2), completed_on=dt.date(2020, 9, 15)):
    services.start_early_help_assessment(
        episode=episode, started_on=started_on, agency="la_early_help"
    )
    return services.complete_early_help_assessment(episode=episode, completed_on=completed_on)


# Requests -------------------------------------------------------------------------------


def test_request_opens_an_episode(child):
    episode = services.request_early_help(
        child=child, requested_on=dt.date(2020, 9, 1), request_source="1C"
    )
    assert episode.is_open
    assert selectors.open_episode(child) == episode


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("requested_on", {"requested_on": None}),
        ("request_source", {"request_source": "XX"}),
        ("request_source", {"request_source": ""}),
    ],
)
def test_invalid_request_is_refused(refused, make_episode, field, overrides):
    refused(field, make_episode, **overrides)


def test_request_not_in_the_future(refused, make_episode):
    message = refused(
        "requested_on", make_episode, requested_on=clock.today() + dt.timedelta(days=1)
    )
    assert "cannot be in the future" in message


def test_request_is_for_a_child(refused, make_episode, make_child):
    adult = make_child(kind=PersonKind.ADULT, date_of_birth=dt.date(1980, 1, 1))
    refused("child", make_episode, child=adult)


def test_request_not_after_the_childs_death(refused, make_episode, make_child):
    child = make_child(date_of_death=dt.date(2020, 8, 1))
    refused("requested_on", make_episode, child=child)


def test_request_not_long_before_birth(refused, make_episode, make_child):
    baby = make_child(date_of_birth=dt.date(2021, 8, 1))
    message = refused("requested_on", make_episode, child=baby)
    assert "nine months before the child's date of birth" in message


def test_pre_birth_request_is_allowed(make_episode, make_child):
    unborn = make_child(date_of_birth=None, expected_date_of_birth=dt.date(2020, 12, 1))
    assert make_episode(child=unborn).is_open


def test_one_open_episode_per_child(refused, make_episode, episode):
    message = refused("child", make_episode, child=episode.child, requested_on=dt.date(2020, 10, 1))
    assert "already has an open early help episode from 01/09/2020" in message


def test_episodes_cannot_overlap(refused, make_episode, episode):
    close(episode)
    message = refused(
        "requested_on", make_episode, child=episode.child, requested_on=dt.date(2020, 11, 1)
    )
    assert "cannot overlap" in message
    again = make_episode(child=episode.child, requested_on=dt.date(2020, 12, 1))
    assert again.is_open
    assert list(selectors.episodes_for_child(episode.child)) == [episode, again]


def test_not_while_open_to_social_care(refused, make_episode, child):
    cin_services.open_referral(child=child, referral_date=dt.date(2020, 6, 1), referral_source="6")
    message = refused("child", make_episode, child=child)
    assert "step the CIN episode down" in message


def test_not_before_a_cin_episode_ended(refused, make_episode, child, manager):
    referral = cin_services.open_referral(
        child=child, referral_date=dt.date(2020, 6, 1), referral_source="6"
    )
    cin_services.close_cin_episode(
        episode=referral,
        closure_date=dt.date(2020, 9, 10),
        reason_for_closure="RC8",
        signed_off_by=manager,
        closure_summary="No further action after assessment.",
    )
    message = refused("requested_on", make_episode, child=child)
    assert "early help and social care cannot overlap" in message
    assert make_episode(child=child, requested_on=dt.date(2020, 9, 10)).is_open


# Assessment and lead professional -----------------------------------------------------


def test_assessment_started_and_completed(episode):
    started = services.start_early_help_assessment(
        episode=episode, started_on=dt.date(2020, 9, 2), agency="school"
    )
    assert started.assessment_agency == "school"
    done = services.complete_early_help_assessment(
        episode=episode, completed_on=dt.date(2020, 9, 14)
    )
    stored = EarlyHelpEpisode.objects.get(pk=done.pk)
    assert (stored.assessment_started_on, stored.assessment_completed_on) == (
        dt.date(2020, 9, 2),
        dt.date(2020, 9, 14),
    )


def test_assessment_start_not_before_the_request(refused, episode):
    message = refused(
        "assessment_started_on",
        services.start_early_help_assessment,
        episode=episode,
        started_on=dt.date(2020, 8, 31),
        agency="school",
    )
    assert message == (
        "Assessment start date (31/08/2020) cannot be before the early help request (01/09/2020)."
    )
    assert EarlyHelpEpisode.objects.get(pk=episode.pk).assessment_started_on is None


def test_assessment_start_not_in_the_future(refused, episode):
    refused(
        "assessment_started_on",
        services.start_early_help_assessment,
        episode=episode,
        started_on=clock.today() + dt.timedelta(days=3),
        agency="school",
    )


def test_assessment_names_a_known_organisation(refused, episode):
    refused(
        "assessment_agency",
        services.start_early_help_assessment,
        episode=episode,
        started_on=dt.date(2020, 9, 2),
        agency="bank",
    )


def test_assessment_starts_once(refused, episode):
    services.start_early_help_assessment(
        episode=episode, started_on=dt.date(2020, 9, 2), agency="school"
    )
    refused(
        "assessment_started_on",
        services.start_early_help_assessment,
        episode=episode,
        started_on=dt.date(2020, 9, 3),
        agency="school",
    )


def test_assessment_completed_after_it_started(refused, episode):
    message = refused(
        "assessment_completed_on",
        services.complete_early_help_assessment,
        episode=episode,
        completed_on=dt.date(2020, 9, 14),
    )
    assert "record its start first" in message
    services.start_early_help_assessment(
        episode=episode, started_on=dt.date(2020, 9, 7), agency="school"
    )
    message = refused(
        "assessment_completed_on",
        services.complete_early_help_assessment,
        episode=episode,
        completed_on=dt.date(2020, 9, 4),
    )
    assert "cannot be before the assessment's start (07/09/2020)" in message
    assert EarlyHelpEpisode.objects.get(pk=episode.pk).assessment_completed_on is None


def test_assessment_completion_not_in_the_future(refused, episode):
    services.start_early_help_assessment(
        episode=episode, started_on=dt.date(2020, 9, 2), agency="school"
    )
    refused(
        "assessment_completed_on",
        services.complete_early_help_assessment,
        episode=episode,
        completed_on=clock.today() + dt.timedelta(days=3),
    )


def test_assessment_completed_once(refused, episode):
    assess(episode, completed_on=dt.date(2020, 9, 14))
    refused(
        "assessment_completed_on",
        services.complete_early_help_assessment,
        episode=episode,
        completed_on=dt.date(2020, 9, 20),
    )


def test_no_assessment_on_a_closed_episode(refused, episode):
    close(episode, on=dt.date(2020, 9, 5), reason="disengaged")
    refused(
        "episode",
        services.start_early_help_assessment,
        episode=episode,
        started_on=dt.date(2020, 9, 6),
        agency="school",
    )


def test_lead_professional_from_a_school(episode):
    services.appoint_lead_professional(
        episode=episode, name="Jo Head", agency="school", role="Designated safeguarding lead"
    )
    stored = EarlyHelpEpisode.objects.get(pk=episode.pk)
    assert (stored.lead_professional_name, stored.lead_professional_agency) == (
        "Jo Head",
        "school",
    )


def test_lead_professional_from_the_authority_takes_the_workers_name(episode, make_worker):
    family_worker = make_worker(role="early_help_worker", first_name="Ali", last_name="Khan")
    services.appoint_lead_professional(
        episode=episode, name="", agency="la_early_help", worker=family_worker
    )
    stored = EarlyHelpEpisode.objects.get(pk=episode.pk)
    assert stored.lead_professional_name == "Ali Khan"
    assert stored.lead_professional_worker == family_worker


@pytest.mark.parametrize(
    ("field", "name", "agency"),
    [("lead_professional_name", " ", "school"), ("lead_professional_agency", "Jo", "church")],
)
def test_lead_professional_needs_name_and_agency(refused, episode, field, name, agency):
    refused(field, services.appoint_lead_professional, episode=episode, name=name, agency=agency)
    assert EarlyHelpEpisode.objects.get(pk=episode.pk).lead_professional_name == ""


def test_lead_professional_worker_must_be_in_post(refused, episode, make_worker):
    leaver = make_worker(left_on=dt.date(2020, 1, 1))
    refused(
        "lead_professional_worker",
        services.appoint_lead_professional,
        episode=episode,
        name="Former worker",
        agency="la_early_help",
        worker=leaver,
    )


# Team Around the Family plans and reviews ---------------------------------------------


def test_taf_plan_started(planned_episode):
    plan = planned_episode.taf_plan
    assert plan.started_on == dt.date(2020, 9, 22)
    assert "Attendance" in plan.outcomes


def test_taf_plan_follows_the_assessment(refused, episode):
    services.appoint_lead_professional(episode=episode, name="Jo", agency="school")
    message = refused(
        "started_on",
        services.start_taf_plan,
        episode=episode,
        started_on=dt.date(2020, 9, 10),
        outcomes="Outcomes",
    )
    assert "complete" in message or "completion" in message


def test_taf_plan_not_before_the_assessment(refused, episode):
    assess(episode)
    services.appoint_lead_professional(episode=episode, name="Jo", agency="school")
    refused(
        "started_on",
        services.start_taf_plan,
        episode=episode,
        started_on=dt.date(2020, 9, 14),
        outcomes="Outcomes",
    )


def test_taf_plan_needs_a_lead_professional(refused, episode):
    assess(episode)
    refused(
        "lead_professional_name",
        services.start_taf_plan,
        episode=episode,
        started_on=dt.date(2020, 9, 16),
        outcomes="Outcomes",
    )


def test_taf_plan_needs_outcomes(refused, episode):
    assess(episode)
    services.appoint_lead_professional(episode=episode, name="Jo", agency="school")
    refused(
        "outcomes",
        services.start_taf_plan,
        episode=episode,
        started_on=dt.date(2020, 9, 16),
        outcomes="",
    )


def test_one_taf_plan_per_episode(refused, planned_episode):
    refused(
        "episode",
        services.start_taf_plan,
        episode=planned_episode,
        started_on=dt.date(2020, 10, 1),
        outcomes="A second plan",
    )


def test_taf_plan_not_in_the_future(refused, episode):
    assess(episode)
    services.appoint_lead_professional(episode=episode, name="Jo", agency="school")
    refused(
        "started_on",
        services.start_taf_plan,
        episode=episode,
        started_on=clock.today() + dt.timedelta(days=1),
        outcomes="Outcomes",
    )


def test_taf_review(planned_episode):
    review = services.review_taf_plan(
        plan=planned_episode.taf_plan,
        held_on=dt.date(2020, 11, 3),
        progress="Attendance up to 88%.",
        attendees="School, parent, family worker",
    )
    assert TafReview.objects.get(pk=review.pk).progress.startswith("Attendance")


def test_taf_review_not_before_the_plan(refused, planned_episode):
    refused(
        "held_on",
        services.review_taf_plan,
        plan=planned_episode.taf_plan,
        held_on=dt.date(2020, 9, 21),
        progress="Too early",
    )


def test_taf_review_not_in_the_future(refused, planned_episode):
    refused(
        "held_on",
        services.review_taf_plan,
        plan=planned_episode.taf_plan,
        held_on=clock.today() + dt.timedelta(days=7),
        progress="Not yet held",
    )


def test_taf_review_needs_progress(refused, planned_episode):
    refused(
        "progress",
        services.review_taf_plan,
        plan=planned_episode.taf_plan,
        held_on=dt.date(2020, 11, 3),
        progress="  ",
    )


def test_taf_review_not_after_the_episode_closed(refused, planned_episode):
    close(planned_episode, on=dt.date(2020, 12, 1))
    refused(
        "held_on",
        services.review_taf_plan,
        plan=planned_episode.taf_plan,
        held_on=dt.date(2020, 12, 2),
        progress="After closure",
    )
    late_but_held_before_closure = services.review_taf_plan(
        plan=planned_episode.taf_plan, held_on=dt.date(2020, 11, 30), progress="Final review"
    )
    assert late_but_held_before_closure.pk is not None


# Closure -----------------------------------------------------------------------------


def test_close_as_needs_met(planned_episode):
    closed = close(planned_episode)
    assert not closed.is_open
    assert selectors.open_episode(planned_episode.child) is None
    assert list(selectors.open_episodes()) == []


def test_close_for_another_reason_needs_notes(refused, episode):
    refused(
        "closure_notes",
        services.close_early_help,
        episode=episode,
        closed_on=dt.date(2020, 10, 1),
        closure_reason="other",
    )
    assert close(episode, reason="other", notes="Family moved in with grandparents.").closed_on


def test_close_reason_must_be_known(refused, episode):
    refused(
        "closure_reason",
        services.close_early_help,
        episode=episode,
        closed_on=dt.date(2020, 10, 1),
        closure_reason="bored",
    )


def test_stepping_up_is_not_a_plain_closure(refused, episode):
    message = refused(
        "closure_reason",
        services.close_early_help,
        episode=episode,
        closed_on=dt.date(2020, 10, 1),
        closure_reason="stepped_up",
    )
    assert "step up" in message


def test_closure_not_before_the_last_review(refused, planned_episode):
    services.review_taf_plan(
        plan=planned_episode.taf_plan, held_on=dt.date(2020, 11, 3), progress="Good progress"
    )
    message = refused(
        "closed_on",
        services.close_early_help,
        episode=planned_episode,
        closed_on=dt.date(2020, 11, 2),
        closure_reason="needs_met",
    )
    assert "cannot be before the last TAF review (03/11/2020)" in message
    assert EarlyHelpEpisode.objects.get(pk=planned_episode.pk).closed_on is None


@pytest.mark.parametrize(
    ("closed_on", "rule"),
    [
        (dt.date(2020, 8, 31), "the request"),
        (dt.date(2020, 9, 2), "the early help assessment's start"),
        (dt.date(2020, 9, 14), "the early help assessment's completion"),
        (dt.date(2020, 9, 21), "the TAF plan start date"),
    ],
)
def test_closure_not_before_activity(refused, planned_episode, closed_on, rule):
    message = refused(
        "closed_on",
        services.close_early_help,
        episode=planned_episode,
        closed_on=closed_on,
        closure_reason="needs_met",
    )
    assert rule in message


def test_closure_not_in_the_future(refused, episode):
    refused(
        "closed_on",
        services.close_early_help,
        episode=episode,
        closed_on=clock.today() + dt.timedelta(days=1),
        closure_reason="moved",
    )


def test_closed_once(refused, episode):
    close(episode)
    refused(
        "episode",
        services.close_early_help,
        episode=episode,
        closed_on=dt.date(2020, 12, 2),
        closure_reason="needs_met",
    )
