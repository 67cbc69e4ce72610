"""Complaints, compliments and family feedback: the services' rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safeguard.audit.models import AuditEvent
from safeguard.care.models import PeriodOfCare
from safeguard.cin.models import CINEpisode
from safeguard.core import clock
from safeguard.core.calendar import add_months, add_working_days
from safeguard.quality.models import Complaint, ComplaintStage
from safeguard.quality.selectors import complaints as selectors
from safeguard.quality.selectors.feedback import (
    closures_without_feedback,
    next_six_monthly,
    six_monthly_due,
)
from safeguard.quality.services.complaints import (
    answer_complaint,
    escalate_complaint,
    record_complaint,
    record_compliment,
)
from safeguard.quality.services.feedback import record_feedback

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def _complaint(**overrides):
    values = {
        "kind": "formal",
        "received_on": clock.today() - 30 * DAY,
        "complainant_name": "Pat Parent",
        "complainant_relationship": "parent",
        "category": "delay",
        "summary": "The assessment took too long.",
    }
    values.update(overrides)
    return record_complaint(**values)


def _errors(exc: pytest.ExceptionInfo) -> dict:
    return exc.value.message_dict


def test_record_sets_stage_1_and_the_20_working_day_due_date(make_child):
    child = make_child()
    received = clock.today() - 10 * DAY
    complaint = _complaint(received_on=received, child=child)
    assert complaint.reference == f"CMP-{received.year}-0001"
    assert complaint.stage == ComplaintStage.LOCAL_RESOLUTION
    assert complaint.response_due_on == add_working_days(received, 20)
    assert complaint.within_timescale is None
    event = AuditEvent.objects.filter(object_id=str(complaint.pk)).get()
    assert event.child_id == child.pk
    assert _complaint().reference.endswith("0002")


def test_record_refuses_bad_input(make_child):
    with pytest.raises(ValidationError) as exc:
        _complaint(received_on=clock.today() + DAY)
    assert "received_on" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        _complaint(category="rudeness")
    assert "category" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        _complaint(complainant_name="  ")
    assert "complainant_name" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        _complaint(child=make_child(kind="adult"))
    assert "child" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        _complaint(stage="stage_2")
    assert "stage" in _errors(exc)


def test_answer_on_time_and_late():
    on_time = _complaint(received_on=clock.today() - 40 * DAY)
    answered = answer_complaint(
        complaint=on_time,
        responded_on=on_time.response_due_on,
        outcome="justified",
        response_summary="We apologised.",
        learning_points="Return calls within 2 days.",
    )
    assert answered.within_timescale is True
    late = _complaint(received_on=clock.today() - 60 * DAY)
    late = answer_complaint(
        complaint=late,
        responded_on=late.response_due_on + DAY,
        outcome="not_justified",
        response_summary="The decision stands.",
    )
    assert late.within_timescale is False
    assert selectors.status(late, clock.today()).label == "Answered late"
    with pytest.raises(ValidationError) as exc:
        answer_complaint(complaint=late, responded_on=clock.today(), outcome="justified",
                         response_summary="again")  # fmt: skip
    assert "already answered" in _errors(exc)["responded_on"][0]


def test_answer_rules():
    complaint = _complaint(received_on=clock.today() - 5 * DAY)
    with pytest.raises(ValidationError) as exc:
        answer_complaint(complaint=complaint, responded_on=clock.today() - 6 * DAY,
                         outcome="justified", response_summary="x")  # fmt: skip
    assert "responded_on" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        answer_complaint(complaint=complaint, responded_on=clock.today(), outcome="justified")
    assert "response_summary" in _errors(exc)
    withdrawn = answer_complaint(
        complaint=complaint, responded_on=clock.today(), outcome="withdrawn"
    )
    assert selectors.status(withdrawn, clock.today()).label == "Withdrawn"
    with pytest.raises(ValidationError):
        escalate_complaint(complaint=withdrawn, received_on=clock.today())


def test_escalation_through_the_stages():
    informal = _complaint(kind="informal", received_on=clock.today() - 200 * DAY)
    with pytest.raises(ValidationError) as exc:
        escalate_complaint(complaint=informal, received_on=clock.today())
    assert "Answer" in _errors(exc)["received_on"][0]
    records = [informal]
    for days_ago in (190, 150, 100, 50):
        answer_complaint(complaint=records[-1], responded_on=clock.today() - days_ago * DAY,
                         outcome="not_justified", response_summary="No.")  # fmt: skip
        asked = clock.today() - (days_ago - 1) * DAY
        records.append(escalate_complaint(complaint=records[-1], received_on=asked))
    stages = [(c.kind, c.stage) for c in records]
    assert stages == [
        ("informal", "stage_1"),
        ("formal", "stage_1"),
        ("formal", "stage_2"),
        ("formal", "stage_3"),
        ("formal", "ombudsman"),
    ]
    ombudsman = records[-1]
    assert ombudsman.response_due_on is None and ombudsman.previous == records[-2]
    assert selectors.status(ombudsman, clock.today()).label == "With the Ombudsman"
    assert [c.pk for c in selectors.chain(records[2])] == [c.pk for c in records]
    with pytest.raises(ValidationError):
        escalate_complaint(complaint=records[1], received_on=clock.today())  # already escalated
    answer_complaint(complaint=ombudsman, responded_on=clock.today(), outcome="not_justified",
                     response_summary="The Ombudsman found no fault.")  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        escalate_complaint(
            complaint=Complaint.objects.get(pk=ombudsman.pk), received_on=clock.today()
        )
    assert "last stage" in _errors(exc)["received_on"][0]


def test_overdue_and_awaiting():
    today = clock.today()
    overdue = _complaint(received_on=today - 60 * DAY)
    fresh = _complaint(received_on=today)
    assert set(selectors.awaiting_response()) == {overdue, fresh}
    assert list(selectors.overdue(today)) == [overdue]
    assert selectors.status(overdue, today).label == "Overdue"


def test_compliment_takes_the_workers_team(make_worker):
    worker = make_worker()
    compliment = record_compliment(
        received_on=clock.today(), received_from="A foster carer", summary="Brilliant.",
        worker=worker,
    )  # fmt: skip
    assert compliment.team == worker.team
    with pytest.raises(ValidationError) as exc:
        record_compliment(received_on=clock.today(), received_from="", summary="x")
    assert "received_from" in _errors(exc)


def _episode(child, *, days_ago: int, closed_days_ago: int | None = None):
    today = clock.today()
    return CINEpisode.objects.create(
        child=child,
        referral_date=today - days_ago * DAY,
        referral_source="2A",
        closure_date=None if closed_days_ago is None else today - closed_days_ago * DAY,
    )


ANSWERS = {"clear_information": "agree", "able_to_talk": "agree", "listened_to": "neither",
           "involved": "disagree", "made_difference": "agree"}  # fmt: skip


def test_feedback_links_the_episode_the_occasion_implies(make_child):
    child = make_child()
    closed = _episode(child, days_ago=400, closed_days_ago=300)
    current = _episode(child, days_ago=100)
    six = record_feedback(child=child, occasion="six_monthly", received_on=clock.today(),
                          respondent="parent", answers=ANSWERS)  # fmt: skip
    assert six.episode == current
    at_closure = record_feedback(
        child=child, occasion="closure", received_on=clock.today(), respondent="parent",
        answers={"made_difference": "agree"},
    )  # fmt: skip
    assert at_closure.episode == closed
    assert AuditEvent.objects.filter(object_id=str(six.pk), child_id=child.pk).exists()


def test_feedback_rules(make_child):
    child = make_child()
    with pytest.raises(ValidationError) as exc:
        record_feedback(child=child, occasion="six_monthly", received_on=clock.today(),
                        respondent="parent", answers=ANSWERS)  # fmt: skip
    assert "occasion" in _errors(exc)  # no episode open
    open_episode = _episode(child, days_ago=50)
    with pytest.raises(ValidationError) as exc:
        record_feedback(child=child, occasion="closure", received_on=clock.today(),
                        respondent="parent", answers=ANSWERS, episode=open_episode)  # fmt: skip
    assert "occasion" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        record_feedback(child=child, occasion="six_monthly", received_on=clock.today(),
                        respondent="parent", answers={})  # fmt: skip
    assert "clear_information" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        record_feedback(child=child, occasion="six_monthly", received_on=clock.today(),
                        respondent="parent", answers={"listened_to": "maybe"})  # fmt: skip
    assert "listened_to" in _errors(exc)
    other = make_child()
    with pytest.raises(ValidationError) as exc:
        record_feedback(child=other, occasion="six_monthly", received_on=clock.today(),
                        respondent="parent", answers=ANSWERS, episode=open_episode)  # fmt: skip
    assert "episode" in _errors(exc)


def test_six_monthly_due_and_closures_without_feedback(make_child):
    today = clock.today()
    new_case, old_case, in_care, closed = (make_child() for _ in range(4))
    _episode(new_case, days_ago=30)
    old = _episode(old_case, days_ago=400)
    period = PeriodOfCare.objects.create(child=in_care, started_on=today - 200 * DAY)
    gone = _episode(closed, days_ago=300, closed_days_ago=3)
    due = {d.child.pk: d for d in six_monthly_due(today)}
    assert set(due) == {new_case.pk, old_case.pk, in_care.pk}
    assert due[new_case.pk].due == add_months(today - 30 * DAY, 6)
    assert due[in_care.pk].period_of_care == period
    record_feedback(child=old_case, occasion="six_monthly", received_on=today - 10 * DAY,
                    respondent="carer", answers=ANSWERS)  # fmt: skip
    due = {d.child.pk: d for d in six_monthly_due(today)}
    assert due[old_case.pk].due == add_months(today - 10 * DAY, 6)
    assert due[old_case.pk].episode == old and due[old_case.pk].last_feedback == today - 10 * DAY
    # a six-month point missed more than four weeks ago gives way to the next one
    assert next_six_monthly(today - 200 * DAY, today) == add_months(today - 200 * DAY, 6)
    assert next_six_monthly(today - 250 * DAY, today) == add_months(today - 250 * DAY, 12)
    [closure] = closures_without_feedback(today)
    assert closure.episode == gone and closure.due == today - 3 * DAY
    record_feedback(child=closed, occasion="closure", received_on=today, respondent="parent",
                    answers=ANSWERS)  # fmt: skip
    assert closures_without_feedback(today) == []
