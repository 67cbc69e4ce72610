"""The audit pages through the test client: plan, complete, moderate, the worker's action,
who may see what, the audit log of every page that names a child, the report downloads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.audit.models import AuditEvent
from safeguard.core import clock
from safeguard.quality.models import AuditDomain, CaseAudit, CaseAuditAction
from safeguard.quality.tests.conftest import date_fields

pytestmark = pytest.mark.django_db
TODAY = clock.today()


def url(name: str, **kwargs) -> str:
    return reverse(f"quality:{name}", kwargs=kwargs)


def audit_data(score: str = "6") -> dict[str, str]:
    data = {
        "grade": "requires_improvement",
        "strengths": "The child was seen alone.",
        "areas_for_development": "Risk analysis is thin.",
        **date_fields("completed_on", TODAY),
    }
    for d in AuditDomain.values:
        data[f"score_{d}"] = score
        data[f"evidence_{d}"] = f"Seen in {d}."
    return data


def test_from_plan_to_action_done(
    qa_client, qa_user, allocated_child, social_worker_user, client_for
):
    page = qa_client.get(url("audit_plan"))
    assert page.status_code == 200
    response = qa_client.post(
        url("audit_plan"),
        {
            "child": allocated_child.la_child_id,
            "kind": "case_audit",
            "auditor": str(qa_user.worker.pk),
            **date_fields("programme_month", TODAY),
            **date_fields("due_on", TODAY + dt.timedelta(days=5)),
        },
    )
    audit = CaseAudit.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "audit_detail", audit_id=audit.pk
    )
    assert audit.reference in qa_client.get(url("audit_programme")).content.decode()
    assert audit.reference in qa_client.get(url("audit_mine")).content.decode()

    bad = qa_client.post(
        url("audit_complete", audit_id=audit.pk),
        {**audit_data(), "score_voice": "", "version": audit.version},
    )
    assert bad.status_code == 200 and "govuk-error-summary" in bad.content.decode()
    done = qa_client.post(
        url("audit_complete", audit_id=audit.pk), {**audit_data(), "version": audit.version}
    )
    assert done.status_code == 302
    audit.refresh_from_db()
    assert audit.completed_on == TODAY and audit.scores.count() == 7

    qa_client.post(
        url("audit_add_action", audit_id=audit.pk),
        {"action": "Update the chronology", "worker": str(social_worker_user.worker.pk),
         **date_fields("due_on", TODAY + dt.timedelta(days=14))},
    )  # fmt: skip
    action = CaseAuditAction.objects.get()

    moderated = qa_client.post(
        url("audit_moderate", audit_id=audit.pk),
        {"agreed": "no", "grade": "good", "reason": "Better than scored.",
         "version": CaseAudit.objects.get().version, **date_fields("moderated_on", TODAY)},
    )  # fmt: skip
    assert moderated.status_code == 302
    assert CaseAudit.objects.get().moderated_grade == "good"

    worker = client_for(social_worker_user)
    mine = worker.get(url("audit_my_actions")).content.decode()
    assert "Update the chronology" in mine
    response = worker.post(
        url("audit_action_done", action_id=action.pk),
        {"note": "Chronology brought up to date.", **date_fields("completed_on", TODAY)},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.completed_on == TODAY

    detail = qa_client.get(url("audit_detail", audit_id=audit.pk)).content.decode()
    assert "Chronology brought up to date." in detail and "Good" in detail
    views = AuditEvent.objects.filter(action="view", child_id=allocated_child.pk)
    assert views.filter(summary__startswith="Viewed case audit").exists()


def test_an_auditor_sees_only_their_own_audits(
    make_audit, team_manager_user, client_for, make_worker
):
    from safeguard.access.testing.world import make_user

    other = make_user("other.manager", "team_manager")
    make_worker(role="team_manager", user=other)
    audit = make_audit(auditor=team_manager_user.worker, kind="dip_sample")
    assert (
        client_for(team_manager_user).get(url("audit_detail", audit_id=audit.pk)).status_code == 200
    )
    stranger = client_for(other)
    assert stranger.get(url("audit_detail", audit_id=audit.pk)).status_code == 403
    assert stranger.get(url("audit_complete", audit_id=audit.pk)).status_code == 403
    assert stranger.get(url("audit_programme")).status_code == 403


def test_someone_elses_action_is_refused(
    make_audit, qa_user, social_worker_user, team_manager_user, client_for
):
    from safeguard.quality.services.audits import add_action

    action = add_action(
        audit=make_audit(), action="Do it", worker=social_worker_user.worker, due_on=TODAY
    )
    response = client_for(team_manager_user).get(url("audit_action_done", action_id=action.pk))
    assert response.status_code == 403


def test_report_page_and_downloads(qa_client, make_audit):
    page = qa_client.get(url("audit_report"), {"period": f"{TODAY:%Y-%m}"})
    assert page.status_code == 200
    assert qa_client.get(url("audit_report"), {"period": "June"}).status_code == 400
    csv = qa_client.get(url("audit_report_export", fmt="csv"), {"period": f"{TODAY:%Y-%m}"})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert "Average score (OBA3-02)" in csv.content.decode()
    assert qa_client.get(url("audit_report_export", fmt="xls")).status_code == 404
    assert AuditEvent.objects.filter(action="download").exists()


def test_judgement_page(qa_client):
    from safeguard.core.quarters import FinancialQuarter

    quarter = FinancialQuarter.containing(TODAY)
    response = qa_client.post(
        url("audit_judgements"), {"quarter": quarter.code, "rating": "3", "rationale": "Solid RI."}
    )
    assert response.status_code == 302
    assert "Solid RI." in qa_client.get(url("audit_judgements")).content.decode()
