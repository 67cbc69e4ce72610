"""Single assessments: start, completion with factors, and the episode-closure rules."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.assessment.models import Assessment, AssessmentFactor, AssessmentOutcome
from safeguard.assessment.services import complete_assessment, start_assessment
from safeguard.cin.services import close_cin_episode
from safeguard.cin.tests.helpers import REFERRAL, message, refused
from safeguard.core import clock

pytestmark = pytest.mark.django_db

DONE = dt.date(2019, 2, 28)


@pytest.fixture
def assessment(episode, worker):
    return start_assessment(episode=episode, start_date=REFERRAL, worker=worker)


def complete(assessment, **overrides):
    values = {
        "authorised_on": DONE,
        "factors": ["3A", "4B"],
        "outcome": AssessmentOutcome.CIN_PLAN,
        "child_seen": True,
        "seen_alone": True,
    }
    values.update(overrides)
    return complete_assessment(assessment=assessment, **values)


# --- start_assessment -----------------------------------------------------------------------


def test_start_assessment(episode, worker):
    started = start_assessment(episode=episode, start_date=REFERRAL, worker=worker)
    assert Assessment.objects.get() == started
    assert started.is_complete is False


def test_assessment_cannot_start_before_referral(episode, worker):
    with refused("start_date") as excinfo:
        start_assessment(episode=episode, start_date=dt.date(2019, 1, 6), worker=worker)
    assert "1103" in message(excinfo, "start_date")


def test_assessment_cannot_start_in_future(episode, worker):
    with refused("start_date"):
        start_assessment(
            episode=episode, start_date=clock.today() + dt.timedelta(days=1), worker=worker
        )


def test_assessment_cannot_start_after_death(episode, worker):
    child = episode.child
    child.date_of_death = dt.date(2019, 1, 8)
    child.save()
    with refused("start_date"):
        start_assessment(episode=episode, start_date=dt.date(2019, 1, 9), worker=worker)


def test_one_open_assessment_per_episode(assessment, worker):
    with refused("start_date") as excinfo:
        start_assessment(episode=assessment.episode, start_date=dt.date(2019, 1, 9), worker=worker)
    assert "8896" in message(excinfo, "start_date")
    complete(assessment)
    assert start_assessment(
        episode=assessment.episode, start_date=dt.date(2019, 3, 4), worker=worker
    ).start_date == dt.date(2019, 3, 4)


def test_assessment_needs_an_open_episode(episode, worker):
    close_cin_episode(
        episode=episode, closure_date=REFERRAL, reason_for_closure="RC8", referral_nfa=True
    )
    with refused("episode"):
        start_assessment(episode=episode, start_date=REFERRAL, worker=worker)


def test_assessing_worker_must_be_in_post(episode, make_worker):
    starter = make_worker(started_on=dt.date(2019, 2, 1))
    with refused("worker"):
        start_assessment(episode=episode, start_date=REFERRAL, worker=starter)


# --- complete_assessment --------------------------------------------------------------------


def test_complete_assessment_with_factors(assessment, manager):
    done = complete(assessment, authorised_by=manager, internal_review_date=dt.date(2019, 2, 14))
    stored = Assessment.objects.get()
    assert stored.authorised_on == DONE
    assert stored.outcome == "cin_plan"
    assert sorted(AssessmentFactor.objects.values_list("code", flat=True)) == ["3A", "4B"]
    assert done.is_complete


def test_no_factors_identified_on_its_own(assessment):
    complete(assessment, factors=["21"], outcome=AssessmentOutcome.NFA, seen_alone=False)
    assert list(AssessmentFactor.objects.values_list("code", flat=True)) == ["21"]


def test_factors_are_required(assessment):
    with refused("factors") as excinfo:
        complete(assessment, factors=[])
    assert "8897Q" in message(excinfo, "factors")


def test_factor_21_stands_alone(assessment):
    with refused("factors") as excinfo:
        complete(assessment, factors=["21", "3A"])
    assert "8869" in message(excinfo, "factors")
    assert "3A" in message(excinfo, "factors")


def test_factors_not_repeated(assessment):
    with refused("factors") as excinfo:
        complete(assessment, factors=["3A", "3A"])
    assert "8898" in message(excinfo, "factors")


def test_factors_are_dfe_codes(assessment):
    with refused("factors"):
        complete(assessment, factors=["18A"])


def test_completion_not_before_start(assessment):
    with refused("authorised_on") as excinfo:
        complete(assessment, authorised_on=dt.date(2019, 1, 6))
    assert "8608" in message(excinfo, "authorised_on")


def test_completion_not_in_future(assessment):
    with refused("authorised_on"):
        complete(assessment, authorised_on=clock.today() + dt.timedelta(days=1))


def test_complete_only_once(assessment):
    complete(assessment)
    with refused("authorised_on"):
        complete(assessment, authorised_on=dt.date(2019, 3, 1))


def test_outcome_required(assessment):
    with refused("outcome"):
        complete(assessment, outcome="")


def test_seen_alone_implies_seen(assessment):
    with refused("seen_alone"):
        complete(assessment, child_seen=False, seen_alone=True)


def test_unborn_child_cannot_be_seen(make_child, worker):
    from safeguard.cin.services import open_referral

    unborn = make_child(date_of_birth=None, expected_date_of_birth=dt.date(2019, 6, 1))
    episode = open_referral(child=unborn, referral_date=REFERRAL, referral_source="3B")
    pre_birth = start_assessment(episode=episode, start_date=REFERRAL, worker=worker)
    with refused("child_seen"):
        complete(pre_birth)
    assert complete(pre_birth, child_seen=False, seen_alone=False).is_complete


def test_internal_review_within_assessment(assessment):
    with refused("internal_review_date"):
        complete(assessment, internal_review_date=dt.date(2019, 3, 1))
    with refused("internal_review_date"):
        complete(assessment, internal_review_date=dt.date(2019, 1, 6))


def test_late_reason_is_stored_not_computed(assessment):
    complete(assessment, late_reason="Father's contribution delayed by police bail conditions.")
    assert Assessment.objects.get().late_reason.startswith("Father's")


# --- closing the episode ------------------------------------------------------------------


def test_episode_cannot_close_with_open_assessment(assessment, manager):
    with refused("closure_date") as excinfo:
        close_cin_episode(
            episode=assessment.episode,
            closure_date=DONE,
            reason_for_closure="RC8",
            signed_off_by=manager,
            closure_summary="No further action.",
        )
    assert "8867" in message(excinfo, "closure_date")


def test_episode_with_assessment_is_not_referral_nfa(assessment):
    complete(assessment)
    with refused("referral_nfa") as excinfo:
        close_cin_episode(
            episode=assessment.episode,
            closure_date=DONE,
            reason_for_closure="RC8",
            referral_nfa=True,
        )
    assert "8831" in message(excinfo, "referral_nfa")


def test_closure_not_before_assessment_completion(assessment, manager):
    complete(assessment)
    kwargs = {
        "episode": assessment.episode,
        "reason_for_closure": "RC8",
        "signed_off_by": manager,
        "closure_summary": "No further action after assessment.",
    }
    with refused("closure_date") as excinfo:
        close_cin_episode(closure_date=dt.date(2019, 2, 27), **kwargs)
    assert "8565" in message(excinfo, "closure_date")
    assert close_cin_episode(closure_date=DONE, **kwargs).reason_for_closure == "RC8"
