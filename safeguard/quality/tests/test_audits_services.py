"""The audit programme's services: plan, complete, set actions, moderate, complete actions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safeguard.audit.models import AuditEvent
from safeguard.core import clock
from safeguard.core.quarters import FinancialQuarter
from safeguard.quality.models import CaseAudit, Grade, PracticeTheme
from safeguard.quality.selectors import audits as selectors
from safeguard.quality.services import audits as services
from safeguard.quality.services.audits_judgement import record_judgement
from safeguard.quality.tests.conftest import all_scores

pytestmark = pytest.mark.django_db
TODAY = clock.today()


def _fields(exc: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return set(exc.value.message_dict)


def test_plan_names_the_worker_and_numbers_the_audit(make_audit, social_worker_user):
    audit = make_audit()
    assert audit.reference == f"CA-{TODAY.year}-0001"
    assert audit.practitioner == social_worker_user.worker
    assert make_audit().reference == f"CA-{TODAY.year}-0002"
    assert AuditEvent.objects.filter(child_id=audit.child_id, object_id=str(audit.pk)).exists()


def test_plan_refuses_a_child_without_social_care_involvement(make_audit, make_child):
    with pytest.raises(ValidationError) as exc:
        make_audit(child=make_child())
    assert _fields(exc) == {"child"}


def test_a_dip_sample_is_a_managers(make_audit, team_manager_user):
    with pytest.raises(ValidationError) as exc:
        make_audit(kind="dip_sample")  # the QA officer
    assert _fields(exc) == {"auditor"}
    assert make_audit(kind="dip_sample", auditor=team_manager_user.worker).kind == "dip_sample"


def test_a_social_worker_cannot_audit(make_audit, social_worker_user):
    with pytest.raises(ValidationError) as exc:
        make_audit(auditor=social_worker_user.worker)
    assert _fields(exc) == {"auditor"}


def test_grouped_kinds_need_their_group(make_audit):
    with pytest.raises(ValidationError) as exc:
        make_audit(kind="thematic")
    assert _fields(exc) == {"group"}
    group = services.create_group(kind="thematic", theme="Absent fathers", programme_month=TODAY)
    services.add_participant(group=group, agency="Health", name="Dr Patel", role_title="GP")
    audit = make_audit(kind="thematic", group=group)
    assert audit.group == group and group.participants.count() == 1
    with pytest.raises(ValidationError):
        make_audit(kind="multi_agency", group=group)


def test_due_date_not_before_the_month(make_audit):
    with pytest.raises(ValidationError) as exc:
        make_audit(due_on=TODAY.replace(day=1) - dt.timedelta(days=1))
    assert _fields(exc) == {"due_on"}


def test_complete_needs_every_domain_and_the_judgement(make_audit):
    audit = make_audit()
    scores = all_scores()
    del scores["impact"]
    kwargs = {"grade": Grade.GOOD, "strengths": "s", "areas_for_development": "a"}
    with pytest.raises(ValidationError) as exc:
        services.complete_audit(audit=audit, scores=scores, **kwargs)
    assert _fields(exc) == {"score_impact"}
    with pytest.raises(ValidationError) as exc:
        services.complete_audit(audit=audit, scores={**all_scores(), "voice": (11, "")}, **kwargs)
    assert _fields(exc) == {"score_voice"}
    with pytest.raises(ValidationError) as exc:
        services.complete_audit(audit=audit, scores=all_scores(), **{**kwargs, "grade": "x"})
    assert _fields(exc) == {"grade"}
    theme = PracticeTheme.objects.first()
    done = services.complete_audit(audit=audit, scores=all_scores(7), themes=[theme], **kwargs)
    assert done.completed_on == TODAY and done.scores.count() == 7
    assert list(done.themes.all()) == [theme]
    with pytest.raises(ValidationError):
        services.complete_audit(audit=done, scores=all_scores(), **kwargs)


def _completed(make_audit, grade=Grade.REQUIRES_IMPROVEMENT):
    return services.complete_audit(
        audit=make_audit(),
        scores=all_scores(5),
        grade=grade,
        strengths="Child seen alone.",
        areas_for_development="Analysis of risk.",
    )


def test_moderation_agrees_or_changes_with_a_reason(make_audit, qa_user):
    audit = make_audit()
    with pytest.raises(ValidationError) as exc:
        services.moderate_audit(audit=audit, by=qa_user, agreed=True)
    assert _fields(exc) == {"agreed"}  # not completed yet
    audit = _completed(make_audit)
    with pytest.raises(ValidationError) as exc:
        services.moderate_audit(audit=audit, by=qa_user, agreed=False, grade=Grade.GOOD)
    assert _fields(exc) == {"reason"}
    with pytest.raises(ValidationError) as exc:
        services.moderate_audit(
            audit=audit, by=qa_user, agreed=False, grade=audit.grade, reason="r"
        )
    assert _fields(exc) == {"grade"}
    moderated = services.moderate_audit(
        audit=audit, by=qa_user, agreed=False, grade=Grade.INADEQUATE, reason="Drift."
    )
    assert moderated.final_grade == Grade.INADEQUATE and moderated.moderated_by == qa_user
    agreed = services.moderate_audit(audit=_completed(make_audit), by=qa_user, agreed=True)
    assert agreed.moderated_grade == Grade.REQUIRES_IMPROVEMENT


def test_actions_are_set_completed_and_overdue(make_audit, social_worker_user):
    audit = _completed(make_audit)
    worker = social_worker_user.worker
    with pytest.raises(ValidationError) as exc:
        services.add_action(audit=audit, action="", worker=worker, due_on=TODAY)
    assert _fields(exc) == {"action"}
    action = services.add_action(
        audit=audit, action="Update the chronology", worker=worker, due_on=TODAY
    )
    assert list(selectors.open_actions_for(worker)) == [action]
    assert selectors.overdue_actions(TODAY + dt.timedelta(days=1)).get() == action
    with pytest.raises(ValidationError) as exc:
        services.complete_action(action=action, note=" ")
    assert _fields(exc) == {"note"}
    done = services.complete_action(action=action, note="Chronology updated.")
    assert done.completed_on == TODAY
    assert not selectors.open_actions_for(worker).exists()


def test_cancel_only_before_completion(make_audit):
    audit = services.cancel_audit(audit=make_audit(), reason="Case closed.")
    assert selectors.status(audit) == "Cancelled"
    with pytest.raises(ValidationError):
        services.cancel_audit(audit=_completed(make_audit), reason="r")


def test_auditor_access_window(make_audit, qa_user, allocated_child):
    audit = make_audit()
    worker = qa_user.worker
    assert selectors.is_auditing(worker, allocated_child)
    CaseAudit.objects.filter(pk=audit.pk).update(completed_on=TODAY - dt.timedelta(days=10))
    assert selectors.is_auditing(worker, allocated_child)
    CaseAudit.objects.filter(pk=audit.pk).update(completed_on=TODAY - dt.timedelta(days=31))
    assert not selectors.is_auditing(worker, allocated_child)


def test_the_auditor_opens_the_childs_record_while_auditing(make_audit, qa_user, allocated_child):
    from safeguard.access.selectors import child_access, children_visible_to

    assert not child_access(qa_user, allocated_child).allowed
    make_audit()
    qa_user = type(qa_user).objects.get(pk=qa_user.pk)  # the worker cache is per object
    access = child_access(qa_user, allocated_child)
    assert access.allowed
    assert allocated_child in children_visible_to(qa_user)


def test_service_judgement_is_one_per_quarter():
    quarter = FinancialQuarter.containing(TODAY).previous()
    record_judgement(quarter=quarter, rating=3, rationale="Solid RI.")
    again = record_judgement(quarter=quarter, rating=2, rationale="Heading to good.")
    assert again.rating == 2
    with pytest.raises(ValidationError) as exc:
        record_judgement(quarter=quarter, rating=5, rationale="x")
    assert _fields(exc) == {"rating"}
    with pytest.raises(ValidationError):
        record_judgement(quarter=FinancialQuarter.containing(TODAY).next(), rating=3, rationale="x")
